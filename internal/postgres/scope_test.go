package postgres

import (
	"context"
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
		return got, db.pool.QueryRow(context.Background(), partSQL[p]).Scan(&got)
	})
}

// partSQL reads each part of a partial save that ScopedSaveParts checks.
var partSQL = map[storetest.Part]string{
	storetest.MentionEntities: `SELECT string_agg(entity, ' ' ORDER BY entity) FROM mentions`,
	storetest.QuoteGroups:     `SELECT string_agg(grp || ':' || entity, ' ' ORDER BY grp, entity) FROM quotes`,
	storetest.EventGroups:     `SELECT string_agg(grp, ' ') FROM events WHERE grp <> ''`,
	storetest.CopyDate:        `SELECT date_source FROM articles WHERE url = 'https://p.example/n1'`,
	storetest.StoryTerms:      `SELECT string_agg(story || ':' || key, ' ' ORDER BY story, key) FROM story_terms`,
	storetest.StorylineCounts: `SELECT string_agg(id || ':' || stories, ' ' ORDER BY id) FROM storylines`,
	storetest.EntityIDs:       `SELECT string_agg(id, ' ' ORDER BY id) FROM entities`,
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
	rows, err := db.pool.Query(context.Background(), q)
	out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// derived reads the rows a save derives from the stories.
const derived = `SELECT 'story ' || id || ' ' || outlet_list || ' ' || articles || ' ' || outlets || ' ' || copies || ' ' || coalesce(latest::text, '') FROM stories
	UNION ALL SELECT 'key ' || kind || ' ' || lower(value) || ' ' || end_at || ' ' || articles || ' ' || story FROM story_keys
	UNION ALL SELECT 'total ' || kind || ' ' || lower(value) || ' ' || stories FROM story_key_totals
	UNION ALL SELECT 'storyline ' || id || ' ' || stories || ' ' || coalesce(begin_at, '') || ' ' || coalesce(end_at, '') FROM storylines
	ORDER BY 1`

// rederive derives the rows again from the stories, a story at a time,
// as the SQLite store does.
var rederive = []string{`UPDATE stories SET outlet_list = coalesce((
		SELECT json_agg(json_build_array(o.outlet, o.n) ORDER BY o.n DESC, o.outlet)::text FROM (
			SELECT a.outlet AS outlet, count(*) AS n
			FROM story_members m JOIN articles a ON a.id = m.article
			WHERE m.story = stories.id
			GROUP BY a.outlet) o), '[]')`,
	`UPDATE stories SET
		articles = (SELECT count(*) FROM story_members m WHERE m.story = stories.id),
		outlets = (SELECT count(*) FROM json_array_elements(stories.outlet_list::json) o WHERE o ->> 0 <> ''),
		copies = (SELECT count(*) FROM story_members m JOIN copies c ON c.article = m.article WHERE m.story = stories.id),
		latest = (SELECT max(a.seq) FROM story_members m JOIN articles a ON a.id = m.article WHERE m.story = stories.id),
		` + kindCountsSQL,
	fillStoryKeys,
	`UPDATE storylines SET stories = (SELECT count(*) FROM stories s WHERE s.storyline = storylines.id),
		begin_at = (SELECT min(begin_at) FROM stories s WHERE s.storyline = storylines.id),
		end_at = (SELECT max(end_at) FROM stories s WHERE s.storyline = storylines.id)`,
	`DELETE FROM storylines WHERE stories = 0`}

// checkDerived compares the derived rows with those derived again, in a
// transaction rolled back, and checks story_terms and moved.
func checkDerived(t *testing.T, db *DB, when string) {
	ctx := context.Background()
	tx, err := db.pool.Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	rows := func() []string {
		rows, err := tx.Query(ctx, derived)
		out, err := collect(rows, err, func(r scanner) (s string, err error) { return s, r.Scan(&s) })
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	saved := rows()
	for _, q := range rederive {
		if _, err := tx.Exec(ctx, q); err != nil {
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
		`SELECT 'centroid of ' || id FROM stories s WHERE NOT EXISTS (SELECT 1 FROM story_centroids c WHERE c.story = s.id AND c.centroid = convert_to(s.id, 'UTF8'))`,
		`SELECT 'centroid of gone story ' || story FROM story_centroids WHERE story NOT IN (SELECT id FROM stories)`,
		`SELECT 'moved live ' || old FROM moved WHERE old IN (SELECT id FROM stories UNION ALL SELECT id FROM storylines)`,
		`SELECT 'moved twice ' || m.old FROM moved m JOIN moved n ON n.kind = m.kind AND n.old = m.new`,
	} {
		if bad := column(t, db, q); len(bad) > 0 {
			t.Errorf("after %s: %s", when, strings.Join(bad, "; "))
		}
	}
}

// openTest opens a new store in a database of its own, closed when the
// test ends.
func openTest(t *testing.T) *DB {
	db, err := Open(context.Background(), storetest.PostgresDB(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
