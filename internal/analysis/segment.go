package analysis

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// maxSegment bounds the text the per-article stages see at once. A longer
// article (a live blog, a pasted dossier, a hostile upload) is analysed in
// segments cut at paragraph, line, sentence or word boundaries, so that
// its cost grows linearly with its length and its memory with the
// segment's: a stage's work on one text may grow faster than the text
// (names looked up across the document, quotes attributed across
// sentences), and its tokens take several times the text's bytes. Articles
// of ordinary length are one segment: their findings are unchanged.
const maxSegment = 256 << 10

// Caps on what one article keeps of a stage's findings, beyond which more
// tell a reader nothing and cost every later stage and page. Reaching one
// is reported in the article's analysis notes.
const (
	maxMentions = 200_000
	maxTimexes  = 50_000
	maxQuotes   = 5_000
	maxEvents   = 5_000
)

// segment is a piece of an article's text and where it starts.
type segment struct {
	text  string
	start int
}

// segments cuts text into pieces of at most max bytes, each ending at the
// last paragraph break, else line break, else sentence end, else space in
// its second half, else at the last character boundary that fits.
func segments(text string, max int) []segment {
	var out []segment
	for start := 0; start < len(text); {
		n := len(text) - start
		if n > max {
			n = cut(text[start:], max)
		}
		out = append(out, segment{text[start : start+n], start})
		start += n
	}
	return out
}

// cut returns the length of the first piece of rest, which is longer than
// max.
func cut(rest string, max int) int {
	s := rest[:max]
	half := max / 2
	for _, sep := range []string{"\n\n", "\n", ". ", "? ", "! ", " "} {
		if i := strings.LastIndex(s, sep); i >= half {
			return i + len(sep)
		}
	}
	i := max
	for i > 0 && !utf8.RuneStart(rest[i]) {
		i--
	}
	if i == 0 { // not UTF-8: cut anywhere
		return max
	}
	return i
}

// shift moves a stage's findings for a segment starting at off to the
// article's offsets. It copies what it changes, so that an event's When
// that points at a timex of the segment is moved once.
func shiftMentions(ms []news.Mention, off int) []news.Mention {
	for i := range ms {
		ms[i].Span = shiftSpan(ms[i].Span, off)
	}
	return ms
}

func shiftTimexes(ts []news.Timex, off int) []news.Timex {
	out := make([]news.Timex, len(ts))
	for i, t := range ts {
		t.Span = shiftSpan(t.Span, off)
		out[i] = t
	}
	return out
}

func shiftQuotes(qs []news.Quote, off int) []news.Quote {
	for i := range qs {
		q := &qs[i]
		q.Span, q.Sentence = shiftSpan(q.Span, off), shiftSpan(q.Sentence, off)
		if q.SpeakerSpan != (news.Span{}) {
			q.SpeakerSpan = shiftSpan(q.SpeakerSpan, off)
		}
		if q.Parts != nil {
			parts := make([]news.Span, len(q.Parts))
			for j, p := range q.Parts {
				parts[j] = shiftSpan(p, off)
			}
			q.Parts = parts
		}
	}
	return qs
}

func shiftEvents(es []news.Event, off int) []news.Event {
	for i := range es {
		e := &es[i]
		e.Sentence = shiftSpan(e.Sentence, off)
		if e.When != nil {
			w := *e.When
			w.Span = shiftSpan(w.Span, off)
			e.When = &w
		}
	}
	return es
}

func shiftSpan(s news.Span, off int) news.Span {
	return news.Span{Start: s.Start + off, End: s.End + off}
}

// upTo returns the first n of xs (all of them when there are fewer).
func upTo[T any](xs []T, n int) []T {
	if len(xs) <= n {
		return xs
	}
	return xs[:max(n, 0)]
}

// tally counts what the stages found in an article, kept or not.
type tally struct{ mentions, timexes, quotes, events int }

// notes says which caps the counts went past.
func (t tally) notes() []string {
	var out []string
	for _, c := range []struct {
		what       string
		found, cap int
	}{{"names", t.mentions, maxMentions}, {"dates", t.timexes, maxTimexes}, {"quotes", t.quotes, maxQuotes}, {"events", t.events, maxEvents}} {
		if c.found > c.cap {
			out = append(out, fmt.Sprintf("%s: kept the first %d of %d found", c.what, c.cap, c.found))
		}
	}
	return out
}
