package postgres_test

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/storetest"
)

var (
	_ server.Store   = (*postgres.DB)(nil)
	_ pipeline.Store = (*postgres.DB)(nil)
)

func day(t testing.TB) time.Time {
	d, err := time.Parse("2006-01-02", "2025-03-24")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// openAt opens the store at dsn, as another process would, closed when t
// ends.
func openAt(t testing.TB, dsn string) *postgres.DB {
	t.Helper()
	db, err := postgres.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// exec runs statements on the database at dsn directly.
func exec(t testing.TB, dsn string, qs ...string) {
	t.Helper()
	ctx := context.Background()
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	for _, q := range qs {
		if _, err := c.Exec(ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	dsn := storetest.PostgresDB(t)
	openAt(t, dsn).Close()
	exec(t, dsn, `UPDATE schema_version SET version = 999`)
	if db, err := postgres.Open(context.Background(), dsn); err == nil {
		db.Close()
		t.Fatal("Open accepted a store with a newer schema")
	}
}

// TestExistingRefusesEmptyDatabase checks that a store opened as
// existing is not created in a database without one.
func TestExistingRefusesEmptyDatabase(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	if db, err := postgres.OpenWith(ctx, dsn, postgres.Options{Existing: true}); !errors.Is(err, news.ErrNotFound) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("OpenWith(Existing) of an empty database: %v, want ErrNotFound", err)
	}
	openAt(t, dsn).Close()
	db, err := postgres.OpenWith(ctx, dsn, postgres.Options{Existing: true})
	if err != nil {
		t.Fatalf("OpenWith(Existing) of a store: %v", err)
	}
	db.Close()
}

// TestConcurrentOpensMigrateOnce opens a new database from several
// processes at once: each must find the schema made, once.
func TestConcurrentOpensMigrateOnce(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	var wg sync.WaitGroup
	errs := make([]error, 4)
	for i := range errs {
		wg.Go(func() {
			db, err := postgres.Open(ctx, dsn)
			if err == nil {
				_, err = db.Count(ctx)
				db.Close()
			}
			errs[i] = err
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatalf("concurrent opens of a new database: %v", err)
	}
}

// TestConcurrentAddsStoreOnce adds the same articles from several
// processes at once, in different orders: each article is stored once and
// reported new to one of them.
func TestConcurrentAddsStoreOnce(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	var arts []news.Article
	for i := range 60 {
		arts = append(arts, storetest.Article(fmt.Sprintf("https://x.example/%d", i), "X", fmt.Sprintf("Report %d", i),
			fmt.Sprintf("Report %d on the Lisk harbour.", i), day(t)))
	}
	// The same texts again without URLs: known by their text and outlet.
	for i := range 20 {
		arts = append(arts, storetest.Article("", "X", fmt.Sprintf("Report %d", i), fmt.Sprintf("Report %d on the Lisk harbour.", i), day(t)))
	}
	const writers = 4
	added := make([]int, writers)
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		db := openAt(t, dsn)
		mine := slices.Clone(arts)
		if w%2 == 1 {
			slices.Reverse(mine)
		}
		wg.Go(func() {
			for batch := range slices.Chunk(mine, 16) {
				st, err := db.Add(ctx, batch)
				if err != nil {
					errs[w] = err
					return
				}
				for _, s := range st {
					if s == news.Added {
						added[w]++
					}
				}
			}
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	db := openAt(t, dsn)
	if n, err := db.Count(ctx); err != nil || n != 60 {
		t.Errorf("Count = %d, %v after concurrent adds; want 60", n, err)
	}
	total := 0
	for _, n := range added {
		total += n
	}
	if total != 60 {
		t.Errorf("%d articles reported new in all (%v); want 60", total, added)
	}
	if err := db.Check(ctx); err != nil {
		t.Error(err)
	}
}

// TestConcurrentPartialGroupings saves two partial groupings at once that
// both take the same ungrouped article into a story of their own, as two
// workers grouping the same batch would: the second must be refused
// (the scope check sees the first's commit), not leave the article in two
// stories.
func TestConcurrentPartialGroupings(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	db := openAt(t, dsn)
	a := storetest.Article("https://x.example/1", "X", "Talks", "Talks on the Kessel Dam opened.", day(t))
	b := storetest.Article("https://x.example/2", "X", "Strike", "The port strike ended in Lisk.", day(t))
	if _, err := db.Add(ctx, []news.Article{a, b}); err != nil {
		t.Fatal(err)
	}
	grouping := func(story news.StoryID, arts ...news.ArticleID) news.Grouping {
		g := news.Grouping{Scope: &news.Scope{Articles: arts}, Stories: []news.Story{{ID: story, Title: string(story)}}}
		for _, id := range arts {
			g.Assignments = append(g.Assignments, news.Assignment{Article: id, Story: story})
		}
		return g
	}
	gs := []news.Grouping{grouping("s-one", a.ID, b.ID), grouping("s-two", b.ID)}
	errs := make([]error, len(gs))
	var wg sync.WaitGroup
	for i, g := range gs {
		w := openAt(t, dsn)
		wg.Go(func() { errs[i] = w.SaveGrouping(ctx, g) })
	}
	wg.Wait()
	failed := 0
	for _, err := range errs {
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) {
				t.Errorf("SaveGrouping: %v, want ErrInvalid or nil", err)
			}
			failed++
		}
	}
	if failed != 1 {
		t.Errorf("%d of 2 overlapping partial groupings refused (%v); want 1", failed, errs)
	}
	stories, total, err := db.Stories(ctx, news.StoryFilter{})
	if err != nil || total != 1 {
		t.Fatalf("Stories = %d, %v; want the one grouping that was saved", total, err)
	}
	want := 2
	if stories[0].ID == "s-two" {
		want = 1
	}
	if stories[0].Size != want {
		t.Errorf("story %s counts %d articles, want %d", stories[0].ID, stories[0].Size, want)
	}
}

// TestCommonCopyKeysStopFiling checks that a key many articles share (a
// common stem) stops taking articles; the conformance suite checks that
// it then finds no candidates.
func TestCommonCopyKeysStopFiling(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	storetest.FileCommonCopyKey(t, openAt(t, dsn))
	c, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close(ctx)
	var filed int
	if err := c.QueryRow(ctx, `SELECT count(*) FROM copy_keys WHERE key = 1`).Scan(&filed); err != nil {
		t.Fatal(err)
	}
	if filed >= 100 {
		t.Errorf("common key filed under %d of 200 articles; want it to stop near 64", filed)
	}
}

// TestConcurrentAnalysesReplace saves one article's analysis from several
// processes at once, as workers given the same message again would: the
// article keeps one analysis's findings, not the sum of them.
func TestConcurrentAnalysesReplace(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	db := openAt(t, dsn)
	a := storetest.Article("https://x.example/1", "X", "Talks", "Talks on the Kessel Dam opened in Port Avel.", day(t))
	if _, err := db.Add(ctx, []news.Article{a}); err != nil {
		t.Fatal(err)
	}
	an := news.Analysis{Article: a.ID, CopyKeys: []uint32{7}, Mentions: []news.Mention{
		{Span: news.Span{Start: 16, End: 27}, Text: "Kessel Dam", Type: news.Place},
		{Span: news.Span{Start: 38, End: 47}, Text: "Port Avel", Type: news.Place}}}
	const writers = 4
	errs := make([]error, writers)
	for round := range 3 {
		var wg sync.WaitGroup
		for w := range writers {
			st := openAt(t, dsn)
			wg.Go(func() { errs[w] = st.SaveAnalyses(ctx, []news.Analysis{an}) })
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatal(err)
		}
		got, err := db.Analysis(ctx, a.ID)
		if err != nil || len(got.Mentions) != 2 {
			t.Errorf("round %d: %d mentions after %d concurrent saves of one analysis, %v; want 2", round, len(got.Mentions), writers, err)
		}
	}
	if n, err := db.Ungrouped(ctx); err != nil || n != 1 {
		t.Errorf("Ungrouped = %d, %v; want 1", n, err)
	}
}

// TestReaderRoleOpens opens a store as a role that may only read it, as a
// server given a read-only account would: opening a store at this
// schema version must not need to create anything.
func TestReaderRoleOpens(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.PostgresDB(t)
	db := openAt(t, dsn)
	a := storetest.Article("https://x.example/1", "X", "Talks", "Talks on the Kessel Dam opened.", day(t))
	if _, err := db.Add(ctx, []news.Article{a}); err != nil {
		t.Fatal(err)
	}
	role := fmt.Sprintf("storyline_reader_%d", time.Now().UnixNano())
	exec(t, dsn, `CREATE ROLE `+role+` LOGIN`, `GRANT SELECT ON ALL TABLES IN SCHEMA public TO `+role)
	t.Cleanup(func() { exec(t, dsn, `DROP OWNED BY `+role, `DROP ROLE `+role) })
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.User(role)
	reader, err := postgres.OpenWith(ctx, u.String(), postgres.Options{Existing: true})
	if err != nil {
		t.Fatalf("open as a reader: %v", err)
	}
	defer reader.Close()
	if got, err := reader.Article(ctx, a.ID); err != nil || got.Title != "Talks" {
		t.Errorf("Article as a reader = %q, %v", got.Title, err)
	}
	if _, err := reader.Add(ctx, []news.Article{storetest.Article("https://x.example/2", "X", "T", "Another text.", day(t))}); err == nil {
		t.Error("a reader added an article")
	}
}
