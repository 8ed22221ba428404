package sqlite_test

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

func TestWebLookups(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	a1 := storetest.Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened in Port Avel.", day)
	a2 := storetest.Article("https://b.example/2", "Valley Post", "Talks open again", "Talks on the dam opened in Port Avel today.", day)
	a3 := storetest.Article("https://a.example/3", "Meridian Wire", "Second day", "The second day of talks ended without a deal.", day.AddDate(0, 0, 1))
	a4 := storetest.Article("https://c.example/4", "Harbour Daily", "Ferry aground", "A ferry ran aground near Lisk.", day)
	a5 := storetest.Article("https://d.example/5", "", "Ferry freed", "The ferry was freed at high tide.", day) // outlet unknown
	if _, err := db.Add(ctx, []news.Article{a1, a2, a3, a4, a5}); err != nil {
		t.Fatal(err)
	}
	g := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s1"}, {Article: a2.ID, Story: "s1"}, {Article: a3.ID, Story: "s1"}, {Article: a4.ID, Story: "s2"}, {Article: a5.ID, Story: "s2"}},
		Stories:     []news.Story{{ID: "s1", Title: "Talks open", Storyline: "l1"}, {ID: "s2", Title: "Ferry aground"}},
		Storylines:  []news.Storyline{{ID: "l1", Name: "Dam talks", Stories: []news.StoryID{"s1"}}},
		Entities:    []news.Entity{{ID: "e1", Name: "Port Avel", Type: news.Place}},
	}
	if err := db.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}

	outlets, err := db.StoryOutlets(ctx, []news.StoryID{"s1", "s2", "nope"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[news.StoryID][]news.OutletCount{
		"s1": {{Outlet: "Meridian Wire", Articles: 2}, {Outlet: "Valley Post", Articles: 1}},
		"s2": {{Outlet: "", Articles: 1}, {Outlet: "Harbour Daily", Articles: 1}},
	}
	if d := cmp.Diff(want, outlets); d != "" {
		t.Errorf("StoryOutlets (-want +got):\n%s", d)
	}
	// The story list counts known outlets only.
	outletCounts := func() map[news.StoryID]int {
		list, _, err := db.Stories(ctx, news.StoryFilter{})
		if err != nil {
			t.Fatal(err)
		}
		n := map[news.StoryID]int{}
		for _, st := range list {
			n[st.ID] = st.Outlets
		}
		return n
	}
	if d := cmp.Diff(map[news.StoryID]int{"s1": 2, "s2": 1}, outletCounts()); d != "" {
		t.Errorf("outlet counts (-want +got):\n%s", d)
	}
	// A new grouping moves an article: the outlet lists follow.
	g.Assignments[2].Story = "s2"
	if err := db.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	outlets, err = db.StoryOutlets(ctx, []news.StoryID{"s1", "s2"})
	if err != nil {
		t.Fatal(err)
	}
	want = map[news.StoryID][]news.OutletCount{
		"s1": {{Outlet: "Meridian Wire", Articles: 1}, {Outlet: "Valley Post", Articles: 1}},
		"s2": {{Outlet: "", Articles: 1}, {Outlet: "Harbour Daily", Articles: 1}, {Outlet: "Meridian Wire", Articles: 1}},
	}
	if d := cmp.Diff(want, outlets); d != "" {
		t.Errorf("StoryOutlets after a regroup (-want +got):\n%s", d)
	}
	if d := cmp.Diff(map[news.StoryID]int{"s1": 2, "s2": 2}, outletCounts()); d != "" {
		t.Errorf("outlet counts after a regroup (-want +got):\n%s", d)
	}
	names, err := db.StorylineNames(ctx, []news.StorylineID{"l1", "nope"})
	if err != nil || len(names) != 1 || names["l1"] != "Dam talks" {
		t.Errorf("StorylineNames: %v, %v", names, err)
	}
	ents, err := db.EntityNames(ctx, []news.EntityID{"e1", "nope"})
	if err != nil || len(ents) != 1 || ents["e1"] != "Port Avel" {
		t.Errorf("EntityNames: %v, %v", ents, err)
	}
	of, err := db.StoriesOf(ctx, []news.ArticleID{a1.ID, a4.ID, "nope"})
	if err != nil || len(of) != 2 || of[a1.ID] != "s1" || of[a4.ID] != "s2" {
		t.Errorf("StoriesOf: %v, %v", of, err)
	}
	sums, err := db.Summaries(ctx, []news.ArticleID{a2.ID, "nope"})
	if err != nil || len(sums) != 1 || sums[a2.ID].Title != "Talks open again" || sums[a2.ID].Outlet != "Valley Post" {
		t.Errorf("Summaries: %v, %v", sums, err)
	}
	for _, empty := range []func() (int, error){
		func() (int, error) { m, err := db.StoryOutlets(ctx, nil); return len(m), err },
		func() (int, error) { m, err := db.StoriesOf(ctx, nil); return len(m), err },
	} {
		if n, err := empty(); n != 0 || err != nil {
			t.Errorf("empty look-up: %d, %v", n, err)
		}
	}
}
