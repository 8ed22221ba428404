package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/storyline-news/storyline/internal/news"
)

// webLookups checks the look-ups the web pages make of many stories,
// storylines, entities and articles at once: they return the known ones,
// leave out the unknown, and follow a regrouping; the story list counts
// known outlets only.
func webLookups(t *testing.T, s Store) {
	ctx := context.Background()
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	a1 := Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened in Port Avel.", day)
	a2 := Article("https://b.example/2", "Valley Post", "Talks open again", "Talks on the dam opened in Port Avel today.", day)
	a3 := Article("https://a.example/3", "Meridian Wire", "Second day", "The second day of talks ended without a deal.", day.AddDate(0, 0, 1))
	a4 := Article("https://c.example/4", "Harbour Daily", "Ferry aground", "A ferry ran aground near Lisk.", day)
	a5 := Article("https://d.example/5", "", "Ferry freed", "The ferry was freed at high tide.", day) // outlet unknown
	add(t, s, a1, a2, a3, a4, a5)
	g := news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s1"}, {Article: a2.ID, Story: "s1"}, {Article: a3.ID, Story: "s1"}, {Article: a4.ID, Story: "s2"}, {Article: a5.ID, Story: "s2"}},
		Stories:     []news.Story{{ID: "s1", Title: "Talks open", Storyline: "l1"}, {ID: "s2", Title: "Ferry aground"}},
		Storylines:  []news.Storyline{{ID: "l1", Name: "Dam talks", Stories: []news.StoryID{"s1"}}},
		Entities:    []news.Entity{{ID: "e1", Name: "Port Avel", Type: news.Place}},
	}
	if err := s.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}

	outlets, err := s.StoryOutlets(ctx, []news.StoryID{"s1", "s2", "nope"})
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
		list, _, err := s.Stories(ctx, news.StoryFilter{})
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
	if err := s.SaveGrouping(ctx, g); err != nil {
		t.Fatal(err)
	}
	outlets, err = s.StoryOutlets(ctx, []news.StoryID{"s1", "s2"})
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
	names, err := s.StorylineNames(ctx, []news.StorylineID{"l1", "nope"})
	if err != nil || len(names) != 1 || names["l1"] != "Dam talks" {
		t.Errorf("StorylineNames: %v, %v", names, err)
	}
	ents, err := s.EntityNames(ctx, []news.EntityID{"e1", "nope"})
	if err != nil || len(ents) != 1 || ents["e1"] != "Port Avel" {
		t.Errorf("EntityNames: %v, %v", ents, err)
	}
	of, err := s.StoriesOf(ctx, []news.ArticleID{a1.ID, a4.ID, "nope"})
	if err != nil || len(of) != 2 || of[a1.ID] != "s1" || of[a4.ID] != "s2" {
		t.Errorf("StoriesOf: %v, %v", of, err)
	}
	sums, err := s.Summaries(ctx, []news.ArticleID{a2.ID, "nope"})
	if err != nil || len(sums) != 1 || sums[a2.ID].Title != "Talks open again" || sums[a2.ID].Outlet != "Valley Post" {
		t.Errorf("Summaries: %v, %v", sums, err)
	}
	for _, empty := range []func() (int, error){
		func() (int, error) { m, err := s.StoryOutlets(ctx, nil); return len(m), err },
		func() (int, error) { m, err := s.StoriesOf(ctx, nil); return len(m), err },
	} {
		if n, err := empty(); n != 0 || err != nil {
			t.Errorf("empty look-up: %d, %v", n, err)
		}
	}
}

// batchReads checks that the batch reads of a story page return what the
// one-article reads return, for every article asked for, and leave out or
// empty the unknown ones.
func batchReads(t *testing.T, s Store) {
	ctx := context.Background()
	day := time.Date(2025, 3, 14, 0, 0, 0, 0, time.UTC)
	a1 := Article("https://a.example/1", "Meridian Wire", "Talks open", "Norland and Estavia opened talks in Port Avel on Friday, the minister said.", day)
	a2 := Article("https://b.example/2", "Valley Post", "Clash", "Three guards were killed near Dunmere on Tuesday, officials said.", day)
	a3 := Article("https://c.example/3", "Harbour Daily", "Quiet day", "Nothing happened.", time.Time{}) // no findings, no date
	add(t, s, a1, a2, a3)
	span := func(a, b int) news.Span { return news.Span{Start: a, End: b} }
	friday := news.Timex{Span: span(51, 60), Text: "on Friday", Type: "DATE", Value: "2025-03-14", Precision: news.Day, Begin: day, End: day.AddDate(0, 0, 1)}
	ans := []news.Analysis{
		{Article: a1.ID,
			// Stored out of order: reads return them by position.
			Mentions: []news.Mention{{Span: span(41, 50), Text: "Port Avel", Type: news.Place, Entity: "e3"}, {Span: span(0, 7), Text: "Norland", Type: news.Place, Entity: "e1"}},
			Timexes:  []news.Timex{friday},
			Quotes:   []news.Quote{{Span: span(0, 60), Text: "Norland and Estavia opened talks", Speaker: "the minister", Cue: "said", Sentence: span(0, 75), Group: "g1"}},
			Events:   []news.Event{{Type: "meeting", Trigger: "talks", Actor: "Norland", Target: "Estavia", Place: "Port Avel", When: &friday, Killed: -1, Injured: -1, Arrested: -1, Sentence: span(0, 75)}},
		},
		{Article: a2.ID,
			Mentions: []news.Mention{{Span: span(35, 42), Text: "Dunmere", Type: news.Place}},
			Events: []news.Event{
				{Type: "statement", Trigger: "said", Actor: "officials", Killed: -1, Injured: -1, Arrested: -1, Sentence: span(40, 66)},
				{Type: "attack", Trigger: "killed", Place: "Dunmere", Killed: 3, Injured: -1, Arrested: -1, Sentence: span(0, 66)},
			},
		},
	}
	if err := s.SaveAnalyses(ctx, ans); err != nil {
		t.Fatal(err)
	}
	ids := []news.ArticleID{a1.ID, a2.ID, a3.ID, "nope"}

	arts, err := s.ArticlesByID(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 3 {
		t.Errorf("ArticlesByID returned %d articles, want the 3 known", len(arts))
	}
	for _, id := range ids[:3] {
		one, err := s.Article(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(one, arts[id]); d != "" {
			t.Errorf("ArticlesByID[%s] differs from Article (-one +batch):\n%s", id, d)
		}
	}

	batch, err := s.Analyses(ctx, ids)
	if err != nil {
		t.Fatal(err)
	}
	if len(batch) != len(ids) {
		t.Errorf("Analyses returned %d analyses, want one for each of the %d asked for", len(batch), len(ids))
	}
	for _, id := range ids {
		one, err := s.Analysis(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(one, batch[id]); d != "" {
			t.Errorf("Analyses[%s] differs from Analysis (-one +batch):\n%s", id, d)
		}
		if batch[id].Article != id {
			t.Errorf("Analyses[%s].Article = %q", id, batch[id].Article)
		}
	}
	got := batch[a1.ID]
	if len(got.Mentions) != 2 || got.Mentions[0].Text != "Norland" || got.Mentions[1].Text != "Port Avel" {
		t.Errorf("mentions of %s: %+v, want Norland then Port Avel", a1.ID, got.Mentions)
	}
	if len(got.Timexes) != 1 || !got.Timexes[0].Begin.Equal(day) || got.Timexes[0].Value != "2025-03-14" {
		t.Errorf("dates of %s: %+v", a1.ID, got.Timexes)
	}
	if len(got.Quotes) != 1 || got.Quotes[0].Speaker != "the minister" || got.Quotes[0].Group != "g1" {
		t.Errorf("quotes of %s: %+v", a1.ID, got.Quotes)
	}
	if len(got.Events) != 1 || got.Events[0].When == nil || got.Events[0].When.Value != "2025-03-14" {
		t.Errorf("events of %s: %+v", a1.ID, got.Events)
	}
	if ev := batch[a2.ID].Events; len(ev) != 2 || ev[0].Trigger != "killed" || ev[0].Killed != 3 {
		t.Errorf("events of %s: %+v, want the killing (sentence first) then the statement", a2.ID, ev)
	}
	if an := batch[a3.ID]; an.Mentions != nil || an.Timexes != nil || an.Quotes != nil || an.Events != nil {
		t.Errorf("article without findings: %+v", an)
	}
	for _, empty := range []func() (int, error){
		func() (int, error) { m, err := s.ArticlesByID(ctx, nil); return len(m), err },
		func() (int, error) { m, err := s.Analyses(ctx, nil); return len(m), err },
	} {
		if n, err := empty(); n != 0 || err != nil {
			t.Errorf("empty look-up: %d, %v", n, err)
		}
	}
}
