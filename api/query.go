package api

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/ingest"
)

// query reads a request's query parameters, collecting every problem so that one answer names
// all the bad parameters at once.
type query struct {
	values url.Values
	errs   []facts.ParamError
}

// parseQuery reads r's query string and rejects parameters outside allowed, so that a typo
// such as `speakr_id` is an error rather than a silently unfiltered list.
func parseQuery(r *http.Request, allowed ...string) *query {
	q := &query{}
	values, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		q.fail("query", "the query string is malformed: %v", err)
	}
	q.values = values
	names := make([]string, 0, len(values))
	for name := range values {
		names = append(names, name)
	}
	slices.Sort(names) // errors in a stable order
	for _, name := range names {
		v := values[name][0]
		max := maxParamLen
		if n, ok := longParams[name]; ok {
			max = n
		}
		switch {
		case !utf8.ValidString(name) || strings.IndexByte(name, 0) >= 0 || len(name) > maxParamLen:
			q.fail("query", "query parameter names must be short valid UTF-8 without NUL")
		case !utf8.ValidString(v):
			q.fail(name, "%s must be valid UTF-8", name)
		case strings.IndexByte(v, 0) >= 0:
			q.fail(name, "%s must not contain NUL", name)
		case len(v) > max:
			q.fail(name, "%s must be at most %d bytes, got %d", name, max, len(v))
		case len(allowed) == 0:
			q.fail(name, "unknown query parameter %q; this endpoint takes none", name)
		case !slices.Contains(allowed, name):
			q.fail(name, "unknown query parameter %q; this endpoint takes %s", name, strings.Join(allowed, ", "))
		case len(values[name]) > 1:
			q.fail(name, "%s must be given at most once, got %d values", name, len(values[name]))
		}
	}
	return q
}

// maxParamErrors caps the problems one answer lists (openapi.yaml's maxItems): a query
// string of a thousand unknown parameters gets the first ones.
const maxParamErrors = 20

// fail records a problem with one parameter.
func (q *query) fail(param, format string, args ...any) {
	if len(q.errs) >= maxParamErrors {
		return
	}
	q.errs = append(q.errs, facts.ParamError{Param: param, Message: fmt.Sprintf(format, args...)})
}

// err returns the problems found so far as one EINVALID error, or nil.
func (q *query) err() error {
	if len(q.errs) == 0 {
		return nil
	}
	msgs := make([]string, len(q.errs))
	for i, e := range q.errs {
		msgs[i] = e.Message
	}
	return &facts.Error{Code: facts.EINVALID, Message: strings.Join(msgs, "; "), Params: q.errs}
}

// Limits on query parameters, checked before any query runs so that the cost of a request is
// bounded by them rather than by what a client sends. openapi.yaml declares the same numbers.
const (
	maxParamLen  = 200  // every text parameter: q, ids, metadata
	maxCursorLen = 2048 // the cursors the server issues are far shorter
)

// longParams are the parameters allowed past maxParamLen, with their own limits.
var longParams = map[string]int{
	"cursor": maxCursorLen,
	"url":    ingest.MaxURLLen,
	"title":  ingest.MaxTitleLen,
}

// str returns a text parameter, "" when absent. parseQuery has checked its encoding and length.
func (q *query) str(name string) string {
	v := q.values.Get(name)
	if !utf8.ValidString(v) || strings.IndexByte(v, 0) >= 0 || len(v) > max(maxParamLen, longParams[name]) {
		return ""
	}
	return strings.TrimSpace(v)
}

// page reads limit and cursor.
func (q *query) page() facts.Page {
	p := facts.Page{Limit: facts.DefaultLimit, Cursor: q.values.Get("cursor")}
	if s := q.values.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		switch {
		case err != nil:
			q.fail("limit", "limit must be an integer 1..%d, got %q", facts.MaxLimit, s)
		case n < 1 || n > facts.MaxLimit:
			q.fail("limit", "limit must be 1..%d, got %d", facts.MaxLimit, n)
		default:
			p.Limit = n
		}
	}
	return p
}

// date reads a YYYY-MM-DD parameter, nil when absent.
func (q *query) date(name string) *facts.Date {
	s := q.values.Get(name)
	if s == "" {
		return nil
	}
	d, err := facts.ParseDate(s)
	if err != nil {
		q.fail(name, "%s must be a date in YYYY-MM-DD form, got %q", name, s)
		return nil
	}
	return &d
}

// year reads a year parameter, 0 when absent.
func (q *query) year(name string) int {
	s := q.values.Get(name)
	if s == "" {
		return 0
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 9999 {
		q.fail(name, "%s must be a year 1..9999, got %q", name, s)
		return 0
	}
	return n
}

// entityType reads an entity type parameter, nil when absent.
func (q *query) entityType(name string) *facts.EntityType {
	s := q.values.Get(name)
	if s == "" {
		return nil
	}
	t := facts.EntityType(s)
	if !t.Valid() {
		valid := make([]string, len(facts.EntityTypes))
		for i, v := range facts.EntityTypes {
			valid[i] = string(v)
		}
		q.fail(name, "%s must be one of %s, got %q", name, strings.Join(valid, ", "), s)
		return nil
	}
	return &t
}

// statementKind reads a statement kind parameter, nil when absent.
func (q *query) statementKind(name string) *facts.StatementKind {
	s := q.values.Get(name)
	if s == "" {
		return nil
	}
	k := facts.StatementKind(s)
	if !k.Valid() {
		q.fail(name, "%s must be one of %s, %s, got %q", name, facts.Direct, facts.Indirect, s)
		return nil
	}
	return &k
}

// maxIDLen bounds ids so that garbage never reaches the database.
const maxIDLen = 200

// validID reports whether id could name something: ids are slugs (letters, digits, hyphens)
// or hex digests. Anything else cannot exist, so it is answered 404 without a query.
func validID(id string) bool {
	if id == "" || len(id) > maxIDLen || !utf8.ValidString(id) {
		return false
	}
	for _, r := range id {
		if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}
