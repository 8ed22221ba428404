package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// decisions checks that people's decisions are kept in the order made,
// whole, once however often they are repeated, and only with the grouping
// that applies them.
func decisions(t *testing.T, s Store) {
	ctx := context.Background()
	k := newDesk()
	k.store(t, s)
	if ds, err := s.Decisions(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("Decisions of a store without any = %v, %v; want none", ds, err)
	}
	made := time.Date(2025, 4, 5, 10, 0, 0, 0, time.UTC)
	split := news.Decision{Kind: "split", Story: "s-dam", Articles: []news.ArticleID{k.a3.ID}, Kept: []news.ArticleID{k.a1.ID, k.a2.ID}, Created: made}
	merge := news.Decision{Kind: "merge", Story: "s-dam", Other: "s-ferry", Articles: []news.ArticleID{k.a1.ID, k.a2.ID, k.b1.ID, k.b2.ID}}
	splitG := regroup(k.g, map[news.ArticleID]news.StoryID{k.a3.ID: "s-dam-2"}, nil)
	mergeG := regroup(splitG, map[news.ArticleID]news.StoryID{k.b1.ID: "s-dam", k.b2.ID: "s-dam"}, []news.Moved{{Kind: news.KindStory, From: "s-ferry", To: "s-dam"}})
	for _, d := range []struct {
		d news.Decision
		g news.Grouping
	}{{split, splitG}, {merge, mergeG}} {
		if ok, err := s.Decide(ctx, d.d, d.g); err != nil || !ok {
			t.Fatalf("Decide(%s) = %v, %v; want it recorded", d.d.Kind, ok, err)
		}
	}
	if st, err := s.StoryOf(ctx, k.a3.ID); err != nil || st != "s-dam-2" {
		t.Errorf("StoryOf(a3) after the split = %s, %v; want s-dam-2", st, err)
	}
	if to, err := s.MovedTo(ctx, news.KindStory, "s-ferry"); err != nil || to != "s-dam" {
		t.Errorf("MovedTo(s-ferry) after the merge = %q, %v; want s-dam", to, err)
	}
	// The split again, made later: an equal decision, neither recorded
	// nor applied.
	again := split
	again.Created = made.Add(time.Hour)
	if ok, err := s.Decide(ctx, again, k.g); err != nil || ok {
		t.Errorf("Decide(the split again) = %v, %v; want false, nil", ok, err)
	}
	if st, err := s.StoryOf(ctx, k.a3.ID); err != nil || st != "s-dam-2" {
		t.Errorf("StoryOf(a3) after a repeated decision = %s, %v; want s-dam-2 still", st, err)
	}
	// A decision whose grouping is refused is not recorded either.
	bad := regroup(mergeG, nil, nil)
	bad.Scope = &news.Scope{Articles: []news.ArticleID{k.a1.ID}, Stories: []news.StoryID{"s-dam"}}
	if ok, err := s.Decide(ctx, news.Decision{Kind: "split", Story: "s-dam", Articles: []news.ArticleID{k.a1.ID}}, bad); err == nil || ok {
		t.Errorf("Decide with a grouping outside its scope = %v, %v; want an error", ok, err)
	}
	ds, err := s.Decisions(ctx)
	if err != nil || len(ds) != 2 {
		t.Fatalf("Decisions = %+v, %v; want the split and the merge", ds, err)
	}
	for i, want := range []news.Decision{split, merge} {
		if !ds[i].Same(want) || ds[i].Created.IsZero() {
			t.Errorf("decision %d = %+v; want %+v, dated", i, ds[i], want)
		}
	}
	if !ds[0].Created.Equal(made) {
		t.Errorf("the split was made %v; want %v, as given", ds[0].Created, made)
	}
}

// regroup returns g with the articles of to moved to their stories (new
// stories are added in g's first storyline) and moved recorded. Stories
// left without articles are dropped.
func regroup(g news.Grouping, to map[news.ArticleID]news.StoryID, moved []news.Moved) news.Grouping {
	g.Assignments = slices.Clone(g.Assignments)
	held := map[news.StoryID]bool{}
	for i, a := range g.Assignments {
		if st, ok := to[a.Article]; ok {
			g.Assignments[i].Story = st
		}
		held[g.Assignments[i].Story] = true
	}
	var stories []news.Story
	known := map[news.StoryID]bool{}
	for _, st := range g.Stories {
		known[st.ID] = true
		if held[st.ID] {
			stories = append(stories, st)
		}
	}
	for _, a := range g.Assignments {
		if !known[a.Story] {
			known[a.Story] = true
			stories = append(stories, news.Story{ID: a.Story, Title: string(a.Story), Storyline: g.Storylines[0].ID})
		}
	}
	g.Stories, g.Moved, g.Scope = stories, moved, nil
	g.Storylines = slices.Clone(g.Storylines)
	for i, l := range g.Storylines {
		var kept []news.StoryID
		for _, st := range l.Stories {
			if held[st] {
				kept = append(kept, st)
			}
		}
		g.Storylines[i].Stories = kept
	}
	return g
}

// moves checks the redirects of IDs a grouping no longer issues: a
// merged story or storyline leads to the one it went to, in one step
// however many groupings moved it, until a grouping names it again.
func moves(t *testing.T, s Store) {
	ctx := context.Background()
	k := newDesk()
	k.store(t, s)
	// sl-port merges into sl-river; then s-strike into s-ferry.
	first := k.g
	first.Stories = slices.Clone(k.g.Stories)
	first.Stories[2].Storyline = "sl-river"
	first.Storylines = []news.Storyline{{ID: "sl-river", Name: "Lisk", Stories: []news.StoryID{"s-dam", "s-ferry", "s-strike"}}}
	first.Moved = []news.Moved{{Kind: news.KindStoryline, From: "sl-port", To: "sl-river"}}
	if err := s.SaveGrouping(ctx, first); err != nil {
		t.Fatal(err)
	}
	second := regroup(first, map[news.ArticleID]news.StoryID{k.c1.ID: "s-ferry"}, []news.Moved{{Kind: news.KindStory, From: "s-strike", To: "s-ferry"}})
	if err := s.SaveGrouping(ctx, second); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		kind    news.IDKind
		id      string
		want    string
		wantErr error
	}{
		{news.KindStoryline, "sl-port", "sl-river", nil},
		{news.KindStory, "s-strike", "s-ferry", nil},
		{news.KindStory, "sl-port", "", news.ErrNotFound}, // a storyline's move is not a story's
		{news.KindStory, "s-ferry", "", news.ErrNotFound}, // live
		{news.KindStory, "s-nope", "", news.ErrNotFound},
	} {
		got, err := s.MovedTo(ctx, tt.kind, tt.id)
		if got != tt.want || !errors.Is(err, tt.wantErr) {
			t.Errorf("MovedTo(%s %s) = %q, %v; want %q, %v", tt.kind, tt.id, got, err, tt.want, tt.wantErr)
		}
	}
	p, err := s.Prior(ctx)
	if err != nil || !p.Issued["s-strike"] || !p.Issued["sl-port"] {
		t.Errorf("Prior.Issued = %v, %v; want the moved s-strike and sl-port among them", p.Issued, err)
	}
	// A grouping that names s-strike again ends its move.
	third := regroup(second, map[news.ArticleID]news.StoryID{k.c1.ID: "s-strike"}, nil)
	if err := s.SaveGrouping(ctx, third); err != nil {
		t.Fatal(err)
	}
	if to, err := s.MovedTo(ctx, news.KindStory, "s-strike"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("MovedTo(s-strike) once it names a story again = %q, %v; want ErrNotFound", to, err)
	}
	if st, err := s.StorySummary(ctx, "s-strike"); err != nil || st.Size != 1 {
		t.Errorf("StorySummary(s-strike) = %+v, %v; want c1's story again", st, err)
	}
}

// decideWhole checks that a decision and the grouping that applies it are
// stored together or not at all, and that a decision made again changes
// nothing. Before, a process killed between the two left the decision
// stored but not applied, and running the command again stored it twice.
func decideWhole(t *testing.T, s Store) {
	ctx := context.Background()
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	a1 := Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened.", day)
	a2 := Article("https://b.example/2", "Valley Post", "Strike ends", "The port strike ended.", day)
	if _, err := s.Add(ctx, []news.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	separate := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-1"}, {Article: a2.ID, Story: "s-2"}},
		Stories:     []news.Story{{ID: "s-1", Title: "Talks open"}, {ID: "s-2", Title: "Strike ends"}},
	}
	if err := s.SaveGrouping(ctx, separate); err != nil {
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
	if _, err := s.Decide(ctx, merge, broken); err == nil {
		t.Fatal("Decide saved a grouping with two stories of one ID")
	}
	if ds, err := s.Decisions(ctx); err != nil || len(ds) != 0 {
		t.Fatalf("decisions after a failed Decide: %v, %v; want none", ds, err)
	}
	if s, err := s.StoryOf(ctx, a2.ID); err != nil || s != "s-2" {
		t.Fatalf("story of %s after a failed Decide: %s, %v; want s-2 as before", a2.ID, s, err)
	}

	applied, err := s.Decide(ctx, merge, merged)
	if err != nil || !applied {
		t.Fatalf("Decide: %v, %v", applied, err)
	}
	if s, err := s.StoryOf(ctx, a2.ID); err != nil || s != "s-1" {
		t.Errorf("story of %s after the merge: %s, %v; want s-1", a2.ID, s, err)
	}
	if to, err := s.MovedTo(ctx, news.KindStory, "s-2"); err != nil || to != "s-1" {
		t.Errorf("s-2 moved to %q, %v; want s-1", to, err)
	}

	// The same decision again, made later: nothing recorded, nothing saved.
	again := merge
	again.Created = day.AddDate(0, 1, 0)
	applied, err = s.Decide(ctx, again, separate)
	if err != nil || applied {
		t.Errorf("Decide of a known decision: %v, %v; want false, nil", applied, err)
	}
	if ds, err := s.Decisions(ctx); err != nil || len(ds) != 1 {
		t.Errorf("decisions: %d, %v; want 1", len(ds), err)
	}
	if s, err := s.StoryOf(ctx, a2.ID); err != nil || s != "s-1" {
		t.Errorf("story of %s after a repeated decision: %s, %v; want s-1 kept", a2.ID, s, err)
	}
}
