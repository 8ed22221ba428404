package sqlite

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

// Articles added in many small batches, as a watched folder or many
// ingest runs add them, leave a full-text index of few segments that
// still finds every article.
func TestIndexStaysMerged(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	base := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	const batches, per = 200, 10
	most := 0
	for b := range batches {
		var arts []news.Article
		for i := range per {
			n := b*per + i
			text := fmt.Sprintf("Report %d. The ferry to Lisk ran late again; harbour workers number%d said the tide was low.", n, n)
			arts = append(arts, storetest.Article(fmt.Sprintf("https://x.example/%d", n), "Valley Post", fmt.Sprintf("Ferry report %d", n), text, base.Add(time.Duration(n)*time.Minute)))
		}
		if _, err := db.Add(ctx, arts); err != nil {
			t.Fatal(err)
		}
		sizes, err := db.segmentSizes(ctx)
		if err != nil {
			t.Fatal(err)
		}
		most = max(most, len(sizes))
	}
	sizes, err := db.segmentSizes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// FTS5 alone leaves a segment per batch until enough at one level
	// merge: here 7 at the end and up to 21 on the way.
	if len(sizes) > 4 || most > 14 {
		t.Errorf("full-text index has %d segments after %d batches (up to %d on the way), want at most 4 (14)", len(sizes), batches, most)
	}
	if err := db.Check(ctx); err != nil {
		t.Fatal(err)
	}
	_, total, err := db.Search(ctx, "ferry lisk", news.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if total != batches*per {
		t.Errorf("search finds %d articles, want all %d", total, batches*per)
	}
	hits, _, err := db.Search(ctx, "number1234", news.ArticleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Title != "Ferry report 1234" {
		t.Errorf("search for one article's word finds %v, want Ferry report 1234", hits)
	}
}
