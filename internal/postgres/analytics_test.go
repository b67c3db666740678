package postgres_test

import (
	"strings"
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

// Related counts over an entity's latest RelatedSample articles: an entity named only in
// older articles than those is not related, one named in all of them shares all of them.
func TestRelatedReadsTheLatestArticles(t *testing.T) {
	tx := pgtest.Tx(t)
	store := postgres.New(tx)
	n := postgres.RelatedSample + 100
	for _, q := range []string{
		`INSERT INTO articles (id, url, sha256, title, source, published_at, body, extractor_version)
			SELECT lpad(to_hex(i), 16, '0'), 'https://example.com/' || i, lpad(to_hex(i), 64, '0'),
				'Report ' || i, 'Wire', '2020-01-01'::date + i, 'Report ' || i, 1
			FROM generate_series(1, $1::int) i`,
		`INSERT INTO entities (id, name, type) VALUES ('hub', 'Hub', 'country'),
			('old', 'Old', 'country'), ('new', 'New', 'country')`,
		`INSERT INTO article_entities (article_id, entity_id, mention_count, statement_count)
			SELECT lpad(to_hex(i), 16, '0'), 'hub', 1, 0 FROM generate_series(1, $1::int) i
			UNION ALL SELECT lpad(to_hex(i), 16, '0'), 'old', 1, 0 FROM generate_series(1, 100) i
			UNION ALL SELECT lpad(to_hex(i), 16, '0'), 'new', 1, 0 FROM generate_series(101, $1::int) i`,
	} {
		args := []any{n}
		if !strings.Contains(q, "$1") {
			args = nil
		}
		_, err := tx.Exec(ctx, q, args...)
		require.NoError(t, err, q)
	}
	related, _, err := store.Related(ctx, facts.RelatedFilter{EntityID: "hub"})
	require.NoError(t, err)
	require.Len(t, related, 1, "only the entity of the latest articles: %+v", related)
	assert.Equal(t, "new", related[0].ID)
	assert.Equal(t, postgres.RelatedSample, related[0].SharedArticles)
}
