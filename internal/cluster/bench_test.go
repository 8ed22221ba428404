package cluster

import (
	"fmt"
	"runtime"
	"testing"
)

// BenchmarkAdd adds generated articles to an empty Clusterer; ns/op is per
// article, and heap-B/doc the live heap per article at the end.
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs, _ := genCorpus(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var c *Clusterer
			for i := 0; i < b.N; i++ {
				if i%n == 0 {
					c = New(Options{})
				}
				c.Add(docs[i%n])
			}
			b.StopTimer()
			if b.N >= n {
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapAlloc)/float64(n), "heap-B/doc")
			}
		})
	}
}

// BenchmarkRefine measures Refine after adding n generated articles; ns/op
// is per article.
func BenchmarkRefine(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs, _ := genCorpus(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				c := New(Options{})
				for _, d := range docs {
					c.Add(d)
				}
				b.StartTimer()
				c.Refine()
				c.Storylines()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
		})
	}
}
