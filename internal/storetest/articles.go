package storetest

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// addThenGet checks that an article is read back as it was stored.
func addThenGet(t *testing.T, s Store) {
	ctx := context.Background()
	in := corpus()[0]
	in.Meta = map[string]string{"byline": "Lena Marsh"}
	in.Language = "en"
	st, err := s.Add(ctx, []news.Article{in})
	if err != nil {
		t.Fatal(err)
	}
	if st[0] != news.Added {
		t.Fatalf("first Add status = %v, want Added", st[0])
	}
	got, err := s.Article(ctx, in.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != in.Title || got.Text != in.Text || got.URL != in.URL || got.Outlet != in.Outlet ||
		!got.Published.Equal(in.Published) || got.Language != "en" || got.Meta["byline"] != "Lena Marsh" ||
		got.DateSource != news.DateMetadata || got.Origin != "test" {
		t.Errorf("stored article differs:\n got %+v\nwant %+v", got, in)
	}
}

// unknownDate checks that an article without a date is not given one.
func unknownDate(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	a := corpus()[3]
	got, err := s.Article(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !got.Published.IsZero() || got.DateSource != news.DateUnknown {
		t.Errorf("undated article came back dated %v (%q)", got.Published, got.DateSource)
	}
}

// notFound checks that an unknown article is news.ErrNotFound.
func notFound(t *testing.T, s Store) {
	ctx := context.Background()
	_, err := s.Article(ctx, "nope")
	if !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Article(unknown) error = %v, want ErrNotFound", err)
	}
}

// knownArticles checks the "already known" rule: the same URL, or the
// same normalised text from the same outlet; and the counts.
func knownArticles(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	orig := corpus()
	sameURL := Article(orig[0].URL, orig[0].Outlet, "Edited headline", orig[0].Text+" Updated.", orig[0].Published)
	sameURL.ID = orig[0].ID // an ID follows the URL
	reformatted := Article("", orig[3].Outlet, orig[3].Title, "  an EDITORIAL — talking about the river is the only way out of the border dispute between Norland and Estavia ", time.Time{})
	otherOutlet := Article("", "Valley Post", orig[3].Title, orig[3].Text, time.Time{})
	fresh := Article("https://d.example/4", "Meridian Wire", "New", "Something else happened entirely in Dunmere on Friday.", day("2025-04-01"))
	st, err := s.Add(ctx, []news.Article{sameURL, reformatted, otherOutlet, fresh})
	if err != nil {
		t.Fatal(err)
	}
	want := []news.AddStatus{news.Known, news.Known, news.Added, news.Added}
	for i := range want {
		if st[i] != want[i] {
			t.Errorf("article %d: status %v, want %v", i, st[i], want[i])
		}
	}
	if n, _ := s.Count(ctx); n != 6 {
		t.Errorf("Count = %d, want 6", n)
	}
	for limit, want := range map[int]int{0: 0, 1: 1, 5: 5, 6: 6, 7: 6, 100: 6} {
		if n, err := s.CountUpTo(ctx, limit); err != nil || n != want {
			t.Errorf("CountUpTo(%d) = %d, %v; want %d", limit, n, err, want)
		}
	}
}

// listFilterPage checks Articles' order, filters and pages.
func listFilterPage(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	tests := []struct {
		name      string
		f         news.ArticleFilter
		wantTitle []string
		wantTotal int
	}{
		{"all newest first, undated last", news.ArticleFilter{}, []string{"Ferry runs aground", "Dam talks open in Port Avel", "Farmers march on Lisk", "Talking is the only way out"}, 4},
		{"outlet any case", news.ArticleFilter{Outlet: "harbour daily"}, []string{"Ferry runs aground", "Farmers march on Lisk"}, 2},
		{"date range", news.ArticleFilter{From: day("2025-03-21"), To: day("2025-03-25")}, []string{"Dam talks open in Port Avel"}, 1},
		{"page", news.ArticleFilter{Limit: 2, Offset: 1}, []string{"Dam talks open in Port Avel", "Farmers march on Lisk"}, 4},
		{"nothing", news.ArticleFilter{Outlet: "Nobody"}, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			list, total, err := s.Articles(ctx, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.wantTotal {
				t.Errorf("total = %d, want %d", total, tt.wantTotal)
			}
			if got := titles(list); got != strings.Join(tt.wantTitle, "|") {
				t.Errorf("titles = %s, want %s", got, strings.Join(tt.wantTitle, "|"))
			}
		})
	}
}

// searchMatches checks which articles a query matches, in the syntax
// Search documents, and that no query is a syntax error.
func searchMatches(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	tests := []struct {
		name      string
		q         string
		f         news.ArticleFilter
		wantFirst string
		wantTotal int
	}{
		{"word in title ranks first", "dam talks", news.ArticleFilter{}, "Dam talks open in Port Avel", 2},
		{"stemming", "marching farmer", news.ArticleFilter{}, "Farmers march on Lisk", 1},
		{"phrase", `"Kessel Dam"`, news.ArticleFilter{}, "", 2},
		{"prefix", "negotiat*", news.ArticleFilter{}, "Dam talks open in Port Avel", 1},
		{"or", "ferry OR editorial", news.ArticleFilter{}, "", 2},
		{"not", "Lisk -ferry", news.ArticleFilter{}, "Farmers march on Lisk", 1},
		{"outlet filter", "Lisk", news.ArticleFilter{Outlet: "Harbour Daily"}, "", 2},
		{"date filter", "Lisk", news.ArticleFilter{From: day("2025-03-25")}, "Ferry runs aground", 1},
		{"syntax is literal", `dam" AND (talks`, news.ArticleFilter{}, "Dam talks open in Port Avel", 1},
		{"no match", "earthquake", news.ArticleFilter{}, "", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			hits, total, err := s.Search(ctx, tt.q, tt.f)
			if err != nil {
				t.Fatal(err)
			}
			if total != tt.wantTotal || len(hits) != tt.wantTotal {
				t.Fatalf("Search(%q) found %d (total %d), want %d: %s", tt.q, len(hits), total, tt.wantTotal, hitTitles(hits))
			}
			if tt.wantFirst != "" && hits[0].Title != tt.wantFirst {
				t.Errorf("first hit %q, want %q", hits[0].Title, tt.wantFirst)
			}
			for _, h := range hits {
				if len(h.Highlights) == 0 && !strings.Contains(strings.ToLower(h.Title), strings.ToLower(strings.Trim(tt.q, `"`))) {
					t.Errorf("hit %q has no highlighted words in snippet %q", h.Title, h.Snippet)
				}
				for _, sp := range h.Highlights {
					if sp.Start < 0 || sp.End > len(h.Snippet) || sp.Start >= sp.End {
						t.Errorf("bad highlight %+v in %q", sp, h.Snippet)
					}
				}
			}
		})
	}
	if _, _, err := s.Search(ctx, `  "" - * `, news.ArticleFilter{}); !errors.Is(err, news.ErrInvalid) {
		t.Errorf("Search with no words: error %v, want ErrInvalid", err)
	}
}

// highlight checks that a hit highlights the word matched.
func highlight(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	hits, _, err := s.Search(ctx, "ferry", news.ArticleFilter{})
	if err != nil || len(hits) != 1 {
		t.Fatalf("Search: %v, %d hits", err, len(hits))
	}
	h := hits[0]
	var marked []string
	for _, sp := range h.Highlights {
		marked = append(marked, h.Snippet[sp.Start:sp.End])
	}
	if fmt.Sprint(marked) != "[ferry]" {
		t.Errorf("highlighted %q in %q, want [ferry]", marked, h.Snippet)
	}
}

// outlets checks the outlets with their counts, the biggest first, then
// by name.
func outlets(t *testing.T, s Store) {
	ctx := context.Background()
	seed(t, s)
	got, err := s.Outlets(ctx)
	want := []news.OutletCount{{Outlet: "Harbour Daily", Articles: 2}, {Outlet: "Meridian Wire", Articles: 1}, {Outlet: "Northern Tribune", Articles: 1}}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("Outlets = %+v, %v; want %+v", got, err, want)
	}
}

// concurrentAdds checks the "already known" rule under writers at once:
// four writers adding the same articles, in orders of their own, store
// each once and each is told Added by exactly one of them.
func concurrentAdds(t *testing.T, s Store) {
	var arts []news.Article
	for i := range 24 {
		arts = append(arts, Article(fmt.Sprintf("https://race.example/%d", i), "Valley Post", fmt.Sprintf("Race %d", i),
			fmt.Sprintf("Report %d on the Lisk ferry timetable.", i), day("2025-03-01")))
	}
	const writers = 4
	statuses := make([][]news.AddStatus, writers)
	var wg sync.WaitGroup
	for w := range writers {
		mine := slices.Clone(arts)
		slices.Reverse(mine[:w*6]) // a different order each
		wg.Go(func() {
			for i := 0; i < len(mine); i += 8 {
				st, err := s.Add(context.Background(), mine[i:i+8])
				if err != nil {
					t.Errorf("writer %d: Add: %v", w, err)
					return
				}
				statuses[w] = append(statuses[w], st...)
			}
			// Back to the articles' order, to count by article.
			slices.Reverse(statuses[w][:w*6])
		})
	}
	wg.Wait()
	for i, a := range arts {
		added := 0
		for w := range writers {
			if i < len(statuses[w]) && statuses[w][i] == news.Added {
				added++
			}
		}
		if added != 1 {
			t.Errorf("%s: Added for %d writers, want 1", a.Title, added)
		}
	}
	if n, err := s.Count(context.Background()); err != nil || n != len(arts) {
		t.Errorf("Count = %d, %v; want %d, each article once", n, err, len(arts))
	}
}

// nul checks that text with a NUL character (a JSON Lines input may carry
// "\u0000") is stored, with nul in its place, offsets kept, rather than
// failing its whole batch, and is found by a search.
func nul(t *testing.T, s Store, nul rune) {
	ctx := context.Background()
	as := func(text string) string { return strings.ReplaceAll(text, "\x00", string(nul)) }
	a := Article("https://x.example/nul", "X\x00Wire", "Nul\x00title", "Talks\x00on the Kessel Dam opened.", day("2025-03-24"))
	b := Article("https://x.example/ok", "X", "Fine", "The ferry ran aground near Lisk.", day("2025-03-24"))
	if st, err := s.Add(ctx, []news.Article{a, b}); err != nil || st[0] != news.Added || st[1] != news.Added {
		t.Fatalf("Add = %v, %v; want both added", st, err)
	}
	got, err := s.Article(ctx, a.ID)
	if err != nil || got.Text != as(a.Text) || got.Title != as(a.Title) || got.Outlet != as(a.Outlet) {
		t.Errorf("stored article = %q %q %q, %v; want the NULs as %q", got.Outlet, got.Title, got.Text, err, nul)
	}
	an := news.Analysis{Article: a.ID, Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 8}, Text: "Talks\x00on", Type: news.Person}}}
	if err := s.SaveAnalyses(ctx, []news.Analysis{an}); err != nil {
		t.Fatal(err)
	}
	back, err := s.Analysis(ctx, a.ID)
	if err != nil || len(back.Mentions) != 1 || back.Mentions[0].Text != as("Talks\x00on") || back.Mentions[0].End != 8 {
		t.Errorf("stored mentions = %+v, %v; want %q at 0-8", back.Mentions, err, as("Talks\x00on"))
	}
	if hits, _, err := s.Search(ctx, "Kessel", news.ArticleFilter{}); err != nil || len(hits) != 1 {
		t.Errorf("Search(Kessel) = %d hits, %v; want the article with a NUL", len(hits), err)
	}
}
