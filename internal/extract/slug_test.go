package extract

import (
	"math/rand"
	"testing"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// TestSlug holds slug's ASCII fast path to facts.Slug.
func TestSlug(t *testing.T) {
	names := []string{"", "Ministry of Fisheries", "U.S. Coast Guard", "Sailors' Union",
		"Sailors’ Union", " -- Talisman  Sabre-2023 ", "O'Brien", "...", "a.b.c", "Zapad-2025",
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

// TestFold holds foldName's ASCII fast path to facts.Fold, the one fold of the project.
func TestFold(t *testing.T) {
	names := []string{"", "Army-2022", "Army 2022", "U.S.-led", "“East-2022”", "O'Brien",
		" -- Talisman  Sabre-2023 ", "...", "Côte d’Ivoire", "Ame\u0301lie", "K\u212a"}
	rng := rand.New(rand.NewSource(3))
	const alphabet = "aZ09 .-'_,(“’é\u0301"
	for range 5000 {
		var b []rune
		for range rng.Intn(12) {
			b = append(b, []rune(alphabet)[rng.Intn(len([]rune(alphabet)))])
		}
		names = append(names, string(b))
	}
	for _, n := range names {
		if got, want := foldName(n), facts.Fold(n); got != want {
			t.Errorf("foldName(%q) = %q, facts.Fold gives %q", n, got, want)
		}
	}
}

// TestLowerASCII holds the eight-bytes-at-a-time lower-casing to the plain one.
func TestLowerASCII(t *testing.T) {
	rng := rand.New(rand.NewSource(2))
	const alphabet = "aZ@[`{AzM \x7f\x80\xc1\xdaé“Q"
	var buf []byte
	for range 3000 {
		b := make([]byte, rng.Intn(40))
		for k := range b {
			b[k] = alphabet[rng.Intn(len(alphabet))]
		}
		s := string(b)
		want := []byte(s)
		for k, c := range want {
			if 'A' <= c && c <= 'Z' {
				want[k] = c + 'a' - 'A'
			}
		}
		if buf = lowerASCII(buf[:0], s); string(buf) != string(want) {
			t.Fatalf("lowerASCII(%q) = %q, want %q", s, buf, want)
		}
	}
}
