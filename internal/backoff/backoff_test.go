package backoff

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestWaitDoublesUpToMaxAndResets(t *testing.T) {
	b := Backoff{Min: time.Millisecond, Max: 5 * time.Millisecond}
	var got []time.Duration
	for range 5 {
		got = append(got, max(b.next, b.Min))
		assert.True(t, b.Wait(context.Background()))
	}
	assert.Equal(t, []time.Duration{1, 2, 4, 5, 5}, scale(got, time.Millisecond))
	b.Reset()
	assert.Equal(t, time.Millisecond, max(b.next, b.Min))
}

func TestWaitEndsWithTheContext(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b := Backoff{Min: time.Hour, Max: time.Hour}
	assert.False(t, b.Wait(ctx), "a cancelled context cuts the wait short")
}

func scale(ds []time.Duration, unit time.Duration) []time.Duration {
	out := make([]time.Duration, len(ds))
	for i, d := range ds {
		out[i] = d / unit
	}
	return out
}
