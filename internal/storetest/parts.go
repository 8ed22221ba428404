package storetest

import (
	"context"
	"slices"
	"strings"
	"testing"
)

// A Part is a part of what a partial save writes that the Store's
// methods do not show; a backend's test reads each in its own schema,
// as one string.
type Part int

// The parts ScopedSaveParts checks, and how a backend's test reads each.
const (
	MentionEntities Part = iota // every mention's entity, sorted, joined by spaces
	QuoteGroups                 // every quote's "group:entity", sorted, joined by spaces
	EventGroups                 // the groups of the events that have one, joined by spaces
	CopyDate                    // the date source of the article https://p.example/n1
	StoryTerms                  // every story_terms row's "story:key", sorted, joined by spaces
	StorylineCounts             // every storyline's "id:stories", sorted, joined by spaces
	EntityIDs                   // every entity's ID, sorted, joined by spaces
)

// parts are the names of the parts, and what NewScopedSave's partial
// save leaves in each.
var parts = []struct{ name, want string }{
	MentionEntities: {"mention entities", "per-x per-x per-z per-z"},
	QuoteGroups:     {"quote groups", ":per-x :per-z :per-z q1:per-x"},
	EventGroups:     {"event groups", "e1"},
	CopyDate:        {"date source of the copy", "copy"},
	StoryTerms:      {"story terms", "s-ferry:t:ferry s-talks:t:dam s-talks:t:talks"},
	StorylineCounts: {"storyline counts", "sl-dam:2"},
	EntityIDs:       {"entities", "per-x per-y per-z"},
}

// ScopedSaveParts stores a ScopedSave in s, saves its new analyses and
// its partial grouping, and checks each Part as read reads it: changed
// findings, redirects, inherited dates, and that the story's own rows
// replace the old story's.
func ScopedSaveParts(t *testing.T, s Store, read func(Part) (string, error)) {
	t.Helper()
	ctx := context.Background()
	f := NewScopedSave(t, s)
	if err := s.SaveAnalyses(ctx, f.NewAnalyses); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveGrouping(ctx, f.Part); err != nil {
		t.Fatal(err)
	}
	for p, c := range parts {
		if got, err := read(Part(p)); err != nil || got != c.want {
			t.Errorf("%s = %q, %v; want %q", c.name, got, err, c.want)
		}
	}
}

// SameDerived checks, after when (a save ScopedSaves made), that the
// rows a backend derives from its stories, as saved, are those it
// derives from them again as a whole save does.
func SameDerived(t testing.TB, when string, saved, again []string) {
	t.Helper()
	if !slices.Equal(saved, again) {
		t.Errorf("after %s, derived rows differ from a whole save's:\n%s", when, diffLines(saved, again))
	}
}

// diffLines lists the lines only in a (-) and only in b (+).
func diffLines(a, b []string) string {
	var out []string
	for _, s := range a {
		if !slices.Contains(b, s) {
			out = append(out, "- "+s)
		}
	}
	for _, s := range b {
		if !slices.Contains(a, s) {
			out = append(out, "+ "+s)
		}
	}
	return strings.Join(out, "\n")
}
