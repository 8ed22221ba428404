package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

var searchFlags filterFlags

var cmdSearch = &Command{
	Name:      "search",
	UsageLine: "search [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--json] QUERY...",
	Short:     "full-text search, ranked, with snippets",
	Long: `Search finds articles whose title or text match all the words of QUERY,
ranked by relevance (BM25, title matches count more), and shows a snippet
with the matches highlighted.

Words match any inflection (talks, talked, talking). "Quoted words" match
as a phrase; word* matches a prefix; a OR b accepts either; -word excludes.`,
	Setup: func(fs *flag.FlagSet) { searchFlags.register(fs) },
	Run:   runSearch,
}

func runSearch(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("search needs a query")
	}
	f, st, err := searchFlags.openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	query := strings.Join(args, " ")
	hits, total, err := st.Search(ctx, query, f)
	if err != nil {
		return err
	}
	total, capped := news.SearchTotal(total)
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Query  string           `json:"query"`
			Total  int              `json:"total"`
			Capped bool             `json:"total_capped,omitzero"` // more than Total match
			Hits   []news.SearchHit `json:"hits"`
		}{query, total, capped, nonNil(hits)})
	}
	open, close := "«", "»"
	if isTerminal(env.Stdout) {
		open, close = "\x1b[1;33m", "\x1b[0m"
	}
	for i, h := range hits {
		fmt.Fprintf(env.Stdout, "%d. %s  [%s, %s]  %s\n", f.Offset+i+1, orDash(h.Title), orDash(h.Outlet), day(h.Published), h.ID)
		fmt.Fprintf(env.Stdout, "   %s\n\n", highlight(h.Snippet, h.Highlights, open, close))
	}
	more := ""
	if capped {
		more = "more than "
	}
	fmt.Fprintf(env.Stdout, "%d of %s%d matches\n", len(hits), more, total)
	return nil
}

// highlight wraps the spans of s in open and close.
func highlight(s string, spans []news.Span, open, close string) string {
	var b strings.Builder
	last := 0
	for _, sp := range spans {
		if sp.Start < last || sp.End > len(s) {
			continue
		}
		b.WriteString(s[last:sp.Start])
		b.WriteString(open + s[sp.Start:sp.End] + close)
		last = sp.End
	}
	b.WriteString(s[last:])
	return strings.Join(strings.Fields(b.String()), " ")
}
