package clustering

import (
	"context"
	"fmt"
	"os"
	"testing"
)

func TestTmpReport(t *testing.T) {
	if os.Getenv("TMPREPORT") == "" {
		t.Skip()
	}
	f := "../../../../shared/data/clustering/ecbplus-train.jsonl"
	for _, online := range []bool{true, false} {
		for _, label := range []string{"story", "topic"} {
			r, err := Run(context.Background(), f, label, Config{Online: online, Shuffles: 3, Seed: 1})
			if err != nil {
				t.Fatal(err)
			}
			fmt.Printf("online=%v label=%s level=%s P=%.3f R=%.3f F1=%.3f pairF1=%.3f stories=%d lines=%d stability=%.3f\n", online, label, r.Level, r.Scores.BCubedPrecision, r.Scores.BCubedRecall, r.Scores.BCubedF1, r.Scores.PairwiseF1, r.Stories, r.Storylines, r.Stability)
		}
	}
}
