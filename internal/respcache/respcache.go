// Package respcache keeps successful GET responses in memory and serves them again until the
// data behind them changes. It exists because the API's read endpoints spend most of their time
// on a database round trip whose answer only changes when an ingest commits: answering repeat
// requests from memory puts list endpoints within reach of a bare net/http handler.
//
// Freshness is the caller's contract: call Invalidate whenever stored data changes (newsfacts
// does it on a PostgreSQL NOTIFY sent inside each ingest transaction, so it happens at commit;
// see Follow, which applies notifications at most once per coalescing window, so that a
// continuous ingest does not empty the cache at every commit). A response computed while an
// invalidation happened is never stored, so a query that raced a commit cannot leave stale
// bytes behind.
//
// Memory is bounded by what entries really cost, not just their bytes: each entry is charged
// its key, body and headers plus entryOverhead, the measured cost of the structures that hold
// them (TestEntryCost). When a new entry does not fit, the least recently used ones go first
// (CLOCK: a hit marks an entry, and eviction passes over marked entries once). While the source of invalidations is
// down, the cache is disabled and every request goes through. It imports only the standard
// library.
package respcache

import (
	"bytes"
	"container/list"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Limits on what is cached.
const (
	DefaultMaxBytes = 64 << 20 // total cost of the entries held (entryCost)
	maxEntryBytes   = 4 << 20  // a larger body goes through uncached
	maxKeyExtra     = 256      // Accept-Encoding values longer than this bypass the cache
)

// replayed are the response headers an entry keeps: those that describe the representation.
// Per-request headers (X-Request-Id, CORS, security headers) are set by outer middleware on
// every request and must not be frozen into an entry.
var replayed = []string{"Content-Type", "Content-Encoding", "Content-Length", "ETag", "Cache-Control", "Link", "Vary"}

// notModifiedDropped are the replayed headers a 304 leaves out, as the API's own 304 does.
var notModifiedDropped = map[string]bool{"Content-Type": true, "Content-Encoding": true, "Content-Length": true}

// Cache holds GET responses with status 200, keyed by request URI and Accept-Encoding. The
// zero value is not usable; call New.
type Cache struct {
	maxBytes int64
	coalesce atomic.Int64 // Follow's coalescing window, in nanoseconds
	enabled  atomic.Bool
	gen      atomic.Uint64 // bumped by every invalidation

	mu      sync.RWMutex
	entries map[string]*entry
	order   list.List // of *entry, most recently stored (or given a second chance) first
	size    int64
	evicted atomic.Int64

	hits, misses, bypasses atomic.Int64
}

// entry is one stored response.
type entry struct {
	header http.Header // only replayed headers
	body   []byte
	etag   string
	key    string
	cost   int64
	elem   *list.Element
	used   atomic.Bool // served since it was stored or last passed over by eviction
}

// entryOverhead is what an entry costs beyond the bytes of its key, body and header strings:
// the entry itself, its header map and slices, its list element and its slot in the map.
// Measured with runtime.MemStats (TestEntryCost): a small answer whose key, body and headers
// hold about 100 bytes grows the heap by about 700, so the budget, which once counted its key
// and body alone, held several times the memory it was given.
const entryOverhead = 600

// entryCost is what an entry is charged against the budget.
func entryCost(key string, header http.Header, body []byte) int64 {
	n := int64(len(key) + cap(body) + entryOverhead)
	for k, vs := range header {
		n += int64(len(k))
		for _, v := range vs {
			n += int64(len(v))
		}
	}
	return n
}

// DefaultCoalesce is Follow's default coalescing window: under a continuous ingest the cache is
// emptied at most once per window, and an answer is at most this much older than the last
// commit notified.
const DefaultCoalesce = time.Second

// New returns an enabled, empty cache whose entries cost at most maxBytes in all
// (DefaultMaxBytes when maxBytes ≤ 0; see entryCost).
func New(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	c := &Cache{maxBytes: maxBytes, entries: map[string]*entry{}}
	c.coalesce.Store(int64(DefaultCoalesce))
	c.enabled.Store(true)
	return c
}

// SetCoalesce sets Follow's coalescing window; 0 applies every notification at once.
func (c *Cache) SetCoalesce(d time.Duration) { c.coalesce.Store(int64(max(d, 0))) }

// Invalidate drops every entry and makes responses computed before it unstorable.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.gen.Add(1)
	clear(c.entries)
	c.order.Init()
	c.size = 0
	c.mu.Unlock()
}

// SetEnabled turns the cache on or off. Either way it is emptied: entries stored before a
// period without invalidations cannot be trusted after it.
func (c *Cache) SetEnabled(on bool) {
	c.enabled.Store(on)
	c.Invalidate()
}

// Stats are the cache's counters since New.
type Stats struct {
	Hits, Misses int64 // requests served from an entry; requests computed and offered to the cache
	Bypasses     int64 // requests that went through while the cache was disabled or could not key them
	Evictions    int64 // entries dropped to make room
	Entries      int
	Bytes        int64 // the cost of the entries held (entryCost)
}

// Stats returns the current counters.
func (c *Cache) Stats() Stats {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bypasses: c.bypasses.Load(), Evictions: c.evicted.Load(), Entries: len(c.entries), Bytes: c.size}
}

// Middleware serves GET requests from the cache and stores the 200 responses of those it
// passes on. Other methods always go through, and one that succeeds (2xx) invalidates the
// cache as soon as its handler returns: its client then reads its own write at once, without
// waiting for the change notification to come back from the database.
func (c *Cache) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodHead || r.Method == http.MethodOptions {
			next.ServeHTTP(w, r)
			return
		}
		if r.Method != http.MethodGet {
			sw := &statusWriter{ResponseWriter: w}
			next.ServeHTTP(sw, r)
			if sw.status >= 200 && sw.status < 300 {
				c.Invalidate()
			}
			return
		}
		ae := r.Header.Get("Accept-Encoding")
		if !c.enabled.Load() || len(ae) > maxKeyExtra {
			c.bypasses.Add(1)
			next.ServeHTTP(w, r)
			return
		}
		key := r.URL.RequestURI() + "\x00" + ae
		c.mu.RLock()
		e := c.entries[key]
		c.mu.RUnlock()
		if e != nil {
			c.hits.Add(1)
			if !e.used.Load() {
				e.used.Store(true)
			}
			e.serve(w, r)
			return
		}

		c.misses.Add(1)
		gen := c.gen.Load()
		rec := &recorder{ResponseWriter: w, outer: outerCounts(w.Header())}
		next.ServeHTTP(rec, r)
		if rec.status != http.StatusOK || rec.tooLarge || rec.header == nil {
			return
		}
		c.store(key, gen, &entry{header: rec.header, body: bytes.Clone(rec.body.Bytes()), etag: rec.header.Get("ETag")})
	})
}

// store adds e unless an invalidation happened since gen was read or the cache was disabled.
func (c *Cache) store(key string, gen uint64, e *entry) {
	e.key = key
	e.cost = entryCost(key, e.header, e.body)
	if e.cost > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen.Load() != gen || !c.enabled.Load() {
		return
	}
	if old := c.entries[key]; old != nil {
		c.remove(old)
	}
	// Evict from the back: an entry served since it was stored gets a second chance at the
	// front, once; the others go, least recently stored first.
	for c.size+e.cost > c.maxBytes {
		back := c.order.Back().Value.(*entry)
		if back.used.Load() {
			back.used.Store(false)
			c.order.MoveToFront(back.elem)
			continue
		}
		c.remove(back)
		c.evicted.Add(1)
	}
	c.entries[key] = e
	e.elem = c.order.PushFront(e)
	c.size += e.cost
}

// remove drops e; the caller holds c.mu.
func (c *Cache) remove(e *entry) {
	delete(c.entries, e.key)
	c.order.Remove(e.elem)
	c.size -= e.cost
}

// serve answers from the entry: 304 when If-None-Match names its ETag, else the bytes.
func (e *entry) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	notModified := e.etag != "" && etagMatch(r.Header.Get("If-None-Match"), e.etag)
	for k, v := range e.header {
		if notModified && notModifiedDropped[k] {
			continue
		}
		if len(h[k]) == 0 {
			// Shared by every hit, so capped: a later Add must copy rather than write into it.
			h[k] = v[:len(v):len(v)]
		} else {
			// Appended, not set: outer middleware may already have added to Vary.
			h[k] = append(h[k], v...)
		}
	}
	if notModified {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(e.body)
}

// etagMatch reports whether an If-None-Match value names tag, comparing weakly as RFC 9110
// §13.1.2 asks.
func etagMatch(header, tag string) bool {
	if header == "" {
		return false
	}
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || strings.TrimPrefix(part, "W/") == tag {
			return true
		}
	}
	return false
}

// outerCounts counts the values of replayed headers that outer middleware set before the
// handler ran, so that an entry keeps only what the handler added (Vary: Origin from CORS is
// the request's, not the entry's).
func outerCounts(h http.Header) map[string]int {
	var n map[string]int
	for _, k := range replayed {
		if v := h.Values(k); len(v) > 0 {
			if n == nil {
				n = map[string]int{}
			}
			n[http.CanonicalHeaderKey(k)] = len(v)
		}
	}
	return n
}

// recorder passes a response through while keeping a copy of its status, representation
// headers and body.
type recorder struct {
	http.ResponseWriter
	outer    map[string]int // from outerCounts
	status   int
	header   http.Header
	body     bytes.Buffer
	tooLarge bool
}

func (r *recorder) WriteHeader(status int) {
	if r.status == 0 {
		r.status = status
		if status == http.StatusOK {
			r.header = http.Header{}
			for _, k := range replayed {
				k = http.CanonicalHeaderKey(k)
				v := r.ResponseWriter.Header().Values(k)
				if n := r.outer[k]; n > 0 && n <= len(v) {
					v = v[n:]
				}
				if len(v) > 0 {
					r.header[k] = append([]string(nil), v...)
				}
			}
		}
	}
	r.ResponseWriter.WriteHeader(status)
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.WriteHeader(http.StatusOK)
	}
	if r.status == http.StatusOK && !r.tooLarge {
		if r.body.Len()+len(b) > maxEntryBytes {
			r.tooLarge = true
			r.body = bytes.Buffer{}
		} else {
			r.body.Write(b)
		}
	}
	return r.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (r *recorder) Unwrap() http.ResponseWriter { return r.ResponseWriter }

// statusWriter remembers the status of a response it passes through.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
