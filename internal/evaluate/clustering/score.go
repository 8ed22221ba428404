// Package clustering measures story and storyline clustering against gold
// labels: BCubed and pairwise precision, recall and F1, and the stability of
// the result under different orders of arrival.
package clustering

import (
	"slices"
	"strings"
)

// Scores compares a predicted clustering with a gold one over the items of
// the gold clustering.
type Scores struct {
	BCubedPrecision   float64 `json:"bcubed_precision"`
	BCubedRecall      float64 `json:"bcubed_recall"`
	BCubedF1          float64 `json:"bcubed_f1"`
	PairwisePrecision float64 `json:"pairwise_precision"`
	PairwiseRecall    float64 `json:"pairwise_recall"`
	PairwiseF1        float64 `json:"pairwise_f1"`
	Articles          int     `json:"articles"`     // items scored: those in gold
	Stories           int     `json:"stories"`      // predicted clusters among them
	GoldStories       int     `json:"gold_stories"` // gold clusters
}

// Score compares pred with gold, both mapping an item to its cluster label.
// Items missing from pred count as singletons; items missing from gold are
// ignored.
//
// BCubed precision of an item is the share of its predicted cluster that
// shares its gold cluster, recall the share of its gold cluster that shares
// its predicted cluster; both are averaged over items. Pairwise precision
// and recall count item pairs put together.
func Score(gold, pred map[string]string) Scores {
	type cell struct{ g, p string }
	cells := make(map[cell]int)
	goldSize := make(map[string]int)
	predSize := make(map[string]int)
	for item, g := range gold {
		p, ok := pred[item]
		if !ok {
			p = "\x00singleton:" + item
		} else {
			p = "\x01" + p
		}
		cells[cell{g, p}]++
		goldSize[g]++
		predSize[p]++
	}
	s := Scores{Articles: len(gold), Stories: len(predSize), GoldStories: len(goldSize)}
	if len(gold) == 0 {
		return s
	}
	var prec, rec float64
	var pairsBoth, pairsPred, pairsGold float64
	for c, n := range cells {
		// Each of the n items in this cell has n items of its gold cluster
		// in its predicted cluster, itself included.
		prec += float64(n) * float64(n) / float64(predSize[c.p])
		rec += float64(n) * float64(n) / float64(goldSize[c.g])
		pairsBoth += pairs(n)
	}
	for _, n := range predSize {
		pairsPred += pairs(n)
	}
	for _, n := range goldSize {
		pairsGold += pairs(n)
	}
	total := float64(len(gold))
	s.BCubedPrecision = prec / total
	s.BCubedRecall = rec / total
	s.BCubedF1 = f1(s.BCubedPrecision, s.BCubedRecall)
	// With no pairs on a side, that side makes no mistake.
	s.PairwisePrecision, s.PairwiseRecall = 1, 1
	if pairsPred > 0 {
		s.PairwisePrecision = pairsBoth / pairsPred
	}
	if pairsGold > 0 {
		s.PairwiseRecall = pairsBoth / pairsGold
	}
	s.PairwiseF1 = f1(s.PairwisePrecision, s.PairwiseRecall)
	return s
}

func pairs(n int) float64 { return float64(n) * float64(n-1) / 2 }

func f1(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// A Mistake is one cluster the other side cuts: a gold cluster split over
// several predicted ones, or a predicted cluster mixing several gold ones.
type Mistake struct {
	Cluster string         `json:"cluster"` // the label of the cluster cut
	Size    int            `json:"size"`
	Parts   map[string]int `json:"parts"` // the other side's labels, with the items each holds
}

// Mistakes lists the gold clusters pred splits and the predicted clusters
// that mix gold ones, largest first. Items missing from pred are
// singletons, labelled by their item.
func Mistakes(gold, pred map[string]string) (splits, merges []Mistake) {
	splitBy := make(map[string]map[string]int)
	mixOf := make(map[string]map[string]int)
	add := func(m map[string]map[string]int, k, v string) {
		if m[k] == nil {
			m[k] = make(map[string]int)
		}
		m[k][v]++
	}
	for item, g := range gold {
		p, ok := pred[item]
		if !ok {
			p = "singleton:" + item
		}
		add(splitBy, g, p)
		add(mixOf, p, g)
	}
	list := func(m map[string]map[string]int) []Mistake {
		var out []Mistake
		for k, parts := range m {
			if len(parts) < 2 {
				continue
			}
			n := 0
			for _, c := range parts {
				n += c
			}
			out = append(out, Mistake{Cluster: k, Size: n, Parts: parts})
		}
		slices.SortFunc(out, func(a, b Mistake) int {
			if a.Size != b.Size {
				return b.Size - a.Size
			}
			return strings.Compare(a.Cluster, b.Cluster)
		})
		return out
	}
	return list(splitBy), list(mixOf)
}
