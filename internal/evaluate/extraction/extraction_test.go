package extraction

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

// TestMatch checks the benchmark's shingle matching on cases worked out by
// hand from evaluate.py.
func TestMatch(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		want       Counts
		p, r       float64
	}{
		{"identical", "one two three four five", "one two three four five", Counts{1, 0, 0}, 1, 1},
		{"punctuation and spacing ignored", "one, two. three!\n\nfour", "one two three four", Counts{1, 0, 0}, 1, 1},
		// gold shingles {1234, 2345}, pred {1234}: tp 1, fn 1.
		{"missing the end", "one two three four five", "one two three four", Counts{0.5, 0, 0.5}, 1, 0.5},
		// pred adds {0123}: tp 2, fp 1.
		{"extra start", "one two three four five", "zero one two three four five", Counts{2.0 / 3, 1.0 / 3, 0}, 2.0 / 3, 1},
		{"case matters", "The cat sat down", "the cat sat down", Counts{0, 0.5, 0.5}, 0, 0},
		// Shingles are counted: gold holds "a b c d" twice, pred once.
		{"multiset", "a b c d a b c d", "a b c d", Counts{0.2, 0, 0.8}, 1, 0.2},
		// Fewer than four tokens: one shingle of all of them.
		{"short texts", "hello world", "hello world", Counts{1, 0, 0}, 1, 1},
		{"short and different", "hello world", "hello there", Counts{0, 0.5, 0.5}, 0, 0},
		{"empty prediction", "one two three four", "", Counts{0, 0, 1}, 0, 0},
		{"empty gold", "", "one two three four", Counts{0, 1, 0}, 0, 0},
		{"both empty", "", "", Counts{0, 0, 0}, 1, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Match(tt.gold, tt.pred)
			if !near(c.TP, tt.want.TP) || !near(c.FP, tt.want.FP) || !near(c.FN, tt.want.FN) {
				t.Errorf("Match = %+v, want %+v", c, tt.want)
			}
			if !near(c.Precision(), tt.p) || !near(c.Recall(), tt.r) {
				t.Errorf("P, R = %v, %v; want %v, %v", c.Precision(), c.Recall(), tt.p, tt.r)
			}
		})
	}
}

// TestTokens checks that tokens follow Python's re.findall(r'\w+') on str.
func TestTokens(t *testing.T) {
	tests := map[string][]string{
		"Don't stop—now!":       {"Don", "t", "stop", "now"},
		"snake_case x2 ½ ٣":     {"snake_case", "x2", "½", "٣"},
		"Zürich café":           {"Zürich", "café"},
		"cafe\u0301 bar":        {"cafe", "bar"}, // a combining mark is not \w
		"東京の港":                  {"東京の港"},
		"e-mail: a@b.c, 10.5%":  {"e", "mail", "a", "b", "c", "10", "5"},
		"":                      nil,
		"  \n\t ... ":           nil,
		"Pakistan’s TTP (2021)": {"Pakistan", "s", "TTP", "2021"},
	}
	for in, want := range tests {
		if got := tokens(in); !slices.Equal(got, want) {
			t.Errorf("tokens(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestSummarise checks the averaging: precision over pages that predicted
// something, recall over pages with gold text, F1 from the two means.
func TestSummarise(t *testing.T) {
	pages := []Counts{
		{TP: 0.5, FP: 0.5, FN: 0}, // P 0.5, R 1
		{TP: 0, FP: 0, FN: 1},     // nothing predicted: left out of precision, R 0
		{TP: 0, FP: 0, FN: 0},     // both empty: left out of both
	}
	p, r, f1 := Summarise(pages)
	if !near(p, 0.5) || !near(r, 0.5) || !near(f1, 0.5) {
		t.Errorf("Summarise = %v, %v, %v; want 0.5, 0.5, 0.5", p, r, f1)
	}
	// F1 is the harmonic mean of the means, not the mean of page F1s.
	p, r, f1 = Summarise([]Counts{{TP: 1}, {TP: 0.5, FN: 0.5}})
	if !near(p, 1) || !near(r, 0.75) || !near(f1, 2*0.75/1.75) {
		t.Errorf("Summarise = %v, %v, %v; want 1, 0.75, %v", p, r, f1, 2*0.75/1.75)
	}
	if p, r, f1 := Summarise(nil); p != 0 || r != 0 || f1 != 0 {
		t.Errorf("Summarise(nil) = %v, %v, %v; want zeros", p, r, f1)
	}
}

// writeBenchmark lays out a tiny benchmark directory of fictional pages.
func writeBenchmark(t *testing.T, pages map[string][2]string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "html"), 0o755); err != nil {
		t.Fatal(err)
	}
	gold := map[string]goldPage{}
	for id, pg := range pages {
		gold[id] = goldPage{ArticleBody: pg[1], URL: "https://example.org/" + id}
		f, err := os.Create(filepath.Join(dir, "html", id+".html.gz"))
		if err != nil {
			t.Fatal(err)
		}
		zw := gzip.NewWriter(f)
		if _, err := zw.Write([]byte(pg[0])); err != nil {
			t.Fatal(err)
		}
		if err := zw.Close(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	b, err := json.Marshal(gold)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ground-truth.json"), b, 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestRunWith(t *testing.T) {
	dir := writeBenchmark(t, map[string][2]string{
		"a": {"<p>alpha beta gamma delta epsilon</p>", "alpha beta gamma delta epsilon"},
		"b": {"<p>one two three four five</p>", "one two three four five six"},
		"c": {"<p>broken</p>", "the gold text of the broken page"},
	})
	// A stand-in extractor: strips the <p> tags, fails on page c.
	fn := func(data []byte, pageURL string) (string, error) {
		if strings.HasSuffix(pageURL, "/c") {
			return "", errors.New("no article")
		}
		s := strings.TrimSuffix(strings.TrimPrefix(string(data), "<p>"), "</p>")
		return s, nil
	}
	res, err := RunWith(context.Background(), dir, fn)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 3 || res.Failed != 1 || len(res.Items) != 3 {
		t.Fatalf("Pages, Failed, Items = %d, %d, %d; want 3, 1, 3", res.Pages, res.Failed, len(res.Items))
	}
	// a: P 1, R 1. b: gold 3 shingles, pred 2 all right: P 1, R 2/3.
	// c: failed, empty prediction: out of precision, R 0.
	wantR := (1 + 2.0/3 + 0) / 3
	if !near(res.Precision, 1) || !near(res.Recall, wantR) || !near(res.F1, 2*wantR/(1+wantR)) {
		t.Errorf("P, R, F1 = %v, %v, %v; want 1, %v, %v", res.Precision, res.Recall, res.F1, wantR, 2*wantR/(1+wantR))
	}
	if res.Items[2].Error == "" {
		t.Errorf("failed page has no error: %+v", res.Items[2])
	}
	out := res.String()
	for _, want := range []string{"precision=1.000", "F1=", "pages=3", "failed=1", "https://example.org/c", "(no article)"} {
		if !strings.Contains(out, want) {
			t.Errorf("String() lacks %q:\n%s", want, out)
		}
	}
	b, err := json.Marshal(res)
	if err != nil {
		t.Fatal(err)
	}
	for _, field := range []string{`"precision":`, `"recall":`, `"f1":`, `"pages":3`} {
		if !strings.Contains(string(b), field) {
			t.Errorf("JSON lacks %s: %s", field, b)
		}
	}
}

func TestRunWithErrors(t *testing.T) {
	if _, err := RunWith(context.Background(), t.TempDir(), nil); err == nil {
		t.Error("no error for a directory without ground-truth.json")
	}
	dir := writeBenchmark(t, map[string][2]string{"a": {"<p>x</p>", "x"}})
	if err := os.Remove(filepath.Join(dir, "html", "a.html.gz")); err != nil {
		t.Fatal(err)
	}
	if _, err := RunWith(context.Background(), dir, func([]byte, string) (string, error) { return "", nil }); err == nil {
		t.Error("no error for a missing page")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir = writeBenchmark(t, map[string][2]string{"a": {"<p>x</p>", "x"}})
	if _, err := RunWith(ctx, dir, func([]byte, string) (string, error) { return "", nil }); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

// TestScrapinghub runs extract.HTML over the real benchmark and holds it to
// go-trafilatura's published F1 of 0.960.
func TestScrapinghub(t *testing.T) {
	if testing.Short() {
		t.Skip("the benchmark takes several seconds; skipped with -short")
	}
	dir := filepath.Join("..", "..", "..", "..", "shared", "data", "extraction", "scrapinghub")
	if _, err := os.Stat(filepath.Join(dir, "ground-truth.json")); err != nil {
		t.Skipf("benchmark data not found (needs shared/ beside the checkout): %v", err)
	}
	res, err := Run(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s", res)
	if res.Pages != 181 {
		t.Errorf("Pages = %d, want 181", res.Pages)
	}
	if res.F1 < 0.960 {
		t.Errorf("F1 = %.4f, want at least 0.960 (go-trafilatura's published score)", res.F1)
	}
}
