// Package ner finds the names of people, organisations, places and other
// things (CoNLL's PER, ORG, LOC and MISC) in article text.
//
// The tagger is an averaged structured perceptron over hashed word, shape,
// affix, context and gazetteer features, decoded with Viterbi under BILOU
// constraints. Its weights (model.bin.gz) and word lists (gazetteer/) are
// embedded, so tagging needs no files or network; see README.md for their
// sources and for how to retrain.
package ner

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"github.com/storyline-news/storyline/internal/news"
)

//go:embed model.bin.gz
var embeddedModel []byte

// Tagger finds named entities. It is safe for concurrent use.
type Tagger struct {
	lx   *lexicon
	m    *model
	pool sync.Pool // *scratch
}

// Load returns a Tagger with the embedded model and word lists. It takes
// about 0.2 s of CPU (decompressing the model, parsing the word lists) and
// keeps some 10 MB, so load once and share the Tagger.
func Load() (*Tagger, error) {
	t, err := Read(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, fmt.Errorf("load embedded NER model: %w", err)
	}
	return t, nil
}

// Read returns a Tagger with the model read from r (as written by
// WriteModel) and the embedded word lists.
func Read(r io.Reader) (*Tagger, error) {
	m, err := readModel(r)
	if err != nil {
		return nil, fmt.Errorf("read NER model: %w", err)
	}
	lx, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	return newTagger(lx, m), nil
}

func newTagger(lx *lexicon, m *model) *Tagger {
	forbid(m)
	t := &Tagger{lx: lx, m: m}
	t.pool.New = func() any { return new(scratch) }
	return t
}

// outside lists the labels after which an entity may start: O, and L and
// U of every type.
const outside = "\x00\x03\x04\x07\x08\x0b\x0c\x0f\x10"

// minScore scores impossible label sequences; it is far enough from the
// int32 limits that adding a few of them cannot overflow.
const minScore = -1 << 28

// forbid sets the transitions that BILOU does not allow to minScore.
func forbid(m *model) {
	for p := uint8(0); p <= numLabels; p++ {
		for c := uint8(0); c < numLabels; c++ {
			if !allowed(p, c) {
				m.trans[int(p)*numLabels+int(c)] = minScore
			}
		}
	}
	for l := uint8(0); l < numLabels; l++ {
		if !allowedLast(l) {
			m.end[l] = minScore
		}
	}
}

// WriteModel writes the tagger's weights in the format Read reads.
func (t *Tagger) WriteModel(w io.Writer) error {
	if err := t.m.write(w); err != nil {
		return fmt.Errorf("write NER model: %w", err)
	}
	return nil
}

// Features returns the number of features the model weighs.
func (t *Tagger) Features() int { return len(t.m.w) / numLabels }

// TagTokens labels one tokenised sentence with IOB2 tags ("B-PER",
// "I-PER", "O", ...), one per token.
func (t *Tagger) TagTokens(tokens []string) []string {
	return t.TagDocument([][]string{tokens})[0]
}

// TagDocument labels the tokenised sentences of one document with IOB2
// tags. The sentences inform each other: a name is tagged with what its
// other occurrences in the document look like.
func (t *Tagger) TagDocument(sents [][]string) [][]string {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	s.words, s.sents = s.words[:0], append(s.sents[:0], 0)
	for _, sent := range sents {
		s.words = append(s.words, sent...)
		s.sents = append(s.sents, int32(len(s.words)))
	}
	t.lx.analyseDoc(s)
	out := make([][]string, len(sents))
	for k, sent := range sents {
		tags := make([]string, len(sent))
		if len(sent) > 0 {
			labels := t.label(s, k)
			for i, l := range labels {
				tags[i] = iob2(labels, i, l)
			}
		}
		out[k] = tags
	}
	return out
}

// iob2 returns the IOB2 tag of label l at position i.
func iob2(labels []uint8, i int, l uint8) string {
	typ, pos := labelParts(l)
	switch pos {
	case 0:
		return "O"
	case posB, posU:
		return "B-" + types[typ]
	}
	return "I-" + types[typ]
}

// Tag finds the named entities in text, an article or any part of one. It
// splits the text into sentences and tokens itself; the mentions' spans are
// byte offsets into text, in order. Titles and roles standing before a
// person's name ("Prime Minister", "Pentagon Press Secretary") go to
// Mention.Role and are not part of the name.
func (t *Tagger) Tag(text string) []news.Mention {
	s := t.pool.Get().(*scratch)
	defer t.pool.Put(s)
	var out []news.Mention
	s.toks, s.tokBuf = splitSentences(text, s.toks, s.tokBuf)
	s.words, s.sents = s.words[:0], append(s.sents[:0], 0)
	for _, sent := range s.toks {
		for _, tk := range sent {
			s.words = append(s.words, tk.text)
		}
		s.sents = append(s.sents, int32(len(s.words)))
	}
	t.lx.analyseDoc(s)
	for k, sent := range s.toks {
		labels := t.label(s, k)
		out = appendMentions(out, text, sent, labels, s.info[s.sents[k]:s.sents[k+1]])
	}
	return out
}

// label decodes sentence k of the analysed document in s; the labels live
// in s.
func (t *Tagger) label(s *scratch, k int) []uint8 {
	extract(s, k, false)
	labels := t.m.decode(s, t.m.emissions(s, k))
	a, b := s.sents[k], s.sents[k+1]
	splitRoles(labels, s.info[a:b])
	retype(labels, s.words[a:b], s.info[a:b])
	return labels
}

// splitRoles takes titles out of names tagged as organisations or places
// when a person follows: "[Pakistani National Security Adviser]ORG [Moeed
// Yusuf]PER" becomes "[Pakistani]MISC National Security Adviser [Moeed
// Yusuf]PER", so that the title can become the person's role.
func splitRoles(labels []uint8, info []tokInfo) {
	var buf [16]chunk
	cs := chunks(labels, buf[:0])
	for k := 0; k+1 < len(cs); k++ {
		c := cs[k]
		if c.typ == 0 || cs[k+1].typ != 0 || info[c.end-1].flags&(flagRole|flagRoleMod) == 0 {
			continue
		}
		// Only role words may stand between the two ("[Pakistani National
		// Security]ORG Adviser [Moeed Yusuf]PER"), and there must be a head.
		head := false
		between := true
		for i := c.end; i < cs[k+1].start; i++ {
			f := info[i].flags
			between = between && f&(flagRole|flagRoleMod) != 0
			head = head || f&flagRole != 0
		}
		if !between || !head && info[c.end-1].flags&flagRole == 0 {
			continue
		}
		// The title runs back from the end over role words.
		j := c.end - 1
		for j > c.start && info[j-1].flags&(flagRole|flagRoleMod) != 0 {
			j--
		}
		for i := j; i < c.end; i++ {
			labels[i] = 0
		}
		if j > c.start {
			// A lone word keeps the type the gazetteers know it by
			// ("Pakistani", "US").
			typ := c.typ
			if g := info[c.start].gaz; j-c.start == 1 {
				switch {
				case g[gazMISC] == posU:
					typ = 3
				case g[gazLOC] == posU:
					typ = 2
				case g[gazORG] == posU:
					typ = 1
				}
			}
			relabel(labels, chunk{c.start, j, typ}, typ)
		}
	}
}

// placePreps are prepositions that come before places, rarely before
// people.
var placePreps = map[string]bool{"in": true, "near": true, "through": true, "outside": true, "inside": true,
	"across": true, "into": true, "throughout": true}

// retype corrects entity types with evidence the model weighs too little
// because CoNLL-2003 has few examples of it: organisation words inside a
// name, words next to it that mark organisations, and names that the
// gazetteers know only as organisations ("the Afghan Taliban": CoNLL tags
// some groups MISC when they are used as adjectives, "Taleban militia",
// which the model then carries over to every use).
func retype(labels []uint8, words []string, info []tokInfo) {
	var buf [16]chunk
	for _, c := range chunks(labels, buf[:0]) {
		// "TRT World television": the lower-case word marks an
		// organisation and is not part of its name.
		if last := info[c.end-1]; c.end-c.start > 1 && last.cap == capLower && last.flags&flagOrgAfter != 0 {
			labels[c.end-1] = 0
			relabel(labels, chunk{c.start, c.end - 1, 1}, 1)
			continue
		}
		// A person's name holding an organisation word, or another name
		// built on one ("Tehreek-e-Taliban", "Jamaat-e-Islami", "Partido
		// Verde"), in English or another language.
		if c.typ == 0 || c.typ == 3 {
			org := false
			for i := c.start; i < c.end; i++ {
				f := info[i].hyFlags[0] | info[i].hyFlags[1]
				if c.typ == 0 {
					f |= info[i].flags
				}
				if f&(flagOrgWord|flagOrgWorld) != 0 && info[i].gaz[gazLOC] == 0 {
					org = true
				}
			}
			if org {
				relabel(labels, c, 1)
				continue
			}
		}
		// One word tagged a person but after "in", "through", "near" and
		// not known as a person's name: a place ("marched through Lisk").
		if c.typ == 0 && c.end-c.start == 1 && c.start > 0 && placePreps[strings.ToLower(words[c.start-1])] &&
			info[c.start].gaz[gazPER] == 0 && (c.end == len(words) || words[c.end] != "'s" && words[c.end] != "’s") {
			relabel(labels, c, 2)
			continue
		}
		// A place or other name not known as a place, next to a word that
		// marks organisations: "TRT World television", "head of Nacta".
		if c.typ == 2 || c.typ == 3 {
			known := false
			for i := c.start; i < c.end; i++ {
				if info[i].gaz[gazLOC] != 0 || info[i].gaz[gazMISC] != 0 {
					known = true
				}
			}
			after := c.end < len(info) && info[c.end].flags&flagOrgAfter != 0
			head := c.start >= 2 && info[c.start-2].flags&flagOrgHead != 0 &&
				(words[c.start-1] == "of" || words[c.start-1] == "for")
			if !known && (after || head) {
				relabel(labels, c, 1)
				continue
			}
		}
		if c.typ != 3 { // only MISC
			continue
		}
		last := &info[c.end-1]
		code := last.gaz[gazORG]
		if code != 3 && code != 4 {
			continue
		}
		// Find where the organisation's name starts; it must lie within
		// the entity, and no other gazetteer may claim its words.
		start := c.end - 1
		for start > c.start && info[start].gaz[gazORG] != 1 && code != 4 {
			start--
		}
		if code == 3 && info[start].gaz[gazORG] != 1 {
			continue
		}
		ok := true
		for i := start; i < c.end; i++ {
			g := info[i].gaz
			if g[gazLOC] != 0 || g[gazPER] != 0 || g[gazMISC] != 0 {
				ok = false
			}
		}
		if !ok {
			continue
		}
		relabel(labels, c, 1)
	}
}

// relabel gives chunk c type typ.
func relabel(labels []uint8, c chunk, typ int) {
	if c.end-c.start == 1 {
		labels[c.start] = labelOf(typ, posU)
		return
	}
	labels[c.start] = labelOf(typ, posB)
	for i := c.start + 1; i < c.end-1; i++ {
		labels[i] = labelOf(typ, posI)
	}
	labels[c.end-1] = labelOf(typ, posL)
}

// decode runs Viterbi over the emission scores em (tokens × labels) and
// returns the best labels, which live in s.
func (m *model) decode(s *scratch, em []int32) []uint8 {
	const L = numLabels
	n := len(em) / L
	if cap(s.back) < n*L {
		s.back = make([]uint8, n*L, 2*n*L)
	}
	s.back = s.back[:n*L]
	// delta holds the best score of a path ending in each label. Under
	// BILOU, O, B and U follow O, L or U (outside labels), and I and L
	// follow B or I of their own type.
	var delta, next [L]int32
	for c := 0; c < L; c++ {
		delta[c] = em[c] + m.trans[L*L+c]
	}
	for i := 1; i < n; i++ {
		e := (*[L]int32)(em[i*L : i*L+L])
		back := (*[L]uint8)(s.back[i*L : i*L+L])
		for c := 0; c < L; c++ {
			best, arg := int32(minScore*4), uint8(0)
			if c == 0 || (c-1)%4 == posB-1 || (c-1)%4 == posU-1 {
				for k := 0; k < len(outside); k++ {
					p := outside[k]
					if v := delta[p] + m.trans[int(p)*L+c]; v > best {
						best, arg = v, p
					}
				}
			} else {
				b := c - (c-1)%4 // B of c's type
				if v := delta[b] + m.trans[b*L+c]; v > best {
					best, arg = v, uint8(b)
				}
				if v := delta[b+1] + m.trans[(b+1)*L+c]; v > best {
					best, arg = v, uint8(b+1)
				}
			}
			next[c] = best + e[c]
			back[c] = arg
		}
		delta = next
	}
	best, arg := int32(minScore*4), uint8(0)
	for c := 0; c < L; c++ {
		if v := delta[c] + m.end[c]; v > best {
			best, arg = v, uint8(c)
		}
	}
	if cap(s.labels) < n {
		s.labels = make([]uint8, n, 2*n)
	}
	labels := s.labels[:n]
	for i := n - 1; i >= 0; i-- {
		labels[i] = arg
		arg = s.back[i*L+int(arg)]
	}
	return labels
}
