package postgres

// SetFailAt installs a hook that SaveArticle calls at each named step ("lock", "resolve",
// "delete", "write"); a non-nil error aborts the save there.
func (s *Store) SetFailAt(f func(step string) error) { s.failAt = f }

// Fold exposes fold to the external tests.
var Fold = fold

// Snippet exposes snippet to the external tests.
func Snippet(body string, start, end int) string { return snippet([]rune(body), start, end) }

// DecodeTextArray exposes decodeTextArray to the external tests.
var DecodeTextArray = decodeTextArray

// NewestMatchDay exposes newestMatchDay to the external tests.
var NewestMatchDay = newestMatchDay
