package main

import (
	"context"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
)

// openStore connects to DATABASE_URL, checks that its schema is the one this binary needs, and
// returns the store and its pool (close the pool when done). Every failure is a setup error: one
// line that names the problem and what to fix, exit code 2.
func openStore(ctx context.Context, env environment) (*postgres.Store, *pgxpool.Pool, error) {
	return openStoreWith(ctx, env, postgres.PoolOptions{})
}

// openStoreWith is openStore with pool options.
func openStoreWith(ctx context.Context, env environment, o postgres.PoolOptions) (*postgres.Store, *pgxpool.Pool, error) {
	pool, err := postgres.OpenWith(ctx, env.databaseURL(), o)
	if err != nil {
		return nil, nil, setupErrorf("%s", facts.ErrorMessage(err))
	}
	if err := postgres.CheckSchema(ctx, pool); err != nil {
		pool.Close()
		msg := facts.ErrorMessage(err)
		if cause := postgres.RootCause(err); facts.ErrorCode(err) == facts.EUNAVAILABLE && cause != msg {
			msg += ": " + cause // an operator reads this, not a client: the driver's words help
		}
		return nil, nil, setupErrorf("%s (%s)", msg, postgres.URLVariable)
	}
	return postgres.New(pool), pool, nil
}
