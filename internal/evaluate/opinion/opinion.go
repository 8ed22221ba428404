// Package opinion scores the news-or-opinion classifier on articles
// labelled by reading them: JSON Lines with title, text, kind ("news" or
// "opinion") and an optional url, such as the 40 development articles of
// the SemEval-2019 by-article set in shared/data/opinion. Each article is
// classified from its title and text as given, and from its URL when the
// row has one; no other metadata is used. The scores are accuracy and the
// macro F1 over the two kinds (the mean of each kind's F1).
package opinion

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Classifier gives an article's kind with the reasons.
type Classifier interface {
	Kind(a news.Article) (news.ArticleKind, []string)
}

// Row is one labelled article.
type Row struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Text  string `json:"text"`
	URL   string `json:"url"`
	Kind  string `json:"kind"`
}

// Class holds the scores of one kind.
type Class struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Mistake is an article classified wrongly.
type Mistake struct {
	Line    int      `json:"line"`
	ID      string   `json:"id,omitzero"`
	Title   string   `json:"title"`
	Gold    string   `json:"gold"`
	Reasons []string `json:"reasons"`
}

// Result holds the scores of a run.
type Result struct {
	Articles int     `json:"articles"`
	Accuracy float64 `json:"accuracy"`
	MacroF1  float64 `json:"macro_f1"`
	News     Class   `json:"news"`
	Opinion  Class   `json:"opinion"`
	// Skipped counts the rows that could not be scored (not JSON, no
	// text, a kind other than news or opinion); Problems says why, by
	// line.
	Skipped  int       `json:"skipped"`
	Problems []string  `json:"problems,omitzero"`
	Mistakes []Mistake `json:"mistakes"`
}

// String prints the result for people.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles %d (news %d, opinion %d), skipped %d\n", r.Articles, r.News.Gold, r.Opinion.Gold, r.Skipped)
	fmt.Fprintf(&b, "accuracy %.3f  macro F1 %.3f\n", r.Accuracy, r.MacroF1)
	for _, c := range []struct {
		name string
		c    Class
	}{{"news", r.News}, {"opinion", r.Opinion}} {
		fmt.Fprintf(&b, "%-8s P %.3f  R %.3f  F1 %.3f\n", c.name, c.c.Precision, c.c.Recall, c.c.F1)
	}
	for _, m := range r.Mistakes {
		fmt.Fprintf(&b, "missed: line %d, %s read as %s: %q", m.Line, m.Gold, other(m.Gold), m.Title)
		if len(m.Reasons) > 0 {
			fmt.Fprintf(&b, " (%s)", m.Reasons[0])
		}
		b.WriteByte('\n')
	}
	for _, p := range r.Problems {
		fmt.Fprintf(&b, "skipped: %s\n", p)
	}
	return strings.TrimRight(b.String(), "\n")
}

func other(kind string) string {
	if kind == string(news.Opinion) {
		return string(news.NewsReport)
	}
	return string(news.Opinion)
}

// Run scores c on the JSON Lines file at path.
func Run(ctx context.Context, path string, c Classifier) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, err
	}
	defer f.Close()
	return Score(ctx, f, c)
}

// Score scores c on the JSON Lines read from r. A row that cannot be
// scored is skipped and reported; it does not stop the run.
func Score(ctx context.Context, r io.Reader, c Classifier) (Result, error) {
	var res Result
	sc := bufio.NewScanner(r)
	sc.Buffer(nil, 64<<20)
	line := 0
	for sc.Scan() {
		line++
		if err := ctx.Err(); err != nil {
			return res, err
		}
		raw := strings.TrimSpace(sc.Text())
		if raw == "" {
			continue
		}
		var row Row
		if err := json.Unmarshal([]byte(raw), &row); err != nil {
			res.skip(line, "not a JSON object: %v", err)
			continue
		}
		gold := news.ArticleKind(strings.ToLower(strings.TrimSpace(row.Kind)))
		if gold != news.NewsReport && gold != news.Opinion {
			res.skip(line, "kind %q is neither news nor opinion", row.Kind)
			continue
		}
		if strings.TrimSpace(row.Text) == "" {
			res.skip(line, "no text")
			continue
		}
		got, reasons := c.Kind(news.Article{Title: row.Title, Text: row.Text, URL: row.URL})
		res.add(gold, got)
		if got != gold {
			res.Mistakes = append(res.Mistakes, Mistake{Line: line, ID: row.ID, Title: row.Title, Gold: string(gold), Reasons: reasons})
		}
	}
	if err := sc.Err(); err != nil {
		return res, fmt.Errorf("line %d: %w", line+1, err)
	}
	res.finish()
	return res, nil
}

func (r *Result) skip(line int, format string, args ...any) {
	r.Skipped++
	r.Problems = append(r.Problems, fmt.Sprintf("line %d: ", line)+fmt.Sprintf(format, args...))
}

func (r *Result) add(gold, got news.ArticleKind) {
	r.Articles++
	for _, c := range []struct {
		kind news.ArticleKind
		c    *Class
	}{{news.NewsReport, &r.News}, {news.Opinion, &r.Opinion}} {
		if gold == c.kind {
			c.c.Gold++
		}
		if got == c.kind {
			c.c.Predicted++
		}
		if gold == c.kind && got == c.kind {
			c.c.Correct++
		}
	}
}

func (r *Result) finish() {
	for _, c := range []*Class{&r.News, &r.Opinion} {
		c.Precision = ratio(c.Correct, c.Predicted)
		c.Recall = ratio(c.Correct, c.Gold)
		if c.Precision+c.Recall > 0 {
			c.F1 = 2 * c.Precision * c.Recall / (c.Precision + c.Recall)
		}
	}
	r.Accuracy = ratio(r.News.Correct+r.Opinion.Correct, r.Articles)
	r.MacroF1 = (r.News.F1 + r.Opinion.F1) / 2
	if r.Mistakes == nil {
		r.Mistakes = []Mistake{}
	}
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
