package cluster

import (
	"fmt"
	"maps"
	"slices"

	"github.com/storyline-news/storyline/internal/news"
)

// Constraints are the decisions people made about stories, as pins: each
// pinned article stays in the story it is pinned to, whatever Add and
// Refine find later. A story holding pinned articles is never split, and two
// stories holding articles pinned to different stories are never merged;
// new articles may still join them.
//
// Split, Merge and Move record pins. The caller stores Constraints (it is
// plain data, JSON-ready) after each of them and gives it back with
// SetConstraints when it builds a Clusterer again, before adding articles.
type Constraints struct {
	Pins map[news.ArticleID]news.StoryID `json:"pins"`
}

// Constraints returns a copy of the pins.
func (c *Clusterer) Constraints() Constraints {
	return Constraints{Pins: maps.Clone(c.pins)}
}

// SetConstraints replaces the pins. Articles already added move to the
// stories they are pinned to; articles added later go there directly.
func (c *Clusterer) SetConstraints(k Constraints) {
	c.pins = maps.Clone(k.Pins)
	if c.pins == nil {
		c.pins = make(map[news.ArticleID]news.StoryID)
	}
	for si := range c.stories {
		c.stories[si].pinned = false
	}
	ids := slices.Sorted(maps.Keys(c.pins))
	for _, id := range ids {
		di, ok := c.byID[id]
		if !ok {
			continue
		}
		c.relocate(di, c.storyFor(c.pins[id]))
	}
	c.changed = true
}

// storyFor returns the live story with the given ID, creating it, and
// marks it pinned.
func (c *Clusterer) storyFor(id news.StoryID) int32 {
	si, ok := c.storyOf[id]
	if !ok || c.stories[si].dead {
		si = c.newStory(id)
	}
	c.stories[si].pinned = true
	return si
}

// Split moves the given articles of a story, with their copies, into a new
// story, and pins every article of both. It returns the new story's ID.
func (c *Clusterer) Split(story news.StoryID, articles []news.ArticleID) (news.StoryID, error) {
	si, err := c.live(story)
	if err != nil {
		return "", fmt.Errorf("split story %s: %w", story, err)
	}
	move := make(map[int32]bool)
	for _, id := range articles {
		di, ok := c.byID[id]
		if !ok || c.docs[di].story != si {
			return "", fmt.Errorf("split story %s: article %s is not in it: %w", story, id, news.ErrInvalid)
		}
		move[di] = true
	}
	for _, di := range c.stories[si].docs {
		if o := c.docs[di].copyOf; o >= 0 && move[o] {
			move[di] = true
		}
	}
	if len(move) == 0 || len(move) == len(c.stories[si].docs) {
		return "", fmt.Errorf("split story %s: both parts need articles: %w", story, news.ErrInvalid)
	}
	moved := slices.Sorted(maps.Keys(move))
	first := moved[0]
	for _, di := range moved {
		if c.docs[di].id < c.docs[first].id {
			first = di
		}
	}
	ti := c.newStory(news.StoryID(c.docs[first].id))
	c.stories[ti].pinned = true
	c.stories[si].pinned = true
	for _, di := range moved {
		c.relocate(di, ti)
		c.pins[c.docs[di].id] = c.stories[ti].id
	}
	for _, di := range c.stories[si].docs {
		c.pins[c.docs[di].id] = story
	}
	c.changed = true
	return c.stories[ti].id, nil
}

// Merge moves every article of story b into story a and pins them all to a.
func (c *Clusterer) Merge(a, b news.StoryID) error {
	ai, err := c.live(a)
	if err != nil {
		return fmt.Errorf("merge story %s into %s: %w", b, a, err)
	}
	bi, err := c.live(b)
	if err != nil {
		return fmt.Errorf("merge story %s into %s: %w", b, a, err)
	}
	if ai == bi {
		return fmt.Errorf("merge story %s into itself: %w", a, news.ErrInvalid)
	}
	c.absorb(ai, bi)
	c.stories[ai].pinned = true
	for id, pin := range c.pins {
		if pin == b {
			c.pins[id] = a
		}
	}
	for _, di := range c.stories[ai].docs {
		c.pins[c.docs[di].id] = a
	}
	c.changed = true
	return nil
}

// Move puts an article (with its copies) into another story and pins it
// there.
func (c *Clusterer) Move(article news.ArticleID, story news.StoryID) error {
	di, ok := c.byID[article]
	if !ok {
		return fmt.Errorf("move article %s: %w", article, news.ErrNotFound)
	}
	si, err := c.live(story)
	if err != nil {
		return fmt.Errorf("move article %s to story %s: %w", article, story, err)
	}
	c.stories[si].pinned = true
	c.relocate(di, si)
	c.pins[article] = story
	c.changed = true
	return nil
}

func (c *Clusterer) live(id news.StoryID) (int32, error) {
	si, ok := c.storyOf[id]
	if !ok || c.stories[si].dead {
		return 0, news.ErrNotFound
	}
	return si, nil
}

// relocate moves article di and its unpinned copies from their story to
// story to, keeping the sums right; a story left empty is retired.
func (c *Clusterer) relocate(di, to int32) {
	from := c.docs[di].story
	if from == to {
		return
	}
	counted := c.docs[di].copyOf < 0
	if from >= 0 {
		c.leave(from, di)
		if counted {
			c.removeVec(&c.stories[from], c.unit(di))
		}
	}
	c.join(to, di, counted)
	for _, cp := range c.copies[di] {
		if cs := c.docs[cp].story; cs == from && !c.isPinned(c.docs[cp].id) {
			c.leave(from, cp)
			c.join(to, cp, false)
		}
	}
	if from >= 0 && len(c.stories[from].docs) == 0 {
		c.stories[from].dead = true
	}
}
