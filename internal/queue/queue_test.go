package queue

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nats-io/nats.go"
	"github.com/nats-io/nats.go/jetstream"
	"github.com/storyline-news/storyline/internal/source"
)

// natsURL is the server the tests use: $STORYLINE_TEST_NATS, or the one
// on loopback.
func natsURL() string {
	if u := os.Getenv("STORYLINE_TEST_NATS"); u != "" {
		return u
	}
	return "nats://127.0.0.1:4222"
}

// testQueue connects to the test server with a stream of its own, which
// it deletes at the end; it skips the test when there is no server with
// JetStream.
func testQueue(t testing.TB, opts Options) *Queue {
	t.Helper()
	nc, err := nats.Connect(natsURL(), nats.Timeout(2*time.Second))
	if err != nil {
		t.Skipf("no NATS server at %s (set STORYLINE_TEST_NATS): %v", natsURL(), err)
	}
	js, _ := jetstream.New(nc)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := js.AccountInfo(ctx); err != nil {
		nc.Close()
		t.Skipf("NATS server at %s has no JetStream: %v", natsURL(), err)
	}
	nc.Close()
	if opts.Stream == "" {
		opts.Stream = "test_" + randomName()
	}
	q, err := Connect(ctx, natsURL(), opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { deleteQueue(t, q) })
	return q
}

func randomName() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// deleteQueue deletes what q made on the server.
func deleteQueue(t testing.TB, q *Queue) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := q.Delete(ctx); err != nil {
		t.Error(err)
	}
	q.Close()
}

// items returns n items, each with its own URL.
func items(n int) []source.Item {
	var out []source.Item
	for i := range n {
		out = append(out, source.Item{
			Origin: fmt.Sprintf("test.jsonl:%d", i+1), Format: source.FormatJSONL,
			URL: fmt.Sprintf("https://example.com/%d", i), Title: fmt.Sprintf("Article %d", i),
			Text: fmt.Sprintf("The text of article %d.", i),
		})
	}
	return out
}

func seq(list []source.Item) func(func(source.Item, error) bool) {
	return func(yield func(source.Item, error) bool) {
		for _, it := range list {
			if !yield(it, nil) {
				return
			}
		}
	}
}

func TestPublishDropsDuplicates(t *testing.T) {
	q := testQueue(t, Options{})
	ctx := context.Background()
	first, err := q.Publish(ctx, seq(items(5)), nil)
	if err != nil {
		t.Fatal(err)
	}
	again, err := q.Publish(ctx, seq(items(5)), nil)
	if err != nil {
		t.Fatal(err)
	}
	if first.Published != 5 || first.Duplicates != 0 || again.Published != 0 || again.Duplicates != 5 {
		t.Errorf("published %+v, then %+v; want 5 published, then 5 duplicates", first, again)
	}
	st, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if st.Pending != 5 {
		t.Errorf("pending %d, want 5", st.Pending)
	}
}

func TestPublishReportsBadInput(t *testing.T) {
	q := testQueue(t, Options{})
	bad := &source.Problem{File: "broken.jsonl", Line: 2, Offset: -1, Err: errors.New("invalid JSON")}
	all := func(yield func(source.Item, error) bool) {
		list := items(2)
		_ = yield(list[0], nil) && yield(source.Item{}, bad) && yield(list[1], nil)
	}
	sum, err := q.Publish(context.Background(), all, nil)
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 3 || sum.Published != 2 || sum.Failed != 1 || len(sum.Problems) != 1 || !strings.Contains(sum.Problems[0].Error(), "broken.jsonl") {
		t.Errorf("got %+v, want 3 read, 2 published, 1 failed naming broken.jsonl", sum)
	}
}

func TestIdentity(t *testing.T) {
	base := source.Item{Origin: "a.txt", Outlet: "Wire", Title: "T", Text: "Body"}
	tests := []struct {
		name string
		a, b source.Item
		same bool
	}{
		{"same content, other file", base, with(base, func(it *source.Item) { it.Origin = "b.txt" }), true},
		{"other text", base, with(base, func(it *source.Item) { it.Text = "Other" }), false},
		{"other outlet", base, with(base, func(it *source.Item) { it.Outlet = "Post" }), false},
		{"same URL, other text", with(base, func(it *source.Item) { it.URL = "https://x/1" }),
			with(base, func(it *source.Item) { it.URL = "https://x/1"; it.Text = "Updated" }), true},
		{"other URL", with(base, func(it *source.Item) { it.URL = "https://x/1" }), with(base, func(it *source.Item) { it.URL = "https://x/2" }), false},
		{"HTML differs", with(base, func(it *source.Item) { it.HTML = []byte("<p>a") }), with(base, func(it *source.Item) { it.HTML = []byte("<p>b") }), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Identity(tt.a) == Identity(tt.b); got != tt.same {
				t.Errorf("same identity = %v, want %v", got, tt.same)
			}
		})
	}
}

func with(it source.Item, f func(*source.Item)) source.Item {
	f(&it)
	return it
}

func TestEncodeDecode(t *testing.T) {
	big := strings.Repeat("<p>A paragraph of a long page.</p>\n", 2000)
	tests := []source.Item{
		{Origin: "a.jsonl:3", Format: source.FormatJSONL, URL: "https://x/1", Title: "T", Outlet: "O",
			Published: time.Date(2024, 5, 1, 10, 0, 0, 0, time.UTC), Text: "Body", Meta: map[string]string{"author": "A"}},
		{Origin: "page.html", Format: source.FormatHTML, HTML: []byte(big), Charset: "utf-8"},
		{Origin: "latin1.html", Format: source.FormatHTML, HTML: []byte("<p>caf\xe9</p>")},
	}
	for _, it := range tests {
		t.Run(it.Origin, func(t *testing.T) {
			m, err := encode("s.items", it)
			if err != nil {
				t.Fatal(err)
			}
			got, err := decode(m.Header, m.Data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Origin != it.Origin || got.URL != it.URL || got.Text != it.Text || string(got.HTML) != string(it.HTML) ||
				!got.Published.Equal(it.Published) || got.Meta["author"] != it.Meta["author"] || got.Format != it.Format {
				t.Errorf("decoded %+v, want %+v", got, it)
			}
			if len(it.HTML) > gzipOver && len(m.Data) >= len(it.HTML)/2 {
				t.Errorf("body of %d bytes for %d of HTML: not compressed", len(m.Data), len(it.HTML))
			}
		})
	}
}

// memStore is a Handler that keeps items in memory. An item titled "bad"
// is bad input; a batch holding an item titled "poison" fails.
type memStore struct {
	mu       sync.Mutex
	stored   map[string]int // identity → times stored
	grouped  map[string]bool
	grouping int           // groupings running now
	most     int           // most groupings at once
	down     bool          // the store does not answer
	calls    int           // Store calls
	hold     chan struct{} // when set, Store waits for it, once
	entered  chan struct{} // closed when Store waits for hold
}

func newMemStore() *memStore {
	return &memStore{stored: map[string]int{}, grouped: map[string]bool{}}
}

func (m *memStore) Store(ctx context.Context, items []source.Item) ([]error, error) {
	if m.hold != nil {
		close(m.entered)
		<-m.hold
		m.hold = nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.calls++
	if m.down {
		return nil, errors.New("store down")
	}
	problems := make([]error, len(items))
	for _, it := range items {
		if it.Title == "poison" {
			return nil, fmt.Errorf("%s: poisoned", it.Origin)
		}
	}
	for i, it := range items {
		if it.Title == "bad" {
			problems[i] = fmt.Errorf("%s: no article", it.Origin)
			continue
		}
		m.stored[Identity(it)]++
	}
	return problems, nil
}

func (m *memStore) Ungrouped(ctx context.Context) (int, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.down {
		return 0, errors.New("store down")
	}
	return len(m.stored) - len(m.grouped), nil
}

func (m *memStore) Group(ctx context.Context) error {
	m.mu.Lock()
	m.grouping++
	m.most = max(m.most, m.grouping)
	m.mu.Unlock()
	time.Sleep(20 * time.Millisecond) // long enough for others to try
	m.mu.Lock()
	defer m.mu.Unlock()
	m.grouping--
	for id := range m.stored {
		m.grouped[id] = true
	}
	return nil
}

// once returns whether every item of list was stored exactly once.
func (m *memStore) once(list []source.Item) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	for _, it := range list {
		if m.stored[Identity(it)] != 1 {
			return false
		}
	}
	return true
}

// work runs a worker until the returned function is called, which waits
// for it to return and checks it returned nil.
func work(t *testing.T, q *Queue, h Handler, opts WorkOptions) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	if opts.Idle == 0 {
		opts.Idle = 200 * time.Millisecond
	}
	go func() { done <- q.Work(ctx, h, opts) }()
	return func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("worker %s: %v", opts.Name, err)
		}
	}
}

// waitFor polls cond until it holds, failing the test after a minute,
// for a queue that does not drain (it says what it saw last).
func waitFor(t *testing.T, what string, cond func() (bool, string)) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for {
		ok, saw := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: still %s after a minute", what, saw)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// drained waits until q has nothing pending or in progress and failed
// dead letters.
func drained(t *testing.T, q *Queue, failed uint64) Status {
	t.Helper()
	var st Status
	waitFor(t, "drain", func() (bool, string) {
		var err error
		st, err = q.Status(context.Background())
		if err != nil {
			return false, err.Error()
		}
		return st.Pending == 0 && st.InProgress == 0 && st.Failed == failed, fmt.Sprintf("%+v", st)
	})
	return st
}

func TestWorkerDeadLetters(t *testing.T) {
	q := testQueue(t, Options{AckWait: 2 * time.Second, Tries: 3})
	list := items(6)
	list[2].Title = "bad"
	list[4].Title = "poison"
	if _, err := q.Publish(context.Background(), seq(list), nil); err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	stop := work(t, q, m, WorkOptions{Name: "w1", Batch: 10})
	drained(t, q, 2)
	stop()
	good := slices.Concat(list[:2], list[3:4], list[5:])
	if !m.once(good) {
		t.Errorf("stored %v, want each good item once", m.stored)
	}
	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{ // origin → what its error says
		list[2].Origin: "no article",
		list[4].Origin: "poisoned (after 3 tries)",
	}
	if len(dead) != 2 {
		t.Fatalf("dead letters %+v, want 2", dead)
	}
	for _, d := range dead {
		if !strings.Contains(d.Error, want[d.Origin]) || d.Worker != "w1" {
			t.Errorf("dead letter %+v, want its error to say %q", d, want[d.Origin])
		}
	}
}

func TestWorkerKilledItemsGoToAnother(t *testing.T) {
	q := testQueue(t, Options{AckWait: time.Second})
	ctx := context.Background()
	list := items(5)
	if _, err := q.Publish(ctx, seq(list), nil); err != nil {
		t.Fatal(err)
	}
	// A worker that pulls the batch and dies before answering.
	cons, err := q.consumer(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := cons.FetchNoWait(10)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for range b.Messages() {
		n++
	}
	st, err := q.Status(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if n != 5 || st.InProgress != 5 {
		t.Fatalf("dead worker pulled %d, %d in progress; want 5", n, st.InProgress)
	}
	m := newMemStore()
	stop := work(t, q, m, WorkOptions{Name: "w2"})
	st = drained(t, q, 0)
	stop()
	if !m.once(list) {
		t.Errorf("stored %v, want each item once", m.stored)
	}
}

func TestWorkersGroupOneAtATime(t *testing.T) {
	q := testQueue(t, Options{})
	list := items(300)
	if _, err := q.Publish(context.Background(), seq(list), nil); err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	var stops []func()
	for i := range 3 {
		stops = append(stops, work(t, q, m, WorkOptions{Name: fmt.Sprint("w", i), Batch: 5}))
	}
	drained(t, q, 0)
	waitFor(t, "grouping", func() (bool, string) {
		n, _ := m.Ungrouped(context.Background())
		return n == 0, fmt.Sprint(n, " ungrouped")
	})
	for _, stop := range stops {
		stop()
	}
	if !m.once(list) {
		t.Errorf("not every item stored once")
	}
	if m.most != 1 {
		t.Errorf("%d groupings ran at once, want 1", m.most)
	}
}

func TestWorkerShutdownFinishesBatch(t *testing.T) {
	q := testQueue(t, Options{})
	list := items(4)
	if _, err := q.Publish(context.Background(), seq(list), nil); err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	m.hold = make(chan struct{})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	m.entered = make(chan struct{})
	go func() { done <- q.Work(ctx, m, WorkOptions{Name: "w", Idle: 200 * time.Millisecond}) }()
	<-m.entered
	cancel() // as SIGINT does, while the batch is being stored
	close(m.hold)
	if err := <-done; err != nil {
		t.Errorf("Work = %v, want nil", err)
	}
	drained(t, q, 0)
	if !m.once(list) {
		t.Errorf("stored %v, want the batch in hand stored", m.stored)
	}
}

func TestStatusListsWorkers(t *testing.T) {
	q := testQueue(t, Options{})
	if _, err := q.Publish(context.Background(), seq(items(3)), nil); err != nil {
		t.Fatal(err)
	}
	stop := work(t, q, newMemStore(), WorkOptions{Name: "reporter"})
	var st Status
	waitFor(t, "heartbeat", func() (bool, string) {
		st, _ = q.Status(context.Background())
		return len(st.Workers) == 1 && st.Workers[0].Done == 3, fmt.Sprintf("%+v", st)
	})
	if w := st.Workers[0]; w.Name != "reporter" || w.Batches == 0 || w.Seen.IsZero() {
		t.Errorf("worker %+v", w)
	}
	stop()
	if st, _ = q.Status(context.Background()); len(st.Workers) != 0 {
		t.Errorf("a stopped worker is still listed: %+v", st.Workers)
	}
}

// TestWorkerWaitsForStore keeps the store down while a worker holds a
// batch: the worker must keep the batch and store it when the store is
// back, without spending the items' tries.
func TestWorkerWaitsForStore(t *testing.T) {
	q := testQueue(t, Options{AckWait: time.Second, Tries: 2})
	list := items(3)
	if _, err := q.Publish(context.Background(), seq(list), nil); err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	m.down = true
	stop := work(t, q, m, WorkOptions{Name: "patient"})
	waitFor(t, "retries", func() (bool, string) {
		m.mu.Lock()
		defer m.mu.Unlock()
		return m.calls >= 5, fmt.Sprint(m.calls, " calls")
	})
	m.mu.Lock()
	m.down = false
	m.mu.Unlock()
	drained(t, q, 0)
	var w WorkerStatus
	waitFor(t, "heartbeat", func() (bool, string) {
		st, _ := q.Status(context.Background())
		if len(st.Workers) == 1 {
			w = st.Workers[0]
		}
		return w.Done == 3, fmt.Sprintf("%+v", st)
	})
	stop()
	if !m.once(list) || w.Retried != 0 || w.Redelivered != 0 {
		t.Errorf("stored %v, worker %+v; want each item once, none retried or redelivered", m.stored, w)
	}
}

// TestWorkerMakesConsumerAgain deletes the workers' consumer under a
// running worker: it must make it again and store what comes next.
func TestWorkerMakesConsumerAgain(t *testing.T) {
	q := testQueue(t, Options{})
	m := newMemStore()
	stop := work(t, q, m, WorkOptions{Name: "w"})
	waitFor(t, "worker", func() (bool, string) {
		st, err := q.Status(context.Background())
		return err == nil && len(st.Workers) == 1, fmt.Sprint(st, err)
	})
	if err := q.js.DeleteConsumer(context.Background(), q.opts.Stream, Durable); err != nil {
		t.Fatal(err)
	}
	list := items(3)
	if _, err := q.Publish(context.Background(), seq(list), nil); err != nil {
		t.Fatal(err)
	}
	drained(t, q, 0)
	stop()
	if !m.once(list) {
		t.Errorf("stored %v, want each item once", m.stored)
	}
}

// TestGroupingLockExpires leaves the grouping lock to a holder that died
// with it: once the lock expires, a worker must take it and group.
func TestGroupingLockExpires(t *testing.T) {
	q := testQueue(t, Options{})
	q.lockTTL = 2 * time.Second
	ctx := context.Background()
	dead, err := q.newLock(ctx, "dead")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := dead.kv.Create(ctx, lockKey, []byte("dead")); err != nil {
		t.Fatal(err)
	}
	list := items(4)
	if _, err := q.Publish(ctx, seq(list), nil); err != nil {
		t.Fatal(err)
	}
	m := newMemStore()
	stop := work(t, q, m, WorkOptions{Name: "heir"})
	waitFor(t, "grouping", func() (bool, string) {
		n, _ := m.Ungrouped(ctx)
		return n == 0 && m.once(list), fmt.Sprint(n, " ungrouped")
	})
	stop()
}
