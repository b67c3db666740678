-- Latency of the analytics queries, run inside the database: p50, p99 and max of N runs each.
--   psql "$DATABASE_URL" -v hot=singapore -v mid=ines -v cold=bogdan-popescu -f scripts/bench-analytics.sql
-- hot/mid/cold name entities in many, some and few articles (see BENCHMARKS.md). The queries are
-- those of internal/postgres/analytics.go and exercises.go, with constants for parameters.
SET client_min_messages = warning;
CREATE FUNCTION pg_temp.bench(label text, q text, n int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE t0 timestamptz; d float8[] := '{}'; r record;
BEGIN
  FOR r IN EXECUTE q LOOP END LOOP; -- warm
  FOR i IN 1..n LOOP
    t0 := clock_timestamp();
    FOR r IN EXECUTE q LOOP END LOOP;
    d := d || extract(epoch FROM clock_timestamp() - t0) * 1000;
  END LOOP;
  RETURN format('%s: p50 %s ms, p99 %s ms, max %s ms (n=%s)', label,
    round((SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(d) x)::numeric, 2),
    round((SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY x) FROM unnest(d) x)::numeric, 2),
    round((SELECT max(x) FROM unnest(d) x)::numeric, 2), n);
END $$;
\set timeline 'SELECT coalesce(date_trunc(''%s'', published_at)::date, ''infinity'') AS bucket, sum(mention_count)::int, count(*)::int, sum(statement_count)::int FROM article_entities WHERE entity_id = %L GROUP BY 1 ORDER BY 1'
\set related 'SELECT b.entity_id, count(*)::int AS shared FROM ((SELECT article_id FROM article_entities WHERE entity_id = %1$L AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT 1000) UNION ALL (SELECT article_id FROM article_entities WHERE entity_id = %1$L AND published_at IS NULL) LIMIT 1000) a JOIN article_entities b ON b.article_id = a.article_id WHERE b.entity_id <> %1$L GROUP BY b.entity_id ORDER BY 2 DESC, 1 LIMIT 51'
SELECT pg_temp.bench('timeline month, ' || :'hot', format(:'timeline', 'month', :'hot'), 100);
SELECT pg_temp.bench('timeline day, ' || :'hot', format(:'timeline', 'day', :'hot'), 100);
SELECT pg_temp.bench('timeline month, ' || :'mid', format(:'timeline', 'month', :'mid'), 200);
SELECT pg_temp.bench('related, ' || :'hot', format(:'related', :'hot'), 20);
SELECT pg_temp.bench('related, ' || :'mid', format(:'related', :'mid'), 100);
SELECT pg_temp.bench('related, ' || :'cold', format(:'related', :'cold'), 100);
SELECT pg_temp.bench('exercises overlapping a quarter', $q$SELECT x.id FROM exercises x WHERE x.period_end >= '2024-01-01' AND x.period_start <= '2024-03-31' ORDER BY coalesce(x.period_start, '-infinity') DESC, x.id DESC LIMIT 51$q$, 100);
