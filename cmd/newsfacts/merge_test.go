package main

import (
	"bytes"
	"context"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMerge(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(ctx, url))
	dir := t.TempDir()
	mustWriteFile(t, filepath.Join(dir, "a.txt"), wireArticle("merge", 1))
	require.Equal(t, 0, runIngestCmd(ctx, t, url, nil, "--json", dir).code)

	merge := func(args ...string) (int, string) {
		var out, errOut bytes.Buffer
		getenv := func(name string) string {
			if name == "DATABASE_URL" {
				return url
			}
			return ""
		}
		err := run(ctx, append([]string{"newsfacts", "merge"}, args...), getenv, nil, &out, &errOut)
		return exitCode(err, &errOut), errOut.String()
	}

	t.Run("OK", func(t *testing.T) {
		code, stderr := merge("estonia", "norway")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stderr, "merged estonia into norway")
		pool, err := postgres.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		store := postgres.New(pool)
		_, err = store.Entity(ctx, "estonia")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		to, err := store.EntityRedirect(ctx, "estonia")
		require.NoError(t, err)
		assert.Equal(t, "norway", to)
		e, err := store.Entity(ctx, "norway")
		require.NoError(t, err)
		assert.Contains(t, e.Aliases, "Estonia")
	})
	t.Run("NotFound", func(t *testing.T) {
		code, stderr := merge("nowhere", "norway")
		assert.Equal(t, exitFailure, code)
		assert.Contains(t, stderr, `entity "nowhere" not found`)
	})
	t.Run("MergedAlready", func(t *testing.T) {
		code, stderr := merge("estonia", "norway")
		assert.Equal(t, exitFailure, code)
		assert.Contains(t, stderr, `entity "estonia" was merged into "norway" already`)
	})
	t.Run("Usage", func(t *testing.T) {
		code, stderr := merge("estonia")
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, "Usage: newsfacts merge FROM INTO")
	})
}
