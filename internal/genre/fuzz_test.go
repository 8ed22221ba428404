package genre

import (
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// FuzzClassify checks that any text, title and URL get a kind with a
// reason, whatever their bytes.
func FuzzClassify(f *testing.F) {
	f.Add("OPINION: We must act.", "“I believe,” she said. We should? Yes! ‘quoted’ 3.5 U.S. officials", "https://x.example/opinion/a")
	f.Add("", "\"unclosed quote\n\n’’‘‘ it's… don’t", "%zz")
	f.Add("Editorial", "\xff\xfe broken UTF-8 «nested “quotes”»", "")
	c := New()
	f.Fuzz(func(t *testing.T, title, text, url string) {
		r := c.Classify(news.Article{Title: title, Text: text, URL: url})
		if r.Kind != news.NewsReport && r.Kind != news.Opinion {
			t.Fatalf("kind %q", r.Kind)
		}
		if len(r.Reasons) == 0 {
			t.Fatal("no reason given")
		}
	})
}
