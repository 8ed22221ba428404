package timeline

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func day(s string) time.Time {
	t, _ := time.Parse("2006-01-02", s)
	return t
}

func TestBuild(t *testing.T) {
	wire := news.Summary{ID: "a1", Outlet: "Meridian Wire", Published: day("2025-03-14")}
	copyArt := news.Summary{ID: "a2", Outlet: "Valley Post", Published: day("2025-03-15")}
	undated := news.Summary{ID: "a3", Outlet: "Northern Tribune"}
	clash := news.Timex{Value: "2025-03-11", Precision: news.Day, Begin: day("2025-03-11"), End: day("2025-03-12")}
	events := []news.EventRef{
		{Event: news.Event{Type: news.EventAttack, Actor: "Norland", Place: "Dunmere", Killed: 3, Injured: 4, Arrested: -1, When: &clash, Group: "g1"}, Article: wire},
		{Event: news.Event{Type: news.EventAttack, Actor: "Norland", Place: "Dunmere", Killed: 3, Injured: -1, Arrested: -1, Group: "g1"}, Article: copyArt},
		{Event: news.Event{Type: news.EventTalks, Actor: "Estavia", Killed: -1, Injured: -1, Arrested: -1}, Article: undated},
	}
	quotes := []news.QuoteRef{
		{Quote: news.Quote{Text: "We have chosen to talk", Speaker: "Petra Halvik", Group: "q1"}, Article: copyArt},
		{Quote: news.Quote{Text: "We have chosen to talk rather than count", Speaker: "Petra Halvik", Group: "q1"}, Article: wire},
	}
	got := Build(events, quotes, nil)
	if len(got) != 3 {
		t.Fatalf("got %d entries, want 3 (grouped event, grouped quote, undated talks): %+v", len(got), got)
	}
	if got[0].Kind != "event" || !got[0].When.Equal(day("2025-03-11")) || len(got[0].Sources) != 2 {
		t.Errorf("first entry = %+v, want the clash on its own date (2025-03-11) with 2 sources", got[0])
	}
	if got[0].Text != "attack by Norland in Dunmere, 3 killed, 4 injured" {
		t.Errorf("event text %q", got[0].Text)
	}
	if got[1].Kind != "quote" || !got[1].When.Equal(day("2025-03-14")) || len(got[1].Sources) != 2 {
		t.Errorf("second entry = %+v, want the quote at its earliest publication (2025-03-14) from 2 outlets", got[1])
	}
	if !got[2].When.IsZero() || got[2].Type != news.EventTalks {
		t.Errorf("undated entry not last: %+v", got[2])
	}
}

// An event is dated by what the text says, not by its report: one without
// a date of its own is undated however its articles are dated. One
// article reporting an event twice is one source, and an original comes
// before its copy even when the copy is dated earlier.
func TestBuildEventDatesAndFirstReport(t *testing.T) {
	original := news.Summary{ID: "b1", Published: day("2021-10-02")}
	rewrite := news.Summary{ID: "b2", Published: day("2021-10-01")}
	other := news.Summary{ID: "b3", Published: day("2021-10-05")}
	meeting := news.Timex{Value: "2021-10-07/2021-10-08", Precision: news.Range, Begin: day("2021-10-07"), End: day("2021-10-09")}
	events := []news.EventRef{
		{Event: news.Event{Type: news.EventMeeting, Actor: "Sherman", Modality: news.Planned, Group: "m", Sentence: news.Span{Start: 0, End: 10}}, Article: rewrite},
		{Event: news.Event{Type: news.EventMeeting, Actor: "Sherman", Modality: news.Planned, When: &meeting, Group: "m", Sentence: news.Span{Start: 0, End: 10}}, Article: original},
		{Event: news.Event{Type: news.EventMeeting, Actor: "Sherman", Modality: news.Planned, Group: "m", Sentence: news.Span{Start: 50, End: 60}}, Article: original},
		{Event: news.Event{Type: news.EventTalks, Actor: "Khan"}, Article: other},
	}
	got := Build(events, nil, map[news.ArticleID]news.ArticleID{"b2": "b1"})
	if len(got) != 2 {
		t.Fatalf("got %d entries, want the meeting and the talks: %+v", len(got), got)
	}
	m := got[0]
	if !m.When.Equal(day("2021-10-07")) {
		t.Errorf("meeting dated %v, want 2021-10-07, the date the text gives", m.When)
	}
	if m.Event == nil || m.Event.When == nil {
		t.Errorf("meeting entry shows %+v, want the report that gives its date", m.Event)
	}
	if len(m.Sources) != 2 || m.Sources[0].Article.ID != "b1" {
		t.Errorf("meeting sources %+v, want 2 articles, the original b1 first", m.Sources)
	}
	if m.Text != "planned meeting by Sherman" {
		t.Errorf("meeting text %q, want it said to be planned", m.Text)
	}
	if !got[1].When.IsZero() {
		t.Errorf("talks dated %v, want undated: the text gives no date", got[1].When)
	}
}

// TestQuoteVariants checks that a quote carried by several articles counts
// each article once, however often it quotes it, and lists its wordings
// with what each changed from the first published.
func TestQuoteVariants(t *testing.T) {
	wire := news.Summary{ID: "a1", Outlet: "Meridian Wire", Published: day("2025-03-14")}
	rewrite := news.Summary{ID: "a2", Outlet: "Coastal Ledger", Published: day("2025-03-15")}
	quotes := []news.QuoteRef{ // newest first, as stores list them
		{Quote: news.Quote{Text: "‘Some groups want to talk to Estavia’s government for peace,’", Speaker: "Harbour TV", Group: "q1"}, Article: rewrite},
		{Quote: news.Quote{Text: "\"Some groups want to talk to our government for peace,\"", Speaker: "Petra Halvik", Group: "q1"}, Article: wire},
		{Quote: news.Quote{Text: "Some groups want to talk to our government for peace", Speaker: "Petra Halvik", Group: "q1"}, Article: wire},
	}
	got := Build(nil, quotes, nil)
	if len(got) != 1 {
		t.Fatalf("%d entries, want 1", len(got))
	}
	e := got[0]
	if e.Articles != 2 || len(e.Sources) != 2 {
		t.Errorf("articles %d, sources %d; want 2 articles, each a source once however often it quotes", e.Articles, len(e.Sources))
	}
	if e.Who != "Petra Halvik" || !strings.Contains(e.Text, "our government") {
		t.Errorf("entry %q by %q, want the first published wording, by Petra Halvik", e.Text, e.Who)
	}
	if len(e.Variants) != 2 {
		t.Fatalf("variants %+v, want 2 (quote marks do not make a wording)", e.Variants)
	}
	first, second := e.Variants[0], e.Variants[1]
	if len(first.Articles) != 1 || first.Articles[0].ID != "a1" || len(first.Changes) != 0 {
		t.Errorf("first variant %+v, want a1's, unchanged", first)
	}
	want := []Change{{From: "our", To: "Estavia’s"}}
	if second.Who != "Harbour TV" || !slices.Equal(second.Changes, want) {
		t.Errorf("second variant by %q changes %+v, want Harbour TV's with %+v", second.Who, second.Changes, want)
	}
}
