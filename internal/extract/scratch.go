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
	lowBuf    []byte // the lower-cased body, before text.low copies it
	buf       []byte // work.buf
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
	live            []*ent       // entityList's entities with mentions
	xs              []*described // exerciseList's exercises
	described       []*described // the exercises stage's records
	descSlab        []described
	surfaces        []string // entityList's surface forms
	entSlab         []ent    // the document's last chunk of entity records (entityStage.entity)
	byID            map[string]*ent
	exByKey         map[string]*exercise

	// The text and the stages, cleared on release.
	text       text
	work       work
	names      nameStage
	entities   entityStage
	statements statementStage
	exercises  exerciseStage
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

// release gives the document's scratch memory back to the pool. Nothing may be used after.
func release(t *text, nm *names, en *entities, st *statements, ex *exercises) {
	sc := t.sc
	if sc == nil || cap(t.toks) > maxPooledTokens {
		return
	}
	sc.toks, sc.feat, sc.atoms, sc.buf = t.toks[:0], t.feat[:0], t.atoms[:0], t.buf[:0]
	sc.ments, sc.allMents, sc.stmts = zeroed(en.ments), zeroed(sc.allMents), zeroed(st.stmts)
	sc.quotes, sc.sents, sc.paras, sc.placed = zeroed(t.quotes), zeroed(t.sents), zeroed(t.paras), zeroed(en.placed)
	sc.lowers, sc.surfaces = zeroed(t.lowers), zeroed(sc.surfaces)
	sc.ents, sc.people, sc.inner, sc.live = zeroed(en.ents), zeroed(en.people), zeroed(en.inner), zeroed(sc.live)
	sc.orgByHead, sc.orgByCountry = zeroed(en.orgByHead.recs), zeroed(en.orgByCountry.recs)
	sc.described, sc.descSlab = zeroed(ex.xs), zeroed(sc.descSlab)
	// Nothing in the output points to an entity record: the chunk can serve the next document.
	sc.entSlab = zeroed(en.entSlab)
	clear(en.byID)
	clear(nm.exByKey)
	sc.byID, sc.exByKey = en.byID, nm.exByKey
	sc.text, sc.work = text{}, work{}
	sc.names, sc.entities, sc.statements, sc.exercises = nameStage{}, entityStage{}, statementStage{}, exerciseStage{}
	scratchPool.Put(sc)
}
