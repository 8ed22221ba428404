package copies

import (
	"strings"
	"unicode"

	"github.com/cespare/xxhash/v2"
)

// copiedShare is the share of word 5-grams of the shorter text that another
// must have verbatim for the two to count as copies in the source data.
const copiedShare = 0.15

// families is a union-find over family numbers, joining the families of
// ECB+ articles that are themselves copies of each other: several ECB+
// articles on one event are the same agency text lightly edited.
type families struct {
	parent map[int]int
	pairs  int
}

func (f *families) find(x int) int {
	for {
		p, ok := f.parent[x]
		if !ok {
			return x
		}
		x = p
	}
}

func (f *families) same(a, b int) bool { return f.find(a) == f.find(b) }

// relatedFamilies finds ECB+ articles of one topic that share at least
// copiedShare of their word 5-grams, measured exactly on the texts.
func relatedFamilies(docs []doc) *families {
	f := &families{parent: map[int]int{}}
	byTopic := map[string][]int{}
	for i, d := range docs {
		if d.Source == "ecb" && d.Kind == "" {
			byTopic[d.Topic] = append(byTopic[d.Topic], i)
		}
	}
	grams := map[int]map[uint64]bool{}
	for _, idx := range byTopic {
		for _, i := range idx {
			grams[i] = fiveGrams(docs[i].Text)
		}
		for x, i := range idx {
			for _, j := range idx[x+1:] {
				if containment(grams[i], grams[j]) >= copiedShare {
					f.pairs++
					a, b := f.find(docs[i].Family), f.find(docs[j].Family)
					if a != b {
						f.parent[a] = b
					}
				}
			}
		}
	}
	return f
}

func fiveGrams(t string) map[uint64]bool {
	words := strings.FieldsFunc(strings.ToLower(t), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	out := map[uint64]bool{}
	for i := 0; i+5 <= len(words); i++ {
		out[xxhash.Sum64String(strings.Join(words[i:i+5], " "))] = true
	}
	return out
}

func containment(a, b map[uint64]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(a) == 0 {
		return 0
	}
	n := 0
	for g := range a {
		if b[g] {
			n++
		}
	}
	return float64(n) / float64(len(a))
}
