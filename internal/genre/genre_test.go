package genre

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func TestPublisherSignals(t *testing.T) {
	c := New()
	report := "The ministry said on Tuesday that 12 people were hurt. \"We are investigating,\" a spokesman told reporters."
	for _, tc := range []struct {
		name string
		a    news.Article
		want news.ArticleKind
		why  string
	}{
		{"url path", news.Article{URL: "https://www.theguardian.com/commentisfree/2024/may/28/x", Text: report}, news.Opinion, "URL path /commentisfree/"},
		{"json-ld type", news.Article{Text: report, Meta: map[string]string{"type": "OpinionNewsArticle"}}, news.Opinion, "OpinionNewsArticle"},
		{"section", news.Article{Text: report, Meta: map[string]string{"section": "Opinion"}}, news.Opinion, `section "Opinion"`},
		{"feed categories", news.Article{Text: report, Meta: map[string]string{"categories": `["Politics","Editorials"]`}}, news.Opinion, "Editorials"},
		{"byline", news.Article{Text: report, Meta: map[string]string{"author": "The Editorial Board"}}, news.Opinion, "byline"},
		{"title label", news.Article{Title: "COMMENTARY: Donald Trump, candidate of change", Text: report}, news.Opinion, `title label "COMMENTARY"`},
		{"label above the text", news.Article{Text: "EDITORIAL\n\n" + report}, news.Opinion, "label"},
		{"news section", news.Article{URL: "https://example.com/world/2024/x", Text: report, Meta: map[string]string{"section": "World"}}, news.NewsReport, "text:"},
		{"a word, not a label", news.Article{Title: "Opinion polls show a close race", Text: report}, news.NewsReport, "text:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Classify(tc.a)
			if r.Kind != tc.want || len(r.Reasons) == 0 || !strings.Contains(r.Reasons[0], tc.why) {
				t.Errorf("Classify = %s %q, want %s because of %q", r.Kind, r.Reasons, tc.want, tc.why)
			}
		})
	}
}

func TestTextVoice(t *testing.T) {
	c := New()
	opinion := `We have waited long enough. The government should stop pretending that the crisis will solve itself.
It is shameful that our leaders still refuse to act. Why do we keep electing people who ignore us?
Of course, the minister will say that he needs more time. He does not. We must demand better, and we must do it now!`
	report := `Flooding forced 2,000 people from their homes in the north of the country on Monday, officials said.
The interior ministry said 14 people had died and 37 were missing. "Rescue teams are working through the night," a spokeswoman told reporters.
According to the weather service, 120 mm of rain fell in 24 hours. The prime minister will visit the region on Wednesday, his office said.`
	for _, tc := range []struct {
		name, text string
		want       news.ArticleKind
	}{
		{"argument", opinion, news.Opinion},
		{"report", report, news.NewsReport},
		// Opinions in quotation marks are a source's, not the author's.
		{"quoted argument", `"We must act now. It is shameful that we wait," the mayor said on Tuesday.
"Why do we keep waiting?" she asked reporters, according to a statement. The council met for 3 hours on Monday.`, news.NewsReport},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := c.Text(tc.text)
			if r.Kind != tc.want {
				t.Errorf("Text = %s (score %.2f, %q), want %s", r.Kind, r.Score, r.Reasons, tc.want)
			}
			if len(r.Reasons) < 2 {
				t.Errorf("reasons %q: want the score and the signs", r.Reasons)
			}
		})
	}
}

// TestSeeds checks the seed articles, plain text with no publisher
// labels: 000 and 004 are editorials, 001 to 003 news reports. The
// weights were fitted without them.
func TestSeeds(t *testing.T) {
	paths, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(paths) != 5 {
		t.Skip("no seeds beside the checkout")
	}
	c := New()
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		want := news.NewsReport
		if n := filepath.Base(p)[:3]; n == "000" || n == "004" {
			want = news.Opinion
		}
		if r := c.Text(string(b)); r.Kind != want {
			t.Errorf("%s: %s (score %.2f, %q), want %s", filepath.Base(p), r.Kind, r.Score, r.Reasons, want)
		}
	}
}

func BenchmarkClassify(b *testing.B) {
	rows := []string{}
	f, err := os.ReadFile(devSet)
	if err != nil {
		b.Skip(err)
	}
	for _, line := range strings.Split(string(f), "\n") {
		if i := strings.Index(line, `"text": "`); i >= 0 {
			rows = append(rows, line[i:])
		}
	}
	c := New()
	b.ResetTimer()
	bytes := 0
	for i := 0; b.Loop(); i++ {
		a := news.Article{Text: rows[i%len(rows)], URL: "https://example.com/politics/2017/10/01/a-story"}
		bytes += len(a.Text)
		c.Classify(a)
	}
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes/article")
}
