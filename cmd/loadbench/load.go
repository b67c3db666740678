package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// settings are what one run of load needs besides its target.
type settings struct {
	Conns       int           // concurrent workers, each holding one keep-alive connection
	Warmup      time.Duration // load sent but not measured, so connections and caches settle
	Duration    time.Duration // the measured part
	MaxRequests int           // hard cap on requests sent, warm-up included
	Timeout     time.Duration // per request
}

// result is what one run measured. Latencies cover every response, whatever its status;
// requests per second count only 2xx responses, so that a server failing fast does not look
// fast.
type result struct {
	OK        int             // 2xx responses
	Non2xx    int             // other responses
	Errors    int             // requests that got no response (refused, timed out, reset)
	Elapsed   time.Duration   // from the end of the warm-up to the last response
	Latencies []time.Duration // sorted ascending
	Capped    bool            // the request cap ended the run before its duration
}

// RPS returns 2xx responses per second.
func (r result) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.OK) / r.Elapsed.Seconds()
}

// Percentile returns the latency at or under which p percent of responses completed.
func (r result) Percentile(p float64) time.Duration { return percentile(r.Latencies, p) }

// Max returns the slowest response's latency.
func (r result) Max() time.Duration {
	if len(r.Latencies) == 0 {
		return 0
	}
	return r.Latencies[len(r.Latencies)-1]
}

// percentile returns the nearest-rank p-th percentile (0 < p ≤ 100) of sorted: the smallest
// value such that at least p percent of the values are at or below it. It interpolates
// nothing, so every figure it reports is a latency some request really had.
func percentile(sorted []time.Duration, p float64) time.Duration {
	n := len(sorted)
	if n == 0 {
		return 0
	}
	rank := int(math.Ceil(p / 100 * float64(n)))
	rank = min(max(rank, 1), n)
	return sorted[rank-1]
}

// worker is one connection's share of a run. Each worker appends to its own preallocated
// slice, so measuring takes no lock and (until a slice outgrows its estimate) no allocation.
type worker struct {
	latencies []time.Duration
	ok        int
	non2xx    int
	errors    int
	capped    bool
	lastEnd   time.Time
}

// load sends GET target from s.Conns workers in closed loops (each sends its next request when
// the previous answer has been read) until the warm-up and the measured duration have passed,
// s.MaxRequests have been sent, or ctx ends. A request counts when it started after the
// warm-up; requests in flight at the deadline are waited for and counted.
func load(ctx context.Context, client *http.Client, target string, s settings) (result, error) {
	return loadMix(ctx, client, []string{target}, s)
}

// loadMix is load over several targets: each worker sends them in turn, starting at its own
// offset, so that the server sees many distinct URLs at once.
func loadMix(ctx context.Context, client *http.Client, targets []string, s settings) (result, error) {
	if s.Conns < 1 || s.MaxRequests < 1 || s.Duration <= 0 {
		return result{}, fmt.Errorf("load: need conns, max requests and duration above zero, got %d, %d, %v", s.Conns, s.MaxRequests, s.Duration)
	}
	// A worker rarely sends much more than its share; beyond that its slice grows by append.
	perWorker := min(s.MaxRequests/s.Conns+1, 1<<20)
	workers := make([]worker, s.Conns)
	for i := range workers {
		workers[i].latencies = make([]time.Duration, 0, perWorker)
	}

	// Each worker sends one request value again and again: net/http allows reuse once the
	// previous response's body is closed, and parsing the URL per request would load the
	// generator, not the target.
	if len(targets) == 0 {
		return result{}, fmt.Errorf("load: no target")
	}
	reqs := make([][]*http.Request, s.Conns)
	for i := range reqs {
		reqs[i] = make([]*http.Request, len(targets))
		for j := range targets {
			var err error
			if reqs[i][j], err = http.NewRequestWithContext(ctx, http.MethodGet, targets[(i+j)%len(targets)], nil); err != nil {
				return result{}, fmt.Errorf("load: %w", err)
			}
		}
	}

	var sent atomic.Int64
	limit := int64(s.MaxRequests)
	start := time.Now()
	measureFrom := start.Add(s.Warmup)
	stopAt := measureFrom.Add(s.Duration)
	var wg sync.WaitGroup
	for i := range workers {
		w, mine := &workers[i], reqs[i]
		wg.Go(func() {
			for k := 0; ctx.Err() == nil && time.Now().Before(stopAt); k++ {
				req := mine[k%len(mine)]
				if sent.Add(1) > limit {
					w.capped = true
					return
				}
				t0 := time.Now()
				status, err := get(client, req)
				end := time.Now()
				if t0.Before(measureFrom) {
					continue
				}
				w.lastEnd = end
				switch {
				case err != nil:
					w.errors++
					continue
				case status >= 200 && status < 300:
					w.ok++
				default:
					w.non2xx++
				}
				w.latencies = append(w.latencies, end.Sub(t0))
			}
		})
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return result{}, err
	}

	var r result
	var last time.Time
	n := 0
	for i := range workers {
		n += len(workers[i].latencies)
	}
	r.Latencies = make([]time.Duration, 0, n)
	for i := range workers {
		w := &workers[i]
		r.Latencies = append(r.Latencies, w.latencies...)
		r.OK += w.ok
		r.Non2xx += w.non2xx
		r.Errors += w.errors
		r.Capped = r.Capped || w.capped
		if w.lastEnd.After(last) {
			last = w.lastEnd
		}
	}
	switch {
	case last.IsZero() && r.Capped:
		return result{}, fmt.Errorf("load: the cap of %d requests was reached during the %v warm-up; raise -max-requests or shorten -warmup", s.MaxRequests, s.Warmup)
	case last.IsZero():
		// No request started after the warm-up: the target is slower than the run is long.
		// That is a result (zero throughput), not a failure of the tool.
		r.Elapsed = time.Since(measureFrom)
	default:
		r.Elapsed = last.Sub(measureFrom)
	}
	slices.Sort(r.Latencies)
	return r, nil
}

// get sends one request and reads the whole body, so that the connection goes back to the
// pool and req may be sent again.
func get(client *http.Client, req *http.Request) (int, error) {
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	if cerr := resp.Body.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("read body of %s: %w", req.URL, err)
	}
	return resp.StatusCode, nil
}
