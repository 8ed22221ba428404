package dedup

import (
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// synth generates a synthetic news corpus: made-up words with a Zipf
// distribution, documents on one of many topics (each with its own words
// and names), and copies at realistic rates: 5% exact (with boilerplate), 12%
// near (5-10% of words changed or a paragraph dropped), 3% rewrites (most
// content words replaced, sentence by sentence).
type synth struct {
	rng    *rand.Rand
	zipf   *rand.Zipf
	vocab  []string
	topics [][]string
}

func newSynth(seed uint64) *synth {
	s := &synth{rng: rand.New(rand.NewPCG(seed, 7))}
	syll := []string{"ka", "lo", "mi", "re", "tu", "sa", "ne", "po", "di", "va", "gor", "len", "tra", "bel", "win", "ost"}
	// The most frequent words are real function words, as in news text.
	seen := map[string]bool{}
	for w := range stopwords {
		s.vocab = append(s.vocab, w)
		seen[w] = true
	}
	slices.Sort(s.vocab)
	s.rng.Shuffle(len(s.vocab), func(i, j int) { s.vocab[i], s.vocab[j] = s.vocab[j], s.vocab[i] })
	for len(s.vocab) < 40000 {
		n := 1 + s.rng.IntN(4)
		var b strings.Builder
		for range n {
			b.WriteString(syll[s.rng.IntN(len(syll))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			s.vocab = append(s.vocab, w)
		}
	}
	s.zipf = rand.NewZipf(s.rng, 1.07, 2, uint64(len(s.vocab)-1))
	for range 5000 {
		t := make([]string, 25)
		for i := range t {
			t[i] = s.vocab[1000+s.rng.IntN(len(s.vocab)-1000)]
		}
		s.topics = append(s.topics, t)
	}
	return s
}

func (s *synth) article() string {
	topic := s.topics[s.rng.IntN(len(s.topics))]
	var b strings.Builder
	sentences := 12 + s.rng.IntN(18)
	for i := range sentences {
		words := 10 + s.rng.IntN(18)
		for j := range words {
			var w string
			switch r := s.rng.IntN(100); {
			case r < 12:
				w = topic[s.rng.IntN(len(topic))]
			case r < 14:
				w = fmt.Sprint(s.rng.IntN(2000))
			default:
				w = s.vocab[s.zipf.Uint64()]
			}
			if j == 0 || s.rng.IntN(20) == 0 {
				w = strings.ToUpper(w[:1]) + w[1:]
			}
			if j > 0 {
				b.WriteByte(' ')
			}
			b.WriteString(w)
		}
		b.WriteString(".")
		if i%3 == 2 {
			b.WriteString("\n")
		} else {
			b.WriteString(" ")
		}
	}
	return b.String()
}

// change replaces each word with probability p.
func (s *synth) change(text string, p float64) string {
	words := strings.Fields(text)
	for i, w := range words {
		if s.rng.Float64() < p {
			words[i] = s.vocab[s.zipf.Uint64()] + strings.TrimLeft(w, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
		}
	}
	return strings.Join(words, " ")
}

func (s *synth) corpus(n int) []Doc {
	docs := make([]Doc, 0, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range n {
		d := Doc{ID: news.ArticleID(fmt.Sprintf("%012x", i)), Published: start.Add(time.Duration(i) * time.Minute)}
		r := s.rng.IntN(100)
		switch {
		case i > 100 && r < 5:
			d.Text = "Advertisement\n" + docs[s.rng.IntN(i)].Text + "\nCopyright The Example Times"
		case i > 100 && r < 17:
			d.Text = s.change(docs[s.rng.IntN(i)].Text, 0.05+0.05*s.rng.Float64())
		case i > 100 && r < 20:
			d.Text = s.change(docs[s.rng.IntN(i)].Text, 0.45)
		default:
			d.Text = s.article()
		}
		docs = append(docs, d)
	}
	return docs
}

// BenchmarkAdd adds a whole synthetic corpus to an empty index per
// iteration and reports the cost and memory per document. Run with
// -benchtime=1x: one iteration of 100k documents takes several seconds.
func BenchmarkAdd(b *testing.B) {
	for _, n := range []int{10_000, 100_000} {
		docs := newSynth(1).corpus(n)
		for _, opts := range []Options{{}, {NoRewrites: true}} {
			name := fmt.Sprintf("docs=%d", n)
			if opts.NoRewrites {
				name += "/norewrites"
			}
			b.Run(name, func(b *testing.B) {
				var ix *Index
				cpu0 := cpuTime()
				var heap uint64
				links := 0
				for b.Loop() {
					var before, after runtime.MemStats
					runtime.GC()
					runtime.ReadMemStats(&before)
					ix = NewIndex(opts)
					links = 0
					for _, d := range docs {
						l, err := ix.Add(d)
						if err != nil {
							b.Fatal(err)
						}
						links += len(l)
					}
					runtime.GC()
					runtime.ReadMemStats(&after)
					heap = after.HeapAlloc - before.HeapAlloc
				}
				perDoc := float64(b.Elapsed().Nanoseconds()) / float64(b.N*n)
				b.ReportMetric(perDoc, "ns/doc")
				b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*n), "cpu-ns/doc")
				b.ReportMetric(float64(heap)/float64(n), "heapB/doc")
				b.ReportMetric(float64(ix.SizeBytes())/float64(n), "indexB/doc")
				b.ReportMetric(float64(links)/float64(n), "links/doc")
				runtime.KeepAlive(ix)
			})
		}
	}
}

// BenchmarkSign measures the signature alone, the part of Add that callers
// may run in parallel.
func BenchmarkSign(b *testing.B) {
	docs := newSynth(1).corpus(1000)
	ix := NewIndex(Options{})
	i := 0
	cpu0 := cpuTime()
	for b.Loop() {
		ix.Sign(docs[i%len(docs)])
		i++
	}
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N), "cpu-ns/op")
}

// cpuTime returns the CPU time the process has used, in nanoseconds: on a
// shared machine a steadier measure than the wall clock. It includes the
// garbage collector's work.
func cpuTime() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}

// BenchmarkRestore rebuilds a 100k-document index from stored signatures,
// as on restart.
func BenchmarkRestore(b *testing.B) {
	const n = 100_000
	docs := newSynth(1).corpus(n)
	live := NewIndex(Options{})
	sigs := make([][]byte, n)
	links := make([][]news.CopyLink, n)
	for i, d := range docs {
		sig := live.Sign(d)
		ls, err := live.AddSigned(d.Meta(), sig)
		if err != nil {
			b.Fatal(err)
		}
		links[i] = ls
		sigs[i], _ = sig.MarshalBinary()
	}
	total := 0
	for _, s := range sigs {
		total += len(s)
	}
	cpu0 := cpuTime()
	for b.Loop() {
		ix := NewIndex(Options{})
		for i, d := range docs {
			var sig Signature
			if err := sig.UnmarshalBinary(sigs[i]); err != nil {
				b.Fatal(err)
			}
			if err := ix.Restore(d.Meta(), sig, links[i]...); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/doc")
	b.ReportMetric(float64(cpuTime()-cpu0)/float64(b.N*n), "cpu-ns/doc")
	b.ReportMetric(float64(total)/n, "sigB/doc")
}
