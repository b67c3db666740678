package ingest

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// The tests in this file share one database and look at whole tables, so none runs in
// parallel with another.
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// article returns the text of a wire article of the genre about invented people, with a
// front matter url unique to tag.
func article(tag, body string) string {
	return "---\ntitle: " + tag + "\nurl: https://example.com/" + tag + "\npublished_at: 2024-05-06\n---\n" + body
}

// richBody has entities, a direct and an indirect statement and an exercise, so that a save
// writes to every table.
const richBody = `Estonian Defense Minister Maarit Lindqvist said on Monday that Estonia would host the Iron Meadow-2024 exercise with Finland and Latvia in late June.
“The drills are defensive and aimed at no one,” Lindqvist told reporters in Tallinn.
The exercise will involve about 3,000 troops from Estonia, Finland and Latvia, according to the Estonian Defense Ministry.
`

// mustRun ingests paths with the real extractor and returns the summary and every outcome.
func mustRun(ctx context.Context, tb testing.TB, s Saver, workers int, paths ...string) (Summary, []Outcome) {
	tb.Helper()
	var outcomes []Outcome
	sum := Run(ctx, s, Files(paths, ReadOptions{}), Options{
		Workers:   workers,
		Gazetteer: gazetteer.Default(),
		OnOutcome: func(o Outcome) { outcomes = append(outcomes, o) },
	})
	return sum, outcomes
}

// snapshot counts the rows of every table, so a test can prove that nothing was written.
func snapshot(tb testing.TB, db postgres.DBTX) map[string]int {
	tb.Helper()
	counts := map[string]int{}
	for _, table := range []string{"articles", "entities", "entity_names", "article_entities", "mentions",
		"statements", "statement_entities", "exercises", "exercise_sources", "exercise_aliases",
		"exercise_participants", "exercise_mentions"} {
		var n int
		require.NoError(tb, db.QueryRow(context.Background(), "SELECT count(*) FROM "+table).Scan(&n), table)
		counts[table] = n
	}
	return counts
}

// mustBeConsistent checks that every maintained count equals the rows it counts: what a
// half-written article or a lost concurrent update would break.
func mustBeConsistent(tb testing.TB, db postgres.DBTX) {
	tb.Helper()
	for _, q := range []struct{ what, sql string }{
		{"entity mention counts", `SELECT e.id FROM entities e
			WHERE e.mention_count <> (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)`},
		{"entity article counts", `SELECT e.id FROM entities e
			WHERE e.article_count <> (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id)`},
		{"entity statement counts", `SELECT e.id FROM entities e
			WHERE e.statement_count <> (SELECT count(*) FROM statements s WHERE s.speaker_id = e.id)`},
		{"article counts", `SELECT a.id FROM articles a
			WHERE a.entity_count <> (SELECT count(*) FROM article_entities ae WHERE ae.article_id = a.id)
			   OR a.mention_count <> (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
			   OR a.statement_count <> (SELECT count(*) FROM statements s WHERE s.article_id = a.id)
			   OR a.exercise_count <> (SELECT count(*) FROM exercise_sources x WHERE x.article_id = a.id)`},
	} {
		rows, _ := db.Query(context.Background(), q.sql)
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(tb, err, q.what)
		assert.Empty(tb, ids, "%s disagree with the rows they count", q.what)
	}
}

// variant returns richBody made distinct for article i of a test tagged tag: another exercise
// and a closing line, so that no two tests store the same content.
func variant(tag string, i int) string {
	return strings.ReplaceAll(richBody, "Iron Meadow-2024", fmt.Sprintf("Iron Meadow-%d", 2000+i)) +
		fmt.Sprintf("This is report %d of the %s series.\n", i, tag)
}

// mustWriteArticles writes n articles of the genre to dir, each with its own url and names.
func mustWriteArticles(tb testing.TB, dir, tag string, n int) []string {
	tb.Helper()
	var paths []string
	for i := range n {
		p := filepath.Join(dir, fmt.Sprintf("%s-%03d.txt", tag, i))
		mustWrite(tb, p, article(fmt.Sprintf("%s-%d", tag, i), variant(tag, i)))
		paths = append(paths, p)
	}
	return paths
}

func TestRunCreatedUnchangedUpdated(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	store := postgres.New(pool)
	dir := t.TempDir()
	mustWriteArticles(t, dir, "cuu", 3)

	sum, outcomes := mustRun(ctx, t, store, 2, dir)
	assert.Equal(t, Summary{Created: 3}, withoutTime(sum))
	require.Len(t, outcomes, 3)
	x, err := store.ArticleFacts(ctx, outcomes[0].Result.ArticleID)
	require.NoError(t, err)
	require.NotEmpty(t, x.Entities, "the extractor found facts, so the rest of the test means something")

	t.Run("Unchanged", func(t *testing.T) {
		before := snapshot(t, pool)
		sum, _ := mustRun(ctx, t, store, 2, dir)
		assert.Equal(t, Summary{Unchanged: 3}, withoutTime(sum))
		assert.Equal(t, before, snapshot(t, pool), "re-ingesting the same text writes nothing")
	})
	t.Run("UpdatedByURL", func(t *testing.T) {
		p := filepath.Join(dir, "cuu-001.txt")
		mustWrite(t, p, article("cuu-1", strings.ReplaceAll(variant("cuu", 1), "late June", "early July")))
		sum, outcomes := mustRun(ctx, t, store, 2, dir)
		assert.Equal(t, Summary{Updated: 1, Unchanged: 2}, withoutTime(sum))
		var id string
		for _, o := range outcomes {
			if o.Result.Status == facts.Updated {
				assert.Equal(t, p, o.Where)
				id = o.Result.ArticleID
			}
		}
		assert.Equal(t, facts.ArticleID("https://example.com/cuu-1", ""), id, "the article keeps its id")
		a, err := store.Article(ctx, id)
		require.NoError(t, err)
		assert.Contains(t, a.Body, "early July")
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM articles WHERE url = $1`, "https://example.com/cuu-1").Scan(&n))
		assert.Equal(t, 1, n)
		mustBeConsistent(t, pool)
	})
}

func withoutTime(s Summary) Summary {
	s.Elapsed = 0
	return s
}

// faultyDB is a postgres.DBTX whose transactions meet trouble at their statement (or batch, or
// commit) number failAt, counted across every transaction: onHit runs, and the statement then
// runs with a cancelled context (onHit's own cancellation, or a fresh one), so it fails as a
// broken connection or a Ctrl-C would, after the statements before it have been sent. It
// counts calls, not SQL statements, so it holds however the store batches its writes.
type faultyDB struct {
	*pgxpool.Pool
	failAt int64
	onHit  func()
	n      atomic.Int64
}

func (d *faultyDB) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := d.Pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &faultyTx{Tx: tx, db: d}, nil
}

type faultyTx struct {
	pgx.Tx
	db *faultyDB
}

func (t *faultyTx) at(ctx context.Context) context.Context {
	if t.db.n.Add(1) != t.db.failAt {
		return ctx
	}
	if t.db.onHit != nil {
		t.db.onHit()
		return ctx
	}
	c, cancel := context.WithCancel(ctx)
	cancel()
	return c
}

func (t *faultyTx) Begin(ctx context.Context) (pgx.Tx, error) {
	tx, err := t.Tx.Begin(ctx)
	if err != nil {
		return nil, err
	}
	return &faultyTx{Tx: tx, db: t.db}, nil
}

// Commit counts as a statement too, so that a failure can come after every write was sent.
func (t *faultyTx) Commit(ctx context.Context) error {
	return t.Tx.Commit(t.at(ctx))
}

func (t *faultyTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.Tx.Exec(t.at(ctx), sql, args...)
}

func (t *faultyTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.Tx.Query(t.at(ctx), sql, args...)
}

func (t *faultyTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.Tx.QueryRow(t.at(ctx), sql, args...)
}

func (t *faultyTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	return t.Tx.SendBatch(t.at(ctx), b)
}

func (t *faultyTx) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return t.Tx.CopyFrom(t.at(ctx), table, columns, src)
}

func TestRollbackOnFailureMidArticle(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	store := postgres.New(pool)
	g := gazetteer.Default()

	// A stored article first, so that the failing saves also update shared entities and
	// exercises rather than only creating them.
	first := Input{ArticleMeta: facts.ArticleMeta{Title: "first", URL: "https://example.com/rollback-0"}, Body: richBody}
	_, err := One(ctx, store, g, first, 0)
	require.NoError(t, err)

	for _, tc := range []struct {
		name string
		in   Input
	}{
		{"Create", Input{ArticleMeta: facts.ArticleMeta{Title: "second", URL: "https://example.com/rollback-1"},
			Body: strings.ReplaceAll(richBody, "Monday", "Tuesday")}},
		{"Update", Input{ArticleMeta: first.ArticleMeta, Body: strings.ReplaceAll(richBody, "late June", "early July")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			failures := 0
			for k := int64(1); ; k++ {
				before := snapshot(t, pool)
				beforeFacts, _ := store.ArticleFacts(ctx, facts.ArticleID(tc.in.URL, ""))
				db := &faultyDB{Pool: pool, failAt: k}
				res, err := One(ctx, postgres.New(db), g, tc.in, 0)
				if db.n.Load() < k { // the save ran to the end without reaching statement k
					require.NoError(t, err)
					assert.NotEqual(t, facts.Unchanged, res.Status)
					break
				}
				require.Error(t, err, "statement %d failed, so must the save", k)
				failures++
				assert.Equal(t, before, snapshot(t, pool), "failure at statement %d left a trace", k)
				afterFacts, _ := store.ArticleFacts(ctx, facts.ArticleID(tc.in.URL, ""))
				assert.Equal(t, beforeFacts, afterFacts, "failure at statement %d changed the stored facts", k)
				mustBeConsistent(t, pool)
			}
			// At least: the first statement, one after it, and the commit, after every write.
			assert.GreaterOrEqual(t, failures, 3, "failures were injected at every step of the save")
		})
	}
}

// generatedArticles yields n small distinct articles straight from memory.
func generatedArticles(tag string, n int) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		for i := range n {
			in := Input{ArticleMeta: facts.ArticleMeta{Title: tag, URL: fmt.Sprintf("https://example.com/%s-%d", tag, i)}, Body: variant(tag, i)}
			if !yield(Item{Where: fmt.Sprintf("%s:%d", tag, i), Input: in}) {
				return
			}
		}
	}
}

func TestConcurrentRunsStoreEachArticleOnce(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	dir := t.TempDir()
	const n = 40
	mustWriteArticles(t, dir, "conc", n)

	var wg sync.WaitGroup
	sums := make([]Summary, 2)
	for i := range sums {
		wg.Go(func() {
			// Two stores on one pool behave as two processes would: they share nothing but
			// the database.
			sums[i], _ = mustRun(ctx, t, postgres.New(pool), 3, dir)
		})
	}
	wg.Wait()
	total := withoutTime(sums[0])
	total.Created += sums[1].Created
	total.Unchanged += sums[1].Unchanged
	total.Updated += sums[1].Updated
	total.Failed += sums[1].Failed
	assert.Equal(t, Summary{Created: n, Unchanged: n}, total, "each article created by exactly one run")

	var stored int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM articles WHERE url LIKE 'https://example.com/conc-%'`).Scan(&stored))
	assert.Equal(t, n, stored)
	mustBeConsistent(t, pool)
}

func TestCrossArticleAliasResolution(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	store := postgres.New(pool)
	g := gazetteer.Default()

	// A person named in full (and once by surname) by one article, and by surname only by
	// another, each pair with a surname of its own.
	pair := func(surname string) (full, short Input) {
		full = Input{ArticleMeta: facts.ArticleMeta{Title: "full", URL: "https://example.com/alias-full-" + surname},
			Body: "Latvian Foreign Minister Ilgvars " + surname + " said on Monday that Latvia would join the drills.\n“We are ready,” " + surname + " said.\n"}
		short = Input{ArticleMeta: facts.ArticleMeta{Title: "short", URL: "https://example.com/alias-short-" + surname},
			Body: surname + " said on Friday that the talks in Riga had been frank.\n“Nothing is decided,” " + surname + " told reporters.\n"}
		return full, short
	}
	// mustBeOnePerson checks that both articles name one entity, the person with the full name.
	mustBeOnePerson := func(t *testing.T, surname string, full, short Input) {
		t.Helper()
		var people []string
		for _, in := range []Input{full, short} {
			x, err := store.ArticleFacts(ctx, facts.ArticleID(in.URL, ""))
			require.NoError(t, err)
			for _, e := range x.Entities {
				if e.Type == facts.Person {
					people = append(people, e.ID)
				}
			}
			for _, st := range x.Statements {
				assert.Equal(t, people[len(people)-1], st.SpeakerID, "statement %q", st.Text)
			}
		}
		require.Len(t, people, 2)
		assert.Equal(t, people[0], people[1], "both articles name the same person")
		e, err := store.Entity(ctx, people[0])
		require.NoError(t, err)
		assert.Equal(t, "Ilgvars "+surname, e.Name, "the full name, whichever came first")
		assert.Contains(t, e.Aliases, surname)
		assert.Equal(t, 2, e.ArticleCount)
		assert.Equal(t, 4, e.StatementCount, "two statements in each article")
	}

	saveInOrder := func(t *testing.T, ins ...Input) {
		t.Helper()
		for _, in := range ins {
			_, err := One(ctx, store, g, in, 0)
			require.NoError(t, err)
		}
	}

	t.Run("FullNameFirst", func(t *testing.T) {
		full, short := pair("Ozolkalns")
		saveInOrder(t, full, short)
		mustBeOnePerson(t, "Ozolkalns", full, short)
		_, err := store.Entity(ctx, "ozolkalns")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "no entity of the surname alone")
	})
	t.Run("SurnameFirst", func(t *testing.T) {
		full, short := pair("Kalnietis")
		saveInOrder(t, short, full)
		mustBeOnePerson(t, "Kalnietis", full, short)
		_, err := store.Entity(ctx, "kalnietis")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "the person stored by surname merged into the full name")
		to, err := store.EntityRedirect(ctx, "kalnietis")
		require.NoError(t, err)
		assert.Equal(t, "ilgvars-kalnietis", to)
	})
	t.Run("AtOnce", func(t *testing.T) {
		// Saved side by side, neither sees the other's entity committed: the second to reach
		// the name waits for the first to commit.
		for i := range 10 {
			surname := fmt.Sprintf("Berzin%cs", 'a'+i)
			full, short := pair(surname)
			src := func(yield func(Item) bool) {
				_ = yield(Item{Where: "full", Input: full}) && yield(Item{Where: "short", Input: short})
			}
			sum := Run(ctx, store, src, Options{Workers: 2, Gazetteer: g})
			require.Equal(t, 2, sum.Created, "%+v", sum)
			mustBeOnePerson(t, surname, full, short)
		}
	})
	t.Run("TwoFullNamesNeverMerge", func(t *testing.T) {
		// Both people are called by the surname alone too; neither is only that surname.
		a := Input{ArticleMeta: facts.ArticleMeta{URL: "https://example.com/alias-sister"},
			Body: "Latvian Foreign Minister Ilgvars Liepins said on Monday that Latvia would join the drills.\n“We are ready,” Liepins said.\n"}
		b := Input{ArticleMeta: facts.ArticleMeta{URL: "https://example.com/alias-brother"},
			Body: "Latvian Defence Minister Andris Liepins said on Tuesday that Latvia would host the drills.\n“We are proud,” Liepins said.\n"}
		saveInOrder(t, a, b)
		for _, id := range []string{"ilgvars-liepins", "andris-liepins"} {
			e, err := store.Entity(ctx, id)
			require.NoError(t, err, id)
			assert.Equal(t, 1, e.ArticleCount, id)
		}
	})
	mustBeConsistent(t, pool)
}

func TestMixedBatchWithBadArticles(t *testing.T) {
	ctx := context.Background()
	pool := pgtest.Pool(t)
	dir := t.TempDir()
	mustWriteArticles(t, dir, "mixed", 2)
	bad := map[string]string{
		"empty.txt":    "",
		"blank.md":     "---\ntitle: blank\n---\n \n\t\n",
		"badutf8.txt":  "Troops \xff\xfe arrived.",
		"big.txt":      strings.Repeat("Troops arrived. ", 200),
		"baddate.md":   "---\npublished_at: next week\n---\nTroops arrived.",
		"unclosed.md":  "---\ntitle: x\n",
		"lines.jsonl":  `{"title":"ok","url":"https://example.com/mixed-jsonl","body":"Estonian Defense Minister Maarit Lindqvist said the drills began."}` + "\n{oops\n",
		"nofile.txt":   "", // removed below: listed but unreadable
		"skipped.json": "not an article: directories are walked for .txt, .md and .jsonl only",
	}
	for name, text := range bad {
		mustWrite(t, filepath.Join(dir, name), text)
	}
	require.NoError(t, os.Remove(filepath.Join(dir, "nofile.txt")))

	var outcomes []Outcome
	sum := Run(ctx, postgres.New(pool), Files([]string{dir, filepath.Join(dir, "nofile.txt")}, ReadOptions{MaxBytes: 1000}), Options{
		Workers: 2, Gazetteer: gazetteer.Default(), OnOutcome: func(o Outcome) { outcomes = append(outcomes, o) },
	})
	assert.Equal(t, Summary{Created: 3, Failed: 8}, withoutTime(sum))
	problems := map[string]string{}
	for _, o := range outcomes {
		if o.Err != nil {
			problems[strings.TrimPrefix(o.Where, dir+"/")] = o.Err.Error()
		}
	}
	for where, want := range map[string]string{
		"empty.txt":     "empty",
		"blank.md":      "empty",
		"badutf8.txt":   "UTF-8",
		"big.txt":       "over the size limit",
		"baddate.md":    `published_at "next week" is not a date`,
		"unclosed.md":   "front matter is not closed",
		"lines.jsonl:2": "malformed JSON line",
		"nofile.txt":    "cannot read",
	} {
		assert.Contains(t, problems[where], want, where)
	}
	assert.Len(t, problems, 8)
	mustBeConsistent(t, pool)
}

// cancelRuns numbers TestCancel's runs.
var cancelRuns atomic.Int64

func TestCancel(t *testing.T) {
	pool := pgtest.Pool(t)
	// Ctrl-C as the first transaction reaches its call number at (the second call sends its
	// writes, the third is COMMIT), with one worker so that no other article is in flight.
	run := func(t *testing.T, at int64, tag string) (Summary, []Outcome) {
		tag = fmt.Sprintf("%s-%d", tag, cancelRuns.Add(1)) // new articles each run, also under -count
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		db := &faultyDB{Pool: pool, failAt: at, onHit: cancel}
		var outcomes []Outcome
		sum := Run(ctx, postgres.New(db), generatedArticles(tag, 50), Options{
			Workers: 1, Gazetteer: gazetteer.Default(),
			OnOutcome: func(o Outcome) { outcomes = append(outcomes, o) },
		})
		return sum, outcomes
	}
	t.Run("RollsBackInFlight", func(t *testing.T) {
		before := snapshot(t, pool)
		sum, outcomes := run(t, 2, "cancel-writes")
		assert.Equal(t, Summary{Interrupted: true}, withoutTime(sum), "the cancelled article is neither stored nor failed")
		assert.Empty(t, outcomes)
		assert.Equal(t, before, snapshot(t, pool), "nothing half-written")
	})
	t.Run("CommitAlreadySentLands", func(t *testing.T) {
		before := snapshot(t, pool)
		sum, outcomes := run(t, 3, "cancel-commit")
		assert.Equal(t, Summary{Created: 1, Interrupted: true}, withoutTime(sum), "the summary counts the article whose COMMIT was sent")
		require.Len(t, outcomes, 1)
		assert.Regexp(t, `^cancel-commit-\d+:0$`, outcomes[0].Where)
		assert.Equal(t, before["articles"]+1, snapshot(t, pool)["articles"])
		mustBeConsistent(t, pool)
	})
}

// unavailableAfter is a Saver whose database goes away after n saves.
type unavailableAfter struct {
	Saver
	n atomic.Int64
}

func (u *unavailableAfter) SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	if u.n.Add(-1) < 0 {
		return facts.SaveResult{}, facts.Errorf(facts.EUNAVAILABLE, "cannot reach database at 127.0.0.1:5432 (DATABASE_URL): connection refused")
	}
	return u.Saver.SaveArticle(ctx, a, x)
}

func TestRunStopsWhenDatabaseGoesAway(t *testing.T) {
	s := &unavailableAfter{Saver: postgres.New(pgtest.Pool(t))}
	s.n.Store(5)
	sum := Run(context.Background(), s, generatedArticles("gone", 500), Options{Workers: 2, Gazetteer: gazetteer.Default()})
	assert.Equal(t, 5, sum.Created)
	assert.GreaterOrEqual(t, sum.Failed, 1)
	assert.LessOrEqual(t, sum.Failed, 1+2*3, "it stopped taking articles: only those already taken failed too")
	require.Error(t, sum.Err)
	assert.Contains(t, sum.Err.Error(), "stopped: cannot reach database")
	assert.False(t, sum.Interrupted)
}
