package api_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// mustStore returns a store inside a transaction that is rolled back when tb ends.
func mustStore(tb testing.TB) *postgres.Store {
	tb.Helper()
	return postgres.New(pgtest.Tx(tb))
}

func testOptions() api.Options {
	return api.Options{IngestToken: "s3cret", DBTimeout: 5 * time.Second}
}

func discardLogger() *slog.Logger { return slog.New(slog.NewJSONHandler(io.Discard, nil)) }

func mustServer(tb testing.TB, store api.Store, opts api.Options) http.Handler {
	tb.Helper()
	return api.NewServer(discardLogger(), store, opts)
}

// mustClient returns a validating client of a server over store.
func mustClient(tb testing.TB, store api.Store, opts api.Options) validating {
	tb.Helper()
	return validating{h: mustServer(tb, store, opts)}
}

// span returns the span of the nth (0-based) occurrence of s in body, in code points.
func span(tb testing.TB, body, s string, nth int) facts.Span {
	tb.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(body[from:], s)
		require.GreaterOrEqual(tb, j, 0, "%q occurs fewer than %d times", s, nth+1)
		if i == nth {
			start := utf8.RuneCountInString(body[:from+j])
			return facts.Span{Start: start, End: start + utf8.RuneCountInString(s), Text: s}
		}
		from += j + len(s)
	}
}

func date(s string) *facts.Date {
	d, err := facts.ParseDate(s)
	if err != nil {
		panic(err)
	}
	return &d
}

// Fixture ids.
const (
	vostokArticle = "d5c58671a5bf39ee"
	drillsArticle = "0123456789abcdef"
)

// mustSeed stores two hand-built articles: one about an exercise with quoted and reported
// statements, and a later one that names some of the same entities.
func mustSeed(tb testing.TB, store *postgres.Store) {
	tb.Helper()
	body := "Beijing will send troops to Russia to participate in the Vostok-2022 exercise, China’s Defense Ministry said.\n" +
		"The exercise will see the participation of India and is scheduled for late August.\n" +
		"Putin says Russia can train foreign fighters: Russian President Vladimir Putin has said that Russia is ready to provide military equipment to its allies.\n" +
		"“We greatly value the fact that our country has many allies,” Putin said."
	putin := span(tb, body, "Putin", 0)
	x := facts.Extraction{
		Article: facts.ExtractedArticle{Title: "China to send troops to Russia for Vostok exercise", PublishedAt: date("2022-08-17"), SHA256: strings.Repeat("a", 64), Body: body},
		Entities: []facts.Entity{
			{ID: "china", Name: "China", Type: facts.Country, Aliases: []string{"Beijing"}, Mentions: []facts.Span{span(tb, body, "Beijing", 0), span(tb, body, "China", 0)}},
			{ID: "russia", Name: "Russia", Type: facts.Country, Aliases: []string{"Russian"}, Mentions: []facts.Span{span(tb, body, "Russia", 0), span(tb, body, "Russia", 1), span(tb, body, "Russian", 0), span(tb, body, "Russia", 3)}},
			{ID: "india", Name: "India", Type: facts.Country, Aliases: []string{}, Mentions: []facts.Span{span(tb, body, "India", 0)}},
			{ID: "china-defense-ministry", Name: "China’s Defense Ministry", Type: facts.Organization, Aliases: []string{}, Mentions: []facts.Span{span(tb, body, "China’s Defense Ministry", 0)}},
			{ID: "vladimir-putin", Name: "Vladimir Putin", Type: facts.Person, Aliases: []string{"Putin"}, Title: "Russian President", AffiliationID: "russia",
				Mentions: []facts.Span{putin, span(tb, body, "Vladimir Putin", 0), span(tb, body, "Putin", 2)}},
		},
		Statements: []facts.Statement{
			{ID: "s1", SpeakerID: "china-defense-ministry", SpeakerText: "China’s Defense Ministry", Kind: facts.Indirect, Verb: "said", SaidOn: date("2022-08-17"), EntityIDs: []string{"china", "russia"}},
			{ID: "s2", SpeakerID: "vladimir-putin", SpeakerText: "Putin", Kind: facts.Indirect, Verb: "says", SaidOn: date("2022-08-17"), EntityIDs: []string{"russia"}},
			{ID: "s3", SpeakerID: "vladimir-putin", SpeakerText: "Putin", Kind: facts.Direct, Verb: "said", SaidOn: date("2022-08-17"), EntityIDs: []string{}},
		},
		Exercises: []facts.Exercise{{
			ID: "vostok-2022", Name: "Vostok-2022", Aliases: []string{}, HostID: "russia", ParticipantIDs: []string{"china", "india"},
			Period:   &facts.Period{Text: "late August", Start: *date("2022-08-21"), End: *date("2022-08-31")},
			Mentions: []facts.Span{span(tb, body, "Vostok-2022", 0)},
		}},
	}
	for i, text := range []string{
		"Beijing will send troops to Russia to participate in the Vostok-2022 exercise",
		"Russia can train foreign fighters",
		"We greatly value the fact that our country has many allies",
	} {
		sp := span(tb, body, text, 0)
		x.Statements[i].Text, x.Statements[i].Start, x.Statements[i].End = text, sp.Start, sp.End
	}
	mustSave(tb, store, vostokArticle, "", x)

	body2 := "Belarus and Russia announced joint drills near the border on Monday.\nThe drills follow talks in Minsk."
	x2 := facts.Extraction{
		Article: facts.ExtractedArticle{Title: "Belarus and Russia announce drills", PublishedAt: date("2023-03-06"), SHA256: strings.Repeat("b", 64), Body: body2},
		Entities: []facts.Entity{
			{ID: "belarus", Name: "Belarus", Type: facts.Country, Aliases: []string{}, Mentions: []facts.Span{span(tb, body2, "Belarus", 0)}},
			{ID: "russia", Name: "Russia", Type: facts.Country, Aliases: []string{}, Mentions: []facts.Span{span(tb, body2, "Russia", 0)}},
			{ID: "minsk", Name: "Minsk", Type: facts.Location, Aliases: []string{}, Mentions: []facts.Span{span(tb, body2, "Minsk", 0)}},
		},
		Statements: []facts.Statement{},
		Exercises:  []facts.Exercise{},
	}
	mustSave(tb, store, drillsArticle, "https://example.com/drills", x2)
}

func mustSave(tb testing.TB, store *postgres.Store, id, url string, x facts.Extraction) {
	tb.Helper()
	a := facts.Article{
		ID:               id,
		ArticleMeta:      facts.ArticleMeta{Title: x.Article.Title, URL: url, PublishedAt: x.Article.PublishedAt},
		SHA256:           x.Article.SHA256,
		Body:             x.Article.Body,
		ExtractorVersion: facts.ExtractorVersion,
	}
	res, err := store.SaveArticle(tb.Context(), a, x)
	require.NoError(tb, err)
	require.Equal(tb, facts.Created, res.Status)
}

// decode unmarshals a JSON body into a generic value for field checks.
func decode(tb testing.TB, body []byte) map[string]any {
	tb.Helper()
	var v map[string]any
	require.NoError(tb, json.Unmarshal(body, &v), "%s", body)
	return v
}

// ids returns the "id" (or key) of each element of a list body's data.
func ids(tb testing.TB, body []byte, key string) []string {
	tb.Helper()
	var page struct {
		Data []map[string]any `json:"data"`
	}
	require.NoError(tb, json.Unmarshal(body, &page), "%s", body)
	out := []string{}
	for _, d := range page.Data {
		out = append(out, d[key].(string))
	}
	return out
}
