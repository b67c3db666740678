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
	// Both marks are three bytes, starting with 0xE2 0x80; most words have none, and
	// IndexByte is fast.
	i := strings.IndexByte(s, 0xE2)
	if i < 0 {
		return s
	}
	var b strings.Builder
	last := 0
	for i >= 0 {
		if i+2 < len(s) && s[i+1] == 0x80 && (s[i+2] == 0x98 || s[i+2] == 0x99) { // "‘", "’"
			if last == 0 {
				b.Grow(len(s))
			}
			b.WriteString(s[last:i])
			b.WriteByte('\'')
			last = i + 3
		}
		j := strings.IndexByte(s[i+1:], 0xE2)
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

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
	spans, _ := Scan(s, base, 0, nil, nil)
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
	Flags  SpanFlags // what its bytes hold: SpanFlagsOf of the text
}

// SpanFlags says what Scan saw in a token's bytes while it read them, so that a caller need
// not read them again to know whether the token's case or apostrophes can fold.
type SpanFlags uint8

// The span flags.
const (
	HasCapital  SpanFlags = 1 << iota // an ASCII capital letter
	HasNonASCII                       // a byte beyond ASCII
)

// SpanFlagsOf returns the flags of a token's text, as Scan sets them.
func SpanFlagsOf(s string) SpanFlags {
	var f SpanFlags
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf {
			f |= HasNonASCII
		} else if 'A' <= c && c <= 'Z' {
			f |= HasCapital
		}
	}
	return f
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

// The classes of byteClass. A letter or digit has classWord, and a capital also HasCapital,
// so that OR-ing the classes of a word's bytes gives its flags.
const (
	classWord  = 1 << 2 // an ASCII letter or digit
	classSpace = 1 << 3 // ASCII white space
	classPunct = 1 << 4 // ASCII punctuation, the apostrophe excepted: a token of its own
	classJoin  = 1 << 5 // punctuation that may go on a word: "-", ".", ","
	classOther = 1 << 6 // the apostrophe, and any byte beyond ASCII: the general path
	classLine  = 1 << 7 // "\n", which ends a line for ScanLine
)

// byteClass classifies every byte for Scan's fast path: most of a text's bytes are decided by
// one load, with no range tests.
var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch r := rune(c); {
		case r >= utf8.RuneSelf || r == '\'':
			t[c] = classOther
		case isWordRune(r):
			t[c] = classWord
			if 'A' <= r && r <= 'Z' {
				t[c] |= uint8(HasCapital)
			}
		case r == '\n':
			t[c] = classLine
		case isSpace(r):
			t[c] = classSpace
		case r == '-' || r == '.' || r == ',':
			t[c] = classPunct | classJoin
		default:
			t[c] = classPunct
		}
	}
	return t
}()

// Scan splits s into tokens and appends them to dst; it returns dst and the number of code
// points in s. cpBase and byteBase are added to the offsets. placeWord, when not nil, says
// whether a capitalised word names a place: only then does a hyphen and a lower-case word
// after it start a new word ("German-led", but "Jae-won").
//
// It is the one tokenizer, with ScanLine. It works on the text's own bytes, so that a caller
// holding the text needs no copy of it as runes, and appends to a list rather than calling
// back, so that a caller building its own tokens from the spans pays no call per token. It
// runs in one pass and never looks more than three runes ahead.
func Scan(s string, cpBase, byteBase int, dst []Span, placeWord func(string) bool) ([]Span, int) {
	first := len(dst)
	bi, ci := 0, 0
	for {
		dst, bi, ci = ScanLine(s, bi, ci, dst, placeWord)
		if bi == len(s) {
			break
		}
		bi, ci = bi+1, ci+1 // the line's "\n"
	}
	if cpBase != 0 || byteBase != 0 {
		for k := first; k < len(dst); k++ {
			sp := &dst[k]
			sp.B0 += int32(byteBase)
			sp.B1 += int32(byteBase)
			sp.C0 += int32(cpBase)
			sp.C1 += int32(cpBase)
		}
	}
	return dst, ci
}

// ScanLine is Scan of one line: it splits s from byte bi, code point ci, up to the next "\n"
// or the end, appends the tokens to dst, and returns dst and the offsets of that "\n" (or
// the end). The offsets are s's own, so that a caller scanning a text line by line gets its
// tokens where they belong, with no pass to add the line's place to them. No token spans a
// line: the lines of a text are scanned as Scan would scan each line on its own.
func ScanLine(s string, bi, ci int, dst []Span, placeWord func(string) bool) ([]Span, int, int) {
	// The loop below is the fast path: white space, ASCII punctuation and words of ASCII
	// letters and digits, nearly all of a news text, each decided with a table load a byte.
	// Everything else goes to scanOther. It keeps few
	// variables, so that they stay in registers.
	first := len(dst)
	lag := bi - ci // bytes beyond code points so far: ci is bi - lag, and ASCII changes neither
	for bi < len(s) {
		k := byteClass[s[bi]]
		switch {
		case k == classSpace:
			bi++
			continue
		case k&classPunct != 0:
			dst = append(dst, Span{B0: int32(bi), B1: int32(bi + 1), C0: int32(bi - lag), C1: int32(bi + 1 - lag), Kind: Punct})
			bi++
			// Most marks are followed by a space (", "), which is passed over here rather
			// than by another turn of the loop.
			if bi < len(s) && s[bi] == ' ' {
				bi++
			}
			continue
		case k&classWord != 0 && !(k&uint8(HasCapital) != 0 && bi+1 < len(s) && s[bi+1] == '.'): // not perhaps "U.S."
			bj := bi + 1
			var next uint8 // the class of the byte after the word
			for bj < len(s) {
				next = byteClass[s[bj]]
				if next&classWord == 0 {
					break
				}
				k |= next
				bj++
			}
			if next&(classJoin|classOther) != 0 && bj < len(s) && !asciiWordEnd(s, bj) {
				break // a hyphen, an apostrophe, the mark of a number or more than ASCII
			}
			dst = append(dst, Span{B0: int32(bi), B1: int32(bj), C0: int32(bi - lag), C1: int32(bj - lag), Kind: Word, Flags: SpanFlags(k) & HasCapital})
			bi = bj
			// Most words are followed by a space.
			if bi < len(s) && s[bi] == ' ' {
				bi++
			}
			continue
		case k == classLine:
			return dst, bi, bi - lag
		}
		var ci int
		dst, bi, ci = scanOther(s, bi, bi-lag, dst, first, placeWord)
		lag = bi - ci
	}
	return dst, bi, bi - lag
}

// load64 returns bytes i to i+8 of s as a little-endian number, in one load.
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// asciiWordEnd reports whether a run of ASCII letters and digits, followed by byte bj of s,
// ends a word: wordEnd would go on only over a hyphen, an apostrophe, a byte beyond ASCII, or
// a point or comma between digits ("2,500", "1.5").
func asciiWordEnd(s string, bj int) bool {
	switch c := s[bj]; {
	case c == '-' || c == '\'' || c >= utf8.RuneSelf:
		return false
	case c == '.' || c == ',':
		return !isDigitByte(s[bj-1]) || bj+1 >= len(s) || s[bj+1] < utf8.RuneSelf && !isDigitByte(s[bj+1])
	}
	return true
}

func isDigitByte(c byte) bool { return '0' <= c && c <= '9' }

// scanOther is Scan's general path: it scans the token, or the white space, at byte bi (code
// point ci) of s, which the fast path could not, and returns where the next one starts. Its
// offsets are relative to s, and dst[first:] are the tokens of s so far.
func scanOther(s string, bi, ci int, dst []Span, first int, placeWord func(string) bool) ([]Span, int, int) {
	r, size := rune(s[bi]), 1
	if r >= utf8.RuneSelf {
		r, size = utf8.DecodeRuneInString(s[bi:])
	}
	switch {
	case isSpace(r):
		return dst, bi + size, ci + 1
	case isApostrophe(r):
		// "’s" right after a word is a possessive.
		n1, s1 := runeAt(s, bi+size)
		if (n1 == 's' || n1 == 'S') && !isWordRune(runeAfter(s, bi+size)) && len(dst) > first && dst[len(dst)-1].C1 == int32(ci) && dst[len(dst)-1].Kind == Word {
			bj := bi + size + s1
			dst = append(dst, Span{B0: int32(bi), B1: int32(bj), C0: int32(ci), C1: int32(ci + 2), Kind: Possessive, Flags: SpanFlagsOf(s[bi:bj])})
			return dst, bj, ci + 2
		}
	}
	if !isWordRune(r) {
		dst = append(dst, Span{B0: int32(bi), B1: int32(bi + size), C0: int32(ci), C1: int32(ci + 1), Kind: Punct, Flags: SpanFlagsOf(s[bi : bi+size])})
		return dst, bi + size, ci + 1
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
	dst = append(dst, Span{B0: int32(bi), B1: int32(bj), C0: int32(ci), C1: int32(cj), Kind: Word, Flags: SpanFlagsOf(s[bi:bj])})
	return dst, bj, cj
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
// ("Zapad-2025", "Timor-Leste", "al-Otaibi"), except two place words that are no name
// together, which placePair splits ("Tajik-Uzbek").
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
	return !hyphenPrefixes[word]
}

// hyphenPrefixes are the lower-case words that a hyphen joins to the capitalised word after it,
// as one token: the name particles of data/words/name_prefixes.txt ("al-Otaibi") and the
// prefixes of data/hyphen_prefixes.txt ("mid-March"). The tokenizer is the same for every
// gazetteer (titles and gazetteer entries are tokenized without one), so they are read from
// the embedded files once; words added to a gazetteer at run time do not reach it.
var hyphenPrefixes = embeddedWordSet("words/name_prefixes.txt", "hyphen_prefixes.txt")

// placeSuffixes are the lower-case words that a hyphen splits from the capitalised word before
// it, whatever that word is (data/words/place_suffixes.txt): "Tapa-based" is the place Tapa and
// "based". Read once from the embedded file, as hyphenPrefixes are.
var placeSuffixes = embeddedWordSet("words/place_suffixes.txt")

// embeddedWordSet reads the first field of every row of the embedded data files named.
func embeddedWordSet(files ...string) map[string]bool {
	set := map[string]bool{}
	for _, name := range files {
		rows, err := embeddedLines(name)
		if err != nil {
			panic(err) // embedded at build time: a missing file is a broken build
		}
		for _, r := range rows {
			set[strings.TrimSpace(r[0])] = true
		}
	}
	return set
}

// placeSuffixAt reports whether the lower-case word at byte r of s is one of placeSuffixes
// and ends there (no further hyphen or letter).
func placeSuffixAt(s string, r int) bool {
	e := r
	for e < len(s) && 'a' <= s[e] && s[e] <= 'z' {
		e++
	}
	if e == r || e < len(s) && (byteClass[s[e]]&classWord != 0 || s[e] == '-' || s[e] >= utf8.RuneSelf) {
		return false
	}
	return placeSuffixes[s[r:e]]
}

// placePair reports whether the hyphen at s[h:r] joins two places that are no name together:
// "Tajik-Uzbek" names two countries, "Guinea-Bissau" one. The word before it is s[bi:h];
// the one after it runs over letters from r, and starts with next.
func placePair(s string, bi, h, r int, next rune, placeWord func(string) bool) bool {
	if placeWord == nil || !unicode.IsUpper(next) || !placeWord(s[bi:h]) {
		return false
	}
	e := r
	for e < len(s) {
		c, n := runeAt(s, e)
		if !unicode.IsLetter(c) {
			break
		}
		e += n
	}
	return placeWord(s[r:e]) && !placeWord(s[bi:e])
}

// wordEnd returns the byte and code point offsets where the word starting at byte bi (code
// point ci) of s ends: letters and digits, inner hyphens and apostrophes ("Zapad-2025",
// "O’Brien") and the marks of numbers ("2,500").
func wordEnd(s string, bi, ci int, placeWord func(string) bool) (int, int) {
	bj, cj := bi, ci
	for bj < len(s) {
		// A run of ASCII letters and digits, most of any word, costs a table load a byte.
		run := bj
		for bj < len(s) && byteClass[s[bj]]&classWord != 0 {
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
		if c == '-' && 'a' <= next && next <= 'z' && placeSuffixAt(s, bj+n) {
			break // "Tapa-based": the place, then "based"
		}
		if isHyphen(c) && isWordRune(next) && !splitHyphen(s[bi:bj], next, placeWord) && !placePair(s, bi, bj, bj+n, next, placeWord) {
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
