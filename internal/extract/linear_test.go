package extract_test

import (
	"strings"
	"testing"
	"time"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// linearShapes are a first sentence and a unit repeated after it that have made a rule walk
// the text once per mention or statement: the cost of each must grow with the text, not its
// square.
var linearShapes = []struct{ name, head, unit string }{
	{"CountryListHeld", "Exercise Coral Tern will be held in Ghana", ", Togo, Benin"},
	{"CountryListJoined", "Exercise Coral Tern will be joined by Ghana", " and Togo and the Benin"},
	{"TheCarmakerSaid", "Volvo Cars said it was fine. ", "The carmaker said it would hire more workers. "},
	{"TheGroupSaid", "Acme Holdings Ltd reported results. ", "“We are ready,” the group said. "},
	{"CityList", "Visitors saw Parma", ", Parma"},
	{"CityList2", "Visitors saw Chios", ", Samos, Chios"},
	{"CommaWhichSaid", "", "The carmaker, which employs 9,000 people, said it would hire. "},
}

// TestLinearShapes times each of linearShapes at 64 and 256 KiB: four times the text may take
// at most six times as long (a quadratic rule takes up to sixteen), best of three runs each.
func TestLinearShapes(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	g := gazetteer.Default()
	published := facts.Date{Year: 2024, Month: 8, Day: 25}
	meta := facts.ArticleMeta{PublishedAt: &published}
	cost := func(t *testing.T, head, unit string, n int) time.Duration {
		var sb strings.Builder
		sb.WriteString(head)
		for sb.Len() < n {
			sb.WriteString(unit)
		}
		sb.WriteString(".")
		body, err := extract.Normalize(sb.String(), 0)
		if err != nil {
			t.Fatal(err)
		}
		best := time.Duration(-1)
		for range 3 {
			t0 := time.Now()
			if _, err := extract.Facts(body, meta, g); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(t0); best < 0 || d < best {
				best = d
			}
		}
		return best
	}
	for _, sh := range linearShapes {
		t.Run(sh.name, func(t *testing.T) {
			small, large := cost(t, sh.head, sh.unit, 64<<10), cost(t, sh.head, sh.unit, 256<<10)
			if large > 6*small+20*time.Millisecond {
				t.Errorf("64 KiB took %v, 256 KiB %v: more than linear", small, large)
			}
		})
	}
}
