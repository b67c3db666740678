package facts

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOlderExtractor(t *testing.T) {
	assert.Regexp(t, regexp.MustCompile(`^[1-9][0-9]*$`), ExtractorVersion, "OlderExtractor assumes this form")
	for _, c := range []struct {
		v, w  string
		older bool
	}{
		{"1", "2", true},
		{"2", "1", false},
		{"1", "1", false},
		{"9", "10", true}, // not byte order
		{"10", "9", false},
		{"19", "20", true},
		{"20", "19", false},
	} {
		assert.Equal(t, c.older, OlderExtractor(c.v, c.w), "%s older than %s", c.v, c.w)
	}
}
