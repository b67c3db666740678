package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// ChangesChannel is the channel a trigger on articles notifies when a transaction that changed
// facts commits (see migrations/000001_init.up.sql).
const ChangesChannel = "newsfacts_changed"

// Heartbeat defaults: after HeartbeatInterval without a notification the Listener pings its
// connection, and a ping unanswered within HeartbeatTimeout ends Wait with an error. A
// connection a proxy or NAT dropped silently, or a backend that stopped answering, is then
// noticed within about three seconds, and the cache that trusts the Listener turns off.
const (
	HeartbeatInterval = 2 * time.Second
	HeartbeatTimeout  = time.Second
)

// Listener is a dedicated connection listening on ChangesChannel.
type Listener struct {
	conn *pgx.Conn
	// Interval and Timeout are the heartbeat's, HeartbeatInterval and HeartbeatTimeout unless
	// changed before the first Wait.
	Interval, Timeout time.Duration
}

// ListenerApplicationName names the Listener's connection in pg_stat_activity.
const ListenerApplicationName = "newsfacts listener"

// Listen opens a connection to url, outside any pool, and listens on ChangesChannel.
func Listen(ctx context.Context, url string) (*Listener, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, wrap(err, "listen for changes")
	}
	cfg.RuntimeParams["application_name"] = ListenerApplicationName
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return nil, wrap(err, "listen for changes")
	}
	if _, err := conn.Exec(ctx, "LISTEN "+ChangesChannel); err != nil {
		conn.Close(context.Background())
		return nil, wrap(err, "listen for changes")
	}
	return &Listener{conn: conn, Interval: HeartbeatInterval, Timeout: HeartbeatTimeout}, nil
}

// Wait blocks until a change commits (nil), ctx ends, or the connection fails or misses a
// heartbeat (an error: changes may have gone unnoticed).
func (l *Listener) Wait(ctx context.Context) error {
	for {
		wctx, cancel := context.WithTimeout(ctx, l.Interval)
		_, err := l.conn.WaitForNotification(wctx)
		quiet := wctx.Err() != nil && ctx.Err() == nil
		cancel()
		if !quiet {
			return err // a notification, a failure, or ctx's end
		}
		// pgx ends a wait by a read deadline, which leaves the connection usable; a
		// notification that arrives during the ping is queued for the next wait.
		pctx, cancel := context.WithTimeout(ctx, l.Timeout)
		err = l.conn.Ping(pctx)
		cancel()
		if err != nil {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			return fmt.Errorf("listen for changes: no heartbeat within %s: %w", l.Timeout, err)
		}
	}
}

// Close closes the connection.
func (l *Listener) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.conn.Close(ctx)
}
