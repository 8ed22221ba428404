package clustering

import (
	"fmt"
	"os"
	"sort"
	"testing"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/news"
)

func TestDiagLines(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	items, _ := ReadFile("../../../../shared/data/clustering/ecbplus-train.jsonl")
	c := cluster.New(cluster.Options{Threshold: 0.25, Linkage: 0.1, Cohesion: 0.7, LinkThreshold: 0.15, GuessNames: true})
	gold := map[string]string{}
	for _, it := range items {
		gold[it.ID] = it.Labels["story"]
		c.Add(cluster.Doc{ID: news.ArticleID(it.ID), Title: it.Title, Text: it.Text})
	}
	c.Refine()
	byStory := map[news.StoryID]news.Story{}
	for _, s := range c.Stories() {
		byStory[s.ID] = s
	}
	for _, l := range c.Storylines() {
		comp := map[string]int{}
		for _, sid := range l.Stories {
			for _, a := range byStory[sid].Articles {
				comp[gold[string(a)]]++
			}
		}
		var ks []string
		for k, n := range comp {
			ks = append(ks, fmt.Sprintf("%s:%d", k, n))
		}
		sort.Strings(ks)
		fmt.Println("LINE", ks, l.Name)
	}
}
