package client_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/newsfacts/newsfacts/api"
	"github.com/newsfacts/newsfacts/api/client"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
	"github.com/newsfacts/newsfacts/internal/ingest"
	"github.com/newsfacts/newsfacts/internal/postgres"
	"github.com/newsfacts/newsfacts/internal/postgres/pgtest"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// TestEndToEnd ingests the seed article with the real extractor into a freshly migrated
// database, serves it with the real server, and reads its facts back through the SDK.
func TestEndToEnd(t *testing.T) {
	ctx := context.Background()
	store := postgres.New(pgtest.Pool(t))
	paths, err := filepath.Glob("../../seeds/000_*.txt")
	require.NoError(t, err)
	require.NotEmpty(t, paths)
	for item := range ingest.Files(paths, ingest.ReadOptions{}) {
		require.NoError(t, item.Err, item.Where)
		res, err := ingest.One(ctx, store, gazetteer.Default(), item.Input, 0)
		require.NoError(t, err, item.Where)
		require.Equal(t, "created", string(res.Status))
	}

	srv := httptest.NewServer(api.NewServer(discard(), store, api.Options{}))
	t.Cleanup(srv.Close)
	c, err := client.NewClientWithResponses(srv.URL)
	require.NoError(t, err)

	t.Run("EntitySearch", func(t *testing.T) {
		q := "putn"
		res, err := c.ListEntitiesWithResponse(ctx, &client.ListEntitiesParams{Q: &q})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		require.NotEmpty(t, res.JSON200.Data)
		assert.Equal(t, "vladimir-putin", res.JSON200.Data[0].Id)
		assert.Equal(t, client.EntityType("person"), res.JSON200.Data[0].Type)
	})

	t.Run("Analytics", func(t *testing.T) {
		month := client.GetEntityTimelineParamsBucket("month")
		tl, err := c.GetEntityTimelineWithResponse(ctx, "vladimir-putin", &client.GetEntityTimelineParams{Bucket: &month})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, tl.StatusCode(), "%s", tl.Body)
		assert.Empty(t, tl.JSON200.Data, "the seed article has no date")
		assert.EqualValues(t, 6, tl.JSON200.Undated.Mentions)
		assert.EqualValues(t, 1, tl.JSON200.Undated.Articles)

		country := client.EntityType("country")
		rel, err := c.ListRelatedEntitiesWithResponse(ctx, "vladimir-putin", &client.ListRelatedEntitiesParams{Type: &country})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, rel.StatusCode(), "%s", rel.Body)
		require.NotEmpty(t, rel.JSON200.Data)
		for _, e := range rel.JSON200.Data {
			assert.Equal(t, country, e.Type)
			assert.EqualValues(t, 1, e.SharedArticles)
		}
	})

	t.Run("PutinStatements", func(t *testing.T) {
		res, err := c.ListEntityStatementsWithResponse(ctx, "vladimir-putin", &client.ListEntityStatementsParams{})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		var texts []string
		for _, s := range res.JSON200.Data {
			require.NotNil(t, s.SpeakerId)
			assert.Equal(t, "vladimir-putin", *s.SpeakerId)
			texts = append(texts, s.Text)
		}
		for _, want := range []string{
			"Russia can train foreign fighters",
			"We greatly value the fact that our country has many allies, partners, like-minded people on different continents",
		} {
			assert.True(t, slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, want) }), "%q not among %q", want, texts)
		}

		// The same through the statements list and its speaker filter.
		speaker := "vladimir-putin"
		all, err := c.ListStatementsWithResponse(ctx, &client.ListStatementsParams{SpeakerId: &speaker})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, all.StatusCode())
		assert.Len(t, all.JSON200.Data, len(texts))
	})

	t.Run("Exercise", func(t *testing.T) {
		res, err := c.GetExerciseWithResponse(ctx, "vostok-2022", &client.GetExerciseParams{})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, res.StatusCode(), "%s", res.Body)
		x := res.JSON200
		assert.Equal(t, "Vostok-2022", x.Name)
		require.NotNil(t, x.Host)
		assert.Equal(t, "russia", x.Host.Id)
		assert.Equal(t, "Russia", x.Host.Name)
		var participants []string
		for _, p := range x.Participants {
			participants = append(participants, p.Id)
			assert.NotEmpty(t, p.Name)
		}
		for _, want := range []string{"china", "india", "belarus", "tajikistan", "mongolia"} {
			assert.Contains(t, participants, want)
		}
		require.NotNil(t, x.Period)
		assert.Equal(t, "2022-08", x.Period.Start.Format("2006-01"))
		assert.Positive(t, x.MentionCount)
		assert.Positive(t, x.ArticleCount)
		require.NotNil(t, x.FirstReport)
		ms, err := c.ListExerciseMentionsWithResponse(ctx, "vostok-2022", &client.ListExerciseMentionsParams{})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, ms.StatusCode(), "%s", ms.Body)
		assert.Len(t, ms.JSON200.Data, int(x.MentionCount))
		as, err := c.ListExerciseArticlesWithResponse(ctx, "vostok-2022", &client.ListExerciseArticlesParams{})
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, as.StatusCode(), "%s", as.Body)
		require.Len(t, as.JSON200.Data, int(x.ArticleCount))
		assert.Equal(t, x.FirstReport.ArticleId, as.JSON200.Data[0].Id)
	})

	t.Run("NotFound", func(t *testing.T) {
		res, err := c.GetEntityWithResponse(ctx, "nope", &client.GetEntityParams{})
		require.NoError(t, err)
		assert.Equal(t, http.StatusNotFound, res.StatusCode())
		require.NotNil(t, res.ApplicationproblemJSON404)
		assert.Equal(t, `entity "nope" not found`, res.ApplicationproblemJSON404.Detail)
	})
}
