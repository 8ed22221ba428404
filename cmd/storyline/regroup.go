package main

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
)

var cmdRegroup = &Command{
	Name:      "regroup",
	UsageLine: "regroup [--db FILE]",
	Short:     "make the copies, entities, stories and storylines again from every article",
	Long: `Regroup derives the grouping again from every stored article: copy
groups, entities, stories and storylines, with people's decisions and the
alias file applied. Ingests and corrections keep the grouping up to date
by themselves; regroup is for after changing what they read, such as the
alias file edited by hand, or to finish a run that was killed before it
grouped what it stored.

Stories and storylines keep their IDs where they continue (see "help
story"). Articles left unanalyzed by a killed run are analyzed first.`,
	Run: runRegroup,
}

func runRegroup(ctx context.Context, env *Env, args []string) error {
	if len(args) != 0 {
		return usageErrorf("regroup takes no arguments")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := regroup(ctx, env, st); err != nil {
		return err
	}
	n, err := st.Count(ctx)
	if err != nil {
		return err
	}
	_, stories, err := st.Stories(ctx, news.StoryFilter{Limit: 1})
	if err != nil {
		return err
	}
	_, lines, err := st.Storylines(ctx, 1, 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "regrouped %d articles: %d stories in %d storylines\n", n, stories, lines)
	return nil
}
