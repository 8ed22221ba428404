package queue

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nats-io/nats.go/jetstream"
)

// Status is the state of the queue.
type Status struct {
	Stream string `json:"stream"`
	// Pending counts items no worker took yet; InProgress, items taken
	// and not answered yet (a dead worker's, until AckWait); Redelivered,
	// those of them delivered more than once.
	Pending     uint64 `json:"pending"`
	InProgress  int    `json:"in_progress"`
	Redelivered int    `json:"redelivered"`
	// Failed counts the dead letters.
	Failed  uint64         `json:"failed"`
	Workers []WorkerStatus `json:"workers"`
}

// WorkerStatus is what a worker last said of itself; a worker silent
// for a minute (stopped, killed) is no longer listed.
type WorkerStatus struct {
	Name string `json:"name"`
	// Storing and Grouping say what it is doing now (both at once:
	// grouping runs beside the storing).
	Storing  bool      `json:"storing"`
	Grouping bool      `json:"grouping"`
	Started  time.Time `json:"started"`
	Seen     time.Time `json:"seen"`
	Batches  int       `json:"batches"` // batches pulled
	Done     int       `json:"done"`    // items stored (or known) and acknowledged
	Failed   int       `json:"failed"`  // items sent to the dead letters
	Retried  int       `json:"retried"` // items handed back to be tried again
	// Redelivered counts the items it took that another delivery had
	// held before: a dead worker's, or ones handed back.
	Redelivered int `json:"redelivered"`
	Groupings   int `json:"groupings"` // groupings run
}

// State says what the worker is doing: "idle", "storing", "grouping" or
// "storing, grouping".
func (ws WorkerStatus) State() string {
	switch {
	case ws.Storing && ws.Grouping:
		return "storing, grouping"
	case ws.Storing:
		return "storing"
	case ws.Grouping:
		return "grouping"
	}
	return "idle"
}

// Status reads the queue's state from the server.
func (q *Queue) Status(ctx context.Context) (Status, error) {
	st := Status{Stream: q.opts.Stream}
	items, err := q.js.Stream(ctx, q.opts.Stream)
	if errors.Is(err, jetstream.ErrStreamNotFound) {
		return st, fmt.Errorf("status of %s: no such stream (publish with storyline ingest --nats first)", q.opts.Stream)
	}
	if err != nil {
		return st, fmt.Errorf("status of %s: %w", q.opts.Stream, err)
	}
	c, err := items.Consumer(ctx, Durable)
	switch {
	case errors.Is(err, jetstream.ErrConsumerNotFound):
		// No worker ever started: every item is pending.
		if st.Pending, err = streamMsgs(ctx, items); err != nil {
			return st, err
		}
	case err != nil:
		return st, fmt.Errorf("status of %s: %w", q.opts.Stream, err)
	default:
		ci, err := c.Info(ctx)
		if err != nil {
			return st, fmt.Errorf("status of %s: %w", q.opts.Stream, err)
		}
		st.Pending, st.InProgress, st.Redelivered = ci.NumPending, ci.NumAckPending, ci.NumRedelivered
	}
	dead, err := q.js.Stream(ctx, q.deadStream())
	if err != nil {
		return st, fmt.Errorf("status of %s: %w", q.deadStream(), err)
	}
	if st.Failed, err = streamMsgs(ctx, dead); err != nil {
		return st, err
	}
	st.Workers, err = q.workers(ctx)
	return st, err
}

func streamMsgs(ctx context.Context, s jetstream.Stream) (uint64, error) {
	info, err := s.Info(ctx)
	if err != nil {
		return 0, fmt.Errorf("status of %s: %w", s.CachedInfo().Config.Name, err)
	}
	return info.State.Msgs, nil
}

// workers reads the heartbeats.
func (q *Queue) workers(ctx context.Context) ([]WorkerStatus, error) {
	kv, err := q.js.KeyValue(ctx, q.beatBucket())
	if errors.Is(err, jetstream.ErrBucketNotFound) {
		return nil, nil // no worker ever ran
	}
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", q.beatBucket(), err)
	}
	keys, err := kv.ListKeys(ctx)
	if err != nil {
		return nil, fmt.Errorf("bucket %s: %w", q.beatBucket(), err)
	}
	var out []WorkerStatus
	for k := range keys.Keys() {
		e, err := kv.Get(ctx, k)
		if err != nil {
			continue // gone since listed
		}
		var ws WorkerStatus
		if json.Unmarshal(e.Value(), &ws) == nil {
			out = append(out, ws)
		}
	}
	slices.SortFunc(out, func(a, b WorkerStatus) int { return strings.Compare(a.Name, b.Name) })
	return out, nil
}

// DeadLetter is an item the workers gave up on.
type DeadLetter struct {
	Origin string `json:"origin"` // where the publisher read it
	Error  string `json:"error"`
	Tries  int    `json:"tries"`
	Worker string `json:"worker"`
}

// DeadLetters returns up to limit dead letters, the latest first.
func (q *Queue) DeadLetters(ctx context.Context, limit int) ([]DeadLetter, error) {
	s, err := q.js.Stream(ctx, q.deadStream())
	if err != nil {
		return nil, fmt.Errorf("dead letters of %s: %w", q.opts.Stream, err)
	}
	info, err := s.Info(ctx)
	if err != nil {
		return nil, fmt.Errorf("dead letters of %s: %w", q.opts.Stream, err)
	}
	var out []DeadLetter
	for seq := info.State.LastSeq; seq >= info.State.FirstSeq && seq > 0 && len(out) < limit; seq-- {
		m, err := s.GetMsg(ctx, seq)
		if errors.Is(err, jetstream.ErrMsgNotFound) {
			continue
		}
		if err != nil {
			return out, fmt.Errorf("dead letter %d of %s: %w", seq, q.opts.Stream, err)
		}
		tries, _ := strconv.Atoi(m.Header.Get(hdrTries))
		out = append(out, DeadLetter{Origin: m.Header.Get(hdrOrigin), Error: m.Header.Get(hdrError), Tries: tries, Worker: m.Header.Get(hdrWorker)})
	}
	return out, nil
}

// beatEvery is how often a worker writes its heartbeat; an entry of the
// heartbeats' bucket lives beatTTL.
const (
	beatEvery = 2 * time.Second
	beatTTL   = time.Minute
)

// heartbeat writes a worker's status to the heartbeats' bucket, under its
// name, every beatEvery.
type heartbeat struct {
	kv   jetstream.KeyValue
	key  string
	mu   sync.Mutex
	st   WorkerStatus
	done chan struct{}
	wg   sync.WaitGroup
}

func (q *Queue) startHeartbeat(ctx context.Context, name string) (*heartbeat, error) {
	kv, err := q.js.CreateOrUpdateKeyValue(ctx, jetstream.KeyValueConfig{
		Bucket:      q.beatBucket(),
		Description: "Storyline: the workers' heartbeats",
		History:     1,
		TTL:         beatTTL,
		Storage:     jetstream.FileStorage,
	})
	if err != nil {
		return nil, fmt.Errorf("create bucket %s: %w", q.beatBucket(), err)
	}
	now := time.Now().UTC()
	h := &heartbeat{kv: kv, key: beatKey(name), st: WorkerStatus{Name: name, Started: now}, done: make(chan struct{})}
	h.wg.Go(h.loop)
	return h, nil
}

// beatKey makes a worker's name a valid key.
func beatKey(name string) string {
	b := []byte(name)
	for i, c := range b {
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '='
		if !ok {
			b[i] = '_'
		}
	}
	return string(b)
}

// update changes the worker's status.
func (h *heartbeat) update(f func(*WorkerStatus)) {
	h.mu.Lock()
	f(&h.st)
	h.mu.Unlock()
}

func (h *heartbeat) loop() {
	t := time.NewTicker(beatEvery)
	defer t.Stop()
	for {
		h.put()
		select {
		case <-h.done:
			return
		case <-t.C:
		}
	}
}

func (h *heartbeat) put() {
	h.mu.Lock()
	h.st.Seen = time.Now().UTC()
	b, _ := json.Marshal(h.st)
	h.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h.kv.Put(ctx, h.key, b) // a missed beat is made up by the next
}

// stop ends the heartbeats and removes the worker from the bucket.
func (h *heartbeat) stop() {
	close(h.done)
	h.wg.Wait()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	h.kv.Delete(ctx, h.key)
}
