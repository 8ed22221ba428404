package pipeline

import (
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestPruneUnchanged checks that a scoped grouping saves only the stories
// a batch changed: one that gained an article, one whose article a new
// article copies, one that moved to another storyline; not one read as a
// rival and left as it was.
func TestPruneUnchanged(t *testing.T) {
	prior := news.Prior{
		StoryOf: map[news.ArticleID]news.StoryID{
			"a1": "s-grown", "a2": "s-grown",
			"b1": "s-rival", "b2": "s-rival",
			"c1": "s-copied",
			"d1": "s-moved",
		},
		StorylineOf: map[news.StoryID]news.StorylineID{"s-grown": "l1", "s-rival": "l1", "s-copied": "l2", "s-moved": "l2"},
	}
	g := news.Grouping{
		Stories: []news.Story{
			{ID: "s-grown", Articles: []news.ArticleID{"a1", "a2", "new1"}, Storyline: "l1"},
			{ID: "s-rival", Articles: []news.ArticleID{"b1", "b2"}, Storyline: "l1"},
			{ID: "s-copied", Articles: []news.ArticleID{"c1"}, Storyline: "l2"},
			{ID: "s-moved", Articles: []news.ArticleID{"d1"}, Storyline: "l3"},
			{ID: "s-fresh", Articles: []news.ArticleID{"new2"}, Storyline: "l2"},
		},
		Copies: []news.CopyLink{{Article: "c1", Original: "new2"}, {Article: "b2", Original: "b1"}},
		Scope: &news.Scope{
			Articles: []news.ArticleID{"a1", "a2", "b1", "b2", "c1", "d1", "new1", "new2"},
			Stories:  []news.StoryID{"s-copied", "s-grown", "s-moved", "s-rival"},
		},
	}
	for _, s := range g.Stories {
		for _, a := range s.Articles {
			g.Assignments = append(g.Assignments, news.Assignment{Article: a, Story: s.ID})
		}
	}
	pruneUnchanged(&g, prior, []news.ArticleID{"new1", "new2"})

	var saved []news.StoryID
	for _, s := range g.Stories {
		saved = append(saved, s.ID)
	}
	if want := []news.StoryID{"s-grown", "s-copied", "s-moved", "s-fresh"}; !slices.Equal(saved, want) {
		t.Errorf("stories saved: %v, want %v", saved, want)
	}
	if want := []news.StoryID{"s-copied", "s-grown", "s-moved"}; !slices.Equal(g.Scope.Stories, want) {
		t.Errorf("scope stories: %v, want %v", g.Scope.Stories, want)
	}
	for _, a := range []news.ArticleID{"b1", "b2"} {
		if slices.Contains(g.Scope.Articles, a) {
			t.Errorf("article %s of the unchanged story still in the scope %v", a, g.Scope.Articles)
		}
	}
	if len(g.Assignments) != 6 || len(g.Copies) != 1 {
		t.Errorf("%d assignments and %d copy links saved, want 6 and 1: %v %v", len(g.Assignments), len(g.Copies), g.Assignments, g.Copies)
	}
	if err := g.CheckScope(); err != nil {
		t.Errorf("pruned grouping out of its scope: %v", err)
	}
}
