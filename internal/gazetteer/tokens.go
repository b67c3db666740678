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
	if 0x2000 <= r && r <= 0x206F {
		// General Punctuation (dashes, typographic quotes, ellipsis) holds no letter, digit
		// or mark (TestGeneralPunctuation): no table search for the commonest non-ASCII runes.
		return false
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

// runeAt returns the rune at byte b of s and its size; past the end it returns 0, 0, and 0 is
// no letter, digit, space or mark to any rule.
func runeAt(s string, b int) (rune, int) {
	if b >= len(s) {
		return 0, 0
	}
	if c := s[b]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[b:])
}

// runeAfter returns the rune after the one at byte b of s.
func runeAfter(s string, b int) rune {
	_, n := runeAt(s, b)
	r, _ := runeAt(s, b+n)
	return r
}

// asciiWord marks the ASCII letters and digits: most of a text's bytes are classified by one
// load instead of a call.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range t {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// wordByte is asciiWord indexed by any byte (false from 0x80): a byte needs no range test
// before the look-up.
var wordByte = func() (t [256]bool) {
	copy(t[:], asciiWord[:])
	return t
}()

// Scan splits s into tokens and appends them to dst. cpBase and byteBase are added to the
// offsets. placeWord, when not nil, says whether a capitalised word names a place: only then
// does a hyphen and a lower-case word after it start a new word ("German-led", but "Jae-won").
func Scan(s string, cpBase, byteBase int, dst []Span, placeWord func(string) bool) []Span {
	ScanFunc(s, cpBase, byteBase, placeWord, func(sp Span) { dst = append(dst, sp) })
	return dst
}

// ScanFunc is the one tokenizer: it calls emit with each token of s in order. It works on the
// text's own bytes, so that a caller holding the text needs no copy of it as runes, and a
// caller with its own token type needs no list of spans in between. It runs in one pass and
// never looks more than three runes ahead. The offsets are those of Scan. It returns the
// number of code points in s.
func ScanFunc(s string, cpBase, byteBase int, placeWord func(string) bool, emit func(Span)) int {
	lastEnd, lastKind := -1, Punct // the code point end and kind of the last token emitted
	bi, ci := 0, 0                 // the current rune's byte and code point offsets
	for bi < len(s) {
		// ASCII fast path: white space, punctuation other than the apostrophe, and words
		// that do not start like "U.S." are decided by this byte alone.
		if c := s[bi]; c < utf8.RuneSelf {
			switch {
			case c == ' ' || '\t' <= c && c <= '\r':
				bi++
				ci++
				continue
			case asciiWord[c]:
				if 'A' <= c && c <= 'Z' && bi+1 < len(s) && s[bi+1] == '.' {
					break // perhaps "U.S.": the general path below
				}
				bj, cj := wordEnd(s, bi, ci, placeWord)
				emit(Span{B0: int32(byteBase + bi), B1: int32(byteBase + bj), C0: int32(cpBase + ci), C1: int32(cpBase + cj), Kind: Word})
				lastEnd, lastKind = cpBase+cj, Word
				bi, ci = bj, cj
				continue
			case c != '\'':
				emit(Span{B0: int32(byteBase + bi), B1: int32(byteBase + bi + 1), C0: int32(cpBase + ci), C1: int32(cpBase + ci + 1), Kind: Punct})
				bi++
				ci++
				lastEnd, lastKind = cpBase+ci, Punct
				continue
			}
		}
		r, size := rune(s[bi]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[bi:])
		}
		switch {
		case isSpace(r):
			bi += size
			ci++
			continue
		case isApostrophe(r):
			n1, s1 := runeAt(s, bi+size)
			if (n1 == 's' || n1 == 'S') && !isWordRune(runeAfter(s, bi+size)) && lastEnd == cpBase+ci && lastKind == Word {
				emit(Span{B0: int32(byteBase + bi), B1: int32(byteBase + bi + size + s1), C0: int32(cpBase + ci), C1: int32(cpBase + ci + 2), Kind: Possessive})
				bi += size + s1
				ci += 2
				lastEnd, lastKind = cpBase+ci, Possessive
				continue
			}
		}
		if !isWordRune(r) {
			emit(Span{B0: int32(byteBase + bi), B1: int32(byteBase + bi + size), C0: int32(cpBase + ci), C1: int32(cpBase + ci + 1), Kind: Punct})
			bi += size
			ci++
			lastEnd, lastKind = cpBase+ci, Punct
			continue
		}
		bj, cj := bi, ci
		// "U.S.", "U.N.": single capitals separated by dots are one word.
		if unicode.IsUpper(r) && runeAfter(s, bi) == '.' && unicode.IsUpper(runeAfter(s, bi+size)) {
			for {
				c, n := runeAt(s, bj)
				if !(bj < len(s) && unicode.IsUpper(c) && runeAfter(s, bj) == '.' && (bj == bi || s[bj-1] == '.')) {
					break
				}
				bj += n + 1
				cj += 2
			}
		} else {
			bj, cj = wordEnd(s, bi, ci, placeWord)
		}
		emit(Span{B0: int32(byteBase + bi), B1: int32(byteBase + bj), C0: int32(cpBase + ci), C1: int32(cpBase + cj), Kind: Word})
		lastEnd, lastKind = cpBase+cj, Word
		bi, ci = bj, cj
	}
	return ci
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

// wordEnd returns the byte and code point offsets where the word starting at byte bi (code
// point ci) of s ends: letters and digits, inner hyphens and apostrophes ("Zapad-2025",
// "O’Brien") and the marks of numbers ("2,500").
func wordEnd(s string, bi, ci int, placeWord func(string) bool) (int, int) {
	bj, cj := bi, ci
	for bj < len(s) {
		// A run of ASCII letters and digits, most of any word, costs a table load a byte.
		run := bj
		for bj < len(s) && wordByte[s[bj]] {
			bj++
		}
		cj += bj - run
		if bj == len(s) {
			break
		}
		// Only a hyphen, an apostrophe or the mark of a number may go on a word in ASCII.
		if c := s[bj]; c < utf8.RuneSelf && c != '-' && c != '\'' && c != '.' && c != ',' {
			break
		}
		c, n := runeAt(s, bj)
		if isWordRune(c) {
			bj += n
			cj++
			continue
		}
		next, nn := runeAt(s, bj+n)
		if isHyphen(c) && isWordRune(next) && !splitHyphen(s[bi:bj], next, placeWord) {
			bj += n + nn
			cj += 2
			continue
		}
		if isApostrophe(c) && unicode.IsLetter(next) && !((next == 's' || next == 'S') && !isWordRune(runeAfter(s, bj+n))) {
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
	return bj, cj
}
