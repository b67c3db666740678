package main

import (
	"context"
	"encoding/json"
	"flag"
	"io"
	"os"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// runExtract implements `newsfacts extract [--title T] [--published-at YYYY-MM-DD] FILE|-`:
// it prints one article's facts as indented JSON and touches no database.
func runExtract(ctx context.Context, env environment, args []string) error {
	fs := flag.NewFlagSet("extract", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	title := fs.String("title", "", "the article's title")
	published := fs.String("published-at", "", "the article's publication day, YYYY-MM-DD (resolves \"on Wednesday\")")
	maxBytes := fs.Int("max-bytes", extract.DefaultMaxBytes, "largest accepted article body, in bytes")
	fs.Usage = func() {
		io.WriteString(env.stderr, "Usage: newsfacts extract [--title T] [--published-at YYYY-MM-DD] FILE|-\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err == flag.ErrHelp {
		return errUsage
	} else if err != nil {
		return setupErrorf("extract: %v", err)
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return setupErrorf("extract: want exactly one FILE (or - for standard input), got %d", fs.NArg())
	}
	meta := facts.ArticleMeta{Title: *title}
	if *published != "" {
		d, err := facts.ParseDate(*published)
		if err != nil {
			return setupErrorf("extract: --published-at: %v", err)
		}
		meta.PublishedAt = &d
	}
	in := env.stdin
	if name := fs.Arg(0); name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return setupErrorf("extract: %v", err)
		}
		defer f.Close()
		in = f
	}
	// Read one byte past the limit: enough to know the body is too large without reading it all.
	raw, err := io.ReadAll(io.LimitReader(in, int64(*maxBytes)+1))
	if err != nil {
		return setupErrorf("extract: %v", err)
	}
	if len(raw) > *maxBytes {
		return setupErrorf("extract: article body is over the limit of %d bytes", *maxBytes)
	}
	body, err := extract.Normalize(string(raw), *maxBytes)
	if err != nil {
		return setupErrorf("extract: %s", facts.ErrorMessage(err))
	}
	x, err := extract.Facts(body, meta, gazetteer.Default())
	if err != nil {
		return setupErrorf("extract: %s", facts.ErrorMessage(err))
	}
	enc := json.NewEncoder(env.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(api.ExtractionJSON(x))
}
