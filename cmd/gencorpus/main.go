// Command gencorpus writes a deterministic corpus of invented defence and diplomacy wire
// articles, for measuring ingest and the API at scale:
//
//	go run ./cmd/gencorpus -n 10000 -seed 1 > corpus.jsonl
//	go run ./cmd/gencorpus -n 100 -format txt -out corpus/
//
// The same -n and -seed always give the same bytes. Names, quotes and templates live in
// data/, not in code: the corpus is a test tool, not a model of the extractor.
package main

import (
	"bufio"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

//go:embed data/*
var dataFS embed.FS

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		fmt.Fprintln(os.Stderr, "gencorpus:", err)
		os.Exit(2)
	}
}

// run is the whole program; tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("gencorpus", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("n", 1000, "number of articles")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same corpus")
	format := fs.String("format", "jsonl", "jsonl (to stdout, or -out FILE) or txt (one file per article in the -out directory)")
	out := fs.String("out", "", "output file (jsonl) or directory (txt); jsonl defaults to stdout")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	switch {
	case *n < 0:
		return fmt.Errorf("-n must not be negative, got %d", *n)
	case fs.NArg() > 0:
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case *format != "jsonl" && *format != "txt":
		return fmt.Errorf("-format must be jsonl or txt, got %q", *format)
	case *format == "txt" && *out == "":
		return errors.New("-format txt needs -out DIR")
	}
	d, err := loadData()
	if err != nil {
		return err
	}
	g := newGenerator(d, *seed)
	if *format == "txt" {
		return writeTxt(ctx, g, *n, *out)
	}
	w := stdout
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	bw := bufio.NewWriterSize(w, 256<<10)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range *n {
		if i%1000 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		if err := enc.Encode(g.article(i)); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// writeTxt writes one .txt file with front matter per article into dir.
func writeTxt(ctx context.Context, g *generator, n int, dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	width := len(strconv.Itoa(max(n-1, 0)))
	for i := range n {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		a := g.article(i)
		text := fmt.Sprintf("---\ntitle: %q\nurl: %s\nsource: %s\npublished_at: %s\n---\n%s",
			a.Title, a.URL, a.Source, a.PublishedAt, a.Body)
		name := filepath.Join(dir, fmt.Sprintf("%0*d.txt", width, i))
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Article is one generated article, in the .jsonl form `newsfacts ingest` reads.
type Article struct {
	Title       string `json:"title"`
	URL         string `json:"url"`
	Source      string `json:"source"`
	PublishedAt string `json:"published_at"`
	Body        string `json:"body"`
}

// country is one line of data/countries.tsv.
type country struct{ name, demonym, capital string }

// title is one line of data/titles.tsv.
type title struct{ title, org string }

// data are the embedded lists.
type data struct {
	countries         []country
	given, family     []string
	titles            []title
	exFirst, exSecond []string
	sources           []string
	quotes, claims    []string
	ledes, paragraphs []string
}

func loadData() (*data, error) {
	var d data
	read := func(name string) ([]string, error) {
		b, err := dataFS.ReadFile("data/" + name)
		if err != nil {
			return nil, err
		}
		var lines []string
		for l := range strings.Lines(string(b)) {
			l = strings.TrimRight(l, "\r\n")
			if !strings.HasPrefix(l, "#") {
				lines = append(lines, l)
			}
		}
		return lines, nil
	}
	// split cuts a list in two at its first blank line.
	split := func(lines []string) (a, b []string) {
		for i, l := range lines {
			if strings.TrimSpace(l) == "" {
				return nonBlank(lines[:i]), nonBlank(lines[i+1:])
			}
		}
		return nonBlank(lines), nil
	}
	var err error
	lines := map[string][]string{}
	for _, name := range []string{"countries.tsv", "given.txt", "family.txt", "titles.tsv", "exercise-words.txt", "sources.txt", "quotes.txt", "claims.txt", "templates.txt"} {
		if lines[name], err = read(name); err != nil {
			return nil, err
		}
	}
	for _, l := range nonBlank(lines["countries.tsv"]) {
		f := strings.Split(l, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("data/countries.tsv: want name, demonym, capital: %q", l)
		}
		d.countries = append(d.countries, country{f[0], f[1], f[2]})
	}
	for _, l := range nonBlank(lines["titles.tsv"]) {
		f := strings.Split(l, "\t")
		if len(f) != 2 {
			return nil, fmt.Errorf("data/titles.tsv: want title, organization: %q", l)
		}
		d.titles = append(d.titles, title{f[0], f[1]})
	}
	d.given, d.family = nonBlank(lines["given.txt"]), nonBlank(lines["family.txt"])
	d.exFirst, d.exSecond = split(lines["exercise-words.txt"])
	d.sources = nonBlank(lines["sources.txt"])
	d.quotes, d.claims = nonBlank(lines["quotes.txt"]), nonBlank(lines["claims.txt"])
	d.ledes, d.paragraphs = split(lines["templates.txt"])
	if len(d.countries) < 8 || len(d.ledes) == 0 || len(d.paragraphs) < 8 || len(d.exSecond) == 0 {
		return nil, errors.New("data/: lists too short to generate articles")
	}
	return &d, nil
}

func nonBlank(lines []string) []string {
	var out []string
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			out = append(out, l)
		}
	}
	return out
}

// generator makes articles from one seeded random stream, so that article i depends only on
// the seed and the articles before it.
type generator struct {
	d   *data
	rng *rand.Rand
}

func newGenerator(d *data, seed uint64) *generator {
	return &generator{d: d, rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// person is a speaker in one article.
type person struct {
	full, last string
	named      bool // named in full already
}

// article returns the i-th article.
func (g *generator) article(i int) Article {
	r, d := g.rng, g.d
	perm := r.Perm(len(d.countries))
	host := d.countries[perm[0]]
	partners := make([]string, 2+r.IntN(4))
	for j := range partners {
		partners[j] = d.countries[perm[1+j]].name
	}
	other := d.countries[perm[len(partners)+1]]
	foreign := d.countries[perm[len(partners)+2]]

	published := time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(8*365))
	start := published.AddDate(0, 0, 7+r.IntN(90))
	exName := pick(r, d.exFirst) + pick(r, []string{" ", "-"}) + pick(r, d.exSecond) +
		pick(r, []string{"-", "-", " "}) + strconv.Itoa(start.Year())

	hostTitle := pick(r, d.titles)
	people := map[string]*person{
		"s1": g.person(host.demonym + " " + hostTitle.title),
		"s2": g.person(foreign.demonym + " " + pick(r, d.titles).title),
		"s3": g.person(other.demonym + " " + pick(r, d.titles).title),
	}
	orgFull := host.name + "’s " + hostTitle.org
	if r.IntN(2) == 0 {
		orgFull = "the " + host.demonym + " " + hostTitle.org
	}
	orgNamed, lastQuote := false, ""

	slots := func(name string) string {
		switch name {
		case "host":
			return host.name
		case "host_dem":
			return host.demonym
		case "host_cap":
			return host.capital
		case "ex":
			return exName
		case "partners":
			return joinAnd(partners)
		case "period":
			return period(r, start)
		case "day":
			return published.AddDate(0, 0, -r.IntN(3)).Weekday().String()
		case "org":
			if orgNamed {
				if strings.Contains(hostTitle.org, "Ministry") {
					return "the ministry"
				}
				return "the " + strings.ToLower(hostTitle.org)
			}
			orgNamed = true
			return orgFull
		case "quote":
			q := pick(r, d.quotes)
			for q == lastQuote {
				q = pick(r, d.quotes)
			}
			lastQuote = q
			return q
		case "claim":
			return pick(r, d.claims)
		case "troops":
			return strconv.Itoa(500 * (1 + r.IntN(60)))
		case "aircraft":
			return strconv.Itoa(5 + r.IntN(120))
		case "ships":
			return strconv.Itoa(2 + r.IntN(40))
		case "month":
			return published.AddDate(0, -1-r.IntN(6), 0).Month().String()
		case "year":
			return strconv.Itoa(published.Year() - 1 - r.IntN(10))
		case "other":
			return other.name
		case "other_dem":
			return other.demonym
		case "city":
			return pick(r, []string{foreign.capital, other.capital, host.capital})
		}
		if p, ok := people[name]; ok {
			if p.named {
				return p.last
			}
			p.named = true
			return p.full
		}
		return "{" + name + "}"
	}

	paras := []string{fill(pick(r, d.ledes), slots)}
	for _, j := range r.Perm(len(d.paragraphs))[:6+r.IntN(7)] {
		p := fill(d.paragraphs[j], slots)
		first, size := utf8.DecodeRuneInString(p)
		paras = append(paras, string(unicode.ToUpper(first))+p[size:])
	}
	source := pick(r, d.sources)
	return Article{
		Title:       fmt.Sprintf("%s to host %s with %s", host.name, exName, joinAnd(partners)),
		URL:         fmt.Sprintf("https://%s.example/%d/%02d/article-%d", slug(source), published.Year(), published.Month(), i),
		Source:      source,
		PublishedAt: published.Format(time.DateOnly),
		Body:        strings.Join(paras, "\n") + "\n",
	}
}

// person invents a speaker with a title ("Kazakh Defense Minister Amara Varga").
func (g *generator) person(titled string) *person {
	last := pick(g.rng, g.d.family)
	return &person{full: titled + " " + pick(g.rng, g.d.given) + " " + last, last: last}
}

// fill replaces each {slot} of tmpl with slot(name), called once per occurrence.
func fill(tmpl string, slot func(string) string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tmpl, '{')
		if i < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		j := strings.IndexByte(tmpl[i:], '}')
		if j < 0 {
			b.WriteString(tmpl)
			return b.String()
		}
		b.WriteString(tmpl[:i])
		b.WriteString(slot(tmpl[i+1 : i+j]))
		tmpl = tmpl[i+j+1:]
	}
}

// period describes when an exercise starting on start happens, in the words wire copy uses.
func period(r *rand.Rand, start time.Time) string {
	m := start.Month().String()
	switch r.IntN(5) {
	case 0:
		return "in late " + m
	case 1:
		return "in early " + m
	case 2:
		return "in mid-" + m
	case 3:
		end := start.AddDate(0, 0, 3+r.IntN(12))
		if end.Month() != start.Month() {
			return fmt.Sprintf("from %s %d to %s %d", m, start.Day(), end.Month(), end.Day())
		}
		return fmt.Sprintf("from %s %d to %d", m, start.Day(), end.Day())
	default:
		return "in " + m
	}
}

func joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " and " + xs[len(xs)-1]
}

func slug(s string) string {
	return strings.ToLower(strings.Join(strings.Fields(s), "-"))
}
