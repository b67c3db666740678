package extract_test

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/extract"
	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// outputHashFile holds "VERSION SHA256": the extractor version and the hash of its output on
// the seed and every testdata article, as of the last bump.
var outputHashFile = filepath.Join("testdata", "output.sha256")

// TestExtractorVersion fails when extraction output changed but facts.ExtractorVersion did
// not: stored articles would keep stale facts, since `ingest --reextract` only redoes articles
// an older version produced. After a bump it names the line to write into outputHashFile.
func TestExtractorVersion(t *testing.T) {
	require.Positive(t, facts.ExtractorVersion)

	h := sha256.New()
	var cases = mustLoadGoldCases(t, filepath.Join("..", "..", "seeds", "*.txt"))
	cases = append(cases, mustLoadGoldCases(t, filepath.Join("testdata", "*.txt"))...)
	for _, c := range cases {
		x, err := extract.Facts(c.Raw, mustMeta(t, c.Gold), gazetteer.Default())
		require.NoError(t, err, c.Name)
		b, err := json.Marshal(x)
		require.NoError(t, err)
		fmt.Fprintf(h, "%s %d\n", c.Name, len(b))
		h.Write(b)
	}
	got := strconv.Itoa(facts.ExtractorVersion) + " " + hex.EncodeToString(h.Sum(nil))

	b, err := os.ReadFile(outputHashFile)
	require.NoError(t, err)
	want := strings.TrimSpace(string(b))
	field, _, _ := strings.Cut(want, " ")
	wantVersion, err := strconv.Atoi(field)
	require.NoError(t, err, "%s starts with the version", outputHashFile)
	if wantVersion == facts.ExtractorVersion {
		assert.Equal(t, want, got, "extraction output changed: bump ExtractorVersion in internal/facts, then write the new version and hash into %s", outputHashFile)
		return
	}
	assert.Less(t, wantVersion, facts.ExtractorVersion, "ExtractorVersion %d is not newer than %d in %s", facts.ExtractorVersion, wantVersion, outputHashFile)
	t.Errorf("ExtractorVersion is %d: write %q into %s", facts.ExtractorVersion, got, outputHashFile)
}
