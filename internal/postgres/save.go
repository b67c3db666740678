package postgres

import (
	"context"
	"errors"
	"maps"
	"math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/backoff"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// saveAttempts is how many times SaveArticle runs its transaction when PostgreSQL reports a
// serialization failure, a deadlock, or a concurrent insert of the same article.
const saveAttempts = 6

// SaveArticle stores article a and its extracted facts x in one transaction: all of it or none.
//
//   - The same content (sha256) with the same or an older extractor version is Unchanged and
//     writes nothing, also when it arrives under another id (the result names the stored id).
//   - A known id with a new body or a newer extractor version is Updated: the article's
//     previous facts are replaced, and every count they contributed is taken back.
//   - Entities merge by stable id. An extracted entity whose id is unknown but whose name is a
//     name of exactly one stored entity of a compatible type is saved as that entity, and every
//     reference to it follows. Aliases accumulate.
//   - A person named by one word only (shortPerson) is the one stored full-named person that
//     is also called by that word, when exactly one is and the article does not name that
//     person itself; else a person of its own. When a save makes a full-named person the only
//     one, or no longer the only one, called by a word, the stored references to the word
//     move accordingly (resolve_surnames, in the same transaction): the entities stored are
//     the same whatever order the articles came in.
//   - Titles and affiliations: each entity shows the pair most of its articles give it.
//
// Concurrent saves are safe: the names of entities not stored yet are locked first (so two
// saves introducing one name take turns), then rows in a fixed order (article, then entities
// and exercises by id); counts change by deltas under those locks, and the transaction is
// retried with jittered backoff on serialization failures, deadlocks and unique violations.
func (s *Store) SaveArticle(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	if err := validate(a, x); err != nil {
		return facts.SaveResult{}, err
	}
	// Content already stored needs no transaction: one read of committed rows decides it. A
	// save that writes nothing can be ordered before whichever writer changes that row next.
	rows, err := s.db.Query(ctx, `SELECT `+storedColumns+` FROM articles WHERE sha256 = $1`, a.SHA256)
	if err != nil {
		return facts.SaveResult{}, wrap(err, "look up article %s", a.ID)
	}
	stored, err := pgx.CollectRows(rows, pgx.RowToStructByPos[storedArticle])
	if err != nil {
		return facts.SaveResult{}, wrap(err, "look up article %s", a.ID)
	}
	for _, st := range stored {
		if res, ok := st.unchanged(a); ok {
			return res, nil
		}
	}
	for attempt := 1; ; attempt++ {
		res, err := s.attempt(ctx, a, x)
		if err == nil {
			return res, nil
		}
		if attempt == saveAttempts || !retryable(err) {
			return facts.SaveResult{}, wrap(err, "save article %s", a.ID)
		}
		// Jitter keeps two writers that collided from colliding again in lockstep.
		if !backoff.Sleep(ctx, time.Duration(1<<attempt)*time.Millisecond+rand.N(5*time.Millisecond)) {
			return facts.SaveResult{}, ctx.Err()
		}
	}
}

// commitTimeout bounds a COMMIT that SaveArticle has sent, counted from the moment its
// caller's context is cancelled: the cancellation itself does not interrupt it.
const commitTimeout = 10 * time.Second

// attempt runs one transaction of SaveArticle. A cancelled ctx rolls the transaction back,
// up to the moment COMMIT is sent; from then on the COMMIT is left to finish, for up to
// commitTimeout after the cancellation. Interrupting a COMMIT on its way would let it land
// while the caller reports the article as not stored. (A connection lost after COMMIT was
// sent still leaves the outcome unknown, as with any database client.)
func (s *Store) attempt(ctx context.Context, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	tx, err := s.db.Begin(ctx)
	if err != nil {
		return facts.SaveResult{}, err
	}
	res, err := s.save(ctx, tx, a, x)
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		commitCtx, cancelCommit := context.WithCancel(context.WithoutCancel(ctx))
		defer cancelCommit()
		stop := context.AfterFunc(ctx, func() { time.AfterFunc(commitTimeout, cancelCommit) })
		err = tx.Commit(commitCtx)
		stop()
		if err == nil {
			return res, nil
		}
	}
	// Rolling back on a connection that a cancelled statement left broken fails, and closing
	// that connection rolls the transaction back anyway.
	rollbackCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), commitTimeout)
	defer cancel()
	_ = tx.Rollback(rollbackCtx)
	return facts.SaveResult{}, err
}

func retryable(err error) bool {
	var pgErr *pgconn.PgError
	if !errors.As(err, &pgErr) {
		return false
	}
	switch pgErr.Code {
	case "40001", "40P01": // serialization failure, deadlock detected
		return true
	case "23505":
		// Another transaction inserted the same article (or content) first; the next attempt
		// sees it and reports unchanged or updated.
		return pgErr.TableName == "articles"
	case "23503":
		// A concurrent update removed the last source of an exercise (and so the exercise)
		// between this transaction's insert of it and its insert of a source.
		return pgErr.TableName == "exercise_sources"
	}
	return false
}

// failpoint runs the test hook for step, if any.
func (s *Store) failpoint(step string) error {
	if s.failAt == nil {
		return nil
	}
	return s.failAt(step)
}

var (
	articleIDPattern = regexp.MustCompile(`^[0-9a-f]{16}$`)
	sha256Pattern    = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// validate rejects what the schema would reject, with messages that name the bad fact.
func validate(a facts.Article, x facts.Extraction) error {
	switch {
	case !articleIDPattern.MatchString(a.ID):
		return facts.Errorf(facts.EINVALID, "article id %q is not 16 hex digits", a.ID)
	case !sha256Pattern.MatchString(a.SHA256):
		return facts.Errorf(facts.EINVALID, "article %s: sha256 %q is not 64 hex digits", a.ID, a.SHA256)
	case a.Body == "":
		return facts.Errorf(facts.EINVALID, "article %s has an empty body", a.ID)
	case a.ExtractorVersion < 1:
		return facts.Errorf(facts.EINVALID, "article %s: extractor version %d is not a positive number", a.ID, a.ExtractorVersion)
	}
	for _, f := range []struct{ name, value string }{{"title", a.Title}, {"url", a.URL}, {"source", a.Source}} {
		if !utf8.ValidString(f.value) || strings.ContainsRune(f.value, 0) {
			return facts.Errorf(facts.EINVALID, "article %s: %s %q is not valid UTF-8 text", a.ID, f.name, f.value)
		}
	}
	n := utf8.RuneCountInString(a.Body)
	span := func(what string, start, end int) error {
		if start < 0 || start >= end || end > n {
			return facts.Errorf(facts.EINVALID, "article %s: %s has span [%d, %d) outside the body's %d code points", a.ID, what, start, end, n)
		}
		return nil
	}
	for _, e := range x.Entities {
		if e.ID == "" || e.Name == "" {
			return facts.Errorf(facts.EINVALID, "article %s: an entity has no id or name (%q, %q)", a.ID, e.ID, e.Name)
		}
		if !e.Type.Valid() {
			return facts.Errorf(facts.EINVALID, "article %s: entity %q has unknown type %q", a.ID, e.ID, e.Type)
		}
		for _, m := range e.Mentions {
			if err := span("a mention of entity "+e.ID, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	seen := map[string]bool{}
	for _, st := range x.Statements {
		if st.ID == "" || seen[st.ID] {
			return facts.Errorf(facts.EINVALID, "article %s: statement id %q is empty or repeated", a.ID, st.ID)
		}
		seen[st.ID] = true
		if !st.Kind.Valid() {
			return facts.Errorf(facts.EINVALID, "article %s: statement %s has unknown kind %q", a.ID, st.ID, st.Kind)
		}
		if st.Text == "" {
			return facts.Errorf(facts.EINVALID, "article %s: statement %s has no text", a.ID, st.ID)
		}
		if err := span("statement "+st.ID, st.Start, st.End); err != nil {
			return err
		}
	}
	for _, ex := range x.Exercises {
		if ex.ID == "" || ex.Name == "" {
			return facts.Errorf(facts.EINVALID, "article %s: an exercise has no id or name (%q, %q)", a.ID, ex.ID, ex.Name)
		}
		if p := ex.Period; p != nil && (p.Start.IsZero() || p.End.IsZero() || p.End.Before(p.Start)) {
			return facts.Errorf(facts.EINVALID, "article %s: exercise %s has period %s..%s", a.ID, ex.ID, p.Start, p.End)
		}
		for _, m := range ex.Mentions {
			if err := span("a mention of exercise "+ex.ID, m.Start, m.End); err != nil {
				return err
			}
		}
	}
	return nil
}

// compatible says which stored entity types an extracted entity of a type may resolve to: a
// capital named as a place stands for its country, "the PLA" may have been typed as a group.
// Each list is comma-separated, as the name look-up query takes it.
var compatible = map[facts.EntityType]string{
	facts.Person:       "person",
	facts.Organization: "organization,group",
	facts.Group:        "group,organization",
	facts.Country:      "country",
	facts.Location:     "location,country",
	facts.Event:        "event",
}

// storedArticle is the part of a stored article that SaveArticle decides on.
type storedArticle struct {
	ID               string
	SHA256           string
	ExtractorVersion int
	EntityCount      int
	MentionCount     int
	StatementCount   int
	ExerciseCount    int
}

// storedColumns are the columns of articles that fill a storedArticle.
const storedColumns = `id, sha256, extractor_version, entity_count, mention_count, statement_count, exercise_count`

// unchanged returns SaveArticle's result for a when st already stores its content: under
// another id, or under the same id by the same or a newer extractor version (an older binary
// does not replace a newer one's facts).
func (st storedArticle) unchanged(a facts.Article) (facts.SaveResult, bool) {
	if st.SHA256 != a.SHA256 || st.ID == a.ID && st.ExtractorVersion < a.ExtractorVersion {
		return facts.SaveResult{}, false
	}
	return facts.SaveResult{ArticleID: st.ID, Status: facts.Unchanged, Counts: facts.Counts{
		Entities: st.EntityCount, Mentions: st.MentionCount, Statements: st.StatementCount, Exercises: st.ExerciseCount,
	}}, true
}

// entityShare is one entity's part in one article.
type entityShare struct {
	mentions, statements, articles int
	titled                         bool // the article gave the entity a title or affiliation
}

// save is one attempt of SaveArticle inside tx.
func (s *Store) save(ctx context.Context, tx pgx.Tx, a facts.Article, x facts.Extraction) (facts.SaveResult, error) {
	// Lock first the article row (by id or content), so that no other writer changes this
	// article's facts, and so the decision below holds until commit.
	var stored []storedArticle
	b := &pgx.Batch{}
	// The transaction's settings, in one statement:
	//   - enable_seqscan off: every statement of a save looks rows up by key, and plans made
	//     while the tables were small, or for arrays of unknown length, chose scans of whole
	//     tables, which made each save slower as the corpus grew. The read indexes of
	//     migration 000006 do not change that: the save's statements run as generic plans
	//     over arrays (= ANY($1)) whose length the planner cannot know, and it still prices a
	//     scan of a small or freshly grown table below the key lookups, so the override stays.
	//     000010 does not change it either: merge_exercise_reports and the title triggers plan
	//     their statements once per connection, often at the first saves into a nearly empty
	//     database, where a scan is the cheapest plan, and would keep it for every save after;
	//   - plan_cache_mode force_generic_plan: with the scans ruled out, the generic plan of each
	//     statement is the right one, and PostgreSQL otherwise planned some statements afresh
	//     on every save (merge_exercises' UPDATE, the title update), about a tenth of its work;
	//   - synchronous_commit off when the store commits asynchronously.
	b.Queue(`SELECT set_config('enable_seqscan', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true),
		set_config('synchronous_commit', CASE WHEN $1 THEN 'off' ELSE current_setting('synchronous_commit') END, true)`,
		s.asyncCommit)
	// Two lookups rather than one with OR: each is an equality on a unique index, which no
	// cached generic plan turns into a scan of every article.
	collect := func(rows pgx.Rows) error {
		list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[storedArticle])
		stored = append(stored, list...)
		return err
	}
	b.Queue(`SELECT `+storedColumns+` FROM articles WHERE id = $1 FOR UPDATE`, a.ID).Query(collect)
	b.Queue(`SELECT `+storedColumns+` FROM articles WHERE sha256 = $1 AND id <> $2 FOR UPDATE`, a.SHA256, a.ID).Query(collect)
	// The entity look-ups ride in the same round trip: they do not depend on the article, and
	// they are wasted only when another writer stored the same content since the check above.
	look := queueLookups(b, x)
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return facts.SaveResult{}, wrap(err, "lock article %s and look up its entities", a.ID)
	}
	var existing *storedArticle
	for i, st := range stored {
		// Checked again under the lock: another writer may have stored the content since.
		if res, ok := st.unchanged(a); ok {
			return res, nil
		}
		if st.ID == a.ID {
			existing = &stored[i]
		}
	}
	if err := s.failpoint("lock"); err != nil {
		return facts.SaveResult{}, err
	}

	p, err := resolve(a, x, look)
	if err != nil {
		return facts.SaveResult{}, err
	}
	if err := s.failpoint("resolve"); err != nil {
		return facts.SaveResult{}, err
	}

	// Take back what the previous version of the article contributed.
	old := map[string]entityShare{}
	var oldExercises []exerciseReport
	if existing != nil {
		old, oldExercises, err = deleteFacts(ctx, tx, a.ID)
		if err != nil {
			return facts.SaveResult{}, err
		}
	}
	if err := s.failpoint("delete"); err != nil {
		return facts.SaveResult{}, err
	}

	counts, err := writeFacts(ctx, tx, a, p, old, oldExercises, existing != nil)
	if err != nil {
		return facts.SaveResult{}, err
	}
	if err := s.failpoint("write"); err != nil {
		return facts.SaveResult{}, err
	}
	status := facts.Created
	if existing != nil {
		status = facts.Updated
	}
	return facts.SaveResult{ArticleID: a.ID, Status: status, Counts: counts}, nil
}

// deleteFacts removes an article's facts and returns the shares its entities had and its
// reports of exercises.
func deleteFacts(ctx context.Context, tx pgx.Tx, articleID string) (map[string]entityShare, []exerciseReport, error) {
	old := map[string]entityShare{}
	b := &pgx.Batch{}
	b.Queue(`DELETE FROM statements WHERE article_id = $1`, articleID)
	// Mentions go with their article_entities rows (ON DELETE CASCADE).
	b.Queue(`DELETE FROM surname_refs WHERE article_id = $1`, articleID)
	b.Queue(`DELETE FROM article_entities WHERE article_id = $1
		RETURNING entity_id, mention_count, statement_count, title IS NOT NULL OR affiliation_id IS NOT NULL`, articleID).Query(func(rows pgx.Rows) error {
		var id string
		var sh entityShare
		_, err := pgx.ForEachRow(rows, []any{&id, &sh.mentions, &sh.statements, &sh.titled}, func() error {
			sh.articles = 1
			old[id] = sh
			return nil
		})
		return err
	})
	// What each report took part in: the merged exercise takes it back (merge_exercise_reports).
	// The statement-level cascade runs after RETURNING, which still sees the report's details.
	var exercises []exerciseReport
	b.Queue(`DELETE FROM exercise_sources s WHERE article_id = $1
		RETURNING exercise_id, (SELECT count(*) FROM exercise_mentions m WHERE m.exercise_id = s.exercise_id AND m.article_id = s.article_id),
			coalesce((SELECT array_agg(p.entity_id ORDER BY p.entity_id) FROM exercise_participants p
				WHERE p.exercise_id = s.exercise_id AND p.article_id = s.article_id), '{}'),
			coalesce((SELECT array_agg(p.position ORDER BY p.entity_id) FROM exercise_participants p
				WHERE p.exercise_id = s.exercise_id AND p.article_id = s.article_id), '{}'),
			published_at`, articleID).Query(func(rows pgx.Rows) error {
		var err error
		exercises, err = pgx.CollectRows(rows, pgx.RowToStructByPos[exerciseReport])
		return err
	})
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, wrap(err, "delete facts of article %s", articleID)
	}
	return old, exercises, nil
}

// exerciseReport is what an article's previous version said of one exercise, as its merged
// exercise counts it.
type exerciseReport struct {
	ExerciseID   string
	Mentions     int
	Participants []string
	Positions    []int32
	PublishedAt  pgtype.Date
}

// prepared is an extraction after alias resolution, ready to write.
type prepared struct {
	entities   []facts.Entity // by id; remapped entities merged into their targets
	known      map[string]bool
	names      map[entityName]bool // (entity, folded name) pairs stored already
	statements []facts.Statement
	exercises  []facts.Exercise
	shares     map[string]entityShare // this article's share of each entity's counts
	surnames   []surnameRef           // people the article names by one word only
	claims     []string               // folded surnames a person of the article is newly called by
}

// surnameRef is a person an article names by one word only (see shortPerson): the id its
// extraction gave it, and the entity its facts go to.
type surnameRef struct {
	shortID, name, folded, entityID string
}

// stored reports whether the look-ups found entity id already carrying the folded name.
func (p prepared) stored(id, folded string) bool {
	return p.names[entityName{id, folded}]
}

// lookups are what resolve needs to know about the stored entities an extraction names.
type lookups struct {
	known map[string]bool // ids that are stored
	// For each extracted entity whose id is not stored: up to two stored entities of a
	// compatible type that carry its name. Exactly one means the name resolves to it.
	candidates map[string][]string
	// For each folded one-word name of a person of the article: the one stored full-named
	// person that carries it too, if exactly one does (the database's surname_claimant).
	claimants map[string]string
	// Extracted ids merged by hand into another entity (MergeEntities), and that entity.
	merged map[string]string
	// The one-word names full-named people of the article are called by that some stored
	// article names a person by alone (surname_refs), and that fewer than two stored people
	// claim: only a new claim on these can move references.
	referenced map[string]bool
	names      map[entityName]bool // (entity, folded name) pairs stored already
}

// shortPerson reports whether e is a person the article names by one word only ("Ozolkalns"),
// and returns that word folded. Whose surname it is depends on the other articles: it is the
// one full-named person other articles also call by it, when exactly one is (resolve).
func shortPerson(e facts.Entity) (string, bool) {
	if e.Type != facts.Person {
		return "", false
	}
	f := fold(e.Name)
	if f == "" || strings.Contains(f, " ") {
		return "", false
	}
	for _, a := range e.Aliases {
		if fold(a) != f {
			return "", false
		}
	}
	return f, true
}

// surnameClaims returns the folded one-word names that person e, named in full, is called by.
func surnameClaims(e facts.Entity) []string {
	if e.Type != facts.Person || !strings.Contains(fold(e.Name), " ") {
		return nil
	}
	var out []string
	for _, a := range e.Aliases {
		if f := fold(a); f != "" && !strings.Contains(f, " ") && !slices.Contains(out, f) {
			out = append(out, f)
		}
	}
	return out
}

type entityName struct {
	id, folded string
}

// queueLookups queues the queries that fill a lookups for x.
func queueLookups(b *pgx.Batch, x facts.Extraction) *lookups {
	var ids, names, nameIDs, resolveIDs, resolveNames, resolveTypes, shorts, words []string
	for _, e := range x.Entities {
		ids = append(ids, e.ID)
		words = append(words, surnameClaims(e)...)
		if f, ok := shortPerson(e); ok {
			shorts = append(shorts, f)
		} else if f := fold(e.Name); f != "" {
			resolveIDs, resolveNames, resolveTypes = append(resolveIDs, e.ID), append(resolveNames, f), append(resolveTypes, compatible[e.Type])
		}
		// Aliases too: writeFacts skips the (entity, name) pairs found stored.
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if f := fold(n); f != "" {
				nameIDs, names = append(nameIDs, e.ID), append(names, f)
			}
		}
	}
	for _, st := range x.Statements {
		if st.SpeakerID != "" {
			ids = append(ids, st.SpeakerID)
		}
		ids = append(ids, st.EntityIDs...)
	}
	for _, ex := range x.Exercises {
		if ex.HostID != "" {
			ids = append(ids, ex.HostID)
		}
		ids = append(ids, ex.ParticipantIDs...)
	}
	l := &lookups{known: map[string]bool{}, candidates: map[string][]string{},
		claimants: map[string]string{}, merged: map[string]string{}, referenced: map[string]bool{}, names: map[entityName]bool{}}
	// Two saves that introduce the same name at once would each miss the other's entity (a
	// look-up sees only what is committed), and stay apart for good: "Ilgvars Ozolkalns" and
	// "Ozolkalns" saved side by side. So a save locks, until it commits, every name it may add
	// (a name of an entity not stored yet, or a name a stored entity does not carry yet)
	// before it looks any name up; the second of two such saves waits, then finds the first
	// one's entity. Names a stored entity carries already are not locked: they are in almost
	// every article ("China"), and a lock on them would serialize every writer. A person named
	// by one word only locks that word whether stored or not: where its facts go depends on
	// who else is called by it, which a save adding such a name may change (resolve_surnames).
	//
	// Every save first takes the class's key -1 in shared mode, then the names' keys (0 and
	// up) exclusively, all in key order and before any row of a shared entity is locked, so
	// these locks cannot close a cycle. An article naming more than maxNameLocks names (a
	// pathological one) takes key -1 exclusively instead: thousands of advisory locks would
	// fill PostgreSQL's shared lock table.
	b.Queue(`
		SELECT CASE WHEN k = -1 AND NOT $4 THEN pg_advisory_xact_lock_shared($3, k) ELSE pg_advisory_xact_lock($3, k) END
		FROM (
			SELECT -1 AS k
			UNION
			SELECT hashtext(t.folded) & 2147483647 FROM unnest($1::text[], $2::text[]) AS t(id, folded)
			WHERE NOT $4 AND NOT (SELECT EXISTS (SELECT FROM entity_names n WHERE n.entity_id = t.id AND n.folded = t.folded))
			UNION
			SELECT hashtext(f) & 2147483647 FROM unnest($5::text[]) AS f WHERE NOT $4
			ORDER BY k) AS names`,
		nameIDs, names, nameLockClass, len(names) > maxNameLocks, shorts)
	// With the stored ids, in the same statement (each has a fixed cost), the ids merged by hand.
	b.Queue(`SELECT id, '' FROM entities WHERE id = ANY($1)
		UNION ALL SELECT id, target_id FROM entity_redirects WHERE id = ANY($1) AND manual`, ids).Query(func(rows pgx.Rows) error {
		var id, target string
		_, err := pgx.ForEachRow(rows, []any{&id, &target}, func() error {
			if target == "" {
				l.known[id] = true
			} else {
				l.merged[id] = target
			}
			return nil
		})
		return err
	})
	// Subqueries per pair and per name, rather than joins: a join may be planned as a scan of
	// every name, a subquery cannot.
	b.Queue(`
		SELECT t.id, t.folded FROM unnest($1::text[], $2::text[]) AS t(id, folded)
		WHERE (SELECT true FROM entity_names n WHERE n.entity_id = t.id AND n.folded = t.folded)`,
		nameIDs, names).Query(func(rows pgx.Rows) error {
		var n entityName
		_, err := pgx.ForEachRow(rows, []any{&n.id, &n.folded}, func() error { l.names[n] = true; return nil })
		return err
	})
	// Two candidates are enough to know a name is ambiguous. Generic names ("the ministry")
	// are carried by hundreds of entities, and reading them all cost more than any other
	// statement of a save.
	b.Queue(`
		SELECT t.id, t.folded, c.entity_id
		FROM unnest($1::text[], $2::text[], $3::text[]) AS t(id, folded, types)
		CROSS JOIN LATERAL (
			SELECT n.entity_id FROM entity_names n
			WHERE n.folded = t.folded
				AND (SELECT e.type FROM entities e WHERE e.id = n.entity_id) = ANY (string_to_array(t.types, ','))
			LIMIT 2) AS c
		WHERE NOT (SELECT EXISTS (SELECT FROM entities e WHERE e.id = t.id))`,
		resolveIDs, resolveNames, resolveTypes).Query(func(rows pgx.Rows) error {
		var id, folded, target string
		_, err := pgx.ForEachRow(rows, []any{&id, &folded, &target}, func() error {
			l.names[entityName{target, folded}] = true
			l.candidates[id] = append(l.candidates[id], target)
			return nil
		})
		return err
	})
	if len(words) > 0 || len(shorts) > 0 {
		// One statement: which words of full-named people stored articles name a person by
		// alone and at most one stored person claims (a third claimant changes nothing), and
		// who claims each word that one of this article's people is called by alone.
		b.Queue(`
			SELECT f, '' FROM unnest($1::text[]) AS f
			WHERE (SELECT EXISTS (SELECT FROM surname_refs x WHERE x.folded = f))
				AND (SELECT count(*) FROM (SELECT FROM entity_names n WHERE n.folded = f
					AND (SELECT e.type = 'person' AND e.name ~ '\s' FROM entities e WHERE e.id = n.entity_id) LIMIT 2) AS c) < 2
			UNION ALL
			SELECT f, c FROM unnest($2::text[]) AS f, surname_claimant(f) AS c WHERE c IS NOT NULL`,
			words, shorts).Query(func(rows pgx.Rows) error {
			var folded, target string
			_, err := pgx.ForEachRow(rows, []any{&folded, &target}, func() error {
				if target == "" {
					l.referenced[folded] = true
				} else {
					l.claimants[folded] = target
				}
				return nil
			})
			return err
		})
	}
	return l
}

// nameLockClass is the first key of the advisory locks on entity names (queueLookups). Locks
// with two keys never meet single-key ones (golang-migrate takes one); the class keeps them
// apart from other users of two-key locks.
const nameLockClass = 0x6e66 // "nf"

// maxNameLocks is the number of names past which a save locks all names at once.
const maxNameLocks = 256

// resolve maps extracted entities onto stored ones (by id, else by an unambiguous name),
// rewrites every reference accordingly, and checks that each reference names an entity.
func resolve(a facts.Article, x facts.Extraction, look *lookups) (prepared, error) {
	known := look.known
	remap := map[string]string{}
	shortOf := map[string]string{} // short person's id → its folded name
	// An id merged by hand is the entity it was merged into, before any other rule.
	for id, t := range look.merged {
		remap[id], known[t] = t, true // the redirect's key makes sure t is stored
	}
	for _, e := range x.Entities {
		if _, ok := remap[e.ID]; ok {
			continue
		}
		if f, ok := shortPerson(e); ok {
			shortOf[e.ID] = f
			continue
		}
		if known[e.ID] {
			continue
		}
		if c := look.candidates[e.ID]; len(c) == 1 {
			remap[e.ID] = c[0]
		}
	}
	// A one-word name is the person who claims it, unless the article names that person
	// itself, as someone else: then the word is someone else too. "Names" is any reference,
	// as resolve_surnames sees it: a share of the article.
	named := map[string]bool{}
	name := func(id string) {
		if _, ok := shortOf[id]; ok || id == "" {
			return
		}
		named[id] = true
		if t, ok := remap[id]; ok {
			named[t] = true
		}
	}
	for _, e := range x.Entities {
		name(e.ID)
	}
	for _, st := range x.Statements {
		name(st.SpeakerID)
		for _, id := range st.EntityIDs {
			name(id)
		}
	}
	for _, ex := range x.Exercises {
		name(ex.HostID)
		for _, id := range ex.ParticipantIDs {
			name(id)
		}
	}
	var surnames []surnameRef
	for _, e := range x.Entities {
		f, ok := shortOf[e.ID]
		if !ok {
			continue
		}
		target := e.ID
		if c := look.claimants[f]; c != "" && !named[c] && c != e.ID {
			remap[e.ID], target = c, c
		}
		surnames = append(surnames, surnameRef{shortID: e.ID, name: e.Name, folded: f, entityID: target})
	}
	to := func(id string) string {
		if t, ok := remap[id]; ok {
			return t
		}
		return id
	}

	merged := map[string]*facts.Entity{}
	for _, e := range x.Entities {
		id := to(e.ID)
		m := merged[id]
		if m == nil {
			m = &facts.Entity{ID: id, Name: e.Name, Type: e.Type}
			merged[id] = m
		}
		if id != e.ID || m.Name != e.Name {
			m.Aliases = append(m.Aliases, e.Name)
		}
		m.Aliases = append(m.Aliases, e.Aliases...)
		m.Mentions = append(m.Mentions, e.Mentions...)
		if e.Title != "" {
			m.Title = e.Title
		}
		if e.AffiliationID != "" {
			m.AffiliationID = to(e.AffiliationID)
		}
	}
	p := prepared{known: known, names: look.names, surnames: surnames, shares: map[string]entityShare{}}
	exists := func(id string) bool { return merged[id] != nil || known[id] }
	for _, id := range slices.Sorted(maps.Keys(merged)) {
		e := merged[id]
		if e.AffiliationID == e.ID || (e.AffiliationID != "" && !exists(e.AffiliationID)) {
			// A title's country that the article never names is not worth failing over.
			e.AffiliationID = ""
		}
		e.Mentions = uniqueSpans(e.Mentions)
		p.entities = append(p.entities, *e)
		sh := p.shares[id]
		sh.mentions, sh.articles = len(e.Mentions), 1
		p.shares[id] = sh
	}
	for _, e := range x.Entities {
		for _, f := range surnameClaims(e) {
			// A word newly claimed moves references only if some are stored. A reference saved
			// concurrently cannot slip by: it locks the word, as this save does (queueLookups).
			if look.referenced[f] && !look.names[entityName{e.ID, f}] && !slices.Contains(p.claims, f) {
				p.claims = append(p.claims, f)
			}
		}
	}
	slices.Sort(p.claims)
	ref := func(what, id string) (string, error) {
		id = to(id)
		if !exists(id) {
			return "", facts.Errorf(facts.EINVALID, "article %s: %s names entity %q, which is neither among its entities nor stored", a.ID, what, id)
		}
		if _, ok := p.shares[id]; !ok {
			p.shares[id] = entityShare{articles: 1}
		}
		return id, nil
	}
	var err error
	for _, st := range x.Statements {
		if st.SpeakerID != "" {
			if st.SpeakerID, err = ref("statement "+st.ID+"'s speaker", st.SpeakerID); err != nil {
				return prepared{}, err
			}
			sh := p.shares[st.SpeakerID]
			sh.statements++
			p.shares[st.SpeakerID] = sh
		}
		var eids []string
		for _, id := range st.EntityIDs {
			id, err := ref("statement "+st.ID, id)
			if err != nil {
				return prepared{}, err
			}
			if !slices.Contains(eids, id) {
				eids = append(eids, id)
			}
		}
		st.EntityIDs = eids
		p.statements = append(p.statements, st)
	}
	exByID := map[string]int{}
	for _, ex := range x.Exercises {
		if ex.HostID != "" {
			if ex.HostID, err = ref("exercise "+ex.ID+"'s host", ex.HostID); err != nil {
				return prepared{}, err
			}
		}
		var parts []string
		for _, id := range ex.ParticipantIDs {
			id, err := ref("exercise "+ex.ID+"'s participants", id)
			if err != nil {
				return prepared{}, err
			}
			if !slices.Contains(parts, id) {
				parts = append(parts, id)
			}
		}
		ex.ParticipantIDs = parts
		ex.Mentions = uniqueSpans(ex.Mentions)
		if i, ok := exByID[ex.ID]; ok {
			return prepared{}, facts.Errorf(facts.EINVALID, "article %s: exercise %s appears twice (as %q and %q)", a.ID, ex.ID, p.exercises[i].Name, ex.Name)
		}
		exByID[ex.ID] = len(p.exercises)
		p.exercises = append(p.exercises, ex)
	}
	return p, nil
}

// uniqueSpans returns spans without repeats, in body order.
func uniqueSpans(spans []facts.Span) []facts.Span {
	out := slices.Clone(spans)
	slices.SortFunc(out, func(a, b facts.Span) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return slices.CompactFunc(out, func(a, b facts.Span) bool { return a.Start == b.Start && a.End == b.End })
}

func pgDate(d *facts.Date) pgtype.Date {
	if d == nil {
		return pgtype.Date{}
	}
	return pgtype.Date{Time: d.Time(), Valid: true}
}

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
