package postgres

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// fold returns the form of a name used for matching and search: facts.Fold of its
// compatibility decomposition, so that accents come off ("Côte d’Ivoire" → "cote divoire")
// and full-width letters fold. Queries fold the same way, so what a user types meets what
// was stored.
func fold(s string) string { return facts.Fold(norm.NFKD.String(s)) }

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
