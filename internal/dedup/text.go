package dedup

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
	"github.com/cespare/xxhash/v2"
)

// Limits of the analysis.
const (
	maxSentences    = 40 // sentences kept per document for rewrite alignment (the first)
	minSentStems    = 3  // content stems a sentence needs to take part in alignment
	stemCacheLimit  = 1 << 16
	boilerplateMaxW = 4 // a line of fewer words without final punctuation is boilerplate
)

// analyzer turns a text into the features a Signature is built from. It is
// not safe for concurrent use; an Index keeps a pool of them.
type analyzer struct {
	env   *snowballstem.Env
	stems map[uint64]uint64 // hash of a lower-case word -> hash of its stem, 0 for stopwords
	buf   []byte

	// Results of the last analyze call.
	tokens   []uint64 // hash of every core word, in order (for shingles)
	content  []uint64 // stem hash of every content word, in order
	sents    []sent   // per sentence: bloom of content stems
	core     uint64   // order-sensitive hash of the core words
	names    [2]uint64
	sentBits sent // bloom of the current sentence
	sentN    int  // content stems in the current sentence
}

func newAnalyzer() *analyzer {
	return &analyzer{env: snowballstem.NewEnv(""), stems: make(map[uint64]uint64, 1024)}
}

// boilerplateCues start lines that are navigation, promotion or credits
// rather than article text. They are compared with the normalised line.
var boilerplateCues = []string{
	"also read", "read also", "read more", "related", "see also", "advertisement",
	"copyright", "all rights reserved", "follow us", "subscribe", "sign up",
	"click here", "share this", "share on", "recommended", "photo credit",
	"image credit", "photo:", "image:", "download our app", "watch:", "listen:",
}

// analyze reads text (title is used only to drop a first line repeating it).
func (a *analyzer) analyze(title, text string) {
	a.tokens, a.content, a.sents = a.tokens[:0], a.content[:0], a.sents[:0]
	a.core, a.names = 0, [2]uint64{}
	a.sentBits, a.sentN = sent{}, 0
	normTitle := lineKey(title)
	first := true
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if first && normTitle != "" && lineKey(line) == normTitle {
			first = false
			continue
		}
		first = false
		if isBoilerplate(line) {
			continue
		}
		a.line(line)
		a.endSentence()
	}
}

// lineKey is a cheap normalisation for comparing a line with the title.
func lineKey(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

func isBoilerplate(line string) bool {
	if len(line) > 200 {
		return false // a long line is text
	}
	words, last := 0, rune(0)
	inWord := false
	for _, r := range line {
		w := isWordRune(r)
		if w && !inWord {
			words++
		}
		inWord = w
		if !unicode.IsSpace(r) {
			last = r
		}
	}
	if words == 0 {
		return true
	}
	if words < boilerplateMaxW && !strings.ContainsRune(".!?\"”’'", last) {
		return true
	}
	l := strings.ToLower(line)
	l = strings.TrimLeft(l, " \t-–—•*|>#")
	for _, c := range boilerplateCues {
		if strings.HasPrefix(l, c) {
			return true
		}
	}
	return strings.Contains(l, "(photo credit") || strings.HasPrefix(l, "©")
}

// abbreviations end in a full stop without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "jr": true,
	"sr": true, "gen": true, "col": true, "lt": true, "sgt": true, "capt": true, "gov": true,
	"sen": true, "rep": true, "rev": true, "no": true, "vs": true, "inc": true, "ltd": true,
	"co": true, "corp": true, "jan": true, "feb": true, "mar": true, "apr": true, "jun": true,
	"jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"etc": true, "approx": true, "dept": true, "est": true, "fig": true, "mt": true,
}

// line tokenises one line of core text.
func (a *analyzer) line(s string) {
	upper := isUpperLine(s)
	sentStart := true
	i := 0
	for i < len(s) {
		r, size := decode(s, i)
		if !isWordRune(r) {
			if r == '.' || r == '!' || r == '?' || r == '…' {
				if a.sentenceEnds(s, i+size) && !a.abbreviationBefore(s, i, r) {
					a.endSentence()
					sentStart = true
				}
			}
			i += size
			continue
		}
		capital := unicode.IsUpper(r)
		digit := false
		a.buf = a.buf[:0]
		for i < len(s) {
			r, size = decode(s, i)
			switch {
			case r < utf8.RuneSelf && isWordRune(r):
				if r <= '9' {
					digit = true
				} else if r <= 'Z' {
					r += 'a' - 'A'
				}
				a.buf = append(a.buf, byte(r))
				i += size
				continue
			case isWordRune(r):
				if unicode.IsDigit(r) {
					digit = true
				}
				a.buf = utf8.AppendRune(a.buf, unicode.ToLower(r))
				i += size
				continue
			case (r == '\'' || r == '’') && i+size < len(s):
				next, nsize := utf8.DecodeRuneInString(s[i+size:])
				if unicode.IsLetter(next) {
					// Possessive 's is dropped; other apostrophes join (don't).
					after := i + size + nsize
					if (next == 's' || next == 'S') && (after >= len(s) || !isWordRune(firstRune(s[after:]))) {
						i = after
						break
					}
					i += size
					continue
				}
			case (r == '.' || r == ',') && digit && i+size < len(s):
				if next := firstRune(s[i+size:]); unicode.IsDigit(next) {
					if r == '.' {
						a.buf = append(a.buf, '.')
					}
					i += size
					continue
				}
			}
			break
		}
		a.word(capital && !sentStart && !upper, digit)
		sentStart = false
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// decode is utf8.DecodeRuneInString(s[i:]) with a fast path for ASCII.
func decode(s string, i int) (rune, int) {
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isUpperLine reports a line in capitals (a shouted headline), where
// capitals say nothing about names.
func isUpperLine(s string) bool {
	up, low := 0, 0
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'A' <= r && r <= 'Z' {
				up++
			} else if 'a' <= r && r <= 'z' {
				low++
			}
			continue
		}
		if unicode.IsUpper(r) {
			up++
		} else if unicode.IsLower(r) {
			low++
		}
	}
	return up > 3*low
}

// sentenceEnds reports whether the punctuation before s[i:] ends a sentence:
// after optional closing quotes or brackets comes white space, and then a
// capital, a digit or an opening quote.
func (a *analyzer) sentenceEnds(s string, i int) bool {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !strings.ContainsRune("\"'”’)]»", r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return true
	}
	r, size := utf8.DecodeRuneInString(s[i:])
	if !unicode.IsSpace(r) {
		return false
	}
	i += size
	for i < len(s) {
		r, size = utf8.DecodeRuneInString(s[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += size
	}
	if i >= len(s) {
		return true
	}
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘«([", r)
}

// abbreviationBefore reports a full stop at s[i] that closes an abbreviation
// or an initial.
func (a *analyzer) abbreviationBefore(s string, i int, r rune) bool {
	if r != '.' {
		return false
	}
	j := i
	for j > 0 {
		p, size := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(p) {
			break
		}
		j -= size
	}
	w := s[j:i]
	if w == "" {
		return false
	}
	if utf8.RuneCountInString(w) == 1 {
		return true
	}
	return len(w) <= 5 && abbreviations[strings.ToLower(w)]
}

// word records the word in a.buf.
func (a *analyzer) word(name, digit bool) {
	h := xxhash.Sum64(a.buf)
	a.tokens = append(a.tokens, h)
	a.core = mix64(a.core*0x100000001b3 ^ h)
	if digit {
		a.addStem(h)
		return
	}
	if len(a.buf) < 2 {
		return
	}
	st := a.stem(h)
	if st == 0 { // a stopword
		return
	}
	if name {
		a.names[h>>63] |= 1 << ((h >> 57) & 63)
	}
	a.addStem(st)
}

func (a *analyzer) addStem(h uint64) {
	a.content = append(a.content, h)
	a.sentBits.set(mix64(h))
	a.sentN++
}

// stem returns the hash of the English Snowball stem of the word in a.buf,
// or 0 for a stopword. Stems are cached: stemming costs about a microsecond
// a word, a cache hit a map lookup.
func (a *analyzer) stem(wordHash uint64) uint64 {
	if h, ok := a.stems[wordHash]; ok {
		return h
	}
	w := string(a.buf)
	var h uint64
	if !stopwords[w] {
		a.env.SetCurrent(w)
		english.Stem(a.env)
		h = xxhash.Sum64String(a.env.Current())>>1 | 1
	}
	if len(a.stems) >= stemCacheLimit {
		clear(a.stems)
	}
	a.stems[wordHash] = h
	return h
}

func (a *analyzer) endSentence() {
	if a.sentN >= minSentStems && len(a.sents) < maxSentences && a.sentBits.count() >= minSentStems {
		a.sents = append(a.sents, a.sentBits)
	}
	a.sentBits, a.sentN = sent{}, 0
}

// mix64 is the SplitMix64 finaliser: a fast bijective mixer.
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}
