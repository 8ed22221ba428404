package main

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
)

// BenchmarkMarginal measures what adding N articles to a store of M costs
// (issue 19, "Marginal cost"): the wall time of the ingest call, as
// "storyline ingest" makes it with every stage, and the process's peak
// resident memory during it. For comparison it ingests the same N into an
// empty store, so that the work beyond analysing the N themselves is
// beyond-s = s/ingest - alone-s.
//
// STORYLINE_BENCH_STORES lists the store sizes M (default "10000"),
// STORYLINE_BENCH_ADD the additions N (default "1,100,1000"). Each store is
// built once per size and copied before every measurement, so that every
// N starts from the same M articles. Building one takes long (on 2 cores,
// half a minute at 10,000, five minutes at 100,000): with
// STORYLINE_BENCH_CACHE set to a directory, the built store is kept there
// and reused by later runs. STORYLINE_BENCH_CHUNK=K builds it K articles
// at a time, as a stream grows a store: one full grouping of the first K,
// then incremental ones (a million in one ingest spends long in its final
// whole grouping).
// Delete the cache when the analysis or the schema changes, or the stored
// analyses are those of the old code.
//
// Metrics, per sub-benchmark store=M/add=N (means over iterations, peaks
// the largest):
//
//	s/ingest        seconds of the ingest of N into the store of M (also ns/op)
//	ms/article      s/ingest per added article
//	cpu-s           CPU seconds (user and system) of the process during it
//	peak-MiB        peak RSS during that ingest
//	alone-s         seconds of the ingest of the same N into an empty store
//	alone-cpu-s     CPU seconds of the process during it
//	alone-peak-MiB  peak RSS during that ingest
//	beyond-s        s/ingest - alone-s
//	beyond-cpu-s    cpu-s - alone-cpu-s (steadier than wall time on a
//	                busy machine)
//
// Peak RSS is measured per ingest: before each, freed memory is returned
// to the OS and the kernel's high-water mark is reset by writing "5" to
// /proc/self/clear_refs (Linux 4.0 and later; it works on the machines
// this was written on). Where the kernel refuses, the benchmark logs it
// and peak-MiB is the process's high-water mark so far: then run one
// sub-benchmark per process, -bench 'Marginal/store=10000/add=100$'.
func BenchmarkMarginal(b *testing.B) {
	stores := benchInts(b, "STORYLINE_BENCH_STORES", "10000")
	adds := benchInts(b, "STORYLINE_BENCH_ADD", "1,100,1000")
	// The headroom: articles generated past the store and held out of
	// it, from which every N is drawn. It is part of the cache key (it
	// changes the generated corpus), so it stays 1,000 unless an N needs
	// more.
	headroom := 1000
	for _, n := range adds {
		headroom = max(headroom, n+n%2)
	}
	eachMarginalStore(b, stores, headroom, func(b *testing.B, base, extra string) {
		for _, n := range adds {
			b.Run("add="+strconv.Itoa(n), func(b *testing.B) { benchMarginal(b, base, extra, n) })
		}
	})
}

// eachMarginalStore runs fn in a sub-benchmark store=M for each of
// stores, with the store file of M generated articles and the file of
// the headroom held out of it (see marginalStore), kept in
// STORYLINE_BENCH_CACHE when it is set.
func eachMarginalStore(b *testing.B, stores []int, headroom int, fn func(b *testing.B, base, extra string)) {
	cache := os.Getenv("STORYLINE_BENCH_CACHE")
	for _, m := range stores {
		b.Run("store="+strconv.Itoa(m), func(b *testing.B) {
			dir := cache
			if dir == "" {
				dir = b.TempDir()
			}
			base, extra := marginalStore(b, dir, m, headroom)
			fn(b, base, extra)
		})
	}
}

// benchMarginal measures adding n of the held-out articles in extra to
// copies of the store file base.
func benchMarginal(b *testing.B, base, extra string, n int) {
	ctx := context.Background()
	add := marginalAdditions(b, extra, n)
	var mine, alone ingestCost
	var runs int
	for b.Loop() {
		// The same n into an empty store: analysing them, grouping them
		// and storing them, with nothing else stored.
		alone.add(measureIngest(ctx, b, "", add, n))
		// Into a copy of the store of m.
		mine.add(measureIngest(ctx, b, base, add, n))
		runs++
	}
	if mine.stale || alone.stale {
		b.Log("cannot reset the peak RSS (/proc/self/clear_refs): peak-MiB is the process's high-water mark; run one sub-benchmark per process")
	}
	r := float64(runs)
	b.ReportMetric(mine.secs/r*1e9, "ns/op") // the ingest alone, not the copies
	b.ReportMetric(mine.secs/r, "s/ingest")
	b.ReportMetric(mine.secs/r*1000/float64(n), "ms/article")
	b.ReportMetric(mine.cpu/r, "cpu-s")
	b.ReportMetric(mine.peak, "peak-MiB")
	b.ReportMetric(alone.secs/r, "alone-s")
	b.ReportMetric(alone.cpu/r, "alone-cpu-s")
	b.ReportMetric(alone.peak, "alone-peak-MiB")
	b.ReportMetric((mine.secs-alone.secs)/r, "beyond-s")
	b.ReportMetric((mine.cpu-alone.cpu)/r, "beyond-cpu-s")
}

// ingestCost sums what ingests cost.
type ingestCost struct {
	secs float64 // wall seconds
	cpu  float64 // CPU seconds of the process, user and system
	peak float64 // the largest peak RSS, MiB
	// stale: the kernel refused to reset the high-water mark, so peak is
	// the process's, not the ingest's.
	stale bool
}

func (c *ingestCost) add(x ingestCost) {
	c.secs += x.secs
	c.cpu += x.cpu
	c.peak = max(c.peak, x.peak)
	c.stale = c.stale || x.stale
}

// measureIngest ingests the n articles in add into a copy of the store
// file base (an empty store if base is ""), with every stage, and returns
// what the ingest call cost.
func measureIngest(ctx context.Context, b *testing.B, base, add string, n int) ingestCost {
	dir := b.TempDir()
	defer os.RemoveAll(dir) // a copy of a large store is gigabytes
	env := &Env{DBPath: filepath.Join(dir, "marginal.db")}
	if base != "" {
		copyStore(b, base, env.DBPath)
	}
	st, pl, err := openPipeline(ctx, env)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	reset := resetPeakRSS()
	cpu0, t0 := cpuSeconds(), time.Now()
	sum, err := pl.Ingest(ctx, source.Read(ctx, []string{add}, source.Options{}), ingest.Options{})
	c := ingestCost{secs: time.Since(t0).Seconds(), cpu: cpuSeconds() - cpu0, peak: peakRSSMiB(), stale: !reset}
	if err != nil {
		b.Fatal(err)
	}
	if sum.New != n {
		b.Fatalf("stored %d new articles, want %d (known %d, problems: %v)", sum.New, n, sum.Known, sum.Problems)
	}
	return c
}

// cpuSeconds returns the CPU time the process has used, user and system,
// in seconds. On a machine shared with other work it varies less than
// wall time.
func cpuSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano()).Seconds()
}

// resetPeakRSS returns freed memory to the OS and resets the process's
// peak resident set size (VmHWM) to its current size, so that the next
// peakRSSMiB is the peak of what runs in between. It reports whether the
// kernel allowed the reset.
func resetPeakRSS() bool {
	runtime.GC()
	debug.FreeOSMemory()
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

// marginalStore returns the store file of m generated articles in dir and
// the JSON Lines file of the h articles held out of it, building both
// unless dir holds them from an earlier run.
//
// The articles are the first m+h distinct ones of writeBenchCorpus, so
// that the held-out ones come from the same stories and days as the
// stored ones. Half of them (group A) are every other article of the h
// around the m-th, whose neighbours are stored: reports of generated
// stories the store holds (the generator writes a story's eight or so
// reports one after another). The other half (group B) are the h/2 after
// those, later than every stored article: mostly new stories, a few
// ending a stored one, and copies of recent reports as in the rest of the
// corpus. The extra file holds group A, then group B, in corpus order.
func marginalStore(b *testing.B, dir string, m, h int) (base, extra string) {
	if m < h/2 {
		b.Fatalf("store of %d articles is smaller than half the %d held out", m, h)
	}
	key := filepath.Join(dir, fmt.Sprintf("marginal-%d-of-%d", m, marginalCorpusSize(m, h)))
	var chunk int
	if os.Getenv("STORYLINE_BENCH_CHUNK") != "" {
		chunk = benchInts(b, "STORYLINE_BENCH_CHUNK", "")[0]
		key += fmt.Sprintf("-by-%d", chunk)
	}
	base, extra = key+".db", key+"-extra.jsonl"
	if fileBytes(base) > 0 && fileBytes(extra) > 0 {
		b.Logf("reusing %s", base)
		return base, extra
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		b.Fatal(err)
	}
	tmp := b.TempDir()
	// A few generated articles repeat an earlier one (see splitCorpus):
	// generate more, so that m+h distinct ones remain.
	corpus := writeBenchCorpus(b, tmp, marginalCorpusSize(m, h))
	stored := filepath.Join(tmp, "stored.jsonl")
	skipped := splitCorpus(b, corpus, stored, extra+".tmp", m+h, func(i int) bool {
		if lo := m - h/2; i >= lo && i < m+h/2 {
			return (i-lo)%2 == 1
		}
		return i >= m+h/2
	})
	os.Remove(corpus)

	ctx := context.Background()
	env := &Env{DBPath: key + ".building.db"}
	for _, suffix := range []string{"", "-wal", "-shm"} {
		os.Remove(env.DBPath + suffix) // a build that was interrupted
	}
	st, pl, err := openPipeline(ctx, env)
	if err != nil {
		b.Fatal(err)
	}
	t0 := time.Now()
	var added int
	for _, part := range chunks(b, stored, chunk) {
		sum, err := pl.Ingest(ctx, source.Read(ctx, []string{part}, source.Options{}), ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		added += sum.New
		os.Remove(part)
		if chunk > 0 {
			b.Logf("stored %d articles after %.0f s", added, time.Since(t0).Seconds())
		}
	}
	if added != m {
		b.Fatalf("stored %d articles, want %d", added, m)
	}
	if err := st.Close(); err != nil {
		b.Fatal(err)
	}
	b.Logf("built a store of %d articles in %.0f s (%d generated repeats skipped): %s", m, time.Since(t0).Seconds(), skipped, base)
	// Closing the last connection checkpoints the write-ahead log into
	// the file and removes it; should one remain, it goes with the file.
	os.Remove(env.DBPath + "-shm")
	for _, suffix := range []string{"-wal", ""} {
		if fileBytes(env.DBPath+suffix) > 0 {
			if err := os.Rename(env.DBPath+suffix, base+suffix); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := os.Rename(extra+".tmp", extra); err != nil {
		b.Fatal(err)
	}
	return base, extra
}

// marginalCorpusSize is the number of articles generated for a store of m
// and h held out: 5% more, of which about 1.5% repeat an earlier one.
func marginalCorpusSize(m, h int) int { return (m+h)*21/20 + 100 }

// splitCorpus copies the first total distinct articles of the JSON Lines
// file in to held when hold(i) for the article's index i among them, and
// to stored otherwise. An article is distinct unless an earlier one has
// the same outlet and text: the store would take it for the earlier one
// (sqlite.DB.Add), and the generator makes a few (two copies of one
// report given to the same outlet). It reports how many articles of in it
// skipped.
// chunks splits the JSON Lines file in into files of n lines each, in
// order, and returns their paths; n <= 0 returns in alone. A store built
// a chunk at a time is grouped as a stream of news is, incrementally
// after the first chunk (STORYLINE_BENCH_CHUNK), instead of by one full
// grouping at the end.
func chunks(tb testing.TB, in string, n int) []string {
	if n <= 0 {
		return []string{in}
	}
	f, err := os.Open(in)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	var w *bufio.Writer
	var cur *os.File
	flush := func() {
		if cur != nil {
			if err := errors.Join(w.Flush(), cur.Close()); err != nil {
				tb.Fatal(err)
			}
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for i := 0; sc.Scan(); i++ {
		if i%n == 0 {
			flush()
			cur, err = os.Create(fmt.Sprintf("%s.%05d.jsonl", in, len(out)))
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, cur.Name())
			w = bufio.NewWriter(cur)
		}
		w.Write(sc.Bytes())
		w.WriteByte('\n')
	}
	flush()
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return out
}

func splitCorpus(tb testing.TB, in, stored, held string, total int, hold func(int) bool) (skipped int) {
	f, err := os.Open(in)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sf, err := os.Create(stored)
	if err != nil {
		tb.Fatal(err)
	}
	hf, err := os.Create(held)
	if err != nil {
		tb.Fatal(err)
	}
	sw, hw := bufio.NewWriter(sf), bufio.NewWriter(hf)
	r := bufio.NewReader(f)
	seen := make(map[[16]byte]bool, total)
	i := 0
	for i < total {
		line, err := r.ReadBytes('\n')
		if err == io.EOF {
			tb.Fatalf("%s: %d distinct articles, want %d", in, i, total)
		}
		if err != nil {
			tb.Fatal(err)
		}
		var a struct{ Source, Text string }
		if err := json.Unmarshal(line, &a); err != nil {
			tb.Fatal(err)
		}
		sum := sha256.Sum256([]byte(a.Source + "\x00" + a.Text))
		if k := [16]byte(sum[:16]); seen[k] {
			skipped++
			continue
		} else {
			seen[k] = true
		}
		if hold(i) {
			hw.Write(line)
		} else {
			sw.Write(line)
		}
		i++
	}
	for _, w := range []*bufio.Writer{sw, hw} {
		if err := w.Flush(); err != nil {
			tb.Fatal(err)
		}
	}
	if err := sf.Close(); err != nil {
		tb.Fatal(err)
	}
	if err := hf.Close(); err != nil {
		tb.Fatal(err)
	}
	return skipped
}

// marginalAdditions writes the n articles to add, drawn from the held-out
// articles in extra (see marginalStore), to a file and returns its path:
// the last (n+1)/2 of group A, reports of stored stories, and the first
// n/2 of group B, mostly new stories. One article added is one more report
// of a story the store knows.
func marginalAdditions(b *testing.B, extra string, n int) string {
	data, err := os.ReadFile(extra)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	half := len(lines) / 2
	if n > len(lines) {
		b.Fatalf("%d articles to add, %d held out", n, len(lines))
	}
	picked := append(lines[half-(n+1)/2:half:half], lines[half:half+n/2]...)
	path := filepath.Join(b.TempDir(), fmt.Sprintf("add-%d.jsonl", n))
	if err := os.WriteFile(path, []byte(strings.Join(picked, "\n")+"\n"), 0o644); err != nil {
		b.Fatal(err)
	}
	return path
}

// copyStore copies the store file from, with its write-ahead log if it
// has one, to to.
func copyStore(tb testing.TB, from, to string) {
	for _, suffix := range []string{"", "-wal"} {
		if suffix != "" && fileBytes(from+suffix) == 0 {
			continue
		}
		src, err := os.Open(from + suffix)
		if err != nil {
			tb.Fatal(err)
		}
		dst, err := os.Create(to + suffix)
		if err != nil {
			tb.Fatal(err)
		}
		_, err = io.Copy(dst, src)
		src.Close()
		if err == nil {
			// A store in use has its pages on disk. Left dirty, the copy's
			// pages would be written out by the ingest's first checkpoint
			// (its fsync), which then cost seconds of wall time at a
			// million articles that no real ingest pays.
			err = dst.Sync()
		}
		if cerr := dst.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			tb.Fatal(err)
		}
	}
}

// benchInts returns the comma-separated integers of the environment
// variable name, or of def when it is unset.
func benchInts(b *testing.B, name, def string) []int {
	s := os.Getenv(name)
	if s == "" {
		s = def
	}
	var out []int
	for f := range strings.SplitSeq(s, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(f))
		if err != nil || n <= 0 {
			b.Fatalf("%s=%q: want positive integers separated by commas", name, s)
		}
		out = append(out, n)
	}
	return out
}
