package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestMigrationKeysOldStores opens stores made before schema 10: one with
// stories must be grouped whole before it is grouped incrementally, and
// the copy keys of its analyzed articles are filled in oldest first; one
// without stories is ready at once.
func TestMigrationKeysOldStores(t *testing.T) {
	ctx := context.Background()
	for _, grouped := range []bool{true, false} {
		t.Run(fmt.Sprint("grouped ", grouped), func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "s.db")
			db, err := sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			var arts []news.Article
			var ans []news.Analysis
			g := news.Grouping{Stories: []news.Story{{ID: "s-1"}}}
			for i := range 5 {
				a := storetest.Article(fmt.Sprintf("https://m.example/%d", i), "X", "T", fmt.Sprintf("Text %d of the talks.", i), sqliteDay(t))
				arts = append(arts, a)
				if i < 4 { // the last is not analyzed
					ans = append(ans, news.Analysis{Article: a.ID, Signature: []byte{byte(i)}, CopyKeys: []uint32{uint32(i)}})
					g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: "s-1"})
				}
			}
			if _, err := db.Add(ctx, arts); err != nil {
				t.Fatal(err)
			}
			if err := db.SaveAnalyses(ctx, ans); err != nil {
				t.Fatal(err)
			}
			if grouped {
				if err := db.SaveGrouping(ctx, g); err != nil {
					t.Fatal(err)
				}
			}
			db.Close()
			toSchema9(t, path)
			db, err = sqlite.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if ok, err := db.GroupingIndexed(ctx); err != nil || ok == grouped {
				t.Errorf("GroupingIndexed after the migration = %v, %v; want %v", ok, err, !grouped)
			}
			backfill(t, db, ans)
			if err := db.SaveGrouping(ctx, g); err != nil {
				t.Fatal(err)
			}
			if ok, err := db.GroupingIndexed(ctx); err != nil || !ok {
				t.Errorf("GroupingIndexed after a whole grouping = %v, %v; want true", ok, err)
			}
		})
	}
}

// toSchema9 takes the store at path back to schema 9, before stores kept
// an index for incremental grouping.
func toSchema9(t *testing.T, path string) {
	raw, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	for _, q := range []string{schema12, `DROP TABLE copy_keys`, `DROP TABLE story_terms`, `DROP TABLE frequencies`, `DROP TABLE meta`, `DROP TABLE story_centroids`,
		`DROP TABLE entity_keys`, `DROP TABLE ungrouped`, `DROP INDEX articles_unkeyed`, `ALTER TABLE articles DROP COLUMN keyed`, `ALTER TABLE stories DROP COLUMN key_list`,
		`ALTER TABLE quotes DROP COLUMN kind`, `PRAGMA user_version = 9`} {
		if _, err := raw.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// schema12 takes a store back to schema 12, before kinds (and quotes'
// speaker spans and pieces, schema 15).
const schema12 = `ALTER TABLE quotes DROP COLUMN speaker_start; ALTER TABLE quotes DROP COLUMN speaker_end; ALTER TABLE quotes DROP COLUMN parts;
	DROP INDEX articles_unkinded; DROP INDEX articles_kind_recent; DROP INDEX articles_id_kind;
	ALTER TABLE articles DROP COLUMN kind; ALTER TABLE articles DROP COLUMN kind_reasons;
	ALTER TABLE stories DROP COLUMN reports; ALTER TABLE stories DROP COLUMN opinions; PRAGMA user_version = 12`

// backfill fills the copy keys of the analyzed articles, two at a time,
// as a background loop would, and checks it is handed each once, oldest
// first, with its signature.
func backfill(t *testing.T, db *sqlite.DB, ans []news.Analysis) {
	ctx := context.Background()
	var got []news.ArticleID
	for range len(ans) {
		list, err := db.UnkeyedSignatures(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(list) == 0 {
			break
		}
		for i := range list {
			got = append(got, list[i].Article)
			want := ans[slices.IndexFunc(ans, func(a news.Analysis) bool { return a.Article == list[i].Article })]
			if string(list[i].Signature) != string(want.Signature) {
				t.Errorf("signature of %s: %v, want %v", list[i].Article, list[i].Signature, want.Signature)
			}
			list[i].CopyKeys = want.CopyKeys
		}
		if err := db.SaveCopyKeys(ctx, list); err != nil {
			t.Fatal(err)
		}
	}
	var want []news.ArticleID
	for _, a := range ans {
		want = append(want, a.Article)
	}
	if !slices.Equal(got, want) {
		t.Errorf("backfilled %v, want %v", got, want)
	}
	for i, a := range ans {
		if ids, err := db.CopyCandidates(ctx, []uint32{uint32(i)}, 5); err != nil || !slices.Equal(ids, []news.ArticleID{a.Article}) {
			t.Errorf("CopyCandidates(%d) after the backfill = %v, %v; want %s", i, ids, err, a.Article)
		}
	}
}

// TestCommonCopyKeysStopFiling checks that a key many articles share (a
// common stem) stops taking articles; the conformance suite checks that
// it then finds no candidates.
func TestCommonCopyKeysStopFiling(t *testing.T) {
	db := open(t)
	storetest.FileCommonCopyKey(t, db)
	raw, err := sql.Open("sqlite", db.Path())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var filed int
	if err := raw.QueryRow(`SELECT count(*) FROM copy_keys WHERE key = 1`).Scan(&filed); err != nil {
		t.Fatal(err)
	}
	if filed >= 100 {
		t.Errorf("common key filed under %d of 200 articles; want it to stop near 64", filed)
	}
}
