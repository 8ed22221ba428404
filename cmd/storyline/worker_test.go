package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/storetest"
)

// natsURL is the server of the NATS tests: $STORYLINE_TEST_NATS, or the
// one on loopback.
func natsURL() string {
	if u := os.Getenv("STORYLINE_TEST_NATS"); u != "" {
		return u
	}
	return "nats://127.0.0.1:4222"
}

// natsQueue connects to the test server with a stream of the test's own,
// deleted at the end; it skips the test when there is no server with
// JetStream.
func natsQueue(t testing.TB, opts queue.Options) *queue.Queue {
	t.Helper()
	b := make([]byte, 6)
	rand.Read(b)
	opts.Stream = "test_" + hex.EncodeToString(b)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	q, err := queue.Connect(ctx, natsURL(), opts)
	if err != nil {
		t.Skipf("no NATS server with JetStream at %s (set STORYLINE_TEST_NATS): %v", natsURL(), err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := q.Delete(ctx); err != nil {
			t.Error(err)
		}
		q.Close()
	})
	return q
}

// statusOf returns what storyline status --json says.
func statusOf(t testing.TB, q *queue.Queue, args ...string) statusView {
	t.Helper()
	var out, errb bytes.Buffer
	args = append([]string{"status", "--json", "--nats", natsURL(), "--stream", q.Stream()}, args...)
	if code := run(context.Background(), args, nil, &out, &errb); code != 0 {
		t.Fatalf("status: exit %d: %s", code, errb.String())
	}
	var v statusView
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("status: %v: %s", err, out.String())
	}
	return v
}

// waitDrained waits until q holds nothing pending or in progress, has
// failed dead letters, and db holds articles articles (any number when
// negative), all in stories.
func waitDrained(t testing.TB, q *queue.Queue, db string, articles int, failed uint64) {
	t.Helper()
	ctx := context.Background()
	deadline := time.Now().Add(3 * time.Minute) // a queue that never drains fails, slowly
	for {
		st, err := q.Status(ctx) // an error (a busy server) counts as not drained
		n, ungrouped := storedCount(db), -1
		if n >= 0 {
			ungrouped = ungroupedCount(t, db)
		}
		if err == nil && st.Pending == 0 && st.InProgress == 0 && st.Failed == failed && (n == articles || articles < 0 && n > 0) && ungrouped == 0 {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("queue %+v (%v), store %d articles (%d ungrouped), want %d articles, %d failed", st, err, n, ungrouped, articles, failed)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func ungroupedCount(t testing.TB, db string) int {
	st, err := openStore(context.Background(), &Env{DBPath: db, Stderr: io.Discard}, true)
	if err != nil {
		return -1
	}
	defer st.Close()
	n, err := st.Ungrouped(context.Background())
	if err != nil {
		return -1
	}
	return n
}

// partition returns the stories of a membership (article → story) as
// sorted lists of articles, sorted.
func partition(m map[string]string) []string {
	groups := map[string][]string{}
	for a, s := range m {
		groups[s] = append(groups[s], a)
	}
	var out []string
	for _, g := range groups {
		slices.Sort(g)
		out = append(out, strings.Join(g, " "))
	}
	slices.Sort(out)
	return out
}

// startWorkers runs n workers in this process until the test ends, each
// with its own store handle and connection, as separate processes would
// be; wrap, when set, wraps each one's handler.
func startWorkers(t testing.TB, q *queue.Queue, opts queue.Options, db string, n, batch int, wrap func(queue.Handler) queue.Handler) func() {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, n)
	var run []func()
	for i := range n {
		env := &Env{DBPath: db, Stderr: io.Discard, Log: slog.New(slog.DiscardHandler)}
		st, err := openStore(ctx, env, false)
		if err != nil {
			t.Fatal(err)
		}
		qs, err := newQueueStore(env, st)
		if err != nil {
			t.Fatal(err)
		}
		opts.Stream = q.Stream()
		wq, err := queue.Connect(ctx, natsURL(), opts)
		if err != nil {
			t.Fatal(err)
		}
		var h queue.Handler = qs
		if wrap != nil {
			h = wrap(h)
		}
		run = append(run, func() {
			defer st.Close()
			defer wq.Close()
			done <- wq.Work(ctx, h, queue.WorkOptions{Name: fmt.Sprint("w", i), Batch: batch, Idle: 200 * time.Millisecond})
		})
	}
	for _, f := range run { // all loaded, so that they start together
		go f()
	}
	stopped := false
	stop := func() {
		if stopped {
			return
		}
		stopped = true
		cancel()
		for range n {
			if err := <-done; err != nil {
				t.Errorf("worker: %v", err)
			}
		}
	}
	t.Cleanup(stop)
	return stop
}

// workerStatus returns the status of the worker name once its heartbeat
// says it answered done items (or, after a minute, as it is).
func workerStatus(t testing.TB, q *queue.Queue, name string, done int) queue.WorkerStatus {
	deadline := time.Now().Add(time.Minute)
	for {
		var w queue.WorkerStatus
		for _, ws := range statusOf(t, q).Queue.Workers {
			if ws.Name == name {
				w = ws
			}
		}
		if w.Done >= done || time.Now().After(deadline) {
			return w
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// TestWorkerSeedsLikeIngest publishes the seeds twice, drains them with
// storyline worker and compares the store with a direct ingest's.
func TestWorkerSeedsLikeIngest(t *testing.T) {
	needSeeds(t)
	q := natsQueue(t, queue.Options{})
	pub := []string{"ingest", "--nats", natsURL(), "--stream", q.Stream(), seedsDir}
	for i, want := range []string{"read 5, published 5, duplicates 0, failed 0", "read 5, published 0, duplicates 5, failed 0"} {
		code, out, errs := cli(t, "", pub...)
		if code != 0 || !strings.Contains(out, want) {
			t.Fatalf("publish %d: exit %d, %q %s; want %q", i+1, code, out, errs, want)
		}
	}
	if v := statusOf(t, q); v.Queue.Pending != 5 {
		t.Errorf("status after publishing twice: %+v, want 5 pending", v.Queue)
	}
	if code, out, errs := cli(t, "", "status", "--nats", natsURL(), "--stream", q.Stream()); code != 0 || !strings.Contains(out, "pending      5\n") {
		t.Errorf("status: exit %d, %q %s; want 5 pending", code, out, errs)
	}
	dir := t.TempDir()
	wdb, ddb := filepath.Join(dir, "worker.db"), filepath.Join(dir, "direct.db")
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		var out, errb bytes.Buffer
		exit <- run(ctx, []string{"worker", "--nats", natsURL(), "--stream", q.Stream(), "--db", wdb, "--name", "seeds"}, nil, &out, &errb)
	}()
	waitDrained(t, q, wdb, 5, 0)
	if w := workerStatus(t, q, "seeds", 5); w.Done != 5 || w.Batches == 0 {
		t.Errorf("worker status %+v, want 5 items done", w)
	}
	v := statusOf(t, q, "--db", wdb)
	if v.Store == nil || v.Store.Articles != 5 || v.Store.Ungrouped != 0 || v.Store.Stories == 0 {
		t.Errorf("status: %+v, store %+v; want 5 articles, none ungrouped, in stories", v.Queue, v.Store)
	}
	cancel() // as SIGINT does
	if code := <-exit; code != 0 {
		t.Errorf("worker exit %d after a signal, want 0", code)
	}
	if code, out, errs := cli(t, "", "ingest", "--db", ddb, seedsDir); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	viaQueue, _ := storyMembership(t, wdb)
	direct, _ := storyMembership(t, ddb)
	if got, want := partition(viaQueue), partition(direct); !slices.Equal(got, want) {
		t.Errorf("stories through the queue:\n%s\nwant, as ingest groups them:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// failing is a handler that fails every batch holding an item titled
// title, as a bug in a stage would.
type failing struct {
	queue.Handler
	title string
}

func (f failing) Store(ctx context.Context, items []source.Item) ([]error, error) {
	for _, it := range items {
		if it.Title == f.title {
			return nil, fmt.Errorf("%s: forced failure", it.Origin)
		}
	}
	return f.Handler.Store(ctx, items)
}

// TestWorkerPoisonItems publishes the seeds with an item extraction
// refuses and one whose batches fail: both must end in the dead letters
// with their errors, the first at once and the second after its tries,
// and the others must be stored and grouped.
func TestWorkerPoisonItems(t *testing.T) {
	needSeeds(t)
	opts := queue.Options{Tries: 2, AckWait: 5 * time.Second}
	q := natsQueue(t, opts)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.jsonl")
	writeFiles(t, dir, map[string][]byte{"bad.jsonl": jsonl(
		map[string]any{"url": "https://x.example/empty", "title": "Short"},
		map[string]any{"url": "https://x.example/poison", "title": "poison", "text": "A report that breaks a stage, in a long enough sentence."},
	)})
	if code, out, errs := cli(t, "", "ingest", "--nats", natsURL(), "--stream", q.Stream(), seedsDir, bad); code != 0 {
		t.Fatalf("publish: %d %s %s", code, out, errs)
	}
	db := filepath.Join(dir, "s.db")
	stop := startWorkers(t, q, opts, db, 1, 64, func(h queue.Handler) queue.Handler { return failing{h, "poison"} })
	waitDrained(t, q, db, 5, 2)
	stop()
	dead, err := q.DeadLetters(context.Background(), 10)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{bad + ":1": "no article", bad + ":2": "forced failure (after 2 tries)"}
	if len(dead) != 2 {
		t.Fatalf("dead letters %+v, want 2", dead)
	}
	for _, d := range dead {
		if w, ok := want[d.Origin]; !ok || !strings.Contains(d.Error, w) {
			t.Errorf("dead letter %+v, want one of %v", d, want)
		}
	}
}

// TestWorkerKilledMidBatch kills a worker process with SIGKILL while it
// holds a batch: another worker must get the batch and store each article
// once.
func TestWorkerKilledMidBatch(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	needSeeds(t)
	q := natsQueue(t, queue.Options{AckWait: 2 * time.Second})
	if code, out, errs := cli(t, "", "ingest", "--nats", natsURL(), "--stream", q.Stream(), seedsDir); code != 0 {
		t.Fatalf("publish: %d %s %s", code, out, errs)
	}
	db := filepath.Join(t.TempDir(), "s.db")
	worker := []string{"worker", "--nats", natsURL(), "--stream", q.Stream(), "--db", db, "--ack-wait", "2s"}
	cmd := exec.Command(os.Args[0], append(worker, "--name", "doomed")...)
	cmd.Env = append(os.Environ(), "STORYLINE_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	held := 0
	for held == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		st, err := q.Status(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		held = st.InProgress
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if held == 0 {
		t.Fatal("the worker took no batch within a minute")
	}
	ctx, cancel := context.WithCancel(context.Background())
	exit := make(chan int, 1)
	go func() {
		var out, errb bytes.Buffer
		exit <- run(ctx, append(worker, "--name", "heir"), nil, &out, &errb)
	}()
	waitDrained(t, q, db, 5, 0)
	heir := workerStatus(t, q, "heir", 5)
	cancel()
	<-exit
	if heir.Done != 5 || heir.Redelivered != held {
		t.Errorf("killed holding %d items; the other worker answered %d, %d of them redelivered (%+v), want 5 and %d", held, heir.Done, heir.Redelivered, heir, held)
	}
	members, total := storyMembership(t, db)
	if total != 5 || len(members) != 5 {
		t.Errorf("%d articles stored, %d in stories; want 5 and 5", total, len(members))
	}
}

// TestWorkersDemoCorpus drains the demo corpus and generated news with
// three workers into one store: every article must be stored and grouped,
// in stories equal to a direct ingest's (BCubed F1 at least 0.98).
func TestWorkersDemoCorpus(t *testing.T) {
	dir := t.TempDir()
	if err := demo.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	gen := writeBenchCorpus(t, t.TempDir(), 240)
	sameStories(t, []string{dir, gen}, sqliteRun("3 workers", 3))
}

// TestWorkersECBPlus drains ECB+ with one worker and with three: the
// stories must agree with a direct ingest's and with each other (BCubed
// F1 at least 0.98 between any two).
func TestWorkersECBPlus(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests ECB+ three times")
	}
	if _, err := os.Stat(ecbPlus); err != nil {
		t.Skipf("ECB+ not found at %s", ecbPlus)
	}
	sameStories(t, []string{ecbPlus}, sqliteRun("1 worker", 1), sqliteRun("3 workers", 3))
}

// TestSameAnswersEveryBackend ingests the seeds and ECB+ directly into
// SQLite and PostgreSQL and through NATS workers into PostgreSQL (issue
// 22: the same articles and stories, BCubed F1 >= 0.98 between any two).
func TestSameAnswersEveryBackend(t *testing.T) {
	if testing.Short() {
		t.Skip("ingests the seeds and ECB+ four times each")
	}
	for _, in := range []string{seedsDir, ecbPlus} {
		if _, err := os.Stat(in); err != nil {
			t.Skipf("%s not found", in)
		}
		t.Run(filepath.Base(in), func(t *testing.T) {
			sameStories(t, []string{in},
				storeRun{name: "PostgreSQL", db: storetest.PostgresDB(t)},
				storeRun{name: "PostgreSQL, 1 worker", db: storetest.PostgresDB(t), workers: 1},
				storeRun{name: "PostgreSQL, 3 workers", db: storetest.PostgresDB(t), workers: 3})
		})
	}
}

// A storeRun is one way of ingesting: into the store at db, directly or
// through the queue with workers.
type storeRun struct {
	name    string
	db      string // "" for a SQLite file of the test's
	workers int
}

func sqliteRun(name string, workers int) storeRun {
	return storeRun{name: name, workers: workers}
}

// sameStories ingests inputs directly into SQLite, then each run's way,
// and checks that every run stores the same articles, all in stories,
// and that any two runs' stories score a BCubed F1 of at least 0.98.
func sameStories(t *testing.T, inputs []string, runs ...storeRun) {
	ddb := filepath.Join(t.TempDir(), "direct.db")
	if code, out, errs := cli(t, "", append([]string{"ingest", "--db", ddb}, inputs...)...); code != 0 {
		t.Fatalf("ingest: %d %s %s", code, out, errs)
	}
	direct, total := storyMembership(t, ddb)
	got := map[string]map[string]string{"SQLite": direct}
	for _, r := range runs {
		db := r.db
		if db == "" {
			db = filepath.Join(t.TempDir(), "run.db")
		}
		if r.workers == 0 {
			if code, out, errs := cli(t, "", append([]string{"ingest", "--db", db}, inputs...)...); code != 0 {
				t.Fatalf("%s: ingest: %d %s %s", r.name, code, out, errs)
			}
		} else {
			q := natsQueue(t, queue.Options{})
			if code, out, errs := cli(t, "", append([]string{"ingest", "--nats", natsURL(), "--stream", q.Stream()}, inputs...)...); code != 0 {
				t.Fatalf("%s: publish: %d %s %s", r.name, code, out, errs)
			}
			stop := startWorkers(t, q, queue.Options{}, db, r.workers, 16, nil)
			waitDrained(t, q, db, total, 0)
			stop()
		}
		members, stored := storyMembership(t, db)
		if stored != total || len(members) != total {
			t.Errorf("%s stored %d articles, %d in stories; SQLite %d", r.name, stored, len(members), total)
		}
		got[r.name] = members
	}
	names := slices.Sorted(maps.Keys(got))
	for i, a := range names {
		for _, b := range names[i+1:] {
			s := clustering.Score(got[a], got[b])
			t.Logf("%s vs %s, %d articles: BCubed F1 %.3f, %d stories vs %d", b, a, total, s.BCubedF1, s.Stories, s.GoldStories)
			if s.BCubedF1 < 0.98 {
				t.Errorf("%s vs %s: BCubed F1 %.3f, want at least 0.98", b, a, s.BCubedF1)
			}
		}
	}
}
