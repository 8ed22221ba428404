package storedrows

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// RunSteps runs the steps of a save in order until one fails, and
// returns its error.
func RunSteps(steps []func() error) error {
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
	}
	return nil
}

// Wrap wraps a non-nil err with what failed.
func Wrap(what string, err error) error {
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// StoryIDs returns the IDs of stories, in order.
func StoryIDs(stories []news.Story) []news.StoryID {
	ids := make([]news.StoryID, len(stories))
	for i, st := range stories {
		ids[i] = st.ID
	}
	return ids
}

// StorylineIDs returns the IDs of lines, in order.
func StorylineIDs(lines []news.Storyline) []news.StorylineID {
	ids := make([]news.StorylineID, len(lines))
	for i, l := range lines {
		ids[i] = l.ID
	}
	return ids
}

// Recounted returns the storylines a partial save of g recounts from
// the stories that point to them: those a storyline move of g leaves
// and joins, those of its scope and its own.
func Recounted(g news.Grouping) []news.StorylineID {
	var lines []news.StorylineID
	add := func(id news.StorylineID) {
		if id != "" {
			lines = append(lines, id)
		}
	}
	for _, m := range g.Moved {
		if m.Kind == news.KindStoryline {
			add(news.StorylineID(m.From))
			add(news.StorylineID(m.To))
		}
	}
	for _, id := range g.Scope.Storylines {
		add(id)
	}
	for _, l := range g.Storylines {
		add(l.ID)
	}
	return lines
}

// FirstAssignments returns the indexes in assignments of each article's
// first assignment, in order: the story memberships a save stores.
func FirstAssignments(assignments []news.Assignment) []int {
	seen := make(map[news.ArticleID]bool, len(assignments))
	first := make([]int, 0, len(assignments))
	for i, a := range assignments {
		if !seen[a.Article] {
			seen[a.Article] = true
			first = append(first, i)
		}
	}
	return first
}

// WithCentroid returns the indexes in stories of those with a centroid.
func WithCentroid(stories []news.Story) []int {
	var kept []int
	for i, st := range stories {
		if len(st.Centroid) > 0 {
			kept = append(kept, i)
		}
	}
	return kept
}

// EndKey is a story's end as story_terms and story_keys keep it: as
// TimeValue, and the empty string when undated, which sorts last in
// their descending order as NULL does in stories.
func EndKey(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// issuedAs reports whether id is one of names, or one followed by a
// hyphen and digits: an ID a grouping that names new stories so would
// take from another.
func issuedAs(id string, names map[string]bool) bool {
	if names[id] {
		return true
	}
	i := strings.LastIndexByte(id, '-')
	return i > 0 && i < len(id)-1 && strings.Trim(id[i+1:], "0123456789") == "" && names[id[:i]]
}

// SaveGrouping saves g with scope when it is partial (g.Scope set) and
// with whole otherwise, and says which failed.
func SaveGrouping(g news.Grouping, scope, whole func() error) error {
	if g.Scope != nil {
		return Wrap(fmt.Sprintf("save grouping of %d articles", len(g.Scope.Articles)), scope())
	}
	return Wrap("save grouping", whole())
}
