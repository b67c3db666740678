package extract_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// wordLiteralAllowed names, as "function literal", the literals holding letters that the
// rules may still compare strings with, and why: none of them asks what a word of the text is.
var wordLiteralAllowed = map[string]string{
	// The spelling of a canonical name the extractor writes, not a question about a token.
	"titleCase of":        `a canonical name's small words stay lower case: "Ministry of Defence"`,
	"titleCase and":       "the same",
	"titleCase the":       "the same",
	"titleCaseASCII of":   "titleCase, for ASCII",
	"titleCaseASCII and":  "titleCase, for ASCII",
	"titleCaseASCII the":  "titleCase, for ASCII",
	"plainTopic defence":  `a ministry topic that topicFolds leaves as it is`,
	"plainTopic national": "the same",
	"plainTopic affairs":  "the same",
	"orgEntity ministry":  `a ministry's canonical name is "Ministry of <topic>"`,
	// Spelling, not words: suffixes of numerals (the endings of word forms are
	// data/word_endings.txt, asked with gazetteer.HasShape).
	"isOrdinal st":   `numeral suffixes: "1st", "2nd", "3rd", "20th"`,
	"isOrdinal nd":   "the same",
	"isOrdinal rd":   "the same",
	"isOrdinal th":   "the same",
	"speaker spokes": `"spokesman", "spokeswoman", "spokesperson"`,
}

// TestNoWordLiteralsInRules holds the rules to their cue lists: no rule compares a token (or
// any string) with a literal that holds a letter (d.is(i, "of"), d.lo(i) == "the", case
// "next":, strings.EqualFold(s, "on")). A cue word belongs in a list of data/words, asked with
// d.inL or d.inR; literals are for punctuation. The few functions that spell rather than ask
// about words are named in wordLiteralAllowed.
func TestNoWordLiteralsInRules(t *testing.T) {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	fset := token.NewFileSet()
	var found []string
	used := map[string]bool{}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		require.NoError(t, err)
		f, err := parser.ParseFile(fset, name, src, 0)
		require.NoError(t, err)
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			report := func(n ast.Node, lit string) {
				if key := fn.Name.Name + " " + lit; wordLiteralAllowed[key] != "" {
					used[key] = true
					return
				}
				found = append(found, fset.Position(n.Pos()).String()+": "+fn.Name.Name+": "+lit)
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.BinaryExpr:
					if n.Op == token.EQL || n.Op == token.NEQ {
						for _, e := range []ast.Expr{n.X, n.Y} {
							if lit, ok := wordLiteral(e); ok {
								report(n, lit)
							}
						}
					}
				case *ast.CaseClause:
					for _, e := range n.List {
						if lit, ok := wordLiteral(e); ok {
							report(n, lit)
						}
					}
				case *ast.CallExpr:
					sel, ok := n.Fun.(*ast.SelectorExpr)
					if !ok {
						return true
					}
					switch sel.Sel.Name {
					case "is", "find", "EqualFold", "HasPrefix", "HasSuffix", "Contains", "TrimPrefix", "TrimSuffix":
						for _, e := range n.Args {
							if lit, ok := wordLiteral(e); ok {
								report(n, lit)
							}
						}
					}
				}
				return true
			})
		}
	}
	sort.Strings(found)
	assert.Empty(t, found, "word literals compared in rule code: put the words in a list of data/words (one list per role) and ask d.inL or d.inR")
	for key := range wordLiteralAllowed {
		assert.True(t, used[key], "wordLiteralAllowed names %q, which is compared no more: drop it", key)
	}
}

// wordLiteral returns the value of a string literal that holds a letter.
func wordLiteral(e ast.Expr) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	if err != nil {
		return "", false
	}
	return s, strings.IndexFunc(s, unicode.IsLetter) >= 0
}
