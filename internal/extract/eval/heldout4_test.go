package eval

import (
	"path/filepath"
	"testing"
)

// TestHeldout4Gold checks the fourth held-back set's gold files with the loader's own
// validation (Load rejects unknown fields, GoldProblems checks keys, names and texts against
// the article). It never runs the extractor: the set is scored once, in aggregate, by the lead.
func TestHeldout4Gold(t *testing.T) {
	checkHeldBackGold(t, "heldout4", 14)
}

// TestAttribHeldout2Gold checks the second held-back attribution set's gold files the same
// way, without running the extractor.
func TestAttribHeldout2Gold(t *testing.T) {
	checkHeldBackGold(t, "attrib-heldout2", 10)
}

// checkHeldBackGold loads every article of dir, demands at least want of them, and reports
// each gold problem as a failure of that article's subtest.
func checkHeldBackGold(t *testing.T, dir string, want int) {
	t.Helper()
	cases, err := Load(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < want {
		t.Errorf("%s has %d articles, want at least %d", dir, len(cases), want)
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, p := range GoldProblems(c) {
				t.Error(p)
			}
		})
	}
}
