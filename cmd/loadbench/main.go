// Command loadbench measures the newsfacts API under load and, in the same run, the ceiling
// beside it: a bare net/http handler that serves each endpoint's identical bytes from memory,
// loaded with the same settings. It reports requests per second, latency percentiles, errors
// and each endpoint's share of its ceiling, and prints a markdown table for BENCHMARKS.md.
//
// It loads only loopback addresses, sends at most -max-requests per run and stops by itself
// after the warm-up and duration of each run. scripts/bench-api.sh (`make bench`) runs it
// against a server holding the generated corpus.
//
//	loadbench -url http://127.0.0.1:8080 -path '/v1/entities?limit=50' -path /v1/exercises/ID -c 32,128
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// Bounds on the flags, so that a typo cannot start an hour-long or memory-hungry run.
const (
	maxConns       = 1024
	maxDuration    = 5 * time.Minute
	maxWarmup      = time.Minute
	maxRequestsCap = 10_000_000 // 80 MB of latencies
)

// config is the parsed command line.
type config struct {
	base     string
	paths    []string
	conns    []int
	settings settings // Conns is set per run
	ceiling  bool
	// reference, a database URL, adds the reference server's run (referenceHandler) after
	// each path's ceiling.
	reference string
	mix       string   // file of paths for a mixed run, one a line
	mixPaths  []string // its paths
}

// errUsage means the usage was printed at the user's request.
var errUsage = errors.New("usage")

// usageError is a bad command line: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

func main() {
	if file := os.Getenv(ceilingEnv); file != "" {
		if err := serveCeiling(file, os.Getenv(referenceEnv), os.Stdin, os.Stdout); err != nil {
			fmt.Fprintln(os.Stderr, "loadbench:", err)
			os.Exit(1)
		}
		return
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil || errors.Is(err, errUsage):
	case errors.As(err, new(usageError)):
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(2)
	default:
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

// run is the whole program; tests call it directly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cfg, err := parseFlags(args, stderr)
	if err != nil {
		return err
	}
	var rows []row
	if len(cfg.mixPaths) > 0 {
		r, err := benchMix(ctx, cfg, stdout)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	for _, path := range cfg.paths {
		r, err := benchPath(ctx, cfg, path, stdout)
		if err != nil {
			return err
		}
		rows = append(rows, r...)
	}
	fmt.Fprintln(stdout)
	writeTable(stdout, rows, cfg)
	return nil
}

// parseFlags reads the command line into a config and checks its bounds.
func parseFlags(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("loadbench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "Usage: loadbench -url http://127.0.0.1:PORT -path /v1/...  [-path ...] [flags]\n\n")
		fs.PrintDefaults()
	}
	var cfg config
	fs.StringVar(&cfg.base, "url", "", "base URL of the server under test; loopback only (required)")
	fs.Func("path", "request path with its query, e.g. '/v1/entities?limit=50' (repeatable; at least one)", func(s string) error {
		cfg.paths = append(cfg.paths, s)
		return nil
	})
	fs.StringVar(&cfg.mix, "mix", "", "file of request paths, one a line: one more run sends them all in turn (a mixed run)")
	conns := fs.String("c", "32,128", "comma-separated connection counts; each path is run at each")
	fs.DurationVar(&cfg.settings.Duration, "d", 10*time.Second, "measured duration of each run")
	fs.DurationVar(&cfg.settings.Warmup, "warmup", 2*time.Second, "unmeasured load before each run")
	fs.IntVar(&cfg.settings.MaxRequests, "max-requests", 2_000_000, "hard cap on requests per run, warm-up included")
	fs.DurationVar(&cfg.settings.Timeout, "timeout", 10*time.Second, "per-request timeout")
	fs.BoolVar(&cfg.ceiling, "ceiling", true, "also load a bare handler serving each endpoint's bytes from memory")
	fs.StringVar(&cfg.reference, "reference", "", "database URL: also load, for each -path, a chi router whose handler runs SELECT 1 there with pgx and sends the same bytes (the reference for an endpoint's share)")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return config{}, errUsage
		}
		return config{}, usageError{err}
	}
	bad := func(format string, a ...any) (config, error) {
		return config{}, usageError{fmt.Errorf(format, a...)}
	}
	if fs.NArg() > 0 {
		return bad("unexpected argument %q: give paths with -path", fs.Arg(0))
	}
	if cfg.base == "" {
		return bad("-url is required")
	}
	base, err := checkBaseURL(cfg.base)
	if err != nil {
		return config{}, usageError{err}
	}
	if cfg.mix != "" {
		b, err := os.ReadFile(cfg.mix)
		if err != nil {
			return bad("-mix: %v", err)
		}
		for l := range strings.Lines(string(b)) {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				cfg.mixPaths = append(cfg.mixPaths, l)
			}
		}
		if len(cfg.mixPaths) == 0 {
			return bad("-mix %s lists no path", cfg.mix)
		}
	}
	if cfg.reference != "" && !cfg.ceiling {
		return bad("-reference is a share of the ceiling: it needs -ceiling")
	}
	if len(cfg.paths) == 0 && len(cfg.mixPaths) == 0 {
		return bad("at least one -path (or -mix) is required")
	}
	for _, p := range append(cfg.paths, cfg.mixPaths...) {
		if _, err := joinPath(base, p); err != nil {
			return config{}, usageError{err}
		}
	}
	cfg.base = base.String()
	if cfg.conns, err = parseConns(*conns); err != nil {
		return config{}, usageError{err}
	}
	s := cfg.settings
	switch {
	case s.Duration <= 0 || s.Duration > maxDuration:
		return bad("-d must be in (0, %v], got %v", maxDuration, s.Duration)
	case s.Warmup < 0 || s.Warmup > maxWarmup:
		return bad("-warmup must be in [0, %v], got %v", maxWarmup, s.Warmup)
	case s.MaxRequests < 1 || s.MaxRequests > maxRequestsCap:
		return bad("-max-requests must be 1..%d, got %d", maxRequestsCap, s.MaxRequests)
	case s.Timeout <= 0:
		return bad("-timeout must be above zero, got %v", s.Timeout)
	}
	return cfg, nil
}

// parseConns parses "32,128".
func parseConns(s string) ([]int, error) {
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n < 1 || n > maxConns {
			return nil, fmt.Errorf("-c must list connection counts 1..%d, got %q", maxConns, f)
		}
		out = append(out, n)
	}
	return out, nil
}

// row is one endpoint at one connection count, with its ceiling when measured. A reference
// row's API result is the reference server's, serving that endpoint's bytes.
type row struct {
	Path      string
	Conns     int
	Bytes     int
	API       result
	Ceiling   *result
	Reference bool
}

// Ratio returns the endpoint's requests per second over its ceiling's, or 0 without one.
func (r row) Ratio() float64 {
	if r.Ceiling == nil || r.Ceiling.RPS() == 0 {
		return 0
	}
	return r.API.RPS() / r.Ceiling.RPS()
}

// benchPath snapshots one endpoint, starts its ceiling, and loads both at each connection
// count, the API first and then its ceiling, so that both see the machine in the same state.
func benchPath(ctx context.Context, cfg config, path string, stdout io.Writer) ([]row, error) {
	base, err := checkBaseURL(cfg.base)
	if err != nil {
		return nil, err
	}
	target, err := joinPath(base, path)
	if err != nil {
		return nil, err
	}
	probe := newClient(1, cfg.settings.Timeout)
	snap, err := fetch(ctx, probe, target)
	closeClient(probe)
	if err != nil {
		return nil, err
	}
	var ceil, ref *ceiling
	if cfg.ceiling {
		if ceil, err = startCeiling(snap, ""); err != nil {
			return nil, err
		}
		defer ceil.Close()
	}
	if cfg.reference != "" {
		if ref, err = startCeiling(snap, cfg.reference); err != nil {
			return nil, err
		}
		defer ref.Close()
	}

	var rows []row
	for _, c := range cfg.conns {
		s := cfg.settings
		s.Conns = c
		r := row{Path: path, Conns: c, Bytes: len(snap.Body)}
		if r.API, err = loadOnce(ctx, target, s); err != nil {
			return nil, fmt.Errorf("%s at %d connections: %w", path, c, err)
		}
		fmt.Fprintf(stdout, "%-40s c=%-4d api     %s\n", path, c, summary(r.API))
		if ceil != nil {
			cr, err := loadOnce(ctx, ceil.URL+path, s)
			if err != nil {
				return nil, fmt.Errorf("ceiling of %s at %d connections: %w", path, c, err)
			}
			r.Ceiling = &cr
			fmt.Fprintf(stdout, "%-40s c=%-4d ceiling %s  ratio %.2f\n", "", c, summary(cr), r.Ratio())
		}
		rows = append(rows, r)
		if ref != nil {
			rr := row{Path: path, Conns: c, Bytes: len(snap.Body), Ceiling: r.Ceiling, Reference: true}
			if rr.API, err = loadOnce(ctx, ref.URL+path, s); err != nil {
				return nil, fmt.Errorf("reference of %s at %d connections: %w", path, c, err)
			}
			fmt.Fprintf(stdout, "%-40s c=%-4d chi+pgx %s  ratio %.2f\n", "", c, summary(rr.API), rr.Ratio())
			rows = append(rows, rr)
		}
	}
	return rows, nil
}

// benchMix snapshots every path of the mixed run, starts one ceiling serving them all, and
// loads both at each connection count with every worker sending the paths in turn.
func benchMix(ctx context.Context, cfg config, stdout io.Writer) ([]row, error) {
	base, err := checkBaseURL(cfg.base)
	if err != nil {
		return nil, err
	}
	probe := newClient(1, cfg.settings.Timeout)
	defer closeClient(probe)
	snaps := map[string]snapshot{}
	var targets, ceilPaths []string
	total := 0
	for _, p := range cfg.mixPaths {
		target, err := joinPath(base, p)
		if err != nil {
			return nil, err
		}
		snap, err := fetch(ctx, probe, target)
		if err != nil {
			return nil, err
		}
		u, err := url.Parse(target)
		if err != nil {
			return nil, err
		}
		snaps[u.RequestURI()] = snap
		targets = append(targets, target)
		ceilPaths = append(ceilPaths, u.RequestURI())
		total += len(snap.Body)
	}
	var ceil *ceiling
	if cfg.ceiling {
		if ceil, err = startCeilingMany(snaps, ""); err != nil {
			return nil, err
		}
		defer ceil.Close()
	}
	name := fmt.Sprintf("mixed: %d URLs", len(targets))
	var rows []row
	for _, c := range cfg.conns {
		s := cfg.settings
		s.Conns = c
		r := row{Path: name, Conns: c, Bytes: total / len(targets)}
		client := newClient(c, s.Timeout)
		r.API, err = loadMix(ctx, client, targets, s)
		closeClient(client)
		if err != nil {
			return nil, fmt.Errorf("%s at %d connections: %w", name, c, err)
		}
		fmt.Fprintf(stdout, "%-40s c=%-4d api     %s\n", name, c, summary(r.API))
		if ceil != nil {
			ct := make([]string, len(ceilPaths))
			for i, p := range ceilPaths {
				ct[i] = ceil.URL + p
			}
			client := newClient(c, s.Timeout)
			cr, err := loadMix(ctx, client, ct, s)
			closeClient(client)
			if err != nil {
				return nil, fmt.Errorf("ceiling of %s at %d connections: %w", name, c, err)
			}
			r.Ceiling = &cr
			fmt.Fprintf(stdout, "%-40s c=%-4d ceiling %s  ratio %.2f\n", "", c, summary(cr), r.Ratio())
		}
		rows = append(rows, r)
	}
	return rows, nil
}

// loadOnce runs load with a fresh client, so that each run opens exactly its own connections.
func loadOnce(ctx context.Context, target string, s settings) (result, error) {
	client := newClient(s.Conns, s.Timeout)
	defer closeClient(client)
	return load(ctx, client, target, s)
}

// summary is one run on one line.
func summary(r result) string {
	s := fmt.Sprintf("%9.0f req/s  p50 %s  p90 %s  p99 %s  max %s  errors %d  non-2xx %d  (%d responses)",
		r.RPS(), ms(r.Percentile(50)), ms(r.Percentile(90)), ms(r.Percentile(99)), ms(r.Max()),
		r.Errors, r.Non2xx, len(r.Latencies))
	if r.Capped {
		s += "  [stopped by -max-requests]"
	}
	return s
}

// ms formats a latency in milliseconds with two decimals.
func ms(d time.Duration) string { return strconv.FormatFloat(d.Seconds()*1000, 'f', 2, 64) + "ms" }

// writeTable prints the rows as a markdown table, with the settings underneath.
func writeTable(w io.Writer, rows []row, cfg config) {
	fmt.Fprintln(w, "| Endpoint | Conns | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | non-2xx | bytes | ceiling req/s | ceiling p99 ms | ratio |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
	num := func(d time.Duration) string { return strconv.FormatFloat(d.Seconds()*1000, 'f', 2, 64) }
	for _, r := range rows {
		ceilRPS, ceilP99, ratio := "–", "–", "–"
		if r.Ceiling != nil {
			ceilRPS = fmt.Sprintf("%.0f", r.Ceiling.RPS())
			ceilP99 = num(r.Ceiling.Percentile(99))
			ratio = fmt.Sprintf("%.2f", r.Ratio())
		}
		name := fmt.Sprintf("`GET %s`", r.Path)
		if r.Reference {
			name = "reference (chi + pgx, `SELECT 1`): " + name
		}
		fmt.Fprintf(w, "| %s | %d | %.0f | %s | %s | %s | %s | %d | %d | %d | %s | %s | %s |\n",
			name, r.Conns, r.API.RPS(), num(r.API.Percentile(50)), num(r.API.Percentile(90)),
			num(r.API.Percentile(99)), num(r.API.Max()), r.API.Errors, r.API.Non2xx, r.Bytes,
			ceilRPS, ceilP99, ratio)
	}
	fmt.Fprintf(w, "\nEach run: %v warm-up, %v measured, closed-loop keep-alive connections, no gzip; "+
		"req/s counts 2xx responses; GOMAXPROCS=%d, %d CPUs, shared by load generator, ceiling, server and PostgreSQL.\n",
		cfg.settings.Warmup, cfg.settings.Duration, runtime.GOMAXPROCS(0), runtime.NumCPU())
}
