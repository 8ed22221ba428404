package pipeline_test

import (
	"errors"
	"path/filepath"
	"slices"
	"sync"
	"testing"

	"github.com/storyline-news/storyline/internal/extract"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
)

// TestStoreAnswersEachItem stores a batch with items that cannot be
// extracted among good ones: each bad item gets its own problem, at its
// place, and the good ones are stored, analysed and left for GroupPending.
func TestStoreAnswersEachItem(t *testing.T) {
	p, st := newPipeline(t, filepath.Join(t.TempDir(), "s.db"))
	var list []source.Item
	for it := range items("meridian", 6, 1) {
		list = append(list, it)
	}
	bad := source.Item{Origin: "bad.jsonl:1", Format: source.FormatJSONL, Title: "Short"}
	list = slices.Insert(list, 2, bad)
	list = slices.Insert(list, 5, bad)
	_, problems, err := p.Store(t.Context(), list, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, err := range problems {
		if want := i == 2 || i == 5; (err != nil) != want || want && !errors.Is(err, extract.ErrNoArticle) {
			t.Errorf("item %d: problem %v, want one: %v", i, err, want)
		}
	}
	if n, _ := st.Count(t.Context()); n != 6 {
		t.Errorf("%d articles stored, want 6", n)
	}
	if n, _ := st.Ungrouped(t.Context()); n != 6 {
		t.Errorf("%d articles analysed and waiting for a grouping, want 6", n)
	}
	if err := p.GroupPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Ungrouped(t.Context()); n != 0 {
		t.Errorf("%d articles in no story after GroupPending", n)
	}
}

// TestStoreWhileGrouping stores with several pipelines while another
// groups, as queue workers do: every article ends in a story.
func TestStoreWhileGrouping(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.db")
	grouper, st := newPipeline(t, path)
	var wg sync.WaitGroup
	for w, outlet := range []string{"meridian", "harbour"} {
		p, _ := newPipeline(t, path)
		wg.Go(func() {
			var batch []source.Item
			for it := range items(outlet, 120, uint64(w)) {
				if batch = append(batch, it); len(batch) == 20 {
					if _, _, err := p.Store(t.Context(), batch, ingest.Options{}); err != nil {
						t.Error(err)
					}
					batch = batch[:0]
					if err := grouper.GroupPending(t.Context()); err != nil {
						t.Error(err)
					}
				}
			}
		})
	}
	wg.Wait()
	if err := grouper.GroupPending(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.Count(t.Context()); n != 240 {
		t.Errorf("%d articles stored, want 240", n)
	}
	if n, _ := st.Ungrouped(t.Context()); n != 0 {
		t.Errorf("%d articles in no story", n)
	}
}
