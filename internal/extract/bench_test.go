//go:build unix

package extract_test

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// benchArticles returns the normalized bodies of the articles matching pattern and their
// total size in bytes.
func benchArticles(b *testing.B, pattern string) ([]string, int64) {
	b.Helper()
	paths, err := filepath.Glob(pattern)
	if err != nil || len(paths) == 0 {
		b.Fatalf("no articles match %s: %v", pattern, err)
	}
	var bodies []string
	var n int64
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		body, err := extract.Normalize(string(raw), 0)
		if err != nil {
			b.Fatalf("%s: %v", p, err)
		}
		bodies = append(bodies, body)
		n += int64(len(body))
	}
	return bodies, n
}

func benchFacts(b *testing.B, bodies []string, size int64) {
	g := gazetteer.Default()
	published := facts.Date{Year: 2024, Month: 8, Day: 25}
	meta := facts.ArticleMeta{PublishedAt: &published}
	b.SetBytes(size)
	b.ReportAllocs()
	start := cpuTime(b)
	for b.Loop() {
		for _, body := range bodies {
			if _, err := extract.Facts(body, meta, g); err != nil {
				b.Fatal(err)
			}
		}
	}
	// Wall-clock MB/s on a shared machine measures the neighbours too; the process's CPU
	// time gives the throughput per core that the target is about.
	cpu := cpuTime(b) - start
	if cpu > 0 {
		b.ReportMetric(float64(cpu.Nanoseconds())/float64(b.N), "cpu-ns/op")
		b.ReportMetric(float64(size)*float64(b.N)/cpu.Seconds()/1e6, "cpu-MB/s")
	}
}

// cpuTime returns the user and system CPU time this process has used so far, on all threads
// (garbage collection included).
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatalf("getrusage: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func BenchmarkFactsSeed(b *testing.B) {
	bodies, n := benchArticles(b, filepath.Join("..", "..", "seeds", "*.txt"))
	benchFacts(b, bodies, n)
}

func BenchmarkFactsTestdata(b *testing.B) {
	bodies, n := benchArticles(b, filepath.Join("testdata", "*.txt"))
	benchFacts(b, bodies, n)
}

// benchSizes are input sizes: linear cost shows as equal MB/s at each. Past about half a
// megabyte the scratch memory is not pooled (scratch.go), so 1 MiB against 2 MiB shows the
// growth alone.
var benchSizes = []struct {
	name string
	n    int
}{{"256KiB", 256 << 10}, {"1MiB", 1 << 20}, {"2MiB", 2 << 20}}

// repeatTo repeats unit until the result has n bytes, cut at a rune boundary.
func repeatTo(unit string, n int) string {
	s := strings.Repeat(unit, n/len(unit)+1)[:n]
	return strings.ToValidUTF8(s, "")
}

func benchPathological(b *testing.B, unit string) {
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			body, err := extract.Normalize(repeatTo(unit, size.n), 0)
			if err != nil {
				b.Fatal(err)
			}
			benchFacts(b, []string{body}, int64(len(body)))
		})
	}
}

// pathologicalShapes are a first sentence and a unit repeated after it that once made a rule
// walk the text once per mention or statement (the eighth session's review): the cost of each
// must grow with the text, not its square. A quadratic rule shows as a time per MB that rises
// fourfold from 256 KiB to 1 MiB; BENCHMARKS.md has the figures.
var pathologicalShapes = []struct{ name, head, unit string }{
	{"CountryListHeld", "Exercise Coral Tern will be held in Ghana", ", Togo, Benin"},
	{"CountryListJoined", "Exercise Coral Tern will be joined by Ghana", " and Togo and the Benin"},
	{"TheCarmakerSaid", "Volvo Cars said it was fine. ", "The carmaker said it would hire more workers. "},
	{"TheGroupSaid", "Acme Holdings Ltd reported results. ", "“We are ready,” the group said. "},
	{"CityList", "Visitors saw Parma", ", Parma"},
	{"CityList2", "Visitors saw Chios", ", Samos, Chios"},
	{"CommaWhichSaid", "", "The carmaker, which employs 9,000 people, said it would hire. "},
}

// BenchmarkPathologicalShapes runs each of pathologicalShapes at every size.
func BenchmarkPathologicalShapes(b *testing.B) {
	for _, sh := range pathologicalShapes {
		b.Run(sh.name, func(b *testing.B) {
			for _, size := range benchSizes {
				b.Run(size.name, func(b *testing.B) {
					body, err := extract.Normalize(sh.head+repeatTo(sh.unit, size.n-len(sh.head)-1)+".", 0)
					if err != nil {
						b.Fatal(err)
					}
					benchFacts(b, []string{body}, int64(len(body)))
				})
			}
		})
	}
}

// BenchmarkPathologicalQuotes is a megabyte of quotation marks of every style, with no
// words: quote matching must not go quadratic looking for closing marks.
func BenchmarkPathologicalQuotes(b *testing.B) {
	benchPathological(b, `“"«”»"‘’'“ `)
}

// BenchmarkPathologicalNoPunct is a megabyte of capitalized and lower-case words with speech
// and exercise vocabulary but no punctuation at all: one endless sentence and paragraph.
func BenchmarkPathologicalNoPunct(b *testing.B) {
	benchPathological(b, "Minister Anna Berg said the Northern Army exercise Polar Sentry would begin in late August according to officials ")
}

// BenchmarkPathologicalManyPeople is text naming a new person, organization and place in
// every sentence, tens of thousands in all: look-backs over the entities named so far must not
// go quadratic.
func BenchmarkPathologicalManyPeople(b *testing.B) {
	var sb strings.Builder
	for i := 0; sb.Len() < benchSizes[len(benchSizes)-1].n; i++ {
		sb.WriteString("Defence Minister " + syntheticName(i) + " " + syntheticName(7*i+3) + " said the " +
			syntheticName(11*i+5) + " Ministry would talk to " + syntheticName(3*i+1) + ". ")
		if i%8 == 7 {
			sb.WriteString("\n")
		}
	}
	for _, size := range benchSizes {
		b.Run(size.name, func(b *testing.B) {
			body, err := extract.Normalize(sb.String()[:size.n], 0)
			if err != nil {
				b.Fatal(err)
			}
			benchFacts(b, []string{body}, int64(len(body)))
		})
	}
}

// syntheticName returns a capitalized four-letter word, a different one for each i < 26⁴.
func syntheticName(i int) string {
	w := []byte{byte('A' + i%26), 0, 0, 0}
	for k := 1; k < 4; k++ {
		i /= 26
		w[k] = byte('a' + i%26)
	}
	return string(w)
}
