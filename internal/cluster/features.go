package cluster

import (
	"hash/fnv"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// feat is one weighted feature of a sparse vector: a term or a name.
type feat struct {
	id uint32
	w  float32
}

// vocab numbers terms (stems) and names, counts their document
// frequencies and keeps a display form for each.
type vocab struct {
	words   map[string]uint32 // lower-case surface word -> term id (the stem cache)
	stems   map[string]uint32 // stem -> term id
	termDF  []int32
	display []string // first surface word seen for each term

	// termTie and nameTie scale each feature's weight by a factor within
	// a thousandth of 1, fixed by its key (see tie): features that weigh the
	// same (one occurrence each, as rare in the corpus) are then ranked by
	// their keys, not by the order they were first seen, wherever only the
	// heaviest count (see topByWeight), so that grouping does not depend on
	// the order articles come in.
	termTie, nameTie []float32

	names     map[string]uint32 // canonical name -> name id
	nameDF    []int32
	nameShow  []string
	nameTypes [][4]int32 // counts of PER, ORG, LOC, MISC for each name

	docs int32 // documents counted in the frequencies

	// Inverse maps, for keys (see Keys).
	stemOf  []string // term id -> stem
	nameKey []string // name id -> canonical name

	// Frequencies counted outside (see SetFrequencies): termDF and nameDF
	// hold them plus the Clusterer's own counts, termOwn and nameOwn the
	// own counts alone. A feature is based once its outside frequency is
	// in; pending holds frequencies fetched for features not seen yet.
	fetch            Frequencies
	err              error
	baseDocs         int32
	termBased        []bool
	nameBased        []bool
	termOwn, nameOwn []int32
	pending          map[string]int32
}

func newVocab() *vocab {
	return &vocab{
		words: make(map[string]uint32),
		stems: make(map[string]uint32),
		names: make(map[string]uint32),
	}
}

// term returns the id of a lower-case word, stemming it the first time it is
// seen.
func (v *vocab) term(word string) uint32 {
	if id, ok := v.words[word]; ok {
		return id
	}
	stem := word
	if !isNumber(word) {
		env := snowballstem.NewEnv(word)
		english.Stem(env)
		stem = env.Current()
	}
	id := v.stemTerm(stem, word)
	v.words[word] = id
	return id
}

// stemTerm returns the id of a stem, made with display form show if the
// stem is new. A store keeps stems (see Keys): a stem it gives is shown as
// itself until a word with that stem is seen.
func (v *vocab) stemTerm(stem, show string) uint32 {
	if id, ok := v.stems[stem]; ok {
		return id
	}
	id := uint32(len(v.termDF))
	v.stems[stem] = id
	base, ok := v.based(termKey(stem))
	v.termDF = append(v.termDF, base)
	v.termBased = append(v.termBased, ok)
	v.termOwn = append(v.termOwn, 0)
	v.stemOf = append(v.stemOf, stem)
	v.termTie = append(v.termTie, tie(stem))
	v.display = append(v.display, show)
	return id
}

// name returns the id of a canonical name.
func (v *vocab) name(key, show string) uint32 {
	if id, ok := v.names[key]; ok {
		return id
	}
	id := uint32(len(v.nameDF))
	v.names[key] = id
	base, ok := v.based(nameKeyOf(key))
	v.nameDF = append(v.nameDF, base)
	v.nameBased = append(v.nameBased, ok)
	v.nameOwn = append(v.nameOwn, 0)
	v.nameKey = append(v.nameKey, key)
	v.nameTie = append(v.nameTie, tie(key))
	v.nameShow = append(v.nameShow, show)
	v.nameTypes = append(v.nameTypes, [4]int32{})
	return id
}

// idf is the smoothed inverse document frequency of a feature seen in df of
// the counted documents.
func (v *vocab) idf(df int32) float32 {
	return float32(math.Log(float64(v.docs+v.baseDocs+1)/float64(df+1)) + 1)
}

// weigh turns raw term frequencies into a unit TF-IDF vector in out.
func (v *vocab) weigh(out, raw []feat, df []int32, ties []float32) []feat {
	out = out[:0]
	for _, f := range raw {
		out = append(out, feat{f.id, f.w * v.idf(df[f.id]) * ties[f.id]})
	}
	return scaleUnit(out)
}

// tie returns the factor termTie and nameTie keep for a key: 1 plus one
// of 4,096 steps of 2^-22 (two units in the last place of a float32 at 1),
// chosen by a hash of the key; at most 1.001.
func tie(key string) float32 {
	h := fnv.New32a()
	h.Write([]byte(key))
	return 1 + float32(h.Sum32()>>20)/(1<<22)
}

// scaleUnit scales fs in place to unit length, unless it is all zero.
func scaleUnit(fs []feat) []feat {
	var sum float64
	for _, f := range fs {
		sum += float64(f.w) * float64(f.w)
	}
	if sum > 0 {
		inv := float32(1 / math.Sqrt(sum))
		for i := range fs {
			fs[i].w *= inv
		}
	}
	return fs
}

// isPlace reports whether name id was tagged as a place more often than as
// anything else.
func (v *vocab) isPlace(id uint32) bool {
	t := v.nameTypes[id]
	return t[2] > t[0] && t[2] > t[1] && t[2] > t[3]
}

// A word of the title, or of the first leadWords words of the text, counts
// titleWeight times: news puts the development it reports in the headline
// and the lead.
const (
	titleWeight = 2
	leadWords   = 60
)

// countTerms adds the term frequencies of text to counts, weighting each
// occurrence by w, or by leadW among the first lead words.
func (v *vocab) countTerms(counts map[uint32]float32, text string, w float32, lead int, leadW float32) {
	var buf [64]byte
	n := 0
	for word := range words(text) {
		n++
		lw := lowerASCII(buf[:0], word)
		if len(lw) < 2 && !isNumber(string(lw)) {
			continue
		}
		if stopwords[string(lw)] {
			continue
		}
		// The map lookup with a converted []byte key does not allocate.
		id, ok := v.words[string(lw)]
		if !ok {
			id = v.term(string(lw))
		}
		if n <= lead {
			counts[id] += leadW
		} else {
			counts[id] += w
		}
	}
}

// sublinear replaces counts by 1+ln(count), sorted by id.
func sublinear(dst []feat, counts map[uint32]float32) []feat {
	dst = dst[:0]
	for id, n := range counts {
		dst = append(dst, feat{id, float32(1 + math.Log(float64(n)))})
	}
	slices.SortFunc(dst, func(a, b feat) int { return int(a.id) - int(b.id) })
	return dst
}

// topByWeight keeps the n heaviest features of fs (ties to the lower id),
// then sorts them by id. It reorders fs.
func topByWeight(fs []feat, n int) []feat {
	if len(fs) > n {
		// Quickselect: after it, fs[:n] holds the n heaviest.
		lo, hi := 0, len(fs)-1
		for lo < hi {
			p := partition(fs, lo, hi, lo+(hi-lo)/2)
			switch {
			case p == n:
				lo = hi
			case p < n:
				lo = p + 1
			default:
				hi = p - 1
			}
		}
		fs = fs[:n]
	}
	slices.SortFunc(fs, func(a, b feat) int { return int(a.id) - int(b.id) })
	return fs
}

// heavier orders features by falling weight, then rising id.
func heavier(a, b feat) bool {
	return a.w > b.w || a.w == b.w && a.id < b.id
}

// partition moves fs[pivot] to its place in fs[lo:hi+1] under heavier and
// returns that place.
func partition(fs []feat, lo, hi, pivot int) int {
	fs[pivot], fs[hi] = fs[hi], fs[pivot]
	p := fs[hi]
	k := lo
	for i := lo; i < hi; i++ {
		if heavier(fs[i], p) {
			fs[i], fs[k] = fs[k], fs[i]
			k++
		}
	}
	fs[k], fs[hi] = fs[hi], fs[k]
	return k
}

// words yields the words of text: runs of letters and digits, with inner
// apostrophes dropped along with what follows them ("Reid's" -> "Reid") and
// decimal points kept between digits ("6.1"). Hyphens split words.
func words(text string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := -1
		cut := -1 // end of the word before an apostrophe
		for i := 0; i < len(text); {
			r, size := rune(text[i]), 1
			if r >= utf8.RuneSelf {
				r, size = utf8.DecodeRuneInString(text[i:])
			}
			switch {
			case unicode.IsLetter(r) || unicode.IsDigit(r):
				if start < 0 {
					start, cut = i, -1
				}
			case start >= 0 && (r == '.' || r == ',') && i > 0 && isDigitByte(text[i-1]) && i+1 < len(text) && isDigitByte(text[i+1]):
				// 6.1, 1,200
			case start >= 0 && (r == '\'' || r == '’') && cut < 0:
				cut = i
			default:
				if start >= 0 {
					end := i
					if cut >= 0 {
						end = cut
					}
					if !yield(text[start:end]) {
						return
					}
					start = -1
				}
			}
			i += size
		}
		if start >= 0 {
			end := len(text)
			if cut >= 0 {
				end = cut
			}
			yield(text[start:end])
		}
	}
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// isNumber reports whether w is made of digits, with decimal marks.
func isNumber(w string) bool {
	if w == "" || !isDigitByte(w[0]) {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigitByte(w[i]) && w[i] != '.' && w[i] != ',' {
			return false
		}
	}
	return true
}

// lowerASCII appends the lower-case form of w to dst, fast for ASCII.
func lowerASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= utf8.RuneSelf {
			return append(dst[:0], strings.ToLower(w)...)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// stopwords are English function words and news boilerplate too common to
// tell stories apart.
var stopwords = func() map[string]bool {
	m := make(map[string]bool)
	for _, w := range strings.Fields(`a about above after again against ago all almost
	also although am among an and another any are aren around as at be because been before
	being below between both but by can cannot could couldn did didn do does doesn doing don
	down during each either else even ever every few for from further get gets got had hadn
	has hasn have haven having he her here hers herself him himself his how however i if in
	into is isn it its itself just least less like made make many may me might more most much
	must my myself no nor not now of off on once one only or other others our ours ourselves
	out over own per quite rather re said same say says shall she should shouldn since so some
	still such than that the their theirs them themselves then there these they this those
	though through thus to too toward towards under until up upon us very via was wasn we
	were weren what whatever when where whether which while who whom whose why will with
	within without won would wouldn yet you your yours yourself yourselves s t ll ve d m
	mr mrs ms told according also read more news click here`) {
		m[w] = true
	}
	return m
}()
