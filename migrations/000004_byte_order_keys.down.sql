-- Keys compare in the database's collation again, as before 000004.
DROP TRIGGER articles_fixed_id ON articles;
DROP TRIGGER exercise_sources_fixed_key ON exercise_sources;
DROP TRIGGER entities_fixed_id ON entities;

ALTER TABLE articles
    ALTER COLUMN id TYPE text COLLATE "default",
    ALTER COLUMN url TYPE text COLLATE "default",
    ALTER COLUMN sha256 TYPE text COLLATE "default",
    ALTER COLUMN extractor_version TYPE text COLLATE "default";
ALTER TABLE entities
    ALTER COLUMN id TYPE text COLLATE "default",
    ALTER COLUMN type TYPE text COLLATE "default",
    ALTER COLUMN affiliation_id TYPE text COLLATE "default";
ALTER TABLE entity_names
    ALTER COLUMN entity_id TYPE text COLLATE "default",
    ALTER COLUMN folded TYPE text COLLATE "default";
ALTER TABLE article_entities
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN entity_id TYPE text COLLATE "default";
ALTER TABLE mentions
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN entity_id TYPE text COLLATE "default";
ALTER TABLE statements
    ALTER COLUMN id TYPE text COLLATE "default",
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN local_id TYPE text COLLATE "default",
    ALTER COLUMN speaker_id TYPE text COLLATE "default";
ALTER TABLE statement_entities
    ALTER COLUMN statement_id TYPE text COLLATE "default",
    ALTER COLUMN entity_id TYPE text COLLATE "default";
ALTER TABLE exercises
    ALTER COLUMN id TYPE text COLLATE "default",
    ALTER COLUMN host_id TYPE text COLLATE "default";
ALTER TABLE exercise_sources
    ALTER COLUMN exercise_id TYPE text COLLATE "default",
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN host_id TYPE text COLLATE "default";
ALTER TABLE exercise_aliases
    ALTER COLUMN exercise_id TYPE text COLLATE "default",
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN alias TYPE text COLLATE "default",
    ALTER COLUMN folded TYPE text COLLATE "default";
ALTER TABLE exercise_participants
    ALTER COLUMN exercise_id TYPE text COLLATE "default",
    ALTER COLUMN article_id TYPE text COLLATE "default",
    ALTER COLUMN entity_id TYPE text COLLATE "default";
ALTER TABLE exercise_mentions
    ALTER COLUMN exercise_id TYPE text COLLATE "default",
    ALTER COLUMN article_id TYPE text COLLATE "default";

CREATE TRIGGER articles_fixed_id BEFORE UPDATE OF id ON articles
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION forbid_key_change();
CREATE TRIGGER exercise_sources_fixed_key BEFORE UPDATE OF exercise_id, article_id ON exercise_sources
    FOR EACH ROW WHEN (OLD.exercise_id IS DISTINCT FROM NEW.exercise_id OR OLD.article_id IS DISTINCT FROM NEW.article_id)
    EXECUTE FUNCTION forbid_key_change();
CREATE TRIGGER entities_fixed_id BEFORE UPDATE OF id ON entities
    FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION forbid_entity_id_change();
