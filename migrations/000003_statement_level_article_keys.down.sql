-- Restores the foreign keys 000003 replaced with statement-level triggers.
DROP TRIGGER IF EXISTS exercise_sources_fixed_key ON exercise_sources;
DROP TRIGGER IF EXISTS articles_fixed_id ON articles;
DROP FUNCTION IF EXISTS forbid_key_change();
DROP TRIGGER IF EXISTS exercise_sources_cascade ON exercise_sources;
DROP FUNCTION IF EXISTS delete_details_of_exercise_sources();
DROP TRIGGER IF EXISTS articles_cascade ON articles;
DROP FUNCTION IF EXISTS delete_facts_of_articles();
DROP TRIGGER IF EXISTS exercise_mentions_source_upd ON exercise_mentions;
DROP TRIGGER IF EXISTS exercise_mentions_source_ins ON exercise_mentions;
DROP TRIGGER IF EXISTS exercise_participants_source_upd ON exercise_participants;
DROP TRIGGER IF EXISTS exercise_participants_source_ins ON exercise_participants;
DROP TRIGGER IF EXISTS exercise_aliases_source_upd ON exercise_aliases;
DROP TRIGGER IF EXISTS exercise_aliases_source_ins ON exercise_aliases;
DROP TRIGGER IF EXISTS exercise_sources_article_upd ON exercise_sources;
DROP TRIGGER IF EXISTS exercise_sources_article_ins ON exercise_sources;
DROP TRIGGER IF EXISTS statements_article_upd ON statements;
DROP TRIGGER IF EXISTS statements_article_ins ON statements;
DROP TRIGGER IF EXISTS article_entities_article_upd ON article_entities;
DROP TRIGGER IF EXISTS article_entities_article_ins ON article_entities;
DROP FUNCTION IF EXISTS check_exercise_source_refs();
DROP FUNCTION IF EXISTS check_article_refs();

ALTER TABLE exercise_mentions ADD CONSTRAINT exercise_mentions_exercise_id_article_id_fkey
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE;
ALTER TABLE exercise_participants ADD CONSTRAINT exercise_participants_exercise_id_article_id_fkey
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE;
ALTER TABLE exercise_aliases ADD CONSTRAINT exercise_aliases_exercise_id_article_id_fkey
    FOREIGN KEY (exercise_id, article_id) REFERENCES exercise_sources (exercise_id, article_id) ON DELETE CASCADE;
ALTER TABLE exercise_sources ADD CONSTRAINT exercise_sources_article_id_fkey
    FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE;
ALTER TABLE statements ADD CONSTRAINT statements_article_id_fkey
    FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE;
ALTER TABLE article_entities ADD CONSTRAINT article_entities_article_id_fkey
    FOREIGN KEY (article_id) REFERENCES articles (id) ON DELETE CASCADE;
