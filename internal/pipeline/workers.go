package pipeline

import (
	"context"
	"fmt"
	"iter"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// Store stores and analyses items without grouping them: the work of one
// of many queue workers over one store, which group in turns
// (GroupPending). Beside the summary it returns each item's problem, in
// items' order, nil for an item stored or known, so that a queue answers
// each item on its own. The error is for failures of the whole batch
// (the store, ctx); articles stored before it stay stored, and a later
// Store of the same items finds them known.
func (p *Pipeline) Store(ctx context.Context, items []source.Item, opts ingest.Options) (ingest.Summary, []error, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if opts.Now == nil {
		opts.Now = time.Now
	}
	now := opts.Now()
	opts.Now = func() time.Time { return now }
	var notes []error
	opts.Added = func(runCtx context.Context, arts []news.Article) error {
		res, err := p.AnalyzeAndSave(runCtx, arts)
		if err != nil {
			return err
		}
		notes = append(notes, analysisNotes(arts, res)...)
		return nil
	}
	sum, err := ingest.Run(ctx, values(items), p.st, opts)
	sum.Warnings = append(sum.Warnings, notes...)
	if err != nil {
		return sum, nil, err
	}
	problems, err := itemProblems(items, sum.Failed, now)
	return sum, problems, err
}

// values yields items without errors.
func values(items []source.Item) iter.Seq2[source.Item, error] {
	return func(yield func(source.Item, error) bool) {
		for _, it := range items {
			if !yield(it, nil) {
				return
			}
		}
	}
}

// itemProblems returns the problem of each of the items that ingest.Run
// counted failed: extraction depends on the item alone, so they are the
// items that fail it again. Only a batch with failures pays for this.
func itemProblems(items []source.Item, failed int, now time.Time) ([]error, error) {
	out := make([]error, len(items))
	if failed == 0 {
		return out, nil
	}
	found := 0
	for i, it := range items {
		if _, err := ingest.Article(it, now); err != nil {
			out[i] = err
			found++
		}
	}
	if found != failed {
		return nil, fmt.Errorf("store: %d items failed, %d failed again", failed, found)
	}
	return out, nil
}

// leftFor is how long a stored article may wait for its analysis before
// GroupPending takes it for one left by a worker that died: a live worker
// analyses a batch as soon as it is stored.
const leftFor = time.Minute

// GroupPending groups the stored articles in no story, as Update groups
// what it added: by batches with their working sets, or the whole store
// when those articles are as many as the rest. First it analyses the
// articles stored more than a minute ago and never analysed (a worker
// died between storing and analysing). Workers that store with Store
// call it one at a time: two at once may each start a story for one
// event.
func (p *Pipeline) GroupPending(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.classify(ctx); err != nil {
		return err
	}
	if err := p.analyzeLeft(ctx, time.Now().Add(-leftFor)); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	n, err := p.st.Ungrouped(ctx)
	if err != nil || n == 0 {
		return err
	}
	inc, err := p.incremental(ctx)
	if err != nil {
		return err
	}
	if inc {
		total, err := p.st.CountUpTo(ctx, 2*n)
		if err != nil {
			return err
		}
		inc = total >= 2*n
	}
	if !inc {
		return p.regroupAll(ctx)
	}
	return p.groupUngrouped(ctx)
}

// analyzeLeft analyses the unanalysed articles stored before t.
func (p *Pipeline) analyzeLeft(ctx context.Context, t time.Time) error {
	arts, err := p.st.Unanalyzed(ctx, 256)
	if err != nil {
		return err
	}
	var left []news.Article
	for _, a := range arts {
		if a.Ingested.Before(t) {
			left = append(left, a)
		}
	}
	if len(left) == 0 {
		return nil
	}
	_, err = p.AnalyzeAndSave(ctx, left)
	return err
}
