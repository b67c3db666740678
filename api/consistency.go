package api

import (
	"context"
	"log/slog"
	"net/http"
)

// consistencyHeader carries a write's commit position to the client, and back on its reads.
const consistencyHeader = "Consistency-Token"

// ReadRouter decides where a request's reads go when they may be served by database replicas
// that trail the primary. *postgres.ReadPools implements it.
type ReadRouter interface {
	// Require returns the context for one request's reads; they see every commit token (from
	// Token; "" for none) stands for. A malformed token is an EINVALID error.
	Require(ctx context.Context, token string) (context.Context, error)
	// Token returns a token for everything committed so far.
	Token(ctx context.Context) (string, error)
}

// consistency routes GETs through rr, honouring their Consistency-Token, and gives every
// successful write the Consistency-Token of its commit. It runs outside the response cache:
// honouring a token may empty the cache first (see postgres.ReadPools.Advance).
func consistency(logger *slog.Logger, rr ReadRouter) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			switch r.Method {
			case http.MethodGet, http.MethodHead:
				ctx, err := rr.Require(r.Context(), r.Header.Get(consistencyHeader))
				if err != nil {
					writeError(logger, w, r, err)
					return
				}
				next.ServeHTTP(w, r.WithContext(ctx))
			case http.MethodOptions:
				next.ServeHTTP(w, r)
			default:
				next.ServeHTTP(&tokenWriter{ResponseWriter: w, r: r, rr: rr, logger: logger}, r)
			}
		})
	}
}

// tokenWriter adds the Consistency-Token header to a 2xx answer, read once the handler has
// committed, when it writes its status.
type tokenWriter struct {
	http.ResponseWriter
	r       *http.Request
	rr      ReadRouter
	logger  *slog.Logger
	written bool
}

func (t *tokenWriter) WriteHeader(status int) {
	if !t.written {
		t.written = true
		if status >= 200 && status < 300 {
			if tok, err := t.rr.Token(t.r.Context()); err != nil {
				// The write is committed: answer it, without the token.
				t.logger.WarnContext(t.r.Context(), "no consistency token for a write", "err", err.Error())
			} else {
				t.Header().Set(consistencyHeader, tok)
			}
		}
	}
	t.ResponseWriter.WriteHeader(status)
}

func (t *tokenWriter) Write(b []byte) (int, error) {
	if !t.written {
		t.WriteHeader(http.StatusOK)
	}
	return t.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (t *tokenWriter) Unwrap() http.ResponseWriter { return t.ResponseWriter }
