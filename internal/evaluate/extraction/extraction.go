// Package extraction scores Storyline's main-text extraction on the
// Scrapinghub (Zyte) article-extraction benchmark: 181 HTML pages with
// human-written article bodies.
//
// The metric is the benchmark's own (evaluate.py in
// scrapinghub/article-extraction-benchmark): each text is cut into \w+
// tokens, case kept; the tokens give overlapping 4-gram shingles counted as
// a multiset (a text of fewer than four tokens gives one shorter shingle);
// true and false positives and false negatives are counted per page and
// normalised by their sum, so long pages weigh no more than short ones.
// Precision is the mean over pages that predicted something, recall the
// mean over pages with a gold body, and F1 the harmonic mean of those two
// means (not a mean of per-page F1).
package extraction

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/extract"
)

// Result is the score of one run over the benchmark.
type Result struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Pages     int     `json:"pages"`
	// Failed counts pages the extractor returned an error for; they are
	// scored as an empty prediction, as the benchmark does.
	Failed int         `json:"failed"`
	Items  []PageScore `json:"items,omitempty"`
}

// PageScore is the score of one page. TP, FP and FN are normalised to sum
// to 1 (all zero when both texts are empty).
type PageScore struct {
	ID        string  `json:"id"`
	URL       string  `json:"url"`
	TP        float64 `json:"tp"`
	FP        float64 `json:"fp"`
	FN        float64 `json:"fn"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Error     string  `json:"error,omitempty"`
}

// String formats the result for people: the three scores and the count of
// pages, then the ten worst pages by F1.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "precision=%.3f recall=%.3f F1=%.3f pages=%d failed=%d\n",
		r.Precision, r.Recall, r.F1, r.Pages, r.Failed)
	worst := slices.Clone(r.Items)
	slices.SortStableFunc(worst, func(a, b PageScore) int {
		switch {
		case a.F1 < b.F1:
			return -1
		case a.F1 > b.F1:
			return 1
		}
		return 0
	})
	for i, p := range worst {
		if i == 10 || p.F1 >= 0.99 {
			break
		}
		fmt.Fprintf(&b, "  F1=%.3f P=%.3f R=%.3f %s", p.F1, p.Precision, p.Recall, p.URL)
		if p.Error != "" {
			fmt.Fprintf(&b, " (%s)", p.Error)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

// goldPage is one entry of ground-truth.json.
type goldPage struct {
	ArticleBody string `json:"articleBody"`
	URL         string `json:"url"`
}

// ExtractFunc turns one page into its main text.
type ExtractFunc func(data []byte, pageURL string) (string, error)

// Run scores extract.HTML on the benchmark in dir, which holds
// ground-truth.json and html/<id>.html.gz.
func Run(ctx context.Context, dir string) (Result, error) {
	return RunWith(ctx, dir, func(data []byte, pageURL string) (string, error) {
		p, err := extract.HTML(data, pageURL)
		return p.Text, err
	})
}

// RunWith scores any extractor on the benchmark in dir. An extractor error
// on a page counts as an empty prediction for that page; only a missing or
// unreadable benchmark file, or ctx being done, stops the run.
func RunWith(ctx context.Context, dir string, fn ExtractFunc) (Result, error) {
	raw, err := os.ReadFile(filepath.Join(dir, "ground-truth.json"))
	if err != nil {
		return Result{}, fmt.Errorf("read benchmark %s: %w", dir, err)
	}
	var gold map[string]goldPage
	if err := json.Unmarshal(raw, &gold); err != nil {
		return Result{}, fmt.Errorf("read benchmark %s: ground-truth.json: %w", dir, err)
	}
	ids := make([]string, 0, len(gold))
	for id := range gold {
		ids = append(ids, id)
	}
	slices.Sort(ids)

	var res Result
	counts := make([]Counts, 0, len(ids))
	for _, id := range ids {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		g := gold[id]
		data, err := readGzip(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			return Result{}, fmt.Errorf("read benchmark %s: %w", dir, err)
		}
		item := PageScore{ID: id, URL: g.URL}
		pred, err := fn(data, g.URL)
		if err != nil {
			pred = ""
			item.Error = err.Error()
			res.Failed++
		}
		c := Match(g.ArticleBody, pred)
		counts = append(counts, c)
		item.TP, item.FP, item.FN = c.TP, c.FP, c.FN
		item.Precision, item.Recall = c.Precision(), c.Recall()
		item.F1 = harmonic(item.Precision, item.Recall)
		res.Items = append(res.Items, item)
	}
	res.Pages = len(counts)
	res.Precision, res.Recall, res.F1 = Summarise(counts)
	return res, nil
}

func readGzip(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	var b bytes.Buffer
	if _, err := io.Copy(&b, zr); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return b.Bytes(), nil
}

// Counts are one page's shingle matches, normalised to sum to 1.
type Counts struct {
	TP, FP, FN float64
}

// Precision is the page's precision with the benchmark's edge cases: 1
// when nothing was missed or added, 0 when nothing was predicted right.
func (c Counts) Precision() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FP == 0:
		return 0
	}
	return c.TP / (c.TP + c.FP)
}

// Recall is the page's recall, with the same edge cases as Precision.
func (c Counts) Recall() float64 {
	switch {
	case c.FP == 0 && c.FN == 0:
		return 1
	case c.TP == 0 && c.FN == 0:
		return 0
	}
	return c.TP / (c.TP + c.FN)
}

// Match compares a predicted text with the gold text as the benchmark
// does: 4-gram token shingles counted as multisets.
func Match(gold, pred string) Counts {
	g, p := shingles(gold, 4), shingles(pred, 4)
	var c Counts
	for k, gn := range g {
		pn := p[k]
		c.TP += float64(min(gn, pn))
		c.FN += float64(max(0, gn-pn))
	}
	for k, pn := range p {
		c.FP += float64(max(0, pn-g[k]))
	}
	if s := c.TP + c.FP + c.FN; s > 0 {
		c.TP, c.FP, c.FN = c.TP/s, c.FP/s, c.FN/s
	}
	return c
}

// Summarise averages pages as evaluate.py does: precision over pages with
// TP+FP > 0, recall over pages with TP+FN > 0, and F1 from the two means.
// A mean over no pages is an error there; here it is 0.
func Summarise(pages []Counts) (precision, recall, f1 float64) {
	var np, nr int
	for _, c := range pages {
		if c.TP+c.FP > 0 {
			precision += c.Precision()
			np++
		}
		if c.TP+c.FN > 0 {
			recall += c.Recall()
			nr++
		}
	}
	if np > 0 {
		precision /= float64(np)
	}
	if nr > 0 {
		recall /= float64(nr)
	}
	return precision, recall, harmonic(precision, recall)
}

func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// tokens splits text as Python's re.findall(r'\w+') does on str: runs of
// letters, digits (any numeric character) and underscores. Case is kept:
// the benchmark's IGNORECASE flag has no effect on \w.
func tokens(text string) []string {
	return strings.FieldsFunc(text, func(r rune) bool { return !isWord(r) })
}

func isWord(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}

// shingles counts the n-token windows of text, keyed by the tokens joined
// with a byte that no token holds. A text with fewer than n tokens gives
// one shingle of all its tokens; an empty text gives none.
func shingles(text string, n int) map[string]int {
	toks := tokens(text)
	out := make(map[string]int, len(toks))
	if len(toks) == 0 {
		return out
	}
	for i := 0; i < max(1, len(toks)-n+1); i++ {
		out[strings.Join(toks[i:min(i+n, len(toks))], "\x00")]++
	}
	return out
}
