package fulltext

import (
	"fmt"
	"github.com/blevesearch/snowballstem/porter"
	"strings"
	"testing"
)

// marked returns the words the snippet of text marks.
func marked(h *Highlighter, text string) []string {
	s, spans := h.Snippet(text)
	var words []string
	for _, sp := range spans {
		words = append(words, s[sp.Start:sp.End])
	}
	return words
}

func TestSnippetMarksWhatTheIndexMatches(t *testing.T) {
	text := "Negotiators met in Port Avel on Monday.\n\nThe negotiation over the Peña dam failed; NEGOTIATING again is planned. Talks resume."
	tests := []struct {
		query string
		want  []string
	}{
		{"negotiator", []string{"Negotiators", "negotiation", "NEGOTIATING"}}, // words of one stem
		{"negotiat*", []string{"Negotiators", "negotiation", "NEGOTIATING"}},  // a prefix
		{`"port avel"`, []string{"Port", "Avel"}},                             // a phrase marks its words
		{"pena", []string{"Peña"}},                                            // diacritics fold away
		{"dam -talks", []string{"dam"}},                                       // an excluded word is not marked
		{"talk OR monday", []string{"Monday", "Talks"}},                       // either side of OR
		{"earthquake", nil},                                                   // nothing to mark
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := marked(newTestHighlighter(tt.query), text)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("marked %q, want %q", got, tt.want)
			}
		})
	}
}

func TestSnippetWindow(t *testing.T) {
	var b strings.Builder
	for i := range 100 {
		if i == 60 {
			b.WriteString("ceasefire ")
		}
		if i == 64 {
			b.WriteString("\n\nagreed,   ceasefire ")
		}
		fmt.Fprintf(&b, "w%d ", i)
	}
	h := newTestHighlighter("ceasefire agreed")
	s, spans := h.Snippet(b.String())
	if !strings.HasPrefix(s, "…") || !strings.HasSuffix(s, "…") {
		t.Errorf("snippet from the middle of a text is not marked as cut: %q", s)
	}
	if n := len(strings.Fields(strings.Trim(s, "…"))); n != snippetWords {
		t.Errorf("snippet has %d words, want %d: %q", n, snippetWords, s)
	}
	if len(spans) != 3 {
		t.Fatalf("%d words marked in %q, want 3 (both ceasefires and agreed)", len(spans), s)
	}
	if strings.Contains(s, "\n") || strings.Contains(s, "  ") {
		t.Errorf("whitespace not collapsed: %q", s)
	}
	if !strings.Contains(s, "w63 agreed, ceasefire w64") {
		t.Errorf("punctuation between words lost: %q", s)
	}
	// The matches sit in the middle of the window, not at its edge.
	if first := spans[0].Start; first < len(s)/5 {
		t.Errorf("first match at byte %d of %d: not centred: %q", first, len(s), s)
	}

	short := "Ferry runs aground."
	s, spans = newTestHighlighter("ferry").Snippet(short)
	if s != short || len(spans) != 1 || s[spans[0].Start:spans[0].End] != "Ferry" {
		t.Errorf("short text: %q %v, want it whole with Ferry marked", s, spans)
	}
}

func TestSnippetPrefersAllTerms(t *testing.T) {
	var b strings.Builder
	b.WriteString("The talks began. More talks followed, and talks went on. ")
	for i := range 40 {
		fmt.Fprintf(&b, "w%d ", i)
	}
	b.WriteString("At the dam, the talks ended.")
	s, _ := newTestHighlighter("dam talks").Snippet(b.String())
	if !strings.Contains(s, "dam, the talks") {
		t.Errorf("snippet %q: want the passage with both words over the one that repeats one", s)
	}
}

// newTestHighlighter is a highlighter for an index that stems as SQLite's
// FTS5 (Porter) and looks up prefixes as typed but for two letters.
func newTestHighlighter(query string) *Highlighter {
	return NewHighlighter(query, Index{Stem: porter.Stem, Prefix: func(w string) string {
		if r := []rune(w); len(r) >= 6 {
			return string(r[:len(r)-2])
		}
		return w
	}})
}
