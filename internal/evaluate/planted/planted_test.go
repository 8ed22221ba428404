package planted

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/ner"
)

const ecbplus = "../../../../shared/data/clustering/ecbplus-train.jsonl"

// TestRun plants changes in the first 120 ECB+ reports and checks the
// targets of issue 20: precision and recall of at least 0.9 for every
// planted type, and faithful copies that change no fact.
func TestRun(t *testing.T) {
	f, err := os.Open(ecbplus)
	if err != nil {
		t.Skipf("ECB+ not found at %s (it lives in shared/ beside the checkout)", ecbplus)
	}
	defer f.Close()
	var b strings.Builder
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 0; n < 120 && sc.Scan(); n++ {
		b.WriteString(sc.Text() + "\n")
	}
	b.WriteString("not json\n")
	path := filepath.Join(t.TempDir(), "reports.jsonl")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	tagger, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	r, err := Run(context.Background(), path, tagger.Tag)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Problems) != 1 || !strings.HasPrefix(r.Problems[0], "line 121:") {
		t.Errorf("problems %q, want the broken line 121", r.Problems)
	}
	for _, typ := range Types {
		s := r.Types[typ]
		if s.Planted < 50 || s.Precision < 0.9 || s.Recall < 0.9 {
			t.Errorf("%s: %d planted, precision %.3f, recall %.3f; want 50 or more, both at least 0.9", typ, s.Planted, s.Precision, s.Recall)
		}
	}
	if r.Faithful < 200 || r.FalseChangeRate > 0.01 {
		t.Errorf("%d faithful copies, %.3f said to change a fact; want 200 or more, at most 0.01", r.Faithful, r.FalseChangeRate)
	}
}

// TestPlant checks that planting is deterministic and that each copy
// differs from its report as its type says.
func TestPlant(t *testing.T) {
	reports := []string{
		"Police arrested 12 men in London on Monday. The minister said the protest was peaceful. Officials were not available for comment.",
		"Fire broke out at a warehouse in Manchester on Tuesday. Three firefighters were injured in the blaze, the fire service said.",
	}
	tagger, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	names := namePool(reports, tagger.Tag)
	a, b := Plant(reports, names, tagger.Tag), Plant(reports, names, tagger.Tag)
	if len(a) != len(b) {
		t.Fatalf("two plantings made %d and %d copies", len(a), len(b))
	}
	seen := map[compare.Type]bool{}
	for i := range a {
		if a[i] != b[i] {
			t.Errorf("copy %d differs between two plantings:\n%q\n%q", i, a[i].Text, b[i].Text)
		}
		c := a[i]
		seen[c.Planted] = true
		switch c.Planted {
		case compare.Removed:
			if len(c.Text) >= len(c.Original) {
				t.Errorf("removed: copy %q is not shorter than %q", c.Text, c.Original)
			}
		case compare.Added:
			if len(c.Text) <= len(c.Original) {
				t.Errorf("added: copy %q is not longer than %q", c.Text, c.Original)
			}
		case Faithful:
			if strings.Join(strings.Fields(c.Text), " ") == "" {
				t.Errorf("faithful copy is empty")
			}
		default:
			if c.Text == c.Original {
				t.Errorf("%s: copy equals its report", c.Planted)
			}
		}
	}
	for _, typ := range append(Types, Faithful) {
		if !seen[typ] {
			t.Errorf("no copy planted with %s", typ)
		}
	}
}
