package analysis

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/storyline-news/storyline/internal/news"
)

// pins turns people's decisions into the story each named article must be
// in. Later decisions override earlier ones for the same article.
type pins map[news.ArticleID]news.StoryID

func newPins(ds []news.Decision) pins {
	p := pins{}
	for _, d := range ds {
		switch d.Kind {
		case "split":
			to := SplitStoryID(d)
			for _, a := range d.Articles {
				p[a] = to
			}
		case "merge":
			for _, a := range d.Articles {
				p[a] = d.Story
			}
		}
	}
	return p
}

func (p pins) story(id news.ArticleID) (news.StoryID, bool) {
	s, ok := p[id]
	return s, ok
}

// SplitStoryID is the ID of the story a split decision creates: stable, so
// the new story keeps its ID across groupings.
func SplitStoryID(d news.Decision) news.StoryID {
	h := sha256.New()
	h.Write([]byte(d.Story))
	for _, a := range d.Articles {
		h.Write([]byte{0})
		h.Write([]byte(a))
	}
	return news.StoryID("s-" + hex.EncodeToString(h.Sum(nil)[:6]))
}
