package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsfacts/newsfacts/internal/postgres"
)

// maxSnapshot bounds the response the ceiling replays; a list page of 500 rows is far below it.
const maxSnapshot = 64 << 20

// replayedHeaders are the headers the ceiling sends with the bytes: those a client needs to
// use them. Everything else the API adds (request ids, CORS, security headers) is its own cost.
var replayedHeaders = []string{"Content-Type", "ETag"}

// snapshot is one response exactly as the API sent it, for the ceiling to replay.
type snapshot struct {
	Status int
	Header http.Header // only replayedHeaders
	Body   []byte
}

// fetch takes a snapshot of target. An endpoint that does not answer 2xx is an error: loading
// it would measure an error page.
func fetch(ctx context.Context, client *http.Client, target string) (snapshot, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return snapshot{}, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return snapshot{}, fmt.Errorf("fetch %s: %w", target, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxSnapshot+1))
	if err != nil {
		return snapshot{}, fmt.Errorf("fetch %s: read body: %w", target, err)
	}
	if len(body) > maxSnapshot {
		return snapshot{}, fmt.Errorf("fetch %s: body over %d bytes", target, maxSnapshot)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return snapshot{}, fmt.Errorf("fetch %s: answered %s: %.200s", target, resp.Status, body)
	}
	s := snapshot{Status: resp.StatusCode, Header: http.Header{}, Body: body}
	for _, k := range replayedHeaders {
		if v := resp.Header.Values(k); len(v) > 0 {
			s.Header[k] = v
		}
	}
	return s, nil
}

// ceilingHandler answers every request with the snapshot's status, headers and bytes from
// memory: the fastest any handler could send that response through net/http.
func ceilingHandler(s snapshot) http.Handler {
	length := []string{strconv.Itoa(len(s.Body))}
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h := w.Header()
		// net/http only reads these slices, so every response may share them.
		for k, v := range s.Header {
			h[k] = v
		}
		h["Content-Length"] = length
		w.WriteHeader(s.Status)
		_, _ = w.Write(s.Body)
	})
}

// ceilingEnv, when set in loadbench's environment, names a snapshot file: the process then
// serves it as a ceiling instead of running a benchmark (see serveCeiling). referenceEnv, set
// beside it, names a database: the process then serves the snapshot as the reference server.
const (
	ceilingEnv   = "LOADBENCH_CEILING_SNAPSHOT"
	referenceEnv = "LOADBENCH_REFERENCE_DB"
)

// referenceMaxConns is the reference server's pool size: newsfacts serve's default
// (NEWSFACTS_DB_MAX_CONNS), so that both wait for connections alike.
const referenceMaxConns = 16

// referenceHandler is what issue 12 calls "a plain chi+pgx handler on a trivial query": a chi
// router whose one route runs `SELECT 1` on a pgx pool, then sends the snapshot's bytes as the
// ceiling does. Its share of the ceiling is the most a handler that asks PostgreSQL anything
// can reach on this machine, the yardstick for an endpoint's share.
func referenceHandler(pool *pgxpool.Pool, next http.Handler) http.Handler {
	r := chi.NewRouter()
	r.Get("/*", func(w http.ResponseWriter, req *http.Request) {
		var one int
		if err := pool.QueryRow(req.Context(), "SELECT 1").Scan(&one); err != nil {
			http.Error(w, err.Error(), http.StatusServiceUnavailable)
			return
		}
		next.ServeHTTP(w, req)
	})
	return r
}

// ceiling is a ceiling server running in a child process on a loopback port. It runs apart
// from the load generator, as the API does: in one process the two would share one Go
// scheduler and garbage collector, and on a busy machine one share of the CPU, which made the
// ceiling look slower than a real server.
type ceiling struct {
	URL   string // base URL, "http://127.0.0.1:port"
	cmd   *exec.Cmd
	stdin io.WriteCloser
	file  string
}

// startCeiling starts a child process (this executable, with ceilingEnv set) that serves the
// snapshot on 127.0.0.1 at a free port until Close. Given a database URL, the child is the
// reference server (referenceHandler) instead.
func startCeiling(s snapshot, referenceDB string) (*ceiling, error) {
	return startCeilingMany(map[string]snapshot{"": s}, referenceDB)
}

// mixHandler answers each request with the snapshot of its request URI, or the one under ""
// for a URI it does not know: the ceiling of a mixed run.
func mixHandler(snaps map[string]snapshot) http.Handler {
	handlers := make(map[string]http.Handler, len(snaps))
	for uri, s := range snaps {
		handlers[uri] = ceilingHandler(s)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h, ok := handlers[r.URL.RequestURI()]
		if !ok {
			h = handlers[""]
		}
		if h == nil {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// startCeilingMany starts a ceiling serving snaps by request URI (see mixHandler), or the
// reference server when referenceDB is set.
func startCeilingMany(snaps map[string]snapshot, referenceDB string) (*ceiling, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("ceiling: find this executable: %w", err)
	}
	f, err := os.CreateTemp("", "loadbench-snapshot-*.json")
	if err != nil {
		return nil, fmt.Errorf("ceiling: %w", err)
	}
	c := &ceiling{file: f.Name()}
	err = json.NewEncoder(f).Encode(snaps)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("ceiling: write snapshot: %w", err)
	}

	c.cmd = exec.Command(exe)
	c.cmd.Env = append(os.Environ(), ceilingEnv+"="+c.file, referenceEnv+"="+referenceDB)
	c.cmd.Stderr = os.Stderr
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		c.Close()
		return nil, fmt.Errorf("ceiling: %w", err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		c.Close()
		return nil, fmt.Errorf("ceiling: %w", err)
	}
	if err := c.cmd.Start(); err != nil {
		c.cmd = nil
		c.Close()
		return nil, fmt.Errorf("ceiling: start %s: %w", exe, err)
	}
	line := make(chan string, 1)
	go func() {
		l, _ := bufio.NewReader(stdout).ReadString('\n')
		line <- strings.TrimSpace(l)
	}()
	select {
	case c.URL = <-line:
	case <-time.After(10 * time.Second):
	}
	if !strings.HasPrefix(c.URL, "http://127.0.0.1:") {
		c.Close()
		return nil, fmt.Errorf("ceiling: the child process did not report its address (got %q)", c.URL)
	}
	return c, nil
}

// Close stops the child process and removes the snapshot file.
func (c *ceiling) Close() error {
	if c.cmd != nil && c.cmd.Process != nil {
		// Closing stdin asks the child to exit; a child that does not is killed.
		c.stdin.Close()
		done := make(chan struct{})
		go func() { _ = c.cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = c.cmd.Process.Kill()
			<-done
		}
	}
	return os.Remove(c.file)
}

// serveCeiling is the child process's whole program: it serves the snapshot in file on
// 127.0.0.1 at a free port, prints the base URL as one line on stdout, and exits when stdin
// closes, which happens when the parent closes it or dies. With a database URL it serves the
// snapshot through referenceHandler.
func serveCeiling(file, referenceDB string, stdin io.Reader, stdout io.Writer) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("ceiling: %w", err)
	}
	var snaps map[string]snapshot
	if err := json.Unmarshal(b, &snaps); err != nil {
		return fmt.Errorf("ceiling: read snapshot %s: %w", file, err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return fmt.Errorf("ceiling: listen: %w", err)
	}
	handler := mixHandler(snaps)
	if referenceDB != "" {
		pool, err := postgres.OpenWith(context.Background(), referenceDB, postgres.PoolOptions{MaxConns: referenceMaxConns})
		if err != nil {
			return fmt.Errorf("reference: %w", err)
		}
		defer pool.Close()
		handler = referenceHandler(pool, handler)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	// Serve fails only when the listener does, and the load run then counts the errors.
	go func() { _ = srv.Serve(ln) }()
	if _, err := fmt.Fprintf(stdout, "http://%s\n", ln.Addr()); err != nil {
		return err
	}
	_, _ = io.Copy(io.Discard, stdin)
	return srv.Close()
}
