package dedup

import (
	"math"
	"slices"

	"github.com/storyline-news/storyline/internal/news"
)

// completeRatio is how much longer an undated text must be than the
// earliest dated one to be taken as the original instead.
const completeRatio = 1.25

func (ix *Index) find(d uint32) uint32 {
	for ix.parent[d] != d {
		ix.parent[d] = ix.parent[ix.parent[d]]
		d = ix.parent[d]
	}
	return d
}

// join records that d relates to o and merges their groups. Only links
// that merge two groups are kept: they span the group, which is all Group
// needs to relate members that are not directly similar.
func (ix *Index) join(d, o uint32, kind uint8, sim float64) {
	rd, ro := ix.find(d), ix.find(o)
	if rd == ro {
		return
	}
	// The earlier-added root stays root.
	if ro > rd {
		rd, ro = ro, rd
	}
	ix.parent[rd] = ro
	ix.ring[rd], ix.ring[ro] = ix.ring[ro], ix.ring[rd]
	e := edge{to: o + 1, kind: kind, sim: uint8(math.Round(max(0, min(1, sim)) * 255))}
	if ix.link[d].to == 0 {
		ix.link[d] = e
	} else {
		ix.moreLinks[d] = append(ix.moreLinks[d], e)
	}
}

// members returns the documents of d's group in the order they were added.
func (ix *Index) members(d uint32) []uint32 {
	ms := []uint32{d}
	for m := ix.ring[d]; m != d; m = ix.ring[m] {
		ms = append(ms, m)
	}
	slices.Sort(ms)
	return ms
}

// original chooses the original of a group of documents (any order):
//
//  1. With no dated member, the most complete (most words) is the original.
//  2. Otherwise take the earliest dated member (ties: more words, then the
//     lower ID). An undated member that could have been published
//     no later than it (its NotBefore is unknown or not after that date) and
//     is at least 25% longer replaces it: the fuller text is the source and
//     the shorter dated one its rewrite, as news agencies' copy is trimmed by
//     the outlets that reuse it.
//
// Remaining ties go to the lower ID, so that the order documents come in
// never decides.
func (ix *Index) original(ms []uint32) uint32 {
	fuller := func(a, b uint32) bool { // a more complete than b, ties to the lower ID
		if ix.words[a] != ix.words[b] {
			return ix.words[a] > ix.words[b]
		}
		return ix.ids.id(a) < ix.ids.id(b)
	}
	dated, undated := uint32(math.MaxUint32), uint32(math.MaxUint32)
	for _, m := range ms {
		p := ix.published[m]
		if p == noDate {
			continue
		}
		if dated == math.MaxUint32 || p < ix.published[dated] || p == ix.published[dated] && fuller(m, dated) {
			dated = m
		}
	}
	for _, m := range ms {
		if ix.published[m] != noDate {
			continue
		}
		if dated != math.MaxUint32 && ix.notBefore[m] != noDate && ix.notBefore[m] > ix.published[dated] {
			continue
		}
		if undated == math.MaxUint32 || fuller(m, undated) {
			undated = m
		}
	}
	switch {
	case dated == math.MaxUint32:
		return undated
	case undated == math.MaxUint32:
		return dated
	case float64(ix.words[undated]) >= completeRatio*float64(ix.words[dated]):
		return undated
	}
	return dated
}

// Group returns the copy group of the document with the given ID, and
// false when the Index does not have it. A document that copies nothing and
// is copied by nothing is its own group's original, with no members.
//
// The original is chosen by a rule on the members' dates and lengths,
// whatever the order they were added in (see the package doc and original).
func (ix *Index) Group(id news.ArticleID) (Group, bool) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	d, ok := ix.ids.get(id)
	if !ok {
		return Group{}, false
	}
	return ix.group(ix.members(d)), true
}

// Groups returns every group of two or more documents, in the order their
// first member was added.
func (ix *Index) Groups() []Group {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	var gs []Group
	for d := range uint32(len(ix.parent)) {
		if ix.parent[d] == d && ix.ring[d] != d {
			gs = append(gs, ix.group(ix.members(d)))
		}
	}
	return gs
}

func (ix *Index) group(ms []uint32) Group {
	o := ix.original(ms)
	g := Group{Original: ix.ids.id(o), Published: timeOrZero(ix.published[o])}
	if len(ms) == 1 {
		return g
	}
	ov := ix.view(o)
	var path map[uint32]edge
	earliest := int64(noDate)
	for _, m := range ms {
		if m == o {
			continue
		}
		p := ix.published[m]
		if p != noDate && (earliest == noDate || p < earliest) {
			earliest = p
		}
		mem := Member{ID: ix.ids.id(m), Published: timeOrZero(p)}
		if p == noDate && ix.published[o] != noDate {
			mem.NotBefore = g.Published
		}
		kind, sim := ix.relate(ov, ix.view(m), numBands)
		if kind == kindNone {
			if path == nil {
				path = ix.paths(o, ms)
			}
			e := path[m]
			kind, sim = e.kind, float64(e.sim)/255
		}
		mem.Kind, mem.Similarity = kindNames[kind], quantize(sim)
		g.Members = append(g.Members, mem)
	}
	if ix.published[o] == noDate && earliest != noDate {
		g.NotAfter = timeOrZero(earliest)
	}
	return g
}

// paths walks the group's links from o and returns, for every member, the
// loosest kind and lowest similarity on its path from o.
func (ix *Index) paths(o uint32, ms []uint32) map[uint32]edge {
	adj := make(map[uint32][]edge, len(ms))
	add := func(a uint32, e edge) {
		b := e.to - 1
		adj[a] = append(adj[a], e)
		adj[b] = append(adj[b], edge{to: a + 1, kind: e.kind, sim: e.sim})
	}
	for _, m := range ms {
		if e := ix.link[m]; e.to != 0 {
			add(m, e)
		}
		for _, e := range ix.moreLinks[m] {
			add(m, e)
		}
	}
	best := map[uint32]edge{o: {to: o + 1, kind: kindExact, sim: 255}}
	queue := []uint32{o}
	for len(queue) > 0 {
		a := queue[0]
		queue = queue[1:]
		for _, e := range adj[a] {
			b := e.to - 1
			if _, seen := best[b]; seen {
				continue
			}
			pa := best[a]
			best[b] = edge{to: b + 1, kind: max(pa.kind, e.kind), sim: min(pa.sim, e.sim)}
			queue = append(queue, b)
		}
	}
	return best
}
