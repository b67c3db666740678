package extract_test

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/extract/eval"
	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestDocProblems(t *testing.T) {
	body := "Ünal said “no”."
	ok := facts.Extraction{
		Article:    facts.ExtractedArticle{Body: body},
		Entities:   []facts.Entity{{ID: "unal", Name: "Ünal", Type: facts.Person, Aliases: []string{}, Mentions: []facts.Span{{Start: 0, End: 4, Text: "Ünal"}}}},
		Statements: []facts.Statement{{ID: "s1", SpeakerID: "unal", Kind: facts.Direct, Text: "no", Start: 11, End: 13, EntityIDs: []string{}}},
		Exercises:  []facts.Exercise{},
	}
	assert.Empty(t, docProblems(body, ok))

	bytesNotRunes := ok
	bytesNotRunes.Statements = []facts.Statement{{ID: "s1", Kind: facts.Direct, Text: "no", Start: 14, End: 16, EntityIDs: []string{}}}
	assert.NotEmpty(t, docProblems(body, bytesNotRunes), "byte offsets are wrong")

	unknownSpeaker := ok
	unknownSpeaker.Statements = []facts.Statement{{ID: "s1", SpeakerID: "nobody", Kind: facts.Direct, Text: "no", Start: 11, End: 13, EntityIDs: []string{}}}
	assert.NotEmpty(t, docProblems(body, unknownSpeaker))
}

// TestGoldFiles checks the gold files themselves (eval.GoldProblems), so that a typo in
// expected facts fails here rather than as a puzzling extractor failure.
func TestGoldFiles(t *testing.T) {
	var cases []eval.Case
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("..", "..", "seeds", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("testdata", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "dev", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "dev2", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "dev4", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "dev5", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "dev6", "*.txt"))...)
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("eval", "attrib-dev", "*.txt"))...)
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, p := range eval.GoldProblems(c) {
				t.Error(p)
			}
		})
	}
}
