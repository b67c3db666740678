package postgres_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMergeEntities(t *testing.T) {
	t.Run("OK", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		mustSave(t, s, b, y)

		// russia and china share an article, a statement and an exercise: every shared
		// reference is kept once.
		require.NoError(t, s.MergeEntities(ctx, "russia", "china"))
		mustCountsConsistent(t, tx)

		_, err := s.Entity(ctx, "russia")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		to, err := s.EntityRedirect(ctx, "russia")
		require.NoError(t, err)
		assert.Equal(t, "china", to)

		e, err := s.Entity(ctx, "china")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Beijing", "Russia", "Russian", "Moscow"}, e.Aliases)
		assert.Equal(t, facts.EntityStats{MentionCount: 6, StatementCount: 0, ArticleCount: 2}, e.EntityStats, "4 in a, 2 in b (Moscow is Russia)")

		st, err := s.Statement(ctx, a.ID+"-s1")
		require.NoError(t, err)
		assert.Equal(t, []string{"china"}, st.EntityIDs)
		st, err = s.Statement(ctx, b.ID+"-s1")
		require.NoError(t, err)
		assert.Equal(t, []string{"china"}, st.EntityIDs)

		ex, err := s.Exercise(ctx, "vostok-2022")
		require.NoError(t, err)
		assert.Equal(t, "china", ex.HostID, "the first source's host, now china")
		assert.NotContains(t, ex.ParticipantIDs, "russia")
		assert.Contains(t, ex.ParticipantIDs, "china")

		p, err := s.Entity(ctx, "vladimir-putin")
		require.NoError(t, err)
		assert.Equal(t, "china", p.AffiliationID)

		var left int
		require.NoError(t, tx.QueryRow(ctx, `SELECT
			(SELECT count(*) FROM article_entities WHERE entity_id = 'russia' OR affiliation_id = 'russia')
			+ (SELECT count(*) FROM mentions WHERE entity_id = 'russia')
			+ (SELECT count(*) FROM statements WHERE speaker_id = 'russia')
			+ (SELECT count(*) FROM statement_entities WHERE entity_id = 'russia')
			+ (SELECT count(*) FROM exercise_participants WHERE entity_id = 'russia')
			+ (SELECT count(*) FROM exercise_sources WHERE host_id = 'russia')
			+ (SELECT count(*) FROM exercises WHERE host_id = 'russia')
			+ (SELECT count(*) FROM entity_names WHERE entity_id = 'russia')
			+ (SELECT count(*) FROM entities WHERE affiliation_id = 'russia')`).Scan(&left))
		assert.Zero(t, left, "no reference to the merged id is left")

		// A later article that names russia is saved as china.
		c, z := fixtureB(t)
		c.ID, c.URL, c.SHA256 = "00000000000000cc", "https://example.com/c", strings.Repeat("c", 64)
		mustSave(t, s, c, z)
		_, err = s.Entity(ctx, "russia")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "not stored again")
		e, err = s.Entity(ctx, "china")
		require.NoError(t, err)
		assert.Equal(t, 3, e.ArticleCount)
		mustCountsConsistent(t, tx)

		// A chain: china merged on keeps russia's redirect pointing at a stored entity.
		require.NoError(t, s.MergeEntities(ctx, "china", "india"))
		to, err = s.EntityRedirect(ctx, "russia")
		require.NoError(t, err)
		assert.Equal(t, "india", to)
		mustCountsConsistent(t, tx)
	})
	t.Run("Invalid", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(s.MergeEntities(ctx, "india", "india")))
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(s.MergeEntities(ctx, "india", "nowhere")))
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(s.MergeEntities(ctx, "nowhere", "india")))
		require.NoError(t, s.MergeEntities(ctx, "belarus", "india"))
		err := s.MergeEntities(ctx, "belarus", "india")
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
		assert.Contains(t, err.Error(), `merged into "india" already`)
	})
}
