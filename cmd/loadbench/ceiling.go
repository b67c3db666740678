package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"time"
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

// ceiling is a running ceiling server on a loopback port.
type ceiling struct {
	URL string // base URL, "http://127.0.0.1:port"
	srv *http.Server
}

// startCeiling serves the snapshot on 127.0.0.1 at a free port until Close.
func startCeiling(s snapshot) (*ceiling, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("ceiling: listen: %w", err)
	}
	srv := &http.Server{
		Handler:           ceilingHandler(s),
		ReadHeaderTimeout: 5 * time.Second,
		IdleTimeout:       2 * time.Minute,
	}
	// Serve fails only when the listener does, and the load run then counts the errors.
	go func() { _ = srv.Serve(ln) }()
	return &ceiling{URL: "http://" + ln.Addr().String(), srv: srv}, nil
}

// Close stops the ceiling server and drops its connections.
func (c *ceiling) Close() error { return c.srv.Close() }
