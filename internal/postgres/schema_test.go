package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMigrations(t *testing.T) {
	url := pgtest.NewDatabase(t)
	version := func() uint {
		v, dirty, err := postgres.MigrateVersion(ctx, url)
		require.NoError(t, err)
		require.False(t, dirty)
		return v
	}
	tables := func() int {
		pool, err := postgres.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations')
			+ (SELECT count(*) FROM pg_proc WHERE proname = 'merge_exercises')`).Scan(&n))
		return n
	}
	assert.Equal(t, uint(0), version())
	require.NoError(t, postgres.Migrate(ctx, url))
	assert.Equal(t, postgres.SchemaVersion, version())
	assert.Equal(t, 19, tables(), "18 tables and a function")
	require.NoError(t, postgres.Migrate(ctx, url), "up on a current schema is success")

	require.NoError(t, postgres.MigrateDown(ctx, url, 0))
	assert.Equal(t, uint(0), version())
	assert.Equal(t, 0, tables(), "down removes every table and the function")
	err := postgres.MigrateDown(ctx, url, 1)
	assert.Equal(t, facts.EINVALID, facts.ErrorCode(err), "nothing left to undo: %v", err)

	require.NoError(t, postgres.Migrate(ctx, url))
	assert.Equal(t, 19, tables(), "up again after down")
	foreignKeys := func() int {
		pool, err := postgres.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`).Scan(&n))
		return n
	}
	// Keys in byte order (000004): every id column, and the folded names.
	byteOrder := func() int {
		pool, err := postgres.Open(ctx, url)
		require.NoError(t, err)
		defer pool.Close()
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
			WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
				AND a.atttypid = 'text'::regtype AND a.attcollation = '"C"'::regcollation`).Scan(&n))
		return n
	}
	assert.Equal(t, 7, foreignKeys(), "000002 drops seven of the seventeen, 000003 six more, 000005 adds two, 000006 one")
	assert.Equal(t, 45, byteOrder(), "000011 adds two and drops one, 000012 makes extractor_version an integer, 000015 hashes the two lexemes, 000016 makes six nonempty_text or sha256_hex and adds three article ids")
	pool := mustPool(t, url)
	rows, err := pool.Query(ctx, `SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
		WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.atttypid = 'text'::regtype
			AND (a.attname = 'id' OR a.attname LIKE '%\_id') AND a.attcollation <> '"C"'::regcollation`)
	require.NoError(t, err)
	keysInLocaleOrder, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	assert.Empty(t, keysInLocaleOrder, "every id column compares in byte order")
	exists := func(query string) bool {
		var ok bool
		require.NoError(t, pool.QueryRow(ctx, `SELECT EXISTS (`+query+`)`).Scan(&ok))
		return ok
	}
	const datedShares = `SELECT FROM pg_attribute WHERE attrelid = 'article_entities'::regclass AND attname = 'published_at' AND NOT attisdropped`
	const savedTrigger = `SELECT FROM pg_trigger WHERE tgname = 'articles_saved'`
	const integerVersion = `SELECT FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
		WHERE a.attrelid = 'articles'::regclass AND a.attname = 'extractor_version' AND 'integer'::regtype IN (t.oid, t.typbasetype)`
	assert.True(t, exists(datedShares))
	assert.True(t, exists(savedTrigger))
	assert.True(t, exists(integerVersion))
	const keptNames = `SELECT FROM pg_attribute WHERE attrelid = 'entities'::regclass AND attname = 'names' AND NOT attisdropped`
	assert.True(t, exists(keptNames))
	const reportsCovered = `SELECT FROM pg_index WHERE indexrelid = 'exercise_sources_report_idx'::regclass AND indnatts > indnkeyatts`
	const mentionsCovered = `SELECT FROM pg_index WHERE indexrelid = 'exercise_mentions_pkey'::regclass AND indnatts > indnkeyatts`
	assert.True(t, exists(reportsCovered))
	assert.True(t, exists(mentionsCovered))
	const hashedWords = `SELECT FROM pg_attribute WHERE attrelid = 'statement_words'::regclass AND attname = 'lexeme_hash'`
	const hashedDays = `SELECT FROM pg_attribute WHERE attrelid = 'article_search_days'::regclass AND attname = 'lexeme_hash'`
	assert.True(t, exists(hashedWords))
	assert.True(t, exists(hashedDays))
	// 000016: the single-column checks of the columns a save writes are checks of domains.
	const domainChecks = `SELECT FROM pg_constraint WHERE contype = 'c' AND contypid <> 0 AND connamespace = 'public'::regnamespace`
	const tableChecks = `SELECT count(*) FROM pg_constraint WHERE contype = 'c' AND conrelid <> 0 AND connamespace = 'public'::regnamespace`
	count := func(query string) int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, query).Scan(&n))
		return n
	}
	assert.True(t, exists(domainChecks))
	assert.Equal(t, 26, count(tableChecks), "000016 moves 27 of 53 checks onto five domains")
	// 000017: an article's search vector stays in its row.
	const vectorInRow = `SELECT FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search' AND attstorage = 'm'`
	assert.True(t, exists(vectorInRow))
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(16), version())
	assert.False(t, exists(vectorInRow), "000017's down gives the vector its default storage")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(15), version())
	assert.False(t, exists(domainChecks), "000016's down puts the checks back on the tables")
	assert.Equal(t, 53, count(tableChecks))
	assert.Equal(t, 48, byteOrder())
	assert.True(t, exists(integerVersion))
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(14), version())
	assert.False(t, exists(hashedWords), "000015's down keys the postings by the lexeme again")
	assert.False(t, exists(hashedDays), "and the search days")
	assert.Equal(t, 50, byteOrder())
	assert.Equal(t, 19, tables())
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(13), version())
	assert.False(t, exists(reportsCovered), "000014's down puts back the index without published_at")
	assert.False(t, exists(mentionsCovered), "and the primary key without the text")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(12), version())
	assert.False(t, exists(keptNames), "000013's down drops the names kept on entities")
	assert.False(t, exists(`SELECT FROM pg_trigger WHERE tgname = 'entity_names_ins'`))
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(11), version())
	assert.False(t, exists(integerVersion), "000012's down makes extractor_version text again")
	assert.Equal(t, 51, byteOrder(), "in byte order, as 000004 left it")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(10), version())
	assert.Equal(t, 19, tables(), "000011's down puts statement_search_days back for statement_words")
	assert.Equal(t, 50, byteOrder())
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(9), version())
	assert.Equal(t, 18, tables(), "000010's down drops entity_titles")
	assert.Equal(t, 46, byteOrder(), "and the first reports of exercise_members")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(8), version())
	assert.Equal(t, 16, tables(), "000009's down drops the two tables of search days")
	assert.Equal(t, 44, byteOrder())
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(7), version())
	assert.False(t, exists(datedShares), "000008's down drops the dates of article_entities")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(6), version())
	assert.False(t, exists(savedTrigger), "000007's down drops the article notifications")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(5), version())
	assert.Equal(t, 6, foreignKeys(), "000006's down drops exercise_members")
	assert.Equal(t, 40, byteOrder())
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(4), version())
	assert.Equal(t, 4, foreignKeys(), "000005's down drops its two")
	assert.Equal(t, 33, byteOrder(), "000005's down drops its tables and columns")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(3), version())
	assert.Zero(t, byteOrder(), "000004's down restores the database's collation")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(2), version())
	assert.Equal(t, 10, foreignKeys(), "000003's down restores its six")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(1), version())
	assert.Equal(t, 17, foreignKeys(), "000002's down restores its seven")
	require.NoError(t, postgres.MigrateDown(ctx, url, 1))
	assert.Equal(t, uint(0), version())
}

func TestMigrateCreatesDatabase(t *testing.T) {
	url := pgtest.NewDatabase(t)
	pool, err := postgres.Open(ctx, url)
	require.NoError(t, err)
	pool.Close()
	admin := mustPool(t, pgtest.URL(t))
	name := mustDatabaseName(t, url)
	_, err = admin.Exec(ctx, `DROP DATABASE `+name+` WITH (FORCE)`)
	require.NoError(t, err)

	_, err = postgres.Open(ctx, url)
	assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err))
	assert.Contains(t, facts.ErrorMessage(err), "does not exist")
	require.NoError(t, postgres.Migrate(ctx, url))
	v, _, err := postgres.MigrateVersion(ctx, url)
	require.NoError(t, err)
	assert.Equal(t, postgres.SchemaVersion, v)
}

func TestCheckSchema(t *testing.T) {
	url := pgtest.NewDatabase(t)
	pool := mustPool(t, url)
	s := postgres.New(pool)
	check := func() string {
		err := s.Ready(ctx)
		if err == nil {
			return ""
		}
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err))
		return facts.ErrorMessage(err)
	}
	v := postgres.SchemaVersion
	assert.Equal(t, fmt.Sprintf("database schema is at version 0, this binary needs %d: run `newsfacts migrate up`", v), check())
	require.NoError(t, postgres.Migrate(ctx, url))
	assert.Equal(t, "", check())
	_, err := pool.Exec(ctx, `UPDATE schema_migrations SET dirty = true`)
	require.NoError(t, err)
	dirty := fmt.Sprintf("schema is dirty at version %d: fix it and run `newsfacts migrate force %d`", v, v)
	assert.Equal(t, dirty, check())
	err = postgres.Migrate(ctx, url)
	assert.Equal(t, dirty, facts.ErrorMessage(err))
	require.NoError(t, postgres.MigrateForce(ctx, url, int(v)))
	assert.Equal(t, "", check())
	_, err = pool.Exec(ctx, `UPDATE schema_migrations SET version = $1`, v+1)
	require.NoError(t, err)
	assert.Equal(t, fmt.Sprintf("database schema is at version %d, newer than this binary's %d: run a newsfacts release that knows version %d", v+1, v, v+1), check())
}

func TestUnavailable(t *testing.T) {
	t.Run("Open", func(t *testing.T) {
		_, err := postgres.Open(ctx, "postgres://someone:hunter2@127.0.0.1:1/newsfacts?connect_timeout=2")
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err))
		assert.Equal(t, "cannot reach database at 127.0.0.1:1 (DATABASE_URL): connection refused", facts.ErrorMessage(err))
		_, err = postgres.Open(ctx, "postgres://someone:hunter2@127.0.0.1:port/x")
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err))
		assert.Contains(t, err.Error(), "DATABASE_URL is not a valid PostgreSQL URL")
		assert.NotContains(t, err.Error(), "hunter2")
	})
	t.Run("Timeout", func(t *testing.T) {
		s := postgres.New(pgtest.Pool(t))
		late, cancel := context.WithDeadline(ctx, time.Now().Add(-time.Second))
		defer cancel()
		_, _, err := s.Entities(late, facts.EntityFilter{})
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err), "%v", err)
	})
	t.Run("Store", func(t *testing.T) {
		// pgxpool connects lazily, so every store call meets the dead server.
		pool, err := pgxpool.New(ctx, "postgres://postgres@127.0.0.1:1/newsfacts?connect_timeout=2")
		require.NoError(t, err)
		defer pool.Close()
		s := postgres.New(pool)
		_, err = s.Entity(ctx, "china")
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err), "%v", err)
		_, _, err = s.Statements(ctx, facts.StatementFilter{})
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err), "%v", err)
		a, x := fixtureA(t)
		_, err = s.SaveArticle(ctx, a, x)
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(err), "%v", err)
		assert.Equal(t, facts.EUNAVAILABLE, facts.ErrorCode(s.Ready(ctx)))
	})
}

// TestConstraints proves that each constraint guarding the data rejects a bad row.
func TestConstraints(t *testing.T) {
	const (
		article = `INSERT INTO articles (id, url, sha256, title, body, extractor_version) VALUES `
		entity  = `INSERT INTO entities (id, name, type) VALUES `
		hex64   = `'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'`
	)
	setup := []string{
		article + `('0123456789abcdef', 'https://example.com/x', ` + hex64 + `, 'T', 'Body text here.', '1')`,
		entity + `('china', 'China', 'country'), ('wang-yi', 'Wang Yi', 'person')`,
		`INSERT INTO article_entities VALUES ('0123456789abcdef', 'china', 1, 0)`,
		`INSERT INTO statements (id, article_id, local_id, speaker_text, kind, text, start_pos, end_pos, verb)
			VALUES ('0123456789abcdef-s1', '0123456789abcdef', 's1', 'he', 'direct', 'Body', 0, 4, 'said')`,
		`INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, snippet) VALUES ('0123456789abcdef', 'china', 0, 4, 'Body', 'Body')`,
		`INSERT INTO exercises (id, name) VALUES ('vostok-2022', 'Vostok-2022')`,
		`INSERT INTO exercise_sources (exercise_id, article_id, name) VALUES ('vostok-2022', '0123456789abcdef', 'Vostok-2022')`,
	}
	for _, c := range []struct {
		name, sql, code string
	}{
		{"ArticleIDShape", article + `('XYZ', NULL, ` + hex64 + `, 'T', 'b', '1')`, "23514"},
		{"ArticleSHAShape", article + `('1123456789abcdef', NULL, 'short', 'T', 'b', '1')`, "23514"},
		{"ArticleSHAUnique", article + `('1123456789abcdef', NULL, ` + hex64 + `, 'T', 'b', '1')`, "23505"},
		{"ArticleURLUnique", article + `('1123456789abcdef', 'https://example.com/x', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'T', 'b', '1')`, "23505"},
		{"ArticleURLNotEmpty", article + `('1123456789abcdef', '', 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'T', 'b', '1')`, "23514"},
		{"ArticleBodyNotEmpty", article + `('1123456789abcdef', NULL, 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', 'T', '', '1')`, "23514"},
		{"ArticleCountsNotNegative", `UPDATE articles SET statement_count = -1`, "23514"},
		{"ArticleExtractorVersion", `UPDATE articles SET extractor_version = 0`, "23514"},
		{"ArticleSourceNotEmpty", `UPDATE articles SET source = ''`, "23514"},
		{"ArticleUpdatedAfterIngested", `UPDATE articles SET updated_at = ingested_at - interval '1 day'`, "23514"},
		{"EntityTitleNotEmpty", `UPDATE entities SET title = '' WHERE id = 'wang-yi'`, "23514"},
		{"EntityNameNotEmpty", entity + `('nameless', '', 'group')`, "23514"},
		{"EntityNameUnique", `INSERT INTO entity_names VALUES ('china', 'CHINA', 'china'), ('china', 'China', 'china')`, "23505"},
		{"ArticleEntityUnique", `INSERT INTO article_entities VALUES ('0123456789abcdef', 'china', 2, 0)`, "23505"},
		{"ArticleEntityCounts", `UPDATE article_entities SET mention_count = -1`, "23514"},
		{"ExerciseIDSlug", `INSERT INTO exercises (id, name) VALUES ('Zapad 2023', 'Zapad')`, "23514"},
		{"ExerciseSourceUnique", `INSERT INTO exercise_sources (exercise_id, article_id, name) VALUES ('vostok-2022', '0123456789abcdef', 'V')`, "23505"},
		{"ExerciseParticipantUnique", `INSERT INTO exercise_participants VALUES ('vostok-2022', '0123456789abcdef', 'china', 0), ('vostok-2022', '0123456789abcdef', 'china', 1)`, "23505"},
		{"ExercisePurposeNotEmpty", `UPDATE exercises SET purpose = ''`, "23514"},
		{"StatementEntityUnique", `INSERT INTO statement_entities VALUES ('0123456789abcdef-s1', 'china'), ('0123456789abcdef-s1', 'china')`, "23505"},
		{"StatementArticleExists", `INSERT INTO statements (id, article_id, local_id, speaker_text, kind, text, start_pos, end_pos, verb)
			VALUES ('ffffffffffffffff-s1', 'ffffffffffffffff', 's1', 'he', 'direct', 'Body', 0, 4, 'said')`, "23503"},
		{"EntityType", entity + `('mars', 'Mars', 'planet')`, "23514"},
		{"EntityIDUnique", entity + `('china', 'China again', 'country')`, "23505"},
		{"EntityIDSlug", entity + `('Big China', 'China', 'country')`, "23514"},
		{"EntityAffiliationExists", `UPDATE entities SET affiliation_id = 'atlantis' WHERE id = 'wang-yi'; SET CONSTRAINTS ALL IMMEDIATE`, "23503"},
		{"EntityNotOwnAffiliation", `UPDATE entities SET affiliation_id = 'china' WHERE id = 'china'`, "23514"},
		{"EntityCountsNotNegative", `UPDATE entities SET mention_count = mention_count - 1 WHERE id = 'china'`, "23514"},
		{"EntityNameEntityExists", `INSERT INTO entity_names VALUES ('atlantis', 'Atlantis', 'atlantis')`, "23503"},
		{"EntityNameFoldedNotEmpty", `INSERT INTO entity_names VALUES ('china', '...', '')`, "23514"},
		{"ArticleEntityArticleExists", `INSERT INTO article_entities VALUES ('ffffffffffffffff', 'china', 1, 0)`, "23503"},
		{"MentionSpanOrder", `INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, snippet) VALUES ('0123456789abcdef', 'china', 4, 4, 'x', 'x')`, "23514"},
		{"MentionSpanStart", `INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, snippet) VALUES ('0123456789abcdef', 'china', -1, 4, 'x', 'x')`, "23514"},
		{"MentionUnique", `INSERT INTO mentions (article_id, entity_id, start_pos, end_pos, text, snippet) VALUES ('0123456789abcdef', 'china', 0, 4, 'Body', 'Body')`, "23505"},
		{"StatementKind", `UPDATE statements SET kind = 'sung'`, "23514"},
		{"StatementSpan", `UPDATE statements SET end_pos = 0`, "23514"},
		{"StatementIDFromArticle", `UPDATE statements SET id = 'other-s1'`, "23514"},
		{"StatementLocalIDUnique", `INSERT INTO statements (id, article_id, local_id, speaker_text, kind, text, start_pos, end_pos, verb)
			VALUES ('0123456789abcdef-s1', '0123456789abcdef', 's1', 'he', 'direct', 'Body', 0, 4, 'said')`, "23505"},
		{"ExercisePeriodOrder", `UPDATE exercises SET period_text = 'x', period_start = '2022-09-01', period_end = '2022-08-01'`, "23514"},
		{"ExercisePeriodComplete", `UPDATE exercises SET period_start = '2022-09-01', period_end = '2022-09-02'`, "23514"},
		{"ExerciseHostExists", `UPDATE exercises SET host_id = 'atlantis'`, "23503"},
		{"ExerciseSourceArticleExists", `INSERT INTO exercise_sources (exercise_id, article_id, name) VALUES ('vostok-2022', 'ffffffffffffffff', 'V')`, "23503"},
		{"ExerciseParticipantNeedsSource", `INSERT INTO exercise_participants VALUES ('zapad', '0123456789abcdef', 'china', 0)`, "23503"},
		// Facts name entities without foreign keys (migration 000002): SaveArticle checks the
		// names, and the database refuses to lose an entity that facts still name.
		{"EntityNamedByArticleStays", `DELETE FROM entities WHERE id = 'china'`, "23503"},
		{"EntitySpeakerStays", `UPDATE statements SET speaker_id = 'wang-yi'; DELETE FROM entities WHERE id = 'wang-yi'`, "23503"},
		{"EntityInStatementStays", `INSERT INTO statement_entities VALUES ('0123456789abcdef-s1', 'wang-yi'); DELETE FROM entities WHERE id = 'wang-yi'`, "23503"},
		{"EntityParticipantStays", `INSERT INTO exercise_participants VALUES ('vostok-2022', '0123456789abcdef', 'wang-yi', 0); DELETE FROM entities WHERE id = 'wang-yi'`, "23503"},
		{"EntityHostStays", `UPDATE exercise_sources SET host_id = 'wang-yi'; DELETE FROM entities WHERE id = 'wang-yi'`, "23503"},
		{"EntityIDFixed", `UPDATE entities SET id = 'prc' WHERE id = 'china'`, "23503"},
		// References to articles and exercise sources are checked once per statement
		// (migration 000003), with the same errors as the foreign keys they replace.
		{"ArticleEntitiesOfMissingArticle", `INSERT INTO article_entities VALUES ('0123456789abcdef', 'india', 1, 0), ('eeeeeeeeeeeeeeee', 'china', 1, 0)`, "23503"},
		{"StatementMovedToMissingArticle", `UPDATE statements SET article_id = 'ffffffffffffffff', id = 'ffffffffffffffff-s1'`, "23503"},
		{"ExerciseMentionNeedsSource", `INSERT INTO exercise_mentions VALUES ('zapad', '0123456789abcdef', 0, 4, 'Body')`, "23503"},
		{"ExerciseAliasNeedsSource", `INSERT INTO exercise_aliases VALUES ('zapad', '0123456789abcdef', 'West', 'west')`, "23503"},
		{"ArticleIDFixed", `UPDATE articles SET id = 'ffffffffffffffff'`, "23503"},
		{"ExerciseSourceKeyFixed", `UPDATE exercise_sources SET article_id = 'ffffffffffffffff'`, "23503"},
		{"ExerciseMentionSpan", `INSERT INTO exercise_mentions VALUES ('vostok-2022', '0123456789abcdef', 5, 2, 'x')`, "23514"},
		{"ExerciseAliasNotEmpty", `INSERT INTO exercise_aliases VALUES ('vostok-2022', '0123456789abcdef', '', '')`, "23514"},
		// Checks of domains since 000016: the same rules, the same SQLSTATE.
		{"ExerciseAliasFoldedNotEmpty", `INSERT INTO exercise_aliases VALUES ('vostok-2022', '0123456789abcdef', '...', '')`, "23514"},
		{"ExerciseSourceNameNotEmpty", `UPDATE exercise_sources SET name = ''`, "23514"},
		{"ExerciseSourcePurposeNotEmpty", `UPDATE exercise_sources SET purpose = ''`, "23514"},
		{"ExerciseNameNotEmpty", `UPDATE exercises SET name = ''`, "23514"},
		{"StatementLocalIDNotEmpty", `UPDATE statements SET local_id = '', id = '0123456789abcdef-'`, "23514"},
		{"StatementStartNotNegative", `UPDATE statements SET start_pos = -1`, "23514"},
		{"ArticleEntityTitleNotEmpty", `UPDATE article_entities SET title = ''`, "23514"},
		{"ArticleMentionCountNotNegative", `UPDATE articles SET mention_count = mention_count - 1`, "23514"},
		{"EntityTitleCountNotNegative", `INSERT INTO entity_titles VALUES ('china', 'Envoy', '', -1)`, "23514"},
		{"SurnameNameNotEmpty", `INSERT INTO surname_refs VALUES ('0123456789abcdef', 'wang', '', 'wang', 'wang-yi')`, "23514"},
		{"SurnameFoldedNotEmpty", `INSERT INTO surname_refs VALUES ('0123456789abcdef', 'wang', 'Wang', '', 'wang-yi')`, "23514"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tx := pgtest.Tx(t)
			for _, q := range setup {
				_, err := tx.Exec(ctx, q)
				require.NoError(t, err, q)
			}
			_, err := tx.Exec(ctx, c.sql)
			var pgErr *pgconn.PgError
			require.True(t, errors.As(err, &pgErr), "the bad row was accepted: %s", c.sql)
			assert.Equal(t, c.code, pgErr.Code, pgErr.Message)
		})
	}
	t.Run("DeletingArticleCascades", func(t *testing.T) {
		tx := pgtest.Tx(t)
		s := postgres.New(tx)
		a, x := fixtureA(t)
		mustSave(t, s, a, x)
		var n int
		facts := `SELECT (SELECT count(*) FROM article_entities) + (SELECT count(*) FROM mentions) + (SELECT count(*) FROM statements)
			+ (SELECT count(*) FROM statement_entities) + (SELECT count(*) FROM exercise_sources) + (SELECT count(*) FROM exercise_participants)
			+ (SELECT count(*) FROM exercise_aliases) + (SELECT count(*) FROM exercise_mentions)`
		require.NoError(t, tx.QueryRow(ctx, facts).Scan(&n))
		require.NotZero(t, n, "the fixture stored no facts")
		_, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = $1`, a.ID)
		require.NoError(t, err)
		require.NoError(t, tx.QueryRow(ctx, facts).Scan(&n))
		assert.Zero(t, n)
		// Nothing names India now, so it may go.
		_, err = tx.Exec(ctx, `DELETE FROM entities WHERE id = 'india'`)
		assert.NoError(t, err)
	})
}

// The triggers that check references to articles (migration 000003) lock the article as a
// foreign key would: it cannot be deleted while a transaction that named it is open.
func TestArticleReferenceLocksArticle(t *testing.T) {
	s, pool := mustFreshStore(t)
	a, x := fixtureA(t)
	mustSave(t, s, a, x)
	tx, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = tx.Rollback(ctx) }()
	_, err = tx.Exec(ctx, `INSERT INTO statements (id, article_id, local_id, speaker_text, kind, text, start_pos, end_pos, verb)
		VALUES ($1 || '-s9', $1, 's9', 'he', 'direct', 'x', 0, 1, 'said')`, a.ID)
	require.NoError(t, err)

	other, err := pool.Begin(ctx)
	require.NoError(t, err)
	defer func() { _ = other.Rollback(ctx) }()
	_, err = other.Exec(ctx, `SET LOCAL lock_timeout = '200ms'`)
	require.NoError(t, err)
	_, err = other.Exec(ctx, `DELETE FROM articles WHERE id = $1`, a.ID)
	var pgErr *pgconn.PgError
	require.True(t, errors.As(err, &pgErr), "the article was deleted under an open reference: %v", err)
	assert.Equal(t, "55P03", pgErr.Code, pgErr.Message) // lock_not_available
}

func mustPool(tb testing.TB, url string) *pgxpool.Pool {
	tb.Helper()
	pool, err := postgres.Open(ctx, url)
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	return pool
}

func mustDatabaseName(tb testing.TB, url string) string {
	tb.Helper()
	cfg, err := pgxpool.ParseConfig(url)
	require.NoError(tb, err)
	return `"` + cfg.ConnConfig.Database + `"`
}
