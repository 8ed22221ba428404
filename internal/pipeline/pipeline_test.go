package pipeline_test

import (
	"context"
	"fmt"
	"iter"
	"math/rand/v2"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/sqlite"
)

var _ pipeline.Store = (*sqlite.DB)(nil)

// items returns n generated reports from one outlet as source items:
// stories of a few reports each, about fictional places.
func items(outlet string, n int, seed uint64) iter.Seq2[source.Item, error] {
	places := strings.Fields("Lisk Dunmere Avel Korvath Istrel Maren Solvik Tarnow Ebberly Quillan")
	words := strings.Fields("talks dam border strike port budget ceasefire grain flood court vote protest")
	return func(yield func(source.Item, error) bool) {
		r := rand.New(rand.NewPCG(seed, 1))
		for i := range n {
			story := i / 4
			place, topic := places[story%len(places)], words[story%len(words)]
			var b strings.Builder
			fmt.Fprintf(&b, "Officials in %s%d discussed the %s on Monday. ", place, story, topic)
			for range 6 {
				fmt.Fprintf(&b, "The %s in %s%d went on as %s %s. ", topic, place, story, words[r.IntN(len(words))], words[r.IntN(len(words))])
			}
			it := source.Item{
				Origin:    fmt.Sprintf("%s:%d", outlet, i+1),
				Format:    source.FormatJSONL,
				URL:       fmt.Sprintf("https://%s.example/%d", outlet, i),
				Outlet:    outlet,
				Title:     fmt.Sprintf("%s talks in %s%d", topic, place, story),
				Text:      b.String(),
				Published: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, story),
			}
			if !yield(it, nil) {
				return
			}
		}
	}
}

func newPipeline(t *testing.T, path string) (*pipeline.Pipeline, *sqlite.DB) {
	t.Helper()
	st, err := sqlite.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	an := analysis.New(analysis.Stages{Cluster: cluster.Options{GuessNames: true}})
	return pipeline.New(an, st), st
}

// TestConcurrentWritersGroupEverything runs two ingests at once on one
// store, as two processes would (each with its own connection and
// pipeline). Each saves a grouping that replaces the other's; before the
// last writer grouped again what the other had stored meanwhile,
// thousands of articles were left in no story, both runs succeeding.
func TestConcurrentWritersGroupEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	const n = 300
	var wg sync.WaitGroup
	errs := make([]error, 2)
	for w, outlet := range []string{"meridian", "harbour"} {
		p, _ := newPipeline(t, path)
		wg.Go(func() {
			_, errs[w] = p.Ingest(context.Background(), items(outlet, n, uint64(w)), ingest.Options{BatchSize: 8})
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	_, st := newPipeline(t, path)
	if total, err := st.Count(t.Context()); err != nil || total != 2*n {
		t.Fatalf("stored %d articles, %v; want %d", total, err, 2*n)
	}
	if left, err := st.Ungrouped(t.Context()); err != nil || left != 0 {
		t.Errorf("%d of %d articles in no story after both ingests, %v", left, 2*n, err)
	}
}

// TestUpdateGroupsOnlyWhatIsNew checks that an update bringing nothing new
// leaves the stored grouping untouched, and one bringing new articles
// groups them.
func TestUpdateGroupsOnlyWhatIsNew(t *testing.T) {
	p, st := newPipeline(t, filepath.Join(t.TempDir(), "s.db"))
	ctx := t.Context()
	if _, err := p.Ingest(ctx, items("meridian", 20, 1), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	v, err := st.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := p.Update(ctx, items("meridian", 20, 1), ingest.Options{})
	if err != nil || sum.New != 0 || sum.Known != 20 {
		t.Fatalf("update with known articles: %+v, %v", sum, err)
	}
	if v2, _ := st.Version(ctx); v2 != v {
		t.Errorf("an update with nothing new wrote to the store")
	}
	sum, err = p.Update(ctx, items("harbour", 12, 2), ingest.Options{})
	if err != nil || sum.New != 12 {
		t.Fatalf("update with new articles: %+v, %v", sum, err)
	}
	if left, err := st.Ungrouped(ctx); err != nil || left != 0 {
		t.Errorf("%d articles in no story after the update, %v", left, err)
	}
	stories, _, err := st.Stories(ctx, news.StoryFilter{Limit: 100})
	if err != nil || len(stories) == 0 {
		t.Fatalf("stories: %d, %v", len(stories), err)
	}
}

// TestLongArticleWarns checks that an ingest says which article was read
// in segments, naming where it came from.
func TestLongArticleWarns(t *testing.T) {
	p, _ := newPipeline(t, filepath.Join(t.TempDir(), "s.db"))
	long := strings.Repeat("Officials in Lisk discussed the dam on Monday.\n\n", 8000) // 392 KB
	items := func(yield func(source.Item, error) bool) {
		yield(source.Item{Origin: "dossier.txt", Format: source.FormatText, Text: long}, nil)
	}
	sum, err := p.Ingest(t.Context(), items, ingest.Options{})
	if err != nil || sum.New != 1 {
		t.Fatalf("ingest: %+v, %v", sum, err)
	}
	var warned bool
	for _, w := range sum.Warnings {
		warned = warned || strings.HasPrefix(w.Error(), "dossier.txt: article ") && strings.Contains(w.Error(), "segments")
	}
	if !warned {
		t.Errorf("warnings %v do not name dossier.txt as read in segments", sum.Warnings)
	}
}

// membership returns every stored article's story.
func membership(t *testing.T, st *sqlite.DB) map[string]string {
	t.Helper()
	arts, _, err := st.Articles(t.Context(), news.ArticleFilter{Limit: 100_000})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]news.ArticleID, len(arts))
	for i, a := range arts {
		ids[i] = a.ID
	}
	of, err := st.StoriesOf(t.Context(), ids)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for a, s := range of {
		out[string(a)] = string(s)
	}
	if len(out) != len(ids) {
		t.Fatalf("%d of %d articles are in a story", len(out), len(ids))
	}
	return out
}

// TestIncrementalAgreesWithFull adds articles a few at a time to a
// grouped store, each update grouped incrementally, and compares the
// stories with those a full regroup of the same articles makes.
func TestIncrementalAgreesWithFull(t *testing.T) {
	_, st := newPipeline(t, filepath.Join(t.TempDir(), "s.db"))
	counted := &replays{DB: st}
	p := pipeline.New(analysis.New(analysis.Stages{Cluster: cluster.Options{GuessNames: true}}), counted)
	ctx := t.Context()
	if _, err := p.Ingest(ctx, items("meridian", 160, 1), ingest.Options{}); err != nil {
		t.Fatal(err)
	}
	counted.n = 0
	for i := range 8 {
		// Other outlets' reports of the same stories, and new ones.
		if _, err := p.Update(ctx, items(fmt.Sprintf("outlet%d", i), 24+8*i, uint64(10+i)), ingest.Options{}); err != nil {
			t.Fatal(err)
		}
	}
	if counted.n > 0 {
		t.Errorf("updates of a grouped store replayed it %d times", counted.n)
	}
	inc := membership(t, st)
	if err := p.Regroup(ctx); err != nil {
		t.Fatal(err)
	}
	full := membership(t, st)
	s := clustering.Score(full, inc)
	t.Logf("incremental vs full regroup: BCubed F1 %.3f over %d articles", s.BCubedF1, len(full))
	if s.BCubedF1 < 0.98 {
		t.Errorf("incremental vs full regroup: BCubed F1 %.3f (P %.3f, R %.3f), want >= 0.98", s.BCubedF1, s.BCubedPrecision, s.BCubedRecall)
	}
}

// replays counts the replays of a store.
type replays struct {
	*sqlite.DB
	n int
}

func (r *replays) Replay(ctx context.Context, fn func(news.Article, news.Analysis) error) error {
	r.n++
	return r.DB.Replay(ctx, fn)
}
