-- Full-text search in list order whose cost does not grow with the number of matches (issue 12).
-- A search walks its list newest first; the GIN index finds every match of a word but in no
-- order, so a word common overall and missing from the newest rows had every match read and
-- sorted (60,000 statements for "navy" at 100,000 articles). These tables say on which days
-- (list keys: said_on for statements, published_at for articles, '-infinity' for unknown)
-- each lexeme occurs, one row per pair: a search reads the newest days of its word here
-- through the primary key, then only those days' rows through the list index.
--
-- Rows are only ever added, on insert and on update, never removed: the table is a superset
-- of the pairs present, which is all a search needs (it rechecks every row with @@); a day
-- whose rows changed costs one empty probe.
CREATE TABLE statement_search_days (
    lexeme text COLLATE "C" NOT NULL,
    day    date NOT NULL,
    PRIMARY KEY (lexeme, day)
);

CREATE TABLE article_search_days (
    lexeme text COLLATE "C" NOT NULL,
    day    date NOT NULL,
    PRIMARY KEY (lexeme, day)
);

-- Once per INSERT statement, in key order so that two writers adding the same new
-- pairs wait on each other in one order, never in a cycle.
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

CREATE FUNCTION note_article_search_days() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(n.published_at, '-infinity'::date)
    FROM changed n, unnest(tsvector_to_array(n.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

-- An update notes its row only when its words or its day changed: the counts that every save
-- rewrites on articles leave both alone.
CREATE FUNCTION note_statement_search_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO statement_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(NEW.said_on, '-infinity'::date) FROM unnest(tsvector_to_array(NEW.search)) AS w
    ORDER BY 1, 2
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END
$$;

CREATE FUNCTION note_article_search_day() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO article_search_days (lexeme, day)
    SELECT DISTINCT w, coalesce(NEW.published_at, '-infinity'::date) FROM unnest(tsvector_to_array(NEW.search)) AS w
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
CREATE TRIGGER articles_search_days_ins AFTER INSERT ON articles
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION note_article_search_days();
CREATE TRIGGER articles_search_days_upd AFTER UPDATE ON articles FOR EACH ROW
    WHEN (OLD.search IS DISTINCT FROM NEW.search OR OLD.published_at IS DISTINCT FROM NEW.published_at)
    EXECUTE FUNCTION note_article_search_day();

-- The pairs of the rows already stored.
INSERT INTO statement_search_days (lexeme, day)
SELECT DISTINCT w, coalesce(s.said_on, '-infinity'::date) FROM statements s, unnest(tsvector_to_array(s.search)) AS w;
INSERT INTO article_search_days (lexeme, day)
SELECT DISTINCT w, coalesce(a.published_at, '-infinity'::date) FROM articles a, unnest(tsvector_to_array(a.search)) AS w;
