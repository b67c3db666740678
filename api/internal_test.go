package api

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

// TestTimestampJSON: a timestamp is written exactly as time.Time writes itself in JSON.
func TestTimestampJSON(t *testing.T) {
	for _, v := range []time.Time{
		time.Date(2026, 12, 7, 19, 30, 0, 0, time.UTC),
		time.Date(2026, 12, 7, 19, 30, 0, 123456789, time.UTC),
		time.Date(1999, 1, 2, 3, 4, 5, 1000, time.UTC),
	} {
		want, err := json.Marshal(v)
		require.NoError(t, err)
		got, err := json.Marshal(timestamp(v))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got))
	}
}
