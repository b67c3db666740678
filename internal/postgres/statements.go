package postgres

import (
	"context"
	"errors"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// statementColumns are the columns statementRow scans, from statements s.
const statementColumns = `s.id, s.article_id, coalesce(s.speaker_id, ''), s.speaker_text, s.kind, s.text,
	s.start_pos, s.end_pos, s.verb, s.said_on,
	coalesce((SELECT array_agg(se.entity_id ORDER BY se.entity_id) FROM statement_entities se WHERE se.statement_id = s.id), '{}')`

type statementRow struct {
	ID, ArticleID, SpeakerID, SpeakerText, Kind, Text string
	Start, End                                        int
	Verb                                              string
	SaidOn                                            pgtype.Date
	EntityIDs                                         []string
}

func (r *statementRow) dest() []any {
	return []any{&r.ID, &r.ArticleID, &r.SpeakerID, &r.SpeakerText, &r.Kind, &r.Text, &r.Start, &r.End, &r.Verb, &r.SaidOn, &r.EntityIDs}
}

func (r statementRow) statement() facts.Statement {
	return facts.Statement{
		ID: r.ID, ArticleID: r.ArticleID, SpeakerID: r.SpeakerID, SpeakerText: r.SpeakerText,
		Kind: facts.StatementKind(r.Kind), Text: r.Text, Start: r.Start, End: r.End, Verb: r.Verb,
		SaidOn: factsDate(r.SaidOn), EntityIDs: r.EntityIDs,
	}
}

// Statement returns one statement by its global id ("<article id>-s1").
func (s *Store) Statement(ctx context.Context, id string) (facts.Statement, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+statementColumns+` FROM statements s WHERE s.id = $1`, id)
	r, err := pgx.CollectOneRow(rows, pgx.RowToStructByPos[statementRow])
	if errors.Is(err, pgx.ErrNoRows) {
		return facts.Statement{}, facts.Errorf(facts.ENOTFOUND, "statement %q not found", id)
	} else if err != nil {
		return facts.Statement{}, wrap(err, "select statement %q", id)
	}
	return r.statement(), nil
}

// Statements returns one page of statements, newest said first (unknown dates last), then by id.
func (s *Store) Statements(ctx context.Context, f facts.StatementFilter) ([]facts.Statement, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	if f.SpeakerID != "" {
		w.add("s.speaker_id = %s", f.SpeakerID)
	}
	if f.ArticleID != "" {
		w.add("s.article_id = %s", f.ArticleID)
	}
	if f.Kind != nil {
		if !f.Kind.Valid() {
			return nil, "", facts.ParamErrorf("kind", "kind must be direct or indirect, got %q", *f.Kind)
		}
		w.add("s.kind = %s", string(*f.Kind))
	}
	if f.MentionsID != "" {
		w.add("s.id IN (SELECT se.statement_id FROM statement_entities se WHERE se.entity_id = %s)", f.MentionsID)
	}
	// Date bounds on the list key, as for articles.
	if f.SaidAfter != nil {
		w.add("coalesce(s.said_on, '-infinity'::date) >= %s", pgDate(f.SaidAfter))
	}
	if f.SaidBefore != nil {
		w.add("coalesce(s.said_on, '-infinity'::date) <= %s AND s.said_on IS NOT NULL", pgDate(f.SaidBefore))
	}
	var cursor []string
	if f.Cursor != "" {
		if cursor, err = decodeCursorOf(f.Cursor, curDate, curText); err != nil {
			return nil, "", err
		}
		w.add("(coalesce(s.said_on, '-infinity'::date), s.id) < (%s::date, %s)", cursor[0], cursor[1])
	}
	const order = ` ORDER BY coalesce(s.said_on, '-infinity'::date) DESC, s.id DESC`
	var list []statementRow
	done := false
	if f.Query != "" && f.SpeakerID == "" && f.ArticleID == "" && f.MentionsID == "" {
		// A search of all statements: through the posting lists of its words (searchWords),
		// or, for a query that requires no word, first in a window of the list (see
		// searchWindow) and then through the GIN index (searchAll).
		var words []string // nil for one plain word: searchWords reads its lexeme itself
		ok := true
		if !plainWord(f.Query) {
			if words, ok, err = queryLexemes(ctx, s.db, f.Query); err != nil {
				return nil, "", wrap(err, "list statements")
			}
		}
		if ok {
			if list, err = s.searchWords(ctx, f, cursor, words, limit); err != nil {
				return nil, "", wrap(err, "list statements")
			}
			done = true
		} else {
			const key = `coalesce(s.said_on, '-infinity'::date)`
			if list, done, err = searchWindow[statementRow](ctx, s.db, `statements`, `s`, statementColumns, key, `s.search`, ``, w, f.Query, limit); err != nil {
				return nil, "", wrap(err, "list statements")
			}
			if !done {
				w.add("s.search @@ websearch_to_tsquery('english', %s)", f.Query)
				if list, err = searchAll[statementRow](ctx, s.db, `statements`, `s`, statementColumns, key, w, limit); err != nil {
					return nil, "", wrap(err, "list statements")
				}
				done = true
			}
		}
	} else if f.Query != "" {
		w.add("s.search @@ websearch_to_tsquery('english', %s)", f.Query)
	}
	if !done {
		q := `SELECT ` + statementColumns + ` FROM statements s ` + w.String() + order + ` LIMIT ` + itoa(limit+1)
		rows, _ := s.db.Query(ctx, q, w.args...)
		if list, err = collect[statementRow](rows, limit+1); err != nil {
			return nil, "", wrap(err, "list statements")
		}
	}
	out := make([]facts.Statement, 0, min(len(list), limit))
	for _, r := range list[:min(len(list), limit)] {
		out = append(out, r.statement())
	}
	next := ""
	if len(list) > limit {
		last := out[limit-1]
		next = encodeCursor(dateKey(last.SaidOn, "-infinity"), last.ID)
	}
	return out, next, nil
}

// searchWords is a search of all statements (no speaker, article or mention filter) for a
// query every match of which holds words (its required lexemes, queryLexemes). It walks the
// posting lists of those words in statement_words (migration 000011; keyed by each lexeme's
// hashtext since 000015, so a list may hold a colliding word's postings too, which the @@
// recheck drops) backwards, from the newest posting or the cursor, merging
// them on (list key, id) as a search engine intersects posting lists; reads the statement of
// each posting that all of them share, keeps it when the whole query and the kind asked for
// match, and stops at the end of the page. A word is one range of the primary
// key wherever its matches lie, so a single word reads limit+1 postings and statements,
// common or rare, and an absent word nothing. Several words read their lists' leaf pages in
// order until the page is full: at worst every posting of each word, a few hundred per page
// of the index, never a statement that lacks one of them; a query of more words than
// maxPostingLists merges the rarest of them and checks the rest on the statements.
func (s *Store) searchWords(ctx context.Context, f facts.StatementFilter, cursor, words []string, limit int) ([]statementRow, error) {
	// The statement of each posting is read by its primary key, one at a time (a LATERAL
	// subquery with a LIMIT is never turned into a join): as a join, the planner drove it
	// from the GIN index instead, reading every match of the words. The cursor and date
	// bounds are the postings' alone: on the statement too, the planner walked
	// statements_list_idx from the cursor for each posting instead of reading its row.
	if len(words) > maxPostingLists {
		var err error
		if words, err = rarestWords(ctx, s.db, words, maxPostingLists); err != nil {
			return nil, err
		}
	}
	var w where
	w.add("s.id = p0.statement_id")
	w.add("s.search @@ websearch_to_tsquery('english', %s)", f.Query)
	if f.Kind != nil {
		w.add("s.kind = %s", string(*f.Kind))
	}
	q := `SELECT ` + statementColumns + ` FROM statement_words p0`
	var conds []string
	lexeme := func(i int) string { return w.arg(words[i]) }
	n := len(words)
	if words == nil {
		lexeme, n = func(int) string { return plainLexeme(w.arg(f.Query)) }, 1
	}
	for i := range n {
		p := "p" + itoa(i)
		if i > 0 {
			q += ` JOIN statement_words ` + p + ` ON ` + p + `.list_key = p0.list_key AND ` + p + `.statement_id = p0.statement_id`
		}
		// Every list bounded alike, so that each walk starts at the cursor and stops at the
		// list's date bounds.
		conds = append(conds, p+".lexeme_hash = hashtext("+lexeme(i)+")")
		if f.SaidAfter != nil {
			conds = append(conds, p+".list_key >= "+w.arg(pgDate(f.SaidAfter))+"::date")
		}
		if f.SaidBefore != nil {
			conds = append(conds, p+".list_key <= "+w.arg(pgDate(f.SaidBefore))+"::date AND "+p+".list_key > '-infinity'::date")
		}
		switch {
		case cursor == nil:
		case cursor[0] == "-infinity":
			// The same condition, since no key is lower; but PostgreSQL estimates a row
			// comparison by its first column alone, and nothing is below -infinity: planned
			// for no rows, the merge of several words became a nested loop that read one
			// list once for each posting of the other (4 million rows).
			conds = append(conds, p+".list_key = '-infinity'::date AND "+p+".statement_id < "+w.arg(cursor[1]))
		default:
			conds = append(conds, "("+p+".list_key, "+p+".statement_id) < ("+w.arg(cursor[0])+"::date, "+w.arg(cursor[1])+")")
		}
	}
	q += ` CROSS JOIN LATERAL (SELECT * FROM statements s ` + w.String() + ` LIMIT 1) AS s
		WHERE ` + strings.Join(conds, " AND ") + `
		ORDER BY p0.list_key DESC, p0.statement_id DESC LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	return collect[statementRow](rows, limit+1)
}

// plainWord reports whether a search query is one word of ASCII letters: the parser reads it
// as one token, which the english configuration makes one lexeme or, for a stop word, none.
// Statements asks PostgreSQL for the lexemes of any other query first (queryLexemes).
func plainWord(q string) bool {
	for i := 0; i < len(q); i++ {
		if c := q[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return q != ""
}

// plainLexeme is an expression for the lexeme of a plainWord query (placeholder q), NULL for a
// stop word: asked inside the search's statement, it saves the round trip of queryLexemes
// on the most common searches.
func plainLexeme(q string) string {
	return `(SELECT CASE WHEN numnode(t) = 1 THEN btrim(t::text, '''') END FROM websearch_to_tsquery('english', ` + q + `) AS t)`
}

// maxPostingLists is how many of a query's words searchWords merges; the others are checked on
// the statements the merge yields. Merging every word of a long query read every posting of
// each when they shared no statement: 1 s for fifteen common words at 44k articles.
const maxPostingLists = 3

// rarestCount bounds how many postings of each word rarestWords counts: past it, words count
// as equally common.
const rarestCount = 1000

// rarestWords returns the n words with the fewest postings (counted up to rarestCount), in
// query order when tied.
func rarestWords(ctx context.Context, db DBTX, words []string, n int) ([]string, error) {
	rows, _ := db.Query(ctx, `SELECT u.w FROM unnest($1::text[]) WITH ORDINALITY AS u(w, i)
		ORDER BY (SELECT count(*) FROM (SELECT FROM statement_words p WHERE p.lexeme_hash = hashtext(u.w) LIMIT `+itoa(rarestCount)+`) c), u.i
		LIMIT `+itoa(n), words)
	return pgx.CollectRows(rows, pgx.RowTo[string])
}
