DROP TRIGGER articles_saved ON articles;
DROP FUNCTION notify_article_saved();
