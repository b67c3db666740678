-- An entity's first 40 names in name order, kept on its row: the entity list and detail
-- showed them through a subquery per entity (an index probe, a heap visit and a sort each),
-- which made three quarters of the buffers the list of 50 entities read. The API shows at most
-- 20 of them as aliases, after leaving out those that fold like the canonical name (folded in
-- Go, so that is still done there).
ALTER TABLE entities ADD COLUMN names text[] NOT NULL DEFAULT '{}';

UPDATE entities e SET names = array(SELECT n.name FROM entity_names n WHERE n.entity_id = e.id ORDER BY n.name LIMIT 40);

-- Names are only ever added (an entity's names go only with it, by cascade), so each INSERT
-- statement merges the names it added into the kept list, once per entity it touched. The
-- merge reads the row's current names: an UPDATE that waited for another writer's lock on the
-- row re-reads them from the version that writer committed, so two writers adding names to
-- the same entity both keep theirs. An entity whose list is full is updated only when a new
-- name sorts before its 40th. Rows are locked in id order (the = ANY probes of the primary
-- key), and only for entities given a name they did not have: rare once a corpus is large.
CREATE FUNCTION add_entity_names() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE entities e SET names = array(
        SELECT n FROM unnest(e.names || array(SELECT a.name FROM added a WHERE a.entity_id = e.id)) AS n ORDER BY n LIMIT 40)
    WHERE e.id = ANY (array(SELECT DISTINCT a.entity_id FROM added a))
        AND (cardinality(e.names) < 40 OR EXISTS (SELECT FROM added a WHERE a.entity_id = e.id AND a.name < e.names[40]));
    RETURN NULL;
END
$$;

CREATE TRIGGER entity_names_ins AFTER INSERT ON entity_names
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION add_entity_names();
