package postgres_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// The seeded corpus of TestQueryPlans: large enough that a scan or sort of a whole table costs
// the planner far more than an index walk, so that its choice shows.
const (
	seedArticles  = 20000
	seedEntities  = 10000
	seedExercises = 5000
	largeTable    = 1000 // rows past which a table counts as large
	largeSort     = 300  // rows past which a sort reads more than a few pages' worth
)

// seedSQL fills a migrated database with a synthetic corpus directly in SQL (saving 20,000
// articles through SaveArticle would take a minute): every article names five entities once,
// quotes one speaker (entities e0..e999; e1000 and up never speak) and reports one exercise
// with three participants. Counts are recomputed at the end, and exercises merged.
var seedSQL = []string{
	fmt.Sprintf(`INSERT INTO articles (id, url, sha256, title, source, published_at, body, extractor_version)
		SELECT lpad(to_hex(i), 16, '0'), 'https://example.com/' || i, lpad(to_hex(i), 64, '0'), 'Report ' || i, 'Wire',
			CASE WHEN i %% 50 = 0 THEN NULL ELSE '2020-01-01'::date + i %% 1500 END,
			'Troops gathered near the border on day ' || i || '. '
			|| CASE WHEN i %% 2 = 0 THEN 'The navy exercise continued at sea. ' ELSE 'Talks went on. ' END
			|| CASE WHEN i %% 500 = 0 THEN 'A submarine surfaced. ' ELSE '' END
			|| CASE WHEN '2020-01-01'::date + i %% 1500 < '2023-06-01' THEN 'Diplomats met. ' ELSE '' END
			|| 'Officials said word' || i %% 3000 || ' mattered.', 1
		FROM generate_series(1, %d) i`, seedArticles),
	fmt.Sprintf(`INSERT INTO entities (id, name, type)
		SELECT 'e' || j, 'Name' || j || ' Family' || (j %% 97),
			(array['person', 'organization', 'country', 'location', 'event', 'group'])[1 + j %% 6]
		FROM generate_series(0, %d) j`, seedEntities-1),
	`INSERT INTO entities (id, name, type) VALUES ('vladimir-putin', 'Vladimir Putin', 'person')`,
	`INSERT INTO entity_names (entity_id, name, folded)
		SELECT id, name, lower(name) FROM entities
		UNION ALL SELECT id, 'Alias ' || id, 'alias ' || id FROM entities`,
	fmt.Sprintf(`INSERT INTO article_entities (article_id, entity_id, mention_count, statement_count)
		SELECT a.id, 'e' || ((a.n * 7 + k * 13) %% %d), 1, 0
		FROM (SELECT id, ('x' || id)::bit(64)::bigint AS n FROM articles) a, generate_series(0, 4) k`, seedEntities),
	`INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, snippet, published_at)
		SELECT ae.article_id, ae.entity_id, 0, 5, 'Name', 'Name said.', a.published_at
		FROM article_entities ae JOIN articles a ON a.id = ae.article_id`,
	`INSERT INTO statements (id, article_id, local_id, speaker_id, speaker_text, kind, text, start_pos, end_pos, verb, said_on)
		SELECT a.id || '-s1', a.id, 's1', 'e' || (('x' || a.id)::bit(64)::bigint % 1000), 'Name', 'direct',
			CASE WHEN ('x' || a.id)::bit(64)::bigint % 400 = 0 THEN 'The submarine is ready.'
				WHEN a.published_at < '2020-01-15' THEN 'The minister agreed.'
				WHEN a.published_at < '2023-06-01' THEN 'Our troops are ready to defend the border after the talks.'
				ELSE 'Our troops are ready to defend the border.' END
			-- A third of the statements have no known day (list key -infinity, last in the
			-- list), and only they name the fleet; a few of them a frigate.
			|| CASE WHEN ('x' || a.id)::bit(64)::bigint % 3 = 0 THEN ' The fleet sailed.' ELSE '' END
			|| CASE WHEN ('x' || a.id)::bit(64)::bigint % 1200 = 0 THEN ' A frigate followed.' ELSE '' END,
			0, 10, 'said', CASE WHEN ('x' || a.id)::bit(64)::bigint % 3 = 0 THEN NULL ELSE a.published_at END
		FROM articles a`,
	`INSERT INTO statement_entities (statement_id, entity_id)
		SELECT s.id, ae.entity_id FROM statements s JOIN article_entities ae USING (article_id)
		WHERE ae.entity_id = (SELECT min(entity_id) FROM article_entities x WHERE x.article_id = s.article_id)`,
	fmt.Sprintf(`INSERT INTO exercises (id, name) SELECT 'x' || k, 'Exercise ' || k FROM generate_series(0, %d) k`, seedExercises-1),
	fmt.Sprintf(`INSERT INTO exercise_sources (exercise_id, article_id, name, host_id, period_text, period_start, period_end, published_at)
		SELECT 'x' || (n %% %d), a.id, 'Exercise ' || (n %% %d), 'e' || (n %% 50),
			'in spring', '2018-01-01'::date + ((n %% %d) * 2)::int, '2018-01-01'::date + ((n %% %d) * 2 + 10)::int, a.published_at
		FROM (SELECT id, published_at, ('x' || id)::bit(64)::bigint AS n FROM articles) a`, seedExercises, seedExercises, seedExercises, seedExercises),
	// One exercise reported by a tenth of the articles: an average of four reports an
	// exercise is what a generic plan expects of any.
	`INSERT INTO exercises (id, name) VALUES ('xpop', 'Exercise Popular')`,
	`INSERT INTO exercise_sources (exercise_id, article_id, name, host_id, period_text, period_start, period_end, published_at)
		SELECT 'xpop', a.id, 'Exercise Popular', 'e2', 'in spring', '2019-03-01', '2019-03-20', a.published_at
		FROM articles a WHERE ('x' || a.id)::bit(64)::bigint % 10 = 0`,
	`INSERT INTO exercise_participants (exercise_id, article_id, entity_id, position)
		SELECT s.exercise_id, s.article_id, 'e' || ((('x' || s.article_id)::bit(64)::bigint + k) % 40), k
		FROM exercise_sources s, generate_series(0, 2) k`,
	`INSERT INTO exercise_mentions (exercise_id, article_id, start_pos, end_pos, text)
		SELECT exercise_id, article_id, 0, 8, 'Exercise' FROM exercise_sources`,
	`INSERT INTO exercise_aliases (exercise_id, article_id, alias, folded)
		SELECT exercise_id, article_id, 'Drill ' || exercise_id, 'drill ' || exercise_id FROM exercise_sources`,
	`UPDATE articles a SET entity_count = 5, mention_count = 5, statement_count = 1, exercise_count = 1`,
	`UPDATE entities e SET mention_count = c.m, article_count = c.m
		FROM (SELECT entity_id, count(*) AS m FROM mentions GROUP BY 1) c WHERE c.entity_id = e.id`,
	`UPDATE entities e SET statement_count = c.m
		FROM (SELECT speaker_id, count(*) AS m FROM statements GROUP BY 1) c WHERE c.speaker_id = e.id`,
	`SELECT merge_exercises(array(SELECT id FROM exercises))`,
	`VACUUM ANALYZE`,
}

// explaining is a DBTX that, before running each query, asks PostgreSQL for its plan with
// EXPLAIN ANALYZE and keeps it.
type explaining struct {
	postgres.DBTX
	// generic, when set, is a connection with plan_cache_mode = force_generic_plan on which
	// each query is also prepared and explained as EXECUTE: the plan a server uses for a
	// statement it has run five times (pgx prepares and caches every statement), built from
	// average selectivities rather than the values at hand.
	generic *pgxpool.Conn
	mu      sync.Mutex
	plans   []explained
	n       int
}

type explained struct {
	sql  string
	plan planNode
}

type planNode struct {
	NodeType     string     `json:"Node Type"`
	RelationName string     `json:"Relation Name"`
	IndexName    string     `json:"Index Name"`
	ActualRows   float64    `json:"Actual Rows"`
	ActualLoops  float64    `json:"Actual Loops"`
	Removed      float64    `json:"Rows Removed by Filter"`
	Plans        []planNode `json:"Plans"`
}

func (e *explaining) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	e.explain(ctx, sql, args)
	return e.DBTX.Query(ctx, sql, args...)
}

func (e *explaining) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	e.explain(ctx, sql, args)
	return e.DBTX.QueryRow(ctx, sql, args...)
}

func (e *explaining) explain(ctx context.Context, sql string, args []any) {
	var out []struct {
		Plan planNode `json:"Plan"`
	}
	var raw []byte
	err := e.DBTX.QueryRow(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) `+sql, args...).Scan(&raw)
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if err != nil || len(out) != 1 {
		e.plans = append(e.plans, explained{sql: sql, plan: planNode{NodeType: fmt.Sprintf("EXPLAIN failed: %v", err)}})
		return
	}
	e.plans = append(e.plans, explained{sql: sql, plan: out[0].Plan})
	if e.generic == nil || (len(args) > 0 && args[0] == pgx.QueryExecModeExec) {
		return // planned for its values every time it runs
	}
	e.n++
	name := fmt.Sprintf("generic_%d", e.n)
	out = nil
	desc, err := e.generic.Conn().Prepare(ctx, name, sql)
	if err == nil {
		// EXPLAIN EXECUTE takes no bind parameters: each value is written as a literal of
		// its parameter's type, by the server.
		params := ""
		for i, oid := range desc.ParamOIDs {
			var typ, val string
			if err = e.generic.QueryRow(ctx, `SELECT format_type($1, NULL)`, oid).Scan(&typ); err != nil {
				break
			}
			if err = e.generic.QueryRow(ctx, `SELECT quote_nullable($1::`+typ+`)`, args[i]).Scan(&val); err != nil {
				break
			}
			params += ", " + val + "::" + typ
		}
		if params != "" {
			params = "(" + params[2:] + ")"
		}
		if err == nil {
			err = e.generic.QueryRow(ctx, `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE `+name+params).Scan(&raw)
		}
		if err == nil {
			err = json.Unmarshal(raw, &out)
		}
		err = errors.Join(err, e.generic.Conn().Deallocate(ctx, name))
	}
	if err != nil || len(out) != 1 {
		e.plans = append(e.plans, explained{sql: "generic plan of " + sql, plan: planNode{NodeType: fmt.Sprintf("EXPLAIN failed: %v", err)}})
		return
	}
	e.plans = append(e.plans, explained{sql: "generic plan of " + sql, plan: out[0].Plan})
}

func (e *explaining) take() []explained {
	e.mu.Lock()
	defer e.mu.Unlock()
	p := e.plans
	e.plans = nil
	return p
}

// problems lists what in a plan reads or sorts a whole large table: a sequential scan of a
// table of more than largeTable rows, a walk that drops more than largeTable rows by filter
// (an index read in the wrong order), or a sort of more than largeSort rows (a page is at
// most 101 rows here; the rare words' matches, which a search sorts, are under 100).
func problems(n planNode, sizes map[string]float64) []string {
	var out []string
	switch {
	case strings.HasPrefix(n.NodeType, "EXPLAIN failed"):
		out = append(out, n.NodeType)
	case n.NodeType == "Seq Scan" && sizes[n.RelationName] > largeTable:
		out = append(out, fmt.Sprintf("Seq Scan on %s (%.0f rows)", n.RelationName, sizes[n.RelationName]))
	case n.Removed*max(n.ActualLoops, 1) > largeTable:
		out = append(out, fmt.Sprintf("%s on %s that tests and drops %.0f rows", n.NodeType, n.RelationName, n.Removed*max(n.ActualLoops, 1)))
	case (n.NodeType == "Sort" || n.NodeType == "Incremental Sort") && len(n.Plans) > 0 && n.Plans[0].ActualRows*n.Plans[0].ActualLoops > largeSort:
		out = append(out, fmt.Sprintf("%s of %.0f rows", n.NodeType, n.Plans[0].ActualRows*n.Plans[0].ActualLoops))
	}
	for _, c := range n.Plans {
		out = append(out, problems(c, sizes)...)
	}
	return out
}

func describe(n planNode, depth int) string {
	s := fmt.Sprintf("%s%s %s %s rows=%.0f loops=%.0f\n", strings.Repeat("  ", depth), n.NodeType, n.RelationName, n.IndexName, n.ActualRows, n.ActualLoops)
	for _, c := range n.Plans {
		s += describe(c, depth+1)
	}
	return s
}

// TestQueryPlans runs every list and detail query of the API against a seeded corpus of
// 20,000 articles and fails when a plan reads a large table from end to end or sorts more
// than largeSort rows: a query whose time grows with the corpus.
func TestQueryPlans(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 20,000 articles")
	}
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	// The server's read pool: its plans are the ones to check.
	pool, err := postgres.OpenWith(ctx, url, postgres.PoolOptions{NoMemoize: true})
	require.NoError(t, err)
	defer pool.Close()
	for _, q := range seedSQL {
		_, err := pool.Exec(ctx, q)
		require.NoError(t, err, "%s", q)
	}
	sizes := map[string]float64{}
	rows, _ := pool.Query(ctx, `SELECT relname::text, reltuples::float8 FROM pg_class WHERE relkind = 'r' AND relnamespace = 'public'::regnamespace`)
	var name string
	var n float64
	_, err = pgx.ForEachRow(rows, []any{&name, &n}, func() error { sizes[name] = n; return nil })
	require.NoError(t, err)
	require.Greater(t, sizes["articles"], float64(seedArticles)*0.9, "ANALYZE saw the seeded articles")

	generic, err := pool.Acquire(ctx)
	require.NoError(t, err)
	defer generic.Release()
	_, err = generic.Exec(ctx, `SET plan_cache_mode = force_generic_plan`)
	require.NoError(t, err)
	db := &explaining{DBTX: pool, generic: generic}
	s := postgres.New(db)
	// A cursor from the middle of each list, so that paging is covered too.
	cursor := func(t *testing.T, list func(facts.Page) (string, error)) string {
		next, err := list(facts.Page{Limit: 100})
		require.NoError(t, err)
		require.NotEmpty(t, next, "the seeded list has more than one page")
		db.take()
		return next
	}
	person := facts.Person
	direct := facts.Direct
	articleID := fmt.Sprintf("%016x", 1234)
	articleCursor := cursor(t, func(p facts.Page) (string, error) {
		_, next, err := s.Articles(ctx, facts.ArticleFilter{Page: p})
		return next, err
	})
	entityCursor := cursor(t, func(p facts.Page) (string, error) {
		_, next, err := s.Entities(ctx, facts.EntityFilter{Page: p})
		return next, err
	})
	statementCursor := cursor(t, func(p facts.Page) (string, error) {
		_, next, err := s.Statements(ctx, facts.StatementFilter{Page: p})
		return next, err
	})
	exerciseCursor := cursor(t, func(p facts.Page) (string, error) {
		_, next, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "e1", Page: p})
		return next, err
	})
	for _, c := range []struct {
		name string
		run  func() error
	}{
		{"articles", func() error { _, _, err := s.Articles(ctx, facts.ArticleFilter{}); return err }},
		{"articles after a cursor", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Page: facts.Page{Cursor: articleCursor}})
			return err
		}},
		{"articles by date", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{PublishedAfter: mustDate(t, "2021-01-01"), PublishedBefore: mustDate(t, "2021-03-01")})
			return err
		}},
		{"articles ?q=a word in every article", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "troops", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=two words in half the articles", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "exercise navy", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a word in every article, after a date", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "troops", PublishedAfter: mustDate(t, "2019-01-01"), Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a word in every article, between two dates", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "troops", PublishedAfter: mustDate(t, "2019-01-01"), PublishedBefore: mustDate(t, "2023-01-01"), Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a common word missing from the newest articles, after a date", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "diplomats", PublishedAfter: mustDate(t, "2019-01-01"), Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a common word missing from the newest articles", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "diplomats", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a common word missing from the newest articles, after a cursor", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "diplomats", Page: facts.Page{Limit: 20, Cursor: articleCursor}})
			return err
		}},
		{"articles ?q=a rare word", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "submarine", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a missing word", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "zeppelin", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"articles ?q=a common word and a missing one", func() error {
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "troops zeppelin", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"article", func() error { _, err := s.Article(ctx, articleID); return err }},
		{"article facts", func() error { _, err := s.ArticleFacts(ctx, articleID); return err }},
		{"entities", func() error { _, _, err := s.Entities(ctx, facts.EntityFilter{}); return err }},
		{"entities after a cursor", func() error {
			_, _, err := s.Entities(ctx, facts.EntityFilter{Page: facts.Page{Cursor: entityCursor}})
			return err
		}},
		{"entities by type", func() error { _, _, err := s.Entities(ctx, facts.EntityFilter{Type: &person}); return err }},
		{"entities ?q=a typo", func() error {
			_, _, err := s.Entities(ctx, facts.EntityFilter{Query: "putn", Page: facts.Page{Limit: 10}})
			return err
		}},
		{"entities ?q=a common name part", func() error {
			_, _, err := s.Entities(ctx, facts.EntityFilter{Query: "family1", Page: facts.Page{Limit: 10}})
			return err
		}},
		{"entities of an article", func() error {
			_, _, err := s.Entities(ctx, facts.EntityFilter{ArticleID: articleID})
			return err
		}},
		{"entity", func() error { _, err := s.Entity(ctx, "e1"); return err }},
		{"mentions of a popular entity", func() error {
			_, _, err := s.Mentions(ctx, facts.MentionFilter{EntityID: "e1"})
			return err
		}},
		{"statements", func() error { _, _, err := s.Statements(ctx, facts.StatementFilter{}); return err }},
		{"statements after a cursor", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Page: facts.Page{Cursor: statementCursor}})
			return err
		}},
		{"statements of a speaker", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{SpeakerID: "e1"})
			return err
		}},
		{"statements of an entity that never speaks", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{SpeakerID: "e1500"})
			return err
		}},
		{"statements of an article", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{ArticleID: articleID})
			return err
		}},
		{"statements mentioning an entity", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{MentionsID: "e1"})
			return err
		}},
		{"statements by kind", func() error { _, _, err := s.Statements(ctx, facts.StatementFilter{Kind: &direct}); return err }},
		{"statements ?q=a common word", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "troops", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a word missing from the newest statements", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "minister", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a common word missing from the newest statements", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "talks", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=two words, one missing from the newest statements", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "border talks", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a phrase missing from the newest statements, by kind", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: `"the talks"`, Kind: &direct, Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a common word of statements of unknown date only", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "fleet", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a common word of statements of unknown date only, after a cursor", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "fleet", Page: facts.Page{Limit: 20, Cursor: statementCursor}})
			return err
		}},
		{"statements ?q=a rare word of statements of unknown date", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "frigate", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a stop word", func() error {
			list, _, err := s.Statements(ctx, facts.StatementFilter{Query: "The", Page: facts.Page{Limit: 20}})
			if err == nil && len(list) > 0 {
				err = fmt.Errorf("a stop word found %d statements", len(list))
			}
			return err
		}},
		{"statements ?q=a missing word", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "zeppelin", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a common word and a missing one", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "troops zeppelin", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=two common words that meet only in statements of unknown date", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "troops fleet", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=three words, two of them common", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "troops border fleet", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a common word and a rare one, before a date", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "troops submarine", SaidBefore: mustDate(t, "2023-01-01"), Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statements ?q=a rare word", func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "submarine", Page: facts.Page{Limit: 20}})
			return err
		}},
		{"statement", func() error { _, err := s.Statement(ctx, articleID+"-s1"); return err }},
		{"exercises", func() error { _, _, err := s.Exercises(ctx, facts.ExerciseFilter{}); return err }},
		{"exercises of a participant", func() error {
			_, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "e1"})
			return err
		}},
		{"exercises of a participant after a cursor", func() error {
			_, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "e1", Page: facts.Page{Cursor: exerciseCursor}})
			return err
		}},
		{"exercises of a host", func() error { _, _, err := s.Exercises(ctx, facts.ExerciseFilter{HostID: "e1"}); return err }},
		{"exercises in a year", func() error { _, _, err := s.Exercises(ctx, facts.ExerciseFilter{Year: 2019}); return err }},
		{"exercises ?q=", func() error {
			_, _, err := s.Exercises(ctx, facts.ExerciseFilter{Query: "drill x12", Page: facts.Page{Limit: 10}})
			return err
		}},
		{"exercise", func() error { _, err := s.Exercise(ctx, "x1"); return err }},
		{"articles of an exercise", func() error {
			_, _, err := s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: "x1"})
			return err
		}},
		{"mentions of an exercise", func() error {
			_, _, err := s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "x1"})
			return err
		}},
		{"a popular exercise", func() error { _, err := s.Exercise(ctx, "xpop"); return err }},
		{"articles of a popular exercise", func() error {
			_, _, err := s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: "xpop"})
			return err
		}},
		{"mentions of a popular exercise", func() error {
			_, _, err := s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "xpop"})
			return err
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			require.NoError(t, c.run())
			plans := db.take()
			require.NotEmpty(t, plans)
			for _, p := range plans {
				assert.Empty(t, problems(p.plan, sizes), "%s\n%s", p.sql, describe(p.plan, 0))
			}
		})
	}
	// A search for a word no article holds reads no article: the window starts at the newest
	// day that can hold a match, and there is none (searchWindow).
	for _, query := range []string{"zeppelin", "troops zeppelin"} {
		t.Run("articles ?q="+query+" reads no article", func(t *testing.T) {
			list, _, err := s.Articles(ctx, facts.ArticleFilter{Query: query, Page: facts.Page{Limit: 20}})
			require.NoError(t, err)
			assert.Empty(t, list)
			plans := db.take()
			require.NotEmpty(t, plans)
			for _, p := range plans {
				assert.Zero(t, rowsRead(p.plan, "articles"), "%s\n%s", p.sql, describe(p.plan, 0))
			}
		})
	}
	// A page looks each of its rows up once: the planner put a Memoize node in front of the
	// exercises of a participant's page and the statements of a search's postings, a cache
	// of every row that a page of distinct rows never hits (PoolOptions.NoMemoize).
	for name, run := range map[string]func() error{
		"exercises of a participant": func() error {
			_, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "e1"})
			return err
		},
		"exercises of a participant after a cursor": func() error {
			_, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "e1", Page: facts.Page{Cursor: exerciseCursor}})
			return err
		},
		"statements ?q=a common word missing from the newest statements": func() error {
			_, _, err := s.Statements(ctx, facts.StatementFilter{Query: "talks", Page: facts.Page{Limit: 20}})
			return err
		},
	} {
		t.Run(name+", each row looked up once", func(t *testing.T) {
			require.NoError(t, run())
			plans := db.take()
			require.NotEmpty(t, plans)
			for _, p := range plans {
				assert.Zero(t, nodes(p.plan, "Memoize"), "%s\n%s", p.sql, describe(p.plan, 0))
			}
		})
	}
	t.Run("newest day that can hold a match", func(t *testing.T) {
		var newest string
		require.NoError(t, pool.QueryRow(ctx, `SELECT max(published_at)::text FROM articles`).Scan(&newest))
		infinity, diplomats := "infinity", "2023-05-31"
		for query, want := range map[string]*string{
			"troops":                      &newest,
			"Troops gathered":             &newest,
			"zeppelin":                    nil,
			"troops zeppelin":             nil,
			"troops -zeppelin":            &newest,
			"diplomats":                   &diplomats,
			"diplomats troops":            &diplomats,
			`"troops gathered" -zeppelin`: &newest,
			"submarine or zeppelin":       &infinity, // requires no word
			"-troops":                     &infinity,
			"the":                         &infinity,
		} {
			var got *string
			require.NoError(t, pool.QueryRow(ctx, `SELECT `+postgres.NewestMatchDay("article_search_days", "$1")+`::text`, query).Scan(&got))
			assert.Equal(t, want, got, query)
		}
	})
	// The steps of a search (window, days, every match) must give the pages a plain query
	// gives: every match, in list order.
	plain := s
	for _, c := range []struct {
		name  string
		query string
		f     facts.ArticleFilter
	}{
		{"word in every article", "troops", facts.ArticleFilter{}},
		{"two words in half the articles", "exercise navy", facts.ArticleFilter{}},
		{"common word missing from the newest", "diplomats", facts.ArticleFilter{}},
		{"rare word", "submarine", facts.ArticleFilter{}},
		// Pages of 100 test a window of the newest 2,020 articles, days 1,345 to 1,499 of the
		// seed's 1,500: these find a few matches there and none or some after it.
		{"words of a few articles, in the window", "talks word1499", facts.ArticleFilter{}},
		{"or, in the window and after it", "word1499 or word1300", facts.ArticleFilter{}},
		{"common and rare", "navy submarine", facts.ArticleFilter{}},
		{"negation", "talks -diplomats", facts.ArticleFilter{}},
		{"or", "submarine or diplomats", facts.ArticleFilter{}},
		{"before a date", "diplomats", facts.ArticleFilter{PublishedBefore: mustDate(t, "2021-01-01")}},
		{"after a date", "diplomats", facts.ArticleFilter{PublishedAfter: mustDate(t, "2022-01-01")}},
	} {
		t.Run("article search pages: "+c.name, func(t *testing.T) {
			cond := ""
			if c.f.PublishedBefore != nil {
				cond += " AND published_at <= '2021-01-01'"
			}
			if c.f.PublishedAfter != nil {
				cond += " AND coalesce(published_at, '-infinity'::date) >= '2022-01-01'"
			}
			rows, _ := pool.Query(ctx, `SELECT id FROM articles WHERE search @@ websearch_to_tsquery('english', $1)`+cond+`
				ORDER BY coalesce(published_at, '-infinity'::date) DESC, id DESC LIMIT 300`, c.query)
			want, err := pgx.CollectRows(rows, pgx.RowTo[string])
			require.NoError(t, err)
			require.NotEmpty(t, want)
			var got []string
			f := c.f
			f.Query, f.Page = c.query, facts.Page{Limit: 100}
			for len(got) < len(want) {
				list, next, err := plain.Articles(ctx, f)
				require.NoError(t, err)
				for _, a := range list {
					got = append(got, a.ID)
				}
				if next == "" {
					break
				}
				f.Page.Cursor = next
			}
			assert.Equal(t, want, got[:min(len(got), len(want))])
			db.take()
		})
	}
	for _, c := range []struct {
		name  string
		query string
		f     facts.StatementFilter
	}{
		{"common word missing from the newest", "talks", facts.StatementFilter{}},
		{"two words", "border talks", facts.StatementFilter{}},
		{"phrase, by kind", `"the talks"`, facts.StatementFilter{Kind: &direct}},
		{"negation", "talks -minister", facts.StatementFilter{}},
		{"or", "minister or submarine", facts.StatementFilter{}},
		{"before a date", "troops", facts.StatementFilter{SaidBefore: mustDate(t, "2023-01-01")}},
		{"after a date", "talks", facts.StatementFilter{SaidAfter: mustDate(t, "2023-05-20")}},
		{"word of unknown dates only", "fleet", facts.StatementFilter{}},
		{"rare word of unknown dates", "frigate", facts.StatementFilter{}},
		{"words that meet in unknown dates only", "troops fleet", facts.StatementFilter{}},
		{"common and rare", "ready submarine", facts.StatementFilter{}},
		{"negation of a word of unknown dates", "troops -fleet", facts.StatementFilter{}},
		{"three words", "troops border fleet", facts.StatementFilter{}},
		{"three words, one rare", "ready fleet frigate", facts.StatementFilter{}},
		{"words, before a date", "troops talks", facts.StatementFilter{SaidBefore: mustDate(t, "2023-01-01")}},
	} {
		t.Run("statement search pages: "+c.name, func(t *testing.T) {
			cond := ""
			if c.f.Kind != nil {
				cond += " AND kind = 'direct'"
			}
			if c.f.SaidBefore != nil {
				cond += " AND said_on <= '2023-01-01'"
			}
			if c.f.SaidAfter != nil {
				cond += " AND coalesce(said_on, '-infinity'::date) >= '2023-05-20'"
			}
			rows, _ := pool.Query(ctx, `SELECT id FROM statements WHERE search @@ websearch_to_tsquery('english', $1)`+cond+`
				ORDER BY coalesce(said_on, '-infinity'::date) DESC, id DESC LIMIT 300`, c.query)
			want, err := pgx.CollectRows(rows, pgx.RowTo[string])
			require.NoError(t, err)
			require.NotEmpty(t, want)
			var got []string
			f := c.f
			f.Query, f.Page = c.query, facts.Page{Limit: 100}
			for len(got) < len(want) {
				list, next, err := plain.Statements(ctx, f)
				require.NoError(t, err)
				for _, st := range list {
					got = append(got, st.ID)
				}
				if next == "" {
					break
				}
				f.Page.Cursor = next
			}
			assert.Equal(t, want, got[:min(len(got), len(want))])
			db.take()
		})
	}
}

// nodes is how many nodes of the plan are of type typ.
func nodes(n planNode, typ string) int {
	k := 0
	if n.NodeType == typ {
		k = 1
	}
	for _, c := range n.Plans {
		k += nodes(c, typ)
	}
	return k
}

// rowsRead is how many rows the plan's scans of relation returned, over all their loops.
func rowsRead(n planNode, relation string) float64 {
	r := 0.0
	if n.RelationName == relation {
		r = n.ActualRows * n.ActualLoops
	}
	for _, c := range n.Plans {
		r += rowsRead(c, relation)
	}
	return r
}
