package api

import (
	"log/slog"
	"net/http"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// healthJSON is the answer of the health endpoints.
type healthJSON struct {
	Status string `json:"status"`
}

// handleHealth answers while the process runs; it touches nothing, so that a slow database
// never gets a live process restarted.
func handleHealth() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json")
		_ = writeJSON(w, healthJSON{Status: "ok"})
	})
}

// handleReady answers 200 when the store can serve, and 503 saying why when it cannot.
func handleReady(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := store.Ready(r.Context()); err != nil {
			if classify(err).Code != facts.EUNAVAILABLE {
				// Whatever keeps the store from serving, a balancer needs 503 to route around it.
				logger.ErrorContext(r.Context(), "readiness check failed", "err", err)
				err = facts.Errorf(facts.EUNAVAILABLE, "the database is not ready")
			}
			writeError(logger, w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Type", "application/json")
		_ = writeJSON(w, healthJSON{Status: "ok"})
	})
}
