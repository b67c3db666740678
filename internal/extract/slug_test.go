package extract

import (
	"math/rand"
	"testing"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// TestSlug holds slug's ASCII fast path to facts.Slug.
func TestSlug(t *testing.T) {
	names := []string{"", "Ministry of Defense", "U.S. Army", "People's Liberation Army",
		"People’s Liberation Army", " -- Talisman  Sabre-2023 ", "O'Brien", "...", "a.b.c", "Zapad-2025",
		"Ame\u0301lie Dupont", "Café", "X'", "'X", "K\u212a"}
	rng := rand.New(rand.NewSource(1))
	const alphabet = "aZ09 .-'_,(“’é"
	for range 5000 {
		var b []rune
		for range rng.Intn(12) {
			b = append(b, []rune(alphabet)[rng.Intn(len([]rune(alphabet)))])
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		if got, want := slug(n), facts.Slug(n); got != want {
			t.Errorf("slug(%q) = %q, facts.Slug gives %q", n, got, want)
		}
	}
}
