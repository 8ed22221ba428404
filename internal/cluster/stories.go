package cluster

import (
	"cmp"
	"math"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// StoryOf returns the story an article is in.
func (c *Clusterer) StoryOf(id news.ArticleID) (news.StoryID, bool) {
	di, ok := c.byID[id]
	if !ok {
		return "", false
	}
	return c.stories[c.docs[di].story].id, true
}

// Len returns the number of articles added.
func (c *Clusterer) Len() int { return len(c.docs) }

// Stories returns the current stories, earliest first (undated ones last,
// by ID), each with its most central article first and titled after it.
// Storyline is set from Storylines.
func (c *Clusterer) Stories() []news.Story {
	c.link()
	out := make([]news.Story, 0, len(c.stories))
	for si := range c.stories {
		s := &c.stories[si]
		if s.dead || len(s.docs) == 0 {
			continue
		}
		out = append(out, c.storyOut(int32(si)))
	}
	slices.SortFunc(out, compareStories)
	return out
}

func compareStories(a, b news.Story) int {
	switch {
	case a.Begin.IsZero() != b.Begin.IsZero():
		if a.Begin.IsZero() {
			return 1
		}
		return -1
	case !a.Begin.Equal(b.Begin):
		return a.Begin.Compare(b.Begin)
	}
	return cmp.Compare(a.ID, b.ID)
}

func (c *Clusterer) storyOut(si int32) news.Story {
	s := &c.stories[si]
	central := c.central(si)
	arts := make([]news.ArticleID, 0, len(s.docs))
	arts = append(arts, c.docs[central].id)
	rest := make([]int32, 0, len(s.docs))
	for _, di := range s.docs {
		if di != central {
			rest = append(rest, di)
		}
	}
	slices.SortFunc(rest, func(a, b int32) int {
		da, db := &c.docs[a], &c.docs[b]
		if x := da.published.Compare(db.published); x != 0 {
			return x
		}
		return cmp.Compare(da.id, db.id)
	})
	for _, di := range rest {
		arts = append(arts, c.docs[di].id)
	}
	return news.Story{
		ID:        s.id,
		Title:     c.headline(si, central),
		Articles:  arts,
		Begin:     s.begin,
		End:       s.end,
		Storyline: c.lineOf[s.id],
		Keys:      c.storyKeys(si),
		Centroid:  c.centroidState(si),
	}
}

// central returns the member closest to the story's centroid, preferring
// members with a headline of their own (see isHeadline).
func (c *Clusterer) central(si int32) int32 {
	s := &c.stories[si]
	best, bestScore := s.docs[0], -1.0
	for _, di := range s.docs {
		d := &c.docs[di]
		if d.copyOf >= 0 && len(s.docs) > 1 {
			continue
		}
		u := c.unit(di)
		sc := s.terms.cosine(u.terms, false)
		if !d.headline {
			sc -= 1
		}
		if sc > bestScore || (sc == bestScore && d.id < c.docs[best].id) {
			best, bestScore = di, sc
		}
	}
	return best
}

// headline returns the story's title: the best ranked headline among its
// members (see headRank), the central member's when it ranks best, else
// that of the member closest to the centroid, originals before copies.
func (c *Clusterer) headline(si, central int32) string {
	s := &c.stories[si]
	best := central
	for _, di := range s.docs {
		if c.docs[di].rank < c.docs[best].rank {
			best = di
		}
	}
	if best == central {
		return c.docs[central].head
	}
	rank := c.docs[best].rank
	bestScore := math.Inf(-1)
	for _, di := range s.docs {
		d := &c.docs[di]
		if d.rank != rank {
			continue
		}
		sc := s.terms.cosine(c.unit(di).terms, false)
		if d.copyOf >= 0 {
			sc -= 2
		}
		if sc > bestScore || (sc == bestScore && d.id < c.docs[best].id) {
			best, bestScore = di, sc
		}
	}
	return c.docs[best].head
}

// isHeadline reports whether a title says something: it is not empty, and
// not only a date or a time (the dateline some pages and feeds give as
// their title: "THURSDAY, JUNE 30, 2005", "27 November, 2005 10:42 GMT").
func isHeadline(title string) bool {
	for _, w := range strings.FieldsFunc(title, func(r rune) bool { return !unicode.IsLetter(r) }) {
		if !dateWords[strings.ToLower(w)] {
			return true
		}
	}
	return false
}

// dateWords are the English words a bare dateline is made of.
var dateWords = func() map[string]bool {
	m := map[string]bool{
		"am": true, "pm": true, "gmt": true, "utc": true, "est": true, "edt": true, "pst": true, "pdt": true,
		"st": true, "nd": true, "rd": true, "th": true, "of": true, "updated": true, "posted": true, "published": true,
	}
	for i := time.January; i <= time.December; i++ {
		m[strings.ToLower(i.String())] = true
		m[strings.ToLower(i.String()[:3])] = true
	}
	m["sept"] = true
	for d := time.Sunday; d <= time.Saturday; d++ {
		m[strings.ToLower(d.String())] = true
		m[strings.ToLower(d.String()[:3])] = true
	}
	return m
}()
