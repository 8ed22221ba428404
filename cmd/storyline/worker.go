package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"time"

	"github.com/storyline-news/storyline/internal/queue"
)

var workerFlags struct {
	nats, stream, name string
	batch, tries       int
	ackWait            time.Duration
}

var cmdWorker = &Command{
	Name:      "worker",
	UsageLine: "worker --nats URL [--stream NAME] [--batch N] [--tries N] [--ack-wait DURATION] [--name NAME] [--db STORE]",
	Short:     "store the articles published to a NATS JetStream stream",
	Long: `Worker pulls the items that "storyline ingest --nats" published to a NATS
JetStream stream, and extracts, analyses and stores them as ingest does,
until Ctrl-C or SIGTERM. Run as many as you like, on as many machines,
over one store: they share the stream's consumer, so each item goes to
one of them.

An item is acknowledged once it is stored. An item held by a worker that
dies is delivered to another after --ack-wait. An item that cannot be
read, or that fails --tries deliveries, goes to the dead letters (the
stream NAME_dead) with its error; the other items of its batch are
stored all the same. While the store does not answer, a worker keeps its
batch and tries again; while NATS does not, it reconnects.

Grouping (copies, stories, storylines) runs in one worker at a time, the
one holding a lock in NATS; the others go on storing, and the holder
groups what they stored. On Ctrl-C the batch in hand is stored (or,
after 10s, handed back) and the worker exits with status 0.

"storyline status --nats URL" shows the queue and the workers.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&workerFlags.nats, "nats", "", "the NATS server's `URL` (nats://host:4222)")
		fs.StringVar(&workerFlags.stream, "stream", queue.DefaultStream, "the JetStream stream `name`")
		fs.StringVar(&workerFlags.name, "name", "", "the worker's `name` in status (default host:pid)")
		fs.IntVar(&workerFlags.batch, "batch", 64, "pull and store at most `N` items at once")
		fs.IntVar(&workerFlags.tries, "tries", 5, "deliveries of an item before it goes to the dead letters")
		fs.DurationVar(&workerFlags.ackWait, "ack-wait", 30*time.Second, "redeliver an item a worker holds this long without an answer (the last worker to start sets it for all)")
	},
	Run: runWorker,
}

func runWorker(ctx context.Context, env *Env, args []string) error {
	if workerFlags.nats == "" {
		return usageErrorf("worker needs --nats URL")
	}
	if len(args) > 0 {
		return usageErrorf("worker takes no arguments (publish with storyline ingest --nats)")
	}
	q, err := queue.Connect(ctx, workerFlags.nats, queue.Options{
		Stream: workerFlags.stream, Name: "storyline worker " + workerFlags.name,
		AckWait: workerFlags.ackWait, Tries: workerFlags.tries,
	})
	if err != nil {
		return err
	}
	defer q.Close()
	st, err := openStore(ctx, env, false)
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := newQueueStore(env, st)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	fmt.Fprintf(env.Stderr, "worker pulling from %s at %s into %s (Ctrl-C to stop)\n", q.Stream(), workerFlags.nats, env.DBPath)
	return q.Work(ctx, h, queue.WorkOptions{
		Name: workerFlags.name, Batch: workerFlags.batch, Log: log,
	})
}
