// Package api serves newsfacts facts over a versioned JSON REST API. Its contract is
// openapi.yaml at the repository root; the tests hold every answer to it.
package api

import (
	"fmt"
	"github.com/newsfacts/newsfacts/internal/respcache"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsfacts/newsfacts/internal/changefeed"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
)

// DefaultBodyLimit is the largest request body POST /v1/articles accepts.
const DefaultBodyLimit = 2 << 20

// DefaultDBTimeout bounds a request's time on the database when Options leaves it unset.
const DefaultDBTimeout = 5 * time.Second

// DefaultIngestTimeout bounds the database time of one POST /v1/articles when Options leaves it
// unset: saving a long article that shares names with another being saved waits for its locks.
const DefaultIngestTimeout = 30 * time.Second

// Options configures NewServer. The zero value serves read-only with default limits.
type Options struct {
	// CORSOrigins may read the API from a browser; "*" means any. Empty means any.
	CORSOrigins []string
	// IngestToken enables POST /v1/articles for callers that send it as a bearer token;
	// empty disables it.
	IngestToken string
	// BodyLimit caps request bodies in bytes; 0 means DefaultBodyLimit.
	BodyLimit int64
	// DBTimeout caps each request's time on the database; 0 means DefaultDBTimeout.
	DBTimeout time.Duration
	// Gazetteer is what POST /v1/articles extracts with; nil means gazetteer.Default().
	Gazetteer *gazetteer.Gazetteer
	// Registry receives the HTTP metrics and is what /metrics exposes; nil means a new one.
	Registry *prometheus.Registry
	// Limits bounds each client's requests and all requests in progress; the zero value
	// imposes none.
	Limits Limits
	// IngestTimeout caps a POST /v1/articles' time on the database, counted once its body is
	// read and extracted; 0 means DefaultIngestTimeout.
	IngestTimeout time.Duration
	// Saver, when not nil, saves what POST /v1/articles ingests instead of the store, so that
	// writes can have connections (and timeouts) of their own.
	Saver ingest.Saver
	// IngestConcurrency caps the POST /v1/articles read and extracted at once; 0 means the
	// number of CPUs.
	IngestConcurrency int
	// Cache, when not nil, answers repeated GETs under /v1 from memory. Whoever sets it keeps
	// it fresh (respcache.Cache.Follow); nil means every request reads the store.
	Cache *respcache.Cache
	// Changes feeds GET /v1/changes; nil answers it 503. Whoever sets it keeps it fed
	// (changefeed.Feed.Follow).
	Changes *changefeed.Feed
	// KeepAlive is how often an idle change stream sends a comment; 0 means DefaultKeepAlive.
	KeepAlive time.Duration
	// Reads, when not nil, routes reads under /v1 (to replicas) and gives writes a
	// Consistency-Token; nil means the store decides alone and no token is given.
	Reads ReadRouter
}

// NewServer returns the HTTP handler of the whole API. Everything that can be prepared once (the
// routes, the docs page, the metrics) is prepared here, so requests pay only for their own work.
// It panics only on a bug: an embedded spec that does not render.
func NewServer(logger *slog.Logger, store Store, opts Options) http.Handler {
	if len(opts.CORSOrigins) == 0 {
		opts.CORSOrigins = []string{"*"}
	}
	if opts.BodyLimit <= 0 {
		opts.BodyLimit = DefaultBodyLimit
	}
	if opts.DBTimeout <= 0 {
		opts.DBTimeout = DefaultDBTimeout
	}
	if opts.KeepAlive <= 0 {
		opts.KeepAlive = DefaultKeepAlive
	}
	if opts.IngestTimeout <= 0 {
		opts.IngestTimeout = DefaultIngestTimeout
	}
	if opts.Saver == nil {
		opts.Saver = store
	}
	if opts.IngestConcurrency <= 0 {
		opts.IngestConcurrency = runtime.NumCPU()
	}
	if opts.Gazetteer == nil {
		opts.Gazetteer = gazetteer.Default()
	}
	if opts.Registry == nil {
		opts.Registry = prometheus.NewRegistry()
	}
	m := newMetrics(opts.Registry)
	docs, err := docsPage()
	if err != nil {
		panic(fmt.Sprintf("render the API docs: %v", err))
	}

	mux := chi.NewRouter()
	// No StripSlashes: /v1/entities/ is not a resource, and answering it with the list made
	// generated clients decode a list where they expected an entity. GetHead answers HEAD on
	// every GET route; net/http drops the body.
	mux.Use(requestID, observe(logger, m), recoverer(logger), securityHeaders, cors(opts.CORSOrigins),
		limit(logger, opts.Limits, m.limited), middleware.GetHead)
	// Set before addRoutes, so that the /v1 subrouter inherits them.
	mux.NotFound(func(w http.ResponseWriter, r *http.Request) {
		writeError(logger, w, r, errNotFound(r))
	})
	mux.MethodNotAllowed(methodNotAllowed(logger, mux))
	addRoutes(mux, logger, store, opts, docs)
	return mux
}

// errNotFound is the answer for a path no route serves.
func errNotFound(r *http.Request) error {
	return facts.Errorf(facts.ENOTFOUND, "no resource at %s; see /docs for the API", r.URL.Path)
}

// methodNotAllowed answers 405 with the Allow header RFC 9110 requires. chi computes the allowed
// methods only for its default handler, so they are found here by asking the router.
func methodNotAllowed(logger *slog.Logger, router chi.Routes) http.HandlerFunc {
	methods := []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}
	return func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range methods {
			if router.Match(chi.NewRouteContext(), m, r.URL.Path) {
				allow = append(allow, m)
				if m == http.MethodGet {
					allow = append(allow, http.MethodHead) // GetHead answers it
				}
			}
		}
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeError(logger, w, r, facts.Errorf(eMethodNotAllowed, "%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or ")))
	}
}
