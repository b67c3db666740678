DROP TRIGGER article_entities_dated ON article_entities;
DROP FUNCTION date_article_entity();
CREATE INDEX article_entities_entity_idx ON article_entities (entity_id);
DROP INDEX article_entities_entity_date_idx;
ALTER TABLE article_entities DROP COLUMN published_at;
