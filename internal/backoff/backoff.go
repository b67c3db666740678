// Package backoff paces retries: waits that double from a minimum up to a cap (to reconnect to
// something that failed), and a plain wait (to poll), each cut short when the context ends.
package backoff

import (
	"context"
	"time"
)

// Backoff is the wait before the next attempt. Its zero delay starts at Min.
type Backoff struct {
	Min, Max time.Duration
	next     time.Duration
}

// Wait sleeps the current delay, then doubles it (up to Max). It reports false when ctx ended
// first.
func (b *Backoff) Wait(ctx context.Context) bool {
	d := max(b.next, b.Min)
	b.next = min(2*d, b.Max)
	return Sleep(ctx, d)
}

// Reset makes the next wait the shortest again: call it after an attempt succeeded.
func (b *Backoff) Reset() { b.next = b.Min }

// Sleep waits d or until ctx ends, and reports whether the wait was complete.
func Sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
