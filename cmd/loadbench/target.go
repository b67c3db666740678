package main

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"
)

// checkBaseURL parses the target's base URL and refuses anything but plain HTTP to a loopback
// address: this benchmark must never put load on another machine.
func checkBaseURL(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("bad -url %q: %v", raw, err)
	}
	if u.Scheme != "http" {
		return nil, fmt.Errorf("bad -url %q: the scheme must be http, got %q", raw, u.Scheme)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("bad -url %q: give the base URL only; query strings belong in -path", raw)
	}
	if !isLoopbackHost(u.Hostname()) {
		return nil, fmt.Errorf("refusing -url %q: loadbench only loads loopback addresses (127.0.0.0/8, ::1, localhost), got host %q", raw, u.Hostname())
	}
	return u, nil
}

// isLoopbackHost reports whether host (no port) is a loopback IP literal or "localhost". The
// dialer checks the resolved address again (loopbackOnly), so "localhost" mapped elsewhere in
// /etc/hosts still cannot escape.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// joinPath appends a request path (with its query) to the base URL. The path must be
// absolute and may not name another host ("//host/..." would).
func joinPath(base *url.URL, path string) (string, error) {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return "", fmt.Errorf("bad -path %q: it must start with a single /", path)
	}
	full := strings.TrimSuffix(base.String(), "/") + path
	u, err := url.Parse(full)
	if err != nil {
		return "", fmt.Errorf("bad -path %q: %v", path, err)
	}
	if !isLoopbackHost(u.Hostname()) {
		return "", fmt.Errorf("bad -path %q: it changes the host to %q", path, u.Hostname())
	}
	return full, nil
}

// loopbackOnly is a net.Dialer Control function: it refuses to connect to any address that is
// not loopback, whatever a name resolved to.
func loopbackOnly(network, address string, _ syscall.RawConn) error {
	host, _, err := net.SplitHostPort(address)
	if err != nil {
		return fmt.Errorf("refusing to dial %q: %v", address, err)
	}
	if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("refusing to dial %s %s: not a loopback address", network, address)
	}
	return nil
}

// newClient returns a client that keeps up to conns connections alive to one host, never
// follows redirects (a 3xx is counted as non-2xx), never uses a proxy, and never asks for gzip:
// the API and the ceiling must move the same bytes.
func newClient(conns int, timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second, Control: loopbackOnly}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           dialer.DialContext,
		MaxIdleConns:          conns,
		MaxIdleConnsPerHost:   conns,
		MaxConnsPerHost:       conns,
		IdleConnTimeout:       90 * time.Second,
		ResponseHeaderTimeout: timeout,
		DisableCompression:    true,
		ForceAttemptHTTP2:     false,
	}
	return &http.Client{
		Transport: tr,
		Timeout:   timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}

// closeClient drops the client's idle connections, so that one run's connections do not
// linger into the next.
func closeClient(c *http.Client) {
	c.CloseIdleConnections()
}
