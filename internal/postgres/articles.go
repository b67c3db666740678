package postgres

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// articleColumns are the columns articleRow scans; body is replaced in lists, which do not show it.
// A missing url or source is read as "", which is what facts.Article holds for it: scanned into
// a *string, pgx went through reflection for each of them, a twentieth of the server's CPU on
// a page of 50 articles.
const articleColumns = `id, coalesce(url, ''), sha256, title, coalesce(source, ''), published_at, %s, extractor_version,
	ingested_at, updated_at, entity_count, statement_count, exercise_count`

type articleRow struct {
	ID               string
	URL              string
	SHA256           string
	Title            string
	Source           string
	PublishedAt      pgtype.Date
	Body             string
	ExtractorVersion int
	IngestedAt       time.Time
	UpdatedAt        time.Time
	EntityCount      int
	StatementCount   int
	ExerciseCount    int
}

func (r *articleRow) dest() []any {
	return []any{&r.ID, &r.URL, &r.SHA256, &r.Title, &r.Source, &r.PublishedAt, &r.Body, &r.ExtractorVersion,
		&r.IngestedAt, &r.UpdatedAt, &r.EntityCount, &r.StatementCount, &r.ExerciseCount}
}

func (r articleRow) article() facts.Article {
	return facts.Article{
		ID: r.ID,
		ArticleMeta: facts.ArticleMeta{
			Title: r.Title, URL: r.URL, Source: r.Source, PublishedAt: factsDate(r.PublishedAt),
		},
		SHA256: r.SHA256, Body: r.Body, ExtractorVersion: r.ExtractorVersion,
		IngestedAt: r.IngestedAt, UpdatedAt: r.UpdatedAt,
		EntityCount: r.EntityCount, StatementCount: r.StatementCount, ExerciseCount: r.ExerciseCount,
	}
}

// Article returns one article with its body.
func (s *Store) Article(ctx context.Context, id string) (facts.Article, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+sprintf(articleColumns, "body")+` FROM articles WHERE id = $1`, id)
	r, err := pgx.CollectOneRow(rows, pgx.RowToStructByPos[articleRow])
	if errors.Is(err, pgx.ErrNoRows) {
		return facts.Article{}, facts.Errorf(facts.ENOTFOUND, "article %q not found", id)
	} else if err != nil {
		return facts.Article{}, wrap(err, "select article %q", id)
	}
	return r.article(), nil
}

// Articles returns one page of articles, newest published first (unknown dates last), then by
// id. Bodies are left out: a list is for choosing, Article is for reading.
func (s *Store) Articles(ctx context.Context, f facts.ArticleFilter) ([]facts.Article, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w, dw where // dw: the same bounds on the day of a search (searchDays)
	// Date bounds on the list key itself, so that the walk of articles_published_idx starts and
	// stops at them; on published_at it read every later article and dropped it.
	if f.PublishedAfter != nil {
		w.add("coalesce(published_at, '-infinity'::date) >= %s", pgDate(f.PublishedAfter))
		dw.add("d.day >= %s::date", pgDate(f.PublishedAfter))
	}
	if f.PublishedBefore != nil {
		// A row comparison, as newestMatchDay's bound in searchWindow: a plain "<=" paired with
		// published_after made a range the generic plan of a search judged too narrow to walk.
		w.add("(coalesce(published_at, '-infinity'::date), id) < (%s::date + 1, '') AND published_at IS NOT NULL", pgDate(f.PublishedBefore))
		dw.add("d.day <= %s::date", pgDate(f.PublishedBefore))
	}
	if f.Cursor != "" {
		c, err := decodeCursorOf(f.Cursor, curDate, curText)
		if err != nil {
			return nil, "", err
		}
		articlesAfter(&w, &dw, c[0], c[1])
	}
	const order = ` ORDER BY coalesce(published_at, '-infinity'::date) DESC, id DESC`
	if f.Query != "" {
		list, done, err := searchWindow[articleRow](ctx, s.db, `articles`, `articles`, sprintf(articleColumns, "''"),
			`coalesce(published_at, '-infinity'::date)`, `search`, `article_search_days`, w, f.Query, limit)
		if err != nil {
			return nil, "", wrap(err, "list articles")
		}
		if !done && len(list) > 0 {
			// The window held some matches but not a page: the rest lies after the last of
			// them, where the next page would start. From the top again, a word in one article
			// of 26 read and tested the window's days a second time, round after round.
			last := list[len(list)-1]
			day := "-infinity"
			if last.PublishedAt.Valid {
				day = dateLiteral(last.PublishedAt)
			}
			w = where{conds: slices.Clone(w.conds), args: slices.Clone(w.args)}
			dw = where{conds: slices.Clone(dw.conds), args: slices.Clone(dw.args)}
			articlesAfter(&w, &dw, day, last.ID)
		}
		var more []articleRow
		if !done {
			more, done, err = searchDays[articleRow](ctx, s.db, `articles`, `articles`, sprintf(articleColumns, "''"),
				`coalesce(published_at, '-infinity'::date)`, `search`, `article_search_days`, w, dw, f.Query, limit-len(list), len(list) > 0)
			if err != nil {
				return nil, "", wrap(err, "list articles")
			}
		}
		if !done {
			w.add("search @@ websearch_to_tsquery('english', %s)", f.Query)
			more, err = searchAll[articleRow](ctx, s.db, `articles`, `articles`, sprintf(articleColumns, "''"),
				`coalesce(published_at, '-infinity'::date)`, w, limit-len(list))
			if err != nil {
				return nil, "", wrap(err, "list articles")
			}
		}
		list = append(list, more...)
		return articlePage(list, limit)
	}
	q := `SELECT ` + sprintf(articleColumns, "''") + ` FROM articles ` + w.String() + order + ` LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	list, err := collect[articleRow](rows, limit+1)
	if err != nil {
		return nil, "", wrap(err, "list articles")
	}
	return articlePage(list, limit)
}

// articlesAfter keeps, in w, the articles after (day, id) in list order, and in dw (the days
// a search probes) the days that can hold them: a cursor's page, or a search going on past the
// last match its window found.
func articlesAfter(w, dw *where, day, id any) {
	w.add("(coalesce(published_at, '-infinity'::date), id) < (%s::date, %s)", day, id)
	dw.add("d.day <= %s::date", day)
}

// articlePage cuts a list read with LIMIT limit+1 to one page and its next cursor.
func articlePage(list []articleRow, limit int) ([]facts.Article, string, error) {
	out := make([]facts.Article, 0, min(len(list), limit))
	for _, r := range list[:min(len(list), limit)] {
		out = append(out, r.article())
	}
	next := ""
	if len(list) > limit {
		last := out[limit-1]
		next = encodeCursor(dateKey(last.PublishedAt, "-infinity"), last.ID)
	}
	return out, next, nil
}

// searchWindow is the first of the two steps of a full-text search in list order: it tests
// the query only on the next searchWindowRows(limit) rows of the list (past the cursor, within
// the other conditions w), walked through the list's index. A common word fills the page there
// and the search ends having read a few hundred rows, however many articles hold the word; done
// says so. Otherwise the caller runs the search through the GIN index, which reads every
// match: a word rarer than one row in twenty, so at most a twentieth of the table. Without
// the window the planner, which misjudges how common a word or a pair of words is, sorted
// every match of "exercise navy" (half the corpus) to show twenty. Each test reads the row's
// own search vector: out of line, in the toast table, a window of 330 rows read 1,326 buffers
// for "latvian" at 100,000 articles, 88 since migration 000017 keeps it in the row.
//
// days, when not "", is the table of the days on which each lexeme occurs (searchDays): the
// window then starts at the newest day that can hold a match (newestMatchDay), and is empty at
// once when a word the query requires occurs on no day. Without it, a word no article holds
// had the newest 420 articles fetched and their search vectors tested: 1 ms of PostgreSQL's
// time, p99 59–66 ms at 100,000 articles against 18–23 ms for a common word.
//
// The query is read into a tsquery once, in a subquery: given the words as a constant, the
// planner estimated how many rows each word matches and so planned the statement afresh at
// every run (a custom plan: its estimate beat the generic plan's); now every word looks
// alike and the plan is made once per connection. That saves a third of PostgreSQL's time
// on a common word, which pays for newestMatchDay's probes.
func searchWindow[T any, PT scanner[T]](ctx context.Context, db DBTX, table, alias, cols, key, column, days string, w where, query string, limit int) ([]T, bool, error) {
	ph := w.arg(query)
	inner := w.conds
	if days != "" {
		// As a row comparison, like the cursor's: written "key <= day", the planner paired it
		// with a published_after bound into one range whose width it cannot know, guessed that
		// range held 0.5% of the rows, and read and sorted all of them instead of walking the
		// index (19,600 of 20,000 in TestQueryPlans).
		inner = append(inner[:len(inner):len(inner)], `(`+key+`, `+alias+`.id) < (`+newestMatchDay(days, ph)+` + 1, '')`)
	}
	// The outer ORDER BY names the window's own output columns, so the planner sees that the
	// window already comes in that order and stops reading it at the page's end; on the
	// expressions themselves it sorted the whole window first.
	q := `SELECT ` + cols + ` FROM (SELECT *, ` + key + ` AS list_key FROM ` + table + ` AS ` + alias + ` ` + (&where{conds: inner}).String() +
		` ORDER BY ` + key + ` DESC, ` + alias + `.id DESC LIMIT ` + itoa(searchWindowRows(limit)) + `) AS ` + alias + `
		WHERE ` + column + ` @@ (SELECT websearch_to_tsquery('english', ` + ph + `))
		ORDER BY ` + alias + `.list_key DESC, ` + alias + `.id DESC LIMIT ` + itoa(limit+1)
	rows, _ := db.Query(ctx, q, w.args...)
	list, err := collect[T, PT](rows, limit+1)
	if err != nil {
		return nil, false, err
	}
	return list, len(list) > limit, nil
}

// newestMatchDay is an expression for the newest day on which every word that the search
// query (placeholder q) requires occurs, by the days table, or a later day: the earliest of
// each word's newest day. It is NULL when a required word occurs on no day, so that no row
// passes a comparison with it, and infinity when the query requires no word. The words are
// requiredLexemes's, read from querytree's text by the same rule (an OR requires none; a
// quote inside a lexeme is written twice, as is a backslash). Each word costs one descent of
// the days table's primary key, once per query (an InitPlan): 35–45 µs of PostgreSQL's time
// in all. Asked in a round trip of its own before the window, the same question took
// common-word searches from 4,501 to 2,712 req/s (seventh session).
func newestMatchDay(days, q string) string {
	return `(SELECT CASE WHEN count(*) = 0 THEN 'infinity'::date WHEN bool_and(n.day IS NOT NULL) THEN min(n.day) END
		FROM (SELECT querytree(websearch_to_tsquery('english', ` + q + `))::text AS tree) AS t,
			regexp_matches(t.tree, '''((?:[^'']|'''')*)''', 'g') AS m,
			LATERAL (SELECT max(d.day) AS day FROM ` + days + ` AS d
				WHERE d.lexeme_hash = hashtext(regexp_replace(m[1], '([''\\])\1', '\1', 'g'))) AS n
		WHERE strpos(t.tree, '|') = 0)`
}

// searchAll is the second step of a search: every match, found through the GIN index (w holds
// the @@ condition), sorted, and the page's rows read. The matches are gathered first
// (MATERIALIZED) so that the planner cannot walk the list's index instead and test row after
// row: it judges a word by its overall frequency, and a word missing from the newest rows,
// which is why the window missed it, made that walk read most of the table ("minister": 2.5%
// of 1.1 million statements, none among the newest 186,000, 0.5 s).
func searchAll[T any, PT scanner[T]](ctx context.Context, db DBTX, table, alias, cols, key string, w where, limit int) ([]T, error) {
	q := `WITH hits AS MATERIALIZED (SELECT ` + alias + `.id AS hit_id, ` + key + ` AS hit_key FROM ` + table + ` AS ` + alias + ` ` + w.String() + `)
		SELECT ` + cols + ` FROM (SELECT hit_id, hit_key FROM hits ORDER BY hit_key DESC, hit_id DESC LIMIT ` + itoa(limit+1) + `) AS h
		JOIN ` + table + ` AS ` + alias + ` ON ` + alias + `.id = h.hit_id
		ORDER BY h.hit_key DESC, h.hit_id DESC`
	rows, _ := db.Query(ctx, q, w.args...)
	return collect[T, PT](rows, limit+1)
}

// searchDays is the second step of a search whose window missed. days is the table of the
// days (list keys) on which each lexeme occurs (migration 000009), keyed by the lexeme's
// hashtext (000015); dw holds the bounds on the
// day that the list's conditions imply (d.day <= the cursor's, >= a lower date bound). It
// reads there the newest day on which every word the query requires occurs, runs the search
// on that day's rows alone, and goes on with twice as many days each round until the page is
// full or no day is left. So a word common overall but missing from the newest rows costs a
// few probes of the primary key and the rows of the days that hold it, not every match of the
// word. ok is false when the query requires no word (an OR, only negations, only stop
// words): the caller then runs searchAll.
//
// test says that the window held matches, so the query matches at least one row in
// searchWindowRows: the days' rows are then read through the list's index and each tested,
// never through the GIN index, whose bitmap costs about 0.15 µs per article holding the
// word (0.6 ms for "islamabad", 3,843 articles) and grows with the corpus; a round costs the
// rows of its days instead, about 34 a day at 100,000 articles over eight years, and a
// one-word query needs at most one day per missing match. Without matches in the window the
// planner chooses, as a rare word's posting list is short.
func searchDays[T any, PT scanner[T]](ctx context.Context, db DBTX, table, alias, cols, key, column, days string, w, dw where, query string, limit int, test bool) (list []T, ok bool, err error) {
	words, ok, err := queryLexemes(ctx, db, query)
	if err != nil || !ok {
		return nil, false, err
	}
	nw := len(w.conds) // the conditions before the query's
	w.add(column+" @@ websearch_to_tsquery('english', %s)", query)
	first, rest := dw.arg(words[0]), ""
	if len(words) > 1 {
		rest = dw.arg(words[1:])
	}
	// The walk of the first word's days starts at the earliest of the other words' newest
	// days, and reads nothing when one of them occurs on no day: from its own newest day,
	// "troops zeppelin" probed every day of "troops" for "zeppelin".
	if len(words) > 1 {
		dw.conds = append(dw.conds[:len(dw.conds):len(dw.conds)], `d.day <= (SELECT CASE WHEN bool_and(n.day IS NOT NULL) THEN min(n.day) END
			FROM unnest(`+rest+`::text[]) AS r, LATERAL (SELECT max(x.day) AS day FROM `+days+` x WHERE x.lexeme_hash = hashtext(r)) AS n)`)
	}
	// Rounds are few: the first takes one day more than matches are missing (each day of a
	// one-word query holds a match, but the first may hold only matches past the cursor),
	// the next as many days as the last round's yield says are needed, twice over
	// (nextDayBatch). Starting at one day and doubling, "islamabad" (one article in 26) took
	// three rounds after the window, "tokyo latvian" (two words of one article in 25 and 17,
	// rarely together) twelve, each reading both words' whole GIN posting lists: 54 ms of
	// PostgreSQL's time, now 12 ms.
	for batch := limit + 2; len(list) <= limit; {
		q := `SELECT d.day FROM ` + days + ` d WHERE d.lexeme_hash = hashtext(` + first + `)`
		for _, c := range dw.conds {
			q += ` AND ` + c
		}
		// The other words, probed day by day (a NOT EXISTS was planned as a hash of the table),
		// by their distinct hashes: two words of one hash are one row of a day. The count cannot
		// exceed theirs: ">=" is "=" whose selectivity the planner guesses at a third, not
		// 0.5%, so that it walks the first word's days newest first and stops at the batch
		// rather than read and sort all of them (6.5 ms for "tokyo latvian"). Only when there
		// are others: the planner, which cannot tell that the test holds on every day, then
		// expected a few days and read all of the word's days to sort them (3.5 ms for eight
		// days of "islamabad").
		if len(words) > 1 {
			q += ` AND (SELECT count(*) FROM ` + days + ` x WHERE x.lexeme_hash = ANY(ARRAY(SELECT DISTINCT hashtext(r) FROM unnest(` + rest + `::text[]) AS r))
				AND x.day = d.day) >= (SELECT count(DISTINCT hashtext(r)) FROM unnest(` + rest + `::text[]) AS r)`
		}
		q += ` ORDER BY d.day DESC LIMIT ` + itoa(batch)
		rows, _ := db.Query(ctx, q, dw.args...)
		found, err := pgx.CollectRows(rows, pgx.RowTo[pgtype.Date])
		if err != nil {
			return nil, false, err
		}
		if len(found) == 0 {
			break
		}
		// The rows of those days that match, in list order. The days are written into the
		// statement and it is planned for its values (QueryExecModeExec): a plan cached for
		// any days and any query read the whole GIN posting list of the word at each round
		// (50,000 entries for "navy" at 100,000 articles) to intersect it with the days' rows.
		lits := make([]string, len(found))
		for i, d := range found {
			lits[i] = dateLiteral(d)
		}
		dayw := where{conds: append([]string(nil), w.conds...), args: append([]any{pgx.QueryExecModeExec}, w.args...)}
		dayw.conds = append(dayw.conds, key+` = ANY('{`+strings.Join(lits, ",")+`}'::date[])`)
		sel := `SELECT ` + cols + ` FROM ` + table + ` AS ` + alias + ` ` + dayw.String()
		if test {
			// The days' rows, each tested: the query's condition outside a subquery that the
			// planner keeps apart (OFFSET 0), so that it cannot reach the GIN index.
			match := dayw.conds[nw]
			dayw.conds = slices.Delete(dayw.conds, nw, nw+1)
			sel = `SELECT ` + cols + ` FROM (SELECT * FROM ` + table + ` AS ` + alias + ` ` + dayw.String() + ` OFFSET 0) AS ` + alias + ` WHERE ` + match
		}
		rows, _ = db.Query(ctx, sel+` ORDER BY `+key+` DESC, `+alias+`.id DESC LIMIT `+itoa(limit+1-len(list)), dayw.args...)
		more, err := collect[T, PT](rows, limit+1-len(list))
		if err != nil {
			return nil, false, err
		}
		list = append(list, more...)
		if len(found) < batch {
			break
		}
		dw.add("d.day < %s::date", found[len(found)-1])
		batch = nextDayBatch(batch, len(more), limit+1-len(list))
	}
	return list, true, nil
}

// nextDayBatch is how many days the next round of searchDays takes, after a round of days
// days yielded got matches with need still missing: enough at this round's yield, twice
// over; eight times as many days when the round yielded none. At most maxDayBatch, so that
// the list of days written into the statement stays short to plan.
func nextDayBatch(days, got, need int) int {
	n := days * 8
	if got > 0 {
		n = max(need, 2*need*days/got)
	}
	return min(n, maxDayBatch)
}

// maxDayBatch bounds the days of one round of searchDays.
const maxDayBatch = 1024

// dateLiteral writes a date as PostgreSQL reads it: YYYY-MM-DD, infinity or -infinity.
func dateLiteral(d pgtype.Date) string {
	switch d.InfinityModifier {
	case pgtype.Infinity:
		return "infinity"
	case pgtype.NegativeInfinity:
		return "-infinity"
	}
	return d.Time.Format(time.DateOnly)
}

// queryLexemes returns the lexemes that every match of a search query holds; ok is false when
// the query requires none (an OR, only negations, only stop words).
func queryLexemes(ctx context.Context, db DBTX, query string) (words []string, ok bool, err error) {
	var tree string
	if err := db.QueryRow(ctx, `SELECT querytree(websearch_to_tsquery('english', $1))::text`, query).Scan(&tree); err != nil {
		return nil, false, err
	}
	words, ok = requiredLexemes(tree)
	return words, ok, nil
}

// requiredLexemes returns the lexemes of a tsquery's text (querytree's, which drops what
// negates) that every match holds: all of them, unless the query has an OR.
func requiredLexemes(tree string) ([]string, bool) {
	if strings.Contains(tree, "|") {
		return nil, false
	}
	var out []string
	seen := map[string]bool{}
	for i := 0; i < len(tree); i++ {
		if tree[i] != '\'' {
			continue
		}
		var b strings.Builder
		for i++; i < len(tree); i++ {
			if tree[i] == '\\' && i+1 < len(tree) && tree[i+1] == '\\' {
				b.WriteByte('\\') // written twice in querytree's text, as a quote is
				i++
				continue
			}
			if tree[i] == '\'' {
				if i+1 < len(tree) && tree[i+1] == '\'' {
					b.WriteByte('\'')
					i++
					continue
				}
				break
			}
			b.WriteByte(tree[i])
		}
		if !seen[b.String()] {
			seen[b.String()] = true
			out = append(out, b.String())
		}
	}
	return out, len(out) > 0
}

// searchWindowRows is how many rows of a list the first step of a search tests: twenty rows
// per row of the page, so a word in one row out of twenty or more fills the page there.
func searchWindowRows(limit int) int { return 20 * (limit + 1) }

// staleWhere selects the articles an extractor older than $1 produced.
const staleWhere = `extractor_version < $1`

// CountStale returns how many stored articles an extractor older than version produced: the
// total that `ingest --reextract` shows its progress against.
func (s *Store) CountStale(ctx context.Context, version int) (int, error) {
	var n int
	err := s.db.QueryRow(ctx, `SELECT count(*) FROM articles WHERE `+staleWhere, version).Scan(&n)
	return n, wrap(err, "count articles older than extractor %d", version)
}

// StaleArticles returns up to limit stored articles whose extractor version is older than
// version, in id order after the id after ("" to start): `ingest
// --reextract` walks them in pages.
func (s *Store) StaleArticles(ctx context.Context, version int, after string, limit int) ([]facts.Article, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+sprintf(articleColumns, "body")+` FROM articles
		WHERE `+staleWhere+` AND id > $2
		ORDER BY id LIMIT $3`, version, after, limit)
	list, err := collect[articleRow](rows, limit)
	if err != nil {
		return nil, wrap(err, "list articles older than extractor %d", version)
	}
	out := make([]facts.Article, len(list))
	for i, r := range list {
		out[i] = r.article()
	}
	return out, nil
}

// ArticleFacts returns everything extracted from one article, in the shape of
// `newsfacts extract`: entities with their mentions in this article, statements with global
// ids, and this article's account of each exercise.
func (s *Store) ArticleFacts(ctx context.Context, id string) (facts.Extraction, error) {
	a, err := s.Article(ctx, id)
	if err != nil {
		return facts.Extraction{}, err
	}
	x := facts.Extraction{
		Article:    facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body},
		Entities:   []facts.Entity{},
		Statements: []facts.Statement{},
		Exercises:  []facts.Exercise{},
	}
	b := &pgx.Batch{}
	b.Queue(`
		SELECT `+entityColumns+`,
			coalesce((SELECT array_agg(m.start_pos ORDER BY m.start_pos, m.end_pos) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = e.id), '{}'),
			coalesce((SELECT array_agg(m.end_pos ORDER BY m.start_pos, m.end_pos) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = e.id), '{}'),
			coalesce((SELECT array_agg(m.text ORDER BY m.start_pos, m.end_pos) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = e.id), '{}')
		FROM article_entities ae JOIN entities e ON e.id = ae.entity_id
		WHERE ae.article_id = $1
		ORDER BY (SELECT min(m.start_pos) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = e.id) NULLS LAST, e.id`, id).
		Query(func(rows pgx.Rows) error {
			var r entityRow
			var starts, ends []int32
			var texts []string
			scan := newRowScan(append(r.dest(), &starts, &ends, &texts)...)
			_, err := pgx.ForEachRow(rows, scan.dest, func() error {
				if err := scan.decode(rows, &r); err != nil {
					return err
				}
				e := r.entity().Entity
				for i := range starts {
					e.Mentions = append(e.Mentions, facts.Span{Start: int(starts[i]), End: int(ends[i]), Text: texts[i]})
				}
				x.Entities = append(x.Entities, e)
				return nil
			})
			return err
		})
	b.Queue(`SELECT `+statementColumns+` FROM statements s WHERE s.article_id = $1 ORDER BY s.start_pos, s.id`, id).
		Query(func(rows pgx.Rows) error {
			list, err := collect[statementRow](rows, 0)
			for _, r := range list {
				x.Statements = append(x.Statements, r.statement())
			}
			return err
		})
	b.Queue(`SELECT `+exerciseSourceColumns+` FROM exercise_sources s WHERE s.article_id = $1
		ORDER BY (SELECT min(m.start_pos) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id) NULLS LAST, s.exercise_id`, id).
		Query(func(rows pgx.Rows) error {
			list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[exerciseSourceRow])
			for _, r := range list {
				x.Exercises = append(x.Exercises, r.exercise())
			}
			return err
		})
	if err := s.db.SendBatch(ctx, b).Close(); err != nil {
		return facts.Extraction{}, wrap(err, "select facts of article %q", id)
	}
	return x, nil
}

func factsDate(d pgtype.Date) *facts.Date {
	if !d.Valid || d.InfinityModifier != pgtype.Finite {
		return nil
	}
	v := facts.DateOf(d.Time)
	return &v
}
