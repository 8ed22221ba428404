package analysis

import (
	"crypto/sha256"
	"encoding/hex"

	"github.com/storyline-news/storyline/internal/news"
)

// newPins turns people's decisions into the story each named article must
// be in. Later decisions override earlier ones for the same article.
func newPins(ds []news.Decision) map[news.ArticleID]news.StoryID {
	p := map[news.ArticleID]news.StoryID{}
	for _, d := range ds {
		switch d.Kind {
		case "split":
			to := SplitStoryID(d)
			for _, a := range d.Articles {
				p[a] = to
			}
			for _, a := range d.Kept {
				p[a] = d.Story
			}
		case "merge":
			for _, a := range d.Articles {
				p[a] = d.Story
			}
		}
	}
	return p
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
