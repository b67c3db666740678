package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
	"github.com/newsfacts/newsfacts/internal/postgres/replicatest"
)

// replicaClient reads one server of a replica test.
type replicaClient struct {
	t    *testing.T
	base string
}

// get sends a GET with the given headers and returns status, headers and body.
func (c replicaClient) get(path string, header ...string) (int, http.Header, string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodGet, c.base+path, nil)
	require.NoError(c.t, err)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, res.Header, string(body)
}

// articleIDs lists the ids of up to 500 articles, failing on anything but 200.
func (c replicaClient) articleIDs(query string) []string {
	c.t.Helper()
	status, _, body := c.get("/v1/articles?limit=500" + query)
	require.Equal(c.t, http.StatusOK, status, body)
	var list struct{ Data []struct{ ID string } }
	require.NoError(c.t, json.Unmarshal([]byte(body), &list))
	ids := make([]string, len(list.Data))
	for i, a := range list.Data {
		ids[i] = a.ID
	}
	return ids
}

// served returns how many requests' reads the pool (a replica's host:port, or "primary") served.
func (c replicaClient) served(pool string) int {
	c.t.Helper()
	_, _, body := c.get("/metrics")
	m := regexp.MustCompile(`(?m)^newsfacts_read_requests_total\{pool="` + regexp.QuoteMeta(pool) + `"\} (\d+)$`).FindStringSubmatch(body)
	require.NotNil(c.t, m, "no read count for %s in\n%s", pool, body)
	n, _ := strconv.Atoi(m[1])
	return n
}

// post ingests a text and returns the article id and the Consistency-Token.
func (c replicaClient) post(text string) (id, token string) {
	c.t.Helper()
	req, err := http.NewRequest(http.MethodPost, c.base+"/v1/articles", strings.NewReader(text))
	require.NoError(c.t, err)
	req.Header.Set("Authorization", "Bearer tok")
	req.Header.Set("Content-Type", "text/plain")
	res, err := http.DefaultClient.Do(req)
	require.NoError(c.t, err)
	defer res.Body.Close()
	var out struct {
		ArticleID string `json:"article_id"`
	}
	require.Equal(c.t, http.StatusCreated, res.StatusCode)
	require.NoError(c.t, json.NewDecoder(res.Body).Decode(&out))
	token = res.Header.Get("Consistency-Token")
	require.NotEmpty(c.t, token, "a write answers with its Consistency-Token")
	return out.ArticleID, token
}

// TestReplica runs servers that read from a real streaming standby of a real primary.
func TestReplica(t *testing.T) {
	pair := replicatest.Start(t)
	hostPort := func(url string) string { return strings.TrimPrefix(strings.SplitN(url, "/", 4)[2], "postgres@") }
	standby := hostPort(pair.StandbyURL)
	env := map[string]string{
		"DATABASE_URL":                pair.PrimaryURL,
		"NEWSFACTS_READ_DATABASE_URL": pair.StandbyURL,
		"NEWSFACTS_INGEST_TOKEN":      "tok",
		"NEWSFACTS_REPLICA_WAIT":      "500ms",
		"NEWSFACTS_RATE_LIMIT":        "0", // the test's readers poll in a loop
	}
	base, logs, _ := startServe(t, env)
	a := replicaClient{t, base}
	defer func() {
		if t.Failed() {
			t.Logf("server log:\n%s\nstandby log:\n%s", logs.String(), pair.Log("standby"))
		}
	}()

	t.Run("ReadsFromStandby", func(t *testing.T) {
		a.t = t
		assert.Empty(t, a.articleIDs(""))
		status, _, body := a.get("/readyz")
		assert.Equal(t, http.StatusOK, status, body)
		assert.Positive(t, a.served(standby))
		assert.Zero(t, a.served("primary"))
		assert.Contains(t, logs.String(), `"read_replicas":["`+standby+`"]`)
	})

	t.Run("TokenSeesWrite", func(t *testing.T) {
		a.t = t
		// Streaming: the token's read waits for the standby and is served there.
		id, token := a.post("Oslo said on Monday that Norway will host the drills in March, the Norwegian Defence Ministry said.")
		before := a.served(standby)
		status, _, body := a.get("/v1/articles/"+id, "Consistency-Token", token)
		assert.Equal(t, http.StatusOK, status, body)
		assert.Equal(t, before+1, a.served(standby), "a standby that caught up serves the token's read")
		status, _, body = a.get("/v1/articles/"+id+"/facts", "Consistency-Token", token)
		assert.Equal(t, http.StatusOK, status, body)
		assert.Equal(t, before+2, a.served(standby), "batches of reads go to the standby too")

		// Paused: the standby never gets there, so the read goes to the primary.
		pair.PauseReplay(t)
		defer pair.ResumeReplay(t)
		id, token = a.post("Helsinki said on Tuesday that Finland will join the exercise in April, the Finnish Defence Ministry said.")
		status, _, body = a.get("/v1/articles/"+id+"/facts", "Consistency-Token", token)
		assert.Equal(t, http.StatusOK, status, body)
		status, _, body = a.get("/v1/articles/"+id, "Consistency-Token", token)
		assert.Equal(t, http.StatusOK, status, body)

		status, _, body = a.get("/v1/articles", "Consistency-Token", "FFFFFFFF/0")
		assert.Equal(t, http.StatusBadRequest, status, body)
		status, _, body = a.get("/v1/articles", "Consistency-Token", "soon")
		assert.Equal(t, http.StatusBadRequest, status, body)
		assert.Contains(t, body, "Consistency-Token")
		pair.ResumeReplay(t)
		pair.WaitReplayed(t)
	})

	t.Run("CacheWaitsForReplay", func(t *testing.T) {
		a.t = t
		pair.WaitReplayed(t)
		// Let the standby be the one that serves again (the token test raised the floor). Each
		// try asks a new URL: a cached answer reads nothing.
		try := 0
		standbyServes := func() bool {
			try++
			before := a.served(standby)
			a.articleIDs(fmt.Sprintf("&published_after=2000-01-01&q=try%d", try))
			return a.served(standby) > before
		}
		require.Eventually(t, standbyServes, 5*time.Second, 50*time.Millisecond)

		pair.PauseReplay(t)
		defer pair.ResumeReplay(t)
		n := len(a.articleIDs(""))
		require.Equal(t, n, len(a.articleIDs("")))

		// A commit that bypasses this server: it hears of it only through the notification.
		pool, err := postgres.Open(context.Background(), pair.PrimaryURL)
		require.NoError(t, err)
		defer pool.Close()
		in := ingest.Input{Body: "Tallinn said on Wednesday that Estonia will host the Baltic drills in May, the Estonian Defence Ministry said."}
		_, err = ingest.One(context.Background(), postgres.New(pool), gazetteer.Default(), in, 0)
		require.NoError(t, err)

		// The standby never replays it while paused; the server must not go on answering from
		// a cache filled from the standby, nor refill its cache from there.
		require.Eventually(t, func() bool { return len(a.articleIDs("")) == n+1 }, 5*time.Second, 20*time.Millisecond,
			"the commit shows while the standby is paused")
		for range 20 {
			require.Len(t, a.articleIDs(""), n+1, "an answer never goes back to before the commit")
		}
		pair.ResumeReplay(t)
		pair.WaitReplayed(t)
		require.Eventually(t, standbyServes, 5*time.Second, 50*time.Millisecond, "reads return to the standby once it caught up")
	})

	t.Run("LagMakesUnready", func(t *testing.T) {
		envLag := maps.Clone(env)
		envLag["NEWSFACTS_MAX_REPLICA_LAG"] = "1s"
		base, _, stop := startServe(t, envLag)
		defer stop()
		c := replicaClient{t, base}
		require.Eventually(t, func() bool { status, _, _ := c.get("/readyz"); return status == http.StatusOK }, 5*time.Second, 50*time.Millisecond)

		pair.PauseReplay(t)
		defer pair.ResumeReplay(t)
		replicatest.MustExec(t, pair.PrimaryURL, `CREATE TABLE lag_probe (); DROP TABLE lag_probe`)
		require.Eventually(t, func() bool {
			status, _, body := c.get("/readyz")
			return status == http.StatusServiceUnavailable && strings.Contains(body, "lags")
		}, 5*time.Second, 50*time.Millisecond, "a standby more than NEWSFACTS_MAX_REPLICA_LAG behind is not ready")
		before := c.served("primary")
		c.articleIDs("&published_after=1900-01-02")
		assert.Equal(t, before+1, c.served("primary"), "reads leave a lagging standby")

		pair.ResumeReplay(t)
		require.Eventually(t, func() bool { status, _, _ := c.get("/readyz"); return status == http.StatusOK }, 5*time.Second, 50*time.Millisecond)
	})

	t.Run("TwoServersTwoIngests", func(t *testing.T) {
		a.t = t
		// Processes, not goroutines: each has its own pools, cache and listener, as in a fleet.
		servers := []replicaClient{{t, startServeProcess(t, env)}, {t, startServeProcess(t, env)}}
		dir := t.TempDir()
		const articles = 40
		for i := range articles {
			mustWriteFile(t, filepath.Join(dir, fmt.Sprintf("%03d.md", i)), wireArticle("fleet", i))
		}
		before := len(a.articleIDs(""))

		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var readers sync.WaitGroup
		var bad sync.Map
		for _, c := range servers {
			readers.Add(1)
			go func() {
				defer readers.Done()
				for ctx.Err() == nil {
					res, err := http.Get(c.base + "/v1/entities?limit=5")
					if err != nil {
						bad.Store(err.Error(), true)
						return
					}
					res.Body.Close()
					if res.StatusCode != http.StatusOK {
						bad.Store(res.Status, true)
					}
				}
			}()
		}
		ingests := make([]*exec.Cmd, 2)
		outs, errs := make([]*bytes.Buffer, 2), make([]*bytes.Buffer, 2)
		for i := range ingests {
			outs[i], errs[i] = &bytes.Buffer{}, &bytes.Buffer{}
			ingests[i] = asMainCommand(map[string]string{"DATABASE_URL": pair.PrimaryURL}, "ingest", "--json", "--workers", "2", dir)
			ingests[i].Stdout, ingests[i].Stderr = outs[i], errs[i]
			require.NoError(t, ingests[i].Start())
		}
		created := 0
		for i, cmd := range ingests {
			require.NoError(t, cmd.Wait(), "ingest %d: %s", i, errs[i])
			var sum summaryJSON
			require.NoError(t, json.Unmarshal(outs[i].Bytes(), &sum), outs[i].String())
			created += sum.Created
			assert.Equal(t, articles, sum.Created+sum.Unchanged+sum.Updated)
		}
		cancel()
		readers.Wait()
		bad.Range(func(k, _ any) bool { t.Errorf("a read during ingest failed: %v", k); return true })

		assert.Equal(t, articles, created, "each article is created once, by one of the ingests")
		var stored int
		replicatest.QueryRow(t, pair.PrimaryURL, `SELECT count(*) FROM articles WHERE url LIKE 'https://example.com/cmd/fleet/%'`, &stored)
		assert.Equal(t, articles, stored)

		require.Eventually(t, func() bool {
			i0, i1 := servers[0].articleIDs(""), servers[1].articleIDs("")
			return len(i0) == before+articles && assert.ObjectsAreEqual(i0, i1)
		}, 10*time.Second, 50*time.Millisecond, "both servers converge on every article")
		assert.Len(t, a.articleIDs(""), before+articles)
	})

	t.Run("StandbyGoneFailsOver", func(t *testing.T) {
		a.t = t
		// c lists a second replica after the standby: the primary, named as a replica.
		envC := map[string]string{"DATABASE_URL": pair.PrimaryURL, "NEWSFACTS_READ_DATABASE_URL": pair.StandbyURL + "," + pair.PrimaryURL}
		baseC, _, _ := startServe(t, envC)
		c := replicaClient{t, baseC}
		c.articleIDs("")
		require.Positive(t, c.served(standby))
		second := hostPort(pair.PrimaryURL)
		require.Zero(t, c.served(second))

		ids := a.articleIDs("&published_after=1900-01-01")
		require.NotEmpty(t, ids)
		primaryBefore := a.served("primary")
		pair.StopStandby(t)
		// First a batch of reads, on connections to the standby that died while idle.
		status, _, body := a.get("/v1/articles/" + ids[len(ids)-1] + "/facts")
		require.Equal(t, http.StatusOK, status, body)
		for i := range 10 {
			// New URLs each time: the cache must not hide the read.
			status, _, body := a.get(fmt.Sprintf("/v1/entities?limit=%d", i+1))
			require.Equal(t, http.StatusOK, status, body)
			status, _, body = a.get(fmt.Sprintf("/v1/statements?limit=%d", i+1))
			require.Equal(t, http.StatusOK, status, body)
		}
		assert.Greater(t, a.served("primary"), primaryBefore)
		status, _, body = a.get("/readyz")
		assert.Equal(t, http.StatusServiceUnavailable, status, body)
		assert.Contains(t, body, "cannot be reached")
		_, _, metrics := a.get("/metrics")
		assert.Contains(t, metrics, `newsfacts_replica_up{replica="`+standby+`"} 0`)

		for i := range 10 {
			status, _, body := c.get(fmt.Sprintf("/v1/entities?limit=%d", i+1))
			require.Equal(t, http.StatusOK, status, body)
		}
		assert.Positive(t, c.served(second), "reads went on to the next replica")
		assert.Zero(t, c.served("primary"))
		status, _, body = c.get("/readyz")
		assert.Equal(t, http.StatusOK, status, "one replica still serves: %s", body)
	})
}

// TestServeBadReplicaURL: a read replica that cannot be used stops serve at start, naming the
// variable.
func TestServeBadReplicaURL(t *testing.T) {
	for name, url := range map[string]string{
		"Unreachable": "postgres://postgres@127.0.0.1:1/newsfacts?connect_timeout=1",
		"Malformed":   "postgres://%zz@127.0.0.1/newsfacts",
	} {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{"DATABASE_URL": pgtest.URL(t), "NEWSFACTS_READ_DATABASE_URL": "  ," + url}
			var errOut bytes.Buffer
			err := run(context.Background(), []string{"newsfacts", "serve", "--addr", "127.0.0.1:0"}, func(n string) string { return env[n] }, bytes.NewReader(nil), io.Discard, &errOut)
			assert.Equal(t, exitSetup, exitCode(err, &errOut))
			assert.Contains(t, errOut.String(), "NEWSFACTS_READ_DATABASE_URL")
			assert.Equal(t, 1, strings.Count(strings.TrimSpace(errOut.String()), "\n")+1, "one line: %s", errOut.String())
		})
	}
}

// TestServeTokenNoReplica: without replicas, a token still makes another server's cache drop
// what it held from before the write, even before that server hears of the commit.
func TestServeTokenNoReplica(t *testing.T) {
	url := pgtest.NewDatabase(t)
	require.NoError(t, postgres.Migrate(context.Background(), url))
	env := map[string]string{"DATABASE_URL": url, "NEWSFACTS_INGEST_TOKEN": "tok"}
	baseA, _, _ := startServe(t, env)
	baseB, _, _ := startServe(t, env)
	a, b := replicaClient{t, baseA}, replicaClient{t, baseB}
	for i := range 3 {
		require.Eventually(t, func() bool {
			b.articleIDs("")
			_, _, m := b.get("/metrics")
			return !strings.Contains(m, `newsfacts_response_cache_requests_total{outcome="hit"} 0`)
		}, 10*time.Second, 20*time.Millisecond, "b answers from its cache")
		n := len(b.articleIDs(""))
		id, token := a.post(fmt.Sprintf("Oslo said on Monday that Norway will host drills number %d in March, the Norwegian Defence Ministry said.", i))
		status, _, body := b.get("/v1/articles?limit=500", "Consistency-Token", token)
		require.Equal(t, http.StatusOK, status, body)
		assert.Contains(t, body, id)
		assert.Len(t, b.articleIDs(""), n+1)
	}
}

// asMain is set in the environment of a test binary that a test runs as the newsfacts
// command (asMainCommand): init then runs main instead of the tests.
const asMain = "NEWSFACTS_TEST_AS_MAIN"

func init() {
	if os.Getenv(asMain) == "1" {
		main()
	}
}

// asMainCommand returns the command that runs `newsfacts args...` in a process of its own,
// with env added to this process's environment.
func asMainCommand(env map[string]string, args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), asMain+"=1")
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	return cmd
}

// startServeProcess runs `newsfacts serve` in a process of its own until the test ends, and
// returns its base URL.
func startServeProcess(t *testing.T, env map[string]string) string {
	t.Helper()
	cmd := asMainCommand(env, "serve", "--addr", "127.0.0.1:0")
	stderr, err := cmd.StderrPipe()
	require.NoError(t, err)
	require.NoError(t, cmd.Start())
	t.Cleanup(func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	})
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			var line struct{ Msg, Addr string }
			if json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.Addr
			}
		}
		close(addr)
	}()
	select {
	case a, ok := <-addr:
		require.True(t, ok, "serve exited before listening")
		return "http://" + a
	case <-time.After(20 * time.Second):
		require.FailNow(t, "serve did not listen within 20s")
		return ""
	}
}
