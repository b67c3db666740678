package eval

import (
	"fmt"
	"io"
	"slices"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// Category is one thing the scorer counts.
type Category int

// The categories, in report order.
const (
	Entities     Category = iota // gold entities found with an acceptable type; extra entities
	Statements                   // gold statement texts found; extra statements
	Attribution                  // among found statements, the speaker resolved right
	Exercises                    // gold exercises found by name; extra exercises
	Participants                 // among found exercises, participants
	Host                         // among found exercises, the host
	Month                        // among found exercises, the month the period starts in
	NumCategories
)

var categoryNames = [NumCategories]string{"entities", "statements", "attribution", "exercises", "participants", "host", "start month"}

func (c Category) String() string { return categoryNames[c] }

// Count is true positives, false positives and false negatives.
type Count struct{ TP, FP, FN int }

// Precision is TP/(TP+FP), 1 when nothing was found.
func (c Count) Precision() float64 { return ratio(c.TP, c.TP+c.FP) }

// Recall is TP/(TP+FN), 1 when nothing was expected.
func (c Count) Recall() float64 { return ratio(c.TP, c.TP+c.FN) }

// F1 is the harmonic mean of precision and recall.
func (c Count) F1() float64 {
	p, r := c.Precision(), c.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

// Score is a count per category.
type Score [NumCategories]Count

// Add adds o's counts to s.
func (s *Score) Add(o Score) {
	for i := range s {
		s[i].add(o[i])
	}
}

// Micro sums every category's counts: the micro-averaged F1 is Micro().F1().
func (s Score) Micro() Count {
	var m Count
	for _, c := range s {
		m.add(c)
	}
	return m
}

// KindCount is the statements of one kind and, among the gold ones found, their attribution,
// counted as the Statements and Attribution categories are.
type KindCount struct{ Statements, Attribution Count }

// ByKind splits the Statements and Attribution categories by statement kind: direct quotes and
// reported (indirect) speech. A gold statement found counts toward its own kind, whatever kind
// the extractor gave it; an extra statement counts toward the kind the extractor gave it. The
// Score's totals are unchanged by the split.
type ByKind struct{ Direct, Indirect KindCount }

// Of returns the counts of kind ("direct" or "indirect"), nil for any other kind.
func (b *ByKind) Of(kind string) *KindCount {
	switch facts.StatementKind(kind) {
	case facts.Direct:
		return &b.Direct
	case facts.Indirect:
		return &b.Indirect
	}
	return nil
}

// Add adds o's counts to b.
func (b *ByKind) Add(o ByKind) {
	b.Direct.add(o.Direct)
	b.Indirect.add(o.Indirect)
}

func (k *KindCount) add(o KindCount) {
	k.Statements.add(o.Statements)
	k.Attribution.add(o.Attribution)
}

func (c *Count) add(o Count) {
	c.TP += o.TP
	c.FP += o.FP
	c.FN += o.FN
}

// Result is one article's score and, in words, each miss and each extra.
type Result struct {
	Name   string
	Score  Score
	ByKind ByKind // Statements and Attribution split by kind
	Misses []string
}

// Article scores extraction x of case c. Optional gold items are neither required nor wrong:
// what matches them is not counted. Attribution is counted over the gold statements found
// that name a speaker: a right speaker is a true positive, a wrong one a false positive and a
// false negative, none a false negative. Host and month work the same way over the gold
// exercises found. Result.ByKind splits statements and attribution by kind.
func Article(c Case, x facts.Extraction) Result {
	g := c.Gold
	r := Result{Name: c.Name}
	s := &r.Score
	miss := func(cat Category, format string, args ...any) {
		r.Misses = append(r.Misses, cat.String()+": "+fmt.Sprintf(format, args...))
	}
	byID := map[string]facts.Entity{}
	for _, e := range x.Entities {
		byID[e.ID] = e
	}

	// Entities.
	used := make([]bool, len(x.Entities)) // matched some gold entity (counted or optional)
	for _, ge := range g.Entities {
		found, told := false, false
		for i, e := range x.Entities {
			if !EntityMatches(e, ge) {
				continue
			}
			if ge.Optional {
				used[i] = true
				continue
			}
			if used[i] {
				continue // one entity for two gold things: the second is missed
			}
			if !found && slices.Contains(ge.Types, string(e.Type)) {
				found = true
				used[i] = true
				s[Entities].TP++
			} else if !found {
				told = true
				miss(Entities, "%s found as %s %q, want %v", ge.Key, e.Type, e.Name, ge.Types)
			} else {
				used[i] = true
				s[Entities].FP++
				miss(Entities, "%s split: also %q", ge.Key, e.Name)
			}
		}
		if !found && !ge.Optional {
			s[Entities].FN++
		}
		if !found && !ge.Optional && !told {
			miss(Entities, "%s not found (%q)", ge.Key, ge.Names)
		}
	}
	for i, e := range x.Entities {
		if !used[i] {
			s[Entities].FP++
			miss(Entities, "extra %s %q", e.Type, e.Name)
		}
	}

	// Statements and their attribution, counted by kind (none for a kind that is neither), then
	// summed.
	var none KindCount
	kindOf := func(kind string) *KindCount {
		if k := r.ByKind.Of(kind); k != nil {
			return k
		}
		return &none
	}
	claimed := map[string]bool{}
	for _, gs := range g.Statements {
		cands := StatementCandidates(x.Statements, gs)
		for _, parts := range cands {
			for _, p := range parts {
				claimed[p.ID] = true
			}
		}
		if gs.Optional {
			continue
		}
		k := kindOf(gs.Kind)
		if len(cands) == 0 {
			k.Statements.FN++
			miss(Statements, "missing %s %q", gs.Kind, gs.Text)
			continue
		}
		k.Statements.TP++
		if len(gs.Speakers()) == 0 && len(gs.SpeakerNames) == 0 {
			continue
		}
		right, named := false, false
		for _, parts := range cands {
			right = right || SpeakerRight(g, byID, parts, gs)
			named = named || slices.ContainsFunc(parts, func(p facts.Statement) bool { return p.SpeakerID != "" || p.SpeakerText != "" })
		}
		switch {
		case right:
			k.Attribution.TP++
		case named:
			k.Attribution.FP++
			k.Attribution.FN++
			miss(Attribution, "%q by %q (%s), want %v %q", gs.Text, cands[0][0].SpeakerText, cands[0][0].SpeakerID, gs.Speakers(), gs.SpeakerNames)
		default:
			k.Attribution.FN++
			miss(Attribution, "%q has no speaker, want %v", gs.Text, gs.Speakers())
		}
	}
	for _, st := range x.Statements {
		if !claimed[st.ID] {
			kindOf(string(st.Kind)).Statements.FP++
			miss(Statements, "extra %s %q by %q", st.Kind, st.Text, st.SpeakerText)
		}
	}
	// The totals are the kinds' sums, none included.
	for _, k := range []KindCount{r.ByKind.Direct, r.ByKind.Indirect, none} {
		s[Statements].add(k.Statements)
		s[Attribution].add(k.Attribution)
	}

	// Exercises and their details.
	xused := make([]bool, len(x.Exercises))
	for _, gx := range g.Exercises {
		var matches []int
		for i, ex := range x.Exercises {
			if ExerciseMatches(ex, gx) {
				matches = append(matches, i)
				xused[i] = true
			}
		}
		if gx.Optional {
			continue
		}
		if len(matches) == 0 {
			s[Exercises].FN++
			miss(Exercises, "missing %q", gx.Names)
			continue
		}
		s[Exercises].TP++
		if len(matches) > 1 {
			s[Exercises].FP += len(matches) - 1
			miss(Exercises, "%q found %d times", gx.Names[0], len(matches))
		}
		ex := x.Exercises[matches[0]]
		for _, key := range gx.Participants {
			if slices.ContainsFunc(ex.ParticipantIDs, func(id string) bool { return Resolves(g, byID, id, []string{key}) }) {
				s[Participants].TP++
			} else {
				s[Participants].FN++
				miss(Participants, "%q lacks %s", gx.Names[0], key)
			}
		}
		allowed := slices.Concat(gx.Participants, gx.OptionalParticipants)
		for _, id := range ex.ParticipantIDs {
			if !Resolves(g, byID, id, allowed) {
				s[Participants].FP++
				miss(Participants, "%q has extra %s", gx.Names[0], id)
			}
		}
		if hosts := gx.Hosts(); len(hosts) > 0 {
			switch {
			case Resolves(g, byID, ex.HostID, hosts):
				s[Host].TP++
			case ex.HostID != "":
				s[Host].FP++
				s[Host].FN++
				miss(Host, "%q hosted by %s, want %v", gx.Names[0], ex.HostID, hosts)
			default:
				s[Host].FN++
				miss(Host, "%q has no host, want %v", gx.Names[0], hosts)
			}
		}
		if gx.Month != "" {
			switch {
			case ex.Period != nil && ex.Period.Start.String()[:7] == gx.Month:
				s[Month].TP++
			case ex.Period != nil:
				s[Month].FP++
				s[Month].FN++
				miss(Month, "%q starts %s (%q), want %s", gx.Names[0], ex.Period.Start, ex.Period.Text, gx.Month)
			default:
				s[Month].FN++
				miss(Month, "%q has no period, want %s", gx.Names[0], gx.Month)
			}
		}
	}
	for i, ex := range x.Exercises {
		if !xused[i] {
			s[Exercises].FP++
			miss(Exercises, "extra %q (aliases %q)", ex.Name, ex.Aliases)
		}
	}
	return r
}

// Report writes a table of precision, recall and F1 per category and the micro average.
func Report(w io.Writer, s Score) {
	fmt.Fprintf(w, "%-13s %5s %5s %5s %9s %7s %6s\n", "category", "tp", "fp", "fn", "precision", "recall", "f1")
	row := func(name string, c Count) {
		fmt.Fprintf(w, "%-13s %5d %5d %5d %9.3f %7.3f %6.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for i, c := range s {
		row(Category(i).String(), c)
	}
	row("micro", s.Micro())
}

// ReportByKind writes, for direct quotes and for reported (indirect) speech, the statements'
// precision, recall and F1 and, on a second row, the speaker: its recall is the share of the
// gold statements found (that name a speaker) whose speaker is right, its precision the share
// right among those given a speaker.
func ReportByKind(w io.Writer, b ByKind) {
	fmt.Fprintf(w, "%-17s %5s %5s %5s %9s %7s %6s\n", "by kind", "tp", "fp", "fn", "precision", "recall", "f1")
	row := func(name string, c Count) {
		fmt.Fprintf(w, "%-17s %5d %5d %5d %9.3f %7.3f %6.3f\n", name, c.TP, c.FP, c.FN, c.Precision(), c.Recall(), c.F1())
	}
	for _, k := range []struct {
		name string
		c    KindCount
	}{{"direct", b.Direct}, {"indirect", b.Indirect}} {
		row(k.name, k.c.Statements)
		row(k.name+" speaker", k.c.Attribution)
	}
}
