package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestFindingUpdatesUseIndexes checks that the grouping's updates find
// each stored finding by its article and position. Found by its article
// alone, each of a long article's findings scanned all of them: one 1 MB
// article's 9,209 events took 28 s to update.
func TestFindingUpdatesUseIndexes(t *testing.T) {
	ctx := context.Background()
	db, err := Open(ctx, filepath.Join(t.TempDir(), "s.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range findingTables {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	// The position each update joins on, by the table it updates.
	position := map[string]*regexp.Regexp{
		"mentions": regexp.MustCompile(`SEARCH mentions USING (COVERING )?INDEX \w+ \(article=\? AND start=\? AND end=\?\)`),
		"quotes":   regexp.MustCompile(`SEARCH quotes USING (COVERING )?INDEX \w+ \(article=\? AND start=\?\)`),
		"events":   regexp.MustCompile(`SEARCH events USING (COVERING )?INDEX \w+ \(article=\? AND sent_start=\? AND type=\? AND trigger=\?\)`),
	}
	for _, q := range findingUpdates {
		table := strings.Fields(q)[1]
		want, ok := position[table]
		if !ok || !strings.Contains(q, ".article = n.article") {
			continue
		}
		rows, err := conn.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if !want.MatchString(strings.Join(plan, "\n")) {
			t.Errorf("update of %s does not find rows by position:\n%s\nplan:\n%s", table, q, strings.Join(plan, "\n"))
		}
	}
}

// recorder is a database/sql driver that wraps modernc.org/sqlite's and
// records the text of every statement prepared through it. With no
// ExecContext or QueryContext of its own, every statement is prepared.
type recorder struct {
	base driver.Driver
	mu   sync.Mutex
	qs   []string
}

func (r *recorder) Open(name string) (driver.Conn, error) {
	c, err := r.base.Open(name)
	if err != nil {
		return nil, err
	}
	return &recordConn{Conn: c, r: r}, nil
}

// take returns the statements recorded since the last take.
func (r *recorder) take() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	qs := r.qs
	r.qs = nil
	return qs
}

type recordConn struct {
	driver.Conn
	r *recorder
}

func (c *recordConn) PrepareContext(ctx context.Context, q string) (driver.Stmt, error) {
	c.r.mu.Lock()
	c.r.qs = append(c.r.qs, q)
	c.r.mu.Unlock()
	return c.Conn.(driver.ConnPrepareContext).PrepareContext(ctx, q)
}

func (c *recordConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	return c.Conn.(driver.ConnBeginTx).BeginTx(ctx, opts)
}

var (
	registerRecorder sync.Once
	planRecorder     = &recorder{}
)

// openRecorded opens a new store whose statements planRecorder records.
func openRecorded(t *testing.T) *DB {
	registerRecorder.Do(func() {
		db, err := sql.Open("sqlite", ":memory:")
		if err != nil {
			t.Fatal(err)
		}
		planRecorder.base = db.Driver()
		db.Close()
		sql.Register("sqlite-recorded", planRecorder)
	})
	db, err := openDriver(context.Background(), "sqlite-recorded", filepath.Join(t.TempDir(), "s.db"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// growing are the tables whose rows grow with the store.
var growing = []string{"articles", "stories", "story_members", "mentions", "quotes", "events", "copies", "timexes",
	"signatures", "story_keys", "story_key_totals", "story_terms", "storylines", "entities", "moved", "copy_keys", "frequencies"}

// partialIndex matches the scan of a partial index, which holds only the
// rows still to be worked on.
var partialIndex = regexp.MustCompile(`USING (COVERING )?INDEX articles_unkeyed\b`)

// kindOnly matches a search by kind alone, which reads every row of a
// kind.
var kindOnly = regexp.MustCompile(`\(kind=\?\)`)

// tableRef finds the tables a statement names, with their aliases.
var tableRef = regexp.MustCompile(`(?i)\b(?:FROM|JOIN|UPDATE|INTO)\s+(\w+)(?:\s+(?:AS\s+)?(\w+))?`)

// fullScans returns the lines of q's plan that read every row of a table
// that grows with the store. A plan names a table by its alias.
func fullScans(ctx context.Context, conn *sql.Conn, q string) ([]string, error) {
	names := map[string][]string{}
	for _, m := range tableRef.FindAllStringSubmatch(q, -1) {
		t := strings.ToLower(m[1])
		names[t] = append(names[t], t)
		if m[2] != "" {
			a := strings.ToLower(m[2])
			names[a] = append(names[a], t)
		}
	}
	rows, err := conn.QueryContext(ctx, "EXPLAIN QUERY PLAN "+q, make([]any, params(q))...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var bad []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			return nil, err
		}
		f := strings.Fields(detail)
		if len(f) < 2 || !(f[0] == "SCAN" || f[0] == "SEARCH" && kindOnly.MatchString(detail)) || partialIndex.MatchString(detail) {
			continue
		}
		for _, t := range append(names[strings.ToLower(f[1])], strings.ToLower(f[1])) {
			if slices.Contains(growing, t) {
				bad = append(bad, detail)
				break
			}
		}
	}
	return bad, rows.Err()
}

// TestIncrementalPlans checks that no statement of a partial grouping's
// save, of the working set's reads, or of the copy index's writes reads
// every row of a table that grows with the store: their cost must follow
// the batch, not the store. (ResolverEntities reads every entity by
// design, and is left out.)
func TestIncrementalPlans(t *testing.T) {
	ctx := context.Background()
	db := openRecorded(t)
	f := storetest.NewScopedSave(t, db)
	planRecorder.take()
	if err := db.SaveAnalyses(ctx, f.NewAnalyses); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveGrouping(ctx, f.Part); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveCopyKeys(ctx, f.NewAnalyses); err != nil {
		t.Fatal(err)
	}
	ids := f.Part.Scope.Articles
	reads := []error{
		db.ReplayOnly(ctx, ids, func(news.Article, news.Analysis) error { return nil }),
		second(db.UnkeyedSignatures(ctx, 10)),
		second(db.CopyCandidates(ctx, []uint32{1, 2}, 4)),
		second(db.StoryCandidates(ctx, []string{"t:dam"}, f.Day, 72*time.Hour, 64, 10)),
		second(db.Members(ctx, []news.StoryID{"s-talks"})),
		second(db.Frequencies(ctx, []string{"t:dam"})),
		second(db.GroupingIndexed(ctx)),
		second(db.PriorOf(ctx, ids, []string{"s-talks", "sl-dam"})),
		second(db.StorylineSummary(ctx, "sl-dam")),
		second(db.StorylineCentroids(ctx, "sl-dam", 10)),
		second(db.Storyline(ctx, "sl-dam")),
	}
	if err := errors.Join(reads...); err != nil {
		t.Fatal(err)
	}
	qs := planRecorder.take()
	conn, err := db.db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	for _, q := range append(findingTables[:len(findingTables):len(findingTables)], keyDelta, derivedKeys) {
		if _, err := conn.ExecContext(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	if len(qs) < 40 {
		t.Fatalf("%d statements recorded: the recorder missed some", len(qs))
	}
	for _, q := range qs {
		bad, err := fullScans(ctx, conn, q)
		if err != nil {
			t.Errorf("plan of %s: %v", q, err)
		}
		if len(bad) > 0 {
			t.Errorf("%s\nreads every row: %s", q, strings.Join(bad, "; "))
		}
	}
}

// numbered finds the numbered parameters of a statement.
var numbered = regexp.MustCompile(`\?(\d+)`)

// params returns the number of parameters of q: the highest numbered, or
// the number of bare ones.
func params(q string) int {
	n := 0
	for _, m := range numbered.FindAllStringSubmatch(q, -1) {
		k, _ := strconv.Atoi(m[1])
		n = max(n, k)
	}
	if n == 0 {
		n = strings.Count(q, "?")
	}
	return n
}

func second[T any](_ T, err error) error { return err }
