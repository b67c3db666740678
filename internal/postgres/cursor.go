package postgres

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// A cursor is the sort-key values and id of the last row of a page, JSON-encoded and then
// base64url'd: opaque to clients, and any change to a list's sort key only needs a new shape.

func encodeCursor(values ...string) string {
	b, _ := json.Marshal(values) // []string always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// A cursorField is the kind of one cursor value, checked after decoding so that a cursor a
// client made up answers 400 naming cursor rather than reaching SQL as a bad date or number.
type cursorField int

const (
	curDate cursorField = iota // YYYY-MM-DD (year 1..9999), infinity or -infinity
	curInt                     // a 32-bit integer
	curText                    // text without NUL, at most maxCursorText bytes
)

// maxCursorText bounds a text value in a cursor: ids and names are far shorter.
const maxCursorText = 1000

// decodeCursor returns the n values of cursor c, checked as text only; decodeCursorOf, which
// checks each value's kind, is better: a date or number a client made up must not reach SQL.
func decodeCursor(c string, n int) ([]string, error) {
	fields := make([]cursorField, n)
	for i := range fields {
		fields[i] = curText
	}
	return decodeCursorOf(c, fields...)
}

// decodeCursorOf returns the values of cursor c, one per field, or an EINVALID error naming
// "cursor".
func decodeCursorOf(c string, fields ...cursorField) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	var raw []json.RawMessage
	if err == nil {
		err = json.Unmarshal(b, &raw)
	}
	if err != nil || len(raw) != len(fields) {
		return nil, badCursor(c)
	}
	values := make([]string, len(fields))
	for i, f := range fields {
		// A JSON null or number would unmarshal into a string as "" or fail; only strings pass.
		if err := json.Unmarshal(raw[i], &values[i]); err != nil || len(raw[i]) == 0 || raw[i][0] != '"' || !validCursorValue(f, values[i]) {
			return nil, badCursor(c)
		}
	}
	return values, nil
}

func badCursor(c string) error {
	return facts.ParamErrorf("cursor", "cursor %q is not one this server issued: start again without it", truncate(c, 40))
}

// validCursorValue reports whether v is a value of kind f that PostgreSQL accepts.
func validCursorValue(f cursorField, v string) bool {
	if strings.IndexByte(v, 0) >= 0 || !utf8.ValidString(v) {
		return false
	}
	switch f {
	case curDate:
		if v == "infinity" || v == "-infinity" {
			return true
		}
		d, err := facts.ParseDate(v)
		return err == nil && d.Year >= 1 && d.Year <= 9999 && d.String() == v
	case curInt:
		_, err := strconv.ParseInt(v, 10, 32)
		return err == nil
	default:
		return len(v) <= maxCursorText
	}
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// pageLimit checks a Page's limit: 0 means facts.DefaultLimit.
func pageLimit(p facts.Page) (int, error) {
	switch {
	case p.Limit == 0:
		return facts.DefaultLimit, nil
	case p.Limit < 0 || p.Limit > facts.MaxLimit:
		return 0, facts.ParamErrorf("limit", "limit must be 1..%d, got %d", facts.MaxLimit, p.Limit)
	}
	return p.Limit, nil
}

// where collects the conditions and arguments of a WHERE clause, numbering the placeholders.
type where struct {
	conds []string
	args  []any
}

// arg appends v to the arguments and returns its placeholder.
func (w *where) arg(v any) string {
	w.args = append(w.args, v)
	return "$" + strconv.Itoa(len(w.args))
}

// add appends a condition; each %s in cond is replaced by the placeholder of the next value.
func (w *where) add(cond string, values ...any) {
	ph := make([]any, len(values))
	for i, v := range values {
		ph[i] = w.arg(v)
	}
	w.conds = append(w.conds, fmt.Sprintf(cond, ph...))
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(w.conds, " AND ")
}

// dateKey is a nullable date as a sort key: the date, or the infinity that stands for unknown.
func dateKey(d *facts.Date, unknown string) string {
	if d == nil {
		return unknown
	}
	return d.String()
}

func itoa(n int) string { return strconv.Itoa(n) }

var sprintf = fmt.Sprintf

// scanner is a row type that names the targets of its columns, in order.
type scanner[T any] interface {
	*T
	dest() []any
}

// decoder is a row type that decodes some of its columns itself (decodeTextArray), from the
// bytes pgx received: its dest has nil for them, which pgx skips, and decode is given the raw
// values of those columns alone, in the order of dest (a rowScan finds them), so that a
// column's position is written once, in dest.
type decoder interface {
	decode(raw [][]byte) error
}

// rowScan holds the targets of one row's columns, and where the nil ones are that a decoder
// decodes itself.
type rowScan struct {
	dest []any
	at   []int    // the positions of dest's nil targets
	raw  [][]byte // their raw values in the current row
}

// newRowScan returns the scan of the columns dest names, in order.
func newRowScan(dest ...any) *rowScan {
	s := &rowScan{dest: dest}
	for i, d := range dest {
		if d == nil {
			s.at = append(s.at, i)
		}
	}
	s.raw = make([][]byte, len(s.at))
	return s
}

// decode gives d the raw values of the current row's nil targets.
func (s *rowScan) decode(rows pgx.Rows, d decoder) error {
	raw := rows.RawValues()
	for i, at := range s.at {
		s.raw[i] = raw[at]
	}
	return d.decode(s.raw)
}

// collect reads every row into a T through its dest, as pgx.CollectRows with
// pgx.RowToStructByPos does, but without the reflection over T's fields that
// RowToStructByPos repeats for every row: a page of 50 exercises allocated 2,904 times with
// it, 2,204 without. size is the most rows the query returns (its LIMIT): the slice is
// allocated once, where growing it row by row allocated the rows twice over.
func collect[T any, PT scanner[T]](rows pgx.Rows, size int) ([]T, error) {
	out := make([]T, 0, size)
	var r T
	scan := newRowScan(PT(&r).dest()...)
	_, err := pgx.ForEachRow(rows, scan.dest, func() error {
		if d, ok := any(PT(&r)).(decoder); ok {
			if err := scan.decode(rows, d); err != nil {
				return err
			}
		}
		out = append(out, r)
		r = *new(T) // so that no row's slices are scanned into another's
		return nil
	})
	return out, err
}
