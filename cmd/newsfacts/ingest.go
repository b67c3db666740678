package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
)

const ingestUsage = `Usage: newsfacts ingest [flags] PATH...
       newsfacts ingest --reextract [flags]

Extracts facts from articles and stores them in the database at DATABASE_URL, each article in
one transaction: re-ingesting the same text changes nothing, a known url with a new text
replaces that article's facts.

PATH is a .txt or .md article (optional front matter between "---" lines: title, url, source,
published_at), a .jsonl file (one JSON object per line: title, url, source, published_at,
body), a directory (walked for those, in name order; symbolic links to directories inside
it are not followed) or - (standard input: one article, or JSON lines with --jsonl). Flags may come
before or after the paths.

A bad article is reported on stderr as PATH[:LINE]: PROBLEM and skipped. On a terminal a
progress bar shows rate and ETA; otherwise (or with --json) a JSON summary is written to
stdout. The last line on stderr counts the outcomes. Ctrl-C stops taking articles and rolls
back those being saved (an article whose COMMIT was already sent is stored and counted), so
the counts stay exact; a second Ctrl-C kills the process at once.

Commits do not wait for the database server to flush them to disk (unless --sync-commit):
several times faster, and each article is still all or nothing, but a crash of the server
itself may forget the articles of its last second. Ingest is idempotent: run it again.

Exit status: 0 all stored, 1 some article failed, 2 nothing could start (bad flags, database
unreachable or its schema behind), 130 interrupted by Ctrl-C (143 by SIGTERM).

Flags:
`

// exitInterrupted is the conventional status of a command stopped by Ctrl-C (128 + SIGINT);
// SIGTERM gives 143 (interruptedStatus).
const exitInterrupted = 130

// maxReportedFailures bounds the failures kept for the JSON summary, so that a corpus of bad
// lines cannot grow memory; the rest are counted and were printed on stderr.
const maxReportedFailures = 1000

// ingestFlags are the parsed flags of `newsfacts ingest`.
type ingestFlags struct {
	title, url, source, publishedAt string
	workers, maxBytes               int
	json, jsonl, reextract          bool
	syncCommit                      bool
}

// runIngest implements `newsfacts ingest`.
// ingestGCPercent is ingest's garbage-collection target when GOGC is unset (Go's default: 100).
const ingestGCPercent = 400

func runIngest(ctx context.Context, env environment, args []string) error {
	var f ingestFlags
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), ingestUsage)
		fs.PrintDefaults()
	}
	fs.StringVar(&f.title, "title", "", "title of the single article (default: front matter, else its first line)")
	fs.StringVar(&f.url, "url", "", "url of the single article")
	fs.StringVar(&f.source, "source", "", "source (publisher) of the single article")
	fs.StringVar(&f.publishedAt, "published-at", "", "publication date of the single article, YYYY-MM-DD")
	fs.IntVar(&f.workers, "workers", runtime.NumCPU(), "articles saved at once, and as many extracted ahead of them")
	fs.IntVar(&f.maxBytes, "max-bytes", extract.DefaultMaxBytes, "size limit of one article's body, in bytes")
	fs.BoolVar(&f.json, "json", false, "write the JSON summary to stdout and no progress bar, even on a terminal")
	fs.BoolVar(&f.jsonl, "jsonl", false, "read standard input (-) as JSON lines, one article each")
	fs.BoolVar(&f.reextract, "reextract", false, "extract again the stored articles an older extractor version produced")
	fs.BoolVar(&f.syncCommit, "sync-commit", false, "wait for each article's commit to reach the disk (slower; see above)")

	paths, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return errUsage
	} else if err != nil {
		return setupErrorf("ingest: %v", err)
	}
	ropt, err := f.readOptions(env, paths)
	if err != nil {
		// One line that names the mistake; the usage would bury it.
		return setupErrorf("ingest: %v (see 'newsfacts ingest -h')", err)
	}

	store, pool, err := openStore(ctx, env)
	if err != nil {
		return err
	}
	defer pool.Close()
	if env.getenv("GOGC") == "" {
		// Ingest keeps little alive (a few articles per worker) but allocates a lot per article,
		// so the default target collected every few megabytes and the collector took a third
		// of ingest's own CPU. Four times the target costs about 10 MB of RSS. GOGC in the
		// environment still decides.
		defer debug.SetGCPercent(debug.SetGCPercent(ingestGCPercent))
	}
	if !f.syncCommit {
		store = store.WithAsyncCommit()
	}

	var src iter.Seq[ingest.Item]
	total := -1
	if f.reextract {
		src = ingest.Stale(ctx, store)
	} else {
		src = ingest.Files(paths, ropt)
	}
	rep := newReporter(env, f.json)
	switch {
	case rep.terminal && f.reextract:
		if n, err := store.CountStale(ctx, facts.ExtractorVersion); err == nil {
			total = n
		}
	case rep.terminal:
		total = ingest.Count(paths, f.jsonl)
	}
	rep.start(total)

	sum := ingest.Run(ctx, store, src, ingest.Options{
		Workers:   f.workers,
		MaxBytes:  f.maxBytes,
		Gazetteer: gazetteer.Default(),
		OnOutcome: rep.outcome,
	})
	if err := rep.finish(sum); err != nil {
		return err
	}
	switch {
	case sum.Err != nil:
		fmt.Fprintln(env.stderr, sum.Err)
		return &exitError{code: exitFailure, err: errors.New(sum.String())}
	case sum.Interrupted:
		return &exitError{code: interruptedStatus(ctx), err: fmt.Errorf("interrupted: %s", sum)}
	case sum.Failed > 0:
		return &exitError{code: exitFailure, err: errors.New(sum.String())}
	}
	fmt.Fprintln(env.stderr, sum)
	return nil
}

// parseInterspersed parses flags that may come before, between or after the positional
// arguments (`ingest seeds/ --workers 4`), which flag.FlagSet alone stops at; after "--" every
// argument is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var paths []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(paths, rest...), nil
		}
		if len(rest) == 0 {
			return paths, nil
		}
		paths = append(paths, rest[0])
		args = rest[1:]
	}
}

// readOptions checks the flags against the paths and returns how to read them.
func (f ingestFlags) readOptions(env environment, paths []string) (ingest.ReadOptions, error) {
	ropt := ingest.ReadOptions{Stdin: env.stdin, JSONL: f.jsonl, MaxBytes: f.maxBytes}
	switch {
	case f.workers < 1:
		return ropt, fmt.Errorf("--workers must be at least 1, got %d", f.workers)
	case f.maxBytes < 1:
		return ropt, fmt.Errorf("--max-bytes must be at least 1, got %d", f.maxBytes)
	case f.reextract && len(paths) > 0:
		return ropt, fmt.Errorf("--reextract reads the stored articles and takes no PATH, got %d", len(paths))
	case !f.reextract && len(paths) == 0:
		return ropt, errors.New("a PATH is required (a file, a directory, or - for standard input)")
	}
	d, err := ingest.ParsePublishedAt(f.publishedAt)
	if err != nil {
		return ropt, fmt.Errorf("--published-at: %v", err)
	}
	ropt.Override = facts.ArticleMeta{Title: f.title, URL: f.url, Source: f.source, PublishedAt: d}
	if ropt.Override == (facts.ArticleMeta{}) {
		return ropt, nil
	}
	if f.reextract || len(paths) != 1 || !singleArticle(paths[0], f.jsonl) {
		return ropt, errors.New("--title, --url, --source and --published-at describe one article: give one .txt or .md file, or - without --jsonl")
	}
	return ropt, nil
}

// singleArticle reports whether path holds exactly one article.
func singleArticle(path string, jsonl bool) bool {
	if path == "-" {
		return !jsonl
	}
	info, err := os.Stat(path)
	if err != nil {
		return true // reading it will report the problem
	}
	return !info.IsDir() && !strings.EqualFold(filepath.Ext(path), ".jsonl")
}

// reporter shows a run to the user: failures on stderr, a progress bar on a terminal, and a
// JSON summary on stdout otherwise.
type reporter struct {
	stdout, stderr io.Writer
	terminal       bool                     // stderr is a terminal and --json is off
	bar            *progressbar.ProgressBar // shown for runs of several articles on a terminal
	json           bool
	failures       []failureJSON
	omitted        int
}

// failureJSON is one failed article in the JSON summary.
type failureJSON struct {
	Where string `json:"where"`
	Code  string `json:"code"`
	Error string `json:"error"`
}

// summaryJSON is the machine-readable summary of a run.
type summaryJSON struct {
	ingest.Summary
	ElapsedSeconds    float64       `json:"elapsed_seconds"`
	ArticlesPerSecond float64       `json:"articles_per_second"`
	Failures          []failureJSON `json:"failures"`
	FailuresOmitted   int           `json:"failures_omitted"`
}

func newReporter(env environment, jsonFlag bool) *reporter {
	r := &reporter{stdout: env.stdout, stderr: env.stderr, json: true, failures: []failureJSON{}}
	if f, ok := env.stderr.(*os.File); ok && !jsonFlag && term.IsTerminal(int(f.Fd())) {
		r.json, r.terminal = false, true
	}
	return r
}

// start shows the bar for a run of total articles (-1: unknown); a single article needs none.
func (r *reporter) start(total int) {
	if !r.terminal || total == 0 || total == 1 {
		return
	}
	r.bar = progressbar.NewOptions64(int64(total),
		progressbar.OptionSetWriter(r.stderr),
		progressbar.OptionSetDescription("ingest"),
		progressbar.OptionShowCount(),
		progressbar.OptionShowIts(),
		progressbar.OptionSetItsString("articles"),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionSetElapsedTime(true),
		progressbar.OptionThrottle(100*time.Millisecond),
		progressbar.OptionFullWidth(),
		progressbar.OptionClearOnFinish(),
	)
}

// outcome records one finished article.
func (r *reporter) outcome(o ingest.Outcome) {
	if o.Err != nil {
		if r.bar != nil {
			_ = r.bar.Clear()
		}
		fmt.Fprintf(r.stderr, "%s: %v\n", o.Where, o.Err)
		if len(r.failures) < maxReportedFailures {
			r.failures = append(r.failures, failureJSON{Where: o.Where, Code: facts.ErrorCode(o.Err), Error: o.Err.Error()})
		} else {
			r.omitted++
		}
	}
	if r.bar != nil {
		_ = r.bar.Add(1)
	}
}

// finish clears the bar and writes the JSON summary when one is due.
func (r *reporter) finish(sum ingest.Summary) error {
	if r.bar != nil {
		_ = r.bar.Finish()
		_ = r.bar.Clear()
	}
	if !r.json {
		return nil
	}
	enc := json.NewEncoder(r.stdout)
	err := enc.Encode(summaryJSON{
		Summary:           sum,
		ElapsedSeconds:    sum.Elapsed.Seconds(),
		ArticlesPerSecond: sum.Rate(),
		Failures:          r.failures,
		FailuresOmitted:   r.omitted,
	})
	if err != nil {
		return fmt.Errorf("write summary: %w", err)
	}
	return nil
}
