package extract_test

import (
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/extract/eval"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

func mustLoadGoldCases(tb testing.TB, pattern string) []eval.Case {
	tb.Helper()
	cases, err := eval.Load(pattern)
	require.NoError(tb, err)
	return cases
}

func TestGoldenSeed(t *testing.T) {
	for _, c := range mustLoadGoldCases(t, filepath.Join("..", "..", "seeds", "*.txt")) {
		t.Run(c.Name, func(t *testing.T) { checkGolden(t, c) })
	}
}

func TestGoldenTestdata(t *testing.T) {
	cases := mustLoadGoldCases(t, filepath.Join("testdata", "*.txt"))
	require.GreaterOrEqual(t, len(cases), 10)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) { checkGolden(t, c) })
	}
}

// checkGolden extracts one article and compares the result with its gold, one subtest per
// expectation so that a failure names exactly what is missing or wrong.
func checkGolden(t *testing.T, c eval.Case) {
	body, err := extract.Normalize(c.Raw, 0)
	require.NoError(t, err)
	meta := mustMeta(t, c.Gold)
	x, err := extract.Facts(body, meta, gazetteer.Default())
	require.NoError(t, err)
	g := c.Gold
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
		matches := eval.MatchingEntities(x.Entities, ge)
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
			if titles := ge.AllTitles(); len(titles) > 0 {
				assert.True(t, eval.NameIn(e.Title, titles), "title of %s is %q, want one of %q", describeEntity(e), e.Title, titles)
			}
			if ge.Affiliation != "" {
				want, _ := g.Entity(ge.Affiliation)
				aff, ok := byID[e.AffiliationID]
				assert.True(t, ok && eval.EntityMatches(aff, want), "affiliation of %s is %q, want %s", describeEntity(e), e.AffiliationID, ge.Affiliation)
			}
		})
	}
	t.Run("NoMergedEntities", func(t *testing.T) {
		for _, e := range x.Entities {
			var keys []string
			for _, ge := range g.Entities {
				if eval.EntityMatches(e, ge) {
					keys = append(keys, ge.Key)
				}
			}
			assert.LessOrEqual(t, len(keys), 1, "%s stands for several things: %v", describeEntity(e), keys)
		}
	})
	for _, e := range x.Entities {
		if !slices.ContainsFunc(g.Entities, func(ge eval.GoldEntity) bool { return eval.EntityMatches(e, ge) }) {
			t.Logf("extra entity (not in gold): %s", describeEntity(e))
		}
	}

	for i, gs := range g.Statements {
		if gs.Optional {
			continue
		}
		t.Run(fmt.Sprintf("Statement/%02d_%s", i+1, eval.ShortName(gs.Text)), func(t *testing.T) {
			checkStatement(t, g, byID, x.Statements, gs)
		})
	}
	for _, text := range g.NotStatements {
		t.Run("NotStatement/"+eval.ShortName(text), func(t *testing.T) {
			for _, s := range x.Statements {
				assert.False(t, slices.Equal(eval.TextWords(s.Text), eval.TextWords(text)), "scare quote %q reported as statement %s", text, s.ID)
			}
		})
	}

	claimed := make([]bool, len(x.Exercises))
	for _, gx := range g.Exercises {
		var matches []int
		for i, ex := range x.Exercises {
			if eval.ExerciseMatches(ex, gx) {
				matches = append(matches, i)
				claimed[i] = true
			}
		}
		if gx.Optional {
			continue // neither required nor wrong: found or not, its details are not judged
		}
		t.Run("Exercise/"+eval.ShortName(gx.Names[0]), func(t *testing.T) {
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
				assert.False(t, eval.ExerciseMatches(ex, eval.GoldExercise{Names: []string{n}}), "%q is not an exercise", n)
			}
		}
	})
}

// checkStatement finds the gold statement's text among the extracted statements (alone, with
// the attribution clause left inside, or split in two around it) and checks kind, speaker and
// date on what it found.
func checkStatement(t *testing.T, g eval.Gold, byID map[string]facts.Entity, got []facts.Statement, gs eval.GoldStatement) {
	candidates := eval.StatementCandidates(got, gs)
	if len(candidates) == 0 {
		want := eval.TextWords(gs.Text)
		for _, s := range got {
			if eval.Overlap(eval.TextWords(s.Text), want) >= 0.5 {
				t.Logf("near miss %s %s by %q: %q", s.ID, s.Kind, s.SpeakerText, s.Text)
			}
		}
		t.Fatalf("no %s statement with text %q", gs.Kind, gs.Text)
	}
	var problems []string
	for _, parts := range candidates {
		p := eval.StatementProblems(g, byID, parts, gs)
		if len(p) == 0 {
			return
		}
		problems = append(problems, strings.Join(p, "; "))
	}
	t.Errorf("text found, but: %s", strings.Join(problems, " | "))
}

func checkExercise(t *testing.T, g eval.Gold, byID map[string]facts.Entity, ex facts.Exercise, gx eval.GoldExercise) {
	resolves := func(id string, keys []string) bool {
		e, ok := byID[id]
		return ok && slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.Entity(k); return eval.EntityMatches(e, ge) })
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

func mustMeta(tb testing.TB, g eval.Gold) facts.ArticleMeta {
	tb.Helper()
	meta, err := g.Meta()
	require.NoError(tb, err)
	return meta
}

func mustJSON(tb testing.TB, v any) []byte {
	tb.Helper()
	b, err := json.Marshal(v)
	require.NoError(tb, err)
	return b
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
