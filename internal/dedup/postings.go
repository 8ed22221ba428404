package dedup

import (
	"slices"
)

// postings is a multimap from 32-bit LSH keys to document numbers, kept as
// sorted runs of key<<32|doc (8 bytes an entry, no per-key overhead) plus a
// small map of recent entries, merged log-structured style: each run is at
// least four times the size of the next, so a lookup searches few runs and
// every entry is copied O(log n) times in all.
type postings struct {
	recent  map[uint32][]uint32
	nrecent int
	runs    [][]uint64
}

const recentLimit = 1 << 13

func newPostings() *postings {
	return &postings{recent: make(map[uint32][]uint32)}
}

// add records doc under key unless key already has limit documents.
func (p *postings) add(key, doc uint32, limit int) {
	if p.count(key, limit) < limit {
		p.insert(key, doc)
	}
}

// insert records doc under key.
func (p *postings) insert(key, doc uint32) {
	p.recent[key] = append(p.recent[key], doc)
	p.nrecent++
	if p.nrecent >= recentLimit {
		p.flush()
	}
}

func (p *postings) flush() {
	if p.nrecent == 0 {
		return
	}
	run := make([]uint64, 0, p.nrecent)
	for k, docs := range p.recent {
		for _, d := range docs {
			run = append(run, uint64(k)<<32|uint64(d))
		}
	}
	slices.Sort(run)
	clear(p.recent)
	p.nrecent = 0
	p.runs = append(p.runs, run)
	for n := len(p.runs); n >= 2 && len(p.runs[n-2]) < 4*len(p.runs[n-1]); n = len(p.runs) {
		p.runs[n-2] = merge(p.runs[n-2], p.runs[n-1])
		p.runs = p.runs[:n-1]
	}
}

func merge(a, b []uint64) []uint64 {
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// lookup calls fn for at most limit documents under key, oldest first.
func (p *postings) lookup(key uint32, limit int, fn func(doc uint32)) {
	n := 0
	lo := uint64(key) << 32
	for _, run := range p.runs {
		i, _ := slices.BinarySearch(run, lo)
		for ; i < len(run) && run[i]>>32 == uint64(key); i++ {
			if n >= limit {
				return
			}
			fn(uint32(run[i]))
			n++
		}
	}
	for _, d := range p.recent[key] {
		if n >= limit {
			return
		}
		fn(d)
		n++
	}
}

// count returns how many documents key has, counting up to limit.
func (p *postings) count(key uint32, limit int) int {
	n := 0
	p.lookup(key, limit, func(uint32) { n++ })
	return n
}

// bytes returns the memory held by the postings, roughly.
func (p *postings) bytes() int {
	n := 0
	for _, r := range p.runs {
		n += 8 * cap(r)
	}
	return n + 48*len(p.recent) + 4*p.nrecent
}
