-- Reads whose cost does not grow with the corpus (issue 12). Every list and detail query of the
-- API is served by an index walked in the list's order, so that LIMIT stops the walk, and an
-- exercise no longer carries every mention and article id of every article that reported it:
-- its counts, its first and latest report and capped lists of aliases and participants are
-- kept on the exercise row by merge_exercises, and the rest is paged through sub-resources.

-- The entity list, most mentioned first. This index costs the count updates of every save
-- their HOT status (000001 left it out for that reason); without it the list read and sorted
-- every entity on every request. The ingest benchmark in BENCHMARKS.md measures the cost.
CREATE INDEX entities_rank_idx ON entities ((-mention_count), name, id);
CREATE INDEX entities_type_rank_idx ON entities (type, (-mention_count), name, id);
DROP INDEX entities_type_idx;

-- What the API shows of an exercise instead of every mention and article id. aliases and
-- participant_ids hold at most 20 and 50 entries (the API's maxItems); the counts say how many
-- there are in all.
ALTER TABLE exercises
    ADD COLUMN aliases             text[] NOT NULL DEFAULT '{}',
    ADD COLUMN alias_count         integer NOT NULL DEFAULT 0,
    ADD COLUMN participant_ids     text[] COLLATE "C" NOT NULL DEFAULT '{}',
    ADD COLUMN participant_count   integer NOT NULL DEFAULT 0,
    ADD COLUMN article_count       integer NOT NULL DEFAULT 0,
    ADD COLUMN mention_count       integer NOT NULL DEFAULT 0,
    ADD COLUMN first_article_id    text COLLATE "C",
    ADD COLUMN first_published_at  date,
    ADD COLUMN latest_article_id   text COLLATE "C",
    ADD COLUMN latest_published_at date;

-- Host filter in list order.
DROP INDEX exercises_host_idx;
CREATE INDEX exercises_host_idx ON exercises (host_id, (coalesce(period_start, '-infinity'::date)), id) WHERE host_id IS NOT NULL;

-- Which entities take part in which exercise, once per pair, with the exercise's list key: the
-- participant filter walks (entity_id, key) in list order and stops at the page's end, where
-- exercise_participants (one row per article) would have had every report read and sorted.
-- Rewritten by merge_exercises for the exercises it merges.
CREATE TABLE exercise_members (
    exercise_id text COLLATE "C" NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    entity_id   text COLLATE "C" NOT NULL,
    list_key    date NOT NULL,
    PRIMARY KEY (exercise_id, entity_id)
);
CREATE INDEX exercise_members_list_idx ON exercise_members (entity_id, list_key, exercise_id);

-- An exercise's reports in report order (published date, unknown last; article id): the first
-- and latest report, and GET /v1/exercises/{id}/articles.
CREATE INDEX exercise_sources_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id);

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

-- Fill the new columns and table for the exercises already stored.
SELECT merge_exercises(array(SELECT id FROM exercises));
