ALTER TABLE exercise_mentions DROP CONSTRAINT exercise_mentions_pkey,
    ADD PRIMARY KEY (exercise_id, article_id, start_pos, end_pos);
DROP INDEX exercise_sources_report_idx;
CREATE INDEX exercise_sources_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id);
