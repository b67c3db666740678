// Package postgres stores newsfacts facts in PostgreSQL: the schema migrations, the Store that
// saves and lists articles, entities, statements and exercises, and the translation of database
// errors into *facts.Error codes.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// URLVariable is the environment variable that names the database; errors about reaching the
// database mention it so that users know what to fix.
const URLVariable = "DATABASE_URL"

// DBTX is what the Store needs from a database handle. *pgxpool.Pool and pgx.Tx both meet it, so
// a test can run the whole Store inside one transaction and roll it back.
type DBTX interface {
	Begin(ctx context.Context) (pgx.Tx, error)
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error)
}

// Store reads and writes newsfacts facts. It is safe for concurrent use when its DBTX is a pool.
type Store struct {
	db DBTX
	// failAt, when set, is called at each named step of SaveArticle; a non-nil error aborts the
	// save there. Tests use it to prove that a failure mid-article leaves no trace.
	failAt func(step string) error
	// asyncCommit makes SaveArticle commit without waiting for the WAL flush.
	asyncCommit bool
}

// New returns a Store over db.
func New(db DBTX) *Store { return &Store{db: db} }

// WithAsyncCommit returns a Store whose SaveArticle commits without waiting for PostgreSQL to
// flush its log to disk (synchronous_commit = off for those transactions only). Each article
// stays all or nothing and the database stays consistent, but a crash of the server or machine
// can forget the articles committed in the last fraction of a second (at most three times
// wal_writer_delay, 600 ms by default). For a batch ingest, which is idempotent and re-run after
// a crash, that buys several times the throughput on a disk with slow flushes; an API that has
// told a client "201 Created" should keep the default.
func (s *Store) WithAsyncCommit() *Store {
	c := *s
	c.asyncCommit = true
	return &c
}

// Open connects to the database at url, pings it, and returns the pool. Its errors are one line
// that names the problem and the variable to fix, and never contain a password.
func Open(ctx context.Context, url string) (*pgxpool.Pool, error) {
	return OpenWith(ctx, url, PoolOptions{})
}

// PoolOptions tunes the pool OpenWith returns; zero values keep pgx's defaults.
type PoolOptions struct {
	// MaxConns is the most connections the pool opens.
	MaxConns int32
	// StatementTimeout makes PostgreSQL cancel any statement that runs longer (SQLSTATE 57014,
	// which the Store reports as ETIMEOUT). A server sets it below its per-request timeout, so
	// that an expensive query ends on the database, and frees its connection, before the
	// requests queued behind it give up.
	StatementTimeout time.Duration
	// NoMemoize turns off PostgreSQL's Memoize (enable_memoize) on the pool's connections. The
	// API's reads are pages of distinct rows, so a Memoize node that the planner puts in front
	// of the inner side of a nested loop (each exercise of a participant's page, each statement
	// of a search's postings) copies every row into a cache that is never hit: a third of
	// PostgreSQL's time on a participant's page of 50 exercises at 100,000 articles.
	NoMemoize bool
}

// OpenWith is Open with pool options.
func OpenWith(ctx context.Context, url string, o PoolOptions) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, facts.Errorf(facts.EUNAVAILABLE, "%s is not a valid PostgreSQL URL: %s", URLVariable, parseProblem(err))
	}
	if o.MaxConns > 0 {
		cfg.MaxConns = o.MaxConns
	}
	if o.StatementTimeout > 0 {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = strconv.FormatInt(max(1, o.StatementTimeout.Milliseconds()), 10)
	}
	if o.NoMemoize {
		cfg.ConnConfig.RuntimeParams["enable_memoize"] = "off"
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, facts.Errorf(facts.EUNAVAILABLE, "cannot use %s: %s", URLVariable, rootCause(err))
	}
	pingCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pingCtx); err != nil {
		pool.Close()
		return nil, connectError(cfg.ConnConfig.Host, cfg.ConnConfig.Port, cfg.ConnConfig.Database, err)
	}
	return pool, nil
}

// connectError describes a failed connection in one line.
func connectError(host string, port uint16, database string, err error) error {
	where := net.JoinHostPort(host, fmt.Sprint(port))
	if strings.HasPrefix(host, "/") {
		where = host // a Unix socket directory
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch pgErr.Code {
		case "3D000":
			return facts.Errorf(facts.EUNAVAILABLE, "database %q does not exist at %s (%s): run `newsfacts migrate up` to create it", database, where, URLVariable)
		case "28P01", "28000":
			return facts.Errorf(facts.EUNAVAILABLE, "database at %s refused the login (%s): %s", where, URLVariable, pgErr.Message)
		case "42501":
			return facts.Errorf(facts.EUNAVAILABLE, "database at %s denied access (%s): %s", where, URLVariable, pgErr.Message)
		}
	}
	return facts.Errorf(facts.EUNAVAILABLE, "cannot reach database at %s (%s): %s", where, URLVariable, rootCause(err))
}

// parseProblem returns what is wrong with a connection string, without the string itself (it
// may hold a password).
func parseProblem(err error) string {
	var pe *pgconn.ParseConfigError
	if errors.As(err, &pe) && pe.Unwrap() != nil {
		return rootCause(pe.Unwrap())
	}
	msg := err.Error()
	if i := strings.LastIndex(msg, ": "); i >= 0 {
		return msg[i+2:]
	}
	return msg
}

// RootCause returns a short description of the innermost cause of err, for operators: the
// driver's message, never a password. The API keeps it out of problem documents.
func RootCause(err error) string { return rootCause(err) }

// rootCause returns a short description of the innermost cause of a connection error.
func rootCause(err error) string {
	var pgErr *pgconn.PgError
	var dnsErr *net.DNSError
	switch {
	case errors.As(err, &pgErr):
		return pgErr.Message
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.As(err, &dnsErr):
		return "no such host " + dnsErr.Name
	case errors.Is(err, context.DeadlineExceeded) || pgconn.Timeout(err):
		return "timed out"
	}
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err.Error()
		}
		err = next
	}
}

// unavailable reports whether err means the database cannot be reached or cannot serve this
// binary (connection lost, server shutting down, schema missing), as opposed to a bad query.
func unavailable(err error) bool {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case strings.HasPrefix(pgErr.Code, "08"), // connection exception
			strings.HasPrefix(pgErr.Code, "57P"), // operator intervention: shutdown, cannot connect now
			pgErr.Code == "53300",                // too many connections
			pgErr.Code == "3D000",                // database does not exist
			pgErr.Code == "42501",                // insufficient privilege: a deployment problem
			pgErr.Code == "42P01":                // undefined table: the schema is not migrated
			return true
		}
		return false
	}
	var connErr *pgconn.ConnectError
	var netErr net.Error
	// A deadline passed means the database did not answer in time: a 503, not a bug.
	return pgconn.Timeout(err) || errors.Is(err, context.DeadlineExceeded) || errors.As(err, &connErr) || errors.As(err, &netErr) || errors.Is(err, pgconn.ErrConnClosed) ||
		errors.Is(err, syscall.ECONNREFUSED) || errors.Is(err, syscall.ECONNRESET) || pgconn.SafeToRetry(err)
}

// wrap adds context to a database error, and turns failures to reach the database into
// EUNAVAILABLE so that the API answers 503 rather than 500.
func wrap(err error, format string, args ...any) error {
	if err == nil {
		return nil
	}
	var fe *facts.Error
	if errors.As(err, &fe) {
		return err
	}
	// The client-facing error is wrapped first: ErrorCode and ErrorMessage find it, and logs keep
	// the whole story. Its message never carries the driver's text, which can name addresses.
	var client *facts.Error
	var pgErr *pgconn.PgError
	switch {
	case errors.As(err, &pgErr) && pgErr.Code == "57014": // query_canceled: statement_timeout
		client = facts.Errorf(facts.ETIMEOUT, "the query took longer than the server allows; narrow it (a shorter q, more filters, a smaller limit)")
	case errors.As(err, &pgErr) && pgErr.Code == "54000": // program_limit_exceeded
		// An index row over ~2.7 kB, or a text whose tsvector is over 1 MB.
		client = facts.Errorf(facts.ETOOLARGE, "a value is too large for the database to index")
	case unavailable(err):
		client = facts.Errorf(facts.EUNAVAILABLE, "database unavailable")
	default:
		return fmt.Errorf(format+": %w", append(args, err)...)
	}
	return fmt.Errorf("%w: "+format+": %w", append(append([]any{client}, args...), err)...)
}
