-- Drops everything 000001_init.up.sql created, children first. pg_trgm stays: other schemas in
-- the same database may use it, and keeping it is harmless.
DROP TRIGGER IF EXISTS articles_changed ON articles;
DROP FUNCTION IF EXISTS notify_facts_changed();
DROP FUNCTION IF EXISTS merge_exercises(text[]);
DROP TABLE IF EXISTS exercise_mentions;
DROP TABLE IF EXISTS exercise_participants;
DROP TABLE IF EXISTS exercise_aliases;
DROP TABLE IF EXISTS exercise_sources;
DROP TABLE IF EXISTS exercises;
DROP TABLE IF EXISTS statement_entities;
DROP TABLE IF EXISTS statements;
DROP TABLE IF EXISTS mentions;
DROP TABLE IF EXISTS article_entities;
DROP TABLE IF EXISTS entity_names;
DROP TABLE IF EXISTS entities;
DROP TABLE IF EXISTS articles;
