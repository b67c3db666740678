-- A foreign key checks each inserted row on its own: for every row, PostgreSQL runs a query
-- through SPI, with a full executor start-up. An article writes about 35 rows that reference its
-- article row or its exercise sources, and callgrind on the ingest's backend put those checks at
-- a tenth of all its instructions. This migration checks the same references once per statement,
-- with statement-level triggers over transition tables (one query each), and cascades deletes
-- the same way: the backend's instructions per new article went from 13.5 to 12.6 million.
--
-- What the foreign keys guaranteed stays:
--   * a row that names a missing article (or exercise source) is refused with
--     foreign_key_violation;
--   * the rows named are locked FOR KEY SHARE, as a foreign key locks them, so that no other
--     transaction deletes them or changes their key before the inserting one ends;
--   * deleting an article deletes its facts, and deleting an exercise source its details;
--   * the key of a referenced row never changes (a foreign key's ON UPDATE NO ACTION).
-- The foreign keys to exercises and entities stay: they are checked about twice per article.

ALTER TABLE article_entities DROP CONSTRAINT article_entities_article_id_fkey;
ALTER TABLE statements DROP CONSTRAINT statements_article_id_fkey;
ALTER TABLE exercise_sources DROP CONSTRAINT exercise_sources_article_id_fkey;
ALTER TABLE exercise_aliases DROP CONSTRAINT exercise_aliases_exercise_id_article_id_fkey;
ALTER TABLE exercise_participants DROP CONSTRAINT exercise_participants_exercise_id_article_id_fkey;
ALTER TABLE exercise_mentions DROP CONSTRAINT exercise_mentions_exercise_id_article_id_fkey;

-- For tables with an article_id: the rows a statement added (or changed) name stored articles.
CREATE FUNCTION check_article_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing text;
BEGIN
    -- One query: lock each article named (FOR KEY SHARE), and find one that is not there.
    SELECT n.id INTO missing FROM (SELECT DISTINCT article_id AS id FROM added ORDER BY 1) n
    WHERE NOT EXISTS (SELECT FROM articles a WHERE a.id = n.id FOR KEY SHARE) LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('%s names article %L, which does not exist', TG_TABLE_NAME, missing),
            TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;

-- For the details of an exercise source: the rows a statement added (or changed) name stored
-- sources.
CREATE FUNCTION check_exercise_source_refs() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing record;
BEGIN
    SELECT n.exercise_id, n.article_id INTO missing FROM (SELECT DISTINCT exercise_id, article_id FROM added ORDER BY 1, 2) n
    WHERE NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = n.exercise_id AND s.article_id = n.article_id FOR KEY SHARE)
    LIMIT 1;
    IF FOUND THEN
        RAISE foreign_key_violation USING
            MESSAGE = format('%s names the source (%L, %L) of an exercise, which does not exist', TG_TABLE_NAME, missing.exercise_id, missing.article_id),
            TABLE = TG_TABLE_NAME;
    END IF;
    RETURN NULL;
END
$$;

-- A trigger with transition tables takes one event, hence one trigger for INSERT and one for
-- UPDATE.
CREATE TRIGGER article_entities_article_ins AFTER INSERT ON article_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER article_entities_article_upd AFTER UPDATE ON article_entities
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER statements_article_ins AFTER INSERT ON statements
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER statements_article_upd AFTER UPDATE ON statements
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER exercise_sources_article_ins AFTER INSERT ON exercise_sources
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER exercise_sources_article_upd AFTER UPDATE ON exercise_sources
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_article_refs();
CREATE TRIGGER exercise_aliases_source_ins AFTER INSERT ON exercise_aliases
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();
CREATE TRIGGER exercise_aliases_source_upd AFTER UPDATE ON exercise_aliases
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();
CREATE TRIGGER exercise_participants_source_ins AFTER INSERT ON exercise_participants
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();
CREATE TRIGGER exercise_participants_source_upd AFTER UPDATE ON exercise_participants
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();
CREATE TRIGGER exercise_mentions_source_ins AFTER INSERT ON exercise_mentions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();
CREATE TRIGGER exercise_mentions_source_upd AFTER UPDATE ON exercise_mentions
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION check_exercise_source_refs();

-- The cascades, once per DELETE statement. Deleting statements and article_entities fires
-- their own cascades (000002) to statement_entities and mentions.
CREATE FUNCTION delete_facts_of_articles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statements x USING gone g WHERE x.article_id = g.id;
    DELETE FROM article_entities x USING gone g WHERE x.article_id = g.id;
    DELETE FROM exercise_sources x USING gone g WHERE x.article_id = g.id;
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_cascade AFTER DELETE ON articles
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_facts_of_articles();

CREATE FUNCTION delete_details_of_exercise_sources() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM exercise_aliases x USING gone g WHERE x.exercise_id = g.exercise_id AND x.article_id = g.article_id;
    DELETE FROM exercise_participants x USING gone g WHERE x.exercise_id = g.exercise_id AND x.article_id = g.article_id;
    DELETE FROM exercise_mentions x USING gone g WHERE x.exercise_id = g.exercise_id AND x.article_id = g.article_id;
    RETURN NULL;
END
$$;
CREATE TRIGGER exercise_sources_cascade AFTER DELETE ON exercise_sources
    REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION delete_details_of_exercise_sources();

-- Keys that rows elsewhere name never change.
CREATE FUNCTION forbid_key_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE foreign_key_violation USING
        MESSAGE = format('the key of a row of %s never changes: other tables name it', TG_TABLE_NAME),
        TABLE = TG_TABLE_NAME;
END
$$;
CREATE TRIGGER articles_fixed_id BEFORE UPDATE OF id ON articles
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION forbid_key_change();
CREATE TRIGGER exercise_sources_fixed_key BEFORE UPDATE OF exercise_id, article_id ON exercise_sources
    FOR EACH ROW WHEN (OLD.exercise_id IS DISTINCT FROM NEW.exercise_id OR OLD.article_id IS DISTINCT FROM NEW.article_id)
    EXECUTE FUNCTION forbid_key_change();
