-- Back to 000009's days of statements.
CREATE TABLE statement_search_days (
    lexeme text COLLATE "C" NOT NULL,
    day    date NOT NULL,
    PRIMARY KEY (lexeme, day)
);

CREATE FUNCTION note_statement_search_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(n.said_on, '-infinity'::date)
    FROM changed n, unnest(tsvector_to_array(n.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE FUNCTION note_statement_search_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(NEW.said_on, '-infinity'::date) FROM unnest(tsvector_to_array(NEW.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TRIGGER statements_search_days_ins AFTER INSERT ON statements
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION note_statement_search_days();
CREATE TRIGGER statements_search_days_upd AFTER UPDATE ON statements FOR EACH ROW
    WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.said_on IS DISTINCT FROM NEW.said_on)
    EXECUTE FUNCTION note_statement_search_day();

INSERT INTO statement_search_days (lexeme, day)
SELECT DISTINCT w, coalesce(s.said_on, '-infinity'::date) FROM statements s, unnest(tsvector_to_array(s.search)) AS w;

DROP TRIGGER statements_words_truncate ON statements;
DROP TRIGGER statements_words_upd ON statements;
DROP TRIGGER statements_words_del ON statements;
DROP TRIGGER statements_words_ins ON statements;
DROP FUNCTION truncate_statement_words();
DROP FUNCTION replace_statement_words();
DROP FUNCTION drop_statement_words();
DROP FUNCTION add_statement_words();
DROP TABLE statement_words;
