package storetest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// desk is a small grouped store, as a news desk's would be after a week:
// three stories in two storylines, a copy, people, places and an
// organisation, quotes and events, news and an opinion piece.
//
//	s-dam     a1 Meridian Wire 03-01, a2 Valley Post 03-02 (copies a1),
//	          a3 Meridian Wire 03-03 (opinion)                          sl-river
//	s-ferry   b1 Harbour Daily 03-10, b2 Harbour Daily (undated; the
//	          grouping dates it 03-10)                                  sl-river
//	s-strike  c1 Meridian Wire 04-01                                    sl-port
//	          u1 Valley Post 04-02: analyzed, in no story
//	          n1 Valley Post 04-03: stored, not analyzed
//
// Ana Varga (per-ana) is named in a1, a2, a3 and, once the grouping
// redirects per-varga to her, u1; Lisk (loc-lisk) in a1, b1 and, once the
// grouping resolves the mention, b2; the Dock Union (org-union) in c1.
type desk struct {
	a1, a2, a3, b1, b2, c1, u1, n1 news.Article
	ans                            []news.Analysis // of all but n1, in stored order
	g                              news.Grouping
}

func deskDay(d int) time.Time { return time.Date(2025, 3, d, 9, 0, 0, 0, time.UTC) }

func newDesk() *desk {
	k := &desk{
		a1: Article("https://desk.example/a1", "Meridian Wire", "Dam talks open",
			"Ana Varga opened talks in Lisk on the Kessel dam. \"Talks go on,\" Ana Varga said.", deskDay(1)),
		a2: Article("https://desk.example/a2", "Valley Post", "Dam talks open",
			"Ana Varga opened talks in Lisk on the Kessel dam. \"Talks go on,\" Ana Varga said. Wire copy.", deskDay(2)),
		a3: Article("https://desk.example/a3", "Meridian Wire", "The dam deserves better",
			"An editorial: Ana Varga hopes the dam talks will last, and so should we.", deskDay(3)),
		b1: Article("https://desk.example/b1", "Harbour Daily", "Ferry runs aground",
			"A ferry ran aground near Lisk, killing two. \"We are searching,\" a harbour official said.", deskDay(10)),
		b2: Article("https://desk.example/b2", "Harbour Daily", "Ferries of Lisk",
			"The ferries of Lisk have run for a century.", time.Time{}),
		c1: Article("https://desk.example/c1", "Meridian Wire", "Dock strike",
			"The Dock Union struck at the port. \"No ship leaves,\" the Dock Union said.", deskDay(32)),
		u1: Article("https://desk.example/u1", "Valley Post", "Varga travels",
			"Varga left for the capital on Wednesday.", deskDay(33)),
		n1: Article("https://desk.example/n1", "Valley Post", "Late news",
			"Nothing has been analyzed here yet.", deskDay(34)),
	}
	k.ans = k.analyses()
	k.g = k.grouping()
	return k
}

// at returns the span of the first sub in text.
func at(text, sub string) news.Span {
	i := strings.Index(text, sub)
	if i < 0 {
		panic("storetest: " + sub + " not in " + text)
	}
	return news.Span{Start: i, End: i + len(sub)}
}

// mention is a mention of the first name in a's text.
func mention(a news.Article, name string, typ news.EntityType, ent news.EntityID) news.Mention {
	return news.Mention{Span: at(a.Text, name), Text: name, Type: typ, Entity: ent}
}

// quote is the first words in a's text, said by speaker.
func quote(a news.Article, words, speaker string, ent news.EntityID, kind news.QuoteKind) news.Quote {
	return news.Quote{Span: at(a.Text, words), Text: words, Kind: kind, Speaker: speaker, Entity: ent,
		Cue: "said", Direct: kind == news.QuoteSpeech, Sentence: news.Span{Start: 0, End: len(a.Text)}}
}

func (k *desk) analyses() []news.Analysis {
	when := &news.Timex{Span: at(k.a1.Text, "Kessel"), Text: "Monday", Type: "DATE", Value: "2025-03-01",
		Precision: news.Day, Begin: deskDay(1), End: deskDay(2)}
	return []news.Analysis{
		{Article: k.a1.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.a1, "Ana Varga", news.Person, "per-ana"), mention(k.a1, "Lisk", news.Place, "loc-lisk")},
			Quotes:   []news.Quote{quote(k.a1, "Talks go on", "Ana Varga", "per-ana", news.QuoteSpeech)},
			Events: []news.Event{
				// The same talks, named again without a date: one event in
				// the lists (see eventList).
				{Type: news.EventTalks, Trigger: "negotiations", Killed: -1, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 49}},
				{Type: news.EventTalks, Trigger: "talks", Actor: "Ana Varga", Place: "Lisk", When: when,
					Killed: -1, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 49}}}},
		{Article: k.a2.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.a2, "Ana Varga", news.Person, "per-ana")},
			Quotes:   []news.Quote{quote(k.a2, "Talks go on", "Ana Varga", "per-ana", news.QuoteSpeech)}},
		{Article: k.a3.ID, Kind: news.Opinion,
			Mentions: []news.Mention{mention(k.a3, "Ana Varga", news.Person, "per-ana")},
			Quotes:   []news.Quote{quote(k.a3, "the dam talks will last", "Ana Varga", "per-ana", news.QuoteView)}},
		{Article: k.b1.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.b1, "Lisk", news.Place, "loc-lisk")},
			Quotes:   []news.Quote{quote(k.b1, "We are searching", "a harbour official", "", news.QuoteSpeech)},
			Events: []news.Event{{Type: news.EventAttack, Trigger: "ran aground", Place: "Lisk", Killed: 2, Injured: -1, Arrested: -1,
				Modality: news.Asserted, Sentence: news.Span{Start: 0, End: 43}}}},
		{Article: k.b2.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.b2, "Lisk", news.Place, "")}}, // resolved by the grouping
		{Article: k.c1.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.c1, "Dock Union", news.Organisation, "org-union")},
			Quotes:   []news.Quote{quote(k.c1, "No ship leaves", "the Dock Union", "org-union", news.QuoteSpeech)},
			Events: []news.Event{{Type: news.EventProtest, Trigger: "struck", Actor: "The Dock Union", Killed: -1, Injured: -1, Arrested: -1,
				Modality: news.Planned, Sentence: news.Span{Start: 0, End: 36}}}},
		{Article: k.u1.ID, Kind: news.NewsReport,
			Mentions: []news.Mention{mention(k.u1, "Varga", news.Person, "per-varga")}}, // redirected by the grouping
	}
}

func (k *desk) grouping() news.Grouping {
	assign := func(a news.Article, st news.StoryID, isNew bool) news.Assignment {
		return news.Assignment{Article: a.ID, Story: st, New: isNew, Score: 0.5, Reason: "test: " + a.Title}
	}
	return news.Grouping{
		Copies: []news.CopyLink{{Article: k.a2.ID, Original: k.a1.ID, Kind: news.CopyExact, Similarity: 1}},
		Assignments: []news.Assignment{assign(k.a1, "s-dam", true), assign(k.a2, "s-dam", false), assign(k.a3, "s-dam", false),
			assign(k.b1, "s-ferry", true), assign(k.b2, "s-ferry", false), assign(k.c1, "s-strike", true)},
		Stories: []news.Story{
			{ID: "s-dam", Title: "Dam talks open", Begin: deskDay(1), End: deskDay(3), Storyline: "sl-river"},
			{ID: "s-ferry", Title: "Ferry runs aground", Begin: deskDay(10), End: deskDay(10), Storyline: "sl-river"},
			{ID: "s-strike", Title: "Dock strike", Begin: deskDay(32), End: deskDay(32), Storyline: "sl-port"},
		},
		Storylines: []news.Storyline{
			{ID: "sl-river", Name: "Lisk: dam and ferries", Stories: []news.StoryID{"s-dam", "s-ferry"}, Begin: deskDay(1), End: deskDay(10),
				Actors: []string{"Ana Varga", "Lisk"}, Terms: []string{"dam", "ferry"}},
			{ID: "sl-port", Name: "Dock Union: strike", Stories: []news.StoryID{"s-strike"}, Begin: deskDay(32), End: deskDay(32)},
		},
		Entities: []news.Entity{
			{ID: "per-ana", Name: "Ana Varga", Type: news.Person, Aliases: []string{"Varga"}, Mentions: 5, Keys: []string{"ana varga", "varga"}},
			{ID: "loc-lisk", Name: "Lisk", Type: news.Place, Country: "NL", Mentions: 3, Keys: []string{"lisk"}},
			{ID: "org-union", Name: "Dock Union", Type: news.Organisation, Aliases: []string{"DU"}, Mentions: 2, Keys: []string{"dock union", "du"}},
		},
		Inherited: []news.Analysis{{Article: k.b2.ID, Published: deskDay(10), DateSource: news.DateCopy, DateNote: "as b1"}},
		Resolved:  []news.MentionEntity{{Article: k.b2.ID, Span: at(k.b2.Text, "Lisk"), Entity: "loc-lisk"}},
		Redirects: map[news.EntityID]news.EntityID{"per-varga": "per-ana"},
		QuoteGroups: []news.QuoteRef{
			{Quote: news.Quote{Span: at(k.a1.Text, "Talks go on"), Group: "q-talks", Entity: "per-ana"}, Article: news.Summary{ID: k.a1.ID}},
			{Quote: news.Quote{Span: at(k.a2.Text, "Talks go on"), Group: "q-talks", Entity: "per-ana"}, Article: news.Summary{ID: k.a2.ID}},
		},
		EventGroups: []news.EventRef{{Event: news.Event{Type: news.EventTalks, Trigger: "talks", Sentence: news.Span{Start: 0, End: 49}, Group: "e-talks"},
			Article: news.Summary{ID: k.a1.ID}}, {Event: news.Event{Type: news.EventTalks, Trigger: "negotiations", Sentence: news.Span{Start: 0, End: 49}, Group: "e-talks"},
			Article: news.Summary{ID: k.a1.ID}}},
		Frequencies: news.Frequencies{Replace: true, Docs: 6},
	}
}

// store stores the desk's articles and analyses in s and saves its
// grouping.
func (k *desk) store(t *testing.T, s Store) {
	t.Helper()
	add(t, s, k.a1, k.a2, k.a3, k.b1, k.b2, k.c1, k.u1, k.n1)
	if err := s.SaveAnalyses(context.Background(), k.ans); err != nil {
		t.Fatalf("SaveAnalyses: %v", err)
	}
	if err := s.SaveGrouping(context.Background(), k.g); err != nil {
		t.Fatalf("SaveGrouping: %v", err)
	}
}

// title names an article of the desk for failure messages.
func (k *desk) title(id news.ArticleID) string {
	for _, a := range []news.Article{k.a1, k.a2, k.a3, k.b1, k.b2, k.c1, k.u1, k.n1} {
		if a.ID == id {
			return a.URL[strings.LastIndexByte(a.URL, '/')+1:]
		}
	}
	return string(id)
}

// names names articles of the desk for failure messages: "a1 a2".
func (k *desk) names(ids []news.ArticleID) string {
	var out []string
	for _, id := range ids {
		out = append(out, k.title(id))
	}
	return strings.Join(out, " ")
}
