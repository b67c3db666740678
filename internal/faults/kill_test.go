package faults

import (
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
)

// mustBuild builds a command of this module into dir and returns its path.
func mustBuild(tb testing.TB, dir, pkg string) string {
	tb.Helper()
	out := filepath.Join(dir, filepath.Base(pkg))
	b, err := exec.Command("go", "build", "-o", out, "github.com/newsfacts/newsfacts/"+pkg).CombinedOutput()
	require.NoError(tb, err, "go build %s: %s", pkg, b)
	return out
}

// mustDatabase creates and migrates database name on c and returns its URL and a pool.
func mustDatabase(tb testing.TB, c *cluster, name string) (string, *pgxpool.Pool) {
	tb.Helper()
	url := c.url(name)
	require.NoError(tb, postgres.Migrate(context.Background(), url)) // creates it
	pool, err := postgres.Open(context.Background(), url)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	return url, pool
}

// invariants returns what is wrong with the stored facts: maintained counts that differ from a
// recount, and facts that name an article or entity that is not stored.
func invariants(tb testing.TB, pool *pgxpool.Pool) []string {
	tb.Helper()
	rows, err := pool.Query(context.Background(), `
		SELECT 'entity counts ' || e.id FROM entities e
		WHERE e.mention_count <> (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
		   OR e.statement_count <> (SELECT count(*) FROM statements s WHERE s.speaker_id = e.id)
		   OR e.article_count <> (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id)
		UNION ALL
		SELECT 'article counts ' || a.id FROM articles a
		WHERE a.entity_count <> (SELECT count(*) FROM article_entities ae WHERE ae.article_id = a.id)
		   OR a.mention_count <> (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
		   OR a.statement_count <> (SELECT count(*) FROM statements s WHERE s.article_id = a.id)
		   OR a.exercise_count <> (SELECT count(*) FROM exercise_sources x WHERE x.article_id = a.id)
		UNION ALL
		SELECT 'orphan mention of ' || m.entity_id FROM mentions m
		WHERE NOT EXISTS (SELECT FROM entities e WHERE e.id = m.entity_id)
		   OR NOT EXISTS (SELECT FROM articles a WHERE a.id = m.article_id)
		UNION ALL
		SELECT 'orphan statement ' || s.id FROM statements s
		WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = s.article_id)`)
	require.NoError(tb, err)
	defer rows.Close()
	var wrong []string
	for rows.Next() {
		var s string
		require.NoError(tb, rows.Scan(&s))
		wrong = append(wrong, s)
	}
	require.NoError(tb, rows.Err())
	return wrong
}

// totals summarizes the stored facts for comparison between two databases.
func totals(tb testing.TB, pool *pgxpool.Pool) string {
	tb.Helper()
	var s string
	require.NoError(tb, pool.QueryRow(context.Background(), `
		SELECT format('articles %s entities %s mentions %s statements %s exercises %s digest %s',
			(SELECT count(*) FROM articles), (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions),
			(SELECT count(*) FROM statements), (SELECT count(*) FROM exercises),
			(SELECT md5(string_agg(id || ':' || mention_count || ':' || statement_count || ':' || article_count, ',' ORDER BY id)) FROM entities))`).Scan(&s))
	return s
}

// TestKilledIngestResumes: an ingest killed with SIGKILL at random points leaves every
// invariant intact, and a rerun ends with exactly the facts of one uninterrupted ingest.
func TestKilledIngestResumes(t *testing.T) {
	c := mustCluster(t)
	dir := t.TempDir()
	newsfacts := mustBuild(t, dir, "cmd/newsfacts")
	gencorpus := mustBuild(t, dir, "cmd/gencorpus")
	corpus := filepath.Join(dir, "corpus.jsonl")
	out, err := exec.Command(gencorpus, "-n", "150", "-seed", "7", "-out", corpus).CombinedOutput()
	require.NoError(t, err, "%s", out)

	ingest := func(url string) *exec.Cmd {
		// One worker: articles are saved in file order, so that every run resolves names alike.
		cmd := exec.Command(newsfacts, "ingest", "--json", "--workers", "1", corpus)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+url)
		return cmd
	}
	refURL, ref := mustDatabase(t, c, "reference")
	out, err = ingest(refURL).CombinedOutput()
	require.NoError(t, err, "%s", out)
	want := totals(t, ref)

	url, pool := mustDatabase(t, c, "killed")
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 13))
	for round := range 3 {
		cmd := ingest(url)
		require.NoError(t, cmd.Start())
		delay := time.Duration(100+rng.IntN(900)) * time.Millisecond
		time.Sleep(delay)
		_ = cmd.Process.Kill() // SIGKILL: no cleanup, no rollback but the database's own
		_ = cmd.Wait()
		var n int
		require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM articles`).Scan(&n))
		t.Logf("round %d: killed after %s with %d articles stored", round, delay, n)
		assert.Empty(t, invariants(t, pool), "round %d", round)
	}
	out, err = ingest(url).CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Empty(t, invariants(t, pool))
	assert.Equal(t, want, totals(t, pool), "a rerun after kills stores what one uninterrupted ingest does")
}
