package ner

import (
	"bufio"
	"compress/gzip"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
)

// Entity types in label order.
var types = [numTypes]string{"PER", "ORG", "LOC", "MISC"}

const numTypes = 4

// Labels are BILOU: 0 is O; for type t (an index into types) 1+4t is B,
// 2+4t I, 3+4t L (last) and 4+4t U (a one-token entity).
const numLabels = 1 + 4*numTypes

const (
	posB = 1 + iota
	posI
	posL
	posU
)

func labelOf(typ, pos int) uint8 { return uint8(1 + 4*typ + pos - 1) }

// labelParts returns a label's type index and position (posB..posU); the
// position is 0 for O.
func labelParts(l uint8) (typ, pos int) {
	if l == 0 {
		return -1, 0
	}
	return int(l-1) / 4, int(l-1)%4 + 1
}

// allowed reports whether label cur may follow prev; prev == numLabels
// stands for the start of the sentence.
func allowed(prev, cur uint8) bool {
	pt, pp := -1, 0
	if prev < numLabels {
		pt, pp = labelParts(prev)
	}
	ct, cp := labelParts(cur)
	if pp == posB || pp == posI {
		return ct == pt && (cp == posI || cp == posL)
	}
	return cp == 0 || cp == posB || cp == posU
}

// allowedLast reports whether a sentence may end with label l.
func allowedLast(l uint8) bool {
	_, p := labelParts(l)
	return p == 0 || p == posL || p == posU
}

// model is a linear scorer: weights of (feature, label) pairs in an
// open-addressing table keyed by 32-bit feature fingerprints, and label
// transition weights. Weights are quantised to int16; scores are int32.
type model struct {
	slots []slot
	w     []int16 // rows × numLabels
	shift uint
	// trans[p*numLabels+c] scores label c after p; row numLabels is the
	// start of the sentence. end[l] scores ending with l.
	trans [(numLabels + 1) * numLabels]int32
	end   [numLabels]int32
	scale float32 // weight = int16 × scale
}

// slot is one entry of the open-addressing table.
type slot struct {
	fp  uint32 // feature fingerprint, 0 when the slot is empty
	row int32
}

// fingerprint is the part of a feature key the model stores.
func fingerprint(key uint64) uint32 {
	k := uint32(key >> 32)
	if k == 0 {
		k = 1
	}
	return k
}

func (m *model) home(fp uint32) uint32 { return (fp * 0x9E3779B1) >> m.shift }

// build makes the table for fingerprints keys (sorted, unique) whose
// weights are w (len(keys)×numLabels).
func (m *model) build(keys []uint32, w []int16) {
	bits := uint(4)
	for 1<<bits < 2*len(keys) {
		bits++
	}
	m.shift = 32 - bits
	m.slots = make([]slot, 1<<bits)
	m.w = w
	mask := uint32(1<<bits - 1)
	for r, fp := range keys {
		s := m.home(fp)
		for m.slots[s].fp != 0 {
			s = (s + 1) & mask
		}
		m.slots[s] = slot{fp, int32(r)}
	}
}

// row returns the weights of feature key, or nil.
func (m *model) row(key uint64) []int16 {
	fp := fingerprint(key)
	mask := uint32(len(m.slots) - 1)
	for s := m.home(fp); ; s = (s + 1) & mask {
		switch sl := m.slots[s]; sl.fp {
		case fp:
			r := int(sl.row) * numLabels
			return m.w[r : r+numLabels : r+numLabels]
		case 0:
			return nil
		}
	}
}

// keys returns the stored fingerprints in row order.
func (m *model) keys() []uint32 {
	out := make([]uint32, len(m.w)/numLabels)
	for _, sl := range m.slots {
		if sl.fp != 0 {
			out[sl.row] = sl.fp
		}
	}
	return out
}

// Model file format (gzip-compressed): magic, label count, scale (float32),
// transition and end weights (zig-zag varints), feature count, fingerprints
// (sorted, varint deltas), then the weights label by label as zig-zag
// varint deltas.
const magic = "storyline-ner-1\n"

func (m *model) write(w io.Writer) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	bw := bufio.NewWriter(zw)
	var tmp [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(tmp[:binary.PutUvarint(tmp[:], x)]) }
	sv := func(x int64) { bw.Write(tmp[:binary.PutVarint(tmp[:], x)]) }
	bw.WriteString(magic)
	uv(numLabels)
	uv(uint64(math.Float32bits(m.scale)))
	for _, t := range m.trans {
		sv(int64(t))
	}
	for _, t := range m.end {
		sv(int64(t))
	}
	keys := m.keys()
	order := make([]int, len(keys))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return int64cmp(int64(keys[a]), int64(keys[b])) })
	uv(uint64(len(keys)))
	prev := uint32(0)
	for _, r := range order {
		uv(uint64(keys[r] - prev))
		prev = keys[r]
	}
	for l := 0; l < numLabels; l++ {
		for _, r := range order {
			sv(int64(m.w[r*numLabels+l]))
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	return zw.Close()
}

func int64cmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func readModel(r io.Reader) (*model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	br := bufio.NewReader(zr)
	head := make([]byte, len(magic))
	if _, err := io.ReadFull(br, head); err != nil || string(head) != magic {
		return nil, errors.New("not a storyline NER model")
	}
	var rerr error
	uv := func() uint64 {
		x, err := binary.ReadUvarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	sv := func() int64 {
		x, err := binary.ReadVarint(br)
		if err != nil && rerr == nil {
			rerr = err
		}
		return x
	}
	if n := uv(); n != numLabels {
		return nil, fmt.Errorf("model has %d labels, want %d", n, numLabels)
	}
	m := &model{scale: math.Float32frombits(uint32(uv()))}
	for i := range m.trans {
		m.trans[i] = int32(sv())
	}
	for i := range m.end {
		m.end[i] = int32(sv())
	}
	n := uv()
	if rerr != nil || n > 1<<26 {
		return nil, fmt.Errorf("model header: %v", rerr)
	}
	keys := make([]uint32, n)
	prev := uint32(0)
	for i := range keys {
		prev += uint32(uv())
		keys[i] = prev
	}
	w := make([]int16, int(n)*numLabels)
	for l := 0; l < numLabels; l++ {
		for i := 0; i < int(n); i++ {
			w[i*numLabels+l] = int16(sv())
		}
	}
	if rerr != nil {
		return nil, fmt.Errorf("model weights: %w", rerr)
	}
	m.build(keys, w)
	return m, nil
}
