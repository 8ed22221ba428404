package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/news"
)

var cmdCompare = &Command{
	Name:      "compare",
	UsageLine: "compare [--json] ARTICLE [OTHER] | STORY",
	Short:     "what a copy changed in its original; a story's sources side by side",
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
"original", "copy", "original_sentence", "copy_sentence"}]}.

With a story ID, compare puts the story's sources side by side: it groups
the sentences of its articles into facts, says which outlets report each
(all, several or one), lists the conflicts (one fact told with another
number, date, name or speaker by different outlets: "six killed" and "five
killed") and, for each outlet, the facts only it reports and the speakers
it quotes. A copy counts once with its original and shows only where it
changed a fact. An article without an outlet is named by its ID. The
earliest 200 articles of a story are compared.

--json prints {"story", "facts": [{"text", "outlets", "articles"}],
"conflicts": [{"type", "values": [{"text", "outlets", "articles"}]}],
"outlets": [{"outlet", "kind", "unique", "quoted"}]}.`,
	Run: runCompare,
}

func runCompare(ctx context.Context, env *Env, args []string) error {
	if len(args) < 1 || len(args) > 2 {
		return usageErrorf("compare takes one or two article IDs, or a story ID")
	}
	if len(args) == 1 && news.KindOf(args[0]) == news.KindStory {
		st, err := openStore(ctx, env, true)
		if err != nil {
			return err
		}
		defer st.Close()
		return compareStory(ctx, env, st, args[0])
	}
	for _, id := range args {
		switch k := news.KindOf(id); k {
		case news.KindArticle:
		case news.KindStory:
			return fmt.Errorf("compare %s: a story is compared alone: storyline compare %s", id, id)
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

// compareStory puts the sources of a story side by side.
func compareStory(ctx context.Context, env *Env, st Store, id string) error {
	d, err := lookupStory(ctx, env, st, id)
	if err != nil {
		return fmt.Errorf("compare %s: %w", id, err)
	}
	res, err := compare.StoredStory(ctx, st, d.ID, d.Members)
	if err != nil {
		return err
	}
	if res.Compared < res.Members {
		fmt.Fprintf(env.Stderr, "compared the earliest %d of the story's %d articles\n", res.Compared, res.Members)
	}
	if env.JSON {
		return printJSON(env.Stdout, res)
	}
	printStoryComparison(env.Stdout, d, res)
	return nil
}

// maxFactsShown bounds the facts of each reach the text output lists.
const maxFactsShown = 20

func printStoryComparison(w io.Writer, d news.StoryDetail, res compare.StoryResult) {
	fmt.Fprintf(w, "story     %s  %s\n", d.ID, oneLine(clip(d.Title, 70)))
	by := map[string][]compare.Fact{"all": res.ByReach("all"), "several": res.ByReach("several"), "one": res.ByReach("one")}
	fmt.Fprintf(w, "sources   %d outlets report, %d facts: %d reported by all, %d by several, %d by one; conflicts: %d\n",
		res.Reporting, len(res.Facts), len(by["all"]), len(by["several"]), len(by["one"]), len(res.Conflicts))
	for _, reach := range []string{"all", "several"} {
		if len(by[reach]) == 0 || res.Reporting < 2 {
			continue
		}
		fmt.Fprintf(w, "\nreported by %s\n", reach)
		for i, f := range by[reach] {
			if i == maxFactsShown {
				fmt.Fprintf(w, "  … and %d more (--json lists them all)\n", len(by[reach])-i)
				break
			}
			fmt.Fprintf(w, "  - %s\n", oneLine(clip(f.Text, 160)))
			if reach == "several" {
				fmt.Fprintf(w, "    %s\n", oneLine(strings.Join(f.Outlets, ", ")))
			}
		}
	}
	if len(res.Conflicts) > 0 {
		fmt.Fprint(w, "\nconflicts\n")
	}
	for _, c := range res.Conflicts {
		fmt.Fprintf(w, "  %s\n", c.Type)
		for _, v := range c.Values {
			fmt.Fprintf(w, "    %q  %s\n      in: %s\n", v.Words, oneLine(strings.Join(v.Outlets, ", ")), oneLine(clip(v.Text, 160)))
		}
	}
	fmt.Fprint(w, "\noutlets\n")
	for _, o := range res.Outlets {
		fmt.Fprintf(w, "  %s (%s)", oneLine(o.Outlet), o.Kind)
		if o.Copies {
			fmt.Fprint(w, ", copies only")
		}
		fmt.Fprintf(w, ", %d only here", len(o.Unique))
		if len(o.Quoted) > 0 {
			fmt.Fprintf(w, "; quotes %s", oneLine(strings.Join(o.Quoted, ", ")))
		}
		fmt.Fprintln(w)
		for i, u := range o.Unique {
			if i == maxFactsShown {
				fmt.Fprintf(w, "    … and %d more\n", len(o.Unique)-i)
				break
			}
			fmt.Fprintf(w, "    - %s\n", oneLine(clip(u, 160)))
		}
	}
}
