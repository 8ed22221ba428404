package storetest

import (
	"context"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// version checks that the store's version changes with every write, so
// that serve's cache never outlives what it shows, and stays put while
// the store is only read.
func version(t *testing.T, s Store) {
	ctx := context.Background()
	k := newDesk()
	last := func() int64 {
		t.Helper()
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatalf("Version: %v", err)
		}
		return v
	}
	v := last()
	splitG := regroup(k.g, map[news.ArticleID]news.StoryID{k.a3.ID: "s-dam-2"}, nil)
	for _, w := range []struct {
		name  string
		write func() error
	}{
		{"Add", func() error {
			_, err := s.Add(ctx, []news.Article{k.a1, k.a2, k.a3, k.b1, k.b2, k.c1, k.u1, k.n1})
			return err
		}},
		{"SaveAnalyses", func() error { return s.SaveAnalyses(ctx, k.ans) }},
		{"SaveGrouping", func() error { return s.SaveGrouping(ctx, k.g) }},
		{"SaveKinds", func() error { return s.SaveKinds(ctx, []news.Analysis{{Article: k.b2.ID, Kind: news.Opinion}}) }},
		{"SaveCopyKeys", func() error { return s.SaveCopyKeys(ctx, []news.Analysis{{Article: k.b1.ID, CopyKeys: []uint32{7}}}) }},
		{"Decide", func() error {
			_, err := s.Decide(ctx, news.Decision{Kind: "split", Story: "s-dam", Articles: []news.ArticleID{k.a3.ID}}, splitG)
			return err
		}},
	} {
		if err := w.write(); err != nil {
			t.Fatalf("%s: %v", w.name, err)
		}
		// Reads in between change nothing.
		if _, _, err := s.Stories(ctx, news.StoryFilter{}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.Search(ctx, "dam", news.ArticleFilter{}); err != nil {
			t.Fatal(err)
		}
		now := last()
		if now == v {
			t.Errorf("Version after %s = %d, as before it", w.name, now)
		}
		if again := last(); again != now {
			t.Errorf("Version read again after %s, without a write: %d, then %d", w.name, now, again)
		}
		v = now
	}
}
