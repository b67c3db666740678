package faults

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/respcache"
)

// cluster is a private PostgreSQL server.
type cluster struct {
	bin, data string
	port      int
	asOwner   []string // runuser prefix when running as root, which PostgreSQL refuses
}

// mustCluster initializes and starts a cluster that is stopped and removed when tb ends.
func mustCluster(tb testing.TB) *cluster {
	tb.Helper()
	bins, _ := filepath.Glob("/usr/lib/postgresql/*/bin/pg_ctl")
	sort.Strings(bins)
	bin := ""
	if len(bins) > 0 {
		bin = filepath.Dir(bins[len(bins)-1])
	} else if p, err := exec.LookPath("pg_ctl"); err == nil {
		bin = filepath.Dir(p)
	}
	require.NotEmpty(tb, bin, "the fault tests need the PostgreSQL server binaries (apt-get install postgresql)")
	root, err := os.MkdirTemp("", "newsfacts-faults-")
	require.NoError(tb, err)
	tb.Cleanup(func() { _ = os.RemoveAll(root) })
	c := &cluster{bin: bin, data: filepath.Join(root, "pg")}
	require.NoError(tb, os.Mkdir(c.data, 0o700))
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		require.NoError(tb, err, "running as root, the cluster needs a postgres user to own it")
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		require.NoError(tb, os.Chmod(root, 0o755))
		require.NoError(tb, os.Chown(c.data, uid, gid))
		c.asOwner = []string{"runuser", "-u", "postgres", "--"}
	}
	c.run(tb, "initdb", "-D", c.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(tb, err)
	c.port = ln.Addr().(*net.TCPAddr).Port
	require.NoError(tb, ln.Close())
	c.start(tb)
	tb.Cleanup(func() { c.ctl(tb, "stop", "-m", "immediate") })
	return c
}

func (c *cluster) run(tb testing.TB, name string, args ...string) {
	tb.Helper()
	argv := append(append(append([]string{}, c.asOwner...), filepath.Join(c.bin, name)), args...)
	out, err := exec.Command(argv[0], argv[1:]...).CombinedOutput()
	require.NoError(tb, err, "%s: %s", name, out)
}

func (c *cluster) ctl(tb testing.TB, args ...string) {
	tb.Helper()
	c.run(tb, "pg_ctl", append([]string{"-D", c.data, "-w"}, args...)...)
}

func (c *cluster) start(tb testing.TB) {
	tb.Helper()
	c.ctl(tb, "-l", filepath.Join(c.data, "server.log"), "-o",
		fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off", c.port, c.data), "start")
}

// url is the DATABASE_URL of database db on the cluster.
func (c *cluster) url(db string) string {
	return fmt.Sprintf("postgres://postgres@127.0.0.1:%d/%s?sslmode=disable&connect_timeout=2", c.port, db)
}

// server is the API over a database of the cluster, with the response cache following
// changes the way `newsfacts serve` sets it up.
type server struct {
	*httptest.Server
	cache *respcache.Cache
	store *postgres.Store
}

// mustServer migrates a fresh database on c and serves it. listenDown, when set, makes new
// change subscriptions fail, as a listener that cannot reconnect would.
func mustServer(tb testing.TB, c *cluster, listenDown *atomic.Bool) *server {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	tb.Cleanup(cancel)
	url := c.url("newsfacts")
	require.NoError(tb, postgres.Migrate(ctx, url))
	pool, err := postgres.OpenWith(ctx, url, postgres.PoolOptions{MaxConns: 8, StatementTimeout: 2 * time.Second})
	require.NoError(tb, err)
	tb.Cleanup(pool.Close)
	store := postgres.New(pool)
	cache := respcache.New(0)
	subscribe := func(ctx context.Context) (respcache.Subscription, error) {
		if listenDown != nil && listenDown.Load() {
			return nil, fmt.Errorf("listener held down by the test")
		}
		l, err := postgres.Listen(ctx, url)
		if err != nil {
			return nil, err
		}
		l.Interval, l.Timeout = 200*time.Millisecond, 500*time.Millisecond
		return l, nil
	}
	go cache.Follow(ctx, subscribe, nil)
	logger := slog.New(slog.NewJSONHandler(io.Discard, nil))
	h := api.NewServer(logger, store, api.Options{DBTimeout: 3 * time.Second, Cache: cache})
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return &server{Server: srv, cache: cache, store: store}
}

// get answers a GET's status, content type and body.
func (s *server) get(tb testing.TB, path string) (int, string, []byte) {
	tb.Helper()
	res, err := s.Client().Get(s.URL + path)
	require.NoError(tb, err, path)
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	require.NoError(tb, err, path)
	return res.StatusCode, res.Header.Get("Content-Type"), body
}

func mustIngest(tb testing.TB, store *postgres.Store, body string) {
	tb.Helper()
	_, err := ingest.One(context.Background(), store, gazetteer.Default(), ingest.Input{Body: body}, 0)
	require.NoError(tb, err)
}

func articleCount(tb testing.TB, s *server) int {
	tb.Helper()
	status, _, body := s.get(tb, "/v1/articles")
	require.Equal(tb, 200, status, "%s", body)
	var list struct{ Data []json.RawMessage }
	require.NoError(tb, json.Unmarshal(body, &list))
	return len(list.Data)
}

// TestRestartUnderReadLoad: while readers loop, the database stops and comes back. During the
// outage every answer is a 503 problem, quickly, /readyz says not ready; within seconds of the
// restart everything answers 200 again.
func TestRestartUnderReadLoad(t *testing.T) {
	c := mustCluster(t)
	s := mustServer(t, c, nil)
	mustIngest(t, s.store, "Russia and Belarus will hold joint drills in June, the Belarusian Defence Ministry said.")

	var mu sync.Mutex
	statuses := map[int]int{}
	var slowest time.Duration
	var wrong []string
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for i := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			paths := []string{"/v1/entities", "/v1/articles", "/v1/statements?q=drills", "/v1/entities/russia"}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				res, err := s.Client().Get(s.URL + paths[(i+n)%len(paths)])
				if err != nil {
					mu.Lock()
					wrong = append(wrong, err.Error())
					mu.Unlock()
					continue
				}
				_, _ = io.Copy(io.Discard, res.Body)
				res.Body.Close()
				mu.Lock()
				statuses[res.StatusCode]++
				slowest = max(slowest, time.Since(start))
				if res.StatusCode != 200 && (res.StatusCode != 503 || res.Header.Get("Content-Type") != "application/problem+json") {
					wrong = append(wrong, fmt.Sprintf("%d %s", res.StatusCode, res.Header.Get("Content-Type")))
				}
				mu.Unlock()
				time.Sleep(5 * time.Millisecond)
			}
		}()
	}
	time.Sleep(300 * time.Millisecond)
	c.ctl(t, "stop", "-m", "fast")
	require.Eventually(t, func() bool {
		status, _, _ := s.get(t, "/readyz")
		return status == 503
	}, 5*time.Second, 50*time.Millisecond, "/readyz is not ready while the database is down")
	time.Sleep(500 * time.Millisecond)
	c.start(t)
	restarted := time.Now()
	require.Eventually(t, func() bool {
		status, _, _ := s.get(t, "/readyz")
		return status == 200
	}, 10*time.Second, 50*time.Millisecond, "/readyz is ready again")
	require.Eventually(t, func() bool {
		status, _, _ := s.get(t, "/v1/entities/russia")
		return status == 200
	}, 5*time.Second, 50*time.Millisecond)
	t.Logf("ready %s after the restart", time.Since(restarted).Round(10*time.Millisecond))
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()

	t.Logf("statuses under load: %v; slowest answer %s", statuses, slowest)
	assert.Empty(t, wrong, "only 200s and 503 problems")
	assert.Positive(t, statuses[503], "the outage was seen")
	assert.Positive(t, statuses[200])
	assert.Less(t, slowest, 4*time.Second, "no answer waits past the database timeout")
	assert.Less(t, time.Since(restarted), 8*time.Second, "full recovery within seconds")
}

// listenerBackend selects the change listener's backend in pg_stat_activity.
const listenerBackend = `application_name = '` + postgres.ListenerApplicationName + `'`

// TestNoStaleCacheWhileListenerDown: an article committed while the change listener is down
// shows at once on URLs the cache held, since the cache is off while nothing listens, and the
// cache comes back, emptied, once the listener does.
func TestNoStaleCacheWhileListenerDown(t *testing.T) {
	c := mustCluster(t)
	var down atomic.Bool
	s := mustServer(t, c, &down)
	require.Eventually(t, func() bool {
		articleCount(t, s)
		return s.cache.Stats().Hits > 0
	}, 10*time.Second, 50*time.Millisecond, "the cache serves repeated GETs once it listens")
	require.Equal(t, 0, articleCount(t, s))

	// Cut the listener's connection and keep it from coming back.
	down.Store(true)
	pool, err := postgres.Open(context.Background(), c.url("newsfacts"))
	require.NoError(t, err)
	defer pool.Close()
	var cut int
	require.NoError(t, pool.QueryRow(context.Background(),
		`SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE `+listenerBackend).Scan(&cut))
	require.Positive(t, cut, "the listener's backend was found")

	mustIngest(t, s.store, "Norway will host the drills in March, the Norwegian Defence Ministry said.")
	assert.Eventually(t, func() bool { return articleCount(t, s) == 1 }, 2*time.Second, 20*time.Millisecond,
		"an article committed while the listener is down shows on a URL the cache held")

	down.Store(false)
	hits := s.cache.Stats().Hits
	require.Eventually(t, func() bool {
		articleCount(t, s)
		return s.cache.Stats().Hits > hits
	}, 10*time.Second, 50*time.Millisecond, "the cache comes back with the listener")
	assert.Equal(t, 1, articleCount(t, s), "and it came back empty, not with the old page")
}

// TestNoStaleCacheWhenListenerFreezes: the listener's backend stops (SIGSTOP) without closing
// its connection, as a hung server or a proxy that silently dropped the connection would. The
// heartbeat notices, the cache turns off, and an article committed meanwhile shows on a URL
// the cache held.
func TestNoStaleCacheWhenListenerFreezes(t *testing.T) {
	c := mustCluster(t)
	s := mustServer(t, c, nil)
	require.Eventually(t, func() bool {
		articleCount(t, s)
		return s.cache.Stats().Hits > 0
	}, 10*time.Second, 50*time.Millisecond, "the cache serves repeated GETs once it listens")
	require.Equal(t, 0, articleCount(t, s))

	pool, err := postgres.Open(context.Background(), c.url("newsfacts"))
	require.NoError(t, err)
	defer pool.Close()
	var pid int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT pid FROM pg_stat_activity WHERE `+listenerBackend+` LIMIT 1`).Scan(&pid))
	backend, err := os.FindProcess(pid)
	require.NoError(t, err)
	require.NoError(t, backend.Signal(syscall.SIGSTOP))
	t.Cleanup(func() { _ = backend.Signal(syscall.SIGCONT) })

	mustIngest(t, s.store, "Norway will host the drills in March, the Norwegian Defence Ministry said.")
	start := time.Now()
	assert.Eventually(t, func() bool { return articleCount(t, s) == 1 }, 3*time.Second, 20*time.Millisecond,
		"an article committed while the listener is frozen shows within a heartbeat")
	t.Logf("visible %s after the commit", time.Since(start).Round(10*time.Millisecond))
}
