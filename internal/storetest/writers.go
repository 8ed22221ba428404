package storetest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// The checks here read a store through one handle, s, and write it
// through another, w, as serve reads a store that ingest writes.

// versionOtherWriter checks that s's version stays put while nobody
// writes and changes after w writes, as well as after s's own writes, so
// that serve's cache never outlives another process's writes.
func versionOtherWriter(t *testing.T, s, w Store) {
	ctx := context.Background()
	v1, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v != v1 {
		t.Fatalf("version moved without a write: %d, %d", v1, v)
	}
	a := Article("https://x.example/v", "X", "T", "A text about the Lisk harbour and its ferries.", day("2025-03-24"))
	if _, err := w.Add(ctx, []news.Article{a}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v == v1 {
		t.Error("version did not change after another process wrote")
	}
	v2, _ := s.Version(ctx)
	if err := w.SaveGrouping(ctx, news.Grouping{
		Assignments: []news.Assignment{{Article: a.ID, Story: "s-1"}},
		Stories:     []news.Story{{ID: "s-1", Title: "T"}},
	}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v == v2 {
		t.Error("version did not change after another process saved a grouping")
	}
	v3, _ := s.Version(ctx)
	b := Article("https://x.example/w", "X", "T2", "Another text about the Dunmere pier and its boats.", day("2025-03-24"))
	if _, err := s.Add(ctx, []news.Article{b}); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Version(ctx); v == v3 {
		t.Error("version did not change after this store's own write")
	}
}

// storyGroupsOtherWriter checks that the order StoryGroups keeps between
// pages follows a grouping w saves.
func storyGroupsOtherWriter(t *testing.T, s, w Store) {
	ctx := context.Background()
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	g := news.Grouping{Stories: []news.Story{{ID: "s"}}}
	for i := range 6 {
		a := Article(fmt.Sprintf("https://x.example/%d", i), "X", fmt.Sprintf("Report %d", i), fmt.Sprintf("Text of report %d.", i), day.AddDate(0, 0, i))
		arts = append(arts, a)
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: "s"})
	}
	add(t, w, arts...)
	if err := w.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	titles := func() string {
		page, total, err := s.StoryGroups(ctx, "s", "", 2, 2)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, sa := range page {
			out = append(out, sa.Title)
		}
		return fmt.Sprintf("%d: %s", total, strings.Join(out, ", "))
	}
	if got := titles(); got != "6: Report 2, Report 3" {
		t.Errorf("page 2: %s", got)
	}
	// Reports 1 to 3 become copies of report 0.
	for _, i := range []int{1, 2, 3} {
		g.Copies = append(g.Copies, news.CopyLink{Article: arts[i].ID, Original: arts[0].ID, Kind: news.CopyExact, Similarity: 1})
	}
	if err := w.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	if got := titles(); got != "3: Report 5" {
		t.Errorf("page 2 after another process regrouped: %s, want 3: Report 5", got)
	}
}

// reopen checks that what s stored is there when the store is opened
// again after s is closed, as the next command run would.
func reopen(t *testing.T, s Store, open func(t *testing.T, s Store) Store) {
	ctx := context.Background()
	a := Article("https://x.example/1", "X", "T", "Some text about Lisk harbour.", day("2025-03-24"))
	add(t, s, a)
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	again := open(t, s)
	if n, err := again.Count(ctx); err != nil || n != 1 {
		t.Errorf("after reopen Count = %d, %v; want 1", n, err)
	}
	if got, err := again.Article(ctx, a.ID); err != nil || got.Text != a.Text {
		t.Errorf("after reopen Article = %q, %v; want %q", got.Text, err, a.Text)
	}
}
