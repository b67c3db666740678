package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// exerciseColumns are the columns exerciseRow scans for a merged exercise, from exercises x:
// all kept on the row as articles are saved (migrations 000006, 000010), so reading one costs the same
// whatever the number of articles that report it.
var exerciseColumns = exerciseColumnsWith(`x.aliases`, `x.participant_ids`)

// exerciseListColumns are exerciseColumns without the aliases and participant ids, which an
// exercise in a list does not carry: NULL in their place, which PostgreSQL sends as a length
// alone. The two arrays were a third of PostgreSQL's time on a participant's page of 50
// (about 0.8 µs an array to slice and send, whatever its length).
var exerciseListColumns = exerciseColumnsWith(`NULL::text[]`, `NULL::text[]`)

func exerciseColumnsWith(aliases, participantIDs string) string {
	return `x.id, x.name, coalesce(x.host_id, ''), coalesce(x.purpose, ''),
	coalesce(x.period_text, ''), x.period_start, x.period_end, ` + aliases + `, ` + participantIDs + `,
	x.alias_count, x.participant_count, x.article_count, x.mention_count,
	coalesce(x.first_article_id, ''), x.first_published_at, coalesce(x.latest_article_id, ''), x.latest_published_at`
}

type exerciseRow struct {
	ID, Name, HostID, Purpose, PeriodText                    string
	PeriodStart, PeriodEnd                                   pgtype.Date
	Aliases, ParticipantIDs                                  []string
	AliasCount, ParticipantCount, ArticleCount, MentionCount int
	FirstArticleID                                           string
	FirstPublishedAt                                         pgtype.Date
	LatestArticleID                                          string
	LatestPublishedAt                                        pgtype.Date
}

func (r *exerciseRow) dest() []any {
	return []any{&r.ID, &r.Name, &r.HostID, &r.Purpose, &r.PeriodText, &r.PeriodStart, &r.PeriodEnd,
		nil, nil, // the aliases and participant ids: decode
		&r.AliasCount, &r.ParticipantCount, &r.ArticleCount, &r.MentionCount, &r.FirstArticleID, &r.FirstPublishedAt, &r.LatestArticleID, &r.LatestPublishedAt}
}

// decode decodes the aliases and participant ids, the nils of dest.
func (r *exerciseRow) decode(raw [][]byte) (err error) {
	if r.Aliases, err = decodeTextArray(raw[0]); err != nil {
		return err
	}
	r.ParticipantIDs, err = decodeTextArray(raw[1])
	return err
}

func (r exerciseRow) exercise() facts.StoredExercise {
	x := facts.StoredExercise{
		Exercise: facts.Exercise{
			ID: r.ID, Name: r.Name, Aliases: r.Aliases, HostID: r.HostID, ParticipantIDs: r.ParticipantIDs,
			Purpose: r.Purpose, Mentions: []facts.Span{},
		},
		AliasCount: r.AliasCount, ParticipantCount: r.ParticipantCount,
		ArticleCount: r.ArticleCount, MentionCount: r.MentionCount,
	}
	if start, end := factsDate(r.PeriodStart), factsDate(r.PeriodEnd); start != nil && end != nil {
		x.Period = &facts.Period{Text: r.PeriodText, Start: *start, End: *end}
	}
	if r.FirstArticleID != "" {
		x.FirstReport = &facts.Report{ArticleID: r.FirstArticleID, PublishedAt: factsDate(r.FirstPublishedAt)}
	}
	if r.LatestArticleID != "" {
		x.LatestReport = &facts.Report{ArticleID: r.LatestArticleID, PublishedAt: factsDate(r.LatestPublishedAt)}
	}
	return x
}

// exerciseSourceColumns scan the same shape from one article's exercise_sources s.
const exerciseSourceColumns = `s.exercise_id, s.name, coalesce(s.host_id, ''), coalesce(s.purpose, ''),
	coalesce(s.period_text, ''), s.period_start, s.period_end,
	coalesce((SELECT array_agg(a.alias ORDER BY a.alias) FROM exercise_aliases a WHERE a.exercise_id = s.exercise_id AND a.article_id = s.article_id AND a.alias <> s.name), '{}'),
	coalesce((SELECT array_agg(p.entity_id ORDER BY p.position) FROM exercise_participants p WHERE p.exercise_id = s.exercise_id AND p.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.start_pos ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.end_pos ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}'),
	coalesce((SELECT array_agg(m.text ORDER BY m.start_pos, m.end_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id), '{}')`

// exerciseSourceRow is one article's account of an exercise: bounded by the article.
type exerciseSourceRow struct {
	ID, Name, HostID, Purpose, PeriodText string
	PeriodStart, PeriodEnd                pgtype.Date
	Aliases, ParticipantIDs               []string
	Starts, Ends                          []int32
	Texts                                 []string
}

func (r exerciseSourceRow) exercise() facts.Exercise {
	x := facts.Exercise{
		ID: r.ID, Name: r.Name, Aliases: r.Aliases, HostID: r.HostID, ParticipantIDs: r.ParticipantIDs,
		Purpose: r.Purpose, Mentions: make([]facts.Span, len(r.Starts)),
	}
	for i := range r.Starts {
		x.Mentions[i] = facts.Span{Start: int(r.Starts[i]), End: int(r.Ends[i]), Text: r.Texts[i]}
	}
	if start, end := factsDate(r.PeriodStart), factsDate(r.PeriodEnd); start != nil && end != nil {
		x.Period = &facts.Period{Text: r.PeriodText, Start: *start, End: *end}
	}
	return x
}

// Exercise returns one exercise merged across the articles that report it, its host and
// participants expanded from the stored entities in the same query: one round trip.
func (s *Store) Exercise(ctx context.Context, id string) (facts.StoredExercise, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+exerciseColumns+`, coalesce(h.name, ''), coalesce(h.type, ''),
			coalesce(p.ids, '{}'), coalesce(p.names, '{}'), coalesce(p.types, '{}')
		FROM exercises x
		LEFT JOIN entities h ON h.id = x.host_id
		LEFT JOIN LATERAL (
			SELECT array_agg(e.id ORDER BY u.i) AS ids, array_agg(e.name ORDER BY u.i) AS names, array_agg(e.type ORDER BY u.i) AS types
			FROM unnest(x.participant_ids) WITH ORDINALITY AS u(id, i) JOIN entities e ON e.id = u.id) p ON true
		WHERE x.id = $1`, id)
	list, err := collect[exerciseDetailRow](rows, 1)
	if err != nil {
		return facts.StoredExercise{}, wrap(err, "select exercise %q", id)
	} else if len(list) == 0 {
		return facts.StoredExercise{}, facts.Errorf(facts.ENOTFOUND, "exercise %q not found", id)
	}
	return list[0].exercise(), nil
}

// exerciseDetailRow is an exerciseRow with its host and participants expanded.
type exerciseDetailRow struct {
	exerciseRow
	HostName, HostType   string
	PIDs, PNames, PTypes []string
}

func (r *exerciseDetailRow) dest() []any {
	return append(r.exerciseRow.dest(), &r.HostName, &r.HostType, &r.PIDs, &r.PNames, &r.PTypes)
}

func (r exerciseDetailRow) exercise() facts.StoredExercise {
	x := r.exerciseRow.exercise()
	if r.HostName != "" {
		x.Host = &facts.EntityRef{ID: r.HostID, Name: r.HostName, Type: facts.EntityType(r.HostType)}
	}
	x.Participants = make([]facts.EntityRef, len(r.PIDs))
	for i := range r.PIDs {
		x.Participants[i] = facts.EntityRef{ID: r.PIDs[i], Name: r.PNames[i], Type: facts.EntityType(r.PTypes[i])}
	}
	return x
}

// Exercises returns one page of exercises, latest start first (unknown periods last), then by
// id, without their aliases and participant ids (counted in AliasCount and ParticipantCount).
func (s *Store) Exercises(ctx context.Context, f facts.ExerciseFilter) ([]facts.StoredExercise, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	// The list key, coalesce(period_start, '-infinity'), and id: walked backwards through
	// exercises_list_idx, or exercises_host_idx for a host. A participant's exercises are
	// walked through exercise_members_list_idx, whose list_key is the same key kept on the
	// membership row, so that the walk stops at the end of the page whoever takes part.
	from, key, id := `exercises x`, `coalesce(x.period_start, '-infinity'::date)`, `x.id`
	if f.ParticipantID != "" {
		from, key, id = `exercise_members p JOIN exercises x ON x.id = p.exercise_id`, `p.list_key`, `p.exercise_id`
		w.add("p.entity_id = %s", f.ParticipantID)
	}
	if f.HostID != "" {
		w.add("x.host_id = %s", f.HostID)
	}
	if f.Year != 0 {
		if f.Year < 1 || f.Year > 9999 {
			return nil, "", facts.ParamErrorf("year", "year must be 1..9999, got %d", f.Year)
		}
		// The first condition bounds the index walk from above; the walk goes on through the
		// earlier starts, which end before the year once their period is past.
		w.add(key+" <= make_date(%s::int, 12, 31) AND x.period_end >= make_date(%s::int, 1, 1)", f.Year, f.Year)
	}
	// Period overlap; exercises without a known period never overlap a bound.
	if f.From != nil {
		w.add("x.period_end >= %s", pgDate(f.From))
	}
	if f.To != nil {
		w.add("x.period_start <= %s", pgDate(f.To))
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
		w.add("("+key+", "+id+") < (%s::date, %s)", c[0], c[1])
	}
	q := `SELECT ` + exerciseListColumns + ` FROM ` + from + ` ` + w.String() +
		` ORDER BY ` + key + ` DESC, ` + id + ` DESC LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	list, err := collect[exerciseRow](rows, limit+1)
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

// exerciseExists returns ENOTFOUND when id names no exercise.
func (s *Store) exerciseExists(ctx context.Context, id string) error {
	var ok bool
	if err := s.db.QueryRow(ctx, `SELECT EXISTS (SELECT FROM exercises WHERE id = $1)`, id).Scan(&ok); err != nil {
		return wrap(err, "select exercise %q", id)
	} else if !ok {
		return facts.Errorf(facts.ENOTFOUND, "exercise %q not found", id)
	}
	return nil
}

// ExerciseArticles returns one page of the articles that report an exercise, in report order
// (published date, unknown last, then id), without their bodies, walked through
// exercise_sources_report_idx, index only (000014). An unknown exercise is ENOTFOUND.
func (s *Store) ExerciseArticles(ctx context.Context, f facts.ExerciseArticleFilter) ([]facts.Article, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("src.exercise_id = %s", f.ExerciseID)
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, 3)
		if err != nil {
			return nil, "", err
		}
		if c[0] != "report" {
			return nil, "", facts.ParamErrorf("cursor", "cursor %q is not one this server issued: start again without it", truncate(f.Cursor, 40))
		}
		w.add("(coalesce(src.published_at, 'infinity'::date), src.article_id) > (%s::date, %s)", c[1], c[2])
	}
	q := `SELECT ` + sprintf(articleColumns, "''") + ` FROM articles WHERE id IN (SELECT src.article_id FROM exercise_sources src ` + w.String() +
		` ORDER BY coalesce(src.published_at, 'infinity'::date), src.article_id LIMIT ` + itoa(limit+1) + `)
		ORDER BY coalesce(published_at, 'infinity'::date), id`
	rows, _ := s.db.Query(ctx, q, w.args...)
	list, err := collect[articleRow](rows, limit+1)
	if err != nil {
		return nil, "", wrap(err, "list articles of exercise %q", f.ExerciseID)
	}
	if len(list) == 0 && f.Cursor == "" {
		return []facts.Article{}, "", s.exerciseExists(ctx, f.ExerciseID)
	}
	out := make([]facts.Article, 0, min(len(list), limit))
	for _, r := range list[:min(len(list), limit)] {
		out = append(out, r.article())
	}
	next := ""
	if len(list) > limit {
		last := out[limit-1]
		next = encodeCursor("report", dateKey(last.PublishedAt, "infinity"), last.ID)
	}
	return out, next, nil
}

// ExerciseMentions returns one page of the spans that name an exercise, by article id and then
// by position, walked through exercise_mentions' primary key, index only (000014). An unknown
// exercise is ENOTFOUND.
func (s *Store) ExerciseMentions(ctx context.Context, f facts.ExerciseMentionFilter) ([]facts.ExerciseMention, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	w.add("m.exercise_id = %s", f.ExerciseID)
	if f.Cursor != "" {
		c, err := decodeCursor(f.Cursor, 4)
		if err != nil {
			return nil, "", err
		}
		if c[0] != "xmention" {
			return nil, "", facts.ParamErrorf("cursor", "cursor %q is not one this server issued: start again without it", truncate(f.Cursor, 40))
		}
		w.add("(m.article_id, m.start_pos, m.end_pos) > (%s, %s::int, %s::int)", c[1], c[2], c[3])
	}
	q := `SELECT m.exercise_id, m.article_id, m.start_pos, m.end_pos, m.text FROM exercise_mentions m ` + w.String() +
		` ORDER BY m.article_id, m.start_pos, m.end_pos LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	out := make([]facts.ExerciseMention, 0, limit+1)
	var m facts.ExerciseMention
	_, err = pgx.ForEachRow(rows, []any{&m.ExerciseID, &m.ArticleID, &m.Start, &m.End, &m.Text}, func() error {
		out = append(out, m)
		return nil
	})
	if err != nil {
		return nil, "", wrap(err, "list mentions of exercise %q", f.ExerciseID)
	}
	if len(out) == 0 {
		if f.Cursor == "" {
			if err := s.exerciseExists(ctx, f.ExerciseID); err != nil {
				return nil, "", err
			}
		}
		return []facts.ExerciseMention{}, "", nil
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1]
		next = encodeCursor("xmention", last.ArticleID, itoa(last.Start), itoa(last.End))
	}
	return out, next, nil
}
