package postgres_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// seaBreeze is one article's report of the exercise sea-breeze: its participants (countries named
// by id, in the report's order), host, period and aliases. version changes the body, so that
// saving the same url again replaces the article's facts.
type seaBreeze struct {
	url, published, version string
	participants            []string
	host                    string
	period                  *facts.Period
	aliases                 []string
	noExercise              bool
}

func (r seaBreeze) article(tb testing.TB) (facts.Article, facts.Extraction) {
	tb.Helper()
	names := []string{}
	for _, id := range r.participants {
		names = append(names, strings.ToUpper(id[:1])+id[1:])
	}
	if r.host != "" {
		names = append(names, strings.ToUpper(r.host[:1])+r.host[1:])
	}
	body := "Sea Breeze 2024 drew ships from " + strings.Join(names, ", ") + ". " + strings.Join(r.aliases, " and ") + " " + r.version + "."
	a := mustArticle(tb, r.url, "Sea Breeze", r.published, body)
	x := facts.Extraction{Article: facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body}}
	seen := map[string]bool{}
	for _, id := range append(append([]string{}, r.participants...), r.host) {
		if id == "" || seen[id] {
			continue
		}
		seen[id] = true
		name := strings.ToUpper(id[:1]) + id[1:]
		x.Entities = append(x.Entities, facts.Entity{ID: id, Name: name, Type: facts.Country, Mentions: []facts.Span{mustSpan(tb, body, name, 1)}})
	}
	if r.noExercise {
		return a, x
	}
	ex := facts.Exercise{ID: "sea-breeze-2024", Name: "Sea Breeze 2024", Aliases: r.aliases, HostID: r.host,
		ParticipantIDs: r.participants, Period: r.period, Mentions: []facts.Span{mustSpan(tb, body, "Sea Breeze 2024", 1)}}
	for _, alias := range r.aliases {
		ex.Mentions = append(ex.Mentions, mustSpan(tb, body, alias, 1))
	}
	x.Exercises = []facts.Exercise{ex}
	return a, x
}

func TestSaveArticleExercisesByIncrements(t *testing.T) {
	tx := pgtest.Tx(t)
	s := postgres.New(tx)
	save := func(r seaBreeze) {
		t.Helper()
		a, x := r.article(t)
		mustSave(t, s, a, x)
		mustCountsConsistent(t, tx)
	}
	exercise := func() facts.StoredExercise {
		t.Helper()
		x, err := s.Exercise(ctx, "sea-breeze-2024")
		require.NoError(t, err)
		return x
	}
	memberOf := func(entity string) []string {
		t.Helper()
		list, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: entity})
		require.NoError(t, err)
		var ids []string
		for _, x := range list {
			ids = append(ids, x.ID)
		}
		return ids
	}
	spring := &facts.Period{Text: "in March", Start: *mustDate(t, "2024-03-18"), End: *mustDate(t, "2024-03-29")}
	summer := &facts.Period{Text: "in June", Start: *mustDate(t, "2024-06-03"), End: *mustDate(t, "2024-06-14")}
	r1 := seaBreeze{url: "https://example.com/sb1", published: "2024-03-10", participants: []string{"france", "germany", "italy"},
		host: "france", period: spring, aliases: []string{"Sea Breeze-24"}}
	r2 := seaBreeze{url: "https://example.com/sb2", published: "2024-03-05", participants: []string{"germany", "spain"}}
	r3 := seaBreeze{url: "https://example.com/sb3", participants: []string{"poland"}, period: summer, aliases: []string{"SB24"}}

	save(r1)
	save(r2)
	save(r3)
	x := exercise()
	assert.Equal(t, []string{"germany", "spain", "france", "italy", "poland"}, x.ParticipantIDs, "in order of first report: r2, r1, r3 (no date)")
	assert.Equal(t, 3, x.ArticleCount)
	assert.Equal(t, 5, x.MentionCount)
	assert.Equal(t, []string{"SB24", "Sea Breeze-24"}, x.Aliases)
	assert.Equal(t, "france", x.HostID)
	require.NotNil(t, x.Period)
	assert.Equal(t, "in March", x.Period.Text)
	assert.Equal(t, []string{"sea-breeze-2024"}, memberOf("spain"))

	// r2 again, later and with other participants: spain leaves, germany's first report is r1's.
	r2.version, r2.published, r2.participants = "v2", "2024-03-20", []string{"italy", "poland"}
	save(r2)
	x = exercise()
	assert.Equal(t, []string{"france", "germany", "italy", "poland"}, x.ParticipantIDs)
	assert.Empty(t, memberOf("spain"))
	assert.Equal(t, 3, x.ArticleCount)

	// r3 again, now the earliest, with the period: the list key of every membership follows.
	r3.version, r3.published, r3.period = "v2", "2024-01-02", summer
	save(r3)
	x = exercise()
	assert.Equal(t, []string{"poland", "france", "germany", "italy"}, x.ParticipantIDs)
	require.NotNil(t, x.Period)
	assert.Equal(t, "in June", x.Period.Text)
	list, _, err := s.Exercises(ctx, facts.ExerciseFilter{ParticipantID: "germany", Year: 2024})
	require.NoError(t, err)
	assert.Len(t, list, 1)

	// r1 without the exercise: its participants and host go, the rest stays.
	r1.version, r1.noExercise = "v2", true
	save(r1)
	x = exercise()
	assert.Equal(t, []string{"poland", "italy"}, x.ParticipantIDs)
	assert.Equal(t, 2, x.ArticleCount)
	assert.Empty(t, x.HostID)
	assert.Equal(t, []string{"SB24"}, x.Aliases)
	assert.Empty(t, memberOf("germany"))

	// A merge moves poland's memberships to italy (merge_exercises recomputes the exercise).
	require.NoError(t, s.MergeEntities(ctx, "poland", "italy"))
	mustCountsConsistent(t, tx)
	x = exercise()
	assert.Equal(t, []string{"italy"}, x.ParticipantIDs)
	assert.Equal(t, 1, x.ParticipantCount)
	assert.Equal(t, []string{"sea-breeze-2024"}, memberOf("italy"))

	// Without any report the exercise and its memberships go.
	r2.version, r2.noExercise = "v3", true
	r3.version, r3.noExercise = "v3", true
	save(r2)
	save(r3)
	_, err = s.Exercise(ctx, "sea-breeze-2024")
	assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	assert.Empty(t, memberOf("italy"))
}

func TestSaveArticleTitlesByIncrements(t *testing.T) {
	tx := pgtest.Tx(t)
	s := postgres.New(tx)
	const body = "Defence Minister Ilgvars Ozolkalns of Latvia spoke."
	titled := func(url, version, title, affiliation string) {
		t.Helper()
		b := body + " " + url + " " + version
		a := mustArticle(t, url, "Ozolkalns", "2024-01-01", b)
		x := facts.Extraction{Article: facts.ExtractedArticle{Title: a.Title, PublishedAt: a.PublishedAt, SHA256: a.SHA256, Body: a.Body},
			Entities: []facts.Entity{
				{ID: "ilgvars-ozolkalns", Name: "Ilgvars Ozolkalns", Type: facts.Person, Title: title, AffiliationID: affiliation,
					Mentions: []facts.Span{mustSpan(t, b, "Ilgvars Ozolkalns", 1)}},
				{ID: "latvia", Name: "Latvia", Type: facts.Country, Mentions: []facts.Span{mustSpan(t, b, "Latvia", 1)}},
			}}
		mustSave(t, s, a, x)
		mustCountsConsistent(t, tx)
	}
	title := func() string {
		t.Helper()
		var got string
		require.NoError(t, tx.QueryRow(ctx, `SELECT coalesce(title, '') || '/' || coalesce(affiliation_id, '') FROM entities WHERE id = 'ilgvars-ozolkalns'`).Scan(&got))
		return got
	}
	titled("https://example.com/t1", "", "Defence Minister", "latvia")
	titled("https://example.com/t2", "", "Foreign Minister", "latvia")
	assert.Equal(t, "Defence Minister/latvia", title(), "a tie goes to the first title in byte order")
	titled("https://example.com/t3", "", "Foreign Minister", "latvia")
	assert.Equal(t, "Foreign Minister/latvia", title())
	titled("https://example.com/t3", "v2", "", "")
	assert.Equal(t, "Defence Minister/latvia", title(), "re-extracted without a title: a tie again")
	titled("https://example.com/t2", "v2", "Defence Minister", "")
	assert.Equal(t, "Defence Minister/latvia", title(), "a pair with both wins a tie")
	_, err := tx.Exec(ctx, `DELETE FROM articles WHERE id = $1`, mustArticle(t, "https://example.com/t1", "", "", "any body").ID)
	require.NoError(t, err)
	var n int
	require.NoError(t, tx.QueryRow(ctx, `SELECT count(*) FROM entity_titles WHERE entity_id = 'ilgvars-ozolkalns' AND affiliation_id = 'latvia'`).Scan(&n))
	assert.Zero(t, n, "a deleted article's pair is taken back")
}

// A new article's report moves each field of the merged exercise only where it comes before the
// report the field came from (000016 keeps those reports' keys); every save is checked against
// merge_exercises' recompute, also past 20 aliases, where the kept list is no longer complete.
func TestSaveArticleNewReportsMoveFields(t *testing.T) {
	tx := pgtest.Tx(t)
	s := postgres.New(tx)
	save := func(r seaBreeze) facts.StoredExercise {
		t.Helper()
		a, x := r.article(t)
		mustSave(t, s, a, x)
		mustCountsConsistent(t, tx)
		stored, err := s.Exercise(ctx, "sea-breeze-2024")
		require.NoError(t, err)
		return stored
	}
	spring := &facts.Period{Text: "in March", Start: *mustDate(t, "2024-03-18"), End: *mustDate(t, "2024-03-29")}
	summer := &facts.Period{Text: "in June", Start: *mustDate(t, "2024-06-03"), End: *mustDate(t, "2024-06-14")}

	x := save(seaBreeze{url: "https://example.com/n1", published: "2024-03-10", participants: []string{"france"},
		host: "france", period: spring, aliases: []string{"SB-24"}})
	assert.Equal(t, "france", x.HostID)
	x = save(seaBreeze{url: "https://example.com/n2", published: "2024-04-01", participants: []string{"germany"}, host: "germany", period: summer})
	assert.Equal(t, "france", x.HostID, "a later report's host does not replace the first one's")
	assert.Equal(t, "in March", x.Period.Text)
	x = save(seaBreeze{url: "https://example.com/n3", published: "2024-03-01", participants: []string{"italy"}})
	assert.Equal(t, "france", x.HostID, "the first report of all has no host: the host stays")
	assert.Equal(t, []string{"italy", "france", "germany"}, x.ParticipantIDs)
	x = save(seaBreeze{url: "https://example.com/n4", published: "2024-03-05", participants: []string{"spain"}, host: "spain", period: summer})
	assert.Equal(t, "spain", x.HostID, "not the first report, but before the one the host came from")
	assert.Equal(t, "in June", x.Period.Text)
	x = save(seaBreeze{url: "https://example.com/n5", participants: []string{"poland"}, host: "poland"})
	assert.Equal(t, "spain", x.HostID, "a report without a date comes last")

	var many []string
	for i := range 22 {
		many = append(many, fmt.Sprintf("SB alias %02d", i))
	}
	x = save(seaBreeze{url: "https://example.com/n6", published: "2024-05-01", aliases: many})
	assert.Len(t, x.Aliases, 20)
	x = save(seaBreeze{url: "https://example.com/n7", published: "2024-05-02", aliases: []string{"SB alias 21"}})
	assert.Equal(t, 23, x.AliasCount, "a name past the first 20 that a report gave already")
	x = save(seaBreeze{url: "https://example.com/n8", published: "2024-05-03", aliases: []string{"SB alias 99"}})
	assert.Equal(t, 24, x.AliasCount)
	assert.Equal(t, 8, x.ArticleCount)
}
