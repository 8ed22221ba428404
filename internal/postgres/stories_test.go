package postgres_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestStoryFilters checks the outlet and entity filters of the story list
// against the unfiltered list filtered here: the same stories, in the same
// order, with the same totals, on every page.
func TestStoryFilters(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	outlets := []string{"Meridian Wire", "Valley Post", "Harbour Daily"}
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	var ans []news.Analysis
	var g news.Grouping
	outletsOf := map[news.StoryID]map[string]bool{}
	entitiesOf := map[news.StoryID]map[news.EntityID]bool{}
	for i := range 60 {
		st := news.StoryID(fmt.Sprintf("s%02d", i/3))
		pub := day.AddDate(0, 0, i/3%7) // stories share end dates: ties are ordered too
		if i/3 == 19 {
			pub = time.Time{} // an undated story lists last
		}
		o := outlets[(i*7)%len(outlets)]
		a := storetest.Article(fmt.Sprintf("https://x.example/%d", i), o, fmt.Sprintf("Report %d", i), fmt.Sprintf("Text of report %d about the dam.", i), pub)
		arts = append(arts, a)
		e := news.EntityID(fmt.Sprintf("e%d", i%4))
		ans = append(ans, news.Analysis{Article: a.ID, Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 4}, Text: "Text", Type: news.Person, Entity: e}}})
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: st})
		if i%3 == 0 {
			g.Stories = append(g.Stories, news.Story{ID: st, Title: a.Title, Begin: pub, End: pub})
			outletsOf[st], entitiesOf[st] = map[string]bool{}, map[news.EntityID]bool{}
		}
		outletsOf[st][o], entitiesOf[st][e] = true, true
	}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveAnalyses(ctx, ans); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	all, total, err := db.Stories(ctx, news.StoryFilter{Limit: 1000})
	if err != nil || total != 20 || len(all) != 20 {
		t.Fatalf("unfiltered: %d of %d, %v", len(all), total, err)
	}
	if all[len(all)-1].ID != "s19" {
		t.Errorf("undated story listed at %d, not last", slices.IndexFunc(all, func(s news.StorySummary) bool { return s.ID == "s19" }))
	}
	tests := []struct {
		f    news.StoryFilter
		keep func(news.StorySummary) bool
	}{
		{news.StoryFilter{Outlet: "valley POST"}, func(s news.StorySummary) bool { return outletsOf[s.ID]["Valley Post"] }},
		{news.StoryFilter{Entity: "e1"}, func(s news.StorySummary) bool { return entitiesOf[s.ID]["e1"] }},
		{news.StoryFilter{Outlet: "Harbour Daily", Entity: "e2"}, func(s news.StorySummary) bool {
			return outletsOf[s.ID]["Harbour Daily"] && entitiesOf[s.ID]["e2"]
		}},
		{news.StoryFilter{Entity: "e3", From: day.AddDate(0, 0, 3)}, func(s news.StorySummary) bool {
			return entitiesOf[s.ID]["e3"] && !s.End.Before(day.AddDate(0, 0, 3))
		}},
		{news.StoryFilter{Outlet: "Nowhere Gazette"}, func(news.StorySummary) bool { return false }},
	}
	for _, tt := range tests {
		var want []news.StoryID
		for _, s := range all {
			if tt.keep(s) {
				want = append(want, s.ID)
			}
		}
		for _, limit := range []int{1000, 2} {
			var got []news.StoryID
			for off := 0; ; off += limit {
				f := tt.f
				f.Limit, f.Offset = limit, off
				page, n, err := db.Stories(ctx, f)
				if err != nil {
					t.Fatal(err)
				}
				if n != len(want) {
					t.Errorf("%+v: total %d, want %d", tt.f, n, len(want))
				}
				for _, s := range page {
					got = append(got, s.ID)
				}
				if len(page) < limit {
					break
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%+v, %d a page:\n got %v\nwant %v", tt.f, limit, strings.Trim(fmt.Sprint(got), "[]"), strings.Trim(fmt.Sprint(want), "[]"))
			}
		}
	}
}
