package facts

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Slug turns a canonical name into a stable id: lower case, letters, digits and combining
// marks kept (a mark belongs to the letter before it), apostrophes and full stops dropped,
// every other run of characters one hyphen ("People’s Liberation Army" →
// "peoples-liberation-army", "Talisman Sabre 2023" → "talisman-sabre-2023", "U.S." → "us").
// It is the one slug of the project: extract, gazetteer and postgres all use it (extract
// through a fast path for ASCII that its tests hold byte-equal to it).
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range name {
		switch {
		case isDropped(r):
			// "People's" → "peoples", "U.S." → "us"
		case isNameRune(r):
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

// Fold returns the form of a name used for matching: lower case, combining marks dropped,
// apostrophes and full stops dropped, every other run of characters one space ("U.S." →
// "us", "People’s  Liberation-Army" → "peoples liberation army", "Kestrel-2031" → "kestrel 2031").
// It is the one fold of the project. Accents come off when the name is decomposed first:
// postgres folds norm.NFKD of a name, so that "Côte" meets "cote" (facts imports only the
// standard library, so the decomposition is the caller's); extract folds NFC text.
func Fold(name string) string {
	var b strings.Builder
	b.Grow(len(name)) // lower case is rarely longer: one allocation rather than one per doubling
	space := false
	for _, r := range name {
		switch {
		case isDropped(r) || unicode.Is(unicode.Mn, r):
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		default:
			space = true
		}
	}
	return b.String()
}

// AppendSlugASCII appends Slug(s) to b when s is ASCII (nearly every name); ok is false, and
// b unchanged, for any other s. It allocates nothing when b has room: extract builds every id
// it looks up this way. TestSlug in extract holds it byte-equal to Slug.
func AppendSlugASCII(b []byte, s string) (_ []byte, ok bool) { return appendASCII(b, s, '-') }

// AppendFoldASCII appends Fold(s) to b when s is ASCII, where no decomposition changes
// anything; ok is false, and b unchanged, for any other s. It allocates nothing when b has
// room: the fast path of extract's exercise names and of postgres's name comparisons, held
// byte-equal to Fold by their tests (TestFold in extract, TestAppendFoldASCII in postgres).
func AppendFoldASCII(b []byte, s string) (_ []byte, ok bool) { return appendASCII(b, s, ' ') }

// appendASCII is Slug (sep '-') or Fold (sep ' ') of an ASCII s: letters and digits
// lower-cased, apostrophes and full stops left out, one sep between words.
func appendASCII(b []byte, s string, sep byte) (_ []byte, ok bool) {
	start, space := len(b), false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return b[:start], false
		case c == '\'' || c == '.':
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9', 'A' <= c && c <= 'Z':
			if space && len(b) > start {
				b = append(b, sep)
			}
			space = false
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		default:
			space = true
		}
	}
	return b, true
}

// isDropped reports whether a name's character is left out of its slug and fold without
// separating words: apostrophes and full stops.
func isDropped(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '.' }

// isNameRune reports whether a character is kept in a slug.
func isNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
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
