package summary

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/storyline-news/storyline/internal/news"
)

// Reader is what ForStory reads from a store.
type Reader interface {
	// StoryGroups returns a page of a story's copy groups' originals,
	// the earliest first, and their number.
	StoryGroups(ctx context.Context, id news.StoryID, outlet string, limit, offset int) ([]news.StoryArticle, int, error)
	// StoryCopies returns up to each copies of every original.
	StoryCopies(ctx context.Context, id news.StoryID, originals []news.ArticleID, outlet string, each int) (map[news.ArticleID][]news.StoryArticle, error)
	// ArticlesByID returns articles with their texts.
	ArticlesByID(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Article, error)
}

// What ForStory reads of a story: a bounded number of articles, so that
// a story of ten thousand costs what one of thirty does.
const (
	readGroups = 24 // copy groups, the earliest first
	readCopies = 3  // copies of each
)

// ForStory reads a story's first copy groups (their originals and first
// copies, texts included) and returns their summary (see Story).
func ForStory(ctx context.Context, r Reader, id news.StoryID) ([]news.SummarySentence, error) {
	heads, _, err := r.StoryGroups(ctx, id, "", readGroups, 0)
	if err != nil {
		return nil, fmt.Errorf("summary of %s: %w", id, err)
	}
	ids := make([]news.ArticleID, 0, len(heads))
	for _, h := range heads {
		ids = append(ids, h.ID)
	}
	copies, err := r.StoryCopies(ctx, id, ids, "", readCopies)
	if err != nil {
		return nil, fmt.Errorf("summary of %s: %w", id, err)
	}
	members := slices.Clone(heads)
	for _, h := range heads {
		members = append(members, copies[h.ID]...)
	}
	for _, m := range members[len(heads):] {
		ids = append(ids, m.ID)
	}
	arts, err := r.ArticlesByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("summary of %s: %w", id, err)
	}
	docs := make([]Doc, 0, len(members))
	for _, m := range members {
		a, ok := arts[m.ID]
		if !ok {
			continue
		}
		d := Doc{ID: a.ID, Text: a.Text, Published: a.Published, Opinion: m.Kind == news.Opinion}
		if m.Copy != nil {
			d.CopyOf = m.Copy.Original
		}
		docs = append(docs, d)
	}
	return Story(docs), nil
}

// Storyline returns a storyline's summary: the headlines of its stories
// with the most articles, up to MaxSentences, in time order, each naming
// its story.
func Storyline(stories []news.StorySummary) []news.SummarySentence {
	main := slices.Clone(stories)
	slices.SortStableFunc(main, func(a, b news.StorySummary) int { return cmp.Compare(b.Size, a.Size) })
	main = main[:min(len(main), MaxSentences)]
	slices.SortStableFunc(main, func(a, b news.StorySummary) int {
		switch {
		case a.Begin.IsZero() != b.Begin.IsZero():
			if a.Begin.IsZero() {
				return 1
			}
			return -1
		}
		return a.Begin.Compare(b.Begin)
	})
	out := make([]news.SummarySentence, 0, len(main))
	for _, s := range main {
		if s.Title == "" {
			continue
		}
		arts := s.Articles
		if arts == nil {
			arts = []news.ArticleID{}
		}
		out = append(out, news.SummarySentence{Text: s.Title, Story: s.ID, Articles: arts, Published: s.Begin})
	}
	return out
}
