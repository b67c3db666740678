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

func TestListen(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	t.Cleanup(pool.Close)
	store := postgres.New(pool)

	l, err := postgres.Listen(ctx, url)
	require.NoError(t, err)
	t.Cleanup(l.Close)
	// waitBriefly reports whether a notification arrived within a short time.
	waitBriefly := func() bool {
		wctx, cancel := context.WithTimeout(ctx, 500*time.Millisecond)
		defer cancel()
		err := l.Wait(wctx)
		if errors.Is(err, context.DeadlineExceeded) {
			return false
		}
		require.NoError(t, err)
		return true
	}

	a, x := fixtureA(t)
	failing := postgres.New(pool)
	// "write" fails after every row is written, the article's among them: the trigger has fired.
	failing.SetFailAt(func(step string) error {
		if step == "write" {
			return errors.New("injected at " + step)
		}
		return nil
	})
	_, err = failing.SaveArticle(ctx, a, x)
	require.Error(t, err)
	assert.False(t, waitBriefly(), "a rolled-back save notifies nobody")

	mustSave(t, store, a, x)
	assert.True(t, waitBriefly(), "a committed save notifies listeners")

	mustSave(t, store, a, x)
	assert.False(t, waitBriefly(), "an unchanged save writes nothing and notifies nobody")
}
