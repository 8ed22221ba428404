package main

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
)

// publishIngest is ingest --nats: it reads the arguments as ingest does
// and publishes the items to the stream, for workers to store.
func publishIngest(ctx context.Context, env *Env, url, stream string, args []string) error {
	q, err := queue.Connect(ctx, url, queue.Options{Stream: stream, Name: "storyline ingest"})
	if err != nil {
		return err
	}
	defer q.Close()
	items := source.Read(ctx, args, source.Options{Stdin: env.Stdin})
	prog := newProgress(env.Stderr)
	sum, err := q.Publish(ctx, items, func(p queue.Published) {
		// The line reads "new" for published and "known" for duplicates.
		prog.update(ingest.Summary{Read: p.Read, New: p.Published, Known: p.Duplicates, Failed: p.Failed})
	})
	prog.done()
	return reportPublish(env, sum, err)
}

// reportPublish prints what a publish did, as reportIngest does for an
// ingest.
func reportPublish(env *Env, sum queue.Published, err error) error {
	counts := fmt.Sprintf("read %d, published %d, duplicates %d, failed %d", sum.Read, sum.Published, sum.Duplicates, sum.Failed)
	return reportRun(env, ingestQuiet, sum.Problems, sum.Warnings, sum, counts, sum.Failed, sum.Read, err)
}

// queueStore is what a worker does with the items it pulls: the
// pipeline stores and analyses them, and groups in turns with the other
// workers. Storing and grouping run side by side, each with a pipeline of
// its own (a pipeline runs one thing at a time), as two processes would.
type queueStore struct {
	p, grouper *pipeline.Pipeline
	st         Store
	env        *Env
}

// newQueueStore returns the handler of a worker over st.
func newQueueStore(env *Env, st Store) (queueStore, error) {
	p, err := newPipeline(env, st)
	if err != nil {
		return queueStore{}, err
	}
	g, err := newPipeline(env, st)
	if err != nil {
		return queueStore{}, err
	}
	return queueStore{p: p, grouper: g, st: st, env: env}, nil
}

var _ queue.Handler = queueStore{}

func (s queueStore) Store(ctx context.Context, items []source.Item) ([]error, error) {
	sum, problems, err := s.p.Store(ctx, items, ingest.Options{})
	for _, w := range sum.Warnings {
		s.env.Log.Warn(oneLine(w.Error()))
	}
	return problems, err
}

func (s queueStore) Ungrouped(ctx context.Context) (int, error) { return s.st.Ungrouped(ctx) }

func (s queueStore) Group(ctx context.Context) error { return s.grouper.GroupPending(ctx) }
