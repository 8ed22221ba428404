package ingest_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// words is a small vocabulary for generated articles.
var words = strings.Fields(`the minister said on monday that talks with the group would resume
in the capital after a border clash killed three guards and injured four officials who were
travelling to the dam where farmers protested against the government and its water policy while
police arrested eleven suspects near the village and the envoy called for calm as both sides
agreed to meet again next week to discuss sanctions ceasefire elections budget reform court
ruling appeal judge parliament vote opposition leader statement press conference army attack`)

// genArticle writes a plain-text article of about 400 words.
func genArticle(r *rand.Rand, i int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Report %d from the valley\n\n", i)
	for p := range 5 {
		for s := range 5 {
			n := 10 + r.IntN(10)
			for w := range n {
				word := words[r.IntN(len(words))]
				if w == 0 {
					word = strings.ToUpper(word[:1]) + word[1:]
				}
				b.WriteString(word)
				b.WriteByte(' ')
			}
			fmt.Fprintf(&b, "%d. ", i*31+p*7+s)
		}
		b.WriteString("\n\n")
	}
	return b.String()
}

// writeCorpus writes n generated articles as a JSON Lines file.
func writeCorpus(b *testing.B, dir string, n int) string {
	path := filepath.Join(dir, "gen.jsonl")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		j, _ := json.Marshal(map[string]any{"url": "https://gen.example/" + strconv.Itoa(i), "source": "Gen Wire", "text": genArticle(r, i)})
		w.Write(j)
		w.WriteByte('\n')
	}
	w.Flush()
	f.Close()
	return path
}

// peakRSS returns the process's peak resident set size in MiB (Linux).
func peakRSS() float64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			kb, _ := strconv.Atoi(strings.Fields(line)[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

func benchIngest(b *testing.B, args []string) {
	ctx := context.Background()
	total := 0
	for b.Loop() {
		db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "b.db"))
		if err != nil {
			b.Fatal(err)
		}
		sum, err := ingest.Run(ctx, source.Read(ctx, args, source.Options{}), db, ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		db.Close()
		total += sum.New
	}
	b.ReportMetric(float64(total)/b.Elapsed().Seconds(), "articles/s")
	b.ReportMetric(peakRSS(), "peak-MiB")
}

// BenchmarkIngestText ingests 100,000 generated plain-text articles (about
// 400 words each) from JSON Lines into a fresh store. Set
// STORYLINE_BENCH_N to change the count.
func BenchmarkIngestText(b *testing.B) {
	n := 100_000
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	path := writeCorpus(b, b.TempDir(), n)
	b.ResetTimer()
	benchIngest(b, []string{path})
}

// BenchmarkIngestScrapinghubHTML ingests the 181 HTML pages of the
// Scrapinghub benchmark (gzip-compressed HTML files).
func BenchmarkIngestScrapinghubHTML(b *testing.B) {
	dir := "../../../shared/data/extraction/scrapinghub/html"
	if _, err := os.Stat(dir); err != nil {
		b.Skip("benchmark pages not found in ../shared/data")
	}
	benchIngest(b, []string{dir})
}
