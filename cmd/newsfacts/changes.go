package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/newsfacts/newsfacts/internal/changefeed"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
)

// followChanges starts the feed behind GET /v1/changes: one LISTEN connection for the whole
// server and one lookup per committed article, whatever the number of clients.
func followChanges(ctx context.Context, env environment, store *postgres.Store, timeout time.Duration, logger *slog.Logger) *changefeed.Feed {
	feed := changefeed.New(0, 0)
	subscribe := func(ctx context.Context) (changefeed.Subscription, error) {
		return postgres.ListenArticles(ctx, env.databaseURL())
	}
	lookup := func(ctx context.Context, id string) (facts.Change, error) {
		ctx, cancel := context.WithTimeout(ctx, timeout)
		defer cancel()
		return store.Change(ctx, id)
	}
	go feed.Follow(ctx, subscribe, lookup, func(err error) {
		logger.Warn("change stream: a notification was lost or could not be read", "err", err.Error())
	})
	return feed
}
