package postgres_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// mustCountsConsistent fails when any maintained count (or entity's kept names, or search
// posting) differs from a recount of the rows.
func mustCountsConsistent(tb testing.TB, db postgres.DBTX) {
	tb.Helper()
	rows, err := db.Query(ctx, `
		SELECT 'entity ' || e.id FROM entities e
		WHERE e.mention_count <> (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id)
		   OR e.statement_count <> (SELECT count(*) FROM statements s WHERE s.speaker_id = e.id)
		   OR e.article_count <> (SELECT count(*) FROM article_entities ae WHERE ae.entity_id = e.id)
		UNION ALL
		SELECT 'article ' || a.id FROM articles a
		WHERE a.entity_count <> (SELECT count(*) FROM article_entities ae WHERE ae.article_id = a.id)
		   OR a.mention_count <> (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
		   OR a.statement_count <> (SELECT count(*) FROM statements s WHERE s.article_id = a.id)
		   OR a.exercise_count <> (SELECT count(*) FROM exercise_sources x WHERE x.article_id = a.id)
		UNION ALL
		SELECT 'exercise ' || x.id FROM exercises x
		WHERE x.article_count <> (SELECT count(*) FROM exercise_sources s WHERE s.exercise_id = x.id)
		   OR x.mention_count <> (SELECT count(*) FROM exercise_mentions m WHERE m.exercise_id = x.id)
		   OR x.participant_count <> (SELECT count(DISTINCT p.entity_id) FROM exercise_participants p WHERE p.exercise_id = x.id)
		   OR x.participant_count <> (SELECT count(*) FROM exercise_members p WHERE p.exercise_id = x.id
		                              AND p.list_key = coalesce(x.period_start, '-infinity'::date))
		   OR x.alias_count <> (SELECT count(DISTINCT a.alias) FROM exercise_aliases a WHERE a.exercise_id = x.id AND a.alias <> x.name)
		UNION ALL
		SELECT 'names of ' || e.id FROM entities e
		WHERE e.names <> array(SELECT n.name FROM entity_names n WHERE n.entity_id = e.id ORDER BY n.name LIMIT 40)
		UNION ALL
		SELECT 'entity title ' || coalesce(k.entity_id, r.entity_id) || ': ' || coalesce(k.articles, 0) || ' kept, ' || coalesce(r.n, 0) || ' counted'
		FROM entity_titles k FULL JOIN (
			SELECT entity_id, coalesce(title, '') AS title, coalesce(affiliation_id, '') AS affiliation_id, count(*) AS n
			FROM article_entities WHERE title IS NOT NULL OR affiliation_id IS NOT NULL GROUP BY 1, 2, 3) r
			ON r.entity_id = k.entity_id AND r.title = k.title AND r.affiliation_id = k.affiliation_id
		WHERE k.articles IS DISTINCT FROM r.n
		UNION ALL
		-- The pair most articles give, as 000005 aggregated it.
		SELECT 'title of ' || e.id FROM entities e LEFT JOIN LATERAL (
			SELECT x.title, x.affiliation_id FROM article_entities x
			WHERE x.entity_id = e.id AND (x.title IS NOT NULL OR x.affiliation_id IS NOT NULL)
			GROUP BY x.title, x.affiliation_id
			ORDER BY count(*) DESC, (x.title IS NOT NULL AND x.affiliation_id IS NOT NULL) DESC,
				x.title COLLATE "C" NULLS LAST, x.affiliation_id NULLS LAST
			LIMIT 1) t ON true
		WHERE (e.title, CASE WHEN e.affiliation_id <> e.id THEN e.affiliation_id END)
			IS DISTINCT FROM (t.title, CASE WHEN t.affiliation_id <> e.id THEN t.affiliation_id END)
		UNION ALL
		-- The search structures (000009, 000011, keyed by hashtext since 000015): the postings
		-- exactly those of the stored statements, every (word, day) of an article stored.
		(WITH want AS (
			SELECT DISTINCT hashtext(w) AS lexeme_hash, coalesce(s.said_on, '-infinity'::date) AS list_key, s.id AS statement_id
			FROM statements s, unnest(tsvector_to_array(s.search)) w)
		SELECT 'posting missing ' || statement_id FROM (SELECT * FROM want EXCEPT ALL SELECT lexeme_hash, list_key, statement_id FROM statement_words) d
		UNION ALL
		SELECT 'posting left ' || statement_id FROM (SELECT lexeme_hash, list_key, statement_id FROM statement_words EXCEPT ALL SELECT * FROM want) d)
		UNION ALL
		SELECT 'search day of ' || a.id || ': ' || w FROM articles a, unnest(tsvector_to_array(a.search)) w
		WHERE NOT EXISTS (SELECT FROM article_search_days d WHERE d.lexeme_hash = hashtext(w) AND d.day = coalesce(a.published_at, '-infinity'::date))`)
	require.NoError(tb, err)
	wrong, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(tb, err)
	assert.Empty(tb, wrong, "counts that disagree with a recount")
	mustExercisesAsRecomputed(tb, db)
}

// mustExercisesAsRecomputed fails when the merged exercises and their memberships that saves
// kept by increments differ from merge_exercises' recompute from all of their reports.
func mustExercisesAsRecomputed(tb testing.TB, db postgres.DBTX) {
	tb.Helper()
	tx, err := db.Begin(ctx)
	require.NoError(tb, err)
	defer func() { require.NoError(tb, tx.Rollback(ctx)) }()
	snapshot := func() []string {
		rows, err := tx.Query(ctx, `
			SELECT format('%s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s %s', x.id, x.name, x.host_id, x.purpose, x.period_text,
				x.period_start, x.period_end, x.aliases, x.alias_count, x.participant_ids, x.participant_count, x.article_count,
				x.mention_count, x.first_article_id, x.first_published_at, x.latest_article_id, x.latest_published_at,
				x.host_article_id, x.host_published_at, x.purpose_article_id, x.purpose_published_at, x.period_article_id, x.period_published_at)
			FROM exercises x
			UNION ALL
			SELECT format('member %s %s %s %s %s %s', m.exercise_id, m.entity_id, m.list_key, m.first_published, m.first_article, m.first_position)
			FROM exercise_members m
			ORDER BY 1`)
		require.NoError(tb, err)
		list, err := pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(tb, err)
		return list
	}
	kept := snapshot()
	_, err = tx.Exec(ctx, `SELECT merge_exercises(array(SELECT id FROM exercises))`)
	require.NoError(tb, err)
	assert.Equal(tb, snapshot(), kept, "exercises as recomputed from all their reports (want) and as saves kept them (got)")
}

// exerciseArticleIDs walks the articles of an exercise and checks its count and reports
// against them.
func exerciseArticleIDs(tb testing.TB, s *postgres.Store, id string) []string {
	tb.Helper()
	var ids []string
	cursor := ""
	for {
		page, next, err := s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: id, Page: facts.Page{Limit: 3, Cursor: cursor}})
		require.NoError(tb, err)
		for _, a := range page {
			ids = append(ids, a.ID)
		}
		if next == "" {
			break
		}
		cursor = next
	}
	x, err := s.Exercise(ctx, id)
	require.NoError(tb, err)
	assert.Equal(tb, len(ids), x.ArticleCount)
	if assert.NotEmpty(tb, ids) && assert.NotNil(tb, x.FirstReport) && assert.NotNil(tb, x.LatestReport) {
		assert.Equal(tb, ids[0], x.FirstReport.ArticleID)
		assert.Equal(tb, ids[len(ids)-1], x.LatestReport.ArticleID)
	}
	return ids
}

func stats(tb testing.TB, s *postgres.Store, id string) facts.EntityStats {
	tb.Helper()
	e, err := s.Entity(ctx, id)
	require.NoError(tb, err)
	return e.EntityStats
}

func TestSaveArticle(t *testing.T) {
	t.Run("Created", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		res := mustSave(t, s, a, x)
		assert.Equal(t, facts.SaveResult{ArticleID: a.ID, Status: facts.Created,
			Counts: facts.Counts{Entities: 6, Mentions: 8, Statements: 2, Exercises: 1}}, res)

		got, err := s.Article(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, a.Body, got.Body)
		assert.Equal(t, "2022-08-17", got.PublishedAt.String())
		assert.Equal(t, "https://example.com/a", got.URL)
		assert.Equal(t, 6, got.EntityCount)
		assert.Equal(t, facts.EntityStats{MentionCount: 2, StatementCount: 0, ArticleCount: 1}, stats(t, s, "china"))
		assert.Equal(t, facts.EntityStats{MentionCount: 1, StatementCount: 1, ArticleCount: 1}, stats(t, s, "vladimir-putin"))
		mustCountsConsistent(t, tx)
	})

	t.Run("Unchanged", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		var before string
		require.NoError(t, tx.QueryRow(ctx, `SELECT updated_at::text FROM articles WHERE id = $1`, a.ID).Scan(&before))
		res := mustSave(t, s, a, x)
		assert.Equal(t, facts.Unchanged, res.Status)
		assert.Equal(t, facts.Counts{Entities: 6, Mentions: 8, Statements: 2, Exercises: 1}, res.Counts)
		assert.Equal(t, facts.EntityStats{MentionCount: 2, StatementCount: 0, ArticleCount: 1}, stats(t, s, "china"), "nothing counted twice")
		var after string
		require.NoError(t, tx.QueryRow(ctx, `SELECT updated_at::text FROM articles WHERE id = $1`, a.ID).Scan(&after))
		assert.Equal(t, before, after)
	})

	t.Run("UnchangedUnderAnotherID", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		copyOf := mustArticle(t, "https://mirror.example.org/a", a.Title, "2022-08-17", a.Body)
		require.NotEqual(t, a.ID, copyOf.ID)
		res := mustSave(t, s, copyOf, x)
		assert.Equal(t, facts.Unchanged, res.Status)
		assert.Equal(t, a.ID, res.ArticleID, "the stored article's id")
		_, err := s.Article(ctx, copyOf.ID)
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})

	t.Run("UpdatedBody", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		// The corrected article drops Belarus and Putin's quote.
		body := "Beijing will send troops to Russia for the Vostok-2022 exercise, China’s Defense Ministry said on Wednesday. India will also take part."
		a2 := mustArticle(t, a.URL, a.Title, "2022-08-18", body)
		require.Equal(t, a.ID, a2.ID, "same URL, same id")
		x2 := x
		x2.Entities = nil
		for _, e := range x.Entities {
			if e.ID == "belarus" || e.ID == "vladimir-putin" {
				continue
			}
			var ms []facts.Span
			for _, m := range e.Mentions {
				if strings.Contains(body, m.Text) && !(m.Text == "Russia" && e.ID == "russia" && len(ms) > 0) {
					ms = append(ms, mustSpan(t, body, m.Text, 1))
				}
			}
			e.Mentions = ms
			x2.Entities = append(x2.Entities, e)
		}
		x2.Statements = x.Statements[:1]
		x2.Exercises = []facts.Exercise{x.Exercises[0]}
		x2.Exercises[0].ParticipantIDs = []string{"china", "india"}
		res := mustSave(t, s, a2, x2)
		assert.Equal(t, facts.Updated, res.Status)
		assert.Equal(t, a.ID, res.ArticleID)
		assert.Equal(t, facts.Counts{Entities: 4, Mentions: 5, Statements: 1, Exercises: 1}, res.Counts)

		assert.Equal(t, facts.EntityStats{}, stats(t, s, "vladimir-putin"), "the dropped quote and mention are taken back")
		assert.Equal(t, facts.EntityStats{}, stats(t, s, "belarus"))
		assert.Equal(t, facts.EntityStats{MentionCount: 1, ArticleCount: 1}, stats(t, s, "russia"), "Russian is gone from the body")
		got, err := s.Article(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, body, got.Body)
		assert.Equal(t, "2022-08-18", got.PublishedAt.String())
		ex, err := s.Exercise(ctx, "vostok-2022")
		require.NoError(t, err)
		assert.Equal(t, []string{"china", "india"}, ex.ParticipantIDs)
		_, err = s.Statement(ctx, a.ID+"-s2")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		mustCountsConsistent(t, tx)
	})

	t.Run("UpdatedExtractor", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		a.ExtractorVersion = facts.ExtractorVersion - 1
		mustSave(t, s, a, x)
		stale, err := s.StaleArticles(ctx, facts.ExtractorVersion, "", 10)
		require.NoError(t, err)
		require.Len(t, stale, 1)
		assert.Equal(t, a.Body, stale[0].Body)
		n, err := s.CountStale(ctx, facts.ExtractorVersion)
		require.NoError(t, err)
		assert.Equal(t, 1, n)

		a.ExtractorVersion = facts.ExtractorVersion
		res := mustSave(t, s, a, x)
		assert.Equal(t, facts.Updated, res.Status)
		assert.Equal(t, facts.EntityStats{MentionCount: 2, ArticleCount: 1}, stats(t, s, "china"), "re-extraction replaces, not adds")
		stale, err = s.StaleArticles(ctx, facts.ExtractorVersion, "", 10)
		require.NoError(t, err)
		assert.Empty(t, stale)
		n, err = s.CountStale(ctx, facts.ExtractorVersion)
		require.NoError(t, err)
		assert.Zero(t, n)
		mustCountsConsistent(t, tx)
	})

	t.Run("OlderExtractorKeepsNewerFacts", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		a.ExtractorVersion = 10
		mustSave(t, s, a, x)
		stale, err := s.StaleArticles(ctx, 9, "", 10)
		require.NoError(t, err)
		assert.Empty(t, stale, "version 10 is newer than 9")
		stale, err = s.StaleArticles(ctx, 11, "", 10)
		require.NoError(t, err)
		assert.Len(t, stale, 1)

		a.ExtractorVersion = 9
		res := mustSave(t, s, a, x)
		assert.Equal(t, facts.Unchanged, res.Status, "an older binary does not replace a newer one's facts")
		got, err := s.Article(ctx, a.ID)
		require.NoError(t, err)
		assert.Equal(t, 10, got.ExtractorVersion)
	})

	t.Run("AliasResolvedAcrossArticles", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		res := mustSave(t, s, b, y)
		assert.Equal(t, facts.Created, res.Status)
		assert.Equal(t, 2, res.Counts.Entities, "Putin and Moscow resolved to stored entities; Moscow merged into Russia")

		for _, id := range []string{"putin", "moscow"} {
			_, err := s.Entity(ctx, id)
			assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "no new entity %q", id)
		}
		assert.Equal(t, facts.EntityStats{MentionCount: 3, StatementCount: 2, ArticleCount: 2}, stats(t, s, "vladimir-putin"))
		assert.Equal(t, facts.EntityStats{MentionCount: 4, StatementCount: 0, ArticleCount: 2}, stats(t, s, "russia"))

		st, err := s.Statement(ctx, b.ID+"-s1")
		require.NoError(t, err)
		assert.Equal(t, "vladimir-putin", st.SpeakerID, "the speaker follows the remapping")
		ex, err := s.Exercise(ctx, "vostok-2022")
		require.NoError(t, err)
		assert.Equal(t, "russia", ex.HostID)
		assert.Equal(t, []string{"china", "india", "belarus", "russia"}, ex.ParticipantIDs)
		assert.Equal(t, []string{"East-2022"}, ex.Aliases)
		assert.Equal(t, "to show readiness", ex.Purpose, "the only source with a purpose")
		assert.Equal(t, "late August", ex.Period.Text)
		assert.Equal(t, []string{a.ID, b.ID}, exerciseArticleIDs(t, s, "vostok-2022"))
		mustCountsConsistent(t, tx)
	})

	t.Run("AmbiguousAliasNotResolved", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		// A second person also called Putin makes the bare name ambiguous.
		x.Entities = append(x.Entities, facts.Entity{ID: "lyudmila-putin", Name: "Lyudmila Putin", Type: facts.Person, Aliases: []string{"Putin"}})
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		mustSave(t, s, b, y)
		e, err := s.Entity(ctx, "putin")
		require.NoError(t, err, "an ambiguous alias stays its own entity")
		assert.Equal(t, 2, e.MentionCount)
		mustCountsConsistent(t, tx)
	})

	t.Run("IncompatibleTypeNotResolved", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		y.Entities[0].Type = facts.Organization // "Putin" the organization is not the person
		mustSave(t, s, b, y)
		_, err := s.Entity(ctx, "putin")
		assert.NoError(t, err)
	})

	t.Run("ResolvedPastNamesakesOfOtherTypes", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		// Organizations also called "Putin" do not compete with the person: the look-up reads
		// only as many candidates as it needs, and must count compatible ones.
		for _, id := range []string{"putin-fund", "putin-institute", "putin-prize-committee"} {
			x.Entities = append(x.Entities, facts.Entity{ID: id, Name: id, Type: facts.Organization, Aliases: []string{"Putin"}})
		}
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		mustSave(t, s, b, y)
		_, err := s.Entity(ctx, "putin")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "Putin resolved to the one person of that name")
		assert.Equal(t, 3, stats(t, s, "vladimir-putin").MentionCount)
	})

	t.Run("TitleMostArticlesGive", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		y.Entities[0].Title = "Kremlin leader" // "Putin", resolved to vladimir-putin
		mustSave(t, s, b, y)
		e, err := s.Entity(ctx, "vladimir-putin")
		require.NoError(t, err)
		assert.Equal(t, "Russian President", e.Title, "one article each: the pair with an affiliation wins the tie")
		assert.Equal(t, "russia", e.AffiliationID)
		assert.Equal(t, facts.EntityStats{MentionCount: 3, StatementCount: 2, ArticleCount: 2}, e.EntityStats)

		// Re-extraction that changes only a title: the counts stay, the title moves.
		a.ExtractorVersion++
		x.Entities[3].Title = "President"
		res := mustSave(t, s, a, x)
		require.Equal(t, facts.Updated, res.Status)
		e, err = s.Entity(ctx, "vladimir-putin")
		require.NoError(t, err)
		assert.Equal(t, "President", e.Title)
		assert.Equal(t, "russia", e.AffiliationID)
		assert.Equal(t, facts.EntityStats{MentionCount: 3, StatementCount: 2, ArticleCount: 2}, e.EntityStats)

		// Then a third article gives the other title: two against one.
		c, z := fixtureB(t)
		c.ID, c.URL, c.SHA256 = "00000000000000cc", "https://example.com/c", strings.Repeat("c", 64)
		z.Entities[0].Title = "Kremlin leader"
		mustSave(t, s, c, z)
		e, err = s.Entity(ctx, "vladimir-putin")
		require.NoError(t, err)
		assert.Equal(t, "Kremlin leader", e.Title)
		assert.Equal(t, "", e.AffiliationID)
	})

	t.Run("AliasesAccumulate", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		b, y := fixtureB(t)
		y.Entities = append(y.Entities, facts.Entity{ID: "china", Name: "China", Type: facts.Country, Aliases: []string{"PRC"}})
		mustSave(t, s, b, y)
		e, err := s.Entity(ctx, "china")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Beijing", "PRC"}, e.Aliases)
		r, err := s.Entity(ctx, "russia")
		require.NoError(t, err)
		assert.ElementsMatch(t, []string{"Moscow", "Russian"}, r.Aliases)
	})

	t.Run("RollbackOnFailure", func(t *testing.T) {
		for _, step := range []string{"lock", "resolve", "delete", "write"} {
			t.Run(step, func(t *testing.T) {
				tx := pgtest.Tx(t)
				s := postgres.New(tx)
				a, x := fixtureA(t)
				mustSave(t, s, a, x)
				b, y := fixtureB(t)
				boom := errors.New("injected failure")
				s.SetFailAt(func(at string) error {
					if at == step {
						return boom
					}
					return nil
				})
				_, err := s.SaveArticle(ctx, b, y)
				require.ErrorIs(t, err, boom)
				// The update path too: the same article with a new body.
				a2 := mustArticle(t, a.URL, a.Title, "2022-08-17", a.Body+" More.")
				_, err = s.SaveArticle(ctx, a2, x)
				require.ErrorIs(t, err, boom)
				s.SetFailAt(nil)

				_, err = s.Article(ctx, b.ID)
				assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "no trace of the failed article")
				got, err := s.Article(ctx, a.ID)
				require.NoError(t, err)
				assert.Equal(t, a.Body, got.Body, "the failed update left the old version")
				assert.Equal(t, facts.EntityStats{MentionCount: 1, StatementCount: 1, ArticleCount: 1}, stats(t, s, "vladimir-putin"))
				ex, err := s.Exercise(ctx, "vostok-2022")
				require.NoError(t, err)
				assert.Equal(t, []string{a.ID}, exerciseArticleIDs(t, s, "vostok-2022"))
				assert.Empty(t, ex.Aliases)
				var names int
				require.NoError(t, tx.QueryRow(ctx, `SELECT count(*) FROM entity_names WHERE folded = 'east 2022' OR entity_id IN ('putin', 'moscow')`).Scan(&names))
				assert.Zero(t, names)
				mustCountsConsistent(t, tx)
			})
		}
	})

	t.Run("RemovingLastSourceDeletesExercise", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		x.Exercises = []facts.Exercise{}
		a.ExtractorVersion = facts.ExtractorVersion + 1 // a newer extractor
		mustSave(t, s, a, x)
		_, err := s.Exercise(ctx, "vostok-2022")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})

	t.Run("Invalid", func(t *testing.T) {
		s := postgres.New(pgtest.Tx(t))
		for name, mutate := range map[string]func(*facts.Article, *facts.Extraction){
			"SpanPastEnd": func(a *facts.Article, x *facts.Extraction) { x.Entities[0].Mentions[0].End = 10_000 },
			"EmptySpan":   func(a *facts.Article, x *facts.Extraction) { x.Statements[0].End = x.Statements[0].Start },
			"BadType":     func(a *facts.Article, x *facts.Extraction) { x.Entities[0].Type = "planet" },
			"BadKind":     func(a *facts.Article, x *facts.Extraction) { x.Statements[0].Kind = "sung" },
			// No foreign key guards these references (migration 000002): SaveArticle must.
			"UnknownSpeaker":     func(a *facts.Article, x *facts.Extraction) { x.Statements[0].SpeakerID = "nobody-known" },
			"UnknownInStatement": func(a *facts.Article, x *facts.Extraction) { x.Statements[0].EntityIDs[1] = "nobody-known" },
			"UnknownHost":        func(a *facts.Article, x *facts.Extraction) { x.Exercises[0].HostID = "nobody-known" },
			"UnknownParticipant": func(a *facts.Article, x *facts.Extraction) { x.Exercises[0].ParticipantIDs[2] = "nobody-known" },
			"RepeatedLocalID":    func(a *facts.Article, x *facts.Extraction) { x.Statements[1].ID = "s1" },
			"BadArticleID":       func(a *facts.Article, x *facts.Extraction) { a.ID = "not-hex" },
			"BadByteInTitle":     func(a *facts.Article, x *facts.Extraction) { a.Title = "Troops \xff" },
			"NULInURL":           func(a *facts.Article, x *facts.Extraction) { a.URL = "https://example.com/\x00" },
			"BadByteInSource":    func(a *facts.Article, x *facts.Extraction) { a.Source = "\xc3" },
			"BackwardsPeriod": func(a *facts.Article, x *facts.Extraction) {
				x.Exercises[0].Period.Start, x.Exercises[0].Period.End = x.Exercises[0].Period.End, x.Exercises[0].Period.Start
			},
		} {
			t.Run(name, func(t *testing.T) {
				a, x := fixtureA(t)
				mutate(&a, &x)
				_, err := s.SaveArticle(ctx, a, x)
				assert.Equal(t, facts.EINVALID, facts.ErrorCode(err), "%v", err)
			})
		}
	})
}

// TestSaveArticleConcurrent has two writers save the same articles at once, in opposite orders,
// on a database of their own (the writes commit).
func TestSaveArticleConcurrent(t *testing.T) {
	s, pool := mustFreshStore(t)
	var articles []facts.Article
	var extractions []facts.Extraction
	for i := range 20 {
		a, x := fixtureA(t)
		// Distinct bodies and URLs, the same entities: maximum contention on shared rows.
		a = mustArticle(t, fmt.Sprintf("https://example.com/a/%d", i), a.Title, "2022-08-17", a.Body+fmt.Sprintf(" (%d)", i))
		x.Article.SHA256 = a.SHA256
		if i%2 == 1 {
			b, y := fixtureB(t)
			a = mustArticle(t, fmt.Sprintf("https://example.com/b/%d", i), b.Title, "2022-09-02", b.Body+fmt.Sprintf(" (%d)", i))
			x = y
		}
		articles, extractions = append(articles, a), append(extractions, x)
	}
	// fixtureB resolves through fixtureA's aliases; store one A first so both writers agree.
	mustSave(t, s, articles[0], extractions[0])

	var wg sync.WaitGroup
	results := make([][]facts.SaveStatus, 4)
	errs := make([]error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := make([]int, len(articles))
			for i := range order {
				order[i] = i
			}
			if w%2 == 1 {
				slices.Reverse(order)
			}
			for _, i := range order {
				res, err := s.SaveArticle(ctx, articles[i], extractions[i])
				if err != nil {
					errs[w] = err
					return
				}
				results[w] = append(results[w], res.Status)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	created := 0
	for _, r := range results {
		for _, st := range r {
			if st == facts.Created {
				created++
			}
		}
	}
	assert.Equal(t, len(articles)-1, created, "each article created exactly once")

	var n int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n))
	assert.Equal(t, len(articles), n)
	mustCountsConsistent(t, pool)
	assert.Equal(t, facts.EntityStats{MentionCount: 10*1 + 10*2, StatementCount: 10 + 10, ArticleCount: 20}, stats(t, s, "vladimir-putin"))
	ex, err := s.Exercise(ctx, "vostok-2022")
	require.NoError(t, err)
	assert.Len(t, exerciseArticleIDs(t, s, "vostok-2022"), 20)
	assert.Equal(t, "to show readiness", ex.Purpose)
}

func TestSaveArticleAsyncCommit(t *testing.T) {
	tx := pgtest.Tx(t)
	s := postgres.New(tx)
	async := s.WithAsyncCommit()
	a, x := fixtureA(t)
	res, err := async.SaveArticle(ctx, a, x)
	require.NoError(t, err)
	assert.Equal(t, facts.Created, res.Status)
	var setting string
	require.NoError(t, tx.QueryRow(ctx, `SHOW synchronous_commit`).Scan(&setting))
	assert.Equal(t, "off", setting, "applied, for the rest of the enclosing transaction")
	b, y := fixtureB(t)
	res, err = s.SaveArticle(ctx, b, y)
	require.NoError(t, err)
	assert.Equal(t, facts.Created, res.Status, "the original store is unchanged and still works")
	mustCountsConsistent(t, tx)
}

func TestSaveArticleAsyncCommitIsPerTransaction(t *testing.T) {
	s, pool := mustFreshStore(t)
	a, x := fixtureA(t)
	_, err := s.WithAsyncCommit().SaveArticle(ctx, a, x)
	require.NoError(t, err)
	for range pool.Stat().TotalConns() + 1 {
		var setting string
		require.NoError(t, pool.QueryRow(ctx, `SHOW synchronous_commit`).Scan(&setting))
		assert.Equal(t, "on", setting, "the setting must not outlive the save's transaction")
	}
}

// people returns an article whose body names each of names once, and an extraction with a
// person for each (id, name, aliases), mentioned at that spot.
func people(tb testing.TB, url string, persons ...facts.Entity) (facts.Article, facts.Extraction) {
	tb.Helper()
	var body strings.Builder
	x := facts.Extraction{}
	for _, p := range persons {
		start := utf8.RuneCountInString(body.String())
		body.WriteString(p.Name)
		p.Type = facts.Person
		p.Mentions = []facts.Span{{Start: start, End: start + utf8.RuneCountInString(p.Name)}}
		x.Entities = append(x.Entities, p)
		body.WriteString(" spoke.\n")
	}
	a := mustArticle(tb, url, "people", "", body.String())
	return a, x
}

// savePeople saves the article people returns.
func savePeople(tb testing.TB, s *postgres.Store, url string, persons ...facts.Entity) {
	tb.Helper()
	a, x := people(tb, url, persons...)
	mustSave(tb, s, a, x)
}

func TestSaveArticleShortForm(t *testing.T) {
	t.Run("TwoClaimsOnOneSurname", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		savePeople(t, s, "https://example.com/smith", facts.Entity{ID: "smith", Name: "Smith"})
		// Two people of one article both called by the surname: neither is the stored Smith.
		savePeople(t, s, "https://example.com/smiths",
			facts.Entity{ID: "jane-smith", Name: "Jane Smith", Aliases: []string{"Smith"}},
			facts.Entity{ID: "john-smith", Name: "John Smith", Aliases: []string{"SMITH"}})
		for _, id := range []string{"smith", "jane-smith", "john-smith"} {
			e, err := s.Entity(ctx, id)
			require.NoError(t, err, id)
			assert.Equal(t, 1, e.ArticleCount, id)
		}
		e, err := s.Entity(ctx, "smith")
		require.NoError(t, err)
		assert.Equal(t, "Smith", e.Name)
		mustCountsConsistent(t, tx)
	})
	t.Run("OneClaim", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		savePeople(t, s, "https://example.com/jones", facts.Entity{ID: "jones", Name: "Jones"})
		savePeople(t, s, "https://example.com/mary-jones",
			facts.Entity{ID: "mary-jones", Name: "Mary Jones", Aliases: []string{"Jones"}})
		e, err := s.Entity(ctx, "mary-jones")
		require.NoError(t, err)
		assert.Equal(t, "Mary Jones", e.Name)
		assert.Equal(t, 2, e.ArticleCount, "the person stored by surname merged into the one full name claiming it")
		_, err = s.Entity(ctx, "jones")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		to, err := s.EntityRedirect(ctx, "jones")
		require.NoError(t, err)
		assert.Equal(t, "mary-jones", to)
		mustCountsConsistent(t, tx)

		// A second full name claims it: the surname is a person of its own again.
		savePeople(t, s, "https://example.com/tom-jones",
			facts.Entity{ID: "tom-jones", Name: "Tom Jones", Aliases: []string{"Jones"}})
		for id, articles := range map[string]int{"jones": 1, "mary-jones": 1, "tom-jones": 1} {
			e, err := s.Entity(ctx, id)
			require.NoError(t, err, id)
			assert.Equal(t, articles, e.ArticleCount, id)
		}
		_, err = s.EntityRedirect(ctx, "jones")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err), "no redirect from an entity that is stored")
		mustCountsConsistent(t, tx)
	})
}

func TestSaveArticleNameLocks(t *testing.T) {
	locks := func(t *testing.T, db postgres.DBTX) int {
		var n int
		require.NoError(t, db.QueryRow(ctx, `SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()`).Scan(&n))
		return n
	}
	t.Run("OnePerNewName", func(t *testing.T) {
		// Locks taken inside the test's transaction are held until it ends, so they can be counted.
		tx := pgtest.Tx(t)
		savePeople(t, postgres.New(tx), "https://example.com/few",
			facts.Entity{ID: "anna-berg", Name: "Anna Berg", Aliases: []string{"Berg"}},
			facts.Entity{ID: "otto-lind", Name: "Otto Lind"})
		assert.Equal(t, 1+3, locks(t, tx), "the shared class lock and three names")
	})
	t.Run("AllAtOnceForManyNames", func(t *testing.T) {
		tx := pgtest.Tx(t)
		var ps []facts.Entity
		for i := range 300 {
			ps = append(ps, facts.Entity{ID: fmt.Sprintf("person-%d", i), Name: fmt.Sprintf("Person N%d", i)})
		}
		savePeople(t, postgres.New(tx), "https://example.com/many", ps...)
		assert.Equal(t, 1, locks(t, tx), "one exclusive lock, not 300: the shared lock table is small")
	})
}

// TestSearchDaysKept: every (lexeme, day) pair of every stored article is in
// article_search_days, and statement_words holds exactly the (lexeme, list key, id) of every
// stored statement, after saves, re-saves with other dates and updates, since a search
// (searchDays, searchWords) finds nothing those tables do not name.
func TestSearchDaysKept(t *testing.T) {
	s, pool := mustFreshStore(t)
	missing := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `WITH want AS (
				SELECT DISTINCT hashtext(w) AS lexeme_hash, coalesce(s.said_on, '-infinity'::date) AS list_key, s.id AS statement_id
				FROM statements s, unnest(tsvector_to_array(s.search)) w)
			SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT lexeme_hash, list_key, statement_id FROM statement_words) d)
			+ (SELECT count(*) FROM (SELECT lexeme_hash, list_key, statement_id FROM statement_words EXCEPT ALL SELECT * FROM want) d)
			+ (SELECT count(*) FROM articles a, unnest(tsvector_to_array(a.search)) w
				WHERE NOT EXISTS (SELECT FROM article_search_days d WHERE d.lexeme_hash = hashtext(w) AND d.day = coalesce(a.published_at, '-infinity'::date)))`).Scan(&n))
		return n
	}
	a, x := fixtureA(t)
	mustSave(t, s, a, x)
	b, y := fixtureB(t)
	mustSave(t, s, b, y)
	assert.Zero(t, missing(), "after saves")
	var pairs int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM article_search_days WHERE lexeme_hash = hashtext('troop') AND day = '2022-08-17'`).Scan(&pairs))
	assert.Equal(t, 1, pairs)

	// A new version of A, dated otherwise, with a statement of unknown date.
	a.PublishedAt, x.Article.PublishedAt = mustDate(t, "2023-01-05"), mustDate(t, "2023-01-05")
	x.Statements[0].SaidOn, x.Statements[1].SaidOn = mustDate(t, "2023-01-05"), nil
	x.Statements[0].Text, x.Statements[0].End = "Beijing will send troops", x.Statements[0].Start+len("Beijing will send troops")
	mustSave(t, s, a, x)
	assert.Zero(t, missing(), "after a re-save with other dates")

	_, err := pool.Exec(ctx, `UPDATE statements SET said_on = '2024-02-02' WHERE said_on IS NULL`)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE articles SET published_at = NULL`)
	require.NoError(t, err)
	assert.Zero(t, missing(), "after updates of the dates")
	_, err = pool.Exec(ctx, `UPDATE statements SET text = text || ' The fleet sailed.'`)
	require.NoError(t, err)
	assert.Zero(t, missing(), "after updates of the words")

	// The tables are keyed by hashtext of the lexeme (000015), and these two words share a hash:
	// a statement holding both keeps one posting of it, and a search for one word still finds
	// only the statements that hold it (the statements are rechecked with @@).
	var first, last string
	require.NoError(t, pool.QueryRow(ctx, `SELECT min(id), max(id) FROM statements`).Scan(&first, &last))
	require.NotEqual(t, first, last)
	var h1, h2 int32
	require.NoError(t, pool.QueryRow(ctx, `SELECT hashtext('zq143620'), hashtext('zq187613')`).Scan(&h1, &h2))
	require.Equal(t, h1, h2, "the two words collide")
	_, err = pool.Exec(ctx, `UPDATE statements SET text = text || ' zq143620 zq187613' WHERE id = $1`, first)
	require.NoError(t, err)
	_, err = pool.Exec(ctx, `UPDATE statements SET text = text || ' zq187613' WHERE id = $1`, last)
	require.NoError(t, err)
	assert.Zero(t, missing(), "after words of one hash")
	found := func(q string) []string {
		list, _, err := s.Statements(ctx, facts.StatementFilter{Query: q})
		require.NoError(t, err)
		var ids []string
		for _, st := range list {
			ids = append(ids, st.ID)
		}
		return ids
	}
	assert.Equal(t, []string{first}, found("zq143620"))
	assert.ElementsMatch(t, []string{first, last}, found("zq187613"))
	assert.Equal(t, []string{first}, found("zq187613 zq143620"))

	_, err = pool.Exec(ctx, `DELETE FROM articles WHERE url = 'https://example.com/b'`)
	require.NoError(t, err)
	assert.Zero(t, missing(), "after an article's delete")
	_, err = pool.Exec(ctx, `DELETE FROM statements WHERE article_id = (SELECT id FROM articles WHERE url = 'https://example.com/a')`)
	require.NoError(t, err)
	assert.Zero(t, missing(), "after a delete")
	_, err = pool.Exec(ctx, `TRUNCATE statements CASCADE`)
	require.NoError(t, err)
	var words int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM statement_words`).Scan(&words))
	assert.Zero(t, words, "after a TRUNCATE")
}

// TestEntityNamesKept: the names kept on an entity's row (its first 40 in name order) stay
// those of entity_names when writers add names to the same entity at once, past the cap, and
// when a new name sorts before the 40th of a full list.
// TestSearchVectorInRow: an article's search vector stays in its row (000017), where a search's
// window tests it, and the body goes to the toast table instead: 110 words of six letters, a
// vector of about 1.5 KB beside a body of 770 bytes, whose sum passes the 2 KB threshold. With
// the vector's default storage the toaster compressed it and moved it out of line, the larger
// of the two, so that every test read the toast table.
func TestSearchVectorInRow(t *testing.T) {
	s, pool := mustFreshStore(t)
	var body strings.Builder
	n := uint32(7)
	for range 110 {
		for range 6 {
			n = n*1664525 + 1013904223
			body.WriteByte(byte('a' + n>>24%26))
		}
		body.WriteString(" ")
	}
	mustSave(t, s, mustArticle(t, "https://example.com/long", "Long", "2024-01-02", body.String()), facts.Extraction{})
	var toast string
	require.NoError(t, pool.QueryRow(ctx, `SELECT reltoastrelid::regclass::text FROM pg_class WHERE oid = 'articles'::regclass`).Scan(&toast))
	var outOfLine, bodySize, vectorSize int
	var vectorCompressed *string
	require.NoError(t, pool.QueryRow(ctx, `SELECT (SELECT coalesce(sum(octet_length(chunk_data)), 0) FROM `+toast+`),
			pg_column_size(a.body), pg_column_size(a.search), pg_column_compression(a.search)
		FROM articles a`).Scan(&outOfLine, &bodySize, &vectorSize, &vectorCompressed))
	require.Greater(t, vectorSize, 1200, "the vector is large enough to have been moved")
	assert.Equal(t, bodySize, outOfLine, "only the body is out of line")
	assert.Nil(t, vectorCompressed, "the vector is stored as it is")
}

func TestEntityNamesKept(t *testing.T) {
	s, pool := mustFreshStore(t)
	article := func(i int, alias string) (facts.Article, facts.Extraction) {
		body := fmt.Sprintf("Russia, also called %s, held talks (%d).", alias, i)
		a := mustArticle(t, fmt.Sprintf("https://example.com/names/%d", i), "Talks", "2024-01-02", body)
		x := facts.Extraction{
			Article: facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body},
			Entities: []facts.Entity{{ID: "russia", Name: "Russia", Type: facts.Country, Aliases: []string{alias},
				Mentions: []facts.Span{mustSpan(t, body, "Russia", 1), mustSpan(t, body, alias, 1)}}},
			Statements: []facts.Statement{}, Exercises: []facts.Exercise{},
		}
		return a, x
	}
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for w := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 48; i += 4 {
				a, x := article(i, fmt.Sprintf("Rossiya %02d", 47-i))
				if _, err := s.SaveArticle(ctx, a, x); err != nil {
					errs[w] = err
					return
				}
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		require.NoError(t, err)
	}
	mustCountsConsistent(t, pool)
	e, err := s.Entity(ctx, "russia")
	require.NoError(t, err)
	assert.Len(t, e.Aliases, facts.MaxEntityAliases)
	assert.Equal(t, "Rossiya 00", e.Aliases[0])

	// The list is full (49 names); a name that sorts first enters it, one that sorts last does not.
	a, x := article(100, "Moskva")
	mustSave(t, s, a, x)
	a, x = article(101, "Zzz Russia")
	mustSave(t, s, a, x)
	mustCountsConsistent(t, pool)
	e, err = s.Entity(ctx, "russia")
	require.NoError(t, err)
	assert.Equal(t, "Moskva", e.Aliases[0])
	var kept []string
	require.NoError(t, pool.QueryRow(ctx, `SELECT names FROM entities WHERE id = 'russia'`).Scan(&kept))
	assert.Len(t, kept, 40)
	assert.NotContains(t, kept, "Zzz Russia")
}
