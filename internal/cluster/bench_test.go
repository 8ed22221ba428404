package cluster

import (
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// BenchmarkAdd adds n generated articles to an empty Clusterer. It reports
// ns/doc and the heap the Clusterer holds per article afterwards
// (heap-B/doc).
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs, _ := genCorpus(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var c *Clusterer
			before := liveHeap()
			cpu := cpuTime()
			for range b.N {
				c = nil
				c = New(Options{})
				for _, d := range docs {
					c.Add(d)
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
			b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N*n), "cpu-ns/doc")
			b.ReportMetric(float64(liveHeap()-before)/float64(n), "heap-B/doc")
			runtime.KeepAlive(c)
		})
	}
}

func liveHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}

// BenchmarkRefine measures Refine and Storylines after adding n generated
// articles; it reports ns/doc.
func BenchmarkRefine(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs, _ := genCorpus(n, 1)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var cpuTotal time.Duration
			for range b.N {
				b.StopTimer()
				c := New(Options{})
				for _, d := range docs {
					c.Add(d)
				}
				b.StartTimer()
				cpu := cpuTime()
				c.Refine()
				c.Storylines()
				cpuTotal += cpuTime() - cpu
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
			b.ReportMetric(float64(cpuTotal.Nanoseconds())/float64(b.N*n), "cpu-ns/doc")
		})
	}
}

// BenchmarkRestore rebuilds a Clusterer from recorded assignments, as after
// a restart; it reports ns/doc.
func BenchmarkRestore(b *testing.B) {
	const n = 10_000
	docs, _ := genCorpus(n, 1)
	c := New(Options{})
	for _, d := range docs {
		c.Add(d)
	}
	stories := make([]string, n)
	for i, d := range docs {
		s, _ := c.StoryOf(d.ID)
		stories[i] = string(s)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for range b.N {
		r := New(Options{})
		for i, d := range docs {
			r.Restore(d, news.StoryID(stories[i]))
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
	b.ReportMetric(float64((cpuTime()-cpu).Nanoseconds())/float64(b.N*n), "cpu-ns/doc")
}
