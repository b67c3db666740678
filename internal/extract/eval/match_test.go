package eval

import (
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
		assert.Equal(t, c.same, FoldName(c.a) == FoldName(c.b), "%q vs %q: %q, %q", c.a, c.b, FoldName(c.a), FoldName(c.b))
	}
}

func TestTextWords(t *testing.T) {
	assert.Equal(t, []string{"us", "officials", "say", "chinas", "3", "000", "troops"},
		TextWords(`U.S. officials say “China’s 3,000 troops.”`))
	assert.Equal(t, TextWords("It has nothing to do."), TextWords(" “It has nothing to do”, "))
	assert.NotEqual(t, TextWords("Russia will train"), TextWords("Russia will not train"))
}

func TestGapMatch(t *testing.T) {
	w := func(s string) []string { return strings.Fields(s) }
	want := w("a b c d")
	assert.True(t, GapMatch(w("a b x y c d"), want), "inserted inside")
	assert.True(t, GapMatch(w("a x b c d"), want), "inserted after the first word")
	assert.False(t, GapMatch(w("x a b c d"), want), "inserted before: not a gap")
	assert.False(t, GapMatch(w("a b c d x"), want), "appended: not a gap")
	assert.False(t, GapMatch(w("a b c d"), want), "equal is not a gap")
	assert.False(t, GapMatch(w("a b x c e"), want), "different words")
	assert.False(t, GapMatch(w("a a a a a"), w("a b")), "repeated prefix")
}

func TestFindInWords(t *testing.T) {
	body := strings.Fields("the exercises will see india and are held in august")
	assert.True(t, FindInWords(body, strings.Fields("will see india"), 0))
	assert.True(t, FindInWords(body, strings.Fields("exercises will see held in august"), 3))
	assert.False(t, FindInWords(body, strings.Fields("exercises will see held in august"), 1))
	assert.False(t, FindInWords(body, strings.Fields("india will see"), 5))
}

func TestEntityMatches(t *testing.T) {
	ge := GoldEntity{Key: "china-mod", Names: []string{"China's Defense Ministry", "Ministry of National Defense"}}
	assert.True(t, EntityMatches(facts.Entity{Name: "Ministry of National Defense"}, ge))
	assert.True(t, EntityMatches(facts.Entity{Name: "MND", Aliases: []string{"China’s Defense Ministry"}}, ge))
	assert.False(t, EntityMatches(facts.Entity{Name: "China", Aliases: []string{"Chinese"}}, ge))
	assert.False(t, EntityMatches(facts.Entity{Name: "Defense Ministry"}, ge), "a shorter name is another name")
}
