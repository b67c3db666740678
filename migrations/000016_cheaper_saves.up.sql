-- Cheaper saves at 100k articles (issue 12's ingest target).
--
-- 1. Single-column checks of the columns a save writes become checks of domains. PostgreSQL
-- parses a table's CHECK constraints again (stringToNode, then plans each expression) for
-- every statement that writes a row of it: about 54 per save, 6% of a save's instructions at
-- 10,000 articles, the evaluation itself a fifth of that. A domain's checks are parsed once per
-- connection and kept in the type cache. Each column keeps exactly the rule its CHECK stated: a
-- value that breaks it is refused with the same SQLSTATE (23514, check_violation), and NULL
-- still passes. The checks that stay on the tables: those of two columns or more; those of the
-- columns a generated column reads (articles' title and body, statements' text) or a trigger's
-- WHEN names (the ids of articles and entities), whose type cannot change; and those of the
-- columns that queries gather into arrays (entity and exercise names and aliases, the texts
-- and positions of mentions, entity types, exercise ids): an array of a domain neither
-- compares with text[] nor decodes as one in the client.
--
-- The columns change type without a rewrite (a domain without a check is binary coercible
-- with its base type); the checks are added to the domains after, which scans each column
-- once instead. Indexes on these columns are kept as they are, except expression and partial
-- ones, which PostgreSQL builds again (entities' ranks, entity_titles' rank, the trigram
-- indexes of names and aliases, exercise_sources_purpose_report_idx: small tables).
CREATE DOMAIN nonempty_text AS text;
COMMENT ON DOMAIN nonempty_text IS 'text that is not empty';
CREATE DOMAIN nonnegative_int AS integer;
COMMENT ON DOMAIN nonnegative_int IS 'an integer >= 0: a count or a position';
CREATE DOMAIN positive_int AS integer;
COMMENT ON DOMAIN positive_int IS 'an integer > 0';
CREATE DOMAIN statement_kind AS text;
CREATE DOMAIN sha256_hex AS text;
COMMENT ON DOMAIN sha256_hex IS 'a SHA-256 digest as 64 lower-case hex digits';

ALTER TABLE articles
    DROP CONSTRAINT articles_entity_count_check, DROP CONSTRAINT articles_exercise_count_check,
    DROP CONSTRAINT articles_mention_count_check, DROP CONSTRAINT articles_statement_count_check,
    DROP CONSTRAINT articles_extractor_version_check, DROP CONSTRAINT articles_source_check,
    DROP CONSTRAINT articles_url_check, DROP CONSTRAINT articles_sha256_check,
    ALTER entity_count TYPE nonnegative_int, ALTER exercise_count TYPE nonnegative_int,
    ALTER mention_count TYPE nonnegative_int, ALTER statement_count TYPE nonnegative_int,
    ALTER extractor_version TYPE positive_int, ALTER source TYPE nonempty_text,
    ALTER url TYPE nonempty_text COLLATE "C", ALTER sha256 TYPE sha256_hex COLLATE "C";
ALTER TABLE article_entities
    DROP CONSTRAINT article_entities_mention_count_check, DROP CONSTRAINT article_entities_statement_count_check,
    DROP CONSTRAINT article_entities_title_check,
    ALTER mention_count TYPE nonnegative_int, ALTER statement_count TYPE nonnegative_int, ALTER title TYPE nonempty_text;
ALTER TABLE entities
    DROP CONSTRAINT entities_article_count_check, DROP CONSTRAINT entities_mention_count_check,
    DROP CONSTRAINT entities_statement_count_check, DROP CONSTRAINT entities_title_check,
    ALTER article_count TYPE nonnegative_int, ALTER mention_count TYPE nonnegative_int,
    ALTER statement_count TYPE nonnegative_int, ALTER title TYPE nonempty_text;
ALTER TABLE entity_names DROP CONSTRAINT entity_names_folded_check, ALTER folded TYPE nonempty_text COLLATE "C";
ALTER TABLE entity_titles DROP CONSTRAINT entity_titles_articles_check, ALTER articles TYPE nonnegative_int;
ALTER TABLE exercises
    DROP CONSTRAINT exercises_name_check, DROP CONSTRAINT exercises_purpose_check,
    ALTER name TYPE nonempty_text, ALTER purpose TYPE nonempty_text;
ALTER TABLE exercise_sources
    DROP CONSTRAINT exercise_sources_name_check, DROP CONSTRAINT exercise_sources_purpose_check,
    ALTER name TYPE nonempty_text, ALTER purpose TYPE nonempty_text;
ALTER TABLE exercise_aliases DROP CONSTRAINT exercise_aliases_folded_check, ALTER folded TYPE nonempty_text COLLATE "C";
ALTER TABLE statements
    DROP CONSTRAINT statements_local_id_check, DROP CONSTRAINT statements_kind_check, DROP CONSTRAINT statements_start_pos_check,
    ALTER local_id TYPE nonempty_text COLLATE "C", ALTER kind TYPE statement_kind, ALTER start_pos TYPE nonnegative_int;
ALTER TABLE surname_refs
    DROP CONSTRAINT surname_refs_name_check, DROP CONSTRAINT surname_refs_folded_check,
    ALTER name TYPE nonempty_text, ALTER folded TYPE nonempty_text COLLATE "C";

ALTER DOMAIN nonempty_text ADD CONSTRAINT nonempty_text_check CHECK (VALUE <> '');
ALTER DOMAIN nonnegative_int ADD CONSTRAINT nonnegative_int_check CHECK (VALUE >= 0);
ALTER DOMAIN positive_int ADD CONSTRAINT positive_int_check CHECK (VALUE > 0);
ALTER DOMAIN statement_kind ADD CONSTRAINT statement_kind_check CHECK (VALUE IN ('direct', 'indirect'));
ALTER DOMAIN sha256_hex ADD CONSTRAINT sha256_hex_check CHECK (VALUE ~ '^[0-9a-f]{64}$');

-- 2. The article's body and search vector are compressed with LZ4 instead of pglz: 1.2% of a
-- save's instructions went to pglz_compress. New values only; stored ones read as they are.
-- A server built without LZ4 keeps pglz.
DO $$
BEGIN
    ALTER TABLE articles ALTER title SET COMPRESSION lz4, ALTER body SET COMPRESSION lz4, ALTER search SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    NULL;
END
$$;

-- 3. A new report moves the merged exercise by comparison with the reports its fields came
-- from, without reading the other reports. merge_exercise_fields (000010) read each field of an
-- exercise again at every save that reported it: the first report with a host, a purpose and a
-- period by index probes, the participant list, and the aliases (exercise_alias_list), in one
-- UPDATE whose plan PostgreSQL initializes whole for each call: about 1 M instructions per
-- save at 10,000 articles, 5% of a save. Each exercise now also keeps which report its host,
-- purpose and period came from (article id and published date, the report order's key, as
-- first_* already did for the name); a save whose reports are all new then compares each with
-- those keys, and reads the participants only when a membership changed and the aliases only
-- when its report comes first or brings a name the list lacks. Replaced or removed reports
-- still recompute (merge_exercise_fields, which keeps the new columns too); tests compare both
-- with merge_exercises' recompute.
ALTER TABLE exercises
    ADD COLUMN host_article_id      text COLLATE "C",
    ADD COLUMN host_published_at    date,
    ADD COLUMN purpose_article_id   text COLLATE "C",
    ADD COLUMN purpose_published_at date,
    ADD COLUMN period_article_id    text COLLATE "C",
    ADD COLUMN period_published_at  date;
UPDATE exercises AS x SET
    (host_article_id, host_published_at) = (
        SELECT f.article_id, f.published_at FROM (SELECT) AS one
        LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s
            WHERE s.exercise_id = x.id AND s.host_id IS NOT NULL
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true),
    (purpose_article_id, purpose_published_at) = (
        SELECT f.article_id, f.published_at FROM (SELECT) AS one
        LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s
            WHERE s.exercise_id = x.id AND s.purpose IS NOT NULL
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true),
    (period_article_id, period_published_at) = (
        SELECT f.article_id, f.published_at FROM (SELECT) AS one
        LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s
            WHERE s.exercise_id = x.id AND s.period_start IS NOT NULL
            ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true);

-- As 000010's, and the reports the host, purpose and period came from.
CREATE OR REPLACE FUNCTION merge_exercise_fields(exercise_ids text[], article_counts int[], mention_counts int[], relative boolean,
    recount boolean) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    moved text[];
BEGIN
    WITH changed AS (UPDATE exercises AS x SET
        name = coalesce(f.name, x.name),
        (host_id, host_article_id, host_published_at) = (
            SELECT h.host_id, h.article_id, h.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.host_id, s.article_id, s.published_at FROM exercise_sources s
                WHERE s.exercise_id = x.id AND s.host_id IS NOT NULL
                ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS h ON true),
        (purpose, purpose_article_id, purpose_published_at) = (
            SELECT p.purpose, p.article_id, p.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.purpose, s.article_id, s.published_at FROM exercise_sources s
                WHERE s.exercise_id = x.id AND s.purpose IS NOT NULL
                ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS p ON true),
        (period_text, period_start, period_end, period_article_id, period_published_at) = (
            SELECT p.period_text, p.period_start, p.period_end, p.article_id, p.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.period_text, s.period_start, s.period_end, s.article_id, s.published_at FROM exercise_sources s
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

-- As 000010's, with the path of new reports (only_added).
CREATE OR REPLACE FUNCTION merge_exercise_reports(article text, exercise_ids text[], added_reports int[], added_mentions int[],
    gone_exercises text[], gone_entities text[], gone_positions int[], gone_published date[]) RETURNS void
    LANGUAGE plpgsql AS $$
DECLARE
    written integer;
    -- Every exercise gains this article's report and loses none: a new article, or one that
    -- reported none of them before.
    only_added boolean := 1 = ALL (added_reports) AND cardinality(gone_exercises) = 0;
    moved text[];
    realiased text[];
BEGIN
    -- Lock in id order first. Each statement below takes a fresh snapshot and sees every report
    -- committed before the lock was granted. The deltas are this save's own, so a report another
    -- writer has not committed yet is counted by that writer, under the same lock, after this one;
    -- so is a membership it adds or takes away.
    PERFORM FROM exercises WHERE id = ANY (exercise_ids) ORDER BY id FOR NO KEY UPDATE;
    IF NOT only_added THEN
        DELETE FROM exercises AS x
        WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
    END IF;
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
    IF NOT only_added THEN
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
        RETURN;
    END IF;

    -- Every report is new. r is this article's. Report order is (published date, unknown last;
    -- article id), and r's article id is no other report's: a field taken from the first report
    -- that has it moves to r's when r has it and comes before the report it came from (or no
    -- report had it); the latest report is r when r comes after it. A new exercise (inserted by
    -- this save, no first report yet) takes everything from r.
    WITH changed AS (UPDATE exercises AS x SET
        name = CASE WHEN v.first THEN r.name ELSE x.name END,
        first_article_id = CASE WHEN v.first THEN r.article_id ELSE x.first_article_id END,
        first_published_at = CASE WHEN v.first THEN r.published_at ELSE x.first_published_at END,
        latest_article_id = CASE WHEN v.latest THEN r.article_id ELSE x.latest_article_id END,
        latest_published_at = CASE WHEN v.latest THEN r.published_at ELSE x.latest_published_at END,
        host_id = CASE WHEN v.host THEN r.host_id ELSE x.host_id END,
        host_article_id = CASE WHEN v.host THEN r.article_id ELSE x.host_article_id END,
        host_published_at = CASE WHEN v.host THEN r.published_at ELSE x.host_published_at END,
        purpose = CASE WHEN v.purpose THEN r.purpose ELSE x.purpose END,
        purpose_article_id = CASE WHEN v.purpose THEN r.article_id ELSE x.purpose_article_id END,
        purpose_published_at = CASE WHEN v.purpose THEN r.published_at ELSE x.purpose_published_at END,
        period_text = CASE WHEN v.period THEN r.period_text ELSE x.period_text END,
        period_start = CASE WHEN v.period THEN r.period_start ELSE x.period_start END,
        period_end = CASE WHEN v.period THEN r.period_end ELSE x.period_end END,
        period_article_id = CASE WHEN v.period THEN r.article_id ELSE x.period_article_id END,
        period_published_at = CASE WHEN v.period THEN r.published_at ELSE x.period_published_at END,
        article_count = x.article_count + 1,
        mention_count = x.mention_count + d.mention_count,
        -- The participant list is read again only when a membership changed.
        participant_ids = CASE WHEN written = 0 THEN x.participant_ids ELSE (
            SELECT coalesce((array_agg(m.entity_id ORDER BY m.first_published, m.first_article, m.first_position))[1:50], '{}')
            FROM exercise_members m WHERE m.exercise_id = x.id) END,
        participant_count = CASE WHEN written = 0 THEN x.participant_count ELSE (
            SELECT count(*) FROM exercise_members m WHERE m.exercise_id = x.id) END,
        updated_at = now()
    FROM unnest(exercise_ids, added_mentions) AS d(id, mention_count)
        JOIN exercises AS o ON o.id = d.id
        JOIN exercise_sources AS r ON r.exercise_id = d.id AND r.article_id = article
        CROSS JOIN LATERAL (SELECT
            o.first_article_id IS NULL OR (coalesce(r.published_at, 'infinity'::date), r.article_id) < (coalesce(o.first_published_at, 'infinity'::date), o.first_article_id) AS first,
            o.latest_article_id IS NULL OR (coalesce(r.published_at, 'infinity'::date), r.article_id) > (coalesce(o.latest_published_at, 'infinity'::date), o.latest_article_id) AS latest,
            r.host_id IS NOT NULL AND (o.host_article_id IS NULL
                OR (coalesce(r.published_at, 'infinity'::date), r.article_id) < (coalesce(o.host_published_at, 'infinity'::date), o.host_article_id)) AS host,
            r.purpose IS NOT NULL AND (o.purpose_article_id IS NULL
                OR (coalesce(r.published_at, 'infinity'::date), r.article_id) < (coalesce(o.purpose_published_at, 'infinity'::date), o.purpose_article_id)) AS purpose,
            r.period_start IS NOT NULL AND (o.period_article_id IS NULL
                OR (coalesce(r.published_at, 'infinity'::date), r.article_id) < (coalesce(o.period_published_at, 'infinity'::date), o.period_article_id)) AS period
            ) AS v
    WHERE x.id = d.id
    RETURNING x.id,
        v.period AND coalesce(r.period_start, '-infinity'::date) <> coalesce(o.period_start, '-infinity'::date) AS rekeyed,
        -- The aliases leave out the canonical name: read again when it changes, or when r gives a
        -- name that the list lacks (all of them are in it up to 20).
        v.first AND r.name <> o.name OR EXISTS (
            SELECT FROM exercise_aliases a WHERE a.exercise_id = x.id AND a.article_id = article
                AND a.alias <> x.name AND a.alias <> ALL (x.aliases)
                AND (x.alias_count <= 20 OR NOT EXISTS (SELECT FROM exercise_aliases b
                    WHERE b.exercise_id = a.exercise_id AND b.alias = a.alias AND b.article_id <> article))) AS realias)
    SELECT array_agg(id) FILTER (WHERE rekeyed), array_agg(id) FILTER (WHERE realias) INTO moved, realiased FROM changed;
    IF realiased IS NOT NULL THEN
        UPDATE exercises AS x SET (aliases, alias_count) = (SELECT l.aliases, l.alias_count FROM exercise_alias_list(x.id, x.name) AS l)
        WHERE x.id = ANY (realiased);
    END IF;
    -- Memberships carry the list key of their exercise: rewritten only when the period moves.
    IF moved IS NOT NULL THEN
        UPDATE exercise_members AS m SET list_key = coalesce(x.period_start, '-infinity'::date)
        FROM exercises x
        WHERE x.id = ANY (moved) AND m.exercise_id = x.id AND m.list_key <> coalesce(x.period_start, '-infinity'::date);
    END IF;
END
$$;
