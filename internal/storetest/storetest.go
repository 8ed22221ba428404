// Package storetest is the conformance suite every Storyline store must
// pass, in the manner of testing/fstest: a backend's own test calls Run with
// a function that opens a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// Store is what the suite checks: every method the commands call of a
// store, which is what the pipeline and the server ask of one and what
// the listing commands read besides. It is cmd/storyline's Store, method
// for method (a test there checks that each holds the other).
type Store interface {
	pipeline.Store
	server.Store

	Count(ctx context.Context) (int, error)
	Outlets(ctx context.Context) ([]news.OutletCount, error)
	Story(ctx context.Context, id news.StoryID) (news.StoryDetail, error)
	Copies(ctx context.Context, id news.ArticleID) ([]news.CopyLink, error)
	Storyline(ctx context.Context, id news.StorylineID) (news.StorylineDetail, error)
	Version(ctx context.Context) (int64, error)
	Close() error
}

// Article returns a test article with its identity set.
func Article(url, outlet, title, text string, published time.Time) news.Article {
	a := news.Article{URL: url, Outlet: outlet, Title: title, Text: text, Published: published, Origin: "test"}
	if !published.IsZero() {
		a.DateSource = news.DateMetadata
	}
	a.TextHash = textnorm.Hash(text)
	a.ID = news.NewArticleID(url, outlet, a.TextHash)
	return a
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// corpus is a small fictional set of articles the tests search and list.
func corpus() []news.Article {
	return []news.Article{
		Article("https://a.example/1", "Meridian Wire", "Dam talks open in Port Avel",
			"Negotiators from Norland and Estavia opened talks on the Kessel Dam on Monday. The envoy said nobody walked out.", day("2025-03-24")),
		Article("https://b.example/2", "Harbour Daily", "Farmers march on Lisk",
			"Thousands of farmers marched through Lisk to demand water from the Kessel Dam talks.", day("2025-03-20")),
		Article("https://c.example/3", "Harbour Daily", "Ferry runs aground",
			"A ferry carrying 140 passengers ran aground outside Lisk harbour. No one was hurt.", day("2025-03-26")),
		Article("", "Northern Tribune", "Talking is the only way out",
			"An editorial: talking about the river is the only way out of the border dispute between Norland and Estavia.", time.Time{}),
	}
}

// Run runs the conformance suite. open must return a new, empty store,
// closed by the test's cleanup.
func Run(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	seeded := func(t *testing.T) Store {
		s := open(t)
		if _, err := s.Add(ctx, corpus()); err != nil {
			t.Fatalf("Add: %v", err)
		}
		return s
	}

	t.Run("AddThenGet", func(t *testing.T) {
		s := open(t)
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
	})

	t.Run("UnknownDateStaysUnknown", func(t *testing.T) {
		s := seeded(t)
		a := corpus()[3]
		got, err := s.Article(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Published.IsZero() || got.DateSource != news.DateUnknown {
			t.Errorf("undated article came back dated %v (%q)", got.Published, got.DateSource)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := open(t)
		_, err := s.Article(ctx, "nope")
		if !errors.Is(err, news.ErrNotFound) {
			t.Errorf("Article(unknown) error = %v, want ErrNotFound", err)
		}
	})

	t.Run("KnownArticles", func(t *testing.T) {
		s := seeded(t)
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
	})

	t.Run("ListFilterPage", func(t *testing.T) {
		s := seeded(t)
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
	})

	t.Run("Search", func(t *testing.T) {
		s := seeded(t)
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
	})

	t.Run("Highlight", func(t *testing.T) {
		s := seeded(t)
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
	})

	t.Run("StoryPages", func(t *testing.T) {
		storyPages(t, open(t))
	})

	t.Run("Identities", func(t *testing.T) {
		identities(t, open(t))
	})

	t.Run("Incremental", func(t *testing.T) {
		incremental(t, open(t))
	})

	t.Run("Kinds", func(t *testing.T) { kinds(t, open(t)) })
	t.Run("Analyses", func(t *testing.T) { analyses(t, open(t)) })
	t.Run("Grouped", func(t *testing.T) { grouped(t, open(t)) })
	t.Run("Findings", func(t *testing.T) { findings(t, open(t)) })
	t.Run("Decisions", func(t *testing.T) { decisions(t, open(t)) })
	t.Run("Moves", func(t *testing.T) { moves(t, open(t)) })
	t.Run("Version", func(t *testing.T) { version(t, open(t)) })
	t.Run("SearchRanked", func(t *testing.T) { searchRanked(t, open(t)) })
	t.Run("ListDefaults", func(t *testing.T) { listDefaults(t, open(t)) })

	t.Run("Outlets", func(t *testing.T) {
		s := seeded(t)
		got, err := s.Outlets(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 || got[0].Outlet != "Harbour Daily" || got[0].Articles != 2 {
			t.Errorf("Outlets = %+v, want Harbour Daily (2) first of 3", got)
		}
	})
}

// add stores arts in s, or ends the test.
func add(t *testing.T, s Store, arts ...news.Article) {
	t.Helper()
	if _, err := s.Add(context.Background(), arts); err != nil {
		t.Fatalf("Add: %v", err)
	}
}

func titles(list []news.Summary) string {
	var t []string
	for _, a := range list {
		t = append(t, a.Title)
	}
	return strings.Join(t, "|")
}

func hitTitles(hits []news.SearchHit) string {
	var t []string
	for _, h := range hits {
		t = append(t, h.Title)
	}
	return strings.Join(t, "|")
}
