package extract

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// doc is one article while it is being read. Tokens are numbered across the whole body;
// paragraphs and sentences are half-open token ranges.
type doc struct {
	g     *gazetteer.Gazetteer
	meta  facts.ArticleMeta
	rs    []rune
	toks  []gazetteer.Token
	feat  []feature // per token
	names []gazetteer.Entry
	body  string
	off   []int32 // byte offset of every code point, and of the end
	buf   []byte  // scratch space for folding names
	paras []span
	sents []sent

	owner    []int32 // per token: index into ments, or -1
	ments    []ment
	inner    []ment // mentions nested in others, for output only
	acronyms map[string]*ent
	// Indexes that keep look-backs constant-time: people by first and last name,
	// organizations by head (and topic), and by country, head and topic.
	personByLast, personByFirst, orgByHead, orgByCountry map[string]*ent // "(ISPR)" after a name: later "ISPR" names the same entity
	ents                                                 []*ent
	byID                                                 map[string]*ent
	claimed                                              []bool  // per token: part of an exercise or event name, not an entity name
	attrib                                               []bool  // per token: part of a statement's attribution
	quoted                                               []int32 // per token: index of the quote it lies inside, or -1
	quotes                                               []quote
	stmts                                                []stmt
	exs                                                  []*exercise
	exByKey                                              map[string]*exercise
}

// span is a half-open range of token indexes.
type span struct{ from, to int }

// sent is a sentence: its token range and its paragraph.
type sent struct {
	span
	para int
}

func newDoc(body string, meta facts.ArticleMeta, g *gazetteer.Gazetteer) *doc {
	d := &doc{g: g, meta: meta, byID: map[string]*ent{}, exByKey: map[string]*exercise{}}
	// One pass for the code points, the byte offset of each (so that token texts are
	// substrings of the body) and a bound on the number of tokens.
	n := utf8.RuneCountInString(body)
	rs := make([]rune, 0, n)
	off := make([]int32, 0, n+1)
	bound, inWord := 1, false
	for b, r := range body {
		rs = append(rs, r)
		off = append(off, int32(b))
		// Every punctuation mark and every start of a run of letters or digits may begin a token.
		word := r < 0x80 && ('a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9') || r >= 0x80 && (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r))
		if word && !inWord || !word && !(r == ' ' || r == '\n' || r == '\t') {
			bound++
		}
		inWord = word
	}
	off = append(off, int32(len(body)))
	d.rs, d.body, d.off = rs, body, off
	d.toks = make([]gazetteer.Token, 0, bound)
	// The body with ASCII capitals made small, byte for byte at the same offsets: an ASCII
	// word's lower-case form is a substring of it, not a copy of its own.
	var lb strings.Builder
	lb.Grow(len(body))
	for k := 0; k < len(body); k++ {
		c := body[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lb.WriteByte(c)
	}
	low := lb.String()
	start := 0
	for i := 0; i <= len(d.rs); i++ {
		if i == len(d.rs) || d.rs[i] == '\n' {
			from := len(d.toks)
			base := start
			d.toks = gazetteer.TokenizeWith(d.rs[start:i], start, func(a, b int) string { return body[off[base+a]:off[base+b]] }, d.toks, g.PlaceWord, func(a, b int) string {
				s := low[off[base+a]:off[base+b]]
				for k := 0; k < len(s); k++ {
					if s[k] >= 0x80 {
						return ""
					}
				}
				return s
			})
			if len(d.toks) > from {
				d.paras = append(d.paras, span{from, len(d.toks)})
			}
			start = i + 1
		}
	}
	n = len(d.toks)
	d.owner = make([]int32, n)
	d.quoted = make([]int32, n)
	for i := range d.owner {
		d.owner[i] = -1
		d.quoted[i] = -1
	}
	d.computeFeatures()
	d.claimed = make([]bool, n)
	d.attrib = make([]bool, n)
	for p, ps := range d.paras {
		if p == 0 {
			ps.from = d.dateline(ps)
		}
		d.splitSentences(p, ps)
	}
	d.findQuotes()
	return d
}

// text returns the body's code points [a, b) as a string.
func (d *doc) text(a, b int) string { return d.body[d.off[a]:d.off[b]] }

// spanText returns the text from the start of token i to the end of token j-1.
func (d *doc) spanText(i, j int) string { return d.text(d.toks[i].Start, d.toks[j-1].End) }

func (d *doc) tok(i int) gazetteer.Token {
	if i < 0 || i >= len(d.toks) {
		return gazetteer.Token{}
	}
	return d.toks[i]
}

// is reports whether token i is the punctuation or word s (lower case for words).
func (d *doc) is(i int, s string) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	return d.toks[i].Lower == s
}

func isOpenQuote(s string) bool  { return s == "“" || s == "«" || s == "„" }
func isCloseQuote(s string) bool { return s == "”" || s == "»" }
func isQuote(s string) bool      { return isOpenQuote(s) || isCloseQuote(s) || s == "\"" }
func isEnd(s string) bool        { return s == "." || s == "!" || s == "?" }

// splitSentences cuts a paragraph after ".", "!" or "?" (and any closing quotes) when the next
// token starts a sentence and the stop does not end an abbreviation ("Gen.", "Feb.").
func (d *doc) splitSentences(p int, ps span) {
	from := ps.from
	for i := ps.from; i < ps.to; i++ {
		t := d.toks[i]
		if t.Kind != gazetteer.Punct || !isEnd(t.Text) {
			continue
		}
		if t.Text == "." && i > ps.from {
			prev := d.toks[i-1]
			if prev.End == t.Start && (d.g.In("abbreviations", prev.Text) || (len([]rune(prev.Text)) == 1 && prev.Cap())) {
				continue
			}
		}
		j := i + 1
		// Closing marks right after the stop belong to this sentence; a straight quote after a
		// space opens the next one.
		for j < ps.to && d.toks[j].Kind == gazetteer.Punct && d.toks[j].Start == d.toks[j-1].End && (isCloseQuote(d.toks[j].Text) || d.toks[j].Text == "\"" || d.toks[j].Text == ")" || d.toks[j].Text == "’") {
			j++
		}
		if j < ps.to {
			next := d.toks[j]
			if !(next.Cap() || next.IsDigitWord() || isOpenQuote(next.Text) || next.Text == "\"") {
				continue
			}
		}
		d.sents = append(d.sents, sent{span{from, j}, p})
		from = j
		i = j - 1
	}
	if from < ps.to {
		d.sents = append(d.sents, sent{span{from, ps.to}, p})
	}
}

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
func (d *doc) findQuotes() {
	for p, ps := range d.paras {
		open := -1
		seen := false
		for i := ps.from; i < ps.to; i++ {
			t := d.toks[i]
			if t.Kind != gazetteer.Punct || !isQuote(t.Text) {
				continue
			}
			opening := isOpenQuote(t.Text)
			if t.Text == "\"" {
				// A straight quote opens when it follows a space or starts the paragraph.
				opening = open < 0 && (i == ps.from || d.toks[i-1].End < t.Start || d.toks[i-1].Kind == gazetteer.Punct && !isEnd(d.toks[i-1].Text) && d.toks[i-1].Text != ",")
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
		if open >= 0 && open == ps.from {
			d.addQuote(quote{open: open, close: -1, from: open + 1, to: ps.to, para: p})
		}
	}
}

func (d *doc) addQuote(q quote) {
	if q.to <= q.from {
		return
	}
	n := int32(len(d.quotes))
	d.quotes = append(d.quotes, q)
	for i := q.from; i < q.to; i++ {
		d.quoted[i] = n
	}
}

// dateline returns where the first paragraph's text starts after a wire dateline such as
// "WASHINGTON (Reuters) -" or "MOSCOW, Aug 3 (AP) —", which is no part of any sentence.
func (d *doc) dateline(ps span) int {
	i := ps.from
	caps := 0
	for i < ps.to && i-ps.from < 4 && d.toks[i].Kind == gazetteer.Word && len(d.toks[i].Text) > 1 && allCaps(d.toks[i].Text) && !d.toks[i].IsDigitWord() {
		i++
		caps++
	}
	if caps == 0 {
		return ps.from
	}
	// An optional date and agency: ", Aug 3", "(Reuters)".
	for k := 0; i < ps.to && k < 8 && !isDash(d.toks[i].Text); k++ {
		if d.is(i, ".") || isQuote(d.toks[i].Text) {
			return ps.from
		}
		i++
	}
	if i < ps.to && isDash(d.toks[i].Text) {
		return i + 1
	}
	return ps.from
}

func isDash(s string) bool { return s == "-" || s == "—" || s == "–" }

// sentenceOf returns the index of the sentence holding token i.
func (d *doc) sentenceOf(i int) int {
	return sort.Search(len(d.sents), func(k int) bool { return d.sents[k].to > i })
}
