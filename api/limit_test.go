package api_test

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
)

func getFrom(h http.Handler, target, addr string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	req.RemoteAddr = addr
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestRateLimit(t *testing.T) {
	opts := testOptions()
	// One request per 100 s after a burst of 3: slow enough that no token comes back while
	// the test runs, however slow the machine.
	opts.Limits = api.Limits{Rate: 0.01, Burst: 3, IngestRate: 0.01, IngestBurst: 1}
	h := mustServer(t, mustStore(t), opts)
	for i := range 3 {
		rec := getFrom(h, "/v1/entities", "192.0.2.1:1000")
		require.Equal(t, 200, rec.Code, "request %d", i)
		assert.Equal(t, `"addr";q=3;w=300`, rec.Header().Get("RateLimit-Policy"))
		want := `^"addr";r=` + strconv.Itoa(2-i) + `;t=0$`
		if i == 2 {
			want = `^"addr";r=0;t=(9[0-9]|100)$` // the next token is 100 s away, less what passed
		}
		assert.Regexp(t, want, rec.Header().Get("RateLimit"))
	}
	rec := getFrom(h, "/v1/entities", "192.0.2.1:1001")
	assert.Equal(t, 429, rec.Code, "the fourth request from one address")
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	assert.Regexp(t, `^(9[0-9]|100)$`, rec.Header().Get("Retry-After"))
	assert.Contains(t, rec.Body.String(), "urn:newsfacts:problem:rate_limited")

	assert.Equal(t, 200, getFrom(h, "/v1/entities", "192.0.2.2:1000").Code, "another address has its own quota")
	t.Run("IPv6By64", func(t *testing.T) {
		for i := range 3 {
			require.Equal(t, 200, getFrom(h, "/v1/entities", "[2001:db8:1:2::"+strconv.Itoa(i+1)+"]:1000").Code)
		}
		assert.Equal(t, 429, getFrom(h, "/v1/entities", "[2001:db8:1:2:ffff::9]:1000").Code, "one /64 shares a quota")
		assert.Equal(t, 200, getFrom(h, "/v1/entities", "[2001:db8:1:3::1]:1000").Code, "another /64 has its own")
	})
	assert.Equal(t, 200, getFrom(h, "/healthz", "192.0.2.1:1000").Code, "health checks are exempt")
	metrics := getFrom(h, "/metrics", "192.0.2.1:1000")
	assert.Contains(t, metrics.Body.String(), `newsfacts_http_limited_total{limit="addr_rate"} 2`, "the fourth request and the IPv6 one")
	assert.Equal(t, 200, getFrom(h, "/readyz", "192.0.2.1:1000").Code, "health checks are exempt")

	t.Run("IngestByToken", func(t *testing.T) {
		post := func(addr string) int {
			req := httptest.NewRequest(http.MethodPost, "/v1/articles", strings.NewReader("Russia held drills in June."))
			req.RemoteAddr = addr
			req.Header.Set("Content-Type", "text/plain")
			req.Header.Set("Authorization", "Bearer s3cret")
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			return rec.Code
		}
		assert.Equal(t, 201, post("192.0.2.3:1"))
		assert.Equal(t, 429, post("192.0.2.4:1"), "the token's quota follows it to another address")
	})
}

// blocking is a store whose entity lookup waits until release is closed.
type blocking struct {
	*postgres.Store
	started chan struct{}
	release chan struct{}
	mu      *sync.Mutex // the store is one transaction, which takes one query at a time
}

func (b blocking) Entity(ctx context.Context, id string) (facts.StoredEntity, error) {
	b.started <- struct{}{}
	<-b.release
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.Store.Entity(ctx, id)
}

func TestConcurrencyLimits(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	b := blocking{Store: store, started: make(chan struct{}), release: make(chan struct{}), mu: new(sync.Mutex)}
	opts := testOptions()
	opts.Limits = api.Limits{PerClient: 1, InFlight: 2}
	h := mustServer(t, b, opts)
	done := make(chan int, 2)
	go func() { done <- getFrom(h, "/v1/entities/russia", "192.0.2.1:1").Code }()
	<-b.started

	rec := getFrom(h, "/v1/entities", "192.0.2.1:2")
	assert.Equal(t, 429, rec.Code, "a second request in progress from one address")
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))

	go func() { done <- getFrom(h, "/v1/entities/russia", "192.0.2.2:1").Code }()
	<-b.started
	rec = getFrom(h, "/v1/entities", "192.0.2.3:1")
	assert.Equal(t, 503, rec.Code, "a third request in progress in all")
	assert.Equal(t, "1", rec.Header().Get("Retry-After"))

	close(b.release)
	assert.Equal(t, 200, <-done)
	assert.Equal(t, 200, <-done)
	assert.Equal(t, 200, getFrom(h, "/v1/entities", "192.0.2.1:2").Code, "slots are returned")
}

// slowPost sends a text/plain POST whose body arrives in two halves, delay apart, and returns
// the answer's status and Retry-After once the handler returns.
func slowPost(h http.Handler, delay time.Duration, started chan<- struct{}) (int, string) {
	pr, pw := io.Pipe()
	go func() {
		_, _ = io.WriteString(pw, "Russia and Belarus will hold joint drills in June, ")
		if started != nil {
			close(started)
		}
		time.Sleep(delay)
		_, _ = io.WriteString(pw, "the Belarusian Defence Ministry said.")
		_ = pw.Close()
	}()
	req := httptest.NewRequest(http.MethodPost, "/v1/articles", pr)
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer s3cret")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Code, rec.Header().Get("Retry-After")
}

func TestIngestConcurrency(t *testing.T) {
	opts := testOptions()
	opts.IngestConcurrency = 1
	h := mustServer(t, mustStore(t), opts)
	started := make(chan struct{})
	first := make(chan int, 1)
	go func() {
		code, _ := slowPost(h, 300*time.Millisecond, started)
		first <- code
	}()
	<-started
	code, retry := slowPost(h, 0, nil)
	assert.Equal(t, 503, code, "a second ingest while one is read and extracted")
	assert.Equal(t, "2", retry)
	assert.Equal(t, 201, <-first)
}

// TestIngestDBTimeoutExcludesUpload: the database timeout starts once the body is read and
// extracted, so a slow upload to a healthy database is stored, not a 503.
func TestIngestDBTimeoutExcludesUpload(t *testing.T) {
	opts := testOptions()
	opts.DBTimeout, opts.IngestTimeout = 200*time.Millisecond, 200*time.Millisecond
	h := mustServer(t, mustStore(t), opts)
	code, _ := slowPost(h, 500*time.Millisecond, nil)
	assert.Equal(t, 201, code)
}

// TestRateLimitMatchesSpec: the 429 and the RateLimit headers are as openapi.yaml declares.
func TestRateLimitMatchesSpec(t *testing.T) {
	opts := testOptions()
	opts.Limits = api.Limits{Rate: 0.01, Burst: 1}
	c := mustClient(t, mustStore(t), opts)
	res, _ := c.get(t, "/v1/entities")
	require.Equal(t, 200, res.StatusCode)
	assert.NotEmpty(t, res.Header.Get("RateLimit"))
	res, body := c.get(t, "/v1/entities?limit=5")
	require.Equal(t, 429, res.StatusCode, "%s", body)
	res, _ = c.get(t, "/v1/exercises/vostok-2022")
	require.Equal(t, 429, res.StatusCode)
}
