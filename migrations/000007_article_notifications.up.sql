-- The change stream (GET /v1/changes) announces each article whose save committed. The
-- statement-level notification on newsfacts_changed says only that something changed; this one
-- names the article. A save writes its article row more than once (insert, then counts), but
-- PostgreSQL folds a transaction's identical notifications into one, delivered at COMMIT and
-- dropped on rollback, so each committed save is announced once.
CREATE FUNCTION notify_article_saved() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('newsfacts_articles', NEW.id);
    RETURN NULL;
END
$$;
CREATE TRIGGER articles_saved AFTER INSERT OR UPDATE ON articles
    FOR EACH ROW EXECUTE FUNCTION notify_article_saved();
