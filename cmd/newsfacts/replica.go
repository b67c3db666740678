package main

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/respcache"
)

// replicaConfig is where serve reads from, besides the primary.
type replicaConfig struct {
	urls   string // comma-separated; "" for none
	maxLag time.Duration
	wait   time.Duration
}

// readReplicaConfig reads the replica settings; urls comes from --read-database-url or
// NEWSFACTS_READ_DATABASE_URL.
func readReplicaConfig(env environment, urls string) (replicaConfig, error) {
	c := replicaConfig{urls: strings.TrimSpace(urls)}
	var err error
	if c.maxLag, err = envDuration(env, "NEWSFACTS_MAX_REPLICA_LAG", postgres.DefaultMaxReplicaLag); err != nil {
		return c, err
	}
	if c.wait, err = envDuration(env, "NEWSFACTS_REPLICA_WAIT", postgres.DefaultReplicaWait); err != nil {
		return c, err
	}
	return c, nil
}

// openReads connects to the replicas, if any, and returns the pools GETs read from; a cache,
// when not nil, is emptied whenever the reads' floor rises. Every failure is a setup error
// that names NEWSFACTS_READ_DATABASE_URL.
func openReads(ctx context.Context, primary *pgxpool.Pool, c replicaConfig, o postgres.PoolOptions, cache *respcache.Cache) (*postgres.ReadPools, error) {
	var replicas []*postgres.Replica
	if c.urls != "" {
		var err error
		if replicas, err = postgres.OpenReplicas(ctx, c.urls, o); err != nil {
			return nil, setupErrorf("%s", facts.ErrorMessage(err))
		}
	}
	opts := postgres.ReadOptions{MaxLag: c.maxLag, Wait: c.wait}
	if cache != nil {
		opts.OnAdvance = cache.Invalidate
	}
	return postgres.NewReadPools(primary, replicas, opts), nil
}

// closeReads closes the replicas' pools, waiting at most d for connections still in use.
func closeReads(reads *postgres.ReadPools, d time.Duration) {
	done := make(chan struct{})
	go func() {
		reads.Close()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(d):
	}
}

// servingStore is the store serve hands the API: reads through the read pools (replicas when
// there are any), writes and the schema check on the primary.
type servingStore struct {
	*postgres.Store // over the read pools
	primary         *postgres.Store
	reads           *postgres.ReadPools
}

// SaveArticle stores on the primary.
func (s servingStore) SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	return s.primary.SaveArticle(ctx, a, x)
}

// Ready checks the primary's schema, then that a replica can serve (when there are any).
func (s servingStore) Ready(ctx context.Context) error {
	if err := s.primary.Ready(ctx); err != nil {
		return err
	}
	return s.reads.Ready(ctx)
}

// replicaCollector exposes the replicas' state and where reads went to Prometheus.
type replicaCollector struct{ reads *postgres.ReadPools }

var (
	replicaUp     = prometheus.NewDesc("newsfacts_replica_up", "Whether the read replica answered its last probe.", []string{"replica"}, nil)
	replicaLag    = prometheus.NewDesc("newsfacts_replica_lag_seconds", "How far the read replica's replay trails its primary, at its last probe.", []string{"replica"}, nil)
	replicaReplay = prometheus.NewDesc("newsfacts_replica_replay_lsn", "The WAL position the read replica has replayed, in bytes.", []string{"replica"}, nil)
	readsFloor    = prometheus.NewDesc("newsfacts_read_floor_lsn", "The WAL position every read of this server sees at least, in bytes.", nil, nil)
	readsServed   = prometheus.NewDesc("newsfacts_read_requests_total", "Requests whose database reads a pool served, by pool (primary or a replica's host:port).", []string{"pool"}, nil)
)

// Describe implements prometheus.Collector.
func (c replicaCollector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{replicaUp, replicaLag, replicaReplay, readsFloor, readsServed} {
		ch <- d
	}
}

// Collect implements prometheus.Collector.
func (c replicaCollector) Collect(ch chan<- prometheus.Metric) {
	replicas, primary := c.reads.Stats()
	if len(replicas) == 0 {
		return // everything reads the primary
	}
	for _, r := range replicas {
		up := 0.0
		if r.Up {
			up = 1
		}
		ch <- prometheus.MustNewConstMetric(replicaUp, prometheus.GaugeValue, up, r.Name)
		ch <- prometheus.MustNewConstMetric(replicaLag, prometheus.GaugeValue, r.Lag.Seconds(), r.Name)
		ch <- prometheus.MustNewConstMetric(replicaReplay, prometheus.GaugeValue, float64(r.Replay), r.Name)
		ch <- prometheus.MustNewConstMetric(readsServed, prometheus.CounterValue, float64(r.Served), r.Name)
	}
	ch <- prometheus.MustNewConstMetric(readsFloor, prometheus.GaugeValue, float64(c.reads.Floor()))
	ch <- prometheus.MustNewConstMetric(readsServed, prometheus.CounterValue, float64(primary), "primary")
}
