package clustering

import (
	"math"
	"reflect"
	"testing"
)

func TestScore(t *testing.T) {
	gold := map[string]string{"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2"}
	tests := []struct {
		name                   string
		pred                   map[string]string
		bp, br, bf, pp, pr, pf float64
		stories                int
	}{
		{
			// Precision: a,b 2/2; c 1/3; d,e 2/3 -> 11/15. Recall: a,b 2/3;
			// c 1/3; d,e 2/2 -> 11/15. Pairs: predicted ab cd ce de, gold ab
			// ac bc de, both ab de -> 2/4 each.
			name: "one article on the wrong side",
			pred: map[string]string{"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"},
			bp:   11.0 / 15, br: 11.0 / 15, bf: 11.0 / 15, pp: 0.5, pr: 0.5, pf: 0.5, stories: 2,
		},
		{
			name: "perfect",
			pred: map[string]string{"a": "x", "b": "x", "c": "x", "d": "y", "e": "y"},
			bp:   1, br: 1, bf: 1, pp: 1, pr: 1, pf: 1, stories: 2,
		},
		{
			// Recall: a,b,c 1/3; d,e 1/2 -> 2/5; F1 = 2*0.4/1.4. No predicted
			// pairs: pairwise precision 1, recall 0.
			name: "all singletons, missing items count as singletons",
			pred: map[string]string{"a": "1", "b": "2", "c": "3"},
			bp:   1, br: 0.4, bf: 0.8 / 1.4, pp: 1, pr: 0, pf: 0, stories: 5,
		},
		{
			// Precision 3/5 for a,b,c and 2/5 for d,e -> 13/25.
			name: "one cluster",
			pred: map[string]string{"a": "x", "b": "x", "c": "x", "d": "x", "e": "x", "zz": "x"},
			bp:   13.0 / 25, br: 1, bf: 2 * 0.52 / 1.52, pp: 4.0 / 10, pr: 1, pf: 2 * 0.4 / 1.4, stories: 1,
		},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Score(gold, tt.pred)
			if !near(s.BCubedPrecision, tt.bp) || !near(s.BCubedRecall, tt.br) || !near(s.BCubedF1, tt.bf) {
				t.Errorf("BCubed P/R/F1 %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f",
					s.BCubedPrecision, s.BCubedRecall, s.BCubedF1, tt.bp, tt.br, tt.bf)
			}
			if !near(s.PairwisePrecision, tt.pp) || !near(s.PairwiseRecall, tt.pr) || !near(s.PairwiseF1, tt.pf) {
				t.Errorf("pairwise P/R/F1 %.4f/%.4f/%.4f, want %.4f/%.4f/%.4f",
					s.PairwisePrecision, s.PairwiseRecall, s.PairwiseF1, tt.pp, tt.pr, tt.pf)
			}
			if s.Articles != 5 || s.Stories != tt.stories || s.GoldStories != 2 {
				t.Errorf("articles %d stories %d gold %d, want 5 %d 2", s.Articles, s.Stories, s.GoldStories, tt.stories)
			}
		})
	}
}

func TestMistakes(t *testing.T) {
	gold := map[string]string{"a": "G1", "b": "G1", "c": "G1", "d": "G2", "e": "G2", "f": "G3"}
	// G1 is split over P1 and P2; P2 mixes G1 and G2; f is missing, so a
	// singleton, which splits nothing; G3 is whole.
	pred := map[string]string{"a": "P1", "b": "P1", "c": "P2", "d": "P2", "e": "P2"}
	splits, merges := Mistakes(gold, pred)
	wantSplits := []Mistake{{Cluster: "G1", Size: 3, Parts: map[string]int{"P1": 2, "P2": 1}}}
	wantMerges := []Mistake{{Cluster: "P2", Size: 3, Parts: map[string]int{"G1": 1, "G2": 2}}}
	if !reflect.DeepEqual(splits, wantSplits) {
		t.Errorf("splits %+v, want %+v", splits, wantSplits)
	}
	if !reflect.DeepEqual(merges, wantMerges) {
		t.Errorf("merges %+v, want %+v", merges, wantMerges)
	}
	if s, m := Mistakes(gold, gold); len(s)+len(m) != 0 {
		t.Errorf("a perfect clustering has mistakes: %+v %+v", s, m)
	}
}
