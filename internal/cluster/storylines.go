package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Bounds of storyline linking.
const (
	linkTerms       = 16   // centroid terms of a story looked up
	linkNames       = 10   // centroid names of a story looked up
	linkPosting     = 256  // most recent earlier stories read per key
	linkCandidates  = 24   // stories scored per story
	linkNameWeight  = 0.25 // share of names in a link score: actors define storylines
	linkPlaceWeight = 0.5  // weight of a name mostly tagged as a place among them
)

// Storylines returns the storylines over the current stories, earliest
// first. Every story is in exactly one storyline; a story that links to no
// other forms a storyline of its own.
//
// Stories are linked by the same score as articles, computed between story
// centroids with names weighing more (places among them less), decayed over
// Options.LinkHalfLife, and merged greedily from the strongest link down
// while the two growing storylines' centroids still score
// Options.LinkThreshold (average linkage, so one shared name cannot chain
// unrelated stories). The result depends only on the stories, not on the
// order articles came in.
func (c *Clusterer) Storylines() []news.Storyline {
	c.link()
	return slices.Clone(c.lines)
}

// sline is a storyline being built.
type sline struct {
	stories    []int32
	terms      centroid
	names      centroid
	begin, end time.Time
	links      []news.StoryLink
	parent     int32
}

func (c *Clusterer) link() {
	if !c.changed && c.lineOf != nil {
		return
	}
	c.changed = false
	// Live stories in time order, with unit centroids.
	var order []int32
	for si := range c.stories {
		if s := &c.stories[si]; !s.dead && len(s.docs) > 0 {
			order = append(order, int32(si))
		}
	}
	slices.SortFunc(order, func(a, b int32) int {
		sa, sb := &c.stories[a], &c.stories[b]
		switch {
		case sa.begin.IsZero() != sb.begin.IsZero():
			if sa.begin.IsZero() {
				return 1
			}
			return -1
		case !sa.begin.Equal(sb.begin):
			return sa.begin.Compare(sb.begin)
		}
		return cmp.Compare(sa.id, sb.id)
	})
	pos := make(map[int32]int, len(order)) // story -> position in order
	units := make([]vec, len(order))
	for i, si := range order {
		pos[si] = i
		s := &c.stories[si]
		units[i] = vec{terms: s.terms.unit(), names: c.actorNames(s.names.unit())}
	}

	// Candidate pairs from an index over the heaviest centroid features.
	type pair struct {
		a, b  int // positions in order, a < b
		score float64
	}
	var pairs []pair
	termPost := make(map[uint32][]int)
	namePost := make(map[uint32][]int)
	acc := make(map[int]float32)
	for i := range order {
		clear(acc)
		u := units[i]
		look := func(post map[uint32][]int, fs []feat, n int) {
			for _, f := range heaviest(fs, n) {
				p := post[f.id]
				for k := len(p) - 1; k >= 0 && k >= len(p)-linkPosting; k-- {
					acc[p[k]] += f.w
				}
				post[f.id] = append(p, i)
			}
		}
		look(namePost, u.names, linkNames)
		look(termPost, u.terms, linkTerms)
		type cand struct {
			j int
			w float32
		}
		cs := make([]cand, 0, len(acc))
		for j, w := range acc {
			cs = append(cs, cand{j, w})
		}
		slices.SortFunc(cs, func(x, y cand) int {
			if x.w != y.w {
				return cmp.Compare(y.w, x.w)
			}
			return x.j - y.j
		})
		if len(cs) > linkCandidates {
			cs = cs[:linkCandidates]
		}
		for _, cd := range cs {
			sa, sb := &c.stories[order[cd.j]], &c.stories[order[i]]
			sc := c.linkScore(units[cd.j], units[i], sa.begin, sa.end, sb.begin, sb.end)
			if sc >= c.opts.LinkThreshold {
				pairs = append(pairs, pair{cd.j, i, sc})
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.score != y.score {
			return cmp.Compare(y.score, x.score)
		}
		if x.a != y.a {
			return x.a - y.a
		}
		return x.b - y.b
	})

	// Greedy average-linkage merging.
	lines := make([]sline, len(order))
	for i, si := range order {
		s := &c.stories[si]
		lines[i] = sline{
			stories: []int32{si},
			terms:   centroidOf(units[i].terms),
			names:   centroidOf(units[i].names),
			begin:   s.begin,
			end:     s.end,
			parent:  int32(i),
		}
	}
	find := func(i int) int {
		for int(lines[i].parent) != i {
			lines[i].parent = lines[lines[i].parent].parent
			i = int(lines[i].parent)
		}
		return i
	}
	for _, p := range pairs {
		ra, rb := find(p.a), find(p.b)
		if ra == rb {
			continue
		}
		la, lb := &lines[ra], &lines[rb]
		if len(la.stories) > 1 || len(lb.stories) > 1 {
			ua := vec{la.terms.unit(), la.names.unit()}
			ub := vec{lb.terms.unit(), lb.names.unit()}
			if c.linkScore(ua, ub, la.begin, la.end, lb.begin, lb.end) < c.opts.LinkThreshold {
				continue
			}
		}
		sa, sb := &c.stories[order[p.a]], &c.stories[order[p.b]]
		link := news.StoryLink{
			From:           sa.id,
			To:             sb.id,
			Score:          round(p.score),
			SharedTerms:    sharedUnits(units[p.a].terms, units[p.b].terms, 5, c.vocab.display),
			SharedEntities: sharedUnits(units[p.a].names, units[p.b].names, 5, c.vocab.nameShow),
		}
		if !sa.begin.IsZero() && !sb.begin.IsZero() {
			link.DateGap = spanGap(sa.begin, sa.end, sb.begin, sb.end)
		}
		// The earlier storyline absorbs the later one.
		if rb < ra {
			ra, rb = rb, ra
			la, lb = lb, la
		}
		la.stories = append(la.stories, lb.stories...)
		la.links = append(append(la.links, lb.links...), link)
		la.terms.addCentroid(lb.terms)
		la.names.addCentroid(lb.names)
		la.begin, la.end = unionSpan(la.begin, la.end, lb.begin, lb.end)
		lb.parent = int32(ra)
		lb.stories, lb.links, lb.terms, lb.names = nil, nil, centroid{}, centroid{}
	}

	c.lines = c.lines[:0]
	c.lineOf = make(map[news.StoryID]news.StorylineID, len(order))
	for i := range lines {
		if find(i) != i {
			continue
		}
		l := &lines[i]
		slices.SortFunc(l.stories, func(a, b int32) int { return pos[a] - pos[b] })
		ids := make([]news.StoryID, len(l.stories))
		for k, si := range l.stories {
			ids[k] = c.stories[si].id
		}
		id := news.StorylineID(ids[0])
		for _, sid := range ids {
			c.lineOf[sid] = id
		}
		actors, terms := c.lineWords(l.stories)
		c.lines = append(c.lines, news.Storyline{
			ID:      id,
			Name:    lineName(actors, terms),
			Stories: ids,
			Begin:   l.begin,
			End:     l.end,
			Actors:  actors,
			Terms:   terms,
			Links:   l.links,
		})
	}
	slices.SortFunc(c.lines, func(a, b news.Storyline) int {
		return pos[c.storyOf[news.StoryID(a.ID)]] - pos[c.storyOf[news.StoryID(b.ID)]]
	})
}

// linkScore scores two stories (or storylines) given their unit centroids
// and date spans.
func (c *Clusterer) linkScore(a, b vec, ab, ae, bb, be time.Time) float64 {
	t := dotSorted(a.terms, b.terms)
	sim := t
	if len(a.names) > 0 && len(b.names) > 0 {
		sim = (1-linkNameWeight)*t + linkNameWeight*dotSorted(a.names, b.names)
	}
	if !ab.IsZero() && !bb.IsZero() {
		gap := spanGap(ab, ae, bb, be)
		sim *= math.Exp2(-float64(gap) / float64(c.opts.LinkHalfLife))
	}
	return sim
}

// lineWords picks the main actors and terms of a storyline: those its
// articles mention most, weighted by how distinctive they are.
func (c *Clusterer) lineWords(stories []int32) (actors, terms []string) {
	v := c.vocab
	names := make(map[uint32]float64)
	words := make(map[uint32]float64)
	for _, si := range stories {
		for _, di := range c.stories[si].docs {
			d := &c.docs[di]
			for _, f := range d.names {
				// How often an article names an actor says more of its
				// part than that it names it at all.
				names[f.id] += float64(f.w) * math.Sqrt(float64(v.idf(v.nameDF[f.id])))
			}
			for _, f := range d.terms {
				words[f.id] += float64(v.idf(v.termDF[f.id]))
			}
		}
	}
	var chosen []uint32
	for _, id := range ranked(names) {
		if len(chosen) == 3 {
			break
		}
		show := v.nameShow[id]
		if slices.ContainsFunc(chosen, func(c uint32) bool {
			// "Taliban" after "Afghan Taliban" is the same actor again;
			// "Tehreek-e-Taliban Pakistan" after "Pakistan" is another.
			return wordsWithin(show, v.nameShow[c]) || wordsWithin(v.nameShow[c], show) && !v.isPlace(c)
		}) {
			continue
		}
		if k := slices.IndexFunc(chosen, func(c uint32) bool { return demonym(show, v.nameShow[c]) }); k >= 0 {
			// "Estavian" and "Estavia": the place names the actor.
			if v.isPlace(id) && !v.isPlace(chosen[k]) {
				chosen[k] = id
			}
			continue
		}
		chosen = append(chosen, id)
	}
	for _, id := range chosen {
		actors = append(actors, v.nameShow[id])
	}
	for _, id := range ranked(words) {
		w := v.display[id]
		if len(terms) == 2 {
			break
		}
		if isNumber(w) || genericWord(w) || v.nameWord(w) || overlapsAny(w, actors) || overlapsAny(w, terms) {
			continue
		}
		terms = append(terms, w)
	}
	return actors, terms
}

// ranked returns the keys of m by falling value, ties by key.
func ranked(m map[uint32]float64) []uint32 {
	type kv struct {
		id uint32
		v  float64
	}
	kvs := make([]kv, 0, len(m))
	for id, v := range m {
		kvs = append(kvs, kv{id, v})
	}
	slices.SortFunc(kvs, func(a, b kv) int {
		if a.v != b.v {
			return cmp.Compare(b.v, a.v)
		}
		return cmp.Compare(a.id, b.id)
	})
	ids := make([]uint32, len(kvs))
	for i, x := range kvs {
		ids[i] = x.id
	}
	return ids
}

// wordsWithin reports whether every word of a is a word of b, ignoring
// case.
func wordsWithin(a, b string) bool {
	bw := strings.Fields(strings.ToLower(b))
	for _, w := range strings.Fields(strings.ToLower(a)) {
		if !slices.Contains(bw, w) {
			return false
		}
	}
	return true
}

// overlapsAny reports whether s shares a word with any of list, ignoring
// case.
func overlapsAny(s string, list []string) bool {
	ws := strings.Fields(strings.ToLower(s))
	for _, l := range list {
		for _, w := range strings.Fields(strings.ToLower(l)) {
			if slices.Contains(ws, w) {
				return true
			}
		}
	}
	return false
}

// demonym reports whether one of two one-word names is the other with the
// ending of a people's name: "Estavian" and "Estavia", "Pakistani" and
// "Pakistan", "Norlanders" and "Norland".
func demonym(a, b string) bool {
	if strings.Contains(a, " ") || strings.Contains(b, " ") {
		return false
	}
	a, b = strings.ToLower(a), strings.ToLower(b)
	if len(a) < len(b) {
		a, b = b, a
	}
	if len(b) < 4 || !strings.HasPrefix(a, b) {
		return false
	}
	switch a[len(b):] {
	case "n", "an", "ian", "i", "is", "ese", "ish", "ic", "er", "ers", "ns", "ans", "ians":
		return true
	}
	return false
}

// lineName makes a storyline's name from its main actors and the terms
// of its conflict: "Pakistan, Afghan Taliban and TTP: attacks and talks".
func lineName(actors, terms []string) string {
	a, t := andList(actors), andList(terms)
	switch {
	case a == "":
		return t
	case t == "":
		return a
	}
	return a + ": " + t
}

// andList joins words as English lists them: "a", "a and b", "a, b and c".
func andList(ws []string) string {
	switch len(ws) {
	case 0:
		return ""
	case 1:
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// nameWord reports whether w is a name or a people's name of one
// ("afghanistan", "pakistani"): the actors say those already.
func (v *vocab) nameWord(w string) bool {
	w = strings.ToLower(w)
	if _, ok := v.names[w]; ok {
		return true
	}
	for _, end := range []string{"n", "an", "ian", "i", "is", "ese", "ish", "ic", "s", "ns", "ans", "ians"} {
		if b, ok := strings.CutSuffix(w, end); ok && len(b) >= 4 {
			if _, ok := v.names[b]; ok {
				return true
			}
		}
	}
	return false
}

// genericWord reports whether w is a word most news uses, whatever it is
// about ("action", "government", "official"): it names no conflict.
func genericWord(w string) bool {
	w = strings.ToLower(w)
	return genericWords[w] || genericWords[strings.TrimSuffix(w, "s")]
}

var genericWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`action government official authority authorities minister ministry
		state country countries nation people person man woman year month week day time today yesterday
		monday tuesday wednesday thursday friday saturday sunday morning night report statement news
		press interview leader president prime deputy secretary spokesman spokeswoman spokesperson
		senior top chief head national international foreign interior federal local public political
		policy issue matter situation concern effort part side way number group member meeting
		including also said say told added called call move step plan demand need work make take
		give made taken given new old first last next many several other region area world
		according asked told reporter reporters comment comments source sources`) {
		m[w] = true
	}
	return m
}()

// spanGap is the distance between two date spans; 0 when they overlap.
func spanGap(ab, ae, bb, be time.Time) time.Duration {
	switch {
	case ae.Before(bb):
		return bb.Sub(ae)
	case be.Before(ab):
		return ab.Sub(be)
	}
	return 0
}

func unionSpan(ab, ae, bb, be time.Time) (time.Time, time.Time) {
	switch {
	case ab.IsZero():
		return bb, be
	case bb.IsZero():
		return ab, ae
	}
	if bb.Before(ab) {
		ab = bb
	}
	if be.After(ae) {
		ae = be
	}
	return ab, ae
}

// dotSorted is the dot product of two vectors sorted by id.
func dotSorted(a, b []feat) float64 {
	var dot float64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			dot += float64(a[i].w) * float64(b[j].w)
			i++
			j++
		}
	}
	return dot
}

// sharedUnits lists up to n features two sorted vectors share, by falling
// contribution to their dot product.
func sharedUnits(a, b []feat, n int, show []string) []string {
	var both []feat
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].id < b[j].id:
			i++
		case a[i].id > b[j].id:
			j++
		default:
			both = append(both, feat{a[i].id, a[i].w * b[j].w})
			i++
			j++
		}
	}
	both = topByWeight(both, n)
	slices.SortFunc(both, func(x, y feat) int {
		if x.w != y.w {
			return cmp.Compare(y.w, x.w)
		}
		return cmp.Compare(x.id, y.id)
	})
	out := make([]string, len(both))
	for i, f := range both {
		out[i] = show[f.id]
	}
	return out
}

// actorNames returns a story's unit name vector with places weighed by
// linkPlaceWeight, scaled back to unit length. Storylines follow actors: two
// stories that only share a city are two storylines (riots over a police
// shooting and a murder, both in Brooklyn), while a country that acts
// (Pakistan accusing Afghanistan) still counts for half.
func (c *Clusterer) actorNames(fs []feat) []feat {
	out := make([]feat, len(fs))
	for i, f := range fs {
		if c.vocab.isPlace(f.id) {
			f.w *= linkPlaceWeight
		}
		out[i] = f
	}
	return scaleUnit(out)
}
