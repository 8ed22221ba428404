package sqlite

import (
	"context"
	"fmt"
	"slices"
)

// mergeStep is how many pages of the full-text index one merge step
// writes: a few megabytes, so that each step holds the write lock briefly.
const mergeStep = 1000

// mergeSegments is how many segments the full-text index may have before
// mergeIndex considers merging them.
const mergeSegments = 4

// mergeIndex merges the full-text index into one segment when it has
// mergeSegments segments or more and those besides the largest have grown
// to a quarter of its size.
//
// FTS5 adds a segment for every transaction that writes articles and
// merges them only level by level, so an index built by many ingest runs
// keeps ten or more segments, and every search term is looked up in each
// of them: a search over one segment is about 15% faster. Merging only
// when the rest have grown to a quarter of the largest keeps the work
// linear in the articles added: the largest segment grows by a quarter
// between merges, so each entry is rewritten at most five times more.
//
// The merge runs in steps of mergeStep pages, each its own transaction,
// so a killed process leaves the index whole and other writers wait at
// most one step.
func (s *DB) mergeIndex(ctx context.Context) error {
	sizes, err := s.segmentSizes(ctx)
	if err != nil {
		return fmt.Errorf("merge full-text index: %w", err)
	}
	if len(sizes) < mergeSegments {
		return nil
	}
	largest := slices.Max(sizes)
	rest := -largest
	for _, n := range sizes {
		rest += n
	}
	if rest < largest/4 {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("merge full-text index: %w", err)
	}
	defer conn.Close()
	for {
		// A negative count merges every segment into one, step by step;
		// a step that changes fewer than two rows had nothing to do.
		var before, after int64
		if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&before); err != nil {
			return fmt.Errorf("merge full-text index: %w", err)
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('merge', ?)`, -mergeStep); err != nil {
			return fmt.Errorf("merge full-text index: %w", err)
		}
		if err := conn.QueryRowContext(ctx, `SELECT total_changes()`).Scan(&after); err != nil {
			return fmt.Errorf("merge full-text index: %w", err)
		}
		if after-before < 2 {
			return nil
		}
	}
}

// segmentSizes returns the sizes of the full-text index's segments, in
// entries of its page index (about one per leaf page).
func (s *DB) segmentSizes(ctx context.Context) ([]int, error) {
	rows, err := s.query(ctx, `SELECT count(*) FROM articles_fts_idx GROUP BY segid`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var sizes []int
	for rows.Next() {
		var n int
		if err := rows.Scan(&n); err != nil {
			return nil, err
		}
		sizes = append(sizes, n)
	}
	return sizes, rows.Err()
}
