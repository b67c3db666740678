// Command evalfacts scores the extractor on a directory of articles with gold facts
// (NAME.txt beside NAME.gold.json, the format of seeds/ and internal/extract/testdata):
//
//	go run ./cmd/evalfacts internal/extract/eval/dev
//	go run ./cmd/evalfacts -v internal/extract/eval/dev    # and every miss, article by article
//
// It prints precision, recall and F1 per category (entities, statements, attribution,
// exercises, participants, host, start month) and their micro average, then statements and
// their speakers split by kind (direct quotes, reported speech); see package eval for how each
// is counted. Without -v it prints numbers only, never a word of an article or its
// gold, so that a held-back set can be scored without being read.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/extract/eval"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

func main() {
	if err := run(os.Args, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "evalfacts:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet(args[0], flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "list gold-file problems and every miss and extra, article by article (never on a held-back set)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: evalfacts [-v] DIR...")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return fmt.Errorf("no directory given")
	}
	var total eval.Score
	var byKind eval.ByKind
	articles, goldProblems := 0, 0
	for _, dir := range fs.Args() {
		cases, err := eval.Load(filepath.Join(dir, "*.txt"))
		if err != nil {
			return err
		}
		for _, c := range cases {
			articles++
			problems := eval.GoldProblems(c)
			goldProblems += len(problems)
			meta, err := c.Gold.Meta()
			if err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
			body, err := extract.Normalize(c.Raw, 0)
			if err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
			x, err := extract.Facts(body, meta, gazetteer.Default())
			if err != nil {
				return fmt.Errorf("%s: %w", c.Name, err)
			}
			r := eval.Article(c, x)
			total.Add(r.Score)
			byKind.Add(r.ByKind)
			if *verbose && len(problems)+len(r.Misses) > 0 {
				fmt.Fprintf(stdout, "== %s (micro F1 %.3f)\n", c.Name, r.Score.Micro().F1())
				for _, p := range problems {
					fmt.Fprintln(stdout, "  gold problem:", p)
				}
				for _, m := range r.Misses {
					fmt.Fprintln(stdout, "  "+m)
				}
			}
		}
	}
	fmt.Fprintf(stdout, "%d articles", articles)
	if goldProblems > 0 {
		fmt.Fprintf(stdout, ", %d gold-file problems (-v lists them)", goldProblems)
	}
	fmt.Fprintln(stdout)
	eval.Report(stdout, total)
	fmt.Fprintln(stdout)
	eval.ReportByKind(stdout, byKind)
	return nil
}
