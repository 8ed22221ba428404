package ner

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
)

// Example is a tokenised sentence with its gold tags (IOB1 or IOB2), for
// training.
type Example struct {
	Tokens []string
	Tags   []string
}

// TrainOptions tunes Train. The zero value trains with the defaults.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 15).
	Epochs int
	// MinCount drops features seen fewer times in the data (default 1).
	MinCount int
	// Prune drops, from the saved model, features whose weights are all
	// smaller than Prune in absolute value (in averaged-perceptron units).
	Prune float64
	// Seed orders the examples in each pass.
	Seed uint64
	// Epoch, if not nil, is called after each pass with the model averaged
	// so far. Train returns the model of the pass that scored highest.
	Epoch func(epoch int, t *Tagger) float64
}

// trainSet is the data turned into feature ids and BILOU labels.
type trainSet struct {
	feats  []int32 // feature ids of all tokens
	offs   []int32 // token k's features are feats[offs[k]:offs[k+1]]
	labels []uint8 // gold label per token
	sents  []int32 // sentence s's tokens are sents[s]:sents[s+1]
	keys   []uint32
}

// Train learns a tagger from examples with an averaged structured
// perceptron.
// Each element of docs is one document's sentences, which inform each
// other through the document-level features.
func Train(ctx context.Context, docs [][]Example, opt TrainOptions) (*Tagger, error) {
	if opt.Epochs <= 0 {
		opt.Epochs = 15
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 1
	}
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	ts, err := prepare(lx, append(docs, undotted(docs)...), opt.MinCount)
	if err != nil {
		return nil, err
	}
	nf := len(ts.keys)
	const L = numLabels
	p := &perceptron{
		w: make([]int32, nf*L), u: make([]int64, nf*L), c: 1,
	}
	rng := rand.New(rand.NewPCG(opt.Seed, 0x5eed))
	order := make([]int, len(ts.sents)-1)
	for i := range order {
		order[i] = i
	}
	var best *Tagger
	bestScore := math.Inf(-1)
	var pred []uint8
	var scores []int64
	var back []uint8
	for epoch := 1; epoch <= opt.Epochs; epoch++ {
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		for _, s := range order {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			a, b := int(ts.sents[s]), int(ts.sents[s+1])
			pred, scores, back = p.decode(ts, a, b, pred, scores, back)
			gold := ts.labels[a:b]
			if !slices.Equal(pred, gold) {
				p.update(ts, a, b, gold, pred)
			}
			p.c++
		}
		t := newTagger(lx, p.average(ts.keys, opt.Prune))
		if opt.Epoch == nil {
			best = t
			continue
		}
		if score := opt.Epoch(epoch, t); score > bestScore {
			best, bestScore = t, score
		}
	}
	return best, nil
}

// prepare extracts the features of every example and numbers those seen at
// least minCount times.
func prepare(lx *lexicon, docs [][]Example, minCount int) (*trainSet, error) {
	s := new(scratch)
	// each analyses a document and calls fn with each sentence's features.
	each := func(doc []Example, fn func(k int) error) error {
		s.words, s.sents = s.words[:0], append(s.sents[:0], 0)
		for _, ex := range doc {
			s.words = append(s.words, ex.Tokens...)
			s.sents = append(s.sents, int32(len(s.words)))
		}
		lx.analyseDoc(s)
		for k := range doc {
			if len(doc[k].Tokens) == 0 {
				continue
			}
			extract(s, k, true)
			if err := fn(k); err != nil {
				return err
			}
		}
		return nil
	}
	counts := make(map[uint32]int32)
	for _, doc := range docs {
		each(doc, func(int) error {
			for _, k := range s.feats {
				counts[fingerprint(k)]++
			}
			return nil
		})
	}
	ts := &trainSet{}
	ids := make(map[uint32]int32, len(counts))
	for k, n := range counts {
		if int(n) >= minCount {
			ts.keys = append(ts.keys, k)
		}
	}
	slices.Sort(ts.keys)
	for i, k := range ts.keys {
		ids[k] = int32(i)
	}
	ts.sents = append(ts.sents, 0)
	for d, doc := range docs {
		err := each(doc, func(k int) error {
			ex := doc[k]
			if len(ex.Tags) != len(ex.Tokens) {
				return fmt.Errorf("train document %d sentence %d: %d tokens, %d tags", d, k, len(ex.Tokens), len(ex.Tags))
			}
			labels, err := bilou(ex.Tags)
			if err != nil {
				return fmt.Errorf("train document %d sentence %d: %w", d, k, err)
			}
			for i := range ex.Tokens {
				ts.offs = append(ts.offs, int32(len(ts.feats)))
				for _, key := range s.feats[s.offs[i]:s.offs[i+1]] {
					if id, ok := ids[fingerprint(key)]; ok {
						ts.feats = append(ts.feats, id)
					}
				}
			}
			ts.labels = append(ts.labels, labels...)
			ts.sents = append(ts.sents, int32(len(ts.labels)))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	ts.offs = append(ts.offs, int32(len(ts.feats)))
	return ts, nil
}

// undotted returns copies of the documents that hold dotted acronyms
// ("U.S.", "U.N.") with the dots taken out, as most news now writes them.
// (Writing long acronyms in title case, "Nato", was tried the same way and
// cost 0.3 F1 on CoNLL++ without helping modern text.)
func undotted(docs [][]Example) [][]Example {
	var out [][]Example
	for _, doc := range docs {
		var cp []Example
		changed := false
		for _, ex := range doc {
			toks := ex.Tokens
			for i, w := range ex.Tokens {
				if u, ok := undot(w); ok {
					if &toks[0] == &ex.Tokens[0] {
						toks = slices.Clone(ex.Tokens)
					}
					toks[i] = u
					changed = true
				}
			}
			cp = append(cp, Example{Tokens: toks, Tags: ex.Tags})
		}
		if changed {
			out = append(out, cp)
		}
	}
	return out
}

// undot turns "U.S." into "US": letters each followed by a stop, at least
// two of them.
func undot(w string) (string, bool) {
	if len(w) < 4 || len(w)%2 != 0 {
		return "", false
	}
	b := make([]byte, 0, len(w)/2)
	for i := 0; i < len(w); i += 2 {
		c := w[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z') || w[i+1] != '.' {
			return "", false
		}
		b = append(b, c)
	}
	return string(b), true
}

// bilou converts IOB1 or IOB2 tags to BILOU labels.
func bilou(tags []string) ([]uint8, error) {
	out := make([]uint8, len(tags))
	typeOf := func(tag string) (int, byte, error) {
		if tag == "O" {
			return -1, 'O', nil
		}
		if len(tag) < 3 || tag[1] != '-' || (tag[0] != 'B' && tag[0] != 'I') {
			return 0, 0, fmt.Errorf("bad tag %q", tag)
		}
		for i, t := range types {
			if tag[2:] == t {
				return i, tag[0], nil
			}
		}
		return 0, 0, fmt.Errorf("unknown entity type in %q", tag)
	}
	prevType := -1
	start := -1
	closeAt := func(end int) {
		if start < 0 {
			return
		}
		if end-start == 1 {
			out[start] = labelOf(prevType, posU)
		} else {
			out[start] = labelOf(prevType, posB)
			for k := start + 1; k < end-1; k++ {
				out[k] = labelOf(prevType, posI)
			}
			out[end-1] = labelOf(prevType, posL)
		}
		start = -1
	}
	for i, tag := range tags {
		typ, prefix, err := typeOf(tag)
		if err != nil {
			return nil, err
		}
		if prefix == 'O' || prefix == 'B' || typ != prevType {
			closeAt(i)
		}
		if prefix != 'O' && start < 0 {
			start = i
		}
		prevType = typ
	}
	closeAt(len(tags))
	return out, nil
}

// perceptron holds the weights being learned: w, and u for averaging
// (Daumé's trick: the average is w - u/c).
type perceptron struct {
	w  []int32 // features × labels
	u  []int64
	tw [(numLabels + 1) * numLabels]int32
	tu [(numLabels + 1) * numLabels]int64
	ew [numLabels]int32
	eu [numLabels]int64
	c  int64
}

func (p *perceptron) decode(ts *trainSet, a, b int, pred []uint8, scores []int64, back []uint8) ([]uint8, []int64, []uint8) {
	const L = numLabels
	n := b - a
	scores = slices.Grow(scores[:0], n*L)[:n*L]
	back = slices.Grow(back[:0], n*L)[:n*L]
	pred = slices.Grow(pred[:0], n)[:n]
	clear(scores)
	for i := 0; i < n; i++ {
		e := scores[i*L : i*L+L]
		for _, f := range ts.feats[ts.offs[a+i]:ts.offs[a+i+1]] {
			row := p.w[int(f)*L : int(f)*L+L]
			for l := range e {
				e[l] += int64(row[l])
			}
		}
	}
	const neg = math.MinInt64 / 4
	var delta, next [L]int64
	for c := 0; c < L; c++ {
		delta[c] = neg
		if allowed(L, uint8(c)) {
			delta[c] = scores[c] + int64(p.tw[L*L+c])
		}
	}
	for i := 1; i < n; i++ {
		for c := 0; c < L; c++ {
			best, arg := int64(neg), uint8(0)
			for q := 0; q < L; q++ {
				if !allowed(uint8(q), uint8(c)) || delta[q] == neg {
					continue
				}
				if v := delta[q] + int64(p.tw[q*L+c]); v > best {
					best, arg = v, uint8(q)
				}
			}
			if best == neg {
				next[c] = neg
			} else {
				next[c] = best + scores[i*L+c]
			}
			back[i*L+c] = arg
		}
		delta = next
	}
	best, arg := int64(neg), uint8(0)
	for c := 0; c < L; c++ {
		if !allowedLast(uint8(c)) || delta[c] == neg {
			continue
		}
		if v := delta[c] + int64(p.ew[c]); v > best {
			best, arg = v, uint8(c)
		}
	}
	for i := n - 1; i >= 0; i-- {
		pred[i] = arg
		arg = back[i*L+int(arg)]
	}
	return pred, scores, back
}

// update moves the weights towards gold and away from pred.
func (p *perceptron) update(ts *trainSet, a, b int, gold, pred []uint8) {
	const L = numLabels
	c := p.c
	for i := range gold {
		g, q := gold[i], pred[i]
		if g != q {
			for _, f := range ts.feats[ts.offs[a+i]:ts.offs[a+i+1]] {
				p.w[int(f)*L+int(g)]++
				p.u[int(f)*L+int(g)] += c
				p.w[int(f)*L+int(q)]--
				p.u[int(f)*L+int(q)] -= c
			}
		}
		gp, qp := uint8(L), uint8(L)
		if i > 0 {
			gp, qp = gold[i-1], pred[i-1]
		}
		if gp != qp || g != q {
			p.tw[int(gp)*L+int(g)]++
			p.tu[int(gp)*L+int(g)] += c
			p.tw[int(qp)*L+int(q)]--
			p.tu[int(qp)*L+int(q)] -= c
		}
	}
	g, q := gold[len(gold)-1], pred[len(pred)-1]
	if g != q {
		p.ew[g]++
		p.eu[g] += c
		p.ew[q]--
		p.eu[q] -= c
	}
}

// average returns the averaged weights as a quantised model, without the
// features whose weights are all below prune.
func (p *perceptron) average(keys []uint32, prune float64) *model {
	const L = numLabels
	c := float64(p.c)
	avg := func(w int32, u int64) float64 { return float64(w) - float64(u)/c }
	var maxAbs float64
	for i := range p.w {
		maxAbs = max(maxAbs, math.Abs(avg(p.w[i], p.u[i])))
	}
	for i := range p.tw {
		maxAbs = max(maxAbs, math.Abs(avg(p.tw[i], p.tu[i])))
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := maxAbs / 32000
	q := func(x float64) int16 { return int16(math.Round(x / scale)) }
	m := &model{scale: float32(scale)}
	var kept []uint32
	var w []int16
	for f, k := range keys {
		row := make([]float64, L)
		big := false
		nonzero := false
		for l := 0; l < L; l++ {
			row[l] = avg(p.w[f*L+l], p.u[f*L+l])
			if math.Abs(row[l]) >= prune {
				big = true
			}
			if q(row[l]) != 0 {
				nonzero = true
			}
		}
		if !big || !nonzero {
			continue
		}
		kept = append(kept, k)
		for l := 0; l < L; l++ {
			w = append(w, q(row[l]))
		}
	}
	for i := range p.tw {
		m.trans[i] = int32(q(avg(p.tw[i], p.tu[i])))
	}
	for i := range p.ew {
		m.end[i] = int32(q(avg(p.ew[i], p.eu[i])))
	}
	m.build(kept, w)
	return m
}
