package storetest

import (
	"context"
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
