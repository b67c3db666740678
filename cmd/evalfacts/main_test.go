package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRun(t *testing.T) {
	dir := filepath.Join("..", "..", "internal", "extract", "testdata")

	t.Run("OK", func(t *testing.T) {
		var out, errOut bytes.Buffer
		require.NoError(t, run([]string{"evalfacts", dir}, &out, &errOut))
		s := out.String()
		for _, row := range []string{"entities", "statements", "attribution", "exercises", "participants", "host", "start month", "micro"} {
			assert.Contains(t, s, "\n"+row+" ", "row %s", row)
		}
		// The testdata is exact: every statement and exercise found, every speaker and host right.
		for _, row := range []string{"statements", "attribution", "exercises", "host", "start month"} {
			line := lineStarting(s, row+" ")
			assert.True(t, strings.HasSuffix(line, " 1.000"), "recall and F1 of %s: %q", row, line)
		}
		for _, row := range []string{"direct", "direct speaker", "indirect", "indirect speaker"} {
			line := lineStarting(s, row+" ")
			assert.True(t, strings.HasSuffix(line, " 1.000"), "statements split by kind, %s: %q", row, line)
		}
		assert.NotContains(t, s, "==", "without -v no article is named")
	})
	t.Run("Verbose", func(t *testing.T) {
		var out, errOut bytes.Buffer
		require.NoError(t, run([]string{"evalfacts", "-v", dir}, &out, &errOut))
		assert.Contains(t, out.String(), "== ", "extra entities are listed per article")
	})
	t.Run("NoDir", func(t *testing.T) {
		var out, errOut bytes.Buffer
		assert.Error(t, run([]string{"evalfacts"}, &out, &errOut))
		assert.Error(t, run([]string{"evalfacts", t.TempDir()}, &out, &errOut))
	})
}

func lineStarting(s, prefix string) string {
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(l, prefix) {
			return l
		}
	}
	return ""
}
