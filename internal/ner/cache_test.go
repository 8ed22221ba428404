package ner

import (
	"slices"
	"testing"
)

// The cached scores must equal the sum over all features, which is what
// training sees.
func TestEmissionsMatchFeatures(t *testing.T) {
	tg := loadTagger(t)
	s := new(scratch)
	text := "Foreign Minister Anna Kowalski met the World Bank.\nPAKISTAN TALKS: Kowalski in Geneva -- again . ok"
	s.toks = sentences(text, nil)
	s.sents = append(s.sents[:0], 0)
	for _, sent := range s.toks {
		for _, tk := range sent {
			s.words = append(s.words, tk.text)
		}
		s.sents = append(s.sents, int32(len(s.words)))
	}
	tg.lx.analyseDoc(s)
	for k := range s.toks {
		t.Run(s.toks[k][0].text, func(t *testing.T) {
			extract(s, k, true)
			var want []int32
			for i := 0; i+1 < len(s.offs); i++ {
				var e [numLabels]int32
				tg.m.addRows(&e, s.feats[s.offs[i]:s.offs[i+1]])
				want = append(want, e[:]...)
			}
			for pass := 0; pass < 2; pass++ { // cold and warm cache
				extract(s, k, false)
				if got := tg.m.emissions(s, k); !slices.Equal(got, want) {
					t.Fatalf("pass %d: cached emissions differ from the full feature sum", pass)
				}
			}
		})
	}
}
