package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// A partial save keeps story_keys as a whole save leaves it: each story's
// rows are those derived from its members' outlets and the entities their
// mentions name, with the story's end and size (see fillStoryKeys). It
// finds the rows of a story it removes by deriving them again, which an
// index of story_keys by story would spare at the cost of every whole
// save (a sixth of its time). So every change to what the rows derive
// from keeps them derived: a removed story's rows go before its members
// do, and the rows of stories whose mentions a grouping changes (changed
// entities, redirects) follow the change.

// keyDelta counts, for each story_keys (kind, value) a partial save
// touches, the stories it adds to the key less those it removes: the
// stored totals change by that much, without counting a key's stories.
const keyDelta = `CREATE TEMP TABLE IF NOT EXISTS key_delta (
	kind  TEXT NOT NULL,
	value TEXT NOT NULL COLLATE NOCASE,
	n     INTEGER NOT NULL,
	PRIMARY KEY (kind, value))`

// derivedKeys holds the story_keys rows derived for some stories, once
// each as story_keys holds them (values of any case are one).
const derivedKeys = `CREATE TEMP TABLE IF NOT EXISTS derived_keys (
	kind     TEXT NOT NULL,
	value    TEXT NOT NULL COLLATE NOCASE,
	end_at   TEXT NOT NULL,
	articles INTEGER NOT NULL,
	story    TEXT NOT NULL,
	PRIMARY KEY (kind, value, end_at, articles, story))`

// deriveKeys fills derived_keys with the story_keys rows of the stories in
// the JSON list ?1, as they are now.
var deriveKeys = []string{`DELETE FROM derived_keys`,
	`INSERT OR IGNORE INTO derived_keys (kind, value, end_at, articles, story)
		SELECT 'outlet', a.outlet, coalesce(s.end_at, ''), s.articles, s.id
		FROM json_each(?1) j JOIN stories s ON s.id = j.value JOIN story_members m ON m.story = s.id
		JOIN articles a INDEXED BY articles_id_outlet ON a.id = m.article
		WHERE a.outlet <> ''
		UNION ALL SELECT 'entity', x.entity, coalesce(s.end_at, ''), s.articles, s.id
		FROM json_each(?1) j JOIN stories s ON s.id = j.value JOIN story_members m ON m.story = s.id
		JOIN mentions x ON x.article = m.article
		WHERE x.entity <> ''`}

// dropStoryKeys deletes the story_keys rows of the stories in the JSON
// list ids ("" for none) and counts them in key_delta.
func dropStoryKeys(ctx context.Context, tx *sql.Tx, ids string) error {
	if ids == "" {
		return nil
	}
	err := execAll(ctx, tx, []any{ids}, deriveKeys...)
	if err == nil {
		err = execAll(ctx, tx, nil,
			`INSERT INTO key_delta (kind, value, n)
				SELECT k.kind, k.value, -count(*) FROM derived_keys d CROSS JOIN story_keys k
					ON k.kind = d.kind AND k.value = d.value AND k.end_at = d.end_at AND k.articles = d.articles AND k.story = d.story
				WHERE true GROUP BY k.kind, k.value
				ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n`,
			`DELETE FROM story_keys WHERE (kind, value, end_at, articles, story) IN (SELECT kind, value, end_at, articles, story FROM derived_keys)`)
	}
	if err != nil {
		return fmt.Errorf("story keys: %w", err)
	}
	return nil
}

// addStoryKeys derives the story_keys rows of the stories in the JSON list
// ids ("" for none), which have none, and counts them in key_delta.
func addStoryKeys(ctx context.Context, tx *sql.Tx, ids string) error {
	if ids == "" {
		return nil
	}
	err := execAll(ctx, tx, []any{ids}, deriveKeys...)
	if err == nil {
		err = execAll(ctx, tx, nil,
			`INSERT INTO key_delta (kind, value, n)
				SELECT kind, value, count(*) FROM derived_keys WHERE true GROUP BY kind, value
				ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n`,
			`INSERT INTO story_keys (kind, value, end_at, articles, story)
				SELECT kind, value, end_at, articles, story FROM derived_keys`)
	}
	if err != nil {
		return fmt.Errorf("story keys: %w", err)
	}
	return nil
}

// resolvedElsewhere returns, as a JSON list, the stories outside g's own
// whose articles' mentions g.Resolved changes ("" when none).
func resolvedElsewhere(ctx context.Context, tx *sql.Tx, g news.Grouping) (string, error) {
	if len(g.Resolved) == 0 {
		return "", nil
	}
	var arts []news.ArticleID
	for _, m := range g.Resolved {
		arts = append(arts, m.Article)
	}
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT story FROM story_members WHERE article IN (SELECT j.value FROM json_each(?1) j)
		AND story NOT IN (SELECT j.value FROM json_each(?2) j)`, idList(arts), idList(storedrows.StoryIDs(g.Stories)))
	ids, err := collect(rows, err, func(r scanner) (id string, err error) { return id, r.Scan(&id) })
	if err != nil || len(ids) == 0 {
		return "", err
	}
	return idList(ids), nil
}

// redirectStoryKeys moves the story_keys rows of each entity redirected to
// its new entity, as the mentions moved, and counts them in key_delta.
func redirectStoryKeys(ctx context.Context, tx *sql.Tx, redirects map[news.EntityID]news.EntityID) error {
	for from, to := range redirects {
		if strings.EqualFold(string(from), string(to)) {
			continue // one value to story_keys
		}
		added, err := tx.ExecContext(ctx, `INSERT OR IGNORE INTO story_keys (kind, value, end_at, articles, story)
			SELECT kind, ?2, end_at, articles, story FROM story_keys WHERE kind = 'entity' AND value = ?1`, from, to)
		if err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
		gone, err := tx.ExecContext(ctx, `DELETE FROM story_keys WHERE kind = 'entity' AND value = ?`, from)
		if err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
		nAdded, _ := added.RowsAffected()
		nGone, _ := gone.RowsAffected()
		b, _ := json.Marshal([][2]any{{to, nAdded}, {from, -nGone}})
		if _, err := tx.ExecContext(ctx, `INSERT INTO key_delta (kind, value, n)
			SELECT 'entity', d.value ->> 0, d.value ->> 1 FROM json_each(?) d WHERE true
			ON CONFLICT (kind, value) DO UPDATE SET n = n + excluded.n`, string(b)); err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
	}
	return nil
}

// applyKeyDelta adds key_delta to story_key_totals, and forgets the keys
// left with no story.
func applyKeyDelta(ctx context.Context, tx *sql.Tx) error {
	err := execAll(ctx, tx, nil,
		`INSERT INTO story_key_totals (kind, value, stories) SELECT kind, value, n FROM key_delta WHERE n <> 0
			ON CONFLICT (kind, value) DO UPDATE SET stories = stories + excluded.stories`,
		`DELETE FROM story_key_totals WHERE stories <= 0 AND (kind, value) IN (SELECT kind, value FROM key_delta)`,
		`DELETE FROM key_delta`)
	if err != nil {
		return fmt.Errorf("story key totals: %w", err)
	}
	return nil
}
