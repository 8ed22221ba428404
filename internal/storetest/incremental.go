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

// river is the store incremental checks: a whole grouping of four
// stories, then a partial one that replaces the first.
//
//	s-dam       a1 a2 a3 (a3 copies a1)  2025-03-01..02  sl-river
//	s-ferry     b1                       2025-03-03      sl-ferry
//	s-ferry-2   d1                       2025-04-20      sl-river
//	s-ferry-x   e1                       undated         -
//
// The partial grouping puts a1 a2 a3 and the new n1 (a copy of a1) in
// s-talks, in storyline sl-ferry, into which sl-river merges.
type river struct {
	a1, a2, a3, b1, d1, e1, n1 news.Article
	whole, part                news.Grouping
}

func newRiver() *river {
	d := func(day int) time.Time { return time.Date(2025, 3, day, 9, 0, 0, 0, time.UTC) }
	r := &river{
		a1: Article("https://r.example/a1", "Meridian Wire", "Dam talks open", "Talks on the Kessel dam opened.", d(1)),
		a2: Article("https://r.example/a2", "Valley Post", "Dam talks go on", "The dam talks went on.", d(2)),
		a3: Article("https://r.example/a3", "Valley Post", "Dam talks open", "Talks on the Kessel dam opened. Wire copy.", d(2)),
		b1: Article("https://r.example/b1", "Harbour Daily", "Ferry runs aground", "A ferry ran aground on the river.", d(3)),
		d1: Article("https://r.example/d1", "Meridian Wire", "Ferry strike", "Ferry crews went on strike.", d(51)),
		e1: Article("https://r.example/e1", "Valley Post", "Ferries", "Ferries on the river, an essay.", time.Time{}),
		n1: Article("https://r.example/n1", "Harbour Daily", "Dam talks open", "Talks on the Kessel dam opened, the wire said.", d(4)),
	}
	r.whole = news.Grouping{
		Copies: []news.CopyLink{{Article: r.a3.ID, Original: r.a1.ID, Kind: news.CopyNear, Similarity: 0.9}},
		Assignments: []news.Assignment{{Article: r.a1.ID, Story: "s-dam", New: true}, {Article: r.a2.ID, Story: "s-dam"},
			{Article: r.a3.ID, Story: "s-dam"}, {Article: r.b1.ID, Story: "s-ferry", New: true},
			{Article: r.d1.ID, Story: "s-ferry-2", New: true}, {Article: r.e1.ID, Story: "s-ferry-x", New: true}},
		Stories: []news.Story{
			{ID: "s-dam", Title: r.a1.Title, Begin: d(1), End: d(2), Storyline: "sl-river", Keys: []string{"t:dam", "t:river"}, Centroid: []byte("dam")},
			{ID: "s-ferry", Title: r.b1.Title, Begin: d(3), End: d(3), Storyline: "sl-ferry", Keys: []string{"t:ferry", "t:river"}, Centroid: []byte("ferry")},
			{ID: "s-ferry-2", Title: r.d1.Title, Begin: d(51), End: d(51), Storyline: "sl-river", Keys: []string{"t:ferry", "t:strike", "t:river"}},
			{ID: "s-ferry-x", Title: r.e1.Title, Keys: []string{"t:ferry"}},
		},
		Storylines: []news.Storyline{
			{ID: "sl-river", Name: "River", Stories: []news.StoryID{"s-dam", "s-ferry-2"}, Begin: d(1), End: d(51)},
			{ID: "sl-ferry", Name: "Ferry", Stories: []news.StoryID{"s-ferry"}, Begin: d(3), End: d(3)},
		},
		Entities:    []news.Entity{{ID: "per-a", Name: "A", Type: news.Person, Mentions: 2}, {ID: "per-c", Name: "C", Type: news.Person, Mentions: 1}},
		Frequencies: news.Frequencies{Replace: true, Docs: 6, DF: map[string]int{"t:dam": 3, "t:ferry": 3, "t:river": 3}},
	}
	r.part = news.Grouping{
		Copies: []news.CopyLink{{Article: r.a3.ID, Original: r.a1.ID, Kind: news.CopyNear, Similarity: 0.9},
			{Article: r.n1.ID, Original: r.a1.ID, Kind: news.CopyNear, Similarity: 0.8}},
		Assignments: []news.Assignment{{Article: r.a1.ID, Story: "s-talks", New: true}, {Article: r.a2.ID, Story: "s-talks"},
			{Article: r.a3.ID, Story: "s-talks"}, {Article: r.n1.ID, Story: "s-talks"}},
		Stories: []news.Story{{ID: "s-talks", Title: r.a1.Title, Begin: d(1), End: d(4), Storyline: "sl-ferry", Keys: []string{"t:dam", "t:talks"}, Centroid: []byte("talks")}},
		// The partial grouping knows only the storyline's stories it grouped.
		Storylines: []news.Storyline{{ID: "sl-ferry", Name: "Ferry and dam", Stories: []news.StoryID{"s-talks"}, Begin: d(1), End: d(4)}},
		Entities:   []news.Entity{{ID: "per-a", Name: "A", Type: news.Person, Mentions: 3}, {ID: "per-n", Name: "N", Type: news.Person, Mentions: 1}},
		Moved: []news.Moved{{Kind: news.KindStory, From: "s-dam", To: "s-talks"},
			{Kind: news.KindStoryline, From: "sl-river", To: "sl-ferry"}},
		Scope: &news.Scope{Articles: []news.ArticleID{r.a1.ID, r.a2.ID, r.a3.ID, r.n1.ID},
			Stories: []news.StoryID{"s-dam"}, Storylines: []news.StorylineID{"sl-river"}},
		// It resolves e1's mention, outside its scope, to N.
		Resolved:    []news.MentionEntity{{Article: r.e1.ID, Span: news.Span{Start: 0, End: 4}, Entity: "per-n"}},
		Frequencies: news.Frequencies{Docs: 1, DF: map[string]int{"t:dam": 1, "t:talks": 1}},
	}
	return r
}

// analyses are the findings of r's articles: a mention each, and copy
// keys that put a1, a3 and b1 under key 2, and a3 alone under key 9.
func (r *river) analyses() []news.Analysis {
	an := func(a news.Article, ent news.EntityID, keys ...uint32) news.Analysis {
		return news.Analysis{Article: a.ID, Signature: []byte("sig " + a.ID), CopyKeys: keys,
			Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 4}, Text: a.Text[:4], Type: news.Person, Entity: ent}}}
	}
	return []news.Analysis{an(r.a1, "per-a", 1, 2), an(r.a2, "per-a", 3), an(r.a3, "per-a", 1, 2, 9),
		an(r.b1, "per-c", 2), an(r.d1, "per-c"), an(r.e1, "per-c"), an(r.n1, "per-n", 1, 2)}
}

// incremental checks the reads and the partial save of an incremental
// grouping.
func incremental(t *testing.T, s Store) {
	ctx := context.Background()
	if ok, err := s.GroupingIndexed(ctx); err != nil || !ok {
		t.Errorf("GroupingIndexed of a new store = %v, %v; want true", ok, err)
	}
	r := newRiver()
	add(t, s, r.a1, r.a2, r.a3, r.b1, r.d1, r.e1)
	ans := r.analyses()
	if err := s.SaveAnalyses(ctx, ans[:6]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGrouping(ctx, r.whole); err != nil {
		t.Fatal(err)
	}
	t.Run("reads of a whole grouping", func(t *testing.T) { wholeReads(t, s, r) })
	add(t, s, r.n1)
	t.Run("ReplayOnly", func(t *testing.T) { replayOnly(t, s, r, ans) })
	if err := s.SaveAnalyses(ctx, ans[6:]); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGrouping(ctx, r.part); err != nil {
		t.Fatal(err)
	}
	t.Run("stories after a partial grouping", func(t *testing.T) { partStories(t, s, r) })
	t.Run("storylines after a partial grouping", func(t *testing.T) { partStorylines(t, s) })
	t.Run("index after a partial grouping", func(t *testing.T) { partIndex(t, s, r) })
	t.Run("copy keys", func(t *testing.T) { copyKeys(t, s, r) })
	t.Run("a partial grouping outside its scope", func(t *testing.T) { outsideScope(t, s, r) })
}

func wholeReads(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	day := func(d int) time.Time { return time.Date(2025, 3, d, 12, 0, 0, 0, time.UTC) }
	for _, tt := range []struct {
		keys   []string
		at     time.Time
		window time.Duration
		limit  int
		want   []news.StoryID
	}{
		// Most keys shared first, then the latest; undated last; s-ferry-2
		// begins after the window.
		{[]string{"t:river", "t:ferry"}, day(4), 72 * time.Hour, 10, []news.StoryID{"s-ferry", "s-dam", "s-ferry-x"}},
		{[]string{"t:river", "t:ferry", "t:river"}, day(4), 72 * time.Hour, 2, []news.StoryID{"s-ferry", "s-dam"}},
		{[]string{"t:river", "t:ferry"}, time.Time{}, 0, 10, []news.StoryID{"s-ferry-2", "s-ferry", "s-dam", "s-ferry-x"}},
		{[]string{"t:dam"}, day(20), 72 * time.Hour, 10, nil},
		{[]string{"t:nothing"}, time.Time{}, 0, 10, nil},
	} {
		got, err := s.StoryCandidates(ctx, tt.keys, tt.at, tt.window, 128, tt.limit)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("StoryCandidates(%v, %v, %v, %d) = %v, %v; want %v", tt.keys, tt.at, tt.window, tt.limit, got, err, tt.want)
		}
	}
	if got, err := s.Members(ctx, []news.StoryID{"s-dam", "s-ferry", "nope"}); err != nil || !slices.Equal(got, sortedIDs(r.a1, r.a2, r.a3, r.b1)) {
		t.Errorf("Members(s-dam, s-ferry) = %v, %v", got, err)
	}
	checkCentroids(t, s, map[news.StoryID]string{"s-dam": "dam", "s-ferry": "ferry"})
	f, err := s.Frequencies(ctx, []string{"t:dam", "t:talks"})
	if err != nil || f.Docs != 6 || !maps.Equal(f.DF, map[string]int{"t:dam": 3}) {
		t.Errorf("Frequencies = %+v, %v; want 6 documents, t:dam 3", f, err)
	}
	if ok, err := s.GroupingIndexed(ctx); err != nil || !ok {
		t.Errorf("GroupingIndexed after a whole grouping = %v, %v", ok, err)
	}
	priorOf(t, s, r)
}

// priorOf checks PriorOf against Prior.
func priorOf(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	all, err := s.Prior(ctx)
	if err != nil {
		t.Fatal(err)
	}
	p, err := s.PriorOf(ctx, []news.ArticleID{r.a2.ID, "unknown"}, []string{"s-ferry", "sl-new"})
	if err != nil {
		t.Fatal(err)
	}
	if want := map[news.ArticleID]news.StoryID{r.a2.ID: "s-dam"}; !maps.Equal(p.StoryOf, want) {
		t.Errorf("PriorOf.StoryOf = %v, want %v", p.StoryOf, want)
	}
	// The age of a story is its first article's, of all its articles.
	if want := map[news.StoryID]int64{"s-dam": all.StoryAge["s-dam"]}; !maps.Equal(p.StoryAge, want) {
		t.Errorf("PriorOf.StoryAge = %v, want %v", p.StoryAge, want)
	}
	if want := map[news.StoryID]news.StorylineID{"s-dam": "sl-river"}; !maps.Equal(p.StorylineOf, want) {
		t.Errorf("PriorOf.StorylineOf = %v, want %v", p.StorylineOf, want)
	}
	want := map[string]bool{"s-dam": true, "sl-river": true, "s-ferry": true, "s-ferry-2": true}
	if !maps.Equal(p.Issued, want) {
		t.Errorf("PriorOf.Issued = %v, want %v (not s-ferry-x)", p.Issued, want)
	}
}

func replayOnly(t *testing.T, s Store, r *river, ans []news.Analysis) {
	// n1 is stored but not analyzed; "unknown" is not stored.
	var got []news.ArticleID
	err := s.ReplayOnly(context.Background(), []news.ArticleID{r.n1.ID, r.b1.ID, "unknown", r.a2.ID}, func(a news.Article, an news.Analysis) error {
		got = append(got, a.ID)
		want := ans[slices.IndexFunc(ans, func(x news.Analysis) bool { return x.Article == a.ID })]
		if a.Text == "" || !a.Published.Equal(r.byID(a.ID).Published) || an.Article != a.ID ||
			string(an.Signature) != string(want.Signature) || len(an.Mentions) != 1 || an.Mentions[0].Entity != want.Mentions[0].Entity {
			t.Errorf("replayed %s: %+v, %+v", a.ID, a, an)
		}
		return nil
	})
	if err != nil || !slices.Equal(got, []news.ArticleID{r.a2.ID, r.b1.ID}) {
		t.Errorf("ReplayOnly replayed %v, %v; want a2 then b1, in stored order", got, err)
	}
	stop := errors.New("stop")
	if err := s.ReplayOnly(context.Background(), []news.ArticleID{r.a1.ID}, func(news.Article, news.Analysis) error { return stop }); !errors.Is(err, stop) {
		t.Errorf("ReplayOnly returned %v, not fn's error", err)
	}
}

func (r *river) byID(id news.ArticleID) news.Article {
	for _, a := range []news.Article{r.a1, r.a2, r.a3, r.b1, r.d1, r.e1, r.n1} {
		if a.ID == id {
			return a
		}
	}
	return news.Article{}
}

func sortedIDs(arts ...news.Article) []news.ArticleID {
	var ids []news.ArticleID
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	slices.Sort(ids)
	return ids
}

func partStories(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	for a, want := range map[news.ArticleID]news.StoryID{r.a1.ID: "s-talks", r.n1.ID: "s-talks", r.b1.ID: "s-ferry", r.d1.ID: "s-ferry-2"} {
		if got, err := s.StoryOf(ctx, a); err != nil || got != want {
			t.Errorf("StoryOf(%s) = %s, %v; want %s", r.byID(a).Title, got, err, want)
		}
	}
	if _, err := s.StorySummary(ctx, "s-dam"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("replaced story s-dam: %v, want ErrNotFound", err)
	}
	if to, err := s.MovedTo(ctx, news.KindStory, "s-dam"); err != nil || to != "s-talks" {
		t.Errorf("MovedTo(s-dam) = %s, %v; want s-talks", to, err)
	}
	for id, want := range map[news.StoryID]news.StorySummary{
		"s-talks": {Size: 4, Outlets: 3, Copies: 2},
		"s-ferry": {Size: 1, Outlets: 1},
	} {
		st, err := s.StorySummary(ctx, id)
		if err != nil || st.Size != want.Size || st.Outlets != want.Outlets || st.Copies != want.Copies {
			t.Errorf("StorySummary(%s) = %+v, %v; want %d articles, %d outlets, %d copies", id, st, err, want.Size, want.Outlets, want.Copies)
		}
	}
	if got, err := s.Members(ctx, []news.StoryID{"s-talks", "s-dam"}); err != nil || !slices.Equal(got, sortedIDs(r.a1, r.a2, r.a3, r.n1)) {
		t.Errorf("Members(s-talks, s-dam) = %v, %v", got, err)
	}
	for _, tt := range []struct {
		f    news.StoryFilter
		want []news.StoryID
	}{
		{news.StoryFilter{Outlet: "Harbour Daily"}, []news.StoryID{"s-talks", "s-ferry"}},
		{news.StoryFilter{Outlet: "Meridian Wire"}, []news.StoryID{"s-ferry-2", "s-talks"}},
		{news.StoryFilter{Entity: "per-a"}, []news.StoryID{"s-talks"}},
		{news.StoryFilter{Entity: "per-c"}, []news.StoryID{"s-ferry-2", "s-ferry"}},
		// s-ferry-x, outside the scope, by the mention the grouping resolved.
		{news.StoryFilter{Entity: "per-n"}, []news.StoryID{"s-talks", "s-ferry-x"}},
		{news.StoryFilter{Storyline: "sl-ferry"}, []news.StoryID{"s-ferry-2", "s-talks", "s-ferry"}},
	} {
		list, total, err := s.Stories(ctx, tt.f)
		var got []news.StoryID
		for _, st := range list {
			got = append(got, st.ID)
		}
		if err != nil || total != len(tt.want) || !slices.Equal(got, tt.want) {
			t.Errorf("Stories(%+v) = %v (total %d), %v; want %v", tt.f, got, total, err, tt.want)
		}
	}
	checkCentroids(t, s, map[news.StoryID]string{"s-talks": "talks", "s-ferry": "ferry"})
	links, total, err := s.CopyLinks(ctx, r.a1.ID, 10, 0)
	if err != nil || total != 2 || len(links) != 2 {
		t.Errorf("CopyLinks(a1) = %+v (total %d), %v; want a3's and n1's", links, total, err)
	}
}

// checkCentroids checks the centroids of s-dam, s-talks, s-ferry and
// s-ferry-x (which has none).
func checkCentroids(t *testing.T, s Store, want map[news.StoryID]string) {
	got, err := s.StoryCentroids(context.Background(), []news.StoryID{"s-dam", "s-talks", "s-ferry", "s-ferry-x"})
	if err != nil {
		t.Fatal(err)
	}
	text := map[news.StoryID]string{}
	for id, c := range got {
		text[id] = string(c)
	}
	if !maps.Equal(text, want) {
		t.Errorf("StoryCentroids = %q, want %q", text, want)
	}
}

func partStorylines(t *testing.T, s Store) {
	ctx := context.Background()
	if _, err := s.StorylineSummary(ctx, "sl-river"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("merged storyline sl-river: %v, want ErrNotFound", err)
	}
	if to, err := s.MovedTo(ctx, news.KindStoryline, "sl-river"); err != nil || to != "sl-ferry" {
		t.Errorf("MovedTo(sl-river) = %s, %v; want sl-ferry", to, err)
	}
	// s-ferry-2 followed sl-river; s-ferry stayed; s-talks joined.
	l, err := s.StorylineSummary(ctx, "sl-ferry")
	if err != nil {
		t.Fatal(err)
	}
	stories := slices.Clone(l.Stories)
	slices.Sort(stories)
	if l.Name != "Ferry and dam" || !slices.Equal(stories, []news.StoryID{"s-ferry", "s-ferry-2", "s-talks"}) {
		t.Errorf("StorylineSummary(sl-ferry) = %q with %v; want the stories pointing to it", l.Name, l.Stories)
	}
	if want := time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC); !l.Begin.Equal(want) || !l.End.Equal(want.AddDate(0, 0, 50)) {
		t.Errorf("sl-ferry spans %v to %v; want its stories' span", l.Begin, l.End)
	}
	page, total, err := s.StorylineStories(ctx, "sl-ferry", 10, 0)
	if err != nil || total != 3 || len(page) != 3 || page[0].ID != "s-talks" {
		t.Errorf("StorylineStories(sl-ferry) = %d of %d, %v; want 3, s-talks first", len(page), total, err)
	}
	// The latest stories first: s-ferry-2 (no centroid), s-ferry, s-talks.
	for limit, want := range map[int]string{1: "", 2: "ferry", 3: "ferry talks", 10: "ferry talks"} {
		cents, err := s.StorylineCentroids(ctx, "sl-ferry", limit)
		var got []string
		for _, c := range cents {
			got = append(got, string(c))
		}
		if err != nil || strings.Join(got, " ") != want {
			t.Errorf("StorylineCentroids(sl-ferry, %d) = %q, %v; want %q", limit, got, err, want)
		}
	}
}

func partIndex(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	f, err := s.Frequencies(ctx, []string{"t:dam", "t:talks", "t:ferry", "t:none"})
	if want := map[string]int{"t:dam": 4, "t:talks": 1, "t:ferry": 3}; err != nil || f.Docs != 7 || !maps.Equal(f.DF, want) {
		t.Errorf("Frequencies = %+v, %v; want 7 documents and %v", f, err, want)
	}
	got, err := s.StoryCandidates(ctx, []string{"t:dam"}, time.Time{}, 0, 128, 10)
	if err != nil || !slices.Equal(got, []news.StoryID{"s-talks"}) {
		t.Errorf("StoryCandidates(t:dam) = %v, %v; want s-talks alone (s-dam's keys went with it)", got, err)
	}
	ents, err := s.ResolverEntitiesFor(ctx, []news.EntityID{"per-a", "per-c", "per-n", "per-x"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	mentions := map[news.EntityID]int{}
	for _, e := range ents {
		mentions[e.ID] = e.Mentions
	}
	if want := map[news.EntityID]int{"per-a": 3, "per-c": 1, "per-n": 1}; !maps.Equal(mentions, want) {
		t.Errorf("ResolverEntitiesFor: %v, want %v (per-c kept, per-a replaced)", mentions, want)
	}
	if ok, err := s.GroupingIndexed(ctx); err != nil || !ok {
		t.Errorf("GroupingIndexed after a partial grouping = %v, %v", ok, err)
	}
	p, err := s.PriorOf(ctx, []news.ArticleID{r.n1.ID}, []string{"s-dam", "sl-river"})
	if want := map[string]bool{"s-dam": true, "sl-river": true, "s-talks": true, "sl-ferry": true}; err != nil || !maps.Equal(p.Issued, want) {
		t.Errorf("PriorOf(n1).Issued = %v, %v; want %v (moved IDs stay issued)", p.Issued, err, want)
	}
}

func copyKeys(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	for _, tt := range []struct {
		keys   []uint32
		perKey int
		want   []news.ArticleID
	}{
		// Under key 2: a1, a3, b1 and n1. A key holding more than perKey
		// articles is common: none of them is a candidate.
		{[]uint32{2}, 3, nil},
		{[]uint32{2}, 4, sortedIDs(r.a1, r.a3, r.b1, r.n1)},
		{[]uint32{2, 9}, 3, sortedIDs(r.a3)},
		// a3 alone is under key 9: it, not the rest of its copy group.
		{[]uint32{9}, 5, sortedIDs(r.a3)},
		{[]uint32{3, 404}, 5, sortedIDs(r.a2)},
		{[]uint32{404}, 5, nil},
	} {
		got, err := s.CopyCandidates(ctx, tt.keys, tt.perKey)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("CopyCandidates(%v, %d) = %v, %v; want %v", tt.keys, tt.perKey, got, err, tt.want)
		}
	}
	if list, err := s.UnkeyedSignatures(ctx, 10); err != nil || len(list) != 0 {
		t.Errorf("UnkeyedSignatures after SaveAnalyses = %v, %v; want none", list, err)
	}
	if err := s.SaveCopyKeys(ctx, []news.Analysis{{Article: r.b1.ID, CopyKeys: []uint32{7}}}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.CopyCandidates(ctx, []uint32{2, 7}, 10); err != nil || !slices.Equal(sorted(got), sortedIDs(r.a1, r.a3, r.b1, r.n1)) {
		t.Errorf("CopyCandidates after b1 was filed under key 7 too = %v, %v", got, err)
	}
	if got, err := s.CopyCandidates(ctx, []uint32{7}, 10); err != nil || !slices.Contains(got, r.b1.ID) {
		t.Errorf("CopyCandidates(7) = %v, %v; want b1 among them", got, err)
	}
}

func sorted(ids []news.ArticleID) []news.ArticleID {
	ids = slices.Clone(ids)
	slices.Sort(ids)
	return ids
}

// outsideScope checks that a partial grouping that would leave a story
// counted without an article, or move an article it does not hold, is
// refused and changes nothing.
func outsideScope(t *testing.T, s Store, r *river) {
	ctx := context.Background()
	bad := map[string]news.Grouping{
		"an article of a replaced story left out": {
			Assignments: []news.Assignment{{Article: r.a1.ID, Story: "s-talks"}},
			Stories:     []news.Story{{ID: "s-talks"}},
			Scope:       &news.Scope{Articles: []news.ArticleID{r.a1.ID}, Stories: []news.StoryID{"s-talks"}},
		},
		"an assignment outside the scope": {
			Assignments: []news.Assignment{{Article: r.b1.ID, Story: "s-new"}},
			Stories:     []news.Story{{ID: "s-new"}},
			Scope:       &news.Scope{Articles: []news.ArticleID{r.e1.ID}, Stories: []news.StoryID{"s-ferry-x"}},
		},
	}
	for name, g := range bad {
		// The pipeline groups everything again on ErrInvalid.
		if err := s.SaveGrouping(ctx, g); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("%s: SaveGrouping = %v, want ErrInvalid", name, err)
		}
	}
	if st, err := s.StorySummary(ctx, "s-talks"); err != nil || st.Size != 4 {
		t.Errorf("s-talks after refused groupings: %+v, %v; want 4 articles as before", st, err)
	}
}

// storyCandidatesRecent checks that a key shared by many
// stories costs a bounded read: only its most recent stories are found.
func storyCandidatesRecent(t *testing.T, s Store) {
	ctx := context.Background()
	var g news.Grouping
	d := day("2025-03-24")
	for i := range 130 {
		id := news.StoryID(fmt.Sprintf("s-%03d", i))
		keys := []string{"t:common"}
		if i == 0 {
			keys = append(keys, "t:rare")
		}
		g.Stories = append(g.Stories, news.Story{ID: id, Begin: d.AddDate(0, 0, i), End: d.AddDate(0, 0, i), Keys: keys})
	}
	if err := s.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	got, err := s.StoryCandidates(ctx, []string{"t:common"}, time.Time{}, 0, 128, 1000)
	if err != nil || len(got) != 128 || got[0] != "s-129" || got[127] != "s-002" {
		t.Errorf("StoryCandidates(t:common, 128 a key) = %d stories (%v), %v; want the 128 most recent, s-129 to s-002", len(got), got, err)
	}
	got, err = s.StoryCandidates(ctx, []string{"t:common"}, d.AddDate(0, 0, 120), 30*24*time.Hour, 5, 1000)
	if err != nil || !slices.Equal(got, []news.StoryID{"s-129", "s-128", "s-127", "s-126", "s-125"}) {
		t.Errorf("StoryCandidates(t:common, 5 a key, within 30 days of day 120) = %v, %v; want the 5 most recent, s-129 to s-125", got, err)
	}
	got, err = s.StoryCandidates(ctx, []string{"t:common", "t:rare"}, time.Time{}, 0, 128, 3)
	if err != nil || !slices.Equal(got, []news.StoryID{"s-129", "s-128", "s-127"}) {
		t.Errorf("StoryCandidates(t:common, t:rare) = %v, %v; the oldest story shares t:rare only", got, err)
	}
	got, err = s.StoryCandidates(ctx, []string{"t:rare"}, d.AddDate(0, 0, 3), 72*time.Hour, 128, 3)
	if err != nil || !slices.Equal(got, []news.StoryID{"s-000"}) {
		t.Errorf("StoryCandidates(t:rare) 3 days later = %v, %v; want s-000", got, err)
	}
}

// commonCopyKeys checks that a key many articles share (a common stem)
// finds no candidates, while a rare key still finds its few. How many
// articles the common key is filed under is the backends' own check.
func commonCopyKeys(t *testing.T, s Store) {
	ctx := context.Background()
	FileCommonCopyKey(t, s)
	if ids, err := s.CopyCandidates(ctx, []uint32{1}, 32); err != nil || len(ids) != 0 {
		t.Errorf("CopyCandidates(common key) = %d articles, %v; want none", len(ids), err)
	}
	if ids, err := s.CopyCandidates(ctx, []uint32{1, 2}, 1000); err != nil || !slices.Equal(ids, []news.ArticleID{"a197", "a198", "a199"}) {
		t.Errorf("CopyCandidates(common and rare key) = %v, %v; want the rare key's three", ids, err)
	}
}

// FileCommonCopyKey stores 200 articles, a000 to a199, and saves their
// copy keys ten at a time, as analysis batches do: every article under
// the common key 1, the last three under the rare key 2 too. A store
// should stop filing articles under a key that common; its backend's
// tests count how many it filed.
func FileCommonCopyKey(t *testing.T, s Store) {
	t.Helper()
	ctx := context.Background()
	var arts []news.Article
	for i := range 200 {
		arts = append(arts, news.Article{ID: news.ArticleID(fmt.Sprintf("a%03d", i)), Title: "t", Text: fmt.Sprintf("text %d", i), TextHash: fmt.Sprint(i)})
	}
	add(t, s, arts...)
	for i := 0; i < len(arts); i += 10 {
		var list []news.Analysis
		for _, a := range arts[i : i+10] {
			keys := []uint32{1}
			if a.ID >= "a197" {
				keys = append(keys, 2)
			}
			list = append(list, news.Analysis{Article: a.ID, CopyKeys: keys})
		}
		if err := s.SaveCopyKeys(ctx, list); err != nil {
			t.Fatal(err)
		}
	}
}
