package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/news"
)

var cmdCompare = &Command{
	Name:      "compare",
	UsageLine: "compare [--json] ARTICLE [OTHER]",
	Short:     "what a copy changed in its original: names, numbers, dates, negations, claims",
	Long: `Compare shows what a copy changed in the article it copies. It aligns the two
texts sentence by sentence and lists each difference with its type:

	entity       a name, place, organisation or role swapped
	number       a count, amount or age
	date         a date, day, month or year
	negation     a negation added or removed
	antonym      a word turned into its opposite ("rise" for "fall")
	attribution  who said it
	quote        a quotation's wording
	added        a claim with nothing in the original in its place
	removed      a sentence of the original the copy leaves out
	wording      a faithful rewording, which changes no fact

and says whether the facts are the same (only wording changed).

With one article ID, the article is compared with the original its copy
group names; an article that copies nothing is an error. With two, the one
the copy detection takes for the original, or else the one published
first, is the original, whatever the order given.

--json prints {"original", "copy", "same_facts", "changes": [{"type",
"original", "copy", "original_sentence", "copy_sentence"}]}.`,
	Run: runCompare,
}

func runCompare(ctx context.Context, env *Env, args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return usageErrorf("compare takes one or two article IDs")
	}
	for _, id := range args {
		switch k := news.KindOf(id); k {
		case news.KindArticle:
		case news.KindStory:
			return fmt.Errorf("compare %s: story comparison: not yet; compare two of its articles (storyline story %s lists them)", id, id)
		default:
			return fmt.Errorf("compare %s: %s is %s %s ID, not an article ID: %w", id, id, article(k), k, news.ErrInvalid)
		}
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	ids := make([]news.ArticleID, len(args))
	for i, a := range args {
		ids[i] = news.ArticleID(a)
	}
	return compareArticles(ctx, env, st, ids)
}

// compareArticles compares one article with its original, or two articles
// with each other.
func compareArticles(ctx context.Context, env *Env, st Store, ids []news.ArticleID) error {
	arts := make([]news.Article, len(ids))
	var links []news.CopyLink
	for i, id := range ids {
		a, err := st.Article(ctx, id)
		if errors.Is(err, news.ErrNotFound) {
			return fmt.Errorf("compare %s: %w", id, notFound(news.KindArticle, string(id), err))
		}
		if err != nil {
			return fmt.Errorf("compare %s: %w", id, err)
		}
		ls, err := st.Copies(ctx, id)
		if err != nil {
			return fmt.Errorf("compare %s: %w", id, err)
		}
		arts[i], links = a, append(links, ls...)
	}
	var orig, cp news.Article
	if len(arts) == 1 {
		id, ok := compare.OriginalOf(arts[0].ID, links)
		if !ok {
			return fmt.Errorf("compare %s: not a copy of any stored article; name the other article: storyline compare %s OTHER", arts[0].ID, arts[0].ID)
		}
		o, err := st.Article(ctx, id)
		if err != nil {
			return fmt.Errorf("compare %s: its original %s: %w", arts[0].ID, id, err)
		}
		orig, cp = o, arts[0]
	} else {
		orig, cp = compare.Order(arts[0], arts[1], links)
	}
	res, err := compare.Stored(ctx, st, orig.ID, cp.ID)
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, res)
	}
	printComparison(env.Stdout, orig, cp, res)
	return nil
}

func printComparison(w io.Writer, orig, cp news.Article, res compare.Result) {
	describe := func(a news.Article) string {
		s := string(a.ID)
		if a.Outlet != "" {
			s += "  " + a.Outlet
		}
		s += "  " + day(a.Published)
		if a.Title != "" {
			s += "  " + clip(a.Title, 60)
		}
		return oneLine(s)
	}
	fmt.Fprintf(w, "original  %s\ncopy      %s\n", describe(orig), describe(cp))
	if res.SameFacts {
		fmt.Fprintf(w, "facts     the same (%d rewordings)\n", res.Rewordings())
	} else {
		fmt.Fprintf(w, "facts     changed: %d changes of fact, %d rewordings\n", len(res.Facts()), res.Rewordings())
	}
	for _, c := range res.Facts() {
		fmt.Fprintf(w, "\n%s\n", c.Type)
		if c.Original != "" {
			fmt.Fprintf(w, "  - %s\n", oneLine(clip(c.Original, 300)))
		}
		if c.Copy != "" {
			fmt.Fprintf(w, "  + %s\n", oneLine(clip(c.Copy, 300)))
		}
		if c.Type != compare.Removed && c.Type != compare.Added {
			fmt.Fprintf(w, "    in: %s\n", oneLine(clip(c.CopySentence, 160)))
		}
	}
}
