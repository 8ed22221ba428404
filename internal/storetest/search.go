package storetest

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// searchRanked checks what Search promises beyond its matches (see Run's
// Search): the best first, pages that add up to the whole list, filters
// by kind and date, highlights of the words matched in any inflection,
// and an index that follows every article added.
func searchRanked(t *testing.T, s Store) {
	ctx := context.Background()
	arts := corpus()
	add(t, s, arts...)
	if err := s.SaveAnalyses(ctx, []news.Analysis{{Article: arts[0].ID, Kind: news.NewsReport}, {Article: arts[1].ID, Kind: news.NewsReport},
		{Article: arts[2].ID, Kind: news.NewsReport}, {Article: arts[3].ID, Kind: news.Opinion}}); err != nil {
		t.Fatal(err)
	}
	t.Run("pages", func(t *testing.T) {
		all, total, err := s.Search(ctx, "Lisk OR Norland", news.ArticleFilter{})
		if err != nil || total != 4 || len(all) != 4 {
			t.Fatalf("Search(Lisk OR Norland) = %s (total %d), %v; want all 4", hitTitles(all), total, err)
		}
		for i := 1; i < len(all); i++ {
			if all[i].Score > all[i-1].Score {
				t.Errorf("hit %d scores %g, above hit %d's %g: not the best first", i, all[i].Score, i-1, all[i-1].Score)
			}
		}
		var paged []news.SearchHit
		for off := 0; off < 5; off += 2 {
			page, total, err := s.Search(ctx, "Lisk OR Norland", news.ArticleFilter{Limit: 2, Offset: off})
			if err != nil || total != 4 {
				t.Fatalf("page at %d: total %d, %v; want 4", off, total, err)
			}
			paged = append(paged, page...)
		}
		if hitTitles(paged) != hitTitles(all) {
			t.Errorf("pages of 2 read %s; want %s", hitTitles(paged), hitTitles(all))
		}
	})
	t.Run("filters", func(t *testing.T) {
		for _, tt := range []struct {
			name string
			f    news.ArticleFilter
			want string
		}{
			{"opinion", news.ArticleFilter{Kind: news.Opinion}, "Talking is the only way out"},
			{"news", news.ArticleFilter{Kind: news.NewsReport}, "Dam talks open in Port Avel"},
			{"before a day", news.ArticleFilter{To: day("2025-03-24")}, ""},
			{"from a day", news.ArticleFilter{From: day("2025-03-24")}, "Dam talks open in Port Avel"},
		} {
			hits, total, err := s.Search(ctx, "Norland", tt.f)
			if got := hitTitles(hits); err != nil || got != tt.want || total != len(hits) {
				t.Errorf("%s: Search(Norland, %+v) = %q (total %d), %v; want %q", tt.name, tt.f, got, total, err, tt.want)
			}
		}
	})
	t.Run("highlights", func(t *testing.T) {
		hits, _, err := s.Search(ctx, "marching farmer", news.ArticleFilter{})
		if err != nil || len(hits) != 1 {
			t.Fatalf("Search(marching farmer) = %s, %v", hitTitles(hits), err)
		}
		h := hits[0]
		var marked []string
		for _, sp := range h.Highlights {
			marked = append(marked, strings.ToLower(h.Snippet[sp.Start:sp.End]))
		}
		if !slices.Contains(marked, "farmers") || !slices.Contains(marked, "marched") {
			t.Errorf("highlighted %q in %q; want farmers and marched, the words matched", marked, h.Snippet)
		}
		if h.ID != arts[1].ID || h.Outlet != "Harbour Daily" || !h.Published.Equal(arts[1].Published) || h.Kind != news.NewsReport {
			t.Errorf("hit %+v; want article 1's summary", h.Summary)
		}
	})
	t.Run("new articles", func(t *testing.T) {
		quake := Article("https://e.example/5", "Valley Post", "Tremor in Dunmere", "A small earthquake shook Dunmere overnight.", day("2025-03-27"))
		add(t, s, quake, quake)
		hits, total, err := s.Search(ctx, "earthquake", news.ArticleFilter{})
		if err != nil || total != 1 || len(hits) != 1 || hits[0].ID != quake.ID {
			t.Errorf("Search(earthquake) after adding it twice = %s (total %d), %v; want it once", hitTitles(hits), total, err)
		}
	})
}

// listDefaults checks what a listing does with a zero filter: a page of
// 50, and the ingest time stamped on an article stored without one.
func listDefaults(t *testing.T, s Store) {
	ctx := context.Background()
	var arts []news.Article
	start := day("2025-01-01")
	for i := range 60 {
		arts = append(arts, Article("https://many.example/"+strings.Repeat("x", i+1), "Valley Post", "Brief",
			"A brief about the Lisk harbour, number "+strings.Repeat("i", i+1)+".", start.Add(time.Duration(i)*time.Hour)))
	}
	before := time.Now().Add(-time.Minute)
	add(t, s, arts...)
	list, total, err := s.Articles(ctx, news.ArticleFilter{})
	if err != nil || total != 60 || len(list) != 50 || list[0].ID != arts[59].ID {
		t.Errorf("Articles() = %d of %d, %v; want the newest 50 of 60", len(list), total, err)
	}
	hits, total, err := s.Search(ctx, "harbour", news.ArticleFilter{})
	if err != nil || total != 60 || len(hits) != 50 {
		t.Errorf("Search(harbour) = %d of %d, %v; want 50 of 60", len(hits), total, err)
	}
	a, err := s.Article(ctx, arts[0].ID)
	if err != nil || a.Ingested.Before(before) {
		t.Errorf("Article stored without an ingest time: ingested %v, %v; want about now", a.Ingested, err)
	}
	if got, err := s.Outlets(ctx); err != nil || len(got) != 1 || got[0] != (news.OutletCount{Outlet: "Valley Post", Articles: 60}) {
		t.Errorf("Outlets = %v, %v; want Valley Post with 60", got, err)
	}
}

// searchWindow checks a search of more matches than it ranks at once:
// the first pages rank the newest of them, the total counts them all up
// to the count limit, and a page past the window ranks every match. With
// setCountLimit it checks the count limit too.
func searchWindow(t *testing.T, s Store, setCountLimit func(Store, int)) {
	ctx := context.Background()
	const n = 620
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	for i := range n {
		// Report 3 says "levee" most often, but it is among the oldest;
		// report 600 says it most often among the newest.
		times := 1 + i%3
		switch i {
		case 3:
			times = 9
		case 600:
			times = 6
		}
		text := fmt.Sprintf("Report %d from the river. %s The water kept rising all week.", i, strings.Repeat("The levee held. ", times))
		outlet := "Valley Post"
		if i%2 == 1 {
			outlet = "Meridian Wire"
		}
		arts = append(arts, Article(fmt.Sprintf("https://x.example/%d", i), outlet, fmt.Sprintf("Report %d", i), text, base.Add(time.Duration(i)*time.Hour)))
	}
	// Twice as many articles do not match, so that the word is rare
	// enough to weigh something.
	var others []news.Article
	for i := range 2 * n {
		others = append(others, Article(fmt.Sprintf("https://y.example/%d", i), "Valley Post", fmt.Sprintf("Market %d", i), fmt.Sprintf("Market report %d: grain prices held.", i), base.Add(-time.Duration(i)*time.Hour)))
	}
	if _, err := s.Add(ctx, others); err != nil {
		t.Fatal(err)
	}
	// Added in order, so that the store's order is the publication order.
	for i := 0; i < n; i += 100 {
		if _, err := s.Add(ctx, arts[i:min(i+100, n)]); err != nil {
			t.Fatal(err)
		}
	}
	search := func(f news.ArticleFilter) ([]news.SearchHit, int) {
		t.Helper()
		hits, total, err := s.Search(ctx, "levee", f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("offset %d: hit %d (%s, %.3f) scores above hit %d (%s, %.3f)", f.Offset, i, hits[i].Title, hits[i].Score, i-1, hits[i-1].Title, hits[i-1].Score)
			}
		}
		return hits, total
	}
	number := func(h news.SearchHit) int {
		var k int
		fmt.Sscanf(h.Title, "Report %d", &k)
		return k
	}

	hits, total := search(news.ArticleFilter{Limit: 20})
	if total != n || len(hits) != 20 {
		t.Fatalf("first page: %d hits of %d, want 20 of %d", len(hits), total, n)
	}
	if got := number(hits[0]); got != 600 {
		t.Errorf("first hit is report %d, want 600 (the best match among the newest)", got)
	}
	for _, h := range hits {
		if k := number(h); k < n-500 {
			t.Errorf("first page holds report %d, older than the newest 500 matches", k)
		}
	}

	// Past the window every match is ranked: report 3 is the best of all,
	// so no page past it holds a hit that scores higher.
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 500})
	if total != n || len(hits) != 20 {
		t.Fatalf("page past the window: %d hits of %d, want 20 of %d", len(hits), total, n)
	}
	all, _ := search(news.ArticleFilter{Limit: n, Offset: 0})
	if len(all) != n {
		t.Fatalf("one page of all: %d hits, want %d", len(all), n)
	}
	if got := number(all[0]); got != 3 {
		t.Errorf("ranking every match, first hit is report %d, want 3", got)
	}

	// With a filter, the count and the window are the filter's.
	hits, total = search(news.ArticleFilter{Limit: 10, Outlet: "Meridian Wire"})
	if total != n/2 || len(hits) != 10 {
		t.Fatalf("Meridian Wire: %d hits of %d, want 10 of %d", len(hits), total, n/2)
	}
	for _, h := range hits {
		if h.Outlet != "Meridian Wire" {
			t.Errorf("filtered search returned %s from %s", h.Title, h.Outlet)
		}
	}

	// Fewer matches than the window: the count is exact without a second
	// query, and the last page is short.
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 300, From: base.Add(300 * time.Hour)})
	if total != n-300 || len(hits) != 20 {
		t.Errorf("since report 300, offset 300: %d hits of %d, want 20 of %d", len(hits), total, n-300)
	}
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 310, From: base.Add(300 * time.Hour)})
	if total != n-300 || len(hits) != 10 {
		t.Errorf("since report 300, offset 310: %d hits of %d, want 10 of %d", len(hits), total, n-300)
	}

	// Counting stops past the limit: the total reads "more than the
	// limit", and no page reaches past it.
	if setCountLimit == nil {
		t.Skip("the backend cannot lower its count limit (Backend.SetCountLimit): the limit goes unchecked")
	}
	setCountLimit(s, 550)
	for _, tt := range []struct {
		f         news.ArticleFilter
		wantHits  int
		wantTotal int
	}{
		{news.ArticleFilter{Limit: 20}, 20, 551},
		{news.ArticleFilter{Limit: 20, Offset: 540}, 10, 551},
		{news.ArticleFilter{Limit: 20, Offset: 550}, 0, 551},
		{news.ArticleFilter{Limit: 20, Offset: 300, From: base.Add(300 * time.Hour)}, 20, n - 300}, // under the limit: exact
		{news.ArticleFilter{Limit: 5, Outlet: "Valley Post"}, 5, n / 2},
	} {
		hits, total := search(tt.f)
		if len(hits) != tt.wantHits || total != tt.wantTotal {
			t.Errorf("count limit 550, %+v: %d hits of %d, want %d of %d", tt.f, len(hits), total, tt.wantHits, tt.wantTotal)
		}
	}
	setCountLimit(s, 100) // below the window, which is then the count
	if hits, total := search(news.ArticleFilter{Limit: 20, Offset: 90}); len(hits) != 10 || total != 101 {
		t.Errorf("count limit 100, offset 90: %d hits of %d, want 10 of 101", len(hits), total)
	}
}
