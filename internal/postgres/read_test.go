package postgres_test

import (
	"errors"
	"fmt"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

// mustSeeded returns a store inside a rolled-back transaction holding fixtures A and B.
func mustSeeded(t *testing.T) (*postgres.Store, facts.Article, facts.Article) {
	t.Helper()
	s := postgres.New(pgtest.Tx(t))
	a, x := fixtureA(t)
	mustSave(t, s, a, x)
	b, y := fixtureB(t)
	mustSave(t, s, b, y)
	return s, a, b
}

// walk pages through a list with the given limit and returns every id, failing on a repeat.
func walk[T any](t *testing.T, limit int, id func(T) string, list func(facts.Page) ([]T, string, error)) []string {
	t.Helper()
	var ids []string
	seen := map[string]bool{}
	cursor := ""
	for pages := 0; ; pages++ {
		require.Less(t, pages, 1000, "the walk does not end")
		items, next, err := list(facts.Page{Limit: limit, Cursor: cursor})
		require.NoError(t, err)
		require.LessOrEqual(t, len(items), limit)
		for _, it := range items {
			require.False(t, seen[id(it)], "%s repeated", id(it))
			seen[id(it)] = true
			ids = append(ids, id(it))
		}
		if next == "" {
			return ids
		}
		require.Len(t, items, limit, "a page before the last is full")
		cursor = next
	}
}

func TestArticles(t *testing.T) {
	s, a, b := mustSeeded(t)
	t.Run("OK", func(t *testing.T) {
		list, next, err := s.Articles(ctx, facts.ArticleFilter{})
		require.NoError(t, err)
		assert.Empty(t, next)
		require.Len(t, list, 2)
		assert.Equal(t, b.ID, list[0].ID, "newest first")
		assert.Empty(t, list[0].Body, "lists leave bodies out")
		assert.Equal(t, 1, list[0].StatementCount)
	})
	t.Run("Query", func(t *testing.T) {
		list, _, err := s.Articles(ctx, facts.ArticleFilter{Query: "troops"})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, a.ID, list[0].ID)
		list, _, err = s.Articles(ctx, facts.ArticleFilter{Query: "drill"}) // stemmed: A's body, B's title
		require.NoError(t, err)
		assert.Len(t, list, 2)
		list, _, err = s.Articles(ctx, facts.ArticleFilter{Query: "troops -Belarus"})
		require.NoError(t, err)
		assert.Empty(t, list, "web search syntax")
	})
	t.Run("DateBounds", func(t *testing.T) {
		list, _, err := s.Articles(ctx, facts.ArticleFilter{PublishedAfter: mustDate(t, "2022-08-18")})
		require.NoError(t, err)
		require.Len(t, list, 1)
		assert.Equal(t, b.ID, list[0].ID)
		list, _, err = s.Articles(ctx, facts.ArticleFilter{PublishedBefore: mustDate(t, "2022-08-17")})
		require.NoError(t, err)
		require.Len(t, list, 1, "bounds are inclusive")
		assert.Equal(t, a.ID, list[0].ID)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := s.Article(ctx, "0000000000000000")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		_, err = s.ArticleFacts(ctx, "0000000000000000")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})
	t.Run("BadCursor", func(t *testing.T) {
		for _, c := range []string{"!!!", "bm90IGpzb24", "WyJ4Il0"} { // not base64, not JSON, wrong arity
			_, _, err := s.Articles(ctx, facts.ArticleFilter{Page: facts.Page{Cursor: c}})
			var fe *facts.Error
			require.ErrorAs(t, err, &fe)
			assert.Equal(t, facts.EINVALID, fe.Code)
			assert.Equal(t, "cursor", fe.Params[0].Param)
		}
	})
	t.Run("BadLimit", func(t *testing.T) {
		_, _, err := s.Articles(ctx, facts.ArticleFilter{Page: facts.Page{Limit: facts.MaxLimit + 1}})
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
	})
}

func TestArticlesPaging(t *testing.T) {
	s := postgres.New(pgtest.Tx(t))
	var want []string
	// Seven articles: two share a date, two have none (they come last).
	dates := []string{"2022-01-05", "2022-03-01", "2022-03-01", "", "2021-12-31", "", "2023-07-04"}
	for i, d := range dates {
		a := mustArticle(t, fmt.Sprintf("https://example.com/p/%d", i), fmt.Sprintf("Paging %d", i), d, fmt.Sprintf("Body number %d.", i))
		mustSave(t, s, a, facts.Extraction{})
		want = append(want, a.ID)
	}
	all, _, err := s.Articles(ctx, facts.ArticleFilter{Page: facts.Page{Limit: 100}})
	require.NoError(t, err)
	var order []string
	for _, a := range all {
		order = append(order, a.ID)
	}
	assert.ElementsMatch(t, want, order)
	assert.Nil(t, all[len(all)-1].PublishedAt, "unknown dates last")
	assert.Equal(t, "2023-07-04", all[0].PublishedAt.String())
	for _, limit := range []int{1, 2, 3, 6} {
		got := walk(t, limit, func(a facts.Article) string { return a.ID }, func(p facts.Page) ([]facts.Article, string, error) {
			return s.Articles(ctx, facts.ArticleFilter{Page: p})
		})
		assert.Equal(t, order, got, "limit %d", limit)
	}
}

func TestArticleFacts(t *testing.T) {
	s, a, _ := mustSeeded(t)
	x, err := s.ArticleFacts(ctx, a.ID)
	require.NoError(t, err)
	assert.Equal(t, a.Body, x.Article.Body)
	require.Len(t, x.Entities, 6)
	assert.Equal(t, "china", x.Entities[0].ID, "in order of first mention")
	assert.Equal(t, []facts.Span{mustSpan(t, bodyA, "Beijing", 1), mustSpan(t, bodyA, "China", 1)}, x.Entities[0].Mentions)
	require.Len(t, x.Statements, 2)
	assert.Equal(t, a.ID+"-s1", x.Statements[0].ID)
	assert.Equal(t, []string{"china", "russia"}, x.Statements[0].EntityIDs)
	require.Len(t, x.Exercises, 1)
	assert.Equal(t, []string{"china", "india", "belarus"}, x.Exercises[0].ParticipantIDs, "this article's account only")
	assert.Equal(t, "russia", x.Exercises[0].HostID)
}

func TestEntities(t *testing.T) {
	s, a, b := mustSeeded(t)
	ids := func(list []facts.StoredEntity) []string {
		out := []string{}
		for _, e := range list {
			out = append(out, e.ID)
		}
		return out
	}
	t.Run("OK", func(t *testing.T) {
		e, err := s.Entity(ctx, "vladimir-putin")
		require.NoError(t, err)
		assert.Equal(t, "Vladimir Putin", e.Name)
		assert.Equal(t, facts.Person, e.Type)
		assert.Equal(t, "Russian President", e.Title)
		assert.Equal(t, "russia", e.AffiliationID)
		assert.Equal(t, []string{"Putin"}, e.Aliases)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := s.Entity(ctx, "no-such-entity")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})
	t.Run("SortedByMentionsThenName", func(t *testing.T) {
		list, next, err := s.Entities(ctx, facts.EntityFilter{})
		require.NoError(t, err)
		assert.Empty(t, next)
		assert.Equal(t, []string{"russia", "vladimir-putin", "china", "belarus", "china-defense-ministry", "india"}, ids(list))
	})
	t.Run("Type", func(t *testing.T) {
		typ := facts.Person
		list, _, err := s.Entities(ctx, facts.EntityFilter{Type: &typ})
		require.NoError(t, err)
		assert.Equal(t, []string{"vladimir-putin"}, ids(list))
		bad := facts.EntityType("planet")
		_, _, err = s.Entities(ctx, facts.EntityFilter{Type: &bad})
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
	})
	t.Run("QueryTolerantOfTypos", func(t *testing.T) {
		for q, want := range map[string][]string{
			"putn":             {"vladimir-putin"},
			"Putin":            {"vladimir-putin"},
			"VLADIMIR":         {"vladimir-putin"},
			"beijing":          {"china"},
			"defence minstry":  {},
			"defense ministry": {"china-defense-ministry"},
			"moscow":           {"russia"},
			"belaru":           {"belarus"},
		} {
			list, _, err := s.Entities(ctx, facts.EntityFilter{Query: q})
			require.NoError(t, err)
			assert.Equal(t, want, ids(list), "q=%q", q)
		}
	})
	t.Run("ArticleID", func(t *testing.T) {
		list, _, err := s.Entities(ctx, facts.EntityFilter{ArticleID: b.ID})
		require.NoError(t, err)
		assert.Equal(t, []string{"russia", "vladimir-putin"}, ids(list))
		list, _, err = s.Entities(ctx, facts.EntityFilter{ArticleID: a.ID})
		require.NoError(t, err)
		assert.Len(t, list, 6)
	})
	t.Run("Paging", func(t *testing.T) {
		all, _, err := s.Entities(ctx, facts.EntityFilter{})
		require.NoError(t, err)
		for _, limit := range []int{1, 2, 4} {
			got := walk(t, limit, func(e facts.StoredEntity) string { return e.ID }, func(p facts.Page) ([]facts.StoredEntity, string, error) {
				return s.Entities(ctx, facts.EntityFilter{Page: p})
			})
			assert.Equal(t, ids(all), got)
		}
	})
}

func TestMentions(t *testing.T) {
	s, a, b := mustSeeded(t)
	t.Run("OK", func(t *testing.T) {
		list, next, err := s.Mentions(ctx, facts.MentionFilter{EntityID: "vladimir-putin"})
		require.NoError(t, err)
		assert.Empty(t, next)
		require.Len(t, list, 3)
		assert.Equal(t, a.ID, list[0].ArticleID, "article order: A was published first")
		assert.Equal(t, "Vladimir Putin", list[0].Text)
		assert.Equal(t, "Russian President Vladimir Putin said “the drills will be held in late August.”", list[0].Snippet)
		assert.Equal(t, b.ID, list[1].ArticleID)
		assert.Equal(t, "Putin met officials in Moscow on Friday.", list[1].Snippet)
		assert.Less(t, list[1].Start, list[2].Start)
	})
	t.Run("Paging", func(t *testing.T) {
		got := walk(t, 1, func(m facts.Mention) string { return fmt.Sprint(m.ArticleID, m.Start) }, func(p facts.Page) ([]facts.Mention, string, error) {
			return s.Mentions(ctx, facts.MentionFilter{EntityID: "russia", Page: p})
		})
		assert.Len(t, got, 4)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, _, err := s.Mentions(ctx, facts.MentionFilter{EntityID: "no-such-entity"})
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})
	t.Run("NoMentions", func(t *testing.T) {
		x := facts.Extraction{Entities: []facts.Entity{{ID: "nowhere", Name: "Nowhere", Type: facts.Location}}}
		mustSave(t, s, mustArticle(t, "", "Empty", "", "Nothing here."), x)
		list, _, err := s.Mentions(ctx, facts.MentionFilter{EntityID: "nowhere"})
		require.NoError(t, err)
		assert.NotNil(t, list)
		assert.Empty(t, list)
	})
	t.Run("BadCursor", func(t *testing.T) {
		_, _, err := s.Mentions(ctx, facts.MentionFilter{EntityID: "russia", Page: facts.Page{Cursor: "xyz"}})
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
	})
}

func TestStatements(t *testing.T) {
	s, a, b := mustSeeded(t)
	ids := func(list []facts.Statement) []string {
		out := []string{}
		for _, st := range list {
			out = append(out, st.ID)
		}
		return out
	}
	list := func(t *testing.T, f facts.StatementFilter) []string {
		t.Helper()
		l, _, err := s.Statements(ctx, f)
		require.NoError(t, err)
		return ids(l)
	}
	direct, indirect := facts.Direct, facts.Indirect
	t.Run("OK", func(t *testing.T) {
		st, err := s.Statement(ctx, a.ID+"-s2")
		require.NoError(t, err)
		assert.Equal(t, "vladimir-putin", st.SpeakerID)
		assert.Equal(t, facts.Direct, st.Kind)
		assert.Equal(t, a.ID, st.ArticleID)
		assert.Equal(t, "2022-08-17", st.SaidOn.String())
		assert.Equal(t, []string{}, st.EntityIDs)
		assert.Equal(t, []string{b.ID + "-s1", a.ID + "-s2", a.ID + "-s1"}, list(t, facts.StatementFilter{}), "newest first, then id descending")
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := s.Statement(ctx, "nope-s1")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})
	t.Run("Filters", func(t *testing.T) {
		assert.Equal(t, []string{b.ID + "-s1", a.ID + "-s2"}, list(t, facts.StatementFilter{SpeakerID: "vladimir-putin"}))
		assert.Equal(t, []string{a.ID + "-s2", a.ID + "-s1"}, list(t, facts.StatementFilter{ArticleID: a.ID}))
		assert.Equal(t, []string{a.ID + "-s1"}, list(t, facts.StatementFilter{Kind: &indirect}))
		assert.Equal(t, []string{b.ID + "-s1", a.ID + "-s2"}, list(t, facts.StatementFilter{Kind: &direct}))
		assert.Equal(t, []string{b.ID + "-s1", a.ID + "-s1"}, list(t, facts.StatementFilter{MentionsID: "russia"}))
		assert.Equal(t, []string{a.ID + "-s1"}, list(t, facts.StatementFilter{Query: "troops"}))
		assert.Equal(t, []string{b.ID + "-s1"}, list(t, facts.StatementFilter{Query: "defending readiness"}), "stemmed")
		assert.Equal(t, []string{b.ID + "-s1"}, list(t, facts.StatementFilter{SaidAfter: mustDate(t, "2022-08-18")}))
		assert.Equal(t, []string{a.ID + "-s2", a.ID + "-s1"}, list(t, facts.StatementFilter{SaidBefore: mustDate(t, "2022-08-17")}))
		assert.Equal(t, []string{}, list(t, facts.StatementFilter{SpeakerID: "vladimir-putin", Kind: &indirect}))
		bad := facts.StatementKind("sung")
		_, _, err := s.Statements(ctx, facts.StatementFilter{Kind: &bad})
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
	})
	t.Run("Paging", func(t *testing.T) {
		all := list(t, facts.StatementFilter{})
		got := walk(t, 1, func(st facts.Statement) string { return st.ID }, func(p facts.Page) ([]facts.Statement, string, error) {
			return s.Statements(ctx, facts.StatementFilter{Page: p})
		})
		assert.Equal(t, all, got)
	})
}

func TestExercises(t *testing.T) {
	s, a, b := mustSeeded(t)
	// A second exercise without a period, and one in another year.
	c := mustArticle(t, "https://example.com/c", "Drills", "2023-05-01", "Zapad-2023 and Talisman Sabre 2023 began.")
	period := &facts.Period{Text: "July 2023", Start: *mustDate(t, "2023-07-01"), End: *mustDate(t, "2023-07-31")}
	mustSave(t, s, c, facts.Extraction{
		Entities: []facts.Entity{{ID: "australia", Name: "Australia", Type: facts.Country}},
		Exercises: []facts.Exercise{
			{ID: "zapad-2023", Name: "Zapad-2023", Mentions: []facts.Span{mustSpan(t, c.Body, "Zapad-2023", 1)}},
			{ID: "talisman-sabre-2023", Name: "Talisman Sabre 2023", HostID: "australia", Period: period,
				Mentions: []facts.Span{mustSpan(t, c.Body, "Talisman Sabre 2023", 1)}},
		},
	})
	ids := func(t *testing.T, f facts.ExerciseFilter) []string {
		t.Helper()
		l, _, err := s.Exercises(ctx, f)
		require.NoError(t, err)
		out := []string{}
		for _, x := range l {
			out = append(out, x.ID)
		}
		return out
	}
	t.Run("OK", func(t *testing.T) {
		x, err := s.Exercise(ctx, "vostok-2022")
		require.NoError(t, err)
		assert.Equal(t, "Vostok-2022", x.Name)
		assert.Equal(t, "2022-08-21", x.Period.Start.String())
		assert.Equal(t, 2, x.MentionCount)
		assert.Equal(t, 2, x.ArticleCount)
		assert.Equal(t, a.ID, x.FirstReport.ArticleID)
		// Host and participants expanded in the same query, in the order of the ids.
		assert.Equal(t, &facts.EntityRef{ID: "russia", Name: "Russia", Type: facts.Country}, x.Host)
		assert.Equal(t, []string{"china", "india", "belarus", "russia"}, x.ParticipantIDs)
		assert.Equal(t, []facts.EntityRef{{ID: "china", Name: "China", Type: facts.Country}, {ID: "india", Name: "India", Type: facts.Country},
			{ID: "belarus", Name: "Belarus", Type: facts.Country}, {ID: "russia", Name: "Russia", Type: facts.Country}}, x.Participants)
		ms, next, err := s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "vostok-2022"})
		require.NoError(t, err)
		assert.Empty(t, next)
		spans := map[string]facts.Span{}
		for _, m := range ms {
			assert.Equal(t, "vostok-2022", m.ExerciseID)
			spans[m.ArticleID] = m.Span
		}
		assert.Equal(t, map[string]facts.Span{a.ID: mustSpan(t, bodyA, "Vostok-2022", 1), b.ID: mustSpan(t, bodyB, "East-2022", 1)}, spans)
		z, err := s.Exercise(ctx, "zapad-2023")
		require.NoError(t, err)
		assert.Nil(t, z.Period)
		assert.Equal(t, []string{}, z.ParticipantIDs)
		assert.Equal(t, []facts.EntityRef{}, z.Participants)
		assert.Nil(t, z.Host)
		assert.Equal(t, []string{}, z.Aliases)
	})
	t.Run("NotFound", func(t *testing.T) {
		_, err := s.Exercise(ctx, "no-such-exercise")
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		_, _, err = s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: "no-such-exercise"})
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
		_, _, err = s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "no-such-exercise"})
		assert.Equal(t, facts.ENOTFOUND, facts.ErrorCode(err))
	})
	t.Run("SubresourcePaging", func(t *testing.T) {
		got := walk(t, 1, func(a facts.Article) string { return a.ID }, func(p facts.Page) ([]facts.Article, string, error) {
			return s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: "vostok-2022", Page: p})
		})
		assert.Len(t, got, 2)
		key := func(m facts.ExerciseMention) string { return m.ArticleID + "/" + itoa(m.Start) }
		gotm := walk(t, 1, key, func(p facts.Page) ([]facts.ExerciseMention, string, error) {
			return s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "vostok-2022", Page: p})
		})
		assert.Len(t, gotm, 2)
		// A cursor of another list, or from before the exercise lists changed shape, is a 400
		// naming cursor.
		_, list, err := s.Exercises(ctx, facts.ExerciseFilter{Page: facts.Page{Limit: 1}})
		require.NoError(t, err)
		_, _, err = s.ExerciseArticles(ctx, facts.ExerciseArticleFilter{ExerciseID: "vostok-2022", Page: facts.Page{Cursor: list}})
		assert.Equal(t, []string{"cursor"}, paramsOf(err))
		_, _, err = s.ExerciseMentions(ctx, facts.ExerciseMentionFilter{ExerciseID: "vostok-2022", Page: facts.Page{Cursor: list}})
		assert.Equal(t, []string{"cursor"}, paramsOf(err))
	})
	t.Run("Filters", func(t *testing.T) {
		assert.Equal(t, []string{"talisman-sabre-2023", "vostok-2022", "zapad-2023"}, ids(t, facts.ExerciseFilter{}), "latest start first, unknown last")
		assert.Equal(t, []string{"vostok-2022"}, ids(t, facts.ExerciseFilter{ParticipantID: "india"}))
		assert.Equal(t, []string{"vostok-2022"}, ids(t, facts.ExerciseFilter{ParticipantID: "russia"}), "from the second article")
		assert.Equal(t, []string{"talisman-sabre-2023"}, ids(t, facts.ExerciseFilter{HostID: "australia"}))
		assert.Equal(t, []string{"vostok-2022"}, ids(t, facts.ExerciseFilter{Year: 2022}))
		assert.Equal(t, []string{"talisman-sabre-2023"}, ids(t, facts.ExerciseFilter{Year: 2023}), "no period, no year")
		assert.Equal(t, []string{"vostok-2022"}, ids(t, facts.ExerciseFilter{Query: "east 2022"}), "aliases count")
		assert.Equal(t, []string{"vostok-2022"}, ids(t, facts.ExerciseFilter{Query: "vostk"}))
		assert.Equal(t, []string{"talisman-sabre-2023"}, ids(t, facts.ExerciseFilter{Query: "Talisman"}))
		_, _, err := s.Exercises(ctx, facts.ExerciseFilter{Year: -4})
		assert.Equal(t, facts.EINVALID, facts.ErrorCode(err))
	})
	t.Run("Paging", func(t *testing.T) {
		got := walk(t, 1, func(x facts.StoredExercise) string { return x.ID }, func(p facts.Page) ([]facts.StoredExercise, string, error) {
			return s.Exercises(ctx, facts.ExerciseFilter{Page: p})
		})
		assert.Equal(t, []string{"talisman-sabre-2023", "vostok-2022", "zapad-2023"}, got)
	})
}

// paramsOf returns the parameters an EINVALID error names.
func paramsOf(err error) []string {
	var fe *facts.Error
	if !errors.As(err, &fe) {
		return nil
	}
	var out []string
	for _, p := range fe.Params {
		out = append(out, p.Param)
	}
	return out
}

func itoa(n int) string { return strconv.Itoa(n) }
