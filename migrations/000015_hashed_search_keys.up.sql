-- Cheaper saves for the two search structures kept by triggers (issue 12: ingest at 100k).
-- article_search_days (000009) and statement_words (000011) were led by the lexeme as text: a
-- save probes article_search_days once per distinct word of the article (about 200 descents,
-- nearly all finding the pair stored) and inserts a posting per word of each statement, and
-- every comparison on the way down those B-trees was a text comparison (bttextcmp, varstr_cmp)
-- followed by nocache_index_getattr for the columns behind the variable-width lexeme. Together
-- the two cost 23% of a save's instructions.
--
-- Both now key the lexeme by hashtext(lexeme), a 4-byte integer: comparisons are integer ones,
-- every column before the statement id has a fixed offset, and the index tuples are smaller
-- (article_search_days 16 bytes instead of about 24, statement_words about 40 instead of 48).
-- Reads compute the same hash of the query's lexemes. A collision of two lexemes only adds
-- rows: article_search_days is already a superset of the pairs present (a day it names costs a
-- probe and is rechecked with @@), and a search rechecks every statement its postings name with
-- @@, so a colliding word's postings are read and dropped. hashtext is PostgreSQL's own hash of
-- text (that of hash indexes and hash partitioning), the same on every server of one
-- architecture; a logical copy to a machine of the other byte order must rebuild these two
-- tables (this migration's down and up again).
-- Saves wait while the tables are rebuilt (reads go on): a posting or day pair written into
-- the old table between the copy and its drop would be lost for good.
LOCK TABLE articles, statements IN SHARE MODE;

CREATE TABLE article_search_days_hashed (
    lexeme_hash integer NOT NULL,
    day         date NOT NULL
);
INSERT INTO article_search_days_hashed (lexeme_hash, day)
SELECT DISTINCT hashtext(lexeme), day FROM article_search_days;
ALTER TABLE article_search_days_hashed ADD PRIMARY KEY (lexeme_hash, day);
DROP TABLE article_search_days;
ALTER TABLE article_search_days_hashed RENAME TO article_search_days;
ALTER INDEX article_search_days_hashed_pkey RENAME TO article_search_days_pkey;

CREATE OR REPLACE FUNCTION note_article_search_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme_hash, day)
    SELECT DISTINCT hashtext(w), coalesce(n.published_at, '-infinity'::date)
    FROM changed n, unnest(tsvector_to_array(n.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION note_article_search_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme_hash, day)
    SELECT DISTINCT hashtext(w), coalesce(NEW.published_at, '-infinity'::date) FROM unnest(tsvector_to_array(NEW.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- Postings stay exact per hash: one row per distinct (hash, list key, statement). Two lexemes
-- of one statement that share a hash share its row, so every insert is DISTINCT.
CREATE TABLE statement_words_hashed (
    lexeme_hash  integer NOT NULL,
    list_key     date NOT NULL,
    statement_id text COLLATE "C" NOT NULL
);
INSERT INTO statement_words_hashed (lexeme_hash, list_key, statement_id)
SELECT h.h, coalesce(s.said_on, '-infinity'::date), s.id
FROM statements s, LATERAL (SELECT DISTINCT hashtext(w) AS h FROM unnest(tsvector_to_array(s.search)) AS w) h;
-- Built at the fill a B-tree settles at under inserts in random places (about 70%): at the
-- default 90% nearly every leaf split at its first few new postings, a storm of splits (and
-- their WAL) in the saves right after the migration.
ALTER TABLE statement_words_hashed ADD PRIMARY KEY (lexeme_hash, list_key, statement_id) WITH (fillfactor = 70);
DROP TABLE statement_words;
ALTER TABLE statement_words_hashed RENAME TO statement_words;
ALTER INDEX statement_words_hashed_pkey RENAME TO statement_words_pkey;

CREATE OR REPLACE FUNCTION add_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_words (lexeme_hash, list_key, statement_id)
    SELECT DISTINCT hashtext(w), coalesce(n.said_on, '-infinity'::date), n.id FROM added n, unnest(tsvector_to_array(n.search)) AS w;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION drop_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme_hash = ANY(ARRAY(SELECT hashtext(w) FROM unnest(tsvector_to_array(OLD.search)) AS w))
        AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    RETURN NULL;
END
$$;

CREATE OR REPLACE FUNCTION replace_statement_words() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM statement_words
    WHERE lexeme_hash = ANY(ARRAY(SELECT hashtext(w) FROM unnest(tsvector_to_array(OLD.search)) AS w))
        AND list_key = coalesce(OLD.said_on, '-infinity'::date) AND statement_id = OLD.id;
    INSERT INTO statement_words (lexeme_hash, list_key, statement_id)
    SELECT DISTINCT hashtext(w), coalesce(NEW.said_on, '-infinity'::date), NEW.id FROM unnest(tsvector_to_array(NEW.search)) AS w;
    RETURN NULL;
END
$$;

-- Statistics for the searches' plans now, not at autovacuum's next pass.
ANALYZE article_search_days, statement_words;
