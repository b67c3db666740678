package respcache

import (
	"context"
	"time"
)

// Subscription delivers change notifications from the data source.
type Subscription interface {
	// Wait blocks until the data changed (nil) or the subscription failed (an error), when
	// notifications may have been lost.
	Wait(ctx context.Context) error
	// Close ends the subscription.
	Close()
}

// Subscribe opens a Subscription. With PostgreSQL it is a dedicated connection that has run
// LISTEN; writers NOTIFY inside their transactions, so notifications arrive at commit.
type Subscribe func(ctx context.Context) (Subscription, error)

// Backoff bounds between attempts to subscribe again after a failure.
const (
	minBackoff = 100 * time.Millisecond
	maxBackoff = time.Second // the cache is off meanwhile: come back soon after the database does
)

// Follow keeps the cache in step with a data source until ctx ends: it invalidates the cache on
// each notification (at most once per coalescing window, DefaultCoalesce unless SetCoalesce
// says otherwise), and disables it whenever it is not subscribed, since changes could then go
// unnoticed. It starts disabled and is enabled (empty) once the first subscription is open.
// report, when not nil, hears every subscription failure. Follow returns when ctx ends, leaving
// the cache disabled.
func (c *Cache) Follow(ctx context.Context, subscribe Subscribe, report func(error)) {
	c.SetEnabled(false)
	defer c.SetEnabled(false)
	backoff := minBackoff
	for ctx.Err() == nil {
		sub, err := subscribe(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if report != nil {
				report(err)
			}
			if !sleep(ctx, backoff) {
				return
			}
			backoff = min(2*backoff, maxBackoff)
			continue
		}
		backoff = minBackoff
		// Enabled only now that nothing can change unnoticed; SetEnabled empties the cache.
		c.SetEnabled(true)
		// A notification is applied at once unless one was applied less than the coalescing
		// window ago; then it waits for the window's end, and one invalidation covers every
		// commit notified meanwhile. So a burst of commits empties the cache once per window,
		// not once per commit, and no answer is served more than a window after a commit was
		// notified (plus the time to notice it).
		var last time.Time
		for {
			if err = sub.Wait(ctx); err != nil {
				break
			}
			if wait := time.Duration(c.coalesce.Load()) - time.Since(last); wait > 0 && !sleep(ctx, wait) {
				break
			}
			c.Invalidate()
			last = time.Now()
		}
		c.SetEnabled(false)
		sub.Close()
		if ctx.Err() != nil {
			return
		}
		if report != nil {
			report(err)
		}
	}
}

// sleep waits d or until ctx ends, and reports whether the wait was complete.
func sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}
