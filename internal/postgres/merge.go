package postgres

import (
	"context"
	"errors"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// EntityRedirect returns the id of the entity that entity id was merged into, or an
// ENOTFOUND error when id was never merged (it may be stored, or unknown).
func (s *Store) EntityRedirect(ctx context.Context, id string) (string, error) {
	var to string
	err := s.db.QueryRow(ctx, `SELECT target_id FROM entity_redirects WHERE id = $1`, id).Scan(&to)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", facts.Errorf(facts.ENOTFOUND, "entity %q was not merged", id)
	} else if err != nil {
		return "", wrap(err, "select redirect of entity %q", id)
	}
	return to, nil
}

// MergeEntities merges entity from into entity into, in one transaction: every mention,
// statement (as speaker and as mentioned), exercise host and participant, name and
// affiliation that named from names into; the counts, title and affiliation of into are
// recomputed; from is deleted, and a redirect from it (and from every id that redirected to
// it) to into is kept, so that the API answers the old id with a 301 and later articles that
// name from are saved as into.
func (s *Store) MergeEntities(ctx context.Context, from, into string) error {
	if from == into {
		return facts.Errorf(facts.EINVALID, "cannot merge entity %q into itself", from)
	}
	return wrap(pgx.BeginFunc(ctx, s.db, func(tx pgx.Tx) error {
		// Saves look names up and add them; the class lock taken exclusively makes every save
		// wait until the merge commits, so none resolves a name to the entity going away.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1, -1)`, nameLockClass); err != nil {
			return err
		}
		rows, _ := tx.Query(ctx, `SELECT id FROM entities WHERE id IN ($1, $2) ORDER BY id FOR NO KEY UPDATE`, from, into)
		found, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		for _, id := range []string{from, into} {
			if slices.Contains(found, id) {
				continue
			}
			if to, err := New(tx).EntityRedirect(ctx, id); err == nil {
				return facts.Errorf(facts.EINVALID, "entity %q was merged into %q already", id, to)
			}
			return facts.Errorf(facts.ENOTFOUND, "entity %q not found", id)
		}
		// The words from was called by may now be someone else's surname (resolve_surnames).
		rows, _ = tx.Query(ctx, `SELECT folded FROM entity_names WHERE entity_id = $1 AND position(' ' IN folded) = 0 ORDER BY folded`, from)
		words, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `SELECT merge_entity($1, $2, true)`, from, into); err != nil {
			return err
		}
		if len(words) > 0 {
			if _, err := tx.Exec(ctx, `SELECT resolve_surnames($1)`, words); err != nil {
				return err
			}
		}
		return nil
	}), "merge entity %q into %q", from, into)
}
