DROP FUNCTION resolve_surnames(text[]);
DROP FUNCTION surname_claimant(text);
DROP FUNCTION merge_entity(text, text, boolean);
DROP FUNCTION move_entity_facts(text, text, text[]);
DROP FUNCTION refresh_entities(text[]);
DROP FUNCTION entity_title(text);
DROP TABLE surname_refs;
DROP TABLE entity_redirects;
ALTER TABLE article_entities DROP COLUMN title, DROP COLUMN affiliation_id;
