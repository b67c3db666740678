package postgres

import (
	"context"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// entityColumns are the columns entityRow scans, from entities e. Names accumulate across
// articles, so only the first 40 (by name) are kept on the row (e.names, migration 000013):
// entity() keeps at most facts.MaxEntityAliases (20) of them besides the names that fold like
// the canonical one.
const entityColumns = `e.id, e.name, e.type, coalesce(e.title, ''), coalesce(e.affiliation_id, ''),
	e.mention_count, e.statement_count, e.article_count, e.names`

type entityRow struct {
	ID, Name, Type, Title, AffiliationID       string
	MentionCount, StatementCount, ArticleCount int
	Names                                      []string
}

func (r *entityRow) dest() []any {
	return []any{&r.ID, &r.Name, &r.Type, &r.Title, &r.AffiliationID, &r.MentionCount, &r.StatementCount, &r.ArticleCount,
		nil} // the names: decode
}

// decode decodes the names (up to 40 an entity), the nil of dest.
func (r *entityRow) decode(raw [][]byte) (err error) {
	r.Names, err = decodeTextArray(raw[0])
	return err
}

func (r *entityRow) entity() facts.StoredEntity {
	aliases := make([]string, 0, min(len(r.Names), facts.MaxEntityAliases))
	var nameBuf, aliasBuf [64]byte
	asciiName, nameOK := facts.AppendFoldASCII(nameBuf[:0], r.Name)
	name := "" // fold(r.Name), when a name is not ASCII
	for _, n := range r.Names {
		if len(aliases) == facts.MaxEntityAliases {
			break
		}
		if n == r.Name {
			continue // the canonical name itself, kept among the names
		}
		if a, ok := facts.AppendFoldASCII(aliasBuf[:0], n); ok && nameOK {
			if string(a) != string(asciiName) {
				aliases = append(aliases, n)
			}
			continue
		}
		if name == "" {
			name = fold(r.Name)
		}
		if fold(n) != name {
			aliases = append(aliases, n)
		}
	}
	return facts.StoredEntity{
		Entity: facts.Entity{
			ID: r.ID, Name: r.Name, Type: facts.EntityType(r.Type), Aliases: aliases,
			Title: r.Title, AffiliationID: r.AffiliationID, Mentions: []facts.Span{},
		},
		EntityStats: facts.EntityStats{MentionCount: r.MentionCount, StatementCount: r.StatementCount, ArticleCount: r.ArticleCount},
	}
}

// collectEntities reads the rows of entityColumns; size is the most rows the query returns.
func collectEntities(rows pgx.Rows, size int) ([]facts.StoredEntity, error) {
	out := make([]facts.StoredEntity, 0, size)
	var r entityRow
	scan := newRowScan(r.dest()...)
	_, err := pgx.ForEachRow(rows, scan.dest, func() error {
		if err := scan.decode(rows, &r); err != nil {
			return err
		}
		out = append(out, r.entity())
		return nil
	})
	return out, err
}

// Entity returns one entity with its aliases and counts.
func (s *Store) Entity(ctx context.Context, id string) (facts.StoredEntity, error) {
	rows, _ := s.db.Query(ctx, `SELECT `+entityColumns+` FROM entities e WHERE e.id = $1`, id)
	list, err := collectEntities(rows, 1)
	if err != nil {
		return facts.StoredEntity{}, wrap(err, "select entity %q", id)
	} else if len(list) == 0 {
		return facts.StoredEntity{}, facts.Errorf(facts.ENOTFOUND, "entity %q not found", id)
	}
	return list[0], nil
}

// Entities returns one page of entities, most mentioned first, then by name, then by id.
// Query matches any of an entity's names by substring or, for typos, by trigram word
// similarity ("kallsa" finds Kallas).
func (s *Store) Entities(ctx context.Context, f facts.EntityFilter) ([]facts.StoredEntity, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	if f.Type != nil {
		if !f.Type.Valid() {
			return nil, "", facts.ParamErrorf("type", "type must be one of %s, got %q", typeList(), *f.Type)
		}
		w.add("e.type = %s", string(*f.Type))
	}
	folded := ""
	if f.Query != "" {
		if folded = fold(f.Query); folded == "" {
			return nil, "", facts.ParamErrorf("q", "q must contain a letter or digit, got %q", f.Query)
		}
	}
	if f.ArticleID != "" {
		w.add("e.id IN (SELECT ae.entity_id FROM article_entities ae WHERE ae.article_id = %s)", f.ArticleID)
	}
	if f.Cursor != "" {
		c, err := decodeCursorOf(f.Cursor, curInt, curText, curText)
		if err != nil {
			return nil, "", err
		}
		w.add("(-e.mention_count, e.name, e.id) > (%s::int, %s, %s)", c[0], c[1], c[2])
	}
	const order = ` ORDER BY -e.mention_count, e.name, e.id`
	var rows pgx.Rows
	if folded == "" {
		rows, _ = s.db.Query(ctx, `SELECT `+entityColumns+` FROM entities e `+w.String()+order+` LIMIT `+itoa(limit+1), w.args...)
	} else {
		// A name search: first the ids of the entities whose names match, through the trigram
		// index, at most maxNameMatches of them. A typo or a surname matches few, which are
		// looked up by key and sorted (passed back as an array of known length: in a join the
		// planner guessed their number and scanned every entity). A common name part matches
		// more, and then the entities are walked in rank order and tested one by one, a walk
		// that stops at the end of the page after a few rows per match. Both operators use
		// entity_names' trigram index, which is on lower(n.folded); LIKE catches short queries
		// whose trigrams are too few for similarity to judge.
		names := func(w *where) string {
			q := w.arg(folded)
			return `lower(n.folded) LIKE '%' || ` + q + ` || '%' OR ` + q + ` <% lower(n.folded)`
		}
		var w2 where
		ids, _ := s.db.Query(ctx, `SELECT DISTINCT n.entity_id FROM entity_names n WHERE `+names(&w2)+` LIMIT `+itoa(maxNameMatches+1), w2.args...)
		matched, err := pgx.CollectRows(ids, pgx.RowTo[string])
		if err != nil {
			return nil, "", wrap(err, "list entities")
		}
		if len(matched) <= maxNameMatches {
			// The ids through a subquery, as the entity of Mentions: given the array, the planner
			// counted its elements and planned the statement afresh at every request (63-93 µs
			// of PostgreSQL for no match at 100k articles, 13-26 now). The cast makes it an array
			// again: "= ANY (subquery)" would compare with the subquery's rows.
			w.add("e.id = ANY((SELECT %s::text[])::text[])", matched)
		} else {
			w.conds = append(w.conds, "e.id IN (SELECT n.entity_id FROM entity_names n WHERE "+names(&w)+")")
		}
		rows, _ = s.db.Query(ctx, `SELECT `+entityColumns+` FROM entities e `+w.String()+order+` LIMIT `+itoa(limit+1), w.args...)
	}
	list, err := collectEntities(rows, limit+1)
	if err != nil {
		return nil, "", wrap(err, "list entities")
	}
	return entityPage(list, limit)
}

// maxNameMatches is how many matching entities a name search sorts; past it, it walks the
// entities in rank order instead (see Entities).
const maxNameMatches = 300

// entityPage cuts a list read with LIMIT limit+1 to one page and its next cursor.
func entityPage(list []facts.StoredEntity, limit int) ([]facts.StoredEntity, string, error) {
	next := ""
	if len(list) > limit {
		list = list[:limit]
		last := list[limit-1]
		next = encodeCursor(itoa(-last.MentionCount), last.Name, last.ID)
	}
	if list == nil {
		list = []facts.StoredEntity{}
	}
	return list, next, nil
}

func typeList() string {
	var names []string
	for _, t := range facts.EntityTypes {
		names = append(names, string(t))
	}
	return strings.Join(names, ", ")
}

// Mentions returns one page of the mentions of an entity, in article order (published date,
// unknown last, then article id) and then by position. An unknown entity is ENOTFOUND.
func (s *Store) Mentions(ctx context.Context, f facts.MentionFilter) ([]facts.Mention, string, error) {
	limit, err := pageLimit(f.Page)
	if err != nil {
		return nil, "", err
	}
	var w where
	// The entity in a subquery, so that the planner cannot count its mentions: given the id,
	// it planned the same walk of mentions_list_idx afresh at every request (its estimate for
	// a popular entity beat the generic plan's), half of PostgreSQL's time on a page of 50
	// (110–146 µs against 66–80, one connection, the most mentioned country at 100k).
	w.add("m.entity_id = (SELECT %s::text)", f.EntityID)
	if f.Cursor != "" {
		c, err := decodeCursorOf(f.Cursor, curDate, curText, curInt, curInt)
		if err != nil {
			return nil, "", err
		}
		w.add("(coalesce(m.published_at, 'infinity'::date), m.article_id, m.start_pos, m.end_pos) > (%s::date, %s, %s::int, %s::int)", c[0], c[1], c[2], c[3])
	}
	q := `SELECT m.entity_id, m.article_id, m.start_pos, m.end_pos, m.text, m.snippet,
			coalesce(m.published_at::text, 'infinity')
		FROM mentions m ` + w.String() + `
		ORDER BY coalesce(m.published_at, 'infinity'::date), m.article_id, m.start_pos, m.end_pos LIMIT ` + itoa(limit+1)
	rows, _ := s.db.Query(ctx, q, w.args...)
	out, keys := make([]facts.Mention, 0, limit+1), make([]string, 0, limit+1)
	var m facts.Mention
	var key string
	_, err = pgx.ForEachRow(rows, []any{&m.EntityID, &m.ArticleID, &m.Start, &m.End, &m.Text, &m.Snippet, &key}, func() error {
		out, keys = append(out, m), append(keys, key)
		return nil
	})
	if err != nil {
		return nil, "", wrap(err, "list mentions of entity %q", f.EntityID)
	}
	if len(out) == 0 {
		if _, err := s.Entity(ctx, f.EntityID); err != nil {
			return nil, "", err
		}
		return []facts.Mention{}, "", nil
	}
	next := ""
	if len(out) > limit {
		out = out[:limit]
		last := out[limit-1]
		next = encodeCursor(keys[limit-1], last.ArticleID, itoa(last.Start), itoa(last.End))
	}
	return out, next, nil
}
