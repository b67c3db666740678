package main

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"
)

func mustExec(tb testing.TB, dbURL, sql string) {
	tb.Helper()
	conn, err := pgx.Connect(context.Background(), dbURL)
	require.NoError(tb, err)
	defer conn.Close(context.Background())
	_, err = conn.Exec(context.Background(), sql)
	require.NoError(tb, err, sql)
}

// mustDropDatabase drops the database dbURL names, through the server's maintenance database.
func mustDropDatabase(tb testing.TB, dbURL string) {
	tb.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(tb, err)
	name := strings.TrimPrefix(u.Path, "/")
	u.Path = "/postgres"
	mustExec(tb, u.String(), "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
}

func withUser(tb testing.TB, dbURL, user string) string {
	tb.Helper()
	u, err := url.Parse(dbURL)
	require.NoError(tb, err)
	u.User = url.User(user)
	return u.String()
}
