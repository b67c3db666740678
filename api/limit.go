package api

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// Limits bounds what one client, and all clients together, may ask of the server (OWASP API4).
// A zero field disables its limit; NewServer's zero Options disable them all, and
// `newsfacts serve` turns them on with generous defaults.
type Limits struct {
	// Rate is the sustained requests per second one client address may send, and Burst how
	// many it may send at once after a quiet spell (a token bucket).
	Rate  float64
	Burst int
	// IngestRate and IngestBurst limit POSTs per bearer token, on top of the address limit.
	IngestRate  float64
	IngestBurst int
	// PerClient caps one address's requests in progress at once, so that a client looping
	// on expensive queries cannot hold every database connection.
	PerClient int
	// InFlight caps requests in progress from all clients together.
	InFlight int
}

// maxTracked bounds the clients a limiter remembers; past it, idle ones are forgotten early.
const maxTracked = 100_000

// limiter keeps a token bucket and an in-progress count per key (a client address or token).
type limiter struct {
	rate    rate.Limit
	burst   int
	perKey  int // 0: no cap on requests in progress
	name    string
	policy  string
	mu      sync.Mutex
	clients map[string]*client
	swept   time.Time
}

type client struct {
	bucket   *rate.Limiter
	inFlight int
	seen     time.Time
}

func newLimiter(name string, r float64, burst, perKey int) *limiter {
	if r <= 0 && perKey <= 0 {
		return nil
	}
	l := &limiter{name: name, rate: rate.Limit(r), burst: max(burst, 1), perKey: perKey, clients: map[string]*client{}}
	if r > 0 {
		// IETF httpapi RateLimit headers: the quota q is the burst, refilled over w seconds.
		l.policy = fmt.Sprintf(`"%s";q=%d;w=%d`, name, l.burst, max(1, int(math.Ceil(float64(l.burst)/r))))
	}
	return l
}

// admit counts a request by key in, or says why not (and which limit, for metrics) and for how
// long to wait. done must be called when an admitted request ends.
func (l *limiter) admit(key string, h http.Header) (done func(), retry time.Duration, why, which string) {
	now := time.Now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.swept) > time.Minute || len(l.clients) >= maxTracked {
		l.sweep(now)
	}
	c := l.clients[key]
	if c == nil {
		c = &client{}
		if l.rate > 0 {
			c.bucket = rate.NewLimiter(l.rate, l.burst)
		}
		l.clients[key] = c
	}
	c.seen = now
	if l.perKey > 0 && c.inFlight >= l.perKey {
		return nil, time.Second, fmt.Sprintf("more than %d requests in progress from one client", l.perKey), l.name + "_concurrency"
	}
	if c.bucket != nil {
		ok := c.bucket.AllowN(now, 1)
		tokens := c.bucket.TokensAt(now)
		wait := time.Duration(0)
		if tokens < 1 {
			wait = time.Duration((1 - tokens) / float64(l.rate) * float64(time.Second))
		}
		h.Add("RateLimit-Policy", l.policy)
		h.Add("RateLimit", fmt.Sprintf(`"%s";r=%d;t=%d`, l.name, max(0, int(tokens)), int(math.Ceil(wait.Seconds()))))
		if !ok {
			return nil, wait, fmt.Sprintf("more than %d requests in a burst or %g a second from one client", l.burst, float64(l.rate)), l.name + "_rate"
		}
	}
	c.inFlight++
	return func() {
		l.mu.Lock()
		c.inFlight--
		l.mu.Unlock()
	}, 0, "", ""
}

// sweep forgets clients with nothing in progress whose bucket has refilled, which is all a
// fresh entry would hold.
func (l *limiter) sweep(now time.Time) {
	l.swept = now
	for k, c := range l.clients {
		if c.inFlight == 0 && (c.bucket == nil || c.bucket.TokensAt(now) >= float64(l.burst)) {
			delete(l.clients, k)
		}
	}
}

// clientAddr is the address a request came from, without its port, and for IPv6 its /64
// network: one host commonly holds a whole /64, and would otherwise get 2^64 quotas.
// X-Forwarded-For is not trusted: any client could send one to get a fresh quota.
func clientAddr(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	ip := net.ParseIP(host)
	if ip == nil || ip.To4() != nil {
		return host
	}
	return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
}

// limit applies Limits: requests over a client's rate or concurrency answer 429, requests over
// the server's in-flight cap answer 503, both with Retry-After. Health checks and metrics are
// exempt, so that a balancer or scraper is never turned away by a busy client.
// Each refusal is counted in limited by the limit that refused it: addr_rate,
// addr_concurrency, ingest_rate or in_flight.
func limit(logger *slog.Logger, lim Limits, limited *prometheus.CounterVec) func(http.Handler) http.Handler {
	byAddr := newLimiter("addr", lim.Rate, lim.Burst, lim.PerClient)
	byToken := newLimiter("ingest", lim.IngestRate, lim.IngestBurst, 0)
	var slots chan struct{}
	if lim.InFlight > 0 {
		slots = make(chan struct{}, lim.InFlight)
	}
	return func(next http.Handler) http.Handler {
		if byAddr == nil && byToken == nil && slots == nil {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.URL.Path {
			case "/healthz", "/readyz", "/metrics":
				next.ServeHTTP(w, r)
				return
			}
			refuse := func(status int, retry time.Duration, why, which string) {
				limited.WithLabelValues(which).Inc()
				w.Header().Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(retry.Seconds())))))
				code := eRateLimited
				if status == http.StatusServiceUnavailable {
					code = facts.EUNAVAILABLE
				}
				writeError(logger, w, r, facts.Errorf(code, "%s; retry later", why))
			}
			// A change stream stays open for as long as its page does and holds no database
			// connection: it is rate limited when it opens, but counts against no cap on
			// requests in progress (the change feed caps streams itself).
			stream := r.URL.Path == "/v1/changes"
			if byAddr != nil {
				done, retry, why, which := byAddr.admit(clientAddr(r), w.Header())
				if done == nil {
					refuse(http.StatusTooManyRequests, retry, why, which)
					return
				}
				if stream {
					done()
				} else {
					defer done()
				}
			}
			if byToken != nil && r.Method == http.MethodPost {
				if auth := r.Header.Get("Authorization"); auth != "" {
					// Keyed by a digest, so that the limiter never holds a token.
					sum := sha256.Sum256([]byte(auth))
					done, retry, why, which := byToken.admit(hex.EncodeToString(sum[:8]), w.Header())
					if done == nil {
						refuse(http.StatusTooManyRequests, retry, why, which)
						return
					}
					defer done()
				}
			}
			if slots != nil && !stream {
				select {
				case slots <- struct{}{}:
					defer func() { <-slots }()
				default:
					refuse(http.StatusServiceUnavailable, time.Second, fmt.Sprintf("the server has %d requests in progress", cap(slots)), "in_flight")
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	}
}
