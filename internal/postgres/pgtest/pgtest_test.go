package pgtest_test

import (
	"context"
	"os"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

func TestPoolIsMigrated(t *testing.T) {
	v, dirty, err := postgres.CurrentSchema(context.Background(), pgtest.Pool(t))
	require.NoError(t, err)
	assert.False(t, dirty)
	assert.Equal(t, postgres.SchemaVersion, v)
}

func TestTxRollsBack(t *testing.T) {
	ctx := context.Background()
	t.Run("Write", func(t *testing.T) {
		_, err := pgtest.Tx(t).Exec(ctx, `INSERT INTO entities (id, name, type) VALUES ('pgtest-probe', 'Probe', 'group')`)
		require.NoError(t, err)
	})
	var n int
	require.NoError(t, pgtest.Pool(t).QueryRow(ctx, `SELECT count(*) FROM entities WHERE id = 'pgtest-probe'`).Scan(&n))
	assert.Equal(t, 0, n, "the subtest's transaction must have been rolled back")
}

func TestNewDatabaseIsEmptyAndDropped(t *testing.T) {
	ctx := context.Background()
	var url string
	t.Run("Create", func(t *testing.T) {
		url = pgtest.NewDatabase(t)
		v, _, err := postgres.MigrateVersion(ctx, url)
		require.NoError(t, err)
		assert.Equal(t, uint(0), v)
	})
	conn, err := pgx.Connect(ctx, url)
	if err == nil {
		conn.Close(ctx)
	}
	assert.Error(t, err, "the database must be dropped when its test ends")
}

func TestURLNamesThrowawayDatabase(t *testing.T) {
	cfg, err := pgx.ParseConfig(pgtest.URL(t))
	require.NoError(t, err)
	assert.Regexp(t, `^nftest_pgtest_\d+_[0-9a-f]{8}$`, cfg.Database)
}
