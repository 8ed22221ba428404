// Package queue hands raw items to many workers through a NATS JetStream
// stream. A publisher puts each item on the stream under its identity, so
// that the stream's duplicate window drops a re-publish; workers share one
// durable pull consumer, store what they pull through a Handler (the
// pipeline) and acknowledge each item only after the store committed it.
// An item that keeps failing goes to a dead-letter stream with its error,
// and the rest keep flowing. Grouping runs in one worker at a time, under
// a lock held in a JetStream key-value bucket.
//
// Names derive from the stream's: items are published on "<stream>.items",
// dead letters kept in the stream "<stream>_dead" on "<stream>.dead", the
// consumer is "workers", the grouping lock lives in the bucket
// "<stream>_lock" and the workers' heartbeats in "<stream>_workers".
package queue

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
)

// DefaultStream is the stream's name when Options.Stream is empty.
const DefaultStream = "storyline"

// Durable is the name of the consumer all workers share.
const Durable = "workers"

// DuplicateWindow is how long the stream remembers an item's identity: a
// re-publish within it is dropped by the server. Later re-publishes reach
// a worker, and the store's "already known" rule keeps them out.
const DuplicateWindow = time.Hour

// Options configure a Queue. The zero value is usable.
type Options struct {
	// Stream names the stream (default DefaultStream).
	Stream string
	// Name names the connection, as the server's monitoring lists it.
	Name string
	// AckWait is how long a worker may hold an item without answering
	// before the server delivers it to another (default 30s). Workers
	// signal progress on held items, so a slow batch is not redelivered;
	// a dead worker's items are, after AckWait.
	AckWait time.Duration
	// Tries is how many deliveries an item gets before it goes to the
	// dead letters (default 5): a worker failing on it, or dying with it.
	Tries int
}

func (o *Options) defaults() {
	if o.Stream == "" {
		o.Stream = DefaultStream
	}
	if o.AckWait <= 0 {
		o.AckWait = 30 * time.Second
	}
	if o.Tries <= 0 {
		o.Tries = 5
	}
}

// A Queue is a connection to the stream of items. It is safe for
// concurrent use.
type Queue struct {
	nc      *nats.Conn
	js      jetstream.JetStream
	opts    Options
	lockTTL time.Duration // the grouping lock's, when not defaultLockTTL (tests)
}

// Connect connects to the NATS server at url and makes sure the stream
// and the dead letters exist (the workers' consumer is the workers' to
// make, with their AckWait). The connection
// reconnects for ever when the server goes away: what is published or
// acknowledged meanwhile waits for it.
func Connect(ctx context.Context, url string, opts Options) (*Queue, error) {
	q, err := dial(url, opts)
	if err != nil {
		return nil, err
	}
	if err := q.setUp(ctx); err != nil {
		q.Close()
		return nil, err
	}
	return q, nil
}

// Open is Connect for a reader of the queue (status): it creates nothing.
func Open(url string, opts Options) (*Queue, error) {
	return dial(url, opts)
}

func dial(url string, opts Options) (*Queue, error) {
	opts.defaults()
	nc, err := nats.Connect(url,
		nats.Name(opts.Name),
		nats.MaxReconnects(-1),
		nats.ReconnectWait(time.Second),
		nats.ReconnectJitter(100*time.Millisecond, time.Second),
	)
	if err != nil {
		return nil, fmt.Errorf("connect to NATS at %s: %w", url, err)
	}
	js, err := jetstream.New(nc)
	if err != nil {
		nc.Close()
		return nil, fmt.Errorf("JetStream at %s: %w", url, err)
	}
	return &Queue{nc: nc, js: js, opts: opts}, nil
}

// Close drains nothing and closes the connection.
func (q *Queue) Close() { q.nc.Close() }

// Stream returns the stream's name.
func (q *Queue) Stream() string { return q.opts.Stream }

func (q *Queue) itemSubject() string { return q.opts.Stream + ".items" }
func (q *Queue) deadSubject() string { return q.opts.Stream + ".dead" }
func (q *Queue) deadStream() string  { return q.opts.Stream + "_dead" }
func (q *Queue) lockBucket() string  { return q.opts.Stream + "_lock" }
func (q *Queue) beatBucket() string  { return q.opts.Stream + "_workers" }

// setUp creates or updates the streams.
//
// The items' stream has work-queue retention: an item leaves it when a
// worker acknowledges it, so what the stream holds is the work not done
// and a stream of millions of processed items costs nothing. The store,
// not the stream, is the record of what was read (a limits stream would
// keep a replayable history, at the cost of disk that grows for ever).
// File storage keeps the items across a server restart.
func (q *Queue) setUp(ctx context.Context) error {
	items := jetstream.StreamConfig{
		Name:        q.opts.Stream,
		Description: "Storyline: raw items waiting for a worker",
		Subjects:    []string{q.itemSubject()},
		Retention:   jetstream.WorkQueuePolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  DuplicateWindow,
	}
	if _, err := q.js.CreateOrUpdateStream(ctx, items); err != nil {
		return fmt.Errorf("create stream %s: %w", items.Name, jsHint(err))
	}
	dead := jetstream.StreamConfig{
		Name:        q.deadStream(),
		Description: "Storyline: items the workers gave up on, with their errors",
		Subjects:    []string{q.deadSubject()},
		Retention:   jetstream.LimitsPolicy,
		Storage:     jetstream.FileStorage,
		Duplicates:  time.Minute,
	}
	if _, err := q.js.CreateOrUpdateStream(ctx, dead); err != nil {
		return fmt.Errorf("create stream %s: %w", dead.Name, jsHint(err))
	}
	return nil
}

// consumer creates or updates the workers' consumer: the last worker to
// start sets its AckWait.
func (q *Queue) consumer(ctx context.Context) (jetstream.Consumer, error) {
	c, err := q.js.CreateOrUpdateConsumer(ctx, q.opts.Stream, q.consumerConfig())
	if err != nil {
		return nil, fmt.Errorf("create consumer %s on %s: %w", Durable, q.opts.Stream, err)
	}
	return c, nil
}

// consumerConfig is the workers' consumer. MaxDeliver is unbounded on
// the server: the worker that takes an item for the Tries-th time (or
// later, after workers died with it) decides its fate and dead-letters
// it with the reason. A server-side bound would stop delivering the item
// and leave it in the stream with no error attached.
func (q *Queue) consumerConfig() jetstream.ConsumerConfig {
	return jetstream.ConsumerConfig{
		Durable:       Durable,
		Description:   "Storyline workers",
		AckPolicy:     jetstream.AckExplicitPolicy,
		AckWait:       q.opts.AckWait,
		MaxDeliver:    -1,
		FilterSubject: q.itemSubject(),
		MaxAckPending: 4096,
	}
}

// jsHint explains the error of a server without JetStream.
func jsHint(err error) error {
	if errors.Is(err, jetstream.ErrJetStreamNotEnabled) || errors.Is(err, jetstream.ErrJetStreamNotEnabledForAccount) || errors.Is(err, nats.ErrNoResponders) {
		return fmt.Errorf("%w (is JetStream enabled? start nats-server with -js)", err)
	}
	return err
}

// Delete removes what Connect and the workers made on the server: the
// stream with the items not yet stored, the dead letters, the grouping
// lock and the heartbeats.
func (q *Queue) Delete(ctx context.Context) error {
	for _, s := range []string{q.opts.Stream, q.deadStream()} {
		if err := q.js.DeleteStream(ctx, s); err != nil && !errors.Is(err, jetstream.ErrStreamNotFound) {
			return fmt.Errorf("delete stream %s: %w", s, err)
		}
	}
	for _, b := range []string{q.lockBucket(), q.beatBucket()} {
		if err := q.js.DeleteKeyValue(ctx, b); err != nil && !errors.Is(err, jetstream.ErrBucketNotFound) {
			return fmt.Errorf("delete bucket %s: %w", b, err)
		}
	}
	return nil
}
