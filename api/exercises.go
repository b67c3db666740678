package api

import (
	"log/slog"
	"net/http"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// periodJSON is when an exercise happens.
type periodJSON struct {
	Text  string     `json:"text"`
	Start facts.Date `json:"start"`
	End   facts.Date `json:"end"`
}

func newPeriodJSON(p *facts.Period) *periodJSON {
	if p == nil {
		return nil
	}
	return &periodJSON{Text: p.Text, Start: p.Start, End: p.End}
}

// spanJSON is a range of an article body.
type spanJSON struct {
	Start int    `json:"start"`
	End   int    `json:"end"`
	Text  string `json:"text"`
}

func newSpanJSON(s facts.Span) spanJSON { return spanJSON(s) }

// exerciseJSON is an exercise in a list.
type exerciseJSON struct {
	ID             string      `json:"id"`
	Name           string      `json:"name"`
	Aliases        []string    `json:"aliases"`
	HostID         *string     `json:"host_id"`
	ParticipantIDs []string    `json:"participant_ids"`
	Period         *periodJSON `json:"period"`
	Purpose        *string     `json:"purpose"`
	ArticleIDs     []string    `json:"article_ids"`
}

func newExerciseJSON(x facts.StoredExercise) exerciseJSON {
	return exerciseJSON{
		ID:             x.ID,
		Name:           x.Name,
		Aliases:        nonNil(x.Aliases),
		HostID:         nullable(x.HostID),
		ParticipantIDs: nonNil(x.ParticipantIDs),
		Period:         newPeriodJSON(x.Period),
		Purpose:        nullable(x.Purpose),
		ArticleIDs:     nonNil(x.ArticleIDs),
	}
}

// entityRefJSON names an entity an exercise points at.
type entityRefJSON struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// participantJSON is an exercise participant, expanded.
type participantJSON struct {
	ID   string           `json:"id"`
	Name string           `json:"name"`
	Type facts.EntityType `json:"type"`
}

// exerciseDetailJSON is one exercise with its host and participants expanded beside their ids.
type exerciseDetailJSON struct {
	ID             string            `json:"id"`
	Name           string            `json:"name"`
	Aliases        []string          `json:"aliases"`
	HostID         *string           `json:"host_id"`
	Host           *entityRefJSON    `json:"host"`
	ParticipantIDs []string          `json:"participant_ids"`
	Participants   []participantJSON `json:"participants"`
	Period         *periodJSON       `json:"period"`
	Purpose        *string           `json:"purpose"`
	ArticleIDs     []string          `json:"article_ids"`
	Mentions       []spanJSON        `json:"mentions"`
}

// newExerciseDetailJSON expands x's host and participants from entities. An id with no stored
// entity is not expanded: inventing a name or type for it would state a fact nobody extracted.
func newExerciseDetailJSON(x facts.StoredExercise, entities []facts.StoredEntity) exerciseDetailJSON {
	byID := make(map[string]facts.StoredEntity, len(entities))
	for _, e := range entities {
		byID[e.ID] = e
	}
	d := exerciseDetailJSON{
		ID:             x.ID,
		Name:           x.Name,
		Aliases:        nonNil(x.Aliases),
		HostID:         nullable(x.HostID),
		ParticipantIDs: nonNil(x.ParticipantIDs),
		Participants:   make([]participantJSON, 0, len(x.ParticipantIDs)),
		Period:         newPeriodJSON(x.Period),
		Purpose:        nullable(x.Purpose),
		ArticleIDs:     nonNil(x.ArticleIDs),
		Mentions:       mapSlice(x.Mentions, newSpanJSON),
	}
	if e, ok := byID[x.HostID]; ok {
		d.Host = &entityRefJSON{ID: e.ID, Name: e.Name}
	}
	for _, id := range x.ParticipantIDs {
		if e, ok := byID[id]; ok {
			d.Participants = append(d.Participants, participantJSON{ID: e.ID, Name: e.Name, Type: e.Type})
		}
	}
	return d
}

func handleExerciseList(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := parseQuery(r, "participant_id", "host_id", "year", "from", "to", "q", "limit", "cursor")
		f := facts.ExerciseFilter{
			ParticipantID: q.str("participant_id"),
			HostID:        q.str("host_id"),
			Year:          q.year("year"),
			From:          q.date("from"),
			To:            q.date("to"),
			Query:         q.str("q"),
			Page:          q.page(),
		}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		exercises, next, err := store.Exercises(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(exercises, newExerciseJSON), next)
	})
}

func handleExerciseGet(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "exercise")
		if err == nil {
			err = parseQuery(r).err()
		}
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		x, err := store.Exercise(r.Context(), id)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		ids := x.ParticipantIDs
		if x.HostID != "" {
			ids = append(ids[:len(ids):len(ids)], x.HostID)
		}
		var entities []facts.StoredEntity
		if len(ids) > 0 {
			if entities, err = store.EntitiesByID(r.Context(), ids); err != nil {
				writeError(logger, w, r, err)
				return
			}
		}
		encode(w, r, http.StatusOK, newExerciseDetailJSON(x, entities))
	})
}
