package sqlite_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/storetest"
)

// benchStore is a store of n analyzed articles, five to a story and
// twenty stories to a storyline, each naming four of 2,000 entities, a
// third of them copies; whole is its whole grouping, each story with
// thirty lookup keys.
type benchStore struct {
	db    *sqlite.DB
	whole news.Grouping
}

func newBenchStore(b *testing.B, n int) *benchStore {
	ctx := context.Background()
	db, err := sqlite.Open(ctx, filepath.Join(b.TempDir(), "s.db"))
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	s := &benchStore{db: db}
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	var ans []news.Analysis
	for i := range n {
		a := storetest.Article(fmt.Sprintf("https://b.example/%d", i), fmt.Sprintf("Outlet %d", i%6), fmt.Sprintf("Report %d", i),
			fmt.Sprintf("Report %d on the talks over the dam, which went on for a day.", i), day.Add(time.Duration(i)*time.Hour))
		arts = append(arts, a)
		an := news.Analysis{Article: a.ID, Signature: []byte("signature"), CopyKeys: []uint32{uint32(i), uint32(i / 5)}}
		for k := range 4 {
			an.Mentions = append(an.Mentions, news.Mention{Span: news.Span{Start: k, End: k + 1}, Text: "R", Type: news.Person,
				Entity: news.EntityID(fmt.Sprintf("per-%d", (i*7+k*13)%2000))})
		}
		ans = append(ans, an)
	}
	if _, err := db.Add(ctx, arts); err != nil {
		b.Fatal(err)
	}
	if err := db.SaveAnalyses(ctx, ans); err != nil {
		b.Fatal(err)
	}
	s.whole = benchGrouping(arts, 0, len(arts))
	s.whole.Frequencies = news.Frequencies{Replace: true, Docs: n, DF: map[string]int{}}
	for i := range 5000 {
		s.whole.Frequencies.DF[fmt.Sprintf("t:%d", i)] = i%50 + 1
	}
	for e := range 2000 {
		s.whole.Entities = append(s.whole.Entities, news.Entity{ID: news.EntityID(fmt.Sprintf("per-%d", e)), Name: fmt.Sprintf("Person %d", e), Type: news.Person})
	}
	if err := db.SaveGrouping(ctx, s.whole); err != nil {
		b.Fatal(err)
	}
	return s
}

// benchGrouping groups arts[from:to] five to a story.
func benchGrouping(arts []news.Article, from, to int) news.Grouping {
	var g news.Grouping
	for i := from; i < to; i++ {
		a := arts[i]
		st := news.StoryID(fmt.Sprintf("s-%d", i/5))
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: st, Reason: "joined: score 0.42"})
		if i%5 == 0 {
			line := news.StorylineID(fmt.Sprintf("sl-%d", i/100))
			var keys []string
			for k := range 30 {
				keys = append(keys, fmt.Sprintf("t:%d", (i/5*31+k*17)%5000))
			}
			g.Stories = append(g.Stories, news.Story{ID: st, Title: a.Title, Begin: a.Published, End: a.Published.Add(4 * time.Hour), Storyline: line, Keys: keys})
			if i%100 == 0 {
				g.Storylines = append(g.Storylines, news.Storyline{ID: line, Name: "Storyline", Begin: a.Published, End: a.Published.Add(99 * time.Hour)})
			}
		} else if i%3 == 0 {
			g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: arts[i-i%5].ID, Kind: news.CopyNear, Similarity: 0.9})
		}
	}
	return g
}

// BenchmarkSaveGrouping measures a whole save of a store's grouping, and
// a partial save of two of its stories (ten articles) in stores of two
// sizes: the partial save should cost the same in both.
func BenchmarkSaveGrouping(b *testing.B) {
	ctx := context.Background()
	b.Run("whole/20000", func(b *testing.B) {
		s := newBenchStore(b, 20000)
		for b.Loop() {
			if err := s.db.SaveGrouping(ctx, s.whole); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, n := range []int{2000, 20000} {
		b.Run(fmt.Sprintf("scope/%d", n), func(b *testing.B) {
			s := newBenchStore(b, n)
			part := scopeOf(s.whole, n/2, n/2+10)
			for b.Loop() {
				if err := s.db.SaveGrouping(ctx, part); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// scopeOf is the part of whole that groups the articles from to, which
// fill whole stories of one storyline, as a partial grouping.
func scopeOf(whole news.Grouping, from, to int) news.Grouping {
	g := news.Grouping{Scope: &news.Scope{}, Frequencies: news.Frequencies{Docs: 1, DF: map[string]int{"t:1": 1}}}
	g.Assignments = whole.Assignments[from:to]
	for _, a := range g.Assignments {
		g.Scope.Articles = append(g.Scope.Articles, a.Article)
	}
	g.Stories = whole.Stories[from/5 : to/5]
	for _, st := range g.Stories {
		g.Scope.Stories = append(g.Scope.Stories, st.ID)
		g.Scope.Storylines = append(g.Scope.Storylines, st.Storyline)
	}
	in := map[news.ArticleID]bool{}
	for _, a := range g.Scope.Articles {
		in[a] = true
	}
	for _, c := range whole.Copies {
		if in[c.Article] {
			g.Copies = append(g.Copies, c)
		}
	}
	return g
}
