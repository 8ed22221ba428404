package dedup

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"math/bits"

	"github.com/storyline-news/storyline/internal/news"
)

// Sketch sizes.
const (
	nearBins  = 128          // one-permutation MinHash bins over word 3-shingles
	nearBytes = nearBins / 2 // each bin keeps 4 bits (b-bit MinHash)
	numBands  = 16           // MinHash values over content stems, one LSH key each
)

// Signature is the compact summary of one document that copy detection
// compares: everything an Index keeps of a document besides its dates and
// links. Store it with the article (MarshalBinary: about 150 bytes plus 16
// per sentence, at most 40 sentences) to rebuild an Index with Restore
// without reading texts.
//
// A Signature depends only on the text and title, never on the Index or its
// Options, so one computed by any Index can be added to any other.
type Signature struct {
	core  uint64           // hash of the core words in order: equal for exact copies
	words uint32           // core words: how complete the text is
	near  [nearBytes]byte  // 4-bit MinHash of word 3-shingles, two bins a byte
	keys  [numBands]uint32 // LSH keys: MinHash of content stems, 0 when none
	names [2]uint64        // bloom of capitalised words inside sentences
	sents []sent           // per sentence: bloom of its content stems
	topic sent             // bits set in a quarter or more of sents
}

// Words returns the number of words of the text after boilerplate lines
// are dropped: the completeness measure used to choose an original.
func (s Signature) Words() int { return int(s.words) }

// sign computes the signature of a document with analyzer a.
func sign(a *analyzer, title, text string) Signature {
	a.analyze(title, text)
	var s Signature
	s.core = a.core
	s.words = uint32(min(len(a.tokens), math.MaxUint32))
	s.names = a.names
	if len(a.sents) > 0 {
		s.sents = append([]sent(nil), a.sents...)
		s.topic = topicBits(s.sents)
	}
	s.near = nearSketch(a.tokens)
	s.keys = bandKeys(a.content)
	if s.keys[0] == 0 && s.words > 0 {
		// No content words: index the text itself, for exact copies.
		s.keys[0] = uint32(mix64(s.core^0xa5a5)) | 1
	}
	return s
}

// nearSketch is a one-permutation MinHash (with rotation densification)
// of the word 3-shingles of tokens, keeping 4 bits of each bin.
func nearSketch(tokens []uint64) [nearBytes]byte {
	var out [nearBytes]byte
	if len(tokens) < 3 {
		return out
	}
	var mins [nearBins]uint32
	var seen [nearBins / 64]uint64
	for i := 2; i < len(tokens); i++ {
		s := mix64(tokens[i-2] ^ bits.RotateLeft64(tokens[i-1], 21) ^ bits.RotateLeft64(tokens[i], 42))
		bin := s >> 57
		v := uint32(s)
		if seen[bin>>6]&(1<<(bin&63)) == 0 {
			seen[bin>>6] |= 1 << (bin & 63)
			mins[bin] = v
		} else if v < mins[bin] {
			mins[bin] = v
		}
	}
	for j := range nearBins {
		t := 0
		for seen[((j+t)%nearBins)>>6]&(1<<(((j+t)%nearBins)&63)) == 0 {
			t++
		}
		v := mix64(uint64(mins[(j+t)%nearBins])<<8|uint64(t)) & 15
		out[j/2] |= byte(v) << (4 * (j % 2))
	}
	return out
}

// bandKeys returns numBands MinHash values of the stem hashes, each turned
// into a 32-bit LSH key that also names its band. Zero means no key.
func bandKeys(stems []uint64) [numBands]uint32 {
	var keys [numBands]uint32
	if len(stems) == 0 {
		return keys
	}
	var mins [numBands]uint64
	for i := range mins {
		mins[i] = math.MaxUint64
	}
	for _, h := range stems {
		for i := range mins {
			if v := mix64(h + uint64(i+1)*0x9e3779b97f4a7c15); v < mins[i] {
				mins[i] = v
			}
		}
	}
	for i, m := range mins {
		k := uint32(mix64(m ^ uint64(i)<<56))
		if k == 0 {
			k = 1
		}
		keys[i] = k
	}
	return keys
}

// nearJaccard estimates the Jaccard similarity of the word 3-shingle sets
// from two 4-bit MinHash sketches.
func nearJaccard(a, b *[nearBytes]byte) float64 {
	same := 0
	for i := 0; i < nearBytes; i += 8 {
		x := binary.LittleEndian.Uint64(a[i:]) ^ binary.LittleEndian.Uint64(b[i:])
		// Fold each nibble onto its lowest bit: zero nibbles stay zero.
		x |= x >> 1
		x |= x >> 2
		same += 16 - bits.OnesCount64(x&0x1111111111111111)
	}
	const chance = 1.0 / 16
	j := (float64(same)/nearBins - chance) / (1 - chance)
	return max(0, min(1, j))
}

const sigVersion = 1

// MarshalBinary encodes the signature.
func (s Signature) MarshalBinary() ([]byte, error) {
	b := make([]byte, 0, 1+8+5+nearBytes+4*numBands+16+2+8*sentWords*len(s.sents))
	b = append(b, sigVersion)
	b = binary.LittleEndian.AppendUint64(b, s.core)
	b = binary.AppendUvarint(b, uint64(s.words))
	b = append(b, s.near[:]...)
	for _, k := range s.keys {
		b = binary.LittleEndian.AppendUint32(b, k)
	}
	b = binary.LittleEndian.AppendUint64(b, s.names[0])
	b = binary.LittleEndian.AppendUint64(b, s.names[1])
	b = binary.AppendUvarint(b, uint64(len(s.sents)))
	for _, x := range s.sents {
		for _, w := range x {
			b = binary.LittleEndian.AppendUint64(b, w)
		}
	}
	return b, nil
}

// UnmarshalBinary decodes a signature written by MarshalBinary.
func (s *Signature) UnmarshalBinary(b []byte) error {
	bad := func(what string) error {
		return fmt.Errorf("decode copy signature: %s: %w", what, news.ErrInvalid)
	}
	if len(b) == 0 || b[0] != sigVersion {
		return bad("unknown version")
	}
	b = b[1:]
	if len(b) < 8 {
		return bad("short")
	}
	var t Signature
	t.core, b = binary.LittleEndian.Uint64(b), b[8:]
	w, n := binary.Uvarint(b)
	if n <= 0 || w > math.MaxUint32 {
		return bad("word count")
	}
	t.words, b = uint32(w), b[n:]
	if len(b) < nearBytes+4*numBands+16 {
		return bad("short")
	}
	copy(t.near[:], b)
	b = b[nearBytes:]
	for i := range t.keys {
		t.keys[i], b = binary.LittleEndian.Uint32(b), b[4:]
	}
	t.names[0], b = binary.LittleEndian.Uint64(b), b[8:]
	t.names[1], b = binary.LittleEndian.Uint64(b), b[8:]
	ns, n := binary.Uvarint(b)
	if n <= 0 || ns > maxSentences {
		return bad("sentence count")
	}
	b = b[n:]
	if uint64(len(b)) != 8*sentWords*ns {
		return bad("sentence sketches")
	}
	if ns > 0 {
		t.sents = make([]sent, ns)
		for i := range t.sents {
			for w := range t.sents[i] {
				t.sents[i][w], b = binary.LittleEndian.Uint64(b), b[8:]
			}
		}
		t.topic = topicBits(t.sents)
	}
	*s = t
	return nil
}

var errNoID = errors.New("document without ID")
