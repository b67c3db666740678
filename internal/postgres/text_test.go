package postgres_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/postgres"
)

func TestFold(t *testing.T) {
	for in, want := range map[string]string{
		"U.S.":                      "us",
		"US":                        "us",
		"People’s Liberation Army":  "peoples liberation army",
		"People's  Liberation-Army": "peoples liberation army",
		"Côte d’Ivoire":             "cote divoire",
		"  Vostok-2022 ":            "vostok 2022",
		"...":                       "",
		"ＰＬＡ":                       "pla", // full-width letters fold by compatibility
	} {
		assert.Equal(t, want, postgres.Fold(in), in)
	}
}

func TestSnippet(t *testing.T) {
	t.Run("Sentence", func(t *testing.T) {
		body := "First one. Wang Yi said “no.” Third one here."
		s := mustSpan(t, body, "Wang Yi", 1)
		assert.Equal(t, "Wang Yi said “no.”", postgres.Snippet(body, s.Start, s.End))
	})
	t.Run("LineBreak", func(t *testing.T) {
		body := "Headline without stop\nBody mentions China here. Next."
		s := mustSpan(t, body, "China", 1)
		assert.Equal(t, "Body mentions China here.", postgres.Snippet(body, s.Start, s.End))
	})
	t.Run("LongSentenceIsCutAtWords", func(t *testing.T) {
		long := strings.Repeat("ééé word ", 60) + "Beijing " + strings.Repeat("more ûûû ", 60) + "end."
		s := mustSpan(t, long, "Beijing", 1)
		got := postgres.Snippet(long, s.Start, s.End)
		assert.Contains(t, got, "Beijing")
		assert.True(t, strings.HasPrefix(got, "…") && strings.HasSuffix(got, "…"), got)
		assert.LessOrEqual(t, utf8.RuneCountInString(got), 170)
		assert.True(t, utf8.ValidString(got))
		inner := strings.Trim(got, "…")
		assert.True(t, strings.HasPrefix(inner, "ééé") || strings.HasPrefix(inner, "word"), "starts on a word: %q", inner)
	})
	t.Run("BadSpan", func(t *testing.T) {
		assert.Equal(t, "", postgres.Snippet("short", 3, 99))
	})
}
