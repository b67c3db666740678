DROP TRIGGER entity_names_ins ON entity_names;
DROP FUNCTION add_entity_names();
ALTER TABLE entities DROP COLUMN names;
