package api

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
)

// bufPool recycles encoding buffers: every data GET encodes its whole body once to hash it.
var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeJSON encodes v to w without HTML escaping, since article text is full of quotes and
// ampersands that clients must not have to unescape.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// encode answers with v as JSON. Successful GETs carry a strong ETag computed over the encoded
// body, and a request whose If-None-Match names it gets 304 without a body.
func encode(w http.ResponseWriter, r *http.Request, status int, v any) {
	buf := bufPool.Get().(*bytes.Buffer)
	buf.Reset()
	defer bufPool.Put(buf)
	if err := writeJSON(buf, v); err != nil {
		// Wire types are plain structs; failing to encode one is a bug worth a 500.
		panic(err)
	}
	writeBody(w, r, status, "application/json", buf.Bytes())
}

// writeBody answers with body, adding an ETag to successful GETs and answering 304 when the
// client already holds this body.
func writeBody(w http.ResponseWriter, r *http.Request, status int, contentType string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	if r.Method == http.MethodGet && status == http.StatusOK {
		tag := etag(body)
		h.Set("ETag", tag)
		h.Set("Cache-Control", "no-cache")
		if inm := r.Header.Get("If-None-Match"); inm != "" && etagMatch(inm, tag) {
			h.Del("Content-Type")
			w.WriteHeader(http.StatusNotModified)
			return
		}
	}
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// etag returns a strong entity tag for body: 128 bits of its SHA-256, which hardware
// accelerates, so hashing costs less than encoding.
func etag(body []byte) string {
	sum := sha256.Sum256(body)
	var b [34]byte
	b[0], b[33] = '"', '"'
	hex.Encode(b[1:33], sum[:16])
	return string(b[:])
}

// etagMatch reports whether an If-None-Match header value names tag. Comparison is weak, as
// RFC 9110 §13.1.2 asks for If-None-Match, so a W/ prefix added by a proxy still matches.
func etagMatch(header, tag string) bool {
	for part := range strings.SplitSeq(header, ",") {
		part = strings.TrimSpace(part)
		if part == "*" || strings.TrimPrefix(part, "W/") == tag {
			return true
		}
	}
	return false
}
