package api_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// problemParams returns the param names of a problem body's errors.
func problemParams(tb testing.TB, body []byte) []string {
	tb.Helper()
	var p struct {
		Errors []struct{ Param string } `json:"errors"`
	}
	require.NoError(tb, json.Unmarshal(body, &p))
	var out []string
	for _, e := range p.Errors {
		out = append(out, e.Param)
	}
	return out
}

func TestEntities(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("List", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		got := ids(t, body, "id")
		require.NotEmpty(t, got)
		assert.Equal(t, "russia", got[0], "most mentioned first")
		assert.Len(t, got, 7)
		assert.Nil(t, decode(t, body)["next_cursor"])
		assert.Empty(t, res.Header.Get("Link"))
	})
	t.Run("Fields", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/vladimir-putin")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.JSONEq(t, `{"id":"vladimir-putin","name":"Vladimir Putin","type":"person","aliases":["Putin"],
			"title":"Russian President","affiliation_id":"russia","mention_count":3,"statement_count":2,"article_count":1}`, string(body))
	})
	t.Run("TypeFilter", func(t *testing.T) {
		_, body := c.get(t, "/v1/entities?type=person")
		assert.Equal(t, []string{"vladimir-putin"}, ids(t, body, "id"))
	})
	t.Run("Search", func(t *testing.T) {
		_, body := c.get(t, "/v1/entities?q=putn")
		assert.Contains(t, ids(t, body, "id"), "vladimir-putin")
	})
	t.Run("ArticleFilter", func(t *testing.T) {
		_, body := c.get(t, "/v1/entities?article_id="+drillsArticle)
		assert.ElementsMatch(t, []string{"belarus", "russia", "minsk"}, ids(t, body, "id"))
	})
	t.Run("Paging", func(t *testing.T) {
		var seen []string
		target := "/v1/entities?limit=2"
		for pages := 0; target != ""; pages++ {
			require.Less(t, pages, 10)
			res, body := c.get(t, target)
			require.Equal(t, 200, res.StatusCode, "%s", body)
			seen = append(seen, ids(t, body, "id")...)
			next, _ := decode(t, body)["next_cursor"].(string)
			link := res.Header.Get("Link")
			if next == "" {
				assert.Empty(t, link)
				break
			}
			require.True(t, strings.HasSuffix(link, `>; rel="next"`), link)
			target = strings.TrimSuffix(strings.TrimPrefix(link, "<"), `>; rel="next"`)
			u, err := url.Parse(target)
			require.NoError(t, err)
			assert.Equal(t, next, u.Query().Get("cursor"))
			assert.Equal(t, "2", u.Query().Get("limit"))
		}
		_, all := c.get(t, "/v1/entities")
		assert.Equal(t, ids(t, all, "id"), seen, "a walk neither skips nor repeats")
	})
	t.Run("Mentions", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/vladimir-putin/mentions")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		var page struct {
			Data []struct {
				ArticleID string `json:"article_id"`
				Text      string `json:"text"`
				Snippet   string `json:"snippet"`
			}
		}
		require.NoError(t, json.Unmarshal(body, &page))
		require.Len(t, page.Data, 3)
		for _, m := range page.Data {
			assert.Equal(t, vostokArticle, m.ArticleID)
			assert.Contains(t, m.Text, "Putin")
			assert.Contains(t, m.Snippet, m.Text)
		}
	})
	t.Run("Statements", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/vladimir-putin/statements")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.ElementsMatch(t, []string{vostokArticle + "-s2", vostokArticle + "-s3"}, ids(t, body, "id"))
	})
	t.Run("NotFound", func(t *testing.T) {
		for _, target := range []string{
			"/v1/entities/nope", "/v1/entities/nope/mentions", "/v1/entities/nope/statements",
			"/v1/entities/bad%20id", "/v1/entities/" + strings.Repeat("x", 300), "/v1/entities/a%2Fb/mentions",
		} {
			res, body := c.get(t, target)
			assert.Equal(t, 404, res.StatusCode, "%s: %s", target, body)
		}
	})
	t.Run("NoStatementsIsEmptyNot404", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/india/statements")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.JSONEq(t, `{"data":[],"next_cursor":null}`, string(body))
	})
	t.Run("InvalidLimit", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities?limit=1000")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"limit"}, problemParams(t, body))
		assert.Contains(t, string(body), "limit must be 1..500, got 1000")
		for _, bad := range []string{"0", "-1", "abc", "1.5"} {
			res, body := c.get(t, "/v1/entities?limit="+bad)
			assert.Equal(t, 400, res.StatusCode, bad)
			assert.Equal(t, []string{"limit"}, problemParams(t, body), bad)
		}
	})
	t.Run("InvalidParams", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities?type=planet&colour=red&limit=2&limit=3")
		require.Equal(t, 400, res.StatusCode)
		assert.ElementsMatch(t, []string{"type", "colour", "limit"}, problemParams(t, body))
	})
	t.Run("InvalidCursor", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities?cursor=garbage")
		require.Equal(t, 400, res.StatusCode, "%s", body)
		assert.Equal(t, []string{"cursor"}, problemParams(t, body))
		res, _ = c.get(t, "/v1/entities/russia/mentions?cursor=garbage")
		assert.Equal(t, 400, res.StatusCode)
	})
	t.Run("UnknownParamOnDetail", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/russia?limit=1")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"limit"}, problemParams(t, body))
	})
}

func TestArticles(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("List", func(t *testing.T) {
		res, body := c.get(t, "/v1/articles")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.Equal(t, []string{drillsArticle, vostokArticle}, ids(t, body, "id"), "newest first")
		assert.NotContains(t, string(body), `"body"`, "lists leave bodies out")
	})
	t.Run("DateFilters", func(t *testing.T) {
		_, body := c.get(t, "/v1/articles?published_before=2022-12-31")
		assert.Equal(t, []string{vostokArticle}, ids(t, body, "id"))
		_, body = c.get(t, "/v1/articles?published_after=2023-01-01&published_before=2023-12-31")
		assert.Equal(t, []string{drillsArticle}, ids(t, body, "id"))
	})
	t.Run("Search", func(t *testing.T) {
		_, body := c.get(t, "/v1/articles?q=troops")
		assert.Equal(t, []string{vostokArticle}, ids(t, body, "id"))
	})
	t.Run("InvalidDate", func(t *testing.T) {
		res, body := c.get(t, "/v1/articles?published_after=2022-13-01&published_before=yesterday")
		require.Equal(t, 400, res.StatusCode)
		assert.ElementsMatch(t, []string{"published_after", "published_before"}, problemParams(t, body))
	})
	t.Run("Get", func(t *testing.T) {
		res, body := c.get(t, "/v1/articles/"+drillsArticle)
		require.Equal(t, 200, res.StatusCode, "%s", body)
		a := decode(t, body)
		assert.Equal(t, "https://example.com/drills", a["url"])
		assert.Nil(t, a["source"])
		assert.Equal(t, "2023-03-06", a["published_at"])
		assert.Contains(t, a["body"], "joint drills")
		assert.EqualValues(t, 3, a["entity_count"])
		assert.EqualValues(t, 0, a["statement_count"])
	})
	t.Run("Facts", func(t *testing.T) {
		res, body := c.get(t, "/v1/articles/"+vostokArticle+"/facts")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		var x struct {
			Article    struct{ Body string }
			Entities   []struct{ ID string }
			Statements []struct{ ID, Text string }
			Exercises  []struct{ ID string }
		}
		require.NoError(t, json.Unmarshal(body, &x))
		assert.Len(t, x.Entities, 5)
		assert.Len(t, x.Statements, 3)
		require.Len(t, x.Exercises, 1)
		assert.Equal(t, "vostok-2022", x.Exercises[0].ID)
	})
	t.Run("NotFound", func(t *testing.T) {
		for _, target := range []string{"/v1/articles/ffffffffffffffff", "/v1/articles/ffffffffffffffff/facts", "/v1/articles/%00"} {
			res, _ := c.get(t, target)
			assert.Equal(t, 404, res.StatusCode, target)
		}
	})
}

func TestStatements(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("Filters", func(t *testing.T) {
		for target, want := range map[string][]string{
			"/v1/statements": {vostokArticle + "-s1", vostokArticle + "-s2", vostokArticle + "-s3"},
			"/v1/statements?speaker_id=vladimir-putin":                    {vostokArticle + "-s2", vostokArticle + "-s3"},
			"/v1/statements?kind=direct":                                  {vostokArticle + "-s3"},
			"/v1/statements?mentions=china":                               {vostokArticle + "-s1"},
			"/v1/statements?article_id=" + drillsArticle:                  {},
			"/v1/statements?q=foreign+fighters":                           {vostokArticle + "-s2"},
			"/v1/statements?said_after=2022-08-17&said_before=2022-08-17": {vostokArticle + "-s1", vostokArticle + "-s2", vostokArticle + "-s3"},
			"/v1/statements?said_after=2022-08-18":                        {},
		} {
			res, body := c.get(t, target)
			require.Equal(t, 200, res.StatusCode, "%s: %s", target, body)
			assert.ElementsMatch(t, want, ids(t, body, "id"), target)
		}
	})
	t.Run("Get", func(t *testing.T) {
		articleBody := decode(t, mustBody(t, c, "/v1/articles/"+vostokArticle))["body"].(string)
		sp := span(t, articleBody, "Russia can train foreign fighters", 0)
		res, body := c.get(t, "/v1/statements/"+vostokArticle+"-s2")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.JSONEq(t, `{"id":"`+vostokArticle+`-s2","article_id":"`+vostokArticle+`","speaker_id":"vladimir-putin",
			"speaker_text":"Putin","kind":"indirect","text":"Russia can train foreign fighters",
			"start":`+strconv.Itoa(sp.Start)+`,"end":`+strconv.Itoa(sp.End)+`,
			"verb":"says","said_on":"2022-08-17","entity_ids":["russia"]}`, string(body))
	})
	t.Run("InvalidKind", func(t *testing.T) {
		res, body := c.get(t, "/v1/statements?kind=shouted&said_after=soon")
		require.Equal(t, 400, res.StatusCode)
		assert.ElementsMatch(t, []string{"kind", "said_after"}, problemParams(t, body))
	})
	t.Run("NotFound", func(t *testing.T) {
		res, _ := c.get(t, "/v1/statements/"+vostokArticle+"-s99")
		assert.Equal(t, 404, res.StatusCode)
	})
}

func TestExercises(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("List", func(t *testing.T) {
		for target, want := range map[string][]string{
			"/v1/exercises":                      {"vostok-2022"},
			"/v1/exercises?year=2022":            {"vostok-2022"},
			"/v1/exercises?year=2023":            {},
			"/v1/exercises?participant_id=india": {"vostok-2022"},
			"/v1/exercises?host_id=china":        {},
			"/v1/exercises?q=vostok":             {"vostok-2022"},
		} {
			res, body := c.get(t, target)
			require.Equal(t, 200, res.StatusCode, "%s: %s", target, body)
			assert.Equal(t, want, ids(t, body, "id"), target)
		}
	})
	t.Run("Get", func(t *testing.T) {
		res, body := c.get(t, "/v1/exercises/vostok-2022")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		x := decode(t, body)
		assert.Equal(t, map[string]any{"id": "russia", "name": "Russia"}, x["host"])
		assert.Equal(t, []any{
			map[string]any{"id": "china", "name": "China", "type": "country"},
			map[string]any{"id": "india", "name": "India", "type": "country"},
		}, x["participants"])
		assert.Equal(t, map[string]any{"text": "late August", "start": "2022-08-21", "end": "2022-08-31"}, x["period"])
		assert.Equal(t, 1.0, x["article_count"])
		assert.Equal(t, map[string]any{"article_id": vostokArticle, "published_at": x["first_report"].(map[string]any)["published_at"]}, x["first_report"])
		assert.Equal(t, x["first_report"], x["latest_report"])
		assert.NotContains(t, x, "article_ids", "articles are a sub-resource")
		assert.NotContains(t, x, "mentions", "mentions are a sub-resource")
		assert.Nil(t, x["purpose"])
	})
	t.Run("Articles", func(t *testing.T) {
		res, body := c.get(t, "/v1/exercises/vostok-2022/articles")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.Equal(t, []string{vostokArticle}, ids(t, body, "id"))
	})
	t.Run("Mentions", func(t *testing.T) {
		_, body := c.get(t, "/v1/exercises/vostok-2022")
		n := decode(t, body)["mention_count"].(float64)
		require.Positive(t, n)
		res, body := c.get(t, "/v1/exercises/vostok-2022/mentions?limit=1")
		require.Equal(t, 200, res.StatusCode, "%s", body)
		assert.Equal(t, []string{vostokArticle}, ids(t, body, "article_id"))
		if n > 1 {
			assert.Contains(t, res.Header.Get("Link"), "cursor=")
		}
	})
	t.Run("SubresourceNotFound", func(t *testing.T) {
		for _, target := range []string{"/v1/exercises/zapad-1981/articles", "/v1/exercises/zapad-1981/mentions"} {
			res, _ := c.get(t, target)
			assert.Equal(t, 404, res.StatusCode, target)
		}
	})
	t.Run("SubresourceOldCursor", func(t *testing.T) {
		// A cursor of the exercise list, as a client of the old shape might pass on.
		res, body := c.get(t, "/v1/exercises/vostok-2022/mentions?cursor=WyItaW5maW5pdHkiLCJ2b3N0b2stMjAyMiJd")
		require.Equal(t, 400, res.StatusCode, "%s", body)
		assert.Equal(t, []string{"cursor"}, problemParams(t, body))
	})
	t.Run("InvalidYear", func(t *testing.T) {
		res, body := c.get(t, "/v1/exercises?year=twenty")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"year"}, problemParams(t, body))
	})
	t.Run("NotFound", func(t *testing.T) {
		res, _ := c.get(t, "/v1/exercises/zapad-1981")
		assert.Equal(t, 404, res.StatusCode)
	})
}

func mustBody(tb testing.TB, c validating, target string) []byte {
	tb.Helper()
	res, body := c.get(tb, target)
	require.Equal(tb, 200, res.StatusCode, "%s", body)
	return body
}

// TestExerciseListParticipants: an exercise in a list counts its participants and aliases and
// carries neither; the exercise read alone carries them all (up to 50 participants), expanded.
func TestExerciseListParticipants(t *testing.T) {
	store := mustStore(t)
	c := mustClient(t, store, testOptions())
	var body strings.Builder
	body.WriteString("Exercise Long Line 2025 brings together")
	var entities []facts.Entity
	var participants []string
	for i := range 14 {
		name := fmt.Sprintf("Country%02d", i)
		body.WriteString(" " + name)
		participants = append(participants, facts.Slug(name))
	}
	text := body.String()
	for i, id := range participants {
		name := fmt.Sprintf("Country%02d", i)
		entities = append(entities, facts.Entity{ID: id, Name: name, Type: facts.Country, Aliases: []string{}, Mentions: []facts.Span{span(t, text, name, 0)}})
	}
	mustSave(t, store, "00000000000000ee", "", facts.Extraction{
		Article:    facts.ExtractedArticle{Title: "Long line", PublishedAt: date("2025-03-01"), SHA256: strings.Repeat("e", 64), Body: text},
		Entities:   entities,
		Statements: []facts.Statement{},
		Exercises: []facts.Exercise{{ID: "long-line-2025", Name: "Long Line 2025", Aliases: []string{"Long-Line-25"}, ParticipantIDs: participants,
			Mentions: []facts.Span{span(t, text, "Long Line 2025", 0)}}},
	})

	for _, target := range []string{"/v1/exercises", "/v1/exercises?participant_id=country13"} {
		res, b := c.get(t, target)
		require.Equal(t, 200, res.StatusCode, "%s", b)
		var page struct {
			Data []map[string]any `json:"data"`
		}
		require.NoError(t, json.Unmarshal(b, &page))
		require.Len(t, page.Data, 1, target)
		assert.NotContains(t, page.Data[0], "participant_ids", target)
		assert.NotContains(t, page.Data[0], "aliases", target)
		assert.Equal(t, 14.0, page.Data[0]["participant_count"], target)
		assert.Equal(t, 1.0, page.Data[0]["alias_count"], target)
	}
	res, b := c.get(t, "/v1/exercises/long-line-2025")
	require.Equal(t, 200, res.StatusCode, "%s", b)
	var x struct {
		Aliases        []string `json:"aliases"`
		ParticipantIDs []string `json:"participant_ids"`
		Participants   []struct {
			ID string `json:"id"`
		} `json:"participants"`
	}
	require.NoError(t, json.Unmarshal(b, &x))
	assert.Equal(t, []string{"Long-Line-25"}, x.Aliases)
	assert.Equal(t, participants, x.ParticipantIDs)
	require.Len(t, x.Participants, 14)
	assert.Equal(t, "country13", x.Participants[13].ID)
}
