-- Restores the constraints 000002 dropped. It fails if facts name entities that do not exist,
-- which only writes outside newsfacts can have caused.
DROP TRIGGER IF EXISTS entities_fixed_id ON entities;
DROP FUNCTION IF EXISTS forbid_entity_id_change();
DROP TRIGGER IF EXISTS entities_restrict_delete ON entities;
DROP FUNCTION IF EXISTS restrict_entity_delete();
DROP TRIGGER IF EXISTS statements_cascade ON statements;
DROP FUNCTION IF EXISTS delete_entities_of_statements();
DROP TRIGGER IF EXISTS article_entities_cascade ON article_entities;
DROP FUNCTION IF EXISTS delete_mentions_of_article_entities();

ALTER TABLE statement_entities ADD CONSTRAINT statement_entities_statement_id_fkey
    FOREIGN KEY (statement_id) REFERENCES statements (id) ON DELETE CASCADE;
ALTER TABLE mentions ADD CONSTRAINT mentions_article_id_entity_id_fkey
    FOREIGN KEY (article_id, entity_id) REFERENCES article_entities (article_id, entity_id) ON DELETE CASCADE;
ALTER TABLE exercise_sources ADD CONSTRAINT exercise_sources_host_id_fkey
    FOREIGN KEY (host_id) REFERENCES entities (id);
ALTER TABLE exercise_participants ADD CONSTRAINT exercise_participants_entity_id_fkey
    FOREIGN KEY (entity_id) REFERENCES entities (id);
ALTER TABLE statement_entities ADD CONSTRAINT statement_entities_entity_id_fkey
    FOREIGN KEY (entity_id) REFERENCES entities (id);
ALTER TABLE statements ADD CONSTRAINT statements_speaker_id_fkey
    FOREIGN KEY (speaker_id) REFERENCES entities (id);
ALTER TABLE article_entities ADD CONSTRAINT article_entities_entity_id_fkey
    FOREIGN KEY (entity_id) REFERENCES entities (id);
ALTER TABLE statements ADD CONSTRAINT statements_article_id_local_id_key UNIQUE (article_id, local_id);
