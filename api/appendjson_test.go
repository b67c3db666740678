package api

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// TestAppendJSON holds every jsonAppender byte-equal to encoding/json (writeJSON) over random
// values of every field, strings that need escaping among them, and whole pages of them. The
// values are filled by reflection, so a field added to a wire type and not to its appendJSON
// fails here.
func TestAppendJSON(t *testing.T) {
	rng := rand.New(rand.NewPCG(12, 34))
	t.Run("Article", func(t *testing.T) { checkAppendJSON[articleJSON](t, rng) })
	t.Run("Exercise", func(t *testing.T) { checkAppendJSON[exerciseJSON](t, rng) })
	t.Run("Entity", func(t *testing.T) { checkAppendJSON[entityJSON](t, rng) })
	t.Run("Mention", func(t *testing.T) { checkAppendJSON[mentionJSON](t, rng) })
	t.Run("ExerciseMention", func(t *testing.T) { checkAppendJSON[exerciseMentionJSON](t, rng) })
	t.Run("Statement", func(t *testing.T) { checkAppendJSON[statementJSON](t, rng) })
	t.Run("Related", func(t *testing.T) { checkAppendJSON[relatedJSON](t, rng) })
	t.Run("EmptyPage", func(t *testing.T) {
		b := appendPage(nil, []articleJSON{}, "")
		require.Equal(t, mustWriteJSON(t, listJSON[articleJSON]{Data: []articleJSON{}}), string(b))
	})
}

// TestPlain8 checks the eight-byte test of appendString with each byte value at each place
// among plain bytes and among random ones: it must never call a word plain that holds a byte
// needing escape, and must call plain a word of plain bytes.
func TestPlain8(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	plain := func(c byte) bool { return c >= ' ' && c != '"' && c != '\\' && c < utf8.RuneSelf }
	for c := range 256 {
		for at := range 8 {
			for _, fill := range []bool{false, true} {
				var w [8]byte
				all := true
				for i := range w {
					w[i] = 'a'
					if fill {
						w[i] = byte(rng.IntN(256))
					}
					if i == at {
						w[i] = byte(c)
					}
					all = all && plain(w[i])
				}
				got := plain8(binary.LittleEndian.Uint64(w[:]))
				if got != all && (got || !fill) {
					t.Fatalf("plain8(%q) = %v", w, got)
				}
			}
		}
	}
}

func checkAppendJSON[T any, P appender[T]](t *testing.T, rng *rand.Rand) {
	for i := range 3000 {
		var v T
		fillRandom(t, rng, reflect.ValueOf(&v).Elem())
		want := strings.TrimSuffix(mustWriteJSON(t, &v), "\n")
		got := string(P(&v).appendJSON(nil))
		if got != want {
			t.Fatalf("value %d: %#v\nappendJSON:    %s\nencoding/json: %s", i, v, got, want)
		}
	}
	for n := range 4 {
		page := make([]T, n*17)
		for i := range page {
			fillRandom(t, rng, reflect.ValueOf(&page[i]).Elem())
		}
		for _, next := range []string{"", "djE6Y3Vyc29y", "odd \"cursor\"\n\u2028"} {
			list := listJSON[T]{Data: page}
			if next != "" {
				list.NextCursor = &next
			}
			got := appendPage[T, P]([]byte("kept"), page, next)
			require.Equal(t, "kept"+mustWriteJSON(t, list), string(got))
		}
	}
}

// listJSON is the shape of every list page, as encoding/json writes it: what appendPage must
// write byte for byte.
type listJSON[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

func mustWriteJSON(t *testing.T, v any) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, writeJSON(&buf, v))
	return buf.String()
}

// oddStrings need escaping, or look as if they might: quotes, backslashes, every control byte
// with and without a short escape, HTML characters (not escaped: writeJSON turns that off),
// DEL, invalid UTF-8, the JavaScript line separators, and multi-byte runes.
var oddStrings = []string{
	"", `"`, `\`, `\"`, "\x00", "\x01", "\x08", "\x0c", "\n", "\r", "\t", "\x0b", "\x1f", "\x7f", " ",
	"<script>&amp;</script>", "a\u2028b\u2029c", "\xff", "\xc3", "\xe2\x80", "é", "日本語", "🚀",
	"\xed\xa0\x80", "Kallas said: \"the talks\\went well\"\r\n", "\ufffd", "\u2027\u202a",
}

func randomString(rng *rand.Rand) string {
	var b strings.Builder
	for range rng.IntN(8) {
		switch rng.IntN(4) {
		case 0:
			b.WriteString(oddStrings[rng.IntN(len(oddStrings))])
		case 1:
			b.WriteByte(byte(rng.IntN(256)))
		case 2:
			b.WriteRune(rune(rng.IntN(0x10FFFF + 1)))
		default:
			b.WriteString("plain text-42 ")
		}
	}
	return b.String()
}

var (
	dateType      = reflect.TypeFor[facts.Date]()
	timestampType = reflect.TypeFor[timestamp]()
)

// fillRandom sets v to a random value, nil and empty among the choices for pointers and
// slices; a kind it does not know fails the test.
func fillRandom(t *testing.T, rng *rand.Rand, v reflect.Value) {
	switch {
	case v.Type() == dateType:
		d := facts.Date{Year: rng.IntN(3000), Month: time.Month(1 + rng.IntN(12)), Day: 1 + rng.IntN(28)}
		if rng.IntN(10) == 0 { // out of range: MarshalText's slow path
			d = facts.Date{Year: rng.IntN(30000) - 10000, Month: time.Month(rng.IntN(20)), Day: rng.IntN(120)}
		}
		v.Set(reflect.ValueOf(d))
		return
	case v.Type() == timestampType:
		ts := time.Unix(rng.Int64N(4e9), 0).UTC()
		if rng.IntN(2) == 0 {
			ts = ts.Add(time.Duration(rng.IntN(1e9)))
		}
		v.Set(reflect.ValueOf(timestamp(ts)))
		return
	}
	switch v.Kind() {
	case reflect.String:
		if rng.IntN(4) == 0 {
			v.SetString("")
		} else {
			v.SetString(randomString(rng))
		}
	case reflect.Int:
		v.SetInt([]int64{0, 1, -1, 1 << 40, -(1 << 62)}[rng.IntN(5)] + rng.Int64N(1000))
	case reflect.Pointer:
		if rng.IntN(3) == 0 {
			v.SetZero()
			return
		}
		p := reflect.New(v.Type().Elem())
		fillRandom(t, rng, p.Elem())
		v.Set(p)
	case reflect.Slice:
		if rng.IntN(5) == 0 {
			v.SetZero()
			return
		}
		s := reflect.MakeSlice(v.Type(), rng.IntN(5), 5)
		for i := range s.Len() {
			fillRandom(t, rng, s.Index(i))
		}
		v.Set(s)
	case reflect.Struct:
		for i := range v.NumField() {
			fillRandom(t, rng, v.Field(i))
		}
	default:
		t.Fatalf("fillRandom: no random %s (%s): teach it", v.Type(), v.Kind())
	}
}

// BenchmarkAppendArticles measures appendPage alone on a page of 50 articles (no database).
func BenchmarkAppendArticles(b *testing.B) {
	page := make([]articleJSON, 50)
	for i := range page {
		u, src := fmt.Sprintf("https://www.example-news.com/world/2024/03/%d/navy-drills-in-the-baltic-sea-draw-protest", i), "Example Wire"
		d := facts.Date{Year: 2024, Month: 3, Day: 1 + i%28}
		page[i] = articleJSON{ID: fmt.Sprintf("%016x", i), Title: "Navy drills in the Baltic Sea draw protest from Moscow as allies gather", URL: &u, Source: &src,
			PublishedAt: &d, SHA256: fmt.Sprintf("%064x", i*7919), ExtractorVersion: 10, IngestedAt: timestamp(time.Unix(1.7e9+int64(i), 123456789).UTC()), UpdatedAt: timestamp(time.Unix(1.7e9, 0).UTC()), EntityCount: 12, StatementCount: 4}
	}
	buf := make([]byte, 0, 64<<10)
	b.ReportAllocs()
	for b.Loop() {
		buf = appendPage(buf[:0], page, "djE6eHh4")
	}
	b.SetBytes(int64(len(buf)))
}
