package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/storetest"
)

// When more articles match than a search ranks at once, the first pages
// rank the newest of them, the total counts them all up to the count
// limit, and a page past the window ranks every match.
func TestSearchRanksTheNewestMatches(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	const n = 620
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	var arts []news.Article
	for i := range n {
		// Report 3 says "levee" most often, but it is among the oldest;
		// report 600 says it most often among the newest.
		times := 1 + i%3
		switch i {
		case 3:
			times = 9
		case 600:
			times = 6
		}
		text := fmt.Sprintf("Report %d from the river. %s The water kept rising all week.", i, strings.Repeat("The levee held. ", times))
		outlet := "Valley Post"
		if i%2 == 1 {
			outlet = "Meridian Wire"
		}
		arts = append(arts, storetest.Article(fmt.Sprintf("https://x.example/%d", i), outlet, fmt.Sprintf("Report %d", i), text, base.Add(time.Duration(i)*time.Hour)))
	}
	// Twice as many articles do not match, so that the word is rare
	// enough to weigh something.
	var others []news.Article
	for i := range 2 * n {
		others = append(others, storetest.Article(fmt.Sprintf("https://y.example/%d", i), "Valley Post", fmt.Sprintf("Market %d", i), fmt.Sprintf("Market report %d: grain prices held.", i), base.Add(-time.Duration(i)*time.Hour)))
	}
	if _, err := db.Add(ctx, others); err != nil {
		t.Fatal(err)
	}
	// Added in order, so that the store's order is the publication order.
	for i := 0; i < n; i += 100 {
		if _, err := db.Add(ctx, arts[i:min(i+100, n)]); err != nil {
			t.Fatal(err)
		}
	}
	search := func(f news.ArticleFilter) ([]news.SearchHit, int) {
		t.Helper()
		hits, total, err := db.Search(ctx, "levee", f)
		if err != nil {
			t.Fatal(err)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("offset %d: hit %d (%s, %.3f) scores above hit %d (%s, %.3f)", f.Offset, i, hits[i].Title, hits[i].Score, i-1, hits[i-1].Title, hits[i-1].Score)
			}
		}
		return hits, total
	}
	number := func(h news.SearchHit) int {
		var k int
		fmt.Sscanf(h.Title, "Report %d", &k)
		return k
	}

	hits, total := search(news.ArticleFilter{Limit: 20})
	if total != n || len(hits) != 20 {
		t.Fatalf("first page: %d hits of %d, want 20 of %d", len(hits), total, n)
	}
	if got := number(hits[0]); got != 600 {
		t.Errorf("first hit is report %d, want 600 (the best match among the newest)", got)
	}
	for _, h := range hits {
		if k := number(h); k < n-500 {
			t.Errorf("first page holds report %d, older than the newest 500 matches", k)
		}
	}

	// Past the window every match is ranked: report 3 is the best of all,
	// so no page past it holds a hit that scores higher.
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 500})
	if total != n || len(hits) != 20 {
		t.Fatalf("page past the window: %d hits of %d, want 20 of %d", len(hits), total, n)
	}
	all, _ := search(news.ArticleFilter{Limit: n, Offset: 0})
	if len(all) != n {
		t.Fatalf("one page of all: %d hits, want %d", len(all), n)
	}
	if got := number(all[0]); got != 3 {
		t.Errorf("ranking every match, first hit is report %d, want 3", got)
	}

	// With a filter, the count and the window are the filter's.
	hits, total = search(news.ArticleFilter{Limit: 10, Outlet: "Meridian Wire"})
	if total != n/2 || len(hits) != 10 {
		t.Fatalf("Meridian Wire: %d hits of %d, want 10 of %d", len(hits), total, n/2)
	}
	for _, h := range hits {
		if h.Outlet != "Meridian Wire" {
			t.Errorf("filtered search returned %s from %s", h.Title, h.Outlet)
		}
	}

	// Fewer matches than the window: the count is exact without a second
	// query, and the last page is short.
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 300, From: base.Add(300 * time.Hour)})
	if total != n-300 || len(hits) != 20 {
		t.Errorf("since report 300, offset 300: %d hits of %d, want 20 of %d", len(hits), total, n-300)
	}
	hits, total = search(news.ArticleFilter{Limit: 20, Offset: 310, From: base.Add(300 * time.Hour)})
	if total != n-300 || len(hits) != 10 {
		t.Errorf("since report 300, offset 310: %d hits of %d, want 10 of %d", len(hits), total, n-300)
	}

	// Counting stops past the limit: the total reads "more than the
	// limit", and no page reaches past it.
	postgres.SetCountLimit(db, 550)
	for _, tt := range []struct {
		f         news.ArticleFilter
		wantHits  int
		wantTotal int
	}{
		{news.ArticleFilter{Limit: 20}, 20, 551},
		{news.ArticleFilter{Limit: 20, Offset: 540}, 10, 551},
		{news.ArticleFilter{Limit: 20, Offset: 550}, 0, 551},
		{news.ArticleFilter{Limit: 20, Offset: 300, From: base.Add(300 * time.Hour)}, 20, n - 300}, // under the limit: exact
		{news.ArticleFilter{Limit: 5, Outlet: "Valley Post"}, 5, n / 2},
	} {
		hits, total := search(tt.f)
		if len(hits) != tt.wantHits || total != tt.wantTotal {
			t.Errorf("count limit 550, %+v: %d hits of %d, want %d of %d", tt.f, len(hits), total, tt.wantHits, tt.wantTotal)
		}
	}
	postgres.SetCountLimit(db, 100) // below the window, which is then the count
	if hits, total := search(news.ArticleFilter{Limit: 20, Offset: 90}); len(hits) != 10 || total != 101 {
		t.Errorf("count limit 100, offset 90: %d hits of %d, want 10 of 101", len(hits), total)
	}
}

// TestSnippetAgreesWithIndex checks the highlighter against PostgreSQL's
// ts_headline over the index's configuration: both must mark the same
// words.
func TestSnippetAgreesWithIndex(t *testing.T) {
	ctx := t.Context()
	db, err := pgx.Connect(ctx, postgres.FreshDB(t))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close(ctx)
	s, err := postgres.Open(ctx, db.Config().ConnString())
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	texts := []string{
		"Negotiators met in Port Avel on Monday. The negotiation over the Peña dam failed; NEGOTIATING again is planned.",
		"Flooding hit the valleys; the floods were the worst since 1998. Ferries stopped and a ferry ran aground near Lisk.",
		"The Tehreek-e-Taliban Pakistan (TTP) claimed the attack. Pakistan's army said militants crossed from Afghanistan.",
		"Ministers argued, arguing that the arguments were generalised; generalization is what they feared. Relational relativity.",
	}
	for i, text := range texts {
		if _, err := db.Exec(ctx, `INSERT INTO articles (id, text, text_hash, ingested) VALUES ($1, $2, $3, '')`, fmt.Sprint(i), text, fmt.Sprint(i)); err != nil {
			t.Fatal(err)
		}
	}
	for _, q := range []string{"negotiator", "negotiat*", "pena", "flood", "ferry", "ferri*", "pakistan", "taliban ttp", "argue", "general*", "generalization", "relativ*", "1998", "\"port avel\""} {
		rows, err := db.Query(ctx, `SELECT text, ts_headline('storyline', text, to_tsquery('storyline', $1), 'StartSel=<<, StopSel=>>, HighlightAll=true')
			FROM articles a JOIN articles_fts f ON f.seq = a.seq WHERE f.fts @@ to_tsquery('storyline', $1)`, postgres.TSQuery(q))
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for rows.Next() {
			n++
			var text, hl string
			if err := rows.Scan(&text, &hl); err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, part := range strings.Split(hl, "<<")[1:] {
				want = append(want, part[:strings.Index(part, ">>")])
			}
			if got := postgres.Marks(q, text); fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("query %q in %q: marked %q, index marks %q", q, text, got, want)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if n == 0 {
			t.Errorf("query %q matched nothing", q)
		}
	}
}
