package clustering

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/storyline-news/storyline/internal/cluster"
)

func TestSweepTopicStories(t *testing.T) {
	if os.Getenv("SWEEP2") == "" {
		t.Skip()
	}
	f := "../../../../shared/data/clustering/ecbplus-train.jsonl"
	for _, th := range []float64{0.1, 0.12, 0.15, 0.18, 0.2, 0.25} {
		for _, nw := range []float64{0.01, 0.4} {
			for _, on := range []bool{true, false} {
				r, _ := Run(context.Background(), f, "story", Config{Options: cluster.Options{Threshold: th, NameWeight: nw}, Online: on})
				rt, _ := Run(context.Background(), f, "topic", Config{Options: cluster.Options{Threshold: th, NameWeight: nw}, Online: on, Level: Stories})
				fmt.Printf("th=%.2f nw=%.2f online=%v stories=%d storyF=%.3f topic P=%.3f R=%.3f F=%.3f\n", th, nw, on, r.Stories, r.Scores.BCubedF1, rt.Scores.BCubedPrecision, rt.Scores.BCubedRecall, rt.Scores.BCubedF1)
			}
		}
	}
}
