CREATE INDEX article_entities_entity_idx ON article_entities (entity_id);
DROP INDEX article_entities_entity_date_idx;
ALTER TABLE article_entities DROP COLUMN published_at;
