package postgres

import (
	"context"
	"errors"

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
	if f.Cursor != "" {
		c, err := decodeCursorOf(f.Cursor, curDate, curText)
		if err != nil {
			return nil, "", err
		}
		w.add("(coalesce(s.said_on, '-infinity'::date), s.id) < (%s::date, %s)", c[0], c[1])
	}
	const order = ` ORDER BY coalesce(s.said_on, '-infinity'::date) DESC, s.id DESC`
	var list []statementRow
	done := false
	if f.Query != "" && f.SpeakerID == "" && f.ArticleID == "" && f.MentionsID == "" {
		// A search of all statements: first in a window of the list (see searchWindow), then,
		// for a rarer word, through the GIN index (searchAll).
		const key = `coalesce(s.said_on, '-infinity'::date)`
		if list, done, err = searchWindow[statementRow](ctx, s.db, `statements`, `s`, statementColumns, key, `s.search`, w, f.Query, limit); err != nil {
			return nil, "", wrap(err, "list statements")
		}
		if !done {
			w.add("s.search @@ websearch_to_tsquery('english', %s)", f.Query)
			if list, err = searchAll[statementRow](ctx, s.db, `statements`, `s`, statementColumns, key, w, limit); err != nil {
				return nil, "", wrap(err, "list statements")
			}
			done = true
		}
	} else if f.Query != "" {
		w.add("s.search @@ websearch_to_tsquery('english', %s)", f.Query)
	}
	if !done {
		q := `SELECT ` + statementColumns + ` FROM statements s ` + w.String() + order + ` LIMIT ` + itoa(limit+1)
		rows, _ := s.db.Query(ctx, q, w.args...)
		if list, err = pgx.CollectRows(rows, pgx.RowToStructByPos[statementRow]); err != nil {
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
