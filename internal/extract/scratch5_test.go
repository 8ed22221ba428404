package extract

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestScratchMutate(t *testing.T) {
	var seeds [][]byte
	for name := range goldenPages {
		b, _ := os.ReadFile(filepath.Join("testdata", name))
		seeds = append(seeds, b)
	}
	r := rand.New(rand.NewPCG(1, 2))
	start := time.Now()
	n := 0
	var worst time.Duration
	for time.Since(start) < 40*time.Second {
		b := append([]byte(nil), seeds[r.IntN(len(seeds))]...)
		for k := 0; k < 1+r.IntN(20); k++ {
			i := r.IntN(len(b))
			switch r.IntN(3) {
			case 0:
				b[i] = byte(r.IntN(256))
			case 1:
				j := i + r.IntN(len(b)-i)
				b = append(b[:i], b[j:]...)
			case 2:
				j := r.IntN(len(b))
				e := min(len(b), j+r.IntN(200))
				b = append(b[:i], append(append([]byte(nil), b[j:e]...), b[i:]...)...)
			}
			if len(b) == 0 {
				b = []byte("x")
			}
		}
		t0 := time.Now()
		HTML(b, "https://example.org/x")
		d := time.Since(t0)
		n++
		if d > worst {
			worst = d
			os.WriteFile("/tmp/scratch/worst.bin", b, 0o644)
		}
	}
	t.Logf("n=%d worst=%v", n, worst)
}
