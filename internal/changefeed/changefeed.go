// Package changefeed fans out the articles whose saves commit to any number of streaming
// clients. One Feed follows the database (a single LISTEN connection and one lookup per
// article); clients read from memory, so a client costs no database connection. The feed keeps
// the latest events in a bounded window, so a client that reconnects with the id of the last
// event it saw misses nothing that is still in the window.
package changefeed

import (
	"context"
	"sync"
	"time"

	"github.com/newsfacts/newsfacts/internal/backoff"
	"github.com/newsfacts/newsfacts/internal/facts"
)

// Event is one committed article. IDs increase by one per event; the first is the feed's start
// time in microseconds, so ids from an earlier process are older than any of this one's.
type Event struct {
	ID     uint64
	Change facts.Change
}

// Subscription delivers saved article ids from the data source.
type Subscription interface {
	// Next blocks until an article's save commits and returns its id, or fails when
	// notifications may have been lost.
	Next(ctx context.Context) (string, error)
	// Close ends the subscription.
	Close()
}

// Subscribe opens a Subscription.
type Subscribe func(ctx context.Context) (Subscription, error)

// Lookup reads what the stream says about a saved article.
type Lookup func(ctx context.Context, articleID string) (facts.Change, error)

// Defaults for New.
const (
	DefaultWindow     = 1000
	DefaultMaxStreams = 100
)

// Feed is the in-memory window of recent events and the set of clients waiting for more.
type Feed struct {
	window     int
	maxStreams int

	mu      sync.Mutex
	events  []Event       // the latest events, oldest first, at most window
	next    uint64        // the id of the next event
	wake    chan struct{} // closed and replaced when an event arrives
	streams int
	closed  chan struct{} // closed by Close
}

// New returns a feed that keeps window events and admits maxStreams clients at once; values
// below 1 mean the defaults.
func New(window, maxStreams int) *Feed {
	if window < 1 {
		window = DefaultWindow
	}
	if maxStreams < 1 {
		maxStreams = DefaultMaxStreams
	}
	return &Feed{
		window: window, maxStreams: maxStreams,
		next: uint64(time.Now().UnixMicro()), wake: make(chan struct{}), closed: make(chan struct{}),
	}
}

// Publish appends an event for c and wakes every client.
func (f *Feed) Publish(c facts.Change) Event {
	f.mu.Lock()
	defer f.mu.Unlock()
	e := Event{ID: f.next, Change: c}
	f.next++
	if len(f.events) == f.window {
		copy(f.events, f.events[1:])
		f.events = f.events[:len(f.events)-1]
	}
	f.events = append(f.events, e)
	close(f.wake)
	f.wake = make(chan struct{})
	return e
}

// Close ends every stream (Done is closed) and admits no more: a server that shuts down calls
// it, since a stream never ends by itself. Clients reconnect to another server, or to this one
// when it is back, with the id of the last event they saw.
func (f *Feed) Close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	select {
	case <-f.closed:
	default:
		close(f.closed)
	}
}

// Done is closed when the feed is closed.
func (f *Feed) Done() <-chan struct{} { return f.closed }

// Acquire admits one more client, or reports false when MaxStreams are already open or the
// feed is closed. Each admitted client calls Release when it goes.
func (f *Feed) Acquire() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.streams >= f.maxStreams || isClosed(f.closed) {
		return false
	}
	f.streams++
	return true
}

// Release lets another client in.
func (f *Feed) Release() {
	f.mu.Lock()
	f.streams--
	f.mu.Unlock()
}

// Since returns the events after the one with id last (all of the window when last is older
// than it), and a channel closed when more arrive.
func (f *Feed) Since(last uint64) ([]Event, <-chan struct{}) {
	f.mu.Lock()
	defer f.mu.Unlock()
	i := 0
	for i < len(f.events) && f.events[i].ID <= last {
		i++
	}
	return append([]Event(nil), f.events[i:]...), f.wake
}

// Last returns the id of the latest event, 0 when there is none yet; Since(Last()) is "from
// now on".
func (f *Feed) Last() uint64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.events) == 0 {
		return 0
	}
	return f.events[len(f.events)-1].ID
}

// Follow publishes every article the data source announces until ctx ends. An article that
// cannot be looked up (deleted since, or the database briefly away) is skipped and reported.
// report, when not nil, hears every failure.
func (f *Feed) Follow(ctx context.Context, subscribe Subscribe, lookup Lookup, report func(error)) {
	retry := backoff.Backoff{Min: 100 * time.Millisecond, Max: 5 * time.Second}
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
		for {
			id, err := sub.Next(ctx)
			if err != nil {
				sub.Close()
				if ctx.Err() == nil && report != nil {
					report(err)
				}
				break
			}
			c, err := lookup(ctx, id)
			if err != nil {
				if report != nil && ctx.Err() == nil {
					report(err)
				}
				continue
			}
			f.Publish(c)
		}
	}
}

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}
