package postgres

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// A cursor is the sort-key values and id of the last row of a page, JSON-encoded and then
// base64url'd: opaque to clients, and any change to a list's sort key only needs a new shape.

func encodeCursor(values ...string) string {
	b, _ := json.Marshal(values) // []string always marshals
	return base64.RawURLEncoding.EncodeToString(b)
}

// decodeCursor returns the n values of cursor c, or an EINVALID error naming "cursor".
func decodeCursor(c string, n int) ([]string, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	var values []string
	if err == nil {
		err = json.Unmarshal(b, &values)
	}
	if err != nil || len(values) != n {
		return nil, facts.ParamErrorf("cursor", "cursor %q is not one this server issued: start again without it", truncate(c, 40))
	}
	return values, nil
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
