package postgres_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestListenArticles(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	store := postgres.New(pool)

	l, err := postgres.ListenArticles(ctx, url)
	require.NoError(t, err)
	t.Cleanup(l.Close)
	// next returns the id announced within a short time, "" when none is.
	next := func() string {
		wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer cancel()
		id, err := l.Next(wctx)
		if errors.Is(err, context.DeadlineExceeded) {
			return ""
		}
		require.NoError(t, err)
		return id
	}

	a, x := fixtureA(t)
	mustSave(t, store, a, x)
	assert.Equal(t, a.ID, next(), "a committed save names its article, once")
	assert.Empty(t, next(), "one save, one notification")

	mustSave(t, store, a, x)
	assert.Empty(t, next(), "an unchanged save writes nothing and announces nothing")

	c, err := store.Change(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, a.ID, c.ArticleID)
	assert.Equal(t, a.Title, c.Title)
	assert.Equal(t, len(x.Entities), c.EntityCount)
	assert.Equal(t, len(x.Statements), c.StatementCount)
}
