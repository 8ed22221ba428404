package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

var (
	articlesFlags filterFlags
	articlesKind  string
)

var cmdArticles = &Command{
	Name:      "articles",
	UsageLine: "articles [--kind news|opinion] [--outlet NAME] [--from DATE] [--to DATE] [--limit N] [--offset N] [--json]",
	Short:     "list stored articles",
	Long: `Articles lists stored articles, newest first; articles with no known
publication date come last. --from and --to take YYYY, YYYY-MM or YYYY-MM-DD
and include the whole period they name. --kind lists only news reports or
only opinion pieces (editorials, columns, op-eds, commentary, reviews,
letters); 'storyline article ID' shows why an article has its kind.`,
	Setup: func(fs *flag.FlagSet) {
		articlesFlags.register(fs)
		fs.StringVar(&articlesKind, "kind", "", "only articles of this `kind`: news or opinion")
	},
	Run: runArticles,
}

func runArticles(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("articles takes no arguments, got %q", args)
	}
	f, err := articlesFlags.filter()
	if err != nil {
		return err
	}
	switch k := news.ArticleKind(articlesKind); k {
	case news.KindUnknown, news.NewsReport, news.Opinion:
		f.Kind = k
	default:
		return usageErrorf("--kind %q: want news or opinion", articlesKind)
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
	page := struct {
		Total    int            `json:"total"`
		Articles []news.Summary `json:"articles"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "articles", tableRows("ID\tDATE\tOUTLET\tKIND\tWORDS\tTITLE", list, func(a news.Summary) string {
		return fmt.Sprintf("%s\t%s\t%s\t%s\t%d\t%s", a.ID, day(a.Published), orDash(clip(a.Outlet, 24)), orDash(string(a.Kind)), a.Words, clip(a.Title, 70))
	}))
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
	if errors.Is(err, news.ErrNotFound) {
		return notFound(news.KindArticle, args[0], err)
	}
	if err != nil {
		return err
	}
	an, err := st.Analysis(ctx, a.ID)
	if err != nil {
		return err
	}
	copies, err := st.Copies(ctx, a.ID)
	if err != nil {
		return err
	}
	story, err := st.StoryOf(ctx, a.ID)
	if err != nil && !errors.Is(err, news.ErrNotFound) {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, struct {
			news.Article
			Story    news.StoryID    `json:"story,omitzero"`
			Copies   []news.CopyLink `json:"copies"`
			Mentions []news.Mention  `json:"mentions"`
			Quotes   []news.Quote    `json:"quotes"`
			Timexes  []news.Timex    `json:"timexes"`
			Events   []news.Event    `json:"events"`
			Notes    []string        `json:"analysis_notes,omitzero"`
		}{a, story, nonNil(copies), nonNil(an.Mentions), nonNil(an.Quotes), nonNil(an.Timexes), nonNil(an.Events), an.Notes})
	}
	defer printFindings(env.Stdout, a, an, copies, story)
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
	if a.Kind != news.KindUnknown {
		fmt.Fprintf(tw, "kind\t%s\n", a.Kind)
		for _, r := range a.KindReasons {
			fmt.Fprintf(tw, "\t%s\n", r)
		}
	}
	for _, n := range an.Notes {
		fmt.Fprintf(tw, "analysis\t%s\n", n)
	}
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

// printFindings prints what the analysis found in an article, after its text.
func printFindings(w io.Writer, a news.Article, an news.Analysis, copies []news.CopyLink, story news.StoryID) {
	if story != "" {
		fmt.Fprintf(w, "\nStory: %s\n", story)
	}
	for _, c := range copies {
		if c.Article == a.ID {
			fmt.Fprintf(w, "Copy: %s copy of %s (similarity %.2f)\n", c.Kind, c.Original, c.Similarity)
		} else {
			fmt.Fprintf(w, "Copied by: %s (%s, %.2f)\n", c.Article, c.Kind, c.Similarity)
		}
	}
	if len(an.Mentions) > 0 {
		fmt.Fprint(w, "\nNames:\n")
		type ent struct {
			id    news.EntityID
			typ   news.EntityType
			forms []string
			roles []string
			n     int
		}
		var order []string
		seen := map[string]*ent{}
		for _, m := range an.Mentions {
			key := string(m.Entity)
			if key == "" {
				key = string(m.Type) + ":" + m.Text
			}
			e := seen[key]
			if e == nil {
				e = &ent{id: m.Entity, typ: m.Type}
				seen[key] = e
				order = append(order, key)
			}
			e.n++
			if !slicesContains(e.forms, m.Text) {
				e.forms = append(e.forms, m.Text)
			}
			if m.Role != "" && !slicesContains(e.roles, m.Role) {
				e.roles = append(e.roles, m.Role)
			}
		}
		tw := newTable(w)
		for _, k := range order {
			e := seen[k]
			extra := ""
			if len(e.roles) > 0 {
				extra = " (" + strings.Join(e.roles, "; ") + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%d×\t%s%s\n", e.typ, orDash(string(e.id)), e.n, strings.Join(e.forms, " / "), extra)
		}
		tw.Flush()
	}
	if len(an.Quotes) > 0 {
		fmt.Fprint(w, "\nQuotes:\n")
		for _, q := range an.Quotes {
			fmt.Fprintf(w, "  %s %s: %s\n", orDash(q.Speaker), q.Cue, clip(q.Text, 110))
		}
	}
	if len(an.Timexes) > 0 {
		fmt.Fprint(w, "\nDates:\n")
		for _, t := range an.Timexes {
			fmt.Fprintf(w, "  %-28q %s (%s)\n", t.Text, t.Value, t.Precision)
		}
	}
	if len(an.Events) > 0 {
		fmt.Fprint(w, "\nEvents:\n")
		for _, e := range an.Events {
			fmt.Fprintf(w, "  %s\n", eventLine(e))
		}
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// eventLine describes an event in one line: type, who, whom, where, when,
// numbers.
func eventLine(e news.Event) string {
	parts := []string{string(e.Type) + " (" + e.Trigger + ")"}
	if e.Modality != news.Asserted {
		parts[0] = string(e.Modality) + " " + parts[0]
	}
	if e.Actor != "" {
		parts = append(parts, "by "+e.Actor)
	}
	if e.Target != "" {
		parts = append(parts, targetWord(e.Type)+" "+e.Target)
	}
	if e.Place != "" {
		parts = append(parts, "in "+e.Place)
	}
	if e.When != nil {
		parts = append(parts, "on "+e.When.Value)
	}
	for _, n := range []struct {
		what string
		n    int
	}{{"killed", e.Killed}, {"injured", e.Injured}, {"arrested", e.Arrested}} {
		if n.n >= 0 && !(n.n == 0 && e.Type != news.EventAttack) {
			parts = append(parts, fmt.Sprintf("%d %s", n.n, n.what))
		}
	}
	return strings.Join(parts, ", ")
}

// targetWord is how an event relates to its target: talks with someone,
// an attack against someone.
func targetWord(t news.EventType) string {
	switch t {
	case news.EventMeeting, news.EventTalks, news.EventAgreement:
		return "with"
	case news.EventStatement:
		return "to"
	}
	return "against"
}
