package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// TestTooManyWordsIsTooLarge: a body whose tsvector would pass PostgreSQL's 1 MB limit is
// refused as too large, not an internal error.
func TestTooManyWordsIsTooLarge(t *testing.T) {
	store := postgres.New(pgtest.Tx(t))
	var b strings.Builder
	for i := 0; b.Len() < 1_900_000; i++ {
		fmt.Fprintf(&b, "w%x ", i*7919)
	}
	body := b.String()
	a := facts.Article{ID: "0000000000000abc", ArticleMeta: facts.ArticleMeta{Title: "words"}, SHA256: strings.Repeat("c", 64),
		Body: body, ExtractorVersion: facts.ExtractorVersion}
	x := facts.Extraction{Article: facts.ExtractedArticle{Title: "words", SHA256: a.SHA256, Body: body}}
	_, err := store.SaveArticle(t.Context(), a, x)
	require.Error(t, err)
	assert.Equal(t, facts.ETOOLARGE, facts.ErrorCode(err), "%v", err)
	assert.NotContains(t, facts.ErrorMessage(err), "tsvector", "driver text stays in the log")
}

// TestStatementTimeoutIsTimeout: a statement PostgreSQL cancels for taking too long is
// ETIMEOUT ("narrow the query"), not EUNAVAILABLE: the database is there, the query is costly.
func TestStatementTimeoutIsTimeout(t *testing.T) {
	ctx := context.Background()
	pool, err := postgres.OpenWith(ctx, pgtest.URL(t), postgres.PoolOptions{MaxConns: 2, StatementTimeout: 50 * time.Millisecond})
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	_, err = pool.Exec(ctx, "SELECT pg_sleep(1)")
	require.Error(t, err)
	err = postgres.Wrap(err, "sleep")
	assert.Equal(t, facts.ETIMEOUT, facts.ErrorCode(err), "%v", err)
	assert.Equal(t, 2, int(pool.Config().MaxConns))
}
