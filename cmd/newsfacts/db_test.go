package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// TestMain gives the command's tests a throwaway database (pgtest.URL) and fresh ones on demand
// (pgtest.NewDatabase).
func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// runWithDB runs the program with DATABASE_URL set to url.
func runWithDB(t *testing.T, url string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(name string) string {
		if name == "DATABASE_URL" {
			return url
		}
		return ""
	}
	err := run(context.Background(), append([]string{"newsfacts"}, args...), getenv, bytes.NewReader(nil), &out, &errOut)
	return exitCode(err, &errOut), out.String(), errOut.String()
}

func TestMigrate(t *testing.T) {
	t.Run("UpDownUp", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		code, stdout, stderr := runWithDB(t, url, "migrate", "version")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "schema version 0;")

		code, stdout, stderr = runWithDB(t, url, "migrate", "up")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, fmt.Sprintf("schema version %d;", postgres.SchemaVersion))

		code, stdout, stderr = runWithDB(t, url, "migrate", "down", "all")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, "schema version 0;")

		code, _, stderr = runWithDB(t, url, "migrate", "up")
		require.Equal(t, 0, code, stderr)
		code, _, stderr = runWithDB(t, url, "migrate", "up")
		assert.Equal(t, 0, code, "up on a current schema is success: %s", stderr)
	})
	t.Run("CreatesMissingDatabase", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		// Drop it, so that `up` has to create it again; NewDatabase's cleanup drops it after.
		pool, err := postgres.Open(context.Background(), url)
		require.NoError(t, err)
		pool.Close()
		mustDropDatabase(t, url)
		code, stdout, stderr := runWithDB(t, url, "migrate", "up")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, fmt.Sprintf("schema version %d;", postgres.SchemaVersion))
	})
	t.Run("DirtyThenForce", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		require.Equal(t, 0, first(runWithDB(t, url, "migrate", "up")))
		mustExec(t, url, `UPDATE schema_migrations SET dirty = true`)
		code, _, stderr := runWithDB(t, url, "migrate", "up")
		assert.Equal(t, exitSetup, code)
		v := postgres.SchemaVersion
		assert.Contains(t, stderr, fmt.Sprintf("schema is dirty at version %d: fix it and run `newsfacts migrate force %d`", v, v))
		code, stdout, stderr := runWithDB(t, url, "migrate", "force", fmt.Sprint(v))
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, fmt.Sprintf("schema version %d;", postgres.SchemaVersion))
	})
	t.Run("Help", func(t *testing.T) {
		code, stdout, _ := runWithDB(t, "", "migrate", "-h")
		assert.Equal(t, 0, code)
		assert.Contains(t, stdout, "down [N|all]")
	})
	for name, args := range map[string][]string{
		"NoCommand":      {"migrate"},
		"UnknownCommand": {"migrate", "sideways"},
		"BadDownCount":   {"migrate", "down", "-3"},
		"ForceNoVersion": {"migrate", "force"},
		"ForceNotNumber": {"migrate", "force", "x"},
		"UpWithArgs":     {"migrate", "up", "2"},
	} {
		t.Run(name, func(t *testing.T) {
			code, _, stderr := runWithDB(t, pgtest.URL(t), args...)
			assert.Equal(t, exitSetup, code)
			assert.Contains(t, stderr, "Usage: newsfacts migrate")
		})
	}
	t.Run("Unreachable", func(t *testing.T) {
		code, _, stderr := runWithDB(t, "postgres://postgres:s3cret@127.0.0.1:1/newsfacts?sslmode=disable&connect_timeout=2", "migrate", "up")
		assert.Equal(t, exitSetup, code)
		assert.Equal(t, "newsfacts: migrate: cannot reach database at 127.0.0.1:1 (DATABASE_URL): connection refused\n", stderr)
		assert.NotContains(t, stderr, "s3cret")
	})
	t.Run("UnparsableURL", func(t *testing.T) {
		code, _, stderr := runWithDB(t, "postgres://postgres:s3cret@127.0.0.1:notaport/x", "migrate", "up")
		assert.Equal(t, exitSetup, code)
		assert.Contains(t, stderr, "DATABASE_URL is not a valid PostgreSQL URL")
		assert.NotContains(t, stderr, "s3cret")
		assert.Equal(t, 1, bytes.Count([]byte(stderr), []byte("\n")), "one line: %s", stderr)
	})
}

func TestOpenStore(t *testing.T) {
	env := func(url string) environment {
		return environment{getenv: func(string) string { return url }}
	}
	t.Run("OK", func(t *testing.T) {
		store, pool, err := openStore(context.Background(), env(pgtest.URL(t)))
		require.NoError(t, err)
		defer pool.Close()
		assert.NoError(t, store.Ready(context.Background()))
	})
	t.Run("SchemaBehind", func(t *testing.T) {
		_, _, err := openStore(context.Background(), env(pgtest.NewDatabase(t)))
		require.Error(t, err)
		assert.Equal(t, exitSetup, exitCode(err, &bytes.Buffer{}))
		want := fmt.Sprintf("database schema is at version 0, this binary needs %d: run `newsfacts migrate up` (DATABASE_URL)", postgres.SchemaVersion)
		assert.Equal(t, want, err.Error())
	})
	t.Run("Unreachable", func(t *testing.T) {
		_, _, err := openStore(context.Background(), env("postgres://postgres@127.0.0.1:1/x?connect_timeout=2"))
		require.Error(t, err)
		assert.Equal(t, exitSetup, exitCode(err, &bytes.Buffer{}))
		assert.Equal(t, "cannot reach database at 127.0.0.1:1 (DATABASE_URL): connection refused", err.Error())
	})
	t.Run("MissingPrivileges", func(t *testing.T) {
		url := pgtest.NewDatabase(t)
		require.NoError(t, postgres.Migrate(context.Background(), url))
		// The role is the server's, not the database's: named per process, so that two test
		// runs against the same server never drop each other's.
		role := fmt.Sprintf("nftest_reader_%d", os.Getpid())
		mustExec(t, url, `DROP ROLE IF EXISTS `+role)
		mustExec(t, url, `CREATE ROLE `+role+` LOGIN`)
		t.Cleanup(func() {
			mustDropDatabase(t, url) // the role cannot go while the database refers to it
			mustExec(t, pgtest.URL(t), `DROP ROLE IF EXISTS `+role)
		})
		mustExec(t, url, `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC`)
		_, _, err := openStore(context.Background(), env(withUser(t, url, role)))
		require.Error(t, err)
		assert.Equal(t, exitSetup, exitCode(err, &bytes.Buffer{}))
		assert.Contains(t, err.Error(), "permission denied for table schema_migrations")
		assert.Contains(t, err.Error(), "DATABASE_URL")
	})
}

func first(code int, _, _ string) int { return code }
