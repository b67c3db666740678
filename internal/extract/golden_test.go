package extract_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// The gold format is the seed's (seeds/*.gold.json), plus optional fields that only the
// testdata articles use: title and published_at (passed as facts.ArticleMeta), titles (more
// acceptable titles), affiliation, said_on, also_speakers, also_host, period, optional
// exercises and not_statements (scare quotes that must not become statements).
type gold struct {
	Article       string          `json:"article"`
	About         string          `json:"about"`
	Title         string          `json:"title"`
	PublishedAt   string          `json:"published_at"`
	Entities      []goldEntity    `json:"entities"`
	Statements    []goldStatement `json:"statements"`
	Exercises     []goldExercise  `json:"exercises"`
	NotExercises  []string        `json:"not_exercises"`
	NotStatements []string        `json:"not_statements"`
}

type goldEntity struct {
	Key         string   `json:"key"`
	Types       []string `json:"types"`
	Names       []string `json:"names"`
	Title       string   `json:"title"`
	Titles      []string `json:"titles"`
	Affiliation string   `json:"affiliation"`
	Optional    bool     `json:"optional"`
}

type goldStatement struct {
	Speaker      string   `json:"speaker"`
	AlsoSpeakers []string `json:"also_speakers"`
	SpeakerNames []string `json:"speaker_names"`
	Kind         string   `json:"kind"`
	Text         string   `json:"text"`
	SaidOn       string   `json:"said_on"`
	Optional     bool     `json:"optional"`
}

type goldExercise struct {
	Names                []string    `json:"names"`
	Host                 string      `json:"host"`
	AlsoHost             []string    `json:"also_host"`
	Participants         []string    `json:"participants"`
	OptionalParticipants []string    `json:"optional_participants"`
	Month                string      `json:"month"`
	Period               *goldPeriod `json:"period"`
	Optional             bool        `json:"optional"`
}

type goldPeriod struct {
	Start string `json:"start"`
	End   string `json:"end"`
}

// speakers returns the entity keys a statement's speaker may resolve to.
func (s goldStatement) speakers() []string {
	if s.Speaker == "" {
		return s.AlsoSpeakers
	}
	return append([]string{s.Speaker}, s.AlsoSpeakers...)
}

func (g gold) entity(key string) (goldEntity, bool) {
	for _, e := range g.Entities {
		if e.Key == key {
			return e, true
		}
	}
	return goldEntity{}, false
}

func (g gold) meta(tb testing.TB) facts.ArticleMeta {
	tb.Helper()
	meta := facts.ArticleMeta{Title: g.Title}
	if g.PublishedAt != "" {
		d, err := facts.ParseDate(g.PublishedAt)
		require.NoError(tb, err, "published_at")
		meta.PublishedAt = &d
	}
	return meta
}

// goldCase is one article and its expected facts.
type goldCase struct {
	name string // file name without extension
	raw  string // the article as stored
	gold gold
}

func mustLoadGoldCases(tb testing.TB, pattern string) []goldCase {
	tb.Helper()
	paths, err := filepath.Glob(pattern)
	require.NoError(tb, err)
	require.NotEmpty(tb, paths, "no articles match %s", pattern)
	var cases []goldCase
	for _, p := range paths {
		raw, err := os.ReadFile(p)
		require.NoError(tb, err)
		goldPath := strings.TrimSuffix(p, ".txt") + ".gold.json"
		b, err := os.ReadFile(goldPath)
		require.NoError(tb, err, "every article needs a gold file")
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields() // a misspelt field would silently expect nothing
		var g gold
		require.NoError(tb, dec.Decode(&g), goldPath)
		cases = append(cases, goldCase{name: strings.TrimSuffix(filepath.Base(p), ".txt"), raw: string(raw), gold: g})
	}
	return cases
}

func TestGoldenSeed(t *testing.T) {
	for _, c := range mustLoadGoldCases(t, filepath.Join("..", "..", "seeds", "*.txt")) {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c) })
	}
}

func TestGoldenTestdata(t *testing.T) {
	cases := mustLoadGoldCases(t, filepath.Join("testdata", "*.txt"))
	require.GreaterOrEqual(t, len(cases), 10)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) { checkGolden(t, c) })
	}
}

// checkGolden extracts one article and compares the result with its gold, one subtest per
// expectation so that a failure names exactly what is missing or wrong.
func checkGolden(t *testing.T, c goldCase) {
	body, err := extract.Normalize(c.raw, 0)
	require.NoError(t, err)
	meta := c.gold.meta(t)
	x, err := extract.Facts(body, meta, gazetteer.Default())
	require.NoError(t, err)
	g := c.gold
	byID := map[string]facts.Entity{}
	for _, e := range x.Entities {
		byID[e.ID] = e
	}

	t.Run("Document", func(t *testing.T) {
		for _, p := range docProblems(body, x) {
			t.Error(p)
		}
	})
	t.Run("Deterministic", func(t *testing.T) {
		again, err := extract.Facts(body, meta, gazetteer.Default())
		require.NoError(t, err)
		assert.Equal(t, string(mustJSON(t, x)), string(mustJSON(t, again)))
	})

	for _, ge := range g.Entities {
		matches := matchingEntities(x.Entities, ge)
		if ge.Optional {
			if len(matches) > 1 {
				t.Run("Entity/"+ge.Key, func(t *testing.T) {
					t.Errorf("%d entities for one thing: %s", len(matches), describeEntities(matches))
				})
			}
			continue
		}
		t.Run("Entity/"+ge.Key, func(t *testing.T) {
			if len(matches) == 0 {
				t.Fatalf("no entity named any of %q", ge.Names)
			}
			assert.Len(t, matches, 1, "one entity per real-world thing, got %s", describeEntities(matches))
			e := matches[0]
			assert.Contains(t, ge.Types, string(e.Type), "type of %s", describeEntity(e))
			if titles := ge.titles(); len(titles) > 0 {
				assert.True(t, nameIn(e.Title, titles), "title of %s is %q, want one of %q", describeEntity(e), e.Title, titles)
			}
			if ge.Affiliation != "" {
				want, _ := g.entity(ge.Affiliation)
				aff, ok := byID[e.AffiliationID]
				assert.True(t, ok && entityMatches(aff, want), "affiliation of %s is %q, want %s", describeEntity(e), e.AffiliationID, ge.Affiliation)
			}
		})
	}
	t.Run("NoMergedEntities", func(t *testing.T) {
		for _, e := range x.Entities {
			var keys []string
			for _, ge := range g.Entities {
				if entityMatches(e, ge) {
					keys = append(keys, ge.Key)
				}
			}
			assert.LessOrEqual(t, len(keys), 1, "%s stands for several things: %v", describeEntity(e), keys)
		}
	})
	for _, e := range x.Entities {
		if !slices.ContainsFunc(g.Entities, func(ge goldEntity) bool { return entityMatches(e, ge) }) {
			t.Logf("extra entity (not in gold): %s", describeEntity(e))
		}
	}

	for i, gs := range g.Statements {
		if gs.Optional {
			continue
		}
		t.Run(fmt.Sprintf("Statement/%02d_%s", i+1, shortName(gs.Text)), func(t *testing.T) {
			checkStatement(t, g, byID, x.Statements, gs)
		})
	}
	for _, text := range g.NotStatements {
		t.Run("NotStatement/"+shortName(text), func(t *testing.T) {
			for _, s := range x.Statements {
				assert.False(t, slices.Equal(textWords(s.Text), textWords(text)), "scare quote %q reported as statement %s", text, s.ID)
			}
		})
	}

	claimed := make([]bool, len(x.Exercises))
	for _, gx := range g.Exercises {
		var matches []int
		for i, ex := range x.Exercises {
			if exerciseMatches(ex, gx) {
				matches = append(matches, i)
				claimed[i] = true
			}
		}
		if gx.Optional {
			continue // neither required nor wrong: found or not, its details are not judged
		}
		t.Run("Exercise/"+shortName(gx.Names[0]), func(t *testing.T) {
			if len(matches) == 0 {
				t.Fatalf("no exercise named any of %q; got %s", gx.Names, describeExercises(x.Exercises))
			}
			assert.Len(t, matches, 1, "one exercise per real-world exercise")
			checkExercise(t, g, byID, x.Exercises[matches[0]], gx)
		})
	}
	t.Run("NoOtherExercises", func(t *testing.T) {
		for i, ex := range x.Exercises {
			assert.True(t, claimed[i], "exercise %q (aliases %q) is not in the gold", ex.Name, ex.Aliases)
			for _, n := range g.NotExercises {
				assert.False(t, exerciseMatches(ex, goldExercise{Names: []string{n}}), "%q is not an exercise", n)
			}
		}
	})
}

func (ge goldEntity) titles() []string {
	if ge.Title == "" {
		return ge.Titles
	}
	return append([]string{ge.Title}, ge.Titles...)
}

// checkStatement finds the gold statement's text among the extracted statements (alone, with
// the attribution clause left inside, or split in two around it) and checks kind, speaker and
// date on what it found.
func checkStatement(t *testing.T, g gold, byID map[string]facts.Entity, got []facts.Statement, gs goldStatement) {
	want := textWords(gs.Text)
	var candidates [][]facts.Statement
	for _, s := range got {
		have := textWords(s.Text)
		if slices.Equal(have, want) || gapMatch(have, want) {
			candidates = append(candidates, []facts.Statement{s})
		}
	}
	sorted := slices.Clone(got)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for i := 0; i+1 < len(sorted); i++ {
		if slices.Equal(append(textWords(sorted[i].Text), textWords(sorted[i+1].Text)...), want) {
			candidates = append(candidates, sorted[i:i+2])
		}
	}
	if len(candidates) == 0 {
		for _, s := range got {
			if overlap(textWords(s.Text), want) >= 0.5 {
				t.Logf("near miss %s %s by %q: %q", s.ID, s.Kind, s.SpeakerText, s.Text)
			}
		}
		t.Fatalf("no %s statement with text %q", gs.Kind, gs.Text)
	}
	var problems []string
	for _, parts := range candidates {
		p := statementProblems(g, byID, parts, gs)
		if len(p) == 0 {
			return
		}
		problems = append(problems, strings.Join(p, "; "))
	}
	t.Errorf("text found, but: %s", strings.Join(problems, " | "))
}

func statementProblems(g gold, byID map[string]facts.Entity, parts []facts.Statement, gs goldStatement) []string {
	var p []string
	for _, s := range parts {
		if string(s.Kind) != gs.Kind {
			p = append(p, fmt.Sprintf("%s is %s, want %s", s.ID, s.Kind, gs.Kind))
		}
		if keys := gs.speakers(); len(keys) > 0 {
			sp, ok := byID[s.SpeakerID]
			if !ok || !slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.entity(k); return entityMatches(sp, ge) }) {
				p = append(p, fmt.Sprintf("%s speaker_id %q (speaker_text %q), want %v", s.ID, s.SpeakerID, s.SpeakerText, keys))
			}
		}
		if len(gs.SpeakerNames) > 0 && !nameIn(s.SpeakerText, gs.SpeakerNames) {
			p = append(p, fmt.Sprintf("%s speaker_text %q, want one of %q", s.ID, s.SpeakerText, gs.SpeakerNames))
		}
	}
	if gs.SaidOn != "" {
		if s := parts[0]; s.SaidOn == nil || s.SaidOn.String() != gs.SaidOn {
			p = append(p, fmt.Sprintf("%s said_on %v, want %s", s.ID, s.SaidOn, gs.SaidOn))
		}
	}
	return p
}

func checkExercise(t *testing.T, g gold, byID map[string]facts.Entity, ex facts.Exercise, gx goldExercise) {
	resolves := func(id string, keys []string) bool {
		e, ok := byID[id]
		return ok && slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.entity(k); return entityMatches(e, ge) })
	}
	if gx.Host != "" {
		hosts := append([]string{gx.Host}, gx.AlsoHost...)
		assert.True(t, resolves(ex.HostID, hosts), "host_id %q, want %v", ex.HostID, hosts)
	}
	for _, key := range gx.Participants {
		assert.True(t, slices.ContainsFunc(ex.ParticipantIDs, func(id string) bool { return resolves(id, []string{key}) }),
			"participant %s missing from %q", key, ex.ParticipantIDs)
	}
	allowed := append(slices.Clone(gx.Participants), gx.OptionalParticipants...)
	for _, id := range ex.ParticipantIDs {
		assert.True(t, resolves(id, allowed), "participant %q is not one of %v", id, allowed)
	}
	if gx.Month == "" && gx.Period == nil {
		return
	}
	if !assert.NotNil(t, ex.Period, "period") {
		return
	}
	if gx.Month != "" {
		assert.Equal(t, gx.Month, ex.Period.Start.String()[:7], "month of period start (period text %q)", ex.Period.Text)
	}
	if gx.Period != nil {
		assert.Equal(t, gx.Period.Start, ex.Period.Start.String(), "period start (period text %q)", ex.Period.Text)
		assert.Equal(t, gx.Period.End, ex.Period.End.String(), "period end (period text %q)", ex.Period.Text)
	}
}

// docProblems lists every way x breaks the extraction contract for body: spans that do not
// slice the body (in code points) to their text, ids that name no entity, nil slices.
func docProblems(body string, x facts.Extraction) []string {
	var p []string
	runes := []rune(body)
	span := func(what string, start, end int, text string) {
		if start < 0 || end < start || end > len(runes) {
			p = append(p, fmt.Sprintf("%s: span [%d,%d) outside body of %d code points", what, start, end, len(runes)))
		} else if got := string(runes[start:end]); got != text {
			p = append(p, fmt.Sprintf("%s: span [%d,%d) is %q, text is %q", what, start, end, got, text))
		}
	}
	if x.Article.Body != body {
		p = append(p, "article.body is not the normalized body")
	}
	if x.Entities == nil || x.Statements == nil || x.Exercises == nil {
		p = append(p, "entities, statements and exercises must not be nil")
	}
	ids := map[string]bool{}
	for _, e := range x.Entities {
		if e.ID == "" || ids[e.ID] {
			p = append(p, fmt.Sprintf("entity %q: empty or duplicate id", e.ID))
		}
		ids[e.ID] = true
		if !e.Type.Valid() {
			p = append(p, fmt.Sprintf("entity %q: type %q", e.ID, e.Type))
		}
		if e.Aliases == nil || e.Mentions == nil {
			p = append(p, fmt.Sprintf("entity %q: nil aliases or mentions", e.ID))
		}
		for i, m := range e.Mentions {
			span(fmt.Sprintf("entity %q mention %d", e.ID, i), m.Start, m.End, m.Text)
		}
	}
	known := func(what, id string, optional bool) {
		if (id != "" || !optional) && !ids[id] {
			p = append(p, fmt.Sprintf("%s %q names no entity", what, id))
		}
	}
	for _, e := range x.Entities {
		known(fmt.Sprintf("entity %q affiliation_id", e.ID), e.AffiliationID, true)
	}
	sids := map[string]bool{}
	for _, s := range x.Statements {
		if s.ID == "" || sids[s.ID] {
			p = append(p, fmt.Sprintf("statement %q: empty or duplicate id", s.ID))
		}
		sids[s.ID] = true
		if !s.Kind.Valid() {
			p = append(p, fmt.Sprintf("statement %q: kind %q", s.ID, s.Kind))
		}
		span(fmt.Sprintf("statement %q", s.ID), s.Start, s.End, s.Text)
		known(fmt.Sprintf("statement %q speaker_id", s.ID), s.SpeakerID, true)
		if s.EntityIDs == nil {
			p = append(p, fmt.Sprintf("statement %q: nil entity_ids", s.ID))
		}
		for _, id := range s.EntityIDs {
			known(fmt.Sprintf("statement %q entity_ids entry", s.ID), id, false)
		}
	}
	xids := map[string]bool{}
	for _, ex := range x.Exercises {
		if ex.ID == "" || xids[ex.ID] {
			p = append(p, fmt.Sprintf("exercise %q: empty or duplicate id", ex.ID))
		}
		xids[ex.ID] = true
		if ex.Aliases == nil || ex.Mentions == nil || ex.ParticipantIDs == nil {
			p = append(p, fmt.Sprintf("exercise %q: nil aliases, mentions or participant_ids", ex.ID))
		}
		for i, m := range ex.Mentions {
			span(fmt.Sprintf("exercise %q mention %d", ex.ID, i), m.Start, m.End, m.Text)
		}
		known(fmt.Sprintf("exercise %q host_id", ex.ID), ex.HostID, true)
		for _, id := range ex.ParticipantIDs {
			known(fmt.Sprintf("exercise %q participant_ids entry", ex.ID), id, false)
		}
		if pr := ex.Period; pr != nil {
			// A period carries its phrase but no offsets: the phrase must at least be in the body.
			if !strings.Contains(body, pr.Text) {
				p = append(p, fmt.Sprintf("exercise %q: period text %q is not in the body", ex.ID, pr.Text))
			}
			if pr.End.Before(pr.Start) {
				p = append(p, fmt.Sprintf("exercise %q: period ends %s before it starts %s", ex.ID, pr.End, pr.Start))
			}
		}
	}
	return p
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	require.NoError(tb, err)
	return b
}

// foldName applies the gold matching rules to a name: NFC, case, curly quotes, possessive
// ’s, a leading article, and hyphens versus spaces; surrounding quotes and commas are dropped
// because an extractor may or may not keep the marks around “East-2022”.
func foldName(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`).Replace(s)
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isDash(r) }) {
		w = strings.TrimFunc(w, func(r rune) bool { return strings.ContainsRune(`"',;:()[]`, r) })
		if base, ok := strings.CutSuffix(w, "'s"); ok && base != "" {
			w = base
		} else if base, ok := strings.CutSuffix(w, "s'"); ok && base != "" {
			w = base + "s"
		}
		if w != "" {
			words = append(words, w)
		}
	}
	if len(words) > 1 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

func isDash(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '‒' || r == '–' || r == '—'
}

// nameIn reports whether name equals one of names after folding.
func nameIn(name string, names []string) bool {
	f := foldName(name)
	return f != "" && slices.ContainsFunc(names, func(n string) bool { return foldName(n) == f })
}

// entityMatches reports whether e's name or one of its aliases is one of ge's names.
func entityMatches(e facts.Entity, ge goldEntity) bool {
	if nameIn(e.Name, ge.Names) {
		return true
	}
	return slices.ContainsFunc(e.Aliases, func(a string) bool { return nameIn(a, ge.Names) })
}

func matchingEntities(got []facts.Entity, ge goldEntity) []facts.Entity {
	var m []facts.Entity
	for _, e := range got {
		if entityMatches(e, ge) {
			m = append(m, e)
		}
	}
	return m
}

func exerciseMatches(ex facts.Exercise, gx goldExercise) bool {
	if nameIn(ex.Name, gx.Names) {
		return true
	}
	return slices.ContainsFunc(ex.Aliases, func(a string) bool { return nameIn(a, gx.Names) })
}

// textWords folds statement text for comparison: NFC, case, quote styles; apostrophes and
// periods are dropped inside words ("U.S." → "us") and every other non-alphanumeric rune
// separates words, so texts compare equal when they differ only in punctuation and spacing
// around the words.
func textWords(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	var words []string
	var w strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			w.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘' || r == '.':
		default:
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
	}
	if w.Len() > 0 {
		words = append(words, w.String())
	}
	return words
}

// gapMatch reports whether have is want with one run of words inserted strictly inside it:
// reported speech interrupted by its attribution ("X, according to Y, and Z"), or a split quote
// kept as one statement that contains its "she said".
func gapMatch(have, want []string) bool {
	if len(want) < 2 || len(have) <= len(want) {
		return false
	}
	p := 0
	for p < len(want) && have[p] == want[p] {
		p++
	}
	s := 0
	for s < len(want) && have[len(have)-1-s] == want[len(want)-1-s] {
		s++
	}
	return p >= 1 && s >= 1 && p+s >= len(want)
}

// findInWords reports whether want occurs in body as a run of words, or as two runs split by a
// gap of at most maxGap words (the attribution clause).
func findInWords(body, want []string, maxGap int) bool {
	if len(want) == 0 {
		return false
	}
	at := func(i int, w []string) bool { return i+len(w) <= len(body) && slices.Equal(body[i:i+len(w)], w) }
	for i := range body {
		if at(i, want) {
			return true
		}
		for q := 1; q < len(want); q++ {
			if !at(i, want[:q]) {
				break
			}
			for k := i + q + 1; k <= i+q+maxGap; k++ {
				if at(k, want[q:]) {
					return true
				}
			}
		}
	}
	return false
}

// overlap is the share of want's words that occur in have.
func overlap(have, want []string) float64 {
	if len(want) == 0 {
		return 0
	}
	n := 0
	for _, w := range want {
		if slices.Contains(have, w) {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

func shortName(s string) string {
	w := textWords(s)
	if len(w) > 5 {
		w = w[:5]
	}
	return strings.Join(w, "_")
}

func describeEntity(e facts.Entity) string {
	return fmt.Sprintf("%s %q [%s] aliases %q", e.ID, e.Name, e.Type, e.Aliases)
}

func describeEntities(es []facts.Entity) string {
	var s []string
	for _, e := range es {
		s = append(s, describeEntity(e))
	}
	return strings.Join(s, "; ")
}

func describeExercises(xs []facts.Exercise) string {
	var s []string
	for _, x := range xs {
		s = append(s, fmt.Sprintf("%q %q", x.Name, x.Aliases))
	}
	return "[" + strings.Join(s, ", ") + "]"
}
