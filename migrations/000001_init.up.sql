-- The newsfacts schema: articles, the entities, statements and exercises extracted from them,
-- and the links between them. Every span is a half-open range of Unicode code points into the
-- article's normalized body, so all span columns are checked 0 <= start < end.

-- Trigram indexes make entity search tolerant of typos ("putn" finds Putin).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE articles (
    -- 16 hex digits of the SHA-256 of the URL (or of the body when there is no URL), so that a
    -- corrected article keeps its id.
    id                text PRIMARY KEY CHECK (id ~ '^[0-9a-f]{16}$'),
    -- NULL rather than '' when absent: a unique index treats NULLs as distinct, so any number of
    -- articles may lack a URL.
    url               text UNIQUE CHECK (url <> ''),
    -- Unique: the same normalized body is one article, whatever URL it arrives under.
    sha256            text NOT NULL UNIQUE CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    title             text NOT NULL,
    source            text CHECK (source <> ''),
    published_at      date,
    body              text NOT NULL CHECK (body <> ''),
    extractor_version text NOT NULL CHECK (extractor_version <> ''),
    -- Counts of this article's facts, written with them in the same transaction: the article
    -- row is locked while its facts change, so no other writer can make them disagree.
    entity_count      integer NOT NULL DEFAULT 0 CHECK (entity_count >= 0),
    mention_count     integer NOT NULL DEFAULT 0 CHECK (mention_count >= 0),
    statement_count   integer NOT NULL DEFAULT 0 CHECK (statement_count >= 0),
    exercise_count    integer NOT NULL DEFAULT 0 CHECK (exercise_count >= 0),
    ingested_at       timestamptz NOT NULL DEFAULT now(),
    updated_at        timestamptz NOT NULL DEFAULT now(),
    -- The title weighs more than the body when ranking; 'english' stems "exercises" to match
    -- "exercise". Generated, so it can never disagree with the text.
    search            tsvector GENERATED ALWAYS AS (
                          setweight(to_tsvector('english', title), 'A') ||
                          setweight(to_tsvector('english', body), 'B')) STORED,
    CHECK (updated_at >= ingested_at)
);

CREATE INDEX articles_search_idx ON articles USING gin (search);
-- Lists run newest first with unknown dates last. Mapping NULL to -infinity gives one sort key
-- that a row comparison can page on: (coalesce(published_at, '-infinity'), id) < ($1, $2).
CREATE INDEX articles_published_idx ON articles ((coalesce(published_at, '-infinity'::date)), id);
-- For `ingest --reextract`, which walks the articles of an older extractor by id.
CREATE INDEX articles_extractor_idx ON articles (extractor_version, id);

CREATE TABLE entities (
    -- A stable slug of the canonical name ("vladimir-putin"): the same in every article and run.
    id              text PRIMARY KEY CHECK (id ~ '^[^[:space:]A-Z]+$'),
    name            text NOT NULL CHECK (name <> ''),
    type            text NOT NULL CHECK (type IN ('person', 'organization', 'country', 'location', 'event', 'group')),
    title           text CHECK (title <> ''),
    -- Deferred, so that one statement may insert a person and the country they serve.
    affiliation_id  text REFERENCES entities (id) DEFERRABLE INITIALLY DEFERRED,
    -- Counts across all articles, maintained by SaveArticle with deltas (count = count + $n)
    -- under a row lock: recounting with SELECT count(*) would race with another transaction's
    -- uncommitted rows. Stored, so the default list (most mentioned first) sorts entities
    -- rather than aggregating every mention.
    mention_count   integer NOT NULL DEFAULT 0 CHECK (mention_count >= 0),
    statement_count integer NOT NULL DEFAULT 0 CHECK (statement_count >= 0),
    article_count   integer NOT NULL DEFAULT 0 CHECK (article_count >= 0),
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    CHECK (affiliation_id <> id)
)
-- Every saved article updates the counts of a dozen entities, and a few (the countries in the
-- news) are in most articles. Room on each page and no index on the counts make those updates
-- HOT: the new row version goes on the same page and needs no index entries, and the old one
-- is pruned without waiting for VACUUM. With the counts indexed, each update added an entry to
-- every index and the table bloated faster than autovacuum could clean it.
WITH (fillfactor = 50);

-- No index serves "most mentioned first": the entity list sorts the (few thousand) entities
-- that match its filters, and keeps the counts' updates HOT (see above).
CREATE INDEX entities_type_idx ON entities (type);
CREATE INDEX entities_affiliation_idx ON entities (affiliation_id) WHERE affiliation_id IS NOT NULL;

-- Every name an entity has been called, its canonical name included: aliases accumulate across
-- articles and are never removed, since a name once seen stays a good way to find the entity.
CREATE TABLE entity_names (
    entity_id text NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    name      text NOT NULL CHECK (name <> ''),
    -- Lower case, accents, apostrophes and full stops removed, other runs of non-letters one
    -- space ("U.S." and "US" both fold to "us"). Folded in Go, where the same function folds
    -- queries, so matching and search agree.
    folded    text NOT NULL CHECK (folded <> ''),
    PRIMARY KEY (entity_id, folded)
);

-- Alias resolution looks names up exactly, through the btree; search looks them up by substring
-- and by trigram word similarity, through the GIN index. The GIN index is on lower(folded) (the
-- same value: folded is lower case already) so that it cannot serve "folded = ...": pg_trgm's
-- GIN supports "=" too, and the planner, pricing it far too low, chose it for alias resolution
-- at 100-240 ms per save on 15,000 articles against 0.2 ms through the btree.
CREATE INDEX entity_names_folded_idx ON entity_names (folded);
CREATE INDEX entity_names_trgm_idx ON entity_names USING gin (lower(folded) gin_trgm_ops);

-- Which entities an article names, with the article's share of each entity's counts. Updating
-- an article subtracts exactly these shares before adding the new ones.
CREATE TABLE article_entities (
    article_id      text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id       text NOT NULL REFERENCES entities (id),
    mention_count   integer NOT NULL CHECK (mention_count >= 0),
    statement_count integer NOT NULL CHECK (statement_count >= 0),
    PRIMARY KEY (article_id, entity_id)
);

CREATE INDEX article_entities_entity_idx ON article_entities (entity_id);

-- article_id and entity_id need no foreign keys of their own: the one to article_entities
-- implies both, and each key checked costs every inserted mention a lookup.
CREATE TABLE mentions (
    article_id   text NOT NULL,
    entity_id    text NOT NULL,
    start_pos    integer NOT NULL CHECK (start_pos >= 0),
    end_pos      integer NOT NULL,
    text         text NOT NULL CHECK (text <> ''),
    snippet      text NOT NULL,
    -- A copy of the article's date: mentions are listed in article order, and keeping the sort
    -- key on the row lets one index serve the whole walk. Rewritten with the article's facts.
    published_at date,
    CHECK (start_pos < end_pos),
    FOREIGN KEY (article_id, entity_id) REFERENCES article_entities (article_id, entity_id) ON DELETE CASCADE
);

-- Article order (published date, unknown last; article id) and then position. Unique, it is
-- also the key: a date is a function of its article, so this is unique exactly when (entity,
-- article, span) is, and one index instead of two halves the cost of every mention written.
CREATE UNIQUE INDEX mentions_list_idx ON mentions (entity_id, (coalesce(published_at, 'infinity'::date)), article_id, start_pos, end_pos);
-- Serves the cascade from article_entities when an article's facts are replaced.
CREATE INDEX mentions_article_idx ON mentions (article_id, entity_id);

CREATE TABLE statements (
    -- "<article id>-<local id>": unique across articles and stable across re-ingest.
    id           text PRIMARY KEY CHECK (id = article_id || '-' || local_id),
    article_id   text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    local_id     text NOT NULL CHECK (local_id <> ''),
    speaker_id   text REFERENCES entities (id),
    speaker_text text NOT NULL,
    kind         text NOT NULL CHECK (kind IN ('direct', 'indirect')),
    text         text NOT NULL CHECK (text <> ''),
    start_pos    integer NOT NULL CHECK (start_pos >= 0),
    end_pos      integer NOT NULL,
    verb         text NOT NULL,
    said_on      date,
    search       tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED,
    CHECK (start_pos < end_pos),
    UNIQUE (article_id, local_id)
);

CREATE INDEX statements_search_idx ON statements USING gin (search);
-- Newest said first, unknown dates last: the same -infinity mapping as articles.
CREATE INDEX statements_list_idx ON statements ((coalesce(said_on, '-infinity'::date)), id);
CREATE INDEX statements_speaker_idx ON statements (speaker_id, (coalesce(said_on, '-infinity'::date)), id);
CREATE INDEX statements_article_idx ON statements (article_id, (coalesce(said_on, '-infinity'::date)), id);

-- The entities a statement mentions.
CREATE TABLE statement_entities (
    statement_id text NOT NULL REFERENCES statements (id) ON DELETE CASCADE,
    entity_id    text NOT NULL REFERENCES entities (id),
    PRIMARY KEY (statement_id, entity_id)
);

CREATE INDEX statement_entities_entity_idx ON statement_entities (entity_id, statement_id);

-- An exercise merged across every article that reports it. Its fields are recomputed from the
-- per-article rows in exercise_sources whenever one of them changes, so re-ingesting one article
-- replaces only that article's contribution.
CREATE TABLE exercises (
    id           text PRIMARY KEY CHECK (id ~ '^[^[:space:]A-Z]+$'),
    name         text NOT NULL CHECK (name <> ''),
    host_id      text REFERENCES entities (id),
    purpose      text CHECK (purpose <> ''),
    period_text  text,
    period_start date,
    period_end   date,
    updated_at   timestamptz NOT NULL DEFAULT now(),
    -- A period is all there or all absent, and never ends before it starts.
    CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_start IS NULL) = (period_text IS NULL)),
    CHECK (period_start <= period_end)
)
-- Rewritten by every article that reports the exercise; room on the page keeps that HOT.
WITH (fillfactor = 70);

-- Latest start first, unknown periods last.
CREATE INDEX exercises_list_idx ON exercises ((coalesce(period_start, '-infinity'::date)), id);
CREATE INDEX exercises_host_idx ON exercises (host_id) WHERE host_id IS NOT NULL;
-- Year filters test overlap with [period_start, period_end].
CREATE INDEX exercises_period_idx ON exercises (period_start, period_end);

-- What one article says about one exercise.
CREATE TABLE exercise_sources (
    exercise_id  text NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    article_id   text NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name         text NOT NULL CHECK (name <> ''),
    host_id      text REFERENCES entities (id),
    purpose      text CHECK (purpose <> ''),
    period_text  text,
    period_start date,
    period_end   date,
    published_at date,
    CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_start IS NULL) = (period_text IS NULL)),
    CHECK (period_start <= period_end),
    PRIMARY KEY (exercise_id, article_id)
);

CREATE INDEX exercise_sources_article_idx ON exercise_sources (article_id);

-- Names an article gives an exercise besides its canonical one.
CREATE TABLE exercise_aliases (
    exercise_id text NOT NULL,
    article_id  text NOT NULL,
    alias       text NOT NULL CHECK (alias <> ''),
    folded      text NOT NULL CHECK (folded <> ''),
    PRIMARY KEY (exercise_id, article_id, alias),
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE
);

CREATE INDEX exercise_aliases_trgm_idx ON exercise_aliases USING gin (folded gin_trgm_ops);

-- Who takes part, per article: the merged list is the union over the exercise's sources.
CREATE TABLE exercise_participants (
    exercise_id text NOT NULL,
    article_id  text NOT NULL,
    entity_id   text NOT NULL REFERENCES entities (id),
    position    integer NOT NULL CHECK (position >= 0),
    PRIMARY KEY (exercise_id, article_id, entity_id),
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE
);

CREATE INDEX exercise_participants_entity_idx ON exercise_participants (entity_id, exercise_id);

-- Where an article names an exercise.
CREATE TABLE exercise_mentions (
    exercise_id text NOT NULL,
    article_id  text NOT NULL,
    start_pos   integer NOT NULL CHECK (start_pos >= 0),
    end_pos     integer NOT NULL,
    text        text NOT NULL CHECK (text <> ''),
    CHECK (start_pos < end_pos),
    PRIMARY KEY (exercise_id, article_id, start_pos, end_pos),
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE
);

-- Recomputes the merged exercises exercise_ids from their sources, deleting those left without
-- one. SaveArticle calls it last, once the article's own sources are written. It lives in the
-- database because PL/pgSQL keeps its statements' plans for the life of a connection; sent as
-- SQL, the UPDATE's subqueries were planned afresh on every save.
CREATE FUNCTION merge_exercises(exercise_ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- Lock in id order first. Each statement below takes a fresh snapshot, so the recompute sees
    -- every source committed before the lock was granted, and the last writer leaves the row
    -- right.
    PERFORM FROM exercises WHERE id = ANY (exercise_ids) ORDER BY id FOR NO KEY UPDATE;
    -- Each field comes from the earliest published source that has it: the first report is
    -- usually the primary one, and the choice stays put as later articles arrive.
    UPDATE exercises AS x SET
        name = coalesce((SELECT s.name FROM exercise_sources s WHERE s.exercise_id = x.id
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1), x.name),
        host_id = (SELECT s.host_id FROM exercise_sources s WHERE s.exercise_id = x.id AND s.host_id IS NOT NULL
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1),
        purpose = (SELECT s.purpose FROM exercise_sources s WHERE s.exercise_id = x.id AND s.purpose IS NOT NULL
            ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1),
        (period_text, period_start, period_end) = (
            SELECT p.period_text, p.period_start, p.period_end FROM (SELECT) AS one
            LEFT JOIN LATERAL (SELECT s.period_text, s.period_start, s.period_end FROM exercise_sources s
                WHERE s.exercise_id = x.id AND s.period_start IS NOT NULL
                ORDER BY s.published_at NULLS LAST, s.article_id LIMIT 1) AS p ON true),
        updated_at = now()
    WHERE x.id = ANY (exercise_ids);
    DELETE FROM exercises AS x
    WHERE x.id = ANY (exercise_ids) AND NOT EXISTS (SELECT FROM exercise_sources s WHERE s.exercise_id = x.id);
END
$$;

-- Readers that cache answers (the API's response cache) LISTEN on this channel. NOTIFY inside a
-- transaction is delivered at COMMIT and dropped on rollback, so a cache is emptied exactly when
-- an ingest's facts become visible. Every save that changes facts writes its article row, so a
-- statement-level trigger on articles covers all writers, in Go or not; one transaction's
-- identical notifications fold into one.
CREATE FUNCTION notify_facts_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsfacts_changed', '');
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_changed AFTER INSERT OR UPDATE OR DELETE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION notify_facts_changed();
