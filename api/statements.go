package api

import (
	"log/slog"
	"net/http"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// statementJSON is a statement on the wire. ArticleID is empty only inside an article's facts.
type statementJSON struct {
	ID          string              `json:"id"`
	ArticleID   string              `json:"article_id,omitempty"`
	SpeakerID   *string             `json:"speaker_id"`
	SpeakerText string              `json:"speaker_text"`
	Kind        facts.StatementKind `json:"kind"`
	Text        string              `json:"text"`
	Start       int                 `json:"start"`
	End         int                 `json:"end"`
	Verb        string              `json:"verb"`
	SaidOn      *facts.Date         `json:"said_on"`
	EntityIDs   []string            `json:"entity_ids"`
}

func newStatementJSON(s facts.Statement) statementJSON {
	return statementJSON{
		ID:          s.ID,
		ArticleID:   s.ArticleID,
		SpeakerID:   nullable(s.SpeakerID),
		SpeakerText: s.SpeakerText,
		Kind:        s.Kind,
		Text:        s.Text,
		Start:       s.Start,
		End:         s.End,
		Verb:        s.Verb,
		SaidOn:      s.SaidOn,
		EntityIDs:   nonNil(s.EntityIDs),
	}
}

func handleStatementList(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := parseQuery(r, "speaker_id", "article_id", "kind", "mentions", "q", "said_after", "said_before", "limit", "cursor")
		f := facts.StatementFilter{
			SpeakerID:  q.str("speaker_id"),
			ArticleID:  q.str("article_id"),
			Kind:       q.statementKind("kind"),
			MentionsID: q.str("mentions"),
			Query:      q.str("q"),
			SaidAfter:  q.date("said_after"),
			SaidBefore: q.date("said_before"),
			Page:       q.page(),
		}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		statements, next, err := store.Statements(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(statements, newStatementJSON), next)
	})
}

func handleStatementGet(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "statement")
		if err == nil {
			err = parseQuery(r).err()
		}
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		s, err := store.Statement(r.Context(), id)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		encode(w, r, http.StatusOK, newStatementJSON(s))
	})
}
