package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

var articlesFlags filterFlags

var cmdArticles = &Command{
	Name:      "articles",
	UsageLine: "articles [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json]",
	Short:     "list stored articles",
	Long: `Articles lists stored articles, newest first; articles with no known
publication date come last. --from and --to take YYYY, YYYY-MM or YYYY-MM-DD
and include the whole period they name.`,
	Setup: func(fs *flag.FlagSet) { articlesFlags.register(fs) },
	Run:   runArticles,
}

func runArticles(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("articles takes no arguments, got %q", args)
	}
	f, err := articlesFlags.filter()
	if err != nil {
		return err
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.Articles(ctx, f)
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Total    int            `json:"total"`
			Articles []news.Summary `json:"articles"`
		}{total, nonNil(list)})
	}
	tw := newTable(env.Stdout)
	fmt.Fprintln(tw, "ID\tDATE\tOUTLET\tWORDS\tTITLE")
	for _, a := range list {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", a.ID, day(a.Published), orDash(clip(a.Outlet, 24)), a.Words, clip(a.Title, 70))
	}
	tw.Flush()
	fmt.Fprintf(env.Stdout, "%d of %d articles\n", len(list), total)
	return nil
}

var cmdArticle = &Command{
	Name:      "article",
	UsageLine: "article [--json] ID",
	Short:     "show one article",
	Long:      `Article shows one stored article: its metadata and clean text.`,
	Run:       runArticle,
}

func runArticle(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return usageErrorf("article takes one article ID")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := st.Article(ctx, news.ArticleID(args[0]))
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, a)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s\n%s\n\n", orDash(a.Title), strings.Repeat("=", min(len([]rune(a.Title)), 78)))
	tw := newTable(w)
	fmt.Fprintf(tw, "id\t%s\n", a.ID)
	fmt.Fprintf(tw, "outlet\t%s\n", orDash(a.Outlet))
	date := day(a.Published)
	if a.DateSource != "" {
		date += " (" + string(a.DateSource)
		if a.DateNote != "" {
			date += ": " + a.DateNote
		}
		date += ")"
	}
	fmt.Fprintf(tw, "published\t%s\n", date)
	if a.URL != "" {
		fmt.Fprintf(tw, "url\t%s\n", a.URL)
	}
	fmt.Fprintf(tw, "language\t%s\n", orDash(a.Language))
	fmt.Fprintf(tw, "from\t%s\n", a.Origin)
	fmt.Fprintf(tw, "words\t%d\n", len(strings.Fields(a.Text)))
	tw.Flush()
	fmt.Fprintf(w, "\n%s\n", a.Text)
	return nil
}

var cmdOutlets = &Command{
	Name:      "outlets",
	UsageLine: "outlets [--json]",
	Short:     "list outlets and their article counts",
	Long:      `Outlets lists every outlet in the store with its number of articles.`,
	Run: func(ctx context.Context, env *Env, args []string) error {
		st, err := openStore(ctx, env, true)
		if err != nil {
			return err
		}
		defer st.Close()
		list, err := st.Outlets(ctx)
		if err != nil {
			return err
		}
		if env.JSON {
			return printJSON(env.Stdout, nonNil(list))
		}
		tw := newTable(env.Stdout)
		fmt.Fprintln(tw, "ARTICLES\tOUTLET")
		for _, o := range list {
			name := o.Outlet
			if name == "" {
				name = "(unknown)"
			}
			fmt.Fprintf(tw, "%d\t%s\n", o.Articles, name)
		}
		return tw.Flush()
	},
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// nonNil makes empty lists print as [] rather than null in JSON.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
