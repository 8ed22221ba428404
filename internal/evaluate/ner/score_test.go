package ner

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"
)

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestCounter(t *testing.T) {
	var c Counter
	add := func(gold, pred string) {
		t.Helper()
		if err := c.Add(strings.Fields(gold), strings.Fields(pred)); err != nil {
			t.Fatal(err)
		}
	}
	// Gold: PER(0,2) LOC(3,4); predicted: PER(0,2) right, LOC as ORG wrong.
	add("B-PER I-PER O B-LOC", "B-PER I-PER O B-ORG")
	// Gold: ORG(0,2) MISC(2,3); predicted: ORG(0,1) short (wrong), MISC right.
	add("B-ORG I-ORG B-MISC O", "B-ORG O B-MISC O")
	// IOB1 gold against IOB2 prediction of the same entity: right.
	add("I-LOC O", "B-LOC O")
	r := c.Result()

	tests := []struct {
		name                     string
		got                      Score
		correct, predicted, gold int
	}{
		{"PER", r.PerType["PER"], 1, 1, 1},
		{"ORG", r.PerType["ORG"], 0, 2, 1},
		{"LOC", r.PerType["LOC"], 1, 1, 2},
		{"MISC", r.PerType["MISC"], 1, 1, 1},
		{"main", r.Main, 2, 4, 4},
		{"with MISC", r.WithMisc, 3, 5, 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.got
			if s.Correct != tt.correct || s.Predicted != tt.predicted || s.Support != tt.gold {
				t.Errorf("counts = %d/%d/%d, want %d/%d/%d", s.Correct, s.Predicted, s.Support, tt.correct, tt.predicted, tt.gold)
			}
			p, rc := float64(tt.correct)/float64(tt.predicted), float64(tt.correct)/float64(tt.gold)
			f := 0.0
			if p+rc > 0 {
				f = 2 * p * rc / (p + rc)
			}
			if !near(s.Precision, p) || !near(s.Recall, rc) || !near(s.F1, f) {
				t.Errorf("P/R/F = %v/%v/%v, want %v/%v/%v", s.Precision, s.Recall, s.F1, p, rc, f)
			}
		})
	}
	if !near(r.F1, r.Main.F1) || !near(r.Precision, 0.5) || !near(r.Recall, 0.5) {
		t.Errorf("headline P/R/F = %v/%v/%v, want the PER/ORG/LOC micro 0.5/0.5/0.5", r.Precision, r.Recall, r.F1)
	}
	// 10 tokens; wrong after normalisation: LOC->ORG (1), ORG I dropped (1).
	if !near(r.Accuracy, 8.0/10) {
		t.Errorf("accuracy = %v, want 0.8", r.Accuracy)
	}
}

func TestCounterLengthMismatch(t *testing.T) {
	var c Counter
	if err := c.Add([]string{"O"}, []string{"O", "O"}); err == nil {
		t.Error("Add with different lengths succeeded")
	}
}

func TestResultJSON(t *testing.T) {
	var c Counter
	c.Add([]string{"B-PER", "O"}, []string{"B-PER", "O"})
	b, err := json.Marshal(c.Result())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"precision", "recall", "f1", "per_type", "with_misc"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	pt := m["per_type"].(map[string]any)
	for _, k := range []string{"PER", "ORG", "LOC", "MISC"} {
		if _, ok := pt[k]; !ok {
			t.Errorf("per_type lacks %q", k)
		}
	}
}

func TestWriteText(t *testing.T) {
	var c Counter
	c.Add([]string{"B-PER", "I-PER", "B-LOC"}, []string{"B-PER", "I-PER", "O"})
	var b strings.Builder
	if err := c.Result().WriteText(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"processed 3 tokens with 2 phrases; found: 1 phrases; correct: 1.",
		"PER: precision: 100.00%; recall: 100.00%; FB1: 100.00  1",
		"LOC: precision:   0.00%; recall:   0.00%; FB1:   0.00  0",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

// The headline target: entity-level micro F1 over PER, ORG and LOC on the
// CoNLL++ test set, which the model never trained on.
func TestRunCoNLLpp(t *testing.T) {
	const file = "../../../../shared/data/ner/conll/conllpp_test.txt"
	if _, err := os.Stat(file); err != nil {
		t.Skip("CoNLL++ test set not found beside the checkout (../shared/data/ner/conll)")
	}
	if testing.Short() {
		t.Skip("tags 46k tokens")
	}
	r, err := Run(context.Background(), file)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PER/ORG/LOC F1 %.4f, with MISC %.4f", r.F1, r.WithMisc.F1)
	if r.F1 < 0.88 {
		t.Errorf("PER/ORG/LOC F1 = %.4f, want >= 0.88", r.F1)
	}
	if r.Main.Support != 4979 {
		t.Errorf("gold PER/ORG/LOC entities = %d, want 4979 (1618+1715+1646)", r.Main.Support)
	}
}
