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
	if len(rows) == 0 {
		return nil
	}
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ") + ")"
	stmt := func(n int) string {
		return "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES " +
			strings.TrimSuffix(strings.Repeat(one+", ", n), ", ")
	}
	var full *sql.Stmt
	args := make([]any, 0, rowsPerInsert*len(cols))
	for len(rows) > 0 {
		n := min(len(rows), rowsPerInsert)
		args = args[:0]
		for _, r := range rows[:n] {
			args = append(args, r...)
		}
		var err error
		if n == rowsPerInsert {
			if full == nil {
				if full, err = tx.PrepareContext(ctx, stmt(n)); err != nil {
					return err
				}
				defer full.Close()
			}
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, stmt(n), args...)
		}
		if err != nil {
			return err
		}
		rows = rows[n:]
	}
	return nil
}
