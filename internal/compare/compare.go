// Package compare says what a copy changed in the article it copies. It
// aligns the two texts sentence by sentence, diffs each aligned pair word by
// word, and gives each difference a type: a name, number or date swapped, a
// negation added or dropped, a word turned into its opposite, a quotation
// reworded or given to someone else, a claim added or removed, or a
// faithful rewording that changes no fact.
//
// It is rules over a word diff, with small tables of our own (lexicon.go):
// no model, no network, microseconds a pair. A rewording is told from a
// change of fact by what the changed words are, not by how many: names,
// numbers, dates, negators, antonyms, members of one closed class (colours,
// months, roles), and content words a copy adds with nothing in the
// original in their place.
package compare

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
)

// Type is the kind of a change.
type Type string

// The types of change, most specific first.
const (
	Entity      Type = "entity"      // a name, place, organisation or other member of a closed class swapped
	Number      Type = "number"      // a count, amount, age or other quantity
	Date        Type = "date"        // a date, day, month or year
	Negation    Type = "negation"    // a negation added or removed
	Antonym     Type = "antonym"     // a word turned into its opposite
	Attribution Type = "attribution" // who said it
	Quote       Type = "quote"       // a quotation's wording
	Added       Type = "added"       // a claim with nothing in the original in its place
	Removed     Type = "removed"     // a sentence of the original the copy leaves out
	Wording     Type = "wording"     // a faithful rewording: no fact changed
)

// Text is one side of a comparison: an article's text and, when known,
// what the analyses found in it. The findings sharpen the types (a
// mention marks a name a capital letter does not, a quote's speaker makes
// a name swap an attribution, a timex makes a number a date); without them
// the text alone is used.
type Text struct {
	Text     string
	Mentions []news.Mention
	Quotes   []news.Quote
	Timexes  []news.Timex
}

// A Change is one difference between an original and its copy.
type Change struct {
	Type             Type   `json:"type"`
	Original         string `json:"original"` // the original's words, "" for an insertion
	Copy             string `json:"copy"`     // the copy's words, "" for a deletion
	OriginalSentence string `json:"original_sentence"`
	CopySentence     string `json:"copy_sentence"`
}

// Fact reports whether c changes a fact (every type but Wording).
func (c Change) Fact() bool { return c.Type != Wording }

// Result is what a comparison found.
type Result struct {
	// Original and Copy name the articles compared, when Stored compared
	// stored articles.
	Original  news.ArticleID `json:"original,omitzero"`
	Copy      news.ArticleID `json:"copy,omitzero"`
	SameFacts bool           `json:"same_facts"` // no change but rewordings
	Changes   []Change       `json:"changes"`    // in the copy's order, removed sentences where they stood
	Rows      []Row          `json:"-"`          // the alignment, for display
}

// A Row is one line of a display of the copy against its original: an
// aligned pair of sentences, a sentence only the copy has, or one only the
// original has.
type Row struct {
	Original, Copy string    // the sentences; "" when that side has none
	Segments       []Segment // the copy's sentence as kept, removed and added words
}

// Op says where a segment's words are.
type Op string

// Segment ops.
const (
	Kept     Op = "kept"    // in both
	Dropped  Op = "removed" // in the original only
	Inserted Op = "added"   // in the copy only
)

// A Segment is a run of words of a row. Type is set on dropped and
// inserted runs: the change they are part of; Last marks a change's last
// segment, where a display puts its label.
type Segment struct {
	Op   Op
	Text string
	Type Type
	Last bool
}

// Facts returns the changes of fact, without the rewordings.
func (r Result) Facts() []Change {
	var out []Change
	for _, c := range r.Changes {
		if c.Fact() {
			out = append(out, c)
		}
	}
	return out
}

// Rewordings counts the changes that are rewordings.
func (r Result) Rewordings() int { return len(r.Changes) - len(r.Facts()) }

// Alignment thresholds, on the Dice coefficient of two sentences' content
// keys and on the share of a sentence's content keys found anywhere in the
// other text.
const (
	minDice     = 0.3 // a copy sentence is a version of its best original sentence
	minCoverage = 0.7 // a sentence whose words the other text has is not added or removed
)

// Texts compares a copy with its original.
func Texts(original, copy Text) Result {
	return New().Compare(original, copy)
}

// A Comparer compares texts, keeping its stemmer's memory between calls.
// It is not safe for concurrent use.
type Comparer struct {
	stem *stemmer
}

// New returns a Comparer.
func New() *Comparer { return &Comparer{stem: newStemmer()} }

// doc is one side, split and tokenized.
type doc struct {
	text  string
	sents []sentence
	keys  map[string]bool // content keys of the whole text
}

type sentence struct {
	span news.Span
	toks []token
	keys map[string]bool // content keys
	negs int
}

func (s *sentence) text(d *doc) string { return d.text[s.span.Start:s.span.End] }

// Compare compares a copy with its original.
func (cm *Comparer) Compare(original, copy Text) Result {
	o, k := cm.doc(original), cm.doc(copy)
	markNames(o, k)
	return compareDocs(o, k)
}

// compareDocs compares a copy with its original, both split and their
// names marked.
func compareDocs(o, k *doc) Result {
	var res Result
	best := make([]int, len(k.sents))
	alignedTo := make([]bool, len(o.sents))
	for j := range k.sents {
		best[j] = -1
		i, dice := bestMatch(&k.sents[j], o)
		if i >= 0 && (dice >= minDice || coverage(&k.sents[j], o.keys) >= minCoverage && dice > 0) {
			best[j] = i
			alignedTo[i] = true
		}
	}
	emitted := make([]bool, len(o.sents))
	removed := func(upTo int) {
		for i := 0; i < upTo && i < len(o.sents); i++ {
			if emitted[i] || alignedTo[i] {
				continue
			}
			emitted[i] = true
			s := &o.sents[i]
			if len(s.keys) == 0 || coverage(s, near(s, k)) >= minCoverage {
				continue
			}
			t := s.text(o)
			res.Changes = append(res.Changes, Change{Type: Removed, Original: t, OriginalSentence: t})
			res.Rows = append(res.Rows, Row{Original: t, Segments: []Segment{{Op: Dropped, Text: t, Type: Removed, Last: true}}})
		}
	}
	for j := range k.sents {
		s := &k.sents[j]
		if best[j] < 0 {
			t := s.text(k)
			row := Row{Copy: t, Segments: []Segment{{Op: Inserted, Text: t}}}
			if len(s.keys) > 0 && coverage(s, near(s, o)) < minCoverage {
				res.Changes = append(res.Changes, Change{Type: Added, Copy: t, CopySentence: t})
				row.Segments[0].Type, row.Segments[0].Last = Added, true
			} else {
				row.Segments[0].Op = Kept
			}
			res.Rows = append(res.Rows, row)
			continue
		}
		removed(best[j])
		p := pair{o: o, k: k, os: &o.sents[best[j]], ks: s}
		changes, row := p.compare()
		res.Changes = append(res.Changes, changes...)
		res.Rows = append(res.Rows, row)
	}
	removed(len(o.sents))
	res.SameFacts = true
	for _, ch := range res.Changes {
		if ch.Fact() {
			res.SameFacts = false
		}
	}
	return res
}

// doc splits and tokenizes t.
func (cm *Comparer) doc(t Text) *doc {
	d := &doc{text: t.Text, keys: map[string]bool{}}
	var all []token
	spans := slices.DeleteFunc(ner.Sentences(t.Text), func(sp news.Span) bool { return boilerplate(t.Text, sp) })
	d.sents = make([]sentence, len(spans))
	starts := make([]int, len(spans)+1)
	for i, sp := range spans {
		starts[i] = len(all)
		all = cm.tokenize(t.Text, sp.Start, sp.End, all)
	}
	starts[len(spans)] = len(all)
	marks(t, all)
	for i, sp := range spans {
		s := sentence{span: sp, toks: all[starts[i]:starts[i+1]:starts[i+1]], keys: map[string]bool{}}
		for _, tk := range s.toks {
			if tk.neg {
				s.negs++
			}
			if tk.content() {
				s.keys[tk.key] = true
				d.keys[tk.key] = true
			}
		}
		d.sents[i] = s
	}
	return d
}

// marks flags the tokens inside quotations, speakers, temporal expressions
// and mentions. Quotations are those the analyses found, or else the text
// between quotation marks.
func marks(t Text, toks []token) {
	in := func(sp news.Span, tk *token) bool { return tk.start >= sp.Start && tk.end <= sp.End }
	var quoted []news.Span
	for _, q := range t.Quotes {
		if q.Direct {
			quoted = append(quoted, q.Span)
			quoted = append(quoted, q.Parts...)
		}
	}
	if len(t.Quotes) == 0 {
		quoted = quotations(t.Text)
	}
	for i := range toks {
		tk := &toks[i]
		for _, sp := range quoted {
			if in(sp, tk) {
				tk.quoted = true
			}
		}
		for _, q := range t.Quotes {
			if q.SpeakerSpan.End > q.SpeakerSpan.Start && in(q.SpeakerSpan, tk) {
				tk.speaker = true
			}
		}
		for _, x := range t.Timexes {
			if in(x.Span, tk) {
				tk.timex = true
			}
		}
		for _, m := range t.Mentions {
			if in(m.Span, tk) && !tk.stop {
				tk.name = true
			}
		}
	}
}

// quotations returns the spans between quotation marks: straight double
// quotes pair up in order, curly ones open and close, and a single curly
// quote opens only before a word's start and closes only after its end
// (so that an apostrophe is not taken for one).
func quotations(text string) []news.Span {
	var out []news.Span
	open := -1
	for i, r := range text {
		switch r {
		case '"':
			if open < 0 {
				open = i + 1
			} else {
				out = append(out, news.Span{Start: open, End: i})
				open = -1
			}
		case '“', '‘':
			if r == '‘' && i > 0 && isWordRune(rune(text[i-1])) {
				continue
			}
			open = i + len(string(r))
		case '”', '’':
			if r == '’' && i+len("’") < len(text) && isWordRune(rune(text[i+len("’")])) {
				continue
			}
			if open >= 0 {
				out = append(out, news.Span{Start: open, End: i})
				open = -1
			}
		case '\n':
			open = -1
		}
	}
	return out
}

// markNames makes a capitalised first word of a sentence a name when the
// same word is capitalised inside a sentence of either text.
func markNames(docs ...*doc) {
	names := map[string]bool{}
	for _, d := range docs {
		for _, s := range d.sents {
			for _, t := range s.toks {
				if t.name {
					names[t.lower] = true
				}
			}
		}
	}
	for _, d := range docs {
		for _, s := range d.sents {
			for i := range s.toks {
				if t := &s.toks[i]; t.initial && names[t.lower] {
					t.name = true
				}
			}
		}
	}
}

// bestMatch returns the sentence of d most like s, by the Dice coefficient
// of their content keys, and the coefficient.
func bestMatch(s *sentence, d *doc) (int, float64) {
	best, bestDice := -1, 0.0
	for i := range d.sents {
		o := &d.sents[i]
		if len(o.keys)+len(s.keys) == 0 {
			continue
		}
		shared := 0
		for k := range s.keys {
			if o.keys[k] {
				shared++
			}
		}
		dice := 2 * float64(shared) / float64(len(o.keys)+len(s.keys))
		if dice > bestDice {
			best, bestDice = i, dice
		}
	}
	return best, bestDice
}

// near returns the content keys of the sentences of d around the one most
// like s: where s's words would be if d merged s into a neighbour.
func near(s *sentence, d *doc) map[string]bool {
	i, _ := bestMatch(s, d)
	if i < 0 {
		return nil
	}
	keys := map[string]bool{}
	for j := max(i-1, 0); j <= min(i+1, len(d.sents)-1); j++ {
		for k := range d.sents[j].keys {
			keys[k] = true
		}
	}
	return keys
}

// coverage is the share of s's content keys that keys holds.
func coverage(s *sentence, keys map[string]bool) float64 {
	if len(s.keys) == 0 {
		return 1
	}
	n := 0
	for k := range s.keys {
		if keys[k] {
			n++
		}
	}
	return float64(n) / float64(len(s.keys))
}

// spanText returns the text of a run of tokens, "" for none.
func spanText(text string, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return strings.TrimSpace(text[toks[0].start:toks[len(toks)-1].end])
}

// Article returns the side of a comparison for a stored article and its
// analysis.
func Article(a news.Article, an news.Analysis) Text {
	return Text{Text: a.Text, Mentions: an.Mentions, Quotes: an.Quotes, Timexes: an.Timexes}
}

// OriginalOf returns the article that id copies, from copy links such as
// a store gives for id, and whether there is one.
func OriginalOf(id news.ArticleID, links []news.CopyLink) (news.ArticleID, bool) {
	for _, l := range links {
		if l.Article == id && l.Original != id {
			return l.Original, true
		}
	}
	return "", false
}

// Order says which of two articles is the original: the one the copy
// links (of either) name as the other's original, or else the one
// published first; with no dates, or the same, a stays the original.
func Order(a, b news.Article, links []news.CopyLink) (original, copy news.Article) {
	for _, l := range links {
		switch {
		case l.Article == b.ID && l.Original == a.ID:
			return a, b
		case l.Article == a.ID && l.Original == b.ID:
			return b, a
		}
	}
	if !a.Published.IsZero() && !b.Published.IsZero() && b.Published.Before(a.Published) {
		return b, a
	}
	return a, b
}

// boilerplate reports whether the sentence at sp is a line of site
// furniture ("Advertisement", "Follow us on Twitter"): a whole line of
// fewer than five words, without a final stop or a digit (a dateline
// stays). Such lines say nothing the
// copy could change; extraction drops most of them before a text is
// stored.
func boilerplate(text string, sp news.Span) bool {
	before := strings.TrimRight(text[:sp.Start], " \t")
	after := strings.TrimLeft(text[sp.End:], " \t\r")
	lineStart := before == "" || strings.HasSuffix(before, "\n")
	lineEnd := after == "" || strings.HasPrefix(after, "\n")
	s := text[sp.Start:sp.End]
	last, _ := utf8.DecodeLastRuneInString(s)
	return lineStart && lineEnd && len(strings.Fields(s)) < 5 && !strings.ContainsRune(".!?\"”’", last) &&
		!strings.ContainsAny(s, "0123456789")
}

// Store reads stored articles and their analyses.
type Store interface {
	Article(ctx context.Context, id news.ArticleID) (news.Article, error)
	Analysis(ctx context.Context, id news.ArticleID) (news.Analysis, error)
}

// Stored compares two stored articles, with what their analyses found.
func Stored(ctx context.Context, st Store, original, copy news.ArticleID) (Result, error) {
	var sides [2]Text
	for i, id := range [2]news.ArticleID{original, copy} {
		a, err := st.Article(ctx, id)
		if err != nil {
			return Result{}, fmt.Errorf("compare %s with %s: %w", copy, original, err)
		}
		an, err := st.Analysis(ctx, id)
		if err != nil {
			return Result{}, fmt.Errorf("compare %s with %s: analysis of %s: %w", copy, original, id, err)
		}
		sides[i] = Article(a, an)
	}
	r := Texts(sides[0], sides[1])
	r.Original, r.Copy = original, copy
	if r.Changes == nil {
		r.Changes = []Change{}
	}
	return r, nil
}
