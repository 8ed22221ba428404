package factchange

import (
	"context"
	"math"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/compare"
)

func TestScore(t *testing.T) {
	in := `{"original": "a", "copy": "a", "label": "same_facts"}
{"original": "a", "copy": "b", "label": "changed"}
{"original": "a", "copy": "c", "label": "changed"}
not json
{"original": "a", "copy": "d", "label": "maybe"}
{"original": "a", "copy": "e", "label": "same_facts"}
`
	pairs, problems, err := Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs) != 4 || len(problems) != 2 {
		t.Fatalf("read %d pairs and problems %q; want 4 pairs, 2 problems", len(pairs), problems)
	}
	// Says changed for b and e: one of two changed found, one of two
	// faithful taken for a change.
	r, err := Score(context.Background(), pairs, func(o, c string) (bool, string) { return c == "b" || c == "e", "" })
	if err != nil {
		t.Fatal(err)
	}
	if r.TP != 1 || r.FP != 1 || r.TN != 1 || r.FN != 1 {
		t.Errorf("confusion %d %d %d %d, want 1 1 1 1", r.TP, r.FP, r.TN, r.FN)
	}
	if r.BalancedAccuracy != 0.5 || r.Precision != 0.5 || r.Recall != 0.5 || len(r.Mistakes) != 2 {
		t.Errorf("scores %+v, want 0.5 each and two mistakes", r.Scores)
	}
}

// TestSummEditsDev checks the target of issue 20 on the SummEdits news dev
// pairs: balanced accuracy of at least 0.80 (a development figure: the
// rules were written with these pairs in view).
func TestSummEditsDev(t *testing.T) {
	const file = "../../../../shared/data/factchange/summedits-news-dev.jsonl"
	if _, err := os.Stat(file); err != nil {
		t.Skipf("SummEdits dev not found at %s (it lives in shared/ beside the checkout)", file)
	}
	c := compare.New()
	r, err := Run(context.Background(), file, func(o, cp string) (bool, string) {
		return !c.Compare(compare.Text{Text: o}, compare.Text{Text: cp}).SameFacts, ""
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Pairs != 133 || r.BalancedAccuracy < 0.80 || math.IsNaN(r.Precision) {
		t.Errorf("%d pairs, balanced accuracy %.3f; want 133 and at least 0.80", r.Pairs, r.BalancedAccuracy)
	}
}
