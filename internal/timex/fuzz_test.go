package timex

import (
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzFind checks that Find never panics and that its spans are ordered,
// inside the text, on rune boundaries and hold the expression's text.
func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"He said on Thursday that the envoys will meet on October 7-8.",
		"the past 20 years, 1996-2001, 2021-10-02, 10:30 p.m. Friday, the '90s",
		"Between 12 to 18 months, 3:07:35, mid-2012, Q3 2013, FY13, Christmas Eve",
		"“October 7–8” — ‘58 — 7th-8th — 31/12/2020 — 1.5 years — twenty-five days",
		"May 5 years ago, the end of the, early, the, 9999-99-99, 1e9",
		"\xff\xfeOct. 1\u00a0999 Sept.\u2009 11, 2001",
	} {
		f.Add(s, int64(0))
		f.Add(s, int64(1632960000)) // 2021-09-30
	}
	fd := New()
	split := NewWithOptions(Options{SplitRanges: true})
	f.Fuzz(func(t *testing.T, text string, unix int64) {
		ref := time.Time{}
		if unix != 0 {
			ref = time.Unix(unix%(1<<36), 0).UTC()
		}
		// Rune starts, stepping as a decoder does (an invalid byte is one
		// step).
		starts := make([]bool, len(text)+1)
		for i := 0; i < len(text); {
			starts[i] = true
			_, n := utf8.DecodeRuneInString(text[i:])
			i += n
		}
		starts[len(text)] = true
		for _, finder := range []*Finder{fd, split} {
			prev := 0
			for _, x := range finder.Find(text, ref) {
				start, end := x.Span.Start, x.Span.End
				if start < prev || end <= start || end > len(text) {
					t.Fatalf("bad span %d-%d (previous end %d) in %d bytes", start, end, prev, len(text))
				}
				if !starts[start] || !starts[end] {
					t.Fatalf("span %d-%d splits a rune", start, end)
				}
				if text[start:end] != x.Text {
					t.Fatalf("span %d-%d holds %q, Text is %q", start, end, text[start:end], x.Text)
				}
				if x.Type == "" || x.Value == "" || x.Precision == "" {
					t.Fatalf("%q has type %q value %q precision %q", x.Text, x.Type, x.Value, x.Precision)
				}
				if !x.Begin.IsZero() && !x.End.After(x.Begin) {
					t.Fatalf("%q bounds %v..%v are empty", x.Text, x.Begin, x.End)
				}
				prev = end
			}
			finder.Infer(text, nil, Hint{Near: ref})
		}
	})
}
