package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// BenchmarkGeneratedStories checks that the generated corpus of the other
// benchmarks (writeBenchCorpus) has stories as news has them: it ingests
// 2,000 generated articles with every stage, as measureIngest does, and
// compares the stored stories with the stories the generator wrote
// (benchStories). STORYLINE_BENCH_N sets the number of articles.
//
// Metrics (of the last iteration; articles/s is the mean):
//
//	bcubed-P, bcubed-R, bcubed-F1  BCubed of the stories against the truth
//	pairwise-F1                    pairwise F1 of the same
//	stories, true-stories          stories stored, stories generated
//	largest-story                  articles in the largest story
//	largest-%                      the same, percent of articles stored
//	articles/s                     of the ingest
//
// A low precision or a large largest story means generated stories that
// the clustering cannot tell apart (or a clustering that merges them); a
// low recall, reports of one story that it cannot tell belong together.
func BenchmarkGeneratedStories(b *testing.B) {
	n := 2000
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	corpus := writeBenchCorpus(b, b.TempDir(), n)
	truth := benchStories(n)
	ctx := context.Background()
	var secs float64
	var total int
	var sc clustering.Scores
	var largest int
	for b.Loop() {
		dir := b.TempDir()
		env := &Env{DBPath: filepath.Join(dir, "generated.db")}
		st, pl, err := openPipeline(ctx, env)
		if err != nil {
			b.Fatal(err)
		}
		t0 := time.Now()
		sum, err := pl.Ingest(ctx, source.Read(ctx, []string{corpus}, source.Options{}), ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		secs += time.Since(t0).Seconds()
		total += sum.New
		if sum.Failed > 0 {
			b.Fatalf("%d articles failed: %v", sum.Failed, sum.Problems)
		}
		b.StopTimer()
		gold, pred := storedStories(ctx, b, st, truth)
		sc = clustering.Score(gold, pred)
		largest = 0
		size := make(map[string]int)
		for _, s := range pred {
			size[s]++
			largest = max(largest, size[s])
		}
		if testing.Verbose() {
			splits, merges := clustering.Mistakes(gold, pred)
			b.Logf("%d articles stored of %d; %d stories of %d generated; %d split, %d mixed",
				len(gold), n, sc.Stories, sc.GoldStories, len(splits), len(merges))
			for i, m := range merges[:min(5, len(merges))] {
				b.Logf("mixed story %d: %d articles, from generated stories %v", i, m.Size, m.Parts)
			}
		}
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(sc.BCubedPrecision, "bcubed-P")
	b.ReportMetric(sc.BCubedRecall, "bcubed-R")
	b.ReportMetric(sc.BCubedF1, "bcubed-F1")
	b.ReportMetric(sc.PairwiseF1, "pairwise-F1")
	b.ReportMetric(float64(sc.Stories), "stories")
	b.ReportMetric(float64(sc.GoldStories), "true-stories")
	b.ReportMetric(float64(largest), "largest-story")
	b.ReportMetric(100*float64(largest)/float64(max(1, sc.Articles)), "largest-%")
	b.ReportMetric(float64(total)/secs, "articles/s")
}

// storedStories returns, for every article of st, its generated story
// (gold) and its stored story (pred), both by URL. An article in no
// story is left out of pred (Score counts it as a story of its own).
func storedStories(ctx context.Context, b *testing.B, st Store, truth map[string]int) (gold, pred map[string]string) {
	arts, _, err := st.Articles(ctx, news.ArticleFilter{Limit: len(truth) + 1})
	if err != nil {
		b.Fatal(err)
	}
	gold = make(map[string]string, len(arts))
	pred = make(map[string]string, len(arts))
	for _, a := range arts {
		g, ok := truth[a.URL]
		if !ok {
			b.Fatalf("stored article %s has a URL the generator did not write: %q", a.ID, a.URL)
		}
		gold[a.URL] = strconv.Itoa(g)
		s, err := st.StoryOf(ctx, a.ID)
		if errors.Is(err, news.ErrNotFound) {
			continue
		}
		if err != nil {
			b.Fatal(err)
		}
		pred[a.URL] = string(s)
	}
	return gold, pred
}
