package quote

import (
	"strings"
	"testing"
)

// BenchmarkFind measures one article of about 3 KB (the aim is well under
// 100 µs, so that quote finding leaves room in a 1,000 articles/s ingest).
func BenchmarkFind(b *testing.B) {
	text := readFile(b, "testdata/article.txt")
	for len(text) < 3000 {
		text += "\n\n" + text[:min(len(text), 3000-len(text))]
	}
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	b.ReportAllocs()
	for b.Loop() {
		f.Find(text, nil)
	}
}

// BenchmarkFindParallel measures Find used from several goroutines.
func BenchmarkFindParallel(b *testing.B) {
	text := strings.Repeat(readFile(b, "testdata/article.txt"), 2)
	f := NewFinder()
	b.SetBytes(int64(len(text)))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			f.Find(text, nil)
		}
	})
}

func BenchmarkGroup(b *testing.B) {
	text := readFile(b, "testdata/article.txt")
	qs := NewFinder().Find(text, nil)
	var texts []string
	for range 20 {
		for _, q := range qs {
			texts = append(texts, q.Text)
		}
	}
	for b.Loop() {
		Group(texts)
	}
}
