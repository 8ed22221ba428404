package sqlite

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
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
