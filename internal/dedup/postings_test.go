package dedup

import (
	"slices"
	"testing"
)

func TestPostings(t *testing.T) {
	p := newPostings()
	want := map[uint32][]uint32{}
	// Enough entries to flush and merge several runs.
	for doc := range uint32(5 * recentLimit) {
		for _, key := range []uint32{doc % 97, 1000 + doc%3, 5000 + doc} {
			p.add(key, doc, 40)
			if len(want[key]) < 40 {
				want[key] = append(want[key], doc)
			}
		}
	}
	if len(p.runs) == 0 || len(p.runs) > 4 {
		t.Errorf("%d runs after %d entries, want a few", len(p.runs), 15*recentLimit)
	}
	for _, key := range []uint32{0, 50, 96, 1000, 1002, 5000, 5000 + 3*recentLimit, 99999} {
		var got []uint32
		p.lookup(key, 100, func(d uint32) { got = append(got, d) })
		if !slices.Equal(got, want[key]) {
			t.Errorf("key %d: lookup gave %d docs %v..., want %d", key, len(got), got[:min(3, len(got))], len(want[key]))
		}
		if n := p.count(key, 10); n != min(10, len(want[key])) {
			t.Errorf("key %d: count up to 10 = %d", key, n)
		}
	}
}
