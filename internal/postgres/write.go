package postgres

import (
	"context"
	"maps"
	"slices"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// writeFacts writes the article row and all of p in one batch: a single round trip, however
// many facts the article holds. old holds the shares the article's previous version had (already
// deleted); each entity's counts move by the difference.
func writeFacts(ctx context.Context, tx pgx.Tx, a facts.Article, p prepared, old map[string]entityShare, oldExercises []exerciseReport, update bool) (facts.Counts, error) {
	body := []rune(a.Body)
	counts := facts.Counts{Entities: len(p.shares), Statements: len(p.statements), Exercises: len(p.exercises)}
	for _, e := range p.entities {
		counts.Mentions += len(e.Mentions)
	}
	b := &pgx.Batch{}

	// The article row first: everything below references it.
	if update {
		b.Queue(`
			UPDATE articles SET url = $2, sha256 = $3, title = $4, source = $5, published_at = $6, body = $7,
				extractor_version = $8, entity_count = $9, mention_count = $10, statement_count = $11,
				exercise_count = $12, updated_at = greatest(now(), ingested_at)
			WHERE id = $1`,
			a.ID, nullable(a.URL), a.SHA256, a.Title, nullable(a.Source), pgDate(a.PublishedAt), a.Body,
			a.ExtractorVersion, counts.Entities, counts.Mentions, counts.Statements, counts.Exercises)
	} else {
		b.Queue(`
			INSERT INTO articles (id, url, sha256, title, source, published_at, body, extractor_version,
				entity_count, mention_count, statement_count, exercise_count)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			a.ID, nullable(a.URL), a.SHA256, a.Title, nullable(a.Source), pgDate(a.PublishedAt), a.Body,
			a.ExtractorVersion, counts.Entities, counts.Mentions, counts.Statements, counts.Exercises)
	}

	// Entities: insert the new ones. A stored entity's type and name never change (a person
	// stored by surname alone is merged into the full name instead: resolve_surnames). Its row
	// is not locked here: popular entities (a country in every article) are shared by all
	// writers, so their rows are locked only by the count update at the very end.
	var (
		ids, names, types, titles, affs []string
		nIDs, nNames, nFolded           []string
	)
	// Only what the look-ups did not find is sent: most of an article's entities and names are
	// stored already, and each statement or row skipped is work PostgreSQL does not do.
	// ON CONFLICT still covers a concurrent writer that stored the same ones first.
	for _, e := range p.entities {
		if !p.known[e.ID] {
			ids, names, types = append(ids, e.ID), append(names, e.Name), append(types, string(e.Type))
			titles, affs = append(titles, e.Title), append(affs, e.AffiliationID)
		}
		for _, n := range append([]string{e.Name}, e.Aliases...) {
			if f := fold(n); f != "" && !p.stored(e.ID, f) {
				nIDs, nNames, nFolded = append(nIDs, e.ID), append(nNames, n), append(nFolded, f)
			}
		}
	}
	if len(ids) > 0 {
		b.Queue(`
			INSERT INTO entities (id, name, type, title, affiliation_id)
			SELECT id, name, type, nullif(title, ''), nullif(aff, '')
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS t(id, name, type, title, aff)
			ORDER BY id
			ON CONFLICT (id) DO NOTHING`,
			ids, names, types, titles, affs)
	}

	// The article's share of each entity, then its mentions.
	titled := map[string]facts.Entity{}
	for _, e := range p.entities {
		if e.Title != "" || e.AffiliationID != "" {
			titled[e.ID] = e
		}
	}
	var aeIDs, aeTitles, aeAffs []string
	var aeM, aeS []int32
	for _, id := range slices.Sorted(maps.Keys(p.shares)) {
		aeIDs = append(aeIDs, id)
		aeM, aeS = append(aeM, int32(p.shares[id].mentions)), append(aeS, int32(p.shares[id].statements))
		aeTitles, aeAffs = append(aeTitles, titled[id].Title), append(aeAffs, titled[id].AffiliationID)
	}
	var mIDs, mTexts, mSnippets []string
	var mStarts, mEnds []int32
	for _, e := range p.entities {
		for _, m := range e.Mentions {
			mIDs, mStarts, mEnds = append(mIDs, e.ID), append(mStarts, int32(m.Start)), append(mEnds, int32(m.End))
			// The body is the source of truth for the text a span covers.
			mTexts, mSnippets = append(mTexts, string(body[m.Start:m.End])), append(mSnippets, snippet(body, m.Start, m.End))
		}
	}
	// Related inserts share a statement (data-modifying WITH clauses): each statement has a
	// fixed cost in PostgreSQL, whatever its row count. Foreign keys are checked at the end of
	// the statement, once every clause has run.
	b.Queue(`
		WITH shares AS (
			INSERT INTO article_entities (article_id, entity_id, mention_count, statement_count, title, affiliation_id, published_at)
			SELECT $1, id, m, s, nullif(title, ''), nullif(aff, ''), $5
			FROM unnest($2::text[], $3::int[], $4::int[], $11::text[], $12::text[]) AS t(id, m, s, title, aff))
		INSERT INTO mentions (article_id, published_at, entity_id, start_pos, end_pos, text, snippet)
		SELECT $1, $5, * FROM unnest($6::text[], $7::int[], $8::int[], $9::text[], $10::text[])`,
		a.ID, aeIDs, aeM, aeS, pgDate(a.PublishedAt), mIDs, mStarts, mEnds, mTexts, mSnippets, aeTitles, aeAffs)
	if len(p.surnames) > 0 {
		var shortIDs, shortNames, shortFolded, shortTargets []string
		for _, r := range p.surnames {
			shortIDs, shortNames = append(shortIDs, r.shortID), append(shortNames, r.name)
			shortFolded, shortTargets = append(shortFolded, r.folded), append(shortTargets, r.entityID)
		}
		b.Queue(`
			INSERT INTO surname_refs (article_id, short_id, name, folded, entity_id)
			SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[])
			ON CONFLICT DO NOTHING`,
			a.ID, shortIDs, shortNames, shortFolded, shortTargets)
	}

	// Statements and the entities they mention.
	var sIDs, sLocal, sSpeakers, sSpeakerTexts, sKinds, sTexts, sVerbs []string
	var sStarts, sEnds []int32
	var sDates []pgtype.Date
	var seStmt, seEntity []string
	for _, st := range p.statements {
		id := a.ID + "-" + st.ID
		sIDs, sLocal, sSpeakers = append(sIDs, id), append(sLocal, st.ID), append(sSpeakers, st.SpeakerID)
		sSpeakerTexts, sKinds, sTexts = append(sSpeakerTexts, st.SpeakerText), append(sKinds, string(st.Kind)), append(sTexts, st.Text)
		sVerbs, sStarts, sEnds = append(sVerbs, st.Verb), append(sStarts, int32(st.Start)), append(sEnds, int32(st.End))
		sDates = append(sDates, pgDate(st.SaidOn))
		for _, eid := range st.EntityIDs {
			seStmt, seEntity = append(seStmt, id), append(seEntity, eid)
		}
	}
	b.Queue(`
		WITH said AS (
			INSERT INTO statements (id, article_id, local_id, speaker_id, speaker_text, kind, text, start_pos, end_pos, verb, said_on)
			SELECT id, $1, local_id, nullif(speaker, ''), speaker_text, kind, text, start_pos, end_pos, verb, said_on
			FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::int[], $9::int[], $10::text[], $11::date[])
				AS t(id, local_id, speaker, speaker_text, kind, text, start_pos, end_pos, verb, said_on))
		INSERT INTO statement_entities (statement_id, entity_id) SELECT * FROM unnest($12::text[], $13::text[])`,
		a.ID, sIDs, sLocal, sSpeakers, sSpeakerTexts, sKinds, sTexts, sStarts, sEnds, sVerbs, sDates, seStmt, seEntity)

	queueExercises(b, a, body, p, oldExercises)

	// Last, so that the rows every writer shares stay locked for the shortest time: from here
	// to commit. Locked in id order first, so that two writers never wait on each other in a
	// cycle; then the counts move by the difference between this version's shares and the last.
	// An entity given a title or affiliation by this version or the last gets the pair most of
	// its articles give, recomputed in the same row version: the statement after the lock sees
	// every share committed before it, and a writer that committed a share after it recomputes
	// in turn, so the last to commit leaves the pair right whatever the order.
	var uIDs []string
	var um, us, ua []int32
	var uRetitle []bool
	for _, id := range slices.Sorted(maps.Keys(union(p.shares, old))) {
		d := delta(p.shares[id], old[id])
		_, retitle := titled[id]
		retitle = retitle || old[id].titled
		if d == (entityShare{}) && !retitle {
			continue
		}
		uIDs, uRetitle = append(uIDs, id), append(uRetitle, retitle)
		um, us, ua = append(um, int32(d.mentions)), append(us, int32(d.statements)), append(ua, int32(d.articles))
	}
	// New names go in under the same lock: their trigger (000013) updates the entity's row,
	// which before the ordered lock would hold some of a writer's entities early and out of
	// order, and two writers could wait on each other.
	if locked := slices.Compact(slices.Sorted(slices.Values(append(slices.Clip(uIDs), nIDs...)))); len(locked) > 0 {
		b.Queue(`SELECT FROM entities WHERE id = ANY($1) ORDER BY id FOR NO KEY UPDATE`, locked)
	}
	if len(nIDs) > 0 {
		b.Queue(`
			INSERT INTO entity_names (entity_id, name, folded)
			SELECT * FROM unnest($1::text[], $2::text[], $3::text[])
			ON CONFLICT DO NOTHING`,
			nIDs, nNames, nFolded)
	}
	if len(uIDs) > 0 {
		b.Queue(`
			UPDATE entities AS e SET mention_count = e.mention_count + t.dm, statement_count = e.statement_count + t.ds,
				article_count = e.article_count + t.da,
				title = CASE WHEN t.retitle THEN tt.title ELSE e.title END,
				affiliation_id = CASE WHEN NOT t.retitle THEN e.affiliation_id WHEN tt.affiliation_id <> e.id THEN tt.affiliation_id END,
				updated_at = now()
			FROM unnest($1::text[], $2::int[], $3::int[], $4::int[], $5::bool[]) AS t(id, dm, ds, da, retitle)
				-- The NULL key makes the look-up of an entity not retitled find nothing at once: a
				-- WHERE t.retitle here became a filter after the join, which aggregated the shares
				-- of every country in the article (thousands of rows each) on every save.
				LEFT JOIN LATERAL entity_title(CASE WHEN t.retitle THEN t.id END) AS tt ON true
			WHERE e.id = t.id`,
			uIDs, um, us, ua, uRetitle)
	}
	if len(p.claims) > 0 {
		// Who is called by these words changed: the stored references to them move.
		b.Queue(`SELECT resolve_surnames($1)`, p.claims)
	}

	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return facts.Counts{}, wrap(err, "write facts of article %s", a.ID)
	}
	return counts, nil
}

// queueExercises writes the article's contribution to each exercise it reports and moves the
// merged exercises it touches, now or before (oldExercises), by the difference. body is a.Body
// as code points.
func queueExercises(b *pgx.Batch, a facts.Article, body []rune, p prepared, oldExercises []exerciseReport) {
	var exIDs, exNames []string
	var addedReports, addedMentions []int32
	for _, ex := range p.exercises {
		exIDs, exNames = append(exIDs, ex.ID), append(exNames, ex.Name)
		addedReports, addedMentions = append(addedReports, 1), append(addedMentions, int32(len(ex.Mentions)))
	}
	var goneEx, goneEntities []string
	var gonePositions []int32
	var gonePublished []pgtype.Date
	for _, r := range oldExercises {
		i := slices.Index(exIDs, r.ExerciseID)
		if i < 0 {
			// Its merged row exists; the name is a placeholder the merge below replaces.
			i = len(exIDs)
			exIDs, exNames = append(exIDs, r.ExerciseID), append(exNames, r.ExerciseID)
			addedReports, addedMentions = append(addedReports, 0), append(addedMentions, 0)
		}
		addedReports[i]--
		addedMentions[i] -= int32(r.Mentions)
		for j, id := range r.Participants {
			goneEx, goneEntities = append(goneEx, r.ExerciseID), append(goneEntities, id)
			gonePositions, gonePublished = append(gonePositions, r.Positions[j]), append(gonePublished, r.PublishedAt)
		}
	}
	if len(exIDs) == 0 {
		return
	}
	var sIDs, sNames, sHosts, sPurposes, sPeriodTexts []string
	var sStarts, sEnds []pgtype.Date
	var alEx, alName, alFolded []string
	var paEx, paEntity []string
	var paPos []int32
	var meEx, meText []string
	var meStart, meEnd []int32
	for _, ex := range p.exercises {
		sIDs, sNames = append(sIDs, ex.ID), append(sNames, ex.Name)
		sHosts, sPurposes = append(sHosts, ex.HostID), append(sPurposes, ex.Purpose)
		if ex.Period != nil {
			sPeriodTexts = append(sPeriodTexts, ex.Period.Text)
			sStarts = append(sStarts, pgDate(&ex.Period.Start))
			sEnds = append(sEnds, pgDate(&ex.Period.End))
		} else {
			sPeriodTexts, sStarts, sEnds = append(sPeriodTexts, ""), append(sStarts, pgtype.Date{}), append(sEnds, pgtype.Date{})
		}
		var seen []string
		for _, n := range append([]string{ex.Name}, ex.Aliases...) {
			if f := fold(n); f != "" && !slices.Contains(seen, n) {
				seen = append(seen, n)
				alEx, alName, alFolded = append(alEx, ex.ID), append(alName, n), append(alFolded, f)
			}
		}
		for i, id := range ex.ParticipantIDs {
			paEx, paEntity, paPos = append(paEx, ex.ID), append(paEntity, id), append(paPos, int32(i))
		}
		for _, m := range ex.Mentions {
			meEx, meStart, meEnd = append(meEx, ex.ID), append(meStart, int32(m.Start)), append(meEnd, int32(m.End))
			meText = append(meText, string(body[m.Start:m.End]))
		}
	}
	// One statement, as for the other facts; every clause's rows reference the exercise row
	// or the source row inserted before it, checked at the end of the statement.
	b.Queue(`
		WITH merged AS (
			INSERT INTO exercises (id, name) SELECT * FROM unnest($1::text[], $2::text[]) AS t(id, name) ORDER BY id
			ON CONFLICT (id) DO NOTHING),
		sources AS (
			INSERT INTO exercise_sources (exercise_id, article_id, published_at, name, host_id, purpose, period_text, period_start, period_end)
			SELECT id, $3, $4, name, nullif(host, ''), nullif(purpose, ''), CASE WHEN ps IS NOT NULL THEN pt END, ps, pe
			FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::date[], $11::date[])
				AS t(id, name, host, purpose, pt, ps, pe)),
		aliases AS (
			INSERT INTO exercise_aliases (exercise_id, article_id, alias, folded)
			SELECT t.id, $3, t.alias, t.folded FROM unnest($12::text[], $13::text[], $14::text[]) AS t(id, alias, folded)),
		participants AS (
			INSERT INTO exercise_participants (exercise_id, article_id, entity_id, position)
			SELECT t.id, $3, t.entity_id, t.pos FROM unnest($15::text[], $16::text[], $17::int[]) AS t(id, entity_id, pos))
		INSERT INTO exercise_mentions (exercise_id, article_id, start_pos, end_pos, text)
		SELECT t.id, $3, t.s, t.e, t.text FROM unnest($18::text[], $19::int[], $20::int[], $21::text[]) AS t(id, s, e, text)`,
		exIDs, exNames,
		a.ID, pgDate(a.PublishedAt), sIDs, sNames, sHosts, sPurposes, sPeriodTexts, sStarts, sEnds,
		alEx, alName, alFolded,
		paEx, paEntity, paPos,
		meEx, meStart, meEnd, meText)

	// Last of the article's writes: shared exercise rows stay locked from here to commit only.
	b.Queue(`SELECT merge_exercise_reports($1, $2, $3, $4, $5, $6, $7, $8)`,
		a.ID, exIDs, addedReports, addedMentions, goneEx, goneEntities, gonePositions, gonePublished)
}

func delta(now, before entityShare) entityShare {
	return entityShare{mentions: now.mentions - before.mentions, statements: now.statements - before.statements, articles: now.articles - before.articles}
}

func union(a, b map[string]entityShare) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}
