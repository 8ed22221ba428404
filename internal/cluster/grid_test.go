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

func bcubed(gold, pred map[string]string) float64 {
	gs, ps, cell := map[string]int{}, map[string]int{}, map[[2]string]int{}
	for k, g := range gold {
		gs[g]++
		ps[pred[k]]++
		cell[[2]string{g, pred[k]}]++
	}
	var p, r float64
	for c, n := range cell {
		p += float64(n*n) / float64(ps[c[1]])
		r += float64(n*n) / float64(gs[c[0]])
	}
	p /= float64(len(gold))
	r /= float64(len(gold))
	return 2 * p * r / (p + r)
}

func seedDocs() []Doc {
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
	return docs
}

func TestGrid(t *testing.T) {
	if os.Getenv("GRID") == "" {
		t.Skip()
	}
	rows := readECB(t)
	docs := seedDocs()
	for _, nw := range []float64{0.25, 0.4} {
		for _, th := range []float64{0.2, 0.25, 0.3} {
			for _, lk := range []float64{0.6, 0.7, 0.8} {
				opts := Options{GuessNames: true, NameWeight: nw, Threshold: th, Linkage: 0.1, Cohesion: lk, LinkThreshold: 0.12}
				ok := 0
				res := map[string]int{}
				perm(len(docs), func(p []int) {
					c := New(opts)
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
					k := strings.Join(parts, " ") + fmt.Sprintf(" L%d", len(c.Storylines()))
					res[k]++
					if strings.HasPrefix(k, "000+001+003 002 004 L1") {
						ok++
					}
				})
				c := New(opts)
				gold, topic := map[string]string{}, map[string]string{}
				for _, r := range rows {
					c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
					gold[r.ID] = r.Story
					topic[r.ID] = r.Topic
				}
				c.Refine()
				pred, predL := map[string]string{}, map[string]string{}
				for _, s := range c.Stories() {
					for _, a := range s.Articles {
						pred[string(a)] = string(s.ID)
						predL[string(a)] = string(s.Storyline)
					}
				}
				fmt.Printf("nw=%.2f th=%.2f lk=%.2f seeds %3d/120 story %.3f topic %.3f %v\n", nw, th, lk, ok, bcubed(gold, pred), bcubed(topic, predL), res)
			}
		}
	}
}
