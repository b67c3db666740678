package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"
)

// ChangesChannel is the channel a trigger on articles notifies when a transaction that changed
// facts commits (see migrations/000001_init.up.sql).
const ChangesChannel = "newsfacts_changed"

// Listener is a dedicated connection listening on ChangesChannel.
type Listener struct{ conn *pgx.Conn }

// Listen opens a connection to url, outside any pool, and listens on ChangesChannel.
func Listen(ctx context.Context, url string) (*Listener, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return nil, wrap(err, "listen for changes")
	}
	if _, err := conn.Exec(ctx, "LISTEN "+ChangesChannel); err != nil {
		conn.Close(context.Background())
		return nil, wrap(err, "listen for changes")
	}
	return &Listener{conn: conn}, nil
}

// Wait blocks until a change commits (nil), ctx ends, or the connection fails (an error: changes
// may have gone unnoticed).
func (l *Listener) Wait(ctx context.Context) error {
	_, err := l.conn.WaitForNotification(ctx)
	return err
}

// Close closes the connection.
func (l *Listener) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.conn.Close(ctx)
}
