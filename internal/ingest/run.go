package ingest

import (
	"context"
	"fmt"
	"iter"
	"runtime"
	"sync"
	"time"

	"github.com/newsfacts/newsfacts/internal/facts"
	"github.com/newsfacts/newsfacts/internal/gazetteer"
)

// Options configure Run.
type Options struct {
	Workers   int // articles saved at once, and prepared at once ahead of them; 0 means runtime.NumCPU()
	MaxBytes  int // limit on one article's body; 0 means extract.DefaultMaxBytes
	Gazetteer *gazetteer.Gazetteer
	// OnOutcome, when set, is called once per article as it finishes, always from the same
	// goroutine (the one that called Run), so it may write to a terminal without locking.
	OnOutcome func(Outcome)
}

// Outcome is what happened to one article.
type Outcome struct {
	Where  string
	Result facts.SaveResult
	Err    error // the article failed (and nothing of it was written)
	// cancelled: the save failed once the run was cancelled, by the cancellation rather than
	// by a fault of the article, so that a later run will take it.
	cancelled bool
}

// Summary counts the outcomes of a run.
type Summary struct {
	Created     int           `json:"created"`
	Updated     int           `json:"updated"`
	Unchanged   int           `json:"unchanged"`
	Failed      int           `json:"failed"`
	Elapsed     time.Duration `json:"-"`
	Interrupted bool          `json:"interrupted"` // ctx was cancelled before the source ran out
	// Err is why the run stopped before the source ran out although ctx was not cancelled:
	// the database became unavailable, so every further article would fail the same way.
	Err error `json:"-"`
}

// Done returns how many articles the run finished, failed ones included.
func (s Summary) Done() int { return s.Created + s.Updated + s.Unchanged + s.Failed }

// Rate returns finished articles per second.
func (s Summary) Rate() float64 {
	if s.Elapsed <= 0 {
		return 0
	}
	return float64(s.Done()) / s.Elapsed.Seconds()
}

// String returns the line every run ends with.
func (s Summary) String() string {
	return fmt.Sprintf("ingested %d, unchanged %d, updated %d, failed %d in %.2fs (%.1f articles/s)",
		s.Created, s.Unchanged, s.Updated, s.Failed, s.Elapsed.Seconds(), s.Rate())
}

// Run prepares and saves every article src yields, with opt.Workers at a time, and counts the
// outcomes. An article that cannot be read, prepared or saved is a failed Outcome; the others
// go on. Memory stays bounded: at most about 4×Workers articles are held at once.
//
// Each article is prepared (normalized and extracted, work for this process's CPU) and then
// saved (mostly a wait on the database). The two are separate stages with Workers goroutines
// each, so that articles are prepared while others are saved: with one goroutine doing both in
// turn, the database's CPU idled while it extracted and this process idled while it saved.
//
// When ctx is cancelled Run stops taking articles, the saves in flight roll back, and Run
// returns what it counted, with Interrupted set. A save whose COMMIT was already sent is left
// to finish (Saver.SaveArticle's contract), so the summary counts exactly the articles stored.
func Run(ctx context.Context, s Saver, src iter.Seq[Item], opt Options) Summary {
	start := time.Now()
	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.NumCPU()
	}

	// takeCtx ends the taking of new articles: on cancellation, or when the database fails.
	takeCtx, stopTaking := context.WithCancel(ctx)
	defer stopTaking()

	items := make(chan Item, workers)
	ready := make(chan preparedItem, workers)
	outcomes := make(chan Outcome, workers)
	go func() {
		defer close(items)
		for it := range src {
			select {
			case items <- it:
			case <-takeCtx.Done():
				return
			}
		}
	}()

	var preparers, savers sync.WaitGroup
	for range workers {
		preparers.Go(func() {
			for it := range take(takeCtx, items) {
				p, err := prepareItem(it, opt)
				if err != nil {
					outcomes <- Outcome{Where: it.Where, Err: err}
					continue
				}
				select {
				case ready <- p:
				case <-takeCtx.Done():
					return
				}
			}
		})
	}
	go func() {
		preparers.Wait()
		close(ready)
	}()
	for range workers {
		savers.Go(func() {
			for p := range take(takeCtx, ready) {
				res, err := s.SaveArticle(ctx, p.article, p.extraction)
				outcomes <- Outcome{Where: p.where, Result: res, Err: err, cancelled: err != nil && ctx.Err() != nil}
			}
		})
	}
	go func() {
		preparers.Wait()
		savers.Wait()
		close(outcomes)
	}()

	var sum Summary
	for o := range outcomes {
		if o.cancelled {
			continue // rolled back: a later run will take it
		}
		switch {
		case o.Err != nil:
			sum.Failed++
			if facts.ErrorCode(o.Err) == facts.EUNAVAILABLE && sum.Err == nil {
				sum.Err = fmt.Errorf("stopped: %w", o.Err)
				stopTaking()
			}
		case o.Result.Status == facts.Created:
			sum.Created++
		case o.Result.Status == facts.Updated:
			sum.Updated++
		case o.Result.Status == facts.Unchanged:
			sum.Unchanged++
		default:
			o.Err = fmt.Errorf("store reported unknown status %q", o.Result.Status)
			sum.Failed++
		}
		if opt.OnOutcome != nil {
			opt.OnOutcome(o)
		}
	}
	sum.Interrupted = ctx.Err() != nil
	sum.Elapsed = time.Since(start)
	return sum
}

// preparedItem is an article ready to save.
type preparedItem struct {
	where      string
	article    facts.Article
	extraction facts.Extraction
}

// prepareItem prepares one item; a read error is the item's failure.
func prepareItem(it Item, opt Options) (preparedItem, error) {
	if it.Err != nil {
		return preparedItem{}, it.Err
	}
	a, x, err := Prepare(it.Input, opt.Gazetteer, opt.MaxBytes)
	return preparedItem{where: it.Where, article: a, extraction: x}, err
}

// take yields what ch delivers until it is closed or ctx is done. A select picks at random
// among ready cases, so ctx is checked again before each value is handed on.
func take[T any](ctx context.Context, ch <-chan T) iter.Seq[T] {
	return func(yield func(T) bool) {
		for {
			select {
			case <-ctx.Done():
				return
			case v, ok := <-ch:
				if !ok || ctx.Err() != nil || !yield(v) {
					return
				}
			}
		}
	}
}

// StaleLister lists stored articles whose facts an older extractor produced.
type StaleLister interface {
	// StaleArticles returns up to limit articles whose extractor version is older than
	// version, with ids greater than after, in id order.
	StaleArticles(ctx context.Context, version int, after string, limit int) ([]facts.Article, error)
}

// stalePage is how many stale articles are read from the store at a time.
const stalePage = 200

// Stale yields the stored articles whose extractor version is older than
// facts.ExtractorVersion, one page at a time, for Run to extract and save again. A failure to
// list them ends the walk with one failed item.
func Stale(ctx context.Context, l StaleLister) iter.Seq[Item] {
	return func(yield func(Item) bool) {
		after := ""
		for {
			page, err := l.StaleArticles(ctx, facts.ExtractorVersion, after, stalePage)
			if err != nil {
				yield(Item{Where: "stored articles", Err: fmt.Errorf("list stale articles: %w", err)})
				return
			}
			for _, a := range page {
				in := Input{ArticleMeta: a.ArticleMeta, Body: a.Body}
				if !yield(Item{Where: "article " + a.ID, Input: in}) {
					return
				}
				after = a.ID
			}
			if len(page) < stalePage {
				return
			}
		}
	}
}
