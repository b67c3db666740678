package eval

import (
	"path/filepath"
	"testing"
)

// TestHeldout3Gold checks the third held-back set's gold files with the loader's own
// validation (Load rejects unknown fields, GoldProblems checks keys, names and texts against
// the article). It never runs the extractor: the set is scored once, in aggregate, by the lead.
func TestHeldout3Gold(t *testing.T) {
	cases, err := Load(filepath.Join("heldout3", "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if len(cases) < 14 {
		t.Errorf("heldout3 has %d articles, want at least 14", len(cases))
	}
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			for _, p := range GoldProblems(c) {
				t.Error(p)
			}
		})
	}
}
