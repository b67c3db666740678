-- The checks go back onto the tables, under their names before 000017, and the columns back
-- to their base types (binary coercible: no rewrite; the checks scan each table once).
ALTER TABLE articles ALTER title SET COMPRESSION DEFAULT, ALTER body SET COMPRESSION DEFAULT, ALTER search SET COMPRESSION DEFAULT;

ALTER TABLE articles
    ALTER entity_count TYPE integer, ALTER exercise_count TYPE integer,
    ALTER mention_count TYPE integer, ALTER statement_count TYPE integer,
    ALTER extractor_version TYPE integer, ALTER source TYPE text,
    ALTER url TYPE text COLLATE "C", ALTER sha256 TYPE text COLLATE "C",
    ADD CONSTRAINT articles_entity_count_check CHECK (entity_count >= 0),
    ADD CONSTRAINT articles_exercise_count_check CHECK (exercise_count >= 0),
    ADD CONSTRAINT articles_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT articles_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT articles_extractor_version_check CHECK (extractor_version > 0),
    ADD CONSTRAINT articles_source_check CHECK (source <> ''),
    ADD CONSTRAINT articles_url_check CHECK (url <> ''),
    ADD CONSTRAINT articles_sha256_check CHECK (sha256 ~ '^[0-9a-f]{64}$');
ALTER TABLE article_entities
    ALTER mention_count TYPE integer, ALTER statement_count TYPE integer, ALTER title TYPE text,
    ADD CONSTRAINT article_entities_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT article_entities_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT article_entities_title_check CHECK (title <> '');
ALTER TABLE entities
    ALTER article_count TYPE integer, ALTER mention_count TYPE integer, ALTER statement_count TYPE integer,
    ALTER title TYPE text,
    ADD CONSTRAINT entities_article_count_check CHECK (article_count >= 0),
    ADD CONSTRAINT entities_mention_count_check CHECK (mention_count >= 0),
    ADD CONSTRAINT entities_statement_count_check CHECK (statement_count >= 0),
    ADD CONSTRAINT entities_title_check CHECK (title <> '');
ALTER TABLE entity_names ALTER folded TYPE text COLLATE "C", ADD CONSTRAINT entity_names_folded_check CHECK (folded <> '');
ALTER TABLE entity_titles ALTER articles TYPE integer, ADD CONSTRAINT entity_titles_articles_check CHECK (articles >= 0);
ALTER TABLE exercises
    ALTER name TYPE text, ALTER purpose TYPE text,
    ADD CONSTRAINT exercises_name_check CHECK (name <> ''),
    ADD CONSTRAINT exercises_purpose_check CHECK (purpose <> '');
ALTER TABLE exercise_sources
    ALTER name TYPE text, ALTER purpose TYPE text,
    ADD CONSTRAINT exercise_sources_name_check CHECK (name <> ''),
    ADD CONSTRAINT exercise_sources_purpose_check CHECK (purpose <> '');
ALTER TABLE exercise_aliases ALTER folded TYPE text COLLATE "C", ADD CONSTRAINT exercise_aliases_folded_check CHECK (folded <> '');
ALTER TABLE statements
    ALTER local_id TYPE text COLLATE "C", ALTER kind TYPE text, ALTER start_pos TYPE integer,
    ADD CONSTRAINT statements_local_id_check CHECK (local_id <> ''),
    ADD CONSTRAINT statements_kind_check CHECK (kind IN ('direct', 'indirect')),
    ADD CONSTRAINT statements_start_pos_check CHECK (start_pos >= 0);
ALTER TABLE surname_refs
    ALTER name TYPE text, ALTER folded TYPE text COLLATE "C",
    ADD CONSTRAINT surname_refs_name_check CHECK (name <> ''),
    ADD CONSTRAINT surname_refs_folded_check CHECK (folded <> '');

DROP DOMAIN nonempty_text, nonnegative_int, positive_int, statement_kind, sha256_hex;
