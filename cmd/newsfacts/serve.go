package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"math"
	"net"
	"net/http"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"golang.org/x/net/netutil"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/respcache"
)

// HTTP server timeouts. Writes get longer than the per-request database timeout so that a slow
// query still reaches the client as a 503 rather than a cut connection.
const (
	readHeaderTimeout = 5 * time.Second
	readTimeout       = 30 * time.Second // a 2 MiB POST over a slow link
	idleTimeout       = 2 * time.Minute
	writeMargin       = 10 * time.Second
	// maxHeaderBytes fits any real API request (a token, an If-None-Match, a browser's cookies
	// for another site) while 1,000 stalled connections cost 16 MB, not net/http's 1 GB.
	maxHeaderBytes = 16 << 10
)

// Defaults of the limits `newsfacts serve` applies (NEWSFACTS_* variables override them). They
// are generous: a dashboard or an SDK loop stays far below them; a client that does not slow
// down when told to is what they stop.
const (
	defaultRate              = 100 // requests per second per client address
	defaultBurst             = 200
	defaultIngestRate        = 10 // POSTs per second per token
	defaultClientConcurrency = 8  // half of defaultDBMaxConns: one client cannot hold the pool
	defaultInFlight          = 256
	defaultMaxConns          = 1024
	defaultDBMaxConns        = 16
)

// serveConfig is everything `newsfacts serve` reads from flags and the environment.
type serveConfig struct {
	addr            string
	opts            api.Options
	logLevel        slog.Level
	shutdownTimeout time.Duration
	cache           bool // answer repeated GETs from memory, emptied whenever an ingest commits
	maxConns        int  // open client connections; 0: no limit
	pool            postgres.PoolOptions
	replicas        replicaConfig
}

// readServeConfig reads the serve flags and NEWSFACTS_* variables, naming the variable when
// one is wrong.
func readServeConfig(env environment, args []string) (serveConfig, error) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: newsfacts serve [--addr :8080]

Serves the JSON API. Environment:
  DATABASE_URL                 the database (default `+defaultDatabaseURL+`)
  NEWSFACTS_ADDR               listen address when --addr is not given (default :8080)
  NEWSFACTS_INGEST_TOKEN       enables POST /v1/articles for this bearer token (default: disabled)
  NEWSFACTS_CORS_ORIGINS       comma-separated origins browsers may read from (default *)
  NEWSFACTS_DB_TIMEOUT         per-request database timeout (default 5s)
  NEWSFACTS_BODY_LIMIT         largest request body in bytes (default 2097152)
  NEWSFACTS_SHUTDOWN_TIMEOUT   how long SIGTERM waits for in-flight requests (default 15s)
  NEWSFACTS_LOG_LEVEL          debug, info, warn or error (default info)
  NEWSFACTS_CACHE              on: answer repeated GETs from memory, emptied at every
                               committed ingest; off: read the database every time (default on)
  NEWSFACTS_DB_MAX_CONNS       database connections in the pool (default 16)
  NEWSFACTS_MAX_CONNS          open client connections (default 1024; 0: no limit)
  NEWSFACTS_RATE_LIMIT         requests per second per client address (default 100; 0: off)
  NEWSFACTS_RATE_BURST         requests one address may send at once (default 200)
  NEWSFACTS_INGEST_RATE_LIMIT  POST /v1/articles per second per token (default 10; 0: off)
  NEWSFACTS_CLIENT_CONCURRENCY requests in progress per client address (default 8; 0: off)
  NEWSFACTS_MAX_IN_FLIGHT      requests in progress in all (default 256; 0: off)
  NEWSFACTS_INGEST_CONCURRENCY POST /v1/articles read and extracted at once (default: CPUs)
  NEWSFACTS_INGEST_TIMEOUT     database time of one POST /v1/articles (default 30s)
  NEWSFACTS_READ_DATABASE_URL  comma-separated read replicas for GETs (default: none, the
                               primary DATABASE_URL serves them)
  NEWSFACTS_MAX_REPLICA_LAG    reads leave a replica, and /readyz fails, past this lag (default 10s)
  NEWSFACTS_REPLICA_WAIT       how long a read waits for replicas to replay a commit it must
                               see before it reads the primary (default 1s)

Flags:
`)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", env.lookup("NEWSFACTS_ADDR", ":8080"), "listen address (NEWSFACTS_ADDR)")
	readURLs := fs.String("read-database-url", env.getenv(postgres.ReadURLVariable), "comma-separated read replicas ("+postgres.ReadURLVariable+")")
	if err := fs.Parse(args); err != nil {
		return serveConfig{}, flagError(err)
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return serveConfig{}, setupErrorf("serve takes no arguments, got %q", fs.Args())
	}
	cfg := serveConfig{addr: *addr}
	var err error
	if cfg.opts.DBTimeout, err = envDuration(env, "NEWSFACTS_DB_TIMEOUT", api.DefaultDBTimeout); err != nil {
		return cfg, err
	}
	if cfg.opts.IngestTimeout, err = envDuration(env, "NEWSFACTS_INGEST_TIMEOUT", api.DefaultIngestTimeout); err != nil {
		return cfg, err
	}
	if cfg.shutdownTimeout, err = envDuration(env, "NEWSFACTS_SHUTDOWN_TIMEOUT", 15*time.Second); err != nil {
		return cfg, err
	}
	limit := env.lookup("NEWSFACTS_BODY_LIMIT", strconv.Itoa(api.DefaultBodyLimit))
	// 16 MiB is the longest body openapi.yaml admits.
	if cfg.opts.BodyLimit, err = strconv.ParseInt(limit, 10, 64); err != nil || cfg.opts.BodyLimit < 1 || cfg.opts.BodyLimit > 16<<20 {
		return cfg, setupErrorf("NEWSFACTS_BODY_LIMIT must be a number of bytes 1..16777216, got %q", limit)
	}
	if err := cfg.logLevel.UnmarshalText([]byte(env.lookup("NEWSFACTS_LOG_LEVEL", "info"))); err != nil {
		return cfg, setupErrorf("NEWSFACTS_LOG_LEVEL must be debug, info, warn or error, got %q", env.getenv("NEWSFACTS_LOG_LEVEL"))
	}
	for o := range strings.SplitSeq(env.lookup("NEWSFACTS_CORS_ORIGINS", "*"), ",") {
		if o = strings.TrimSpace(o); o != "" {
			cfg.opts.CORSOrigins = append(cfg.opts.CORSOrigins, o)
		}
	}
	var dbMaxConns, rateLimit, ingestRate int
	for _, v := range []struct {
		name     string
		def, min int
		dst      *int
	}{
		{"NEWSFACTS_DB_MAX_CONNS", defaultDBMaxConns, 1, &dbMaxConns},
		{"NEWSFACTS_MAX_CONNS", defaultMaxConns, 0, &cfg.maxConns},
		{"NEWSFACTS_RATE_LIMIT", defaultRate, 0, &rateLimit},
		{"NEWSFACTS_RATE_BURST", defaultBurst, 1, &cfg.opts.Limits.Burst},
		{"NEWSFACTS_INGEST_RATE_LIMIT", defaultIngestRate, 0, &ingestRate},
		{"NEWSFACTS_CLIENT_CONCURRENCY", defaultClientConcurrency, 0, &cfg.opts.Limits.PerClient},
		{"NEWSFACTS_MAX_IN_FLIGHT", defaultInFlight, 0, &cfg.opts.Limits.InFlight},
		{"NEWSFACTS_INGEST_CONCURRENCY", runtime.NumCPU(), 1, &cfg.opts.IngestConcurrency},
	} {
		s := env.lookup(v.name, strconv.Itoa(v.def))
		n, err := strconv.Atoi(s)
		if err != nil || n < v.min || n > math.MaxInt32 {
			return cfg, setupErrorf("%s must be a whole number of at least %d, got %q", v.name, v.min, s)
		}
		*v.dst = n
	}
	cfg.opts.Limits.Rate, cfg.opts.Limits.IngestRate = float64(rateLimit), float64(ingestRate)
	cfg.opts.Limits.IngestBurst = 2 * ingestRate
	cfg.pool.MaxConns = int32(dbMaxConns)
	// PostgreSQL cancels a statement a fifth before the request's own deadline, so that the
	// query ends and frees its connection before requests waiting for one give up, and the
	// client hears that its query was too costly rather than that the database is down.
	cfg.pool.StatementTimeout = cfg.opts.DBTimeout * 4 / 5
	cfg.pool.NoMemoize = true
	cfg.opts.IngestToken = env.getenv("NEWSFACTS_INGEST_TOKEN")
	if cfg.replicas, err = readReplicaConfig(env, *readURLs); err != nil {
		return cfg, err
	}
	switch c := env.lookup("NEWSFACTS_CACHE", "on"); c {
	case "on", "off":
		cfg.cache = c == "on"
	default:
		return cfg, setupErrorf("NEWSFACTS_CACHE must be on or off, got %q", c)
	}
	return cfg, nil
}

// envDuration reads a Go duration ("5s", "250ms") from name, def when unset.
func envDuration(env environment, name string, def time.Duration) (time.Duration, error) {
	s := env.getenv(name)
	if s == "" {
		return def, nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d <= 0 {
		return 0, setupErrorf("%s must be a positive duration such as 5s or 500ms, got %q", name, s)
	}
	return d, nil
}

// serveGCPercent and serveMemoryLimit are serve's garbage-collection target and soft heap
// limit when neither GOGC nor GOMEMLIMIT is set (Go's defaults: 100 and none).
const (
	serveGCPercent   = 400
	serveMemoryLimit = 256 << 20
)

// runServe implements `newsfacts serve`: it serves the API until ctx is cancelled (SIGINT or
// SIGTERM), then stops accepting connections and lets in-flight requests finish.
func runServe(ctx context.Context, env environment, args []string) error {
	cfg, err := readServeConfig(env, args)
	if err != nil {
		return err
	}
	if env.getenv("GOGC") == "" && env.getenv("GOMEMLIMIT") == "" {
		// Between requests the server keeps little alive (the pools, the response cache) and a
		// page of 50 rows allocates 60-100 KB, so under load the default target collected
		// dozens of times a second: marking, assists and write barriers took a seventh of the
		// server's CPU on a page of 50 exercises at 100k articles. Four times the target
		// costs some 30 MB with the cache off (peak RSS 51 -> 84 MB under that load); the
		// soft limit keeps the heap within 256 MiB with it on (its entries are bounded at
		// 64 MiB), collecting more often near it.
		defer debug.SetGCPercent(debug.SetGCPercent(serveGCPercent))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(serveMemoryLimit))
	}
	logger := slog.New(slog.NewJSONHandler(env.stderr, &slog.HandlerOptions{Level: cfg.logLevel}))

	store, pool, err := openStoreWith(ctx, env, cfg.pool)
	if err != nil {
		return err
	}
	defer closePool(pool, time.Second)
	if cfg.opts.IngestToken != "" {
		// Writes get connections of their own, one per ingest slot and without the reads'
		// statement timeout: a long article may wait for the names another save holds, and
		// must neither be cut at the reads' limit nor hold connections readers need.
		writes, err := postgres.OpenWith(ctx, env.databaseURL(), postgres.PoolOptions{MaxConns: int32(cfg.opts.IngestConcurrency)})
		if err != nil {
			return setupErrorf("%s", facts.ErrorMessage(err))
		}
		defer closePool(writes, time.Second)
		cfg.opts.Saver = postgres.New(writes)
	}

	if cfg.cache {
		cfg.opts.Cache = respcache.New(0)
	}
	reads, err := openReads(ctx, pool, cfg.replicas, cfg.pool, cfg.opts.Cache)
	if err != nil {
		return err
	}
	defer closeReads(reads, time.Second)
	go reads.Monitor(ctx)
	cfg.opts.Reads = reads

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), poolCollector{pool}, replicaCollector{reads})
	cfg.opts.Registry = reg
	cfg.opts.Gazetteer = gazetteer.Default()
	if cfg.cache {
		reg.MustRegister(cacheCollector{cfg.opts.Cache})
		subscribe := func(ctx context.Context) (respcache.Subscription, error) {
			l, err := postgres.Listen(ctx, env.databaseURL())
			if err != nil {
				return nil, err
			}
			// With replicas, the cache empties once they have replayed the change.
			return reads.AfterReplay(l), nil
		}
		go cfg.opts.Cache.Follow(ctx, subscribe, func(err error) {
			logger.Warn("response cache off until change notifications resume", "err", err.Error())
		})
	}

	cfg.opts.Changes = followChanges(ctx, env, store, cfg.opts.DBTimeout, logger)

	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return setupErrorf("cannot listen on %s (--addr or NEWSFACTS_ADDR): %v", cfg.addr, err)
	}
	if cfg.maxConns > 0 {
		// Past the limit, connections wait in the kernel's backlog instead of costing memory.
		ln = netutil.LimitListener(ln, cfg.maxConns)
	}
	ln = api.ProblemListener(ln)
	// Every request's context derives from requests, so that a shutdown past its grace can
	// cancel the work still in progress (queries included) instead of waiting on it.
	requests, cancelRequests := context.WithCancel(context.Background())
	defer cancelRequests()
	srv := &http.Server{
		Handler:           api.NewServer(logger, servingStore{Store: postgres.New(reads), primary: store, reads: reads}, cfg.opts),
		ReadHeaderTimeout: readHeaderTimeout,
		ReadTimeout:       readTimeout,
		WriteTimeout:      cfg.opts.DBTimeout + writeMargin,
		IdleTimeout:       idleTimeout,
		MaxHeaderBytes:    maxHeaderBytes,
		BaseContext:       func(net.Listener) context.Context { return requests },
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	srv.RegisterOnShutdown(cfg.opts.Changes.Close) // change streams never end by themselves
	logger.Info("listening", "addr", ln.Addr().String(), "ingest", cfg.opts.IngestToken != "",
		"cors_origins", cfg.opts.CORSOrigins, "db_timeout", cfg.opts.DBTimeout.String(),
		"db_max_conns", cfg.pool.MaxConns, "max_conns", cfg.maxConns, "rate_limit", cfg.opts.Limits.Rate,
		"client_concurrency", cfg.opts.Limits.PerClient, "max_in_flight", cfg.opts.Limits.InFlight,
		"read_replicas", reads.Names())

	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	logger.Info("shutting down", "grace", cfg.shutdownTimeout.String())
	// ctx is already cancelled: the grace period needs a context of its own.
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.shutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		// The grace is a hard bound: cancel what is left and close its connections.
		cancelRequests()
		_ = srv.Close()
		return fmt.Errorf("shutdown: in-flight requests did not finish within %s and were cut off", cfg.shutdownTimeout)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// closePool closes pool, waiting at most d for connections still in use (queries whose
// requests were cancelled) to come back, so that closing cannot stretch a bounded shutdown.
func closePool(pool *pgxpool.Pool, d time.Duration) {
	done := make(chan struct{})
	go func() {
		pool.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// poolCollector exposes the database pool's statistics to Prometheus, read at scrape time.
type poolCollector struct{ pool *pgxpool.Pool }

var (
	poolTotal    = prometheus.NewDesc("newsfacts_db_pool_conns", "Connections in the pool, by state.", []string{"state"}, nil)
	poolMax      = prometheus.NewDesc("newsfacts_db_pool_max_conns", "The most connections the pool may open.", nil, nil)
	poolAcquires = prometheus.NewDesc("newsfacts_db_pool_acquires_total", "Connections acquired from the pool.", nil, nil)
	poolEmpty    = prometheus.NewDesc("newsfacts_db_pool_empty_acquires_total", "Acquires that had to wait because no connection was idle.", nil, nil)
	poolWait     = prometheus.NewDesc("newsfacts_db_pool_acquire_seconds_total", "Time spent acquiring connections.", nil, nil)
	poolNew      = prometheus.NewDesc("newsfacts_db_pool_new_conns_total", "Connections the pool opened.", nil, nil)
)

// Describe implements prometheus.Collector.
func (c poolCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{poolTotal, poolMax, poolAcquires, poolEmpty, poolWait, poolNew} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c poolCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.pool.Stat()
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.AcquiredConns()), "acquired")
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.IdleConns()), "idle")
	ch <- prometheus.MustNewConstMetric(poolTotal, prometheus.GaugeValue, float64(s.ConstructingConns()), "constructing")
	ch <- prometheus.MustNewConstMetric(poolMax, prometheus.GaugeValue, float64(s.MaxConns()))
	ch <- prometheus.MustNewConstMetric(poolAcquires, prometheus.CounterValue, float64(s.AcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolEmpty, prometheus.CounterValue, float64(s.EmptyAcquireCount()))
	ch <- prometheus.MustNewConstMetric(poolWait, prometheus.CounterValue, s.AcquireDuration().Seconds())
	ch <- prometheus.MustNewConstMetric(poolNew, prometheus.CounterValue, float64(s.NewConnsCount()))
}

// cacheCollector exposes the response cache's counters to Prometheus, read at scrape time.
type cacheCollector struct{ cache *respcache.Cache }

var (
	cacheRequests = prometheus.NewDesc("newsfacts_response_cache_requests_total", "GET requests the response cache saw, by outcome.", []string{"outcome"}, nil)
	cacheEntries  = prometheus.NewDesc("newsfacts_response_cache_entries", "Responses held in memory.", nil, nil)
	cacheBytes    = prometheus.NewDesc("newsfacts_response_cache_bytes", "Bytes of responses held in memory.", nil, nil)
)

// Describe implements prometheus.Collector.
func (c cacheCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- cacheRequests
	ch <- cacheEntries
	ch <- cacheBytes
}

// Collect implements prometheus.Collector.
func (c cacheCollector) Collect(ch chan<- prometheus.Metric) {
	s := c.cache.Stats()
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Hits), "hit")
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Misses), "miss")
	ch <- prometheus.MustNewConstMetric(cacheRequests, prometheus.CounterValue, float64(s.Bypasses), "bypass")
	ch <- prometheus.MustNewConstMetric(cacheEntries, prometheus.GaugeValue, float64(s.Entries))
	ch <- prometheus.MustNewConstMetric(cacheBytes, prometheus.GaugeValue, float64(s.Bytes))
}
