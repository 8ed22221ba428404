package sqlite

import (
	"context"
	"database/sql"
	"strings"
)

// rowsPerInsert is how many rows one INSERT statement carries: one
// statement per row costs more in the driver than in SQLite.
const rowsPerInsert = 64

// insertRows inserts rows (each with one value per column) into table,
// many rows a statement.
func insertRows(ctx context.Context, tx *sql.Tx, table string, cols []string, rows [][]any) error {
	return insertEach(ctx, tx, table, cols, len(rows), func(i int, dst []any) []any { return append(dst, rows[i]...) })
}

// insertEach inserts n rows into table, many rows a statement; row appends
// the values of row i to dst. Rows are made as they are inserted, so a
// large insert holds one statement's rows at a time, not all of them.
func insertEach(ctx context.Context, tx *sql.Tx, table string, cols []string, n int, row func(i int, dst []any) []any) error {
	return insertWith(ctx, tx, "INSERT INTO "+table, cols, "", n, row)
}

// insertWith is insertEach with the statement's head ("INSERT OR IGNORE
// INTO t") and tail (an upsert clause after the values) given. row is
// called for i = 0, 1, ... n-1 in order.
func insertWith(ctx context.Context, tx *sql.Tx, head string, cols []string, tail string, n int, row func(i int, dst []any) []any) error {
	if n == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	stmt := func(n int) string {
		return head + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(one+", ", n), ", ") + tail
	}
	var full *sql.Stmt
	args := make([]any, 0, rowsPerInsert*len(cols))
	for i := 0; i < n; {
		k := min(n-i, rowsPerInsert)
		args = args[:0]
		for j := i; j < i+k; j++ {
			args = row(j, args)
		}
		var err error
		if k == rowsPerInsert {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, stmt(k)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, stmt(k), args...)
		}
		if err != nil {
			return err
		}
		i += k
	}
	return nil
}
