package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
	"strings"
)

// syncBuffer is a bytes.Buffer the server's logger and the test can share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `newsfacts serve` on a free port until the test ends, and returns its base URL.
func startServe(t *testing.T, env map[string]string) (base string, logs *syncBuffer, stop func() error) {
	t.Helper()
	return startServeAt(t, env, "127.0.0.1:0")
}

// startServeAt is startServe on a given address.
func startServeAt(t *testing.T, env map[string]string, addr string) (base string, logs *syncBuffer, stop func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	getenv := func(name string) string { return env[name] }
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"newsfacts", "serve", "--addr", addr}, getenv, bytes.NewReader(nil), io.Discard, logs)
	}()
	stopped := false
	stop = func() error {
		if stopped {
			return nil
		}
		stopped = true
		cancel()
		select {
		case err := <-done:
			return err
		case <-time.After(20 * time.Second):
			return context.DeadlineExceeded
		}
	}
	t.Cleanup(func() { _ = stop() })
	require.Eventually(t, func() bool {
		sc := bufio.NewScanner(bytes.NewReader([]byte(logs.String())))
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				base = "http://" + line.Addr
				return true
			}
		}
		select {
		case err := <-done:
			require.FailNow(t, "serve stopped", "%v\n%s", err, logs.String())
		default:
		}
		return false
	}, 10*time.Second, 20*time.Millisecond)
	return base, logs, stop
}

func TestServe(t *testing.T) {
	base, logs, stop := startServe(t, map[string]string{"DATABASE_URL": pgtest.URL(t), "NEWSFACTS_CORS_ORIGINS": "https://a.example, https://b.example"})
	for _, path := range []string{"/healthz", "/readyz", "/v1/entities", "/metrics"} {
		res, err := http.Get(base + path)
		require.NoError(t, err)
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		assert.Equal(t, 200, res.StatusCode, "%s: %s", path, body)
		if path == "/metrics" {
			assert.Contains(t, string(body), "newsfacts_db_pool_conns")
			assert.Contains(t, string(body), `newsfacts_http_requests_total{method="GET",route="/healthz",status="200"} 1`)
		}
	}
	res, err := http.Post(base+"/v1/articles", "text/plain", bytes.NewReader([]byte("text")))
	require.NoError(t, err)
	res.Body.Close()
	assert.Equal(t, http.StatusForbidden, res.StatusCode, "ingest is off without a token")

	require.NoError(t, stop(), "SIGTERM is a clean exit")
	assert.Contains(t, logs.String(), `"msg":"stopped"`)
	assert.Contains(t, logs.String(), `"cors_origins":["https://a.example","https://b.example"]`)
}

func TestServeConfigErrors(t *testing.T) {
	for name, env := range map[string]map[string]string{
		"DBTimeout": {"NEWSFACTS_DB_TIMEOUT": "soon"},
		"LogLevel":  {"NEWSFACTS_LOG_LEVEL": "loud"},
		"BodyLimit": {"NEWSFACTS_BODY_LIMIT": "-1"},
		"Shutdown":  {"NEWSFACTS_SHUTDOWN_TIMEOUT": "0s"},
	} {
		var errOut bytes.Buffer
		err := run(context.Background(), []string{"newsfacts", "serve"}, func(n string) string { return env[n] }, bytes.NewReader(nil), io.Discard, &errOut)
		code := exitCode(err, &errOut)
		assert.Equal(t, exitSetup, code, name)
		for variable := range env {
			assert.Contains(t, errOut.String(), variable, name)
		}
	}
	t.Run("BadAddr", func(t *testing.T) {
		code, _, stderr := runWithDB(t, pgtest.URL(t), "serve", "--addr", "256.0.0.1:99999")
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, "cannot listen")
	})
	t.Run("NoDatabase", func(t *testing.T) {
		code, _, stderr := runWithDB(t, "postgres://postgres@127.0.0.1:1/none?connect_timeout=1", "serve", "--addr", "127.0.0.1:0")
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, "DATABASE_URL")
	})
}

// TestServeDrainsOnShutdown cancels the server's context while a request is half sent, and
// checks that the request still gets its answer before run returns.
func TestServeDrainsOnShutdown(t *testing.T) {
	base, _, stop := startServe(t, map[string]string{"DATABASE_URL": pgtest.URL(t), "NEWSFACTS_INGEST_TOKEN": "tok"})
	pr, pw := io.Pipe()
	req, err := http.NewRequest(http.MethodPost, base+"/v1/articles", pr)
	require.NoError(t, err)
	req.Header.Set("Content-Type", "text/plain")
	req.Header.Set("Authorization", "Bearer tok")
	type answer struct {
		status int
		err    error
	}
	answered := make(chan answer, 1)
	go func() {
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			answered <- answer{err: err}
			return
		}
		res.Body.Close()
		answered <- answer{status: res.StatusCode}
	}()
	_, err = pw.Write([]byte("Navies of two countries began joint patrols, "))
	require.NoError(t, err)
	time.Sleep(100 * time.Millisecond) // the request is in flight

	stopped := make(chan error, 1)
	go func() { stopped <- stop() }()
	time.Sleep(200 * time.Millisecond)
	select {
	case err := <-stopped:
		t.Fatalf("run returned before the in-flight request finished: %v", err)
	default:
	}
	_, err = pw.Write([]byte("the ministry said on Monday."))
	require.NoError(t, err)
	require.NoError(t, pw.Close())

	a := <-answered
	require.NoError(t, a.err)
	assert.Equal(t, http.StatusCreated, a.status)
	assert.NoError(t, <-stopped)
}

func TestServeConfig(t *testing.T) {
	envOf := func(m map[string]string) environment {
		return environment{getenv: func(n string) string { return m[n] }, stdout: io.Discard, stderr: io.Discard}
	}
	t.Run("Defaults", func(t *testing.T) {
		cfg, err := readServeConfig(envOf(nil), nil)
		require.NoError(t, err)
		assert.Equal(t, ":8080", cfg.addr)
		assert.Equal(t, []string{"*"}, cfg.opts.CORSOrigins)
		assert.Empty(t, cfg.opts.IngestToken)
		assert.Equal(t, 5*time.Second, cfg.opts.DBTimeout)
		assert.EqualValues(t, 2<<20, cfg.opts.BodyLimit)
	})
	t.Run("Environment", func(t *testing.T) {
		cfg, err := readServeConfig(envOf(map[string]string{
			"NEWSFACTS_ADDR": "127.0.0.1:9999", "NEWSFACTS_INGEST_TOKEN": "t", "NEWSFACTS_DB_TIMEOUT": "250ms",
			"NEWSFACTS_BODY_LIMIT": "1024", "NEWSFACTS_LOG_LEVEL": "warn", "NEWSFACTS_SHUTDOWN_TIMEOUT": "1m",
		}), nil)
		require.NoError(t, err)
		assert.Equal(t, "127.0.0.1:9999", cfg.addr)
		assert.Equal(t, "t", cfg.opts.IngestToken)
		assert.Equal(t, 250*time.Millisecond, cfg.opts.DBTimeout)
		assert.EqualValues(t, 1024, cfg.opts.BodyLimit)
		assert.Equal(t, slog.LevelWarn, cfg.logLevel)
		assert.Equal(t, time.Minute, cfg.shutdownTimeout)
	})
	t.Run("FlagBeatsEnvironment", func(t *testing.T) {
		cfg, err := readServeConfig(envOf(map[string]string{"NEWSFACTS_ADDR": "127.0.0.1:9999"}), []string{"--addr", ":7000"})
		require.NoError(t, err)
		assert.Equal(t, ":7000", cfg.addr)
	})
	t.Run("Arguments", func(t *testing.T) {
		_, err := readServeConfig(envOf(nil), []string{"extra"})
		assert.ErrorContains(t, err, "no arguments")
	})
}

// TestServeCacheFreshness proves the response cache is emptied when an ingest commits elsewhere:
// a list read twice (the second time from memory) shows the article saved by another process.
func TestServeCacheFreshness(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(context.Background(), url))
	base, _, _ := startServe(t, map[string]string{"DATABASE_URL": url})

	articleCount := func() int {
		t.Helper()
		res, err := http.Get(base + "/v1/articles")
		require.NoError(t, err)
		defer res.Body.Close()
		require.Equal(t, http.StatusOK, res.StatusCode)
		var list struct{ Data []json.RawMessage }
		require.NoError(t, json.NewDecoder(res.Body).Decode(&list))
		return len(list.Data)
	}
	metric := func(line string) bool {
		res, err := http.Get(base + "/metrics")
		require.NoError(t, err)
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return strings.Contains(string(body), line)
	}
	// The cache turns on once its LISTEN connection is up.
	require.Eventually(t, func() bool {
		articleCount()
		articleCount()
		return !metric(`newsfacts_response_cache_requests_total{outcome="hit"} 0`)
	}, 10*time.Second, 50*time.Millisecond, "repeated GETs are served from the cache")
	require.Equal(t, 0, articleCount())

	pool, err := postgres.Open(context.Background(), url)
	require.NoError(t, err)
	defer pool.Close()
	in := ingest.Input{Body: "Oslo said on Monday that Norway will host the drills in March, the Norwegian Defence Ministry said."}
	_, err = ingest.One(context.Background(), postgres.New(pool), gazetteer.Default(), in, 0)
	require.NoError(t, err)

	assert.Eventually(t, func() bool { return articleCount() == 1 }, 5*time.Second, 20*time.Millisecond,
		"the committed ingest empties the cache")
}
