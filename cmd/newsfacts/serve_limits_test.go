package main

import (
	"context"
	"io"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestServeLimitsConfig(t *testing.T) {
	envOf := func(m map[string]string) environment {
		return environment{getenv: func(n string) string { return m[n] }, stdout: io.Discard, stderr: io.Discard}
	}
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := readServeConfig(envOf(nil), nil)
		require.NoError(t, err)
		l := cfg.opts.Limits
		assert.Equal(t, []float64{100, 10}, []float64{l.Rate, l.IngestRate})
		assert.Equal(t, []int{200, 20, 8, 256}, []int{l.Burst, l.IngestBurst, l.PerClient, l.InFlight})
		assert.Equal(t, runtime.NumCPU(), cfg.opts.IngestConcurrency)
		assert.Equal(t, 1024, cfg.maxConns)
		assert.EqualValues(t, 16, cfg.pool.MaxConns)
		assert.Less(t, cfg.pool.StatementTimeout, cfg.opts.DBTimeout, "a statement ends before the request waiting on the pool")
		assert.Equal(t, 30*time.Second, cfg.opts.IngestTimeout)
	})
	t.Run("Environment", func(t *testing.T) {
		cfg, err := readServeConfig(envOf(map[string]string{
			"NEWSFACTS_RATE_LIMIT": "0", "NEWSFACTS_RATE_BURST": "5", "NEWSFACTS_INGEST_RATE_LIMIT": "3",
			"NEWSFACTS_CLIENT_CONCURRENCY": "2", "NEWSFACTS_MAX_IN_FLIGHT": "0", "NEWSFACTS_INGEST_CONCURRENCY": "1",
			"NEWSFACTS_MAX_CONNS": "10", "NEWSFACTS_DB_MAX_CONNS": "4", "NEWSFACTS_DB_TIMEOUT": "1s", "NEWSFACTS_INGEST_TIMEOUT": "1m",
		}), nil)
		require.NoError(t, err)
		l := cfg.opts.Limits
		assert.Equal(t, []float64{0, 3}, []float64{l.Rate, l.IngestRate})
		assert.Equal(t, []int{5, 6, 2, 0}, []int{l.Burst, l.IngestBurst, l.PerClient, l.InFlight})
		assert.Equal(t, 1, cfg.opts.IngestConcurrency)
		assert.Equal(t, 10, cfg.maxConns)
		assert.EqualValues(t, 4, cfg.pool.MaxConns)
		assert.Equal(t, 800*time.Millisecond, cfg.pool.StatementTimeout)
		assert.Equal(t, time.Minute, cfg.opts.IngestTimeout)
	})
	for _, name := range []string{"NEWSFACTS_RATE_LIMIT", "NEWSFACTS_RATE_BURST", "NEWSFACTS_INGEST_RATE_LIMIT", "NEWSFACTS_CLIENT_CONCURRENCY",
		"NEWSFACTS_MAX_IN_FLIGHT", "NEWSFACTS_INGEST_CONCURRENCY", "NEWSFACTS_MAX_CONNS", "NEWSFACTS_DB_MAX_CONNS"} {
		_, err := readServeConfig(envOf(map[string]string{name: "-1"}), nil)
		assert.ErrorContains(t, err, name)
	}
}

// TestServeHeaderLimit: headers are capped at a size for an API, not net/http's 1 MB, and the
// refusal is a problem document.
func TestServeHeaderLimit(t *testing.T) {
	base, _, _ := startServe(t, map[string]string{"DATABASE_URL": pgtest.URL(t)})
	req, err := http.NewRequest(http.MethodGet, base+"/v1/entities", nil)
	require.NoError(t, err)
	req.Header.Set("X-Big", strings.Repeat("a", 64<<10))
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	assert.Equal(t, http.StatusRequestHeaderFieldsTooLarge, res.StatusCode)
	assert.Equal(t, "application/problem+json", res.Header.Get("Content-Type"))
}

// TestServeShutdownIsHardBound: a request stuck on the database past the shutdown grace is
// cancelled, and run returns soon after the grace with an error, instead of waiting for it.
func TestServeShutdownIsHardBound(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(context.Background(), url))
	base, _, stop := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSFACTS_SHUTDOWN_TIMEOUT": "300ms",
		"NEWSFACTS_DB_TIMEOUT": "20s", "NEWSFACTS_CACHE": "off"})

	pool, err := postgres.Open(context.Background(), url)
	require.NoError(t, err)
	defer pool.Close()
	tx, err := pool.Begin(context.Background())
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(context.Background()) }()
	_, err = tx.Exec(context.Background(), "LOCK TABLE articles IN ACCESS EXCLUSIVE MODE")
	require.NoError(t, err)

	answered := make(chan struct{})
	go func() {
		defer close(answered)
		if res, err := http.Get(base + "/v1/articles"); err == nil { // blocked by the lock
			res.Body.Close()
		}
	}()
	time.Sleep(300 * time.Millisecond)
	start := time.Now()
	err = stop()
	elapsed := time.Since(start)
	assert.ErrorContains(t, err, "did not finish within 300ms")
	assert.Less(t, elapsed, 2*time.Second, "the grace is a hard bound")
	select {
	case <-answered:
	case <-time.After(5 * time.Second):
		t.Error("the stuck request was not cut off")
	}
}
