// Package storedrows holds the Go that the two SQL stores, internal/sqlite
// and internal/postgres, share: reading result rows into news values, the
// stored forms of a quote, an article's meta and a story's outlet list,
// the hand-off of replayed articles, the Go of a grouping's save, a
// storyline's stories merged with its body's, the prior grouping (whole
// or of a working set), a search page's
// ranking and hits, paging, and the order of a story's copy groups kept
// for one version of a store. The queries, which each dialect writes its
// own way, stay with each store.
package storedrows

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

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

// ByArticle reads rows of findings, each scanned by scan after its
// article's ID, into lists by article, each in the rows' order.
func ByArticle[T any](rows Rows, scan func(Scanner, *news.ArticleID) (T, error)) (map[news.ArticleID][]T, error) {
	out := map[news.ArticleID][]T{}
	var id news.ArticleID
	err := Each(rows, func(r Rows) error {
		v, err := scan(r, &id)
		if err == nil {
			out[id] = append(out[id], v)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FirstDistinct returns the first limit distinct values of rows' one
// column, in the rows' order, and reads no further.
func FirstDistinct[T comparable](rows Rows, limit int) ([]T, error) {
	var out []T
	seen := make(map[T]bool)
	for len(out) < limit && rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			return nil, err
		}
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Keyed reads rows into a map, each row as scan reads its key and value;
// size is how many rows to make room for.
func Keyed[K comparable, V any](rows Rows, size int, scan func(Scanner) (K, V, error)) (map[K]V, error) {
	out := make(map[K]V, size)
	for rows.Next() {
		k, v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// Page returns the page a listing reads: limit rows, the default of 50
// (see news.ArticleFilter) when limit is not positive, from offset, 0
// when it is negative.
func Page(limit, offset int) (int, int) {
	if limit <= 0 {
		limit = 50
	}
	return limit, max(offset, 0)
}

// Where joins SQL conditions into a WHERE clause, "" for none.
func Where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return "WHERE " + strings.Join(conds, " AND ")
}
