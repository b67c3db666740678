package extract

import (
	"sync"

	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// scratch is a document's per-token working memory: slices of plain numbers and flags, no
// pointers, none of which the output refers to. Facts takes one from scratchPool and gives it
// back when the output is built, so that articles after the first reuse memory that is warm
// in the cache instead of allocating about as many bytes again as tokens times 60; at the
// extractor's rate of allocation, the garbage collector's cycles (each marking the whole
// gazetteer) were a fifth of its time. A sync.Pool and not a per-call slab: the memory is
// reused across calls, by any goroutine, and the collector may still drop it when idle.
type scratch struct {
	spans     []gazetteer.Span
	lowBuf    []byte // the lower-cased body, before doc.low copies it
	buf       []byte // doc.buf
	toks      []token
	ids       []gazetteer.WordID
	feat      []feature
	cand      []int32 // the tokens computeFeatures visits
	marks     []int32
	slow      []int32 // the tokens buildShort leaves
	paraMarks []int32
	paraEnds  []int32
	ints      []int32 // owner, quoted and exAt end to end
	flags     []bool  // claimed, attrib and used end to end
	atoms     []atom

	// Lists of the document's own records, kept zeroed between uses since some hold
	// pointers: the pool must not keep a document's entities alive.
	ments, allMents []ment
	stmts           []stmt
	quotes          []quote
	sents           []sent
	paras           []span
	placed          []placed
	lowers          []string
	ents, people    []*ent
	inner           []ment
	orgByHead       []orgRec
	orgByCountry    []orgRec
	live            []*ent      // entityList's entities with mentions
	xs              []*exercise // exerciseList's exercises
	surfaces        []string    // entityList's surface forms
	entSlab         []ent       // the document's last chunk of entity records (doc.entity)
	byID            map[string]*ent
	exByKey         map[string]*exercise

	doc doc // the document, cleared on release
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxPooledTokens bounds what goes back into the pool (about half a megabyte of text, some
// 9 MB of scratch): the memory of one huge article is not kept for the next ones.
const maxPooledTokens = 1 << 17

// take returns s[:n] zeroed, reusing s's array when it is large enough.
func take[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

// room returns s[:n], its contents undefined, reusing s's array when it is large enough.
func room[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	return s[:n]
}

// zeroed clears s and returns it empty, its array kept.
func zeroed[T any](s []T) []T {
	clear(s)
	return s[:0]
}

// release gives the document's scratch memory back to the pool. The document must not be
// used after.
func (d *doc) release() {
	sc := d.sc
	if sc == nil || cap(d.toks) > maxPooledTokens {
		return
	}
	sc.toks, sc.feat, sc.atoms, sc.buf = d.toks[:0], d.feat[:0], d.atoms[:0], d.buf[:0]
	sc.ments, sc.allMents, sc.stmts = zeroed(d.ments), zeroed(sc.allMents), zeroed(d.stmts)
	sc.quotes, sc.sents, sc.paras, sc.placed = zeroed(d.quotes), zeroed(d.sents), zeroed(d.paras), zeroed(d.placed)
	sc.lowers, sc.surfaces = zeroed(d.lowers), zeroed(sc.surfaces)
	sc.ents, sc.people, sc.inner, sc.live = zeroed(d.ents), zeroed(d.people), zeroed(d.inner), zeroed(sc.live)
	sc.orgByHead, sc.orgByCountry = zeroed(d.orgByHead.recs), zeroed(d.orgByCountry.recs)
	// Nothing in the output points to an entity record: the chunk can serve the next document.
	sc.entSlab = zeroed(d.entSlab)
	clear(d.byID)
	clear(d.exByKey)
	sc.byID, sc.exByKey = d.byID, d.exByKey
	*d = doc{}
	scratchPool.Put(sc)
}
