package gazetteer

import (
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLoad(t *testing.T) {
	g, err := load(nil)
	require.NoError(t, err)
	assert.Same(t, Default(), Default())
	c, ok := g.Country("united-states")
	require.True(t, ok)
	assert.Equal(t, "United States", c.Name)
	assert.Equal(t, "American", c.Demonym)
}

func TestName(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		text string
		kind Kind
		id   string
		n    int
	}{
		{"China’s army", KindCountry, "china", 1},
		{"Chinese troops", KindDemonym, "china", 1},
		{"Beijing said", KindCapital, "china", 1},
		{"the U.S. said", 0, "", 0},
		{"U.S. troops", KindCountry, "united-states", 1},
		{"United States of America", KindCountry, "united-states", 4},
		{"UK forces", KindCountry, "united-kingdom", 1},
		{"People’s Liberation Army", KindOrganization, "peoples-liberation-army", 4},
		{"UN Security Council", KindOrganization, "un-security-council", 3},
		{"Latin America", KindRegion, "latin-america", 2},
		{"Russian Federation", KindCountry, "russia", 2},
		{"us", 0, "", 0},
		{"Victoria said", 0, "", 0},
	} {
		toks := Tokenize([]rune(tc.text), 0)
		e, n := g.Name(toks, 0)
		assert.Equal(t, tc.n, n, tc.text)
		assert.Equal(t, tc.kind, e.Kind, tc.text)
		assert.Equal(t, tc.id, e.ID, tc.text)
	}
}

func TestCityAt(t *testing.T) {
	g := Default()
	for _, tc := range []struct {
		text, country string
		n             int
	}{
		{"Darwin hosts", "australia", 1},
		{"São Paulo police", "brazil", 2},
		{"Sao Paulo police", "brazil", 2},      // the ASCII name too
		{"Reading said", "", 0},                // data/city_stoplist.txt
		{"Beijing said", "", 0},                // a capital is a country's name, not a city's
		{"darwin", "", 0},                      // names are matched with their capitals
		{"Palawan Governor", "philippines", 1}, // a province below ISO level 1
		{"Bali Governor", "indonesia", 1},      // a province's own name wins over a city's ASCII form ("Bāli")
		{"Nordland county", "norway", 1},       // a county
		{"Ishigaki port", "japan", 1},          // a division's seat under 100,000 people
	} {
		toks := Tokenize([]rune(tc.text), 0)
		keys := make([]WordID, len(toks))
		for i, tk := range toks {
			keys[i] = g.ID(tk.Key)
		}
		e, n := g.CityAt(keys, 0)
		assert.Equal(t, tc.n, n, tc.text)
		assert.Equal(t, tc.country, e.Country, tc.text)
		if n > 0 {
			assert.Equal(t, KindCity, e.Kind, tc.text)
		}
	}
}

func TestWordLists(t *testing.T) {
	g := Default()
	toks := func(s string) []Token { return Tokenize([]rune(s), 0) }
	assert.Equal(t, 3, g.Title(toks("Secretary of State Antony"), 0))
	assert.Equal(t, 2, g.Title(toks("foreign minister"), 0))
	assert.Equal(t, 2, g.Title(toks("Gen. Smith"), 0))
	assert.Equal(t, 1, g.Head(toks("Ministry of"), 0))
	assert.Equal(t, 2, g.Head(toks("Air Force"), 0))
	assert.Equal(t, 2, g.ExerciseWord(toks("war games"), 0))
	assert.Equal(t, 1, g.EventWord(toks("forum"), 0))
	assert.Equal(t, 1, g.SpeechVerb(toks("said"), 0))
	assert.Equal(t, 0, g.SpeechVerb(toks("sailed"), 0))
	m, ok := g.Month("Aug.")
	assert.True(t, ok)
	assert.Equal(t, time.August, m)
	d, ok := g.Weekday("Wednesday")
	assert.True(t, ok)
	assert.Equal(t, time.Wednesday, d)
	assert.True(t, g.Stopword("The"))
	assert.True(t, g.GroupNoun("officials"))
	topic, ok := g.MinistryTopic("foreign")
	assert.True(t, ok)
	assert.Equal(t, "Foreign Affairs", topic)
}

func TestTokenize(t *testing.T) {
	toks := Tokenize([]rune("China’s “East-2022” U.S. O’Brien 2,500 troops."), 10)
	var texts []string
	for _, tk := range toks {
		texts = append(texts, tk.Text)
	}
	assert.Equal(t, []string{"China", "’s", "“", "East-2022", "”", "U.S.", "O’Brien", "2,500", "troops", "."}, texts)
	assert.Equal(t, Possessive, toks[1].Kind)
	assert.Equal(t, "'s", toks[1].Key)
	assert.Equal(t, 10, toks[0].Start)
	assert.Equal(t, 15, toks[0].End)
	assert.True(t, toks[0].Cap())
}

// TestHyphenPrefixes: a hyphen after a word of the prefix lists joins it to the capitalised
// word after it; after any other lower-case word it splits them, so the country is found.
func TestHyphenPrefixes(t *testing.T) {
	texts := func(s string) (out []string) {
		for _, tk := range Tokenize([]rune(s), 0) {
			out = append(out, tk.Text)
		}
		return out
	}
	rows, err := lines("words/name_prefixes.txt", nil)
	require.NoError(t, err)
	require.NotEmpty(t, rows)
	for _, r := range rows {
		assert.Equal(t, []string{r[0] + "-Rahman"}, texts(r[0]+"-Rahman"), "name particle %q", r[0])
	}
	assert.Equal(t, []string{"mid-March"}, texts("mid-March"))
	assert.Equal(t, []string{"anti", "-", "China"}, texts("anti-China"))
}

func TestIn(t *testing.T) {
	g := Default()
	for _, l := range []string{"abbreviations", "participation", "reporting_objects", "exercise_modifiers", "troop_words", "purpose_cues", "location_heads", "place_modifiers", "source_nouns", "female_words", "male_words"} {
		assert.NotEmpty(t, g.lists[l], l)
	}
	assert.True(t, g.In("abbreviations", "Gen"))
	assert.False(t, g.In("abbreviations", "General"))
	assert.Equal(t, 2, g.PurposeCue(Tokenize([]rune("aims to deepen"), 0), 0))
	assert.Panics(t, func() { g.In("no-such-list", "x") })
}

// TestTextListsHaveNoApostrophes holds what extract relies on to number a token's text and
// its lookup key alike: the lists asked about a token as written hold no apostrophe.
func TestTextListsHaveNoApostrophes(t *testing.T) {
	for _, file := range []string{"stopwords.txt", "months.txt", "weekdays.txt", "words/abbreviations.txt"} {
		rows, err := lines(file, nil)
		assert.NoError(t, err)
		for _, r := range rows {
			for _, f := range r {
				assert.False(t, strings.ContainsAny(f, "'’‘"), "%s: %q", file, f)
			}
		}
	}
}

// TestGeneralPunctuation holds isWordRune's shortcut for U+2000 to U+206F to the tables.
func TestGeneralPunctuation(t *testing.T) {
	for r := rune(0x2000); r <= 0x206F; r++ {
		assert.False(t, unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r), "%U", r)
	}
}

// TestScan holds Scan's fast path to its general one: words ending in the marks that may go
// on a word, offsets from the bases, and each span's flags as SpanFlagsOf its text.
func TestScan(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"2,500 troops, 1.5 km. A-B", []string{"2,500", "troops", ",", "1.5", "km", ".", "A-B"}},
		{"German-led drills, anti-China", []string{"German", "-", "led", "drills", ",", "anti", "-", "China"}},
		{"Jae-won O'Brien’s U.S. e.g. x", []string{"Jae-won", "O'Brien", "’s", "U.S.", "e", ".", "g", ".", "x"}},
		{"3,a 4.\u0661 Ünal’s naïve", []string{"3", ",", "a", "4.\u0661", "Ünal", "’s", "naïve"}},
		{"end-", []string{"end", "-"}},
	} {
		spans, n := Scan(tc.text, 7, 3, []Span{{}}, Default().PlaceWord)
		assert.Equal(t, len([]rune(tc.text)), n, tc.text)
		var got []string
		for _, sp := range spans[1:] {
			w := tc.text[sp.B0-3 : sp.B1-3]
			got = append(got, w)
			assert.Equal(t, SpanFlagsOf(w), sp.Flags, "%q in %q", w, tc.text)
			assert.Equal(t, int(sp.C0-7), len([]rune(tc.text[:sp.B0-3])), "%q in %q", w, tc.text)
		}
		assert.Equal(t, tc.want, got, tc.text)
	}
}

// TestID holds ID's table to the vocabulary: every string the lists hold has its number,
// short ones by their packed key too, and strings near them (a byte changed, cut or added)
// have theirs or none.
func TestID(t *testing.T) {
	g := Default()
	for s, id := range g.vocab {
		assert.Equal(t, id, g.ID(s), s)
		if len(s) > 0 && len(s) <= 8 {
			assert.Equal(t, id, g.IDOfPacked(PackWord(s)), s)
		}
		for _, o := range []string{s + "x", s + "-2025", "x" + s, strings.ToUpper(s), s[:len(s)/2]} {
			assert.Equal(t, g.vocab[o], g.ID(o), o)
		}
	}
}

// TestKey holds Key to the replacement it stands for, on words with marks of either kind,
// near misses (other characters starting 0xE2 0x80) and cut-off marks.
func TestKey(t *testing.T) {
	r := strings.NewReplacer("’", "'", "‘", "'")
	for _, s := range []string{"", "O’Brien", "‘Zapad’", "it’s—", "—’’", "a–b", "x\xe2\x80", "’", "‘’‘", "plain", "“quoted”", "l’État’s"} {
		assert.Equal(t, r.Replace(s), Key(s), s)
	}
}

// TestScanLine holds ScanLine, over a text line by line, to Scan of each line on its own:
// what a scan looks at past a line's end ("\n" rather than nothing) changes no token.
func TestScanLine(t *testing.T) {
	g := Default()
	for _, text := range []string{
		"U.S.\nA", "U.\nS.", "it’\ns", "O'\nBrien’s\n’s x", "2,\n500 1.\n5", "German-\nled", "end-\n-start",
		"a\n\n\nb\n", "\n", "Ünal’s\nnaïve\u00a0x\u2028y", "“Quoted,”\n“again” – she said.\n\n",
	} {
		var want []Span
		b, c := 0, 0
		for _, line := range strings.Split(text, "\n") {
			var n int
			want, n = Scan(line, c, b, want, g.PlaceWord)
			b += len(line) + 1
			c += n + 1
		}
		var got []Span
		for b, c := 0, 0; ; b, c = b+1, c+1 {
			got, b, c = ScanLine(text, b, c, got, g.PlaceWord)
			if b == len(text) {
				break
			}
			assert.Equal(t, byte('\n'), text[b], text)
		}
		assert.Equal(t, want, got, text)
	}
}

// TestIDNul: a string with a NUL byte is in no list, whatever its key.
func TestIDNul(t *testing.T) {
	g := Default()
	require.NotZero(t, g.ID("the"))
	assert.Zero(t, g.ID("the\x00"))
	assert.Zero(t, g.ID("\x00"))
}

// TestHasShape holds the word shapes of data/word_endings.txt: an ending names a shape only
// for a longer word.
func TestHasShape(t *testing.T) {
	assert.True(t, HasShape("privately", ShapeAdverb))
	assert.False(t, HasShape("ly", ShapeAdverb))
	assert.True(t, HasShape("reminded", ShapePast))
	assert.True(t, HasShape("speaking", ShapeParticiple))
	assert.False(t, HasShape("said", ShapePast))
}
