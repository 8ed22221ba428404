// Package timeline orders what happened in a story, storyline or entity's
// history: events at the dates they happened, quotes at the dates they
// were published. One real event or quote carried by several articles is
// one entry with several sources.
package timeline

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Source is an article an entry comes from, with the sentence in it.
type Source struct {
	Article  news.Summary `json:"article"`
	Sentence news.Span    `json:"sentence"`
}

// Entry is one line of a timeline.
type Entry struct {
	// When is the day the entry happened: for an event its own date, as
	// the text gives it and resolved, never its report's publication
	// date; for a quote the day it was published. Zero when unknown.
	When      time.Time      `json:"when,omitzero"`
	Precision news.Precision `json:"precision,omitzero"`
	Kind      string         `json:"kind"` // "event" or "quote"
	Type      news.EventType `json:"type,omitzero"`
	Who       string         `json:"who,omitzero"` // the actor or speaker
	Text      string         `json:"text"`
	Event     *news.Event    `json:"event,omitzero"`
	Story     news.StoryID   `json:"story,omitzero"`
	// Sources are the articles that report the entry, one each, the first
	// report first: originals before their copies, then the earliest
	// published.
	Sources []Source `json:"sources"`
	// Articles is the number of articles among Sources.
	Articles int `json:"articles"`
	// Variants are a quote's distinct wordings when its articles word it
	// in more than one way (see Variants).
	Variants []Variant `json:"variants,omitzero"`
}

// Build merges events and quotes into one timeline, earliest first,
// undated entries last. Mentions sharing a group become one entry, with
// each article that reports it once. copyOf maps a copy to its original
// (nil when unknown): a copy is never an entry's first report.
func Build(events []news.EventRef, quotes []news.QuoteRef, copyOf map[news.ArticleID]news.ArticleID) []Entry {
	var out []Entry
	byGroup := map[string]int{}
	add := func(group string, e Entry, src Source) {
		if group != "" {
			if i, ok := byGroup[group]; ok {
				if !slices.ContainsFunc(out[i].Sources, func(s Source) bool { return s.Article.ID == src.Article.ID }) {
					out[i].Sources = append(out[i].Sources, src)
				}
				// A group's date is the most precise its members give,
				// then the earliest; the entry shows the member that
				// gives it.
				if !e.When.IsZero() && (out[i].When.IsZero() || finer(e.Precision, out[i].Precision) ||
					e.Precision == out[i].Precision && e.When.Before(out[i].When)) {
					e.Sources = out[i].Sources
					out[i] = e
				}
				return
			}
			byGroup[group] = len(out)
		}
		e.Sources = []Source{src}
		out = append(out, e)
	}
	for _, ev := range events {
		var when time.Time
		var prec news.Precision
		if ev.When != nil && !ev.When.Begin.IsZero() {
			when, prec = ev.When.Begin, ev.When.Precision
		}
		e := ev.Event
		add(groupKey("e", ev.Group), Entry{When: when, Precision: prec, Kind: "event", Type: ev.Type, Who: ev.Actor,
			Text: describe(ev.Event), Event: &e, Story: ev.Story}, Source{Article: ev.Article, Sentence: ev.Sentence})
	}
	members := map[int][]news.QuoteRef{} // quotes of each entry
	for _, q := range quotes {
		prec := news.Day
		if q.Article.Published.IsZero() {
			prec = ""
		}
		add(groupKey("q", q.Group), Entry{When: q.Article.Published, Precision: prec, Kind: "quote", Who: q.Speaker,
			Text: q.Text, Story: q.Story}, Source{Article: q.Article, Sentence: q.Sentence})
		i := len(out) - 1
		if g := groupKey("q", q.Group); g != "" {
			i = byGroup[g]
		}
		members[i] = append(members[i], q)
	}
	for i, qs := range members {
		if vs := Variants(qs); len(vs) > 1 {
			out[i].Variants = vs
		}
		// The entry reads as the first wording published, by its speaker,
		// a direct quote by a named speaker before the article's
		// paraphrases.
		first := slices.MinFunc(qs, firstQuote)
		out[i].Text, out[i].Who = first.Text, first.Speaker
	}
	for i := range out {
		slices.SortStableFunc(out[i].Sources, func(a, b Source) int { return firstReport(a.Article, b.Article, copyOf) })
		out[i].Articles = len(out[i].Sources)
	}
	slices.SortStableFunc(out, func(a, b Entry) int {
		if a.When.IsZero() != b.When.IsZero() {
			if a.When.IsZero() {
				return 1
			}
			return -1
		}
		if c := a.When.Compare(b.When); c != 0 {
			return c
		}
		return cmp.Compare(a.Kind, b.Kind) // events before quotes on one day
	})
	return out
}

// firstReport orders two reports: an original before a copy, then the
// earlier published (a dated one before an undated one), then by ID.
func firstReport(a, b news.Summary, copyOf map[news.ArticleID]news.ArticleID) int {
	ca, cb := copyOf[a.ID] != "", copyOf[b.ID] != ""
	if ca != cb {
		if ca {
			return 1
		}
		return -1
	}
	if a.Published.IsZero() != b.Published.IsZero() {
		if a.Published.IsZero() {
			return 1
		}
		return -1
	}
	if c := a.Published.Compare(b.Published); c != 0 {
		return c
	}
	return cmp.Compare(a.ID, b.ID)
}

// finer reports whether precision a is finer than b ("day" than "month").
func finer(a, b news.Precision) bool {
	rank := func(p news.Precision) int {
		switch p {
		case news.Day:
			return 3
		case news.Month, news.Range:
			return 2
		case "":
			return 0
		}
		return 1
	}
	return rank(a) > rank(b)
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func groupKey(kind, g string) string {
	if g == "" {
		return ""
	}
	return kind + ":" + g
}

// describe says what an event was in a few words.
func describe(e news.Event) string {
	var b strings.Builder
	if e.Modality != news.Asserted {
		b.WriteString(string(e.Modality) + " ")
	}
	b.WriteString(string(e.Type))
	if e.Actor != "" {
		b.WriteString(" by " + e.Actor)
	}
	if e.Target != "" {
		switch e.Type {
		case news.EventMeeting, news.EventTalks, news.EventAgreement:
			b.WriteString(" with " + e.Target)
		default:
			b.WriteString(" against " + e.Target)
		}
	}
	if e.Place != "" {
		b.WriteString(" in " + e.Place)
	}
	for _, n := range []struct {
		what string
		n    int
	}{{"killed", e.Killed}, {"injured", e.Injured}, {"arrested", e.Arrested}} {
		if n.n > 0 {
			b.WriteString(", ")
			b.WriteString(strconv.Itoa(n.n) + " " + n.what)
		}
	}
	return b.String()
}
