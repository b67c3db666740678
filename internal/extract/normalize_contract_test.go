package extract_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
)

func TestNormalizeBadInput(t *testing.T) {
	for _, c := range []struct {
		name     string
		text     string
		maxBytes int
		code     string
		message  string // a regexp the message must match: it names the problem
	}{
		{"Empty", "", 0, facts.EINVALID, `(?i)empty|blank`},
		{"WhitespaceOnly", " \t\n \r\n ", 0, facts.EINVALID, `(?i)empty|blank|whitespace`},
		{"OnlyBOM", "\ufeff", 0, facts.EINVALID, `(?i)empty|blank|whitespace`},
		{"InvalidUTF8", "Troops \xff\xfe arrived.", 0, facts.EINVALID, `(?i)utf-?8`},
		{"TruncatedUTF8", "Troops arrived in Bogot\xc3", 0, facts.EINVALID, `(?i)utf-?8`},
		{"NUL", "Troops\x00arrived.", 0, facts.EINVALID, `(?i)\bnul\b|null|\\x00|zero byte`},
		{"OverLimit", strings.Repeat("a", 101), 100, facts.ETOOLARGE, `(?i)large|limit|exceed|more than|over`},
		{"OverDefaultLimit", strings.Repeat("word ", extract.DefaultMaxBytes/5+1), 0, facts.ETOOLARGE, `(?i)large|limit|exceed|more than|over`},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := extract.Normalize(c.text, c.maxBytes)
			require.Error(t, err)
			var fe *facts.Error
			require.True(t, errors.As(err, &fe), "error is %T, want *facts.Error", err)
			assert.Equal(t, c.code, fe.Code)
			assert.Regexp(t, c.message, fe.Message)
		})
	}
}

func TestNormalizeOK(t *testing.T) {
	for _, c := range []struct {
		name     string
		text     string
		maxBytes int
		want     string
	}{
		{"Plain", "Troops arrived.", 0, "Troops arrived."},
		{"BOMDropped", "\ufeffTroops arrived.", 0, "Troops arrived."},
		{"CRLF", "One.\r\nTwo.\r\nThree.", 0, "One.\nTwo.\nThree."},
		{"LoneCR", "One.\rTwo.", 0, "One.\nTwo."},
		{"NFC", "Ame\u0301lie said.", 0, "Am\u00e9lie said."},
		{"NFCKeepsCompatibilityForms", "ﬁve № 9", 0, "ﬁve № 9"},
		{"AtLimit", strings.Repeat("a", 100), 100, strings.Repeat("a", 100)},
		{"AtDefaultLimit", strings.Repeat("a", extract.DefaultMaxBytes), 0, strings.Repeat("a", extract.DefaultMaxBytes)},
		{"TypographicQuotesKept", "“A,” she said. «B»", 0, "“A,” she said. «B»"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := extract.Normalize(c.text, c.maxBytes)
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}
