package cluster

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// seedDocs reads the five seed articles from ../../../shared/seeds, named
// by their number, with the dates the issue gives; it skips the test when
// they are absent.
func seedDocs(t testing.TB) []Doc {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) != 5 {
		t.Skip("seed articles not found in ../../../shared/seeds")
	}
	dates := map[string]time.Time{
		"003": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
		"004": time.Date(2024, 5, 28, 0, 0, 0, 0, time.UTC),
	}
	var docs []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		name := filepath.Base(f)[:3]
		docs = append(docs, Doc{ID: news.ArticleID(name), Text: string(b), Published: dates[name]})
	}
	return docs
}

// permutations calls f with every order of 0..n-1.
func permutations(n int, f func([]int)) {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	var rec func(k int)
	rec = func(k int) {
		if k == n {
			f(p)
			return
		}
		for i := k; i < n; i++ {
			p[k], p[i] = p[i], p[k]
			rec(k + 1)
			p[k], p[i] = p[i], p[k]
		}
	}
	rec(0)
}

// TestSeeds checks the real case of the issue in every order of arrival:
// 000, 001 and 003 report one development (003 rewrites 001, 000 is an
// editorial on it), 002 and 004 are other stories, and all five form one
// storyline.
func TestSeeds(t *testing.T) {
	docs := seedDocs(t)
	want := []string{"000+001+003", "002", "004"}
	failures := 0
	permutations(len(docs), func(p []int) {
		c := New(Options{GuessNames: true})
		var order []string
		for _, i := range p {
			c.Add(docs[i])
			order = append(order, string(docs[i].ID))
		}
		c.Refine()
		got := storySets(c)
		lines := c.Storylines()
		if !slices.Equal(got, want) || len(lines) != 1 {
			failures++
			if failures <= 3 {
				t.Errorf("order %v: stories %v in %d storylines, want %v in one", order, got, len(lines), want)
			}
			return
		}
		name := lines[0].Name
		if !strings.Contains(name, "Pakistan") || !strings.Contains(name, "Taliban") {
			t.Errorf("storyline name %q does not name Pakistan and the Taliban", name)
		}
	})
	if failures > 0 {
		t.Errorf("%d of 120 orders failed", failures)
	}
}
