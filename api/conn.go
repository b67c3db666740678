package api

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
)

// ProblemListener wraps ln so that the answers net/http writes by itself, before any handler
// runs (400 for a malformed request line or URL escape, 431 for headers over MaxHeaderBytes,
// 501 for an unknown transfer coding), are problem documents like every other error, rather
// than text/plain.
func ProblemListener(ln net.Listener) net.Listener { return problemListener{ln} }

type problemListener struct{ net.Listener }

func (l problemListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return problemConn{c}, nil
}

type problemConn struct{ net.Conn }

// goError matches the whole of one of net/http's own error answers, which it writes to the
// connection in a single call. Handler answers never match: net/http sorts their headers, so
// Connection would come before Content-Type.
var goError = regexp.MustCompile("^HTTP/1\\.1 ([1-5][0-9][0-9]) ([^\r\n]*)\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n([^\r\n]*)$")

func (c problemConn) Write(p []byte) (int, error) {
	if !bytes.HasPrefix(p, []byte("HTTP/1.1 ")) {
		return c.Conn.Write(p)
	}
	m := goError.FindSubmatch(p)
	if m == nil {
		return c.Conn.Write(p)
	}
	status, _ := strconv.Atoi(string(m[1]))
	code := map[int]string{http.StatusBadRequest: "invalid", http.StatusRequestHeaderFieldsTooLarge: eHeaderTooLarge}[status]
	if code == "" {
		code = strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
	}
	detail := http.StatusText(status)
	if _, text, ok := strings.Cut(string(m[3]), ": "); ok {
		detail = text // net/http's own words, which never echo the request
	}
	if status == http.StatusRequestHeaderFieldsTooLarge {
		detail = "the request's headers are over the server's limit"
	}
	body, _ := json.Marshal(problem{Type: "urn:newsfacts:problem:" + code, Title: http.StatusText(status), Status: status, Detail: detail})
	var b bytes.Buffer
	b.WriteString("HTTP/1.1 " + strconv.Itoa(status) + " " + http.StatusText(status) + "\r\n")
	b.WriteString("Cache-Control: no-store\r\nConnection: close\r\nContent-Length: " + strconv.Itoa(len(body)) + "\r\n")
	b.WriteString("Content-Type: application/problem+json\r\nX-Content-Type-Options: nosniff\r\n\r\n")
	b.Write(body)
	if _, err := c.Conn.Write(b.Bytes()); err != nil {
		return 0, err
	}
	return len(p), nil
}
