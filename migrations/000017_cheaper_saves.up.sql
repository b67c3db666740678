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
