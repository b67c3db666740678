package extract

import (
	"encoding/binary"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// The stages of Facts, one file each, and what each returns. A stage is a struct that embeds
// the read-only text and the results of the stages before it (by pointer: it reads them and
// writes none of them) and its own result, which its methods fill in and which it returns.
//
//	names (names.go)           ← text
//	entities (entities.go)     ← text, names
//	statements (statements.go) ← text, names, entities
//	exercises (exercises.go)   ← text, names, entities, statements

// names is what the names stage finds: exercise, event and ship names, which no entity rule
// may take.
type names struct {
	claimed []bool // per token: part of an exercise, event or ship name, not an entity name
	exs     []*exercise
	exByKey map[string]*exercise
	events  []span // event names ("Expo-2024"), for the entities stage
}

// entities is what the entities stage finds, events' among them.
type entities struct {
	owner    []int32 // per token: index into ments, or -1
	ments    []ment
	inner    []ment            // mentions nested in others, for output only
	acronyms map[string]*ent   // "(ISPR)" after a name: later "ISPR" names the same entity
	orgNames map[string]string // organizations' names by slug, of a name or its short form (orgEvidence)
	surnames map[string]bool   // words the text writes after a name word (surnameSomewhere), built at its first call
	// organizations named by a plain first word and a head, by that word: "Tidewater" of
	// "Tidewater Energy Storage Inc."
	orgByFirst map[string]*ent
	people     []*ent // persons of two or more words, for knownPerson
	// people[:peopleIndexed] by last and by first word, once there are too many to scan
	personByLast, personByFirst map[string]*ent
	peopleIndexed               int
	// Organizations as mentioned, by head (and topic), and as named, by country, head and
	// topic, for look-backs.
	orgByHead, orgByCountry orgIndex
	ents                    []*ent
	entSlab                 []ent // where entity takes its records from (entSlab[len:cap] free)
	byID                    map[string]*ent
	labels                  []label  // transcript lines' speakers, for the statements stage
	placed                  []placed // every mention by position (entityList, for statementList)
}

// statements is what the statements stage finds.
type statements struct {
	used   []bool // per token: part of a direct statement or an attribution
	attrib []bool // per token: part of a statement's attribution
	stmts  []stmt
}

// exercises is what the exercises stage finds: each named exercise's host, participants,
// period and purpose.
type exercises struct {
	exAt []int32      // per token: index+1 into names.exs of the exercise named there
	xs   []*described // one per names.exs, in its order
}

// The stages, each the text, the earlier results read-only and its own result.
type (
	nameStage struct {
		*text
		names
	}
	entityStage struct {
		*text
		*names
		entities
	}
	statementStage struct {
		*text
		*names
		*entities
		statements
	}
	exerciseStage struct {
		*text
		*names
		*entities
		*statements
		exercises
	}
)

// work is scratch space that any stage may use while it runs; no result lives in it.
type work struct {
	buf      []byte   // for folding names
	atoms    []atom   // for date atoms
	atomLows []string // lower-case forms of date atoms that are no substring of the body
	sc       *scratch // where the per-token slices come from, and go back to
}

// text is an article as newText reads it once: tokens with their gazetteer numbers and
// features, paragraphs, sentences, quotations and the dateline. Tokens are numbered across
// the whole body; paragraphs and sentences are half-open token ranges. No stage writes it.
type text struct {
	*work
	g    *gazetteer.Gazetteer
	meta facts.ArticleMeta
	toks []token
	// Per token, the gazetteer's number for its text, its lower-case form and its lookup key
	// (gazetteer.Key; kid is tid, see newTextWith): every word-list question about a token is then
	// an array index, asked with no string hashing after newTextWith.
	tid, lid, kid []gazetteer.WordID
	feat          []feature // per token
	body          string
	low           string   // the body with ASCII capitals made small, byte for byte
	lowers        []string // lower-case forms that are no substring of low
	paras         []span
	sents         []sent
	marks         []int32  // the tokens with a mark, in order: splitSentences and findQuotes visit only these
	paraMarks     []int32  // where each paragraph's marks begin in marks, and then len(marks)
	quoted        []int32  // per token: index of the quote it lies inside, or -1
	quotes        []quote  // quoted passages, in order
	line          dateline // the wire dateline, if any
}

// token is one word or punctuation mark of the body. Start and End are code points. A token
// holds no pointer: its text is d.tx(i), bytes [b0, b1) of the body, and its lower-case form
// d.lo(i) the same bytes of the lower-cased body d.low, unless folding changed more than
// ASCII capitals (low > 0, rare: one branch that is nearly always predicted). Tokens are most
// of what a document allocates; without pointers the garbage collector neither scans them
// nor puts write barriers on building them.
type token struct {
	Start, End int32
	b0, b1     int32 // bytes of the text in the body
	low        int32 // index+1 into text.lowers of the lower-case form, 0: text.low[b0:b1]
	Kind       gazetteer.TokenKind
	cap        bool // starts with an upper-case letter
	digit      bool // a word that starts with a digit
	folded     bool // the lower-case form differs from the text
	mark       mark // what kind of stop or quotation mark the token is, if any
	apos       bool // a word with a typographic apostrophe: gazetteer.Key differs from the text
}

// Cap reports whether the token starts with an upper-case letter.
func (t token) Cap() bool { return t.cap }

// IsDigitWord reports whether the token is a word that starts with a digit.
func (t token) IsDigitWord() bool { return t.digit }

// tx returns the text of token i, exactly as in the body ("" out of range).
func (d *text) tx(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.body[d.toks[i].b0:d.toks[i].b1]
}

// lo returns token i with typographic apostrophes made straight, in lower case ("" out of
// range).
func (d *text) lo(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	t := &d.toks[i]
	if t.low > 0 {
		return d.lowers[t.low-1]
	}
	return d.low[t.b0:t.b1]
}

// span is a half-open range of token indexes.
type span struct{ from, to int }

// sent is a sentence: its token range and its paragraph.
type sent struct {
	span
	para int
}

func newText(body string, meta facts.ArticleMeta, g *gazetteer.Gazetteer) *text {
	return newTextWith(body, meta, g, new(scratch))
}

// newTextWith is newText taking its per-token memory from sc.
func newTextWith(body string, meta facts.ArticleMeta, g *gazetteer.Gazetteer, sc *scratch) *text {
	// The text itself, and its scratch space, come from the pool too.
	d := &sc.text
	sc.work = work{sc: sc, atoms: sc.atoms, buf: sc.buf[:0]}
	*d = text{work: &sc.work, g: g, meta: meta, body: body, lowers: sc.lowers}
	// The body with ASCII capitals made small, byte for byte at the same offsets: an ASCII
	// word's lower-case form is a substring of it, not a copy of its own.
	// Eight zero bytes after it let any word of up to eight bytes be read in one load, its
	// key for gazetteer.IDOfPacked.
	sc.lowBuf = append(lowerASCII(sc.lowBuf[:0], body), 0, 0, 0, 0, 0, 0, 0, 0)
	lowPad := string(sc.lowBuf)
	d.low = lowPad[:len(body)]
	// Paragraphs are lines, tokenized in the body's own bytes into the pool's list of spans,
	// which the first articles grow and the next ones reuse; the tokens are then built in one
	// pass, with their numbers in the gazetteer.
	spans := sc.spans[:0]
	paraEnds := sc.paraEnds[:0]
	for b, cp := 0, 0; ; {
		spans, b, cp = gazetteer.ScanLine(body, b, cp, spans, g.PlaceWord)
		paraEnds = append(paraEnds, int32(len(spans)))
		if b == len(body) {
			break
		}
		b, cp = b+1, cp+1 // the "\n"
	}
	sc.spans = spans
	n := len(spans)
	if cap(sc.toks) >= n {
		d.toks = sc.toks[:n]
	} else {
		d.toks = make([]token, n)
	}
	// The key differs from the text only for words with typographic apostrophes, and no
	// list the text is looked up in (stopwords, months, weekdays, abbreviations) holds an
	// apostrophe of either kind (TestTextListsHaveNoApostrophes), so the key's number answers
	// for the text as well: one array serves both.
	ids := take(sc.ids, 2*n)
	sc.ids = ids
	d.tid, d.lid = ids[:n:n], ids[n:]
	d.kid = d.tid
	toks, tid, lid := d.toks, d.tid, d.lid[:n]
	// Tokens of ASCII letters of up to eight bytes, and ASCII marks, nearly all, are built in
	// a loop of their own that calls nothing, so that what it works on stays in registers;
	// the others are left to the loop after it.
	slow := room(sc.slow, n)
	sc.slow = slow
	slow = slow[:buildShort(g, body, lowPad, spans, toks, tid, lid, slow)]
	for _, k := range slow {
		i := int(k)
		sp := &spans[i]
		t := &toks[i]
		*t = token{Start: sp.C0, End: sp.C1, b0: sp.B0, b1: sp.B1, Kind: sp.Kind}
		b0, b1 := int(sp.B0), int(sp.B1)
		w := body[b0:b1]
		var id, l gazetteer.WordID
		if sp.Flags&gazetteer.HasNonASCII == 0 {
			// A long ASCII word.
			t.cap = 'A' <= w[0] && w[0] <= 'Z'
			t.digit = sp.Kind == gazetteer.Word && '0' <= w[0] && w[0] <= '9'
			t.folded = sp.Flags&gazetteer.HasCapital != 0
			id = g.ID(w)
			l = id
			if t.folded {
				l = g.ID(d.low[b0:b1])
			}
		} else {
			d.fillOther(t, w)
			if t.apos {
				w = gazetteer.Key(w)
			}
			id = g.ID(w)
			l = id
			if t.folded {
				l = g.ID(d.lo(i))
			}
		}
		tid[i], lid[i] = id, l
	}
	markSingleQuotes(body, toks, paraEnds)
	// The tokens at which the gazetteer may know a phrase, for computeFeatures, and the
	// marks.
	cand, marks := room(sc.cand, n), room(sc.marks, n)
	nc, nm := 0, 0
	for i := range toks {
		if toks[i].mark != 0 {
			marks[nm] = int32(i)
			nm++
		}
		if g.Info(tid[i]).Name || g.Info(lid[i]).Starts != 0 {
			cand[nc] = int32(i)
			nc++
		}
	}
	cand, marks = cand[:nc], marks[:nm]
	sc.cand = cand
	sc.marks, d.marks = marks, marks
	// The text's lists start from the pool's (empty, zeroed) ones, so that they rarely regrow.
	d.paras, d.sents, d.quotes = sc.paras[:0], sc.sents[:0], sc.quotes[:0]
	// Each paragraph's marks are a run of d.marks, found here in one sweep.
	paraMarks := sc.paraMarks[:0]
	from, k := 0, 0
	sc.paraEnds = paraEnds
	for _, end := range paraEnds {
		to := int(end)
		if to > from {
			d.paras = append(d.paras, span{from, to})
			for k < len(marks) && int(marks[k]) < from {
				k++
			}
			paraMarks = append(paraMarks, int32(k))
		}
		from = to
	}
	d.paraMarks = append(paraMarks, int32(len(marks)))
	sc.paraMarks = d.paraMarks
	ints := take(sc.ints, 3*n)
	sc.ints = ints
	d.quoted = ints[n : 2*n : 2*n] // owner, quoted and exAt are end to end
	fill(ints[:2*n], -1)           // owner and quoted
	d.computeFeatures()
	sc.flags = take(sc.flags, 3*n) // claimed, attrib and used, end to end
	prose := false                 // a paragraph before ended a sentence: it was no byline or source line
	for p, ps := range d.paras {
		// A dateline starts the text, after a byline or a source line at most.
		if p < 4 && d.line.place.to == 0 {
			ps.from = d.dateline(ps, prose)
		}
		d.splitSentences(p, ps)
		prose = prose || ps.to > ps.from && isEnd(d.tx(ps.to-1))
	}
	d.findQuotes()
	return d
}

// buildShort builds the tokens of spans that are ASCII and at most eight bytes long, nearly
// all, with their numbers in the gazetteer, and lists the others in slow, for newTextWith to
// build; it returns how many it listed. Such a token is its own lookup key, read in one load
// (gazetteer.IDOfPacked: the body holds no NUL byte, Normalize sees to it), in lower case
// from lowPad, which holds the lower-cased body and then eight zero bytes. It calls nothing, so that what it works on stays in registers.
func buildShort(g *gazetteer.Gazetteer, body, lowPad string, spans []gazetteer.Span, toks []token, tid, lid []gazetteer.WordID, slow []int32) int {
	n := len(spans)
	toks, tid, lid, slow = toks[:n], tid[:n], lid[:n], slow[:n]
	ns := 0
	for i := range spans {
		sp := &spans[i]
		b0, b1 := int(sp.B0), int(sp.B1)
		k := b1 - b0
		if sp.Flags&gazetteer.HasNonASCII != 0 || k > 8 {
			slow[ns] = int32(i)
			ns++
			continue
		}
		c := body[b0]
		m := ^uint64(0) >> (uint(64-8*k) & 63) // k bytes
		folded := sp.Flags&gazetteer.HasCapital != 0
		t := &toks[i]
		t.Start, t.End, t.b0, t.b1, t.low, t.Kind = sp.C0, sp.C1, sp.B0, sp.B1, 0, sp.Kind
		// No letter or digit is a mark, and no mark has case.
		t.cap, t.digit, t.folded, t.mark, t.apos = c-'A' < 26, sp.Kind == gazetteer.Word && c-'0' < 10, folded, asciiMarks[c], false
		l := g.IDOfPacked(load64(lowPad, b0) & m)
		id := l
		if folded {
			if b0+8 <= len(body) {
				id = g.IDOfPacked(load64(body, b0) & m)
			} else {
				id = g.IDOfPacked(gazetteer.PackWord(body[b0:b1]))
			}
		}
		tid[i], lid[i] = id, l
	}
	return ns
}

// fill sets every element of s to v, copying what is set already so that memmove, not a
// loop of stores, does the work.
func fill[T any](s []T, v T) {
	if len(s) == 0 {
		return
	}
	s[0] = v
	for k := 1; k < len(s); k *= 2 {
		copy(s[k:], s[:k])
	}
}

// lowerASCII appends s to dst with the ASCII capitals made small. It does eight bytes at a
// time: in each byte with the top bit clear, adding 0x3F sets the top bit from 'A' up and
// adding 0x25 from '[' up, and no sum carries into the next byte; the top bit of a capital,
// shifted to 0x20, makes it small.
func lowerASCII(dst []byte, s string) []byte {
	dst = slices.Grow(dst, len(s))
	i := 0
	for ; i+8 <= len(s); i += 8 {
		dst = binary.LittleEndian.AppendUint64(dst, lowerASCII8(load64(s, i)))
	}
	for ; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// lowerASCII8 lower-cases the ASCII capitals among the eight bytes of x at once: a byte's
// 0x20 bit is set where its low seven bits lie in 'A'..'Z' and its top bit is clear.
func lowerASCII8(x uint64) uint64 {
	const low7, ones, fromA, pastZ = 0x7f7f7f7f7f7f7f7f, 0x8080808080808080, 0x3f3f3f3f3f3f3f3f, 0x2525252525252525
	y := x & low7
	return x | ((y+fromA)&^(y+pastZ)&^x&ones)>>2
}

// load64 returns bytes i to i+8 of s as a little-endian number, in one load.
func load64(s string, i int) uint64 {
	b := s[i : i+8]
	return uint64(b[0]) | uint64(b[1])<<8 | uint64(b[2])<<16 | uint64(b[3])<<24 |
		uint64(b[4])<<32 | uint64(b[5])<<40 | uint64(b[6])<<48 | uint64(b[7])<<56
}

// fillOther sets the fields of token t, whose text w holds more than ASCII, that newTextWith
// leaves to it.
func (d *text) fillOther(t *token, w string) {
	c := w[0]
	if c < utf8.RuneSelf {
		t.cap = 'A' <= c && c <= 'Z'
	} else {
		r, _ := utf8.DecodeRuneInString(w)
		t.cap = unicode.IsUpper(r)
	}
	if t.Kind == gazetteer.Punct {
		t.mark = markOf(w)
		return // punctuation has no case and no apostrophes to fold
	}
	t.digit = t.Kind == gazetteer.Word && '0' <= c && c <= '9'
	// Straighten apostrophes, then fold case.
	key := gazetteer.Key(w)
	t.apos = key != w
	l := strings.ToLower(key)
	if l != d.low[t.b0:t.b1] {
		d.lowers = append(d.lowers, l)
		t.low = int32(len(d.lowers))
	}
	t.folded = l != w
}

// asciiMarks is markOf of each one-byte punctuation mark, indexed by any byte.
var asciiMarks = func() (m [256]mark) {
	for c := range utf8.RuneSelf {
		m[c] = markOf(string(rune(c)))
	}
	return m
}()

// spanText returns the text from the start of token i to the end of token j-1.
func (d *text) spanText(i, j int) string { return d.body[d.toks[i].b0:d.toks[j-1].b1] }

// tw and lw return what the gazetteer knows about token i's text and its lower-case form
// (nothing, out of range).
func (d *text) tw(i int) *gazetteer.WordInfo {
	if i < 0 || i >= len(d.tid) {
		return d.g.Info(0)
	}
	return d.g.Info(d.tid[i])
}

// inL and inT report whether token i's lower-case form, or its text, is in a word list.
func (d *text) inL(i int, l gazetteer.Lists) bool { return d.lw(i).Lists&l != 0 }
func (d *text) inT(i int, l gazetteer.Lists) bool { return d.tw(i).Lists&l != 0 }

// inR reports whether token i's lower-case form is in a function-word list.
func (d *text) inR(i int, r gazetteer.Roles) bool { return d.lw(i).Roles&r != 0 }

// inTerm reports whether token i's lower-case form is in a list with a Terms bit.
func (d *text) inTerm(i int, t gazetteer.Terms) bool { return d.lw(i).Terms&t != 0 }

func (d *text) lw(i int) *gazetteer.WordInfo {
	if i < 0 || i >= len(d.lid) {
		return d.g.Info(0)
	}
	return d.g.Info(d.lid[i])
}

func (d *text) tok(i int) token {
	if i < 0 || i >= len(d.toks) {
		return token{}
	}
	return d.toks[i]
}

// is reports whether token i is the punctuation s. Words are asked of their lists (inL, inR).
func (d *text) is(i int, s string) bool {
	if uint(i) >= uint(len(d.toks)) {
		return false
	}
	t := &d.toks[i]
	if t.low > 0 {
		return d.lowers[t.low-1] == s
	}
	// The lower-case form has the text's length: most words are told apart by it.
	return int(t.b1-t.b0) == len(s) && d.low[t.b0:t.b1] == s
}

// mark classifies the stops and quotation marks that the rules test for at nearly every
// token: a flag in the token answers with no string comparison.
type mark uint8

const (
	markEnd      mark = 1 << iota // ".", "!" or "?"
	markOpen                      // an opening quotation mark: isOpenQuote
	markClose                     // a closing one: isCloseQuote
	markStraight                  // '"', which may open or close
)

// markOf returns the mark of a punctuation token's text.
func markOf(s string) mark {
	switch {
	case isEnd(s):
		return markEnd
	case isOpenQuote(s):
		return markOpen
	case isCloseQuote(s):
		return markClose
	case s == "\"":
		return markStraight
	}
	return 0
}

// markAt reports whether token i is one of the marks m ("" out of range is none).
func (d *text) markAt(i int, m mark) bool {
	return uint(i) < uint(len(d.toks)) && d.toks[i].mark&m != 0
}

// endAt, openQuoteAt and closeQuoteAt are isEnd, isOpenQuote and isCloseQuote of token i's
// text; quoteAt is any quotation mark, straight or typographic.
func (d *text) endAt(i int) bool        { return d.markAt(i, markEnd) }
func (d *text) quoteAt(i int) bool      { return d.markAt(i, markOpen|markClose|markStraight) }
func (d *text) openQuoteAt(i int) bool  { return d.markAt(i, markOpen) }
func (d *text) closeQuoteAt(i int) bool { return d.markAt(i, markClose) }

func isOpenQuote(s string) bool  { return s == "“" || s == "«" || s == "„" }
func isCloseQuote(s string) bool { return s == "”" || s == "»" }
func isEnd(s string) bool        { return s == "." || s == "!" || s == "?" }

// splitSentences cuts a paragraph after ".", "!" or "?" (and any closing quotes) when the next
// token starts a sentence and the stop does not end an abbreviation ("Gen.", "Feb.").
func (d *text) splitSentences(p int, ps span) {
	from := ps.from
	for _, k := range d.marksIn(p) {
		i := int(k)
		t := d.toks[i]
		if i < from || !d.endAt(i) {
			continue // before ps (after a dateline), in the sentence split off last, or no stop
		}
		if d.tx(i) == "." && i > ps.from {
			prev := d.toks[i-1]
			if prev.End == t.Start && (d.inT(i-1, gazetteer.ListAbbreviations) || (prev.End-prev.Start == 1 && prev.Cap())) {
				continue
			}
		}
		j := i + 1
		// Closing marks right after the stop belong to this sentence; a straight quote after a
		// space opens the next one.
		for j < ps.to && d.toks[j].Kind == gazetteer.Punct && d.toks[j].Start == d.toks[j-1].End && (d.closeQuoteAt(j) || d.tx(j) == "\"" || d.tx(j) == ")" || d.tx(j) == "’") {
			j++
		}
		if j < ps.to {
			next := d.toks[j]
			if !(next.Cap() || next.IsDigitWord() || d.openQuoteAt(j) || d.tx(j) == "\"") {
				continue
			}
		}
		d.sents = append(d.sents, sent{span{from, j}, p})
		from = j
	}
	if from < ps.to {
		d.sents = append(d.sents, sent{span{from, ps.to}, p})
	}
}

// marksIn returns the part of d.marks in paragraph p.
func (d *text) marksIn(p int) []int32 { return d.marks[d.paraMarks[p]:d.paraMarks[p+1]] }

// quote is a quoted passage: the tokens between its marks. open is -1 when a paragraph's
// opening mark is missing and the passage runs from the paragraph's start.
type quote struct {
	open, close int // token indexes of the marks; close is -1 when the paragraph ends first
	from, to    int // content tokens
	para        int
}

// findQuotes pairs quotation marks within each paragraph in one pass. A closing mark with no
// opening one before it in its paragraph closes a passage that starts with the paragraph: wire
// copy drops the opening mark of a quote continued from an earlier paragraph.
func (d *text) findQuotes() {
	for p, ps := range d.paras {
		open := -1
		seen := false
		for _, k := range d.marksIn(p) {
			i := int(k)
			t := d.toks[i]
			if !d.quoteAt(i) {
				continue
			}
			opening := d.openQuoteAt(i)
			if open >= 0 && d.tx(open) == "„" && d.tx(i) == "“" {
				opening = false // „…“: the low mark opens and the high one closes
			}
			if d.tx(i) == "\"" {
				// A straight quote opens when it follows a space or starts the paragraph.
				opening = open < 0 && (i == ps.from || d.toks[i-1].End < t.Start || d.toks[i-1].Kind == gazetteer.Punct && !d.endAt(i-1) && d.tx(i-1) != ",")
			}
			switch {
			case opening:
				open = i
				seen = true
			case open >= 0:
				d.addQuote(quote{open: open, close: i, from: open + 1, to: i, para: p})
				open = -1
			case !seen:
				d.addQuote(quote{open: -1, close: i, from: ps.from, to: i, para: p})
				seen = true
			}
		}
		// A quotation left open at a paragraph's end goes on in the next paragraph, which
		// opens with a fresh mark: wire copy attributes only the last part.
		if open >= 0 {
			d.addQuote(quote{open: open, close: -1, from: open + 1, to: ps.to, para: p})
		}
	}
}

func (d *text) addQuote(q quote) {
	if q.to <= q.from {
		return
	}
	n := int32(len(d.quotes))
	d.quotes = append(d.quotes, q)
	for i := q.from; i < q.to; i++ {
		d.quoted[i] = n
	}
}

// markSingleQuotes gives quotation marks made of apostrophes their marks: doubled ones
// (two apostrophes on each side, as some papers print them) and single ones ('…' and ‘…’, British style), outside
// double quotes. An apostrophe opens after a space and before a word, and closes, after an
// opening one in its paragraph, right after a word or stop and before a space; a lone one
// after a plural ("the officers' mess") stays an apostrophe. Of a doubled mark, the inner
// apostrophe carries the mark, so that the quote's text starts and ends at its words.
func markSingleQuotes(body string, toks []token, paraEnds []int32) {
	from := 0
	for _, pe := range paraEnds {
		to := int(pe)
		open, inDouble := -1, false
		for k := from; k < to; k++ {
			t := &toks[k]
			if t.Kind != gazetteer.Punct {
				continue
			}
			if t.mark&(markOpen|markClose|markStraight) != 0 {
				inDouble = t.mark&markOpen != 0 || t.mark&markStraight != 0 && !inDouble
				continue
			}
			w := body[t.b0:t.b1]
			if inDouble || w != "'" && w != "‘" && w != "’" {
				continue
			}
			spaceBefore := k == from || toks[k-1].End < t.Start || body[toks[k-1].b0] == '('
			spaceAfter := k+1 == to || t.End < toks[k+1].Start || toks[k+1].Kind == gazetteer.Punct && body[toks[k+1].b0] != '\''
			if k+1 < to && toks[k+1].Start == t.End && body[toks[k+1].b0:toks[k+1].b1] == w {
				// A doubled mark.
				switch {
				case spaceBefore && open < 0:
					toks[k+1].mark, open = markOpen, k+1
				case !spaceBefore && open >= 0:
					t.mark, open = markClose, -1
				}
				k++
				continue
			}
			switch {
			case (w == "‘" || spaceBefore) && !spaceAfter && open < 0 && k+1 < to && toks[k+1].Kind == gazetteer.Word:
				t.mark, open = markOpen, k
			case w != "‘" && !spaceBefore && spaceAfter && open >= 0:
				t.mark, open = markClose, -1
			}
		}
		from = to
	}
}

// dateline returns where a paragraph's text starts after a wire dateline, which is no part
// of any sentence: "WASHINGTON (Reuters) -", "MOSCOW, Aug 3 (AP) —", "Minsk, 3 July (BelTA)
// –", "NEW DELHI:", "ANDERSEN AIR FORCE BASE, Guam —". The place and the agency are kept in
// d.line for findEntities. A "Source: Agency" line is all dateline.
//
// After prose, "RAUTIO:" is a transcript's speaker, not a dateline: a place and a colon
// alone make one only before the text has ended a sentence.
func (d *text) dateline(ps span, prose bool) int {
	i := ps.from
	if d.inL(i, gazetteer.ListCreditLabels) && d.is(i+1, ":") && i+2 < ps.to {
		d.line = dateline{agency: span{i + 2, ps.to}}
		return ps.to
	}
	caps, words := true, 0
	for i < ps.to && words < 4 && d.toks[i].Kind == gazetteer.Word && d.toks[i].Cap() && !d.toks[i].IsDigitWord() {
		caps = caps && len(d.tx(i)) > 1 && allCaps(d.tx(i))
		i++
		words++
	}
	if words == 0 {
		return ps.from
	}
	line := dateline{place: span{ps.from, i}}
	dated := false
	// An optional date, second place and agency: ", Aug 3", ", Guam", "(Reuters)".
	for k := 0; i < ps.to && k < 16 && !isDash(d.tx(i)) && !d.is(i, ":"); k++ {
		if d.is(i, ".") && line.agency.to == i-1 && d.is(i-1, ")") {
			break // "MOSCOW, December 5 (TASS). Russian …": a full stop ends the dateline
		}
		switch {
		case d.quoteAt(i) || d.endAt(i) && !d.abbrevDot(i) && !(d.is(i+1, "–") || d.is(i+1, "—") || d.is(i+1, "-")):
			return ps.from
		case d.is(i, "(") || d.is(i, "/"):
			// "(Reuters)", and a press-release wire's "/Harbor Newswire/".
			closing := ")"
			if d.is(i, "/") {
				closing = "/"
			}
			j := i + 1
			for j < ps.to && j-i < 6 && !d.is(j, closing) {
				j++
			}
			if !d.is(j, closing) || j == i+1 {
				return ps.from
			}
			line.agency = span{i + 1, j}
			i = j
		case d.toks[i].IsDigitWord() || d.tw(i).Month != 0:
			dated = true
		case d.toks[i].Kind == gazetteer.Word && d.toks[i].Cap() && d.is(i-1, ",") && line.region.to == 0:
			// The second place: "ANDERSEN AIR FORCE BASE, Guam —", "SHOALWATER BAY,
			// Queensland, July 15".
			j := i
			for j < ps.to && j-i < 4 && d.toks[j].Kind == gazetteer.Word && d.toks[j].Cap() && d.tw(j).Month == 0 {
				j++
			}
			line.region = span{i, j}
			i = j - 1
		case d.toks[i].Kind == gazetteer.Word && !d.toks[i].Cap():
			return ps.from // running text
		}
		i++
	}
	// The end: a dash, a colon after a place in capitals ("NEW DELHI:") or after a date and
	// the agency ("ABU DHABI, Sept 20 (Gulf Courier):"; not a transcript's "HOST (ANNA
	// BERG):"), a full stop after the agency.
	if i >= ps.to || !(isDash(d.tx(i)) || d.is(i, ":") && caps && i == line.place.to && !prose || (d.is(i, ".") || d.is(i, ":") && dated) && line.agency.to == i-1 && line.agency.to > 0) {
		return ps.from
	}
	if d.is(i, ":") && (d.titleLen(ps.from) > 0 || d.inR(ps.from, gazetteer.RoleHeadlineLabels)) {
		return ps.from // "SPOKESPERSON LEE:": a transcript's speaker by title, not a place; "UPDATE:" a label
	}
	if isDash(d.tx(i)) && d.toks[i].Start == d.toks[i-1].End && !d.is(i-1, ")") && !d.is(i-1, ".") {
		return ps.from // "11-day": a hyphen inside a phrase
	}
	// A capitalised place (not in capitals) is a dateline only with a date or an agency.
	if !caps && !dated && line.agency.to == 0 {
		return ps.from
	}
	d.line = line
	return i + 1
}

// dateline is what a dateline names: the place it was filed from, the wider place it is in
// ("Guam", "Queensland") and the agency, as token ranges (zero when absent).
type dateline struct{ place, region, agency span }

func isDash(s string) bool { return s == "-" || s == "—" || s == "–" || s == "―" }

// sentenceOf returns the index of the sentence holding token i.
func (d *text) sentenceOf(i int) int {
	return sort.Search(len(d.sents), func(k int) bool { return d.sents[k].to > i })
}
