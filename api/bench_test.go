package api_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// mustSeedMany stores n synthetic articles, each naming ten of a few hundred entities and
// holding two statements, so that lists have more than one page to choose from.
func mustSeedMany(tb testing.TB, store *postgres.Store, n int) {
	tb.Helper()
	for i := range n {
		var body strings.Builder
		var entities []facts.Entity
		var statements []facts.Statement
		for j := range 10 {
			k := (i*7 + j*13) % 300
			name := fmt.Sprintf("Person%03d Example", k)
			if j > 0 {
				body.WriteString(" ")
			}
			body.WriteString(name + " said the talks went well.")
			entities = append(entities, facts.Entity{ID: facts.Slug(name), Name: name, Type: facts.Person, Aliases: []string{}})
		}
		text := body.String()
		for j := range entities {
			entities[j].Mentions = []facts.Span{span(tb, text, entities[j].Name, 0)}
		}
		for j := range 2 {
			sp := span(tb, text, "the talks went well", j)
			statements = append(statements, facts.Statement{ID: fmt.Sprintf("s%d", j+1), SpeakerID: entities[j].ID, SpeakerText: entities[j].Name,
				Kind: facts.Indirect, Text: sp.Text, Start: sp.Start, End: sp.End, Verb: "said", SaidOn: date("2024-01-02"), EntityIDs: []string{}})
		}
		sum := fmt.Sprintf("%064x", i+1)
		x := facts.Extraction{
			Article:    facts.ExtractedArticle{Title: fmt.Sprintf("Talks %d", i), PublishedAt: date("2024-01-02"), SHA256: sum, Body: text},
			Entities:   entities,
			Statements: statements,
			Exercises:  []facts.Exercise{},
		}
		mustSave(tb, store, fmt.Sprintf("%016x", i+1), "", x)
	}
}

// BenchmarkEntityList measures GET /v1/entities?limit=50 through the whole handler stack and
// a real database (one connection, sequential requests).
func BenchmarkEntityList(b *testing.B) {
	store := mustStore(b)
	mustSeedMany(b, store, 200)
	h := mustServer(b, store, testOptions())
	benchGet(b, h, "/v1/entities?limit=50")
}

// BenchmarkArticleList measures GET /v1/articles?limit=50: a page of the size the exercise
// sub-resources and filtered lists return, where the cost is per row (scan and encode).
func BenchmarkArticleList(b *testing.B) {
	store := mustStore(b)
	mustSeedMany(b, store, 200)
	h := mustServer(b, store, testOptions())
	benchGet(b, h, "/v1/articles?limit=50")
}

// mustSeedExercises stores n articles, each reporting one of 50 exercises hosted by one of 20
// countries with eleven more taking part, under a second name.
func mustSeedExercises(tb testing.TB, store *postgres.Store, n int) {
	tb.Helper()
	for i := range n {
		var body strings.Builder
		var entities []facts.Entity
		var ids []string
		for j := range 12 {
			name := fmt.Sprintf("Landia%02d", (i+j)%20)
			body.WriteString(name + " sent ships. ")
			entities = append(entities, facts.Entity{ID: facts.Slug(name), Name: name, Type: facts.Country, Aliases: []string{}})
			ids = append(ids, facts.Slug(name))
		}
		name, alias := fmt.Sprintf("Seawave-%02d", i%50), fmt.Sprintf("Ocean Wave %d", i%7)
		body.WriteString("They joined " + name + ", also called " + alias + ", for training.")
		text := body.String()
		for j := range entities {
			entities[j].Mentions = []facts.Span{span(tb, text, entities[j].Name, 0)}
		}
		day := fmt.Sprintf("2024-%02d-%02d", 1+i%50/5, 1+i%50%5*6)
		x := facts.Extraction{
			Article:    facts.ExtractedArticle{Title: fmt.Sprintf("Drills %d", i), PublishedAt: date(day), SHA256: fmt.Sprintf("%064x", i+1), Body: text},
			Entities:   entities,
			Statements: []facts.Statement{},
			Exercises: []facts.Exercise{{
				ID: facts.Slug(name), Name: name, Aliases: []string{alias}, HostID: ids[0], ParticipantIDs: ids[1:],
				Period: &facts.Period{Text: "next week", Start: *date(day), End: *date(day)}, Purpose: "training",
				Mentions: []facts.Span{span(tb, text, name, 0), span(tb, text, alias, 0)},
			}},
		}
		mustSave(tb, store, fmt.Sprintf("%016x", i+1), "", x)
	}
}

// BenchmarkExerciseList measures GET /v1/exercises?participant_id=...&limit=50: a page of 50
// exercises, each counting its aliases and participants (the list carries neither).
func BenchmarkExerciseList(b *testing.B) {
	store := mustStore(b)
	mustSeedExercises(b, store, 200)
	h := mustServer(b, store, testOptions())
	benchGet(b, h, "/v1/exercises?participant_id=landia05&limit=50")
}

// BenchmarkExerciseGet measures GET /v1/exercises/{id}, which also expands host and
// participants.
func BenchmarkExerciseGet(b *testing.B) {
	store := mustStore(b)
	mustSeed(b, store)
	h := mustServer(b, store, testOptions())
	benchGet(b, h, "/v1/exercises/vostok-2022")
}

// BenchmarkStatementSearch measures full-text search over statements.
func BenchmarkStatementSearch(b *testing.B) {
	store := mustStore(b)
	mustSeedMany(b, store, 200)
	h := mustServer(b, store, testOptions())
	benchGet(b, h, "/v1/statements?q=talks&limit=50")
}

// BenchmarkNotModified measures a revalidation that ends in 304.
func BenchmarkNotModified(b *testing.B) {
	store := mustStore(b)
	mustSeedMany(b, store, 200)
	h := mustServer(b, store, testOptions())
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/entities?limit=50", nil))
	tag := rec.Header().Get("ETag")
	req := httptest.NewRequest(http.MethodGet, "/v1/entities?limit=50", nil)
	req.Header.Set("If-None-Match", tag)
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusNotModified {
			b.Fatalf("status %d", rec.Code)
		}
	}
}

// BenchmarkCeiling is the floor of any handler: the same page's bytes written from memory by
// a bare net/http handler, for comparison with BenchmarkEntityList.
func BenchmarkCeiling(b *testing.B) {
	store := mustStore(b)
	mustSeedMany(b, store, 200)
	rec := httptest.NewRecorder()
	mustServer(b, store, testOptions()).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/v1/entities?limit=50", nil))
	page := rec.Body.Bytes()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(page)
	})
	benchGet(b, h, "/v1/entities?limit=50")
}

func benchGet(b *testing.B, h http.Handler, target string) {
	b.Helper()
	req := httptest.NewRequest(http.MethodGet, target, nil)
	var n int
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("%s: status %d: %s", target, rec.Code, rec.Body)
		}
		n = rec.Body.Len()
	}
	b.SetBytes(int64(n))
}

// BenchmarkEntityListParallel measures GET /v1/entities?limit=50 from concurrent clients over
// a pool, on a database of its own so that committed rows do not leak into other tests.
func BenchmarkEntityListParallel(b *testing.B) {
	url := pgtest.NewDatabase(b)
	require.NoError(b, postgres.Migrate(b.Context(), url))
	pool, err := pgxpool.New(b.Context(), url)
	require.NoError(b, err)
	b.Cleanup(pool.Close)
	store := postgres.New(pool)
	mustSeedMany(b, store, 200)
	h := mustServer(b, store, testOptions())
	b.ReportAllocs()
	b.ResetTimer()
	b.SetParallelism(8) // 16 concurrent clients on 2 cores, like a busy dashboard
	b.RunParallel(func(pb *testing.PB) {
		req := httptest.NewRequest(http.MethodGet, "/v1/entities?limit=50", nil)
		for pb.Next() {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
		}
	})
}
