package api_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/newsfacts/newsfacts/internal/facts"
)

// fakeReads is a ReadRouter that records what it was asked.
type fakeReads struct {
	required []string
	token    string
	tokenErr error
}

func (f *fakeReads) Require(ctx context.Context, token string) (context.Context, error) {
	f.required = append(f.required, token)
	if token == "bad" {
		return ctx, facts.Errorf(facts.EINVALID, "Consistency-Token is bad")
	}
	return ctx, nil
}

func (f *fakeReads) Token(context.Context) (string, error) { return f.token, f.tokenErr }

func TestConsistencyToken(t *testing.T) {
	reads := &fakeReads{token: "0/3A1B2C8"}
	opts := testOptions()
	opts.Reads = reads
	c := mustClient(t, mustStore(t), opts)

	t.Run("WriteGetsToken", func(t *testing.T) {
		res, _ := post(t, c, "/v1/articles", "application/json", "s3cret", articleJSON)
		assert.Equal(t, http.StatusCreated, res.StatusCode)
		assert.Equal(t, "0/3A1B2C8", res.Header.Get("Consistency-Token"))
		res, _ = post(t, c, "/v1/articles", "application/json", "s3cret", articleJSON)
		assert.Equal(t, http.StatusOK, res.StatusCode)
		assert.Equal(t, "0/3A1B2C8", res.Header.Get("Consistency-Token"), "unchanged answers carry one too")
	})
	t.Run("FailedWriteGetsNone", func(t *testing.T) {
		res, _ := post(t, c, "/v1/articles", "application/json", "wrong", articleJSON)
		assert.Equal(t, http.StatusUnauthorized, res.StatusCode)
		assert.Empty(t, res.Header.Get("Consistency-Token"))
	})
	t.Run("NoTokenWhenUnknown", func(t *testing.T) {
		reads.tokenErr = errors.New("primary gone")
		defer func() { reads.tokenErr = nil }()
		res, _ := post(t, c, "/v1/articles", "application/json", "s3cret", articleJSON)
		assert.Equal(t, http.StatusOK, res.StatusCode, "the write is committed and answered")
		assert.Empty(t, res.Header.Get("Consistency-Token"))
	})
	t.Run("ReadPassesToken", func(t *testing.T) {
		reads.required = nil
		res, _ := c.get(t, "/v1/entities", "Consistency-Token", "0/1")
		assert.Equal(t, http.StatusOK, res.StatusCode)
		assert.Equal(t, []string{"0/1"}, reads.required)
	})
	t.Run("BadToken", func(t *testing.T) {
		res, body := c.get(t, "/v1/entities", "Consistency-Token", "bad")
		assert.Equal(t, http.StatusBadRequest, res.StatusCode)
		assert.Contains(t, string(body), "Consistency-Token")
	})
}
