package postgres

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// fold returns the form of a name used for matching and search: facts.Fold of its
// compatibility decomposition, so that accents come off ("Côte d’Ivoire" → "cote divoire")
// and full-width letters fold. Queries fold the same way, so what a user types meets what
// was stored.
func fold(s string) string { return facts.Fold(norm.NFKD.String(s)) }

// appendFoldASCII appends fold(s) to b when s is ASCII, where the decomposition changes nothing
// and facts.Fold keeps letters and digits, lower-cased, leaves out apostrophes and full stops,
// and puts one space between words; ok is false, and b unchanged, for any other s. It
// allocates nothing when b has room: an entity list compares every name of 50 entities with
// their canonical names, and fold's two new strings a name were a tenth of its CPU.
func appendFoldASCII(b []byte, s string) (_ []byte, ok bool) {
	start, space := len(b), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return b[:start], false
		case c == '\'' || c == '.':
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
			if space && len(b) > start {
				b = append(b, ' ')
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			space = true
		}
	}
	return b, true
}

// snippetWidth is how many code points of context a mention snippet aims for.
const snippetWidth = 160

// snippet returns the sentence of body (a slice of code points) that holds [start, end), or,
// when that sentence is long, about snippetWidth code points around the span with "…" where
// text was cut. It never splits a code point.
func snippet(body []rune, start, end int) string {
	if start < 0 || end > len(body) || start >= end {
		return ""
	}
	from, to := start, end
	for from > 0 && !sentenceBreak(body, from-1) {
		from--
	}
	for to < len(body) && !sentenceBreak(body, to-1) {
		to++
	}
	if to-from <= snippetWidth+snippetWidth/2 {
		return strings.TrimSpace(string(body[from:to]))
	}
	pad := max((snippetWidth-(end-start))/2, 0)
	from, to = max(start-pad, from), min(end+pad, to)
	// Narrow to word boundaries so the cut never lands inside a word.
	for from > 0 && from < start && !unicode.IsSpace(body[from-1]) {
		from++
	}
	for to < len(body) && to > end && !unicode.IsSpace(body[to]) {
		to--
	}
	s := strings.TrimSpace(string(body[from:to]))
	if from > 0 && !sentenceBreak(body, from-1) {
		s = "…" + s
	}
	if to < len(body) && !sentenceBreak(body, to-1) {
		s += "…"
	}
	return s
}

// sentenceBreak reports whether a sentence ends at body[i]: a line break, or terminal
// punctuation (possibly followed by a closing quote) before a space.
func sentenceBreak(body []rune, i int) bool {
	r := body[i]
	if r == '\n' {
		return true
	}
	if r == '”' || r == '"' || r == '’' || r == ')' {
		if i == 0 {
			return false
		}
		r = body[i-1]
	}
	if r != '.' && r != '!' && r != '?' {
		return false
	}
	return i+1 == len(body) || unicode.IsSpace(body[i+1])
}
