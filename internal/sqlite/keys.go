package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"

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
func insertCopyKeys(ctx context.Context, tx *sql.Tx, list []news.Analysis) error {
	if len(list) == 0 {
		return nil
	}
	keys := make([][2]any, len(list)) // [article, [key, ...]]
	for i, an := range list {
		keys[i] = [2]any{an.Article, an.CopyKeys}
	}
	byKey, err := json.Marshal(keys)
	if err != nil {
		return fmt.Errorf("copy keys: %w", err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO copy_keys (key, seq)
		SELECT k.value, a.seq FROM json_each(?1) x JOIN articles a ON a.id = x.value ->> 0 JOIN json_each(x.value -> 1) k
		WHERE (SELECT count(*) FROM (SELECT 1 FROM copy_keys c WHERE c.key = k.value LIMIT ?2+0)) < ?2+0`, string(byKey), storedrows.CopyKeysFiled); err != nil {
		return fmt.Errorf("copy keys: %w", err)
	}
	return nil
}

// saveCopyKeys files, within tx, each article of list under its CopyKeys
// and marks it keyed, with keys or without.
func saveCopyKeys(ctx context.Context, tx *sql.Tx, list []news.Analysis) error {
	if err := insertCopyKeys(ctx, tx, list); err != nil {
		return err
	}
	ids := make([]news.ArticleID, len(list))
	for i, an := range list {
		ids[i] = an.Article
	}
	if _, err := tx.ExecContext(ctx, `UPDATE articles SET keyed = 1 WHERE id IN (SELECT value FROM json_each(?))`, idList(ids)); err != nil {
		return fmt.Errorf("copy keys: %w", err)
	}
	return nil
}

// SaveCopyKeys files article list[i].Article under list[i].CopyKeys (as
// well as any keys it had) and marks the articles keyed, in one
// transaction. It fills the copy index of articles analyzed before
// the store kept one (see UnkeyedSignatures).
func (s *DB) SaveCopyKeys(ctx context.Context, list []news.Analysis) error {
	if err := s.tx(ctx, func(tx *sql.Tx) error { return saveCopyKeys(ctx, tx, list) }); err != nil {
		return fmt.Errorf("save copy keys of %d articles: %w", len(list), err)
	}
	return nil
}

// UnkeyedSignatures returns up to limit analyzed articles whose copy keys
// are not stored, oldest first, each as its ID and copy signature (nil
// when it has none): a backfill computes their keys and saves them with
// SaveCopyKeys until none is left.
func (s *DB) UnkeyedSignatures(ctx context.Context, limit int) ([]news.Analysis, error) {
	rows, err := s.query(ctx, `SELECT a.id, s.sig FROM articles a INDEXED BY articles_unkeyed LEFT JOIN signatures s ON s.article = a.id
		WHERE a.analyzed = 1 AND a.keyed = 0 ORDER BY a.seq`+limitSQL, max(limit, 0))
	out, err := collect(rows, err, storedrows.ScanSignature)
	if err != nil {
		return nil, fmt.Errorf("list unkeyed articles: %w", err)
	}
	return out, nil
}

// CopyCandidates returns the articles filed under those of keys that
// hold at most perKey articles (see storedrows.CandidatesPerKey). A key
// filed under more is a common stem: the copy index checks the first
// articles filed under it, which in a store that grows are its oldest,
// and reading them cost an incremental grouping of 100 articles 13,000
// signatures for no copy found.
func (s *DB) CopyCandidates(ctx context.Context, keys []uint32, perKey int) ([]news.ArticleID, error) {
	if len(keys) == 0 || perKey <= 0 {
		return nil, nil
	}
	perKey = storedrows.CandidatesPerKey(perKey)
	b, err := json.Marshal(keys)
	if err != nil {
		return nil, fmt.Errorf("copy candidates: %w", err)
	}
	rows, err := s.query(ctx, `WITH rare(key) AS MATERIALIZED (
			SELECT k.value FROM json_each(?1) k
			WHERE (SELECT count(*) FROM (SELECT 1 FROM copy_keys c WHERE c.key = k.value LIMIT ?2+1)) <= ?2+0)
		SELECT DISTINCT a.id FROM rare JOIN copy_keys c ON c.key = rare.key JOIN articles a ON a.seq = c.seq`, string(b), perKey)
	out, err := collect(rows, err, func(r scanner) (id news.ArticleID, err error) { return id, r.Scan(&id) })
	if err != nil {
		return nil, fmt.Errorf("copy candidates of %d keys: %w", len(keys), err)
	}
	slices.Sort(out)
	return out, nil
}
