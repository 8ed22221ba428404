package cluster

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"slices"
	"sort"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

type ecbRow struct {
	ID, Title, Text, Story, Topic string
}

func readECB(t *testing.T) []ecbRow {
	f, err := os.Open("../../../shared/data/clustering/ecbplus-train.jsonl")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	var rows []ecbRow
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var r ecbRow
		json.Unmarshal(sc.Bytes(), &r)
		rows = append(rows, r)
	}
	return rows
}

func TestDiagPairs(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rows := readECB(t)
	c := New(Options{GuessNames: true, Threshold: 99})
	for _, r := range rows {
		c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
	}
	units := make([]vec, len(rows))
	for i := range rows {
		units[i] = c.unit(int32(i))
	}
	type pr struct{ t, n float64; same, topic bool }
	var ps []pr
	for i := range rows {
		for j := i + 1; j < len(rows); j++ {
			if rows[i].Topic != rows[j].Topic {
				if (i+j)%20 != 0 { continue }
			}
			ps = append(ps, pr{dotSorted(units[i].terms, units[j].terms), dotSorted(units[i].names, units[j].names), rows[i].Story == rows[j].Story, rows[i].Topic == rows[j].Topic})
		}
	}
	for _, w := range []float64{0, 0.2, 0.4, 0.6, 0.8, 1} {
		var same, other, cross []float64
		for _, p := range ps {
			s := (1-w)*p.t + w*p.n
			switch {
			case p.same:
				same = append(same, s)
			case p.topic:
				other = append(other, s)
			default:
				cross = append(cross, s)
			}
		}
		fmt.Printf("w=%.1f AUC same-vs-othertopic %.3f same-vs-cross %.3f | same med %.3f other med %.3f cross p99 %.3f\n", w, auc(same, other), auc(same, cross), q(same, .5), q(other, .5), q(cross, .99))
	}
}

func q(x []float64, p float64) float64 { sort.Float64s(x); return x[int(p*float64(len(x)-1))] }
func auc(pos, neg []float64) float64 {
	type e struct{ v float64; p bool }
	var es []e
	for _, v := range pos { es = append(es, e{v, true}) }
	for _, v := range neg { es = append(es, e{v, false}) }
	sort.Slice(es, func(i, j int) bool { return es[i].v < es[j].v })
	var rank, sum float64
	for i, x := range es { rank = float64(i + 1); if x.p { sum += rank } }
	np, nn := float64(len(pos)), float64(len(neg))
	return (sum - np*(np+1)/2) / (np * nn)
}

func TestDiagOracle(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rows := readECB(t)
	c := New(Options{GuessNames: true, Threshold: 99})
	for _, r := range rows {
		c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
	}
	// Build gold stories.
	gold := map[string]int32{}
	c.stories = nil
	c.storyOf = map[news.StoryID]int32{}
	for i, r := range rows {
		si, ok := gold[r.Story]
		if !ok {
			si = c.newStory(news.StoryID(r.Story))
			gold[r.Story] = si
		}
		c.docs[i].story = -1
		c.join(si, int32(i), true)
	}
	for _, w := range []float64{0.4, 0.6} {
		c.opts.NameWeight = w
		var own, other []float64
		wrong := 0
		for i, r := range rows {
			u := c.unit(int32(i))
			o := c.score(u, c.docs[i].published, &c.stories[gold[r.Story]], true).score
			alt := r.Topic + "-plus"
			if alt == r.Story {
				alt = r.Topic + "-ecb"
			}
			x := c.score(u, c.docs[i].published, &c.stories[gold[alt]], false).score
			own = append(own, o)
			other = append(other, x)
			if x >= o {
				wrong++
			}
		}
		var ee []float64
		for tp := 1; tp <= 35; tp++ {
			a, ok1 := gold[fmt.Sprint(tp, "-ecb")]
			b, ok2 := gold[fmt.Sprint(tp, "-plus")]
			if ok1 && ok2 {
				m := match{}; _ = a; _ = b
				ee = append(ee, m.score)
				if w == 0.4 {
					fmt.Printf("topic %d: %.3f terms %.3f names %.3f | %s | %s\n", tp, m.score, m.terms, m.names, c.docs[c.stories[a].docs[0]].title, c.docs[c.stories[b].docs[0]].title)
				}
			}
		}
		fmt.Printf("w=%.1f LOO own: q10 %.3f q50 %.3f | other event: q50 %.3f q90 %.3f q99 %.3f | wrong %d | event-event q50 %.3f q90 %.3f max %.3f\n",
			w, q(own, .1), q(own, .5), q(other, .5), q(other, .9), q(other, .99), wrong, q(ee, .5), q(ee, .9), q(ee, 1))
	}
}

func TestDiagLink(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rows := readECB(t)
	c := New(Options{GuessNames: true, Threshold: 99})
	for _, r := range rows {
		c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
	}
	gold := map[string]int32{}
	c.stories = nil
	c.storyOf = map[news.StoryID]int32{}
	for i, r := range rows {
		si, ok := gold[r.Story]
		if !ok {
			si = c.newStory(news.StoryID(r.Story))
			gold[r.Story] = si
		}
		c.docs[i].story = -1
		c.join(si, int32(i), true)
	}
	for _, lt := range []float64{0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.25} {
		c.opts.LinkThreshold = lt
		c.changed = true
		c.link()
		// topic bcubed
		pred := map[int]string{}
		for i := range rows {
			pred[i] = string(c.lineOf[c.stories[c.docs[i].story].id])
		}
		var p, r float64
		for i := range rows {
			var a, b, ab float64
			for j := range rows {
				sp := pred[i] == pred[j]
				sg := rows[i].Topic == rows[j].Topic
				if sp { a++ }
				if sg { b++ }
				if sp && sg { ab++ }
			}
			p += ab / a
			r += ab / b
		}
		p /= float64(len(rows)); r /= float64(len(rows))
		fmt.Printf("lt=%.2f lines=%d P=%.3f R=%.3f F=%.3f\n", lt, len(c.lines), p, r, 2*p*r/(p+r))
	}
}

func TestDiagAvg(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rows := readECB(t)
	c := New(Options{GuessNames: true, Threshold: 99})
	for _, r := range rows {
		c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
	}
	units := make([]vec, len(rows))
	for i := range rows {
		units[i] = c.unit(int32(i))
	}
	sim := func(i, j int) float64 {
		return 0.6*dotSorted(units[i].terms, units[j].terms) + 0.4*dotSorted(units[i].names, units[j].names)
	}
	byStory := map[string][]int{}
	for i, r := range rows {
		byStory[r.Story] = append(byStory[r.Story], i)
	}
	avg := func(a, b []int) float64 {
		var s, n float64
		for _, i := range a {
			for _, j := range b {
				if i != j {
					s += sim(i, j)
					n++
				}
			}
		}
		return s / n
	}
	for tp := 1; tp <= 35; tp++ {
		a, b := byStory[fmt.Sprint(tp, "-ecb")], byStory[fmt.Sprint(tp, "-plus")]
		if a == nil {
			continue
		}
		// random halves of a
		h1, h2 := a[:len(a)/2], a[len(a)/2:]
		wa, wb, bt := avg(a, a), avg(b, b), avg(a, b)
		fmt.Printf("topic %2d: within %.3f %.3f between %.3f ratio %.2f | halves of ecb: between %.3f ratio %.2f\n", tp, wa, wb, bt, bt/math.Sqrt(wa*wb), avg(h1, h2), avg(h1, h2)/math.Sqrt(avg(h1, h1)*avg(h2, h2)))
	}
}

func TestDiagFrag(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	rows := readECB(t)
	c := New(Options{GuessNames: true, Threshold: 0.3, Linkage: 0.15, Cohesion: 0.7})
	gold := map[news.ArticleID]string{}
	for _, r := range rows {
		c.Add(Doc{ID: news.ArticleID(r.ID), Title: r.Title, Text: r.Text})
		gold[news.ArticleID(r.ID)] = r.Story
	}
	c.Refine()
	maj := map[int32]string{}
	for si := range c.stories {
		s := &c.stories[si]
		if s.dead || len(s.docs) == 0 {
			continue
		}
		cnt := map[string]int{}
		best := ""
		for _, di := range s.docs {
			g := gold[c.docs[di].id]
			cnt[g]++
			if cnt[g] > cnt[best] {
				best = g
			}
		}
		maj[int32(si)] = best
	}
	for a, ga := range maj {
		for b, gb := range maj {
			if a < b && ga == gb {
				sa, sb := &c.stories[a], &c.stories[b]
				l, ok := c.linkage(sa, sb)
				ca, _ := c.cohesion(sa)
				cb, _ := c.cohesion(sb)
				ua := vec{terms: sa.terms.unit(), names: sa.names.unit()}
				isCand := slices.Contains(c.candidates(ua, sa.begin, a), b)
				fmt.Printf("%s: %d+%d across %.3f within %.3f/%.3f ratio %.2f ok=%v cand=%v\n", ga, sa.counted, sb.counted, l.score, ca, cb, l.score/math.Sqrt(ca*cb), ok, isCand)
			}
		}
	}
}
