package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestDecide checks that a decision and the grouping that applies it are
// stored together or not at all, and that a decision made again changes
// nothing. Before, a process killed between the two left the decision
// stored but not applied, and running the command again stored it twice.
func TestDecide(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	a1 := storetest.Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened.", day)
	a2 := storetest.Article("https://b.example/2", "Valley Post", "Strike ends", "The port strike ended.", day)
	if _, err := db.Add(ctx, []news.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	separate := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-1"}, {Article: a2.ID, Story: "s-2"}},
		Stories:     []news.Story{{ID: "s-1", Title: "Talks open"}, {ID: "s-2", Title: "Strike ends"}},
	}
	if err := db.SaveGrouping(ctx, separate); err != nil {
		t.Fatal(err)
	}
	merge := news.Decision{Kind: "merge", Story: "s-1", Other: "s-2", Articles: []news.ArticleID{a1.ID, a2.ID}}
	merged := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-1"}, {Article: a2.ID, Story: "s-1"}},
		Stories:     []news.Story{{ID: "s-1", Title: "Talks open"}},
		Moved:       []news.Moved{{Kind: news.KindStory, From: "s-2", To: "s-1"}},
	}

	// A grouping that cannot be saved (two stories with one ID) leaves no
	// decision behind, as a killed process would leave none.
	broken := merged
	broken.Stories = append(broken.Stories, news.Story{ID: "s-1", Title: "again"})
	if _, err := db.Decide(ctx, merge, broken); err == nil {
		t.Fatal("Decide saved a grouping with two stories of one ID")
	}
	if ds, err := db.Decisions(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("decisions after a failed Decide: %v, %v; want none", ds, err)
	}
	if s, err := db.StoryOf(ctx, a2.ID); err != nil || s != "s-2" {
		t.Fatalf("story of %s after a failed Decide: %s, %v; want s-2 as before", a2.ID, s, err)
	}

	applied, err := db.Decide(ctx, merge, merged)
	if err != nil || !applied {
		t.Fatalf("Decide: %v, %v", applied, err)
	}
	if s, err := db.StoryOf(ctx, a2.ID); err != nil || s != "s-1" {
		t.Errorf("story of %s after the merge: %s, %v; want s-1", a2.ID, s, err)
	}
	if to, err := db.MovedTo(ctx, news.KindStory, "s-2"); err != nil || to != "s-1" {
		t.Errorf("s-2 moved to %q, %v; want s-1", to, err)
	}

	// The same decision again, made later: nothing recorded, nothing saved.
	again := merge
	again.Created = day.AddDate(0, 1, 0)
	applied, err = db.Decide(ctx, again, separate)
	if err != nil || applied {
		t.Errorf("Decide of a known decision: %v, %v; want false, nil", applied, err)
	}
	if ds, err := db.Decisions(ctx); err != nil || len(ds) != 1 {
		t.Errorf("decisions: %d, %v; want 1", len(ds), err)
	}
	if s, err := db.StoryOf(ctx, a2.ID); err != nil || s != "s-1" {
		t.Errorf("story of %s after a repeated decision: %s, %v; want s-1 kept", a2.ID, s, err)
	}
}
