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

// reportJSON is one article's report of an exercise.
type reportJSON struct {
	ArticleID   string      `json:"article_id"`
	PublishedAt *facts.Date `json:"published_at"`
}

func newReportJSON(r *facts.Report) *reportJSON {
	if r == nil {
		return nil
	}
	return &reportJSON{ArticleID: r.ArticleID, PublishedAt: r.PublishedAt}
}

// exerciseJSON is an exercise in a list. Its size does not grow with the corpus: counts and the
// first and latest report stand for the articles and mentions, which have lists of their own
// (/v1/exercises/{id}/articles and /mentions), and its aliases and participants are counted,
// listed by the exercise read alone. With the first ten participant ids and the aliases, a
// page of 50 cost a third more CPU (server and PostgreSQL) than without: two arrays a row
// to slice, send, decode and write.
type exerciseJSON struct {
	ID               string      `json:"id"`
	Name             string      `json:"name"`
	AliasCount       int         `json:"alias_count"`
	HostID           *string     `json:"host_id"`
	ParticipantCount int         `json:"participant_count"`
	Period           *periodJSON `json:"period"`
	Purpose          *string     `json:"purpose"`
	ArticleCount     int         `json:"article_count"`
	MentionCount     int         `json:"mention_count"`
	FirstReport      *reportJSON `json:"first_report"`
	LatestReport     *reportJSON `json:"latest_report"`
}

func newExerciseJSON(x facts.StoredExercise) exerciseJSON {
	return exerciseJSON{
		ID:               x.ID,
		Name:             x.Name,
		AliasCount:       x.AliasCount,
		HostID:           nullable(x.HostID),
		ParticipantCount: x.ParticipantCount,
		Period:           newPeriodJSON(x.Period),
		Purpose:          nullable(x.Purpose),
		ArticleCount:     x.ArticleCount,
		MentionCount:     x.MentionCount,
		FirstReport:      newReportJSON(x.FirstReport),
		LatestReport:     newReportJSON(x.LatestReport),
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

// exerciseDetailJSON is one exercise with its aliases and participant ids, and its host and
// participants expanded beside their ids.
type exerciseDetailJSON struct {
	exerciseJSON
	Aliases        []string          `json:"aliases"`
	ParticipantIDs []string          `json:"participant_ids"`
	Host           *entityRefJSON    `json:"host"`
	Participants   []participantJSON `json:"participants"`
}

// newExerciseDetailJSON expands x's host and participants as the store found them. An id with
// no stored entity is not expanded: inventing a name or type for it would state a fact nobody
// extracted.
func newExerciseDetailJSON(x facts.StoredExercise) exerciseDetailJSON {
	d := exerciseDetailJSON{
		exerciseJSON:   newExerciseJSON(x),
		Aliases:        nonNil(x.Aliases),
		ParticipantIDs: nonNil(x.ParticipantIDs),
		Participants:   make([]participantJSON, 0, len(x.Participants)),
	}
	if x.Host != nil {
		d.Host = &entityRefJSON{ID: x.Host.ID, Name: x.Host.Name}
	}
	for _, p := range x.Participants {
		d.Participants = append(d.Participants, participantJSON{ID: p.ID, Name: p.Name, Type: p.Type})
	}
	return d
}

// exerciseMentionJSON is one place an article names an exercise.
type exerciseMentionJSON struct {
	ExerciseID string `json:"exercise_id"`
	ArticleID  string `json:"article_id"`
	Start      int    `json:"start"`
	End        int    `json:"end"`
	Text       string `json:"text"`
}

func newExerciseMentionJSON(m facts.ExerciseMention) exerciseMentionJSON {
	return exerciseMentionJSON{ExerciseID: m.ExerciseID, ArticleID: m.ArticleID, Start: m.Start, End: m.End, Text: m.Text}
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
		encode(w, r, http.StatusOK, newExerciseDetailJSON(x))
	})
}

func handleExerciseArticles(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "exercise")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "limit", "cursor")
		f := facts.ExerciseArticleFilter{ExerciseID: id, Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		articles, next, err := store.ExerciseArticles(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(articles, newArticleJSON), next)
	})
}

func handleExerciseMentions(logger *slog.Logger, store Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r, "exercise")
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		q := parseQuery(r, "limit", "cursor")
		f := facts.ExerciseMentionFilter{ExerciseID: id, Page: q.page()}
		if err := q.err(); err != nil {
			writeError(logger, w, r, err)
			return
		}
		mentions, next, err := store.ExerciseMentions(r.Context(), f)
		if err != nil {
			writeError(logger, w, r, err)
			return
		}
		writeList(w, r, mapSlice(mentions, newExerciseMentionJSON), next)
	})
}
