-- The merge functions as 000010 left them, without the reports' keys.
CREATE OR REPLACE FUNCTION merge_exercise_fields(exercise_ids text[], article_counts int[], mention_counts int[], relative boolean,
    recount boolean) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    moved text[];
BEGIN
    WITH changed AS (UPDATE exercises AS x SET
        name = coalesce(f.name, x.name),
        host_id = (SELECT s.host_id FROM exercise_sources s WHERE s.exercise_id = x.id AND s.host_id IS NOT NULL
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1),
        purpose = (SELECT s.purpose FROM exercise_sources s WHERE s.exercise_id = x.id AND s.purpose IS NOT NULL
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1),
        (period_text, period_start, period_end) = (
            SELECT p.period_text, p.period_start, p.period_end FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.period_text, s.period_start, s.period_end FROM exercise_sources s
                WHERE s.exercise_id = x.id AND s.period_start IS NOT NULL
                ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS p ON true),
        article_count = CASE WHEN relative THEN x.article_count ELSE 0 END + d.article_count,
        mention_count = CASE WHEN relative THEN x.mention_count ELSE 0 END + d.mention_count,
        (first_article_id, first_published_at) = (
            SELECT f.article_id, f.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s WHERE s.exercise_id = x.id
                ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true),
        (latest_article_id, latest_published_at) = (
            SELECT f.article_id, f.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s WHERE s.exercise_id = x.id
                ORDER BY coalesce(s.published_at, 'infinity'::date) DESC, s.article_id DESC LIMIT 1) AS f ON true),
        participant_ids = CASE WHEN NOT recount THEN x.participant_ids ELSE (
            SELECT coalesce((array_agg(m.entity_id ORDER BY m.first_published, m.first_article, m.first_position))[1:50], '{}')
            FROM exercise_members m WHERE m.exercise_id = x.id) END,
        participant_count = CASE WHEN NOT recount THEN x.participant_count ELSE (
            SELECT count(*) FROM exercise_members m WHERE m.exercise_id = x.id) END,
        -- Aliases leave out the canonical name, which this update may change.
        (aliases, alias_count) = (SELECT l.aliases, l.alias_count FROM exercise_alias_list(x.id, coalesce(f.name, x.name)) AS l),
        updated_at = now()
    FROM unnest(exercise_ids, article_counts, mention_counts) AS d(id, article_count, mention_count)
        -- The row as it was (locked by the caller): its list key before this update.
        JOIN exercises AS o ON o.id = d.id
        LEFT JOIN LATERAL (SELECT s.name FROM exercise_sources s WHERE s.exercise_id = d.id
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true
    WHERE x.id = d.id
    RETURNING x.id, coalesce(x.period_start, '-infinity'::date) <> coalesce(o.period_start, '-infinity'::date) AS rekeyed)
    SELECT array_agg(id) INTO moved FROM changed WHERE rekeyed;
    -- Memberships carry the list key of their exercise: rewritten only when the period moves.
    IF moved IS NOT NULL THEN
        UPDATE exercise_members AS m SET list_key = coalesce(x.period_start, '-infinity'::date)
        FROM exercises x
        WHERE x.id = ANY (moved) AND m.exercise_id = x.id AND m.list_key <> coalesce(x.period_start, '-infinity'::date);
    END IF;
END
$$;

-- Applies a save of article to the merged exercises exercise_ids: those it reports now (its
-- reports, participants, aliases and mentions written already) and those it reported before (its
-- previous reports deleted already). added_reports and added_mentions are, per exercise, how many
-- reports and mentions the save added (negative: took away); gone_* are the participants of the previous
-- reports: exercise, entity, position and the report's published date. SaveArticle calls it last.
CREATE OR REPLACE FUNCTION merge_exercise_reports(article text, exercise_ids text[], added_reports int[], added_mentions int[],
    gone_exercises text[], gone_entities text[], gone_positions int[], gone_published date[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    written integer;
BEGIN
    -- Lock in id order first. Each statement below takes a fresh snapshot and sees every report
    -- committed before the lock was granted. The deltas are this save's own, so a report another
    -- writer has not committed yet is counted by that writer, under the same lock, after this one;
    -- so is a membership it adds or takes away.
    PERFORM FROM exercises WHERE id = ANY (exercise_ids) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM exercises AS x
    WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
    -- The article's participants now: a membership for each, and an earlier first report where
    -- this one comes first. Most are members already, with an earlier first report: not written.
    INSERT INTO exercise_members AS m (exercise_id, entity_id, list_key, first_published, first_article, first_position)
    SELECT p.exercise_id, p.entity_id, coalesce(x.period_start, '-infinity'::date), coalesce(s.published_at, 'infinity'::date),
        p.article_id, p.position
    FROM exercise_participants p JOIN exercise_sources s ON s.exercise_id = p.exercise_id AND s.article_id = p.article_id
        JOIN exercises x ON x.id = p.exercise_id
    WHERE p.exercise_id = ANY (exercise_ids) AND p.article_id = article
    ORDER BY p.exercise_id, p.entity_id
    ON CONFLICT (exercise_id, entity_id) DO UPDATE
        SET (first_published, first_article, first_position) = (excluded.first_published, excluded.first_article, excluded.first_position)
        WHERE (excluded.first_published, excluded.first_article, excluded.first_position)
            < (m.first_published, m.first_article, m.first_position);
    GET DIAGNOSTICS written = ROW_COUNT;
    IF cardinality(gone_exercises) > 0 THEN
        -- Its participants before: a membership no report names any more ends, and one whose
        -- first report was the previous version looks for its first report again.
        written := written + 1;
        DELETE FROM exercise_members AS m USING unnest(gone_exercises, gone_entities) AS g(exercise_id, entity_id)
        WHERE m.exercise_id = g.exercise_id AND m.entity_id = g.entity_id
            AND NOT EXISTS (SELECT FROM exercise_participants p WHERE p.entity_id = m.entity_id AND p.exercise_id = m.exercise_id);
        UPDATE exercise_members AS m SET (first_published, first_article, first_position) = (
            SELECT coalesce(s.published_at, 'infinity'::date), p.article_id, p.position
            FROM exercise_participants p JOIN exercise_sources s ON s.exercise_id = p.exercise_id AND s.article_id = p.article_id
            WHERE p.entity_id = m.entity_id AND p.exercise_id = m.exercise_id
            ORDER BY 1, 2, 3 LIMIT 1)
        FROM unnest(gone_exercises, gone_entities, gone_positions, gone_published) AS g(exercise_id, entity_id, position, published_at)
        WHERE m.exercise_id = g.exercise_id AND m.entity_id = g.entity_id
            AND (m.first_published, m.first_article, m.first_position) = (coalesce(g.published_at, 'infinity'::date), article, g.position);
    END IF;
    -- The participant list is read again only when a membership changed.
    PERFORM merge_exercise_fields(exercise_ids, added_reports, added_mentions, true, written > 0);
END
$$;

ALTER TABLE exercises
    DROP COLUMN host_article_id, DROP COLUMN host_published_at,
    DROP COLUMN purpose_article_id, DROP COLUMN purpose_published_at,
    DROP COLUMN period_article_id, DROP COLUMN period_published_at;

-- The checks go back onto the tables, under their names before 000016, and the columns back
-- to their base types (binary coercible: no rewrite; the checks scan each table once).
ALTER TABLE articles ALTER title SET COMPRESSION DEFAULT, ALTER body SET COMPRESSION DEFAULT, ALTER search SET COMPRESSION DEFAULT;

ALTER TABLE articles
    ALTER entity_count TYPE integer, ALTER exercise_count TYPE integer,
    ALTER mention_count TYPE integer, ALTER statement_count TYPE integer,
    ALTER extractor_version TYPE integer, ALTER source TYPE text,
    ALTER url TYPE text COLLATE "C", ALTER sha256 TYPE text COLLATE "C",
    ADD CONSTRAINT articles_entity_count_check CHECK (entity_count >= 0),
    ADD CONSTRAINT articles_exercise_count_check CHECK (exercise_count >= 0),
    ADD CONSTRAINT articles_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT articles_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT articles_extractor_version_check CHECK (extractor_version > 0),
    ADD CONSTRAINT articles_source_check CHECK (source <> ''),
    ADD CONSTRAINT articles_url_check CHECK (url <> ''),
    ADD CONSTRAINT articles_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE article_entities
    ALTER mention_count TYPE integer, ALTER statement_count TYPE integer, ALTER title TYPE text,
    ADD CONSTRAINT article_entities_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT article_entities_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT article_entities_title_check CHECK (title <> '');
ALTER TABLE entities
    ALTER article_count TYPE integer, ALTER mention_count TYPE integer, ALTER statement_count TYPE integer,
    ALTER title TYPE text,
    ADD CONSTRAINT entities_article_count_check CHECK (article_count >= 0),
    ADD CONSTRAINT entities_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT entities_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT entities_title_check CHECK (title <> '');
ALTER TABLE entity_names ALTER folded TYPE text COLLATE "C", ADD CONSTRAINT entity_names_folded_check CHECK (folded <> '');
ALTER TABLE entity_titles ALTER articles TYPE integer, ADD CONSTRAINT entity_titles_articles_check CHECK (articles >= 0);
ALTER TABLE exercises
    ALTER name TYPE text, ALTER purpose TYPE text,
    ADD CONSTRAINT exercises_name_check CHECK (name <> ''),
    ADD CONSTRAINT exercises_purpose_check CHECK (purpose <> '');
ALTER TABLE exercise_sources
    ALTER name TYPE text, ALTER purpose TYPE text,
    ADD CONSTRAINT exercise_sources_name_check CHECK (name <> ''),
    ADD CONSTRAINT exercise_sources_purpose_check CHECK (purpose <> '');
ALTER TABLE exercise_aliases ALTER folded TYPE text COLLATE "C", ADD CONSTRAINT exercise_aliases_folded_check CHECK (folded <> '');
ALTER TABLE statements
    ALTER local_id TYPE text COLLATE "C", ALTER kind TYPE text, ALTER start_pos TYPE integer,
    ADD CONSTRAINT statements_local_id_check CHECK (local_id <> ''),
    ADD CONSTRAINT statements_kind_check CHECK (kind IN ('direct', 'indirect')),
    ADD CONSTRAINT statements_start_pos_check CHECK (start_pos >= 0);
ALTER TABLE surname_refs
    ALTER name TYPE text, ALTER folded TYPE text COLLATE "C",
    ADD CONSTRAINT surname_refs_name_check CHECK (name <> ''),
    ADD CONSTRAINT surname_refs_folded_check CHECK (folded <> '');

DROP DOMAIN nonempty_text, nonnegative_int, positive_int, statement_kind, sha256_hex;
