package eval

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// FoldName applies the gold matching rules to a name: NFC, case, curly quotes, possessive
// ’s, a leading article, and hyphens versus spaces; surrounding quotes and commas are dropped
// because an extractor may or may not keep the marks around “Kestrel-2031”.
func FoldName(s string) string {
	s = strings.ToLower(norm.NFC.String(s))
	s = strings.NewReplacer("’", "'", "‘", "'", "“", `"`, "”", `"`, "«", `"`, "»", `"`).Replace(s)
	var words []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || isDash(r) }) {
		w = strings.TrimFunc(w, func(r rune) bool { return strings.ContainsRune(`"',;:()[]`, r) })
		if base, ok := strings.CutSuffix(w, "'s"); ok && base != "" {
			w = base
		} else if base, ok := strings.CutSuffix(w, "s'"); ok && base != "" {
			w = base + "s"
		}
		if w != "" {
			words = append(words, w)
		}
	}
	if len(words) > 1 && (words[0] == "the" || words[0] == "a" || words[0] == "an") {
		words = words[1:]
	}
	return strings.Join(words, " ")
}

func isDash(r rune) bool {
	return r == '-' || r == '‐' || r == '‑' || r == '‒' || r == '–' || r == '—'
}

// NameIn reports whether name equals one of names after folding.
func NameIn(name string, names []string) bool {
	f := FoldName(name)
	return f != "" && slices.ContainsFunc(names, func(n string) bool { return FoldName(n) == f })
}

// EntityMatches reports whether e's name or one of its aliases is one of ge's names.
func EntityMatches(e facts.Entity, ge GoldEntity) bool {
	if NameIn(e.Name, ge.Names) {
		return true
	}
	return slices.ContainsFunc(e.Aliases, func(a string) bool { return NameIn(a, ge.Names) })
}

// MatchingEntities returns the entities of got that match ge.
func MatchingEntities(got []facts.Entity, ge GoldEntity) []facts.Entity {
	var m []facts.Entity
	for _, e := range got {
		if EntityMatches(e, ge) {
			m = append(m, e)
		}
	}
	return m
}

// ExerciseMatches reports whether ex's name or one of its aliases is one of gx's names.
func ExerciseMatches(ex facts.Exercise, gx GoldExercise) bool {
	if NameIn(ex.Name, gx.Names) {
		return true
	}
	return slices.ContainsFunc(ex.Aliases, func(a string) bool { return NameIn(a, gx.Names) })
}

// TextWords folds statement text for comparison: NFC, case, quote styles; apostrophes and
// periods are dropped inside words ("U.S." → "us") and every other non-alphanumeric rune
// separates words, so texts compare equal when they differ only in punctuation and spacing
// around the words.
func TextWords(s string) []string {
	s = strings.ToLower(norm.NFC.String(s))
	var words []string
	var w strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r):
			w.WriteRune(r)
		case r == '\'' || r == '’' || r == '‘' || r == '.':
		default:
			if w.Len() > 0 {
				words = append(words, w.String())
				w.Reset()
			}
		}
	}
	if w.Len() > 0 {
		words = append(words, w.String())
	}
	return words
}

// GapMatch reports whether have is want with one run of words inserted strictly inside it:
// reported speech interrupted by its attribution ("X, according to Y, and Z"), or a split quote
// kept as one statement that contains its "she said".
func GapMatch(have, want []string) bool {
	if len(want) < 2 || len(have) <= len(want) {
		return false
	}
	p := 0
	for p < len(want) && have[p] == want[p] {
		p++
	}
	s := 0
	for s < len(want) && have[len(have)-1-s] == want[len(want)-1-s] {
		s++
	}
	return p >= 1 && s >= 1 && p+s >= len(want)
}

// FindInWords reports whether want occurs in body as a run of words, or as two runs split by a
// gap of at most maxGap words (the attribution clause).
func FindInWords(body, want []string, maxGap int) bool {
	if len(want) == 0 {
		return false
	}
	at := func(i int, w []string) bool { return i+len(w) <= len(body) && slices.Equal(body[i:i+len(w)], w) }
	for i := range body {
		if at(i, want) {
			return true
		}
		for q := 1; q < len(want); q++ {
			if !at(i, want[:q]) {
				break
			}
			for k := i + q + 1; k <= i+q+maxGap; k++ {
				if at(k, want[q:]) {
					return true
				}
			}
		}
	}
	return false
}

// Overlap is the share of want's words that occur in have.
func Overlap(have, want []string) float64 {
	if len(want) == 0 {
		return 0
	}
	n := 0
	for _, w := range want {
		if slices.Contains(have, w) {
			n++
		}
	}
	return float64(n) / float64(len(want))
}

// StatementCandidates returns the ways got holds the gold statement's text: one statement
// whose words are the text's (or the text with its attribution left inside), or two
// consecutive statements that together are the text (a quote split around "she said").
func StatementCandidates(got []facts.Statement, gs GoldStatement) [][]facts.Statement {
	want := TextWords(gs.Text)
	var candidates [][]facts.Statement
	for _, s := range got {
		have := TextWords(s.Text)
		if slices.Equal(have, want) || GapMatch(have, want) {
			candidates = append(candidates, []facts.Statement{s})
		}
	}
	sorted := slices.Clone(got)
	sort.SliceStable(sorted, func(i, j int) bool { return sorted[i].Start < sorted[j].Start })
	for i := 0; i+1 < len(sorted); i++ {
		if slices.Equal(append(TextWords(sorted[i].Text), TextWords(sorted[i+1].Text)...), want) {
			candidates = append(candidates, sorted[i:i+2])
		}
	}
	return candidates
}

// SpeakerRight reports whether every part's speaker resolves to one of the gold statement's
// speakers and its speaker text is one of the gold speaker names (each when given).
func SpeakerRight(g Gold, byID map[string]facts.Entity, parts []facts.Statement, gs GoldStatement) bool {
	for _, s := range parts {
		if keys := gs.Speakers(); len(keys) > 0 {
			sp, ok := byID[s.SpeakerID]
			if !ok || !slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.Entity(k); return EntityMatches(sp, ge) }) {
				return false
			}
		}
		if len(gs.SpeakerNames) > 0 && !NameIn(s.SpeakerText, gs.SpeakerNames) {
			return false
		}
	}
	return true
}

// StatementProblems lists how the statement parts found for gs differ from it: kind, speaker,
// speaker text and day.
func StatementProblems(g Gold, byID map[string]facts.Entity, parts []facts.Statement, gs GoldStatement) []string {
	var p []string
	for _, s := range parts {
		if string(s.Kind) != gs.Kind {
			p = append(p, fmt.Sprintf("%s is %s, want %s", s.ID, s.Kind, gs.Kind))
		}
		if keys := gs.Speakers(); len(keys) > 0 {
			sp, ok := byID[s.SpeakerID]
			if !ok || !slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.Entity(k); return EntityMatches(sp, ge) }) {
				p = append(p, fmt.Sprintf("%s speaker_id %q (speaker_text %q), want %v", s.ID, s.SpeakerID, s.SpeakerText, keys))
			}
		}
		if len(gs.SpeakerNames) > 0 && !NameIn(s.SpeakerText, gs.SpeakerNames) {
			p = append(p, fmt.Sprintf("%s speaker_text %q, want one of %q", s.ID, s.SpeakerText, gs.SpeakerNames))
		}
	}
	if gs.SaidOn != "" {
		if s := parts[0]; s.SaidOn == nil || s.SaidOn.String() != gs.SaidOn {
			p = append(p, fmt.Sprintf("%s said_on %v, want %s", s.ID, s.SaidOn, gs.SaidOn))
		}
	}
	return p
}

// Resolves reports whether entity id is one of the gold entities keys name.
func Resolves(g Gold, byID map[string]facts.Entity, id string, keys []string) bool {
	e, ok := byID[id]
	return ok && slices.ContainsFunc(keys, func(k string) bool { ge, _ := g.Entity(k); return EntityMatches(e, ge) })
}

// ShortName is the first five words of s, joined by underscores: a subtest name.
func ShortName(s string) string {
	w := TextWords(s)
	if len(w) > 5 {
		w = w[:5]
	}
	return strings.Join(w, "_")
}
