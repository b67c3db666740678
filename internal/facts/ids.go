package facts

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
)

// Slug turns a canonical name into a stable id: lower case, letters and digits kept, apostrophes
// dropped, every other run of characters one hyphen ("People’s Liberation Army" →
// "peoples-liberation-army", "Talisman Sabre 2023" → "talisman-sabre-2023").
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range name {
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '.':
			// "People's" → "peoples", "U.S." → "us"
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			hyphen = false
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	return b.String()
}

// ArticleID returns an article's stable id: 16 hex digits of the SHA-256 of its URL when it has
// one (so a corrected article keeps its id), else of its normalized body (bodySHA256, hex).
func ArticleID(url, bodySHA256 string) string {
	if url == "" {
		return bodySHA256[:16]
	}
	sum := sha256.Sum256([]byte(url))
	return hex.EncodeToString(sum[:8])
}
