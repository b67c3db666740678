package api

import (
	"bytes"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/newsfacts/newsfacts/internal/changefeed"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// DefaultKeepAlive is how often an idle change stream sends a comment, so that proxies and
// browsers do not take it for dead.
const DefaultKeepAlive = 15 * time.Second

// changeJSON is one committed article on the change stream.
type changeJSON struct {
	ID             string      `json:"id"`
	Title          string      `json:"title"`
	PublishedAt    *facts.Date `json:"published_at"`
	EntityCount    int         `json:"entity_count"`
	StatementCount int         `json:"statement_count"`
	ExerciseCount  int         `json:"exercise_count"`
}

// handleChanges streams the articles whose saves commit as Server-Sent Events. A client that
// reconnects with Last-Event-ID gets the events it missed that are still in the feed's window.
// The stream reads only memory; no client holds a database connection.
func handleChanges(logger *slog.Logger, feed *changefeed.Feed, keepAlive time.Duration) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := parseQuery(r, "last_event_id")
		var (
			last    uint64
			resumed bool
		)
		// The header is what EventSource sends when it reconnects by itself; the parameter is
		// for a client that opens a new EventSource, which cannot set headers.
		name, s := "Last-Event-ID", strings.TrimSpace(r.Header.Get("Last-Event-ID"))
		if s == "" {
			name, s = "last_event_id", q.str("last_event_id")
		}
		if s != "" {
			n, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				q.fail(name, "%s must be the id of an event from this stream, got %q", name, s)
			}
			last, resumed = n, true
		}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		if feed == nil {
			writeError(logger, w, r, facts.Errorf(facts.EUNAVAILABLE, "the change stream is off on this server"))
			return
		}
		select {
		case <-feed.Done():
			w.Header().Set("Retry-After", "5")
			writeError(logger, w, r, facts.Errorf(facts.EUNAVAILABLE, "the server is shutting down; retry later"))
			return
		default:
		}
		if !feed.Acquire() {
			w.Header().Set("Retry-After", "5")
			writeError(logger, w, r, facts.Errorf(facts.EUNAVAILABLE, "too many open change streams; retry later"))
			return
		}
		defer feed.Release()
		if !resumed {
			last = feed.Last() // from now on
		}

		rc := http.NewResponseController(w)
		// The server's WriteTimeout is sized for one answer, not for a stream that lasts.
		_ = rc.SetWriteDeadline(time.Time{})
		h := w.Header()
		h.Set("Content-Type", "text/event-stream")
		h.Set("Cache-Control", "no-store")
		h.Set("X-Accel-Buffering", "no") // nginx: do not buffer the stream
		w.WriteHeader(http.StatusOK)
		// retry: how soon a browser reconnects after a drop.
		if _, err := fmt.Fprint(w, "retry: 1000\n: connected\n\n"); err != nil || rc.Flush() != nil {
			return
		}

		tick := time.NewTicker(keepAlive)
		defer tick.Stop()
		var buf bytes.Buffer
		for {
			events, wake := feed.Since(last)
			if len(events) > 0 {
				buf.Reset()
				for _, e := range events {
					c := e.Change
					buf.WriteString("id: " + strconv.FormatUint(e.ID, 10) + "\nevent: article\ndata: ")
					_ = writeJSON(&buf, changeJSON{
						ID: c.ArticleID, Title: c.Title, PublishedAt: c.PublishedAt,
						EntityCount: c.EntityCount, StatementCount: c.StatementCount, ExerciseCount: c.ExerciseCount,
					}) // ends with the newline that ends the data line
					buf.WriteString("\n")
					last = e.ID
				}
				if _, err := w.Write(buf.Bytes()); err != nil || rc.Flush() != nil {
					return
				}
				tick.Reset(keepAlive)
			}
			select {
			case <-r.Context().Done():
				return
			case <-feed.Done(): // the server is shutting down; the client will reconnect
				return
			case <-wake:
			case <-tick.C:
				if _, err := fmt.Fprint(w, ": keep-alive\n\n"); err != nil || rc.Flush() != nil {
					return
				}
			}
		}
	})
}
