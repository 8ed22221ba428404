// Package quote finds direct quotes and reported speech in news text, with
// the speaker, the cue verb and the quoted content, and groups the same quote
// across articles.
//
// The finder is a set of rules over tokens, sentences and quote marks:
// a lexicon of cue verbs ("said", "told", "warned", "according to") and
// the patterns news writing uses around them:
//
//	"...," X said.            X said, "..."            "...," said X.
//	X said (that) CONTENT.    CONTENT, X said.         According to X, CONTENT.
//	"...," X said. "..."      (an interrupted quote is one quote in parts)
//
// Speakers written as pronouns ("he said") or nominals ("the minister
// said") are resolved to the most recent compatible person ("it" to the
// organisation, or failing one the country, named last before it); names are
// completed to the fullest form the article gives ("Khan" -> "Imran Khan").
// Person mentions from a named-entity tagger improve both; without them a
// capitalised-name heuristic stands in. A nominal that names no one is
// given as written ("a senior official"); a pronoun with no antecedent is
// unknown (an empty Speaker).
//
// Besides speech, the finder reports what news attributes to a source in the
// same way: beliefs, intentions and findings ("X believes ...", "X plans
// to ...", "a poll shows ..."), as the PolNeAR corpus annotates them (see
// internal/evaluate/quotes), as quotes of Kind news.QuoteView, which lists
// keep apart from speech (see speech.go). Direct tells quotes proper from
// the rest.
//
// Same and Group find the same quote across articles, reworded or cut.
package quote

import (
	"strings"
	"sync"

	"github.com/storyline-news/storyline/internal/news"
)

// Finder finds quotes in news text. Its lexicon is built once; a Finder is
// safe for concurrent use and its output depends only on its input.
type Finder struct {
	lex  lexicon
	pool sync.Pool // of *scratch: per-call buffers reused across calls
}

// scratch holds the buffers one call to Find works in.
type scratch struct {
	toks    []token
	regions []region
	marks   []int
	sents   []span
	units   []span
	unitOf  []int32
	cands   []cand
	attrs   []attr
	persons []person
	byLast  []int
}

// NewFinder returns a Finder with the built-in English lexicon.
func NewFinder() *Finder {
	return &Finder{lex: newLexicon()}
}

// Find returns the quotes and reported speech in text, in text order.
// mentions are the named-entity mentions of text (byte spans, any order);
// they may be nil, and then speakers are found by capitalisation alone.
// Offsets in the result are byte offsets into text.
func (f *Finder) Find(text string, mentions []news.Mention) []news.Quote {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	s, _ := f.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	d := &doc{text: text, lex: f.lex, mentions: mentions}
	if cap(s.toks) < len(text)/4 {
		s.toks = make([]token, 0, len(text)/4)
	}
	d.toks = tokenize(text, f.lex, s.toks)
	d.regions, s.marks = pairQuotes(d.toks, s.regions[:0], s.marks)
	d.sents = sentences(text, d.toks, s.sents)
	d.units = units(d.toks, d.sents, s.units)
	if cap(s.unitOf) < len(d.toks) {
		s.unitOf = make([]int32, len(d.toks), len(d.toks)+len(d.toks)/2)
	}
	d.unitOf = s.unitOf[:len(d.toks)]
	for ui, u := range d.units {
		for k := u.a; k < u.b; k++ {
			d.unitOf[k] = int32(ui)
		}
	}
	d.cands = s.cands[:0]
	d.attrs = s.attrs[:0]
	d.persons = s.persons[:0]
	d.byLast = s.byLast[:0]
	d.findAll()
	d.findPersons()
	out := d.quotes()
	clear(d.attrs) // drop the parts slices
	s.toks, s.regions, s.sents, s.units, s.cands = d.toks, d.regions, d.sents, d.units, d.cands
	s.attrs, s.persons, s.byLast = d.attrs[:0], d.persons[:0], d.byLast[:0]
	f.pool.Put(s)
	return out
}

// Attributed reports whether q gives the words of someone other than the
// article's author: it is within quotation marks, or its cue is a verb of
// saying or telling ("said", "told", "according to", "demanded") and its
// speaker a person or organisation named in the text (mentions, at the
// offsets q's spans use). In an opinion piece the other quotes are the
// author's own argument put in the mouth of a country, a crowd or no one
// ("Pakistan ought to require ...", "the US expects ..."), not anyone's
// words.
func (f *Finder) Attributed(q news.Quote, mentions []news.Mention) bool {
	if q.Direct {
		return true
	}
	cue, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(q.Cue)), " ")
	if c := f.lex[cue].cue; c != cueSay && c != cueTell && cue != "according" {
		return false
	}
	for _, m := range mentions {
		if m.Type != news.Person && m.Type != news.Organisation {
			continue
		}
		if m.Start < q.SpeakerSpan.End && q.SpeakerSpan.Start < m.End || q.Speaker != "" && m.Text == q.Speaker {
			return true
		}
	}
	return false
}
