-- An exercise's articles and mentions (GET /v1/exercises/{id}/articles and /mentions) run as
-- prepared statements, whose generic plans estimate an exercise's rows by the average: 45
-- reports at 100,000 articles. The articles of the most reported exercise (340 reports) were
-- gathered through a bitmap, all of them on 299 heap pages, and sorted to keep the first page,
-- a cost that grows with every report; the mentions likewise on a corpus whose average is
-- lower (TestQueryPlans). With every column the page reads in the index, an index-only scan
-- walks it in page order and stops at the end of the page (5 buffers for the articles' keys,
-- the same for any exercise). An index on an expression serves an index-only scan only when
-- the expression's column is in the index too: published_at.
DROP INDEX exercise_sources_report_idx;
CREATE INDEX exercise_sources_report_idx ON exercise_sources (exercise_id, (coalesce(published_at, 'infinity'::date)), article_id)
    INCLUDE (published_at);
ALTER TABLE exercise_mentions DROP CONSTRAINT exercise_mentions_pkey,
    ADD PRIMARY KEY (exercise_id, article_id, start_pos, end_pos) INCLUDE (text);
