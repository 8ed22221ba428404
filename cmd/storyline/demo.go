package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

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
	st, err := openStore(ctx, &demoEnv, false)
	if err != nil {
		return err
	}
	defer st.Close()
	sum, err := ingest.Run(ctx, source.Read(ctx, []string{corpus}, source.Options{}), st, ingest.Options{})
	if err != nil {
		return err
	}
	list, _, err := st.Articles(ctx, news.ArticleFilter{Limit: 100})
	if err != nil {
		return err
	}
	hits, _, err := st.Search(ctx, "dam talks", news.ArticleFilter{Limit: 3})
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Ingest   ingest.Summary   `json:"ingest"`
			Articles []news.Summary   `json:"articles"`
			Search   []news.SearchHit `json:"search_dam_talks"`
		}{sum, list, hits})
	}
	w := env.Stdout
	fmt.Fprintf(w, "Storyline demo: a fictional story, the Kessel Dam dispute, told by %d sample files.\n\n", countFiles(corpus))
	fmt.Fprintf(w, "Ingested: read %d, new %d, already known %d, failed %d\n\n", sum.Read, sum.New, sum.Known, sum.Failed)
	fmt.Fprintln(w, "Articles (newest first; dates come from metadata, headers or the page):")
	tw := newTable(w)
	for _, a := range list {
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", day(a.Published), orDash(a.Outlet), clip(a.Title, 64), a.DateSource)
	}
	tw.Flush()
	fmt.Fprintln(w, "\nSearch \"dam talks\" (ranked, stemmed, with snippets):")
	for i, h := range hits {
		fmt.Fprintf(w, "  %d. %s [%s]\n     %s\n", i+1, h.Title, orDash(h.Outlet), highlight(h.Snippet, h.Highlights, "«", "»"))
	}
	fmt.Fprintln(w, "\nTry it on your own files:  storyline ingest PATH...  then  storyline articles, storyline search QUERY")
	return nil
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
