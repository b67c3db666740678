package api

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"
)

// requestIDKey is the context key of the request id; a private type, so no other package can
// collide with it.
type requestIDKey struct{}

// NewContextWithRequestID returns ctx carrying the request id id.
func NewContextWithRequestID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, requestIDKey{}, id)
}

// RequestIDFromContext returns the request id ctx carries, or "".
func RequestIDFromContext(ctx context.Context) string {
	id, _ := ctx.Value(requestIDKey{}).(string)
	return id
}

// maxRequestIDLen bounds a client's X-Request-Id so that it cannot bloat every log line.
const maxRequestIDLen = 128

// requestID takes the client's X-Request-Id when it is short printable ASCII, else makes one,
// and echoes it, so that a client can quote it in a bug report and find it in the logs.
func requestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !validRequestID(id) {
			var b [16]byte
			_, _ = rand.Read(b[:])
			id = hex.EncodeToString(b[:])
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(NewContextWithRequestID(r.Context(), id)))
	})
}

func validRequestID(id string) bool {
	if id == "" || len(id) > maxRequestIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		if id[i] <= ' ' || id[i] > '~' {
			return false
		}
	}
	return true
}

// recoverer turns a panic into a 500 problem that reveals nothing, and logs the panic with its
// stack. http.ErrAbortHandler is re-raised: it is net/http's way to abort a response.
func recoverer(logger *slog.Logger) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			defer func() {
				v := recover()
				if v == nil {
					return
				}
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.ErrorContext(r.Context(), "panic", "method", r.Method, "path", r.URL.Path,
					"request_id", RequestIDFromContext(r.Context()), "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeError(logger, w, r, fmt.Errorf("panic: %v", v))
			}()
			next.ServeHTTP(w, r)
		})
	}
}

// securityHeaders sets headers every answer carries: no MIME sniffing, no framing, no
// referrer leaks. The docs page sets its own Content-Security-Policy.
func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "no-referrer")
		next.ServeHTTP(w, r)
	})
}

// cors lets browser dashboards on the allowed origins read the API with GET. "*" allows any
// origin; the API uses no cookies, so that is safe. Preflights are answered here, before
// routing, so that OPTIONS never reaches the 405 handler.
func cors(origins []string) func(http.Handler) http.Handler {
	anyOrigin := slices.Contains(origins, "*")
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			origin := r.Header.Get("Origin")
			if origin == "" {
				next.ServeHTTP(w, r)
				return
			}
			h := w.Header()
			switch {
			case anyOrigin:
				h.Set("Access-Control-Allow-Origin", "*")
			case slices.Contains(origins, origin):
				h.Set("Access-Control-Allow-Origin", origin)
				h.Add("Vary", "Origin")
			default:
				h.Add("Vary", "Origin")
				next.ServeHTTP(w, r)
				return
			}
			h.Set("Access-Control-Expose-Headers", "ETag, Link, X-Request-Id, Consistency-Token")
			if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
				h.Set("Access-Control-Allow-Methods", "GET")
				h.Set("Access-Control-Allow-Headers", "If-None-Match, X-Request-Id, Consistency-Token")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

// dbTimeout bounds the time a read may spend waiting on the database, so that a stuck query
// answers 503 instead of holding a connection until the client gives up. Writes bound their
// database time themselves, once their upload is read and extracted.
func dbTimeout(d time.Duration) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		if d <= 0 {
			return next
		}
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Method != http.MethodGet && r.Method != http.MethodHead {
				next.ServeHTTP(w, r)
				return
			}
			ctx, cancel := context.WithTimeout(r.Context(), d)
			defer cancel()
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// metrics are the HTTP metrics /metrics exposes.
type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	limited  *prometheus.CounterVec
}

// newMetrics registers the HTTP metrics with reg, reusing those already there so that servers
// built on one registry (as tests do) share their counters instead of failing.
func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "newsfacts_http_requests_total",
			Help: "HTTP requests answered, by route pattern, method and status.",
		}, []string{"route", "method", "status"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "newsfacts_http_request_duration_seconds",
			Help:    "Time to answer HTTP requests, by route pattern and method.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route", "method"}),
	}
	m.limited = prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "newsfacts_http_limited_total",
		Help: "Requests refused by a rate limit or concurrency cap, by limit.",
	}, []string{"limit"})
	m.requests = register(reg, m.requests)
	m.limited = register(reg, m.limited)
	m.duration = register(reg, m.duration)
	return m
}

// register registers c, or returns the equal collector reg already holds.
func register[C prometheus.Collector](reg prometheus.Registerer, c C) C {
	if err := reg.Register(c); err != nil {
		var are prometheus.AlreadyRegisteredError
		if errors.As(err, &are) {
			if existing, ok := are.ExistingCollector.(C); ok {
				return existing
			}
		}
		panic(fmt.Sprintf("register metrics: %v", err))
	}
	return c
}

// knownMethods are the methods metrics label by name.
var knownMethods = []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
	http.MethodPatch, http.MethodDelete, http.MethodOptions}

// observe logs every request as one structured line and counts it by chi route pattern, never
// by raw path, so that ids in paths cannot explode the metrics' cardinality.
func observe(logger *slog.Logger, m *metrics) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			start := time.Now()
			ww := middleware.NewWrapResponseWriter(w, r.ProtoMajor)
			defer func() {
				elapsed := time.Since(start)
				status := ww.Status()
				if status == 0 {
					status = http.StatusOK
				}
				route := "unmatched"
				if rctx := chi.RouteContext(r.Context()); rctx != nil {
					if p := rctx.RoutePattern(); p != "" && !strings.HasSuffix(p, "/*") {
						route = p
					}
				}
				method := r.Method
				if !slices.Contains(knownMethods, method) {
					method = "other" // clients choose methods freely; labels must stay few
				}
				m.requests.WithLabelValues(route, method, strconv.Itoa(status)).Inc()
				m.duration.WithLabelValues(route, method).Observe(elapsed.Seconds())
				logger.LogAttrs(r.Context(), slog.LevelInfo, "request",
					slog.String("method", r.Method),
					slog.String("path", r.URL.Path),
					slog.String("route", route),
					slog.Int("status", status),
					slog.Int("bytes", ww.BytesWritten()),
					slog.Float64("duration_ms", float64(elapsed.Microseconds())/1000),
					slog.String("request_id", RequestIDFromContext(r.Context())),
					slog.String("remote", r.RemoteAddr),
				)
			}()
			next.ServeHTTP(ww, r)
		})
	}
}
