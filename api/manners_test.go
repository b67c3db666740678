package api_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts"
	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestETag(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	c := mustClient(t, store, testOptions())
	for _, target := range []string{"/v1/entities", "/v1/entities/russia", "/v1/articles/" + vostokArticle + "/facts", "/openapi.yaml", "/docs"} {
		res, body := c.get(t, target)
		require.Equal(t, 200, res.StatusCode, target)
		tag := res.Header.Get("ETag")
		require.Regexp(t, `^"[0-9a-f]{32}"$`, tag, target)

		res, body2 := c.get(t, target, "If-None-Match", tag)
		assert.Equal(t, 304, res.StatusCode, target)
		assert.Empty(t, body2)
		assert.Equal(t, tag, res.Header.Get("ETag"))

		res, body3 := c.get(t, target, "If-None-Match", `"other", W/`+tag)
		assert.Equal(t, 304, res.StatusCode, "weak comparison, lists: %s", target)
		assert.Empty(t, body3)

		res, body4 := c.get(t, target, "If-None-Match", `"stale"`)
		assert.Equal(t, 200, res.StatusCode, target)
		assert.Equal(t, body, body4)
	}
	t.Run("ChangesWithContent", func(t *testing.T) {
		res, _ := c.get(t, "/v1/entities?limit=1")
		res2, _ := c.get(t, "/v1/entities?limit=2")
		assert.NotEqual(t, res.Header.Get("ETag"), res2.Header.Get("ETag"))
	})
	t.Run("NotOnHealth", func(t *testing.T) {
		res, _ := c.get(t, "/healthz")
		assert.Empty(t, res.Header.Get("ETag"))
	})
}

func TestGzip(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	h := mustServer(t, store, testOptions())
	get := func(header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(http.MethodGet, "/v1/articles/"+vostokArticle+"/facts", nil)
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	plain := get()
	require.Equal(t, 200, plain.Code)
	require.Greater(t, plain.Body.Len(), 1024, "the fixture's facts are big enough to compress")
	assert.Empty(t, plain.Header().Get("Content-Encoding"))

	zipped := get("Accept-Encoding", "br, gzip;q=0.8")
	require.Equal(t, 200, zipped.Code)
	require.Equal(t, "gzip", zipped.Header().Get("Content-Encoding"))
	assert.Contains(t, zipped.Header().Values("Vary"), "Accept-Encoding")
	zr, err := gzip.NewReader(zipped.Body)
	require.NoError(t, err)
	unzipped, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, plain.Body.Bytes(), unzipped)

	tag := zipped.Header().Get("ETag")
	assert.Regexp(t, `^"[0-9a-f]{32}-gz"$`, tag, "another representation, another strong tag")
	assert.NotEqual(t, plain.Header().Get("ETag"), tag)
	assert.Equal(t, 304, get("Accept-Encoding", "gzip", "If-None-Match", tag).Code)

	assert.Empty(t, get("Accept-Encoding", "gzip;q=0").Header().Get("Content-Encoding"), "q=0 refuses gzip")
	assert.Empty(t, get("Accept-Encoding", "identity").Header().Get("Content-Encoding"))

	// Every answer, compressed or not, still meets the contract.
	c := validating{h: h}
	res, _ := c.get(t, "/v1/articles/"+vostokArticle+"/facts", "Accept-Encoding", "gzip")
	assert.Equal(t, 200, res.StatusCode)
}

func TestHeaders(t *testing.T) {
	c := mustClient(t, mustStore(t), testOptions())
	t.Run("RequestIDEchoed", func(t *testing.T) {
		res, _ := c.get(t, "/healthz", "X-Request-Id", "abc-123")
		assert.Equal(t, "abc-123", res.Header.Get("X-Request-Id"))
	})
	t.Run("RequestIDGenerated", func(t *testing.T) {
		res, _ := c.get(t, "/healthz", "X-Request-Id", "bad id\twith controls")
		assert.Regexp(t, `^[0-9a-f]{32}$`, res.Header.Get("X-Request-Id"))
		res2, _ := c.get(t, "/healthz")
		assert.NotEqual(t, res.Header.Get("X-Request-Id"), res2.Header.Get("X-Request-Id"))
	})
	t.Run("CORSAnyOrigin", func(t *testing.T) {
		res, _ := c.get(t, "/v1/entities", "Origin", "https://dash.example")
		assert.Equal(t, "*", res.Header.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, res.Header.Get("Access-Control-Expose-Headers"), "ETag")
	})
	t.Run("CORSConfiguredOrigins", func(t *testing.T) {
		opts := testOptions()
		opts.CORSOrigins = []string{"https://dash.example"}
		c := mustClient(t, mustStore(t), opts)
		res, _ := c.get(t, "/v1/entities", "Origin", "https://dash.example")
		assert.Equal(t, "https://dash.example", res.Header.Get("Access-Control-Allow-Origin"))
		assert.Contains(t, res.Header.Values("Vary"), "Origin")
		res, _ = c.get(t, "/v1/entities", "Origin", "https://evil.example")
		assert.Empty(t, res.Header.Get("Access-Control-Allow-Origin"))
	})
	t.Run("CORSPreflight", func(t *testing.T) {
		h := mustServer(t, mustStore(t), testOptions())
		req := httptest.NewRequest(http.MethodOptions, "/v1/entities", nil)
		req.Header.Set("Origin", "https://dash.example")
		req.Header.Set("Access-Control-Request-Method", "GET")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		assert.Equal(t, http.StatusNoContent, rec.Code)
		assert.Equal(t, "GET", rec.Header().Get("Access-Control-Allow-Methods"))
	})
	t.Run("MethodNotAllowed", func(t *testing.T) {
		res := c.do(t, httptest.NewRequest(http.MethodDelete, "/v1/entities/russia", nil))
		assert.Equal(t, 405, res.StatusCode)
		assert.Equal(t, "GET, HEAD", res.Header.Get("Allow"))
		res = c.do(t, httptest.NewRequest(http.MethodPut, "/v1/articles", nil))
		assert.Equal(t, 405, res.StatusCode)
		assert.Equal(t, "GET, HEAD, POST", res.Header.Get("Allow"))
	})
	t.Run("TrailingSlashIs404", func(t *testing.T) {
		// Not another resource: /v1/entities/ once answered the list and /v1/entities/russia/
		// the entity, so generated clients decoded one shape as the other.
		h := mustServer(t, mustStore(t), testOptions())
		for _, target := range []string{"/v1/entities/", "/v1/entities/russia/", "/v1/", "/healthz/"} {
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
			assert.Equal(t, 404, rec.Code, target)
			assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), target)
		}
	})
	t.Run("UnknownPath", func(t *testing.T) {
		for _, target := range []string{"/v2/entities", "/v1/nope", "/v1/entities/russia/friends"} {
			res, body := c.get(t, target)
			assert.Equal(t, 404, res.StatusCode, target)
			assert.Equal(t, "urn:newsfacts:problem:not_found", decode(t, body)["type"], target)
		}
	})
}

// panicking is a store whose entity lookup panics, standing in for a bug in a handler.
type panicking struct{ *postgres.Store }

func (panicking) Entity(context.Context, string) (facts.StoredEntity, error) {
	panic("secret internals 0xdeadbeef")
}

func TestPanicIs500WithoutInternals(t *testing.T) {
	var logs bytes.Buffer
	h := api.NewServer(slog.New(slog.NewJSONHandler(&logs, nil)), panicking{mustStore(t)}, testOptions())
	c := validating{h: h}
	res, body := c.get(t, "/v1/entities/russia")
	assert.Equal(t, 500, res.StatusCode)
	assert.NotContains(t, string(body), "deadbeef")
	assert.Equal(t, "internal error", decode(t, body)["detail"])
	assert.Contains(t, logs.String(), "deadbeef", "the log keeps what the client may not see")
	assert.Contains(t, logs.String(), `"stack"`)
}

func TestAccessLog(t *testing.T) {
	var logs bytes.Buffer
	h := api.NewServer(slog.New(slog.NewJSONHandler(&logs, nil)), mustStore(t), testOptions())
	c := validating{h: h}
	c.get(t, "/v1/entities/nope", "X-Request-Id", "req-42")
	var line map[string]any
	for l := range strings.Lines(logs.String()) {
		require.NoError(t, json.Unmarshal([]byte(l), &line))
		if line["msg"] == "request" {
			break
		}
	}
	assert.Equal(t, "request", line["msg"])
	assert.Equal(t, "GET", line["method"])
	assert.Equal(t, "/v1/entities/{id}", line["route"])
	assert.EqualValues(t, 404, line["status"])
	assert.Equal(t, "req-42", line["request_id"])
	assert.Contains(t, line, "duration_ms")
}

func TestMetrics(t *testing.T) {
	opts := testOptions()
	opts.Registry = prometheus.NewRegistry()
	c := mustClient(t, mustStore(t), opts)
	c.get(t, "/v1/entities/nope")
	c.get(t, "/v1/entities/nope2")
	res, body := c.get(t, "/metrics")
	require.Equal(t, 200, res.StatusCode)
	assert.Contains(t, string(body), `newsfacts_http_requests_total{method="GET",route="/v1/entities/{id}",status="404"} 2`)
	assert.Contains(t, string(body), `newsfacts_http_request_duration_seconds_bucket{method="GET",route="/v1/entities/{id}"`)
	assert.NotContains(t, string(body), "nope", "paths never become labels")
}

func TestSpecAndDocs(t *testing.T) {
	c := mustClient(t, mustStore(t), testOptions())
	res, body := c.get(t, "/openapi.yaml")
	require.Equal(t, 200, res.StatusCode)
	assert.Equal(t, newsfacts.OpenAPI, body)
	assert.Equal(t, "application/yaml", res.Header.Get("Content-Type"))

	res, body = c.get(t, "/docs")
	require.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "text/html; charset=utf-8", res.Header.Get("Content-Type"))
	assert.Contains(t, res.Header.Get("Content-Security-Policy"), "default-src 'none'")
	page := string(body)
	doc, _ := mustSpec(t)
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			assert.Contains(t, page, `id="`+op.OperationID+`"`, method+" "+path)
			for _, p := range op.Parameters {
				assert.Contains(t, page, "<code>"+p.Value.Name+"</code>", path)
			}
		}
	}
	for name := range doc.Components.Schemas {
		assert.Contains(t, page, `id="schema-`+name+`"`)
	}
	assert.Contains(t, page, "vladimir-putin", "examples are shown")
	assert.NotRegexp(t, `(src|href)="(https?:)?//`, page, "nothing is loaded from elsewhere")
}

func TestHealth(t *testing.T) {
	c := mustClient(t, mustStore(t), testOptions())
	res, body := c.get(t, "/healthz")
	assert.Equal(t, 200, res.StatusCode)
	assert.JSONEq(t, `{"status":"ok"}`, string(body))
	res, body = c.get(t, "/readyz")
	assert.Equal(t, 200, res.StatusCode)
	assert.JSONEq(t, `{"status":"ok"}`, string(body))
}

// proxy forwards TCP connections to target until it is stopped, so that a test can take the
// database away from a pool and give it back.
type proxy struct {
	ln     net.Listener
	target string
	mu     sync.Mutex
	conns  []net.Conn
}

func mustProxy(tb testing.TB, addr, target string) *proxy {
	tb.Helper()
	ln, err := net.Listen("tcp", addr)
	require.NoError(tb, err)
	p := &proxy{ln: ln, target: target}
	go p.serve()
	tb.Cleanup(p.stop)
	return p
}

func (p *proxy) serve() {
	for {
		in, err := p.ln.Accept()
		if err != nil {
			return
		}
		out, err := net.Dial("tcp", p.target)
		if err != nil {
			in.Close()
			continue
		}
		p.mu.Lock()
		p.conns = append(p.conns, in, out)
		p.mu.Unlock()
		go func() { _, _ = io.Copy(out, in); out.Close() }()
		go func() { _, _ = io.Copy(in, out); in.Close() }()
	}
}

// stop closes the listener and every connection, as a database restart would.
func (p *proxy) stop() {
	p.ln.Close()
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

func TestDatabaseDownIs503AndRecovers(t *testing.T) {
	u, err := url.Parse(pgtest.URL(t))
	require.NoError(t, err)
	p := mustProxy(t, "127.0.0.1:0", u.Host)
	addr := p.ln.Addr().String()
	u.Host = addr
	q := u.Query()
	q.Set("connect_timeout", "2")
	u.RawQuery = q.Encode()
	pool, err := pgxpool.New(t.Context(), u.String())
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	opts := testOptions()
	opts.DBTimeout = 3 * time.Second
	c := mustClient(t, postgres.New(pool), opts)

	res, body := c.get(t, "/v1/entities")
	require.Equal(t, 200, res.StatusCode, "%s", body)

	p.stop()
	for _, target := range []string{"/v1/entities", "/v1/entities/russia", "/readyz"} {
		res, body := c.get(t, target)
		assert.Equal(t, 503, res.StatusCode, "%s: %s", target, body)
	}
	res, _ = c.get(t, "/healthz")
	assert.Equal(t, 200, res.StatusCode, "liveness does not depend on the database")

	mustProxy(t, addr, p.target) // the database comes back on the same address
	require.Eventually(t, func() bool {
		res, _ := c.get(t, "/readyz")
		return res.StatusCode == 200
	}, 10*time.Second, 100*time.Millisecond)
	res, _ = c.get(t, "/v1/entities")
	assert.Equal(t, 200, res.StatusCode)
}

func TestDBTimeoutIs503(t *testing.T) {
	store := postgres.New(pgtest.Pool(t))
	opts := testOptions()
	opts.DBTimeout = time.Nanosecond
	c := mustClient(t, store, opts)
	res, body := c.get(t, "/v1/entities")
	assert.Equal(t, 503, res.StatusCode, "%s", body)
	res, _ = c.get(t, "/healthz")
	assert.Equal(t, 200, res.StatusCode, "the timeout bounds database work only")
}
