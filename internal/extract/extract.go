// Package extract turns article text into facts: entities, statements and exercises, each
// pointing at the span of text it came from. It is pure: no I/O, no database, no global state.
//
// The output of Facts is a facts.Extraction:
//
//   - article: title, published_at (YYYY-MM-DD or null), sha256 (hex SHA-256 of the normalized
//     body) and body, the normalized text every span points into;
//   - entities: {id, name, type, aliases, title?, affiliation_id?, mentions}, in order of first
//     mention. id is facts.Slug of the canonical name; aliases are the other surface forms seen,
//     in order of appearance; mentions are spans {start, end, text};
//   - statements: {id "s1".., speaker_id|null, speaker_text, kind direct|indirect, text, start,
//     end, verb, said_on|null, entity_ids}, in text order;
//   - exercises: {id, name, aliases, host_id|null, participant_ids, period {text, start, end}|null,
//     purpose|null, mentions}, in order of first mention.
//
// Every offset is in Unicode code points, half-open, and every text is exactly the slice of
// the body it claims to be. The same input always gives byte-identical JSON.
//
// All cost is linear in the text: the rules look at a bounded window of tokens around each
// position, and names are found with the gazetteer's hash lookups, never with backtracking
// regular expressions.
package extract

import (
	"crypto/sha256"
	"encoding/hex"
	"math/bits"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// DefaultMaxBytes is the default limit on an article body's size.
const DefaultMaxBytes = 2 << 20

// Normalize checks and normalizes raw article text: valid UTF-8, no NUL bytes, BOM dropped,
// "\r\n" and "\r" → "\n", NFC, not empty or blank, at most maxBytes (0: DefaultMaxBytes).
// Leading and trailing white space is trimmed. Errors are *facts.Error (EINVALID, or
// ETOOLARGE) whose message names the problem.
func Normalize(text string, maxBytes int) (string, error) {
	if maxBytes <= 0 {
		maxBytes = DefaultMaxBytes
	}
	if len(text) > maxBytes {
		return "", facts.Errorf(facts.ETOOLARGE, "article body is %d bytes, over the limit of %d bytes", len(text), maxBytes)
	}
	if !utf8.ValidString(text) {
		at := 0
		for i, r := range text {
			if r == utf8.RuneError {
				if _, size := utf8.DecodeRuneInString(text[i:]); size == 1 {
					at = i
					break
				}
			}
		}
		return "", facts.Errorf(facts.EINVALID, "article body is not valid UTF-8 (bad byte at offset %d)", at)
	}
	if i := strings.IndexByte(text, 0); i >= 0 {
		return "", facts.Errorf(facts.EINVALID, "article body contains a NUL byte at offset %d", i)
	}
	text = strings.TrimPrefix(text, "\uFEFF")
	if strings.Contains(text, "\r") {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	text = nfc(text)
	// A BOM left after leading white space is as invisible as the space.
	text = strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' })
	if text == "" {
		return "", facts.Errorf(facts.EINVALID, "article body is empty or only white space")
	}
	return text, nil
}

// nfc returns text in Normalization Form C, as norm.NFC.String does, and text itself when it
// is normal already, which is nearly always. norm's check decodes every character through its
// tables; here runs of ASCII, most of a news article, are skipped eight bytes at a time, and
// so are the dashes and typographic quotes of General Punctuation, most of the rest. Such a
// character starts a segment that nothing before it can change (no composition ends in it,
// and it has combining class 0) and ends one that nothing after it changes (none starts with
// it), so the text is normal when each run of other characters, with the character before
// it, is. The runs use norm's quick check, which allocates nothing; when it cannot vouch for
// a run, norm.NFC.String decides for the whole text.
func nfc(text string) string {
	for i := 0; ; {
		i = nextNonASCII(text, i)
		if i == len(text) {
			return text
		}
		if inertPunct(text, i) {
			i += 3
			continue
		}
		from := i // after inert punctuation, nothing before the run can change it
		if i > 0 && text[i-1] < utf8.RuneSelf {
			from = i - 1 // the ASCII character before may be the start of a composition
		}
		for i < len(text) && text[i] >= utf8.RuneSelf && !inertPunct(text, i) {
			i++
		}
		if chunk := text[from:i]; norm.NFC.QuickSpanString(chunk) != len(chunk) {
			return norm.NFC.String(text)
		}
	}
}

// inertPunct reports whether the bytes of text at i encode a character from U+2000 to U+207F
// (General Punctuation, and superscripts) that norm says starts and ends a segment and does
// not decompose: nothing before or after it changes in NFC.
func inertPunct(text string, i int) bool {
	if text[i] != 0xE2 || i+2 >= len(text) || text[i+1]&^1 != 0x80 {
		return false
	}
	k := uint(text[i+1]&1)<<6 | uint(text[i+2]&0x3F)
	return inertPuncts[k/64]&(1<<(k%64)) != 0
}

// inertPuncts holds a bit for each inert character from U+2000 to U+207F.
var inertPuncts = func() (m [2]uint64) {
	for r := rune(0x2000); r < 0x2080; r++ {
		p := norm.NFC.PropertiesString(string(r))
		if p.BoundaryBefore() && p.BoundaryAfter() && len(p.Decomposition()) == 0 && p.CCC() == 0 {
			k := r - 0x2000
			m[k/64] |= 1 << (k % 64)
		}
	}
	return m
}()

// nextNonASCII returns the index of the first byte at or after i that is not ASCII, or len(s).
func nextNonASCII(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		if m := load64(s, i) & 0x8080808080808080; m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return i
		}
	}
	return len(s)
}

// Facts extracts every fact from an article body, which it normalizes first (a body that is
// already normalized is returned unchanged). The result is deterministic; a nil g means
// gazetteer.Default().
func Facts(body string, meta facts.ArticleMeta, g *gazetteer.Gazetteer) (facts.Extraction, error) {
	body, err := Normalize(body, len(body)+1)
	if err != nil {
		return facts.Extraction{}, err
	}
	if g == nil {
		g = gazetteer.Default()
	}
	// The hash reads the body through a small buffer: []byte(body) would copy all of it.
	h := sha256.New()
	var chunk [512]byte
	for rest := body; rest != ""; {
		n := copy(chunk[:], rest)
		h.Write(chunk[:n])
		rest = rest[n:]
	}
	var sum [sha256.Size]byte
	h.Sum(sum[:0])
	// The pipeline, one file per stage. Each stage reads the text and what the stages
	// before it found, and returns its own result (see the stage types in text.go).
	sc := scratchPool.Get().(*scratch)
	t := newTextWith(body, meta, g, sc) // text.go: tokens, features, paragraphs, sentences, quotes, dateline
	nm := readNames(t)                  // names.go: exercise, event and ship names, which no entity rule may take
	en := readEntities(t, nm)           // entities.go: events, dateline, people, organizations, places, transcript labels
	st := readStatements(t, nm, en)     // statements.go: direct quotes, transcript lines, reported speech, by speaker
	ex := readExercises(t, nm, en, st)  // exercises.go: host, participants, period and purpose of each exercise
	entities := en.entityList(t)        // fills each entity's mentions, which the other lists read
	x := facts.Extraction{
		Article: facts.ExtractedArticle{
			Title:       meta.Title,
			PublishedAt: meta.PublishedAt,
			SHA256:      hex.EncodeToString(sum[:]),
			Body:        body,
		},
		Entities:   entities,
		Statements: st.statementList(t, en),
		Exercises:  ex.exerciseList(t),
	}
	release(t, nm, en, st, ex) // nothing in x refers to the scratch memory
	return x, nil
}
