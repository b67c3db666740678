package facts

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Vladimir Putin":           "vladimir-putin",
		"People’s Liberation Army": "peoples-liberation-army",
		"Vostok-2022":              "vostok-2022",
		"U.S.":                     "us",
		"  Talisman Sabre 2023 ":   "talisman-sabre-2023",
		"Côte d'Ivoire":            "côte-divoire",
	} {
		assert.Equal(t, want, Slug(in), in)
	}
}

func TestArticleID(t *testing.T) {
	body := "d5c58671a5bf39ee0123456789abcdef0123456789abcdef0123456789abcdef"
	assert.Equal(t, "d5c58671a5bf39ee", ArticleID("", body))
	byURL := ArticleID("https://example.com/a", body)
	assert.Len(t, byURL, 16)
	assert.NotEqual(t, "d5c58671a5bf39ee", byURL)
	assert.Equal(t, byURL, ArticleID("https://example.com/a", "ffffffffffffffffffff"))
}

func TestSlugAndFold(t *testing.T) {
	for _, c := range []struct{ in, slug, fold string }{
		{"People’s Liberation Army", "peoples-liberation-army", "peoples liberation army"},
		{"U.S.-led", "us-led", "us led"},
		{"Army-2022", "army-2022", "army 2022"},
		{" -- Talisman  Sabre 2023 ", "talisman-sabre-2023", "talisman sabre 2023"},
		{"Ame\u0301lie", "ame\u0301lie", "amelie"}, // a mark stays with its letter in a slug
		{"...", "", ""},
	} {
		assert.Equal(t, c.slug, Slug(c.in), "Slug(%q)", c.in)
		assert.Equal(t, c.fold, Fold(c.in), "Fold(%q)", c.in)
	}
}
