package api_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMergedEntityRedirects(t *testing.T) {
	store := mustStore(t)
	mustSeed(t, store)
	require.NoError(t, store.MergeEntities(context.Background(), "india", "china"))
	c := mustClient(t, store, testOptions())

	for target, want := range map[string]string{
		"/v1/entities/india":                    "/v1/entities/china",
		"/v1/entities/india/mentions?limit=2":   "/v1/entities/china/mentions?limit=2",
		"/v1/entities/india/statements?limit=5": "/v1/entities/china/statements?limit=5",
	} {
		t.Run(target, func(t *testing.T) {
			res, body := c.get(t, target)
			require.Equal(t, 301, res.StatusCode, "%s", body)
			assert.Equal(t, want, res.Header.Get("Location"))

			res, body = c.get(t, want)
			assert.Equal(t, 200, res.StatusCode, "%s", body)
		})
	}
	t.Run("NeverMergedIsNotFound", func(t *testing.T) {
		res, _ := c.get(t, "/v1/entities/nope")
		assert.Equal(t, 404, res.StatusCode)
	})
}
