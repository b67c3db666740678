package ingest

import (
	"context"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// BenchmarkPrepare measures normalize + extract of one article, the CPU half of ingest.
func BenchmarkPrepare(b *testing.B) {
	g := gazetteer.Default()
	in := Input{Body: variant("bench-prepare", 0)}
	b.SetBytes(int64(len(in.Body)))
	for b.Loop() {
		if _, _, err := Prepare(in, g, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRun measures the whole ingest path (Prepare and SaveArticle, with NumCPU workers)
// into the database, one new article per iteration, and reports articles/s.
func BenchmarkRun(b *testing.B) {
	pool := pgtest.Pool(b)
	store := postgres.New(pool)
	for _, workers := range []int{1, runtime.NumCPU(), 2 * runtime.NumCPU()} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			// Content unique to this run, so that every iteration creates an article.
			tag := fmt.Sprintf("bench-%d-%d", workers, time.Now().UnixNano())
			start := time.Now()
			sum := Run(context.Background(), store, generatedArticles(tag, b.N), Options{Workers: workers, Gazetteer: gazetteer.Default()})
			if sum.Failed > 0 || sum.Created != b.N {
				b.Fatalf("want %d created, got %+v", b.N, sum)
			}
			b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "articles/s")
		})
	}
}
