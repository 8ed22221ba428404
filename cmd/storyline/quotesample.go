package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// A sampledQuote is a quote drawn by quotes --sample, with the sentence
// it stands in.
type sampledQuote struct {
	// Rank is the quote's place in the list that quotes gives with the
	// same filters, from 0.
	Rank int `json:"rank"`
	news.QuoteRef
	// Context is the sentence the quote stands in, the quote between «
	// and »; empty when the article's text does not hold its spans.
	Context string `json:"context,omitzero"`
}

// sampleQuotes prints n of the quotes that filter selects, drawn at
// random with seed: the same seed, store and filter draw the same ones.
func sampleQuotes(ctx context.Context, env *Env, st Store, filter news.QuoteFilter, n int, seed uint64) error {
	filter.Limit = 1
	_, total, err := st.Quotes(ctx, filter)
	if err != nil {
		return err
	}
	texts := map[news.ArticleID]string{}
	var drawn []sampledQuote
	for _, rank := range drawRanks(total, n, seed) {
		filter.Offset = rank
		list, _, err := st.Quotes(ctx, filter)
		if err != nil {
			return err
		}
		if len(list) == 0 {
			break // the store lost quotes since it was counted
		}
		q := list[0]
		text, ok := texts[q.Article.ID]
		if !ok {
			a, err := st.Article(ctx, q.Article.ID)
			if err != nil {
				return err
			}
			text, texts[q.Article.ID] = a.Text, a.Text
		}
		drawn = append(drawn, sampledQuote{Rank: rank, QuoteRef: q, Context: quoteContext(text, q.Quote)})
	}
	page := struct {
		Total  int            `json:"total"`
		Seed   uint64         `json:"seed"`
		Quotes []sampledQuote `json:"quotes"`
	}{total, seed, nonNil(drawn)}
	return printPage(env, page, len(drawn), total, fmt.Sprintf("quotes drawn with seed %d", seed), func(w io.Writer) {
		for i, q := range drawn {
			fmt.Fprintf(w, "%d. %s  %s (%s):\n    %s\n    [%s, %s, article %s, #%d]\n\n", i+1, day(q.Article.Published), attribution(q.Quote),
				orDash(string(q.Kind)), orDash(q.Context), orDash(q.Article.Outlet), clip(q.Article.Title, 50), q.Article.ID, q.Rank)
		}
	})
}

// drawRanks returns min(n, total) distinct numbers of [0, total), drawn
// uniformly with seed (Floyd's algorithm), in increasing order.
func drawRanks(total, n int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	picked := map[int]bool{}
	for j := total - min(n, total); j < total; j++ {
		k := r.IntN(j + 1)
		if picked[k] {
			k = j
		}
		picked[k] = true
	}
	return slices.Sorted(func(yield func(int) bool) {
		for k := range picked {
			if !yield(k) {
				return
			}
		}
	})
}

// quoteContext returns the sentence of q in text, its content (or each
// of its parts) between « and », on one line; "" when text does not hold
// the spans.
func quoteContext(text string, q news.Quote) string {
	sent, parts := q.Sentence, q.Parts
	if len(parts) == 0 {
		parts = []news.Span{q.Span}
	}
	if sent.End <= sent.Start {
		sent = news.Span{Start: parts[0].Start, End: parts[len(parts)-1].End}
	}
	sent.Start, sent.End = min(sent.Start, parts[0].Start), max(sent.End, parts[len(parts)-1].End)
	if sent.Start < 0 || sent.End > len(text) {
		return ""
	}
	var b strings.Builder
	at := sent.Start
	for _, p := range parts {
		if p.Start < at || p.End < p.Start {
			return ""
		}
		b.WriteString(text[at:p.Start])
		b.WriteString("«" + text[p.Start:p.End] + "»")
		at = p.End
	}
	b.WriteString(text[at:sent.End])
	return strings.Join(strings.Fields(b.String()), " ")
}
