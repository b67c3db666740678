package extract_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestFoldName(t *testing.T) {
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"China’s Defense Ministry", "China's Defense Ministry", true},
		{"China's Defense Ministry", "china defense ministry", true},
		{"the European Union", "European Union", true},
		{"Army-2022", "Army 2022", true},
		{"“East-2022”", "East-2022", true},
		{"Self‑Defense  Force", "self defense force", true},
		{"Ame\u0301lie", "Amélie", true},
		{"U.S.", "US", false},
		{"Defence Ministry", "Defense Ministry", false},
		{"Theresa", "Resa", false},
		{"The", "", false},
	} {
		assert.Equal(t, c.same, foldName(c.a) == foldName(c.b), "%q vs %q: %q, %q", c.a, c.b, foldName(c.a), foldName(c.b))
	}
}

func TestTextWords(t *testing.T) {
	assert.Equal(t, []string{"us", "officials", "say", "chinas", "3", "000", "troops"},
		textWords(`U.S. officials say “China’s 3,000 troops.”`))
	assert.Equal(t, textWords("It has nothing to do."), textWords(" “It has nothing to do”, "))
	assert.NotEqual(t, textWords("Russia will train"), textWords("Russia will not train"))
}

func TestGapMatch(t *testing.T) {
	w := func(s string) []string { return strings.Fields(s) }
	want := w("a b c d")
	assert.True(t, gapMatch(w("a b x y c d"), want), "inserted inside")
	assert.True(t, gapMatch(w("a x b c d"), want), "inserted after the first word")
	assert.False(t, gapMatch(w("x a b c d"), want), "inserted before: not a gap")
	assert.False(t, gapMatch(w("a b c d x"), want), "appended: not a gap")
	assert.False(t, gapMatch(w("a b c d"), want), "equal is not a gap")
	assert.False(t, gapMatch(w("a b x c e"), want), "different words")
	assert.False(t, gapMatch(w("a a a a a"), w("a b")), "repeated prefix")
}

func TestFindInWords(t *testing.T) {
	body := strings.Fields("the exercises will see india and are held in august")
	assert.True(t, findInWords(body, strings.Fields("will see india"), 0))
	assert.True(t, findInWords(body, strings.Fields("exercises will see held in august"), 3))
	assert.False(t, findInWords(body, strings.Fields("exercises will see held in august"), 1))
	assert.False(t, findInWords(body, strings.Fields("india will see"), 5))
}

func TestEntityMatches(t *testing.T) {
	ge := goldEntity{Key: "china-mod", Names: []string{"China's Defense Ministry", "Ministry of National Defense"}}
	assert.True(t, entityMatches(facts.Entity{Name: "Ministry of National Defense"}, ge))
	assert.True(t, entityMatches(facts.Entity{Name: "MND", Aliases: []string{"China’s Defense Ministry"}}, ge))
	assert.False(t, entityMatches(facts.Entity{Name: "China", Aliases: []string{"Chinese"}}, ge))
	assert.False(t, entityMatches(facts.Entity{Name: "Defense Ministry"}, ge), "a shorter name is another name")
}

func TestDocProblems(t *testing.T) {
	body := "Ünal said “no”."
	ok := facts.Extraction{
		Article:    facts.ExtractedArticle{Body: body},
		Entities:   []facts.Entity{{ID: "unal", Name: "Ünal", Type: facts.Person, Aliases: []string{}, Mentions: []facts.Span{{Start: 0, End: 4, Text: "Ünal"}}}},
		Statements: []facts.Statement{{ID: "s1", SpeakerID: "unal", Kind: facts.Direct, Text: "no", Start: 11, End: 13, EntityIDs: []string{}}},
		Exercises:  []facts.Exercise{},
	}
	assert.Empty(t, docProblems(body, ok))

	bytesNotRunes := ok
	bytesNotRunes.Statements = []facts.Statement{{ID: "s1", Kind: facts.Direct, Text: "no", Start: 14, End: 16, EntityIDs: []string{}}}
	assert.NotEmpty(t, docProblems(body, bytesNotRunes), "byte offsets are wrong")

	unknownSpeaker := ok
	unknownSpeaker.Statements = []facts.Statement{{ID: "s1", SpeakerID: "nobody", Kind: facts.Direct, Text: "no", Start: 11, End: 13, EntityIDs: []string{}}}
	assert.NotEmpty(t, docProblems(body, unknownSpeaker))
}

// TestGoldFiles checks the gold files themselves, so that a typo in expected facts fails here
// rather than as a puzzling extractor failure: keys resolve, names of different entities never
// fold together, and every expected text is really in the article.
func TestGoldFiles(t *testing.T) {
	month := regexp.MustCompile(`^\d{4}-\d{2}$`)
	var cases []goldCase
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("..", "..", "seeds", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("testdata", "*.txt"))...)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			g := c.gold
			g.meta(t)
			assert.Equal(t, c.name+".txt", g.Article)
			bodyWords := textWords(c.raw)
			bodyNames := textWords(foldName(c.raw)) // possessives dropped
			owner := map[string]string{}
			keys := map[string]bool{}
			for _, e := range g.Entities {
				assert.False(t, keys[e.Key], "duplicate key %s", e.Key)
				keys[e.Key] = true
				for _, typ := range e.Types {
					assert.True(t, facts.EntityType(typ).Valid(), "%s: type %q", e.Key, typ)
				}
				found := false
				for _, n := range e.Names {
					f := foldName(n)
					if o, ok := owner[f]; ok && o != e.Key {
						t.Errorf("name %q belongs to both %s and %s", n, o, e.Key)
					}
					owner[f] = e.Key
					found = found || findInWords(bodyNames, textWords(foldName(n)), 0)
				}
				assert.True(t, found || e.Optional, "%s: none of %q is in the text", e.Key, e.Names)
			}
			for _, s := range g.Statements {
				for _, k := range s.speakers() {
					assert.True(t, keys[k], "statement speaker %q is no entity key", k)
				}
				assert.True(t, s.Kind == "direct" || s.Kind == "indirect", "kind %q", s.Kind)
				assert.True(t, findInWords(bodyWords, textWords(s.Text), 12), "statement text not in article: %q", s.Text)
				if s.SaidOn != "" {
					_, err := facts.ParseDate(s.SaidOn)
					assert.NoError(t, err)
				}
			}
			for _, x := range g.Exercises {
				for _, k := range append(append(append([]string{x.Host}, x.AlsoHost...), x.Participants...), x.OptionalParticipants...) {
					assert.True(t, k == "" || keys[k], "exercise %q: %q is no entity key", x.Names[0], k)
				}
				assert.True(t, x.Month == "" || month.MatchString(x.Month), "month %q", x.Month)
				if x.Period != nil {
					assert.True(t, strings.HasPrefix(x.Period.Start, x.Month), "period start %s outside month %s", x.Period.Start, x.Month)
				}
			}
			for _, n := range slices.Concat(g.NotExercises, g.NotStatements) {
				assert.True(t, findInWords(bodyNames, textWords(foldName(n)), 0), "%q is not in the text", n)
			}
		})
	}
}
