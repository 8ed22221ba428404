package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// refineRounds bounds the split, reassign and merge rounds of Refine: on
// ECB+ a third round changes nothing, and each costs a pass over all
// articles.
const refineRounds = 2

// moveMargin is how much better another story must score before Refine
// moves an article there: it keeps articles from flapping between two
// close stories.
const moveMargin = 0.02

// Refine revisits the online decisions once the term statistics of all
// articles are known, and returns one assignment for every article whose
// story changed.
//
// It clusters the articles again in a fixed order (dated ones by date, then
// undated ones, ties by ID) with the current statistics, then repeats until
// nothing changes: split every story whose two halves (by 2-means) would not
// merge back, move every article to the story it fits best, and merge
// stories by average linkage (see Options.Linkage and Options.Cohesion).
// The result depends on the set of articles, not on the order they came
// in. Stories keep the IDs of the stories they take most articles from.
// Pinned articles stay in their stories, which are never split or merged
// automatically (see Pin); copies stay with their originals.
//
// Its cost is about that of adding every article again: call it at the end
// of an ingest run, not after every article.
func (c *Clusterer) Refine() []news.Assignment {
	before := make([]news.StoryID, len(c.docs))
	for di := range c.docs {
		before[di] = c.stories[c.docs[di].story].id
	}
	c.units = nil
	units := make([]vec, len(c.docs))
	for di := range c.docs {
		units[di] = c.unit(int32(di))
	}
	c.units = units
	defer func() { c.units = nil }()
	c.recluster()
	why := make(map[int32]string)
	for range refineRounds {
		n := c.splitAll(why)
		n += c.reassign(why)
		n += c.mergeAll(why)
		if n == 0 {
			break
		}
	}
	c.rename(before)
	c.changed = true
	var out []news.Assignment
	for di := range c.docs {
		d := &c.docs[di]
		s := &c.stories[d.story]
		if s.id == before[di] {
			continue
		}
		a := news.Assignment{Article: d.id, Story: s.id, Reason: why[int32(di)]}
		if d.copyOf < 0 && s.counted > 1 {
			u := c.unit(int32(di))
			m := c.score(u, at(d.published, d.reported), s, true)
			b := c.explain(int32(di), d.story, m)
			a.Score, a.SharedTerms, a.SharedEntities, a.DateGap = b.Score, b.SharedTerms, b.SharedEntities, b.DateGap
			if a.Reason == "" {
				a.Reason = fmt.Sprintf("refined: moved from %s; score %.2f (%s)", before[di], m.score, m.describe())
			}
		}
		if a.Reason == "" {
			a.Reason = fmt.Sprintf("refined: moved from %s", before[di])
		}
		out = append(out, a)
	}
	return out
}

// recluster assigns every article again, in a fixed order, under the
// current statistics: pinned articles first, then the others.
func (c *Clusterer) recluster() {
	c.stories = c.stories[:0]
	c.storyOf = make(map[news.StoryID]int32)
	c.termPost = make(map[uint32][]int32)
	c.namePost = make(map[uint32][]int32)
	order := make([]int32, 0, len(c.docs))
	for di := range c.docs {
		order = append(order, int32(di))
	}
	slices.SortFunc(order, func(a, b int32) int {
		da, db := &c.docs[a], &c.docs[b]
		switch {
		case da.published.IsZero() != db.published.IsZero():
			if da.published.IsZero() {
				return 1
			}
			return -1
		case !da.published.Equal(db.published):
			return da.published.Compare(db.published)
		}
		return cmp.Compare(da.id, db.id)
	})
	// Pinned articles, then articles, then copies.
	for _, di := range order {
		if pin, ok := c.pins[c.docs[di].id]; ok {
			si, ok := c.storyOf[pin]
			if !ok {
				si = c.newStory(pin)
				c.stories[si].pinned = true
			}
			c.join(si, di, c.docs[di].copyOf < 0)
		}
	}
	for _, di := range order {
		d := &c.docs[di]
		if d.copyOf >= 0 || c.isPinned(d.id) {
			continue
		}
		u := c.unit(di)
		best, m := c.best(u, at(d.published, d.reported), -1)
		if best < 0 || m.score < c.opts.Threshold {
			best = c.newStory(news.StoryID(d.id))
		}
		c.join(best, di, true)
	}
	for _, di := range order {
		d := &c.docs[di]
		if d.copyOf >= 0 && !c.isPinned(d.id) {
			c.join(c.docs[d.copyOf].story, di, false)
		}
	}
}

// rename gives the stories made by Refine the IDs of the stories they took
// the most articles from (before holds each article's earlier story), the
// larger overlaps first; the others are named after their first article.
func (c *Clusterer) rename(before []news.StoryID) {
	type overlap struct {
		si    int32
		old   news.StoryID
		count int
	}
	var ovs []overlap
	used := make(map[news.StoryID]bool)
	named := make(map[int32]bool)
	for si := range c.stories {
		s := &c.stories[si]
		if s.dead {
			continue
		}
		if s.pinned {
			used[s.id] = true
			named[int32(si)] = true
			continue
		}
		counts := make(map[news.StoryID]int)
		for _, di := range s.docs {
			counts[before[di]]++
		}
		for old, n := range counts {
			ovs = append(ovs, overlap{int32(si), old, n})
		}
	}
	slices.SortFunc(ovs, func(a, b overlap) int {
		if a.count != b.count {
			return b.count - a.count
		}
		if x := cmp.Compare(a.old, b.old); x != 0 {
			return x
		}
		return cmp.Compare(c.stories[a.si].id, c.stories[b.si].id)
	})
	ids := make(map[int32]news.StoryID)
	for _, o := range ovs {
		if named[o.si] || used[o.old] {
			continue
		}
		ids[o.si], named[o.si], used[o.old] = o.old, true, true
	}
	for si := range c.stories {
		s := &c.stories[si]
		if s.dead || named[int32(si)] {
			continue
		}
		first := s.docs[0]
		for _, di := range s.docs {
			if c.docs[di].id < c.docs[first].id {
				first = di
			}
		}
		id := news.StoryID(c.docs[first].id)
		for k := 2; used[id]; k++ {
			id = news.StoryID(fmt.Sprintf("%s-%d", c.docs[first].id, k))
		}
		ids[int32(si)], used[id] = id, true
	}
	c.storyOf = make(map[news.StoryID]int32, len(c.stories))
	for si := range c.stories {
		s := &c.stories[si]
		if id, ok := ids[int32(si)]; ok {
			s.id = id
		}
		if !s.dead {
			c.storyOf[s.id] = int32(si)
		}
	}
}

// reassign moves articles to the story they fit best and returns how many
// moved.
func (c *Clusterer) reassign(why map[int32]string) int {
	order := make([]int32, 0, len(c.docs))
	for di := range c.docs {
		d := &c.docs[di]
		if d.copyOf >= 0 || c.isPinned(d.id) {
			continue
		}
		order = append(order, int32(di))
	}
	slices.SortFunc(order, func(a, b int32) int { return cmp.Compare(c.docs[a].id, c.docs[b].id) })
	moved := 0
	for _, di := range order {
		d := &c.docs[di]
		own := d.story
		u := c.unit(di)
		var stay match
		if len(c.stories[own].docs) > 1 {
			stay = c.score(u, at(d.published, d.reported), &c.stories[own], true)
		}
		best, m := c.best(u, at(d.published, d.reported), own)
		if best < 0 || m.score < c.opts.Threshold || m.score <= stay.score+moveMargin {
			continue
		}
		why[di] = fmt.Sprintf("refined: moved from %s (score %.2f) to %s: score %.2f (%s)",
			c.stories[own].id, stay.score, c.stories[best].id, m.score, m.describe())
		c.move(di, best, u)
		moved++
	}
	return moved
}

func (c *Clusterer) isPinned(id news.ArticleID) bool {
	_, ok := c.pins[id]
	return ok
}

// move moves article di (with unit vector u) and its copies to story to.
func (c *Clusterer) move(di, to int32, u vec) {
	from := c.docs[di].story
	c.leave(from, di)
	fs := &c.stories[from]
	c.removeVec(fs, u)
	c.join(to, di, true)
	for _, cp := range c.copies[di] {
		if c.docs[cp].story == from && !c.isPinned(c.docs[cp].id) {
			c.leave(from, cp)
			c.join(to, cp, false)
		}
	}
	if len(fs.docs) == 0 && !fs.pinned {
		fs.dead = true
	}
}

// leave takes article di out of story si's member list and date span; the
// caller updates the centroid.
func (c *Clusterer) leave(si, di int32) {
	s := &c.stories[si]
	if k := slices.Index(s.docs, di); k >= 0 {
		s.docs = slices.Delete(s.docs, k, k+1)
	}
	s.whole = false
	s.begin, s.end = time.Time{}, time.Time{}
	for _, m := range s.docs {
		t := c.docs[m].published
		if t.IsZero() {
			continue
		}
		if s.begin.IsZero() || t.Before(s.begin) {
			s.begin = t
		}
		if t.After(s.end) {
			s.end = t
		}
	}
}

// mergeAll merges pairs of stories by average linkage, the closest first,
// and returns how many merges it made. Two stories merge when the mean
// similarity of their members across the pair reaches Options.Linkage and,
// when both have several members, a share Options.Cohesion of their mean
// similarity within: halves of one story are as close across as within,
// while two similar events (two earthquakes) are clearly closer within.
func (c *Clusterer) mergeAll(why map[int32]string) int {
	type pair struct {
		a, b  int32
		score float64
	}
	var pairs []pair
	seen := make(map[[2]int32]bool)
	for si := range c.stories {
		s := &c.stories[si]
		if s.dead || len(s.docs) == 0 {
			continue
		}
		u := vec{terms: s.terms.unit(), names: s.names.unit()}
		for _, ti := range c.candidates(u, at(s.begin, nil), int32(si)) {
			key := [2]int32{min(int32(si), ti), max(int32(si), ti)}
			if seen[key] {
				continue
			}
			seen[key] = true
			if l, ok := c.linkage(s, &c.stories[ti]); ok {
				pairs = append(pairs, pair{int32(si), ti, l.score})
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		if x.score != y.score {
			return cmp.Compare(y.score, x.score)
		}
		if x := cmp.Compare(c.stories[x.a].id, c.stories[y.a].id); x != 0 {
			return x
		}
		return cmp.Compare(c.stories[x.b].id, c.stories[y.b].id)
	})
	merged := 0
	for _, p := range pairs {
		a, b := &c.stories[p.a], &c.stories[p.b]
		if a.dead || b.dead || a.pinned && b.pinned {
			continue
		}
		// Re-check: earlier merges may have changed either side.
		l, ok := c.linkage(a, b)
		if !ok {
			continue
		}
		keep, gone := p.a, p.b
		if survives(b, a) {
			keep, gone = p.b, p.a
		}
		reason := fmt.Sprintf("refined: story %s merged into %s: %s",
			c.stories[gone].id, c.stories[keep].id, l.describe())
		for _, di := range c.stories[gone].docs {
			why[di] = reason
		}
		c.absorb(keep, gone)
		merged++
	}
	return merged
}

// link is the average linkage of two stories.
type link struct {
	score  float64 // mean similarity across, decayed by the date gap
	within float64 // geometric mean of the mean similarities within; 0 when unknown
	gap    time.Duration
	dated  bool
}

func (l link) describe() string {
	s := fmt.Sprintf("mean similarity across %.2f", l.score)
	if l.within > 0 {
		s += fmt.Sprintf(", within %.2f", l.within)
	}
	if l.dated {
		s += fmt.Sprintf(", %s apart", fmtGap(l.gap))
	}
	return s
}

// linkage measures two stories by average linkage and says whether they
// should merge.
func (c *Clusterer) linkage(a, b *story) (link, bool) {
	var l link
	if a.counted == 0 || b.counted == 0 {
		return l, false
	}
	l.score = c.across(a, b)
	if !a.begin.IsZero() && !b.begin.IsZero() {
		l.dated = true
		l.gap = spanGap(a.begin, a.end, b.begin, b.end)
	}
	if l.score < c.opts.Linkage {
		return l, false
	}
	ca, okA := c.cohesion(a)
	cb, okB := c.cohesion(b)
	if okA && okB {
		l.within = math.Sqrt(ca * cb)
		coh := c.opts.Cohesion
		if l.dated && l.gap <= c.opts.Grace {
			coh *= sameDaysCohesion
		}
		if l.score < coh*l.within {
			return l, false
		}
	}
	return l, true
}

// across is the mean similarity of two stories' members across the pair,
// decayed by the gap between their dates past Options.Grace; 0 when
// either counts no member.
func (c *Clusterer) across(a, b *story) float64 {
	if a.counted == 0 || b.counted == 0 {
		return 0
	}
	w := c.opts.NameWeight
	score := ((1-w)*a.terms.dotCentroid(b.terms) + w*a.names.dotCentroid(b.names)) / float64(a.counted) / float64(b.counted)
	if !a.begin.IsZero() && !b.begin.IsZero() {
		if gap := spanGap(a.begin, a.end, b.begin, b.end); gap > c.opts.Grace {
			score *= math.Exp2(-float64(gap-c.opts.Grace) / float64(c.opts.HalfLife))
		}
	}
	return score
}

// cohesion is the mean similarity of the pairs of a story's members.
func (c *Clusterer) cohesion(s *story) (float64, bool) {
	if s.counted == 0 {
		return 0, false
	}
	w := c.opts.NameWeight
	pairs := float64(s.counted) * float64(s.counted-1) / 2
	return ((1-w)*s.pairTerms + w*s.pairNames + priorPairs*priorCohesion) / (pairs + priorPairs), true
}

// The mean similarity within a story is estimated as if priorPairs pairs of
// similarity priorCohesion had been seen besides its own, so that two
// near-identical articles do not look like a story of their own, and a
// single article looks like a typical story.
const priorPairs, priorCohesion = 3.0, 0.3

// Two stories dated within Options.Grace of each other need only this
// share of Options.Cohesion to merge (and a story's halves must be that
// much farther apart to split): two reports about the same people on the
// same days are likelier one development, told from two angles, than two
// developments of one kind.
const sameDaysCohesion = 0.8

// survives reports whether story a keeps its ID when merged with b: a
// pinned story does, then the larger, then the smaller ID.
func survives(a, b *story) bool {
	if a.pinned != b.pinned {
		return a.pinned
	}
	if len(a.docs) != len(b.docs) {
		return len(a.docs) > len(b.docs)
	}
	return a.id < b.id
}

// absorb moves every member of story gone into story keep and retires gone.
func (c *Clusterer) absorb(keep, gone int32) {
	k, g := &c.stories[keep], &c.stories[gone]
	for _, di := range g.docs {
		c.docs[di].story = keep
	}
	k.docs = append(k.docs, g.docs...)
	k.whole = false
	k.pairTerms += g.pairTerms + k.terms.dotCentroid(g.terms)
	k.pairNames += g.pairNames + k.names.dotCentroid(g.names)
	k.counted += g.counted
	k.terms.addCentroid(g.terms)
	k.names.addCentroid(g.names)
	k.begin, k.end = unionSpan(k.begin, k.end, g.begin, g.end)
	k.pinned = k.pinned || g.pinned
	for key := range g.keys {
		if _, ok := k.keys[key]; ok || len(k.keys) >= maxStoryKeys {
			continue
		}
		k.keys[key] = struct{}{}
		post := c.termPost
		if key>>32 == 1 {
			post = c.namePost
		}
		id := uint32(key)
		post[id] = append(post[id], keep)
	}
	g.docs, g.dead, g.keys = nil, true, nil
	g.terms, g.names = centroid{}, centroid{}
}

// splitAll splits every story whose two best halves would not merge back
// (see linkage) and returns how many it split.
func (c *Clusterer) splitAll(why map[int32]string) int {
	split := 0
	for si := 0; si < len(c.stories); si++ {
		s := &c.stories[si]
		if s.dead || s.pinned || s.counted < 4 || s.whole {
			continue
		}
		a, b, l, ok := c.bisect(int32(si))
		if !ok {
			// Its members, and so the answer, stay until one comes or goes.
			c.stories[si].whole = true
			continue
		}
		ti := c.divide(int32(si), a, b)
		reason := fmt.Sprintf("refined: split from %s, its halves being too far apart (%s)", c.stories[si].id, l.describe())
		for _, di := range c.stories[ti].docs {
			why[di] = reason
		}
		split++
	}
	return split
}

// bisect divides the counted members of story si in two by 2-means over
// their unit vectors and reports whether the halves would stay apart.
func (c *Clusterer) bisect(si int32) (a, b []int32, l link, apart bool) {
	s := &c.stories[si]
	var members []int32
	for _, di := range s.docs {
		if c.docs[di].copyOf < 0 {
			members = append(members, di)
		}
	}
	slices.SortFunc(members, func(x, y int32) int { return cmp.Compare(c.docs[x].id, c.docs[y].id) })
	units := make([]vec, len(members))
	for i, di := range members {
		units[i] = c.unit(di)
	}
	// Seeds: the member farthest from the centroid, then the member
	// farthest from it.
	w := c.opts.NameWeight
	sim := func(x, y vec) float64 {
		return (1-w)*dotSorted(x.terms, y.terms) + w*dotSorted(x.names, y.names)
	}
	first, low := 0, math.Inf(1)
	for i, u := range units {
		if sc := c.score(u, when{}, s, true).score; sc < low {
			first, low = i, sc
		}
	}
	second, low := -1, math.Inf(1)
	for i, u := range units {
		if i == first {
			continue
		}
		if sc := sim(units[first], u); sc < low {
			second, low = i, sc
		}
	}
	side := make([]bool, len(units)) // true: with the first seed
	side[first] = true
	var half [2]story
	for iter := 0; iter < 8; iter++ {
		for k := range half {
			half[k] = story{terms: newCentroid(), names: newCentroid()}
		}
		if iter == 0 {
			c.addVec(&half[0], units[first])
			c.addVec(&half[1], units[second])
		} else {
			for i, u := range units {
				k := 1
				if side[i] {
					k = 0
				}
				c.addVec(&half[k], u)
			}
		}
		moved := false
		for i, u := range units {
			in0 := side[i] && iter > 0
			in1 := !side[i] && iter > 0
			s0 := c.score(u, when{}, &half[0], in0 && half[0].counted > 1).score
			s1 := c.score(u, when{}, &half[1], in1 && half[1].counted > 1).score
			if in0 && half[0].counted == 1 || in1 && half[1].counted == 1 {
				continue // a seed alone keeps its side
			}
			now := s0 >= s1
			if now != side[i] || iter == 0 {
				moved = moved || now != side[i]
				side[i] = now
			}
		}
		if !moved && iter > 0 {
			break
		}
	}
	for i, di := range members {
		if side[i] {
			a = append(a, di)
		} else {
			b = append(b, di)
		}
	}
	if len(a) == 0 || len(b) == 0 {
		return nil, nil, l, false
	}
	ha, hb := c.sums(a), c.sums(b)
	l, merge := c.linkage(&ha, &hb)
	return a, b, l, !merge
}

// sums returns a story holding the given members' sums and dates, outside
// the index.
func (c *Clusterer) sums(members []int32) story {
	s := story{terms: newCentroid(), names: newCentroid()}
	for _, di := range members {
		c.addVec(&s, c.unit(di))
		if t := c.docs[di].published; !t.IsZero() {
			s.begin, s.end = unionSpan(s.begin, s.end, t, t)
		}
	}
	return s
}

// divide keeps half a of story si's counted members (with the members
// that copy them) in si and moves half b into a new story, which it returns.
// The half holding the story's first article keeps the ID.
func (c *Clusterer) divide(si int32, a, b []int32) int32 {
	if slices.Contains(b, c.byID[news.ArticleID(c.stories[si].id)]) {
		a, b = b, a
	}
	inB := make(map[int32]bool, len(b))
	for _, di := range b {
		inB[di] = true
	}
	for _, di := range c.stories[si].docs {
		if o := c.docs[di].copyOf; o >= 0 && inB[o] {
			inB[di] = true
		}
	}
	first := b[0]
	for _, di := range b {
		if c.docs[di].id < c.docs[first].id {
			first = di
		}
	}
	ti := c.newStory(news.StoryID(c.docs[first].id))
	s := &c.stories[si]
	var keep []int32
	for _, di := range s.docs {
		if !inB[di] {
			keep = append(keep, di)
		}
	}
	moved := make([]int32, 0, len(inB))
	for _, di := range s.docs {
		if inB[di] {
			moved = append(moved, di)
		}
	}
	c.refill(si, keep)
	c.refill(ti, moved)
	return ti
}

// refill makes members the members of story si, rebuilding its sums,
// dates and index entries.
func (c *Clusterer) refill(si int32, members []int32) {
	s := &c.stories[si]
	s.docs, s.whole = nil, false
	s.terms, s.names = newCentroid(), newCentroid()
	s.counted, s.pairTerms, s.pairNames = 0, 0, 0
	s.begin, s.end = time.Time{}, time.Time{}
	for _, di := range members {
		c.join(si, di, c.docs[di].copyOf < 0)
	}
}
