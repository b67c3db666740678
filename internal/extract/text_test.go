package extract

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

func sentences(text string) []string {
	d := newText(text, facts.ArticleMeta{}, gazetteer.Default())
	var out []string
	for _, s := range d.sents {
		out = append(out, d.spanText(s.from, s.to))
	}
	return out
}

func TestSentences(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"Abbreviations", "Gen. Smith met Mr. Jones on Feb. 3 in the U.S. capital. No. 9 Squadron flew.",
			[]string{"Gen. Smith met Mr. Jones on Feb. 3 in the U.S. capital.", "No. 9 Squadron flew."}},
		{"ClosingQuote", "“We are ready.” The minister left.", []string{"“We are ready.”", "The minister left."}},
		{"StraightQuoteOpensNext", `The guard said so. "We will not be bullied," he said.`,
			[]string{"The guard said so.", `"We will not be bullied," he said.`}},
		{"Paragraphs", "One line\nAnother line.", []string{"One line", "Another line."}},
		{"LowerCaseAfterStop", "Troops arrived at 3 p.m. on Monday.", []string{"Troops arrived at 3 p.m. on Monday."}},
		{"Dateline", "KYIV (Reuters) - Drones struck the city.", []string{"Drones struck the city."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, sentences(c.text))
		})
	}
}

func TestQuotes(t *testing.T) {
	d := newText("Missing open,” he said. “Closed.” And «guillemets» and \"straight\" ones.", facts.ArticleMeta{}, gazetteer.Default())
	var got []string
	for _, q := range d.quotes {
		got = append(got, d.spanText(q.from, q.to))
	}
	assert.Equal(t, []string{"Missing open,", "Closed.", "guillemets", "straight"}, got)
}

func TestNFCMatchesNorm(t *testing.T) {
	for _, s := range []string{
		"", "plain", "caf\u0065\u0301 au lait", "\u0301start", "e\u0301", "“quoted” — dash",
		"ae\u0301\u0302\u0323x", "\u1100\u1161 hangul", "A\u030A\u0323B", "x" + strings.Repeat("\u0301", 40) + "y",
		"Ω K Å", "ﬁ ligature", "e\u0301\u0301é", "“\u0301”", "e—\u0301x", "\u2000 \u2001x", "é’\u0323",
		"a\u2002\u0301", "\u2019", "x\u2018\u0301\u0323",
	} {
		if got, want := nfc(s), norm.NFC.String(s); got != want {
			t.Errorf("nfc(%+q) = %+q, want %+q", s, got, want)
		}
	}
	rng := rand.New(rand.NewSource(3))
	alphabet := []rune("aeA \u0301\u0323\u0338’—“\u2000\u2017\u203e→é\u1100\u1161ﬁΩ")
	for range 20000 {
		var b []rune
		for range rng.Intn(8) {
			b = append(b, alphabet[rng.Intn(len(alphabet))])
		}
		if s := string(b); nfc(s) != norm.NFC.String(s) {
			t.Fatalf("nfc(%+q) = %+q, want %+q", s, nfc(s), norm.NFC.String(s))
		}
	}
}

// TestInertPunct holds inertPunct to its table: the dashes, quotes and spaces of news copy
// are inert, and no other character is.
func TestInertPunct(t *testing.T) {
	for _, r := range "\u2002\u2009–—‘’“”„•…‰‹›⁄" {
		assert.True(t, inertPunct(string(r), 0), "%U", r)
	}
	for _, r := range "\u2000\u2001\u2017\u203e\u2080\u20ac\u1ff0\u2100é" {
		assert.False(t, inertPunct(string(r)+"x", 0), "%U", r)
	}
	assert.False(t, inertPunct("\u2019", 1))
	assert.False(t, inertPunct("\xe2\x80", 0))
}

// TestEndsWithWord holds endsWithWord to the last token of gazetteer.Tokenize.
func TestEndsWithWord(t *testing.T) {
	for _, title := range []string{"", "Defense Minister", "spokesman", "Chief of Staff.", "the Army’s Spokeswoman", "ÉLYSÉE Spokesman", "bad \xff byte", "co-Chair", "U.S. envoy"} {
		toks := gazetteer.Tokenize([]rune(title), 0)
		for _, word := range []string{"minister", "spokesman", ".", "spokeswoman", "byte", "co-chair", "chair", "envoy", ""} {
			want := len(toks) > 0 && toks[len(toks)-1].Lower == word
			if got := endsWithWord(title, word); got != want {
				t.Errorf("endsWithWord(%q, %q) = %v, want %v", title, word, got, want)
			}
		}
	}
}
