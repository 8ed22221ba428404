package storetest

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// grouped checks what a saved grouping reads as: the stories and their
// counts, filters and pages, members in order, copies, storylines, the
// batch look-ups of listings, and the articles left in no story.
func grouped(t *testing.T, s Store) {
	ctx := context.Background()
	k := newDesk()
	add(t, s, k.a1, k.a2, k.a3, k.b1, k.b2, k.c1, k.u1, k.n1)
	if err := s.SaveAnalyses(ctx, k.ans); err != nil {
		t.Fatal(err)
	}
	t.Run("ungrouped before a grouping", func(t *testing.T) {
		ungrouped(t, s, k, 7, []news.ArticleID{k.a1.ID, k.a2.ID, k.a3.ID})
	})
	if err := s.SaveGrouping(ctx, k.g); err != nil {
		t.Fatal(err)
	}
	t.Run("ungrouped after a grouping", func(t *testing.T) { ungrouped(t, s, k, 1, []news.ArticleID{k.u1.ID}) })
	t.Run("Stories", func(t *testing.T) { storyList(t, s) })
	t.Run("StorySummary", func(t *testing.T) { storyCounts(t, s) })
	t.Run("Story", func(t *testing.T) { storyDetail(t, s, k) })
	t.Run("StoryOf and StoriesOf", func(t *testing.T) { storyOf(t, s, k) })
	t.Run("Copies", func(t *testing.T) { copies(t, s, k) })
	t.Run("StoryOutlets", func(t *testing.T) { storyOutlets(t, s) })
	t.Run("storylines", func(t *testing.T) { storylines(t, s) })
	t.Run("batch look-ups", func(t *testing.T) { lookups(t, s, k) })
	t.Run("inherited date", func(t *testing.T) {
		a, err := s.Article(ctx, k.b2.ID)
		if err != nil || !a.Published.Equal(deskDay(10)) || a.DateSource != news.DateCopy || a.DateNote != "as b1" {
			t.Errorf("Article(b2) dated %v (%q, %q), %v; want the date it inherits, %v (copy)", a.Published, a.DateSource, a.DateNote, err, deskDay(10))
		}
		if a, err := s.Article(ctx, k.b1.ID); err != nil || !a.Published.Equal(deskDay(10)) || a.DateSource != news.DateMetadata {
			t.Errorf("Article(b1) dated %v (%q), %v; want its own date unchanged", a.Published, a.DateSource, err)
		}
	})
	t.Run("a whole grouping replaces the last", func(t *testing.T) { regrouped(t, s, k) })
}

// ungrouped checks Ungrouped and UngroupedIDs: the analyzed articles in
// no story, in stored order; n1, not analyzed, is none of them.
func ungrouped(t *testing.T, s Store, k *desk, n int, first []news.ArticleID) {
	ctx := context.Background()
	if got, err := s.Ungrouped(ctx); err != nil || got != n {
		t.Errorf("Ungrouped = %d, %v; want %d", got, err, n)
	}
	ids, err := s.UngroupedIDs(ctx, 3)
	if err != nil || !slices.Equal(ids, first) {
		t.Errorf("UngroupedIDs(3) = %s, %v; want %s", k.names(ids), err, k.names(first))
	}
	if un, err := s.Unanalyzed(ctx, 10); err != nil || len(un) != 1 || un[0].ID != k.n1.ID {
		t.Errorf("Unanalyzed = %d articles, %v; want n1 alone", len(un), err)
	}
}

func storyIDsOf(list []news.StorySummary) []news.StoryID {
	var ids []news.StoryID
	for _, st := range list {
		ids = append(ids, st.ID)
	}
	return ids
}

func storyList(t *testing.T, s Store) {
	for _, tt := range []struct {
		name  string
		f     news.StoryFilter
		want  []news.StoryID
		total int
	}{
		{"the latest first", news.StoryFilter{}, []news.StoryID{"s-strike", "s-ferry", "s-dam"}, 3},
		{"storyline", news.StoryFilter{Storyline: "sl-river"}, []news.StoryID{"s-ferry", "s-dam"}, 2},
		{"outlet", news.StoryFilter{Outlet: "Meridian Wire"}, []news.StoryID{"s-strike", "s-dam"}, 2},
		{"outlet any case", news.StoryFilter{Outlet: "harbour daily"}, []news.StoryID{"s-ferry"}, 1},
		{"entity", news.StoryFilter{Entity: "per-ana"}, []news.StoryID{"s-dam"}, 1},
		{"entity of a resolved mention", news.StoryFilter{Entity: "loc-lisk"}, []news.StoryID{"s-ferry", "s-dam"}, 2},
		{"outlet and entity", news.StoryFilter{Outlet: "Meridian Wire", Entity: "loc-lisk"}, []news.StoryID{"s-dam"}, 1},
		{"span overlaps", news.StoryFilter{From: deskDay(3), To: deskDay(11)}, []news.StoryID{"s-ferry", "s-dam"}, 2},
		{"span overlaps, end excluded", news.StoryFilter{From: deskDay(4), To: deskDay(10)}, nil, 0},
		{"page", news.StoryFilter{Limit: 1, Offset: 1}, []news.StoryID{"s-ferry"}, 3},
		{"past the end", news.StoryFilter{Offset: 3}, nil, 3},
		{"unknown storyline", news.StoryFilter{Storyline: "sl-nope"}, nil, 0},
		{"unknown entity", news.StoryFilter{Entity: "per-nope"}, nil, 0},
	} {
		list, total, err := s.Stories(context.Background(), tt.f)
		if got := storyIDsOf(list); err != nil || total != tt.total || !slices.Equal(got, tt.want) {
			t.Errorf("%s: Stories(%+v) = %v (total %d), %v; want %v (total %d)", tt.name, tt.f, got, total, err, tt.want, tt.total)
		}
	}
}

func storyCounts(t *testing.T, s Store) {
	ctx := context.Background()
	for id, want := range map[news.StoryID]news.StorySummary{
		"s-dam":    {Story: news.Story{Title: "Dam talks open", Storyline: "sl-river", Begin: deskDay(1), End: deskDay(3)}, Size: 3, Outlets: 2, Copies: 1, Reports: 2, Opinions: 1},
		"s-ferry":  {Story: news.Story{Title: "Ferry runs aground", Storyline: "sl-river", Begin: deskDay(10), End: deskDay(10)}, Size: 2, Outlets: 1, Reports: 2},
		"s-strike": {Story: news.Story{Title: "Dock strike", Storyline: "sl-port", Begin: deskDay(32), End: deskDay(32)}, Size: 1, Outlets: 1, Reports: 1},
	} {
		got, err := s.StorySummary(ctx, id)
		if err != nil || got.ID != id || got.Title != want.Title || got.Storyline != want.Storyline ||
			!got.Begin.Equal(want.Begin) || !got.End.Equal(want.End) || got.Size != want.Size || got.Outlets != want.Outlets ||
			got.Copies != want.Copies || got.Reports != want.Reports || got.Opinions != want.Opinions {
			t.Errorf("StorySummary(%s) = %+v, %v\nwant %+v", id, got, err, want)
		}
	}
}

func storyDetail(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	d, err := s.Story(ctx, "s-dam")
	if err != nil {
		t.Fatal(err)
	}
	var ids []news.ArticleID
	for _, m := range d.Members {
		ids = append(ids, m.ID)
	}
	if want := []news.ArticleID{k.a1.ID, k.a2.ID, k.a3.ID}; !slices.Equal(ids, want) || !slices.Equal(d.Articles, want) {
		t.Errorf("Story(s-dam) members %s, articles %s; want a1 a2 a3, earliest first", k.names(ids), k.names(d.Articles))
	}
	if d.Size != 3 || d.Copies != 1 || d.Title != "Dam talks open" || d.Storyline != "sl-river" {
		t.Errorf("Story(s-dam) summary %+v; want its 3 articles, 1 copy, title and storyline", d.StorySummary)
	}
	for i, m := range d.Members {
		if m.Why.Reason != "test: "+m.Title || m.Why.New != (i == 0) || m.Why.Story != "s-dam" {
			t.Errorf("member %s: why %+v; want the assignment saved", k.title(m.ID), m.Why)
		}
		if isCopy := m.ID == k.a2.ID; isCopy != (m.Copy != nil) {
			t.Errorf("member %s: copy link %+v", k.title(m.ID), m.Copy)
		}
	}
	if c := d.Members[1].Copy; c != nil && (c.Original != k.a1.ID || c.Kind != news.CopyExact || c.Similarity != 1) {
		t.Errorf("a2's copy link %+v; want an exact copy of a1", *c)
	}
	if d.Members[2].Kind != news.Opinion || d.Members[2].Outlet != "Meridian Wire" {
		t.Errorf("member a3 = %+v; want Meridian Wire's opinion piece", d.Members[2].Summary)
	}
	if _, err := s.Story(ctx, "s-nope"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Story(unknown): %v, want ErrNotFound", err)
	}
}

func storyOf(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	if st, err := s.StoryOf(ctx, k.b2.ID); err != nil || st != "s-ferry" {
		t.Errorf("StoryOf(b2) = %s, %v; want s-ferry", st, err)
	}
	for _, id := range []news.ArticleID{k.u1.ID, k.n1.ID, "nope"} {
		if st, err := s.StoryOf(ctx, id); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("StoryOf(%s) = %q, %v; want ErrNotFound", k.title(id), st, err)
		}
	}
	got, err := s.StoriesOf(ctx, []news.ArticleID{k.a1.ID, k.b2.ID, k.u1.ID, "nope"})
	if want := map[news.ArticleID]news.StoryID{k.a1.ID: "s-dam", k.b2.ID: "s-ferry"}; err != nil || !maps.Equal(got, want) {
		t.Errorf("StoriesOf(a1, b2, u1, nope) = %v, %v; want %v", got, err, want)
	}
	if got, err := s.StoriesOf(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("StoriesOf(nothing) = %v, %v; want none", got, err)
	}
}

func copies(t *testing.T, s Store, k *desk) {
	want := news.CopyLink{Article: k.a2.ID, Original: k.a1.ID, Kind: news.CopyExact, Similarity: 1}
	for _, id := range []news.ArticleID{k.a1.ID, k.a2.ID} {
		got, err := s.Copies(context.Background(), id)
		if err != nil || len(got) != 1 || got[0] != want {
			t.Errorf("Copies(%s) = %+v, %v; want the link from a2 to a1", k.title(id), got, err)
		}
	}
	if got, err := s.Copies(context.Background(), k.b1.ID); err != nil || len(got) != 0 {
		t.Errorf("Copies(b1) = %+v, %v; want none", got, err)
	}
}

func storyOutlets(t *testing.T, s Store) {
	got, err := s.StoryOutlets(context.Background(), []news.StoryID{"s-dam", "s-ferry", "s-nope"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[news.StoryID][]news.OutletCount{
		"s-dam":   {{Outlet: "Meridian Wire", Articles: 2}, {Outlet: "Valley Post", Articles: 1}},
		"s-ferry": {{Outlet: "Harbour Daily", Articles: 2}},
	}
	if !maps.EqualFunc(got, want, slices.Equal) {
		t.Errorf("StoryOutlets = %v; want %v, the biggest first", got, want)
	}
}

func storylines(t *testing.T, s Store) {
	ctx := context.Background()
	list, total, err := s.Storylines(ctx, 10, 0)
	if err != nil || total != 2 || len(list) != 2 || list[0].ID != "sl-port" || list[1].ID != "sl-river" {
		t.Fatalf("Storylines = %+v (total %d), %v; want sl-port then sl-river, the latest first", list, total, err)
	}
	river := list[1]
	if river.Name != "Lisk: dam and ferries" || !slices.Equal(river.Stories, []news.StoryID{"s-dam", "s-ferry"}) ||
		!slices.Equal(river.Actors, []string{"Ana Varga", "Lisk"}) || !river.Begin.Equal(deskDay(1)) || !river.End.Equal(deskDay(10)) {
		t.Errorf("Storylines: sl-river = %+v; want its name, actors, span and stories as saved", river)
	}
	if page, total, err := s.Storylines(ctx, 1, 1); err != nil || total != 2 || len(page) != 1 || page[0].ID != "sl-river" {
		t.Errorf("Storylines(1, 1) = %+v (total %d), %v; want sl-river", page, total, err)
	}
	d, err := s.Storyline(ctx, "sl-river")
	if err != nil {
		t.Fatal(err)
	}
	if got := storyIDsOf(d.StoryList); d.Name != river.Name || !slices.Equal(got, []news.StoryID{"s-dam", "s-ferry"}) ||
		d.StoryList[0].Size != 3 || d.StoryList[1].Size != 2 {
		t.Errorf("Storyline(sl-river) = %q with %v; want its stories, earliest first, with their counts", d.Name, d.StoryList)
	}
	if _, err := s.Storyline(ctx, "sl-nope"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Storyline(unknown): %v, want ErrNotFound", err)
	}
	names, err := s.StorylineNames(ctx, []news.StorylineID{"sl-river", "sl-port", "sl-nope"})
	if want := map[news.StorylineID]string{"sl-river": "Lisk: dam and ferries", "sl-port": "Dock Union: strike"}; err != nil || !maps.Equal(names, want) {
		t.Errorf("StorylineNames = %v, %v; want %v", names, err, want)
	}
	of, err := s.StorylinesOf(ctx, []news.StoryID{"s-dam", "s-strike", "s-nope"})
	if want := map[news.StoryID]news.StorylineID{"s-dam": "sl-river", "s-strike": "sl-port"}; err != nil || !maps.Equal(of, want) {
		t.Errorf("StorylinesOf = %v, %v; want %v", of, err, want)
	}
}

// lookups checks the batch reads of listings by ID: unknown IDs are
// absent.
func lookups(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	sums, err := s.Summaries(ctx, []news.ArticleID{k.a3.ID, "nope"})
	a3 := sums[k.a3.ID]
	if err != nil || len(sums) != 1 || a3.Title != k.a3.Title || a3.Outlet != k.a3.Outlet || a3.URL != k.a3.URL ||
		!a3.Published.Equal(k.a3.Published) || a3.Kind != news.Opinion || a3.Words != 14 {
		t.Errorf("Summaries(a3, nope) = %+v, %v; want a3's row alone (14 words, opinion)", sums, err)
	}
	arts, err := s.ArticlesByID(ctx, []news.ArticleID{k.a1.ID, k.n1.ID, "nope"})
	if err != nil || len(arts) != 2 || arts[k.a1.ID].Text != k.a1.Text || arts[k.n1.ID].Title != k.n1.Title {
		t.Errorf("ArticlesByID(a1, n1, nope) = %d articles, %v; want a1 and n1 with their texts", len(arts), err)
	}
	members, err := s.Members(ctx, []news.StoryID{"s-ferry", "s-nope"})
	if want := sortedIDs(k.b1, k.b2); err != nil || !slices.Equal(members, want) {
		t.Errorf("Members(s-ferry) = %s, %v; want b1 b2", k.names(members), err)
	}
}

// regrouped saves a second whole grouping, which drops s-strike, moves
// b2 to s-dam, and groups u1: nothing of the first outlives it.
func regrouped(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	g := news.Grouping{
		Assignments: []news.Assignment{{Article: k.a1.ID, Story: "s-dam"}, {Article: k.a2.ID, Story: "s-dam"}, {Article: k.a3.ID, Story: "s-dam"},
			{Article: k.b1.ID, Story: "s-ferry"}, {Article: k.b2.ID, Story: "s-dam"}, {Article: k.c1.ID, Story: "s-ferry"}, {Article: k.u1.ID, Story: "s-ferry"}},
		Stories:    []news.Story{{ID: "s-dam", Title: "Dam", Storyline: "sl-river"}, {ID: "s-ferry", Title: "Ferry", Storyline: "sl-river"}},
		Storylines: []news.Storyline{{ID: "sl-river", Name: "River", Stories: []news.StoryID{"s-dam", "s-ferry"}}},
		Entities:   []news.Entity{{ID: "per-ana", Name: "Ana Varga", Type: news.Person, Mentions: 5}},
	}
	if err := s.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	if _, err := s.StorySummary(ctx, "s-strike"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("StorySummary(s-strike) after a grouping without it: %v, want ErrNotFound", err)
	}
	if _, err := s.StorylineSummary(ctx, "sl-port"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("StorylineSummary(sl-port) after a grouping without it: %v, want ErrNotFound", err)
	}
	if got, err := s.Copies(ctx, k.a1.ID); err != nil || len(got) != 0 {
		t.Errorf("Copies(a1) after a grouping without copies = %+v, %v; want none", got, err)
	}
	if st, err := s.StorySummary(ctx, "s-dam"); err != nil || st.Size != 4 || st.Copies != 0 || st.Outlets != 3 {
		t.Errorf("StorySummary(s-dam) = %+v, %v; want 4 articles from 3 outlets, no copy", st, err)
	}
	if list, total, err := s.Entities(ctx, news.EntityFilter{}); err != nil || total != 1 || len(list) != 1 || list[0].ID != "per-ana" {
		t.Errorf("Entities after a grouping of one = %v (total %d), %v; want per-ana alone", list, total, err)
	}
	if list, total, err := s.Stories(ctx, news.StoryFilter{Outlet: "Meridian Wire"}); err != nil || total != 2 || len(list) != 2 {
		t.Errorf("Stories(Meridian Wire) after c1 moved = %v (total %d), %v; want s-dam and s-ferry", storyIDsOf(list), total, err)
	}
	if n, err := s.Ungrouped(ctx); err != nil || n != 0 {
		t.Errorf("Ungrouped after grouping everything = %d, %v; want 0", n, err)
	}
}

// storyFilters checks the outlet and entity filters of the story list
// against the unfiltered list filtered here: the same stories, in the same
// order, with the same totals, on every page.
func storyFilters(t *testing.T, s Store) {
	ctx := context.Background()
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
		a := Article(fmt.Sprintf("https://x.example/%d", i), o, fmt.Sprintf("Report %d", i), fmt.Sprintf("Text of report %d about the dam.", i), pub)
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
	if _, err := s.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveAnalyses(ctx, ans); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	all, total, err := s.Stories(ctx, news.StoryFilter{Limit: 1000})
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
				page, n, err := s.Stories(ctx, f)
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
