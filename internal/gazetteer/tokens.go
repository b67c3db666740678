package gazetteer

import (
	"strings"
	"unicode"
)

// TokenKind says what a Token is.
type TokenKind uint8

// The token kinds.
const (
	Word       TokenKind = iota // letters and digits, with inner hyphens and apostrophes ("Zapad-2025", "O’Brien", "U.S.")
	Punct                       // one punctuation or symbol rune
	Possessive                  // "’s" or "'s" after a word
)

// Token is one word or punctuation mark of a text. Start and End are code-point offsets.
type Token struct {
	Start, End int
	Kind       TokenKind
	Text       string // exactly the source text
	Key        string // Text with typographic apostrophes made straight, for lookups
	Lower      string // Key in lower case
}

// Cap reports whether the token starts with an upper-case letter.
func (t Token) Cap() bool {
	if t.Text != "" && t.Text[0] < 0x80 {
		c := t.Text[0]
		return 'A' <= c && c <= 'Z'
	}
	for _, r := range t.Text {
		return unicode.IsUpper(r)
	}
	return false
}

// IsDigitWord reports whether the token starts with a digit.
func (t Token) IsDigitWord() bool {
	return t.Kind == Word && t.Text[0] >= '0' && t.Text[0] <= '9'
}

// Key returns s with typographic apostrophes made straight, the form lookups use.
func Key(s string) string {
	// Both marks start with the byte 0xE2; most words have none, and IndexByte is fast.
	if strings.IndexByte(s, 0xE2) < 0 || !strings.Contains(s, "’") && !strings.Contains(s, "‘") {
		return s
	}
	return apostrophes.Replace(s)
}

// apostrophes is safe for concurrent use, and built once: building a Replacer costs more
// than using it.
var apostrophes = strings.NewReplacer("’", "'", "‘", "'")

func isWordRune(r rune) bool {
	if r < 0x80 {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isSpace(r rune) bool {
	if r < 0x80 {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

func isHyphen(r rune) bool { return r == '-' || r == '‑' || r == '‐' }

// Tokenize splits rs into tokens; base is added to every offset, so a paragraph can be
// tokenized on its own. It runs in one pass and never looks more than three runes ahead.
func Tokenize(rs []rune, base int) []Token {
	return TokenizeWith(rs, base, func(i, j int) string { return string(rs[i:j]) }, nil, nil, nil)
}

// TokenizeWith is Tokenize with the token texts taken from text(i, j), the runes [i, j) of rs,
// and the tokens appended to dst. A caller that holds the string rs came from can return
// substrings of it, so that tokenizing allocates nothing per token. placeWord, when not nil,
// says whether a capitalised word names a place: only then does a hyphen and a lower-case
// word after it start a new word ("German-led", but "Jae-won"). asciiLower, when not nil,
// returns the runes [i, j) in lower case when they are all ASCII, and "" otherwise: a caller
// that holds a lower-cased copy of its text can return substrings of it, so that capitalised
// words need no copy of their own.
func TokenizeWith(rs []rune, base int, text func(i, j int) string, dst []Token, placeWord func(string) bool, asciiLower func(i, j int) string) []Token {
	toks := dst
	newToken := func(rs []rune, i, j, base int, k TokenKind) Token {
		t := text(i, j)
		if k == Punct {
			// Punctuation has no case and no apostrophes to fold.
			return Token{Start: base + i, End: base + j, Kind: k, Text: t, Key: t, Lower: t}
		}
		if asciiLower != nil {
			// An ASCII word has no typographic apostrophe: its key is its text.
			if l := asciiLower(i, j); l != "" {
				return Token{Start: base + i, End: base + j, Kind: k, Text: t, Key: t, Lower: l}
			}
		}
		key := Key(t)
		return Token{Start: base + i, End: base + j, Kind: k, Text: t, Key: key, Lower: lower(key)}
	}
	at := func(i int) rune {
		if i < len(rs) {
			return rs[i]
		}
		return 0
	}
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case isSpace(r):
			i++
			continue
		case isApostrophe(r) && (at(i+1) == 's' || at(i+1) == 'S') && !isWordRune(at(i+2)) && len(toks) > 0 && toks[len(toks)-1].End == base+i && toks[len(toks)-1].Kind == Word:
			toks = append(toks, newToken(rs, i, i+2, base, Possessive))
			i += 2
			continue
		case !isWordRune(r):
			toks = append(toks, newToken(rs, i, i+1, base, Punct))
			i++
			continue
		}
		j := i
		// "U.S.", "U.N.": single capitals separated by dots are one word.
		if unicode.IsUpper(r) && at(i+1) == '.' && unicode.IsUpper(at(i+2)) {
			for j < len(rs) && unicode.IsUpper(rs[j]) && at(j+1) == '.' && (j == i || rs[j-1] == '.') {
				j += 2
			}
			toks = append(toks, newToken(rs, i, j, base, Word))
			i = j
			continue
		}
		for j < len(rs) {
			c := rs[j]
			if isWordRune(c) {
				j++
				continue
			}
			next := at(j + 1)
			if isHyphen(c) && isWordRune(next) && !splitHyphen(rs[i:j], next, placeWord) {
				j += 2
				continue
			}
			if isApostrophe(c) && unicode.IsLetter(next) && !((next == 's' || next == 'S') && !isWordRune(at(j+2))) {
				j += 2
				continue
			}
			if (c == '.' || c == ',') && unicode.IsDigit(next) && unicode.IsDigit(rs[j-1]) {
				j += 2
				continue
			}
			break
		}
		toks = append(toks, newToken(rs, i, j, base, Word))
		i = j
	}
	return toks
}

// lower is strings.ToLower without the allocation for words that are already lower case.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			return strings.ToLower(s)
		}
	}
	return s
}

// splitHyphen decides whether a hyphen after word ends it: before a lower-case letter
// ("German-led", "large-scale"; a capitalised word only if placeWord says it is a place) and
// after a lower-case prefix ("anti-China", "non-NATO") the
// parts are separate words, so that the country in them is found; names keep their hyphens
// ("Zapad-2025", "Timor-Leste", "al-Otaibi").
func splitHyphen(word []rune, next rune, placeWord func(string) bool) bool {
	if unicode.IsLower(next) {
		if placeWord == nil || !unicode.IsUpper(word[0]) {
			return true
		}
		w := string(word)
		return placeWord(w) || strings.ToUpper(w) == w // "German-led", "US-backed"
	}
	if unicode.IsDigit(next) {
		return false
	}
	for _, r := range word {
		if !unicode.IsLower(r) {
			return false
		}
	}
	switch string(word) {
	case "al", "el", "ad", "ash", "as", "bin", "ibn", "abu", "ul", "mid":
		return false
	}
	return true
}
