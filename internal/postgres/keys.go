package postgres

import (
	"context"
	"fmt"
	"slices"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// This file holds the copy index: each analyzed article's copy-signature
// lookup keys (news.Analysis.CopyKeys), by which an incremental grouping
// finds a new article's copy candidates without reading every signature.

// insertCopyKeys files, within tx, each article of list under its
// CopyKeys, but under keys filed under storedrows.CopyKeysFiled articles
// already.
// Keys are never removed: an article's signature, and so its keys, follow
// from its text, and a stale key would only make a candidate that the
// signatures then set aside.
func insertCopyKeys(ctx context.Context, tx pgx.Tx, list []news.Analysis) error {
	var arts []string
	var keys []int64
	for _, an := range list {
		for _, k := range an.CopyKeys {
			arts, keys = append(arts, string(an.Article)), append(keys, int64(k))
		}
	}
	if len(keys) == 0 {
		return nil
	}
	// Each distinct key is counted once, not once an article filed under
	// it.
	if _, err := tx.Exec(ctx, `WITH x AS MATERIALIZED (SELECT * FROM unnest($1::text[], $2::bigint[]) x(article, key)),
		filed AS MATERIALIZED (SELECT k.key FROM (SELECT DISTINCT key FROM x) k
			WHERE (SELECT count(*) FROM (SELECT 1 FROM copy_keys c WHERE c.key = k.key LIMIT $3) y) >= $3)
		INSERT INTO copy_keys (key, seq)
		SELECT x.key, a.seq FROM x JOIN articles a ON a.id = x.article
		WHERE x.key NOT IN (SELECT key FROM filed)
		ON CONFLICT DO NOTHING`, arts, keys, storedrows.CopyKeysFiled); err != nil {
		return fmt.Errorf("copy keys: %w", err)
	}
	return nil
}

// SaveCopyKeys files article list[i].Article under list[i].CopyKeys (as
// well as any keys it had) and marks the articles keyed, in one
// transaction. It fills the copy index of articles analyzed before
// the store kept one (see UnkeyedSignatures).
func (s *DB) SaveCopyKeys(ctx context.Context, list []news.Analysis) error {
	err := s.write(ctx, false, func(tx pgx.Tx) error {
		if err := insertCopyKeys(ctx, tx, list); err != nil {
			return err
		}
		ids := make([]string, len(list))
		for i, an := range list {
			ids[i] = string(an.Article)
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET keyed = true WHERE id = ANY($1)`, ids); err != nil {
			return fmt.Errorf("copy keys: %w", err)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save copy keys of %d articles: %w", len(list), err)
	}
	return nil
}

// UnkeyedSignatures returns up to limit analyzed articles whose copy keys
// are not stored, oldest first, each as its ID and copy signature (nil
// when it has none): a backfill computes their keys and saves them with
// SaveCopyKeys until none is left.
func (s *DB) UnkeyedSignatures(ctx context.Context, limit int) ([]news.Analysis, error) {
	rows, err := s.pool.Query(ctx, `SELECT a.id, s.sig FROM articles a LEFT JOIN signatures s ON s.article = a.id
		WHERE a.analyzed AND NOT a.keyed ORDER BY a.seq LIMIT $1`, max(limit, 0))
	out, err := collect(rows, err, storedrows.ScanSignature)
	if err != nil {
		return nil, fmt.Errorf("list unkeyed articles: %w", err)
	}
	return out, nil
}

// CopyCandidates returns the articles filed under those of keys that
// hold at most perKey articles (see storedrows.CandidatesPerKey). A key
// filed under more is a common stem.
func (s *DB) CopyCandidates(ctx context.Context, keys []uint32, perKey int) ([]news.ArticleID, error) {
	if len(keys) == 0 || perKey <= 0 {
		return nil, nil
	}
	perKey = storedrows.CandidatesPerKey(perKey)
	ks := make([]int64, len(keys))
	for i, k := range keys {
		ks[i] = int64(k)
	}
	rows, err := s.pool.Query(ctx, `WITH rare AS MATERIALIZED (
			SELECT k.key FROM unnest($1::bigint[]) k(key)
			WHERE (SELECT count(*) FROM (SELECT 1 FROM copy_keys c WHERE c.key = k.key LIMIT $2 + 1) y) <= $2)
		SELECT DISTINCT a.id FROM rare JOIN copy_keys c ON c.key = rare.key JOIN articles a ON a.seq = c.seq`, ks, perKey)
	out, err := collect(rows, err, scanOne[news.ArticleID])
	if err != nil {
		return nil, fmt.Errorf("copy candidates of %d keys: %w", len(keys), err)
	}
	slices.Sort(out)
	return out, nil
}
