package timeline

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// Variant is one wording of a quote that several articles carry (a quote
// group), with the articles that give it that way and how it differs from
// the first wording published.
type Variant struct {
	Text     string         `json:"text"`
	Who      string         `json:"who,omitzero"` // the speaker this wording is given to
	Articles []news.Summary `json:"articles"`
	// Changes are the runs of words in which this wording differs from
	// the first variant's; empty for the first.
	Changes []Change `json:"changes,omitzero"`
}

// Change is a run of words of the first wording (From) that another
// gives as To: "our" → "Turkey’s". Either may be empty (words left out,
// words added).
type Change struct {
	From string `json:"from,omitzero"`
	To   string `json:"to,omitzero"`
}

// Variants returns the distinct wordings of one quote group, the first
// published first (see firstQuote; undated last), each with its articles
// (each once) and, but for the first, its changes from the first. Wordings
// that differ only in case, punctuation or quote marks are one.
func Variants(quotes []news.QuoteRef) []Variant {
	var out []Variant
	var best []news.QuoteRef // the first quote of each variant
	byKey := map[string]int{}
	for _, q := range quotes {
		key := strings.Join(words(q.Text), " ")
		i, ok := byKey[key]
		if !ok {
			i = len(out)
			byKey[key] = i
			out = append(out, Variant{Text: q.Text, Who: q.Speaker})
			best = append(best, q)
		}
		if firstQuote(q, best[i]) < 0 {
			best[i] = q
		}
		if !slices.ContainsFunc(out[i].Articles, func(s news.Summary) bool { return s.ID == q.Article.ID }) {
			out[i].Articles = append(out[i].Articles, q.Article)
		}
	}
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return firstQuote(best[a], best[b]) })
	sorted := make([]Variant, len(out))
	for i, k := range order {
		sorted[i] = out[k]
	}
	out = sorted
	for i := range out {
		slices.SortStableFunc(out[i].Articles, byDate)
		if i > 0 {
			out[i].Changes = diff(words(out[0].Text), words(out[i].Text), tokens(out[0].Text), tokens(out[i].Text))
		}
	}
	return out
}

// firstQuote orders the quotes of a group by which reads as the quote:
// the earliest published, a direct quote before a paraphrase, a named
// speaker before an unknown one.
func firstQuote(a, b news.QuoteRef) int {
	return cmp.Or(byDate(a.Article, b.Article), cmpBool(b.Direct, a.Direct), cmpBool(b.Speaker != "", a.Speaker != ""))
}

// byDate orders articles by publication date, undated last, then by ID.
func byDate(a, b news.Summary) int {
	if a.Published.IsZero() != b.Published.IsZero() {
		if a.Published.IsZero() {
			return 1
		}
		return -1
	}
	return cmp.Or(a.Published.Compare(b.Published), cmp.Compare(a.ID, b.ID))
}

// tokens splits a text into its words as written, without the
// punctuation around them.
func tokens(s string) []string {
	var out []string
	for _, f := range strings.Fields(s) {
		if t := strings.TrimFunc(f, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// words returns tokens(s) folded for comparison: lower case, one
// apostrophe.
func words(s string) []string {
	t := tokens(s)
	for i, w := range t {
		t[i] = strings.ReplaceAll(strings.ToLower(w), "’", "'")
	}
	return t
}

// diff returns the runs in which b differs from a (compared as folded
// words, shown as written), by a longest common subsequence of words.
// Texts are quotes, a few dozen words; a pair too long to compare is
// reported as one change.
func diff(a, b, wa, wb []string) []Change {
	if len(a)*len(b) > 1<<20 {
		return []Change{{From: strings.Join(wa, " "), To: strings.Join(wb, " ")}}
	}
	// lcs[i][j] is the length of the longest common subsequence of a[i:] and b[j:].
	lcs := make([][]int, len(a)+1)
	for i := range lcs {
		lcs[i] = make([]int, len(b)+1)
	}
	for i := len(a) - 1; i >= 0; i-- {
		for j := len(b) - 1; j >= 0; j-- {
			if a[i] == b[j] {
				lcs[i][j] = lcs[i+1][j+1] + 1
			} else {
				lcs[i][j] = max(lcs[i+1][j], lcs[i][j+1])
			}
		}
	}
	var out []Change
	var from, to []string
	flush := func() {
		if len(from)+len(to) > 0 {
			out = append(out, Change{From: strings.Join(from, " "), To: strings.Join(to, " ")})
			from, to = nil, nil
		}
	}
	i, j := 0, 0
	for i < len(a) || j < len(b) {
		switch {
		case i < len(a) && j < len(b) && a[i] == b[j]:
			flush()
			i++
			j++
		case j < len(b) && (i == len(a) || lcs[i][j+1] >= lcs[i+1][j]):
			to = append(to, wb[j])
			j++
		default:
			from = append(from, wa[i])
			i++
		}
	}
	flush()
	return out
}
