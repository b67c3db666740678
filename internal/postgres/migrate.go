package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/golang-migrate/migrate/v4"
	migratepgx "github.com/golang-migrate/migrate/v4/database/pgx/v5"
	"github.com/golang-migrate/migrate/v4/source/iofs"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/migrations"
)

// SchemaVersion is the migration version this binary's queries are written for.
var SchemaVersion = migrations.Latest()

// Migrate brings the database at url up to SchemaVersion, creating the database first when it
// does not exist. A database already current is success.
func Migrate(ctx context.Context, url string) error {
	if err := EnsureDatabase(ctx, url); err != nil {
		return err
	}
	return withMigrate(ctx, url, func(m *migrate.Migrate) error { return m.Up() })
}

// MigrateDown undoes the latest n migrations, or all of them when n <= 0.
func MigrateDown(ctx context.Context, url string, n int) error {
	return withMigrate(ctx, url, func(m *migrate.Migrate) error {
		if n <= 0 {
			return m.Down()
		}
		if _, _, err := m.Version(); errors.Is(err, migrate.ErrNilVersion) {
			return facts.Errorf(facts.EINVALID, "the database has no migrations to undo")
		}
		return m.Steps(-n)
	})
}

// MigrateForce records version v as applied and clean without running anything: the way out
// after a failed migration has been repaired by hand. v = -1 means no version.
func MigrateForce(ctx context.Context, url string, v int) error {
	return withMigrate(ctx, url, func(m *migrate.Migrate) error { return m.Force(v) })
}

// MigrateVersion returns the database's schema version (0 when no migration ran) and whether
// the last migration failed halfway (dirty).
func MigrateVersion(ctx context.Context, url string) (version uint, dirty bool, err error) {
	err = withMigrate(ctx, url, func(m *migrate.Migrate) error {
		version, dirty, err = m.Version()
		if errors.Is(err, migrate.ErrNilVersion) {
			return nil
		}
		return err
	})
	return version, dirty, err
}

// withMigrate runs f with a migrate instance over the embedded migrations; stopping ctx stops
// it between migrations.
func withMigrate(ctx context.Context, url string, f func(*migrate.Migrate) error) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return facts.Errorf(facts.EUNAVAILABLE, "%s is not a valid PostgreSQL URL: %s", URLVariable, parseProblem(err))
	}
	db := stdlib.OpenDB(*cfg)
	defer db.Close()
	if err := db.PingContext(ctx); err != nil {
		return connectError(cfg.Host, cfg.Port, cfg.Database, err)
	}
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return fmt.Errorf("read embedded migrations: %w", err)
	}
	driver, err := migratepgx.WithInstance(db, &migratepgx.Config{})
	if err != nil {
		return fmt.Errorf("prepare migrations table in database %q: %w", cfg.Database, err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "pgx5", driver)
	if err != nil {
		return fmt.Errorf("start migrations: %w", err)
	}
	defer m.Close()
	stop := context.AfterFunc(ctx, func() { m.GracefulStop <- true })
	defer stop()
	err = f(m)
	var dirty migrate.ErrDirty
	switch {
	case err == nil || errors.Is(err, migrate.ErrNoChange):
		return nil
	case errors.As(err, &dirty):
		return facts.Errorf(facts.EUNAVAILABLE, "schema is dirty at version %d: fix it and run `newsfacts migrate force %d`", dirty.Version, dirty.Version)
	case errors.Is(err, migrate.ErrNilVersion):
		return facts.Errorf(facts.EINVALID, "the database has no migrations to undo")
	}
	var short migrate.ErrShortLimit
	if errors.As(err, &short) {
		return facts.Errorf(facts.EINVALID, "cannot undo that many migrations: only %d applied", short.Short)
	}
	return fmt.Errorf("migrate database %q: %w", cfg.Database, err)
}

// EnsureDatabase creates the database url names when it does not exist, by connecting to the
// server's maintenance database "postgres" with the same credentials.
func EnsureDatabase(ctx context.Context, url string) error {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return facts.Errorf(facts.EUNAVAILABLE, "%s is not a valid PostgreSQL URL: %s", URLVariable, parseProblem(err))
	}
	target := cfg.Database
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err == nil {
		return conn.Close(ctx)
	}
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) || pgErr.Code != "3D000" {
		return connectError(cfg.Host, cfg.Port, target, err)
	}
	maint := cfg.Copy()
	maint.Database = "postgres"
	conn, err = pgx.ConnectConfig(ctx, maint)
	if err != nil {
		return connectError(cfg.Host, cfg.Port, "postgres", err)
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{target}.Sanitize())
	if errors.As(err, &pgErr) && pgErr.Code == "42P04" {
		return nil // another process created it first
	} else if errors.As(err, &pgErr) && pgErr.Code == "42501" {
		return facts.Errorf(facts.EUNAVAILABLE, "database %q does not exist and user %q may not create it (%s): %s", target, cfg.User, URLVariable, pgErr.Message)
	} else if err != nil {
		return fmt.Errorf("create database %q: %w", target, err)
	}
	return nil
}

// CurrentSchema returns the schema version of the database behind db and whether it is dirty.
// A database no migration has touched is at version 0.
func CurrentSchema(ctx context.Context, db DBTX) (version uint, dirty bool, err error) {
	var v int64
	err = db.QueryRow(ctx, `SELECT version, dirty FROM schema_migrations LIMIT 1`).Scan(&v, &dirty)
	var pgErr *pgconn.PgError
	switch {
	case errors.Is(err, pgx.ErrNoRows), errors.As(err, &pgErr) && pgErr.Code == "42P01":
		return 0, false, nil
	case err != nil:
		return 0, false, wrap(err, "read schema version")
	case v < 0:
		return 0, dirty, nil // golang-migrate's "no version"
	}
	return uint(v), dirty, nil
}

// CheckSchema returns nil when the schema behind db is clean and at SchemaVersion, and otherwise
// an EUNAVAILABLE error that says what to run.
func CheckSchema(ctx context.Context, db DBTX) error {
	v, dirty, err := CurrentSchema(ctx, db)
	switch {
	case err != nil:
		return err
	case dirty:
		return facts.Errorf(facts.EUNAVAILABLE, "schema is dirty at version %d: fix it and run `newsfacts migrate force %d`", v, v)
	case v < SchemaVersion:
		return facts.Errorf(facts.EUNAVAILABLE, "database schema is at version %d, this binary needs %d: run `newsfacts migrate up`", v, SchemaVersion)
	case v > SchemaVersion:
		return facts.Errorf(facts.EUNAVAILABLE, "database schema is at version %d, newer than this binary's %d: run a newsfacts release that knows version %d", v, SchemaVersion, v)
	}
	return nil
}

// Ready returns nil when the database answers and its schema is the one this binary expects.
func (s *Store) Ready(ctx context.Context) error { return CheckSchema(ctx, s.db) }
