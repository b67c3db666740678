// Package respcache keeps successful GET responses in memory and serves them again until the
// data behind them changes. It exists because the API's read endpoints spend most of their time
// on a database round trip whose answer only changes when an ingest commits: answering repeat
// requests from memory puts list endpoints within reach of a bare net/http handler.
//
// Freshness is the caller's contract: call Invalidate whenever stored data changes (newsfacts
// does it on a PostgreSQL NOTIFY sent inside each ingest transaction, so it happens at commit;
// see Follow). A response computed while an invalidation happened is never stored, so a query
// that raced a commit cannot leave stale bytes behind. While the source of invalidations is
// down, the cache is disabled and every request goes through. It imports only the standard
// library.
package respcache

import (
	"bytes"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Limits on what is cached.
const (
	DefaultMaxBytes = 64 << 20 // total body and key bytes held
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
	enabled  atomic.Bool
	gen      atomic.Uint64 // bumped by every invalidation

	mu      sync.RWMutex
	entries map[string]*entry
	size    int64

	hits, misses, bypasses atomic.Int64
}

// entry is one stored response.
type entry struct {
	header http.Header // only replayed headers
	body   []byte
	etag   string
}

// New returns an enabled, empty cache holding at most maxBytes of keys and bodies
// (DefaultMaxBytes when maxBytes ≤ 0). When it is full, it is emptied and refilled: simple,
// and a working set that fits is never evicted.
func New(maxBytes int64) *Cache {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	c := &Cache{maxBytes: maxBytes, entries: map[string]*entry{}}
	c.enabled.Store(true)
	return c
}

// Invalidate drops every entry and makes responses computed before it unstorable.
func (c *Cache) Invalidate() {
	c.mu.Lock()
	c.gen.Add(1)
	clear(c.entries)
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
	Entries      int
	Bytes        int64
}

// Stats returns the current counters.
func (c *Cache) Stats() Stats {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return Stats{Hits: c.hits.Load(), Misses: c.misses.Load(), Bypasses: c.bypasses.Load(), Entries: len(c.entries), Bytes: c.size}
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
	n := int64(len(key) + len(e.body))
	if n > c.maxBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	// Checked under the lock that Invalidate takes: an invalidation is either before this
	// check (and the entry is dropped) or after the insert (and removes it).
	if c.gen.Load() != gen || !c.enabled.Load() {
		return
	}
	if old := c.entries[key]; old != nil {
		c.size -= int64(len(key) + len(old.body))
	}
	if c.size+n > c.maxBytes {
		clear(c.entries)
		c.size = 0
	}
	c.entries[key] = e
	c.size += n
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
