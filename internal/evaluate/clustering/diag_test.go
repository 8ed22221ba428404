package clustering

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/news"
)

func TestDiag(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	items, _ := ReadFile("../../../../shared/data/clustering/ecbplus-train.jsonl")
	c := cluster.New(cluster.Options{Threshold: 0.3, Linkage: 0.15, Cohesion: 0.7, GuessNames: true})
	gold := map[string]string{}
	for _, it := range items {
		gold[it.ID] = it.Labels["story"]
		c.Add(cluster.Doc{ID: news.ArticleID(it.ID), Title: it.Title, Text: it.Text})
	}
	c.Refine()
	for _, s := range c.Stories() {
		comp := map[string]int{}
		for _, a := range s.Articles {
			comp[gold[string(a)]]++
		}
		if true {
			var ks []string
			for k, n := range comp {
				ks = append(ks, fmt.Sprintf("%s:%d", k, n))
			}
			sort.Strings(ks)
			fmt.Println(s.ID, ks, s.Title)
		}
	}
	if os.Getenv("NAMES") != "" {
		for _, it := range items[:40] {
			fmt.Println(it.ID, cluster.GuessEntities(it.Title, it.Text))
		}
	}
}
