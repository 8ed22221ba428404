package cluster

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func TestDiagSeeds(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	var docs []Doc
	for _, f := range files {
		b, _ := os.ReadFile(f)
		name := filepath.Base(f)[:3]
		d := Doc{ID: news.ArticleID(name), Text: string(b)}
		switch name {
		case "003":
			d.Published = time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC)
		case "004":
			d.Published = time.Date(2024, 5, 28, 0, 0, 0, 0, time.UTC)
		}
		docs = append(docs, d)
	}
	c := New(Options{GuessNames: true, Threshold: 0.25, Linkage: 0.1, Cohesion: 0.7, LinkThreshold: 0.12})
	for _, d := range docs {
		a := c.Add(d)
		fmt.Printf("%+v\n", a)
	}
	u := make([]vec, len(docs))
	for i := range docs {
		u[i] = c.unit(int32(i))
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			fmt.Printf("%s-%s terms %.3f names %.3f\n", docs[i].ID, docs[j].ID, dotSorted(u[i].terms, u[j].terms), dotSorted(u[i].names, u[j].names))
		}
	}
	fmt.Println(c.Refine())
	for _, s := range c.Stories() {
		fmt.Println(s.ID, s.Articles, s.Storyline, s.Title)
	}
	for _, l := range c.Storylines() {
		fmt.Printf("%+v\n", l)
	}
	// all permutations
	results := map[string]int{}
	perm(len(docs), func(p []int) {
		c := New(Options{GuessNames: true, Threshold: 0.25, Linkage: 0.1, Cohesion: 0.7, LinkThreshold: 0.12})
		for _, i := range p {
			c.Add(docs[i])
		}
		c.Refine()
		var parts []string
		for _, s := range c.Stories() {
			var ids []string
			for _, a := range s.Articles {
				ids = append(ids, string(a))
			}
			sort.Strings(ids)
			parts = append(parts, strings.Join(ids, "+"))
		}
		sort.Strings(parts)
		results[strings.Join(parts, " ")+fmt.Sprintf(" lines=%d", len(c.Storylines()))]++
	})
	fmt.Println(results)
}

func perm(n int, f func([]int)) {
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
