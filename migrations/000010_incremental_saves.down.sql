-- Back to 000009: merge_exercises recomputes every exercise a save reports from all of its
-- reports, and entity_title aggregates every article of the entity.
CREATE OR REPLACE FUNCTION entity_title(entity text) RETURNS TABLE (title text, affiliation_id text) LANGUAGE sql STABLE AS $$
    SELECT x.title, x.affiliation_id FROM article_entities x
    WHERE x.entity_id = entity AND (x.title IS NOT NULL OR x.affiliation_id IS NOT NULL)
    GROUP BY x.title, x.affiliation_id
    ORDER BY count(*) DESC, (x.title IS NOT NULL AND x.affiliation_id IS NOT NULL) DESC,
        x.title COLLATE "C" NULLS LAST, x.affiliation_id NULLS LAST
    LIMIT 1
$$;
DROP TRIGGER article_entities_titles_truncate ON article_entities;
DROP FUNCTION truncate_entity_titles();
DROP TRIGGER article_entities_titles_del ON article_entities;
DROP TRIGGER article_entities_titles_upd ON article_entities;
DROP TRIGGER article_entities_titles_ins ON article_entities;
DROP FUNCTION count_entity_titles();
DROP TABLE entity_titles;

CREATE OR REPLACE FUNCTION merge_exercises(exercise_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Lock in id order first. Each statement below takes a fresh snapshot, so the recompute sees
    -- every source committed before the lock was granted, and the last writer leaves the row
    -- right.
    PERFORM FROM exercises WHERE id = ANY (exercise_ids) ORDER BY id FOR NO KEY UPDATE;
    -- Each field comes from the earliest published source that has it: the first report is
    -- usually the primary one, and the choice stays put as later articles arrive.
    UPDATE exercises AS x SET
        name = coalesce((SELECT s.name FROM exercise_sources s WHERE s.exercise_id = x.id
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1), x.name),
        host_id = (SELECT s.host_id FROM exercise_sources s WHERE s.exercise_id = x.id AND s.host_id IS NOT NULL
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1),
        purpose = (SELECT s.purpose FROM exercise_sources s WHERE s.exercise_id = x.id AND s.purpose IS NOT NULL
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1),
        (period_text, period_start, period_end) = (
            SELECT p.period_text, p.period_start, p.period_end FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.period_text, s.period_start, s.period_end FROM exercise_sources s
                WHERE s.exercise_id = x.id AND s.period_start IS NOT NULL
                ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1) AS p ON true),
        article_count = (SELECT count(*) FROM exercise_sources s WHERE s.exercise_id = x.id),
        mention_count = (SELECT count(*) FROM exercise_mentions m WHERE m.exercise_id = x.id),
        (first_article_id, first_published_at) = (
            SELECT f.article_id, f.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s WHERE s.exercise_id = x.id
                ORDER BY coalesce(s.published_at, 'infinity'::date), s.article_id LIMIT 1) AS f ON true),
        (latest_article_id, latest_published_at) = (
            SELECT f.article_id, f.published_at FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.article_id, s.published_at FROM exercise_sources s WHERE s.exercise_id = x.id
                ORDER BY coalesce(s.published_at, 'infinity'::date) DESC, s.article_id DESC LIMIT 1) AS f ON true),
        (participant_ids, participant_count) = (
            SELECT coalesce((array_agg(p.entity_id ORDER BY p.first))[1:50], '{}'), count(*) FROM (
                SELECT p.entity_id, min(array[coalesce(src.published_at, 'infinity')::text, p.article_id, lpad(p.position::text, 6, '0')]) AS first
                FROM exercise_participants p JOIN exercise_sources src USING (exercise_id, article_id)
                WHERE p.exercise_id = x.id GROUP BY p.entity_id) p),
        updated_at = now()
    WHERE x.id = ANY (exercise_ids);
    -- Aliases leave out the canonical name, which the UPDATE above may just have changed.
    UPDATE exercises AS x SET (aliases, alias_count) = (
            SELECT coalesce((array_agg(a.alias ORDER BY a.alias))[1:20], '{}'), count(*) FROM (
                SELECT DISTINCT a.alias FROM exercise_aliases a WHERE a.exercise_id = x.id AND a.alias <> x.name) a)
    WHERE x.id = ANY (exercise_ids);
    DELETE FROM exercises AS x
    WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
    DELETE FROM exercise_members WHERE exercise_id = ANY (exercise_ids);
    INSERT INTO exercise_members (exercise_id, entity_id, list_key)
    SELECT DISTINCT p.exercise_id, p.entity_id, coalesce(x.period_start, '-infinity'::date)
    FROM exercise_participants p JOIN exercises x ON x.id = p.exercise_id
    WHERE p.exercise_id = ANY (exercise_ids);
END
$$;

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

        DELETE FROM exercise_participants p WHERE p.entity_id = from_id AND p.article_id = ANY (arts)
            AND EXISTS (SELECT FROM exercise_participants t WHERE t.exercise_id = p.exercise_id
                        AND t.article_id = p.article_id AND t.entity_id = to_id);
        UPDATE exercise_participants SET entity_id = to_id WHERE entity_id = from_id AND article_id = ANY (arts);
        UPDATE exercise_sources SET host_id = to_id WHERE host_id = from_id AND article_id = ANY (arts);
        SELECT array_agg(DISTINCT s.exercise_id ORDER BY s.exercise_id) INTO exs FROM exercise_sources s WHERE s.article_id = ANY (arts);
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

DROP FUNCTION merge_exercise_reports(text, text[], integer[], integer[], text[], text[], integer[], date[]);
DROP FUNCTION merge_exercise_fields(text[], integer[], integer[], boolean, boolean);
DROP FUNCTION exercise_alias_list(text, text);
ALTER TABLE exercise_members
    DROP COLUMN first_published,
    DROP COLUMN first_article,
    DROP COLUMN first_position;
DROP INDEX exercise_aliases_alias_idx;
DROP INDEX exercise_sources_period_report_idx;
DROP INDEX exercise_sources_purpose_report_idx;
DROP INDEX exercise_sources_host_report_idx;
