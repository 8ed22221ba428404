package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// comparison is what compare --json prints.
type comparison struct {
	Original  news.ArticleID `json:"original"`
	Copy      news.ArticleID `json:"copy"`
	SameFacts bool           `json:"same_facts"`
	Changes   []struct {
		Type             string `json:"type"`
		Original         string `json:"original"`
		Copy             string `json:"copy"`
		OriginalSentence string `json:"original_sentence"`
		CopySentence     string `json:"copy_sentence"`
	} `json:"changes"`
}

// TestSeedsCompare checks issue 20's seed criteria: seed 003 rewrites 001
// and turns Imran Khan's "talk to our government" into "talking to
// Turkey's government": compare finds that entity change and says the
// facts differ, whichever way the two are given; 001 against itself, and
// a faithful copy of 001 from another outlet, have the same facts.
func TestSeedsCompare(t *testing.T) {
	db, ids := seedStore(t)
	for _, args := range [][]string{
		{string(ids["003"])},
		{string(ids["003"]), string(ids["001"])},
		{string(ids["001"]), string(ids["003"])},
	} {
		var c comparison
		jsonOut(t, &c, append([]string{"compare", "--db", db}, args...)...)
		if c.Original != ids["001"] || c.Copy != ids["003"] {
			t.Errorf("compare %v: original %s, copy %s; want 001 (%s) and 003 (%s)", args, c.Original, c.Copy, ids["001"], ids["003"])
		}
		if c.SameFacts {
			t.Errorf("compare %v: same_facts true, want false", args)
		}
		found := false
		for _, ch := range c.Changes {
			if ch.Type == "entity" && strings.Contains(ch.Original, "our") && strings.Contains(ch.Copy, "Turkey") &&
				strings.Contains(ch.OriginalSentence, "talk to our government") && strings.Contains(ch.CopySentence, "Turkey’s government") {
				found = true
			}
		}
		if !found {
			t.Errorf("compare %v: no entity change \"our\" -> \"Turkey's\" in %+v", args, c.Changes)
		}
	}

	var self comparison
	jsonOut(t, &self, "compare", "--db", db, string(ids["001"]), string(ids["001"]))
	if !self.SameFacts || len(self.Changes) != 0 {
		t.Errorf("001 against itself: same_facts %v, changes %+v; want true and none", self.SameFacts, self.Changes)
	}

	// A faithful copy: 001's text from another outlet, with its lines
	// re-wrapped, spaces doubled and a boilerplate line.
	m, _ := filepath.Glob(filepath.Join(seedsDir, "001_*.txt"))
	text, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	faithful := "Outlet: The Other Times\n\n" + strings.ReplaceAll(string(text), "\n", "\n\n  ") + "\n\nFollow us on Twitter\n"
	file := filepath.Join(t.TempDir(), "copy.txt")
	if err := os.WriteFile(file, []byte(faithful), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "", "ingest", "--db", db, file); code != 0 {
		t.Fatalf("ingest the faithful copy: exit %d\n%s%s", code, out, errs)
	}
	var copyID news.ArticleID
	for origin, a := range byOrigin(t, db) {
		if strings.HasSuffix(origin, "copy.txt") {
			copyID = a.ID
		}
	}
	var fc comparison
	jsonOut(t, &fc, "compare", "--db", db, string(copyID))
	if fc.Original != ids["001"] || !fc.SameFacts {
		t.Errorf("faithful copy %s: original %s, same_facts %v, changes %+v; want 001 (%s), true", copyID, fc.Original, fc.SameFacts, fc.Changes, ids["001"])
	}

	seedsCompareStory(t, db, ids, copyID)

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{string(ids["002"])}, "not a copy of any stored article"},
		{[]string{"s-2bfa48b6a6dd", string(ids["001"])}, "a story is compared alone"},
		{[]string{"s-000000000000"}, "not found"},
		{[]string{"per-imran-khan"}, "not an article ID"},
		{[]string{"000000000000"}, "not found"},
	} {
		code, _, errs := cli(t, "", append([]string{"compare", "--db", db}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("compare %v: exit %d, stderr %q; want a failure saying %q", tc.args, code, errs, tc.want)
		}
	}
}

// storyComparison is what compare STORY --json prints.
type storyComparison struct {
	Story news.StoryID `json:"story"`
	Facts []struct {
		Text     string           `json:"text"`
		Outlets  []string         `json:"outlets"`
		Articles []news.ArticleID `json:"articles"`
	} `json:"facts"`
	Conflicts []struct {
		Type   string `json:"type"`
		Values []struct {
			Text     string           `json:"text"`
			Outlets  []string         `json:"outlets"`
			Articles []news.ArticleID `json:"articles"`
		} `json:"values"`
	} `json:"conflicts"`
	Outlets []struct {
		Outlet string   `json:"outlet"`
		Kind   string   `json:"kind"`
		Unique []string `json:"unique"`
		Quoted []string `json:"quoted"`
	} `json:"outlets"`
}

// seedsCompareStory checks issue 20's story criterion on the seeds: the
// story of 001 and 003 shows 001's "our government" and 003's "Turkey's
// government" as a conflict between the two articles, which, having no
// outlet, are told apart by their IDs; the faithful copy of 001 from The
// Other Times counts once: it reports no fact and takes part in no
// conflict.
func seedsCompareStory(t *testing.T, db string, ids map[string]news.ArticleID, faithful news.ArticleID) {
	t.Helper()
	var a struct {
		Story news.StoryID `json:"story"`
	}
	jsonOut(t, &a, "article", "--db", db, string(ids["001"]))
	var c storyComparison
	jsonOut(t, &c, "compare", "--db", db, string(a.Story))
	if c.Story != a.Story {
		t.Errorf("compare %s: story %s", a.Story, c.Story)
	}
	found := false
	for _, k := range c.Conflicts {
		ours, turkeys := false, false
		for _, v := range k.Values {
			ours = ours || slices.Contains(v.Articles, ids["001"]) && slices.Contains(v.Outlets, string(ids["001"])) && strings.Contains(v.Text, "talk to our government")
			turkeys = turkeys || slices.Contains(v.Articles, ids["003"]) && slices.Contains(v.Outlets, string(ids["003"])) && strings.Contains(v.Text, "Turkey’s government")
		}
		for _, v := range k.Values {
			if slices.Contains(v.Articles, faithful) || slices.Contains(v.Outlets, "The Other Times") {
				t.Errorf("the faithful copy is in conflict %+v", k)
			}
		}
		found = found || ours && turkeys && k.Type == "entity"
	}
	if !found {
		t.Errorf("compare %s: no entity conflict between 001's \"our government\" and 003's \"Turkey's government\" in %+v", a.Story, c.Conflicts)
	}
	for _, f := range c.Facts {
		if slices.Contains(f.Articles, faithful) || slices.Contains(f.Articles, ids["003"]) {
			t.Errorf("fact %q counts a copy: articles %v", f.Text, f.Articles)
		}
	}
	var outlets []string
	for _, o := range c.Outlets {
		outlets = append(outlets, o.Outlet)
		if o.Outlet == "The Other Times" && len(o.Unique) > 0 {
			t.Errorf("the faithful copy's outlet has facts of its own: %q", o.Unique)
		}
	}
	for _, p := range []string{"000", "001", "003"} {
		if !slices.Contains(outlets, string(ids[p])) {
			t.Errorf("outlets %v do not name %s (%s)", outlets, p, ids[p])
		}
	}
	if !slices.Contains(outlets, "The Other Times") {
		t.Errorf("outlets %v miss the faithful copy's", outlets)
	}

	code, out, errs := cli(t, "", "compare", "--db", db, string(a.Story))
	if code != 0 || !strings.Contains(out, "conflicts") || !strings.Contains(out, `"our"`) || !strings.Contains(out, `"Turkey’s"`) {
		t.Errorf("compare %s: exit %d, output\n%s%s\nwant the conflict \"our\" / \"Turkey’s\"", a.Story, code, out, errs)
	}
}
