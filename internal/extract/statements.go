package extract

import (
	"cmp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// stmt is a statement being gathered. from and to are content tokens; a and b code points.
type stmt struct {
	from, to    int
	a, b        int
	speaker     *ent
	speakerText string
	kind        facts.StatementKind
	verb        string
	saidOn      *facts.Date
	para        int
	attrEnd     int // token after the attribution, for quotes continued after it
	// How the speaker was named, for resolving it against the statements before it once
	// all are found (resolveSpeakers): a role no entity holds ("the minister"), or a
	// pronoun that opens sentence pronSent-1 ("He promised …"), of gender pronoun.
	role     bool
	roleWord string // the role's last word ("judge"), which a speaker's known title must hold
	pronoun  byte
	pronSent int
	pronPara bool // the pronoun is the speaker only when the report before is in its paragraph
	itSent   int  // "It said …" opens sentence itSent-1: the organization that spoke last
	// inst is the head noun of "the company", "the statement": it stands for the
	// organization that spoke last (resolveSpeakers).
	inst string
	// nounOrg: "the fund" stands for the organization the text called a fund, which no
	// later resolution replaces.
	nounOrg bool
}

// maxNP bounds how far the rules look for a speaker, which keeps them linear.
const maxNP = 8

// readStatements is the statements stage: it reads the text, the names and the entities,
// and returns the statements it finds.
func readStatements(t *text, nm *names, en *entities) *statements {
	sc, n := t.sc, len(t.toks)
	d := &sc.statements
	*d = statementStage{text: t, names: nm, entities: en, statements: statements{
		attrib: sc.flags[n : 2*n : 2*n], used: sc.flags[2*n:], stmts: sc.stmts[:0],
	}}
	d.findStatements()
	return &d.statements
}

// findStatements finds direct quotes first, then reported speech in the sentences they leave.
func (d *statementStage) findStatements() {
	d.directQuotes()
	d.transcriptLines()
	d.interviewLines()
	d.markUsed()
	used := d.used
	for i, a := range d.attrib {
		if a {
			used[i] = true
		}
	}
	for _, s := range d.sents {
		// Reported speech is looked for up to the first quotation or attribution: "Ciobanu
		// said S, adding: “Q.”" still reports S.
		end := s.from
		for _, u := range used[s.from:s.to] {
			if u {
				break
			}
			end++
		}
		from := s.from
		if end == s.from || !strings.ContainsAny(d.body[d.toks[s.from].b0:d.toks[end-1].b1], ":;") {
			d.reported(from, end) // no colon: one clause, nearly always
		} else {
			none, colon := true, false // the clauses so far report nothing; the last ended at a colon
			cont := -1                 // the statement a colon ended: "NP said S1: S2"
			for i := s.from; i <= end; i++ {
				// A colon or semicolon outside quotes ends a clause: "Berg says Norway will
				// send troops: ...", "S, the ministry said; it gave no cost."
				if i == end || ((d.tx(i) == ":" || d.tx(i) == ";") && d.quoted[i] < 0) {
					n := len(d.stmts)
					d.reported(from, i)
					if cont >= 0 && len(d.stmts) == n && !d.speakerAgain(from, i) {
						// "She said the race had been the hardest of her career: her calves
						// cramped twice.": a clause after the colon that reports nothing
						// of its own and does not turn to the speaker ("…: the minister
						// spoke in Oslo") runs the report on.
						if to := d.clauseEnd(from, i); d.words(from, to) >= 2 {
							st := &d.stmts[cont]
							for to > from && d.toks[to-1].Kind == gazetteer.Punct && (d.tx(to-1) == "," || d.tx(to-1) == ";" || d.tx(to-1) == ":") {
								to--
							}
							st.to, st.b = to, int(d.toks[to-1].End)
						}
					}
					cont = -1
					if k := len(d.stmts) - 1; i < end && d.tx(i) == ":" && k >= n && d.stmts[k].to == i && d.stmts[k].attrEnd <= d.stmts[k].from {
						cont = k
					}
					if none && colon && len(d.stmts) == n+1 && d.stmts[n].from <= from+1 && d.stmts[n].attrEnd > d.stmts[n].to {
						// "The exercise is held in two phases: a naval phase …, the General
						// Staff said.": an attribution that ends the sentence reports the
						// words before the colon too.
						st := &d.stmts[n]
						st.from, st.a = s.from, int(d.toks[s.from].Start)
					}
					none = none && len(d.stmts) == n
					colon = i < end && d.tx(i) == ":"
					from = i + 1
				}
			}
		}
		// "NP called the plan “Q” and urged X to Z", "“A,” she said, and added that S": a
		// speech verb right after a conjunction that follows a statement is its speaker's.
		for i := end; i+2 < s.to; i++ {
			if used[i] || used[i+1] || !d.inR(i, gazetteer.RoleClauseConjunctions) || d.quoted[i+1] >= 0 {
				continue
			}
			n := d.speechAt(i + 1)
			if n == 0 || d.inL(i+1, gazetteer.ListThatVerbs) || d.inR(i+1+n, gazetteer.RoleInfinitiveMarkers) && !d.inR(i+1+n-1, gazetteer.RolePromiseVerbs) {
				continue
			}
			prev := d.lastEndingBefore(i)
			if prev == nil {
				continue
			}
			k := prev.to
			for k < i && (used[k] || d.toks[k].Kind == gazetteer.Punct) {
				k++
			}
			if k < i {
				continue // words between: another clause
			}
			j := d.nextUsed(i, s.to)
			w := i + 1 + n
			st := stmt{speaker: prev.speaker, speakerText: prev.speakerText, verb: strings.ToLower(d.spanText(i+1, w)), saidOn: prev.saidOn, inst: prev.inst, nounOrg: prev.nounOrg, role: prev.role}
			from := d.thatClause(w, j)
			if d.inR(i+1, gazetteer.RoleTellingVerbs) {
				if c := d.find(w, j, gazetteer.RoleComplementizers, maxNP); c >= 0 {
					from = c + 1
				}
			}
			for x := i; x < from; x++ {
				d.attrib[x] = true
			}
			d.addReported(st, from, d.clauseEnd(from, j))
			i = j
		}
		// "“A,” Dendias said, adding that S.": S is the quoted speaker's too.
		for i := end; i+2 < s.to; i++ {
			if used[i] || !d.is(i, ",") || !d.inL(i+1, gazetteer.ListReportingParticiples) || used[i+1] {
				continue
			}
			j := d.nextUsed(i, s.to)
			if prev := d.lastStmtBefore(i); prev != nil {
				k := i + 2
				if d.inR(k, gazetteer.RoleComplementizers) {
					k++
				}
				d.addReported(stmt{speaker: prev.speaker, speakerText: prev.speakerText, verb: d.lo(i + 1), saidOn: prev.saidOn, inst: prev.inst, nounOrg: prev.nounOrg, role: prev.role}, k, j)
			}
			i = j
		}
	}
	sortStable(d.stmts, func(x, y stmt) int { return cmp.Compare(x.a, y.a) })
	d.resolveSpeakers()
	if d.quotesAfterReports() {
		// The few added quotations go in their places.
		sortStable(d.stmts, func(x, y stmt) int { return cmp.Compare(x.a, y.a) })
	}
}

// speakerAgain reports whether the clause [from, to) turns to a person: it opens with "he"
// or "she", a person's name, or a title ("the minister").
func (d *statementStage) speakerAgain(from, to int) bool {
	if from >= to {
		return false
	}
	if d.inR(from, gazetteer.RolePersonalPronouns) {
		return true
	}
	if m, ok := d.mentionAt(from); ok && m.e.typ == facts.Person {
		return true
	}
	k := from
	if d.inL(k, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) {
		k++
	}
	return d.titleLen(k) > 0
}

// markUsed marks the tokens of every statement found so far as used.
func (d *statementStage) markUsed() {
	for _, st := range d.stmts {
		for i := st.from; i < st.to; i++ {
			d.used[i] = true
		}
	}
}

// nextUsed returns the first used token after i, or to.
func (d *statementStage) nextUsed(i, to int) int {
	j := i + 1
	for j < to && !d.used[j] {
		j++
	}
	return j
}

// lastEndingBefore returns the statement that ends last at or before token i, nil when none
// does. Unlike lastStmtBefore it looks at every statement: direct quotes come first in
// d.stmts, out of text order with the reports found after them.
func (d *statementStage) lastEndingBefore(i int) *stmt {
	var prev *stmt
	for k := range d.stmts {
		if st := &d.stmts[k]; st.to <= i && (prev == nil || st.to > prev.to) {
			prev = st
		}
	}
	return prev
}

// quotesAfterReports attributes a quotation that is a sentence of its own, with no
// attribution, to the speaker of the statement just before it in its paragraph: "Rina
// Saputri, a nurse, said the ward was full. “We are treating people in the car park." It
// reports whether it added any. The statements are in text order.
func (d *statementStage) quotesAfterReports() bool {
	d.markUsed()
	used := d.used
	n := len(d.stmts)
	for _, q := range d.quotes {
		ps := d.paras[q.para]
		if q.open < 0 || q.open == ps.from || q.from >= q.to || used[q.from] || used[q.open] || d.words(q.from, q.to) < 2 {
			continue
		}
		if si := d.sentenceOf(q.open); si >= len(d.sents) || d.sents[si].from != q.open {
			continue // a quotation inside a sentence is a phrase of it
		}
		if q.close >= 0 {
			k := q.close + 1
			for k < ps.to && d.toks[k].Kind == gazetteer.Punct {
				k++
			}
			if k < ps.to {
				if si := d.sentenceOf(k); si >= len(d.sents) || d.sents[si].from != k {
					continue // words after the quotation in its sentence: not the whole sentence
				}
			}
		}
		// The statement just before, in the same paragraph, among those found so far.
		a := int(d.toks[q.open].Start)
		k := sort.Search(n, func(k int) bool { return d.stmts[k].a >= a }) - 1
		if k < 0 {
			continue
		}
		prev := d.stmts[k]
		if prev.speaker == nil || prev.from < ps.from || prev.to > q.open {
			continue
		}
		between := false
		for i := prev.to; i < q.open; i++ {
			if d.quoted[i] >= 0 || used[i] && !d.attrib[i] {
				between = true
				break
			}
		}
		if between {
			continue
		}
		from, to := q.from, q.to
		if d.tx(to-1) == "," {
			to--
		}
		st := prev
		st.from, st.to = from, to
		st.a, st.b = int(d.toks[from].Start), int(d.toks[to-1].End)
		st.kind, st.para, st.attrEnd = facts.Direct, q.para, q.to
		d.stmts = append(d.stmts, st)
	}
	return len(d.stmts) > n
}

// transcriptLines turns the lines of a transcript into direct statements, each by the
// speaker its label names (transcriptLabels, in the entities stage), with ":" as its verb.
func (d *statementStage) transcriptLines() {
	for _, l := range d.labels {
		for k := d.paras[l.para].from; k <= l.colon; k++ {
			d.attrib[k] = true
		}
		from, to := l.colon+1, d.paras[l.para].to
		st := stmt{speaker: l.speaker, speakerText: d.spanText(d.paras[l.para].from, l.colon), verb: ":", kind: facts.Direct, para: l.para, attrEnd: from}
		st.from, st.to = from, to
		st.a, st.b = int(d.toks[st.from].Start), int(d.toks[st.to-1].End)
		d.stmts = append(d.stmts, st)
	}
}

// interviewLines adds the answers of a question-and-answer interview: "A: …" is the person
// the text named first, before the first answer ("NAME, the new chief executive, spoke to the
// Tern Post"). The label is data/words/answer_labels.txt. The questions ("Q: …") are no
// statements, as reporters' questions in a briefing are not.
func (d *statementStage) interviewLines() {
	var answerer *ent
	looked := false
	for p, ps := range d.paras {
		if ps.to-ps.from < 3 || !d.is(ps.from+1, ":") || d.toks[ps.from].Kind != gazetteer.Word || !d.toks[ps.from].Cap() || d.quoted[ps.from+2] >= 0 || !d.inTerm(ps.from, gazetteer.TermAnswerLabels) {
			continue
		}
		if !looked {
			looked = true
			for _, m := range d.ments {
				if m.from >= ps.from {
					break
				}
				if m.e.typ == facts.Person {
					answerer = m.e
					break
				}
			}
		}
		if answerer == nil {
			return
		}
		st := stmt{speaker: answerer, speakerText: d.tx(ps.from), verb: ":", kind: facts.Direct, para: p, attrEnd: ps.from + 2}
		d.attrib[ps.from], d.attrib[ps.from+1] = true, true
		st.from, st.to = ps.from+2, ps.to
		st.a, st.b = int(d.toks[st.from].Start), int(d.toks[st.to-1].End)
		d.stmts = append(d.stmts, st)
	}
}

// lastStmtBefore returns, among the last four statements found, the one that ends last at or
// before token i, or nil (lastEndingBefore looks at them all).
func (d *statementStage) lastStmtBefore(i int) *stmt {
	var best *stmt
	for k := len(d.stmts) - 1; k >= 0 && len(d.stmts)-k <= 4; k-- {
		if st := &d.stmts[k]; st.to <= i && (best == nil || st.to > best.to) {
			best = st
		}
	}
	return best
}

// directQuotes turns attributed quotations into direct statements.
func (d *statementStage) directQuotes() {
	var prev *stmt
	prevOpen := false   // prev's quotation ran to the end of its paragraph without a closing mark
	var pending []quote // open-ended paragraphs waiting for the attributed end of the quotation
	// openEnded adds the statement s for the quotation q, which has no closing mark in its
	// paragraph: it runs to the paragraph's end, and the next paragraph's opening mark goes on
	// with it.
	openEnded := func(s stmt, q quote) {
		s.from, s.to = q.from, q.to
		for s.to > s.from && d.toks[s.to-1].Kind == gazetteer.Punct && !d.endAt(s.to-1) {
			s.to--
		}
		if s.to == s.from {
			return
		}
		s.a, s.b = int(d.toks[s.from].Start), int(d.toks[s.to-1].End)
		s.kind, s.para, s.attrEnd = facts.Direct, q.para, q.to
		d.stmts = append(d.stmts, s)
		prev, prevOpen = &d.stmts[len(d.stmts)-1], true
	}
	for qi := range d.quotes {
		q := d.quotes[qi]
		if q.close < 0 && q.open != d.paras[q.para].from {
			// A quotation opened after its speaker's earlier one and never closed in its
			// paragraph: "“A,” said Berg. “B." goes on speaking for Berg.
			if prev != nil && prev.para == q.para && d.continues(prev, q) && d.words(q.from, q.to) >= 2 {
				openEnded(*prev, q)
			} else if s, ok := d.attributedBefore(q); ok && q.open >= 0 && d.words(q.from, q.to) >= 2 {
				// "Berg said: “A …" with no closing mark: A goes on to the paragraph's end.
				openEnded(s, q)
			}
			continue
		}
		if q.close < 0 && prevOpen && prev.para == q.para-1 && d.words(q.from, q.to) >= 2 {
			// "“A …¶“B …": a paragraph that opens with a mark goes on with the quotation the
			// paragraph before left open.
			openEnded(*prev, q)
			continue
		}
		if q.close < 0 {
			if len(pending) > 0 && pending[len(pending)-1].para != q.para-1 {
				pending = pending[:0]
			}
			pending = append(pending, q)
			continue
		}
		from, to := q.from, q.to
		last := d.tx(to - 1)
		if last == "," || last == ":" || last == "—" || last == "–" {
			to--
		}
		if q.open > 0 && d.inL(q.open-1, gazetteer.ListNamingCues) && d.quoted[q.open-1] < 0 {
			continue // "a portrait titled “La nit de Sant Joan”": a name, not speech
		}
		var st *stmt
		if s, ok := d.calledBefore(q); ok && d.words(from, to) >= 1 {
			st = &s
		} else if d.words(from, to) < 2 {
			continue
		} else if s, ok := d.attributedAfter(q); ok {
			st = &s
		} else if s, ok := d.attributedBefore(q); ok && q.open >= 0 {
			st = &s
		} else if prev != nil && q.open >= 0 && d.continues(prev, q) {
			s := *prev
			s.saidOn = prev.saidOn
			st = &s
			st.attrEnd = q.close + 1
		} else {
			continue
		}
		st.from, st.to = from, to
		st.a, st.b = int(d.toks[from].Start), int(d.toks[to-1].End)
		st.kind = facts.Direct
		st.para = q.para
		d.stmts = append(d.stmts, *st)
		prev, prevOpen = &d.stmts[len(d.stmts)-1], false
		if n := len(pending); n > 0 && pending[n-1].para == q.para-1 && q.open == d.paras[q.para].from {
			last := len(d.stmts) - 1
			for _, pq := range pending {
				if d.words(pq.from, pq.to) < 2 {
					continue
				}
				ps := d.stmts[last]
				ps.from, ps.to, ps.para = pq.from, pq.to, pq.para
				ps.a, ps.b = int(d.toks[pq.from].Start), int(d.toks[pq.to-1].End)
				d.stmts = append(d.stmts, ps)
			}
			prev = &d.stmts[last]
		}
		pending = pending[:0]
	}
}

// words counts word tokens in [from, to).
func (d *text) words(from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		if d.toks[i].Kind == gazetteer.Word {
			n++
		}
	}
	return n
}

// continues reports whether quote q carries on the speech of prev: "“A,” she said. “B.”", or a
// paragraph that is all quote after a paragraph that ended in a quote.
func (d *statementStage) continues(prev *stmt, q quote) bool {
	if si := d.sentenceOf(q.open); si >= len(d.sents) || d.sents[si].from != q.open {
		return false // a quotation inside a sentence is a phrase of it, not more of the speech
	}
	if prev.para == q.para {
		for i := prev.attrEnd; i < q.open; i++ {
			if d.toks[i].Kind == gazetteer.Word {
				return false
			}
		}
		return prev.attrEnd <= q.open
	}
	ps := d.paras[q.para]
	if prev.para != q.para-1 || q.open != ps.from {
		return false
	}
	for i := q.close + 1; i < ps.to; i++ {
		if d.toks[i].Kind == gazetteer.Word {
			return false
		}
	}
	return true
}

// attributedAfter matches a quote followed by its attribution: "…,” the ministry said." or
// "…,” said Berg.".
func (d *statementStage) attributedAfter(q quote) (stmt, bool) {
	end := d.paras[q.para].to
	a := q.close + 1
	if d.tx(a) == "'" && d.toks[a].Start == d.toks[q.close].End {
		a++ // the outer apostrophe of a doubled closing mark
	}
	if isDash(d.tx(a)) && d.toks[a].Start > d.toks[a-1].End {
		// "“…” ― Jane Roe": the speaker after a dash, to the paragraph's end or a comma.
		k := a + 1
		for k < end && k-a <= maxNP && (d.toks[k].Kind == gazetteer.Word || d.abbrevDot(k)) {
			k++
		}
		if e, _ := d.speaker(a+1, k); e != nil && (k == end || d.is(k, ",") || d.endAt(k)) {
			return d.attribution(a+1, k, a, a+1, k), true
		}
	}
	last := d.tx(q.to - 1)
	if d.is(a, ",") {
		a++
	} else if last != "," && !isEnd(last) {
		return stmt{}, false
	}
	// "“…,” according to her coach, NAME.": the source after the quotation is its speaker.
	if d.inL(a, gazetteer.ListSourceCues) && d.inR(a+1, gazetteer.RoleSourceCueParticles) {
		if y := d.sentenceEnd(a+2, end); y > a+2 && d.endAt(y) {
			if e, _ := d.speaker(a+2, y); e != nil {
				return d.attribution(a+2, y, a, a+2, y), true
			}
		}
	}
	// "“…,” the statement read.": a document's own verb.
	if d.inL(a, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) && d.inL(a+1, gazetteer.ListDocumentNouns) && d.inTerm(a+2, gazetteer.TermDocumentVerbs) && (a+3 == end || d.endAt(a+3)) {
		return d.attribution(a, a+2, a+2, a+3, a+3), true
	}
	// Verb first: "said Berg", "said the ministry".
	if n := d.speechAt(a); n > 0 && !d.inL(a, gazetteer.ListSourceCues) {
		b := a + n
		np := b
		for np < end && np-b < maxNP && (d.toks[np].Kind != gazetteer.Punct || d.abbrevDot(np)) && !d.inR(np, gazetteer.RolePhraseEndPrepositions) {
			np++
		}
		if np == b {
			return stmt{}, false
		}
		if m, ok := d.mentionAt(np + 1); ok && d.is(np, ",") && m.from == np+1 && m.e.typ == facts.Person && (d.is(m.to, ",") || m.to == end || d.endAt(m.to)) {
			np = m.to // "said the company's chief executive, Anne Kessler, in an interview"
		}
		return d.attribution(b, np, a, b, d.sentenceEnd(np, end)), true
	}
	for x := a; x < end && x-a <= 3*maxNP; x++ {
		t := d.toks[x]
		if t.Kind == gazetteer.Punct && (d.endAt(x) && !d.abbrevDot(x) || d.quoteAt(x)) {
			break
		}
		n := d.speechAt(x)
		if n == 0 && x > a && d.inTerm(x, gazetteer.TermQuoteVerbs) && (x+1 == end || d.endAt(x+1) || d.is(x+1, ",")) {
			n = 1 // "“…,” he continued.": a verb that reports only a quotation before it
		}
		if n > 0 && x > a {
			if d.inL(x-1, gazetteer.ListPersonalRelatives|gazetteer.ListThingRelatives) {
				continue // "one worker, who asked not to be named, told the paper"
			}
			if x-a > maxNP && d.subject(x, a) != a {
				break // too far for a speaker, unless an apposition explains the distance
			}
			if d.boundary(a) || d.thatClause(x+n, end) > x+n {
				// "…,” while the ministry warned that S" and "…,” and promised that S": a
				// new clause that reports S, not the attribution of the quotation before it.
				break
			}
			return d.attribution(a, x, x, x+n, d.sentenceEnd(x+n, end)), true
		}
	}
	return stmt{}, false
}

// calledBefore matches "NP called the plan “a shell game”": a quotation right after a
// calling verb and its short object is the subject's, however short.
func (d *statementStage) calledBefore(q quote) (stmt, bool) {
	if q.open < 0 || q.close < 0 {
		return stmt{}, false
	}
	start := d.paras[q.para].from
	for k := q.open - 1; k > start && q.open-k <= maxNP; k-- {
		if t := d.toks[k]; t.Kind != gazetteer.Word && t.Kind != gazetteer.Possessive || d.quoted[k] >= 0 {
			return stmt{}, false
		}
		if !d.inR(k, gazetteer.RoleCallingVerbs) {
			continue
		}
		if k+1 == q.open {
			return stmt{}, false // "the so-called “…”" and "a group called “…”" name, not speak
		}
		v := d.auxStart(k)
		a, np := d.subject(v, start), v
		from := d.sents[d.sentenceOf(v)].from
		f, t := d.firstActor(from, v)
		if a == v && d.is(v-1, ",") && f >= 0 && !strings.ContainsRune(d.body[d.toks[from].b0:d.toks[f].b0], ',') {
			// "Dr. NAME, a surgeon in Albuquerque who was not involved, called": the
			// sentence's first actor, when it opens the sentence.
			a, np = f, t
		}
		if a == v || f >= 0 && f < a {
			// The subject is the sentence's first actor: in "X condemned what he called
			// “…”" the clause and its words are the writer's report.
			return stmt{}, false
		}
		if !d.namesSpeaker(a, np) {
			return stmt{}, false
		}
		return d.attribution(a, np, v, k+1, q.open), true
	}
	return stmt{}, false
}

// attributedBefore matches "Berg said: “…”" and "the ministry said, “…”".
func (d *statementStage) attributedBefore(q quote) (stmt, bool) {
	b := q.open - 1
	if !(d.is(b, ":") || d.is(b, ",")) {
		return stmt{}, false
	}
	start := d.paras[q.para].from
	if q.open == start && q.para > 0 {
		if !d.is(b, ":") {
			return stmt{}, false
		}
		// "Coach NAME was pleased. He said:¶“…”": a paragraph that ends in its
		// attribution and a colon introduces the quotation that opens the next.
		start = d.paras[q.para-1].from
	}
	// "State media quoted him as saying: “…”": the one quoted.
	if d.inR(b-1, gazetteer.RoleQuotingParticiples) && d.inR(b-2, gazetteer.RoleQuotingConjunctions) {
		if d.inR(b-3, gazetteer.RoleObjectPronouns) {
			d.attrib[b-1] = true
			return stmt{speaker: d.lastPerson(b-3, d.pronounGender(b-3)), speakerText: d.tx(b - 3), verb: d.lo(b - 1), attrEnd: q.open}, true
		}
		if m, ok := d.mentionAt(b - 3); ok && m.e.typ == facts.Person {
			d.attrib[b-1] = true
			return stmt{speaker: m.e, speakerText: d.spanText(m.from, m.to), verb: d.lo(b - 1), attrEnd: q.open}, true
		}
	}
	// "…, adding: “…”": the speaker is the clause's subject.
	if d.inL(b-1, gazetteer.ListReportingParticiples) && d.is(b-2, ",") {
		from := d.sents[d.sentenceOf(b)].from
		if f, t := d.firstActor(from, b-2); f >= 0 {
			// Only the participle is attribution: the clause before it is a statement of its own.
			d.attrib[b-1] = true
			e, text := d.speaker(f, t)
			return stmt{speaker: e, speakerText: text, verb: d.lo(b - 1), attrEnd: q.open}, true
		}
	}
	for x := b - 1; x >= start && b-x <= maxNP; x-- {
		t := d.toks[x]
		if t.Kind == gazetteer.Punct && (d.endAt(x) || d.quoteAt(x)) {
			break
		}
		if n := d.verbLen(x); n > 0 {
			v := d.auxStart(x)
			a := d.subject(v, start)
			if a == v {
				return stmt{}, false
			}
			return d.attribution(a, v, v, x+n, b), true
		}
	}
	// "Tom Hart was blunt: “…”", "Maria Lopez put it simply: “…”": a short clause before a
	// colon, with no speech verb, whose subject is a person, introduces that person's words.
	if d.is(b, ":") {
		from := d.sents[d.sentenceOf(b)].from
		if m, ok := d.mentionAt(from); ok && m.from == from && m.e.typ == facts.Person && b-m.to >= 1 && b-m.to <= 4 {
			for x := m.to; x < b; x++ {
				if t := d.toks[x]; t.Kind != gazetteer.Word || t.Cap() || d.owner[x] >= 0 {
					return stmt{}, false
				}
			}
			st := stmt{speaker: m.e, speakerText: d.spanText(m.from, m.to), attrEnd: q.open}
			for x := from; x < q.open; x++ {
				d.attrib[x] = true
			}
			return st, true
		}
	}
	return stmt{}, false
}

// auxStart steps back over auxiliaries before a verb at x ("has said").
func (d *statementStage) auxStart(x int) int {
	for x > 0 && x-1 >= 0 && d.inL(x-1, gazetteer.ListSpeechAuxiliaries) {
		x--
	}
	return x
}

// sentenceEnd returns the token after the full stop that ends the sentence holding token i
// (at most 3*maxNP tokens on), so that an attribution covers its apposition: "…,” said Col.
// Isaac Taylor, a spokesman for U.S. Forces Korea."
func (d *statementStage) sentenceEnd(i, end int) int {
	for j := i; j < end && j-i <= 3*maxNP; j++ {
		t := d.toks[j]
		if t.Kind == gazetteer.Punct && (d.endAt(j) && !d.abbrevDot(j) || d.quoteAt(j)) {
			return j
		}
		if d.tx(j) == "," && d.inL(j+1, gazetteer.ListReportingParticiples) {
			return j // what the speaker added is a statement of its own
		}
	}
	return i
}

// attrTail returns the end of what may follow a verb in an attribution: "on Wednesday", "in a
// statement", "told reporters", up to the sentence's end.
func (d *statementStage) attrTail(i, end int) int {
	for j := i; j < end && j-i <= 2*maxNP; j++ {
		t := d.toks[j]
		if t.Kind == gazetteer.Punct && (d.endAt(j) && !d.abbrevDot(j) || d.quoteAt(j) || d.tx(j) == ",") {
			return j
		}
	}
	return i
}

// attribution builds a statement's speaker from the noun phrase [a, b) and its verb [v, w);
// the attribution runs to token tail.
func (d *statementStage) attribution(a, b, v, w, tail int) stmt {
	for i := a; i < tail; i++ {
		d.attrib[i] = true
	}
	e, text := d.speaker(a, b)
	st := stmt{speaker: e, speakerText: text, verb: strings.ToLower(d.spanText(v, w)), saidOn: d.saidOn(a, tail), attrEnd: tail}
	st.role = e == nil && d.roleNP(a, b)
	if st.role && d.titleLen(b-1) == 1 {
		st.roleWord = d.lo(b - 1) // "the judge"; not "the 34-year-old"
	}
	if b-a == 2 && d.inL(a, gazetteer.ListDefiniteArticles|gazetteer.ListPossessiveDeterminers) && (d.inL(a+1, gazetteer.ListDocumentNouns|gazetteer.ListInstitutionNouns) || d.inR(a+1, gazetteer.RoleOrganizationNouns)) {
		st.inst = d.lo(a + 1)
		st.nounOrg = e != nil && e == d.orgOfNoun(a)
	}
	if b-a == 1 && d.inR(a, gazetteer.RoleOrganizationPronouns) {
		if k := d.sentenceOf(a); d.sents[k].from == a || d.introBefore(d.sents[k].from, a) {
			st.itSent = k + 1
		}
	}
	if b-a == 1 && d.inR(a, gazetteer.RolePersonalPronouns) {
		if k := d.sentenceOf(a); d.sents[k].from == a || d.introBefore(d.sents[k].from, a) {
			st.pronoun, st.pronSent = d.pronounGender(a), k+1
		} else if d.quoteAt(d.sents[k].from) {
			// "“…,” she said" after a report by a person in the same paragraph: that
			// speaker, not a person named inside the report.
			st.pronoun, st.pronSent, st.pronPara = d.pronounGender(a), k+1, true
		} else if q := d.quoteClosedBefore(a); q >= 0 && d.sents[d.sentenceOf(q)].from == q {
			// "“S1. S2,” he said": the quotation, not the pronoun's sentence, opens with
			// the mark.
			st.pronoun, st.pronSent, st.pronPara = d.pronounGender(a), d.sentenceOf(q)+1, true
		}
	}
	return st
}

// quoteClosedBefore returns the opening mark of the quotation that closes right before token
// a, over a comma ("“…,” he said"), or -1.
func (d *statementStage) quoteClosedBefore(a int) int {
	k := a - 1
	for k >= 0 && a-k <= 3 && d.toks[k].Kind == gazetteer.Punct {
		if qi := d.quoted[k]; qi >= 0 {
			if q := d.quotes[qi]; q.close > k && q.close < a {
				return q.open
			}
			return -1
		}
		k--
	}
	return -1
}

// introBefore reports whether [from, a) is an introductory phrase and its comma, naming no
// person: "Later, he said", "Speaking on Radio 4, she insisted".
func (d *statementStage) introBefore(from, a int) bool {
	if a-from < 2 || a-from > maxNP || !d.is(a-1, ",") {
		return false
	}
	for i := from; i < a-1; i++ {
		if m, ok := d.mentionAt(i); ok && m.e.typ == facts.Person || d.quoted[i] >= 0 || d.is(i, ",") {
			return false
		}
	}
	return true
}

// roleNP reports whether [a, b) is a role in lower case after a definite article, not a
// group: "the minister", "the head coach", "the manager".
func (d *statementStage) roleNP(a, b int) bool {
	if b-a < 2 || d.words(a, b) > 4 || !d.inL(a, gazetteer.ListDefiniteArticles) || d.groupNP(a, b) || d.bodyNP(a, b) {
		return false
	}
	if d.titleLen(a+1) == b-a-1 {
		return true // "the Deputy Prime Minister emphasized"
	}
	for i := a + 1; i < b; i++ {
		// "the head coach", "the 34-year-old": lower-case words, hyphens between
		if t := d.toks[i]; t.Kind != gazetteer.Word && !(d.is(i, "-") && i > a+1 && i+1 < b) || t.Cap() || d.owner[i] >= 0 {
			return false
		}
	}
	return true
}

// resolveSpeakers resolves, over the statements in text order, the speakers that only the
// statements before them can tell: a role no entity holds as a title ("“…,” the minister
// emphasized", "the manager told the paper") is the person who spoke last; a pronoun that
// opens a sentence right after a statement by a person of its gender is that person, the
// subject of the sentence before, rather than the last person named ("Brody, who joined
// the Corsairs in July, said S. He promised …").
func (d *statementStage) resolveSpeakers() {
	var last, lastOrg *stmt // the last statements by a person and by an organization
	for i := range d.stmts {
		st := &d.stmts[i]
		// "“…,” the company said": the organization that spoke last, when it spoke in this
		// paragraph or the two before, rather than the last one named; but an organization
		// the noun names ("the ministry" for a Ministry of Defence) goes first.
		if st.inst != "" && !st.nounOrg && !(st.speaker != nil && d.namedBy(st.speaker, st.inst)) {
			if e := d.instSpeaker(st, i); e != nil {
				st.speaker = e
			} else if lastOrg != nil && d.sents[d.sentenceOf(st.from)].para-d.sents[d.sentenceOf(lastOrg.to-1)].para <= 2 {
				st.speaker = lastOrg.speaker
			}
		}
		// "Acme said S1. The rise was approved by the European Commission. It said S2": the
		// organization that spoke last, when no other one is a sentence's subject between.
		if st.itSent > 0 && lastOrg != nil && lastOrg.speaker != st.speaker && d.sentenceOf(lastOrg.to-1) >= st.itSent-4 &&
			d.sents[st.itSent-1].para-d.sents[d.sentenceOf(lastOrg.to-1)].para <= 1 && !d.subjectOf(d.sentenceOf(lastOrg.to-1)+1, st.itSent-1, lastOrg.speaker, facts.Organization) {
			st.speaker = lastOrg.speaker
		}
		if last != nil {
			switch {
			case st.role && st.speaker == nil && d.sents[d.sentenceOf(st.from)].para-d.sents[d.sentenceOf(last.to-1)].para <= 1 &&
				(st.roleWord == "" || last.speaker.title == "" || hasWord(last.speaker.title, st.roleWord)):
				// but "The judge told …" after the manager spoke is not the manager
				st.speaker = last.speaker
			case st.pronoun != 0 && fits(last.speaker, st.pronoun) && d.sentenceOf(last.to-1) >= st.pronSent-2 &&
				(!st.pronPara || d.sents[d.sentenceOf(last.to-1)].para == d.sents[st.pronSent-1].para || d.opensAfter(st.pronSent-1, last)) &&
				!d.subjectOf(d.sentenceOf(last.to-1)+1, st.pronSent-1, last.speaker, facts.Person):
				st.speaker = last.speaker
			case st.pronoun != 0 && !st.pronPara && fits(last.speaker, st.pronoun) && d.sentenceOf(last.to-1) >= st.pronSent-4 &&
				d.sents[st.pronSent-1].para-d.sents[d.sentenceOf(last.to-1)].para <= 1 && !d.subjectOf(d.sentenceOf(last.to-1)+1, st.pronSent-1, last.speaker, facts.Person):
				// "Smith said S1. Jones was hurt in the crash. He added S2": the speaker two or
				// three sentences back, when no other person opens a sentence between.
				st.speaker = last.speaker
			}
		}
		if st.speaker != nil && st.speaker.typ == facts.Person {
			last = st
		}
		if st.speaker != nil && st.speaker.typ == facts.Organization {
			lastOrg = st
		}
	}
}

// opensAfter reports whether sentence k opens its paragraph and the statement last ends in
// the paragraph before: "NAME told reporters that S.¶“Q,” he said through an interpreter."
func (d *statementStage) opensAfter(k int, last *stmt) bool {
	p := d.sents[k].para
	return p > 0 && d.paras[p].from == d.sents[k].from && d.sents[d.sentenceOf(last.to-1)].para == p-1
}

// subjectOf reports whether a sentence in [from, to) names an entity of type typ other than
// e in its first words, where its subject is: "Triana captain Pablo Iglesias disagreed."
// names a person.
func (d *statementStage) subjectOf(from, to int, e *ent, typ facts.EntityType) bool {
	for k := from; k < to; k++ {
		for i := d.sents[k].from; i < d.sents[k].to && i-d.sents[k].from < maxNP; i++ {
			if m, ok := d.mentionAt(i); ok && m.e.typ == typ && m.e != e {
				return true
			}
			if t := d.toks[i]; t.Kind == gazetteer.Word && !t.Cap() && d.owner[i] < 0 && !d.inL(i, gazetteer.ListArticles) && d.titleLen(i) == 0 && !d.endsTitle(i+1) &&
				!d.inL(i-1, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) {
				break // past the subject: "The van had hit Maria Lopez", not "The county governor, NAME,"
			}
		}
	}
	return false
}

// nameThenComma returns the comma that ends a person's name, with its title, starting at
// token i ("Colonel-General Farrukh S. Nazarzoda,"), or 0.
func (d *statementStage) nameThenComma(i, to int) int {
	person := false
	for k := i; k < to && k-i <= maxNP; k++ {
		if d.is(k, ",") {
			if person {
				return k
			}
			return 0
		}
		if m, ok := d.mentionAt(k); ok && m.e.typ == facts.Person {
			person = true
			continue
		}
		if t := d.toks[k]; !(t.Kind == gazetteer.Word && t.Cap() || d.titleLen(k) > 0 || d.owner[k] >= 0 || d.abbrevDot(k) || d.is(k, "-")) {
			return 0
		}
	}
	return 0
}

// namedBy reports whether the organization e is one the noun stands for: its name holds the
// noun ("Ministry of Defence" for "the ministry") or its head is the noun.
func (d *statementStage) namedBy(e *ent, noun string) bool {
	return e.typ == facts.Organization && (e.head == noun || hasWord(e.name, noun))
}

// instSpeaker returns the organization "the NOUN" of statement i stands for: the last that
// spoke in the statements before (up to three paragraphs back) which the noun names, else
// the last one named before it that the noun names; nil when there is none.
func (d *statementStage) instSpeaker(st *stmt, i int) *ent {
	para := d.sents[d.sentenceOf(st.from)].para
	for k := i - 1; k >= 0 && i-k <= 12; k-- {
		p := &d.stmts[k]
		if para-d.sents[d.sentenceOf(p.to-1)].para > 3 {
			break
		}
		if p.speaker != nil && d.namedBy(p.speaker, st.inst) {
			return p.speaker
		}
	}
	at := st.from
	if st.attrEnd > 0 && st.attrEnd < at {
		at = st.attrEnd
	}
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= at }) - 1
	for n := 0; k >= 0 && n < maxLookBack; k, n = k-1, n+1 {
		if m := d.ments[k]; d.namedBy(m.e, st.inst) {
			return m.e
		}
	}
	// "…, their union has said. The Universities Academic Staff Union (UASU) …": named in
	// the sentence after.
	if si := d.sentenceOf(at) + 1; si < len(d.sents) {
		for k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= d.sents[si].from }); k < len(d.ments) && d.ments[k].from < d.sents[si].to; k++ {
			if m := d.ments[k]; d.namedBy(m.e, st.inst) {
				return m.e
			}
		}
	}
	return nil
}

// namesSpeaker reports whether [a, b) can speak: an entity (speaker), a group of people
// ("officials") or a title ("the minister").
func (d *statementStage) namesSpeaker(a, b int) bool {
	e, _ := d.speaker(a, b)
	return e != nil || d.groupNP(a, b) || d.titleNP(a, b)
}

// speaker resolves the noun phrase [a, b) to an entity: a named person, organization or
// country in it; a pronoun to the last person; a group ("US officials") to its country; a
// role ("the spokesman") to the last person holding it.
// orgOfNoun returns the organization named before token a whose kind the text gave with the
// noun at a+1: in apposition after it ("Vellacourt Capital, a fund which …") or right before
// it ("bus maker Kestrel Motors"); nil when none of the last mentions has it.
func (d *statementStage) orgOfNoun(a int) *ent {
	noun := d.lo(a + 1)
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= a }) - 1
	for c := 0; k >= 0 && c < maxLookBack; k, c = k-1, c+1 {
		m := d.ments[k]
		if m.e.typ != facts.Organization {
			continue
		}
		if d.is(m.to, ",") && d.inL(m.to+1, gazetteer.ListArticles) && !d.tok(m.to+2).Cap() && d.lo(m.to+2) == noun {
			return m.e
		}
		if m.from > 0 && !d.tok(m.from-1).Cap() && d.lo(m.from-1) == noun {
			return m.e
		}
	}
	return nil
}

func (d *statementStage) speaker(a, b int) (*ent, string) {
	for a < b && d.toks[a].Kind == gazetteer.Punct {
		a++
	}
	for b > a && d.toks[b-1].Kind == gazetteer.Punct && !(d.is(b-1, ")") && b-3 > a && d.is(b-3, "(")) {
		b-- // but a short form in brackets stays whole: "the Punjab Cricket Board (PCB)"
	}
	if b-a > 2 && d.inR(b-2, gazetteer.RoleDayPrepositions) && d.isWeekday(b-1) {
		b -= 2 // "The Pentagon on Wednesday" names the Pentagon
	}
	if a >= b {
		return nil, ""
	}
	// "a Saudi official, speaking on condition of anonymity": the speaker is named before
	// the participle; "Passengers interviewed by the paper" before the agent's.
	for k := a + 1; k+1 < b; k++ {
		if d.finiteVerbForm(k) && d.inR(k+1, gazetteer.RoleAgentPrepositions) && d.lw(k-1).Group {
			b = k // but "a statement issued by the ministry" is the ministry's
			break
		}
		if d.is(k, ",") && d.clauseAfterComma(k) && gazetteer.HasShape(d.lo(k+1), gazetteer.ShapeParticiple) {
			b = k
			break
		}
	}
	text := d.spanText(a, b)
	// "Minera Altiplano, which is controlled by Northfield Resources": the speaker is the
	// noun the relative clause describes, not a name inside the clause; the text keeps it.
	for k := a + 1; k+1 < b; k++ {
		if d.is(k, ",") && d.inL(k+1, gazetteer.ListRelativePronouns|gazetteer.ListPossessiveRelatives) {
			b = k
			break
		}
	}
	// Pronouns stand for the last person, or the last organization.
	if b-a == 1 && d.inR(a, gazetteer.RolePersonalPronouns|gazetteer.RoleObjectPronouns) { // "he said", "according to him"
		return d.lastPerson(a, d.pronounGender(a)), text
	}
	if b-a == 1 && d.inR(a, gazetteer.RoleOrganizationPronouns) {
		return d.lastOf(a, facts.Organization), text
	}
	// "The Kenyan said", "The Japanese told reporters": a demonym standing alone after "the"
	// is a person of that country named before, not the country.
	if b-a == 2 && d.inL(a, gazetteer.ListDefiniteArticles) {
		if m, ok := d.mentionAt(a + 1); ok && m.to == b && m.kind == gazetteer.KindDemonym {
			if p := d.nationalPerson(a, m.e.id); p != nil {
				return p, text
			}
		}
	}
	// "Unite, the union, which represents …, said": the noun in apposition to an
	// organization named right before it is that organization.
	if b-a == 2 && d.is(a-1, ",") && d.inL(a, gazetteer.ListDefiniteArticles) && (d.inL(a+1, gazetteer.ListInstitutionNouns) || d.inR(a+1, gazetteer.RoleOrganizationNouns)) {
		if m, ok := d.mentionAt(a - 2); ok && m.to == a-1 && m.e.typ == facts.Organization {
			return m.e, text
		}
	}
	// "The fund said" after "Vellacourt Capital, a fund which owns …" or "bus maker Kestrel
	// Motors … the maker said": the organization the text gave that very noun.
	if b-a == 2 && d.inL(a, gazetteer.ListDefiniteArticles) && (d.inL(a+1, gazetteer.ListInstitutionNouns) || d.inR(a+1, gazetteer.RoleOrganizationNouns)) {
		if e := d.orgOfNoun(a); e != nil {
			return e, text
		}
	}
	// "the statement said": the organization that spoke last, in the statement; "according
	// to the institution": the organization that spoke last, else the last one named.
	if b-a == 2 && d.inL(a, gazetteer.ListDefiniteArticles) && (d.inL(a+1, gazetteer.ListDocumentNouns|gazetteer.ListInstitutionNouns) || d.inR(a+1, gazetteer.RoleOrganizationNouns)) {
		// The statements are not in text order yet; the last maxLookBack found are read, from
		// the latest back (">=" keeps the earliest found of those ending at the same place).
		var last *stmt
		lo := max(0, len(d.stmts)-maxLookBack)
		for k := len(d.stmts) - 1; k >= lo; k-- {
			if st := &d.stmts[k]; st.b <= int(d.toks[a].Start) && st.speaker != nil && (last == nil || st.b >= last.b) {
				last = st
			}
		}
		if last != nil && last.speaker.typ == facts.Organization {
			return last.speaker, text
		}
		if d.inL(a+1, gazetteer.ListInstitutionNouns) || d.inR(a+1, gazetteer.RoleOrganizationNouns) {
			// "The company said" after an analyst at a bank spoke: the organization that
			// spoke last, not the analyst's employer named since.
			var org *stmt
			for k := len(d.stmts) - 1; k >= lo; k-- {
				if st := &d.stmts[k]; st.b <= int(d.toks[a].Start) && st.speaker != nil && st.speaker.typ == facts.Organization && (org == nil || st.b >= org.b) {
					org = st
				}
			}
			if org != nil {
				return org.speaker, text
			}
			return d.lastOf(a, facts.Organization), text // "the carmaker said"
		}
	}
	// Unnamed groups: "Western diplomats at the United Nations" are not the United Nations.
	for i := a + 1; i < b; i++ {
		if d.lw(i-1).Group && d.inR(i, gazetteer.RoleGroupAffiliationPrepositions) {
			person := false
			for k := a; k < b; k++ {
				if m, ok := d.mentionAt(k); ok && m.e.typ == facts.Person {
					person = true
				}
			}
			if m, ok := d.mentionAt(i + 1); ok && !person && m.e.typ == facts.Location && m.e.country != "" && d.byID[m.e.country] != nil {
				// "officials in Seoul": officials of the country whose capital it is.
				return d.byID[m.e.country], text
			}
			if !person && d.inTerm(i-1, gazetteer.TermStaffNouns) && d.owner[i-1] < 0 {
				// "Analysts at brokerage Costanera Capital": staff speak for their employer.
				for k := i + 1; k < b && k-i <= 4; k++ {
					if m, ok := d.mentionAt(k); ok && m.e.typ == facts.Organization {
						return m.e, text
					}
				}
			}
			if !person {
				b = i
			}
			break
		}
	}
	var best *ent
	rank := func(t facts.EntityType) int {
		switch t {
		case facts.Person:
			return 4
		case facts.Organization:
			return 3
		case facts.Country:
			return 2
		}
		return 1
	}
	bestTo := -1
	for i := a; i < b; i++ {
		m, ok := d.mentionAt(i)
		if !ok || m.from != i {
			continue
		}
		// A higher rank wins; of equal ranks, a possessive modifier gives way to its head:
		// "the People’s Liberation Army’s Eastern Theater Command".
		// Of equal ranks, the name that ends the phrase is its head: "Corsairs head coach
		// Martin Egan".
		// Of two people, the one whose name ends the phrase is its head: "Deputy
		// Director-General of the Health Department Anna Berg".
		if best == nil || rank(m.e.typ) > rank(best.typ) || rank(m.e.typ) == rank(best.typ) && (d.tok(bestTo).Kind == gazetteer.Possessive || m.to == b && d.titleBetween(bestTo, m.from) || m.e.typ == facts.Person && m.to == b && !d.hasComma(bestTo, m.from)) {
			best, bestTo = m.e, m.to
		}
	}
	if best != nil {
		return best, text
	}
	// "the spokesman", "a ministry spokeswoman": the last person with that title, else the
	// last organization, which a spokesman speaks for.
	for i := a; i < b; i++ {
		if n := d.titleLen(i); n > 0 {
			role := d.lo(i + n - 1)
			k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= a }) - 1
			for c := 0; k >= 0 && c < maxLookBack; k, c = k-1, c+1 {
				if m := d.ments[k]; m.e.typ == facts.Person && (endsWithWord(m.e.title, role) || hasWord(m.e.title, role) || d.roleAfter(m, role)) {
					return m.e, text
				}
			}
			// "…, with the judge saying S. Judge Martin Keane told the court …": a role may
			// be named in the sentence after.
			if si := d.sentenceOf(b) + 1; si < len(d.sents) {
				lim := d.sents[si].to
				for k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= b }); k < len(d.ments) && d.ments[k].from < lim; k++ {
					if m := d.ments[k]; m.e.typ == facts.Person && (endsWithWord(m.e.title, role) || hasWord(m.e.title, role) || d.roleAfter(m, role)) {
						return m.e, text
					}
				}
			}
			// "…, the spokesman for the exercise said. Rear Admiral NAME told reporters …":
			// a role no person holds is the person who opens the next sentence and speaks.
			if si := d.sentenceOf(b) + 1; si < len(d.sents) {
				s := d.sents[si]
				at := s.from + d.titleLen(s.from) // "Rear Admiral NAME"
				if m, ok := d.mentionAt(at); ok && m.e.typ == facts.Person && m.from == at {
					for k := m.to; k < s.to && k-m.to <= maxNP; k++ {
						if d.speechAt(k) > 0 && d.quoted[k] < 0 {
							return m.e, text
						}
					}
				}
			}
			if strings.HasPrefix(role, "spokes") {
				for k := a; k < i; k++ {
					if d.inR(k, gazetteer.RoleBodyNouns) {
						return nil, text // "a police spokesman": the body's, which no entity is
					}
				}
				return d.lastOf(a, facts.Organization), text
			}
		}
	}
	return nil, text
}

// roleAfter reports whether the person's mention m is followed by an apposition that names
// the role: "Rear Admiral Mostafa Tajdini, the spokesman of the exercise, said" holds the
// role "spokesman" even when the entity keeps only the title before the name.
func (d *statementStage) roleAfter(m ment, role string) bool {
	if !d.is(m.to, ",") {
		return false
	}
	for k := m.to + 1; k < len(d.toks) && k <= m.to+4; k++ {
		if d.toks[k].Kind != gazetteer.Word {
			return false
		}
		if d.lo(k) == role {
			return true
		}
	}
	return false
}

// hasComma reports whether a comma lies in [from, to).
func (d *statementStage) hasComma(from, to int) bool {
	for i := from; i < to; i++ {
		if d.is(i, ",") {
			return true
		}
	}
	return false
}

// titleBetween reports whether [from, to) is a title in lower case and nothing else: the
// words between a team and its coach's name ("Corsairs head coach Martin Egan").
func (d *statementStage) titleBetween(from, to int) bool {
	if from >= to {
		return false
	}
	for i := from; i < to; i++ {
		if t := d.toks[i]; t.Kind != gazetteer.Word || t.Cap() {
			return false
		}
	}
	return d.endsTitle(to)
}

// hasWord reports whether word, in lower case, is one of title's words: "spokesman" in
// "Navy spokesman Rear Admiral".
func hasWord(title, word string) bool {
	for _, w := range strings.Fields(title) {
		if strings.EqualFold(strings.Trim(w, ",."), word) {
			return true
		}
	}
	return false
}

// endsWithWord reports whether the last token of title, in lower case, is word. It reads the
// title as gazetteer.Tokenize would but builds only the last token's lower-case form.
func endsWithWord(title, word string) bool {
	if !utf8.ValidString(title) {
		title = string([]rune(title)) // what Tokenize reads: invalid bytes become U+FFFD
	}
	spans, _ := gazetteer.Scan(title, 0, 0, nil, nil)
	if len(spans) == 0 {
		return false
	}
	sp := spans[len(spans)-1]
	t := title[sp.B0:sp.B1]
	if sp.Kind != gazetteer.Punct {
		t = strings.ToLower(gazetteer.Key(t)) // Token.Lower
	}
	return t == word
}

// lastOf returns the entity of the last mention of type t that ends before token i; mentions
// are sorted by position once the entity pass is over.
func (d *statementStage) lastOf(i int, t facts.EntityType) *ent {
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= i }) - 1
	for n := 0; k >= 0 && n < maxLookBack; k, n = k-1, n+1 {
		if m := d.ments[k]; m.e.typ == t && m.to <= i && !(m.from >= d.line.agency.from && m.to <= d.line.agency.to) {
			return m.e // the agency of a dateline reports, it does not speak
		}
	}
	return nil
}

// pronounGender is the gender a personal pronoun at i stands for: 'f' for one of
// data/words/female_pronouns.txt, else 'm'.
func (d *statementStage) pronounGender(i int) byte {
	if d.inR(i, gazetteer.RoleFemalePronouns) {
		return 'f'
	}
	return 'm'
}

// fits reports whether a pronoun of gender g can stand for p: p's gender is unknown or g.
func fits(p *ent, g byte) bool { return p.gender == 0 || p.gender == g }

// lastPerson returns the last person before token i that a pronoun of gender want
// (pronounGender) can stand for: a person whose gender is unknown, or matches.
func (d *statementStage) lastPerson(i int, want byte) *ent {
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= i }) - 1
	var fallback *ent
	for n := 0; k >= 0 && n < maxLookBack; k, n = k-1, n+1 {
		m := d.ments[k]
		if m.e.typ != facts.Person || m.to > i {
			continue
		}
		if m.e.gender == want || m.e.gender == 0 && fallback == nil {
			if m.e.gender == want {
				return m.e
			}
			fallback = m.e
		}
	}
	return fallback
}

// nationalPerson returns the last person named before token i whose affiliation is the
// country id, else the last person named before i; nil when none is.
func (d *statementStage) nationalPerson(i int, country string) *ent {
	k := sort.Search(len(d.ments), func(k int) bool { return d.ments[k].from >= i }) - 1
	var last *ent
	for n := 0; k >= 0 && n < maxLookBack; k, n = k-1, n+1 {
		m := d.ments[k]
		if m.e.typ != facts.Person || m.to > i {
			continue
		}
		if m.e.affiliation == country {
			return m.e
		}
		if last == nil {
			last = m.e
		}
	}
	return last
}

// maxLookBack bounds how many mentions a pronoun or role looks back over, so that a text
// with no person in it costs linear time however many pronouns it holds.
const maxLookBack = 200

// subject returns where the subject noun phrase of a verb at v starts: it walks back over
// names, titles, determiners, possessives and group words, stopping at a clause boundary. An
// apposition or relative clause between commas before the verb is stepped over: "Desmond Hale,
// Australia’s deputy prime minister, said", "Hale, who also serves as defence minister, said".
func (d *statementStage) subject(v, start int) int {
	w := v
	if d.is(w-1, ")") && d.is(w-3, "(") {
		w -= 3
	}
	app := -1 // where an apposition before the verb starts
	if d.is(w-1, ",") {
		for k := w - 2; k > start && w-k <= 16; k-- {
			t := d.toks[k]
			if d.tx(k) == "," {
				if d.apposition(k+1, w-1, d.entities) {
					app, w = k+1, k
					break
				}
				// "the operations officer of 3rd Battalion, 7th Marines,": a name after a
				// comma may end a longer apposition.
				if m, ok := d.mentionAt(k + 1); ok && m.from == k+1 && m.to == w-1 {
					continue
				}
				break
			}
			if t.Kind == gazetteer.Punct && (d.endAt(k) && !d.abbrevDot(k) || d.quoteAt(k)) {
				break
			}
		}
		if app >= 0 && w-2 > start && d.toks[w-1].IsDigitWord() && d.is(w-2, ",") {
			w -= 2 // the age before the apposition: "Tom Hart, 45, a teacher from Leeds,"
		}
		if d.is(w-1, ",") {
			return v // a comma that sets off no apposition ends the clause before the verb
		}
	}
	a := w
	for a > start && w-a < maxNP+4 {
		t := d.toks[a-1]
		ok := false
		switch {
		case d.owner[a-1] >= 0:
			ok = true
		case a-2 >= start && a < w && d.owner[a-2] >= 0 && d.owner[a] >= 0 && (d.inR(a-1, gazetteer.RoleListConjunctions) || d.tx(a-1) == "," && d.find(a, w, gazetteer.RoleListConjunctions, maxNP) >= 0):
			ok = true // "Beijing and Moscow announced", "Officials from France, Germany and Italy said"
		case t.Kind == gazetteer.Possessive:
			ok = true
		case (d.tx(a-1) == "'" || d.tx(a-1) == "’") && a-2 > start && t.Start == d.toks[a-2].End && d.toks[a-2].Kind == gazetteer.Word && a < w && !d.quoteAt(a-1):
			ok = true // a plural possessive: "The Welsh Surgeons' Forum said", "the dockers' union"
		case d.tx(a-1) == "." && d.abbrevDot(a-1):
			ok = true
		case d.inR(a-2, gazetteer.RoleDayPrepositions) && d.isWeekday(a-1) && a-2 > start:
			a-- // "The Pentagon on Wednesday announced": step over the day, then "on"
			ok = true
		case t.Kind != gazetteer.Word:
			ok = false
		case d.inL(a-1, gazetteer.ListArticles|gazetteer.ListReferringPronouns) || d.inR(a-1, gazetteer.RolePersonalPronouns|gazetteer.RoleFirstPersonPronouns):
			ok = true
		case d.lw(a-1).Group || d.inL(a-1, gazetteer.ListSourceNouns|gazetteer.ListInstitutionNouns) || d.titleLen(a-1) > 0 || d.headLen(a-1) > 0:
			ok = true
		case t.Cap() && !d.tw(a-1).Stop:
			ok = true
		case d.inR(a-1, gazetteer.RoleSpeakerAffiliationPrepositions) && a-2 >= start && (d.lw(a-2).Group || d.inL(a-2, gazetteer.ListSourceNouns) || d.endsTitle(a-1) || d.headLen(a-2) > 0 || d.endsMentionOf(a-2, facts.Person)):
			ok = true // "diplomats at the United Nations", "a spokesman for the ministry", "Yuna S. Park of Korea University"
		case d.inR(a-1, gazetteer.RoleSpeakerAffiliationPrepositions) && a-2 >= start && d.endsMentionOf(a-2, facts.Organization):
			ok = true // "The Ministry of Defence in London says": the ministry is the subject
		case d.inR(a-1, gazetteer.RoleSpeakerAffiliationPrepositions) && a-2 >= start && d.inTitle(a-1):
			ok = true // "Minister of Defence Aroha T. Whitmore said": the "of" of a title
		case d.inR(a-1, gazetteer.RoleSpeakerAffiliationPrepositions) && a-5 >= start && d.is(a-2, ")") && d.is(a-4, "(") && d.owner[a-5] >= 0:
			a -= 3 // "The Provincial Disaster Management Authority (PDMA) of Khyber Pakhtunkhwa said"
			ok = true
		case a < w && (d.lw(w-1).Group || d.inL(w-1, gazetteer.ListSourceNouns) || d.endsTitle(w) || d.headLen(w-1) > 0) && w-a < 4 && !d.boundary(a-1):
			// adjectives inside "senior US officials", "a foreign ministry spokesman"
			ok = true
		}
		if !ok {
			break
		}
		a--
	}
	// A subject is never a bare determiner.
	for a < w && d.inL(a, gazetteer.ListArticles) && a+1 == w {
		a++
	}
	if a == w {
		// "The commander of the contingent, Lt. Col. Rebecca Shaw, said": the person the
		// apposition names is the subject when the phrase before it is none.
		for k := app; app >= 0 && k < v-1; k++ {
			if m, ok := d.mentionAt(k); ok && (m.e.typ == facts.Person || m.e.typ == facts.Organization) {
				return app // "The league's organisers, the Punjab Cricket Board (PCB), announced"
			}
		}
		return v
	}
	return a
}

func (d *statementStage) isWeekday(i int) bool { return d.tw(i).IsWeekday }

// endsMentionOf reports whether token i ends the mention of an entity of type typ.
func (d *statementStage) endsMentionOf(i int, typ facts.EntityType) bool {
	m, ok := d.mentionAt(i)
	return ok && m.to == i+1 && m.e.typ == typ
}

// inTitle reports whether token i is inside a title that starts before it ("of" in "Minister
// of Defence").
func (d *statementStage) inTitle(i int) bool {
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		if n := d.titleLen(k); n > 0 && k+n > i {
			return true
		}
	}
	return false
}

// endsTitle reports whether a title ends right before token i.
func (d *statementStage) endsTitle(i int) bool {
	for k := i - 1; k >= 0 && i-k <= 4; k-- {
		if n := d.titleLen(k); n > 0 && k+n == i {
			return true
		}
	}
	return false
}

// apposition reports whether tokens [from, to) between commas describe the noun before them:
// a relative clause, a title, or a titled name.
func (d *text) apposition(from, to int, en *entities) bool {
	if from >= to {
		return false
	}
	if d.inL(from, gazetteer.ListRelativePronouns|gazetteer.ListPossessiveRelatives) {
		return true // "Uruguay, whose ports the fleet uses, urged …"
	}
	if to-from == 1 && d.inR(from, gazetteer.RoleDiscourseAdverbs) {
		return true // "Maria Lopez, however, said …"
	}
	if from >= 2 && to-from <= 2*maxNP && d.is(from-1, ",") && en.owner[from-2] >= 0 && d.inL(from, gazetteer.ListTimePrepositions) && d.toks[from].Kind == gazetteer.Word && !d.toks[from].Cap() {
		return true // "Anna Berg, in a post on X, said …", "Acme Lines, in a letter to staff, said"
	}
	// "Mr Whitfield, speaking to reporters aboard HMS Albion, said …"; "Issa Abakar, 58, said"
	// "Anna Berg, asked if she would resign, said", "The survey, published by the institute, found"
	if t := d.toks[from]; t.Kind == gazetteer.Word && !t.Cap() && (gazetteer.HasShape(d.lo(from), gazetteer.ShapeParticiple) || d.finiteVerbForm(from) && from+1 < to) || to-from == 1 && t.IsDigitWord() {
		return true
	}
	for i := from; i < to; i++ {
		if d.titleLen(i) > 0 {
			return true
		}
		if m, ok := en.mentionAt(i); ok && (m.e.typ == facts.Person || m.e.typ == facts.Organization && m.from == from && m.to == to && from >= 2 && d.lowerNoun(from-2, en)) {
			return true // "The home's owner, Dales Care Group, said"
		}
	}
	// "The league's organisers, the Punjab Cricket Board (PCB), announced": an organization's
	// name, with its article and short form.
	// Without an article, a name after a comma may end a longer apposition ("the commander
	// of 3rd Battalion, 7th Marines,"): subject reads that.
	k := from + 1
	if m, ok := en.mentionAt(k); ok && d.inL(from, gazetteer.ListArticles) && m.from == k && m.e.typ == facts.Organization {
		x := m.to
		if d.is(x, "(") && d.is(x+2, ")") {
			x += 3
		}
		if x == to {
			return true
		}
	}
	// "Anna Berg, the operations officer, said": a noun phrase with an article, in lower
	// case but for the names in it, right after a person's name.
	if from < 2 || !d.is(from-1, ",") || !d.inL(from, gazetteer.ListArticles) || to-from > 2*maxNP {
		return false
	}
	p := from - 2
	if p >= 2 && d.toks[p].IsDigitWord() && d.is(p-1, ",") {
		p -= 2 // "Tom Hart, 45, a teacher from Leeds, said"
	}
	if m, ok := en.mentionAt(p); !ok || m.e.typ != facts.Person && m.e.typ != facts.Organization || m.to != p+1 {
		return false
	}
	rel := false
	for i := from + 1; i < to; i++ {
		if d.inL(i, gazetteer.ListPersonalRelatives) && !rel && i > from+1 {
			rel = true // "Felix Ambrose, an entomologist at the University of Sussex who was not involved, said"
			continue
		}
		if t := d.toks[i]; t.Kind == gazetteer.Word && t.Cap() && en.owner[i] < 0 || t.Kind == gazetteer.Punct && !d.is(i, "-") && !(d.is(i, ",") && en.owner[i+1] >= 0) || d.boundary(i) {
			return false
		}
	}
	return true
}

// lowerNoun reports whether token i is a lower-case word that no mention holds: the end of a
// common noun phrase ("The home's owner").
func (d *text) lowerNoun(i int, en *entities) bool {
	t := d.toks[i]
	return t.Kind == gazetteer.Word && !t.Cap() && en.owner[i] < 0 && d.titleLen(i) == 0
}

// abbrevDot reports whether the full stop at token k ends an abbreviation ("Gen.", "Sept.").
func (d *text) abbrevDot(k int) bool {
	if k <= 0 || !d.is(k, ".") {
		return false
	}
	p := d.toks[k-1]
	return p.End == d.toks[k].Start && (d.inT(k-1, gazetteer.ListAbbreviations) || (len([]rune(d.tx(k-1))) == 1 && p.Cap()))
}

// boundary reports whether token i starts a new clause (data/words/boundaries.txt).
func (d *text) boundary(i int) bool { return d.inL(i, gazetteer.ListBoundaries) }

// reported finds reported speech in the clause [from, to).
func (d *statementStage) reported(from, to int) {
	if to-from < 3 {
		return
	}
	end := to           // text runs to the clause end, punctuation included
	toks := d.toks[:to] // held here, not read from d at every token
	for x := from; x < to; x++ {
		// The words looked for are in two cue lists: any other token is passed over at its
		// list bits, read once per token (gazetteer.WordInfo), whatever the lists hold.
		t := &toks[x]
		if d.g.Info(d.lid[x]).Lists&(gazetteer.ListSourceCues|gazetteer.ListReportingParticiples) == 0 {
			continue
		}
		if t.Kind != gazetteer.Word || d.quoted[x] >= 0 || d.owner[x] >= 0 && x > from {
			continue
		}
		// "…, according to NP." / "According to NP, …"
		if d.inL(x, gazetteer.ListSourceCues) && d.inR(x+1, gazetteer.RoleSourceCueParticles) {
			np := x + 2
			y := np
			for y < to && y-np < 2*maxNP && !d.is(y, ",") && !d.endAt(y) {
				y++
			}
			if y == np {
				continue
			}
			if d.is(y, ",") {
				// "According to the Chief of the General Staff, Colonel-General Farrukh S.
				// Nazarzoda, S": a person's name between commas belongs to the source.
				if z := d.nameThenComma(y+1, to); z > 0 {
					y = z
				}
			}
			if x > from && (y >= to || d.endAt(y)) {
				// "X urged Y to Z, according to a statement": X's report, which the source
				// only carries.
				before := len(d.stmts)
				d.reportedVerb(from, trimComma(d.text, x))
				if len(d.stmts) > before {
					for i := x; i < y; i++ {
						d.attrib[i] = true
					}
					return
				}
			}
			st := d.attribution(np, y, x, x+2, y)
			for i := x; i < np; i++ {
				d.attrib[i] = true
			}
			switch {
			case x == from && d.is(y, ","):
				d.addReported(st, y+1, end)
			case y >= to || d.endAt(y) || d.is(y, ",") && d.inL(y+1, gazetteer.ListRelativePronouns):
				d.addReported(st, from, trimComma(d.text, x))
			case x > from:
				// "S1, according to NP, and S2.": the statement is the whole clause, with the
				// attribution inside it, since a span cannot skip words.
				d.addReported(st, from, end)
			}
			return
		}
		// "the agency quoted NP as saying S", "NP was quoted as saying by the paper that S".
		if d.inR(x-1, gazetteer.RoleQuotingConjunctions) && d.inL(x, gazetteer.ListReportingParticiples) {
			for k := x - 2; k >= from && x-k <= maxNP+2; k-- {
				if !d.inR(k, gazetteer.RoleQuotingVerbs) {
					continue
				}
				var e *ent
				var text string
				// "NP was quoted by the agency as saying": the agency only quotes.
				if k+1 < x-1 && !d.inR(k+1, gazetteer.RoleAgentPrepositions) {
					e, text = d.speaker(k+1, x-1)
				} else {
					// The subject of "was quoted", over an apposition: "Ramirez's coach, Diego
					// Fuentes, was quoted as saying", else the clause's first actor.
					v := k
					if d.inL(k-1, gazetteer.ListPassiveAuxiliaries) {
						v = k - 1
					}
					if a := d.subject(v, from); a < v {
						e, text = d.speaker(a, v)
					}
					if f, t := d.firstActor(from, k); e == nil && f >= 0 {
						e, text = d.speaker(f, t)
					}
				}
				if e == nil {
					break
				}
				s := x + 1
				if d.inR(s, gazetteer.RoleAgentPrepositions) {
					if t := d.find(s, to, gazetteer.RoleComplementizers, 2*maxNP); t >= 0 {
						s = t
					}
				}
				if d.inR(s, gazetteer.RoleComplementizers) {
					s++
				}
				for i := k; i < s; i++ {
					d.attrib[i] = true
				}
				d.addReported(stmt{speaker: e, speakerText: text, verb: "quoted as saying", saidOn: d.saidOn(from, s)}, s, d.clauseEnd(s, end))
				return
			}
		}
		// "…, with the judge saying S": the noun phrase between "with" and the participle
		// is its subject.
		if d.inL(x, gazetteer.ListReportingParticiples) && x > from && d.toks[x-1].Kind == gazetteer.Word && !d.inR(x+1, gazetteer.RoleInfinitiveMarkers) {
			k := x - 2
			for k > from && x-k <= maxNP && !d.inR(k, gazetteer.RoleAbsolutePrepositions) && d.toks[k].Kind != gazetteer.Punct {
				k--
			}
			if k > from && d.inR(k, gazetteer.RoleAbsolutePrepositions) && d.is(k-1, ",") {
				if d.namesSpeaker(k+1, x) || d.roleNP(k+1, x) {
					st := d.attribution(k+1, x, x, x+1, x+1)
					d.attrib[k] = true
					s := x + 1
					if d.inR(s, gazetteer.RoleComplementizers) {
						s++
					}
					before := len(d.stmts)
					d.reportedVerb(from, k)
					if len(d.stmts) == before {
						d.attrib[k] = false
						for i := k + 1; i <= x; i++ {
							d.attrib[i] = false
						}
					}
					d.addReported(st, s, d.clauseEnd(s, end))
					return
				}
			}
		}
		// ", saying …", ", adding that …": the speaker is the one just reported, or the
		// clause's subject.
		if d.inL(x, gazetteer.ListReportingParticiples) && d.is(x-1, ",") {
			before := len(d.stmts)
			d.reportedVerb(from, x) // the comma stays: it ends an inverted attribution ("S, NP said, warning …")
			var e *ent
			var text string
			if len(d.stmts) > before {
				last := d.stmts[len(d.stmts)-1]
				e, text = last.speaker, last.speakerText
			} else {
				a, b := d.firstActor(from, x)
				if a < 0 {
					continue
				}
				e, text = d.speaker(a, b)
			}
			s := x + 1
			if d.inR(s, gazetteer.RoleComplementizers) {
				s++
			}
			d.addReported(stmt{speaker: e, speakerText: text, verb: d.lo(x), saidOn: d.saidOn(from, x)}, s, end)
			return
		}
	}
	d.reportedVerb(from, to)
}

// reportedVerb finds "NP said (that) S" and "S, NP said" in the clause [from, to). A clause
// may hold several ("X announced …, although Y say …"): each statement's text then ends where
// the next attribution's clause begins.
func (d *statementStage) reportedVerb(from, to int) {
	var room [4]found // a clause holds one or two statements: the list stays on the stack
	list := room[:0]
	// Speech verbs begin phrases of the gazetteer's lists: only the tokens computeFeatures
	// looked up (d.sc.cand, in order) can be one, and the loop visits only those.
	cand := d.sc.cand
	c, _ := slices.BinarySearch(cand, int32(from))
	if st, cut, ok := d.finalAttribution(c, from, to); ok {
		// "A patrol boat warned the ship to leave, and it left, the coast guard said.": an
		// attribution that ends the clause reports everything before it, speech verbs too.
		d.addReported(st, from, cut)
		return
	}
	for ; c < len(cand) && int(cand[c]) < to; c++ {
		x := int(cand[c])
		if d.quoted[x] >= 0 {
			continue
		}
		n := int(d.feat[x].verb)
		// "promised to review it": a promise verb's content may be an infinitive, reported
		// from "to"; any other speech verb before "to" is no report ("was told to leave").
		inf := n > 0 && d.inR(x+n, gazetteer.RoleInfinitiveMarkers)
		if n == 0 || inf && !d.inR(x, gazetteer.RolePromiseVerbs) || d.inL(x-1, gazetteer.ListPassiveAuxiliaries) && d.owner[x-1] < 0 { // "Josephat Were said" is no passive
			continue
		}
		if d.documentParticiple(x) {
			continue // "in a statement posted on its website": the document's participle
		}
		if x > from && d.inR(x-1, gazetteer.RoleInfinitiveMarkers) {
			continue // "is expected to confirm that …": an infinitive reports nothing yet
		}
		v := d.auxStart(x)
		w := x + n
		// "China claims most of the sea" is a claim to territory, not speech: such verbs
		// report only a clause ("claims that …") or an inverted attribution.
		thatOnly := d.inL(x, gazetteer.ListThatVerbs) && !d.inR(w, gazetteer.RoleComplementizers) && !(v > from && d.is(v-1, ","))
		if thatOnly {
			continue
		}
		// Inverted: "…, said the ministry."
		if v > from && d.is(v-1, ",") && len(list) == 0 {
			tail := d.attrTail(w, to)
			if tail == to || d.endAt(tail) || d.is(tail, ",") && d.inR(tail+1, gazetteer.RoleClauseConjunctions) {
				a := d.subject(v, from)
				if a == v && w < tail && d.namesSpeaker(w, tail) {
					st := d.attribution(w, tail, v, w, tail)
					list = append(list, found{st, from, v - 1, false})
					break
				}
			}
		}
		a := d.subject(v, from)
		if a-1 > from && a < v && d.inR(a, gazetteer.RoleAgentPrepositions) && d.finiteVerbForm(a-1) && d.lw(a-2).Group {
			// "Passengers interviewed by the Tern Gazette said": the agent is not the
			// speaker; the subject is the group the participle describes.
			if b := d.subject(a-1, from); b < a-1 {
				a = b
			}
		}
		if c := d.commaNP(v, from); c > 0 && a > c+1 && len(list) == 0 && d.inL(c+1, gazetteer.ListArticles) && (d.titleNP(c+1, v) || d.groupNP(c+1, v)) {
			// "S, a spokeswoman for the county said": the subject walk stops at a lower-case
			// word, but the whole phrase after the comma names the speaker.
			a = c + 1
		}
		plain := false
		if a == v && len(list) == 0 && d.plainNP(from, v) && !d.inL(v-1, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) {
			// "Representatives of the business community noted that", "The race stewards
			// said": a group or a role in a phrase of plain words that opens the clause.
			a, plain = from, true
		} else if c := d.commaNP(v, from); (a == v || a <= c) && len(list) == 0 && c > from && d.inL(c+1, gazetteer.ListDefiniteArticles|gazetteer.ListPossessiveDeterminers) && d.plainNP(c+1, v) && d.introBefore(from, c+1) {
			// "Writing in the journal Marine Ecology Letters, the authors say": the same
			// phrase after an introductory one.
			a, plain = c+1, true
		}
		relNP := -1
		if a == v && len(list) == 0 && d.is(v-1, ",") {
			// "The carmaker, which employs 9,000 people, said": a determined noun phrase
			// that opens the clause, with a relative clause between commas after it.
			for k := v - 2; k > from+1 && v-k <= 3*maxNP; k-- {
				if d.is(k, ",") || d.quoted[k] >= 0 {
					break
				}
				if d.inL(k, gazetteer.ListThingRelatives) && d.is(k-1, ",") {
					if d.plainNP(from, k-1) {
						a, relNP, plain = from, k-1, true
					}
					break
				}
			}
		}
		if r := d.relativeStart(v, from); len(list) == 0 && r >= 0 {
			if m, ok := d.mentionAt(r - 2); ok && m.to == r-1 {
				// "The alliance, whose officials have said S1, said S2", "The ministry,
				// which has accused X of Y, said S2": two statements, both the alliance's,
				// the first ending where the relative clause does.
				s1 := d.thatClause(w, to)
				if k := d.find(w, to, gazetteer.RoleComplementizers, 4); s1 == w && k > w && d.words(w, k) == k-w {
					s1 = k + 1 // "whose officials have said for years that S1"
				}
				e, main := s1, false
				for ; e < to; e++ {
					if d.is(e, ",") && d.quoted[e] < 0 && e+1 < to {
						if main = d.speechAt(e+1) > 0; main || d.finiteVerbForm(e+1) {
							break
						}
					}
				}
				st := d.attribution(r, v, v, w, s1)
				st.speaker, st.speakerText = m.e, d.spanText(m.from, m.to)
				if d.inL(r, gazetteer.ListPossessiveRelatives) {
					st.speakerText = d.spanText(r+1, v) // "officials", not "whose officials"
				}
				list = append(list, found{st, s1, e, false})
				if main {
					v2, w2 := e+1, e+1+d.speechAt(e+1)
					s2 := d.thatClause(w2, to)
					st2 := d.attribution(m.from, m.to, v2, w2, s2)
					st2.speaker, st2.speakerText = m.e, d.spanText(m.from, m.to)
					list = append(list, found{st2, s2, to, true})
					e = s2
				}
				for c+1 < len(cand) && int(cand[c+1]) < e {
					c++ // on from the main clause: "…, said S2 and warned S3"
				}
				continue
			}
		}
		np, same := v, false
		if relNP >= 0 {
			np = relNP
		}
		if a == v && (d.inR(v-1, gazetteer.RoleClauseConjunctions) || d.inL(v-1, gazetteer.ListPersonalRelatives)) {
			// "X accused Y of stalling and said …", "Mahmoud Fawzy, who told reporters …":
			// the speaker is the clause's (or the relative's) subject.
			if d.inL(v-1, gazetteer.ListPersonalRelatives) && d.is(v-2, ",") {
				if m, ok := d.mentionAt(v - 3); ok {
					a, np = m.from, m.to
				}
			} else if m, ok := d.relativeAntecedent(v, from); ok {
				// "…paid a call on Deputy Prime Minister NAME, who welcomed the cooperation
				// and asked the ministries to …": the relative clause's second verb.
				a, np = m.from, m.to
			} else if f, t := d.firstActor(from, v); f >= 0 && f-from <= maxNP {
				a, np = f, t
			} else if k := d.bodyOpening(from, v); k > 0 {
				// "The museum did not disclose the price, but said …": the body that opens
				// the clause.
				a, np = from, k
			} else if len(list) > 0 && d.inR(v-1, gazetteer.RoleClauseConjunctions) && list[len(list)-1].from > from {
				// "Health officials said S1, and warned that S2": the subject, a group
				// that names no entity, is the report's before.
				a, np, same = from, v-1, true
			}
		}
		if a == v {
			continue
		}
		e, _ := d.speaker(a, np)
		// "Analysts said S1, though they noted that S2": "they" or "it" after a report in
		// the same sentence is its speaker.
		again := np-a == 1 && len(list) > 0 && d.inL(a, gazetteer.ListReferringPronouns) && a > list[len(list)-1].from
		if a == from && np == v && d.plainNP(a, np) {
			plain = true // "The group said": a determined noun phrase that opens the clause
		}
		if e == nil && !again && !same && !plain && !d.groupNP(a, np) && !d.titleNP(a, np) && !d.bodyNP(a, np) {
			continue
		}
		// "S, NP said [on Wednesday]." and "S, NP said, adding …"
		tail := d.attrTail(w, to)
		if a > from && d.is(a-1, ",") && np == v && len(list) == 0 && d.find(w, tail, gazetteer.RoleComplementizers, maxNP) < 0 && (tail >= to || d.endAt(tail) || d.is(tail, ",")) && (w == tail || d.prepAt(w) || d.skipTime(w, to+1) > w || (d.tw(w).IsWeekday || d.inL(w, gazetteer.ListDayWords)) && w+1 == tail || d.inL(w, gazetteer.ListReportingObjects) || d.inR(w, gazetteer.RoleReportingAdverbs) || d.inL(w, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) && (d.inR(x, gazetteer.RoleTellingVerbs) || d.inL(w+1, gazetteer.ListReportingObjects)) || d.inR(x, gazetteer.RoleTellingVerbs) && d.owner[w] >= 0) {
			st := d.attribution(a, v, v, w, tail)
			if d.is(tail, ",") && d.midAttribution(tail+1, to) {
				// "The problem, she said, is money.": the report runs on after its
				// attribution, which it holds, since a span cannot skip words.
				list = append(list, found{st, from, to, true})
				break
			}
			list = append(list, found{st, from, a - 1, false})
			break
		}
		// "NP said [on Wednesday | in a statement | during …] [that] S."
		s := w
		if d.inR(x, gazetteer.RoleTellingVerbs) {
			if k := d.find(s, to, gazetteer.RoleComplementizers, maxNP); k >= 0 {
				s = k
			} else {
				s = d.namedListener(s, to)
			}
			for s < to && s-w < 4 {
				if d.inR(s+1, gazetteer.RoleInfinitiveMarkers) {
					break // "urged residents to stay home": the person acted on stays
				}
				if d.inL(s, gazetteer.ListReportingObjects) || d.owner[s] >= 0 {
					s++
				} else if d.inL(s, gazetteer.ListArticles) && d.inL(s+1, gazetteer.ListReportingObjects) {
					s += 2 // "told the conference"
				} else {
					break
				}
			}
		}
		if inf {
			// the text starts at "to"
		} else if k := d.find(s, to, gazetteer.RoleComplementizers, maxNP*2); k >= 0 && (k == s || d.prepAt(s) || d.adverbial(s, k)) {
			s = k + 1
		} else if d.prepAt(s) && d.inL(s+1, gazetteer.ListArticles) && d.inL(s+2, gazetteer.ListDocumentNouns) && s+4 < to && d.toks[s+3].Kind == gazetteer.Word && !d.inR(s+3, gazetteer.RoleInfinitiveMarkers) {
			s += 3 // "said in a statement it was recruiting"
		} else if t := d.skipTime(s, to); t > s {
			s = t // "said last week the drills …"
			if k := d.find(s, to, gazetteer.RoleComplementizers, maxNP*2); k >= 0 && (k == s || d.prepAt(s) || d.adverbial(s, k)) {
				s = k + 1 // "said Tuesday in a statement that …"
			}
		} else if d.prepAt(s) && !d.timeSubject(s) {
			continue
		}
		if to-s < 2 {
			continue
		}
		if d.inL(s, gazetteer.ListPossessiveDeterminers) && d.inTerm(s+1, gazetteer.TermAttendanceNouns) {
			continue // "X have confirmed their participation": joining, not speech
		}
		if len(list) > 0 {
			// The earlier statement stops before this clause: "…, although US officials say".
			prev := &list[len(list)-1]
			if a <= prev.from && np == v {
				continue
			}
			if a > prev.from && d.nestedAt(a, prev.from) {
				// "S1, when the niece of one client asked why S2": a report inside a clause
				// of time or cause of the report before is part of it.
				continue
			}
			if a <= prev.from && d.inR(v-1, gazetteer.RoleClauseConjunctions) {
				// A second verb of the same subject: "X said S1 and urged S2" reports two
				// statements, the first ending before "and".
				if v <= prev.from || d.inTerm(x, gazetteer.TermBeliefVerbs) {
					// "said she understood the frustration but believed S": a verb of belief
					// goes on with the reported clause's own subject.
					continue
				}
				if d.inL(x-1, gazetteer.ListBackshiftAuxiliaries) && !d.backshifted(prev.st.verb) {
					// "told X that she had spoken to him and had urged him to …": a verb
					// backshifted after a main verb that is not is the reported clause's
					// own, not a second report.
					continue
				}
				b := v
				for b > prev.from && (d.is(b-1, ",") || d.boundary(b-1)) {
					b--
				}
				prev.to = b
				st := d.attribution(v, v, v, w, s)
				st.speaker, st.speakerText = prev.st.speaker, prev.st.speakerText
				list = append(list, found{st, s, to, true})
				for c+1 < len(cand) && int(cand[c+1]) < s {
					c++
				}
				continue
			}
			if a <= prev.from {
				continue
			}
			b := a
			for b > prev.from && (d.is(b-1, ",") || d.boundary(b-1)) {
				b--
			}
			// "S1, and opposition leader Dale Morrison accused …": the words before the
			// name that follow ", and" are the new subject's too.
			for k := b - 1; k > prev.from && b-k <= 4 && d.toks[k].Kind == gazetteer.Word && !d.toks[k].Cap(); k-- {
				if d.boundary(k) && d.is(k-1, ",") {
					b = k - 1
					break
				}
			}
			prev.to = b
		}
		st := d.attribution(a, v, v, w, s)
		st.speaker, st.speakerText = d.speaker(a, np)
		if again || same {
			st.speaker, st.speakerText = list[len(list)-1].st.speaker, list[len(list)-1].st.speakerText
		}
		if n := len(list); n > 0 && np-a == 1 && d.inR(a, gazetteer.RolePersonalPronouns) {
			// "X told the jury that S1, and she accused him of S2": the pronoun that starts
			// the sentence's next report is its first speaker, when it can be.
			if p := list[n-1].st.speaker; p != nil && p.typ == facts.Person && fits(p, d.pronounGender(a)) {
				st.speaker = p
			}
		}
		list = append(list, found{st, s, to, true})
		for c+1 < len(cand) && int(cand[c+1]) < s {
			c++ // on from the statement's first token
		}
	}
	if n := len(list); n > 0 && list[n-1].to < list[n-1].st.attrEnd {
		// "S1, the ministry said, and it added that S2": a second verb after an inverted
		// attribution, with or without its pronoun, reports S2 for the same speaker.
		last := list[n-1]
		if p := last.st.attrEnd; p+2 < to && d.is(p, ",") && d.inR(p+1, gazetteer.RoleClauseConjunctions) {
			q := p + 2
			if d.inR(q, gazetteer.RolePersonalPronouns|gazetteer.RoleOrganizationPronouns) {
				q++
			}
			if k := d.speechAt(q); k > 0 && d.quoted[q] < 0 && !d.inR(q+k, gazetteer.RoleInfinitiveMarkers) {
				s2 := d.thatClause(q+k, to)
				st := d.attribution(p+1, q, q, q+k, s2)
				st.speaker, st.speakerText = last.st.speaker, last.st.speakerText
				list = append(list, found{st, s2, to, true})
			}
		}
	}
	for _, f := range list {
		if f.cut {
			f.to = d.clauseEnd(f.from, f.to)
		}
		d.addReported(f.st, f.from, f.to)
	}
}

// namedListener returns where the content starts after a listener named in capitals right
// after a telling verb at w, with no "that": "told KXTL the outbreak was …", "told the
// Waikato Herald she understood …". The name is at most four words, and a word in lower case
// must follow it. Otherwise it returns w.
func (d *statementStage) namedListener(w, to int) int {
	k := w
	if d.inL(k, gazetteer.ListDefiniteArticles) {
		k++
	}
	j := k
	for j < to && j-k < 4 && d.toks[j].Kind == gazetteer.Word && d.toks[j].Cap() && d.quoted[j] < 0 && !d.inR(j, gazetteer.RolePersonalPronouns|gazetteer.RoleFirstPersonPronouns) {
		j++
	}
	if j == k || j >= to || d.toks[j].Kind != gazetteer.Word || d.toks[j].Cap() {
		return w
	}
	return j
}

// finalAttribution matches a clause [from, to) that ends in its attribution after a comma
// ("…, the coast guard's headquarters said." or "…, said the ministry.") and holds another
// speech verb before it; c is the first candidate token of the clause. It returns the
// statement and where its text ends.
func (d *statementStage) finalAttribution(c, from, to int) (stmt, int, bool) {
	cand := d.sc.cand
	last, n, earlier := -1, 0, false
	for k := c; k < len(cand) && int(cand[k]) < to; k++ {
		x := int(cand[k])
		if m := int(d.feat[x].verb); m > 0 && d.quoted[x] < 0 && !d.inR(x+m, gazetteer.RoleInfinitiveMarkers) && !d.documentParticiple(x) {
			// ("in a statement posted on its website": a participle of the document)
			earlier = earlier || last >= 0
			last, n = x, m
		}
	}
	if !earlier {
		return stmt{}, 0, false // one speech verb: reportedVerb reads it
	}
	v, w := d.auxStart(last), last+n
	tail := d.attrTail(w, to)
	if tail < to && !d.endAt(tail) {
		return stmt{}, 0, false
	}
	if d.is(v-1, ",") && v-1 > from && w < tail && d.subject(v, from) == v {
		// "…, said the ministry."
		if d.namesSpeaker(w, tail) {
			return d.attribution(w, tail, v, w, tail), v - 1, true
		}
		return stmt{}, 0, false
	}
	a := d.subject(v, from)
	if a == v || a-1 <= from || !d.is(a-1, ",") || d.find(w, tail, gazetteer.RoleComplementizers, maxNP) >= 0 {
		return stmt{}, 0, false
	}
	if !(w == tail || d.prepAt(w) || d.skipTime(w, to+1) > w || d.inL(w, gazetteer.ListDayWords) && w+1 == tail || d.inL(w, gazetteer.ListReportingObjects) || d.inR(last, gazetteer.RoleTellingVerbs) && d.owner[w] >= 0) {
		return stmt{}, 0, false
	}
	if !d.namesSpeaker(a, v) && !d.bodyNP(a, v) {
		return stmt{}, 0, false
	}
	return d.attribution(a, v, v, w, tail), a - 1, true
}

// clauseEnd returns where a reported clause [from, to) ends: before ", and" or ", but" with a
// new subject, which starts a clause the speaker is not said to have said. The texts are
// disjoint, so the scans are linear overall.
func (d *statementStage) clauseEnd(from, to int) int {
	modal := false   // the clause's verb follows a modal: "temperatures would climb"
	shifted := false // the clause holds a past auxiliary: "students would be asked"
	for k := from; k+2 < to; k++ {
		if d.inTerm(k, gazetteer.TermPastAuxiliaries) && d.quoted[k] < 0 {
			shifted = true
		}
		if shifted && d.is(k, ",") && d.inL(k+1, gazetteer.ListThingRelatives) && d.inTerm(k+2, gazetteer.TermPresentBe) && d.quoted[k] < 0 {
			// "…would be asked to stay home for 21 days, which is the maximum incubation
			// period": a clause in the present after a backshifted report is the writer's.
			return k
		}
		if d.inTerm(k, gazetteer.TermModalAuxiliaries) && d.quoted[k] < 0 {
			modal = d.toks[k+1].Kind == gazetteer.Word && !d.inL(k+1, gazetteer.ListAuxiliaries|gazetteer.ListPassiveAuxiliaries)
		}
		if modal && d.inR(k, gazetteer.RoleClauseConjunctions) && !d.is(k-1, ",") && d.finiteVerbForm(k+1) && d.quoted[k] < 0 && d.verbLen(k+1) == 0 && !d.inR(k+2, gazetteer.RoleInfinitiveMarkers) {
			// "…warned that temperatures would climb and issued a red alert": a verb in
			// -ed after a modal's plain verb is the speaker's next act, not the report's;
			// "would spend … and expected to hire" goes on (a backshifted "expects to").
			return k
		}
		// "…, insisted the review was “not about tinkering” but declined to say whether …":
		// the speaker's refusal is no part of what was said.
		if d.inR(k, gazetteer.RoleClauseConjunctions) && d.inTerm(k+1, gazetteer.TermRefusalVerbs) && d.quoted[k] < 0 && k > from {
			if d.is(k-1, ",") {
				return k - 1
			}
			return k
		}
		// "…, though he declined to give a date."
		if d.is(k, ",") && d.boundary(k+1) && d.quoted[k] < 0 && (d.inTerm(k+2, gazetteer.TermRefusalVerbs) || d.inR(k+2, gazetteer.RolePersonalPronouns) && d.inTerm(k+3, gazetteer.TermRefusalVerbs)) {
			return k
		}
		if !d.is(k, ",") {
			continue
		}
		if d.inL(k+1, gazetteer.ListThingRelatives) && d.quoted[k] < 0 && d.ownSubject(k+2) {
			// "…, which the company first announced in March", "…, which police estimated
			// at a million": a relative clause with a subject of its own is the writer's
			// background, not the speaker's words.
			return k
		}
		if d.inL(k+1, gazetteer.ListIndefiniteArticles) && d.inTerm(k+2, gazetteer.TermRebuttalNouns) && d.quoted[k] < 0 {
			// "…, a charge the fire service rejected": the writer's word on the report.
			return k
		}
		c := k + 1 // the conjunction
		if d.inR(c, gazetteer.RoleClauseConjunctions) && d.inR(c+1, gazetteer.RoleComplementizers) {
			continue // "…, and that no injuries had been reported": the same report goes on
		}
		if q := d.quoted[k]; q >= 0 {
			// "…, “painful but manageable,” and shares fell": the comma closes a quotation.
			if d.quotes[q].close != k+1 {
				continue
			}
			c++
		}
		// A new subject ("…, and the union said"), or a second verb of the speaker's own
		// ("…, and reminded jurors not to …", "…, but declined to say"): no subject, only
		// a verb in -ed right after the conjunction.
		if c+1 < to && d.inR(c, gazetteer.RoleClauseConjunctions) && (d.toks[c+1].Cap() || d.reportAhead(c+1, to) || d.finiteVerbForm(c+1) && d.quoted[c+1] < 0) {
			if c > k+1 {
				return c // the closing mark stays with the text
			}
			return k
		}
	}
	return to
}

// ownSubject reports whether token i, right after "which", opens a noun phrase rather than
// a verb: an article or possessive determiner, a name, or a group or body noun.
func (d *statementStage) ownSubject(i int) bool {
	t := d.tok(i)
	if t.Kind != gazetteer.Word || d.quoted[i] >= 0 {
		return false
	}
	return d.inL(i, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers) || t.Cap() || d.lw(i).Group || d.inR(i, gazetteer.RoleBodyNouns)
}

// midAttribution reports whether the words from i on continue a clause that an attribution
// interrupted ("The problem, she said, is money."): a word in lower case that starts no new
// clause, participle or report.
func (d *statementStage) midAttribution(i, to int) bool {
	if i+1 >= to || d.quoted[i] >= 0 {
		return false
	}
	if d.inR(i, gazetteer.RoleDiscourseAdverbs) || gazetteer.HasShape(d.lo(i), gazetteer.ShapeAdverb) {
		i++ // "The Army, he says, still treats …"
	}
	if i+1 >= to || d.toks[i].Kind != gazetteer.Word || d.toks[i].Cap() || d.verbLen(i) > 0 {
		return false
	}
	// The clause's verb: an auxiliary ("is", "would") or a verb in -ed.
	return d.inL(i, gazetteer.ListAuxiliaries|gazetteer.ListPassiveAuxiliaries) || d.finiteVerbForm(i)
}

// reportAhead reports whether a new report starts at token i: a short noun phrase and a
// speech verb, with no punctuation between ("and the union accused the mayor of …").
func (d *statementStage) reportAhead(i, to int) bool {
	for k := i + 1; k < to && k-i <= maxNP; k++ {
		if d.toks[k].Kind == gazetteer.Punct && d.tx(k) != "'" && d.tx(k) != "’" {
			return false // a possessive's apostrophe is no punctuation here: "the dockers' union"
		}
		if d.verbLen(k) > 0 && d.quoted[k] < 0 {
			return true
		}
	}
	return false
}

// relativeAntecedent returns the person a relative clause ", who …" describes when the verb at
// v, after "and", is in that clause: no comma stands between "who" and v.
func (d *statementStage) relativeAntecedent(v, from int) (ment, bool) {
	for k := v - 2; k > from+1 && v-k <= 4*maxNP; k-- {
		if d.toks[k].Kind == gazetteer.Punct {
			if d.is(k, ",") || d.endAt(k) {
				return ment{}, false
			}
			continue
		}
		if d.inL(k, gazetteer.ListPersonalRelatives) {
			if !d.is(k-1, ",") {
				return ment{}, false
			}
			if m, ok := d.mentionAt(k - 2); ok && m.to == k-1 && m.e.typ == facts.Person {
				return m, true
			}
			return ment{}, false
		}
	}
	return ment{}, false
}

// relativeStart returns the token of "whose" or "which" that opens a relative clause after a
// comma and ends at the speech verb at v ("…, whose officials have said", "…, which has
// repeatedly accused"), or -1.
func (d *statementStage) relativeStart(v, from int) int {
	for k := v - 1; k > from && v-k <= 5; k-- {
		if d.inL(k, gazetteer.ListThingRelatives|gazetteer.ListPossessiveRelatives) {
			if d.is(k-1, ",") {
				return k
			}
			return -1
		}
		if d.toks[k].Kind != gazetteer.Word && !d.is(k, "-") {
			return -1
		}
	}
	return -1
}

// finiteVerbForm reports whether token i is a lower-case word in "-ed": a verb's past form
// or participle ("welcomed", "published by").
func (d *text) finiteVerbForm(i int) bool {
	t := d.tok(i)
	return t.Kind == gazetteer.Word && !t.Cap() && gazetteer.HasShape(d.lo(i), gazetteer.ShapePast)
}

// thatClause returns where the reported clause after a verb ending at w starts: after "that",
// also after an adverb ("privately that"), else at w.
func (d *statementStage) thatClause(w, to int) int {
	switch {
	case d.inR(w, gazetteer.RoleComplementizers):
		return w + 1
	case w+1 < to && d.inR(w+1, gazetteer.RoleComplementizers) && gazetteer.HasShape(d.lo(w), gazetteer.ShapeAdverb):
		return w + 2
	}
	return w
}

// backshifted reports whether a verb phrase ("had urged") holds a word of
// data/words/backshift_auxiliaries.txt.
func (d *text) backshifted(verb string) bool {
	for _, w := range strings.Fields(verb) {
		if d.g.In("backshift_auxiliaries", w) {
			return true
		}
	}
	return false
}

// found is a statement reportedVerb found, with the tokens of its text.
type found struct {
	st       stmt
	from, to int
	cut      bool // the text may end at a new clause
}

// clauseAfterComma reports whether the comma at k starts a clause that is not part of an
// attribution: ", adding …", ", raising fears …", ", but both sides …".
func (d *text) clauseAfterComma(k int) bool {
	if !d.is(k, ",") {
		return false
	}
	n := d.tok(k + 1)
	if n.Kind != gazetteer.Word || n.Cap() {
		return false
	}
	return gazetteer.HasShape(d.lo(k+1), gazetteer.ShapeParticiple) || d.boundary(k+1)
}

// skipTime returns the token after a time phrase at i ("last week", "on Tuesday",
// "earlier this month", "yesterday"), or i when there is none.
func (d *statementStage) skipTime(i, to int) int {
	j := i
	if d.inL(j, gazetteer.ListTimeShifts) {
		j++
	}
	switch {
	case d.inL(j, gazetteer.ListDayWords):
		j++
	case d.inL(j, gazetteer.ListTimeDeterminers):
		if d.inL(j+1, gazetteer.ListTimeUnits) {
			j += 2
		} else if d.tw(j + 1).IsWeekday {
			j += 2
		}
	case d.inR(j, gazetteer.RoleDayPrepositions):
		if d.tw(j + 1).IsWeekday {
			j += 2
		}
	case d.tw(j).IsWeekday:
		j++ // "announced Tuesday"
	}
	if j >= to || j == i || d.toks[j].Kind != gazetteer.Word {
		return i
	}
	if d.inR(j, gazetteer.RoleComplementizers) {
		j++
	}
	return j
}

// adverbial reports whether the tokens [from, to) between a speech verb and "that" are a
// short adverbial in lower case: "said afterwards that", "told reporters outside court that".
func (d *statementStage) adverbial(from, to int) bool {
	if to-from > 3 {
		return false
	}
	for k := from; k < to; k++ {
		if t := d.toks[k]; t.Kind != gazetteer.Word || t.Cap() || d.inL(k, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers|gazetteer.ListReferringPronouns) || d.owner[k] >= 0 ||
			d.inR(k, gazetteer.RolePersonalPronouns|gazetteer.RoleFirstPersonPronouns) {
			return false // "said it feared that S": a clause of its own, not an adverbial
		}
	}
	return true
}

// timeSubject reports whether a time phrase at i is the possessive that starts a clause's
// subject ("said this year's edition had …"), not a phrase after the verb.
func (d *statementStage) timeSubject(i int) bool {
	return d.inL(i, gazetteer.ListTimeDeterminers) && d.inL(i+1, gazetteer.ListTimeUnits) && d.tok(i+2).Kind == gazetteer.Possessive
}

// prepAt reports whether token i starts a prepositional phrase that may sit between a verb and
// its clause ("in a statement", "on Wednesday", "during the ceremony";
// data/words/time_prepositions.txt).
func (d *statementStage) prepAt(i int) bool { return d.inL(i, gazetteer.ListTimePrepositions) }

// find returns the first token in [from, min(to, from+limit)) in the function-word lists r, or
// -1. A complementizer ("that") is not looked for past a comma.
func (d *statementStage) find(from, to int, r gazetteer.Roles, limit int) int {
	for i := from; i < to && i-from < limit; i++ {
		if d.inR(i, r) && d.quoted[i] < 0 {
			return i
		}
		if d.tx(i) == "," && r&gazetteer.RoleComplementizers != 0 {
			return -1
		}
	}
	return -1
}

// groupNP reports whether [a, b) holds a group noun ("US officials") or names a source ("state television").
func (d *statementStage) groupNP(a, b int) bool {
	for i := a; i < b; i++ {
		if d.lw(i).Group || d.inL(i, gazetteer.ListSourceNouns) {
			return true
		}
	}
	return false
}

// plainNP reports whether [from, v) is a short noun phrase of words, with no clause boundary,
// auxiliary, verb or punctuation but a possessive's, that can speak: one with a group noun or
// a title in it, one ending in a public body's noun, or a determined one of two words or more
// (after an article or possessive determiner, or holding a possessive).
func (d *statementStage) plainNP(from, v int) bool {
	if v-from < 1 || v-from > maxNP+2 {
		return false
	}
	head, possessive := false, false
	for i := from; i < v; i++ {
		t := d.toks[i]
		if t.Kind == gazetteer.Possessive {
			possessive = true
			continue
		}
		if t.Kind != gazetteer.Word || d.boundary(i) || d.inL(i, gazetteer.ListAuxiliaries|gazetteer.ListSpeechAuxiliaries) || d.verbLen(i) > 0 || d.finiteVerbForm(i) {
			return false
		}
		if d.lw(i).Group || d.titleLen(i) > 0 {
			head = true
		}
	}
	// "The new owners have promised", "Avonmouth Town's new owners said": a determined
	// noun phrase of plain words names its speakers, whatever its noun.
	determined := d.inL(from, gazetteer.ListDefiniteArticles|gazetteer.ListPossessiveDeterminers) || possessive
	return head || d.bodyNP(from, v) || determined && v-from >= 2
}

// bodyNP reports whether [a, b) ends in the noun of a public body ("the county government",
// "Police", "the league's refereeing committee").
func (d *statementStage) bodyNP(a, b int) bool {
	for k := a + 1; k+1 < b; k++ {
		if d.is(k, ",") && d.inL(k+1, gazetteer.ListThingRelatives) {
			b = k // "The company, which employs 21,000 people," ends in "company"
			break
		}
	}
	return b > a && (d.inR(b-1, gazetteer.RoleBodyNouns) || d.inL(b-1, gazetteer.ListInstitutionNouns))
}

// nestedAt reports whether the clause of the subject starting at a opens, after from, with a
// word of data/words/nesting_conjunctions.txt ("when", "because"): the nearest clause
// boundary before a, over an apposition ("when the niece of one client, NAME, asked").
func (d *statementStage) nestedAt(a, from int) bool {
	for k := a - 1; k > from && a-k <= 2*maxNP; k-- {
		if d.boundary(k) && d.quoted[k] < 0 {
			return d.inTerm(k, gazetteer.TermNestingConjunctions)
		}
	}
	return false
}

// documentParticiple reports whether the speech verb at x describes a document named in a
// prepositional phrase right before it: "said in a statement posted on its website", "in a
// report published on Monday" (but "the statement said" is the document speaking).
func (d *statementStage) documentParticiple(x int) bool {
	return d.inL(x-1, gazetteer.ListDocumentNouns) && (d.prepAt(x-2) || d.prepAt(x-3) && d.inL(x-2, gazetteer.ListArticles|gazetteer.ListPossessiveDeterminers))
}

// bodyOpening returns the end of a body's noun phrase that opens [from, v) ("Police", "The
// museum"), or 0.
func (d *statementStage) bodyOpening(from, v int) int {
	for k := from + 1; k <= from+3 && k < v; k++ {
		if d.plainNP(from, k) && d.finiteVerbForm(k) {
			return k // "Patients' groups welcomed the apology but said"
		}
		if k <= from+2 && d.bodyNP(from, k) && (k == from+1 || d.inL(from, gazetteer.ListDefiniteArticles)) {
			if d.titleLen(k) > 0 || d.tok(k).Cap() || d.tok(k).Kind != gazetteer.Word {
				return 0 // "Museum director NAME": the phrase goes on
			}
			return k
		}
	}
	return 0
}

// commaNP returns the comma that a short phrase of words before the verb at v follows
// ("…, a spokeswoman for the county said"), or -1.
func (d *statementStage) commaNP(v, from int) int {
	for k := v - 1; k > from && v-k <= maxNP+1; k-- {
		if d.is(k, ",") {
			return k
		}
		if t := d.toks[k]; t.Kind != gazetteer.Word && t.Kind != gazetteer.Possessive {
			return -1
		}
	}
	return -1
}

// titleNP reports whether [a, b) ends in a title ("the spokesman"), or in a title and
// whom it speaks for ("a spokeswoman for the county executive").
func (d *statementStage) titleNP(a, b int) bool {
	for i := a; i < b; i++ {
		if n := d.titleLen(i); n > 0 && (i+n == b || i+n+1 < b && d.inR(i+n, gazetteer.RoleSpeakerAffiliationPrepositions)) {
			return true
		}
	}
	return false
}

// firstActor returns the first mention of a person, organization or country in [from, to).
func (d *statementStage) firstActor(from, to int) (int, int) {
	best, bf, bt := 0, -1, -1
	for i := from; i < to; i++ {
		r := 0
		f, t := i, i+1
		if m, ok := d.mentionAt(i); ok {
			switch m.e.typ {
			case facts.Person:
				r = 3
			case facts.Organization:
				r = 2
			case facts.Country:
				r = 1
			}
			f, t = m.from, m.to
		} else if d.toks[i].Kind == gazetteer.Word && d.inR(i, gazetteer.RolePersonalPronouns) && i == from {
			r = 3
		}
		if r > best {
			best, bf, bt = r, f, t
		}
		if d.is(i, ",") && best > 0 {
			break // the subject comes before the first comma that follows a name
		}
	}
	return bf, bt
}

func trimComma(d *text, x int) int {
	if d.is(x-1, ",") {
		return x - 1
	}
	return x
}

// addReported adds an indirect statement whose text is the tokens [from, to).
func (d *statementStage) addReported(st stmt, from, to int) {
	for from < to && d.toks[from].Kind == gazetteer.Punct && !d.openQuoteAt(from) && d.tx(from) != "\"" {
		from++
	}
	if from+2 < to && d.inR(from, gazetteer.RoleDiscourseAdverbs) && d.is(from+1, ",") {
		from += 2 // "Meanwhile, S, the secretariat said": the adverb is the writer's
		if from+2 < to && d.inR(from, gazetteer.RoleComplementizers) {
			from++ // "He warned, however, that S"
		}
	}
	for to > from && (d.tx(to-1) == "," || d.tx(to-1) == ":" || d.tx(to-1) == ";") {
		to--
	}
	if d.words(from, to) < 2 {
		return
	}
	st.from, st.to = from, to
	st.a, st.b = int(d.toks[from].Start), int(d.toks[to-1].End)
	st.kind = facts.Indirect
	st.para = -1
	d.stmts = append(d.stmts, st)
}

// placed is an entity's mention, by position, for listing a statement's entities.
type placed struct {
	start, end int
	id         string
}

// stmtIDs are the first statement ids, made once: an article has tens of statements.
var stmtIDs = func() []string {
	ids := make([]string, 128)
	for n := range ids {
		ids[n] = "s" + strconv.Itoa(n)
	}
	return ids
}()

// stmtID returns the id of the nth statement, "s1" for the first.
func stmtID(n int) string {
	if n < len(stmtIDs) {
		return stmtIDs[n]
	}
	return "s" + strconv.Itoa(n)
}

// statementList turns the statements into output, numbered in text order.
func (d *statements) statementList(t *text, en *entities) []facts.Statement {
	// Every entity's mentions, in order of start and then id. entityList listed them by
	// start; mentions that start together (a few at most: a name nested in another) are put
	// in order of id here. Placings equal in start and id differ at most in their end, which
	// the loop below does not let change the ids it lists, so their order does not matter.
	all := en.placed
	for i := 1; i < len(all); i++ {
		for j := i; j > 0 && all[j].start == all[j-1].start && all[j].id < all[j-1].id; j-- {
			all[j], all[j-1] = all[j-1], all[j]
		}
	}
	out := make([]facts.Statement, 0, len(d.stmts))
	// The statements' entity lists are consecutive parts of one array, each capped at its
	// length: one allocation instead of a few per statement. Statements seldom overlap, so
	// the mentions are about as many as the ids.
	idBuf := make([]string, 0, len(all)+8)
	for i, s := range d.stmts {
		from := len(idBuf)
		for k := sort.Search(len(all), func(k int) bool { return all[k].start >= s.a }); k < len(all) && all[k].start < s.b; k++ {
			if m := all[k]; m.end <= s.b && !slices.Contains(idBuf[from:], m.id) {
				idBuf = append(idBuf, m.id)
			}
		}
		ids := idBuf[from:len(idBuf):len(idBuf)] // never nil: an empty list is [] in JSON
		speaker := ""
		if s.speaker != nil && len(s.speaker.mentions) > 0 {
			speaker = s.speaker.id
		}
		out = append(out, facts.Statement{
			ID: stmtID(i + 1), SpeakerID: speaker, SpeakerText: s.speakerText, Kind: s.kind,
			Text: t.spanText(s.from, s.to), Start: s.a, End: s.b, Verb: s.verb, SaidOn: s.saidOn, EntityIDs: ids,
		})
	}
	return out
}
