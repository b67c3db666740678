package postgres_test

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// benchArticle builds article i of a synthetic corpus shaped like wire copy: 12 entities out of
// a shared pool of 300 (so writers contend on popular rows), 24 mentions, 4 statements and one
// exercise out of 40, over a body of about 2 KB.
func benchArticle(tb testing.TB, i int) (facts.Article, facts.Extraction) {
	var body strings.Builder
	x := facts.Extraction{}
	pos := 0
	write := func(s string) facts.Span {
		start := pos
		body.WriteString(s)
		pos += len([]rune(s))
		return facts.Span{Start: start, End: pos, Text: s}
	}
	var ids []string
	for k := range 12 {
		n := (i*7 + k*k*13) % 300
		if k < 3 {
			n = k // a few entities appear in nearly every article
		}
		name := fmt.Sprintf("Entity%03d Name", n)
		write("Reports say that ")
		m1 := write(name)
		write(" met officials on day " + fmt.Sprint(i) + ". Later ")
		m2 := write(name)
		write(" spoke again about the situation in the region and its neighbours. ")
		typ := facts.EntityTypes[n%len(facts.EntityTypes)]
		x.Entities = append(x.Entities, facts.Entity{ID: facts.Slug(name), Name: name, Type: typ,
			Aliases: []string{fmt.Sprintf("E%03d", n)}, Mentions: []facts.Span{m1, m2}})
		ids = append(ids, facts.Slug(name))
	}
	for k := range 4 {
		write("An official said ")
		st := write(fmt.Sprintf("“the exercise number %d will strengthen cooperation and readiness”", k))
		write(". ")
		x.Statements = append(x.Statements, facts.Statement{ID: fmt.Sprintf("s%d", k+1), SpeakerID: ids[k], SpeakerText: "An official",
			Kind: facts.Direct, Text: st.Text, Start: st.Start, End: st.End, Verb: "said", EntityIDs: ids[k+1 : k+3]})
	}
	exName := fmt.Sprintf("Drill-%d", 2000+i%40)
	write("They will hold the ")
	em := write(exName)
	write(" exercise in August.")
	d := facts.Date{Year: 2000 + i%40, Month: 8, Day: 1}
	x.Exercises = []facts.Exercise{{ID: facts.Slug(exName), Name: exName, HostID: ids[1], ParticipantIDs: ids[2:6],
		Period: &facts.Period{Text: "August", Start: d, End: d.AddDays(30)}, Mentions: []facts.Span{em}}}
	a := mustArticle(tb, fmt.Sprintf("https://example.com/bench/%d", i), fmt.Sprintf("Bench %d", i), fmt.Sprintf("2022-%02d-%02d", 1+i%12, 1+i%28), body.String())
	return a, x
}

// BenchmarkSaveArticle measures SaveArticle alone (no extraction) into a fresh database, with
// 4 concurrent writers per core as `ingest --workers` would run them.
//
//	go test ./internal/postgres -run '^$' -bench SaveArticle -benchtime 5000x
func BenchmarkSaveArticle(b *testing.B) {
	s, _ := mustFreshStore(b)
	if os.Getenv("BENCH_ASYNC") != "" {
		s = s.WithAsyncCommit()
	}
	arts := make([]facts.Article, b.N)
	exts := make([]facts.Extraction, b.N)
	for i := range b.N {
		arts[i], exts[i] = benchArticle(b, i)
	}
	var next atomic.Int64
	b.SetParallelism(benchParallelism)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := next.Add(1) - 1
			_, err := s.SaveArticle(ctx, arts[i], exts[i])
			require.NoError(b, err)
		}
	})
	b.StopTimer()
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
}

var benchParallelism = envInt("BENCH_PAR", 4)

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return v
	}
	return def
}
