package storetest

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// The fixtures here are for the backends' own tests of partial saves,
// which check the rows a save writes, and what it costs, in the
// backend's schema. They write through the store's methods only.

// ScopedSave is a store with a whole grouping of two stories, and a
// partial grouping, not yet saved, that uses every part of a grouping:
// copies, stories with keys, storylines, entities, changed mentions,
// quote and event groups, redirects, moved stories and storylines,
// inherited dates and frequencies.
type ScopedSave struct {
	Day         time.Time
	NewAnalyses []news.Analysis // of the article n1, stored but not analyzed
	Part        news.Grouping
}

// NewScopedSave stores the articles, analyses and whole grouping of a
// ScopedSave in s.
func NewScopedSave(t *testing.T, s Store) *ScopedSave {
	t.Helper()
	ctx := context.Background()
	f := &ScopedSave{Day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	a1 := Article("https://p.example/a1", "Meridian Wire", "Dam talks", "Talks on the dam opened in Port Avel.", f.Day)
	a2 := Article("https://p.example/a2", "Valley Post", "Dam talks", "The dam talks went on in Port Avel.", f.Day)
	b1 := Article("https://p.example/b1", "Harbour Daily", "Ferry", "A ferry ran aground.", f.Day)
	n1 := Article("https://p.example/n1", "Harbour Daily", "Dam talks", "Talks on the dam opened in Port Avel.", time.Time{})
	add(t, s, a1, a2, b1, n1)
	an := func(a news.Article, ent news.EntityID, keys ...uint32) news.Analysis {
		return news.Analysis{Article: a.ID, Signature: []byte("sig"), CopyKeys: keys,
			Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 5}, Text: a.Text[:5], Type: news.Person, Entity: ent}},
			Quotes:   []news.Quote{{Span: news.Span{Start: 6, End: 10}, Text: a.Text[6:10], Speaker: "X", Entity: ent, Cue: "said"}},
			Events:   []news.Event{{Type: news.EventTalks, Trigger: "talks", Killed: -1, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 20}}}}
	}
	if err := s.SaveAnalyses(ctx, []news.Analysis{an(a1, "per-x", 1, 2), an(a2, "per-y", 2), an(b1, "per-y", 3)}); err != nil {
		t.Fatal(err)
	}
	f.NewAnalyses = []news.Analysis{an(n1, "per-x", 1, 2)}
	whole := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-dam"}, {Article: a2.ID, Story: "s-dam"}, {Article: b1.ID, Story: "s-ferry"}},
		Stories: []news.Story{{ID: "s-dam", Begin: f.Day, End: f.Day, Storyline: "sl-dam", Keys: []string{"t:dam"}},
			{ID: "s-ferry", Begin: f.Day, End: f.Day, Storyline: "sl-ferry", Keys: []string{"t:ferry"}}},
		Storylines:  []news.Storyline{{ID: "sl-dam", Stories: []news.StoryID{"s-dam"}}, {ID: "sl-ferry", Stories: []news.StoryID{"s-ferry"}}},
		Entities:    []news.Entity{{ID: "per-x", Name: "X"}, {ID: "per-y", Name: "Y"}},
		Frequencies: news.Frequencies{Replace: true, Docs: 3, DF: map[string]int{"t:dam": 2}},
	}
	if err := s.SaveGrouping(ctx, whole); err != nil {
		t.Fatal(err)
	}
	f.Part = news.Grouping{
		Copies:      []news.CopyLink{{Article: n1.ID, Original: a1.ID, Kind: news.CopyExact, Similarity: 1}},
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s-talks"}, {Article: a2.ID, Story: "s-talks"}, {Article: n1.ID, Story: "s-talks"}},
		Stories:     []news.Story{{ID: "s-talks", Begin: f.Day, End: f.Day, Storyline: "sl-dam", Keys: []string{"t:dam", "t:talks"}}},
		Storylines:  []news.Storyline{{ID: "sl-dam", Stories: []news.StoryID{"s-talks"}}},
		Entities:    []news.Entity{{ID: "per-x", Name: "X", Mentions: 3}, {ID: "per-z", Name: "Z"}},
		Resolved:    []news.MentionEntity{{Article: a2.ID, Span: news.Span{Start: 0, End: 5}, Entity: "per-z"}},
		QuoteGroups: []news.QuoteRef{{Quote: news.Quote{Span: news.Span{Start: 6, End: 10}, Group: "q1", Entity: "per-x"}, Article: news.Summary{ID: a1.ID}}},
		EventGroups: []news.EventRef{{Event: news.Event{Type: news.EventTalks, Trigger: "talks", Group: "e1"}, Article: news.Summary{ID: a1.ID}}},
		Redirects:   map[news.EntityID]news.EntityID{"per-y": "per-z"},
		Moved: []news.Moved{{Kind: news.KindStory, From: "s-dam", To: "s-talks"},
			{Kind: news.KindStoryline, From: "sl-ferry", To: "sl-dam"}},
		Inherited:   []news.Analysis{{Article: n1.ID, Published: f.Day, DateSource: news.DateCopy}},
		Scope:       &news.Scope{Articles: []news.ArticleID{a1.ID, a2.ID, n1.ID}, Stories: []news.StoryID{"s-dam"}, Storylines: []news.StorylineID{"sl-dam"}},
		Frequencies: news.Frequencies{Docs: 1, DF: map[string]int{"t:dam": 1, "t:talks": 1}},
	}
	return f
}

// ScopedSaves stores 60 random articles in s and saves a whole grouping
// of them, then 40 random partial groupings one after another, and calls
// check after each save with what was saved, so that a backend can check
// that the rows a save derives from its stories are those a whole save
// would derive: the differences partial saves apply do not drift.
//
// The groupings regroup one to three stored stories and a few new
// articles into one to four stories that keep an old ID, take a new one
// or join another storyline; now and then a storyline merges into
// another; mentions name other entities, and entities are redirected.
// Each story's keys are "t:" and its ID, and "t:common"; its centroid is
// its ID.
func ScopedSaves(t *testing.T, s Store, check func(when string)) {
	t.Helper()
	ctx := context.Background()
	w := &world{t: t, s: s, rng: rand.New(rand.NewPCG(1, 2)), day: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)}
	if err := s.SaveGrouping(ctx, w.whole(60)); err != nil {
		t.Fatal(err)
	}
	check("whole grouping")
	for round := range 40 {
		g := w.partial(round)
		if err := s.SaveGrouping(ctx, g); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		check(fmt.Sprintf("round %d (%d stories replaced by %d)", round, len(g.Scope.Stories), len(g.Stories)))
	}
}

// A world makes random articles in a store and random groupings of them.
type world struct {
	t        *testing.T
	s        Store
	rng      *rand.Rand
	day      time.Time
	analyzed []news.ArticleID // every article made, in the order stored
	next     int              // stories and storylines named
}

var worldOutlets = []string{"Meridian Wire", "Valley Post", "Harbour Daily", "meridian wire", "Northern Tribune", ""}

// whole stores and analyzes n articles and returns a whole grouping of
// them: stories of four, in five storylines.
func (w *world) whole(n int) news.Grouping {
	var g news.Grouping
	arts := w.addArticles(n)
	for i := 0; i < len(arts); i += 4 {
		w.addStory(&g, news.StoryID(fmt.Sprintf("s-%d", i)), news.StorylineID(fmt.Sprintf("sl-%d", i%5)), arts[i:min(i+4, len(arts))])
	}
	g.Frequencies = news.Frequencies{Replace: true, Docs: n}
	return g
}

// addArticles stores and analyzes n new articles, each naming two of ten
// entities, from outlets some of which differ only in case, and returns
// them.
func (w *world) addArticles(n int) []news.Article {
	var arts []news.Article
	var ans []news.Analysis
	for range n {
		k := len(w.analyzed) + len(arts) + 1
		pub := w.day.AddDate(0, 0, w.rng.IntN(60))
		if w.rng.IntN(10) == 0 {
			pub = time.Time{}
		}
		a := Article(fmt.Sprintf("https://w.example/%d", k), worldOutlets[w.rng.IntN(len(worldOutlets))],
			fmt.Sprintf("Report %d", k), fmt.Sprintf("Report %d of the river talks.", k), pub)
		arts = append(arts, a)
		ans = append(ans, news.Analysis{Article: a.ID, Mentions: []news.Mention{
			{Span: news.Span{Start: 0, End: 6}, Text: "Report", Type: news.Person, Entity: news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10)))},
			{Span: news.Span{Start: 7, End: 9}, Text: "of", Type: news.Person, Entity: news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10)))}}})
	}
	ctx := context.Background()
	add(w.t, w.s, arts...)
	if err := w.s.SaveAnalyses(ctx, ans); err != nil {
		w.t.Fatal(err)
	}
	for _, a := range arts {
		w.analyzed = append(w.analyzed, a.ID)
	}
	return arts
}

// addStory adds to g a story of arts, with the span of their dates and
// keys made from its ID, in storyline line ("" for none).
func (w *world) addStory(g *news.Grouping, id news.StoryID, line news.StorylineID, arts []news.Article) {
	st := news.Story{ID: id, Title: arts[0].Title, Storyline: line, Keys: []string{"t:" + string(id), "t:common"}, Centroid: []byte(id)}
	for i, a := range arts {
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: id, New: i == 0})
		if i > 0 && w.rng.IntN(3) == 0 {
			g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: arts[0].ID, Kind: news.CopyNear, Similarity: 0.9})
		}
		if p := a.Published; !p.IsZero() {
			if st.Begin.IsZero() || p.Before(st.Begin) {
				st.Begin = p
			}
			if p.After(st.End) {
				st.End = p
			}
		}
	}
	g.Stories = append(g.Stories, st)
	if line != "" && !slices.ContainsFunc(g.Storylines, func(l news.Storyline) bool { return l.ID == line }) {
		g.Storylines = append(g.Storylines, news.Storyline{ID: line, Name: string(line)})
	}
	// The storyline's span, as the stories give it.
	for i := range g.Storylines {
		if l := &g.Storylines[i]; l.ID == line {
			l.Stories = append(l.Stories, id)
			if !st.Begin.IsZero() && (l.Begin.IsZero() || st.Begin.Before(l.Begin)) {
				l.Begin = st.Begin
			}
			if st.End.After(l.End) {
				l.End = st.End
			}
		}
	}
}

// partial returns a partial grouping of the stored stories, the round'th
// of a run (see ScopedSaves).
func (w *world) partial(round int) news.Grouping {
	ctx := context.Background()
	stories, _, err := w.s.Stories(ctx, news.StoryFilter{Limit: 1 << 20})
	if err != nil {
		w.t.Fatal(err)
	}
	slices.SortFunc(stories, func(a, b news.StorySummary) int { return cmp.Compare(a.ID, b.ID) })
	storylines, _, err := w.s.Storylines(ctx, 1<<20, 0)
	if err != nil {
		w.t.Fatal(err)
	}
	var lines []news.StorylineID
	for _, l := range storylines {
		lines = append(lines, l.ID)
	}
	slices.Sort(lines)
	w.rng.Shuffle(len(stories), func(i, j int) { stories[i], stories[j] = stories[j], stories[i] })
	old := stories[:min(1+w.rng.IntN(3), len(stories))]
	g := news.Grouping{Scope: &news.Scope{}, Frequencies: news.Frequencies{Docs: 2, DF: map[string]int{"t:common": 1}}}
	var ids []news.ArticleID
	for _, st := range old {
		g.Scope.Stories = append(g.Scope.Stories, st.ID)
		if st.Storyline != "" && !slices.Contains(g.Scope.Storylines, st.Storyline) {
			g.Scope.Storylines = append(g.Scope.Storylines, st.Storyline)
		}
		members, err := w.s.Members(ctx, []news.StoryID{st.ID})
		if err != nil {
			w.t.Fatal(err)
		}
		ids = append(ids, members...)
	}
	byID, err := w.s.ArticlesByID(ctx, ids)
	if err != nil {
		w.t.Fatal(err)
	}
	arts := w.addArticles(w.rng.IntN(4))
	for _, id := range ids {
		arts = append(arts, byID[id])
	}
	for _, a := range arts {
		g.Scope.Articles = append(g.Scope.Articles, a.ID)
	}
	w.rng.Shuffle(len(arts), func(i, j int) { arts[i], arts[j] = arts[j], arts[i] })
	for k := 1 + w.rng.IntN(4); k > 0 && len(arts) > 0; k-- {
		n := max(1, len(arts)/k)
		w.addStory(&g, w.storyID(&g, old), w.storylineID(lines), arts[:n])
		arts = arts[n:]
	}
	if len(lines) > 1 && w.rng.IntN(3) == 0 && len(g.Storylines) > 0 {
		from := lines[w.rng.IntN(len(lines))]
		if to := g.Storylines[0].ID; from != to && !slices.ContainsFunc(g.Storylines, func(l news.Storyline) bool { return l.ID == from }) {
			g.Moved = append(g.Moved, news.Moved{Kind: news.KindStoryline, From: string(from), To: string(to)})
		}
	}
	if len(old) > 0 && !slices.ContainsFunc(g.Stories, func(s news.Story) bool { return s.ID == old[0].ID }) {
		g.Moved = append(g.Moved, news.Moved{Kind: news.KindStory, From: string(old[0].ID), To: string(g.Stories[0].ID)})
	}
	// A mention in the scope and one anywhere name a new entity; now and
	// then an entity is redirected to another.
	ents := []news.EntityID{news.EntityID(fmt.Sprintf("per-%d", 10+2*round)), news.EntityID(fmt.Sprintf("per-%d", 11+2*round))}
	anywhere := w.analyzed[w.rng.IntN(len(w.analyzed))]
	for i, a := range []news.ArticleID{g.Scope.Articles[w.rng.IntN(len(g.Scope.Articles))], anywhere} {
		g.Resolved = append(g.Resolved, news.MentionEntity{Article: a, Span: news.Span{Start: 0, End: 6}, Entity: ents[i]})
	}
	if round%3 == 0 {
		g.Redirects = map[news.EntityID]news.EntityID{news.EntityID(fmt.Sprintf("per-%d", w.rng.IntN(10+2*round))): ents[0]}
	}
	return g
}

// storyID returns one of the old stories' IDs that g has not taken, or a
// new one.
func (w *world) storyID(g *news.Grouping, old []news.StorySummary) news.StoryID {
	if len(old) > 0 && w.rng.IntN(2) == 0 {
		id := old[w.rng.IntN(len(old))].ID
		if !slices.ContainsFunc(g.Stories, func(s news.Story) bool { return s.ID == id }) {
			return id
		}
	}
	w.next++
	return news.StoryID(fmt.Sprintf("s-new-%d", w.next))
}

// storylineID returns a stored storyline, a new one, or none.
func (w *world) storylineID(lines []news.StorylineID) news.StorylineID {
	switch r := w.rng.IntN(6); {
	case r == 0:
		return ""
	case r == 1 || len(lines) == 0:
		w.next++
		return news.StorylineID(fmt.Sprintf("sl-new-%d", w.next))
	}
	return lines[w.rng.IntN(len(lines))]
}
