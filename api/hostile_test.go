package api_test

import (
	"encoding/base64"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// pagedLists are the six lists that take a cursor.
var pagedLists = []string{"/v1/articles", "/v1/entities", "/v1/entities/russia/mentions",
	"/v1/entities/vladimir-putin/statements", "/v1/statements", "/v1/exercises"}

func TestCraftedCursorIs400(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())
	for _, raw := range []string{`["x","y"]`, `[null,"a"]`, `["99999999999","a"]`, `["99999999999","a","b"]`,
		`["x","a","b"]`, `["0000-01-01","a"]`, `["2022-02-30","a"]`, `["2022-01-01","a\u0000"]`, `[1,"a"]`,
		`["infinity","a","1","x"]`, `["infinity","a","99999999999","1"]`, `[null,null,null,null]`} {
		cursor := base64.RawURLEncoding.EncodeToString([]byte(raw))
		for _, list := range pagedLists {
			res, body := c.get(t, list+"?cursor="+cursor)
			if assert.Equal(t, 400, res.StatusCode, "%s with cursor %s: %s", list, raw, body) {
				assert.Equal(t, []string{"cursor"}, problemParams(t, body), "%s with cursor %s", list, raw)
			}
		}
	}
	t.Run("IssuedCursorsStillWork", func(t *testing.T) {
		for _, list := range pagedLists {
			res, body := c.get(t, list+"?limit=1")
			require.Equal(t, 200, res.StatusCode, "%s: %s", list, body)
			next, _ := decode(t, body)["next_cursor"].(string)
			if next == "" {
				continue
			}
			res, body = c.get(t, list+"?limit=1&cursor="+next)
			assert.Equal(t, 200, res.StatusCode, "%s: %s", list, body)
		}
	})
}

func TestHostileQueryIs400(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())
	params := map[string][]string{
		"/v1/articles":   {"q"},
		"/v1/entities":   {"q", "article_id"},
		"/v1/statements": {"q", "speaker_id", "article_id", "mentions"},
		"/v1/exercises":  {"q", "participant_id", "host_id"},
	}
	for list, names := range params {
		for _, name := range names {
			for what, value := range map[string]string{
				"NUL":     "a\x00b",
				"UTF8":    "a\xffb",
				"TooLong": strings.Repeat("a", 201),
			} {
				res, body := c.get(t, list+"?"+name+"="+url.QueryEscape(value))
				if assert.Equal(t, 400, res.StatusCode, "%s %s %s: %s", list, name, what, body) {
					assert.Equal(t, []string{name}, problemParams(t, body), "%s %s %s", list, name, what)
				}
			}
			res, body := c.get(t, list+"?"+name+"="+strings.Repeat("a", 200))
			assert.Equal(t, 200, res.StatusCode, "%s %s at the limit: %s", list, name, body)
		}
	}
}

func TestHostileArticleIs400(t *testing.T) {
	store := mustStore(t)
	c := mustClient(t, store, testOptions())
	for name, tc := range map[string]struct{ contentType, target, body, param string }{
		"YearZero":        {"application/json", "/v1/articles", `{"published_at":"0000-06-01","body":"Russia held drills."}`, "published_at"},
		"YearZeroText":    {"text/plain", "/v1/articles?published_at=0000-06-01", "Russia held drills.", "published_at"},
		"LongURL":         {"application/json", "/v1/articles", `{"url":"https://example.com/` + strings.Repeat("x", 3000) + `","body":"Russia held drills."}`, "url"},
		"LongURLText":     {"text/plain", "/v1/articles?url=https://example.com/" + strings.Repeat("x", 3000), "Russia held drills.", "url"},
		"NULTitle":        {"application/json", "/v1/articles", `{"title":"a\u0000b","body":"Russia held drills."}`, "title"},
		"InvalidUTF8JSON": {"application/json", "/v1/articles", "{\"body\":\"Russia \xff held drills.\"}", "body"},
		"Array":           {"application/json", "/v1/articles", `[]`, "body"},
		"String":          {"application/json", "/v1/articles", `"text"`, "body"},
	} {
		t.Run(name, func(t *testing.T) {
			res, v := post(t, c, tc.target, tc.contentType, "s3cret", tc.body)
			require.Equal(t, 400, res.StatusCode, "%v", v)
			errs, _ := v["errors"].([]any)
			require.Len(t, errs, 1, "%v", v)
			assert.Equal(t, tc.param, errs[0].(map[string]any)["param"], "%v", v)
			assert.NotContains(t, v["detail"], "api.", "no Go type names")
		})
	}
}

func TestHead(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	srv := httptest.NewServer(mustServer(t, store, testOptions()))
	t.Cleanup(srv.Close)
	for _, target := range append(pagedLists, "/v1/entities/russia", "/v1/articles/"+vostokArticle, "/v1/articles/"+vostokArticle+"/facts",
		"/v1/statements/"+vostokArticle+"-s2", "/v1/exercises/vostok-2022", "/healthz", "/readyz", "/openapi.yaml", "/docs", "/metrics") {
		do := func(method string) *http.Response {
			req, err := http.NewRequest(method, srv.URL+target, nil)
			require.NoError(t, err)
			req.Header.Set("Accept-Encoding", "gzip") // the client asks for gzip on GET only
			res, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			return res
		}
		get := do(http.MethodGet)
		_ = get.Body.Close()
		res := do(http.MethodHead)
		b, _ := io.ReadAll(res.Body)
		_ = res.Body.Close()
		assert.Equal(t, get.StatusCode, res.StatusCode, target)
		assert.Equal(t, 200, res.StatusCode, target)
		assert.Empty(t, b, target)
		assert.Equal(t, get.Header.Get("Content-Type"), res.Header.Get("Content-Type"), target)
		assert.Equal(t, get.Header.Get("ETag"), res.Header.Get("ETag"), target)
	}
	res, err := http.Head(srv.URL + "/v1/entities/no-such-entity")
	require.NoError(t, err)
	assert.Equal(t, 404, res.StatusCode)
}

func TestBearerSchemeIsCaseInsensitive(t *testing.T) {
	h := mustServer(t, mustStore(t), testOptions())
	for auth, want := range map[string]int{"Bearer s3cret": 201, "bearer s3cret": 201, "BEARER  s3cret": 201,
		"Basic s3cret": 401, "Bearer S3CRET": 401, "Bearers3cret": 401, "": 401} {
		req := httptest.NewRequest(http.MethodPost, "/v1/articles", strings.NewReader("Russia held drills in June."))
		req.Header.Set("Content-Type", "text/plain")
		req.Header.Set("Authorization", auth)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if want == 201 && rec.Code == 200 {
			want = 200 // the same text again is unchanged
		}
		assert.Equal(t, want, rec.Code, "%q: %s", auth, rec.Body)
	}
}

// TestUnavailableDetailRevealsNothing: the 503 problem of a database outage says so without
// the driver's words, addresses or ports, which go to the log.
func TestUnavailableDetailRevealsNothing(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	require.NoError(t, err)
	p := mustProxy(t, "127.0.0.1:0", u.Host)
	u.Host = p.ln.Addr().String()
	pool, err := pgxpool.New(t.Context(), u.String())
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	c := mustClient(t, postgres.New(pool), testOptions())
	res, _ := c.get(t, "/v1/entities/russia") // a connection is open when the database goes
	require.Equal(t, 404, res.StatusCode)

	p.stop()
	for _, target := range []string{"/v1/entities", "/v1/entities/russia", "/v1/statements?q=x", "/readyz"} {
		res, body := c.get(t, target)
		require.Equal(t, 503, res.StatusCode, "%s: %s", target, body)
		detail, _ := decode(t, body)["detail"].(string)
		assert.NotRegexp(t, `[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+|:[0-9]{2,5}|tcp|dial|EOF|reset|refused|failed to|shutting`, detail, target)
		assert.Equal(t, "1", res.Header.Get("Retry-After"), target)
	}
}
