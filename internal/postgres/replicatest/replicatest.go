// Package replicatest starts a private PostgreSQL primary and a streaming standby of it for a
// test, from the server binaries installed on the machine (initdb, pg_ctl, pg_basebackup),
// on free ports under a temporary directory, and removes both when the test ends.
//
//	pair := replicatest.Start(t) // skips the test when the server binaries are absent
//	serve(pair.PrimaryURL, pair.StandbyURL)
//	pair.PauseReplay(t)
//
// The primary's database is created and migrated, and the standby has replayed it, when
// Start returns. PostgreSQL refuses to run as root: as root, the servers run as the user
// postgres, as scripts/devdb.sh does.
package replicatest

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/newsfacts/newsfacts/internal/postgres"
)

// Pair is a running primary and its standby.
type Pair struct {
	PrimaryURL string // the migrated database on the primary
	StandbyURL string // the same database on the standby

	bin        string
	dir        string
	owner      *user.User // nil: run as ourselves
	primaryDir string
	standbyDir string
}

// BinDir returns the directory of the PostgreSQL server binaries, or "" when none is installed.
func BinDir() string {
	ok := func(d string) bool {
		for _, b := range []string{"initdb", "pg_ctl", "pg_basebackup", "postgres"} {
			if _, err := os.Stat(filepath.Join(d, b)); err != nil {
				return false
			}
		}
		return true
	}
	if out, err := exec.Command("pg_config", "--bindir").Output(); err == nil {
		if d := strings.TrimSpace(string(out)); ok(d) {
			return d
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if ok(d) {
			return d
		}
	}
	return ""
}

// version is the major version in a /usr/lib/postgresql/N/bin path.
func version(dir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(dir)))
	return n
}

// Start creates, starts and migrates the pair; it skips tb when the server binaries are absent
// and fails it when anything else goes wrong.
func Start(tb testing.TB) *Pair {
	tb.Helper()
	bin := BinDir()
	if bin == "" {
		tb.Skip("replicatest: no PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are installed")
	}
	p := &Pair{bin: bin}
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			tb.Skip("replicatest: running as root and there is no postgres user to run the servers as")
		}
		p.owner = u
	}
	dir, err := os.MkdirTemp("", "newsfacts-replica-")
	if err != nil {
		tb.Fatal(err)
	}
	p.dir = dir
	tb.Cleanup(p.stop)
	p.chown(tb, dir)
	p.primaryDir = filepath.Join(dir, "primary")
	p.standbyDir = filepath.Join(dir, "standby")

	p.run(tb, "initdb", "-D", p.primaryDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	primaryPort := freePort(tb)
	p.start(tb, p.primaryDir, primaryPort)
	p.run(tb, "pg_basebackup", "-h", "127.0.0.1", "-p", strconv.Itoa(primaryPort), "-U", "postgres",
		"-D", p.standbyDir, "-R", "-X", "stream", "-c", "fast", "--no-sync")
	standbyPort := freePort(tb)
	p.start(tb, p.standbyDir, standbyPort)

	url := func(port int) string {
		return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/newsfacts?sslmode=disable", port)
	}
	p.PrimaryURL, p.StandbyURL = url(primaryPort), url(standbyPort)
	ctx := context.Background()
	if err := postgres.Migrate(ctx, p.PrimaryURL); err != nil {
		tb.Fatalf("replicatest: migrate the primary: %v", err)
	}
	p.WaitReplayed(tb)
	return p
}

// start starts the cluster in dir on port. Durability is traded for speed: a test cluster
// does not outlive its test.
func (p *Pair) start(tb testing.TB, dir string, port int) {
	tb.Helper()
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c shared_buffers=16MB -c max_connections=60 -c wal_receiver_status_interval=1s", port, p.dir)
	p.run(tb, "pg_ctl", "-D", dir, "-l", dir+".log", "-w", "-t", "60", "-o", opts, "start")
}

// run runs a server binary as the clusters' owner.
func (p *Pair) run(tb testing.TB, name string, args ...string) {
	tb.Helper()
	if out, err := p.command(name, args...).CombinedOutput(); err != nil {
		tb.Fatalf("replicatest: %s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
}

func (p *Pair) command(name string, args ...string) *exec.Cmd {
	path := filepath.Join(p.bin, name)
	if p.owner != nil {
		return exec.Command("runuser", append([]string{"-u", p.owner.Username, "--", path}, args...)...)
	}
	return exec.Command(path, args...)
}

// chown gives dir to the clusters' owner.
func (p *Pair) chown(tb testing.TB, dir string) {
	tb.Helper()
	if p.owner == nil {
		return
	}
	uid, _ := strconv.Atoi(p.owner.Uid)
	gid, _ := strconv.Atoi(p.owner.Gid)
	if err := os.Chown(dir, uid, gid); err != nil {
		tb.Fatal(err)
	}
}

// stop stops both servers at once (their data is thrown away) and removes the directory.
func (p *Pair) stop() {
	for _, d := range []string{p.standbyDir, p.primaryDir} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "postmaster.pid")); err == nil {
			_ = p.command("pg_ctl", "-D", d, "-m", "immediate", "-w", "stop").Run()
		}
	}
	_ = os.RemoveAll(p.dir)
}

// StopStandby kills the standby, as a crashed machine would.
func (p *Pair) StopStandby(tb testing.TB) {
	tb.Helper()
	p.run(tb, "pg_ctl", "-D", p.standbyDir, "-m", "immediate", "-w", "stop")
}

// PauseReplay stops the standby applying WAL; it keeps receiving it.
func (p *Pair) PauseReplay(tb testing.TB) {
	tb.Helper()
	MustExec(tb, p.StandbyURL, `SELECT pg_wal_replay_pause()`)
}

// ResumeReplay lets the standby apply WAL again.
func (p *Pair) ResumeReplay(tb testing.TB) {
	tb.Helper()
	MustExec(tb, p.StandbyURL, `SELECT pg_wal_replay_resume()`)
}

// WaitReplayed waits until the standby has replayed everything the primary had written when
// it was called.
func (p *Pair) WaitReplayed(tb testing.TB) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	target := Position(tb, p.PrimaryURL, `SELECT pg_current_wal_insert_lsn()::text`)
	for {
		// Through the maintenance database: the test's may not have been replayed yet.
		if Position(tb, strings.Replace(p.StandbyURL, "/newsfacts?", "/postgres?", 1), `SELECT pg_last_wal_replay_lsn()::text`) >= target {
			return
		}
		select {
		case <-ctx.Done():
			tb.Fatalf("replicatest: the standby did not replay %s in 30s", target)
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// Position runs a query that returns a WAL position as text on url.
func Position(tb testing.TB, url, query string) postgres.LSN {
	tb.Helper()
	var s string
	withConn(tb, url, func(c *pgx.Conn) error { return c.QueryRow(context.Background(), query).Scan(&s) })
	lsn, err := postgres.ParseLSN(s)
	if err != nil {
		tb.Fatal(err)
	}
	return lsn
}

// QueryRow runs a one-row query on url and scans it into dest.
func QueryRow(tb testing.TB, url, query string, dest ...any) {
	tb.Helper()
	withConn(tb, url, func(c *pgx.Conn) error { return c.QueryRow(context.Background(), query).Scan(dest...) })
}

// MustExec runs sql on url.
func MustExec(tb testing.TB, url, sql string) {
	tb.Helper()
	withConn(tb, url, func(c *pgx.Conn) error { _, err := c.Exec(context.Background(), sql); return err })
}

func withConn(tb testing.TB, url string, f func(*pgx.Conn) error) {
	tb.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, url)
	if err != nil {
		tb.Fatalf("replicatest: %v", err)
	}
	defer c.Close(context.Background())
	if err := f(c); err != nil {
		tb.Fatalf("replicatest: %v", err)
	}
}

// Log returns the server log of the standby ("standby") or the primary ("primary"), for a
// failing test to show.
func (p *Pair) Log(which string) string {
	b, _ := os.ReadFile(filepath.Join(p.dir, which+".log"))
	return string(bytes.TrimSpace(b))
}

// freePort returns a TCP port on 127.0.0.1 that nothing listened on a moment ago.
func freePort(tb testing.TB) int {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}
