package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/summary"
)

var storiesFlags struct {
	filterFlags
	storyline, entity string
}

var cmdStories = &Command{
	Name:      "stories",
	UsageLine: "stories [--storyline ID] [--outlet NAME] [--entity ID] [--from DATE] [--to DATE] [--limit N] [--json]",
	Short:     "list stories: title, date span, articles (news, opinion), outlets, copies",
	Long: `Stories lists the stories found in the store, the most recent first. A
story is a group of articles that report one real-world development;
copies of an article always fall in their original's story.`,
	Setup: func(fs *flag.FlagSet) {
		storiesFlags.register(fs)
		fs.StringVar(&storiesFlags.storyline, "storyline", "", "only stories of this storyline `ID`")
		fs.StringVar(&storiesFlags.entity, "entity", "", "only stories that mention this entity `ID`")
	},
	Run: runStories,
}

func runStories(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("stories takes no arguments")
	}
	af, st, err := storiesFlags.openStore(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.Stories(ctx, news.StoryFilter{Storyline: news.StorylineID(storiesFlags.storyline), Outlet: af.Outlet,
		Entity: news.EntityID(storiesFlags.entity), From: af.From, To: af.To, Limit: af.Limit, Offset: af.Offset})
	if err != nil {
		return err
	}
	page := struct {
		Total   int                 `json:"total"`
		Stories []news.StorySummary `json:"stories"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "stories", tableRows("ID\tDATES\tARTICLES\tNEWS\tOPINION\tOUTLETS\tCOPIES\tTITLE", list, func(s news.StorySummary) string {
		return fmt.Sprintf("%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s", s.ID, span(s.Begin, s.End), s.Size, s.Reports, s.Opinions, s.Outlets, s.Copies, clip(s.Title, 64))
	}))
}

var storyWhy bool

var cmdStory = &Command{
	Name:      "story",
	UsageLine: "story [--why] [--json] ID | story split ID ARTICLE... | story merge ID OTHER",
	Short:     "show a story, or split or merge stories",
	Long: `Story shows one story: its articles by date and outlet, and its copy
groups with their originals. --why adds, for every article, why it joined
the story: the score, the shared names and terms, and the date gap.

"story split ID ARTICLE..." moves the named articles of story ID into a new
story; "story merge ID OTHER" merges story OTHER into story ID. Both are
kept as decisions and replayed on every later ingest, so the next ingest
does not undo them. A decision is stored with the grouping that applies
it, at once; making the same decision again changes nothing.

A story keeps its ID (s-...) as it grows. The ID of a story merged into
another leads to the merged one: story says so on stderr and shows it.`,
	Setup: func(fs *flag.FlagSet) {
		fs.BoolVar(&storyWhy, "why", false, "explain why each article is in the story")
	},
	Run: runStory,
}

func runStory(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("story needs a story ID")
	}
	switch args[0] {
	case "split":
		if len(args) < 3 {
			return usageErrorf("story split needs a story ID and the articles to split off")
		}
		return splitStory(ctx, env, news.StoryID(args[1]), args[2:])
	case "merge":
		if len(args) != 3 {
			return usageErrorf("story merge needs two story IDs")
		}
		return mergeStories(ctx, env, news.StoryID(args[1]), news.StoryID(args[2]))
	}
	if len(args) != 1 {
		return usageErrorf("story takes one story ID")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := lookupStory(ctx, env, st, args[0])
	if err != nil {
		return err
	}
	if d.Summary, err = summary.ForStory(ctx, st, d.ID); err != nil {
		return err
	}
	if env.JSON {
		if !storyWhy {
			for i := range d.Members {
				d.Members[i].Why = news.Assignment{}
			}
		}
		return printJSON(env.Stdout, d)
	}
	printStory(env.Stdout, d, storyWhy)
	return nil
}

func printStory(w io.Writer, d news.StoryDetail, why bool) {
	fmt.Fprintf(w, "%s\n%s\n", d.Title, strings.Repeat("=", min(len([]rune(d.Title)), 78)))
	fmt.Fprintf(w, "story %s · %s · %d articles (%d news, %d opinion) · %d outlets · %d copies", d.ID, span(d.Begin, d.End), d.Size, d.Reports, d.Opinions, d.Outlets, d.Copies)
	if d.Storyline != "" {
		fmt.Fprintf(w, " · storyline %s", d.Storyline)
	}
	fmt.Fprint(w, "\n")
	printSummary(w, d.Summary)
	fmt.Fprint(w, "\nArticles:\n")
	tw := newTable(w)
	for _, a := range d.Members {
		role := "original"
		if a.Copy != nil {
			role = fmt.Sprintf("%s copy of %s (%.2f)", a.Copy.Kind, a.Copy.Original, a.Copy.Similarity)
		} else if !isOriginal(d, a.ID) {
			role = ""
		}
		fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\t%s\n", a.ID, day(a.Published), orDash(clip(a.Outlet, 20)), orDash(string(a.Kind)), clip(a.Title, 56), role)
	}
	tw.Flush()
	if groups := copyGroups(d); len(groups) > 0 {
		fmt.Fprint(w, "\nCopy groups:\n")
		for orig, copies := range groups {
			fmt.Fprintf(w, "  original %s, copied by %s\n", orig, strings.Join(copies, ", "))
		}
	}
	if why {
		fmt.Fprint(w, "\nWhy each article is here:\n")
		for _, a := range d.Members {
			fmt.Fprintf(w, "  %s: %s\n", a.ID, a.Why.Reason)
			if len(a.Why.SharedEntities) > 0 {
				fmt.Fprintf(w, "      names: %s\n", strings.Join(a.Why.SharedEntities, ", "))
			}
			if len(a.Why.SharedTerms) > 0 {
				fmt.Fprintf(w, "      terms: %s\n", strings.Join(a.Why.SharedTerms, ", "))
			}
		}
	}
}

// printSummary prints a summary's sentences, each with the articles (or
// the story) that carry it.
func printSummary(w io.Writer, sum []news.SummarySentence) {
	if len(sum) == 0 {
		return
	}
	fmt.Fprint(w, "\nSummary:\n")
	for _, s := range sum {
		from := make([]string, len(s.Articles))
		for i, a := range s.Articles {
			from[i] = string(a)
		}
		src := strings.Join(from, ", ")
		if s.Story != "" {
			src = "story " + string(s.Story)
		}
		fmt.Fprintf(w, "  - %s [%s%s]\n", s.Text, dayOrBlank(s.Published), src)
	}
}

// dayOrBlank is the day of t and a space, or nothing when t is zero.
func dayOrBlank(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return day(t) + " "
}

// isOriginal reports whether id is the original of some copy in d.
func isOriginal(d news.StoryDetail, id news.ArticleID) bool {
	for _, a := range d.Members {
		if a.Copy != nil && a.Copy.Original == id {
			return true
		}
	}
	return false
}

func copyGroups(d news.StoryDetail) map[news.ArticleID][]string {
	out := map[news.ArticleID][]string{}
	for _, a := range d.Members {
		if a.Copy != nil {
			out[a.Copy.Original] = append(out[a.Copy.Original], fmt.Sprintf("%s (%s)", a.ID, a.Copy.Kind))
		}
	}
	return out
}

func splitStory(ctx context.Context, env *Env, id news.StoryID, arts []string) error {
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := lookupStory(ctx, env, st, string(id))
	if err != nil {
		return err
	}
	id = d.ID
	in := map[news.ArticleID]bool{}
	for _, a := range d.Articles {
		in[a] = true
	}
	dec := news.Decision{Kind: "split", Story: id}
	moved := map[news.ArticleID]bool{}
	for _, a := range arts {
		if !in[news.ArticleID(a)] {
			return fmt.Errorf("split story %s: article %s is not in it: %w", id, a, news.ErrInvalid)
		}
		dec.Articles = append(dec.Articles, news.ArticleID(a))
		moved[news.ArticleID(a)] = true
	}
	for _, a := range d.Articles {
		if !moved[a] {
			dec.Kept = append(dec.Kept, a)
		}
	}
	if len(dec.Articles) == len(d.Articles) {
		return fmt.Errorf("split story %s: %w: cannot move every article out", id, news.ErrInvalid)
	}
	applied, err := decide(ctx, env, st, dec)
	if err != nil || !applied {
		return err
	}
	fmt.Fprintf(env.Stdout, "split %d articles out of story %s into story %s; the decision is kept for later ingests\n", len(dec.Articles), id, analysis.SplitStoryID(dec))
	return nil
}

func mergeStories(ctx context.Context, env *Env, id, other news.StoryID) error {
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	a, err := lookupStory(ctx, env, st, string(id))
	if err != nil {
		return err
	}
	b, err := lookupStory(ctx, env, st, string(other))
	if err != nil {
		return err
	}
	if a.ID == b.ID {
		fmt.Fprintf(env.Stdout, "story %s is already part of story %s; nothing to do\n", other, a.ID)
		return nil
	}
	dec := news.Decision{Kind: "merge", Story: a.ID, Other: b.ID, Articles: append(a.Articles, b.Articles...)}
	applied, err := decide(ctx, env, st, dec)
	if err != nil || !applied {
		return err
	}
	fmt.Fprintf(env.Stdout, "merged story %s into %s; the decision is kept for later ingests\n", b.ID, a.ID)
	return nil
}

// decide applies dec and stores it, as one transaction; it says so when
// the same decision was made before.
func decide(ctx context.Context, env *Env, st Store, dec news.Decision) (bool, error) {
	p, err := newPipeline(env, st)
	if err != nil {
		return false, err
	}
	applied, err := p.Decide(ctx, dec)
	if err == nil && !applied {
		fmt.Fprintf(env.Stdout, "this %s of story %s was decided before; nothing to do\n", dec.Kind, dec.Story)
	}
	return applied, err
}

// span formats a date span for listings.
func span(b, e time.Time) string {
	switch {
	case b.IsZero():
		return "undated"
	case e.IsZero() || day(b) == day(e):
		return day(b)
	}
	return day(b) + " – " + day(e)
}

var cmdStorylines = &Command{
	Name:      "storylines",
	UsageLine: "storylines [--limit N] [--offset N] [--json]",
	Short:     "list storylines: stories about the same actors across time",
	Long: `Storylines lists storylines, the most recently active first. A storyline
links stories about the same actors and conflict, from weeks to years
apart; its name is made from its main actors and terms.`,
	Setup: func(fs *flag.FlagSet) {
		fs.IntVar(&storylinesLimit, "limit", 50, "show at most `n` storylines")
		fs.IntVar(&storylinesOffset, "offset", 0, "skip the first `n` storylines")
	},
	Run: runStorylines,
}

var storylinesLimit, storylinesOffset int

func runStorylines(ctx context.Context, env *Env, args []string) error {
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.Storylines(ctx, storylinesLimit, storylinesOffset)
	if err != nil {
		return err
	}
	page := struct {
		Total      int              `json:"total"`
		Storylines []news.Storyline `json:"storylines"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "storylines", tableRows("ID\tDATES\tSTORIES\tNAME", list, func(l news.Storyline) string {
		return fmt.Sprintf("%s\t%s\t%d\t%s", l.ID, span(l.Begin, l.End), len(l.Stories), clip(l.Name, 80))
	}))
}

var cmdStoryline = &Command{
	Name:      "storyline",
	UsageLine: "storyline [--json] ID",
	Short:     "show a storyline: its stories over time and why they are linked",
	Long:      `Storyline shows one storyline: its main actors and terms, and its stories in time order with the links between them.`,
	Run:       runStoryline,
}

func runStoryline(ctx context.Context, env *Env, args []string) error {
	if len(args) != 1 {
		return usageErrorf("storyline takes one storyline ID")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := lookupStoryline(ctx, env, st, args[0])
	if err != nil {
		return err
	}
	d.Summary = summary.Storyline(d.StoryList)
	if env.JSON {
		return printJSON(env.Stdout, d)
	}
	w := env.Stdout
	fmt.Fprintf(w, "%s\n%s\n", d.Name, strings.Repeat("=", min(len([]rune(d.Name)), 78)))
	fmt.Fprintf(w, "storyline %s · %s · %d stories\n", d.ID, span(d.Begin, d.End), len(d.StoryList))
	if len(d.Actors) > 0 {
		fmt.Fprintf(w, "actors: %s\n", strings.Join(d.Actors, ", "))
	}
	if len(d.Terms) > 0 {
		fmt.Fprintf(w, "terms: %s\n", strings.Join(d.Terms, ", "))
	}
	printSummary(w, d.Summary)
	fmt.Fprint(w, "\nStories:\n")
	tw := newTable(w)
	for _, s := range d.StoryList {
		fmt.Fprintf(tw, "  %s\t%s\t%d articles\t%s\n", s.ID, span(s.Begin, s.End), s.Size, clip(s.Title, 64))
	}
	tw.Flush()
	if len(d.Links) > 0 {
		fmt.Fprint(w, "\nLinks:\n")
		for _, l := range d.Links {
			fmt.Fprintf(w, "  %s → %s  score %.2f  names: %s\n", l.From, l.To, l.Score, strings.Join(l.SharedEntities, ", "))
		}
	}
	return nil
}

// lookupStory returns the story id names. An ID that a later grouping
// moved (its story merged into another) finds the story it stands for
// now, saying so on stderr; an ID of another kind is named as such.
func lookupStory(ctx context.Context, env *Env, st Store, id string) (news.StoryDetail, error) {
	d, err := st.Story(ctx, news.StoryID(id))
	if !errors.Is(err, news.ErrNotFound) {
		return d, err
	}
	to, merr := st.MovedTo(ctx, news.KindStory, id)
	if merr != nil {
		return d, notFound(news.KindStory, id, err)
	}
	fmt.Fprintf(env.Stderr, "story %s is now part of story %s\n", id, to)
	return st.Story(ctx, news.StoryID(to))
}

// lookupStoryline is lookupStory for storylines.
func lookupStoryline(ctx context.Context, env *Env, st Store, id string) (news.StorylineDetail, error) {
	d, err := st.Storyline(ctx, news.StorylineID(id))
	if !errors.Is(err, news.ErrNotFound) {
		return d, err
	}
	to, merr := st.MovedTo(ctx, news.KindStoryline, id)
	if merr != nil {
		return d, notFound(news.KindStoryline, id, err)
	}
	fmt.Fprintf(env.Stderr, "storyline %s is now part of storyline %s\n", id, to)
	return st.Storyline(ctx, news.StorylineID(to))
}

// notFound explains that no thing of kind want has the ID id, naming the
// command for the kind the ID's form says it is.
func notFound(want news.IDKind, id string, err error) error {
	if k := news.KindOf(id); k != want && k != "" {
		return fmt.Errorf("%s is not %s %s ID but %s %s ID (try storyline %s %s): %w", id, article(want), want, article(k), k, k, id, news.ErrNotFound)
	}
	return err
}

// article returns the indefinite article for a kind's name.
func article(k news.IDKind) string {
	if strings.ContainsRune("aeiou", rune(k[0])) {
		return "an"
	}
	return "a"
}
