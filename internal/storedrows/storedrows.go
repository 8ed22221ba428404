// Package storedrows holds the Go that the two SQL stores, internal/sqlite
// and internal/postgres, share: reading result rows, the stored forms of a
// quote and of a story's outlet list, the merge of a storyline's stories,
// and the order of a story's copy groups kept for one version of a store.
// The SQL, which differs by dialect, stays with each store.
package storedrows

// Scanner is a row that scans into destinations: *sql.Row, *sql.Rows,
// pgx.Row or pgx.Rows.
type Scanner interface{ Scan(dest ...any) error }

// Rows is a query's result read row by row, as *sql.Rows and pgx.Rows
// are. The functions here read it; the caller closes it.
type Rows interface {
	Scanner
	Next() bool
	Err() error
}

// Each hands every row of rows to fn, and stops at fn's first error.
func Each[R Rows](rows R, fn func(R) error) error {
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// Collect scans every row of rows with scan, and stops at its first
// error.
func Collect[T any](rows Rows, scan func(Scanner) (T, error)) ([]T, error) {
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
