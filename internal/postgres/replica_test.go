package postgres_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// TestReadPoolsNoReplica: without replicas everything reads the primary, and tokens still
// validate and raise the floor (which empties a cache). The replica cases run against a real
// standby in cmd/newsfacts (TestReplica).
func TestReadPoolsNoReplica(t *testing.T) {
	ctx := context.Background()
	advanced := 0
	reads := postgres.NewReadPools(pgtest.Pool(t), nil, postgres.ReadOptions{OnAdvance: func() { advanced++ }})
	defer reads.Close()

	token, err := reads.Token(ctx)
	require.NoError(t, err)
	lsn, err := postgres.ParseLSN(token)
	require.NoError(t, err)

	t.Run("OK", func(t *testing.T) {
		_, err := reads.Require(ctx, "")
		require.NoError(t, err)
		assert.Zero(t, advanced)
		_, err = reads.Require(ctx, token)
		require.NoError(t, err)
		assert.Equal(t, 1, advanced, "a new token empties the cache")
		assert.Equal(t, lsn, reads.Floor())
		_, err = reads.Require(ctx, token)
		require.NoError(t, err)
		assert.Equal(t, 1, advanced, "a token already seen does not")
		assert.NoError(t, reads.Ready(ctx))
	})
	t.Run("InvalidToken", func(t *testing.T) {
		for _, tok := range []string{"soon", "1/2/3", "FFFFFFFF/0"} {
			_, err := reads.Require(ctx, tok)
			assert.Equal(t, facts.EINVALID, facts.ErrorCode(err), tok)
		}
		assert.Equal(t, lsn, reads.Floor(), "a token ahead of the primary leaves the floor")
	})
	t.Run("ReadsPrimary", func(t *testing.T) {
		store := postgres.New(reads)
		_, _, err := store.Articles(ctx, facts.ArticleFilter{})
		require.NoError(t, err)
		_, err = store.ArticleFacts(ctx, "0000000000000000")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		require.NoError(t, store.Ready(ctx))
	})
}
