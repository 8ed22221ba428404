package server_test

import (
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/server"
)

// seedIDs returns the IDs of seeds 001 (the original) and 003 (its
// rewrite), found by the first words of their titles.
func seedIDs(t *testing.T, f *fixture) (orig, cp string) {
	t.Helper()
	var l page[idItem]
	f.getJSON(t, "/api/articles?limit=10", 200, &l)
	for _, a := range l.Items {
		switch {
		case strings.HasPrefix(a.Title, "A top US official"):
			orig = a.ID
		case strings.HasPrefix(a.Title, "Prior to a visit to Islamabad"):
			cp = a.ID
		}
	}
	if orig == "" || cp == "" {
		t.Fatalf("seeds 001 and 003 not among %+v", l.Items)
	}
	return orig, cp
}

// TestCompare checks what a reader of the seeds sees of seed 003's
// changes to seed 001: the API's comparison, the article page's diff, and
// the story page's badge.
func TestCompare(t *testing.T) {
	f := newFixture(t, server.Options{}, seeds(t))
	orig, cp := seedIDs(t, f)

	var c struct {
		Original  string `json:"original"`
		Copy      string `json:"copy"`
		SameFacts bool   `json:"same_facts"`
		Changes   []struct {
			Type, Original, Copy string
		} `json:"changes"`
	}
	f.getJSON(t, "/api/articles/"+cp+"/compare", 200, &c)
	if c.Original != orig || c.Copy != cp || c.SameFacts {
		t.Errorf("compare: original %s, copy %s, same_facts %v; want %s, %s, false", c.Original, c.Copy, c.SameFacts, orig, cp)
	}
	found := false
	for _, ch := range c.Changes {
		found = found || ch.Type == "entity" && ch.Original == "our" && strings.HasPrefix(ch.Copy, "Turkey")
	}
	if !found {
		t.Errorf("compare: no entity change our -> Turkey's in %+v", c.Changes)
	}
	var e struct{ Error string }
	f.getJSON(t, "/api/articles/"+orig+"/compare", 404, &e)
	if !strings.Contains(e.Error, "copies no stored article") {
		t.Errorf("compare of an original: error %q", e.Error)
	}
	f.getJSON(t, "/api/articles/000000000000/compare", 404, &e)

	code, _, body := f.get(t, "/articles/"+cp)
	html := string(body)
	if code != 200 {
		t.Fatalf("article page: status %d", code)
	}
	for _, want := range []string{
		`<span class="badge changed-facts">changed facts</span>`,
		`<del class="t-entity" title="entity: in the original only">our</del>`,
		`<ins class="t-entity" title="entity: in the copy only">Turkey’s </ins><span class="change-type t-entity">entity</span>`,
		`href="/articles/` + orig + `"`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("article page of the copy lacks %s", want)
		}
	}
	_, _, body = f.get(t, "/articles/"+orig)
	if strings.Contains(string(body), `id="compare"`) {
		t.Error("the original's page compares it with something")
	}

	var a struct {
		Story struct{ ID string } `json:"story"`
	}
	f.getJSON(t, "/api/articles/"+cp, 200, &a)
	_, _, body = f.get(t, "/stories/"+url.PathEscape(a.Story.ID))
	if !strings.Contains(string(body), `<a class="badge changed-facts" href="/articles/`+cp+`#compare"`) {
		t.Errorf("story page does not flag copy %s as changing facts", cp)
	}
	var st struct {
		CopyGroups page[struct {
			Copies []struct {
				ID           string `json:"id"`
				ChangedFacts bool   `json:"changed_facts"`
			} `json:"copies"`
		}] `json:"copy_groups"`
	}
	f.getJSON(t, "/api/stories/"+url.PathEscape(a.Story.ID), 200, &st)
	flagged := false
	for _, g := range st.CopyGroups.Items {
		for _, c := range g.Copies {
			flagged = flagged || c.ID == cp && c.ChangedFacts
		}
	}
	if !flagged {
		t.Errorf("story JSON does not flag copy %s: %+v", cp, st.CopyGroups.Items)
	}
}

// TestStoryCompare checks the story of seeds 001 and 003 side by side:
// the API lists 001's "our" and 003's "Turkey's" government as a conflict
// between the two articles, which have no outlet and are named by their
// IDs, 003 counting for no fact since it copies 001; the story page shows
// the conflict in its sources section.
func TestStoryCompare(t *testing.T) {
	f := newFixture(t, server.Options{}, seeds(t))
	orig, cp := seedIDs(t, f)
	var a struct {
		Story struct{ ID string } `json:"story"`
	}
	f.getJSON(t, "/api/articles/"+orig, 200, &a)
	type value struct {
		Text     string   `json:"text"`
		Outlets  []string `json:"outlets"`
		Articles []string `json:"articles"`
	}
	var c struct {
		Story     string  `json:"story"`
		Facts     []value `json:"facts"`
		Conflicts []struct {
			Type   string  `json:"type"`
			Values []value `json:"values"`
		} `json:"conflicts"`
		Outlets []struct {
			Outlet string   `json:"outlet"`
			Kind   string   `json:"kind"`
			Unique []string `json:"unique"`
		} `json:"outlets"`
	}
	f.getJSON(t, "/api/stories/"+url.PathEscape(a.Story.ID)+"/compare", 200, &c)
	if c.Story != a.Story.ID {
		t.Errorf("story %q, want %q", c.Story, a.Story.ID)
	}
	found := false
	for _, k := range c.Conflicts {
		ours := slices.ContainsFunc(k.Values, func(v value) bool {
			return slices.Equal(v.Articles, []string{orig}) && slices.Equal(v.Outlets, []string{orig}) && strings.Contains(v.Text, "our government")
		})
		turkeys := slices.ContainsFunc(k.Values, func(v value) bool {
			return slices.Equal(v.Articles, []string{cp}) && slices.Equal(v.Outlets, []string{cp}) && strings.Contains(v.Text, "Turkey’s government")
		})
		found = found || k.Type == "entity" && ours && turkeys
	}
	if !found {
		t.Errorf("no entity conflict between %s's \"our government\" and %s's \"Turkey’s government\" in %+v", orig, cp, c.Conflicts)
	}
	for _, fa := range c.Facts {
		if slices.Contains(fa.Articles, cp) {
			t.Errorf("fact %q counts the copy %s", fa.Text, cp)
		}
	}
	if len(c.Outlets) < 2 || c.Outlets[0].Kind != "news" {
		t.Errorf("outlets %+v, want the articles named apart, news", c.Outlets)
	}
	f.getJSON(t, "/api/stories/s-000000000000/compare", 404, &struct{}{})

	code, _, body := f.get(t, "/stories/"+url.PathEscape(a.Story.ID))
	html := string(body)
	if code != 200 {
		t.Fatalf("story page: status %d", code)
	}
	for _, want := range []string{
		`<h2>Sources side by side`,
		`<span class="badge chg chg-entity">entity</span>`,
		`<mark>our</mark> — ` + orig,
		`<mark>Turkey’s</mark> — ` + cp,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
}

// TestBrowserCompare follows the story page's badge to the copy's diff in
// the browser.
func TestBrowserCompare(t *testing.T) {
	dir := seeds(t)
	b := newBrowser(t, 1280, 900)
	f := newFixture(t, server.Options{}, dir)
	_, cp := seedIDs(t, f)
	var a struct {
		Story struct{ ID string } `json:"story"`
	}
	f.getJSON(t, "/api/articles/"+cp, 200, &a)
	b.open(f.srv.URL + "/stories/" + url.PathEscape(a.Story.ID))
	b.click(".group a.badge.changed-facts")
	if got := b.text("#compare h2 .badge"); got != "changed facts" && got != "CHANGED FACTS" {
		t.Errorf("badge on the copy's page reads %q", got)
	}
	dels, inss := b.texts("#diff del.t-entity"), b.texts("#diff ins.t-entity")
	if !contains(dels, "our") || !contains(inss, "Turkey") {
		t.Errorf("diff: entity removals %q, additions %q; want our -> Turkey's", dels, inss)
	}
	if b.count("#compare ul.changes li") == 0 {
		t.Error("no change listed")
	}
}

func contains(ss []string, sub string) bool {
	for _, s := range ss {
		if strings.Contains(s, sub) {
			return true
		}
	}
	return false
}
