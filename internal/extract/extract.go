// Package extract turns article text into facts: entities, statements and exercises, each
// pointing at the span of text it came from. It is pure: no I/O, no database, no global state.
package extract

import (
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// DefaultMaxBytes is the default limit on an article body's size.
const DefaultMaxBytes = 2 << 20

// Normalize checks and normalizes raw article text: valid UTF-8, no NUL bytes, BOM dropped,
// "\r\n" and "\r" → "\n", NFC, not empty or blank, at most maxBytes (0: DefaultMaxBytes).
// Errors are *facts.Error (EINVALID, or ETOOLARGE) whose message names the problem.
// TODO(extract): placeholder signature; the extraction work replaces this body.
func Normalize(text string, maxBytes int) (string, error) {
	return text, nil
}

// Facts extracts every fact from a normalized body. The result is deterministic.
// TODO(extract): placeholder signature; the extraction work replaces this body.
func Facts(body string, meta facts.ArticleMeta, g *gazetteer.Gazetteer) (facts.Extraction, error) {
	return facts.Extraction{Entities: []facts.Entity{}, Statements: []facts.Statement{}, Exercises: []facts.Exercise{}}, nil
}
