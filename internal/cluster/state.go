package cluster

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Centroid features a story's state keeps (see Centroid): the heaviest,
// with the norm of the whole, so that a score against a restored story
// misses only the lightest features' share.
const (
	stateTerms = 96
	stateNames = 48
)

const stateVersion = 1

var errState = errors.New("bad story state")

// centroidState encodes story si's centroid and dates for a store: a
// later Clusterer restores it with RestoreStory to score new articles
// against the story without its members.
func (c *Clusterer) centroidState(si int32) []byte {
	s := &c.stories[si]
	v := c.vocab
	b := []byte{stateVersion}
	b = binary.AppendVarint(b, unixOrZero(s.begin))
	b = binary.AppendVarint(b, unixOrZero(s.end))
	b = binary.AppendUvarint(b, uint64(max(s.counted, 0)))
	put := func(cen *centroid, n int, key func(uint32) string) {
		b = binary.LittleEndian.AppendUint64(b, math.Float64bits(cen.norm2))
		fs := heaviest(cen.fs, n)
		b = binary.AppendUvarint(b, uint64(len(fs)))
		for _, f := range fs {
			k := key(f.id)
			b = binary.AppendUvarint(b, uint64(len(k)))
			b = append(b, k...)
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(f.w))
		}
	}
	put(&s.terms, stateTerms, func(id uint32) string { return v.stemOf[id] })
	put(&s.names, stateNames, func(id uint32) string {
		k := v.nameKey[id] + "\x00" + v.nameShow[id]
		if v.isPlace(id) {
			k += "\x00place"
		}
		return k
	})
	return b
}

// RestoreStory adds story id as a store kept it (news.Story.Centroid),
// without its members: later articles are scored against it and may join
// it, as Add would have them join the story it was. A restored story is
// for finding where new articles go; Refine, Stories and Storylines know
// only its new members.
func (c *Clusterer) RestoreStory(id news.StoryID, state []byte) error {
	if _, ok := c.storyOf[id]; ok {
		return nil
	}
	st, err := decodeState(state)
	if err != nil {
		return fmt.Errorf("restore story %s: %w", id, err)
	}
	si := c.newStory(id)
	s := &c.stories[si]
	s.begin, s.end, s.counted = st.begin, st.end, st.counted
	s.terms, s.names, _ = c.centroids(st)
	c.index(si, vec{terms: heaviest(s.terms.fs, queryTerms), names: heaviest(s.names.fs, queryNames)})
	return nil
}

// centroids returns a story state's term and name centroids under the
// Clusterer's ids, and the names kept as places.
func (c *Clusterer) centroids(st storyState) (terms, names centroid, places map[uint32]bool) {
	v := c.vocab
	places = map[uint32]bool{}
	terms = centroidFrom(st.terms, st.termNorm, func(k string) uint32 { return v.stemTerm(k, k) })
	names = centroidFrom(st.names, st.nameNorm, func(k string) uint32 {
		key, show, place := nameParts(k)
		id := v.name(key, show)
		places[id] = place
		return id
	})
	return terms, names, places
}

// storyState is a decoded centroidState.
type storyState struct {
	begin, end         time.Time
	counted            int32
	termNorm, nameNorm float64
	terms, names       []keyWeight
}

type keyWeight struct {
	key string
	w   float32
}

func decodeState(b []byte) (storyState, error) {
	var st storyState
	if len(b) == 0 || b[0] != stateVersion {
		return st, errState
	}
	b = b[1:]
	bad := false
	varint := func() int64 {
		x, n := binary.Varint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return x
	}
	uvarint := func() uint64 {
		x, n := binary.Uvarint(b)
		if n <= 0 {
			bad = true
			return 0
		}
		b = b[n:]
		return x
	}
	st.begin, st.end = timeOrZero(varint()), timeOrZero(varint())
	st.counted = int32(min(uvarint(), math.MaxInt32))
	list := func() (float64, []keyWeight) {
		if bad || len(b) < 8 {
			bad = true
			return 0, nil
		}
		norm := math.Float64frombits(binary.LittleEndian.Uint64(b))
		b = b[8:]
		n := uvarint()
		if n > uint64(len(b)) {
			bad = true
			return 0, nil
		}
		out := make([]keyWeight, 0, n)
		for range n {
			k := uvarint()
			if bad || k+4 > uint64(len(b)) {
				bad = true
				return 0, nil
			}
			out = append(out, keyWeight{string(b[:k]), math.Float32frombits(binary.LittleEndian.Uint32(b[k:]))})
			b = b[k+4:]
		}
		return norm, out
	}
	st.termNorm, st.terms = list()
	st.nameNorm, st.names = list()
	if bad {
		return storyState{}, errState
	}
	return st, nil
}

// centroidFrom makes a centroid of kws, their keys made ids by id, with
// the squared norm norm2 of the centroid they were the heaviest of.
func centroidFrom(kws []keyWeight, norm2 float64, id func(string) uint32) centroid {
	fs := make([]feat, 0, len(kws))
	for _, kw := range kws {
		fs = append(fs, feat{id(kw.key), kw.w})
	}
	slices.SortFunc(fs, func(a, b feat) int { return int(a.id) - int(b.id) })
	fs = slices.CompactFunc(fs, func(a, b feat) bool { return a.id == b.id })
	return centroid{fs: fs, norm2: norm2}
}

// nameParts splits a kept name into its key, its display form and
// whether it was mostly tagged as a place.
func nameParts(s string) (key, show string, place bool) {
	key, show, ok := strings.Cut(s, "\x00")
	if !ok {
		return s, s, false
	}
	show, flag, _ := strings.Cut(show, "\x00")
	return key, show, flag == "place"
}

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	return t.Unix()
}

func timeOrZero(s int64) time.Time {
	if s == math.MinInt64 {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// LinkScore scores a storyline link between two stories given their kept
// states (news.Story.Centroid), as Storylines scores two stories: a story
// of an incremental grouping is scored against stored stories outside it.
func (c *Clusterer) LinkScore(a, b []byte) (float64, error) {
	sa, err := decodeState(a)
	if err != nil {
		return 0, err
	}
	sb, err := decodeState(b)
	if err != nil {
		return 0, err
	}
	return c.linkScore(c.stateUnit(sa), c.stateUnit(sb), sa.begin, sa.end, sb.begin, sb.end), nil
}

// LinkThreshold is the score two stories need to share a storyline.
func (c *Clusterer) LinkThreshold() float64 { return c.opts.LinkThreshold }

// stateUnit returns a story state's unit centroids, names weighed as
// Storylines weighs them.
func (c *Clusterer) stateUnit(st storyState) vec {
	terms, names, places := c.centroids(st)
	u := names.unit()
	for i := range u {
		if places[u[i].id] {
			u[i].w *= linkPlaceWeight
		}
	}
	return vec{terms: terms.unit(), names: scaleUnit(u)}
}

// LineScore scores a storyline link between two groups of stories given
// their kept states, as Storylines scores two storylines it may merge:
// the sums of their stories' unit centroids, decayed by the gap between
// their spans (average linkage: one shared name does not chain unrelated
// stories).
func (c *Clusterer) LineScore(a, b [][]byte) (float64, error) {
	la, err := c.lineFrom(a)
	if err != nil {
		return 0, err
	}
	lb, err := c.lineFrom(b)
	if err != nil {
		return 0, err
	}
	ua := vec{la.terms.unit(), la.names.unit()}
	ub := vec{lb.terms.unit(), lb.names.unit()}
	return c.linkScore(ua, ub, la.begin, la.end, lb.begin, lb.end), nil
}

// lineFrom sums the unit centroids of the stories whose kept states are
// given, as Storylines builds a storyline.
func (c *Clusterer) lineFrom(states [][]byte) (sline, error) {
	var l sline
	for _, b := range states {
		st, err := decodeState(b)
		if err != nil {
			return sline{}, err
		}
		u := c.stateUnit(st)
		l.terms.merge(u.terms, 1)
		l.names.merge(u.names, 1)
		l.begin, l.end = unionSpan(l.begin, l.end, st.begin, st.end)
	}
	return l, nil
}
