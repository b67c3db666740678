-- Back to 000008: searches that miss the newest rows read every match through the GIN index.
DROP TRIGGER articles_search_days_upd ON articles;
DROP TRIGGER articles_search_days_ins ON articles;
DROP TRIGGER statements_search_days_upd ON statements;
DROP TRIGGER statements_search_days_ins ON statements;
DROP FUNCTION note_article_search_day();
DROP FUNCTION note_statement_search_day();
DROP FUNCTION note_article_search_days();
DROP FUNCTION note_statement_search_days();
DROP TABLE article_search_days;
DROP TABLE statement_search_days;
