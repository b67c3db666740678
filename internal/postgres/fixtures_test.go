package postgres_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// The API reads and writes through this interface; the store must keep meeting it.
var _ api.Store = (*postgres.Store)(nil)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

var ctx = context.Background()

// mustArticle returns an article with the id and digest ingest would give it.
func mustArticle(tb testing.TB, url, title, published, body string) facts.Article {
	tb.Helper()
	sum := sha256.Sum256([]byte(body))
	digest := hex.EncodeToString(sum[:])
	a := facts.Article{
		ID:               facts.ArticleID(url, digest),
		ArticleMeta:      facts.ArticleMeta{Title: title, URL: url, Source: "Test Wire"},
		SHA256:           digest,
		Body:             body,
		ExtractorVersion: facts.ExtractorVersion,
	}
	if published != "" {
		d := mustDate(tb, published)
		a.PublishedAt = d
	}
	return a
}

func mustDate(tb testing.TB, s string) *facts.Date {
	tb.Helper()
	d, err := facts.ParseDate(s)
	require.NoError(tb, err)
	return &d
}

// mustSpan returns the span of the nth (from 1) occurrence of text in body, in code points.
func mustSpan(tb testing.TB, body, text string, nth int) facts.Span {
	tb.Helper()
	from := 0
	for i := 0; i < nth; i++ {
		j := strings.Index(body[from:], text)
		require.GreaterOrEqual(tb, j, 0, "%q (occurrence %d) not in body", text, nth)
		from += j
		if i < nth-1 {
			from += len(text)
		}
	}
	start := utf8.RuneCountInString(body[:from])
	return facts.Span{Start: start, End: start + utf8.RuneCountInString(text), Text: text}
}

// mustFreshStore returns a store over its own freshly migrated database, for tests that commit
// (concurrency) and so must not share the package database with the others.
func mustFreshStore(tb testing.TB) (*postgres.Store, *pgxpool.Pool) {
	tb.Helper()
	url := pgtest.NewDatabase(tb)
	require.NoError(tb, postgres.Migrate(ctx, url))
	pool, err := postgres.Open(ctx, url)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	return postgres.New(pool), pool
}

const bodyA = "Beijing will send troops to Russia for the Vostok-2022 exercise, China’s Defense Ministry said on Wednesday. " +
	"Russian President Vladimir Putin said “the drills will be held in late August.” India and Belarus will also take part."

// fixtureA is a first article: it introduces the entities, with aliases, and the exercise.
func fixtureA(tb testing.TB) (facts.Article, facts.Extraction) {
	tb.Helper()
	a := mustArticle(tb, "https://example.com/a", "China to join Vostok-2022", "2022-08-17", bodyA)
	sp := func(text string, nth int) facts.Span { return mustSpan(tb, bodyA, text, nth) }
	period := &facts.Period{Text: "late August", Start: *mustDate(tb, "2022-08-21"), End: *mustDate(tb, "2022-08-31")}
	x := facts.Extraction{
		Article: facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body},
		Entities: []facts.Entity{
			{ID: "china", Name: "China", Type: facts.Country, Aliases: []string{"Beijing"}, Mentions: []facts.Span{sp("Beijing", 1), sp("China", 1)}},
			{ID: "russia", Name: "Russia", Type: facts.Country, Aliases: []string{"Russian", "Moscow"}, Mentions: []facts.Span{sp("Russia", 1), sp("Russian", 1)}},
			{ID: "china-defense-ministry", Name: "China’s Defense Ministry", Type: facts.Organization, Mentions: []facts.Span{sp("China’s Defense Ministry", 1)}},
			{ID: "vladimir-putin", Name: "Vladimir Putin", Type: facts.Person, Aliases: []string{"Putin"}, Title: "Russian President", AffiliationID: "russia", Mentions: []facts.Span{sp("Vladimir Putin", 1)}},
			{ID: "india", Name: "India", Type: facts.Country, Mentions: []facts.Span{sp("India", 1)}},
			{ID: "belarus", Name: "Belarus", Type: facts.Country, Mentions: []facts.Span{sp("Belarus", 1)}},
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "china-defense-ministry", SpeakerText: "China’s Defense Ministry", Kind: facts.Indirect,
				Text: "Beijing will send troops to Russia for the Vostok-2022 exercise", Verb: "said", SaidOn: mustDate(tb, "2022-08-17"),
				EntityIDs: []string{"china", "russia"}},
			{ID: "s2", SpeakerID: "vladimir-putin", SpeakerText: "Russian President Vladimir Putin", Kind: facts.Direct,
				Text: "the drills will be held in late August.", Verb: "said", SaidOn: mustDate(tb, "2022-08-17")},
		},
		Exercises: []facts.Exercise{
			{ID: "vostok-2022", Name: "Vostok-2022", Aliases: []string{}, HostID: "russia", ParticipantIDs: []string{"china", "india", "belarus"},
				Period: period, Mentions: []facts.Span{sp("Vostok-2022", 1)}},
		},
	}
	for i, st := range x.Statements {
		s := sp(st.Text, 1)
		x.Statements[i].Start, x.Statements[i].End = s.Start, s.End
	}
	return a, x
}

const bodyB = "Putin met officials in Moscow on Friday. Putin said “East-2022 showed our readiness to defend Russia.”"

// fixtureB is a later article that names only aliases: Putin, Moscow.
func fixtureB(tb testing.TB) (facts.Article, facts.Extraction) {
	tb.Helper()
	a := mustArticle(tb, "https://example.com/b", "Putin on the drills", "2022-09-02", bodyB)
	sp := func(text string, nth int) facts.Span { return mustSpan(tb, bodyB, text, nth) }
	st := sp("East-2022 showed our readiness to defend Russia.", 1)
	x := facts.Extraction{
		Article: facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body},
		Entities: []facts.Entity{
			{ID: "putin", Name: "Putin", Type: facts.Person, Mentions: []facts.Span{sp("Putin", 1), sp("Putin", 2)}},
			{ID: "moscow", Name: "Moscow", Type: facts.Location, Mentions: []facts.Span{sp("Moscow", 1)}},
			{ID: "russia", Name: "Russia", Type: facts.Country, Mentions: []facts.Span{sp("Russia", 1)}},
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "putin", SpeakerText: "Putin", Kind: facts.Direct, Text: st.Text, Start: st.Start, End: st.End,
				Verb: "said", SaidOn: mustDate(tb, "2022-09-02"), EntityIDs: []string{"russia"}},
		},
		Exercises: []facts.Exercise{
			{ID: "vostok-2022", Name: "Vostok-2022", Aliases: []string{"East-2022"}, HostID: "moscow",
				ParticipantIDs: []string{"russia"}, Purpose: "to show readiness", Mentions: []facts.Span{sp("East-2022", 1)}},
		},
	}
	return a, x
}

// mustSave saves and requires success.
func mustSave(tb testing.TB, s *postgres.Store, a facts.Article, x facts.Extraction) facts.SaveResult {
	tb.Helper()
	res, err := s.SaveArticle(ctx, a, x)
	require.NoError(tb, err)
	return res
}
