package queue

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/storyline-news/storyline/internal/source"
)

// A Handler stores what the workers pull. In storyline it is the
// pipeline over the store.
type Handler interface {
	// Store extracts, analyses and stores items, committed when it
	// returns, and returns each item's problem (nil for an item stored
	// or known already). A problem is the item's own, bad input, and
	// final. An error fails the batch: some items may be stored, and a
	// later delivery finds them known.
	Store(ctx context.Context, items []source.Item) ([]error, error)
	// Ungrouped returns how many stored articles wait for a grouping. Its
	// error also says the store does not answer.
	Ungrouped(ctx context.Context) (int, error)
	// Group groups the stored articles that are in no story. Workers call
	// it one at a time, each on a goroutine of its own, while Store runs.
	Group(ctx context.Context) error
}

// WorkOptions configure a worker. The zero value is usable.
type WorkOptions struct {
	// Name names the worker in Status (default host:pid).
	Name string
	// Batch is the most items pulled and stored at once (default 64).
	Batch int
	// Grace is how long, after ctx is done, the batch in hand may take
	// to be stored before it is handed back to the stream (default 10s).
	Grace time.Duration
	// Idle is how long a pull waits for items (default 1s); an idle
	// worker groups what other workers stored.
	Idle time.Duration
	// GroupAfter is how many articles must wait for a grouping before a
	// busy worker groups them (default 512); an idle one groups any. A
	// grouping has a cost of its own, beside the articles': a bulk load
	// is grouped in chunks, a trickle of news as it comes.
	GroupAfter int
	// Log receives what went wrong with items and with the servers.
	Log *slog.Logger
}

func (o *WorkOptions) defaults() {
	if o.Name == "" {
		host, _ := os.Hostname()
		o.Name = host + ":" + strconv.Itoa(os.Getpid())
	}
	if o.Batch <= 0 {
		o.Batch = 64
	}
	if o.Grace <= 0 {
		o.Grace = 10 * time.Second
	}
	if o.Idle <= 0 {
		o.Idle = time.Second
	}
	if o.GroupAfter <= 0 {
		o.GroupAfter = 512
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
}

// worker is one Work loop.
type worker struct {
	q    *Queue
	h    Handler
	opts WorkOptions
	cons jetstream.Consumer
	lock *lock
	beat *heartbeat
	// groups runs the worker's grouping beside its storing, one at a
	// time (busy).
	groups sync.WaitGroup
	busy   atomic.Bool
}

// Work pulls items and stores them through h until ctx is done, then
// stores or hands back the batch in hand and returns nil. An item is
// acknowledged once h stored it; an item h finds bad, or that fails
// Tries deliveries, goes to the dead letters with its error; an item that
// fails alone is handed back to be tried again later. While the store
// does not answer, the batch is kept and tried again with back-off.
// Between batches, and when idle, the worker groups what was stored, if
// no other worker is grouping.
func (q *Queue) Work(ctx context.Context, h Handler, opts WorkOptions) error {
	opts.defaults()
	w := q.startWorker(ctx, h, opts)
	if w == nil {
		return nil // ctx ended before the server answered
	}
	defer w.beat.stop()
	work, cancel := graceContext(ctx, opts.Grace)
	defer cancel()
	defer w.groups.Wait()
	for try := 0; ctx.Err() == nil; {
		msgs, err := w.fetch(ctx)
		if err != nil {
			w.opts.Log.Warn("pull", "stream", q.opts.Stream, "err", err)
			sleep(ctx, backoff(try, 5*time.Second))
			try++
			w.repair(ctx, err)
			continue
		}
		try = 0
		if ctx.Err() != nil {
			w.handBack(msgs)
			break
		}
		if len(msgs) > 0 {
			w.handle(work, msgs)
		}
		if ctx.Err() == nil {
			w.group(work, len(msgs) == 0)
		}
	}
	return nil
}

// startWorker sets up a worker, waiting for the server while it does not
// answer (it may be restarting), until ctx ends.
func (q *Queue) startWorker(ctx context.Context, h Handler, opts WorkOptions) *worker {
	for try := 0; ; try++ {
		w, err := q.newWorker(ctx, h, opts)
		if err == nil {
			return w
		}
		opts.Log.Warn("set up worker", "stream", q.opts.Stream, "err", err)
		if sleep(ctx, backoff(try, 5*time.Second)) != nil {
			return nil
		}
	}
}

// repair makes the streams and the consumer again when a pull failed
// for want of them: a server that lost its storage, a stream deleted by
// hand.
func (w *worker) repair(ctx context.Context, err error) {
	if !errors.Is(err, jetstream.ErrConsumerNotFound) && !errors.Is(err, jetstream.ErrConsumerDeleted) &&
		!errors.Is(err, jetstream.ErrConsumerDoesNotExist) && !errors.Is(err, jetstream.ErrStreamNotFound) {
		return
	}
	if err := w.q.setUp(ctx); err != nil {
		w.opts.Log.Warn("set up stream", "stream", w.q.opts.Stream, "err", err)
		return
	}
	if c, err := w.q.consumer(ctx); err == nil {
		w.cons = c
	}
}

func (q *Queue) newWorker(ctx context.Context, h Handler, opts WorkOptions) (*worker, error) {
	cons, err := q.consumer(ctx)
	if err != nil {
		return nil, err
	}
	lk, err := q.newLock(ctx, opts.Name)
	if err != nil {
		return nil, err
	}
	beat, err := q.startHeartbeat(ctx, opts.Name)
	if err != nil {
		return nil, err
	}
	return &worker{q: q, h: h, opts: opts, cons: cons, lock: lk, beat: beat}, nil
}

// graceContext returns a context that ends grace after ctx does.
func graceContext(ctx context.Context, grace time.Duration) (context.Context, context.CancelFunc) {
	work, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, func() { time.AfterFunc(grace, cancel) })
	return work, func() { stop(); cancel() }
}

// fetch pulls up to a batch of items, waiting at most Idle. It does not
// stop when ctx ends: items the server sent meanwhile would wait AckWait
// for another worker, and Work hands them back at once.
func (w *worker) fetch(ctx context.Context) ([]jetstream.Msg, error) {
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), w.opts.Idle)
	defer cancel()
	b, err := w.cons.Fetch(w.opts.Batch, jetstream.FetchContext(fctx))
	if err != nil {
		return nil, err
	}
	var msgs []jetstream.Msg
	for m := range b.Messages() {
		msgs = append(msgs, m)
	}
	if err := b.Error(); err != nil && !isTimeout(err) {
		return msgs, err
	}
	return msgs, nil
}

func isTimeout(err error) bool {
	return errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled) || errors.Is(err, nats.ErrTimeout)
}

// job is one pulled item.
type job struct {
	msg   jetstream.Msg
	item  source.Item
	tries int // deliveries so far, this one included
}

// handle stores a pulled batch and answers each of its messages.
func (w *worker) handle(ctx context.Context, msgs []jetstream.Msg) {
	w.beat.update(func(s *WorkerStatus) { s.Storing = true; s.Batches++ })
	defer w.beat.update(func(s *WorkerStatus) { s.Storing = false })
	stop := keepAlive(msgs, w.q.opts.AckWait/3)
	defer stop()
	var jobs []job
	for _, m := range msgs {
		j, err := w.job(m)
		if err != nil {
			w.dead(ctx, j, err)
			continue
		}
		jobs = append(jobs, j)
	}
	w.process(ctx, jobs)
	w.opts.Log.Info("batch", "worker", w.opts.Name, "items", len(msgs))
}

// job reads a message: its item and its deliveries. A message delivered
// more than Tries times was held by workers that died or timed out.
func (w *worker) job(m jetstream.Msg) (job, error) {
	j := job{msg: m}
	md, err := m.Metadata()
	if err != nil {
		return j, fmt.Errorf("message on %s: %w", m.Subject(), err)
	}
	j.tries = int(md.NumDelivered)
	if j.tries > 1 {
		w.beat.update(func(s *WorkerStatus) { s.Redelivered++ })
	}
	if j.tries > w.q.opts.Tries {
		return j, fmt.Errorf("%s: delivered %d times without an answer (workers died or timed out with it)", source.Quote(m.Headers().Get(hdrOrigin)), j.tries-1)
	}
	j.item, err = decode(m.Headers(), m.Data())
	if err != nil {
		return j, fmt.Errorf("message %d on %s: %w", md.Sequence.Stream, m.Subject(), err)
	}
	return j, nil
}

// keepAlive tells the server every period that msgs are being worked
// on, so that a batch slower than AckWait is not redelivered, until the
// returned function is called.
func keepAlive(msgs []jetstream.Msg, period time.Duration) func() {
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(period)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				for _, m := range msgs {
					m.InProgress()
				}
			}
		}
	})
	return func() { close(done); wg.Wait() }
}

// process stores jobs and answers them. A batch that fails while the
// store answers is split in two, so that an item at fault fails alone
// and the others are stored.
func (w *worker) process(ctx context.Context, jobs []job) {
	if len(jobs) == 0 {
		return
	}
	problems, err := w.store(ctx, jobs)
	switch {
	case err == nil:
		for i, j := range jobs {
			if problems[i] != nil {
				w.dead(ctx, j, problems[i])
			} else {
				w.ack(j)
			}
		}
	case ctx.Err() != nil:
		for _, j := range jobs {
			j.msg.Nak()
		}
	case len(jobs) > 1:
		half := len(jobs) / 2
		w.process(ctx, jobs[:half])
		w.process(ctx, jobs[half:])
	default:
		w.retry(ctx, jobs[0], err)
	}
}

// store hands the jobs' items to the handler. While the store does not
// answer, it waits and tries again, keeping the items: an outage of the
// store costs no item a delivery.
func (w *worker) store(ctx context.Context, jobs []job) ([]error, error) {
	items := make([]source.Item, len(jobs))
	for i, j := range jobs {
		items[i] = j.item
	}
	for try := 0; ; try++ {
		problems, err := w.h.Store(ctx, items)
		if err == nil {
			if len(problems) != len(items) {
				return nil, fmt.Errorf("store: %d answers for %d items", len(problems), len(items))
			}
			return problems, nil
		}
		if ctx.Err() != nil {
			return nil, err
		}
		if _, cerr := w.h.Ungrouped(ctx); cerr == nil {
			return nil, err // the store answers: the batch is at fault
		}
		d := backoff(try, 30*time.Second)
		w.opts.Log.Warn("store not answering; trying again", "worker", w.opts.Name, "err", err, "wait", d)
		if sleep(ctx, d) != nil {
			return nil, err
		}
	}
}

func (w *worker) ack(j job) {
	if err := j.msg.Ack(); err != nil {
		// The item is stored: a redelivery finds it known.
		w.opts.Log.Warn("ack", "origin", j.item.Origin, "err", err)
	}
	w.beat.update(func(s *WorkerStatus) { s.Done++ })
}

// retry hands a failed item back to be delivered again after a delay
// growing with its tries, or, at its last try, to the dead letters.
func (w *worker) retry(ctx context.Context, j job, err error) {
	if j.tries >= w.q.opts.Tries {
		w.dead(ctx, j, fmt.Errorf("%w (after %d tries)", err, j.tries))
		return
	}
	w.opts.Log.Warn("item failed; handed back", "origin", j.item.Origin, "try", j.tries, "err", err)
	j.msg.NakWithDelay(min(time.Second<<min(j.tries-1, 16), time.Minute))
	w.beat.update(func(s *WorkerStatus) { s.Retried++ })
}

// dead puts j's message on the dead letters with its error and removes
// it from the items. When the dead letter cannot be published, the item
// is handed back.
func (w *worker) dead(ctx context.Context, j job, cause error) {
	m := nats.NewMsg(w.q.deadSubject())
	for k, v := range j.msg.Headers() {
		m.Header[k] = v
	}
	seq := ""
	if md, err := j.msg.Metadata(); err == nil {
		seq = strconv.FormatUint(md.Sequence.Stream, 10)
	}
	m.Header.Set(nats.MsgIdHdr, w.q.opts.Stream+":"+seq)
	m.Header.Set(hdrError, headerValue(cause.Error()))
	m.Header.Set(hdrTries, strconv.Itoa(j.tries))
	m.Header.Set(hdrWorker, w.opts.Name)
	m.Header.Set(hdrSequence, seq)
	m.Data = j.msg.Data()
	if _, err := w.q.publishRetry(ctx, m); err != nil {
		w.opts.Log.Error("dead letter", "origin", j.item.Origin, "err", err)
		j.msg.Nak()
		return
	}
	w.opts.Log.Warn("item failed; moved to the dead letters", "origin", j.item.Origin, "subject", m.Subject, "err", cause)
	j.msg.Ack()
	w.beat.update(func(s *WorkerStatus) { s.Failed++ })
}

// handBack returns msgs to the stream at once (a shutting-down worker's).
func (w *worker) handBack(msgs []jetstream.Msg) {
	for _, m := range msgs {
		m.Nak()
	}
}

// group starts a grouping beside the storing, unless this worker's last
// one is still running: storing and grouping then share the cores as a
// single ingest's do.
func (w *worker) group(ctx context.Context, idle bool) {
	if !w.busy.CompareAndSwap(false, true) {
		return
	}
	w.groups.Go(func() {
		defer w.busy.Store(false)
		w.groupNow(ctx, idle)
	})
}

// groupNow groups what waits for a grouping, when this worker can take
// the grouping lock; a worker that cannot leaves it to the one that holds
// it, or to a later round.
func (w *worker) groupNow(ctx context.Context, idle bool) {
	n, err := w.h.Ungrouped(ctx)
	if err != nil || n == 0 || !idle && n < w.opts.GroupAfter {
		return
	}
	held, err := w.lock.run(ctx, func(ctx context.Context) error {
		w.beat.update(func(s *WorkerStatus) { s.Grouping = true })
		defer w.beat.update(func(s *WorkerStatus) { s.Grouping = false; s.Groupings++ })
		return w.h.Group(ctx)
	})
	switch {
	case err != nil:
		w.opts.Log.Warn("group", "worker", w.opts.Name, "held", held, "err", err)
	case held:
		w.opts.Log.Info("grouped", "worker", w.opts.Name, "articles", n)
	}
}
