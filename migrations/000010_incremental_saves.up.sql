-- Saves whose cost does not grow with the corpus (issue 12's ingest target). merge_exercises
-- (000006) recomputed an exercise from all of its reports at every save that reported it: its
-- counts, aliases and participants from every report, and every exercise_members row deleted
-- and inserted again (3.9 million inserts and 3.8 million deletes for 87,000 articles). A save
-- now applies its own article's difference: the counts move by deltas, each membership keeps
-- its first report and is written only when that changes, the fields chosen from the first
-- report that has them are read through indexes in report order, and the distinct aliases by
-- one index probe each. merge_exercises stays as the full recompute (merges; tests check that
-- both agree). The title and affiliation an entity shows are kept by increments too
-- (entity_titles, below).

-- The first report with a host, a purpose or a period, in report order (published date, unknown
-- last; article id), without reading the reports that lack one. The first report of all is
-- exercise_sources_report_idx (000006). Ordering by coalesce(published_at, 'infinity') is
-- 000006's "published_at NULLS LAST" for every finite date, which is every date a save writes.
CREATE INDEX exercise_sources_host_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id)
    WHERE host_id IS NOT NULL;
CREATE INDEX exercise_sources_purpose_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id)
    WHERE purpose IS NOT NULL;
CREATE INDEX exercise_sources_period_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id)
    WHERE period_start IS NOT NULL;

-- An exercise's distinct aliases in byte order, one probe each (exercise_alias_list).
CREATE INDEX exercise_aliases_alias_idx ON exercise_aliases (exercise_id, alias);

-- Each membership keeps the first report that names the entity among the exercise's
-- participants (report order, then the entity's position in that report): the exercise's
-- participant list is its memberships in that order.
ALTER TABLE exercise_members
    ADD COLUMN first_published date,
    ADD COLUMN first_article   text COLLATE "C",
    ADD COLUMN first_position  integer;

-- The distinct aliases of an exercise but its canonical name: the first 20 in byte order, and how
-- many there are. PL/pgSQL, so that its statements keep their plans for the connection.
CREATE FUNCTION exercise_alias_list(exercise text, canonical text, OUT aliases text[], OUT alias_count integer)
    LANGUAGE plpgsql STABLE AS $$
DECLARE
    a text;
BEGIN
    aliases := '{}';
    alias_count := 0;
    -- min() over the index (exercise_id, alias) is one probe: each name, however many reports
    -- repeat it, is read once.
    SELECT min(x.alias) INTO a FROM exercise_aliases x WHERE x.exercise_id = exercise;
    WHILE a IS NOT NULL LOOP
        IF a <> canonical THEN
            alias_count := alias_count + 1;
            IF alias_count <= 20 THEN
                aliases := aliases || a;
            END IF;
        END IF;
        SELECT min(x.alias) INTO a FROM exercise_aliases x WHERE x.exercise_id = exercise AND x.alias > a;
    END LOOP;
END
$$;

-- Recomputes the merged exercises exercise_ids from all of their reports, deleting those left
-- without one: what merge_exercise_reports keeps by increments. Merges of entities call it for
-- the exercises whose host or participants they moved; tests check that it changes nothing
-- after saves.
CREATE OR REPLACE FUNCTION merge_exercises(exercise_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Lock in id order first. Each statement below takes a fresh snapshot, so the recompute sees
    -- every source committed before the lock was granted, and the last writer leaves the row
    -- right.
    PERFORM FROM exercises WHERE id = ANY (exercise_ids) ORDER BY id FOR NO KEY UPDATE;
    DELETE FROM exercises AS x
    WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
    DELETE FROM exercise_members WHERE exercise_id = ANY (exercise_ids);
    INSERT INTO exercise_members (exercise_id, entity_id, list_key, first_published, first_article, first_position)
    SELECT DISTINCT ON (p.exercise_id, p.entity_id) p.exercise_id, p.entity_id, coalesce(x.period_start, '-infinity'::date),
        coalesce(s.published_at, 'infinity'::date), p.article_id, p.position
    FROM exercise_participants p JOIN exercise_sources s ON s.exercise_id = p.exercise_id AND s.article_id = p.article_id
        JOIN exercises x ON x.id = p.exercise_id
    WHERE p.exercise_id = ANY (exercise_ids)
    ORDER BY p.exercise_id, p.entity_id, coalesce(s.published_at, 'infinity'::date), p.article_id, p.position;
    PERFORM merge_exercise_fields(exercise_ids,
        array(SELECT (SELECT count(*) FROM exercise_sources s WHERE s.exercise_id = i.id)::int
              FROM unnest(exercise_ids) WITH ORDINALITY AS i(id, n) ORDER BY i.n),
        array(SELECT (SELECT count(*) FROM exercise_mentions m WHERE m.exercise_id = i.id)::int
              FROM unnest(exercise_ids) WITH ORDINALITY AS i(id, n) ORDER BY i.n),
        false, true);
END
$$;

-- Sets the fields of exercises exercise_ids from their reports and memberships: each field from
-- the earliest published report that has it (the first report is usually the primary one, and
-- the choice stays put as later articles arrive), the first and latest report, the participants
-- in order of their first report (read again only when recount is true), the aliases; and the
-- counts of articles and mentions, set to article_counts and mention_counts (moved by them when
-- relative is true). The memberships' list key follows the period.
CREATE FUNCTION merge_exercise_fields(exercise_ids text[], article_counts int[], mention_counts int[], relative boolean,
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
CREATE FUNCTION merge_exercise_reports(article text, exercise_ids text[], added_reports int[], added_mentions int[],
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

-- Fill the memberships' new columns (and check the rest) for the exercises already stored.
SELECT merge_exercises(array(SELECT id FROM exercises));
ALTER TABLE exercise_members
    ALTER COLUMN first_published SET NOT NULL,
    ALTER COLUMN first_article SET NOT NULL,
    ALTER COLUMN first_position SET NOT NULL;

-- A merge of entities recomputes only the exercises whose host or participants it moves: the
-- other exercises of the articles it touches do not change.
CREATE OR REPLACE FUNCTION move_entity_facts(from_id text, to_id text, only_articles text[]) RETURNS void LANGUAGE plpgsql
    SET jit = off AS $$
DECLARE
    arts text[];
    exs text[];
BEGIN
    -- The articles' rows first, as a save of one of them locks them, then both entities.
    PERFORM FROM articles a
    WHERE a.id IN (SELECT x.article_id FROM article_entities x
                   WHERE x.entity_id = from_id AND (only_articles IS NULL OR x.article_id = ANY (only_articles)))
    ORDER BY a.id FOR NO KEY UPDATE;
    PERFORM FROM entities WHERE id IN (from_id, to_id) ORDER BY id FOR NO KEY UPDATE;
    SELECT coalesce(array_agg(x.article_id ORDER BY x.article_id), '{}') INTO arts FROM article_entities x
    WHERE x.entity_id = from_id AND (only_articles IS NULL OR x.article_id = ANY (only_articles));
    IF cardinality(arts) > 0 THEN
        INSERT INTO article_entities AS ae (article_id, entity_id, mention_count, statement_count, title, affiliation_id)
        SELECT x.article_id, to_id, 0, 0, x.title, nullif(x.affiliation_id, to_id) FROM article_entities x
        WHERE x.entity_id = from_id AND x.article_id = ANY (arts)
        ORDER BY x.article_id
        ON CONFLICT (article_id, entity_id) DO UPDATE SET
            title = coalesce(ae.title, excluded.title), affiliation_id = coalesce(ae.affiliation_id, excluded.affiliation_id);

        -- A span both entities claim is kept once.
        DELETE FROM mentions m WHERE m.entity_id = from_id AND m.article_id = ANY (arts)
            AND EXISTS (SELECT FROM mentions t WHERE t.entity_id = to_id AND t.article_id = m.article_id
                        AND t.start_pos = m.start_pos AND t.end_pos = m.end_pos);
        UPDATE mentions SET entity_id = to_id WHERE entity_id = from_id AND article_id = ANY (arts);

        UPDATE statements SET speaker_id = to_id WHERE speaker_id = from_id AND article_id = ANY (arts);
        DELETE FROM statement_entities se USING statements s
        WHERE se.statement_id = s.id AND s.article_id = ANY (arts) AND se.entity_id = from_id
            AND EXISTS (SELECT FROM statement_entities t WHERE t.statement_id = se.statement_id AND t.entity_id = to_id);
        UPDATE statement_entities se SET entity_id = to_id FROM statements s
        WHERE se.statement_id = s.id AND s.article_id = ANY (arts) AND se.entity_id = from_id;

        SELECT array_agg(DISTINCT s.exercise_id ORDER BY s.exercise_id) INTO exs FROM exercise_sources s
        WHERE s.article_id = ANY (arts) AND (s.host_id = from_id
            OR EXISTS (SELECT FROM exercise_participants p WHERE p.exercise_id = s.exercise_id AND p.article_id = s.article_id
                       AND p.entity_id = from_id));
        DELETE FROM exercise_participants p WHERE p.entity_id = from_id AND p.article_id = ANY (arts)
            AND EXISTS (SELECT FROM exercise_participants t WHERE t.exercise_id = p.exercise_id
                        AND t.article_id = p.article_id AND t.entity_id = to_id);
        UPDATE exercise_participants SET entity_id = to_id WHERE entity_id = from_id AND article_id = ANY (arts);
        UPDATE exercise_sources SET host_id = to_id WHERE host_id = from_id AND article_id = ANY (arts);
        IF exs IS NOT NULL THEN
            PERFORM merge_exercises(exs);
        END IF;

        -- Its mentions moved, the old share goes alone (the cascade finds none).
        DELETE FROM article_entities WHERE entity_id = from_id AND article_id = ANY (arts);
        UPDATE article_entities ae SET
            mention_count = (SELECT count(*) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id),
            statement_count = (SELECT count(*) FROM statements s WHERE s.article_id = ae.article_id AND s.speaker_id = ae.entity_id)
        WHERE ae.entity_id = to_id AND ae.article_id = ANY (arts);
        UPDATE articles a SET
            entity_count = (SELECT count(*) FROM article_entities x WHERE x.article_id = a.id),
            mention_count = (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
            updated_at = greatest(now(), a.ingested_at)
        WHERE a.id = ANY (arts);
    END IF;
    PERFORM refresh_entities(ARRAY[from_id, to_id]);
END
$$;

-- How many of an entity's articles give it each title and affiliation ('' for none), so that the
-- pair most of them give (000005's entity_title) is one index probe: it aggregated every
-- article of the entity at each save that titled it, a cost that grew with the entity's
-- coverage. Kept by statement-level triggers on article_entities, whoever writes it (saves,
-- merges, deletes of articles).
CREATE TABLE entity_titles (
    entity_id      text COLLATE "C" NOT NULL,
    title          text COLLATE "C" NOT NULL,
    affiliation_id text COLLATE "C" NOT NULL,
    articles       integer NOT NULL CHECK (articles >= 0),
    PRIMARY KEY (entity_id, title, affiliation_id),
    CHECK (title <> '' OR affiliation_id <> '')
);
-- entity_title's order: most articles; a pair with both; title, then affiliation, in byte order.
CREATE INDEX entity_titles_rank_idx ON entity_titles
    (entity_id, articles DESC, ((title <> '' AND affiliation_id <> '')) DESC, (nullif(title, '')), (nullif(affiliation_id, '')));

INSERT INTO entity_titles (entity_id, title, affiliation_id, articles)
SELECT entity_id, coalesce(title, ''), coalesce(affiliation_id, ''), count(*) FROM article_entities
WHERE title IS NOT NULL OR affiliation_id IS NOT NULL
GROUP BY 1, 2, 3;

-- The rows added are counted before the rows gone are taken back, so that an update that keeps
-- the pair never empties it.
CREATE FUNCTION count_entity_titles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO entity_titles AS t (entity_id, title, affiliation_id, articles)
        SELECT n.entity_id, coalesce(n.title, ''), coalesce(n.affiliation_id, ''), count(*) FROM added n
        WHERE n.title IS NOT NULL OR n.affiliation_id IS NOT NULL
        GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
        ON CONFLICT (entity_id, title, affiliation_id) DO UPDATE SET articles = t.articles + excluded.articles;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        UPDATE entity_titles AS t SET articles = t.articles - g.n
        FROM (SELECT o.entity_id, coalesce(o.title, '') AS title, coalesce(o.affiliation_id, '') AS affiliation_id, count(*) AS n
              FROM gone o WHERE o.title IS NOT NULL OR o.affiliation_id IS NOT NULL GROUP BY 1, 2, 3) AS g
        WHERE t.entity_id = g.entity_id AND t.title = g.title AND t.affiliation_id = g.affiliation_id;
        DELETE FROM entity_titles AS t
        WHERE t.entity_id IN (SELECT o.entity_id FROM gone o WHERE o.title IS NOT NULL OR o.affiliation_id IS NOT NULL)
            AND t.articles = 0;
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_entities_titles_ins AFTER INSERT ON article_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_entity_titles();
CREATE TRIGGER article_entities_titles_upd AFTER UPDATE ON article_entities
    REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_entity_titles();
CREATE TRIGGER article_entities_titles_del AFTER DELETE ON article_entities
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION count_entity_titles();

-- TRUNCATE fires no DELETE trigger: the counts go with the rows they count.
CREATE FUNCTION truncate_entity_titles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE entity_titles;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_entities_titles_truncate AFTER TRUNCATE ON article_entities
    FOR EACH STATEMENT EXECUTE FUNCTION truncate_entity_titles();

CREATE OR REPLACE FUNCTION entity_title(entity text) RETURNS TABLE (title text, affiliation_id text) LANGUAGE sql STABLE AS $$
    SELECT nullif(t.title, ''), nullif(t.affiliation_id, '') FROM entity_titles t
    WHERE t.entity_id = entity AND t.articles > 0
    ORDER BY t.articles DESC, (t.title <> '' AND t.affiliation_id <> '') DESC, nullif(t.title, ''), nullif(t.affiliation_id, '')
    LIMIT 1
$$;
