package event

import (
	"slices"
	"strings"
	"sync"

	"github.com/storyline-news/storyline/internal/news"
)

// Finder finds events in news text. Its lexicon is compiled once by
// NewFinder; a Finder is safe for concurrent use and its output depends only
// on its input.
type Finder struct {
	lx   *lexicon
	pool sync.Pool // of *scratch
}

// scratch holds the buffers one call to Find works in.
type scratch struct {
	toks  []token
	sents []span
	ments []int32 // mention indices by start
	times []int32 // timex indices by start
	hits  []hit
	evs   []draft
	idx   []int        // hit indices of the drafts
	out   []news.Event // the events found so far
	whens []int32      // the timex index of each event of out, -1 for none, -2-k for extra[k]
	extra []news.Timex // dates made from others ("two days after" Thursday)
}

// span is a half-open range of token indices.
type span struct{ a, b int }

// NewFinder returns a Finder with the built-in English lexicon.
func NewFinder() *Finder {
	return &Finder{lx: newLexicon()}
}

// Find returns the events that text reports, in text order: at most one
// event of each type per sentence. mentions are the named-entity mentions
// of text and times its temporal expressions, both with byte spans into
// text, in any order; either may be nil. Mentions that do not fit text are
// ignored.
func (f *Finder) Find(text string, mentions []news.Mention, times []news.Timex) []news.Event {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	s, _ := f.pool.Get().(*scratch)
	if s == nil {
		s = &scratch{}
	}
	defer f.pool.Put(s)
	d := &doc{text: text, lx: f.lx, s: s, mentions: mentions, times: times, lastPER: -1, lastORG: -1}
	d.prepare()
	s.out, s.whens, s.extra = s.out[:0], s.whens[:0], s.extra[:0]
	for _, sent := range s.sents {
		s.out = d.sentence(sent, s.out)
		d.remember(sent)
	}
	if len(s.out) == 0 {
		return nil
	}
	// Copy out of the scratch buffers: one slice of events, one of dates.
	out := slices.Clone(s.out)
	clear(s.out)
	dated := 0
	for _, w := range s.whens {
		if w != -1 {
			dated++
		}
	}
	when := make([]news.Timex, 0, dated)
	for i, w := range s.whens {
		switch {
		case w >= 0:
			when = append(when, times[w])
		case w <= -2:
			when = append(when, s.extra[-2-w])
		default:
			continue
		}
		out[i].When = &when[len(when)-1]
	}
	return out
}

// doc is one call's view of a text.
type doc struct {
	text     string
	lx       *lexicon
	s        *scratch
	toks     []token
	mentions []news.Mention
	times    []news.Timex
	// lastPER and lastORG are the last person and organisation (or place)
	// mentions of the sentences before the current one, for pronouns.
	lastPER, lastORG int32
	// disaster is set while the sentences are about a disaster or an
	// accident, not an attack.
	disaster bool
}

// word returns what the lexicon knows of token i; nil when nothing.
func (d *doc) word(i int) *wordInfo {
	if i < 0 || i >= len(d.toks) || d.toks[i].w < 0 {
		return nil
	}
	return &d.lx.words[d.toks[i].w]
}

// isWord reports whether token i is the word with the given ID.
func (d *doc) isWord(i int, id int32) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].w == id
}

// is reports whether token i is a known word of one of the classes.
func (d *doc) is(i int, cls uint64) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].cls&cls != 0
}

// prepare tokenises the text, looks the words up and marks mentions,
// temporal expressions and sentences.
func (d *doc) prepare() {
	s := d.s
	s.toks = tokenize(d.text, s.toks[:0])
	d.toks = s.toks
	d.markMentions()
	for i := range d.toks {
		t := &d.toks[i]
		if t.kind != kWord || t.has(fDigit) || t.ment >= 0 && t.has(fCap) && i > 0 && d.toks[i-1].ment == t.ment {
			continue // numbers, and names after their first word, are not in the lexicon
		}
		if t.has(fUpper) && !d.upperRun(i) {
			continue // an acronym: "US" is not "us", nor "IT" "it"
		}
		w := d.text[t.start:t.end]
		if id := d.lx.lookup(w); id >= 0 {
			t.w = id
			t.cls = d.lx.words[id].cls
			if n := d.lx.words[id].num; n >= 0 && d.lx.words[id].cls&wNumWord != 0 {
				t.num = n
			}
		} else if strings.IndexByte(w, '-') > 0 {
			t.num = d.compound(w)
		}
	}
	d.markTimes()
	s.sents = d.sentences(s.sents[:0])
}

// upperRun reports whether the upper-case word at i stands among other
// upper-case words, as in a headline in capitals.
func (d *doc) upperRun(i int) bool {
	for _, k := range [2]int{i - 1, i + 1} {
		if k >= 0 && k < len(d.toks) && d.toks[k].kind == kWord && d.toks[k].has(fUpper) {
			return true
		}
	}
	return false
}

// compound returns the value of a number such as "twenty-five", or -1.
func (d *doc) compound(w string) int32 {
	tens, units, ok := strings.Cut(w, "-")
	if !ok {
		return -1
	}
	t, u := d.lx.lookup(tens), d.lx.lookup(units)
	if t < 0 || u < 0 {
		return -1
	}
	tv, uv := d.lx.words[t].num, d.lx.words[u].num
	if tv < 20 || tv%10 != 0 || uv < 1 || uv > 9 || d.lx.words[u].cls&wNumWord == 0 {
		return -1
	}
	return tv + uv
}

// markMentions records on each token the mention that covers it.
func (d *doc) markMentions() {
	idx := d.s.ments[:0]
	for i, m := range d.mentions {
		if m.Start >= 0 && m.Start < m.End && m.End <= len(d.text) {
			idx = append(idx, int32(i))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int { return d.mentions[a].Start - d.mentions[b].Start })
	d.s.ments = idx
	k := 0
	for i := range d.toks {
		t := &d.toks[i]
		for k < len(idx) && d.mentions[idx[k]].End <= int(t.start) {
			k++
		}
		if k < len(idx) && d.mentions[idx[k]].Start < int(t.end) && t.kind == kWord {
			t.ment = idx[k]
		}
	}
}

// markTimes flags the tokens inside temporal expressions.
func (d *doc) markTimes() {
	idx := d.s.times[:0]
	for i, x := range d.times {
		if x.Start >= 0 && x.Start < x.Span.End && x.Span.End <= len(d.text) {
			idx = append(idx, int32(i))
		}
	}
	slices.SortFunc(idx, func(a, b int32) int { return d.times[a].Start - d.times[b].Start })
	d.s.times = idx
	k := 0
	for i := range d.toks {
		t := &d.toks[i]
		for k < len(idx) && d.times[idx[k]].Span.End <= int(t.start) {
			k++
		}
		if k < len(idx) && d.times[idx[k]].Start < int(t.end) {
			t.flags |= fTimex
			t.num = -1
		}
	}
}

// sentences splits the tokens into sentences: at a period, question or
// exclamation mark before a capital, digit or quote; at a blank line; at a
// line break unless the next line goes on in lower case; and after a
// "date 2021-10-02" header line at the start.
func (d *doc) sentences(out []span) []span {
	toks := d.toks
	start := 0
	if len(toks) >= 2 && d.isWord(0, d.lx.date) && toks[1].has(fDigit) && strings.Count(d.tokText(1), "-") == 2 {
		out = append(out, span{0, 2})
		start = 2
	}
	for i := start; i < len(toks); i++ {
		t := &toks[i]
		if i > start && t.has(fNewline) && (t.has(fPara) || !d.continues(i)) {
			out = append(out, span{start, i})
			start = i
		}
		if t.kind != kPunct || (t.r != '.' && t.r != '!' && t.r != '?' && t.r != '…') {
			continue
		}
		j := i + 1
		for j < len(toks) && toks[j].kind == kPunct && isClosing(toks[j].r) && toks[j].start == toks[j-1].end {
			j++
		}
		if j < len(toks) && !d.startsSentence(j) {
			continue
		}
		if t.r == '.' && i > 0 && toks[i-1].kind == kWord && toks[i-1].end == t.start && d.abbreviation(i-1, j) {
			continue
		}
		out = append(out, span{start, j})
		start = j
		i = j - 1
	}
	if start < len(toks) {
		out = append(out, span{start, len(toks)})
	}
	// Bound the work per sentence: a "sentence" of more than maxSentence
	// tokens (a list, a table, text without stops) is cut into pieces.
	for k := 0; k < len(out); k++ {
		if sp := out[k]; sp.b-sp.a > maxSentence {
			out = slices.Insert(out, k+1, span{sp.a + maxSentence, sp.b})
			out[k].b = sp.a + maxSentence
		}
	}
	return out
}

// maxSentence is the most tokens a sentence is read as.
const maxSentence = 160

// continues reports whether the line starting at token i goes on the
// sentence of the line before: it starts in lower case after a word.
func (d *doc) continues(i int) bool {
	prev, t := &d.toks[i-1], &d.toks[i]
	if prev.kind != kWord || t.kind != kWord || t.has(fCap|fDigit) {
		return false
	}
	return true
}

// startsSentence reports whether token j may start a sentence after a
// full stop.
func (d *doc) startsSentence(j int) bool {
	t := &d.toks[j]
	if t.has(fNewline) {
		return true
	}
	if j > 0 && d.toks[j-1].end == t.start {
		return false // "3.5", "U.S.-led"
	}
	if t.kind == kPunct {
		return isOpening(t.r)
	}
	return t.has(fCap | fDigit)
}

// abbreviation reports whether the word at i, followed by a period and
// token next, is an abbreviation that does not end the sentence.
func (d *doc) abbreviation(i, next int) bool {
	if d.is(i, wTitle) {
		return true
	}
	w := d.tokText(i)
	if len(w) == 1 && d.toks[i].has(fCap) {
		return true // an initial
	}
	if strings.IndexByte(w, '.') > 0 {
		// U.S.: a sentence ends only before a capital that is not a name
		// going on.
		return next < len(d.toks) && !d.toks[next].has(fCap)
	}
	return false
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '”', '’', ')', ']', '»':
		return true
	}
	return false
}

func isOpening(r rune) bool {
	switch r {
	case '"', '\'', '“', '‘', '(', '[', '«':
		return true
	}
	return false
}

func (d *doc) tokText(i int) string { return d.text[d.toks[i].start:d.toks[i].end] }

// remember notes the last person and organisation mentioned in a sentence,
// for pronouns in the sentences after it.
func (d *doc) remember(sent span) {
	for i := sent.a; i < sent.b; i++ {
		m := d.toks[i].ment
		if m < 0 {
			continue
		}
		switch d.mentions[m].Type {
		case news.Person:
			d.lastPER = m
		case news.Organisation:
			d.lastORG = m
		}
	}
}
