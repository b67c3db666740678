package gazetteer

import "strings"

// Shape is a part of speech the rules read from a word's ending (data/word_endings.txt).
type Shape uint8

// The shapes of data/word_endings.txt.
const (
	ShapeAdverb     Shape = iota // "privately", "still" is not one
	ShapePast                    // "welcomed", "reminded"
	ShapeParticiple              // "speaking", "adding"
	numShapes
)

var shapeNames = map[string]Shape{"adverb": ShapeAdverb, "past": ShapePast, "participle": ShapeParticiple}

// wordEndings holds the endings of each shape, read once from the embedded file.
var wordEndings = func() [numShapes][]string {
	var out [numShapes][]string
	rows, err := embeddedLines("word_endings.txt")
	if err != nil {
		panic(err) // embedded at build time: a missing file is a broken build
	}
	for _, r := range rows {
		if len(r) < 2 {
			panic("gazetteer: word_endings.txt: a row needs an ending and a shape")
		}
		s, ok := shapeNames[strings.TrimSpace(r[1])]
		if !ok {
			panic("gazetteer: word_endings.txt: unknown shape " + r[1])
		}
		out[s] = append(out[s], strings.TrimSpace(r[0]))
	}
	return out
}()

// HasShape reports whether the lower-case word w ends as words of shape s do, and is longer
// than that ending.
func HasShape(w string, s Shape) bool {
	for _, e := range wordEndings[s] {
		if len(w) > len(e) && strings.HasSuffix(w, e) {
			return true
		}
	}
	return false
}
