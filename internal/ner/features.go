package ner

import (
	"slices"
	"unicode"
	"unicode/utf8"
)

// Feature templates. A feature is the mix of a template and a value (a word
// hash, a shape hash or small codes), so features need no strings at run
// time. Changing a template's number or meaning needs a retrained model.
const (
	tBias = iota + 1
	tWord
	tWordM1
	tWordP1
	tWordM2
	tWordP2
	tExact
	tPrefix // + 0..3
	_
	_
	_
	tSuffix // + 0..3
	_
	_
	_
	tShape
	tShapeM1
	tShapeP1
	tShapeM1_0
	tShape0_P1
	tCap3
	tBigramM1
	tBigramP1
	tWordM1Cap
	tWordP1Cap
	tFlag
	tFlagM1
	tFlagP1
	tGaz
	tGazCap
	tGazM1
	tGazP1
	tFirst
	tAllCapsShape
	tAllCapsFlag
	tHyphenFirst
	tHyphenLast
	tLength
	tGazAllCaps
	tHyphenFlag
	tHyphenGaz
	tAggWordM1
	tAggWordP1
	tAggCap
	tAggCapM1
	tAggCapP1
	tAggFlagM1
)

// Capitalisation classes.
const (
	capLower    = iota // "said"
	capInit            // "Pakistan"
	capAll             // "TTP", "PAKISTAN"
	capLetter          // "J"
	capMixed           // "iPhone", "al-Qaeda"
	capDigit           // "1996", "7-8"
	capPunct           // ",", "--"
	capBoundary        // before the first or after the last token
)

// Values standing for words beyond the sentence.
const (
	hashBOS  = 0x5bd1e9955bd1e995
	hashEOS  = 0xc2b2ae3d27d4eb4f
	hashBOS2 = 0x165667b19e3779f9
	hashEOS2 = 0x27d4eb2f165667c5
)

// tokInfo is what the features need to know about one token; it depends on
// the token and the lexicon only.
type tokInfo struct {
	word, exact, shape uint64
	prefix, suffix     [4]uint64
	hyFirst, hyLast    uint64
	flags              uint32
	hyFlags            [2]uint32 // flags of the first and last parts of a hyphenated word
	hyGaz              [2]uint8  // gazetteer types of those parts as single words
	cap                uint8
	length             uint8
	first              bool          // first token of its sentence
	inCaps             bool          // in a sentence set in capitals
	gaz                [numGaz]uint8 // 0, or the token's place in a gazetteer match: 1 B, 2 I, 3 L, 4 U
}

// scratch holds per-document buffers so that tagging does not allocate in
// the steady state.
type scratch struct {
	words []string  // the document's tokens
	info  []tokInfo // and what is known of them
	sents []int32   // sentence k is tokens sents[k]:sents[k+1]
	// agg holds document-level features: token i's are
	// agg[aggOffs[2i]:aggOffs[2i+1]].
	agg     []uint64
	aggOffs []int32
	pairs   []wordPos
	feats   []uint64 // feature keys of a sentence's tokens, token i's at feats[offs[i]:offs[i+1]]
	cache   wordCache
	vecs    []*wordVec
	offs    []int32
	buf     []byte
	scores  []int32
	back    []uint8
	labels  []uint8
	toks    [][]token
	tokBuf  []token
}

// analyseDoc fills s.info for the sentences of a document (whose tokens
// are in s.words, bounded by s.sents) and computes the document-level
// features.
func (lx *lexicon) analyseDoc(s *scratch) {
	n := len(s.words)
	if cap(s.info) < n {
		s.info = make([]tokInfo, n, 2*n)
	}
	s.info = s.info[:n]
	for k := 0; k+1 < len(s.sents); k++ {
		a, b := s.sents[k], s.sents[k+1]
		lx.analyse(s.words[a:b], s.info[a:b], s)
	}
	s.aggregate()
}

// analyse fills info for the words of one sentence.
func (lx *lexicon) analyse(words []string, info []tokInfo, s *scratch) {
	for i, w := range words {
		ti := &info[i]
		*ti = tokInfo{first: i == 0}
		s.buf = normWord(s.buf[:0], w)
		nw := s.buf
		ti.word = hashBytes(nw)
		ti.exact = hashString(w)
		ti.flags = lx.words[ti.word]
		// Prefixes and suffixes of 1-4 runes of the normalised word.
		runes := utf8.RuneCount(nw)
		if runes > 1 {
			p := 0
			for k := 0; k < 4 && k < runes-1; k++ {
				_, size := utf8.DecodeRune(nw[p:])
				p += size
				ti.prefix[k] = hashBytes(nw[:p])
			}
			q := len(nw)
			for k := 0; k < 4 && k < runes-1; k++ {
				_, size := utf8.DecodeLastRune(nw[:q])
				q -= size
				ti.suffix[k] = hashBytes(nw[q:])
			}
		}
		if runes > 15 {
			runes = 15
		}
		ti.length = uint8(runes)
		// Parts of a hyphenated word: "Tehreek-i-Taliban", "US-led".
		if h := indexByte(nw, '-'); h > 0 && h < len(nw)-1 {
			l := lastIndexByte(nw, '-')
			ti.hyFirst = hashBytes(nw[:h])
			ti.hyLast = hashBytes(nw[l+1:])
			ti.hyFlags = [2]uint32{lx.words[ti.hyFirst], lx.words[ti.hyLast]}
			ti.hyGaz = [2]uint8{lx.gaz[mix(0, ti.hyFirst)], lx.gaz[mix(0, ti.hyLast)]}
		}
		s.buf, ti.shape, ti.cap = shape(s.buf[:0], w)
	}
	caps := allCaps(info)
	for i := range info {
		info[i].inCaps = caps
	}
	lx.matchGazetteers(words, info)
}

// wordPos is a token's word and position, for finding repeats.
type wordPos struct {
	word uint64
	pos  int32
}

// maxOthers bounds how many other occurrences of a word inform its
// document-level features.
const maxOthers = 6

// aggregate computes document-level features: for each name-like token,
// what its other occurrences in the document look like (their case away
// from the start of a sentence, their neighbours and the flags of the words
// before them). "BLINKER" in a headline and "Els" after "Ernie Els" learn
// from these.
func (s *scratch) aggregate() {
	info := s.info
	n := len(info)
	s.pairs = s.pairs[:0]
	for i := range info {
		if c := info[i].cap; c <= capMixed {
			s.pairs = append(s.pairs, wordPos{info[i].word, int32(i)})
		}
	}
	slices.SortFunc(s.pairs, func(a, b wordPos) int {
		if a.word != b.word {
			if a.word < b.word {
				return -1
			}
			return 1
		}
		return int(a.pos - b.pos)
	})
	if cap(s.aggOffs) < 2*n {
		s.aggOffs = make([]int32, 2*n, 4*n)
	}
	s.aggOffs = s.aggOffs[:2*n]
	clear(s.aggOffs)
	s.agg = s.agg[:0]
	word := func(j int) uint64 {
		if j < 0 || j >= n {
			return hashBOS
		}
		return info[j].word
	}
	for g := 0; g < len(s.pairs); {
		e := g + 1
		for e < len(s.pairs) && s.pairs[e].word == s.pairs[g].word {
			e++
		}
		if e-g > 1 {
			for _, p := range s.pairs[g:e] {
				i := int(p.pos)
				if c := info[i].cap; c == capLower {
					continue
				}
				start := int32(len(s.agg))
				var capMask, capM1, capP1 uint64
				var flagM1 uint32
				others := 0
				for _, q := range s.pairs[g:e] {
					j := int(q.pos)
					if j == i {
						continue
					}
					if others++; others > maxOthers {
						break
					}
					tj := &info[j]
					if !tj.inCaps && !tj.first {
						capMask |= 1 << tj.cap
					}
					if !tj.first {
						flagM1 |= info[j-1].flags
						capM1 |= 1 << info[j-1].cap
						s.agg = append(s.agg, mix(tAggWordM1, word(j-1)))
					}
					if j+1 < n && !info[j+1].first {
						capP1 |= 1 << info[j+1].cap
						s.agg = append(s.agg, mix(tAggWordP1, word(j+1)))
					}
				}
				for b := uint64(0); b < 8; b++ {
					if capMask&(1<<b) != 0 {
						s.agg = append(s.agg, mix(tAggCap, b))
					}
					if capM1&(1<<b) != 0 {
						s.agg = append(s.agg, mix(tAggCapM1, b))
					}
					if capP1&(1<<b) != 0 {
						s.agg = append(s.agg, mix(tAggCapP1, b))
					}
				}
				for b := 0; b < numFlags; b++ {
					if flagM1&(1<<b) != 0 {
						s.agg = append(s.agg, mix(tAggFlagM1, uint64(b)))
					}
				}
				s.aggOffs[2*i], s.aggOffs[2*i+1] = start, int32(len(s.agg))
			}
		}
		g = e
	}
}

// allCaps reports whether the sentence is set in capitals, as headlines in
// the CoNLL data are.
func allCaps(info []tokInfo) bool {
	var alpha, upper int
	for i := range info {
		switch info[i].cap {
		case capAll:
			alpha++
			upper++
		case capLower, capInit, capMixed:
			alpha++
		}
	}
	return alpha >= 2 && upper*10 >= alpha*9
}

// matchGazetteers marks the longest gazetteer matches of each type. A match
// starts and ends at a capitalised word (any word in an all-capitals
// sentence) and may hold lower-case connectors ("Bosnia and Herzegovina").
func (lx *lexicon) matchGazetteers(words []string, info []tokInfo) {
	caps := len(info) > 0 && info[0].inCaps
	startOK := func(i int) bool {
		c := info[i].cap
		return c == capInit || c == capAll || c == capMixed || c == capLetter || (caps && c == capLower)
	}
	n := len(words)
	var until [numGaz]int // positions before this are covered by a match
	for i := 0; i < n; i++ {
		if !startOK(i) {
			continue
		}
		var best [numGaz]int
		h := uint64(0)
		for l := 1; l <= lx.maxLen && i+l <= n; l++ {
			j := i + l - 1
			h = mix(h, info[j].word)
			if l > 1 && info[j].cap == capPunct && words[j] != "." && words[j] != "&" && words[j] != "-" && words[j] != "'" {
				break
			}
			bits, ok := lx.gaz[h]
			if !ok || !startOK(j) {
				continue
			}
			for g := 0; g < numGaz; g++ {
				if bits&(1<<g) != 0 {
					best[g] = l
				}
			}
		}
		for g := 0; g < numGaz; g++ {
			l := best[g]
			if l == 0 || i < until[g] {
				continue
			}
			until[g] = i + l
			if l == 1 {
				info[i].gaz[g] = 4
				continue
			}
			info[i].gaz[g] = 1
			for k := i + 1; k < i+l-1; k++ {
				info[k].gaz[g] = 2
			}
			info[i+l-1].gaz[g] = 3
		}
	}
}

// extract computes the feature keys of every token of analysed sentence k
// into s.feats and s.offs. With all false it leaves out the features that
// depend on a single token (ownKeys and lentKeys), which the tagger adds
// from its per-word cache instead.
func extract(s *scratch, k int, all bool) {
	a, b := int(s.sents[k]), int(s.sents[k+1])
	info := s.info[a:b]
	n := len(info)
	caps := n > 0 && info[0].inCaps
	s.feats = s.feats[:0]
	if cap(s.offs) < n+1 {
		s.offs = make([]int32, n+1, 2*n+2)
	}
	s.offs = s.offs[:n+1]
	f := s.feats
	word := func(i int) uint64 {
		switch {
		case i < -1:
			return hashBOS2
		case i < 0:
			return hashBOS
		case i == n:
			return hashEOS
		case i > n:
			return hashEOS2
		}
		return info[i].word
	}
	capOf := func(i int) uint64 {
		if i < 0 || i >= n {
			return capBoundary
		}
		return uint64(info[i].cap)
	}
	shapeOf := func(i int) uint64 {
		if i < 0 {
			return hashBOS
		}
		if i >= n {
			return hashEOS
		}
		return info[i].shape
	}
	for i := 0; i < n; i++ {
		s.offs[i] = int32(len(f))
		t := &info[i]
		c := uint64(t.cap)
		if all {
			f = ownKeys(t, f)
		}
		for _, d := range [...]int{-2, -1, 1, 2} {
			if j := i + d; all || j < 0 || j >= n {
				f = lentKeys(d, word(j), shapeOf(j), f)
			}
		}
		f = append(f,
			mix(mix(tShapeM1_0, shapeOf(i-1)), t.shape),
			mix(mix(tShape0_P1, t.shape), shapeOf(i+1)),
			mix(tCap3, capOf(i-1)<<16|c<<8|capOf(i+1)),
			mix(mix(tBigramM1, word(i-1)), t.word),
			mix(mix(tBigramP1, t.word), word(i+1)),
			mix(mix(tWordM1Cap, word(i-1)), c),
			mix(mix(tWordP1Cap, word(i+1)), c),
		)
		f = append(f, s.agg[s.aggOffs[2*(a+i)]:s.aggOffs[2*(a+i)+1]]...)
		for b := 0; b < numFlags; b++ {
			bit := uint32(1) << b
			if caps && t.flags&bit != 0 {
				f = append(f, mix(tAllCapsFlag, uint64(b)))
			}
			if i > 0 && info[i-1].flags&bit != 0 {
				f = append(f, mix(tFlagM1, uint64(b)<<8|c))
			}
			if i+1 < n && info[i+1].flags&bit != 0 {
				f = append(f, mix(tFlagP1, uint64(b)<<8|c))
			}
		}
		for g := 0; g < numGaz; g++ {
			if code := uint64(t.gaz[g]); code != 0 {
				f = append(f, mix(tGaz, uint64(g)<<8|code), mix(tGazCap, uint64(g)<<16|code<<8|c))
				if caps {
					f = append(f, mix(tGazAllCaps, uint64(g)<<8|code))
				}
			}
			if i > 0 && info[i-1].gaz[g] != 0 {
				f = append(f, mix(tGazM1, uint64(g)<<8|uint64(info[i-1].gaz[g])))
			}
			if i+1 < n && info[i+1].gaz[g] != 0 {
				f = append(f, mix(tGazP1, uint64(g)<<8|uint64(info[i+1].gaz[g])))
			}
		}
		if i == 0 {
			f = append(f, mix(tFirst, c))
		}
		if caps {
			f = append(f, mix(tAllCapsShape, t.shape))
		}
	}
	s.offs[n] = int32(len(f))
	s.feats = f
}

// ownKeys appends the features of a token that depend on it alone.
func ownKeys(t *tokInfo, f []uint64) []uint64 {
	c := uint64(t.cap)
	f = append(f,
		mix(tBias, 0),
		mix(tWord, t.word),
		mix(tExact, t.exact),
		mix(tShape, t.shape),
		mix(tLength, uint64(t.length)<<8|c),
	)
	for k := 0; k < 4; k++ {
		if t.prefix[k] != 0 {
			f = append(f, mix(tPrefix+uint64(k), t.prefix[k]))
		}
		if t.suffix[k] != 0 {
			f = append(f, mix(tSuffix+uint64(k), t.suffix[k]))
		}
	}
	if t.hyFirst != 0 {
		f = append(f, mix(tHyphenFirst, t.hyFirst), mix(tHyphenLast, t.hyLast))
		for p := uint64(0); p < 2; p++ {
			for b := 0; b < numFlags; b++ {
				if t.hyFlags[p]&(1<<b) != 0 {
					f = append(f, mix(tHyphenFlag, p<<8|uint64(b)))
				}
			}
			for g := 0; g < numGaz; g++ {
				if t.hyGaz[p]&(1<<g) != 0 {
					f = append(f, mix(tHyphenGaz, p<<8|uint64(g)))
				}
			}
		}
	}
	for b := 0; b < numFlags; b++ {
		if t.flags&(1<<b) != 0 {
			f = append(f, mix(tFlag, uint64(b)<<8|c))
		}
	}
	return f
}

// lentKeys appends the features that a token with the given word and shape
// lends the token it stands d places from (d < 0: it is that token's left
// neighbour).
func lentKeys(d int, word, shape uint64, f []uint64) []uint64 {
	switch d {
	case -2:
		return append(f, mix(tWordM2, word))
	case -1:
		return append(f, mix(tWordM1, word), mix(tShapeM1, shape))
	case 1:
		return append(f, mix(tWordP1, word), mix(tShapeP1, shape))
	}
	return append(f, mix(tWordP2, word))
}

// normWord appends the normalised form of w to dst: lower case, digits as
// 0, typographic quotes and dashes as ASCII.
func normWord(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '1' && c <= '9':
				c = '0'
			case c == '`':
				c = '\''
			}
			dst = append(dst, c)
			continue
		}
		r, size := utf8.DecodeRuneInString(w[i:])
		i += size - 1
		switch r {
		case '‘', '’', '′':
			dst = append(dst, '\'')
		case '“', '”', '«', '»', '„':
			dst = append(dst, '"')
		case '–', '—', '‐', '‑':
			dst = append(dst, '-')
		default:
			if unicode.IsDigit(r) {
				dst = append(dst, '0')
			} else {
				dst = utf8.AppendRune(dst, unicode.ToLower(r))
			}
		}
	}
	return dst
}

// shape appends w's collapsed shape to dst ("Xx", "X.X.", "d-d", "Xx-x-Xx")
// and returns its hash and w's capitalisation class.
func shape(dst []byte, w string) ([]byte, uint64, uint8) {
	var upper, lower, digit, other int
	firstUpper := false
	prev := byte(0)
	for i, r := range w {
		var c byte
		switch {
		case unicode.IsUpper(r):
			c = 'X'
			upper++
			if i == 0 {
				firstUpper = true
			}
		case unicode.IsLetter(r):
			c = 'x'
			lower++
		case unicode.IsDigit(r):
			c = 'd'
			digit++
		case r < utf8.RuneSelf:
			c = byte(r)
			other++
		default:
			c = '~'
			other++
		}
		if c != prev {
			dst = append(dst, c)
			prev = c
		}
	}
	var class uint8
	switch {
	case upper+lower == 0 && digit == 0:
		class = capPunct
	case digit > 0:
		class = capDigit
	case upper == 1 && lower == 0:
		class = capLetter
	case lower == 0:
		class = capAll
	case firstUpper:
		class = capInit
	case upper == 0:
		class = capLower
	default:
		class = capMixed
	}
	return dst, hashBytes(dst), class
}

func indexByte(b []byte, c byte) int {
	for i := range b {
		if b[i] == c {
			return i
		}
	}
	return -1
}

func lastIndexByte(b []byte, c byte) int {
	for i := len(b) - 1; i >= 0; i-- {
		if b[i] == c {
			return i
		}
	}
	return -1
}

// hashBytes is 64-bit FNV-1a.
func hashBytes(b []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range b {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// mix combines two 64-bit values into a well-spread key (splitmix64's
// finaliser).
func mix(a, b uint64) uint64 {
	z := a*0x9E3779B97F4A7C15 + b + 0x632BE59BD9B4E019
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9
	z = (z ^ (z >> 27)) * 0x94D049BB133111EB
	return z ^ (z >> 31)
}
