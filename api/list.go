package api

import (
	"net/http"
	"net/url"
	"sync"
)

// writeList answers with one page of a list, {"data": [...], "next_cursor": ...}, and an RFC
// 8288 Link to the next page while there is one. The link is relative to the request, keeping
// every parameter but the cursor. Every list item writes itself (jsonAppender, enforced by
// the type parameter P) into a pooled buffer.
func writeList[T any, P appender[T]](w http.ResponseWriter, r *http.Request, data []T, next string) {
	if next != "" {
		q := r.URL.Query()
		q.Set("cursor", next)
		w.Header().Set("Link", "<"+(&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()+`>; rel="next"`)
	}
	bp := pagePool.Get().(*[]byte)
	defer pagePool.Put(bp)
	b := appendPage[T, P]((*bp)[:0], data, next)
	*bp = b[:0]
	writeBody(w, r, http.StatusOK, "application/json", b)
}

// pagePool recycles the buffers that pages of list items are appended into.
var pagePool = sync.Pool{New: func() any { return new([]byte) }}

// nullable returns nil for "", so that unknown values encode as JSON null.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// nonNil returns s, or an empty slice for nil, so that lists encode as [] rather than null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// mapSlice converts each element of s.
func mapSlice[S, T any](s []S, f func(S) T) []T {
	out := make([]T, len(s))
	for i, v := range s {
		out[i] = f(v)
	}
	return out
}
