package main

import (
	"context"
	"errors"
	"flag"
	"fmt"

	"github.com/newsfacts/newsfacts/internal/facts"
)

const mergeUsage = `Usage: newsfacts merge FROM INTO

Merges entity FROM into entity INTO, in one transaction: every mention, statement, exercise
host and participant, name and affiliation of FROM becomes INTO's, INTO's counts, title and
affiliation are recomputed, and FROM is deleted. FROM keeps answering on the API with a 301
to INTO, and later articles that name FROM are saved as INTO.

The database is DATABASE_URL (default ` + defaultDatabaseURL + `).
`

// runMerge implements `newsfacts merge`.
func runMerge(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {}
	if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(env.stdout, mergeUsage)
		return errUsage
	} else if err != nil {
		return setupErrorf("merge: %v", err)
	}
	if fs.NArg() != 2 {
		fmt.Fprint(env.stderr, mergeUsage)
		return setupErrorf("merge: want two entity ids, FROM and INTO, got %q", fs.Args())
	}
	from, into := fs.Arg(0), fs.Arg(1)
	store, pool, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer pool.Close()
	if err := store.MergeEntities(ctx, from, into); err != nil {
		if code := facts.ErrorCode(err); code == facts.EINVALID || code == facts.ENOTFOUND {
			return fmt.Errorf("merge: %s", facts.ErrorMessage(err))
		}
		return fmt.Errorf("merge: %w", err)
	}
	fmt.Fprintf(env.stderr, "merged %s into %s\n", from, into)
	return nil
}
