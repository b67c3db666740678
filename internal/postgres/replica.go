package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/newsfacts/newsfacts/internal/backoff"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// ReadURLVariable is the environment variable that names the read replicas.
const ReadURLVariable = "NEWSFACTS_READ_DATABASE_URL"

// Defaults of ReadOptions.
const (
	DefaultMaxReplicaLag = 10 * time.Second
	DefaultReplicaWait   = time.Second
)

// How often replicas are probed in the background, and how often a read that waits for a
// replica to replay a position asks it again.
const (
	probeInterval = 500 * time.Millisecond
	probeTimeout  = 2 * time.Second
	replayPoll    = 10 * time.Millisecond
)

// ReadOptions configures ReadPools. Zero fields take the defaults.
type ReadOptions struct {
	// MaxLag is how far behind a replica may fall before reads leave it and Ready fails.
	MaxLag time.Duration
	// Wait is the longest a read that must see a commit waits for replicas to replay it
	// before it reads the primary instead.
	Wait time.Duration
	// OnAdvance, when set, is called each time the floor rises (see ReadPools): a cache of
	// answers read below the new floor must be dropped then.
	OnAdvance func()
}

// Replica is one read-only database: a streaming standby (or any server that can answer the
// Store's reads), with its last known replay position and lag.
type Replica struct {
	name string // host:port, for metrics and messages; never the password
	pool *pgxpool.Pool

	mu      sync.Mutex
	up      bool
	replay  LSN
	lag     time.Duration
	problem string // why it is down, when it is
	served  atomic.Int64
}

// Name is the replica's host:port.
func (r *Replica) Name() string { return r.name }

// OpenReplicas connects to each comma-separated URL in urls, with pools tuned by o, and checks
// its schema. Its errors are one line that names ReadURLVariable; on error nothing is left
// open.
func OpenReplicas(ctx context.Context, urls string, o PoolOptions) ([]*Replica, error) {
	var rs []*Replica
	fail := func(err error) ([]*Replica, error) {
		for _, r := range rs {
			r.pool.Close()
		}
		return nil, err
	}
	for u := range strings.SplitSeq(urls, ",") {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		pool, err := OpenWith(ctx, u, o)
		if err != nil {
			// Open's message names the primary's variable; this URL came from another.
			return fail(facts.Errorf(facts.EUNAVAILABLE, "%s", strings.ReplaceAll(facts.ErrorMessage(err), URLVariable, ReadURLVariable)))
		}
		cfg := pool.Config().ConnConfig
		r := &Replica{name: net.JoinHostPort(cfg.Host, strconv.Itoa(int(cfg.Port))), pool: pool}
		rs = append(rs, r)
		if err := CheckSchema(ctx, pool); err != nil {
			msg := facts.ErrorMessage(err)
			if cause := rootCause(err); facts.ErrorCode(err) == facts.EUNAVAILABLE && cause != msg {
				msg += ": " + cause // an operator reads this, not a client
			}
			return fail(facts.Errorf(facts.EUNAVAILABLE, "%s at %s (%s)", msg, r.name, ReadURLVariable))
		}
		if err := r.probe(ctx); err != nil {
			return fail(facts.Errorf(facts.EUNAVAILABLE, "cannot read the replay position of %s (%s): %s", r.name, ReadURLVariable, rootCause(err)))
		}
	}
	if len(rs) == 0 {
		return nil, facts.Errorf(facts.EUNAVAILABLE, "%s names no database", ReadURLVariable)
	}
	return rs, nil
}

// probeSQL reads a server's replay position and lag. A server that is not in recovery (a
// primary named as a replica) is never behind itself. A standby whose replay trails what it
// received lags by the age of the last transaction it replayed; one that receives nothing from
// its primary is counted the same way, since it cannot know what it misses. (A role without
// pg_read_all_stats sees the WAL receiver's row but not its status: a running receiver is
// then taken to be streaming.)
const probeSQL = `SELECT CASE WHEN pg_is_in_recovery() THEN pg_last_wal_replay_lsn() ELSE pg_current_wal_lsn() END::text,
	CASE WHEN NOT pg_is_in_recovery() THEN 0
	     WHEN pg_last_wal_receive_lsn() IS NOT DISTINCT FROM pg_last_wal_replay_lsn()
	          AND EXISTS (SELECT FROM pg_stat_wal_receiver WHERE status IS NULL OR status = 'streaming') THEN 0
	     ELSE COALESCE(extract(epoch FROM now() - pg_last_xact_replay_timestamp()), 0)::float8 END`

// probe asks the replica its replay position and lag, and records the answer.
func (r *Replica) probe(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var pos *string
	var lag float64
	err := r.pool.QueryRow(ctx, probeSQL).Scan(&pos, &lag)
	var lsn LSN
	if err == nil && pos != nil {
		lsn, err = ParseLSN(*pos)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if err != nil {
		r.up, r.problem = false, rootCause(err)
		return err
	}
	r.up, r.problem = true, ""
	r.replay = max(r.replay, lsn)
	r.lag = time.Duration(lag * float64(time.Second))
	return nil
}

// down records that a read failed on the replica; the next successful probe brings it back.
func (r *Replica) down(err error) {
	r.mu.Lock()
	r.up, r.problem = false, rootCause(err)
	r.mu.Unlock()
}

// ReplicaState is what is known of a replica since its last probe.
type ReplicaState struct {
	Name    string
	Up      bool
	Replay  LSN
	Lag     time.Duration
	Problem string
	Served  int64 // requests whose reads it answered
}

func (r *Replica) state() ReplicaState {
	r.mu.Lock()
	defer r.mu.Unlock()
	return ReplicaState{Name: r.name, Up: r.up, Replay: r.replay, Lag: r.lag, Problem: r.problem, Served: r.served.Load()}
}

// ReadPools is a DBTX that sends the Store's reads (Query, QueryRow, SendBatch) to replicas
// and everything else (Begin, Exec, CopyFrom) to the primary: the Store writes only inside
// transactions. A request's reads go to the first replica, in the order given, that is
// up, lags at most MaxLag and has replayed the floor; to the primary when none has. A read that
// fails because its replica went away is sent again to the next one, so that reads keep
// working while any database does.
//
// The floor is a WAL position that only rises: Advance raises it once the replicas have
// replayed a commit (or Wait has passed), so from then on no read of this process sees data
// older than that commit. A cache emptied at each rise (OnAdvance) therefore never holds an
// answer computed before a commit it was told about.
//
// Without replicas, everything goes to the primary. Close the pools with Close.
type ReadPools struct {
	primary  *pgxpool.Pool
	replicas []*Replica
	opts     ReadOptions

	floor         atomic.Uint64 // LSN
	head          atomic.Uint64 // the highest primary position seen
	primaryServed atomic.Int64
}

// NewReadPools returns ReadPools over primary and replicas (none is fine).
func NewReadPools(primary *pgxpool.Pool, replicas []*Replica, opts ReadOptions) *ReadPools {
	if opts.MaxLag <= 0 {
		opts.MaxLag = DefaultMaxReplicaLag
	}
	if opts.Wait <= 0 {
		opts.Wait = DefaultReplicaWait
	}
	return &ReadPools{primary: primary, replicas: replicas, opts: opts}
}

// Close closes the replicas' pools (not the primary's).
func (p *ReadPools) Close() {
	for _, r := range p.replicas {
		r.pool.Close()
	}
}

// Names returns the replicas' host:port, in order.
func (p *ReadPools) Names() []string {
	names := []string{}
	for _, r := range p.replicas {
		names = append(names, r.name)
	}
	return names
}

// Replicas reports whether there are any.
func (p *ReadPools) Replicas() bool { return len(p.replicas) > 0 }

// Monitor probes every replica in the background until ctx ends, so that reads leave one that
// went away or fell behind, and come back when it recovers.
func (p *ReadPools) Monitor(ctx context.Context) {
	if len(p.replicas) == 0 {
		return
	}
	t := time.NewTicker(probeInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		for _, r := range p.replicas {
			_ = r.probe(ctx)
		}
	}
}

// Stats returns the state of each replica and how many requests the primary's reads answered.
func (p *ReadPools) Stats() (replicas []ReplicaState, primaryServed int64) {
	for _, r := range p.replicas {
		replicas = append(replicas, r.state())
	}
	return replicas, p.primaryServed.Load()
}

// Floor returns the position every read of this process sees at least.
func (p *ReadPools) Floor() LSN { return LSN(p.floor.Load()) }

// Ready returns nil when at least one replica is up and within MaxLag (or there are none), and
// otherwise an EUNAVAILABLE error naming each one's problem. It probes them now. The message
// numbers the replicas in the order given, without addresses or driver text, since it may
// reach clients; the wrapped error, for logs, has both.
func (p *ReadPools) Ready(ctx context.Context) error {
	if len(p.replicas) == 0 {
		return nil
	}
	var problems, details []string
	for i, r := range p.replicas {
		_ = r.probe(ctx)
		st := r.state()
		switch {
		case !st.Up:
			problems = append(problems, fmt.Sprintf("replica %d cannot be reached", i+1))
			details = append(details, fmt.Sprintf("%s: %s", st.Name, st.Problem))
		case st.Lag > p.opts.MaxLag:
			problems = append(problems, fmt.Sprintf("replica %d lags %s, more than NEWSFACTS_MAX_REPLICA_LAG (%s)", i+1, st.Lag.Round(time.Millisecond), p.opts.MaxLag))
			details = append(details, fmt.Sprintf("%s: replayed %s", st.Name, st.Replay))
		default:
			return nil
		}
	}
	client := facts.Errorf(facts.EUNAVAILABLE, "no read replica is usable (%s): %s", ReadURLVariable, strings.Join(problems, "; "))
	return fmt.Errorf("%w (%s)", client, strings.Join(details, "; "))
}

// Head returns the primary's current WAL insert position: every transaction committed so far
// ends before it.
func (p *ReadPools) Head(ctx context.Context) (LSN, error) {
	var s string
	if err := p.primary.QueryRow(ctx, `SELECT pg_current_wal_insert_lsn()::text`).Scan(&s); err != nil {
		return 0, wrap(err, "read the WAL position")
	}
	lsn, err := ParseLSN(s)
	if err != nil {
		return 0, err
	}
	raise(&p.head, lsn)
	return lsn, nil
}

// Token returns a consistency token for everything committed so far: a read that presents it
// (Require) sees those commits.
func (p *ReadPools) Token(ctx context.Context) (string, error) {
	lsn, err := p.Head(ctx)
	if err != nil {
		return "", err
	}
	return lsn.String(), nil
}

// Require returns ctx for one request's reads, after making sure they see the commits token
// (from Token; "" for none) stands for: it raises the floor to the token's position (see
// Advance). A malformed token, or one ahead of the primary, is an EINVALID error.
func (p *ReadPools) Require(ctx context.Context, token string) (context.Context, error) {
	if token != "" {
		lsn, err := ParseLSN(token)
		if err != nil {
			return ctx, facts.Errorf(facts.EINVALID, "Consistency-Token must be a token from a Consistency-Token response header, got %q", truncate(token, 40))
		}
		if lsn > p.Floor() {
			// A token from the future would send every later read to the primary. Without
			// replicas, the floor's rise still empties a cache that has not yet heard of
			// the commit (it may have been made through another server).
			if lsn > LSN(p.head.Load()) {
				head, err := p.Head(ctx)
				if err != nil {
					return ctx, err
				}
				if lsn > head {
					return ctx, facts.Errorf(facts.EINVALID, "Consistency-Token %s is ahead of the database (at %s)", lsn, head)
				}
			}
			if err := p.Advance(ctx, lsn); err != nil {
				return ctx, err
			}
		}
	}
	if len(p.replicas) == 0 {
		return ctx, nil
	}
	return context.WithValue(ctx, readKey{}, &readState{}), nil
}

// Advance raises the floor to lsn once every replica that serves reads has replayed it, or
// once Wait has passed (replicas still behind are then left until they catch up), and calls
// OnAdvance when the floor rose. It returns early, with ctx's error, only when ctx ends.
func (p *ReadPools) Advance(ctx context.Context, lsn LSN) error {
	raised, err := p.advance(ctx, lsn)
	if raised && p.opts.OnAdvance != nil {
		p.opts.OnAdvance()
	}
	return err
}

// advance is Advance without OnAdvance, and reports whether the floor rose.
func (p *ReadPools) advance(ctx context.Context, lsn LSN) (bool, error) {
	if lsn <= p.Floor() {
		return false, nil
	}
	deadline := time.Now().Add(p.opts.Wait)
	for {
		behind := false
		for _, r := range p.replicas {
			st := r.state()
			if !st.Up || st.Lag > p.opts.MaxLag || st.Replay >= lsn {
				continue
			}
			if r.probe(ctx) == nil && r.state().Replay < lsn {
				behind = true
			}
		}
		if !behind || !time.Now().Before(deadline) {
			break
		}
		if !backoff.Sleep(ctx, replayPoll) {
			return false, ctx.Err()
		}
	}
	return raise(&p.floor, lsn), nil
}

// raise sets v to lsn when that is higher, and reports whether it was.
func raise(v *atomic.Uint64, lsn LSN) bool {
	for {
		old := v.Load()
		if uint64(lsn) <= old {
			return false
		}
		if v.CompareAndSwap(old, uint64(lsn)) {
			return true
		}
	}
}

// readKey keys a request's readState in its context.
type readKey struct{}

// readState keeps one request's reads on one database, so that its queries agree.
type readState struct {
	mu   sync.Mutex
	pick *Replica // nil: none yet, or the primary when primary is set
	prim bool
}

// usable reports whether reads may go to r now.
func (p *ReadPools) usable(r *Replica) bool {
	st := r.state()
	return st.Up && st.Lag <= p.opts.MaxLag && st.Replay >= p.Floor()
}

// choose returns the replica a read should use (nil: the primary), skipping those in tried.
func (p *ReadPools) choose(ctx context.Context, tried map[*Replica]bool) *Replica {
	rs, _ := ctx.Value(readKey{}).(*readState)
	if rs != nil {
		rs.mu.Lock()
		defer rs.mu.Unlock()
		if rs.prim {
			return nil
		}
		if rs.pick != nil && !tried[rs.pick] && rs.pick.state().Up {
			return rs.pick
		}
	}
	var pick *Replica
	for _, r := range p.replicas {
		if !tried[r] && p.usable(r) {
			pick = r
			break
		}
	}
	if rs != nil {
		if pick == nil {
			rs.prim = true
			p.primaryServed.Add(1)
		} else {
			rs.pick = pick
			pick.served.Add(1)
		}
	}
	return pick
}

// retryElsewhere reports whether a read that failed with err on a replica should be sent to
// the next database: the replica went away, or cancelled the query because recovery needed
// its rows (a standby's serialization failure).
func retryElsewhere(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "40001" {
		return true
	}
	return gone(err)
}

// gone reports whether err means the database went away; a connection cut mid-answer
// surfaces as a bare EOF, reset or broken pipe.
func gone(err error) bool {
	return unavailable(err) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, syscall.ECONNRESET) || errors.Is(err, syscall.EPIPE)
}

// Query runs a read on a replica (see ReadPools), or on the primary.
func (p *ReadPools) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	if len(p.replicas) == 0 {
		return p.primary.Query(ctx, sql, args...)
	}
	rr := &retryRows{p: p, ctx: ctx, sql: sql, args: args, tried: map[*Replica]bool{}}
	if err := rr.start(); err != nil {
		return rr.Rows, err
	}
	return rr, nil
}

// QueryRow runs a one-row read like Query.
func (p *ReadPools) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	if len(p.replicas) == 0 {
		return p.primary.QueryRow(ctx, sql, args...)
	}
	rows, err := p.Query(ctx, sql, args...)
	return &oneRow{rows: rows, err: err}
}

// Begin starts a transaction on the primary: transactions write.
func (p *ReadPools) Begin(ctx context.Context) (pgx.Tx, error) { return p.primary.Begin(ctx) }

// Exec runs sql on the primary.
func (p *ReadPools) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return p.primary.Exec(ctx, sql, args...)
}

// SendBatch sends a batch of reads to a replica (see ReadPools), or to the primary. A batch
// cannot be sent again once its callbacks ran, so the connection is checked first: a replica
// that went away while its connections sat idle is left before the batch goes out.
func (p *ReadPools) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	if len(p.replicas) == 0 {
		return p.primary.SendBatch(ctx, b)
	}
	tried := map[*Replica]bool{}
	for {
		r := p.choose(ctx, tried)
		if r == nil {
			return p.primary.SendBatch(ctx, b)
		}
		conn, err := r.pool.Acquire(ctx)
		if err == nil {
			if err = conn.Ping(ctx); err == nil {
				return &connBatch{BatchResults: conn.SendBatch(ctx, b), conn: conn}
			}
			conn.Release()
		}
		if !retryElsewhere(ctx, err) {
			// ctx ended: the primary's batch reports it.
			return p.primary.SendBatch(ctx, b)
		}
		tried[r] = true
		if gone(err) {
			r.down(err)
		}
	}
}

// connBatch releases its pooled connection when closed, as pgxpool's own batches do.
type connBatch struct {
	pgx.BatchResults
	conn *pgxpool.Conn
}

func (c *connBatch) Close() error {
	err := c.BatchResults.Close()
	c.conn.Release()
	return err
}

// CopyFrom copies into the primary.
func (p *ReadPools) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, src pgx.CopyFromSource) (int64, error) {
	return p.primary.CopyFrom(ctx, table, columns, src)
}

// retryRows are the rows of a read that moves to the next database when its replica fails
// before the first row arrived (pgx reports most failures only then, from Next).
type retryRows struct {
	pgx.Rows
	p       *ReadPools
	ctx     context.Context
	sql     string
	args    []any
	tried   map[*Replica]bool
	on      *Replica
	started bool
}

// start sends the query to the next database that may serve it.
func (r *retryRows) start() error {
	for {
		r.on = r.p.choose(r.ctx, r.tried)
		if r.on == nil {
			rows, err := r.p.primary.Query(r.ctx, r.sql, r.args...)
			r.Rows = rows
			return err
		}
		rows, err := r.on.pool.Query(r.ctx, r.sql, r.args...)
		if err == nil {
			r.Rows = rows
			return nil
		}
		if !retryElsewhere(r.ctx, err) {
			r.Rows = rows
			return err
		}
		r.failed(err)
	}
}

// failed marks the current replica as down for this read and, when it went away, for all.
func (r *retryRows) failed(err error) {
	r.tried[r.on] = true
	if gone(err) {
		r.on.down(err)
	}
}

func (r *retryRows) Next() bool {
	for {
		if r.Rows.Next() {
			r.started = true
			return true
		}
		err := r.Rows.Err()
		if r.started || r.on == nil || err == nil || !retryElsewhere(r.ctx, err) {
			return false
		}
		r.Rows.Close()
		r.failed(err)
		if r.start() != nil {
			return false
		}
	}
}

// oneRow is a pgx.Row over rows, as pgx builds its own.
type oneRow struct {
	rows pgx.Rows
	err  error
}

func (o *oneRow) Scan(dest ...any) error {
	if o.err != nil {
		if o.rows != nil {
			o.rows.Close()
		}
		return o.err
	}
	defer o.rows.Close()
	if !o.rows.Next() {
		if err := o.rows.Err(); err != nil {
			return err
		}
		return pgx.ErrNoRows
	}
	if err := o.rows.Scan(dest...); err != nil {
		return err
	}
	o.rows.Close()
	return o.rows.Err()
}

// ReplayedListener is a Listener whose Wait returns only once the replicas have replayed the
// change it announces (see ReadPools.Advance).
type ReplayedListener struct {
	*Listener
	pools *ReadPools
}

// AfterReplay wraps l so that a cache that empties on each Wait is never refilled from a
// replica that has not yet replayed the change.
func (p *ReadPools) AfterReplay(l *Listener) *ReplayedListener {
	return &ReplayedListener{Listener: l, pools: p}
}

// Wait blocks until a change commits and the replicas have replayed it (nil), ctx ends, or
// the connection fails.
func (l *ReplayedListener) Wait(ctx context.Context) error {
	if err := l.Listener.Wait(ctx); err != nil {
		return err
	}
	if !l.pools.Replicas() {
		return nil
	}
	// Read after the notification arrived, so after the commit: the position is past it.
	lsn, err := l.pools.Head(ctx)
	if err != nil {
		return err
	}
	// Not Advance: the cache that called Wait empties itself when Wait returns (and may
	// coalesce notifications); the floor must only have risen by then.
	_, err = l.pools.advance(ctx, lsn)
	return err
}
