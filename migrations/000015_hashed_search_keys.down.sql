-- Back to the lexemes as text (000009, 000011), rebuilt from the rows.
-- Saves wait while the tables are rebuilt (reads go on): a posting or day pair written into
-- the old table between the copy and its drop would be lost for good.
LOCK TABLE articles, statements IN SHARE MODE;
CREATE TABLE article_search_days_text (
    lexeme text COLLATE "C" NOT NULL,
    day    date NOT NULL
);
INSERT INTO article_search_days_text (lexeme, day)
SELECT DISTINCT w, coalesce(a.published_at, '-infinity'::date) FROM articles a, unnest(tsvector_to_array(a.search)) AS w;
ALTER TABLE article_search_days_text ADD PRIMARY KEY (lexeme, day);
DROP TABLE article_search_days;
ALTER TABLE article_search_days_text RENAME TO article_search_days;
ALTER INDEX article_search_days_text_pkey RENAME TO article_search_days_pkey;

CREATE OR REPLACE FUNCTION note_article_search_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(n.published_at, '-infinity'::date)
    FROM changed n, unnest(tsvector_to_array(n.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION note_article_search_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(NEW.published_at, '-infinity'::date) FROM unnest(tsvector_to_array(NEW.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE TABLE statement_words_text (
    lexeme       text COLLATE "C" NOT NULL,
    list_key     date NOT NULL,
    statement_id text COLLATE "C" NOT NULL
);
INSERT INTO statement_words_text (lexeme, list_key, statement_id)
SELECT w, coalesce(s.said_on, '-infinity'::date), s.id FROM statements s, unnest(tsvector_to_array(s.search)) AS w;
ALTER TABLE statement_words_text ADD PRIMARY KEY (lexeme, list_key, statement_id);
DROP TABLE statement_words;
ALTER TABLE statement_words_text RENAME TO statement_words;
ALTER INDEX statement_words_text_pkey RENAME TO statement_words_pkey;

CREATE OR REPLACE FUNCTION add_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_words (lexeme, list_key, statement_id)
    SELECT w, coalesce(n.said_on, '-infinity'::date), n.id FROM added n, unnest(tsvector_to_array(n.search)) AS w;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION drop_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme = ANY(tsvector_to_array(OLD.search)) AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION replace_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme = ANY(tsvector_to_array(OLD.search)) AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    INSERT INTO statement_words (lexeme, list_key, statement_id)
    SELECT w, coalesce(NEW.said_on, '-infinity'::date), NEW.id FROM unnest(tsvector_to_array(NEW.search)) AS w;
    RETURN NULL;
END
$$;

ANALYZE article_search_days, statement_words;
