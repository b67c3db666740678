package api

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestInline(t *testing.T) {
	assert.Equal(t, `a <code>x&lt;y</code> and <strong>b</strong> &amp; c`, string(inline("a `x<y` and **b** & c")))
	assert.Equal(t, "no markup", string(inline("no markup")))
}

func TestAcceptsGzip(t *testing.T) {
	for header, want := range map[string]bool{
		"gzip": true, "GZIP": true, "br, gzip;q=0.5": true, "*": true, "deflate, gzip ; q=1": true,
		"": false, "identity": false, "gzip;q=0": false, "gzip; q=0.0": false, "br": false,
	} {
		assert.Equal(t, want, acceptsGzip(header), header)
	}
}

func TestETagMatch(t *testing.T) {
	tag := `"abc"`
	for header, want := range map[string]bool{
		`"abc"`: true, `W/"abc"`: true, `"x", "abc"`: true, `*`: true,
		`"abcd"`: false, `abc`: false, `"x"`: false,
	} {
		assert.Equal(t, want, etagMatch(header, tag), header)
	}
}

func TestValidID(t *testing.T) {
	for _, id := range []string{"russia", "vostok-2022", "d5c58671a5bf39ee-s9", "côte-divoire"} {
		assert.True(t, validID(id), id)
	}
	for _, id := range []string{"", "a b", "a/b", "a%2Fb", "a\x00", string(make([]byte, 201)), "\xff"} {
		assert.False(t, validID(id), id)
	}
}
