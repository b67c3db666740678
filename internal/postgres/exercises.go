package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// exerciseColumns are the columns exerciseRow scans for a merged exercise, from exercises x.
// Participants keep the order the earliest source gave, then the others' additions.
const exerciseColumns = `x.id, x.name, coalesce(x.host_id, ''), coalesce(x.purpose, ''),
	coalesce(x.period_text, ''), x.period_start, x.period_end,
	coalesce((SELECT array_agg(DISTINCT a.alias) FROM exercise_aliases a WHERE a.exercise_id = x.id AND a.alias <> x.name), '{}'),
	coalesce((SELECT array_agg(p.entity_id ORDER BY p.first) FROM (
		SELECT p.entity_id, min(array[coalesce(src.published_at, 'infinity')::text, p.article_id, lpad(p.position::text, 6, '0')]) AS first
		FROM exercise_participants p JOIN exercise_sources src USING (exercise_id, article_id)
		WHERE p.exercise_id = x.id GROUP BY p.entity_id) p), '{}'),
	coalesce((SELECT array_agg(m.start_pos ORDER BY m.article_id, m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = x.id), '{}'),
	coalesce((SELECT array_agg(m.end_pos ORDER BY m.article_id, m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = x.id), '{}'),
	coalesce((SELECT array_agg(m.text ORDER BY m.article_id, m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = x.id), '{}'),
	coalesce((SELECT array_agg(src.article_id ORDER BY src.published_at NULLS LAST, src.article_id) FROM exercise_sources src WHERE src.exercise_id = x.id), '{}')`

// exerciseSourceColumns scan the same shape from one article's exercise_sources s.
const exerciseSourceColumns = `s.exercise_id, s.name, coalesce(s.host_id, ''), coalesce(s.purpose, ''),
	coalesce(s.period_text, ''), s.period_start, s.period_end,
	coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM exercise_aliases a WHERE a.exercise_id = s.exercise_id AND a.article_id = s.article_id AND a.alias <> s.name), '{}'),
	coalesce((SELECT array_agg(p.entity_id ORDER BY p.position) FROM exercise_participants p WHERE p.exercise_id = s.exercise_id AND p.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.start_pos ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.end_pos ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.text ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}'),
	array[s.article_id]`

type exerciseRow struct {
	ID, Name, HostID, Purpose, PeriodText string
	PeriodStart, PeriodEnd                pgtype.Date
	Aliases, ParticipantIDs               []string
	Starts, Ends                          []int32
	Texts, ArticleIDs                     []string
}

func (r exerciseRow) exercise() facts.StoredExercise {
	x := facts.StoredExercise{
		Exercise: facts.Exercise{
			ID: r.ID, Name: r.Name, Aliases: r.Aliases, HostID: r.HostID, ParticipantIDs: r.ParticipantIDs,
			Purpose: r.Purpose, Mentions: make([]facts.Span, len(r.Starts)),
		},
		ArticleIDs: r.ArticleIDs,
	}
	for i := range r.Starts {
		x.Mentions[i] = facts.Span{Start: int(r.Starts[i]), End: int(r.Ends[i]), Text: r.Texts[i]}
	}
	if start, end := factsDate(r.PeriodStart), factsDate(r.PeriodEnd); start != nil && end != nil {
		x.Period = &facts.Period{Text: r.PeriodText, Start: *start, End: *end}
	}
	return x
}

// Exercise returns one exercise merged across the articles that report it.
func (s *Store) Exercise(ctx context.Context, id string) (facts.StoredExercise, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+exerciseColumns+` FROM exercises x WHERE x.id = $1`, id)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[exerciseRow])
	if err != nil {
		return facts.StoredExercise{}, wrap(err, "select exercise %q", id)
	} else if len(list) == 0 {
		return facts.StoredExercise{}, facts.Errorf(facts.ENOTFOUND, "exercise %q not found", id)
	}
	return list[0].exercise(), nil
}

// Exercises returns one page of exercises, latest start first (unknown periods last), then by id.
func (s *Store) Exercises(ctx context.Context, f facts.ExerciseFilter) ([]facts.StoredExercise, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	if f.ParticipantID != "" {
		w.add("x.id IN (SELECT p.exercise_id FROM exercise_participants p WHERE p.entity_id = %s)", f.ParticipantID)
	}
	if f.HostID != "" {
		w.add("x.host_id = %s", f.HostID)
	}
	if f.Year != 0 {
		if f.Year < 1 || f.Year > 9999 {
			return nil, "", facts.ParamErrorf("year", "year must be 1..9999, got %d", f.Year)
		}
		w.add("x.period_start <= make_date(%s::int, 12, 31) AND x.period_end >= make_date(%s::int, 1, 1)", f.Year, f.Year)
	}
	if f.Query != "" {
		q := fold(f.Query)
		if q == "" {
			return nil, "", facts.ParamErrorf("q", "q must contain a letter or digit, got %q", f.Query)
		}
		w.add("x.id IN (SELECT a.exercise_id FROM exercise_aliases a WHERE a.folded LIKE '%%' || %s || '%%' OR %s <%% a.folded)", q, q)
	}
	if f.Cursor != "" {
		c, err := decodeCursorOf(f.Cursor, curDate, curText)
		if err != nil {
			return nil, "", err
		}
		w.add("(coalesce(x.period_start, '-infinity'::date), x.id) < (%s::date, %s)", c[0], c[1])
	}
	q := `SELECT ` + exerciseColumns + ` FROM exercises x ` + w.String() +
		` ORDER BY coalesce(x.period_start, '-infinity'::date) DESC, x.id DESC LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[exerciseRow])
	if err != nil {
		return nil, "", wrap(err, "list exercises")
	}
	out := make([]facts.StoredExercise, 0, min(len(list), limit))
	for _, r := range list[:min(len(list), limit)] {
		out = append(out, r.exercise())
	}
	next := ""
	if len(list) > limit {
		last := out[limit-1]
		var start *facts.Date
		if last.Period != nil {
			start = &last.Period.Start
		}
		next = encodeCursor(dateKey(start, "-infinity"), last.ID)
	}
	return out, next, nil
}
