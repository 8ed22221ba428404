package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

var cmdDemo = &Command{
	Name:      "demo",
	UsageLine: "demo [--json]",
	Short:     "ingest the built-in sample and show what Storyline finds",
	Long: `Demo writes Storyline's built-in sample corpus (a fictional dispute over
a dam, told by fictional outlets as plain text, HTML, JSON Lines and an RSS
feed) to a temporary folder, ingests it into a temporary store, and shows
what Storyline found. Nothing is left behind; --db is ignored.`,
	Run: runDemo,
}

func runDemo(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("demo takes no arguments")
	}
	tmp, err := os.MkdirTemp("", "storyline-demo-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	corpus := filepath.Join(tmp, "sample")
	if err := demo.WriteTo(corpus); err != nil {
		return err
	}
	demoEnv := *env
	demoEnv.DBPath = filepath.Join(tmp, "demo.db")
	st, p, err := openPipeline(ctx, &demoEnv)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := p.Ingest(ctx, source.Read(ctx, []string{corpus}, source.Options{}), ingest.Options{})
	if err != nil {
		return err
	}
	var r demoReport
	r.Ingest = sum
	if r.Articles, _, err = st.Articles(ctx, news.ArticleFilter{Limit: 100}); err != nil {
		return err
	}
	stories, _, err := st.Stories(ctx, news.StoryFilter{Limit: 20})
	if err != nil {
		return err
	}
	for _, s := range stories {
		d, err := st.Story(ctx, s.ID)
		if err != nil {
			return err
		}
		r.Stories = append(r.Stories, d)
	}
	if r.Storylines, _, err = st.Storylines(ctx, 10, 0); err != nil {
		return err
	}
	if r.Entities, _, err = st.Entities(ctx, news.EntityFilter{Limit: 12}); err != nil {
		return err
	}
	if r.Quotes, _, err = st.Quotes(ctx, news.QuoteFilter{Limit: 6, Speaker: "Halvik"}); err != nil {
		return err
	}
	if r.Search, _, err = st.Search(ctx, "dam talks", news.ArticleFilter{Limit: 3}); err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, r)
	}
	printDemo(env.Stdout, r, countFiles(corpus))
	return nil
}

// demoReport is what the demo shows.
type demoReport struct {
	Ingest     ingest.Summary     `json:"ingest"`
	Articles   []news.Summary     `json:"articles"`
	Stories    []news.StoryDetail `json:"stories"`
	Storylines []news.Storyline   `json:"storylines"`
	Entities   []news.Entity      `json:"entities"`
	Quotes     []news.QuoteRef    `json:"quotes"`
	Search     []news.SearchHit   `json:"search_dam_talks"`
}

func printDemo(w io.Writer, r demoReport, files int) {
	fmt.Fprintf(w, "Storyline demo: a fictional story, the Kessel Dam dispute, told by fictional outlets in %d sample files\n", files)
	fmt.Fprintf(w, "(plain text, HTML with menus and share links, JSON Lines, an RSS feed).\n\n")
	fmt.Fprintf(w, "Ingested: read %d, new %d, already known %d, failed %d\n\n", r.Ingest.Read, r.Ingest.New, r.Ingest.Known, r.Ingest.Failed)
	fmt.Fprintln(w, "ARTICLES (dates from metadata, date headers, pages; inferred or inherited when missing)")
	tw := newTable(w)
	for _, a := range r.Articles {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", day(a.Published), orDash(a.Outlet), clip(a.Title, 60), a.DateSource)
	}
	tw.Flush()
	fmt.Fprintf(w, "\nSTORIES (%d): articles about one real-world development\n", len(r.Stories))
	for _, d := range r.Stories {
		fmt.Fprintf(w, "\n  %s  [%s · %s · %s · %s]\n", d.Title, span(d.Begin, d.End),
			count(d.Size, "article", "articles"), count(d.Outlets, "outlet", "outlets"), count(d.Copies, "copy", "copies"))
		for _, a := range d.Members {
			role := ""
			if a.Copy != nil {
				role = fmt.Sprintf("  ← %s copy of %s", a.Copy.Kind, outletOf(d, a.Copy.Original))
			}
			fmt.Fprintf(w, "    %-10s  %-18s %s%s\n", day(a.Published), clip(orDash(a.Outlet), 18), clip(a.Title, 52), role)
		}
	}
	if len(r.Storylines) > 0 {
		fmt.Fprintln(w, "\nSTORYLINES: stories about the same actors, linked across time")
		for _, l := range r.Storylines {
			fmt.Fprintf(w, "  %s  [%s · %s]\n", l.Name, span(l.Begin, l.End), count(len(l.Stories), "story", "stories"))
		}
	}
	if len(r.Entities) > 0 {
		fmt.Fprintln(w, "\nWHO AND WHERE (resolved across spellings and articles)")
		for _, e := range r.Entities {
			aliases := ""
			if len(e.Aliases) > 0 {
				aliases = "  also: " + strings.Join(e.Aliases, ", ")
			}
			fmt.Fprintf(w, "  %-4s %-28s %3d mentions%s\n", e.Type, clip(e.Name, 28), e.Mentions, aliases)
		}
	}
	if len(r.Quotes) > 0 {
		fmt.Fprintln(w, "\nWHO SAID WHAT (quotes by Petra Halvik)")
		for _, q := range r.Quotes {
			fmt.Fprintf(w, "  %s, %s: %s\n", orDash(q.Article.Outlet), day(q.Article.Published), clip(q.Text, 100))
		}
	}
	fmt.Fprintln(w, "\nSEARCH \"dam talks\" (ranked, stemmed, with snippets)")
	for i, h := range r.Search {
		fmt.Fprintf(w, "  %d. %s [%s]\n     %s\n", i+1, h.Title, orDash(h.Outlet), highlight(h.Snippet, h.Highlights, "«", "»"))
	}
	fmt.Fprintln(w, "\nOn your own files:  storyline ingest PATH...   then  storyline stories, storyline story ID --why,")
	fmt.Fprintln(w, "storyline entities, storyline quotes, storyline timeline ID, storyline search QUERY, storyline serve")
}

func outletOf(d news.StoryDetail, id news.ArticleID) string {
	for _, a := range d.Members {
		if a.ID == id {
			return orDash(a.Outlet)
		}
	}
	return string(id)
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// count says n things: "1 story", "3 stories".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
