package storetest

import (
	"context"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// kinds checks that kinds are stored and read back with their reasons,
// filter article lists, are counted per story, and that SaveKinds drops
// the quotes an opinion piece does not keep.
func kinds(t *testing.T, s Store) {
	ctx := context.Background()
	arts := corpus()
	if _, err := s.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	report, other, editorial := arts[0], arts[1], arts[3]
	quotes := []news.Quote{
		{Span: news.Span{Start: 3, End: 10}, Text: editorial.Text[3:10], Speaker: "Norland", Cue: "expects"},
		{Span: news.Span{Start: 20, End: 30}, Text: editorial.Text[20:30], Speaker: "the envoy", Cue: "said", Direct: true},
	}
	err := s.SaveAnalyses(ctx, []news.Analysis{
		{Article: report.ID, Kind: news.NewsReport, KindReasons: []string{"text: reporting voice", "text: 2 sentences attributed"}},
		{Article: other.ID}, // analyzed before kinds
		{Article: editorial.ID, Quotes: quotes},
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Article(ctx, report.ID)
	if err != nil || got.Kind != news.NewsReport || !slices.Equal(got.KindReasons, []string{"text: reporting voice", "text: 2 sentences attributed"}) {
		t.Errorf("Article = %s %q, %v; want news with its two reasons", got.Kind, got.KindReasons, err)
	}
	un, err := s.Unkinded(ctx, 10)
	if err != nil || len(un) != 2 || un[0].ID != other.ID || un[1].ID != editorial.ID || un[1].Text != editorial.Text {
		t.Fatalf("Unkinded = %d articles, %v; want the two analyzed without a kind, in stored order, with their text", len(un), err)
	}
	if err := s.SaveGrouping(ctx, news.Grouping{
		Assignments: []news.Assignment{{Article: report.ID, Story: "s-1"}, {Article: editorial.ID, Story: "s-1"}, {Article: other.ID, Story: "s-2"}},
		Stories:     []news.Story{{ID: "s-1", Title: "Dam talks"}, {ID: "s-2", Title: "March"}},
	}); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveKinds(ctx, []news.Analysis{
		{Article: editorial.ID, Kind: news.Opinion, KindReasons: []string{"publisher: label"}, Quotes: quotes[1:]},
		{Article: other.ID, Kind: news.NewsReport},
	}); err != nil {
		t.Fatal(err)
	}
	if un, err := s.Unkinded(ctx, 10); err != nil || len(un) != 0 {
		t.Errorf("Unkinded after SaveKinds = %d articles, %v; want none", len(un), err)
	}
	an, err := s.Analysis(ctx, editorial.ID)
	if err != nil || len(an.Quotes) != 1 || an.Quotes[0].Speaker != "the envoy" {
		t.Errorf("the opinion piece's quotes = %+v, %v; want only the envoy's", an.Quotes, err)
	}
	list, total, err := s.Articles(ctx, news.ArticleFilter{Kind: news.Opinion})
	if err != nil || total != 1 || len(list) != 1 || list[0].ID != editorial.ID || list[0].Kind != news.Opinion {
		t.Errorf("Articles(opinion) = %+v (total %d), %v; want the editorial", list, total, err)
	}
	if _, total, err := s.Articles(ctx, news.ArticleFilter{Kind: news.NewsReport}); err != nil || total != 2 {
		t.Errorf("Articles(news) total %d, %v; want 2", total, err)
	}
	st, err := s.StorySummary(ctx, "s-1")
	if err != nil || st.Reports != 1 || st.Opinions != 1 {
		t.Errorf("story s-1 counts %d news, %d opinion, %v; want 1 and 1", st.Reports, st.Opinions, err)
	}
}
