package cluster

import (
	"slices"
	"strings"
	"testing"
)

// A story is titled after a news report's headline, not an opinion
// piece's nor a banner in capitals; without a report's headline, after
// one made from a report's lead (never the start of its text cut with
// "…"); a banner only when nothing better exists, in sentence case.
func TestStoryTitleIsAReportsHeadline(t *testing.T) {
	lead := func(text string) string { // what ingest makes of a text without a title
		return strings.Join(strings.Fields(text)[:12], " ") + " …"
	}
	for _, c := range []struct {
		name    string
		edit    func(d *Doc)
		want    func(title string) bool
		explain string
	}{
		{"opinion loses to reports", func(d *Doc) {
			if d.ID == "fire3" {
				d.Opinion = true
				d.Title = "We must stop the harbour fires now"
			}
		}, func(s string) bool { return s == fictional[0].Title || s == fictional[1].Title }, "a report's headline"},
		{"banner loses to reports", func(d *Doc) {
			if d.ID == "fire3" {
				d.Title = "HARBOUR ABLAZE: THE NIGHT PORT KELDRA BURNED"
			}
		}, func(s string) bool { return s == fictional[0].Title || s == fictional[1].Title }, "a report's headline"},
		{"made from a report's lead", func(d *Doc) {
			if d.ID == "fire3" {
				d.Title = "WHO WILL PAY FOR THE HARBOUR FIRE?"
				d.Opinion = true
			} else {
				d.Title = lead(d.Text)
			}
		}, func(s string) bool {
			return !strings.HasSuffix(s, "…") && !strings.HasSuffix(s, ".") && len(s) <= 80 && strings.Contains(fictional[0].Text+fictional[1].Text, s[1:])
		}, "a clause of a report's lead, whole"},
		{"a banner in sentence case at worst", func(d *Doc) {
			d.Opinion = true
			d.Title = "WHO WILL PAY FOR THE HARBOUR FIRE IN PORT KELDRA"
		}, func(s string) bool {
			return s == "Who will pay for the harbour fire in Port Keldra"
		}, "the banner in sentence case, names kept"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, prepare := range []bool{false, true} {
				cl := New(Options{GuessNames: true})
				for _, d := range fictional[:3] {
					c.edit(&d)
					if prepare {
						cl.Prepare(&d)
					}
					cl.Add(d)
				}
				stories := cl.Stories()
				if len(stories) != 1 {
					t.Fatalf("%d stories, want 1", len(stories))
				}
				if got := stories[0].Title; !c.want(got) {
					t.Errorf("prepared %v: title %q, want %s", prepare, got, c.explain)
				}
			}
		})
	}
}

// Titles are for display: the kind of an article and its title's form
// change no story.
func TestTitlesDoNotGroup(t *testing.T) {
	plain := New(Options{GuessNames: true})
	marked := New(Options{GuessNames: true})
	for i, d := range fictional {
		plain.Add(d)
		d.Opinion = i%2 == 0
		marked.Add(d)
	}
	if a, b := storySets(plain), storySets(marked); !slices.Equal(a, b) {
		t.Errorf("stories with kinds %v, without %v", b, a)
	}
}

// A storyline's name names its actors and its conflict in words a reader
// uses, not words all news uses.
func TestStorylineNameSaysTheConflict(t *testing.T) {
	c := New(Options{GuessNames: true})
	for _, d := range fictional[:5] {
		c.Add(d)
	}
	for _, l := range c.Storylines() {
		for _, w := range l.Terms {
			if genericWord(w) || c.vocab.nameWord(w) {
				t.Errorf("storyline %q: term %q names no conflict", l.Name, w)
			}
		}
		if strings.Contains(l.Name, " / ") {
			t.Errorf("storyline %q: terms joined with slashes", l.Name)
		}
		if len(l.Actors) > 1 && !strings.Contains(l.Name, " and ") {
			t.Errorf("storyline %q: actors not listed as a reader would", l.Name)
		}
	}
	for _, w := range []string{"action", "government", "officials", "Said"} {
		if !genericWord(w) {
			t.Errorf("genericWord(%q) = false", w)
		}
	}
	if got := andList([]string{"Pakistan", "Afghan Taliban", "TTP"}); got != "Pakistan, Afghan Taliban and TTP" {
		t.Errorf("andList = %q", got)
	}
}
