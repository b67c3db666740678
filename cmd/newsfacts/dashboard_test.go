package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// The dashboard's browser tests drive headless Chromium against a real `newsfacts serve` on a
// throwaway database holding the seed and a small corpus. Screenshots of each view go to
// .artifacts/screenshots/ at the repository root (git-ignored), or to $NEWSFACTS_ARTIFACTS.

// chromiumPath finds Chromium. Without it the tests are skipped on a developer's machine and
// fail in CI, where .ci/run installs it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("CI is set but Chromium is not installed: the dashboard's browser tests must run (apt-get install chromium)")
	}
	t.Skip("Chromium is not installed (apt-get install chromium); skipping the browser tests")
	return ""
}

// corpus is a few dated articles beside the undated seed. The second puts characters outside
// the Basic Multilingual Plane before its names, where code point and UTF-16 offsets differ.
var corpus = []map[string]string{
	{"title": "Finland to host Northern Lance exercise", "url": "https://example.com/dash/1", "source": "Test Wire", "published_at": "2025-02-03",
		"body": "Finnish Defense Minister Sanna Holm said on Monday that Finland would host the Northern Lance-2025 exercise with Estonia and Norway in early March.\n“We train together so that we can act together,” Holm told reporters in Helsinki.\n"},
	{"title": "Estonia joins drills 🛡️", "url": "https://example.com/dash/2", "source": "Test Wire", "published_at": "2025-03-10",
		"body": "🛡️𝐍𝐞𝐰𝐬 — Estonian Prime Minister Kaja Kallas said on Tuesday that Estonia would send troops to the Northern Lance-2025 exercise in Finland.\n“Our soldiers are ready,” Kallas said, according to Reuters.\n"},
	{"title": "Putin comments on the drills", "url": "https://example.com/dash/3", "source": "Test Wire", "published_at": "2025-03-12",
		"body": "Russian President Vladimir Putin said on Wednesday that the Northern Lance-2025 exercise in Finland threatened Russia.\nPutin told reporters in Moscow that Russia would respond.\n"},
}

// browser is one Chromium tab on the test server, recording what went wrong in it.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string
	dir  string // screenshots

	mu       sync.Mutex
	problems []string // console errors, exceptions, failed requests
	urls     map[network.RequestID]string
}

func newBrowser(t *testing.T, base string) *browser {
	t.Helper()
	path := chromiumPath(t)
	// Not t.TempDir: Chromium's helper processes may still write to the profile for a moment
	// after the browser is gone, which fails TempDir's cleanup.
	profile, err := os.MkdirTemp("", "newsfacts-chromium-")
	require.NoError(t, err)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1200, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelC := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelC()
		cancelA()
		for i := 0; i < 50 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})

	dir := os.Getenv("NEWSFACTS_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join("..", "..", ".artifacts")
	}
	dir = filepath.Join(dir, "screenshots")
	require.NoError(t, os.MkdirAll(dir, 0o755))
	b := &browser{t: t, ctx: ctx, base: base, dir: dir, urls: map[network.RequestID]string{}}
	chromedp.ListenTarget(ctx, b.listen)
	require.NoError(t, chromedp.Run(ctx, network.Enable(), runtime.Enable(), cdplog.Enable()))
	return b
}

// listen records console errors, uncaught exceptions, CSP violations and failed requests.
func (b *browser) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			b.problems = append(b.problems, "console: "+strings.Join(args, " "))
		}
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Error())
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.LevelError {
			b.problems = append(b.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
		}
	case *network.EventRequestWillBeSent:
		b.urls[ev.RequestID] = ev.Request.URL
	case *network.EventResponseReceived:
		if ev.Response.Status >= 400 {
			b.problems = append(b.problems, fmt.Sprintf("request: %d %s", ev.Response.Status, ev.Response.URL))
		}
	case *network.EventLoadingFailed:
		// A stream or fetch cut short by leaving the page is not a failure of the page.
		if !ev.Canceled {
			b.problems = append(b.problems, "request failed: "+ev.ErrorText+" "+b.urls[ev.RequestID])
		}
	}
}

// takeProblems returns and forgets what went wrong so far.
func (b *browser) takeProblems() []string {
	time.Sleep(100 * time.Millisecond) // let the last events arrive
	b.mu.Lock()
	defer b.mu.Unlock()
	p := b.problems
	b.problems = nil
	return p
}

// open navigates to the fragment and waits for the named view to be ready.
func (b *browser) open(fragment, view string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	err := chromedp.Run(ctx,
		chromedp.Navigate(b.base+"/"+fragment),
		chromedp.Poll(`(() => { const m = document.querySelector("main"); return m.dataset.view === `+jsString(view)+` && m.dataset.hash === location.hash && location.hash === `+jsString(fragment)+`; })()`, nil),
	)
	if err != nil {
		var state string
		_ = chromedp.Run(b.ctx, chromedp.Evaluate(`JSON.stringify({view: document.querySelector("main").dataset.view, shown: document.querySelector("main").dataset.hash, hash: location.hash, text: document.querySelector("main").innerText.slice(0, 200)})`, &state))
		require.NoError(b.t, err, "open %s: the page shows %s", fragment, state)
	}
}

// jsString quotes s as a JavaScript string.
func jsString(s string) string {
	q, _ := json.Marshal(s)
	return string(q)
}

func (b *browser) run(actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	require.NoError(b.t, chromedp.Run(ctx, actions...))
}

func (b *browser) screenshot(name string) {
	b.t.Helper()
	var png []byte
	b.run(chromedp.FullScreenshot(&png, 100))
	require.NoError(b.t, os.WriteFile(filepath.Join(b.dir, name+".png"), png, 0o644))
}

// text returns the text of the first element sel matches, without waiting for one to appear.
func (b *browser) text(sel string) string {
	b.t.Helper()
	var s string
	q, _ := json.Marshal(sel)
	b.run(chromedp.Evaluate(`(document.querySelector(`+string(q)+`) || {innerText: "(no element `+strings.ReplaceAll(sel, "`", "")+`)"}).innerText`, &s))
	return s
}

// count returns how many elements sel matches.
func (b *browser) count(sel string) int {
	b.t.Helper()
	var n int
	b.run(chromedp.Evaluate(`document.querySelectorAll(`+jsString(sel)+`).length`, &n))
	return n
}

// value returns the value of the first input sel matches.
func (b *browser) value(sel string) string {
	b.t.Helper()
	var v string
	b.run(chromedp.Evaluate(`(document.querySelector(`+jsString(sel)+`) || {value: "(no element)"}).value`, &v))
	return v
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	res, err := http.Get(url)
	require.NoError(t, err)
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	require.Equal(t, 200, res.StatusCode, "%s: %s", url, body)
	require.NoError(t, json.Unmarshal(body, v))
}

// postArticle ingests one article over HTTP and returns its id once its save has committed.
func postArticle(t *testing.T, base, article string) string {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, base+"/v1/articles", strings.NewReader(article))
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer dash-token")
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer res.Body.Close()
	var saved struct {
		ID string `json:"article_id"`
	}
	require.NoError(t, json.NewDecoder(res.Body).Decode(&saved))
	require.Equal(t, 201, res.StatusCode)
	return saved.ID
}

func TestDashboard(t *testing.T) {
	if testing.Short() {
		t.Skip("browser tests are slow")
	}
	chromiumPath(t)
	url := pgtest.NewDatabase(t)
	code, _, stderr := runWithDB(t, url, "migrate", "up")
	require.Equal(t, 0, code, stderr)
	r := runIngestCmd(context.Background(), t, url, nil, "--json", filepath.Join("..", "..", "seeds"))
	require.Equal(t, 0, r.code, r.stderr)
	var jsonl bytes.Buffer
	for _, a := range corpus {
		line, err := json.Marshal(a)
		require.NoError(t, err)
		jsonl.Write(append(line, '\n'))
	}
	r = runIngestCmd(context.Background(), t, url, &jsonl, "--json", "--jsonl", "-")
	require.Equal(t, 0, r.code, r.stderr)

	base, _, stop := startServe(t, map[string]string{"DATABASE_URL": url, "NEWSFACTS_INGEST_TOKEN": "dash-token"})
	b := newBrowser(t, base)

	t.Run("CSP", func(t *testing.T) {
		b.t = t
		res, err := http.Get(base + "/")
		require.NoError(t, err)
		res.Body.Close()
		csp := res.Header.Get("Content-Security-Policy")
		assert.Contains(t, csp, "default-src 'none'")
		assert.Contains(t, csp, "script-src 'self'")
		assert.Contains(t, csp, "connect-src 'self'")
		assert.NotContains(t, csp, "unsafe-inline")
		assert.NotContains(t, csp, "http")
	})

	t.Run("Overview", func(t *testing.T) {
		b.t = t
		b.open("", "overview")
		assert.Contains(t, b.text("#top-entities"), "Vladimir Putin")
		assert.Contains(t, b.text("#latest"), "Putin comments on the drills")
		var periods int
		b.run(chromedp.Evaluate(`document.querySelectorAll("#periods rect").length`, &periods))
		assert.GreaterOrEqual(t, periods, 2, "Vostok-2022 and Northern Lance-2025")
		b.screenshot("overview")
		assert.Empty(t, b.takeProblems())
	})

	t.Run("SearchMisspelled", func(t *testing.T) {
		b.t = t
		b.open("", "overview")
		b.run(chromedp.Focus("#search", chromedp.ByQuery), chromedp.SendKeys("#search", "Puttin", chromedp.ByQuery),
			chromedp.WaitVisible(`main[data-view="search"] #results`, chromedp.ByQuery))
		assert.Contains(t, b.text("#results"), "Vladimir Putin")
		assert.Contains(t, b.text("#results"), "person")
		var hash string
		b.run(chromedp.Evaluate(`location.hash`, &hash))
		assert.Equal(t, "#/search?q=Puttin", hash, "the URL holds the view")
		b.screenshot("search")
		assert.Empty(t, b.takeProblems())
	})

	t.Run("Entity", func(t *testing.T) {
		b.t = t
		b.open("#/entity/vladimir-putin", "entity")
		b.screenshot("entity")
		assert.Equal(t, "Russian President", b.text("#entity-title"))
		assert.Contains(t, b.text("#aliases"), "Putin")
		var bars int
		b.run(chromedp.Evaluate(`document.querySelectorAll("#timeline rect.bar").length`, &bars))
		assert.Equal(t, 1, bars, "one dated month (2025-03); the seed's mentions are undated")
		assert.Contains(t, b.text("#undated"), "Undated articles")
		assert.Contains(t, b.text("#related"), "Russia")
		assert.Contains(t, b.text("#mentions"), "Putin")
		b.screenshot("entity")

		// The kind filter is in the URL and narrows the statements.
		b.run(chromedp.SetValue(`select:has(option[value="direct"])`, "direct", chromedp.ByQuery))
		b.run(chromedp.Evaluate(`document.querySelector('select:has(option[value="direct"])').dispatchEvent(new Event("change"))`, nil))
		b.run(chromedp.WaitVisible(`main[data-view="entity"] #statements`, chromedp.ByQuery))
		var kinds []string
		b.run(chromedp.Poll(`location.hash.includes("kind=direct") && document.querySelector('main[aria-busy]') === null`, nil, chromedp.WithPollingTimeout(5*time.Second)),
			chromedp.Evaluate(`[...document.querySelectorAll("#statements blockquote")].map(q => q.className)`, &kinds))
		require.NotEmpty(t, kinds)
		for _, k := range kinds {
			assert.Equal(t, "direct", k)
		}

		// Dates narrow the statements and the timeline alike.
		b.open("#/entity/vladimir-putin?from=2025-03-01&to=2025-03-31", "entity")
		var said []string
		b.run(chromedp.Evaluate(`[...document.querySelectorAll("#statements .meta")].map(m => m.textContent)`, &said))
		require.NotEmpty(t, said)
		for _, m := range said {
			assert.Contains(t, m, "2025-03-")
		}
		assert.Equal(t, "2025-03-01", b.value("#said-from"))
		assert.Empty(t, b.takeProblems())
	})

	t.Run("Exercises", func(t *testing.T) {
		b.t = t
		b.open("#/exercises", "exercises")
		assert.Contains(t, b.text("#exercise-list"), "Vostok-2022")
		b.screenshot("exercises")
		b.open("#/exercise/vostok-2022", "exercise")
		assert.Contains(t, b.text("#participants"), "China")
		b.screenshot("exercise")
		assert.Empty(t, b.takeProblems())
	})

	t.Run("ReaderHighlightsMatchSpans", func(t *testing.T) {
		b.t = t
		var articles struct {
			Data []struct{ ID, Title string } `json:"data"`
		}
		getJSON(t, base+"/v1/articles?limit=50", &articles)
		require.Len(t, articles.Data, 4)
		for _, a := range articles.Data {
			var facts struct {
				Article  struct{ Body string } `json:"article"`
				Entities []struct {
					Mentions []struct{ Start, End int } `json:"mentions"`
				} `json:"entities"`
				Statements []struct{ Start, End int } `json:"statements"`
				Exercises  []struct {
					Mentions []struct{ Start, End int } `json:"mentions"`
				} `json:"exercises"`
			}
			getJSON(t, base+"/v1/articles/"+a.ID+"/facts", &facts)
			body := []rune(facts.Article.Body)
			want := map[string]string{}
			add := func(kind string, s, e int) { want[fmt.Sprintf("%s:%d:%d", kind, s, e)] = string(body[s:e]) }
			for _, e := range facts.Entities {
				for _, m := range e.Mentions {
					add("entity", m.Start, m.End)
				}
			}
			for _, s := range facts.Statements {
				add("statement", s.Start, s.End)
			}
			for _, x := range facts.Exercises {
				for _, m := range x.Mentions {
					add("exercise", m.Start, m.End)
				}
			}
			require.NotEmpty(t, want)

			b.open("#/article/"+a.ID, "article")
			var got map[string]string
			b.run(chromedp.Evaluate(`(() => {
				const out = {};
				for (const m of document.querySelectorAll("#article-body mark.hl")) {
					// A mark's own text, without the text of marks nested in it counted twice.
					out[m.dataset.key] = (out[m.dataset.key] || "") + m.textContent;
				}
				return out;
			})()`, &got))
			assert.Equal(t, want, got, "article %s (%s)", a.ID, a.Title)
			var bodyText string
			b.run(chromedp.Evaluate(`document.getElementById("article-body").textContent`, &bodyText))
			assert.Equal(t, facts.Article.Body, bodyText, "the reader shows the body unchanged")
			if strings.Contains(a.Title, "Estonia joins") {
				b.screenshot("article-astral")
			}
		}
		// The seed article, with a statement focused to show its speaker.
		b.open("#/article/29efeb9bdc376314", "article")
		b.run(chromedp.Focus(`mark.statement.direct`, chromedp.ByQuery))
		assert.Contains(t, b.text("#fact-info"), "Direct quote by")
		b.screenshot("article")
		assert.Empty(t, b.takeProblems())
	})

	t.Run("PhoneDark", func(t *testing.T) {
		b.t = t
		b.run(emulation.SetDeviceMetricsOverride(390, 844, 2, true),
			emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}))
		defer b.run(emulation.ClearDeviceMetricsOverride(), emulation.SetEmulatedMedia())
		for _, v := range []struct{ fragment, view, shot string }{
			{"#/article/29efeb9bdc376314", "article", "article-phone-dark"},
			{"#/entity/vladimir-putin", "entity", "entity-phone-dark"},
			{"", "overview", "overview-phone-dark"},
		} {
			b.open(v.fragment, v.view)
			var overflow bool
			b.run(chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &overflow))
			assert.False(t, overflow, "%s: no sideways scrolling on a phone", v.view)
			var bg string
			b.run(chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg))
			assert.Equal(t, "rgb(20, 22, 26)", bg, "the dark scheme")
			b.screenshot(v.shot)
		}
		assert.Empty(t, b.takeProblems())
	})

	t.Run("NotFound", func(t *testing.T) {
		b.t = t
		b.open("#/entity/no-such-entity", "notfound")
		assert.Contains(t, b.text("main .problem"), `entity "no-such-entity" not found`, "the problem's detail")
		b.screenshot("notfound")
		problems := b.takeProblems()
		require.NotEmpty(t, problems)
		for _, p := range problems {
			assert.Contains(t, p, "404", "only the API's 404 for the unknown id")
			assert.Contains(t, p, "/v1/entities/no-such-entity")
		}
		for _, f := range []string{"#/no/such/view", "#/constructor", "#/entity/%ZZ", "#/entity"} {
			b.open(f, "notfound")
		}
		assert.Empty(t, b.takeProblems())
	})

	t.Run("NewSinceYouOpened", func(t *testing.T) {
		b.t = t
		b.open("", "overview")
		b.run(chromedp.WaitVisible(`#changes-state`, chromedp.ByQuery),
			chromedp.Poll(`document.getElementById("changes-state").textContent === "nothing yet"`, nil, chromedp.WithPollingTimeout(5*time.Second)))
		saved := postArticle(t, base, `{"title":"Norway joins Northern Lance","url":"https://example.com/dash/4","published_at":"2025-03-14","body":"Norwegian Defence Minister Bjorn Arild Gram said on Friday that Norway would send ships to the Northern Lance-2025 exercise."}`)
		committed := time.Now()

		var nodes []*cdp.Node
		b.run(chromedp.Nodes(`#changes-list li[data-id="`+saved+`"]`, &nodes, chromedp.ByQuery))
		// How fast is a figure for BENCHMARKS.md, not an assertion: a loaded machine may take
		// longer, and the Nodes wait above already fails when the article never shows.
		t.Logf("new article in the strip %v after its commit", time.Since(committed).Round(time.Millisecond))
		b.screenshot("changes")
		assert.Empty(t, b.takeProblems())

		// The server goes away and comes back: the strip says so, reconnects by itself
		// (EventSource sends Last-Event-ID) and shows what is saved after.
		start := time.Now()
		require.NoError(t, stop(), "open change streams do not hold up a shutdown")
		assert.Less(t, time.Since(start), 5*time.Second)
		b.run(chromedp.Poll(`document.getElementById("changes-state").textContent === "reconnecting…"`, nil, chromedp.WithPollingTimeout(10*time.Second)))
		startServeAt(t, map[string]string{"DATABASE_URL": url, "NEWSFACTS_INGEST_TOKEN": "dash-token"}, strings.TrimPrefix(base, "http://"))
		b.run(chromedp.Poll(`document.getElementById("changes-state").textContent !== "reconnecting…"`, nil, chromedp.WithPollingTimeout(10*time.Second)))
		later := postArticle(t, base, `{"title":"Sweden joins Northern Lance","url":"https://example.com/dash/5","published_at":"2025-03-15","body":"Swedish Defence Minister Pal Jonson said on Saturday that Sweden would join the Northern Lance-2025 exercise."}`)
		b.run(chromedp.Nodes(`#changes-list li[data-id="`+later+`"]`, &nodes, chromedp.ByQuery))
		assert.Equal(t, 2, b.count("#changes-list li"), "the first article is still listed")
		b.takeProblems() // the reconnections refused while the server was away
	})
}
