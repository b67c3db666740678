package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// ArticlesChannel is the channel a row trigger on articles notifies, with the article's id as
// the payload, when a transaction that saved it commits (see migrations/000007).
const ArticlesChannel = "newsfacts_articles"

// ArticleListener is a dedicated connection listening on ArticlesChannel.
type ArticleListener struct{ Listener }

// ListenArticles opens a connection to url, outside any pool, and listens on ArticlesChannel.
func ListenArticles(ctx context.Context, url string) (*ArticleListener, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, wrap(err, "listen for saved articles")
	}
	if _, err := conn.Exec(ctx, "LISTEN "+ArticlesChannel); err != nil {
		conn.Close(context.Background())
		return nil, wrap(err, "listen for saved articles")
	}
	return &ArticleListener{Listener{conn: conn}}, nil
}

// Next blocks until an article's save commits and returns its id, or returns an error when ctx
// ends or the connection fails (saves may then have gone unannounced).
func (l *ArticleListener) Next(ctx context.Context) (string, error) {
	n, err := l.conn.WaitForNotification(ctx)
	if err != nil {
		return "", err
	}
	return n.Payload, nil
}
