-- Entity resolution that does not depend on the order articles arrive in, and merging.
--
-- 1. Titles and affiliations: each article's share of an entity records the title and
--    affiliation that article gives it, and the entity shows the pair most articles give (ties:
--    title, then affiliation, in byte order), recomputed whenever a share with one comes or goes.
--    A tie goes to a pair with both, then to the first title and affiliation in byte order.
--    Before, the last article saved won.
-- 2. Surnames: a person an article names by one word only ("Ozolkalns") is, in that article, the
--    one full-named person that other articles also call by that word ("Ilgvars Ozolkalns ...
--    Ozolkalns said"), when exactly one does and this article does not name that person itself;
--    otherwise the surname stands for a person of its own. surname_refs records each such
--    reference, so that when a later article adds or removes a claimant, the references move
--    to where that rule puts them (resolve_surnames), whatever the order the articles came in.
-- 3. Merges: merge_entity moves every fact of one entity to another in one transaction and
--    leaves a redirect, so the old id keeps answering (the API's 301).
--
-- The functions that move facts run with jit off: a save turns sequential scans off, and the
-- one that checking an entity's delete still needs (exercise_sources by host, unindexed) is
-- then priced so high that PostgreSQL spent 1.6 s compiling it for a table of 400 rows.

ALTER TABLE article_entities
    ADD COLUMN title text CHECK (title <> ''),
    ADD COLUMN affiliation_id text COLLATE "C";

-- Ids that were merged into another entity. target_id is always a stored entity: merging the
-- target later rewrites these rows. A manual merge (`newsfacts merge`) also decides where
-- later articles naming the old id go; an automatic one (a surname, see resolve_surnames) is
-- undone when its reason goes.
CREATE TABLE entity_redirects (
    id        text COLLATE "C" PRIMARY KEY,
    target_id text COLLATE "C" NOT NULL REFERENCES entities (id),
    manual    boolean NOT NULL,
    merged_at timestamptz NOT NULL DEFAULT now(),
    CHECK (id <> target_id)
);
CREATE INDEX entity_redirects_target_idx ON entity_redirects (target_id);

-- A person an article names by one word only: short_id is the id the article's extraction gave
-- it, entity_id where its facts are stored (short_id, or the full-named person claiming folded).
CREATE TABLE surname_refs (
    article_id text COLLATE "C" NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    short_id   text COLLATE "C" NOT NULL,
    name       text NOT NULL CHECK (name <> ''),
    folded     text COLLATE "C" NOT NULL CHECK (folded <> ''),
    entity_id  text COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, short_id)
);
CREATE INDEX surname_refs_folded_idx ON surname_refs (folded);

-- The title and affiliation most of an entity's articles give it.
CREATE FUNCTION entity_title(entity text) RETURNS TABLE (title text, affiliation_id text) LANGUAGE sql STABLE AS $$
    SELECT x.title, x.affiliation_id FROM article_entities x
    WHERE x.entity_id = entity AND (x.title IS NOT NULL OR x.affiliation_id IS NOT NULL)
    GROUP BY x.title, x.affiliation_id
    ORDER BY count(*) DESC, (x.title IS NOT NULL AND x.affiliation_id IS NOT NULL) DESC,
        x.title COLLATE "C" NULLS LAST, x.affiliation_id NULLS LAST
    LIMIT 1
$$;

-- Recomputes the counts, title and affiliation of entities ids from their articles' shares.
-- The caller has locked their rows, so this statement's snapshot sees every share committed.
CREATE FUNCTION refresh_entities(ids text[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entities AS e SET
        mention_count = coalesce((SELECT sum(x.mention_count) FROM article_entities x WHERE x.entity_id = e.id), 0),
        statement_count = coalesce((SELECT sum(x.statement_count) FROM article_entities x WHERE x.entity_id = e.id), 0),
        article_count = (SELECT count(*) FROM article_entities x WHERE x.entity_id = e.id),
        title = t.title,
        affiliation_id = CASE WHEN t.affiliation_id <> e.id THEN t.affiliation_id END,
        updated_at = now()
    FROM unnest(ids) AS i(id) LEFT JOIN LATERAL entity_title(i.id) AS t ON true
    WHERE e.id = i.id;
END
$$;

-- Moves the facts of entity from_id in articles only_articles (all of its articles when NULL)
-- to entity to_id: shares, mentions, statements spoken and mentioned, exercise hosts and
-- participants; then recomputes what depends on them. Both entities must be stored.
CREATE FUNCTION move_entity_facts(from_id text, to_id text, only_articles text[]) RETURNS void LANGUAGE plpgsql
    SET jit = off AS $$
DECLARE
    arts text[];
    exs text[];
BEGIN
    -- The articles' rows first, as a save of one of them locks them, then both entities.
    PERFORM FROM articles a
    WHERE a.id IN (SELECT x.article_id FROM article_entities x
                   WHERE x.entity_id = from_id AND (only_articles IS NULL OR x.article_id = ANY (only_articles)))
    ORDER BY a.id FOR NO KEY UPDATE;
    PERFORM FROM entities WHERE id IN (from_id, to_id) ORDER BY id FOR NO KEY UPDATE;
    SELECT coalesce(array_agg(x.article_id ORDER BY x.article_id), '{}') INTO arts FROM article_entities x
    WHERE x.entity_id = from_id AND (only_articles IS NULL OR x.article_id = ANY (only_articles));
    IF cardinality(arts) > 0 THEN
        INSERT INTO article_entities AS ae (article_id, entity_id, mention_count, statement_count, title, affiliation_id)
        SELECT x.article_id, to_id, 0, 0, x.title, nullif(x.affiliation_id, to_id) FROM article_entities x
        WHERE x.entity_id = from_id AND x.article_id = ANY (arts)
        ORDER BY x.article_id
        ON CONFLICT (article_id, entity_id) DO UPDATE SET
            title = coalesce(ae.title, excluded.title), affiliation_id = coalesce(ae.affiliation_id, excluded.affiliation_id);

        -- A span both entities claim is kept once.
        DELETE FROM mentions m WHERE m.entity_id = from_id AND m.article_id = ANY (arts)
            AND EXISTS (SELECT FROM mentions t WHERE t.entity_id = to_id AND t.article_id = m.article_id
                        AND t.start_pos = m.start_pos AND t.end_pos = m.end_pos);
        UPDATE mentions SET entity_id = to_id WHERE entity_id = from_id AND article_id = ANY (arts);

        UPDATE statements SET speaker_id = to_id WHERE speaker_id = from_id AND article_id = ANY (arts);
        DELETE FROM statement_entities se USING statements s
        WHERE se.statement_id = s.id AND s.article_id = ANY (arts) AND se.entity_id = from_id
            AND EXISTS (SELECT FROM statement_entities t WHERE t.statement_id = se.statement_id AND t.entity_id = to_id);
        UPDATE statement_entities se SET entity_id = to_id FROM statements s
        WHERE se.statement_id = s.id AND s.article_id = ANY (arts) AND se.entity_id = from_id;

        DELETE FROM exercise_participants p WHERE p.entity_id = from_id AND p.article_id = ANY (arts)
            AND EXISTS (SELECT FROM exercise_participants t WHERE t.exercise_id = p.exercise_id
                        AND t.article_id = p.article_id AND t.entity_id = to_id);
        UPDATE exercise_participants SET entity_id = to_id WHERE entity_id = from_id AND article_id = ANY (arts);
        UPDATE exercise_sources SET host_id = to_id WHERE host_id = from_id AND article_id = ANY (arts);
        SELECT array_agg(DISTINCT s.exercise_id ORDER BY s.exercise_id) INTO exs FROM exercise_sources s WHERE s.article_id = ANY (arts);
        IF exs IS NOT NULL THEN
            PERFORM merge_exercises(exs);
        END IF;

        -- Its mentions moved, the old share goes alone (the cascade finds none).
        DELETE FROM article_entities WHERE entity_id = from_id AND article_id = ANY (arts);
        UPDATE article_entities ae SET
            mention_count = (SELECT count(*) FROM mentions m WHERE m.article_id = ae.article_id AND m.entity_id = ae.entity_id),
            statement_count = (SELECT count(*) FROM statements s WHERE s.article_id = ae.article_id AND s.speaker_id = ae.entity_id)
        WHERE ae.entity_id = to_id AND ae.article_id = ANY (arts);
        UPDATE articles a SET
            entity_count = (SELECT count(*) FROM article_entities x WHERE x.article_id = a.id),
            mention_count = (SELECT count(*) FROM mentions m WHERE m.article_id = a.id),
            updated_at = greatest(now(), a.ingested_at)
        WHERE a.id = ANY (arts);
    END IF;
    PERFORM refresh_entities(ARRAY[from_id, to_id]);
END
$$;

-- Merges entity from_id into to_id (manual: by hand, see entity_redirects): moves every fact, every name and every reference, deletes
-- from_id and leaves a redirect from it (and from every id that redirected to it) to to_id.
CREATE FUNCTION merge_entity(from_id text, to_id text, manual boolean) RETURNS void LANGUAGE plpgsql
    SET jit = off AS $$
BEGIN
    PERFORM move_entity_facts(from_id, to_id, NULL);
    INSERT INTO entity_names (entity_id, name, folded)
    SELECT to_id, n.name, n.folded FROM entity_names n WHERE n.entity_id = from_id
    ON CONFLICT DO NOTHING;
    UPDATE article_entities SET affiliation_id = CASE WHEN entity_id <> to_id THEN to_id END WHERE affiliation_id = from_id;
    UPDATE entities SET affiliation_id = CASE WHEN id <> to_id THEN to_id END WHERE affiliation_id = from_id;
    UPDATE surname_refs SET entity_id = to_id WHERE entity_id = from_id;
    IF manual THEN
        -- From now on the surname is to_id whoever claims it: no longer resolve_surnames' to move.
        DELETE FROM surname_refs WHERE short_id = from_id;
    END IF;
    UPDATE entity_redirects SET target_id = to_id, merged_at = now() WHERE target_id = from_id;
    DELETE FROM entity_redirects WHERE id = to_id;
    DELETE FROM entities WHERE id = from_id;
    INSERT INTO entity_redirects (id, target_id, manual) VALUES (from_id, to_id, manual);
    -- The response cache listens for this (see notify_facts_changed); a merge may change no article.
    PERFORM pg_notify('newsfacts_changed', '');
END
$$;

-- The one stored full-named person that carries folded as a name besides its own, or NULL when
-- none or several do.
-- PL/pgSQL rather than SQL: it keeps its plan for the life of a connection, where a SQL
-- function called once per row is planned again on every call.
CREATE FUNCTION surname_claimant(folded text) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    -- A subquery per name rather than a join: the join was planned as a walk over every
    -- person, at a millisecond a call.
    RETURN (SELECT CASE WHEN count(*) = 1 THEN min(c.entity_id) END FROM (
        SELECT n.entity_id FROM entity_names n
        WHERE n.folded = surname_claimant.folded
            AND (SELECT e.type = 'person' AND e.name ~ '\s' FROM entities e WHERE e.id = n.entity_id)
        LIMIT 2) AS c);
END
$$;

-- Puts every stored one-word reference to the surnames given where the rule above says, after
-- their claimants changed. The caller holds the surnames' name locks (see SaveArticle).
CREATE FUNCTION resolve_surnames(surnames text[]) RETURNS void LANGUAGE plpgsql
    SET jit = off AS $$
DECLARE
    s text;
    claimant text;
    r record;
    arts text[];
    cur text;
BEGIN
    FOREACH s IN ARRAY surnames LOOP
        -- Most words a person is newly called by are no one's surname alone.
        CONTINUE WHEN NOT EXISTS (SELECT FROM surname_refs x WHERE x.folded = s);
        claimant := surname_claimant(s);
        FOR r IN
            SELECT x.short_id, x.entity_id, min(x.name) AS name, array_agg(x.article_id ORDER BY x.article_id) AS arts
            FROM surname_refs x WHERE x.folded = s
            GROUP BY x.short_id, x.entity_id ORDER BY x.short_id, x.entity_id
        LOOP
            cur := r.entity_id;
            IF cur <> r.short_id AND cur IS DISTINCT FROM claimant THEN
                -- The references went to a person who is no longer the only claimant: back to
                -- the surname's own person first.
                INSERT INTO entities (id, name, type) VALUES (r.short_id, r.name, 'person') ON CONFLICT (id) DO NOTHING;
                INSERT INTO entity_names (entity_id, name, folded) VALUES (r.short_id, r.name, s) ON CONFLICT DO NOTHING;
                DELETE FROM entity_redirects WHERE id = r.short_id;
                UPDATE surname_refs SET entity_id = r.short_id WHERE short_id = r.short_id AND article_id = ANY (r.arts);
                PERFORM move_entity_facts(cur, r.short_id, r.arts);
                cur := r.short_id;
            END IF;
            IF claimant IS NOT NULL AND cur = r.short_id THEN
                -- Articles that name the claimant themselves keep the surname apart.
                SELECT coalesce(array_agg(a ORDER BY a), '{}') INTO arts FROM unnest(r.arts) AS a
                WHERE NOT EXISTS (SELECT FROM article_entities x WHERE x.article_id = a AND x.entity_id = claimant);
                CONTINUE WHEN cardinality(arts) = 0;
                UPDATE surname_refs SET entity_id = claimant WHERE short_id = r.short_id AND article_id = ANY (arts);
                IF NOT EXISTS (SELECT FROM article_entities x WHERE x.entity_id = r.short_id AND NOT x.article_id = ANY (arts)) THEN
                    PERFORM merge_entity(r.short_id, claimant, false);
                ELSE
                    PERFORM move_entity_facts(r.short_id, claimant, arts);
                END IF;
            END IF;
        END LOOP;
    END LOOP;
END
$$;
