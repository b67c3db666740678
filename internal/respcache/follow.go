package respcache

import (
	"context"
	"time"

	"github.com/newsfacts/newsfacts/internal/backoff"
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

// Follow keeps the cache in step with a data source until ctx ends: it invalidates the cache on
// each notification (at most once per coalescing window, DefaultCoalesce unless SetCoalesce
// says otherwise), and disables it whenever it is not subscribed, since changes could then go
// unnoticed. It starts disabled and is enabled (empty) once the first subscription is open.
// report, when not nil, hears every subscription failure. Follow returns when ctx ends, leaving
// the cache disabled.
func (c *Cache) Follow(ctx context.Context, subscribe Subscribe, report func(error)) {
	c.SetEnabled(false)
	defer c.SetEnabled(false)
	// The cache is off while unsubscribed: come back soon after the database does.
	retry := backoff.Backoff{Min: 100 * time.Millisecond, Max: time.Second}
	for ctx.Err() == nil {
		sub, err := subscribe(ctx)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			if report != nil {
				report(err)
			}
			if !retry.Wait(ctx) {
				return
			}
			continue
		}
		retry.Reset()
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
			if wait := time.Duration(c.coalesce.Load()) - time.Since(last); wait > 0 && !backoff.Sleep(ctx, wait) {
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
