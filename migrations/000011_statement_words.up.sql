-- A statement search that reads its word's matches newest first and stops at the page's end
-- (issue 12). 000009's (lexeme, day) pairs let a search skip the days that lack its word, but
-- each day it visits is read whole, and most statements have no known day: they share the one
-- list key '-infinity', so a word common there and absent from the dated statements ("navy")
-- had that bucket of most of the table walked row by row (450 ms at 100,000 articles).
--
-- statement_words is a posting list in list order: one row per lexeme of each statement, keyed
-- (lexeme, list key, id) like statements_list_idx, so the matches of a word are one range of the
-- primary key, read backwards from the newest or from a cursor, LIMIT rows at a time, whatever
-- the word's frequency or where its matches lie. It is exact: rows come and go with their
-- statements.
CREATE TABLE statement_words (
    lexeme       text COLLATE "C" NOT NULL,
    list_key     date NOT NULL,
    statement_id text COLLATE "C" NOT NULL
);

INSERT INTO statement_words (lexeme, list_key, statement_id)
SELECT w, coalesce(s.said_on, '-infinity'::date), s.id FROM statements s, unnest(tsvector_to_array(s.search)) AS w;

ALTER TABLE statement_words ADD PRIMARY KEY (lexeme, list_key, statement_id);

-- Once per INSERT statement: a save inserts all of an article's statements at once.
CREATE FUNCTION add_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_words (lexeme, list_key, statement_id)
    SELECT w, coalesce(n.said_on, '-infinity'::date), n.id FROM added n, unnest(tsvector_to_array(n.search)) AS w;
    RETURN NULL;
END
$$;

-- Per row, so that each delete is planned as probes of the primary key (lexeme = ANY(...)):
-- a join with a transition table, whose size the planner cannot know, may be planned as a
-- scan of the whole table.
CREATE FUNCTION drop_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme = ANY(tsvector_to_array(OLD.search)) AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    RETURN NULL;
END
$$;

CREATE FUNCTION replace_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme = ANY(tsvector_to_array(OLD.search)) AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    INSERT INTO statement_words (lexeme, list_key, statement_id)
    SELECT w, coalesce(NEW.said_on, '-infinity'::date), NEW.id FROM unnest(tsvector_to_array(NEW.search)) AS w;
    RETURN NULL;
END
$$;

-- TRUNCATE fires no delete trigger.
CREATE FUNCTION truncate_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    TRUNCATE statement_words;
    RETURN NULL;
END
$$;

CREATE TRIGGER statements_words_ins AFTER INSERT ON statements
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION add_statement_words();
CREATE TRIGGER statements_words_del AFTER DELETE ON statements FOR EACH ROW EXECUTE FUNCTION drop_statement_words();
-- An update changes the postings only when the words, the day or the id changed.
CREATE TRIGGER statements_words_upd AFTER UPDATE ON statements FOR EACH ROW
    WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.said_on IS DISTINCT FROM NEW.said_on OR OLD.id IS DISTINCT FROM NEW.id)
    EXECUTE FUNCTION replace_statement_words();
CREATE TRIGGER statements_words_truncate AFTER TRUNCATE ON statements
    FOR EACH STATEMENT EXECUTE FUNCTION truncate_statement_words();

-- statement_words replaces 000009's days of statements; articles keep theirs.
DROP TRIGGER statements_search_days_upd ON statements;
DROP TRIGGER statements_search_days_ins ON statements;
DROP FUNCTION note_statement_search_day();
DROP FUNCTION note_statement_search_days();
DROP TABLE statement_search_days;
