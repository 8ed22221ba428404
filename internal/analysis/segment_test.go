package analysis

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

func TestSegments(t *testing.T) {
	para := strings.Repeat("Halvik met Kamara in Lisk. ", 40) // 1,080 bytes
	tests := []struct {
		name string
		text string
		max  int
		cut  string // what every piece but the last ends with
	}{
		{"paragraphs", strings.Repeat(para+"\n\n", 50), 4096, "\n\n"},
		{"lines", strings.Repeat(para+"\n", 50), 4096, "\n"},
		{"sentences", strings.Repeat(para, 50), 4096, ". "},
		{"words", strings.Repeat("halvik ", 2000), 4096, " "},
		{"no break", strings.Repeat("ü", 5000), 4097, ""}, // an odd max falls inside a rune
		{"short", "Halvik spoke.", 4096, ""},
		{"empty", "", 4096, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			segs := segments(tt.text, tt.max)
			var joined strings.Builder
			for i, s := range segs {
				if s.start != joined.Len() {
					t.Errorf("piece %d starts at %d, want %d", i, s.start, joined.Len())
				}
				joined.WriteString(s.text)
				if len(s.text) > tt.max || len(s.text) == 0 {
					t.Errorf("piece %d has %d bytes, want 1 to %d", i, len(s.text), tt.max)
				}
				if !utf8.ValidString(s.text) {
					t.Errorf("piece %d splits a character", i)
				}
				if i < len(segs)-1 && !strings.HasSuffix(s.text, tt.cut) {
					t.Errorf("piece %d ends with %q, want a cut after %q", i, s.text[max(0, len(s.text)-5):], tt.cut)
				}
			}
			if joined.String() != tt.text {
				t.Errorf("pieces do not make up the text")
			}
			if want := (len(tt.text) + tt.max - 1) / tt.max; len(segs) < want || len(segs) > 2*want+1 {
				t.Errorf("%d pieces of a %d-byte text at most %d each", len(segs), len(tt.text), tt.max)
			}
		})
	}
}

// words is a stage for the tests: it finds every occurrence of its words
// and remembers the longest text it was given.
type words struct {
	names   []string
	longest int
	quotes  bool // report each occurrence as a quote too
}

func (w *words) Tag(text string) []news.Mention {
	w.longest = max(w.longest, len(text))
	var out []news.Mention
	for _, n := range w.names {
		for i := 0; ; {
			j := strings.Index(text[i:], n)
			if j < 0 {
				break
			}
			out = append(out, news.Mention{Span: news.Span{Start: i + j, End: i + j + len(n)}, Text: n, Type: news.Person})
			i += j + len(n)
		}
	}
	return out
}

func (w *words) Attributed(news.Quote, []news.Mention) bool { return true }

func (w *words) Find(text string, ms []news.Mention) []news.Quote {
	if !w.quotes {
		return nil
	}
	var out []news.Quote
	for _, m := range ms {
		out = append(out, news.Quote{Span: m.Span, Text: m.Text, Speaker: m.Text, Sentence: m.Span, SpeakerSpan: m.Span})
	}
	return out
}

func TestLongArticleInSegments(t *testing.T) {
	// Eight segments' worth of text, with a name in every paragraph.
	var b strings.Builder
	for i := 0; b.Len() < 8*maxSegment; i++ {
		fmt.Fprintf(&b, "Paragraph %d: Petra Halvik met Idris Kamara on the dam. The talks went on.\n\n", i)
	}
	text := b.String()
	w := &words{names: []string{"Petra Halvik", "Idris Kamara"}}
	an := New(Stages{Tagger: w})
	res := an.one(news.Article{ID: "a1", Text: text, Published: time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC)})
	if w.longest > maxSegment {
		t.Errorf("the tagger was given %d bytes at once, want at most %d", w.longest, maxSegment)
	}
	if want := strings.Count(text, "Petra Halvik") + strings.Count(text, "Idris Kamara"); len(res.Mentions) != want {
		t.Errorf("%d names found, want %d: none lost or found twice at the cuts", len(res.Mentions), want)
	}
	for _, m := range res.Mentions {
		if text[m.Start:m.End] != m.Text {
			t.Fatalf("mention %q at %d-%d reads %q in the article", m.Text, m.Start, m.End, text[m.Start:m.End])
		}
	}
	if len(res.Notes) == 0 || !strings.Contains(res.Notes[0], "segments") {
		t.Errorf("notes %q do not say the article was read in segments", res.Notes)
	}
}

func TestFindingsCapped(t *testing.T) {
	n := maxQuotes + 1000
	text := strings.Repeat("Halvik ", n)
	w := &words{names: []string{"Halvik"}, quotes: true}
	an := New(Stages{Tagger: w, Quotes: w})
	res := an.one(news.Article{ID: "a1", Text: text})
	if len(res.Quotes) != maxQuotes {
		t.Errorf("%d quotes kept, want the cap of %d", len(res.Quotes), maxQuotes)
	}
	if len(res.Mentions) != n {
		t.Errorf("%d names kept, want all %d (under their cap)", len(res.Mentions), n)
	}
	for _, q := range res.Quotes {
		if text[q.Start:q.End] != q.Text || text[q.SpeakerSpan.Start:q.SpeakerSpan.End] != q.Speaker {
			t.Fatalf("quote %q at %d-%d reads %q", q.Text, q.Start, q.End, text[q.Start:q.End])
		}
	}
	want := fmt.Sprintf("quotes: kept the first %d of %d found", maxQuotes, n)
	if !strings.Contains(strings.Join(res.Notes, "\n"), want) {
		t.Errorf("notes %q, want %q", res.Notes, want)
	}
}
