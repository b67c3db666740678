package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/ingest"
)

func mustGenerate(tb testing.TB, args ...string) string {
	tb.Helper()
	var out, errOut bytes.Buffer
	require.NoError(tb, run(context.Background(), append([]string{"gencorpus"}, args...), &out, &errOut), errOut.String())
	return out.String()
}

func TestDeterministic(t *testing.T) {
	a := mustGenerate(t, "-n", "50", "-seed", "7")
	assert.Equal(t, a, mustGenerate(t, "-n", "50", "-seed", "7"), "same seed, same corpus")
	assert.NotEqual(t, a, mustGenerate(t, "-n", "50", "-seed", "8"))
	assert.True(t, strings.HasPrefix(mustGenerate(t, "-n", "60", "-seed", "7"), a), "a longer corpus starts with the shorter one")
}

func TestArticles(t *testing.T) {
	out := mustGenerate(t, "-n", "200", "-seed", "1")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	require.Len(t, lines, 200)
	urls, titles, exercises := map[string]bool{}, map[string]bool{}, map[string]bool{}
	for _, l := range lines {
		var a Article
		require.NoError(t, json.Unmarshal([]byte(l), &a))
		assert.NotContains(t, a.Body, "{", "every slot filled")
		assert.Contains(t, a.Body, "“", "a direct quote")
		assert.GreaterOrEqual(t, strings.Count(a.Body, "\n"), 7, "a lede and at least six paragraphs")
		_, err := ingest.ParsePublishedAt(a.PublishedAt)
		assert.NoError(t, err)
		urls[a.URL], titles[a.Title] = true, true
		exercises[strings.Fields(a.Title)[3]] = true
	}
	assert.Len(t, urls, 200, "urls are unique, so every article is created")
	assert.Greater(t, len(titles), 190, "titles vary")
	assert.Greater(t, len(exercises), 100, "exercise names vary")
}

func TestTxtFormat(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "corpus")
	require.NoError(t, run(context.Background(), []string{"gencorpus", "-n", "12", "-format", "txt", "-out", dir}, &bytes.Buffer{}, &bytes.Buffer{}))
	var jsonl []Article
	for l := range strings.Lines(mustGenerate(t, "-n", "12")) {
		var a Article
		require.NoError(t, json.Unmarshal([]byte(l), &a))
		jsonl = append(jsonl, a)
	}
	i := 0
	for it := range ingest.Files([]string{dir}, ingest.ReadOptions{}) {
		require.NoError(t, it.Err)
		assert.Equal(t, filepath.Join(dir, []string{"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11"}[i]+".txt"), it.Where)
		assert.Equal(t, jsonl[i].Title, it.Input.Title)
		assert.Equal(t, jsonl[i].URL, it.Input.URL)
		assert.Equal(t, jsonl[i].PublishedAt, it.Input.PublishedAt.String())
		assert.Equal(t, jsonl[i].Body, it.Input.Body)
		i++
	}
	assert.Equal(t, 12, i)
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{{"-n", "-1"}, {"-format", "xml"}, {"-format", "txt"}, {"extra"}} {
		err := run(context.Background(), append([]string{"gencorpus"}, args...), &bytes.Buffer{}, &bytes.Buffer{})
		assert.Error(t, err, args)
	}
}
