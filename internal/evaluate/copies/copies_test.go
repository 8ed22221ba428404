package copies

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var dataDir = filepath.Join("..", "..", "..", "..", "shared", "data")

func needData(t *testing.T) {
	t.Helper()
	for _, p := range []string{
		"extraction/scrapinghub/ground-truth.json",
		"clustering/ecbplus-train.jsonl",
		"paraphrase/msrp/msr_paraphrase_train.txt",
	} {
		if _, err := os.Stat(filepath.Join(dataDir, p)); err != nil {
			t.Skipf("evaluation data not found (%v): needs shared/data beside the checkout", err)
		}
	}
}

// TestRun checks the targets: exact and near copies found with precision
// and recall of 0.95 or more, rewrites reported.
func TestRun(t *testing.T) {
	needData(t)
	res, err := Run(context.Background(), dataDir)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := res.Print(&b); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + b.String())
	if res.Docs < 1500 {
		t.Errorf("only %d documents generated", res.Docs)
	}
	for _, s := range res.Kinds {
		if s.Truth == 0 {
			t.Errorf("%s: no true pairs generated", s.Kind)
		}
		switch s.Kind {
		case "exact", "near":
			if s.Precision < 0.95 || s.Recall < 0.95 {
				t.Errorf("%s: precision %.3f recall %.3f, want both >= 0.95", s.Kind, s.Precision, s.Recall)
			}
		case "rewrite":
			if s.Recall < 0.8 {
				t.Errorf("rewrite recall %.3f, want >= 0.8", s.Recall)
			}
		}
	}
	if n := res.FalseLinks["ecb same topic"]; n > 5 {
		t.Errorf("%d links between different ECB+ articles on one topic, want at most 5", n)
	}
	if _, err := json.Marshal(res); err != nil {
		t.Errorf("result does not encode as JSON: %v", err)
	}
}

// TestGenerateDeterministic checks that the test set is the same every run.
func TestGenerateDeterministic(t *testing.T) {
	needData(t)
	bases, err := loadBases(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	msrp, err := loadMSRP(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	a, b := generate(bases, msrp, Seed), generate(bases, msrp, Seed)
	if len(a) != len(b) {
		t.Fatalf("two runs gave %d and %d documents", len(a), len(b))
	}
	kinds := map[string]int{}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Text != b[i].Text || !a[i].Published.Equal(b[i].Published) {
			t.Fatalf("document %d differs between runs: %s vs %s", i, a[i].ID, b[i].ID)
		}
		kinds[string(a[i].Kind)]++
	}
	for _, k := range []string{"exact", "near", "rewrite"} {
		if kinds[k] < 100 {
			t.Errorf("only %d %s copies generated", kinds[k], k)
		}
	}
}

func TestChangeWordsRate(t *testing.T) {
	gen := &generator{vocab: []string{"alpha", "beta", "gamma"}}
	gen.rng = newRand(1)
	text := strings.Repeat("word ", 2000)
	out := strings.Fields(gen.changeWords(text, 0.1))
	changed := 0
	for _, w := range out {
		if w != "word" {
			changed++
		}
	}
	// Replacements and insertions bring in other words; deletions do not.
	if changed < 100 || changed > 250 {
		t.Errorf("changeWords at 10%% brought in %d new words in 2000, want about 150", changed)
	}
}
