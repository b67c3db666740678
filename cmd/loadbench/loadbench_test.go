package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// TestMain lets the test binary play the ceiling's child process, as loadbench's main does.
func TestMain(m *testing.M) {
	if file := os.Getenv(ceilingEnv); file != "" {
		if err := serveCeiling(file, os.Getenv(referenceEnv), os.Stdin, os.Stdout); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(pgtest.Main(m))
}

func TestPercentile(t *testing.T) {
	ms := func(ns ...int) []time.Duration {
		out := make([]time.Duration, len(ns))
		for i, n := range ns {
			out[i] = time.Duration(n) * time.Millisecond
		}
		return out
	}
	hundred := make([]time.Duration, 100)
	for i := range hundred {
		hundred[i] = time.Duration(i+1) * time.Millisecond
	}
	tests := []struct {
		name   string
		sorted []time.Duration
		p      float64
		want   time.Duration
	}{
		{"Empty", nil, 50, 0},
		{"One", ms(7), 99, 7 * time.Millisecond},
		{"MedianOdd", ms(1, 2, 3, 4, 5), 50, 3 * time.Millisecond},
		{"MedianEvenTakesLower", ms(1, 2, 3, 4), 50, 2 * time.Millisecond},
		{"P90OfHundred", hundred, 90, 90 * time.Millisecond},
		{"P99OfHundred", hundred, 99, 99 * time.Millisecond},
		{"P99OfTenIsMax", ms(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), 99, 10 * time.Millisecond},
		{"P100IsMax", ms(1, 2, 30), 100, 30 * time.Millisecond},
		{"TinyPIsMin", ms(4, 5, 6), 0.001, 4 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, percentile(tt.sorted, tt.p))
		})
	}
}

func TestCheckBaseURL(t *testing.T) {
	for _, ok := range []string{
		"http://127.0.0.1:8080",
		"http://127.0.0.2:8080/",
		"http://[::1]:8080",
		"http://localhost:8080",
		"http://LOCALHOST",
	} {
		t.Run("OK/"+ok, func(t *testing.T) {
			_, err := checkBaseURL(ok)
			assert.NoError(t, err)
		})
	}
	for _, bad := range []string{
		"http://10.0.0.1:8080",
		"http://192.168.1.10",
		"http://example.com",
		"http://localhost.example.com",
		"http://127.0.0.1.example.com",
		"http://[::ffff:10.0.0.1]:80",
		"https://127.0.0.1:8443",
		"127.0.0.1:8080",
		"http://127.0.0.1:8080/?q=x",
		"",
	} {
		t.Run("Refused/"+bad, func(t *testing.T) {
			_, err := checkBaseURL(bad)
			assert.Error(t, err)
		})
	}
}

func TestJoinPath(t *testing.T) {
	base, err := checkBaseURL("http://127.0.0.1:9/")
	require.NoError(t, err)
	t.Run("OK", func(t *testing.T) {
		got, err := joinPath(base, "/v1/entities?limit=50")
		require.NoError(t, err)
		assert.Equal(t, "http://127.0.0.1:9/v1/entities?limit=50", got)
	})
	for _, bad := range []string{"v1/entities", "//example.com/v1", "", "@example.com/"} {
		t.Run("Refused/"+bad, func(t *testing.T) {
			_, err := joinPath(base, bad)
			assert.Error(t, err)
		})
	}
}

func TestLoopbackOnly(t *testing.T) {
	assert.NoError(t, loopbackOnly("tcp", "127.0.0.1:80", nil))
	assert.NoError(t, loopbackOnly("tcp6", "[::1]:80", nil))
	assert.Error(t, loopbackOnly("tcp", "10.1.2.3:80", nil))
	assert.Error(t, loopbackOnly("tcp", "[2001:db8::1]:80", nil))
	assert.Error(t, loopbackOnly("tcp", "no-port", nil))
}

// newOrigin starts a loopback server standing in for the API: a JSON body with an ETag.
func newOrigin(t *testing.T, body []byte) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("ETag", `"abc123"`)
		w.Header().Set("X-Request-Id", "not-replayed")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCeilingServesIdenticalBytes(t *testing.T) {
	body := bytes.Repeat([]byte(`{"data":[{"id":"x","name":"ÿ\u00e9"}],"next_cursor":null}`), 500)
	origin := newOrigin(t, body)
	client := newClient(1, 5*time.Second)
	defer closeClient(client)

	snap, err := fetch(context.Background(), client, origin.URL+"/v1/things?limit=50")
	require.NoError(t, err)
	c, err := startCeiling(snap, "")
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(c.URL, "http://127.0.0.1:"), c.URL)
	defer func() {
		require.NoError(t, c.Close())
		assert.NoFileExists(t, c.file)
		assert.NotNil(t, c.cmd.ProcessState, "the child process has exited")
		_, err := client.Get(c.URL + "/")
		assert.Error(t, err, "nothing serves after Close")
	}()

	for _, path := range []string{"/v1/things?limit=50", "/anything"} {
		resp, err := client.Get(c.URL + path)
		require.NoError(t, err)
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		require.NoError(t, err)
		assert.Equal(t, http.StatusOK, resp.StatusCode)
		assert.True(t, bytes.Equal(body, got), "ceiling body differs from the origin's")
		assert.Equal(t, "application/json", resp.Header.Get("Content-Type"))
		assert.Equal(t, `"abc123"`, resp.Header.Get("ETag"))
		assert.Equal(t, int64(len(body)), resp.ContentLength)
		assert.Empty(t, resp.Header.Get("X-Request-Id"), "only Content-Type and ETag are replayed")
	}
}

func TestFetchRefusesErrors(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "no such exercise", http.StatusNotFound)
	}))
	defer srv.Close()
	client := newClient(1, 5*time.Second)
	defer closeClient(client)
	_, err := fetch(context.Background(), client, srv.URL+"/v1/exercises/nope")
	require.Error(t, err)
	assert.Contains(t, err.Error(), "404")
	assert.Contains(t, err.Error(), "no such exercise")
}

func TestLoad(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Every fifth request fails, so that the counts can be checked against the server's.
		if served.Add(1)%5 == 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_, _ = w.Write([]byte("ok"))
	}))
	defer srv.Close()

	t.Run("OK", func(t *testing.T) {
		served.Store(0)
		s := settings{Conns: 4, Warmup: 0, Duration: 300 * time.Millisecond, MaxRequests: 1_000_000, Timeout: 5 * time.Second}
		r, err := loadOnce(context.Background(), srv.URL+"/", s)
		require.NoError(t, err)
		n := r.OK + r.Non2xx
		require.GreaterOrEqual(t, n, 10)
		assert.Equal(t, int64(n), served.Load(), "without warm-up every served request is counted")
		assert.InDelta(t, n/5, r.Non2xx, 1)
		assert.Zero(t, r.Errors)
		assert.False(t, r.Capped)
		assert.Len(t, r.Latencies, n)
		assert.True(t, isSorted(r.Latencies))
		assert.GreaterOrEqual(t, r.Elapsed, 300*time.Millisecond)
		assert.InDelta(t, float64(r.OK)/r.Elapsed.Seconds(), r.RPS(), 0.001)
	})
	t.Run("Capped", func(t *testing.T) {
		served.Store(0)
		s := settings{Conns: 8, Duration: time.Minute, MaxRequests: 100, Timeout: 5 * time.Second}
		start := time.Now()
		r, err := loadOnce(context.Background(), srv.URL+"/", s)
		require.NoError(t, err)
		assert.Less(t, time.Since(start), 30*time.Second, "the cap, not the duration, ends the run")
		assert.True(t, r.Capped)
		assert.Equal(t, int64(100), served.Load())
		assert.Equal(t, 100, r.OK+r.Non2xx)
	})
	t.Run("WarmupNotCounted", func(t *testing.T) {
		served.Store(0)
		s := settings{Conns: 2, Warmup: 150 * time.Millisecond, Duration: 150 * time.Millisecond, MaxRequests: 1_000_000, Timeout: 5 * time.Second}
		r, err := loadOnce(context.Background(), srv.URL+"/", s)
		require.NoError(t, err)
		assert.Less(t, int64(r.OK+r.Non2xx), served.Load())
	})
	t.Run("CappedInWarmup", func(t *testing.T) {
		s := settings{Conns: 2, Warmup: time.Minute, Duration: time.Second, MaxRequests: 10, Timeout: 5 * time.Second}
		_, err := loadOnce(context.Background(), srv.URL+"/", s)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "warm-up")
	})
	t.Run("SlowerThanTheRun", func(t *testing.T) {
		slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(400 * time.Millisecond)
		}))
		defer slow.Close()
		s := settings{Conns: 1, Warmup: 10 * time.Millisecond, Duration: 50 * time.Millisecond, MaxRequests: 1000, Timeout: 5 * time.Second}
		r, err := loadOnce(context.Background(), slow.URL+"/", s)
		require.NoError(t, err)
		assert.Zero(t, r.RPS())
		assert.Empty(t, r.Latencies)
		assert.False(t, r.Capped)
	})
	t.Run("ConnectionRefused", func(t *testing.T) {
		dead := httptest.NewServer(http.NotFoundHandler())
		url := dead.URL
		dead.Close()
		s := settings{Conns: 2, Duration: 100 * time.Millisecond, MaxRequests: 1000, Timeout: time.Second}
		r, err := loadOnce(context.Background(), url+"/", s)
		require.NoError(t, err)
		assert.Positive(t, r.Errors)
		assert.Zero(t, r.OK)
		assert.Zero(t, r.RPS())
	})
}

func isSorted(d []time.Duration) bool {
	for i := 1; i < len(d); i++ {
		if d[i] < d[i-1] {
			return false
		}
	}
	return true
}

func TestRun(t *testing.T) {
	origin := newOrigin(t, []byte(`{"data":[],"next_cursor":null}`))
	t.Run("OK", func(t *testing.T) {
		var out bytes.Buffer
		err := run(context.Background(), []string{"loadbench", "-url", origin.URL, "-path", "/v1/a?limit=50", "-path", "/v1/b",
			"-c", "1,2", "-d", "300ms", "-warmup", "50ms"}, &out, io.Discard)
		require.NoError(t, err)
		table := out.String()[strings.Index(out.String(), "| Endpoint"):]
		lines := strings.Split(strings.TrimSpace(table), "\n")
		require.GreaterOrEqual(t, len(lines), 6, table)
		assert.Contains(t, lines[2], "| `GET /v1/a?limit=50` | 1 |")
		assert.Contains(t, lines[3], "| `GET /v1/a?limit=50` | 2 |")
		assert.Contains(t, lines[4], "| `GET /v1/b` | 1 |")
		assert.Contains(t, lines[5], "| `GET /v1/b` | 2 |")
		assert.Equal(t, 14, strings.Count(lines[2], "|"), "13 columns")
		assert.NotContains(t, lines[2], "–", "the ceiling was measured")
	})
	t.Run("Reference", func(t *testing.T) {
		var out bytes.Buffer
		err := run(context.Background(), []string{"loadbench", "-url", origin.URL, "-path", "/v1/a",
			"-reference", pgtest.URL(t), "-c", "2", "-d", "300ms", "-warmup", "50ms"}, &out, io.Discard)
		require.NoError(t, err)
		table := out.String()[strings.Index(out.String(), "| Endpoint"):]
		lines := strings.Split(strings.TrimSpace(table), "\n")
		require.GreaterOrEqual(t, len(lines), 4, table)
		assert.Contains(t, lines[2], "| `GET /v1/a` | 2 |")
		assert.Contains(t, lines[3], "| reference (chi + pgx, `SELECT 1`): `GET /v1/a` | 2 |")
		assert.NotContains(t, lines[3], "–", "the reference was measured against the ceiling")
		assert.Regexp(t, `\| 0 \| 0 \| 30 \|`, lines[3], "no errors, no non-2xx, the endpoint's 30 bytes")
	})
	t.Run("ReferenceNeedsItsDatabase", func(t *testing.T) {
		err := run(context.Background(), []string{"loadbench", "-url", origin.URL, "-path", "/v1/a",
			"-reference", "postgres://nobody@127.0.0.1:1/none?sslmode=disable&connect_timeout=2", "-c", "1", "-d", "100ms"}, io.Discard, io.Discard)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "ceiling")
	})
	for name, args := range map[string][]string{
		"NoCeilingForReference": {"-url", origin.URL, "-path", "/v1/a", "-reference", "postgres://x", "-ceiling=false"},
		"NonLoopback":           {"-url", "http://192.0.2.1:8080", "-path", "/v1/a"},
		"NoPath":                {"-url", origin.URL},
		"BadConns":              {"-url", origin.URL, "-path", "/v1/a", "-c", "32,0"},
		"TooLong":               {"-url", origin.URL, "-path", "/v1/a", "-d", "1h"},
		"HostInPath":            {"-url", origin.URL, "-path", "//192.0.2.1/v1/a"},
		"Positional":            {"-url", origin.URL, "/v1/a"},
	} {
		t.Run("Refused/"+name, func(t *testing.T) {
			err := run(context.Background(), append([]string{"loadbench"}, args...), io.Discard, io.Discard)
			require.Error(t, err)
			assert.ErrorAs(t, err, new(usageError))
		})
	}
}
