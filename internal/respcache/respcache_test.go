package respcache

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// origin stands in for the API: it counts its calls and answers with the representation
// headers the API sets. Its body names the call, so a stale answer is visible.
type origin struct {
	calls  atomic.Int64
	status int
	before func() // runs inside the handler, e.g. an invalidation racing the query
}

func (o *origin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	n := o.calls.Add(1)
	if o.before != nil {
		o.before()
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Add("Vary", "Accept-Encoding")
	h.Set("ETag", fmt.Sprintf(`"tag-%s"`, r.Header.Get("Accept-Encoding")))
	h.Set("Cache-Control", "no-cache")
	h.Set("Link", `</v1/things?cursor=x>; rel="next"`)
	h.Set("X-Handler-Only", "not replayed")
	if o.status != 0 && o.status != http.StatusOK {
		w.WriteHeader(o.status)
	}
	fmt.Fprintf(w, `{"call":%d,"uri":%q}`, n, r.URL.RequestURI())
}

// outer stands in for the API's outer middleware: a fresh request id and a CORS Vary.
func outer(next http.Handler) http.Handler {
	var id atomic.Int64
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Request-Id", fmt.Sprint(id.Add(1)))
		w.Header().Add("Vary", "Origin")
		next.ServeHTTP(w, r)
	})
}

func mustDo(tb testing.TB, h http.Handler, method, target string, header ...string) *httptest.ResponseRecorder {
	tb.Helper()
	r := httptest.NewRequest(method, target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		r.Header.Set(header[i], header[i+1])
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func TestMiddleware(t *testing.T) {
	t.Run("HitReplaysBytesAndRepresentationHeaders", func(t *testing.T) {
		o := &origin{}
		c := New(0)
		h := outer(c.Middleware(o))
		first := mustDo(t, h, http.MethodGet, "/v1/things?limit=50")
		second := mustDo(t, h, http.MethodGet, "/v1/things?limit=50")
		assert.Equal(t, int64(1), o.calls.Load(), "the second request is served from memory")
		assert.Equal(t, http.StatusOK, second.Code)
		assert.Equal(t, first.Body.String(), second.Body.String())
		for _, k := range []string{"Content-Type", "ETag", "Cache-Control", "Link"} {
			assert.Equal(t, first.Header().Values(k), second.Header().Values(k), k)
		}
		assert.Equal(t, []string{"Origin", "Accept-Encoding"}, second.Header().Values("Vary"))
		assert.Equal(t, "2", second.Header().Get("X-Request-Id"), "per-request headers are the current request's")
		assert.Empty(t, second.Header().Get("X-Handler-Only"))
		assert.Equal(t, Stats{Hits: 1, Misses: 1, Entries: 1, Bytes: c.Stats().Bytes}, c.Stats())
	})
	t.Run("KeyedByURIAndAcceptEncoding", func(t *testing.T) {
		o := &origin{}
		h := New(0).Middleware(o)
		mustDo(t, h, http.MethodGet, "/v1/things?limit=50")
		mustDo(t, h, http.MethodGet, "/v1/things?limit=10")
		gz := mustDo(t, h, http.MethodGet, "/v1/things?limit=50", "Accept-Encoding", "gzip")
		assert.Equal(t, int64(3), o.calls.Load())
		assert.Equal(t, `"tag-gzip"`, gz.Header().Get("ETag"))
		again := mustDo(t, h, http.MethodGet, "/v1/things?limit=50", "Accept-Encoding", "gzip")
		assert.Equal(t, int64(3), o.calls.Load())
		assert.Equal(t, `"tag-gzip"`, again.Header().Get("ETag"))
	})
	t.Run("NotModified", func(t *testing.T) {
		o := &origin{}
		h := New(0).Middleware(o)
		mustDo(t, h, http.MethodGet, "/v1/things")
		w := mustDo(t, h, http.MethodGet, "/v1/things", "If-None-Match", `W/"tag-", "other"`)
		assert.Equal(t, int64(1), o.calls.Load())
		assert.Equal(t, http.StatusNotModified, w.Code)
		assert.Empty(t, w.Body.String())
		assert.Empty(t, w.Header().Get("Content-Type"))
		assert.Equal(t, `"tag-"`, w.Header().Get("ETag"))
		w = mustDo(t, h, http.MethodGet, "/v1/things", "If-None-Match", `"stale"`)
		assert.Equal(t, http.StatusOK, w.Code)
	})
	t.Run("InvalidateRecomputes", func(t *testing.T) {
		o := &origin{}
		c := New(0)
		h := c.Middleware(o)
		mustDo(t, h, http.MethodGet, "/v1/things")
		c.Invalidate()
		w := mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(2), o.calls.Load())
		assert.Contains(t, w.Body.String(), `"call":2`)
	})
	t.Run("RacingInvalidationIsNotStored", func(t *testing.T) {
		c := New(0)
		o := &origin{}
		o.before = c.Invalidate // a commit lands while the query runs: its answer may be stale
		h := c.Middleware(o)
		mustDo(t, h, http.MethodGet, "/v1/things")
		o.before = nil
		w := mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(2), o.calls.Load())
		assert.Contains(t, w.Body.String(), `"call":2`)
		mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(2), o.calls.Load(), "an answer computed without a race is stored")
	})
	t.Run("OnlyGet200", func(t *testing.T) {
		for _, status := range []int{http.StatusNotFound, http.StatusServiceUnavailable, http.StatusCreated} {
			o := &origin{status: status}
			h := New(0).Middleware(o)
			mustDo(t, h, http.MethodGet, "/v1/things/nope")
			w := mustDo(t, h, http.MethodGet, "/v1/things/nope")
			assert.Equal(t, int64(2), o.calls.Load(), "status %d", status)
			assert.Equal(t, status, w.Code)
		}
		o := &origin{}
		h := New(0).Middleware(o)
		mustDo(t, h, http.MethodPost, "/v1/things")
		mustDo(t, h, http.MethodPost, "/v1/things")
		mustDo(t, h, http.MethodHead, "/v1/things")
		assert.Equal(t, int64(3), o.calls.Load())
	})
	t.Run("SuccessfulWriteInvalidates", func(t *testing.T) {
		o := &origin{}
		c := New(0)
		h := c.Middleware(o)
		mustDo(t, h, http.MethodGet, "/v1/things")
		o.status = http.StatusUnauthorized
		mustDo(t, h, http.MethodPost, "/v1/things")
		o.status = 0
		mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(2), o.calls.Load(), "a failed write keeps the cache")
		o.status = http.StatusCreated
		mustDo(t, h, http.MethodPost, "/v1/things")
		o.status = 0
		w := mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(4), o.calls.Load(), "the writer reads its own write")
		assert.Contains(t, w.Body.String(), `"call":4`)
	})
	t.Run("DisabledBypasses", func(t *testing.T) {
		o := &origin{}
		c := New(0)
		h := c.Middleware(o)
		c.SetEnabled(false)
		mustDo(t, h, http.MethodGet, "/v1/things")
		mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(2), o.calls.Load())
		assert.Equal(t, int64(2), c.Stats().Bypasses)
		c.SetEnabled(true)
		mustDo(t, h, http.MethodGet, "/v1/things")
		mustDo(t, h, http.MethodGet, "/v1/things")
		assert.Equal(t, int64(3), o.calls.Load())
	})
	t.Run("BoundedBytes", func(t *testing.T) {
		o := &origin{}
		const budget = 4 * (entryOverhead + 300) // a few entries
		c := New(budget)
		h := c.Middleware(o)
		for i := range 20 {
			mustDo(t, h, http.MethodGet, fmt.Sprintf("/v1/things?page=%d", i))
			assert.LessOrEqual(t, c.Stats().Bytes, int64(budget))
		}
		assert.Positive(t, c.Stats().Entries)
		assert.Less(t, c.Stats().Entries, 20)
	})
	t.Run("LargeBodyNotStored", func(t *testing.T) {
		var calls atomic.Int64
		big := strings.Repeat("x", maxEntryBytes+1)
		h := New(0).Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			calls.Add(1)
			_, _ = io.WriteString(w, big[:len(big)/2])
			_, _ = io.WriteString(w, big[len(big)/2:])
		}))
		w := mustDo(t, h, http.MethodGet, "/v1/big")
		assert.Equal(t, len(big), w.Body.Len(), "the client still gets it all")
		mustDo(t, h, http.MethodGet, "/v1/big")
		assert.Equal(t, int64(2), calls.Load())
	})
}

// TestConcurrent is for -race: hits, misses and invalidations at once, and no answer older
// than the last invalidation that finished before the request began.
func TestConcurrent(t *testing.T) {
	var version atomic.Int64
	c := New(0)
	h := c.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		v := version.Load()
		time.Sleep(50 * time.Microsecond)
		fmt.Fprint(w, v)
	}))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	var wg sync.WaitGroup
	wg.Go(func() {
		for ctx.Err() == nil {
			version.Add(1) // the write commits...
			c.Invalidate() // ...and then its notification arrives
			time.Sleep(time.Millisecond)
		}
	})
	var stale atomic.Int64
	for i := range 8 {
		wg.Go(func() {
			for ctx.Err() == nil {
				floor := version.Load()
				w := mustDo(t, h, http.MethodGet, fmt.Sprintf("/v1/things?k=%d", i%3))
				var got int64
				fmt.Sscan(w.Body.String(), &got)
				// The invalidation for floor may still be in flight, so floor-1 is allowed.
				if got < floor-1 {
					stale.Add(1)
				}
			}
		})
	}
	wg.Wait()
	assert.Zero(t, stale.Load())
	assert.Positive(t, c.Stats().Hits)
}

// fakeSub is a Subscription fed by a channel: nil is a notification, an error a failure.
type fakeSub struct {
	events chan error
	closed atomic.Bool
}

func (s *fakeSub) Wait(ctx context.Context) error {
	select {
	case err := <-s.events:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (s *fakeSub) Close() { s.closed.Store(true) }

func TestFollow(t *testing.T) {
	o := &origin{}
	c := New(0)
	h := c.Middleware(o)
	subs := make(chan *fakeSub)
	attempts := make(chan struct{}, 10)
	var fail atomic.Bool
	fail.Store(true)
	subscribe := func(ctx context.Context) (Subscription, error) {
		attempts <- struct{}{}
		if fail.Load() {
			return nil, errors.New("database down")
		}
		s := &fakeSub{events: make(chan error)}
		select {
		case subs <- s:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
		return s, nil
	}
	c.SetCoalesce(0) // TestFollowCoalesces covers the window
	var reports atomic.Int64
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		c.Follow(ctx, subscribe, func(error) { reports.Add(1) })
		close(done)
	}()

	// Not subscribed yet: nothing is cached.
	<-attempts
	require.Eventually(t, func() bool { return reports.Load() >= 1 }, time.Second, time.Millisecond)
	mustDo(t, h, http.MethodGet, "/v1/things")
	mustDo(t, h, http.MethodGet, "/v1/things")
	assert.Equal(t, int64(2), o.calls.Load(), "disabled while the source is down")

	// Subscribed: cached, and a notification invalidates.
	fail.Store(false)
	sub := <-subs
	require.Eventually(t, func() bool { return c.enabled.Load() }, time.Second, time.Millisecond)
	mustDo(t, h, http.MethodGet, "/v1/things")
	mustDo(t, h, http.MethodGet, "/v1/things")
	assert.Equal(t, int64(3), o.calls.Load())
	sub.events <- nil
	sub.events <- nil // the second send returns once Follow has handled the first
	mustDo(t, h, http.MethodGet, "/v1/things")
	assert.Equal(t, int64(4), o.calls.Load(), "a notification empties the cache")

	// The subscription fails: disabled until a new one is open.
	sub.events <- errors.New("connection lost")
	next := <-subs
	assert.True(t, sub.closed.Load())
	require.Eventually(t, func() bool { return c.enabled.Load() }, time.Second, time.Millisecond)
	mustDo(t, h, http.MethodGet, "/v1/things")
	mustDo(t, h, http.MethodGet, "/v1/things")
	assert.Equal(t, int64(5), o.calls.Load(), "re-enabled empty, then caching again")

	cancel()
	<-done
	assert.True(t, next.closed.Load())
	assert.False(t, c.enabled.Load())
}

// BenchmarkHit measures a request served from memory, the cost the cache adds on top of
// routing and outer middleware.
func BenchmarkHit(b *testing.B) {
	c := New(0)
	h := c.Middleware(&origin{})
	r := httptest.NewRequest(http.MethodGet, "/v1/things?limit=50", nil)
	h.ServeHTTP(httptest.NewRecorder(), r)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
	}
	if c.Stats().Hits < 1 {
		b.Fatal("no hits")
	}
}

// TestEntryCost checks that what the budget charges an entry is what it costs: the heap grown
// by storing n small answers through the middleware, the real path, against Stats().Bytes.
func TestEntryCost(t *testing.T) {
	const n = 4000
	c := New(1 << 40)
	h := c.Middleware(&origin{})
	reqs := make([]*http.Request, n)
	for i := range reqs {
		reqs[i] = httptest.NewRequest(http.MethodGet, fmt.Sprintf("/v1/entities/entity-%06d", i), nil)
		reqs[i].Header.Set("Accept-Encoding", "gzip")
	}
	w := httptest.NewRecorder()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	for _, r := range reqs {
		w.Body.Reset()
		h.ServeHTTP(w, r)
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	require.Equal(t, n, c.Stats().Entries)
	measured := float64(after.HeapAlloc) - float64(before.HeapAlloc)
	charged := float64(c.Stats().Bytes)
	t.Logf("%d entries: heap grew %.0f bytes (%.0f per entry), charged %.0f (%.0f per entry)",
		n, measured, measured/n, charged, charged/n)
	assert.InDelta(t, 1, charged/measured, 0.35, "the budget charges what entries cost")
	runtime.KeepAlive(reqs)
}

// TestEvictsLeastRecentlyUsed fills a small cache past its budget: the entries served since
// they were stored stay, the others go, and the total stays under the budget.
func TestEvictsLeastRecentlyUsed(t *testing.T) {
	o := &origin{}
	one := entryCost("/v1/things/0000\x00", http.Header{}, make([]byte, 40)) + 200
	c := New(10 * one)
	h := c.Middleware(o)
	for i := range 8 {
		mustDo(t, h, http.MethodGet, fmt.Sprintf("/v1/things/%04d", i))
	}
	require.Equal(t, 8, c.Stats().Entries, "eight fit")
	mustDo(t, h, http.MethodGet, "/v1/things/0000") // a hit: 0000 is recently used
	calls := o.calls.Load()
	for i := 8; i < 20; i++ {
		mustDo(t, h, http.MethodGet, fmt.Sprintf("/v1/things/%04d", i))
		assert.LessOrEqual(t, c.Stats().Bytes, 10*one)
	}
	st := c.Stats()
	assert.Positive(t, st.Evictions)
	assert.Less(t, st.Entries, 20)
	mustDo(t, h, http.MethodGet, "/v1/things/0019")
	assert.Equal(t, calls+12, o.calls.Load(), "the newest entry is served from memory")
	mustDo(t, h, http.MethodGet, "/v1/things/0001")
	assert.Equal(t, calls+13, o.calls.Load(), "an old unused entry was evicted")
}

// TestFollowCoalesces sends a burst of notifications: the first empties the cache at once, the
// rest together once the window has passed, and not before.
func TestFollowCoalesces(t *testing.T) {
	o := &origin{}
	c := New(0)
	const window = 300 * time.Millisecond
	c.SetCoalesce(window)
	h := c.Middleware(o)
	sub := &fakeSub{events: make(chan error)}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		c.Follow(ctx, func(context.Context) (Subscription, error) { return sub, nil }, nil)
		close(done)
	}()
	require.Eventually(t, func() bool { return c.enabled.Load() }, time.Second, time.Millisecond)
	get := func() int64 { mustDo(t, h, http.MethodGet, "/v1/things"); return o.calls.Load() }
	require.Equal(t, int64(1), get())
	gen := c.gen.Load()
	sub.events <- nil
	require.Eventually(t, func() bool { return c.gen.Load() > gen }, time.Second, time.Millisecond)
	require.Equal(t, int64(2), get(), "the first commit is applied at once")
	start := time.Now()
	sub.events <- nil // applied at the window's end
	assert.Equal(t, int64(2), get(), "within the window, still the cached answer")
	require.Eventually(t, func() bool { return get() == 3 }, 2*window, time.Millisecond, "applied after the window")
	assert.GreaterOrEqual(t, time.Since(start), window/2, "not before the window has passed")
	cancel()
	<-done
}
