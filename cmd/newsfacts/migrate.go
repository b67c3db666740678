package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strconv"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
)

const migrateUsage = `Usage: newsfacts migrate COMMAND

Commands:
  up           apply every migration not yet applied (creates the database if it is missing)
  down [N|all] undo the latest N migrations (default 1), or all of them
  version      print the schema version of the database and the one this binary needs
  force V      mark version V as applied and clean, after repairing a failed migration by hand

The database is DATABASE_URL (default ` + defaultDatabaseURL + `).
`

// runMigrate implements `newsfacts migrate`.
func runMigrate(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	// -h prints the usage once, to stdout, below; bad arguments print it to stderr.
	fs.Usage = func() {}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.stdout, migrateUsage)
		return errUsage
	} else if err != nil {
		return setupErrorf("migrate: %v", err)
	}
	args = fs.Args()
	bad := func(format string, a ...any) error {
		fmt.Fprint(env.stderr, migrateUsage)
		return setupErrorf("migrate: "+format, a...)
	}
	if len(args) == 0 {
		return bad("a command is required: up, down, version or force")
	}
	url := env.databaseURL()
	switch cmd, rest := args[0], args[1:]; cmd {
	case "up":
		if len(rest) > 0 {
			return bad("up takes no arguments, got %q", rest)
		}
		if err := postgres.Migrate(ctx, url); err != nil {
			return migrateError(err)
		}
	case "down":
		n := 1
		switch {
		case len(rest) > 1:
			return bad("down takes at most one argument, got %q", rest)
		case len(rest) == 1 && rest[0] == "all":
			n = 0
		case len(rest) == 1:
			v, err := strconv.Atoi(rest[0])
			if err != nil || v < 1 {
				return bad("down N needs a positive number or \"all\", got %q", rest[0])
			}
			n = v
		}
		if err := postgres.MigrateDown(ctx, url, n); err != nil {
			return migrateError(err)
		}
	case "force":
		if len(rest) != 1 {
			return bad("force needs exactly one version, got %q", rest)
		}
		v, err := strconv.Atoi(rest[0])
		if err != nil || v < -1 {
			return bad("force V needs a version number (or -1 for none), got %q", rest[0])
		}
		if err := postgres.MigrateForce(ctx, url, v); err != nil {
			return migrateError(err)
		}
	case "version":
		if len(rest) > 0 {
			return bad("version takes no arguments, got %q", rest)
		}
	default:
		return bad("unknown command %q", cmd)
	}
	v, dirty, err := postgres.MigrateVersion(ctx, url)
	if err != nil {
		return migrateError(err)
	}
	state := ""
	if dirty {
		state = fmt.Sprintf(" (dirty: fix it and run `newsfacts migrate force %d`)", v)
	}
	fmt.Fprintf(env.stdout, "schema version %d%s; this binary needs %d\n", v, state, postgres.SchemaVersion)
	return nil
}

// migrateError makes a failure to reach or use the database a setup error (exit 2) that names
// the problem; anything else stays an ordinary failure.
func migrateError(err error) error {
	switch facts.ErrorCode(err) {
	case facts.EUNAVAILABLE, facts.EINVALID:
		return setupErrorf("migrate: %s", facts.ErrorMessage(err))
	}
	return fmt.Errorf("migrate: %w", err)
}
