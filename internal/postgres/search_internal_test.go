package postgres

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// requiredLexemes reads querytree's text as newestMatchDay's SQL does: a quote or a backslash
// inside a lexeme is written twice there, and an OR requires no word.
func TestRequiredLexemes(t *testing.T) {
	for _, c := range []struct {
		tree string
		want []string
		ok   bool
	}{
		{`'navi'`, []string{"navi"}, true},
		{`'exercis' & 'navi' & 'navi'`, []string{"exercis", "navi"}, true},
		{`'o''brien' & 'a\\b'`, []string{"o'brien", `a\b`}, true},
		{`'red' <-> 'fox'`, []string{"red", "fox"}, true}, // querytree drops negations
		{`'red' | 'fox'`, nil, false},
		{`T`, nil, false},
	} {
		got, ok := requiredLexemes(c.tree)
		assert.Equal(t, c.want, got, c.tree)
		assert.Equal(t, c.ok, ok, c.tree)
	}
}
