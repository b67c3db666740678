package postgres_test

import (
	"testing"

	"github.com/jackc/pgx/v5/pgtype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// article_entities carry their article's date (migration 000008): a save writes it, and a
// row inserted by anything else (merge_entities) takes it from the article.
func TestArticleEntityDates(t *testing.T) {
	tx := pgtest.Tx(t)
	store := postgres.New(tx)
	a, x := fixtureA(t)
	mustSave(t, store, a, x)

	var dates []pgtype.Date
	rows, err := tx.Query(ctx, `SELECT published_at FROM article_entities WHERE article_id = $1`, a.ID)
	require.NoError(t, err)
	for rows.Next() {
		var d pgtype.Date
		require.NoError(t, rows.Scan(&d))
		dates = append(dates, d)
	}
	require.NoError(t, rows.Err())
	require.Len(t, dates, len(x.Entities))
	for _, d := range dates {
		assert.Equal(t, "2022-08-17", d.Time.Format("2006-01-02"))
	}

	_, err = tx.Exec(ctx, `INSERT INTO entities (id, name, type) VALUES ('mongolia', 'Mongolia', 'country')`)
	require.NoError(t, err)
	_, err = tx.Exec(ctx, `INSERT INTO article_entities (article_id, entity_id, mention_count, statement_count) VALUES ($1, 'mongolia', 0, 0)`, a.ID)
	require.NoError(t, err)
	tl, err := store.Timeline(ctx, facts.TimelineFilter{EntityID: "mongolia", Bucket: facts.Month})
	require.NoError(t, err)
	require.Len(t, tl.Points, 1, "the inserted row took its article's date")
	assert.Equal(t, "2022-08-01", tl.Points[0].Start.String())
	assert.Zero(t, tl.Undated.Articles)
}
