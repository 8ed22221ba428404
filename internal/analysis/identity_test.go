package analysis

import (
	"maps"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// grouping makes a grouping of stories, each a cluster ID and its
// articles, and storylines, each a cluster ID and its stories.
func grouping(stories map[news.StoryID][]news.ArticleID, lines map[news.StorylineID][]news.StoryID) news.Grouping {
	var g news.Grouping
	for _, id := range slices.Sorted(maps.Keys(stories)) {
		g.Stories = append(g.Stories, news.Story{ID: id, Articles: stories[id]})
		for _, a := range stories[id] {
			g.Assignments = append(g.Assignments, news.Assignment{Article: a, Story: id})
		}
	}
	for _, id := range slices.Sorted(maps.Keys(lines)) {
		g.Storylines = append(g.Storylines, news.Storyline{ID: id, Stories: lines[id]})
		for _, s := range lines[id] {
			for i := range g.Stories {
				if g.Stories[i].ID == s {
					g.Stories[i].Storyline = id
				}
			}
		}
	}
	return g
}

// prior makes the prior grouping: stories with their articles and age,
// and the storyline of each story.
func prior(stories map[news.StoryID][]news.ArticleID, age map[news.StoryID]int64, lineOf map[news.StoryID]news.StorylineID, moved ...string) news.Prior {
	p := news.Prior{StoryOf: map[news.ArticleID]news.StoryID{}, StoryAge: age, StorylineOf: lineOf, Issued: map[string]bool{}}
	for s, arts := range stories {
		p.Issued[string(s)] = true
		for _, a := range arts {
			p.StoryOf[a] = s
		}
	}
	for _, l := range lineOf {
		p.Issued[string(l)] = true
	}
	for _, m := range moved {
		p.Issued[m] = true
	}
	return p
}

func TestStabilize(t *testing.T) {
	type arts = []news.ArticleID
	split := news.Decision{Kind: "split", Story: "s-a1", Articles: arts{"a2", "a3"}, Kept: arts{"a1"}}
	tests := []struct {
		name      string
		prior     news.Prior
		decisions []news.Decision
		now       news.Grouping
		want      map[news.ArticleID]news.StoryID // each article's story after
		lines     map[news.StoryID]news.StorylineID
		moved     []news.Moved
	}{{
		name:  "first grouping: prefixed cluster IDs",
		prior: prior(nil, nil, nil),
		now:   grouping(map[news.StoryID][]news.ArticleID{"a1": {"a1", "a2"}}, map[news.StorylineID][]news.StoryID{"a1": {"a1"}}),
		want:  map[news.ArticleID]news.StoryID{"a1": "s-a1", "a2": "s-a1"},
		lines: map[news.StoryID]news.StorylineID{"s-a1": "sl-a1"},
	}, {
		name:  "a story grows from an earlier article: same ID",
		prior: prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2"}}, map[news.StoryID]int64{"s-a1": 1}, map[news.StoryID]news.StorylineID{"s-a1": "sl-a1"}),
		now:   grouping(map[news.StoryID][]news.ArticleID{"a0": {"a0", "a1", "a2"}}, map[news.StorylineID][]news.StoryID{"a0": {"a0"}}),
		want:  map[news.ArticleID]news.StoryID{"a0": "s-a1", "a1": "s-a1", "a2": "s-a1"},
		lines: map[news.StoryID]news.StorylineID{"s-a1": "sl-a1"},
	}, {
		name:  "merge keeps the older ID, the other moves",
		prior: prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2"}, "s-b1": {"b1"}}, map[news.StoryID]int64{"s-a1": 5, "s-b1": 2}, nil),
		now:   grouping(map[news.StoryID][]news.ArticleID{"a1": {"a1", "a2", "b1"}}, nil),
		want:  map[news.ArticleID]news.StoryID{"a1": "s-b1", "a2": "s-b1", "b1": "s-b1"},
		moved: []news.Moved{{Kind: news.KindStory, From: "s-a1", To: "s-b1"}},
	}, {
		name:      "merge keeps the ID people chose",
		prior:     prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2"}, "s-b1": {"b1"}}, map[news.StoryID]int64{"s-a1": 5, "s-b1": 2}, nil),
		decisions: []news.Decision{{Kind: "merge", Story: "s-a1", Other: "s-b1", Articles: arts{"a1", "a2", "b1"}}},
		now:       grouping(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2", "b1"}}, nil),
		want:      map[news.ArticleID]news.StoryID{"a1": "s-a1", "a2": "s-a1", "b1": "s-a1"},
		moved:     []news.Moved{{Kind: news.KindStory, From: "s-b1", To: "s-a1"}},
	}, {
		name:  "split: the larger part keeps the ID",
		prior: prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2", "a3"}}, map[news.StoryID]int64{"s-a1": 1}, nil),
		now:   grouping(map[news.StoryID][]news.ArticleID{"a1": {"a1"}, "a2": {"a2", "a3"}}, nil),
		want:  map[news.ArticleID]news.StoryID{"a1": "s-a1-2", "a2": "s-a1", "a3": "s-a1"},
	}, {
		name:      "a split people made keeps the IDs they were told",
		prior:     prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1", "a2", "a3"}}, map[news.StoryID]int64{"s-a1": 1}, nil),
		decisions: []news.Decision{split},
		now:       grouping(map[news.StoryID][]news.ArticleID{"s-a1": {"a1"}, SplitStoryID(split): {"a2", "a3"}}, nil),
		want:      map[news.ArticleID]news.StoryID{"a1": "s-a1", "a2": SplitStoryID(split), "a3": SplitStoryID(split)},
	}, {
		name:  "a fresh ID is never one issued before",
		prior: prior(map[news.StoryID][]news.ArticleID{"s-b1": {"b1"}}, map[news.StoryID]int64{"s-b1": 1}, nil, "s-x1"),
		now:   grouping(map[news.StoryID][]news.ArticleID{"b1": {"b1"}, "x1": {"x1"}}, nil),
		want:  map[news.ArticleID]news.StoryID{"b1": "s-b1", "x1": "s-x1-2"},
	}, {
		name:  "IDs from before prefixes move to their prefixed form",
		prior: prior(map[news.StoryID][]news.ArticleID{"a1": {"a1"}}, map[news.StoryID]int64{"a1": 1}, map[news.StoryID]news.StorylineID{"a1": "a1"}),
		now:   grouping(map[news.StoryID][]news.ArticleID{"a1": {"a1"}}, map[news.StorylineID][]news.StoryID{"a1": {"a1"}}),
		want:  map[news.ArticleID]news.StoryID{"a1": "s-a1"},
		lines: map[news.StoryID]news.StorylineID{"s-a1": "sl-a1"},
		moved: []news.Moved{{Kind: news.KindStory, From: "a1", To: "s-a1"}, {Kind: news.KindStoryline, From: "a1", To: "sl-a1"}},
	}, {
		name: "storylines follow their stories",
		prior: prior(map[news.StoryID][]news.ArticleID{"s-a1": {"a1"}, "s-b1": {"b1"}, "s-c1": {"c1"}},
			map[news.StoryID]int64{"s-a1": 1, "s-b1": 2, "s-c1": 3},
			map[news.StoryID]news.StorylineID{"s-a1": "sl-a1", "s-b1": "sl-a1", "s-c1": "sl-c1"}),
		now: grouping(map[news.StoryID][]news.ArticleID{"a1": {"a1"}, "b1": {"b1"}, "c1": {"c1"}},
			map[news.StorylineID][]news.StoryID{"c1": {"a1", "b1", "c1"}}),
		want:  map[news.ArticleID]news.StoryID{"a1": "s-a1", "b1": "s-b1", "c1": "s-c1"},
		lines: map[news.StoryID]news.StorylineID{"s-a1": "sl-a1", "s-b1": "sl-a1", "s-c1": "sl-a1"},
		moved: []news.Moved{{Kind: news.KindStoryline, From: "sl-c1", To: "sl-a1"}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := tt.now
			Stabilize(&g, tt.prior, tt.decisions)
			got := map[news.ArticleID]news.StoryID{}
			for _, a := range g.Assignments {
				got[a.Article] = a.Story
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("stories %v, want %v", got, tt.want)
			}
			ids := map[news.StoryID]bool{}
			for _, s := range g.Stories {
				ids[s.ID] = true
			}
			for _, s := range got {
				if !ids[s] {
					t.Errorf("assignment to %s, which is not among the stories %v", s, g.Stories)
				}
			}
			if tt.lines != nil {
				lines := map[news.StoryID]news.StorylineID{}
				for _, s := range g.Stories {
					lines[s.ID] = s.Storyline
				}
				if !maps.Equal(lines, tt.lines) {
					t.Errorf("storylines %v, want %v", lines, tt.lines)
				}
				for _, l := range g.Storylines {
					for _, s := range l.Stories {
						if lines[s] != l.ID {
							t.Errorf("storyline %s lists %s, which says it is in %s", l.ID, s, lines[s])
						}
					}
				}
			}
			if !slices.Equal(g.Moved, tt.moved) {
				t.Errorf("moved %v, want %v", g.Moved, tt.moved)
			}
		})
	}
}
