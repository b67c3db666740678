package gazetteer

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	s := string(rs)
	spans := Scan(s, base, 0, nil, nil)
	toks := make([]Token, len(spans))
	for k, sp := range spans {
		t := s[sp.B0:sp.B1]
		toks[k] = Token{Start: int(sp.C0), End: int(sp.C1), Kind: sp.Kind, Text: t, Key: t, Lower: t}
		if sp.Kind != Punct {
			// Punctuation has no case and no apostrophes to fold.
			toks[k].Key = Key(t)
			toks[k].Lower = lower(toks[k].Key)
		}
	}
	return toks
}

// Span is a token that Scan found: its kind and its bounds, in bytes and in code points.
type Span struct {
	B0, B1 int32 // byte offsets
	C0, C1 int32 // code point offsets
	Kind   TokenKind
}

// scanner reads runes from a string at byte offsets; past the end it reads 0, which no rule
// takes for a letter, digit, space or mark.
type scanner struct{ s string }

// at returns the rune at byte b and its size (0, 0 past the end).
func (sc scanner) at(b int) (rune, int) {
	if b >= len(sc.s) {
		return 0, 0
	}
	if c := sc.s[b]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(sc.s[b:])
}

// after returns the rune after the one at byte b.
func (sc scanner) after(b int) rune {
	_, n := sc.at(b)
	r, _ := sc.at(b + n)
	return r
}

// Scan splits s into tokens and appends them to dst: the one tokenizer, working on the text's
// own bytes, so that a caller holding the text needs no copy of it as runes. cpBase and
// byteBase are added to the offsets. placeWord, when not nil, says whether a capitalised word
// names a place: only then does a hyphen and a lower-case word after it start a new word
// ("German-led", but "Jae-won"). It runs in one pass and never looks more than three runes
// ahead.
func Scan(s string, cpBase, byteBase int, dst []Span, placeWord func(string) bool) []Span {
	sc := scanner{s}
	toks := dst
	add := func(b0, b1, c0, c1 int, k TokenKind) {
		toks = append(toks, Span{B0: int32(byteBase + b0), B1: int32(byteBase + b1), C0: int32(cpBase + c0), C1: int32(cpBase + c1), Kind: k})
	}
	bi, ci := 0, 0 // the current rune's byte and code point offsets
	for bi < len(s) {
		r, size := sc.at(bi)
		switch {
		case isSpace(r):
			bi += size
			ci++
			continue
		case isApostrophe(r):
			n1, s1 := sc.at(bi + size)
			if (n1 == 's' || n1 == 'S') && !isWordRune(sc.after(bi+size)) && len(toks) > 0 && int(toks[len(toks)-1].C1) == cpBase+ci && toks[len(toks)-1].Kind == Word {
				add(bi, bi+size+s1, ci, ci+2, Possessive)
				bi += size + s1
				ci += 2
				continue
			}
		}
		if !isWordRune(r) {
			add(bi, bi+size, ci, ci+1, Punct)
			bi += size
			ci++
			continue
		}
		bj, cj := bi, ci
		// "U.S.", "U.N.": single capitals separated by dots are one word.
		if unicode.IsUpper(r) && sc.after(bi) == '.' && unicode.IsUpper(sc.after(bi+size)) {
			for {
				c, n := sc.at(bj)
				if !(bj < len(s) && unicode.IsUpper(c) && sc.after(bj) == '.' && (bj == bi || s[bj-1] == '.')) {
					break
				}
				bj += n + 1
				cj += 2
			}
			add(bi, bj, ci, cj, Word)
			bi, ci = bj, cj
			continue
		}
		for bj < len(s) {
			c, n := sc.at(bj)
			if isWordRune(c) {
				bj += n
				cj++
				continue
			}
			next, nn := sc.at(bj + n)
			if isHyphen(c) && isWordRune(next) && !splitHyphen(s[bi:bj], next, placeWord) {
				bj += n + nn
				cj += 2
				continue
			}
			if isApostrophe(c) && unicode.IsLetter(next) && !((next == 's' || next == 'S') && !isWordRune(sc.after(bj+n))) {
				bj += n + nn
				cj += 2
				continue
			}
			if c == '.' || c == ',' {
				if prev, _ := utf8.DecodeLastRuneInString(s[:bj]); unicode.IsDigit(next) && unicode.IsDigit(prev) {
					bj += n + nn
					cj += 2
					continue
				}
			}
			break
		}
		add(bi, bj, ci, cj, Word)
		bi, ci = bj, cj
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
func splitHyphen(word string, next rune, placeWord func(string) bool) bool {
	if unicode.IsLower(next) {
		if first, _ := utf8.DecodeRuneInString(word); placeWord == nil || !unicode.IsUpper(first) {
			return true
		}
		return placeWord(word) || strings.ToUpper(word) == word // "German-led", "US-backed"
	}
	if unicode.IsDigit(next) {
		return false
	}
	for _, r := range word {
		if !unicode.IsLower(r) {
			return false
		}
	}
	switch word {
	case "al", "el", "ad", "ash", "as", "bin", "ibn", "abu", "ul", "mid":
		return false
	}
	return true
}
