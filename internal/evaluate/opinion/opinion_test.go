package opinion

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// byTitle calls an article opinion when its title says so, and counts the
// URLs it was given.
type byTitle struct{ urls int }

func (c *byTitle) Kind(a news.Article) (news.ArticleKind, []string) {
	if a.URL != "" {
		c.urls++
	}
	if strings.Contains(a.Title, "view") {
		return news.Opinion, []string{"title"}
	}
	return news.NewsReport, nil
}

func TestScore(t *testing.T) {
	in := `{"title": "a view", "text": "x", "kind": "opinion", "url": "https://example.com/opinion/1"}
{"title": "another view", "text": "x", "kind": "news"}
{"title": "report", "text": "x", "kind": "news"}
{"title": "report two", "text": "x", "kind": "opinion"}
{"title": "report three", "text": "x", "kind": "news"}
not json
{"title": "no kind", "text": "x", "kind": "review"}
{"title": "empty", "text": " ", "kind": "news"}
`
	c := &byTitle{}
	r, err := Score(context.Background(), strings.NewReader(in), c)
	if err != nil {
		t.Fatal(err)
	}
	// news: gold 3, predicted 3, correct 2: P = R = F1 = 2/3.
	// opinion: gold 2, predicted 2, correct 1: P = R = F1 = 1/2.
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	if r.Articles != 5 || !near(r.Accuracy, 3.0/5) || !near(r.MacroF1, (2.0/3+0.5)/2) {
		t.Errorf("articles %d, accuracy %.3f, macro F1 %.3f; want 5, 0.600, 0.583", r.Articles, r.Accuracy, r.MacroF1)
	}
	if r.Skipped != 3 || len(r.Problems) != 3 || !strings.HasPrefix(r.Problems[0], "line 6:") {
		t.Errorf("skipped %d: %q; want lines 6, 7 and 8", r.Skipped, r.Problems)
	}
	if len(r.Mistakes) != 2 || r.Mistakes[0].Line != 2 || r.Mistakes[1].Title != "report two" {
		t.Errorf("mistakes %+v; want lines 2 and 4", r.Mistakes)
	}
	if c.urls != 1 {
		t.Errorf("the classifier saw %d URLs, want the one given", c.urls)
	}
	if s := r.String(); !strings.Contains(s, "accuracy 0.600  macro F1 0.583") {
		t.Errorf("String:\n%s", s)
	}
}
