-- Back to 000005: exercises carry no maintained counts or capped lists.
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
        updated_at = now()
    WHERE x.id = ANY (exercise_ids);
    DELETE FROM exercises AS x
    WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
END
$$;

DROP INDEX exercise_sources_report_idx;
DROP TABLE exercise_members;
DROP INDEX exercises_host_idx;
CREATE INDEX exercises_host_idx ON exercises (host_id) WHERE host_id IS NOT NULL;
ALTER TABLE exercises
    DROP COLUMN aliases,
    DROP COLUMN alias_count,
    DROP COLUMN participant_ids,
    DROP COLUMN participant_count,
    DROP COLUMN article_count,
    DROP COLUMN mention_count,
    DROP COLUMN first_article_id,
    DROP COLUMN first_published_at,
    DROP COLUMN latest_article_id,
    DROP COLUMN latest_published_at;
CREATE INDEX entities_type_idx ON entities (type);
DROP INDEX entities_type_rank_idx;
DROP INDEX entities_rank_idx;
