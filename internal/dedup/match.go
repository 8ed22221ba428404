package dedup

import (
	"math"
	"math/bits"
)

// view is the part of a signature that comparisons read, whether it comes
// from a new Signature or from the Index's arrays.
type view struct {
	core  uint64
	words uint32
	near  *[nearBytes]byte
	names [2]uint64
	sents []sent
	topic sent
}

func (s *Signature) view() view {
	return view{s.core, s.words, &s.near, s.names, s.sents, s.topic}
}

func (ix *Index) view(d uint32) view {
	v := view{
		core:  ix.core[d],
		words: ix.words[d],
		near:  (*[nearBytes]byte)(ix.near[int(d)*nearBytes:]),
	}
	if !ix.opts.NoRewrites {
		v.names = [2]uint64{ix.names[2*d], ix.names[2*d+1]}
		v.sents = ix.sents[ix.sentOff[d]:ix.sentOff[d+1]]
		v.topic = sent(ix.topic[sentWords*d:])
	}
	return v
}

// Thresholds of the checks; see Options for the tunable ones.
const (
	minNearWords   = 8   // shorter texts are compared only for exact copies
	minAligned     = 3   // sentences that must align for a rewrite
	minRewriteHits = 2   // LSH keys a rewrite candidate must share
	sentMatchDice  = 0.5 // Dice coefficient of stems for two sentences to match
	// minMeanDice is the mean Dice coefficient the aligned sentences of a
	// rewrite need: a paraphrase keeps most of its sentence's content
	// words, while two reports of one event that only share a subject
	// match sentence by sentence more loosely.
	minMeanDice = 0.6
	minCoverage = 0.3 // share of the longer document's sentences that must align

	minSharedBits    = 3
	minNamesForCheck = 4   // name bits in the shorter text before names are checked
	minNamesShared   = 0.5 // share of those that the other text must have
)

// relate tells how the documents a and b relate: kindNone, kindExact,
// kindNear or kindRewrite, with a similarity in 0..1. hits is the number of
// uncommon LSH keys they share (numBands to skip the prefilter).
func (ix *Index) relate(a, b view, hits int) (uint8, float64) {
	if a.words == 0 || b.words == 0 {
		return kindNone, 0
	}
	if a.core == b.core && a.words == b.words {
		return kindExact, 1
	}
	if a.words < minNearWords || b.words < minNearWords {
		return kindNone, 0
	}
	if j := nearJaccard(a.near, b.near); j >= ix.opts.NearThreshold {
		return kindNear, j
	}
	if ix.opts.NoRewrites || hits < minRewriteHits {
		return kindNone, 0
	}
	if r := ix.rewrite(a, b); r > 0 {
		return kindRewrite, r
	}
	return kindNone, 0
}

// rewrite returns the fraction of the shorter document's sentences that
// align in order with sentences of the other, or 0 when the two are not a
// rewrite of one another.
func (ix *Index) rewrite(a, b view) float64 {
	s, t := a, b
	if len(t.sents) < len(s.sents) {
		s, t = t, s
	}
	if len(s.sents) < minAligned {
		return 0
	}
	need := max(minAligned,
		int(math.Ceil(ix.opts.RewriteThreshold*float64(len(s.sents)))),
		int(math.Ceil(minCoverage*float64(len(t.sents)))))
	mask := s.topic.and(t.topic)
	n := align(s.sents, t.sents, mask, need)
	if n < need || closestAlignment(s.sents, t.sents, mask) < minMeanDice {
		return 0
	}
	r := float64(n) / float64(len(s.sents))
	// The same report names the same people and places.
	sn := bits.OnesCount64(s.names[0]) + bits.OnesCount64(s.names[1])
	if sn >= minNamesForCheck {
		shared := bits.OnesCount64(s.names[0]&t.names[0]) + bits.OnesCount64(s.names[1]&t.names[1])
		if float64(shared) < minNamesShared*float64(sn) {
			return 0
		}
	}
	return r
}

// sent is a 128-bit bloom of the content stems of one sentence.
type sent [sentWords]uint64

// Size of a sentence sketch.
const (
	sentWords   = 2
	sentBits    = 64 * sentWords
	sentBitsLog = 7 // log2(sentBits)
)

func (s sent) count() int {
	n := 0
	for _, w := range s {
		n += bits.OnesCount64(w)
	}
	return n
}

func (s sent) and(t sent) sent {
	for i := range s {
		s[i] &= t[i]
	}
	return s
}

func (s sent) andNot(t sent) sent {
	for i := range s {
		s[i] &^= t[i]
	}
	return s
}

// set sets the bit of s chosen by the top bits of the hash h.
func (s *sent) set(h uint64) {
	b := h >> (64 - sentBitsLog)
	s[b>>6] |= 1 << (b & 63)
}

// topicShare is the share of a document's sentences a stem must be in to
// count as its topic rather than content.
const topicShare = 0.25

// topicBits returns the bits set in at least topicShare of the sentences
// (and in two or more). The bits two documents share this way are the stems
// of their common topic, such as the names of the people and places that
// independent reports of one event repeat throughout: they do not tell
// whether two sentences say the same thing, and align masks them out.
func topicBits(s []sent) sent {
	var c [sentBits]uint8
	for _, x := range s {
		countBits(&c, x)
	}
	need := max(2, int(math.Ceil(topicShare*float64(len(s)))))
	var m sent
	for i := range sentBits {
		if int(c[i]) >= need {
			m[i>>6] |= 1 << (i & 63)
		}
	}
	return m
}

func countBits(c *[sentBits]uint8, x sent) {
	for w, v := range x {
		for v != 0 {
			c[w*64+bits.TrailingZeros64(v)]++
			v &= v - 1
		}
	}
}

// align returns the length of the longest in-order alignment of sentences
// of s with sentences of t, counting pairs whose stem sketches match once
// the topic bits are masked out. It gives up early, returning less than
// need, when need can no longer be reached.
func align(s, t []sent, mask sent, need int) int {
	tm, tc := masked(t, mask)
	// LCS over the match relation, one row at a time.
	var prevBuf, curBuf [maxSentences + 1]uint8
	prev, cur := prevBuf[:len(t)+1], curBuf[:len(t)+1]
	for i, x := range s {
		if int(prev[len(t)])+len(s)-i < need {
			return int(prev[len(t)])
		}
		x = x.andNot(mask)
		px := x.count()
		for j := range t {
			v := max(prev[j+1], cur[j])
			if prev[j]+1 > v && sentMatch(x, px, tm[j], tc[j]) {
				v = prev[j] + 1
			}
			cur[j+1] = v
		}
		prev, cur = cur, prev
	}
	return int(prev[len(t)])
}

// masked returns the sketches of t with the bits of mask cleared, and how
// many bits each keeps.
func masked(t []sent, mask sent) (tm [maxSentences]sent, tc [maxSentences]int) {
	for j, y := range t {
		tm[j] = y.andNot(mask)
		tc[j] = tm[j].count()
	}
	return tm, tc
}

// A cell of closestAlignment: how many sentence pairs align, and the sum
// of their Dice coefficients.
type cell struct {
	n    uint8
	dice float32
}

// better reports whether alignment a beats b: more pairs, or as many with
// closer wording.
func (a cell) better(b cell) bool {
	return a.n > b.n || a.n == b.n && a.dice > b.dice
}

// closestAlignment returns the mean Dice coefficient of the sentence pairs
// of the alignment align measures, choosing among the longest ones the one
// whose pairs share the most wording. It costs more than align, so it runs
// only once align has found enough pairs.
func closestAlignment(s, t []sent, mask sent) float64 {
	tm, tc := masked(t, mask)
	var prevBuf, curBuf [maxSentences + 1]cell
	prev, cur := prevBuf[:len(t)+1], curBuf[:len(t)+1]
	for _, x := range s {
		x = x.andNot(mask)
		px := x.count()
		for j := range t {
			v := prev[j+1]
			if cur[j].better(v) {
				v = cur[j]
			}
			if d := sentDice(x, px, tm[j], tc[j]); d >= sentMatchDice {
				if c := (cell{prev[j].n + 1, prev[j].dice + float32(d)}); c.better(v) {
					v = c
				}
			}
			cur[j+1] = v
		}
		prev, cur = cur, prev
	}
	best := prev[len(t)]
	if best.n == 0 {
		return 0
	}
	return float64(best.dice) / float64(best.n)
}

// sentMatch reports whether two sentence sketches match: their Dice
// coefficient beyond chance is at least sentMatchDice.
func sentMatch(x sent, px int, y sent, py int) bool {
	return sentDice(x, px, y, py) >= sentMatchDice
}

// sentDice is the Dice coefficient of two sentence sketches beyond what
// chance would give, or 0 when they share too few stems to tell. Two
// sentences match at sentMatchDice: a paraphrase keeps about half its
// content words and adds few.
func sentDice(x sent, px int, y sent, py int) float64 {
	and := x.and(y).count()
	if and < minSharedBits {
		return 0
	}
	chance := float64(px*py) / sentBits
	return 2 * (float64(and) - chance) / float64(px+py)
}
