package clustering

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"testing"

	"github.com/storyline-news/storyline/internal/cluster"
)

func TestSweep(t *testing.T) {
	if os.Getenv("SWEEP") == "" {
		t.Skip()
	}
	f := "../../../../shared/data/clustering/ecbplus-train.jsonl"
	env := func(k string, d float64) float64 {
		if v := os.Getenv(k); v != "" {
			x, _ := strconv.ParseFloat(v, 64)
			return x
		}
		return d
	}
	for _, th := range []float64{env("TH", 0.3)} {
		opts := cluster.Options{Threshold: th, NameWeight: env("NW", 0.4), LinkThreshold: env("LT", 0.3), Linkage: env("LK", 0.2), Cohesion: env("CO", 0.8)}
		shuf := int(env("SHUF", 0))
		rs, err := Run(context.Background(), f, "story", Config{Options: opts, Shuffles: shuf, Online: os.Getenv("ONLINE") != ""})
		if err != nil {
			t.Fatal(err)
		}
		rt, _ := Run(context.Background(), f, "topic", Config{Options: opts, Online: os.Getenv("ONLINE") != ""})
		fmt.Printf("th=%.2f story P=%.3f R=%.3f F=%.3f n=%d | topic P=%.3f R=%.3f F=%.3f lines=%d stab=%v\n", th,
			rs.Scores.BCubedPrecision, rs.Scores.BCubedRecall, rs.Scores.BCubedF1, rs.Stories,
			rt.Scores.BCubedPrecision, rt.Scores.BCubedRecall, rt.Scores.BCubedF1, rt.Storylines, rs.Stability)
	}
}
