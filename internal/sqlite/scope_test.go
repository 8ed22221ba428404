package sqlite

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/storetest"
)

// TestScopedSaveWritesEveryPart checks the parts of a partial save that
// the conformance suite does not: changed findings, redirects, inherited
// dates, and that the story's own rows replace the old story's.
func TestScopedSaveWritesEveryPart(t *testing.T) {
	db := openTest(t)
	storetest.ScopedSaveParts(t, db, func(p storetest.Part) (got string, err error) {
		return got, db.db.QueryRowContext(context.Background(), partSQL[p]).Scan(&got)
	})
}

// partSQL reads each part of a partial save that ScopedSaveParts checks.
var partSQL = map[storetest.Part]string{
	storetest.MentionEntities: `SELECT group_concat(entity, ' ') FROM (SELECT entity FROM mentions ORDER BY entity)`,
	storetest.QuoteGroups:     `SELECT group_concat(grp || ':' || entity, ' ') FROM (SELECT grp, entity FROM quotes ORDER BY grp, entity)`,
	storetest.EventGroups:     `SELECT group_concat(grp, ' ') FROM (SELECT grp FROM events WHERE grp <> '')`,
	storetest.CopyDate:        `SELECT date_source FROM articles WHERE url = 'https://p.example/n1'`,
	storetest.StoryTerms:      `SELECT group_concat(story || ':' || key, ' ') FROM (SELECT story, key FROM story_terms ORDER BY story, key)`,
	storetest.StorylineCounts: `SELECT group_concat(id || ':' || stories, ' ') FROM (SELECT id, stories FROM storylines ORDER BY id)`,
	storetest.EntityIDs:       `SELECT group_concat(id, ' ') FROM (SELECT id FROM entities ORDER BY id)`,
}

// TestScopedSavesKeepDerivedRows saves random partial groupings one after
// another, and checks after each that the rows a save derives from its
// stories (their counts, story_keys and their totals, storylines' counts
// and spans, story_terms, moved IDs) are those a whole save would derive
// from the same stories: the differences a partial save applies do not
// drift.
func TestScopedSavesKeepDerivedRows(t *testing.T) {
	db := openTest(t)
	storetest.ScopedSaves(t, db, func(when string) { checkDerived(t, db, when) })
}

// column reads a column of strings.
func column(t *testing.T, db *DB, q string) []string {
	rows, err := db.db.Query(q)
	out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// derived reads the rows a save derives from the stories.
const derived = `SELECT 'story ' || id || ' ' || outlet_list || ' ' || articles || ' ' || outlets || ' ' || copies || ' ' || coalesce(latest, '') FROM stories
	UNION ALL SELECT 'key ' || kind || ' ' || lower(value) || ' ' || end_at || ' ' || articles || ' ' || story FROM story_keys
	UNION ALL SELECT 'total ' || kind || ' ' || lower(value) || ' ' || stories FROM story_key_totals
	UNION ALL SELECT 'storyline ' || id || ' ' || stories || ' ' || coalesce(begin_at, '') || ' ' || coalesce(end_at, '') FROM storylines
	ORDER BY 1`

// rederive derives the rows again from the stories, as a whole save does.
var rederive = []string{fillOutletLists, fillStoryCounts, fillStoryKeys,
	`UPDATE storylines SET stories = (SELECT count(*) FROM stories s WHERE s.storyline = storylines.id),
		begin_at = (SELECT min(begin_at) FROM stories s WHERE s.storyline = storylines.id),
		end_at = (SELECT max(end_at) FROM stories s WHERE s.storyline = storylines.id)`,
	`DELETE FROM storylines WHERE stories = 0`}

// checkDerived compares the derived rows with those derived again, in a
// transaction rolled back, and checks story_terms and moved.
func checkDerived(t *testing.T, db *DB, when string) {
	ctx := context.Background()
	tx, err := db.db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows := func() []string {
		rows, err := tx.QueryContext(ctx, derived)
		out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	saved := rows()
	for _, q := range rederive {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	storetest.SameDerived(t, when, saved, rows())
	for _, q := range []string{
		// Each story's terms are its keys (made from its ID), at its end.
		`SELECT 'term ' || story || ' ' || key FROM story_terms t
			WHERE NOT EXISTS (SELECT 1 FROM stories s WHERE s.id = t.story AND t.key IN ('t:' || s.id, 't:common') AND t.end_at = coalesce(s.end_at, ''))`,
		`SELECT 'terms of ' || id FROM stories s WHERE (SELECT count(*) FROM story_terms t WHERE t.story = s.id) <> 2`,
		`SELECT 'member of gone story ' || story FROM story_members WHERE story NOT IN (SELECT id FROM stories)`,
		`SELECT 'centroid of ' || id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_centroids c WHERE c.story = s.id AND c.centroid = CAST(s.id AS BLOB))`,
		`SELECT 'centroid of gone story ' || story FROM story_centroids WHERE story NOT IN (SELECT id FROM stories)`,
		`SELECT 'moved live ' || old FROM moved WHERE old IN (SELECT id FROM stories UNION ALL SELECT id FROM storylines)`,
		`SELECT 'moved twice ' || m.old FROM moved m JOIN moved n ON n.kind = m.kind AND n.old = m.new`,
	} {
		if bad := column(t, db, q); len(bad) > 0 {
			t.Errorf("after %s: %s", when, strings.Join(bad, "; "))
		}
	}
}

// openTest opens a new store, closed when the test ends.
func openTest(t *testing.T) *DB {
	db, err := Open(context.Background(), filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
