package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/storetest"

	_ "modernc.org/sqlite"
)

func open(t *testing.T) *sqlite.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func TestConformance(t *testing.T) {
	storetest.Run(t, storetest.Backend{
		Open: func(t *testing.T) storetest.Store { return open(t) },
		// Another handle on the file, another process as far as SQLite
		// knows.
		OpenAgain: func(t *testing.T, s storetest.Store) storetest.Store {
			db, err := sqlite.Open(context.Background(), s.(*sqlite.DB).Path())
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		},
		SetCountLimit: func(s storetest.Store, n int) { sqlite.SetCountLimit(s.(*sqlite.DB), n) },
	})
}

// Readers at once keep their connections: a connection closed when idle
// must read the schema and prepare its statements again when reopened.
func TestConcurrentReadersKeepConnections(t *testing.T) {
	ctx := context.Background()
	db := open(t)
	var arts []news.Article
	for i := range 30 {
		arts = append(arts, storetest.Article(fmt.Sprintf("https://x.example/%d", i), "X", fmt.Sprintf("Harbour %d", i),
			"The Lisk harbour reopened after the storm.", sqliteDay(t)))
	}
	if _, err := db.Add(ctx, arts); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 20 {
				if _, _, err := db.Search(ctx, "harbour", news.ArticleFilter{}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	wg.Wait()
	if st := sqlite.Stats(db); st.MaxIdleClosed > 0 {
		t.Errorf("%d connections closed as idle after %d were open: readers reopen connections", st.MaxIdleClosed, st.MaxOpenConnections)
	}
}

// TestOpenMakesDirectories opens a store in directories that do not
// exist yet. (That a reopened store keeps what it stored is the
// conformance suite's Reopen.)
func TestOpenMakesDirectories(t *testing.T) {
	path := filepath.Join(t.TempDir(), "nested", "dir", "s.db")
	db, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := os.Stat(path); err != nil {
		t.Errorf("no store made at %s: %v", path, err)
	}
}

// A store made before stories kept their outlets gets them when it is
// opened: the migration derives them from the members.
func TestMigrationFillsOutletLists(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	day := sqliteDay(t)
	a1 := storetest.Article("https://a.example/1", "Meridian Wire", "Talks open", "Talks on the dam opened.", day)
	a2 := storetest.Article("https://b.example/2", "Valley Post", "Talks open again", "Talks on the dam opened today.", day)
	if _, err := db.Add(ctx, []news.Article{a1, a2}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveGrouping(ctx, news.Grouping{
		Assignments: []news.Assignment{{Article: a1.ID, Story: "s1"}, {Article: a2.ID, Story: "s1"}},
		Stories:     []news.Story{{ID: "s1", Title: "Talks open"}},
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	// Back to schema 5, which had no outlet_list.
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{schema12, `ALTER TABLE stories DROP COLUMN outlet_list`, `ALTER TABLE articles DROP COLUMN analysis_notes`,
		`DROP TABLE entity_keys`, `DROP TABLE ungrouped`, `DROP INDEX articles_unkeyed`, `ALTER TABLE articles DROP COLUMN keyed`, `ALTER TABLE stories DROP COLUMN key_list`, `ALTER TABLE quotes DROP COLUMN kind`, `PRAGMA user_version = 5`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	raw.Close()
	db, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.StoryOutlets(ctx, []news.StoryID{"s1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []news.OutletCount{{Outlet: "Meridian Wire", Articles: 1}, {Outlet: "Valley Post", Articles: 1}}
	if !slices.Equal(got["s1"], want) {
		t.Errorf("outlets after the migration: %v, want %v", got["s1"], want)
	}
}

func TestRefusesNewerSchema(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "s.db")
	db, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`PRAGMA user_version = 999`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if db, err := sqlite.Open(ctx, path); err == nil {
		db.Close()
		t.Fatal("Open accepted a store with a newer schema")
	}
}

func sqliteDay(t *testing.T) time.Time {
	d, err := time.Parse("2006-01-02", "2025-03-24")
	if err != nil {
		t.Fatal(err)
	}
	return d
}
