package eval

import (
	"path/filepath"
	"testing"
)

// heldBack names every held-back set with the number of articles it was written with.
var heldBack = []struct {
	dir      string
	articles int
}{
	{"heldout", 16}, {"heldout2", 12}, {"heldout3", 14}, {"heldout4", 14}, {"heldout5", 12}, {"heldout6", 12}, {"heldout7", 12},
	{"attrib-heldout", 10}, {"attrib-heldout2", 10}, {"attrib-heldout3", 8}, {"attrib-heldout4", 10}, {"attrib-heldout5", 10},
}

// TestHeldBackGold checks the gold files of every held-back set with the loader's own
// validation (Load rejects unknown fields, GoldProblems checks keys, names and texts against
// the article). It never runs the extractor, and it says only how many problems an article's
// gold has: a held-back set is never read, so a failure must not quote its text (the set's
// author lists them with GoldProblems).
func TestHeldBackGold(t *testing.T) {
	for _, set := range heldBack {
		cases, err := Load(filepath.Join(set.dir, "*.txt"))
		if err != nil {
			t.Errorf("%s: the gold does not load", set.dir)
			continue
		}
		if len(cases) != set.articles {
			t.Errorf("%s has %d articles, want %d", set.dir, len(cases), set.articles)
		}
		for _, c := range cases {
			if n := len(GoldProblems(c)); n > 0 {
				t.Errorf("%s/%s: %d gold-file problems", set.dir, c.Name, n)
			}
		}
	}
}
