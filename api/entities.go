package api

import (
	"log/slog"
	"net/http"
	"net/url"

	"github.com/go-chi/chi/v5"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// entityJSON is an entity on the wire.
type entityJSON struct {
	ID             string           `json:"id"`
	Name           string           `json:"name"`
	Type           facts.EntityType `json:"type"`
	Aliases        []string         `json:"aliases"`
	Title          string           `json:"title,omitempty"`
	AffiliationID  string           `json:"affiliation_id,omitempty"`
	MentionCount   int              `json:"mention_count"`
	StatementCount int              `json:"statement_count"`
	ArticleCount   int              `json:"article_count"`
}

func newEntityJSON(e facts.StoredEntity) entityJSON {
	return entityJSON{
		ID:             e.ID,
		Name:           e.Name,
		Type:           e.Type,
		Aliases:        nonNil(e.Aliases),
		Title:          e.Title,
		AffiliationID:  e.AffiliationID,
		MentionCount:   e.MentionCount,
		StatementCount: e.StatementCount,
		ArticleCount:   e.ArticleCount,
	}
}

// mentionJSON is one place an entity is named.
type mentionJSON struct {
	EntityID  string `json:"entity_id"`
	ArticleID string `json:"article_id"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Snippet   string `json:"snippet"`
}

func newMentionJSON(m facts.Mention) mentionJSON {
	return mentionJSON{EntityID: m.EntityID, ArticleID: m.ArticleID, Start: m.Start, End: m.End, Text: m.Text, Snippet: m.Snippet}
}

// pathID returns the {id} path parameter, or an ENOTFOUND error naming what cannot exist.
func pathID(r *http.Request, what string) (string, error) {
	raw := chi.URLParam(r, "id")
	id, err := url.PathUnescape(raw)
	if err != nil || !validID(id) {
		return "", facts.Errorf(facts.ENOTFOUND, "%s %q not found", what, raw)
	}
	return id, nil
}

func handleEntityList(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := parseQuery(r, "type", "q", "article_id", "limit", "cursor")
		f := facts.EntityFilter{Type: q.entityType("type"), Query: q.str("q"), ArticleID: q.str("article_id"), Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		entities, next, err := store.Entities(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(entities, newEntityJSON), next)
	})
}

func handleEntityGet(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "entity")
		if err == nil {
			err = parseQuery(r).err()
		}
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		e, err := store.Entity(r.Context(), id)
		if err != nil {
			if !redirectMerged(w, r, store, err, id, "") {
				writeError(logger, w, r, err)
			}
			return
		}
		encode(w, r, http.StatusOK, newEntityJSON(e))
	})
}

// entityExists returns ENOTFOUND when id names no entity. Sub-resource lists call it only when
// their first page is empty, so that /entities/nope/mentions is a 404 rather than an empty list
// at no cost to the common case.
func entityExists(r *http.Request, store Store, id string, page facts.Page, n int) error {
	if n > 0 || page.Cursor != "" {
		return nil
	}
	_, err := store.Entity(r.Context(), id)
	return err
}

// redirectMerged answers 301 with the same request on the entity that id was merged into,
// when err says id was not found and the store knows such a merge; it reports whether it did.
// The Location keeps sub (the sub-resource's path, "" for the entity) and the query.
func redirectMerged(w http.ResponseWriter, r *http.Request, store Store, err error, id, sub string) bool {
	if facts.ErrorCode(err) != facts.ENOTFOUND {
		return false
	}
	to, err := store.EntityRedirect(r.Context(), id)
	if err != nil {
		return false
	}
	loc := url.URL{Path: "/v1/entities/" + to + sub, RawQuery: r.URL.RawQuery}
	w.Header().Set("Location", loc.String())
	w.WriteHeader(http.StatusMovedPermanently)
	return true
}

func handleEntityMentions(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "entity")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "limit", "cursor")
		f := facts.MentionFilter{EntityID: id, Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		mentions, next, err := store.Mentions(r.Context(), f)
		if err == nil {
			err = entityExists(r, store, id, f.Page, len(mentions))
		}
		if err != nil {
			if !redirectMerged(w, r, store, err, id, "/mentions") {
				writeError(logger, w, r, err)
			}
			return
		}
		writeList(w, r, mapSlice(mentions, newMentionJSON), next)
	})
}

func handleEntityStatements(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "entity")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "limit", "cursor")
		f := facts.StatementFilter{SpeakerID: id, Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		statements, next, err := store.Statements(r.Context(), f)
		if err == nil {
			err = entityExists(r, store, id, f.Page, len(statements))
		}
		if err != nil {
			if !redirectMerged(w, r, store, err, id, "/statements") {
				writeError(logger, w, r, err)
			}
			return
		}
		writeList(w, r, mapSlice(statements, newStatementJSON), next)
	})
}
