package storetest

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// analyses checks that what the per-article stages found is stored and
// read back whole, replaced when saved again, listed by what is still to
// do, and replayed for a full grouping.
func analyses(t *testing.T, s Store) {
	ctx := context.Background()
	arts := corpus() // three dated, the editorial undated
	add(t, s, arts...)
	t.Run("Unanalyzed", func(t *testing.T) {
		un, err := s.Unanalyzed(ctx, 3)
		if err != nil || len(un) != 3 || un[0].ID != arts[0].ID || un[2].ID != arts[2].ID || un[1].Text != arts[1].Text {
			t.Errorf("Unanalyzed(3) = %d articles, %v; want the first 3 stored, in order, with their texts", len(un), err)
		}
	})
	full := fullAnalysis(arts[0])
	if err := s.SaveAnalyses(ctx, []news.Analysis{full, {Article: arts[1].ID, Signature: []byte("sig 1")}}); err != nil {
		t.Fatal(err)
	}
	t.Run("read back whole", func(t *testing.T) {
		got, err := s.Analysis(ctx, arts[0].ID)
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, "Analysis", got, full)
		batch, err := s.Analyses(ctx, []news.ArticleID{arts[0].ID, arts[1].ID})
		if err != nil {
			t.Fatal(err)
		}
		sameFindings(t, "Analyses", batch[arts[0].ID], full)
		// Lists read the quote whole, its speaker's span and pieces too.
		quotes, _, err := s.Quotes(ctx, news.QuoteFilter{Article: arts[0].ID})
		if err != nil || len(quotes) != 1 || !reflect.DeepEqual(quotes[0].Quote, full.Quotes[0]) {
			t.Errorf("Quotes(article 0) = %+v, %v; want %+v", quotes, err, full.Quotes)
		}
		in, err := s.QuotesIn(ctx, []news.ArticleID{arts[0].ID}, 10)
		if err != nil || len(in) != 1 || !reflect.DeepEqual(in[0].Quote, full.Quotes[0]) {
			t.Errorf("QuotesIn(article 0) = %+v, %v; want %+v", in, err, full.Quotes)
		}
		if b := batch[arts[1].ID]; b.Article != arts[1].ID || len(b.Mentions)+len(b.Quotes)+len(b.Events)+len(b.Timexes) != 0 {
			t.Errorf("Analyses: article 1 = %+v; want it, with no findings", b)
		}
	})
	t.Run("Signatures", func(t *testing.T) {
		got, err := s.Signatures(ctx, []news.ArticleID{arts[0].ID, arts[1].ID, arts[2].ID, "nope"})
		if err != nil || len(got) != 2 || string(got[arts[0].ID]) != "sig 0" || string(got[arts[1].ID]) != "sig 1" {
			t.Errorf("Signatures = %q, %v; want those of articles 0 and 1", got, err)
		}
	})
	t.Run("Unanalyzed after", func(t *testing.T) {
		un, err := s.Unanalyzed(ctx, 10)
		if err != nil || len(un) != 2 || un[0].ID != arts[2].ID || un[1].ID != arts[3].ID {
			t.Errorf("Unanalyzed = %d articles, %v; want articles 2 and 3", len(un), err)
		}
	})
	t.Run("saved again, replaced", func(t *testing.T) { reanalyzed(t, s, arts[0], full) })
	t.Run("inferred dates", func(t *testing.T) { inferredDates(t, s, arts) })
	t.Run("Replay", func(t *testing.T) { replay(t, s, arts) })
}

// fullAnalysis is an analysis of a with a finding of every kind and every
// field set, and notes.
func fullAnalysis(a news.Article) news.Analysis {
	day := time.Date(2025, 3, 24, 0, 0, 0, 0, time.UTC)
	when := news.Timex{Span: at(a.Text, "Monday"), Text: "Monday", Type: "DATE", Value: "2025-03-24", Precision: news.Day, Begin: day, End: day.AddDate(0, 0, 1)}
	return news.Analysis{
		Article: a.ID,
		Mentions: []news.Mention{
			{Span: at(a.Text, "Norland"), Text: "Norland", Type: news.Place, Entity: "loc-norland"},
			{Span: at(a.Text, "Negotiators"), Text: "Negotiators", Type: news.OtherName, Role: "chief negotiator"},
			{Span: at(a.Text, "Estavia"), Text: "Estavia", Type: news.Place, Entity: "loc-estavia"},
		},
		Timexes: []news.Timex{when, {Span: at(a.Text, "talks"), Text: "talks", Type: "DURATION", Value: "P1W", Precision: news.Duration}},
		Quotes: []news.Quote{{Span: at(a.Text, "nobody walked out"), Text: "nobody walked out", Kind: news.QuoteSpeech,
			Speaker: "The envoy", Entity: "per-envoy", Cue: "said", Sentence: at(a.Text, "The envoy said nobody walked out."),
			SpeakerSpan: at(a.Text, "The envoy"), Parts: []news.Span{at(a.Text, "nobody"), at(a.Text, "walked out")}, Group: "q-1"}},
		Events: []news.Event{{Type: news.EventTalks, Trigger: "talks", Actor: "Negotiators", Target: "Kessel Dam", Place: "Port Avel",
			When: &when, Killed: -1, Injured: 0, Arrested: -1, Modality: news.Planned, Sentence: news.Span{Start: 0, End: 72}, Group: "e-1"}},
		Signature: []byte("sig 0"),
		CopyKeys:  []uint32{1, 2},
		Notes:     []string{"analysed in 2 segments", "names capped at 200000"},
		Kind:      news.NewsReport,
	}
}

// sameFindings reports how got's findings differ from want's: mentions,
// dates and quotes in the order of the text, events by sentence, notes.
func sameFindings(t *testing.T, what string, got, want news.Analysis) {
	t.Helper()
	if got.Article != want.Article {
		t.Errorf("%s: article %s, want %s", what, got.Article, want.Article)
	}
	sortBy := func(a news.Analysis) news.Analysis {
		a.Mentions = slices.Clone(a.Mentions)
		slices.SortStableFunc(a.Mentions, func(x, y news.Mention) int { return x.Start - y.Start })
		a.Timexes = slices.Clone(a.Timexes)
		slices.SortStableFunc(a.Timexes, func(x, y news.Timex) int { return x.Span.Start - y.Span.Start })
		return a
	}
	want = sortBy(want)
	for _, f := range []struct {
		name      string
		got, want any
	}{
		{"mentions", got.Mentions, want.Mentions},
		{"dates", got.Timexes, want.Timexes},
		{"quotes", got.Quotes, want.Quotes},
		{"events", got.Events, want.Events},
		{"notes", got.Notes, want.Notes},
	} {
		g, _ := json.Marshal(f.got)
		w, _ := json.Marshal(f.want)
		if string(g) != string(w) {
			t.Errorf("%s: %s\n got %s\nwant %s", what, f.name, g, w)
		}
	}
}

// reanalyzed checks that an analysis saved again replaces the last,
// findings, notes and signature.
func reanalyzed(t *testing.T, s Store, a news.Article, full news.Analysis) {
	ctx := context.Background()
	again := news.Analysis{Article: a.ID, Mentions: full.Mentions[:1], Signature: []byte("sig 0 again"), Kind: news.NewsReport}
	if err := s.SaveAnalyses(ctx, []news.Analysis{again}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Analysis(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	sameFindings(t, "Analysis after a second save", got, again)
	if sigs, err := s.Signatures(ctx, []news.ArticleID{a.ID}); err != nil || string(sigs[a.ID]) != "sig 0 again" {
		t.Errorf("Signatures after a second save = %q, %v; want the new one", sigs, err)
	}
	if err := s.SaveAnalyses(ctx, []news.Analysis{full}); err != nil {
		t.Fatal(err)
	}
}

// inferredDates checks that a date an analysis infers is written to an
// undated article, and never over an article's own date.
func inferredDates(t *testing.T, s Store, arts []news.Article) {
	ctx := context.Background()
	inferred := time.Date(2025, 3, 22, 0, 0, 0, 0, time.UTC)
	err := s.SaveAnalyses(ctx, []news.Analysis{
		{Article: arts[2].ID, Published: inferred, DateSource: news.DateInferred, DateNote: "wrong"},
		{Article: arts[3].ID, Published: inferred, DateSource: news.DateInferred, DateNote: "from \"Saturday\""},
	})
	if err != nil {
		t.Fatal(err)
	}
	if a, err := s.Article(ctx, arts[3].ID); err != nil || !a.Published.Equal(inferred) || a.DateSource != news.DateInferred || a.DateNote != `from "Saturday"` {
		t.Errorf("undated article dated %v (%q, %q), %v; want the inferred %v", a.Published, a.DateSource, a.DateNote, err, inferred)
	}
	if a, err := s.Article(ctx, arts[2].ID); err != nil || !a.Published.Equal(arts[2].Published) || a.DateSource != news.DateMetadata {
		t.Errorf("dated article dated %v (%q), %v; want its own %v", a.Published, a.DateSource, err, arts[2].Published)
	}
	list, _, err := s.Articles(ctx, news.ArticleFilter{From: inferred, To: inferred.AddDate(0, 0, 1)})
	if err != nil || len(list) != 1 || list[0].ID != arts[3].ID {
		t.Errorf("Articles on the inferred day = %v, %v; want the editorial", titles(list), err)
	}
}

// replay checks that Replay hands over every analyzed article, in stored
// order, with its text, findings and signature, and stops at fn's error.
func replay(t *testing.T, s Store, arts []news.Article) {
	ctx := context.Background()
	var got []news.ArticleID
	err := s.Replay(ctx, func(a news.Article, an news.Analysis) error {
		got = append(got, a.ID)
		if a.ID == arts[0].ID {
			if a.Text != arts[0].Text || !a.Published.Equal(arts[0].Published) || a.Outlet != arts[0].Outlet || string(an.Signature) != "sig 0" ||
				an.Article != a.ID || len(an.Mentions) != 3 || len(an.Quotes) != 1 || len(an.Events) != 1 ||
				!reflect.DeepEqual(an.Quotes[0], fullAnalysis(arts[0]).Quotes[0]) {
				t.Errorf("Replay: article 0 = %+v\nwith %+v; want its text, date, signature, 3 mentions, a quote and an event", a, an)
			}
		}
		return nil
	})
	if want := idsOf(arts); err != nil || !slices.Equal(got, want) {
		t.Errorf("Replay replayed %v, %v; want %v, every analyzed article in stored order", got, err, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Replay(ctx, func(news.Article, news.Analysis) error { n++; return stop }); !errors.Is(err, stop) || n != 1 {
		t.Errorf("Replay with fn failing: %v after %d calls; want fn's error after 1", err, n)
	}
}
