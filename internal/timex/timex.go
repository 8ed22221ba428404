// Package timex finds temporal expressions in news text and normalises them
// against the publication date, in the manner of TimeML's TIMEX3: "on
// Thursday", "last month", "October 7-8", "the past 20 years", "two weeks
// ago", "the 1990s", "10 a.m. Friday", "daily".
//
// It is a rule-based extractor over tokens, in the spirit of HeidelTime:
// a lexicon and hand-written grammar rules, compiled once by New, with no
// regular expressions on the hot path. Relative expressions follow the news
// convention: a bare weekday, month or yearless date is placed by the tense
// of its clause ("said on Thursday" is the Thursday on or before the
// reference date, "will meet on Monday" the Monday on or after it) and, when
// the clause has no tense cue, by nearness to the reference date.
//
// InferPublished works the other way round: it bounds a missing publication
// date from what the text says.
package timex

import (
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Options change what a Finder reports. The zero value is Storyline's
// convention.
type Options struct {
	// SplitRanges reports a range such as "1996-2001" or "October 7-8" as
	// two expressions, one per endpoint ("1996" and "2001"), as TimeML
	// annotates them, instead of one expression of precision news.Range.
	SplitRanges bool
}

// Finder finds temporal expressions. It is safe for concurrent use; build
// one with New and keep it.
type Finder struct {
	opts   Options
	lex    map[string]*entry
	shapes *shapes
	cues   map[string]cue
	abbr   map[string]bool // words whose following period does not end a sentence
	notEd  map[string]bool // words ending in -ed that are not past verbs
	notYr  map[string]bool // words after a four-digit number that make it a quantity
	preYr  map[string]bool // words before a four-digit number that make it a label
	// toks and res recycle token and result buffers between calls.
	toks, res sync.Pool
}

// New returns a Finder with Storyline's conventions.
func New() *Finder { return NewWithOptions(Options{}) }

// NewWithOptions returns a Finder with the given options.
func NewWithOptions(o Options) *Finder {
	f := &Finder{
		opts:  o,
		lex:   newLexicon(),
		cues:  newCues(),
		abbr:  setOf(abbreviations),
		notEd: setOf(notPastEd),
		notYr: setOf(quantityNouns),
		preYr: setOf(labelWords),
	}
	f.shapes = newShapes(f.lex)
	return f
}

func setOf(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// Find returns the temporal expressions of text in order, normalised
// against ref, the publication date. A zero ref means the date is unknown:
// absolute expressions still get values, relative ones get TIMEX3 values
// with X for what is unknown ("XXXX-WXX-4", "XXXX-10-07") and precision
// news.Vague. Spans are byte offsets into text.
func (f *Finder) Find(text string, ref time.Time) []news.Timex {
	s := scan{f: f, text: text}
	if !ref.IsZero() {
		s.loc = ref.Location()
		y, m, d := ref.Date()
		s.ref = time.Date(y, m, d, 0, 0, 0, 0, s.loc)
	} else {
		s.loc = time.UTC
	}
	buf := f.tokens()
	defer f.putTokens(buf)
	s.toks = tokenize(text, lowerASCII(text), f.lex, f.shapes, (*buf)[:0])
	*buf = s.toks
	scratch := f.results()
	defer f.putResults(scratch)
	out := (*scratch)[:0]
	for i := 0; i < len(s.toks); {
		n, end, ok := s.at(i)
		if !ok {
			i++
			continue
		}
		out = s.emit(out, n, i, end)
		i = end
	}
	*scratch = out
	if len(out) == 0 {
		return nil
	}
	return append([]news.Timex(nil), out...)
}

// maxPooled is the largest buffer kept for reuse, in elements.
const maxPooled = 1 << 16

// tokens returns a token buffer from the pool.
func (f *Finder) tokens() *[]token {
	if b, ok := f.toks.Get().(*[]token); ok {
		return b
	}
	b := make([]token, 0, 1024)
	return &b
}

// putTokens clears a token buffer (its tokens hold strings of the
// caller's text) and returns it to the pool.
func (f *Finder) putTokens(b *[]token) {
	if cap(*b) > maxPooled {
		return
	}
	clear(*b)
	*b = (*b)[:0]
	f.toks.Put(b)
}

// results returns a scratch result buffer from the pool.
func (f *Finder) results() *[]news.Timex {
	if b, ok := f.res.Get().(*[]news.Timex); ok {
		return b
	}
	b := make([]news.Timex, 0, 64)
	return &b
}

func (f *Finder) putResults(b *[]news.Timex) {
	if cap(*b) > maxPooled {
		return
	}
	clear(*b)
	*b = (*b)[:0]
	f.res.Put(b)
}

// emit appends the Timex (or, for split ranges, Timexes) of node n over
// tokens [i, j).
func (s *scan) emit(out []news.Timex, n node, i, j int) []news.Timex {
	if n.kind == nRange && s.f.opts.SplitRanges {
		out = s.emit(out, *n.a, i, n.aEnd)
		return s.emit(out, *n.b, n.bStart, j)
	}
	start, end := s.toks[i].start, s.toks[j-1].end
	t := news.Timex{Span: news.Span{Start: start, End: end}, Text: s.text[start:end]}
	switch n.kind {
	case nDate:
		t.Type = "DATE"
		t.Value = n.pt.value()
		t.Precision = n.pt.precision()
		t.Begin, t.End = n.pt.bounds(s.loc)
		if n.pt.known() {
			s.last = n.pt
			if n.pt.g == gDay {
				s.lastDay = n.pt
			}
		}
	case nTime:
		t.Type = "TIME"
		t.Value = n.pt.value() + "T" + n.clock()
		t.Precision = n.pt.precision()
		if b, _ := n.pt.bounds(s.loc); !b.IsZero() {
			t.Begin, t.End = n.timeBounds(b)
		}
	case nDuration:
		t.Type = "DURATION"
		t.Value = n.val
		t.Precision = news.Duration
		t.Begin, t.End = n.begin, n.end
	case nSet:
		t.Type = "SET"
		t.Value = n.val
		t.Precision = news.Vague
	case nRef:
		t.Type = "DATE"
		t.Value = n.val
		t.Precision = news.Vague
		if n.val == "PRESENT_REF" && !s.ref.IsZero() {
			t.Precision = news.Day
			t.Begin, t.End = s.ref, s.ref.AddDate(0, 0, 1)
		}
	case nRange:
		t.Type = "DATE"
		t.Value = n.a.pt.value() + "/" + n.b.pt.value()
		t.Precision = news.Vague
		if n.a.pt.known() && n.b.pt.known() {
			t.Precision = news.Range
			t.Begin, _ = n.a.pt.bounds(s.loc)
			_, t.End = n.b.pt.bounds(s.loc)
		}
	}
	return append(out, t)
}

// clock writes the time part of a TIME value: "10:00", "15:30", "MO".
func (n node) clock() string {
	if n.hour < 0 {
		return podCodes[n.pod]
	}
	var b strings.Builder
	b.WriteByte(byte('0' + n.hour/10))
	b.WriteByte(byte('0' + n.hour%10))
	b.WriteByte(':')
	b.WriteByte(byte('0' + n.min/10))
	b.WriteByte(byte('0' + n.min%10))
	return b.String()
}

// timeBounds returns the interval of a time of day on the day starting at
// day: an hour for "10 a.m.", a minute for "10:30", a span for parts of the
// day.
func (n node) timeBounds(day time.Time) (time.Time, time.Time) {
	if n.hour >= 0 {
		b := day.Add(time.Duration(n.hour)*time.Hour + time.Duration(n.min)*time.Minute)
		if n.min == 0 {
			return b, b.Add(time.Hour)
		}
		return b, b.Add(time.Minute)
	}
	from, to := 0, 24
	switch n.pod {
	case podMorning:
		from, to = 6, 12
	case podMidday:
		from, to = 11, 14
	case podAfternoon:
		from, to = 12, 18
	case podEvening:
		from, to = 18, 24
	case podNight:
		from, to = 20, 30
	}
	return day.Add(time.Duration(from) * time.Hour), day.Add(time.Duration(to) * time.Hour)
}
