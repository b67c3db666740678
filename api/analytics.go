package api

import (
	"log/slog"
	"net/http"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// timelineCountsJSON is an entity's activity in a set of articles.
type timelineCountsJSON struct {
	Mentions   int `json:"mentions"`
	Articles   int `json:"articles"`
	Statements int `json:"statements"`
}

// timelinePointJSON is the activity in one bucket.
type timelinePointJSON struct {
	Start facts.Date `json:"start"`
	timelineCountsJSON
}

// timelineJSON is an entity's activity over time.
type timelineJSON struct {
	EntityID string              `json:"entity_id"`
	Bucket   facts.Bucket        `json:"bucket"`
	From     *facts.Date         `json:"from"`
	To       *facts.Date         `json:"to"`
	Data     []timelinePointJSON `json:"data"`
	Undated  timelineCountsJSON  `json:"undated"`
}

func handleEntityTimeline(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "entity")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "from", "to", "bucket")
		f := facts.TimelineFilter{EntityID: id, From: q.date("from"), To: q.date("to"), Bucket: facts.Month}
		if b := q.str("bucket"); b != "" {
			f.Bucket = facts.Bucket(b)
			if !f.Bucket.Valid() {
				q.fail("bucket", "bucket must be day, week or month, got %q", b)
			}
		}
		if f.From != nil && f.To != nil && f.To.Before(*f.From) {
			q.fail("to", "to must not be before from, got from=%s to=%s", f.From, f.To)
		}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		t, err := store.Timeline(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		out := timelineJSON{
			EntityID: id, Bucket: f.Bucket, From: f.From, To: f.To,
			Data:    make([]timelinePointJSON, len(t.Points)),
			Undated: timelineCountsJSON(t.Undated),
		}
		for i, p := range t.Points {
			out.Data[i] = timelinePointJSON{Start: p.Start, timelineCountsJSON: timelineCountsJSON(p.TimelineCounts)}
		}
		encode(w, r, http.StatusOK, out)
	})
}

// relatedJSON is an entity with the number of articles it shares with another.
type relatedJSON struct {
	entityJSON
	SharedArticles int `json:"shared_articles"`
}

func handleEntityRelated(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "entity")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "type", "limit", "cursor")
		f := facts.RelatedFilter{EntityID: id, Type: q.entityType("type"), Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		list, next, err := store.Related(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(list, func(e facts.RelatedEntity) relatedJSON {
			return relatedJSON{entityJSON: newEntityJSON(e.StoredEntity), SharedArticles: e.SharedArticles}
		}), next)
	})
}
