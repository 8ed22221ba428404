package main

import (
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// TestSeedsHeadlineAndSummary checks issue 21's seed criteria: the story
// of 001, 002 and 003 reads in ten seconds. Its headline is no banner in
// capitals and no sentence cut short; its summary has 3 to 5 sentences,
// each found in the reports it names (never in the opinion piece 000), in
// time order; the storyline's name says more than "action / government".
func TestSeedsHeadlineAndSummary(t *testing.T) {
	db, ids := seedStore(t)
	var a struct {
		Story news.StoryID `json:"story"`
	}
	jsonOut(t, &a, "article", "--db", db, string(ids["001"]))
	var d news.StoryDetail
	jsonOut(t, &d, "story", "--db", db, string(a.Story))

	h := d.Title
	letters, upper := 0, 0
	for _, r := range h {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters == 0:
		t.Fatalf("headline %q has no words", h)
	case upper*2 > letters:
		t.Errorf("headline %q is a banner in capitals", h)
	case strings.HasSuffix(h, "…") || strings.HasSuffix(h, "...") || strings.HasSuffix(h, ","):
		t.Errorf("headline %q is a sentence cut short", h)
	case utf8.RuneCountInString(h) > 100:
		t.Errorf("headline %q is %d characters long", h, utf8.RuneCountInString(h))
	}
	for _, w := range []string{"the", "a", "of", "to", "that", "has", "and", "it"} {
		if strings.HasSuffix(strings.ToLower(h), " "+w) {
			t.Errorf("headline %q ends mid-phrase", h)
		}
	}

	kinds := map[news.ArticleID]news.ArticleKind{}
	for _, m := range d.Members {
		kinds[m.ID] = m.Kind
	}
	if n := len(d.Summary); n < 3 || n > 5 {
		t.Fatalf("summary of %d sentences, want 3 to 5: %+v", n, d.Summary)
	}
	texts := map[news.ArticleID]string{}
	for i, s := range d.Summary {
		if len(s.Articles) == 0 {
			t.Errorf("sentence %d %q names no article", i, s.Text)
		}
		found := false
		for _, id := range s.Articles {
			if kinds[id] != news.NewsReport {
				t.Errorf("sentence %d %q names %s, a %q member of the story, not a report", i, s.Text, id, kinds[id])
			}
			if _, ok := texts[id]; !ok {
				texts[id] = strings.Join(strings.Fields(getArticle(t, db, id).Text), " ")
			}
			found = found || strings.Contains(texts[id], s.Text)
		}
		if !found {
			t.Errorf("sentence %d %q is in none of the articles it names", i, s.Text)
		}
		if slices.Contains(s.Articles, ids["000"]) {
			t.Errorf("sentence %d is credited to the editorial 000", i)
		}
		if i > 0 && s.Published.Before(d.Summary[i-1].Published) {
			t.Errorf("sentence %d (%v) comes after a later one (%v)", i, s.Published, d.Summary[i-1].Published)
		}
		for j := range i {
			if s.Text == d.Summary[j].Text {
				t.Errorf("sentences %d and %d are the same", j, i)
			}
		}
	}

	// The human view leads with the headline, then the summary.
	code, out, errs := cli(t, "", "story", "--db", db, string(a.Story))
	if code != 0 {
		t.Fatalf("story: exit %d: %s", code, errs)
	}
	if !strings.HasPrefix(out, h+"\n") || !strings.Contains(out, "Summary:\n  - "+d.Summary[0].Text) {
		t.Errorf("story does not print the headline and summary:\n%s", out)
	}

	var l news.StorylineDetail
	jsonOut(t, &l, "storyline", "--db", db, string(d.Storyline))
	for _, generic := range []string{"action", "government", "official", " / "} {
		if strings.Contains(strings.ToLower(l.Name), generic) {
			t.Errorf("storyline name %q says %q", l.Name, generic)
		}
	}
	if len(l.Summary) == 0 || !slices.ContainsFunc(l.Summary, func(s news.SummarySentence) bool { return s.Story == a.Story && s.Text == h }) {
		t.Errorf("storyline summary %+v does not give the story's headline %q", l.Summary, h)
	}
}
