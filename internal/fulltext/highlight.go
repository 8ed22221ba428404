package fulltext

import (
	"math/bits"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline/internal/news"
)

// snippetWords is how many words a search snippet shows.
const snippetWords = 24

// An Index says how a full-text index reads words, for the highlighter to
// read them alike.
type Index struct {
	// Stem stems the word in env as the index does (a snowballstem
	// stemmer's Stem).
	Stem func(env *snowballstem.Env) bool
	// Prefix returns what the index looks up for a prefix term.
	Prefix func(word string) string
}

// A Highlighter finds the words of a text that a search query matched. It
// folds words as the stores' indexes do (diacritics removed, lower case)
// and stems them with the index's stemmer, so that it marks the words the
// index matched without asking the database to tokenize the text again
// (FTS5's snippet() costs ten times more, ts_headline reads every text
// whole). A Highlighter is not safe for concurrent use.
type Highlighter struct {
	ix       Index
	stems    []string // the index's stems of the query's words
	prefixes []string // folded prefixes of its prefix terms
	// starts holds the first two bytes of every stem and prefix (one
	// byte, then 0, for a term of one byte): a stem keeps its word's first
	// letters, so only words that begin as a term does can match it.
	starts []uint16
	env    *snowballstem.Env
	memo   map[string]uint64
	// wordBuf and hitBuf are the last text's words and hits, whose
	// memory the next text reuses.
	wordBuf []word
	hitBuf  []hit
}

// NewHighlighter returns a highlighter for a query in the syntax of
// Terms, for the index ix. Words after a minus are not highlighted: they
// do not occur.
func NewHighlighter(query string, ix Index) *Highlighter {
	h := &Highlighter{ix: ix, env: snowballstem.NewEnv(""), memo: map[string]uint64{}}
	for _, t := range Terms(query) {
		if t.Neg {
			continue
		}
		words := strings.Fields(t.Word)
		for i, w := range words {
			w = fold(w)
			if t.Prefix && i == len(words)-1 {
				h.prefixes = append(h.prefixes, ix.Prefix(w))
				continue
			}
			h.stems = append(h.stems, h.stem(w))
		}
	}
	for _, t := range append(slices.Clone(h.stems), h.prefixes...) {
		h.starts = append(h.starts, startOf(t))
	}
	return h
}

// startOf returns the first two bytes of w, or its one byte and 0.
func startOf(w string) uint16 {
	switch len(w) {
	case 0:
		return 0
	case 1:
		return uint16(w[0]) << 8
	}
	return uint16(w[0])<<8 | uint16(w[1])
}

// maybe reports whether a folded word that begins with the bytes a, b (b
// is 0 for a word of one byte) may match one of the query's terms.
func (h *Highlighter) maybe(a, b byte) bool {
	two, one := uint16(a)<<8|uint16(b), uint16(a)<<8
	for _, s := range h.starts {
		if s == two || s == one {
			return true
		}
	}
	return false
}

func (h *Highlighter) stem(w string) string {
	h.env.SetCurrent(w)
	h.ix.Stem(h.env)
	return h.env.Current()
}

// matches returns the set of the query's terms (bit i for term i: stems,
// then prefixes) that a folded word matches; 0 when none.
func (h *Highlighter) matches(w []byte) uint64 {
	if len(w) == 0 || !h.maybe(w[0], at(w, 1)) {
		return 0
	}
	if m, ok := h.memo[string(w)]; ok {
		return m
	}
	s := h.stem(string(w))
	var m uint64
	for i, st := range h.stems {
		if s == st {
			m |= 1 << (i % 64)
		}
	}
	for i, p := range h.prefixes {
		if strings.HasPrefix(s, p) {
			m |= 1 << ((len(h.stems) + i) % 64)
		}
	}
	h.memo[string(w)] = m
	return m
}

// at returns w[i], or 0 past its end.
func at(w []byte, i int) byte {
	if i < len(w) {
		return w[i]
	}
	return 0
}

// A word is a token of a text as the index sees it, by its byte offsets.
type word struct{ start, end int32 }

// A hit is a word the query matched.
type hit struct {
	at    int    // the word's index
	terms uint64 // the query's terms it matches (see matches)
}

// words splits text into the index's tokens and returns them with those
// the query matches. Both are valid until the next call.
func (h *Highlighter) words(text string) ([]word, []hit) {
	words, hits := h.wordBuf[:0], h.hitBuf[:0]
	if cap(words) < len(text)/6 {
		words = make([]word, 0, len(text)/6)
	}
	defer func() { h.wordBuf, h.hitBuf = words, hits }()
	var buf []byte
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII: a word is a run of letters and digits, folded by
			// lowercasing alone.
			if !isASCIIWordByte(c) {
				i++
				continue
			}
			start := i
			for i < len(text) && isASCIIWordByte(text[i]) {
				i++
			}
			if i == len(text) || text[i] < utf8.RuneSelf {
				var second byte
				if i-start > 1 {
					second = lower(text[start+1])
				}
				if h.maybe(lower(c), second) {
					buf = buf[:0]
					for k := start; k < i; k++ {
						buf = append(buf, lower(text[k]))
					}
					if m := h.matches(buf); m != 0 {
						hits = append(hits, hit{len(words), m})
					}
				}
				words = append(words, word{int32(start), int32(i)})
				continue
			}
			i = start // the word goes on in other letters
		}
		r, n := utf8.DecodeRuneInString(text[i:])
		if !isTokenRune(r) {
			i += n
			continue
		}
		start := i
		for i < len(text) {
			r, n := utf8.DecodeRuneInString(text[i:])
			if !isTokenRune(r) && !unicode.Is(unicode.Mn, r) {
				break
			}
			i += n
		}
		if m := h.matches([]byte(fold(text[start:i]))); m != 0 {
			hits = append(hits, hit{len(words), m})
		}
		words = append(words, word{int32(start), int32(i)})
	}
	return words, hits
}

// lower lowercases an ASCII letter.
func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Snippet returns about snippetWords words of text around the place where
// most of the query's words occur together, with whitespace collapsed, an
// ellipsis where text is left out, and the spans of the matched words.
func (h *Highlighter) Snippet(text string) (string, []news.Span) {
	words, hits := h.words(text)
	if len(words) == 0 {
		return "", nil
	}
	// The window with the most of the query's terms, then the most
	// matched words; among equals, the first.
	from, best := 0, 0
	for j, lo := 0, 0; j < len(hits); j++ {
		for hits[j].at-hits[lo].at >= snippetWords {
			lo++
		}
		var terms uint64
		for _, k := range hits[lo : j+1] {
			terms |= k.terms
		}
		if n := bits.OnesCount64(terms)*snippetWords + j - lo + 1; n > best {
			best = n
			// Centre the matches in the window.
			span := hits[j].at - hits[lo].at + 1
			from = max(0, hits[lo].at-(snippetWords-span)/2)
		}
	}
	to := min(len(words), from+snippetWords)
	from = max(0, min(from, to-snippetWords))

	var b strings.Builder
	var spans []news.Span
	if from > 0 {
		b.WriteString("…")
	}
	next := 0 // the first hit not yet passed
	for k := from; k < to; k++ {
		w := words[k]
		if k > from {
			b.WriteString(spaced(text[words[k-1].end:w.start]))
		}
		for next < len(hits) && hits[next].at < k {
			next++
		}
		if next < len(hits) && hits[next].at == k {
			spans = append(spans, news.Span{Start: b.Len(), End: b.Len() + int(w.end-w.start)})
		}
		b.WriteString(text[w.start:w.end])
	}
	if to < len(words) {
		b.WriteString("…")
	} else {
		b.WriteString(strings.TrimSpace(text[words[to-1].end:]))
	}
	return b.String(), spans
}

// spaced collapses each run of whitespace in the gap between two words to
// one space, keeping punctuation.
func spaced(gap string) string {
	if gap == " " {
		return gap
	}
	var b strings.Builder
	space := false
	for _, r := range gap {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func isASCIIWordByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// isTokenRune reports whether the index's unicode61 tokenizer keeps r in a
// word.
func isTokenRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Co, r)
}

// fold lowercases w and removes its diacritics, as the index does.
func fold(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(w)
	}
	return strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return unicode.ToLower(r)
	}, norm.NFD.String(w))
}

// Marks returns the words of text that the query matches, in order, the
// whole text read: a store's tests compare them with what its index
// matches.
func (h *Highlighter) Marks(text string) []string {
	var out []string
	words, hits := h.words(text)
	for _, hit := range hits {
		w := words[hit.at]
		out = append(out, text[w.start:w.end])
	}
	return out
}
