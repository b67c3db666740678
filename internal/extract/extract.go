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
// tables; here runs of ASCII, most of a news article, are skipped eight bytes at a time. An
// ASCII character starts a segment that nothing before it can change (no composition ends in
// it, and it has combining class 0), so the text is normal when each run of other characters,
// with the ASCII character before it, is. The runs use norm's quick check, which allocates
// nothing; when it cannot vouch for a run, norm.NFC.String decides for the whole text.
func nfc(text string) string {
	for i := 0; ; {
		i = nextNonASCII(text, i)
		if i == len(text) {
			return text
		}
		from := max(i-1, 0)
		for i < len(text) && text[i] >= utf8.RuneSelf {
			i++
		}
		if chunk := text[from:i]; norm.NFC.QuickSpanString(chunk) != len(chunk) {
			return norm.NFC.String(text)
		}
	}
}

// nextNonASCII returns the index of the first byte at or after i that is not ASCII, or len(s).
func nextNonASCII(s string, i int) int {
	for ; i+8 <= len(s); i += 8 {
		_ = s[i+7]
		x := uint64(s[i]) | uint64(s[i+1])<<8 | uint64(s[i+2])<<16 | uint64(s[i+3])<<24 |
			uint64(s[i+4])<<32 | uint64(s[i+5])<<40 | uint64(s[i+6])<<48 | uint64(s[i+7])<<56
		if m := x & 0x8080808080808080; m != 0 {
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
	sc := scratchPool.Get().(*scratch)
	d := newDocWith(body, meta, g, sc)
	d.findExercises()
	d.findEntities()
	d.findStatements()
	d.describeExercises()
	entities := d.entityList() // fills each entity's mentions, which the other lists read
	x := facts.Extraction{
		Article: facts.ExtractedArticle{
			Title:       meta.Title,
			PublishedAt: meta.PublishedAt,
			SHA256:      hex.EncodeToString(sum[:]),
			Body:        body,
		},
		Entities:   entities,
		Statements: d.statementList(),
		Exercises:  d.exerciseList(),
	}
	d.release() // nothing in x refers to the scratch memory
	return x, nil
}
