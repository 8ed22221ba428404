package server_test

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
)

// TestKinds checks what a reader sees of articles' kinds over the seeds,
// whose 000 and 004 are editorials: the API's kind, reasons, filter and
// story counts, and the story page's opinion pieces listed apart, below
// the reports.
func TestKinds(t *testing.T) {
	f := newFixture(t, server.Options{}, seeds(t))
	var ops page[news.Summary]
	f.getJSON(t, "/api/articles?kind=opinion", 200, &ops)
	if ops.Total != 2 || len(ops.Items) != 2 {
		t.Fatalf("/api/articles?kind=opinion: %d articles, want the 2 editorials", ops.Total)
	}
	var all page[news.Summary]
	f.getJSON(t, "/api/articles", 200, &all)
	if all.Total != 5 {
		t.Fatalf("%d articles, want the 5 seeds", all.Total)
	}
	var report news.Summary
	for _, a := range all.Items {
		if a.Kind == news.NewsReport && strings.HasPrefix(a.Title, "A top US official") {
			report = a
		}
	}
	if report.ID == "" {
		t.Fatalf("001 is not listed as news: %+v", all.Items)
	}
	if code, _, _ := f.get(t, "/api/articles?kind=rumour"); code != 400 {
		t.Errorf("?kind=rumour: status %d, want 400", code)
	}
	editorial := ops.Items[0]
	if !strings.HasPrefix(editorial.Title, "US Deputy Secretary") {
		editorial = ops.Items[1]
	}
	var a struct {
		Article news.Article `json:"article"`
	}
	f.getJSON(t, "/api/articles/"+string(editorial.ID), 200, &a)
	if a.Article.Kind != news.Opinion || len(a.Article.KindReasons) == 0 {
		t.Errorf("article JSON: kind %q, reasons %q; want opinion with reasons", a.Article.Kind, a.Article.KindReasons)
	}
	_, _, body := f.get(t, "/articles/"+string(editorial.ID))
	if !strings.Contains(string(body), "k-opinion") || !strings.Contains(string(body), "Why opinion?") {
		t.Errorf("the article page does not label the editorial opinion with its reasons")
	}

	// 000 (an editorial) is in the story of 001 and 003 (reports).
	var stories page[news.StorySummary]
	f.getJSON(t, "/api/stories", 200, &stories)
	var story news.StorySummary
	for _, s := range stories.Items {
		if s.Opinions == 1 && s.Reports == 2 {
			story = s
		}
	}
	if story.ID == "" {
		t.Fatalf("no story of 2 news reports and 1 opinion piece: %+v", stories.Items)
	}
	_, _, body = f.get(t, "/stories/"+string(story.ID))
	html := string(body)
	reports, opinion := strings.Index(html, `id="articles"`), strings.Index(html, `id="opinion"`)
	if reports < 0 {
		t.Fatal("story page: no list of articles")
	}
	// Where the story's list of articles first links to an article (the
	// timeline above links to them too).
	at := func(id news.ArticleID) int {
		if i := strings.Index(html[reports:], `href="/articles/`+string(id)+`"`); i >= 0 {
			return reports + i
		}
		return -1
	}
	if reports < 0 || opinion < reports {
		t.Fatalf("story page: no Opinion section below the articles (%d, %d)", reports, opinion)
	}
	if e := at(editorial.ID); e < opinion {
		t.Errorf("the editorial is listed at %d, not in the Opinion section at %d", e, opinion)
	}
	if r := at(report.ID); r < reports || r > opinion {
		t.Errorf("the report is listed at %d, not among the reports (%d to %d)", r, reports, opinion)
	}
}
