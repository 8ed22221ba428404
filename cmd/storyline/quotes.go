package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/timeline"
)

var quotesFlags struct {
	speaker, story string
	limit, offset  int
}

var cmdQuotes = &Command{
	Name:      "quotes",
	UsageLine: "quotes [--speaker NAME|ID] [--story ID] [--limit N] [--json]",
	Short:     "list quotes with their speakers",
	Long: `Quotes lists direct quotes and reported speech with their speakers, cue
verbs and articles, newest first. Variants of one quote carried by several
outlets share a group.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&quotesFlags.speaker, "speaker", "", "only quotes of this speaker (entity ID, or part of a name)")
		fs.StringVar(&quotesFlags.story, "story", "", "only quotes in this story `ID`")
		fs.IntVar(&quotesFlags.limit, "limit", 50, "show at most `n` quotes")
		fs.IntVar(&quotesFlags.offset, "offset", 0, "skip the first `n` quotes")
	},
	Run: runQuotes,
}

func runQuotes(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("quotes takes no arguments")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	speaker := quotesFlags.speaker
	if speaker != "" {
		if id, err := findEntity(ctx, st, speaker); err == nil {
			speaker = string(id)
		}
	}
	list, total, err := st.Quotes(ctx, news.QuoteFilter{Speaker: speaker, Story: news.StoryID(quotesFlags.story),
		Limit: quotesFlags.limit, Offset: quotesFlags.offset})
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Total  int             `json:"total"`
			Quotes []news.QuoteRef `json:"quotes"`
		}{total, nonNil(list)})
	}
	for _, q := range list {
		fmt.Fprintf(env.Stdout, "%s  %s %s:\n    %s\n    [%s, %s, article %s]\n\n", day(q.Article.Published), orDash(q.Speaker), q.Cue,
			clip(q.Text, 200), orDash(q.Article.Outlet), clip(q.Article.Title, 50), q.Article.ID)
	}
	fmt.Fprintf(env.Stdout, "%d of %d quotes\n", len(list), total)
	return nil
}

var eventsFlags struct {
	story, typ    string
	limit, offset int
}

var cmdEvents = &Command{
	Name:      "events",
	UsageLine: "events [--story ID] [--type T] [--limit N] [--json]",
	Short:     "list events: who did what to whom, where, when, how many",
	Long: `Events lists the events the articles report: their type (statement,
meeting, talks, attack, arrest, sanction, agreement, protest, election,
other), actor, target, place, date and the numbers killed, injured and
arrested, each with its article.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&eventsFlags.story, "story", "", "only events in this story `ID`")
		fs.StringVar(&eventsFlags.typ, "type", "", "only events of this `type`")
		fs.IntVar(&eventsFlags.limit, "limit", 50, "show at most `n` events")
		fs.IntVar(&eventsFlags.offset, "offset", 0, "skip the first `n` events")
	},
	Run: runEvents,
}

func runEvents(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("events takes no arguments")
	}
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	list, total, err := st.Events(ctx, news.EventFilter{Story: news.StoryID(eventsFlags.story), Type: news.EventType(eventsFlags.typ),
		Limit: eventsFlags.limit, Offset: eventsFlags.offset})
	if err != nil {
		return err
	}
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Total  int             `json:"total"`
			Events []news.EventRef `json:"events"`
		}{total, nonNil(list)})
	}
	for _, e := range list {
		happened := "undated"
		if e.When != nil && !e.When.Begin.IsZero() {
			happened = e.When.Value
		}
		fmt.Fprintf(env.Stdout, "%-10s  %s\n    [reported %s, %s, %s, article %s]\n", happened, eventLine(e.Event),
			day(e.Article.Published), orDash(e.Article.Outlet), clip(e.Article.Title, 50), e.Article.ID)
	}
	fmt.Fprintf(env.Stdout, "%d of %d events\n", len(list), total)
	return nil
}

var cmdTimeline = &Command{
	Name:      "timeline",
	UsageLine: "timeline [--json] STORY|STORYLINE|ENTITY",
	Short:     "dated events and quotes of a story, storyline or entity, in order",
	Long: `Timeline shows what happened in a story, a storyline or an entity's
history: events at the dates they happened (when the text says) and quotes
at the dates they were published, earliest first, each with the articles
that carry it. One event or quote reported by several articles is one line.

The target is a story ID (s-...), a storyline ID (sl-...), or an entity's
ID (per-..., org-...) or name. An ID that a later grouping merged into
another leads to the one it is part of now.`,
	Run: runTimeline,
}

func runTimeline(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("timeline needs a story, storyline or entity")
	}
	target := strings.Join(args, " ")
	st, err := openStore(ctx, env, true)
	if err != nil {
		return err
	}
	defer st.Close()
	var (
		stories []news.StoryID
		title   string
		entity  news.EntityID
	)
	switch news.KindOf(target) {
	case news.KindStory:
		d, err := lookupStory(ctx, env, st, target)
		if err != nil {
			return err
		}
		stories, title = []news.StoryID{d.ID}, "story: "+d.Title
	case news.KindStoryline:
		l, err := lookupStoryline(ctx, env, st, target)
		if err != nil {
			return err
		}
		title = "storyline: " + l.Name
		for _, s := range l.StoryList {
			stories = append(stories, s.ID)
		}
	case news.KindArticle:
		return fmt.Errorf("timeline %s: an article has no timeline of its own; try storyline article %s, or the timeline of its story", target, target)
	default:
		id, err := findEntity(ctx, st, target)
		if err != nil {
			return fmt.Errorf("timeline %q: no story, storyline or entity by that name or ID: %w", target, news.ErrNotFound)
		}
		d, err := st.Entity(ctx, id)
		if err != nil {
			return err
		}
		entity, title = id, "entity: "+d.Name
		for _, s := range d.Stories {
			stories = append(stories, s.ID)
		}
	}
	var events []news.EventRef
	var quotes []news.QuoteRef
	for _, s := range stories {
		evs, _, err := st.Events(ctx, news.EventFilter{Story: s, Limit: 10000})
		if err != nil {
			return err
		}
		qs, _, err := st.Quotes(ctx, news.QuoteFilter{Story: s, Limit: 10000})
		if err != nil {
			return err
		}
		if entity != "" {
			evs, qs = aboutEntity(ctx, st, entity, evs, qs)
		}
		events, quotes = append(events, evs...), append(quotes, qs...)
	}
	copyOf, err := originals(ctx, st, events, quotes)
	if err != nil {
		return err
	}
	entries := timeline.Build(events, quotes, copyOf)
	if env.JSON {
		return printJSON(env.Stdout, struct {
			Title   string           `json:"title"`
			Entries []timeline.Entry `json:"entries"`
		}{title, nonNil(entries)})
	}
	w := env.Stdout
	fmt.Fprintf(w, "Timeline of %s\n\n", title)
	for _, e := range entries {
		when := "undated"
		if !e.When.IsZero() {
			when = e.When.Format("2006-01-02")
			if e.Precision == news.Month {
				when = e.When.Format("2006-01")
			}
		}
		var outlets []string
		for _, s := range e.Sources {
			if o := orDash(s.Article.Outlet); !slicesContains(outlets, o) {
				outlets = append(outlets, o)
			}
		}
		line := e.Text
		if e.Kind == "quote" {
			line = fmt.Sprintf("%s: %q", orDash(e.Who), clip(e.Text, 140))
		}
		fmt.Fprintf(w, "%-10s  %-6s %s\n            (%d articles: %s; first %s)\n", when, e.Kind, line, len(e.Sources),
			strings.Join(outlets, ", "), e.Sources[0].Article.ID)
	}
	if len(entries) == 0 {
		fmt.Fprintln(w, "no dated events or quotes found")
	}
	return nil
}

// originals maps the copies among the articles of events and quotes to
// their originals, so that a timeline names an original as the first
// report of what its copies repeat.
func originals(ctx context.Context, st Store, events []news.EventRef, quotes []news.QuoteRef) (map[news.ArticleID]news.ArticleID, error) {
	seen := map[news.ArticleID]bool{}
	out := map[news.ArticleID]news.ArticleID{}
	check := func(id news.ArticleID) error {
		if seen[id] {
			return nil
		}
		seen[id] = true
		links, err := st.Copies(ctx, id)
		if err != nil {
			return fmt.Errorf("copies of %s: %w", id, err)
		}
		for _, l := range links {
			if l.Article == id && l.Original != id {
				out[id] = l.Original
			}
		}
		return nil
	}
	for _, e := range events {
		if err := check(e.Article.ID); err != nil {
			return nil, err
		}
	}
	for _, q := range quotes {
		if err := check(q.Article.ID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// aboutEntity keeps the events and quotes that involve an entity: quotes it
// said, events whose actor, target or place names it.
func aboutEntity(ctx context.Context, st Store, id news.EntityID, evs []news.EventRef, qs []news.QuoteRef) ([]news.EventRef, []news.QuoteRef) {
	d, err := st.Entity(ctx, id)
	if err != nil {
		return nil, nil
	}
	names := append([]string{d.Name}, d.Aliases...)
	names = slicesDeleteEmpty(names)
	mentions := func(s string) bool {
		for _, n := range names {
			if strings.Contains(strings.ToLower(s), strings.ToLower(n)) {
				return true
			}
		}
		return false
	}
	var ke []news.EventRef
	for _, e := range evs {
		if mentions(e.Actor) || mentions(e.Target) || mentions(e.Place) {
			ke = append(ke, e)
		}
	}
	var kq []news.QuoteRef
	for _, q := range qs {
		if q.Entity == id || (q.Entity == "" && mentions(q.Speaker)) {
			kq = append(kq, q)
		}
	}
	return ke, kq
}

func slicesDeleteEmpty(s []string) []string {
	out := s[:0]
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			out = append(out, x)
		}
	}
	return out
}
