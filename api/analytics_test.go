package api_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestTimeline(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("OK", func(t *testing.T) {
		body := mustBody(t, c, "/v1/entities/russia/timeline")
		assert.JSONEq(t, `{"entity_id":"russia","bucket":"month","from":null,"to":null,"data":[
			{"start":"2022-08-01","mentions":4,"articles":1,"statements":0},
			{"start":"2023-03-01","mentions":1,"articles":1,"statements":0}],
			"undated":{"mentions":0,"articles":0,"statements":0}}`, string(body))
	})
	t.Run("Statements", func(t *testing.T) {
		body := mustBody(t, c, "/v1/entities/vladimir-putin/timeline?bucket=week")
		assert.JSONEq(t, `{"entity_id":"vladimir-putin","bucket":"week","from":null,"to":null,"data":[
			{"start":"2022-08-15","mentions":3,"articles":1,"statements":2}],
			"undated":{"mentions":0,"articles":0,"statements":0}}`, string(body))
	})
	t.Run("Range", func(t *testing.T) {
		body := mustBody(t, c, "/v1/entities/russia/timeline?from=2023-01-01&to=2023-12-31&bucket=day")
		assert.JSONEq(t, `{"entity_id":"russia","bucket":"day","from":"2023-01-01","to":"2023-12-31","data":[
			{"start":"2023-03-06","mentions":1,"articles":1,"statements":0}],
			"undated":{"mentions":0,"articles":0,"statements":0}}`, string(body))
	})
	t.Run("Undated", func(t *testing.T) {
		body := "Russia said nothing."
		mustSave(t, store, "00000000000000ff", "", facts.Extraction{
			Article:    facts.ExtractedArticle{Title: "Undated", SHA256: strings.Repeat("c", 64), Body: body},
			Entities:   []facts.Entity{{ID: "russia", Name: "Russia", Type: facts.Country, Aliases: []string{}, Mentions: []facts.Span{span(t, body, "Russia", 0)}}},
			Statements: []facts.Statement{}, Exercises: []facts.Exercise{},
		})
		body2 := mustBody(t, c, "/v1/entities/russia/timeline?from=2023-01-01")
		assert.JSONEq(t, `{"entity_id":"russia","bucket":"month","from":"2023-01-01","to":null,"data":[
			{"start":"2023-03-01","mentions":1,"articles":1,"statements":0}],
			"undated":{"mentions":1,"articles":1,"statements":0}}`, string(body2))
	})
	t.Run("InvalidBucket", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/russia/timeline?bucket=year&from=2023-13-01")
		require.Equal(t, 400, res.StatusCode)
		assert.ElementsMatch(t, []string{"bucket", "from"}, problemParams(t, body))
	})
	t.Run("ToBeforeFrom", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/russia/timeline?from=2023-01-02&to=2023-01-01")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"to"}, problemParams(t, body))
	})
	t.Run("NotFound", func(t *testing.T) {
		res, _ := c.get(t, "/v1/entities/no-such-entity/timeline")
		assert.Equal(t, 404, res.StatusCode)
	})
}

func TestRelated(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())

	t.Run("OK", func(t *testing.T) {
		body := mustBody(t, c, "/v1/entities/china/related")
		assert.Equal(t, []string{"china-defense-ministry", "india", "russia", "vladimir-putin"}, ids(t, body, "id"))
		first := decode(t, body)["data"].([]any)[0].(map[string]any)
		assert.Equal(t, float64(1), first["shared_articles"])
	})
	t.Run("MostSharedFirst", func(t *testing.T) {
		// Russia is in both articles; Belarus and Minsk only in the second.
		body := mustBody(t, c, "/v1/entities/belarus/related")
		assert.Equal(t, []string{"minsk", "russia"}, ids(t, body, "id"))
		body = mustBody(t, c, "/v1/entities/russia/related?type=country")
		assert.Equal(t, []string{"belarus", "china", "india"}, ids(t, body, "id"))
	})
	t.Run("Paged", func(t *testing.T) {
		var all []string
		target := "/v1/entities/russia/related?limit=2"
		for target != "" {
			body := mustBody(t, c, target)
			all = append(all, ids(t, body, "id")...)
			target = ""
			if next, ok := decode(t, body)["next_cursor"].(string); ok {
				target = "/v1/entities/russia/related?limit=2&cursor=" + next
			}
		}
		assert.Equal(t, []string{"belarus", "china", "china-defense-ministry", "india", "minsk", "vladimir-putin"}, all)
	})
	t.Run("InvalidType", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities/russia/related?type=planet")
		require.Equal(t, 400, res.StatusCode)
		assert.Equal(t, []string{"type"}, problemParams(t, body))
	})
	t.Run("NotFound", func(t *testing.T) {
		res, _ := c.get(t, "/v1/entities/no-such-entity/related")
		assert.Equal(t, 404, res.StatusCode)
	})
}

func TestExercisePeriodOverlap(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())
	// Vostok-2022 runs 2022-08-21..2022-08-31.
	for target, want := range map[string][]string{
		"/v1/exercises?from=2022-08-31":               {"vostok-2022"},
		"/v1/exercises?from=2022-09-01":               {},
		"/v1/exercises?to=2022-08-21":                 {"vostok-2022"},
		"/v1/exercises?to=2022-08-20":                 {},
		"/v1/exercises?from=2022-01-01&to=2022-12-31": {"vostok-2022"},
		"/v1/exercises?from=2022-08-25&to=2022-08-26": {"vostok-2022"},
	} {
		assert.Equal(t, want, ids(t, mustBody(t, c, target), "id"), target)
	}
	res, body := c.get(t, "/v1/exercises?from=August")
	require.Equal(t, 400, res.StatusCode)
	assert.Equal(t, []string{"from"}, problemParams(t, body))
}
