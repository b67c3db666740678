// Package pgtest gives each test package its own throwaway PostgreSQL database on the server
// DATABASE_URL names: created and migrated before the tests, dropped after them.
//
//	func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }
//
//	store := postgres.New(pgtest.Tx(t)) // rolled back when t ends
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsfacts/newsfacts/internal/postgres"
)

// DefaultURL names the server when DATABASE_URL is unset.
const DefaultURL = "postgres://postgres@127.0.0.1:5432/newsfacts?sslmode=disable"

// prefix starts the name of every database pgtest creates, so leftovers can be recognised.
const prefix = "nftest_"

var (
	state struct {
		serverURL string // DATABASE_URL: the server, and a database to reach it through
		dbURL     string // the throwaway database
		dbName    string
		pool      *pgxpool.Pool
		ready     bool
	}
	poolOnce sync.Once
	extra    atomic.Int64 // numbers the databases NewDatabase makes
)

// Main creates and migrates a throwaway database, runs the tests, drops the database, and
// returns the exit code for os.Exit. The database is dropped when tests fail too; one left
// behind by a process that panicked is dropped by the next Main on the same server.
func Main(m *testing.M) int {
	ctx := context.Background()
	state.serverURL = os.Getenv("DATABASE_URL")
	if state.serverURL == "" {
		state.serverURL = DefaultURL
	}
	name, err := uniqueName()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	dropAbandoned(ctx)
	dbURL, err := createDatabase(ctx, name)
	if err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		return 1
	}
	state.dbName, state.dbURL = name, dbURL
	defer func() {
		if state.pool != nil {
			state.pool.Close()
		}
		if err := dropDatabase(context.Background(), name); err != nil {
			fmt.Fprintln(os.Stderr, "pgtest:", err)
		}
	}()
	if err := postgres.Migrate(ctx, dbURL); err != nil {
		fmt.Fprintf(os.Stderr, "pgtest: migrate %s: %v\n", name, err)
		return 1
	}
	state.ready = true
	return m.Run()
}

// URL returns the URL of the package's throwaway database, migrated to the latest version.
func URL(tb testing.TB) string {
	tb.Helper()
	mustReady(tb)
	return state.dbURL
}

// Pool returns a pool on the package's throwaway database, shared by the package's tests and
// closed after them.
func Pool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	mustReady(tb)
	var err error
	poolOnce.Do(func() {
		var cfg *pgxpool.Config
		cfg, err = pgxpool.ParseConfig(state.dbURL)
		if err != nil {
			return
		}
		state.pool, err = pgxpool.NewWithConfig(context.Background(), cfg)
	})
	if err != nil {
		tb.Fatalf("pgtest: open pool on %s: %v", state.dbName, err)
	}
	if state.pool == nil {
		tb.Fatalf("pgtest: no pool on %s: an earlier attempt to open it failed", state.dbName)
	}
	return state.pool
}

// Tx begins a transaction on the package's database and rolls it back when tb ends, so a test
// leaves nothing behind and tests do not see each other's rows.
func Tx(tb testing.TB) pgx.Tx {
	tb.Helper()
	tx, err := Pool(tb).Begin(context.Background())
	if err != nil {
		tb.Fatalf("pgtest: begin: %v", err)
	}
	tb.Cleanup(func() {
		if err := tx.Rollback(context.Background()); err != nil && !errors.Is(err, pgx.ErrTxClosed) {
			tb.Errorf("pgtest: rollback: %v", err)
		}
	})
	return tx
}

// NewDatabase creates a separate, empty database (no migrations run) for tests of migrations
// themselves, drops it when tb ends, and returns its URL.
func NewDatabase(tb testing.TB) string {
	tb.Helper()
	mustReady(tb)
	name := fmt.Sprintf("%s_%d", state.dbName, extra.Add(1))
	dbURL, err := createDatabase(context.Background(), name)
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(func() {
		if err := dropDatabase(context.Background(), name); err != nil {
			tb.Errorf("pgtest: %v", err)
		}
	})
	return dbURL
}

func mustReady(tb testing.TB) {
	tb.Helper()
	if !state.ready {
		tb.Fatal("pgtest: no database: call pgtest.Main from TestMain")
	}
}

// uniqueName returns prefix + the test binary's package name + pid + random suffix.
// The pid lets a later run tell whether the process that made a database is still alive.
func uniqueName() (string, error) {
	pkg := strings.TrimSuffix(filepath.Base(os.Args[0]), ".test")
	pkg = regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(pkg), "")
	if len(pkg) > 20 {
		pkg = pkg[:20]
	}
	var r [4]byte
	if _, err := rand.Read(r[:]); err != nil {
		return "", fmt.Errorf("random database name: %w", err)
	}
	return fmt.Sprintf("%s%s_%d_%s", prefix, pkg, os.Getpid(), hex.EncodeToString(r[:])), nil
}

// withDatabase returns serverURL with its database replaced by name.
func withDatabase(serverURL, name string) (string, error) {
	u, err := url.Parse(serverURL)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return "", errors.New("DATABASE_URL must be a postgres:// URL for tests")
	}
	u.Path = "/" + name
	return u.String(), nil
}

// admin runs f on a connection to the server's maintenance database.
func admin(ctx context.Context, f func(*pgx.Conn) error) error {
	maint, err := withDatabase(state.serverURL, "postgres")
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, maint)
	if err != nil {
		return fmt.Errorf("cannot reach the PostgreSQL server DATABASE_URL names: %w", err)
	}
	defer conn.Close(ctx)
	return f(conn)
}

func createDatabase(ctx context.Context, name string) (string, error) {
	dbURL, err := withDatabase(state.serverURL, name)
	if err != nil {
		return "", err
	}
	err = admin(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create database %s: %w", name, err)
	}
	return dbURL, nil
}

func dropDatabase(ctx context.Context, name string) error {
	err := admin(ctx, func(c *pgx.Conn) error {
		_, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{name}.Sanitize()+" WITH (FORCE)")
		return err
	})
	if err != nil {
		return fmt.Errorf("drop database %s: %w", name, err)
	}
	return nil
}

// dropAbandoned drops databases left by test processes that no longer run (a panic skips
// Main's deferred drop). It only looks at names pgtest made, and only when their pid is dead
// on this machine; errors are ignored because the tests do not depend on it.
func dropAbandoned(ctx context.Context) {
	var names []string
	_ = admin(ctx, func(c *pgx.Conn) error {
		rows, _ := c.Query(ctx, `SELECT datname FROM pg_database WHERE datname LIKE $1`, prefix+"%")
		var err error
		names, err = pgx.CollectRows(rows, pgx.RowTo[string])
		return err
	})
	for _, name := range names {
		parts := strings.Split(strings.TrimPrefix(name, prefix), "_")
		if len(parts) < 3 {
			continue
		}
		pid, err := strconv.Atoi(parts[len(parts)-2])
		if len(parts) > 3 { // a NewDatabase name carries one more number
			pid, err = strconv.Atoi(parts[len(parts)-3])
		}
		if err != nil || pid <= 0 || syscall.Kill(pid, 0) == nil || errors.Is(syscall.Kill(pid, 0), syscall.EPERM) {
			continue
		}
		busy := true
		_ = admin(ctx, func(c *pgx.Conn) error {
			return c.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = $1)`, name).Scan(&busy)
		})
		if !busy { // a database someone is connected to is in use, whatever its pid says
			_ = dropDatabase(ctx, name)
		}
	}
}
