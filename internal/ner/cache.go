package ner

// wordVec holds a word's cached score contributions: own, from the
// features that depend on the word alone, and lent, what it adds to a token
// when it stands d = -2, -1, +1 or +2 places from it (lent[0..3]).
type wordVec struct {
	own  [numLabels]int32
	lent [4][numLabels]int32
}

// maxCached bounds a cache at about 5 MB; it is emptied when full.
const maxCached = 1 << 14

// wordCache maps a token's exact text (hashed) to its wordVec. Each scratch
// has its own, so it needs no locking.
type wordCache struct {
	index map[uint64]int32
	vecs  []wordVec
	keys  []uint64
}

// vec returns the contributions of token t, computing them on a miss.
func (c *wordCache) vec(m *model, t *tokInfo) *wordVec {
	if i, ok := c.index[t.exact]; ok {
		return &c.vecs[i]
	}
	if c.index == nil || len(c.vecs) >= maxCached {
		c.index = make(map[uint64]int32, 1024)
		c.vecs = c.vecs[:0]
	}
	c.vecs = append(c.vecs, wordVec{})
	v := &c.vecs[len(c.vecs)-1]
	c.index[t.exact] = int32(len(c.vecs) - 1)
	c.keys = ownKeys(t, c.keys[:0])
	m.addRows(&v.own, c.keys)
	for k, d := range [...]int{-2, -1, 1, 2} {
		c.keys = lentKeys(d, t.word, t.shape, c.keys[:0])
		m.addRows(&v.lent[k], c.keys)
	}
	return v
}

// addRows adds the weights of features keys to e.
func (m *model) addRows(e *[numLabels]int32, keys []uint64) {
	for _, k := range keys {
		if r := m.row(k); r != nil {
			r := (*[numLabels]int16)(r)
			for l := range e {
				e[l] += int32(r[l])
			}
		}
	}
}

// emissions fills s.scores with each token's label scores for sentence k,
// whose context features extract(s, k, false) has put in s.feats.
func (m *model) emissions(s *scratch, k int) []int32 {
	a := int(s.sents[k])
	n := len(s.offs) - 1
	const L = numLabels
	if cap(s.scores) < n*L {
		s.scores = make([]int32, n*L, 2*n*L)
	}
	em := s.scores[:n*L]
	clear(em)
	if cap(s.vecs) < n {
		s.vecs = make([]*wordVec, n, 2*n)
	}
	vecs := s.vecs[:n]
	for i := range vecs {
		vecs[i] = s.cache.vec(m, &s.info[a+i])
	}
	for i := 0; i < n; i++ {
		e := (*[L]int32)(em[i*L : i*L+L])
		*e = vecs[i].own
		for k, d := range [...]int{-2, -1, 1, 2} {
			if j := i + d; j >= 0 && j < n {
				lv := &vecs[j].lent[k]
				for l := range e {
					e[l] += lv[l]
				}
			}
		}
		m.addRows(e, s.feats[s.offs[i]:s.offs[i+1]])
	}
	return em
}
