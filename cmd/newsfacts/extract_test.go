package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// runExtractCmd runs `newsfacts extract` with stdin and returns the exit code and output.
func runExtractCmd(t *testing.T, stdin string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), append([]string{"newsfacts", "extract"}, args...), func(string) string { return "" },
		strings.NewReader(stdin), &out, &errOut)
	return exitCode(err, &errOut), out.String(), errOut.String()
}

func TestExtract(t *testing.T) {
	seed := filepath.Join("..", "..", "seeds", "000_d5c58671a5bf39ee.txt")
	t.Run("OK", func(t *testing.T) {
		code, stdout, stderr := runExtractCmd(t, "", "--title", "Beijing to send troops", "--published-at", "2022-08-17", seed)
		require.Equal(t, 0, code, stderr)
		var x facts.Extraction
		require.NoError(t, json.Unmarshal([]byte(stdout), &x))
		raw, err := os.ReadFile(seed)
		require.NoError(t, err)
		sum := sha256.Sum256([]byte(strings.TrimSpace(string(raw))))
		assert.Equal(t, hex.EncodeToString(sum[:]), x.Article.SHA256)
		assert.Equal(t, "Beijing to send troops", x.Article.Title)
		require.NotNil(t, x.Article.PublishedAt)
		assert.Equal(t, "2022-08-17", x.Article.PublishedAt.String())
		assert.NotEmpty(t, x.Entities)
		assert.NotEmpty(t, x.Statements)
		require.Len(t, x.Exercises, 1)
		assert.Equal(t, "vostok-2022", x.Exercises[0].ID)
		assert.Contains(t, stdout, "\n  \"entities\": [", "indented JSON")
	})
	t.Run("Stdin", func(t *testing.T) {
		code, stdout, stderr := runExtractCmd(t, "\ufeffRussia will host the drills, the Kremlin said.\r\n", "-")
		require.Equal(t, 0, code, stderr)
		var x facts.Extraction
		require.NoError(t, json.Unmarshal([]byte(stdout), &x))
		assert.Equal(t, "Russia will host the drills, the Kremlin said.", x.Article.Body)
		assert.Nil(t, x.Article.PublishedAt)
		require.Len(t, x.Statements, 1)
		assert.Equal(t, "kremlin", x.Statements[0].SpeakerID)
	})
	t.Run("Nulls", func(t *testing.T) {
		code, stdout, stderr := runExtractCmd(t, "Officials said the drills had been planned for months.", "-")
		require.Equal(t, 0, code, stderr)
		assert.Contains(t, stdout, `"speaker_id": null`, "an unknown speaker is null, as the API serves it")
		assert.Contains(t, stdout, `"speaker_text": "Officials"`)
	})
	for _, c := range []struct {
		name, stdin string
		args        []string
		message     string
	}{
		{"InvalidUTF8", "Troops \xff arrived.", []string{"-"}, "UTF-8"},
		{"Blank", " \n\t ", []string{"-"}, "empty"},
		{"NUL", "a\x00b", []string{"-"}, "NUL"},
		{"TooLarge", strings.Repeat("word ", 100), []string{"--max-bytes", "100", "-"}, "over the limit of 100 bytes"},
		{"BadDate", "Troops arrived.", []string{"--published-at", "17/08/2022", "-"}, "--published-at"},
		{"NoFile", "", nil, "want exactly one FILE"},
		{"MissingFile", "", []string{filepath.Join(t.TempDir(), "missing.txt")}, "missing.txt"},
	} {
		t.Run(c.name, func(t *testing.T) {
			code, stdout, stderr := runExtractCmd(t, c.stdin, c.args...)
			assert.Equal(t, exitSetup, code)
			assert.Empty(t, stdout)
			assert.Contains(t, stderr, c.message)
		})
	}
}
