package main

import (
	"os"
	"path/filepath"
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

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{string(ids["002"])}, "not a copy of any stored article"},
		{[]string{"s-2bfa48b6a6dd"}, "story comparison: not yet"},
		{[]string{"per-imran-khan"}, "not an article ID"},
		{[]string{"000000000000"}, "not found"},
	} {
		code, _, errs := cli(t, "", append([]string{"compare", "--db", db}, tc.args...)...)
		if code == 0 || !strings.Contains(errs, tc.want) {
			t.Errorf("compare %v: exit %d, stderr %q; want a failure saying %q", tc.args, code, errs, tc.want)
		}
	}
}
