package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func date(t *testing.T, s string) *facts.Date {
	t.Helper()
	d, err := facts.ParseDate(s)
	require.NoError(t, err)
	return &d
}

func TestParseFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		meta       facts.ArticleMeta
		body       string
		err        string
	}{
		{name: "None", text: "Body only.\n", body: "Body only.\n"},
		{name: "DashesLaterAreBody", text: "Lead.\n---\ntitle: x\n---\n", body: "Lead.\n---\ntitle: x\n---\n"},
		{
			name: "AllKeys",
			text: "---\ntitle: Drills begin\nurl: https://example.com/a\nsource: Wire\npublished_at: 2024-03-05\n---\nThe body.\n",
			meta: facts.ArticleMeta{Title: "Drills begin", URL: "https://example.com/a", Source: "Wire"},
			body: "The body.\n",
		},
		{
			name: "QuotedCRLFAndIgnoredKeys",
			text: "\uFEFF---\r\ntitle: \"Talks: day \\\"two\\\"\"\r\nsource: 'It''s wire'\r\n# a comment\r\ntags:\r\n  - x\r\n- y\r\nauthor: someone\r\n...\r\nBody\r\n",
			meta: facts.ArticleMeta{Title: `Talks: day "two"`, Source: "It's wire"},
			body: "Body\r\n",
		},
		{
			name: "RFC3339Date",
			text: "---\npublished_at: 2024-03-05T23:30:00-05:00\n---\nB",
			body: "B",
		},
		{name: "Unclosed", text: "---\ntitle: x\n", err: "front matter is not closed"},
		{name: "UnclosedBeforeBody", text: "---\ntitle: x\nBody\n", err: `front matter line 3: want "key: value" or the closing "---", got "Body"`},
		{name: "NotKeyValue", text: "---\ntitle x\n---\nB", err: `front matter line 2: want "key: value" or the closing "---", got "title x"`},
		{name: "BadDate", text: "---\ntitle: x\npublished_at: 5 March\n---\nB", err: `front matter line 3: published_at "5 March" is not a date`},
		{name: "BadQuote", text: "---\ntitle: \"a\\q\"\n---\nB", err: "front matter line 2: bad quoted value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			meta, body, err := ParseFrontMatter(tc.text)
			if tc.err != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.err)
				assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.body, body)
			switch tc.name {
			case "AllKeys":
				tc.meta.PublishedAt = date(t, "2024-03-05")
			case "RFC3339Date":
				tc.meta.PublishedAt = date(t, "2024-03-05") // the day where it was published
			}
			assert.Equal(t, tc.meta, meta)
		})
	}
}

// collect reads every item of Files.
func collect(t *testing.T, paths []string, opt ReadOptions) []Item {
	t.Helper()
	var items []Item
	for it := range Files(paths, opt) {
		items = append(items, it)
	}
	return items
}

func mustWrite(tb testing.TB, path, content string) {
	tb.Helper()
	require.NoError(tb, os.MkdirAll(filepath.Dir(path), 0o755))
	require.NoError(tb, os.WriteFile(path, []byte(content), 0o644))
}

func TestFilesJSONL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.jsonl")
	mustWrite(t, path, strings.Join([]string{
		`{"title":"One","url":"https://example.com/1","source":"Wire","published_at":"2024-01-02","body":"First body."}`,
		``,
		`{"title":"Two", "body": "Second`,
		`[1,2]`,
		`{"title":"Three","body":"   "}`,
		`{"title":"Four","published_at":"yesterday","body":"x"}`,
		`{"title":"Five","body":"` + strings.Repeat("x", 300) + `"}`,
		`{"title":"Bad byte","body":"Troops ` + "\xff" + ` arrived."}`,
		`{"title":"Lone high","body":"Troops \ud83d arrived."}`,
		`{"title":"Lone low","body":"Troops \ude00 arrived."}`,
		`{"title":"Pair","body":"Troops \ud83d\ude00 and a backslash \\ud800."}`,
		`{"title":"Six","body":"Last line without newline."}`,
	}, "\n"))

	items := collect(t, []string{path}, ReadOptions{MaxBytes: 100})
	require.Len(t, items, 11)
	want := []struct{ where, err string }{
		{path + ":1", ""},
		{path + ":3", "malformed JSON line: unexpected end of JSON input"},
		{path + ":4", "malformed JSON line: want an object"},
		{path + ":5", "article has no body"},
		{path + ":6", `published_at "yesterday" is not a date`},
		{path + ":7", "article is over the size limit of 100 bytes"},
		{path + ":8", "JSON line is not valid UTF-8 (bad byte at offset 35)"},
		{path + ":9", `JSON line has an unpaired UTF-16 surrogate escape \ud83d at offset 36`},
		{path + ":10", `JSON line has an unpaired UTF-16 surrogate escape \ude00 at offset 35`},
		{path + ":11", ""},
		{path + ":12", ""},
	}
	for i, w := range want {
		assert.Equal(t, w.where, items[i].Where)
		if w.err == "" {
			assert.NoError(t, items[i].Err, w.where)
		} else if assert.Error(t, items[i].Err, w.where) {
			assert.Contains(t, items[i].Err.Error(), w.err, w.where)
		}
	}
	assert.Equal(t, Input{
		ArticleMeta: facts.ArticleMeta{Title: "One", URL: "https://example.com/1", Source: "Wire", PublishedAt: date(t, "2024-01-02")},
		Body:        "First body.",
	}, items[0].Input)
	assert.Equal(t, "Troops \U0001F600 and a backslash \\ud800.", items[9].Input.Body)
	assert.Equal(t, "Last line without newline.", items[10].Input.Body)
	assert.Equal(t, facts.ETOOLARGE, facts.ErrorCode(items[5].Err))
	assert.Equal(t, 11, Count([]string{path}, false), "Count agrees with Files")
}

func TestFilesDirectory(t *testing.T) {
	dir := t.TempDir()
	mustWrite(t, filepath.Join(dir, "b.txt"), "Body b.")
	mustWrite(t, filepath.Join(dir, "a", "z.md"), "---\ntitle: Z\n---\nBody z.")
	mustWrite(t, filepath.Join(dir, "a", "y.jsonl"), `{"body":"y1"}`+"\n"+`{"body":"y2"}`+"\n")
	mustWrite(t, filepath.Join(dir, "c.gold.json"), `{}`)
	mustWrite(t, filepath.Join(dir, ".hidden", "h.txt"), "hidden")
	mustWrite(t, filepath.Join(dir, ".h.txt"), "hidden")
	mustWrite(t, filepath.Join(dir, "big.txt"), strings.Repeat("x", 100+frontMatterMax+1))

	items := collect(t, []string{dir, filepath.Join(dir, "missing.txt")}, ReadOptions{MaxBytes: 100})
	var got []string
	for _, it := range items {
		s := strings.TrimPrefix(it.Where, dir+string(filepath.Separator))
		if it.Err != nil {
			s += " ! " + it.Err.Error()
		} else {
			s += " = " + it.Input.Body
		}
		got = append(got, s)
	}
	assert.Equal(t, []string{
		"a/y.jsonl:1 = y1",
		"a/y.jsonl:2 = y2",
		"a/z.md = Body z.",
		"b.txt = Body b.",
		"big.txt ! article is over the size limit of 100 bytes",
		"missing.txt ! cannot read: no such file or directory",
	}, got)
	assert.Equal(t, "Z", items[2].Input.Title)
	assert.Equal(t, len(items), Count([]string{dir, filepath.Join(dir, "missing.txt")}, false))
}

func TestFilesSymlinkedDirectory(t *testing.T) {
	dir := t.TempDir()
	real := filepath.Join(dir, "real")
	mustWrite(t, filepath.Join(real, "a.txt"), "Body a.")
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink(real, link))
	// A link inside the walk is not followed: this one would lead it in a circle.
	require.NoError(t, os.Symlink(real, filepath.Join(real, "loop")))

	items := collect(t, []string{link}, ReadOptions{})
	require.Len(t, items, 1)
	assert.Equal(t, filepath.Join(link, "a.txt"), items[0].Where)
	assert.Equal(t, "Body a.", items[0].Input.Body)
	assert.Equal(t, 1, Count([]string{link}, false))
}

func TestFilesStopsEarly(t *testing.T) {
	dir := t.TempDir()
	for _, n := range []string{"1.txt", "2.txt", "3.txt"} {
		mustWrite(t, filepath.Join(dir, n), n)
	}
	n := 0
	for range Files([]string{dir}, ReadOptions{}) {
		n++
		if n == 2 {
			break
		}
	}
	assert.Equal(t, 2, n)
}

func TestFilesStdin(t *testing.T) {
	t.Run("OneArticle", func(t *testing.T) {
		opt := ReadOptions{
			Stdin:    strings.NewReader("---\ntitle: From file\n---\n{\"body\": \"not json mode\"}\n"),
			Override: facts.ArticleMeta{Title: "From flag", URL: "https://example.com/x"},
		}
		items := collect(t, []string{"-"}, opt)
		require.Len(t, items, 1)
		require.NoError(t, items[0].Err)
		assert.Equal(t, "-", items[0].Where)
		assert.Equal(t, "From flag", items[0].Input.Title, "flags win over front matter")
		assert.Equal(t, "https://example.com/x", items[0].Input.URL)
		assert.Equal(t, "{\"body\": \"not json mode\"}\n", items[0].Input.Body)
	})
	t.Run("JSONL", func(t *testing.T) {
		opt := ReadOptions{Stdin: strings.NewReader(`{"body":"a"}` + "\n" + `{"body":"b"}`), JSONL: true}
		items := collect(t, []string{"-"}, opt)
		require.Len(t, items, 2)
		assert.Equal(t, "-:2", items[1].Where)
		assert.Equal(t, "b", items[1].Input.Body)
		assert.Equal(t, -1, Count([]string{"-"}, true))
	})
}

func TestParsePublishedAt(t *testing.T) {
	d, err := ParsePublishedAt("")
	assert.NoError(t, err)
	assert.Nil(t, d)
	d, err = ParsePublishedAt(" 2022-08-17 ")
	require.NoError(t, err)
	assert.Equal(t, "2022-08-17", d.String())
	_, err = ParsePublishedAt("2022-02-30")
	assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
}

func TestHeadline(t *testing.T) {
	assert.Equal(t, "Troops arrive", Headline("\n\n# Troops arrive  \nMore text."))
	long := strings.Repeat("word ", 100)
	h := Headline(long)
	assert.True(t, strings.HasSuffix(h, "word…"), h)
	assert.LessOrEqual(t, len([]rune(h)), headlineMax+1)
	assert.Equal(t, strings.Repeat("é", headlineMax)+"…", Headline(strings.Repeat("é", 500)))
}
