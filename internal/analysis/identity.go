package analysis

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Stabilize gives the stories and storylines of g the IDs of those in
// prior that they continue, so that an ID people saved keeps naming the
// same development as news arrives and the grouping is made again:
//
//   - Each prior story continues in the new story that holds most of its
//     articles. A new story continuing several keeps the oldest one's ID
//     (the one whose first article was stored first), or the one people
//     chose when they merged; the others are recorded in g.Moved, standing
//     for it from now on. A split story's ID stays with its larger part.
//   - A new story continuing none gets a fresh ID, never one issued before.
//   - Storylines follow their stories the same way.
//
// IDs carry their kind's prefix (news.StoryPrefix, news.StorylinePrefix);
// a continued ID from before prefixes is given its prefix, and the bare
// one moves to it.
func Stabilize(g *news.Grouping, prior news.Prior, decisions []news.Decision) {
	chosen := map[news.StoryID]bool{}
	for _, d := range decisions {
		chosen[storyID(string(d.Story))] = true
		if d.Kind == "split" {
			chosen[storyID(string(SplitStoryID(d)))] = true
		}
	}
	ids := newIssuer(prior.Issued)
	stories := stabilizeStories(g, prior, chosen, ids)
	stabilizeStorylines(g, prior, stories, ids)
}

// storyID returns id with the story prefix.
func storyID(id string) news.StoryID {
	if strings.HasPrefix(id, news.StoryPrefix) {
		return news.StoryID(id)
	}
	return news.StoryID(news.StoryPrefix + id)
}

// storylineID returns a storyline ID made from id, a storyline's own or
// its first story's.
func storylineID(id string) news.StorylineID {
	if strings.HasPrefix(id, news.StorylinePrefix) {
		return news.StorylineID(id)
	}
	return news.StorylineID(news.StorylinePrefix + strings.TrimPrefix(id, news.StoryPrefix))
}

// issuer hands out IDs never issued before.
type issuer struct{ issued map[string]bool }

func newIssuer(prior map[string]bool) *issuer {
	m := make(map[string]bool, len(prior))
	for id := range prior {
		m[id] = true
	}
	return &issuer{m}
}

// take marks id issued.
func (is *issuer) take(id string) { is.issued[id] = true }

// fresh returns id, or id with a number after it, whichever was never
// issued, and marks it issued.
func (is *issuer) fresh(id string) string {
	out := id
	for k := 2; is.issued[out]; k++ {
		out = id + "-" + strconv.Itoa(k)
	}
	is.issued[out] = true
	return out
}

// continuation says which new group each prior group continues in: the
// one holding most of its members.
type continuation[P, N comparable] struct {
	counts map[P]map[N]int
}

func (c *continuation[P, N]) add(p P, n N) {
	if c.counts == nil {
		c.counts = map[P]map[N]int{}
	}
	if c.counts[p] == nil {
		c.counts[p] = map[N]int{}
	}
	c.counts[p][n]++
}

// heirs returns, for each new group, the prior groups that continue in it.
// Ties go to the larger new group, then the smaller ID, so that the
// result does not depend on map order.
func (c *continuation[P, N]) heirs(size func(N) int, less func(a, b N) bool) map[N][]P {
	out := map[N][]P{}
	for p, ns := range c.counts {
		var best N
		bestN, found := 0, false
		for n, k := range ns {
			if !found || k > bestN || (k == bestN && (size(n) > size(best) || (size(n) == size(best) && less(n, best)))) {
				best, bestN, found = n, k, true
			}
		}
		out[best] = append(out[best], p)
	}
	return out
}

// stabilizeStories renames g's stories and returns each prior story's new
// ID.
func stabilizeStories(g *news.Grouping, prior news.Prior, chosen map[news.StoryID]bool, ids *issuer) map[news.StoryID]news.StoryID {
	size := map[news.StoryID]int{}
	var cont continuation[news.StoryID, news.StoryID]
	for _, a := range g.Assignments {
		size[a.Story]++
		if old, ok := prior.StoryOf[a.Article]; ok {
			cont.add(old, a.Story)
		}
	}
	heirs := cont.heirs(func(s news.StoryID) int { return size[s] }, func(a, b news.StoryID) bool { return a < b })
	older := func(a, b news.StoryID) int {
		return cmp.Or(cmp.Compare(ageOf(prior.StoryAge, a), ageOf(prior.StoryAge, b)), cmp.Compare(a, b))
	}
	rename := map[news.StoryID]news.StoryID{}
	moved := map[news.StoryID]news.StoryID{} // prior story to its new ID
	order := make([]news.StoryID, 0, len(g.Stories))
	for _, s := range g.Stories {
		order = append(order, s.ID)
	}
	// People's choices first: a story pinned to an ID by a decision (the
	// story kept in a merge, either part of a split) keeps that ID, and
	// the prior story of that ID continues in it.
	consumed := map[news.StoryID]bool{}
	priorByID := map[news.StoryID]news.StoryID{}
	for o := range prior.StoryAge {
		priorByID[storyID(string(o))] = o
	}
	for _, s := range order {
		if own := storyID(string(s)); chosen[own] {
			rename[s] = own
			ids.take(string(own))
			if o, ok := priorByID[own]; ok {
				consumed[o], moved[o] = true, own
			}
		}
	}
	// Continued stories next, so that a fresh ID never takes one a
	// continued story is about to keep.
	for _, s := range order {
		olds := slices.DeleteFunc(heirs[s], func(o news.StoryID) bool { return consumed[o] })
		if id, ok := rename[s]; ok {
			for _, o := range olds {
				moved[o] = id
			}
			continue
		}
		if len(olds) == 0 {
			continue
		}
		slices.SortFunc(olds, older)
		id := keepID(olds, storyID, ids)
		rename[s] = id
		for _, o := range olds {
			moved[o] = id
		}
	}
	for _, s := range order {
		if _, ok := rename[s]; !ok {
			rename[s] = news.StoryID(ids.fresh(string(storyID(string(s)))))
		}
	}
	for o, id := range moved {
		if o != id {
			g.Moved = append(g.Moved, news.Moved{Kind: news.KindStory, From: string(o), To: string(id)})
		}
	}
	applyStoryIDs(g, rename)
	return moved
}

// keepID returns the ID that a new story or storyline continuing olds,
// oldest first, keeps: the oldest one's, with its kind's prefix, unless
// that prefixed form was issued to another, when a fresh one.
func keepID[ID ~string](olds []ID, prefixed func(string) ID, ids *issuer) ID {
	id := prefixed(string(olds[0]))
	if id != olds[0] && ids.issued[string(id)] && !slices.Contains(olds, id) {
		return ID(ids.fresh(string(id)))
	}
	ids.take(string(id))
	return id
}

func ageOf[K comparable](age map[K]int64, k K) int64 {
	if a, ok := age[k]; ok {
		return a
	}
	return 1 << 62
}

// applyStoryIDs renames the stories of g everywhere g names them.
func applyStoryIDs(g *news.Grouping, rename map[news.StoryID]news.StoryID) {
	for i := range g.Stories {
		g.Stories[i].ID = rename[g.Stories[i].ID]
	}
	for i := range g.Assignments {
		g.Assignments[i].Story = rename[g.Assignments[i].Story]
	}
	for i := range g.Storylines {
		l := &g.Storylines[i]
		for j, s := range l.Stories {
			l.Stories[j] = rename[s]
		}
		for j := range l.Links {
			l.Links[j].From, l.Links[j].To = rename[l.Links[j].From], rename[l.Links[j].To]
		}
	}
}

// stabilizeStorylines renames g's storylines after the prior storylines
// their stories were in; moved gives each prior story's new ID.
func stabilizeStorylines(g *news.Grouping, prior news.Prior, moved map[news.StoryID]news.StoryID, ids *issuer) {
	lineOf := map[news.StoryID]news.StorylineID{}
	size := map[news.StorylineID]int{}
	for _, l := range g.Storylines {
		size[l.ID] = len(l.Stories)
		for _, s := range l.Stories {
			lineOf[s] = l.ID
		}
	}
	var cont continuation[news.StorylineID, news.StorylineID]
	age := map[news.StorylineID]int64{}
	for old, line := range prior.StorylineOf {
		if line == "" {
			continue
		}
		if a := ageOf(prior.StoryAge, old); a < ageOf(age, line) {
			age[line] = a
		}
		if nl, ok := lineOf[moved[old]]; ok {
			cont.add(line, nl)
		}
	}
	heirs := cont.heirs(func(l news.StorylineID) int { return size[l] }, func(a, b news.StorylineID) bool { return a < b })
	rename := map[news.StorylineID]news.StorylineID{}
	for _, l := range g.Storylines {
		olds := heirs[l.ID]
		if len(olds) == 0 {
			continue
		}
		slices.SortFunc(olds, func(a, b news.StorylineID) int {
			return cmp.Or(cmp.Compare(ageOf(age, a), ageOf(age, b)), cmp.Compare(a, b))
		})
		id := keepID(olds, storylineID, ids)
		rename[l.ID] = id
		for _, o := range olds {
			if o != id {
				g.Moved = append(g.Moved, news.Moved{Kind: news.KindStoryline, From: string(o), To: string(id)})
			}
		}
	}
	for _, l := range g.Storylines {
		if _, ok := rename[l.ID]; !ok {
			rename[l.ID] = news.StorylineID(ids.fresh(string(storylineID(string(l.ID)))))
		}
	}
	for i := range g.Storylines {
		g.Storylines[i].ID = rename[g.Storylines[i].ID]
	}
	for i := range g.Stories {
		if l := g.Stories[i].Storyline; l != "" {
			g.Stories[i].Storyline = rename[l]
		}
	}
	slices.SortFunc(g.Moved, func(a, b news.Moved) int {
		return cmp.Or(cmp.Compare(a.Kind, b.Kind), cmp.Compare(a.From, b.From))
	})
}
