package main

import (
	"strconv"
	"strings"
	"testing"
)

type quoteSample struct {
	Total  int            `json:"total"`
	Seed   uint64         `json:"seed"`
	Quotes []sampledQuote `json:"quotes"`
}

// TestQuoteSample checks quotes --sample as someone reading a sample by
// hand relies on it: the same seed draws the same quotes, each is the
// quote at its rank in the list quotes gives, shown in its sentence with
// the quote's own words marked, and a sample as large as the list holds
// every quote once.
func TestQuoteSample(t *testing.T) {
	db, _ := seedStore(t)
	var all quotePage
	jsonOut(t, &all, "quotes", "--db", db, "--limit", "1000")
	if all.Total < 10 || len(all.Quotes) != all.Total {
		t.Fatalf("the seeds list %d of %d quotes, want at least 10, all of them", len(all.Quotes), all.Total)
	}

	draw := func(n int, seed uint64) quoteSample {
		var s quoteSample
		jsonOut(t, &s, "quotes", "--db", db, "--sample", strconv.Itoa(n), "--seed", strconv.FormatUint(seed, 10))
		return s
	}
	a, b := draw(5, 7), draw(5, 7)
	if ranksOf(a) != ranksOf(b) {
		t.Errorf("seed 7 drew %s, then %s", ranksOf(a), ranksOf(b))
	}
	if len(a.Quotes) != 5 || a.Total != all.Total {
		t.Errorf("--sample 5 drew %d of %d quotes, want 5 of %d", len(a.Quotes), a.Total, all.Total)
	}
	differ := false
	for seed := uint64(8); seed < 12 && !differ; seed++ {
		differ = ranksOf(draw(5, seed)) != ranksOf(a)
	}
	if !differ {
		t.Errorf("seeds 7 to 11 all drew %s", ranksOf(a))
	}

	whole := draw(all.Total+3, 1)
	if len(whole.Quotes) != all.Total {
		t.Fatalf("--sample %d of %d quotes drew %d", all.Total+3, all.Total, len(whole.Quotes))
	}
	for i, q := range whole.Quotes {
		if q.Rank != i {
			t.Fatalf("quote %d of a whole sample has rank %d", i, q.Rank)
		}
		want := all.Quotes[i]
		if q.Article.ID != want.Article.ID || q.Span != want.Span || q.Speaker != want.Speaker {
			t.Errorf("rank %d: drew %s %v %q, the list has %s %v %q", i, q.Article.ID, q.Span, q.Speaker, want.Article.ID, want.Span, want.Speaker)
		}
		if !strings.Contains(q.Context, "«") || len(q.Context) < len(q.Text) {
			t.Errorf("rank %d: context %q does not hold the quote %q", i, q.Context, q.Text)
		}
		if len(q.Parts) == 0 && !strings.Contains(q.Context, "«"+strings.Join(strings.Fields(q.Text), " ")+"»") {
			t.Errorf("rank %d: context %q does not mark the quote %q", i, q.Context, q.Text)
		}
	}
}

func ranksOf(s quoteSample) string {
	var b strings.Builder
	for _, q := range s.Quotes {
		b.WriteString(strconv.Itoa(q.Rank) + " ")
	}
	return b.String()
}

// TestDrawRanks checks that a sample is what it says: distinct ranks in
// range, in order, as many as asked or the whole list, each rank as
// likely as any other.
func TestDrawRanks(t *testing.T) {
	for _, c := range []struct{ total, n int }{{0, 3}, {5, 0}, {5, 5}, {5, 9}, {100, 10}} {
		got := drawRanks(c.total, c.n, 42)
		if len(got) != min(c.total, c.n) {
			t.Errorf("drawRanks(%d, %d) = %d ranks, want %d", c.total, c.n, len(got), min(c.total, c.n))
		}
		for i, r := range got {
			if r < 0 || r >= c.total || (i > 0 && r <= got[i-1]) {
				t.Errorf("drawRanks(%d, %d) = %v: not distinct ranks in order within [0, %d)", c.total, c.n, got, c.total)
				break
			}
		}
	}
	// 3 of 10, 20,000 times: each rank is drawn 6,000 times in
	// expectation (standard deviation about 65).
	var count [10]int
	for seed := range uint64(20000) {
		for _, r := range drawRanks(10, 3, seed) {
			count[r]++
		}
	}
	for r, c := range count {
		if c < 5600 || c > 6400 {
			t.Errorf("rank %d drawn %d times of 60,000, want about 6,000: %v", r, c, count)
		}
	}
}
