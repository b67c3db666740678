package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"syscall"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// HTTP-only error codes: they describe the request rather than the domain, so they live here
// and not in package facts.
const (
	eUnauthorized     = "unauthorized"
	eForbidden        = "forbidden"
	eMethodNotAllowed = "method_not_allowed"
	eUnsupportedMedia = "unsupported_media_type"
	eRateLimited      = "rate_limited"
	eHeaderTooLarge   = "header_too_large"
)

// statusOf is the only map from error codes to HTTP statuses.
var statusOf = map[string]int{
	facts.EINVALID:     http.StatusBadRequest,
	facts.ENOTFOUND:    http.StatusNotFound,
	facts.ECONFLICT:    http.StatusConflict,
	facts.ETOOLARGE:    http.StatusRequestEntityTooLarge,
	facts.EUNAVAILABLE: http.StatusServiceUnavailable,
	facts.ETIMEOUT:     http.StatusGatewayTimeout,
	facts.EINTERNAL:    http.StatusInternalServerError,
	eUnauthorized:      http.StatusUnauthorized,
	eForbidden:         http.StatusForbidden,
	eMethodNotAllowed:  http.StatusMethodNotAllowed,
	eUnsupportedMedia:  http.StatusUnsupportedMediaType,
	eRateLimited:       http.StatusTooManyRequests,
	eHeaderTooLarge:    http.StatusRequestHeaderFieldsTooLarge,
}

// problem is an RFC 9457 problem document.
type problem struct {
	Type   string             `json:"type"`
	Title  string             `json:"title"`
	Status int                `json:"status"`
	Detail string             `json:"detail"`
	Errors []facts.ParamError `json:"errors,omitempty"`
}

// classify returns err as a *facts.Error a client may see. Failures that mean the database is
// out of reach become EUNAVAILABLE even when the store let them through untranslated, so that
// clients are told to retry rather than that the server is broken.
func classify(err error) *facts.Error {
	var fe *facts.Error
	if errors.As(err, &fe) {
		return fe
	}
	var ce *pgconn.ConnectError
	var ne net.Error
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		// Waiting for a pooled connection: every one is busy, which a retry may not meet.
		return facts.Errorf(facts.EUNAVAILABLE, "the database is busy; retry later")
	case errors.As(err, &ce), errors.As(err, &ne), pgconn.SafeToRetry(err),
		// A connection cut mid-answer (a database restart) surfaces as a bare EOF or reset.
		errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, syscall.ECONNRESET), errors.Is(err, syscall.EPIPE):
		return facts.Errorf(facts.EUNAVAILABLE, "the database is unavailable")
	}
	return facts.Errorf(facts.EINTERNAL, "internal error")
}

// writeError answers with err as a problem document. Internal errors are logged with the
// request's method, path and id, and the client learns only that one happened.
func writeError(logger *slog.Logger, w http.ResponseWriter, r *http.Request, err error) {
	fe := classify(err)
	status, ok := statusOf[fe.Code]
	if !ok {
		status = http.StatusInternalServerError
	}
	switch {
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		// The client went away; there is nobody to answer and nothing to fix.
		logger.DebugContext(r.Context(), "request canceled", "method", r.Method, "path", r.URL.Path, "request_id", RequestIDFromContext(r.Context()))
	case status >= 500:
		logger.ErrorContext(r.Context(), "request failed", "method", r.Method, "path", r.URL.Path,
			"request_id", RequestIDFromContext(r.Context()), "status", status, "err", err)
	}
	h := w.Header()
	h.Del("ETag")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Type", "application/problem+json")
	switch status {
	case http.StatusUnauthorized:
		h.Set("WWW-Authenticate", `Bearer realm="newsfacts"`)
	case http.StatusServiceUnavailable, http.StatusTooManyRequests:
		if h.Get("Retry-After") == "" {
			h.Set("Retry-After", "1")
		}
	}
	w.WriteHeader(status)
	_ = writeJSON(w, problem{
		Type:   "urn:newsfacts:problem:" + fe.Code,
		Title:  http.StatusText(status),
		Status: status,
		Detail: fe.Message,
		Errors: fe.Params,
	})
}
