package storetest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// bigStory is a generated story for the page checks: the grouping saved
// and what each read should find.
type bigStory struct {
	g        news.Grouping
	arts     map[news.ArticleID]news.Article
	copyOf   map[news.ArticleID]news.ArticleID
	members  []news.ArticleID // of story "big", in the story's order
	byOutlet map[news.ArticleID]string
	orphan   news.ArticleID // the copy of an article in story "other"
}

// makeBigStory stores 130 articles: 120 in story "big" from three outlets
// over 40 days (the last four undated), a third of them copies of one of
// its first five originals, one a copy of an article in story "other"; and
// 10 in story "other". Each article has a quote, an event and a mention.
func makeBigStory(t *testing.T, s Store) *bigStory {
	ctx := context.Background()
	b := &bigStory{arts: map[news.ArticleID]news.Article{}, copyOf: map[news.ArticleID]news.ArticleID{}, byOutlet: map[news.ArticleID]string{}}
	outlets := []string{"Meridian Wire", "Valley Post", "Harbour Daily"}
	var arts []news.Article
	var ans []news.Analysis
	var originals []news.ArticleID
	var other []news.ArticleID
	for i := range 130 {
		story := news.StoryID("big")
		pub := day("2025-03-01").Add(time.Duration(i*8) * time.Hour)
		if i >= 120 {
			story = "other"
		} else if i >= 116 {
			pub = time.Time{}
		}
		// Dates out of seq order: the story's order is by date.
		if i < 116 && i%2 == 1 {
			pub = pub.Add(-9 * time.Hour)
		}
		o := outlets[i%3]
		a := Article(fmt.Sprintf("https://big.example/%d", i), o, fmt.Sprintf("Report %03d", i),
			fmt.Sprintf("Report %d: the minister said \"talks go on\" in Port Avel on Monday. More on day %d.", i, i), pub)
		arts = append(arts, a)
		b.arts[a.ID], b.byOutlet[a.ID] = a, o
		ans = append(ans, news.Analysis{Article: a.ID,
			Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 6}, Text: a.Text[:6], Type: news.Person, Entity: news.EntityID(fmt.Sprintf("per-%d", i%7))}},
			Quotes: []news.Quote{
				{Span: news.Span{Start: 30, End: 43}, Text: "talks go on", Kind: news.QuoteSpeech, Speaker: "the minister", Entity: news.EntityID(fmt.Sprintf("per-%d", i%7)), Cue: "said", Direct: true, Group: fmt.Sprintf("q%d", i%5)},
				// A view, which lists leave out unless asked.
				{Span: news.Span{Start: 47, End: 56}, Text: "Port Avel", Kind: news.QuoteView, Speaker: "the minister", Entity: news.EntityID(fmt.Sprintf("per-%d", i%7)), Cue: "hopes"},
			},
			Events: []news.Event{{Type: news.EventTalks, Trigger: "talks", Place: "Port Avel", Killed: -1, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 20}, Group: fmt.Sprintf("e%d", i%5)}},
		})
		b.g.Assignments = append(b.g.Assignments, news.Assignment{Article: a.ID, Story: story, Reason: "test"})
		switch {
		case story == "other":
			other = append(other, a.ID)
		case i == 60:
			b.orphan = a.ID // its original is made below
			b.g.Copies = append(b.g.Copies, news.CopyLink{Article: a.ID, Kind: news.CopyNear, Similarity: 0.9})
		case i%3 == 2 && len(originals) >= 5:
			orig := originals[i%5]
			b.copyOf[a.ID] = orig
			b.g.Copies = append(b.g.Copies, news.CopyLink{Article: a.ID, Original: orig, Kind: news.CopyExact, Similarity: 1})
		default:
			originals = append(originals, a.ID)
		}
	}
	add(t, s, arts...)
	for i := range b.g.Copies {
		if b.g.Copies[i].Article == b.orphan {
			b.g.Copies[i].Original = other[0]
		}
	}
	if err := s.SaveAnalyses(ctx, ans); err != nil {
		t.Fatal(err)
	}
	b.g.Stories = []news.Story{{ID: "big", Title: "Report 000", Begin: day("2025-03-01"), End: day("2025-04-10"), Storyline: "line"},
		{ID: "other", Title: "Report 120", Storyline: "line"}}
	b.g.Storylines = []news.Storyline{{ID: "line", Name: "Port Avel talks", Stories: []news.StoryID{"big", "other"}}}
	for e := range 7 {
		b.g.Entities = append(b.g.Entities, news.Entity{ID: news.EntityID(fmt.Sprintf("per-%d", e)), Name: fmt.Sprintf("Person %d", e), Type: news.Person, Mentions: 100 - e})
	}
	if err := s.SaveGrouping(ctx, b.g); err != nil {
		t.Fatal(err)
	}
	for _, a := range arts[:120] {
		b.members = append(b.members, a.ID)
	}
	b.sort(b.members)
	return b
}

// sort puts ids in the story's order: dated earliest first, then undated,
// each in the order they were stored.
func (b *bigStory) sort(ids []news.ArticleID) {
	seq := map[news.ArticleID]int{}
	for i, a := range b.g.Assignments {
		seq[a.Article] = i
	}
	slices.SortStableFunc(ids, func(x, y news.ArticleID) int {
		px, py := b.arts[x].Published, b.arts[y].Published
		if px.IsZero() != py.IsZero() {
			return cmp.Compare(boolInt(px.IsZero()), boolInt(py.IsZero()))
		}
		if c := px.Compare(py); c != 0 {
			return c
		}
		return cmp.Compare(seq[x], seq[y])
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// heads are the members of story "big" (of outlet, when set) whose
// original is not among them, in the story's order.
func (b *bigStory) heads(outlet string) []news.ArticleID {
	in := map[news.ArticleID]bool{}
	for _, id := range b.members {
		in[id] = outlet == "" || strings.EqualFold(b.byOutlet[id], outlet)
	}
	var out []news.ArticleID
	for _, id := range b.members {
		if orig, ok := b.copyOf[id]; in[id] && (!ok || !in[orig]) {
			out = append(out, id)
		}
	}
	return out
}

// storyPages checks what the web pages read of a story, a storyline and
// an article's copies, a page at a time.
func storyPages(t *testing.T, s Store) {
	ctx := context.Background()
	b := makeBigStory(t, s)

	t.Run("StorySummary", func(t *testing.T) {
		st, err := s.StorySummary(ctx, "big")
		if err != nil {
			t.Fatal(err)
		}
		if st.Size != 120 || st.Outlets != 3 || st.Copies != len(b.g.Copies) || st.Storyline != "line" || st.Title != "Report 000" {
			t.Errorf("summary %+v: want 120 articles, 3 outlets, %d copies, storyline line", st, len(b.g.Copies))
		}
		if _, err := s.StorySummary(ctx, "nope"); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("unknown story: %v, want ErrNotFound", err)
		}
	})

	t.Run("StoryGroups", func(t *testing.T) {
		for _, outlet := range []string{"", "valley post"} {
			want := b.heads(outlet)
			for _, limit := range []int{50, 7} {
				var got []news.ArticleID
				for off := 0; off < len(want)+limit; off += limit {
					page, total, err := s.StoryGroups(ctx, "big", outlet, limit, off)
					if err != nil {
						t.Fatal(err)
					}
					if total != len(want) {
						t.Fatalf("outlet %q, offset %d: total %d, want %d", outlet, off, total, len(want))
					}
					if n := min(limit, max(len(want)-off, 0)); len(page) != n {
						t.Fatalf("outlet %q, offset %d: %d groups, want %d", outlet, off, len(page), n)
					}
					for _, sa := range page {
						if sa.Title != b.arts[sa.ID].Title || sa.Why.Reason != "test" {
							t.Errorf("group %s reads %q, why %+v", sa.ID, sa.Title, sa.Why)
						}
						if _, isCopy := b.copyOf[sa.ID]; (isCopy || sa.ID == b.orphan) != (sa.Copy != nil) {
							t.Errorf("group %s: copy link %+v", sa.ID, sa.Copy)
						}
						got = append(got, sa.ID)
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("outlet %q, %d a page: groups\n%v\nwant\n%v", outlet, limit, got, want)
				}
			}
		}
		if _, _, err := s.StoryGroups(ctx, "nope", "", 10, 0); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("unknown story: %v, want ErrNotFound", err)
		}
	})

	t.Run("StoryCopies and CopyCounts", func(t *testing.T) {
		heads := b.heads("")
		copies, err := s.StoryCopies(ctx, "big", heads, "", 3)
		if err != nil {
			t.Fatal(err)
		}
		counts, err := s.CopyCounts(ctx, heads)
		if err != nil {
			t.Fatal(err)
		}
		var all []news.ArticleID
		for id := range b.copyOf {
			all = append(all, id)
		}
		for _, h := range heads {
			var want []news.ArticleID
			for _, id := range all {
				if b.copyOf[id] == h {
					want = append(want, id)
				}
			}
			if counts[h] != len(want) {
				t.Errorf("%s: %d copies counted, want %d", h, counts[h], len(want))
			}
			got := copies[h]
			if len(got) != min(3, len(want)) {
				t.Errorf("%s: %d copies read, want %d", h, len(got), min(3, len(want)))
			}
			for i, c := range got {
				if b.copyOf[c.ID] != h || c.Copy == nil || c.Copy.Original != h || c.Copy.Kind != news.CopyExact {
					t.Errorf("%s: %s read as its copy (%+v)", h, c.ID, c.Copy)
				}
				if i > 0 && c.Published.Before(got[i-1].Published) {
					t.Errorf("%s: copies not earliest first", h)
				}
			}
		}
		byOutlet, err := s.StoryCopies(ctx, "big", heads, "HARBOUR DAILY", 50)
		if err != nil {
			t.Fatal(err)
		}
		for h, list := range byOutlet {
			for _, c := range list {
				if b.byOutlet[c.ID] != "Harbour Daily" {
					t.Errorf("%s: copy %s of %s read for Harbour Daily", h, c.ID, b.byOutlet[c.ID])
				}
			}
		}
	})

	t.Run("CopyLinks", func(t *testing.T) {
		orig := b.heads("")[0]
		var want []news.ArticleID
		for id, o := range b.copyOf {
			if o == orig {
				want = append(want, id)
			}
		}
		var got []news.ArticleID
		for off := 0; off < len(want)+3; off += 3 {
			page, total, err := s.CopyLinks(ctx, orig, 3, off)
			if err != nil {
				t.Fatal(err)
			}
			if total != len(want) {
				t.Fatalf("total %d, want %d", total, len(want))
			}
			for _, l := range page {
				if l.Original != orig {
					t.Errorf("link %+v does not touch %s", l, orig)
				}
				got = append(got, l.Article)
			}
		}
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("copies %v, want %v", got, want)
		}
		// A copy's own link comes first.
		cp := want[0]
		page, total, err := s.CopyLinks(ctx, cp, 10, 0)
		if err != nil || total != 1 || len(page) != 1 || page[0].Article != cp || page[0].Original != orig {
			t.Errorf("links of copy %s: %+v, total %d, %v", cp, page, total, err)
		}
	})

	t.Run("findings of a page", func(t *testing.T) {
		ids := b.members[:10]
		quotes, err := s.QuotesIn(ctx, ids, 6)
		if err != nil {
			t.Fatal(err)
		}
		events, err := s.EventsIn(ctx, ids, 100)
		if err != nil {
			t.Fatal(err)
		}
		ents, err := s.EntitiesIn(ctx, ids, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(quotes) != 6 || len(events) != 10 || len(ents) != 3 {
			t.Fatalf("%d quotes (limit 6), %d events, %d entities (limit 3) of 10 articles", len(quotes), len(events), len(ents))
		}
		for i, q := range quotes {
			if !slices.Contains(ids, q.Article.ID) || q.Story != "big" || q.Text != "talks go on" {
				t.Errorf("quote %+v", q)
			}
			if i > 0 && q.Article.Published.After(quotes[i-1].Article.Published) {
				t.Errorf("quotes not newest first")
			}
		}
		for _, e := range events {
			if !slices.Contains(ids, e.Article.ID) || e.Story != "big" || e.Type != news.EventTalks {
				t.Errorf("event %+v", e)
			}
		}
		if ents[0].ID != "per-0" || ents[1].ID != "per-1" {
			t.Errorf("entities %v: want the most mentioned first", ents)
		}
	})

	t.Run("speech and views", func(t *testing.T) {
		speech, total, err := s.Quotes(ctx, news.QuoteFilter{Story: "big", Limit: 1000})
		if err != nil || total != len(speech) || total == 0 {
			t.Fatalf("Quotes(big) = %d quotes, total %d, %v", len(speech), total, err)
		}
		for _, q := range speech {
			if q.Kind == news.QuoteView || q.Text != "talks go on" {
				t.Errorf("a view listed by default: %+v", q.Quote)
			}
		}
		all, all2, err := s.Quotes(ctx, news.QuoteFilter{Story: "big", Limit: 1000, Views: true})
		if err != nil || all2 != 2*total || len(all) != all2 {
			t.Fatalf("Quotes(big, views) = %d quotes, total %d, %v; want %d", len(all), all2, err, 2*total)
		}
		views := 0
		for _, q := range all {
			if q.Kind == news.QuoteView {
				views++
			}
		}
		if views != total {
			t.Errorf("%d views listed with Views, want %d", views, total)
		}
	})

	t.Run("an entity's quotes and articles", func(t *testing.T) {
		// per-3 is named, and quoted, in every seventh article.
		var want []news.ArticleID
		for i, a := range b.g.Assignments {
			if i%7 == 3 {
				want = append(want, a.Article)
			}
		}
		slices.Reverse(want)
		got, err := s.MentionedIn(ctx, "per-3", 5)
		if err != nil || !slices.Equal(got, want[:5]) {
			t.Errorf("MentionedIn(per-3, 5) = %v, %v; want the last stored %v", got, err, want[:5])
		}
		quotes, total, err := s.QuotesBy(ctx, "per-3", 5)
		if err != nil || total != len(want) || len(quotes) != 5 {
			t.Fatalf("QuotesBy(per-3, 5) = %d quotes, total %d, %v; want 5 of %d", len(quotes), total, err, len(want))
		}
		for i, q := range quotes {
			if q.Article.ID != want[i] || q.Entity != "per-3" || q.Text != "talks go on" {
				t.Errorf("quote %d: %+v, want article %s's", i, q, want[i])
			}
		}
	})

	t.Run("storyline", func(t *testing.T) {
		l, err := s.StorylineSummary(ctx, "line")
		if err != nil || l.Name != "Port Avel talks" {
			t.Fatalf("storyline %+v, %v", l, err)
		}
		if _, err := s.StorylineSummary(ctx, "nope"); !errors.Is(err, news.ErrNotFound) {
			t.Errorf("unknown storyline: %v, want ErrNotFound", err)
		}
		var got []news.StoryID
		for off := 0; off < 3; off++ {
			page, total, err := s.StorylineStories(ctx, "line", 1, off)
			if err != nil || total != 2 {
				t.Fatalf("offset %d: total %d, %v", off, total, err)
			}
			for _, st := range page {
				got = append(got, st.ID)
			}
		}
		if !slices.Equal(got, []news.StoryID{"big", "other"}) {
			t.Errorf("stories %v, want big (dated) then other (undated)", got)
		}
	})

	t.Run("a new grouping", func(t *testing.T) {
		// Half the copies become originals, and the first group leaves.
		g := b.g
		g.Copies = g.Copies[:len(g.Copies)/2]
		for _, c := range b.g.Copies[len(b.g.Copies)/2:] {
			delete(b.copyOf, c.Article)
		}
		g.Assignments = slices.Clone(g.Assignments)
		for i, a := range g.Assignments {
			if a.Article == b.members[0] {
				g.Assignments[i].Story = "other"
			}
		}
		if err := s.SaveGrouping(ctx, g); err != nil {
			t.Fatal(err)
		}
		b.members = b.members[1:]
		want := b.heads("")
		page, total, err := s.StoryGroups(ctx, "big", "", 1000, 0)
		if err != nil {
			t.Fatal(err)
		}
		var got []news.ArticleID
		for _, sa := range page {
			got = append(got, sa.ID)
		}
		if total != len(want) || !slices.Equal(got, want) {
			t.Errorf("after a new grouping: %d groups (total %d), want %d", len(got), total, len(want))
		}
	})
}
