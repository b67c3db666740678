-- Every article writes about a hundred rows of facts, and each foreign key on them cost every
-- row a lookup and a row lock in the referenced table. The locks on entities were the worst:
-- every writer share-locked the same popular rows (a country named in every article), which
-- PostgreSQL records as multixacts. Ingest spent about a sixth of the database's time on these
-- checks. This migration drops the seven foreign keys checked most often and keeps their
-- other guarantees with statement-level triggers that cost nothing when rows are inserted:
--
--   * References to entities (from article_entities, statements, statement_entities,
--     exercise_participants and exercise_sources) are checked by SaveArticle, the only writer,
--     which rejects a fact naming an entity that is neither in the article nor stored. Entities
--     are never deleted by newsfacts; a DELETE of an entity that facts still name fails here
--     with foreign_key_violation, as the foreign keys made it fail.
--   * mentions and statement_entities are written in the same transaction as the rows they
--     belong to, and still go when those rows go: the cascades are triggers now.
--
-- The cheaper foreign keys stay: to articles (the article row is the save's own, locked already,
-- so its checks never wait) and within exercises (a few rows per article).
--
-- statements' UNIQUE (article_id, local_id) goes too: its CHECK makes id a function of the two
-- columns, so the primary key on id already forbids what it forbids, at one index write per
-- statement less.
ALTER TABLE statements DROP CONSTRAINT statements_article_id_local_id_key;
ALTER TABLE article_entities DROP CONSTRAINT article_entities_entity_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_speaker_id_fkey;
ALTER TABLE statement_entities DROP CONSTRAINT statement_entities_entity_id_fkey;
ALTER TABLE exercise_participants DROP CONSTRAINT exercise_participants_entity_id_fkey;
ALTER TABLE exercise_sources DROP CONSTRAINT exercise_sources_host_id_fkey;
ALTER TABLE mentions DROP CONSTRAINT mentions_article_id_entity_id_fkey;
ALTER TABLE statement_entities DROP CONSTRAINT statement_entities_statement_id_fkey;

-- The cascades, once per DELETE statement rather than once per row.
CREATE FUNCTION delete_mentions_of_article_entities() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM mentions m USING gone g WHERE m.article_id = g.article_id AND m.entity_id = g.entity_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER article_entities_cascade AFTER DELETE ON article_entities
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_mentions_of_article_entities();

CREATE FUNCTION delete_entities_of_statements() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_entities se USING gone g WHERE se.statement_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER statements_cascade AFTER DELETE ON statements
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_entities_of_statements();

-- An entity that facts still name cannot be deleted, nor can its id change.
CREATE FUNCTION restrict_entity_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    named text;
BEGIN
    SELECT g.id INTO named FROM gone g
    WHERE EXISTS (SELECT FROM article_entities x WHERE x.entity_id = g.id)
       OR EXISTS (SELECT FROM statements x WHERE x.speaker_id = g.id)
       OR EXISTS (SELECT FROM statement_entities x WHERE x.entity_id = g.id)
       OR EXISTS (SELECT FROM exercise_participants x WHERE x.entity_id = g.id)
       OR EXISTS (SELECT FROM exercise_sources x WHERE x.host_id = g.id)
    LIMIT 1;
    IF named IS NOT NULL THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('entity %L is still named by stored facts', named),
            TABLE = 'entities';
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER entities_restrict_delete AFTER DELETE ON entities
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION restrict_entity_delete();

CREATE FUNCTION forbid_entity_id_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING
        MESSAGE = format('entity ids never change (%L to %L)', OLD.id, NEW.id),
        TABLE = 'entities';
END
$$;
-- Fires only for an UPDATE that sets id, so the count updates of every save never call it.
CREATE TRIGGER entities_fixed_id BEFORE UPDATE OF id ON entities
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION forbid_entity_id_change();
