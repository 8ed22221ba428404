package event

import (
	"runtime"
	"syscall"
	"testing"
)

func BenchmarkTokenize(b *testing.B) {
	var toks []token
	for b.Loop() {
		toks = tokenize(benchArticle, toks[:0])
	}
}

func BenchmarkPrepare(b *testing.B) {
	f := NewFinder()
	s := &scratch{}
	ments := names(benchArticle, benchMentions...)
	ts := times(benchArticle, refDate)
	for b.Loop() {
		d := &doc{text: benchArticle, lx: f.lx, s: s, mentions: ments, times: ts, lastPER: -1, lastORG: -1}
		d.prepare()
	}
}

func TestCPUTime(t *testing.T) {
	runtime.LockOSThread()
	f := NewFinder()
	ments := names(benchArticle, benchMentions...)
	ts := times(benchArticle, refDate)
	var toks []token
	s := &scratch{}
	for _, c := range []struct {
		name string
		fn   func()
	}{
		{"tokenize", func() { toks = tokenize(benchArticle, toks[:0]) }},
		{"prepare", func() {
			d := &doc{text: benchArticle, lx: f.lx, s: s, mentions: ments, times: ts, lastPER: -1, lastORG: -1}
			d.prepare()
		}},
		{"find", func() { f.Find(benchArticle, ments, ts) }},
	} {
		var r0, r1 syscall.Rusage
		const n = 20000
		syscall.Getrusage(syscall.RUSAGE_THREAD, &r0)
		for range n {
			c.fn()
		}
		syscall.Getrusage(syscall.RUSAGE_THREAD, &r1)
		us := float64((r1.Utime.Usec+r1.Stime.Usec-r0.Utime.Usec-r0.Stime.Usec)+(r1.Utime.Sec+r1.Stime.Sec-r0.Utime.Sec-r0.Stime.Sec)*1e6) / n
		t.Logf("%s: %.1f µs CPU/op", c.name, us)
	}
}
