package storedrows

import (
	"cmp"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// A Match is a search match's row (the article's seq) and its score,
// higher better.
type Match struct {
	Seq   int64
	Score float64
}

// WindowPage returns the page at offset, of up to limit matches, ranked
// best first from window, the newest matches, when window holds all
// total matches or the page lies within it. It sorts window. ok is false
// when the page lies past the window: then every match must be ranked.
func WindowPage(window []Match, total, offset, limit int) (page []Match, ok bool) {
	if len(window) != total && offset+limit > len(window) {
		return nil, false
	}
	slices.SortStableFunc(window, func(a, b Match) int { return cmp.Compare(b.Score, a.Score) })
	return window[offset:min(offset+limit, len(window))], true
}

// Hits returns the search hits of ranked, in its order, from rows that
// hold each match's article: its listing columns (see Summary), its seq
// and its text. snippet cuts a text's snippet and its highlights. A
// match whose row is absent (its article was deleted since it was
// ranked) drops out.
func Hits(rows Rows, ranked []Match, snippet func(text string) (string, []news.Span)) ([]news.SearchHit, error) {
	at := make(map[int64]int, len(ranked))
	for i, m := range ranked {
		at[m.Seq] = i
	}
	hits := make([]news.SearchHit, len(ranked))
	err := Each(rows, func(r Rows) error {
		var h news.SearchHit
		var seq int64
		var text string
		var err error
		if h.Summary, err = ScanSummary(r, &seq, &text); err != nil {
			return err
		}
		i := at[seq]
		h.Score = ranked[i].Score
		h.Snippet, h.Highlights = snippet(text)
		hits[i] = h
		return nil
	})
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(hits, func(h news.SearchHit) bool { return h.ID == "" }), nil
}

// Seqs returns the seqs of matches, in their order.
func Seqs(matches []Match) []int64 {
	seqs := make([]int64, len(matches))
	for i, m := range matches {
		seqs[i] = m.Seq
	}
	return seqs
}

// LikeContaining returns the LIKE pattern, for ESCAPE '\', of text that
// contains s: s's own %, _ and \ match themselves.
func LikeContaining(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
