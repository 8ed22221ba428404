package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// writeLargeArticle writes one plain-text article of about size bytes: a
// date header, a headline and paragraphs of generated reports (names,
// quotes, counts of killed, weekdays), so that every stage has work in
// every paragraph, as in a long live blog or a pasted dossier.
func writeLargeArticle(tb testing.TB, dir string, size int) string {
	path := filepath.Join(dir, fmt.Sprintf("large-%d.txt", size))
	r := rand.New(rand.NewPCG(11, uint64(size)))
	var b strings.Builder
	b.Grow(size + 4096)
	b.WriteString(" date 2021-10-02 \n\nA long record of the valley talks\n\n")
	for i := 0; b.Len() < size; i++ {
		b.WriteString(newBenchStory(r, i).article(r, i))
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkLargeArticle ingests one plain-text article of 1, 10 and 60 MB
// with every stage, as "storyline ingest big.txt" does, into an empty
// store. It reports the seconds the ingest took and the peak resident
// memory during it (see measureIngest: where the kernel cannot reset the
// high-water mark, run one size a process).
// STORYLINE_BENCH_MB overrides the sizes with one (in MB).
func BenchmarkLargeArticle(b *testing.B) {
	sizes := []int{1, 10, 60}
	if s := os.Getenv("STORYLINE_BENCH_MB"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			b.Fatal(err)
		}
		sizes = []int{n}
	}
	for _, mb := range sizes {
		b.Run("MB="+strconv.Itoa(mb), func(b *testing.B) { benchLarge(b, mb<<20) })
	}
}

func benchLarge(b *testing.B, size int) {
	path := writeLargeArticle(b, b.TempDir(), size)
	ctx := context.Background()
	var total ingestCost
	var n int
	for b.Loop() {
		total.add(measureIngest(ctx, b, "", path, 1))
		n++
	}
	b.ReportMetric(total.secs/float64(n), "s/article")
	b.ReportMetric(total.peak, "peak-MiB")
}
