// Command newsfacts extracts facts from news articles, stores them in PostgreSQL and serves them
// over HTTP. Run `newsfacts -h` for the subcommands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

const usage = `newsfacts turns news articles into structured, source-grounded facts.

Usage:
  newsfacts serve   [--addr :8080]                      serve the JSON API
  newsfacts ingest  [flags] PATH...                     extract and store articles
  newsfacts extract [--title T] [--published-at D] FILE|-   print one article's facts as JSON
  newsfacts migrate up|down [N]|version|force V         manage the database schema
  newsfacts merge FROM INTO                             merge entity FROM into INTO (FROM redirects)
  newsfacts healthcheck [--url U]                       exit 0 when a server answers ready

Every subcommand that touches the database reads DATABASE_URL
(default postgres://postgres@127.0.0.1:5432/newsfacts?sslmode=disable).
Run 'newsfacts COMMAND -h' for a command's flags.
`

// Exit codes.
const (
	exitFailure = 1 // the command ran and something failed
	exitSetup   = 2 // the command could not start: bad flags, bad configuration, no database
)

// exitError carries the exit code an error should end the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// setupErrorf returns an error that ends the process with exitSetup.
func setupErrorf(format string, args ...any) error {
	return &exitError{code: exitSetup, err: fmt.Errorf(format, args...)}
}

// errUsage is returned after usage has been printed at the user's request (-h).
var errUsage = errors.New("usage")

// flagError turns a flag.FlagSet.Parse error into the command's result: -h is a request for
// usage (exit 0), anything else a setup error (exit 2). The FlagSet has printed its usage.
func flagError(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return errUsage
	}
	return &exitError{code: exitSetup, err: err}
}

func main() {
	err := run(signalContext(), os.Args, os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	os.Exit(exitCode(err, os.Stderr))
}

// signalContext returns a context that the first SIGINT or SIGTERM cancels, with the signal
// as its cause, so that the command winds down; a second one kills the process.
func signalContext() context.Context {
	ctx, cancel := context.WithCancelCause(context.Background())
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		sig := <-signals
		signal.Stop(signals)
		cancel(signalError{sig})
	}()
	return ctx
}

// signalError is the cause of a context cancelled by a signal.
type signalError struct{ sig os.Signal }

func (e signalError) Error() string { return "received " + e.sig.String() }

// interruptedStatus returns the exit status of a command that ctx's cancellation stopped:
// 128 + the signal's number, as shells report it (130 for Ctrl-C, 143 for SIGTERM), and 130
// when no signal is known.
func interruptedStatus(ctx context.Context) int {
	var se signalError
	if errors.As(context.Cause(ctx), &se) {
		if n, ok := se.sig.(syscall.Signal); ok {
			return 128 + int(n)
		}
	}
	return exitInterrupted
}

// exitCode prints err (if any) and returns the process exit code for it.
func exitCode(err error, stderr io.Writer) int {
	if err == nil || errors.Is(err, errUsage) {
		return 0
	}
	fmt.Fprintln(stderr, "newsfacts:", err)
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return exitFailure
}

// run is the whole program; main only wires the process to it, and tests call it directly.
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return setupErrorf("a command is required")
	}
	env := environment{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr}
	cmd, rest := args[1], args[2:]
	switch cmd {
	case "serve":
		return runServe(ctx, env, rest)
	case "ingest":
		return runIngest(ctx, env, rest)
	case "extract":
		return runExtract(ctx, env, rest)
	case "migrate":
		return runMigrate(ctx, env, rest)
	case "merge":
		return runMerge(ctx, env, rest)
	case "healthcheck":
		return runHealthcheck(ctx, env, rest)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return errUsage
	default:
		fmt.Fprint(stderr, usage)
		return setupErrorf("unknown command %q", cmd)
	}
}

// environment is what a subcommand may read from the process: variables only through getenv.
type environment struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// lookup returns the variable's value, or def when it is unset or empty.
func (e environment) lookup(name, def string) string {
	if v := e.getenv(name); v != "" {
		return v
	}
	return def
}

// defaultDatabaseURL is used when DATABASE_URL is unset.
const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/newsfacts?sslmode=disable"

// databaseURL returns DATABASE_URL or its default.
func (e environment) databaseURL() string { return e.lookup("DATABASE_URL", defaultDatabaseURL) }
