package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/ingest"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// ingestResult is what one `newsfacts ingest` run showed.
type ingestResult struct {
	code           int
	stdout, stderr string
	summary        summaryJSON
}

// runIngestCmd runs `newsfacts ingest args...` against url with stdin, as main would.
func runIngestCmd(ctx context.Context, t *testing.T, url string, stdin io.Reader, args ...string) ingestResult {
	t.Helper()
	var out, errOut bytes.Buffer
	getenv := func(name string) string {
		if name == "DATABASE_URL" {
			return url
		}
		return ""
	}
	err := run(ctx, append([]string{"newsfacts", "ingest"}, args...), getenv, stdin, &out, &errOut)
	r := ingestResult{code: exitCode(err, &errOut), stdout: out.String(), stderr: errOut.String()}
	if out.Len() > 0 {
		require.NoError(t, json.Unmarshal(out.Bytes(), &r.summary), "stdout is the JSON summary: %s", out.String())
	}
	return r
}

// lastLine returns the last line of s.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

// wireArticle returns an article of the genre with front matter; n makes it distinct.
func wireArticle(tag string, n int) string {
	return fmt.Sprintf(`---
title: Drills %[1]s %[2]d
url: https://example.com/cmd/%[1]s/%[2]d
source: Test Wire
published_at: 2025-02-0%[3]d
---
Finnish Defense Minister Sanna Holm said on Monday that Finland would host the Northern Lance-%[2]d exercise with Estonia and Norway in early March.
“We train together so that we can act together,” Holm told reporters in Helsinki.
This is report %[2]d of the %[1]s series.
`, tag, n, 1+n%9)
}

func mustWriteFile(tb testing.TB, path, content string) {
	tb.Helper()
	require.NoError(tb, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(tb, os.WriteFile(path, []byte(content), 0o644))
}

func mustPool(tb testing.TB) (*pgxpool.Pool, *postgres.Store) {
	tb.Helper()
	pool := pgtest.Pool(tb)
	return pool, postgres.New(pool)
}

func TestIngest(t *testing.T) {
	ctx := context.Background()
	url := pgtest.URL(t)
	pool, store := mustPool(t)
	dir := t.TempDir()
	for i := range 3 {
		mustWriteFile(t, filepath.Join(dir, fmt.Sprintf("a%d.md", i)), wireArticle("dir", i))
	}

	t.Run("Created", func(t *testing.T) {
		r := runIngestCmd(ctx, t, url, nil, dir, "--workers", "2") // flags after the path
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, 3, r.summary.Created)
		assert.Empty(t, r.summary.Failures)
		assert.Regexp(t, `^ingested 3, unchanged 0, updated 0, failed 0 in \d+\.\d\ds \(\d+\.\d articles/s\)$`, lastLine(r.stderr))
		a, err := store.Article(ctx, facts.ArticleID("https://example.com/cmd/dir/1", ""))
		require.NoError(t, err)
		assert.Equal(t, "Drills dir 1", a.Title)
		assert.Equal(t, "Test Wire", a.Source)
		assert.Equal(t, "2025-02-02", a.PublishedAt.String())
	})
	t.Run("Unchanged", func(t *testing.T) {
		r := runIngestCmd(ctx, t, url, nil, "--json", dir)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, 3, r.summary.Unchanged)
		assert.Contains(t, lastLine(r.stderr), "ingested 0, unchanged 3, updated 0, failed 0")
	})
	t.Run("Updated", func(t *testing.T) {
		mustWriteFile(t, filepath.Join(dir, "a0.md"), strings.Replace(wireArticle("dir", 0), "early March", "late March", 1))
		r := runIngestCmd(ctx, t, url, nil, dir, "--sync-commit")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, 1, r.summary.Updated)
		assert.Equal(t, 2, r.summary.Unchanged)
	})
	t.Run("SomeFailed", func(t *testing.T) {
		bad := t.TempDir()
		mustWriteFile(t, filepath.Join(bad, "good.txt"), wireArticle("bad", 1))
		mustWriteFile(t, filepath.Join(bad, "feed.jsonl"), `{"title":"t","body":"Estonian troops arrived in Tartu on Monday for drills."}`+"\n"+`{"title": 5}`+"\n")
		mustWriteFile(t, filepath.Join(bad, "zero.txt"), "")
		r := runIngestCmd(ctx, t, url, nil, bad)
		assert.Equal(t, exitFailure, r.code)
		assert.Equal(t, 2, r.summary.Created)
		assert.Equal(t, 2, r.summary.Failed)
		assert.Contains(t, r.stderr, filepath.Join(bad, "feed.jsonl")+":2: malformed JSON line")
		assert.Contains(t, r.stderr, filepath.Join(bad, "zero.txt")+": ")
		assert.True(t, strings.HasPrefix(lastLine(r.stderr), "newsfacts: ingested 2, unchanged 0, updated 0, failed 2 in"), lastLine(r.stderr))
		// Failures are listed as they happen: articles are read, prepared and saved
		// concurrently, so not necessarily in the order of the input.
		codes := map[string]string{}
		for _, f := range r.summary.Failures {
			codes[f.Where] = f.Code
		}
		assert.Equal(t, map[string]string{
			filepath.Join(bad, "feed.jsonl") + ":2": facts.EINVALID,
			filepath.Join(bad, "zero.txt"):          facts.EINVALID,
		}, codes)
	})
	t.Run("TooManyWords", func(t *testing.T) {
		// A body under the size limit whose words would pass PostgreSQL's 1 MB tsvector
		// limit is refused as too large, not reported as an internal error.
		var b strings.Builder
		for i := 0; b.Len() < 1_900_000; i++ {
			fmt.Fprintf(&b, "w%x ", i*7919)
		}
		path := filepath.Join(t.TempDir(), "words.txt")
		mustWriteFile(t, path, b.String())
		r := runIngestCmd(ctx, t, url, nil, "--json", path)
		assert.Equal(t, exitFailure, r.code, r.stderr)
		require.Len(t, r.summary.Failures, 1)
		assert.Equal(t, facts.ETOOLARGE, r.summary.Failures[0].Code, r.summary.Failures[0].Error)
	})
	t.Run("StdinWithFlags", func(t *testing.T) {
		body := "Norwegian Navy commander Arvid Strand said on Tuesday that the frigates had sailed.\n"
		r := runIngestCmd(ctx, t, url, strings.NewReader(body), "-", "--title", "Frigates sail",
			"--url", "https://example.com/cmd/stdin", "--published-at", "2025-03-04", "--source", "Flag Wire")
		require.Equal(t, 0, r.code, r.stderr)
		a, err := store.Article(ctx, facts.ArticleID("https://example.com/cmd/stdin", ""))
		require.NoError(t, err)
		assert.Equal(t, facts.ArticleMeta{Title: "Frigates sail", URL: "https://example.com/cmd/stdin", Source: "Flag Wire",
			PublishedAt: &facts.Date{Year: 2025, Month: 3, Day: 4}}, a.ArticleMeta)
	})
	t.Run("StdinJSONL", func(t *testing.T) {
		in := `{"title":"one","url":"https://example.com/cmd/jsonl/1","body":"Latvian troops arrived in Riga on Monday."}` + "\n" +
			`{"title":"two","url":"https://example.com/cmd/jsonl/2","body":"Latvian troops left Riga on Friday."}` + "\n"
		r := runIngestCmd(ctx, t, url, strings.NewReader(in), "--jsonl", "-")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, 2, r.summary.Created)
	})
	t.Run("Reextract", func(t *testing.T) {
		tag, err := pool.Exec(ctx, `UPDATE articles SET extractor_version = 1 WHERE url LIKE 'https://example.com/cmd/dir/%'`)
		require.NoError(t, err)
		require.EqualValues(t, 3, tag.RowsAffected())
		r := runIngestCmd(ctx, t, url, nil, "--reextract")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, 3, r.summary.Updated)
		var stale int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM articles WHERE extractor_version <> $1`, facts.ExtractorVersion).Scan(&stale))
		assert.Zero(t, stale)

		r = runIngestCmd(ctx, t, url, nil, "--reextract")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Zero(t, r.summary.Done(), "nothing left to re-extract")
	})
}

// cancellingReader hands out its text one line per Read and calls cancel when asked for line
// after, as Ctrl-C in the middle of a feed would.
type cancellingReader struct {
	lines  []string
	after  int
	cancel func()
}

func (r *cancellingReader) Read(p []byte) (int, error) {
	if len(r.lines) == 0 {
		return 0, io.EOF
	}
	if r.after == 0 {
		r.cancel()
	}
	r.after--
	n := copy(p, r.lines[0])
	r.lines[0] = r.lines[0][n:]
	if r.lines[0] == "" {
		r.lines = r.lines[1:]
	}
	return n, nil
}

func TestIngestInterrupted(t *testing.T) {
	url := pgtest.URL(t)
	pool, _ := mustPool(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var lines []string
	for i := range 200 {
		lines = append(lines, fmt.Sprintf(`{"title":"t","url":"https://example.com/cmd/int/%d","body":"Estonian troops arrived in Tartu on day %d of the drills."}`+"\n", i, i))
	}
	r := runIngestCmd(ctx, t, url, &cancellingReader{lines: lines, after: 20, cancel: cancel}, "--jsonl", "-")
	assert.Equal(t, exitInterrupted, r.code, r.stderr)
	assert.True(t, r.summary.Interrupted)
	assert.Zero(t, r.summary.Failed, "articles cut short are not failures")
	assert.Contains(t, lastLine(r.stderr), "newsfacts: interrupted: ingested ")
	var stored int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM articles WHERE url LIKE 'https://example.com/cmd/int/%'`).Scan(&stored))
	assert.Equal(t, r.summary.Created, stored, "every article counted is stored, and no other")
	assert.Less(t, stored, 200, "it stopped taking articles")
	var torn int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM articles a
		WHERE a.url LIKE 'https://example.com/cmd/int/%'
		  AND a.mention_count <> (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)`).Scan(&torn))
	assert.Zero(t, torn, "nothing half-written")
}

func TestIngestCannotStart(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	mustWriteFile(t, filepath.Join(dir, "a.txt"), wireArticle("cannot", 1))
	mustWriteFile(t, filepath.Join(dir, "b.txt"), wireArticle("cannot", 2))
	url := pgtest.URL(t)
	for _, tc := range []struct {
		name, url string
		args      []string
		want      string
	}{
		{"NoPath", url, nil, "a PATH is required"},
		{"BadWorkers", url, []string{"--workers", "0", dir}, "--workers must be at least 1, got 0"},
		{"BadMaxBytes", url, []string{"--max-bytes", "-5", dir}, "--max-bytes must be at least 1"},
		{"BadFlag", url, []string{"--frobnicate", dir}, "flag provided but not defined: -frobnicate"},
		{"BadDateFlag", url, []string{"--published-at", "May 5", filepath.Join(dir, "a.txt")}, `--published-at: published_at "May 5" is not a date`},
		{"FlagsWithSeveral", url, []string{"--title", "T", filepath.Join(dir, "a.txt"), filepath.Join(dir, "b.txt")}, "describe one article"},
		{"FlagsWithDirectory", url, []string{"--url", "https://example.com/x", dir}, "describe one article"},
		{"FlagsWithJSONL", url, []string{"--title", "T", "--jsonl", "-"}, "describe one article"},
		{"ReextractWithPath", url, []string{"--reextract", dir}, "--reextract reads the stored articles and takes no PATH"},
		{"Unreachable", "postgres://postgres@127.0.0.1:1/newsfacts?sslmode=disable&connect_timeout=2", []string{dir}, "DATABASE_URL"},
		{"SchemaBehind", pgtest.NewDatabase(t), []string{dir}, "migrate"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := runIngestCmd(ctx, t, tc.url, strings.NewReader(""), tc.args...)
			assert.Equal(t, exitSetup, r.code, r.stderr)
			assert.Contains(t, r.stderr, tc.want)
			assert.NotContains(t, r.stderr, "ingested", "nothing started")
			if tc.name != "BadFlag" { // an unknown flag prints the usage, as every Go command does
				assert.NotContains(t, r.stderr, "Usage:", "the error is not buried under the usage")
			}
			assert.Empty(t, r.stdout)
		})
	}
	t.Run("Help", func(t *testing.T) {
		r := runIngestCmd(ctx, t, url, nil, "-h")
		assert.Equal(t, 0, r.code)
		assert.Contains(t, r.stderr, "Usage: newsfacts ingest")
		assert.Contains(t, r.stderr, "-reextract")
	})
}

func TestIngestReporter(t *testing.T) {
	t.Run("ProgressBarOnTerminal", func(t *testing.T) {
		var out, errOut bytes.Buffer
		r := &reporter{stdout: &out, stderr: &errOut, terminal: true, failures: []failureJSON{}}
		r.start(4)
		require.NotNil(t, r.bar)
		for i := range 4 {
			o := ingest.Outcome{Where: fmt.Sprintf("a%d.txt", i), Result: facts.SaveResult{Status: facts.Created}}
			if i == 2 {
				o = ingest.Outcome{Where: "a2.txt", Err: facts.Errorf(facts.EINVALID, "article is empty")}
			}
			r.outcome(o)
		}
		require.NoError(t, r.finish(ingest.Summary{Created: 3, Failed: 1}))
		assert.Contains(t, errOut.String(), "ingest")
		assert.Contains(t, errOut.String(), "articles/s", "the bar shows the rate")
		assert.Contains(t, errOut.String(), "a2.txt: article is empty\n")
		assert.Empty(t, out.String(), "no JSON summary on a terminal")
	})
	t.Run("NoBarForOneArticle", func(t *testing.T) {
		r := &reporter{stdout: io.Discard, stderr: io.Discard, terminal: true}
		r.start(1)
		assert.Nil(t, r.bar)
	})
	t.Run("FailuresBounded", func(t *testing.T) {
		var out bytes.Buffer
		r := &reporter{stdout: &out, stderr: io.Discard, json: true, failures: []failureJSON{}}
		for i := range maxReportedFailures + 2 {
			r.outcome(ingest.Outcome{Where: fmt.Sprintf("f.jsonl:%d", i+1), Err: facts.Errorf(facts.EINVALID, "malformed JSON line")})
		}
		require.NoError(t, r.finish(ingest.Summary{Failed: maxReportedFailures + 2}))
		var s summaryJSON
		require.NoError(t, json.Unmarshal(out.Bytes(), &s))
		assert.Len(t, s.Failures, maxReportedFailures)
		assert.Equal(t, 2, s.FailuresOmitted)
		assert.Equal(t, maxReportedFailures+2, s.Failed)
	})
}
