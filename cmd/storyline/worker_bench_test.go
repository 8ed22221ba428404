package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/storetest"
)

// BenchmarkWorkers measures workers draining a stream into one SQLite
// store: STORYLINE_BENCH_N generated articles (default 300, see
// writeBenchCorpus) are published (not measured), then 1, 2 and 4
// workers in this process, each with its own store handle and NATS
// connection as separate processes would have, store, analyse and group
// them, 64 a batch.
//
// Metrics:
//
//	articles/s             from the workers' start to the last article grouped
//	articles/s/worker      the same, divided by the workers
//	store-%, group-%       of the workers' time (workers × wall time), the
//	                       share in storing (extract, store, analyse) and
//	                       in grouping; the rest is waiting (for the
//	                       store's write lock, for items, for the poll)
//
// The sub-benchmark ingest is a single-process storyline ingest of the
// same file into SQLite, for comparison. STORYLINE_BENCH_STORE=postgres
// has the workers drain into a new PostgreSQL database of the test
// server's (see storetest.PostgresDB) instead:
//
//	STORYLINE_BENCH_STORE=postgres STORYLINE_BENCH_N=10000 go test ./cmd/storyline -run '^$' -bench Workers -benchtime 1x -timeout 2h
func BenchmarkWorkers(b *testing.B) {
	n := 300
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	corpus := writeBenchCorpus(b, b.TempDir(), n)
	b.Run("ingest", func(b *testing.B) {
		var secs float64
		var stored int
		for b.Loop() {
			s, articles := ingestOnce(b, corpus)
			secs += s
			stored += articles
		}
		b.ReportMetric(float64(stored)/secs, "articles/s")
	})
	for _, workers := range []int{1, 2, 4} {
		b.Run(fmt.Sprintf("workers=%d", workers), func(b *testing.B) {
			var secs float64
			var stored int
			var spent timed
			for b.Loop() {
				s, articles := drainOnce(b, corpus, workers, &spent)
				secs += s
				stored += articles
			}
			b.ReportMetric(float64(stored)/secs, "articles/s")
			b.ReportMetric(float64(stored)/secs/float64(workers), "articles/s/worker")
			b.ReportMetric(100*spent.store.Seconds()/secs/float64(workers), "store-%")
			b.ReportMetric(100*spent.group.Seconds()/secs/float64(workers), "group-%")
		})
	}
}

// timed sums the time workers spend storing and grouping.
type timed struct {
	mu           sync.Mutex
	store, group time.Duration
}

// timing is a handler that adds its time to a timed.
type timing struct {
	queue.Handler
	t *timed
}

func (h timing) Store(ctx context.Context, items []source.Item) ([]error, error) {
	defer h.add(&h.t.store, time.Now())
	return h.Handler.Store(ctx, items)
}

func (h timing) Group(ctx context.Context) error {
	defer h.add(&h.t.group, time.Now())
	return h.Handler.Group(ctx)
}

func (h timing) add(d *time.Duration, start time.Time) {
	h.t.mu.Lock()
	*d += time.Since(start)
	h.t.mu.Unlock()
}

// ingestOnce ingests corpus into a new store in this process, as
// storyline ingest does, and returns the seconds and the articles stored.
func ingestOnce(b *testing.B, corpus string) (float64, int) {
	ctx := context.Background()
	env := &Env{DBPath: filepath.Join(b.TempDir(), "ingest.db")}
	st, pl, err := openPipeline(ctx, env)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	t0 := time.Now()
	sum, err := pl.Ingest(ctx, source.Read(ctx, []string{corpus}, source.Options{}), ingest.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return time.Since(t0).Seconds(), sum.New
}

// drainOnce publishes corpus to a new stream and drains it with workers
// into a new store; it returns the seconds the draining took and the
// articles stored.
func drainOnce(b *testing.B, corpus string, workers int, spent *timed) (float64, int) {
	ctx := context.Background()
	q := natsQueue(b, queue.Options{})
	if _, err := q.Publish(ctx, source.Read(ctx, []string{corpus}, source.Options{}), nil); err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(b.TempDir(), "workers.db")
	if os.Getenv("STORYLINE_BENCH_STORE") == "postgres" {
		db = storetest.PostgresDB(b)
	}
	wrap := func(h queue.Handler) queue.Handler { return timing{h, spent} }
	stop := startWorkers(b, q, queue.Options{}, db, workers, 64, wrap)
	t0 := time.Now()
	waitDrained(b, q, db, -1, 0)
	secs := time.Since(t0).Seconds()
	stop()
	return secs, storedCount(db)
}
