package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/timeline"
)

var quotesFlags struct {
	speaker, story        string
	limit, offset, sample int
	seed                  uint64
	views                 bool
}

var cmdQuotes = &Command{
	Name:      "quotes",
	UsageLine: "quotes [--speaker NAME|ID] [--story ID] [--views] [--limit N | --sample N [--seed S]] [--json]",
	Short:     "list quotes with their speakers",
	Long: `Quotes lists what people said or wrote, direct quotes and reported speech,
with their speakers, cue verbs and articles, newest first. Variants of one
quote carried by several outlets share a group.

A speaker is the name the article gives in full, a role ("the head of
Nacta") or a group ("Pakistani observers") when it names no one, and
"unknown" when the text does not say who spoke ("he said" with nobody
before it).

Beliefs and intentions attributed to someone ("Pakistan wants ...", "the US
expects ...") are views, not speech: --views lists them too, marked
[view].

--sample N draws N of the selected quotes at random instead, each shown in
the sentence it stands in, the quote between « and », for reading by hand
("is it speech, and is the speaker right?"). The same seed, store and
filters draw the same quotes, so a tally of such a reading can be
repeated.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&quotesFlags.speaker, "speaker", "", "only quotes of this speaker (entity ID, or part of a name)")
		fs.StringVar(&quotesFlags.story, "story", "", "only quotes in this story `ID`")
		fs.IntVar(&quotesFlags.limit, "limit", 50, "show at most `n` quotes")
		fs.IntVar(&quotesFlags.offset, "offset", 0, "skip the first `n` quotes")
		fs.BoolVar(&quotesFlags.views, "views", false, "list views (beliefs, intentions) beside speech")
		fs.IntVar(&quotesFlags.sample, "sample", 0, "show `n` quotes drawn at random, each in its sentence")
		fs.Uint64Var(&quotesFlags.seed, "seed", 1, "the `seed` that --sample draws with")
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
	filter := news.QuoteFilter{Speaker: speaker, Story: news.StoryID(quotesFlags.story), Views: quotesFlags.views}
	if quotesFlags.sample > 0 {
		return sampleQuotes(ctx, env, st, filter, quotesFlags.sample, quotesFlags.seed)
	}
	filter.Limit, filter.Offset = quotesFlags.limit, quotesFlags.offset
	list, total, err := st.Quotes(ctx, filter)
	if err != nil {
		return err
	}
	page := struct {
		Total  int             `json:"total"`
		Quotes []news.QuoteRef `json:"quotes"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "quotes", func(w io.Writer) {
		for _, q := range list {
			fmt.Fprintf(w, "%s  %s:\n    %s\n    [%s, %s, article %s]\n\n", day(q.Article.Published), attribution(q.Quote),
				clip(q.Text, 200), orDash(q.Article.Outlet), clip(q.Article.Title, 50), q.Article.ID)
		}
	})
}

// attribution says who a quote is from and how, as a sentence would:
// "Wendy Sherman told", "according to Pakistani observers", "[view] the
// US expects"; a speaker the text does not name is "unknown".
func attribution(q news.Quote) string {
	who := q.Speaker
	if who == "" {
		who = "unknown"
	}
	s := who
	switch cue := strings.ToLower(q.Cue); {
	case strings.HasPrefix(cue, "according to"):
		s = "according to " + who
	case cue == "" || cue == ":" || cue == "―" || cue == "—" || cue == "–":
	default:
		s = who + " " + q.Cue
	}
	if q.IsView() {
		s = "[view] " + s
	}
	return s
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
	page := struct {
		Total  int             `json:"total"`
		Events []news.EventRef `json:"events"`
	}{total, nonNil(list)}
	return printPage(env, page, len(list), total, "events", func(w io.Writer) {
		for _, e := range list {
			happened := "undated"
			if e.When != nil && !e.When.Begin.IsZero() {
				happened = e.When.Value
			}
			fmt.Fprintf(w, "%-10s  %s\n    [reported %s, %s, %s, article %s]\n", happened, eventLine(e.Event),
				day(e.Article.Published), orDash(e.Article.Outlet), clip(e.Article.Title, 50), e.Article.ID)
		}
	})
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
			who := e.Who
			if who == "" {
				who = "unknown"
			}
			line = fmt.Sprintf("%s: %q", who, clip(e.Text, 140))
		}
		fmt.Fprintf(w, "%-10s  %-6s %s\n            (%s: %s; first %s)\n", when, e.Kind, line, plural(e.Articles, "article"),
			strings.Join(outlets, ", "), e.Sources[0].Article.ID)
		for _, v := range e.Variants[min(len(e.Variants), 1):] {
			fmt.Fprintf(w, "            variant in %s", v.Articles[0].ID)
			if v.Who != e.Who {
				fmt.Fprintf(w, ", given to %s", orDash(v.Who))
			}
			if changed(v.Changes)*4 > 3*len(strings.Fields(e.Text)) {
				fmt.Fprintf(w, ": %q\n", clip(v.Text, 140)) // reworded throughout: the wording says more than its changes
				continue
			}
			fmt.Fprintf(w, ": %s\n", changes(v.Changes))
		}
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

// plural says n things: "1 article", "3 articles".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}

// changes says how a wording differs from the first: "our → Turkey’s;
// − actually; + also".
func changes(cs []timeline.Change) string {
	var parts []string
	for _, c := range cs {
		switch {
		case c.From == "":
			parts = append(parts, "+ "+c.To)
		case c.To == "":
			parts = append(parts, "− "+c.From)
		default:
			parts = append(parts, c.From+" → "+c.To)
		}
	}
	if len(parts) == 0 {
		return "same words"
	}
	return strings.Join(parts, "; ")
}

// changed counts the words a wording changed, left out or added.
func changed(cs []timeline.Change) int {
	n := 0
	for _, c := range cs {
		n += max(len(strings.Fields(c.From)), len(strings.Fields(c.To)))
	}
	return n
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
