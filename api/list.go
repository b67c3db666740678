package api

import (
	"net/http"
	"net/url"
)

// listJSON is the one shape of every list.
type listJSON[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

// writeList answers with one page of a list, and an RFC 8288 Link to the next page while there
// is one. The link is relative to the request, keeping every parameter but the cursor.
func writeList[T any](w http.ResponseWriter, r *http.Request, data []T, next string) {
	if data == nil {
		data = []T{}
	}
	page := listJSON[T]{Data: data}
	if next != "" {
		page.NextCursor = &next
		q := r.URL.Query()
		q.Set("cursor", next)
		w.Header().Set("Link", "<"+(&url.URL{Path: r.URL.Path, RawQuery: q.Encode()}).String()+`>; rel="next"`)
	}
	encode(w, r, http.StatusOK, page)
}

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
