package api_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
)

const articleJSON = `{"title":"Drills announced","url":"https://example.com/a1","source":"Example Wire",
	"published_at":"2024-05-02","body":"Russia and Belarus will hold joint drills in June, the defense ministry said."}`

func post(tb testing.TB, c validating, target, contentType, token, body string) (*http.Response, map[string]any) {
	tb.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res := c.do(tb, req)
	var v map[string]any
	if res.StatusCode != http.StatusNoContent {
		b, err := io.ReadAll(res.Body)
		require.NoError(tb, err)
		v = decode(tb, b)
	}
	return res, v
}

func TestIngest(t *testing.T) {
	store := mustStore(t)
	c := mustClient(t, store, testOptions())

	t.Run("Disabled", func(t *testing.T) {
		opts := testOptions()
		opts.IngestToken = ""
		c := mustClient(t, mustStore(t), opts)
		res, body := post(t, c, "/v1/articles", "application/json", "anything", articleJSON)
		assert.Equal(t, 403, res.StatusCode)
		assert.Contains(t, body["detail"], "NEWSFACTS_INGEST_TOKEN")
	})
	t.Run("NoToken", func(t *testing.T) {
		res, _ := post(t, c, "/v1/articles", "application/json", "", articleJSON)
		assert.Equal(t, 401, res.StatusCode)
		assert.Equal(t, `Bearer realm="newsfacts"`, res.Header.Get("WWW-Authenticate"))
	})
	t.Run("WrongToken", func(t *testing.T) {
		for _, token := range []string{"s3cre", "s3cret ", "S3CRET", "s3cretx"} {
			res, _ := post(t, c, "/v1/articles", "application/json", token, articleJSON)
			assert.Equal(t, 401, res.StatusCode, token)
		}
	})
	t.Run("CreatedThenUnchanged", func(t *testing.T) {
		res, body := post(t, c, "/v1/articles", "application/json", "s3cret", articleJSON)
		require.Equal(t, 201, res.StatusCode, "%v", body)
		assert.Equal(t, "created", body["status"])
		id := body["article_id"].(string)
		assert.Len(t, id, 16)

		res, body = post(t, c, "/v1/articles", "application/json; charset=utf-8", "s3cret", articleJSON)
		require.Equal(t, 200, res.StatusCode, "%v", body)
		assert.Equal(t, "unchanged", body["status"])
		assert.Equal(t, id, body["article_id"])

		res2, got := c.get(t, "/v1/articles/"+id)
		require.Equal(t, 200, res2.StatusCode)
		a := decode(t, got)
		assert.Equal(t, "Drills announced", a["title"])
		assert.Equal(t, "Example Wire", a["source"])
		assert.Equal(t, "2024-05-02", a["published_at"])
	})
	t.Run("Updated", func(t *testing.T) {
		changed := strings.Replace(articleJSON, "in June", "in July", 1)
		res, body := post(t, c, "/v1/articles", "application/json", "s3cret", changed)
		require.Equal(t, 200, res.StatusCode, "%v", body)
		assert.Equal(t, "updated", body["status"])
	})
	t.Run("PlainText", func(t *testing.T) {
		res, body := post(t, c, "/v1/articles?published_at=2024-06-01&source=Wire", "text/plain; charset=utf-8", "s3cret",
			"Joint patrols begin\nThe navies of two countries began joint patrols on Monday.")
		require.Equal(t, 201, res.StatusCode, "%v", body)
		res2, got := c.get(t, "/v1/articles/"+body["article_id"].(string))
		require.Equal(t, 200, res2.StatusCode)
		a := decode(t, got)
		assert.Equal(t, "Joint patrols begin", a["title"], "the first line is the title")
		assert.Equal(t, "2024-06-01", a["published_at"])
	})
	t.Run("TooLarge", func(t *testing.T) {
		big := `{"body":"` + strings.Repeat("a", api.DefaultBodyLimit) + `"}`
		res, body := post(t, c, "/v1/articles", "application/json", "s3cret", big)
		assert.Equal(t, 413, res.StatusCode, "%v", body)
		res, _ = post(t, c, "/v1/articles", "text/plain", "s3cret", strings.Repeat("word ", api.DefaultBodyLimit/5+1))
		assert.Equal(t, 413, res.StatusCode)
	})
	t.Run("BadBodies", func(t *testing.T) {
		for name, tc := range map[string]struct {
			contentType, body string
			status            int
		}{
			"UnknownField": {"application/json", `{"body":"x y z","colour":"red"}`, 400},
			"NotJSON":      {"application/json", `{"body":`, 400},
			"WrongType":    {"application/json", `{"body":42}`, 400},
			"BadDate":      {"application/json", `{"body":"x y z","published_at":"last week"}`, 400},
			"EmptyBody":    {"application/json", `{"body":"   "}`, 400},
			"Nothing":      {"application/json", ``, 400},
			"TwoObjects":   {"application/json", `{"body":"a"}{"body":"b"}`, 400},
			"XML":          {"application/xml", `<body/>`, 415},
			"NoType":       {"", `hello`, 415},
		} {
			res, body := post(t, c, "/v1/articles", tc.contentType, "s3cret", tc.body)
			assert.Equal(t, tc.status, res.StatusCode, "%s: %v", name, body)
		}
	})
	t.Run("QueryWithJSON", func(t *testing.T) {
		res, _ := post(t, c, "/v1/articles?title=x", "application/json", "s3cret", articleJSON)
		assert.Equal(t, 400, res.StatusCode)
	})
}
