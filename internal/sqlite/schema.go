package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
)

// migrations are applied in order; the store's PRAGMA user_version is the
// number applied so far. Never edit a migration that has shipped: add one.
var migrations = []string{
	// 1: articles and their full-text index.
	`CREATE TABLE articles (
		seq         INTEGER PRIMARY KEY,
		id          TEXT NOT NULL UNIQUE,
		url         TEXT NOT NULL DEFAULT '',
		outlet      TEXT NOT NULL DEFAULT '',
		title       TEXT NOT NULL DEFAULT '',
		text        TEXT NOT NULL,
		published   TEXT,
		date_source TEXT NOT NULL DEFAULT '',
		date_note   TEXT NOT NULL DEFAULT '',
		language    TEXT NOT NULL DEFAULT '',
		origin      TEXT NOT NULL DEFAULT '',
		text_hash   TEXT NOT NULL,
		meta        TEXT,
		words       INTEGER NOT NULL DEFAULT 0,
		ingested    TEXT NOT NULL
	);
	CREATE UNIQUE INDEX articles_url ON articles(url) WHERE url <> '';
	CREATE UNIQUE INDEX articles_hash ON articles(text_hash, outlet);
	CREATE INDEX articles_published ON articles(published);
	CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);
	CREATE VIRTUAL TABLE articles_fts USING fts5(
		title, text, content='articles', content_rowid='seq',
		tokenize='porter unicode61 remove_diacritics 2'
	);
	CREATE TRIGGER articles_ai AFTER INSERT ON articles BEGIN
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;
	CREATE TRIGGER articles_ad AFTER DELETE ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
	END;
	CREATE TRIGGER articles_au AFTER UPDATE OF title, text ON articles BEGIN
		INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.seq, old.title, old.text);
		INSERT INTO articles_fts(rowid, title, text) VALUES (new.seq, new.title, new.text);
	END;`,
}

// SchemaVersion is the schema version this code writes.
func SchemaVersion() int { return len(migrations) }

func (s *DB) migrate(ctx context.Context) error {
	var v int
	if err := s.db.QueryRowContext(ctx, `PRAGMA user_version`).Scan(&v); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if v > len(migrations) {
		return fmt.Errorf("schema version %d is newer than this storyline (%d): upgrade storyline", v, len(migrations))
	}
	for i := v; i < len(migrations); i++ {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			if _, err := tx.ExecContext(ctx, migrations[i]); err != nil {
				return err
			}
			// PRAGMA takes no parameters; i is ours, not input.
			_, err := tx.ExecContext(ctx, fmt.Sprintf(`PRAGMA user_version = %d`, i+1))
			return err
		})
		if err != nil {
			return fmt.Errorf("migrate schema to version %d: %w", i+1, err)
		}
	}
	return nil
}

func metaJSON(m map[string]string) any {
	if len(m) == 0 {
		return nil
	}
	b, err := json.Marshal(m)
	if err != nil {
		return nil
	}
	return string(b)
}

func parseMeta(s string) map[string]string {
	if s == "" {
		return nil
	}
	var m map[string]string
	if json.Unmarshal([]byte(s), &m) != nil {
		return nil
	}
	return m
}
