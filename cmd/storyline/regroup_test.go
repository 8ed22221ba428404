package main

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestRegroup regroups a store of the seeds from scratch: the same stories
// come back under the same IDs, and the command says what it made.
func TestRegroup(t *testing.T) {
	db, ids := seedStore(t)
	storyOf := func() []news.StoryID {
		var out []news.StoryID
		for _, k := range []string{"000", "001", "002", "003", "004"} {
			var a struct {
				Story news.StoryID `json:"story"`
			}
			jsonOut(t, &a, "article", "--db", db, string(ids[k]))
			out = append(out, a.Story)
		}
		return out
	}
	before := storyOf()
	code, out, errs := cli(t, "", "regroup", "--db", db)
	if code != 0 || !strings.HasPrefix(out, "regrouped 5 articles: ") {
		t.Fatalf("regroup: %d %q %s", code, out, errs)
	}
	if after := storyOf(); !slices.Equal(after, before) {
		t.Errorf("stories of the seeds after a regroup: %v, want %v as before", after, before)
	}
	if code, _, errs := cli(t, "", "regroup", "--db", db, "extra"); code != 2 || !strings.Contains(errs, "no arguments") {
		t.Errorf("regroup with an argument: %d %s", code, errs)
	}
}
