package storetest

import (
	"context"
	"errors"
	"maps"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// identities checks that a store gives back the grouping a new one must
// continue, follows moved IDs in one step, and stores a decision with its
// grouping or not at all.
func identities(t *testing.T, s Store) {
	ctx := context.Background()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	a := Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened.", day)
	b := Article("https://b.example/2", "Valley Post", "Strike ends", "The port strike ended.", day)
	c := Article("https://c.example/3", "Harbour Daily", "Talks go on", "The dam talks went on.", day.AddDate(0, 0, 1))
	add(t, s, a, b, c)
	first := news.Grouping{
		Assignments: []news.Assignment{{Article: a.ID, Story: "s-a"}, {Article: b.ID, Story: "s-b"}, {Article: c.ID, Story: "s-c"}},
		Stories:     []news.Story{{ID: "s-a", Storyline: "sl-a"}, {ID: "s-b", Storyline: "sl-b"}, {ID: "s-c", Storyline: "sl-a"}},
		Storylines:  []news.Storyline{{ID: "sl-a", Stories: []news.StoryID{"s-a", "s-c"}}, {ID: "sl-b", Stories: []news.StoryID{"s-b"}}},
	}
	if err := s.SaveGrouping(ctx, first); err != nil {
		t.Fatal(err)
	}
	p, err := s.Prior(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := map[news.ArticleID]news.StoryID{a.ID: "s-a", b.ID: "s-b", c.ID: "s-c"}; !maps.Equal(p.StoryOf, want) {
		t.Errorf("Prior.StoryOf = %v, want %v", p.StoryOf, want)
	}
	if want := map[news.StoryID]news.StorylineID{"s-a": "sl-a", "s-b": "sl-b", "s-c": "sl-a"}; !maps.Equal(p.StorylineOf, want) {
		t.Errorf("Prior.StorylineOf = %v, want %v", p.StorylineOf, want)
	}
	if !(p.StoryAge["s-a"] < p.StoryAge["s-b"] && p.StoryAge["s-b"] < p.StoryAge["s-c"]) {
		t.Errorf("Prior.StoryAge = %v, want the order the stories' articles were stored in", p.StoryAge)
	}
	for _, id := range []string{"s-a", "s-b", "s-c", "sl-a", "sl-b"} {
		if !p.Issued[id] {
			t.Errorf("Prior.Issued lacks %s", id)
		}
	}

	// s-c merged into s-a, then s-a into s-b: s-c leads to s-b at once.
	merged := news.Grouping{
		Assignments: []news.Assignment{{Article: a.ID, Story: "s-a"}, {Article: b.ID, Story: "s-b"}, {Article: c.ID, Story: "s-a"}},
		Stories:     []news.Story{{ID: "s-a"}, {ID: "s-b"}},
		Moved:       []news.Moved{{Kind: news.KindStory, From: "s-c", To: "s-a"}},
	}
	if err := s.SaveGrouping(ctx, merged); err != nil {
		t.Fatal(err)
	}
	all := news.Grouping{
		Assignments: []news.Assignment{{Article: a.ID, Story: "s-b"}, {Article: b.ID, Story: "s-b"}, {Article: c.ID, Story: "s-b"}},
		Stories:     []news.Story{{ID: "s-b"}},
		Moved:       []news.Moved{{Kind: news.KindStory, From: "s-a", To: "s-b"}},
	}
	d := news.Decision{Kind: "merge", Story: "s-b", Other: "s-a", Articles: []news.ArticleID{a.ID, b.ID, c.ID}}
	if applied, err := s.Decide(ctx, d, all); err != nil || !applied {
		t.Fatalf("Decide: %v, %v", applied, err)
	}
	for _, id := range []string{"s-a", "s-c"} {
		if to, err := s.MovedTo(ctx, news.KindStory, id); err != nil || to != "s-b" {
			t.Errorf("MovedTo(%s) = %q, %v; want s-b", id, to, err)
		}
	}
	if _, err := s.MovedTo(ctx, news.KindStory, "s-b"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("MovedTo of a live story: %v, want ErrNotFound", err)
	}
	if _, err := s.MovedTo(ctx, news.KindStoryline, "s-a"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("MovedTo of a story ID as a storyline: %v, want ErrNotFound", err)
	}
	if applied, err := s.Decide(ctx, d, first); err != nil || applied {
		t.Errorf("Decide again: %v, %v; want false, nil", applied, err)
	}
	if ds, err := s.Decisions(ctx); err != nil || len(ds) != 1 {
		t.Errorf("Decisions = %d, %v; want 1", len(ds), err)
	}
	if st, err := s.StoryOf(ctx, c.ID); err != nil || st != "s-b" {
		t.Errorf("story of c after a repeated decision: %s, %v; want s-b", st, err)
	}
}
