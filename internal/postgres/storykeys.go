package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// A partial save keeps story_keys as a whole save leaves it: each story's
// rows are those derived from its members' outlets and the entities their
// mentions name, with the story's end and size (see fillStoryKeys). It
// finds the rows of a story it removes by deriving them again. So every
// change to what the rows derive from keeps them derived: a removed
// story's rows go before its members do, and the rows of stories whose
// mentions a grouping changes (changed entities, redirects) follow the
// change. Values are kept lower-cased (see the schema).

// keyTables are the temporary tables of a partial save: key_delta counts,
// for each story_keys (kind, value) it touches, the stories it adds to the
// key less those it removes, so that the stored totals change by that
// much without counting a key's stories; derived_keys holds the
// story_keys rows derived for some stories.
const keyTables = `CREATE TEMP TABLE IF NOT EXISTS key_delta (
		kind  text NOT NULL,
		value text NOT NULL,
		n     integer NOT NULL,
		PRIMARY KEY (kind, value)) ON COMMIT DELETE ROWS;
	CREATE TEMP TABLE IF NOT EXISTS derived_keys (
		kind     text NOT NULL,
		value    text NOT NULL,
		end_at   text NOT NULL,
		articles integer NOT NULL,
		story    text NOT NULL,
		PRIMARY KEY (kind, value, end_at, articles, story)) ON COMMIT DELETE ROWS;
	DELETE FROM key_delta`

// deriveKeys fills derived_keys with the story_keys rows of the stories
// ids, as they are now.
func deriveKeys(ctx context.Context, tx pgx.Tx, ids []string) error {
	if _, err := tx.Exec(ctx, `DELETE FROM derived_keys`); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `INSERT INTO derived_keys (kind, value, end_at, articles, story)
		SELECT 'outlet', lower(a.outlet), coalesce(s.end_at, ''), s.articles, s.id
		FROM stories s JOIN story_members m ON m.story = s.id JOIN articles a ON a.id = m.article
		WHERE s.id = ANY($1) AND a.outlet <> ''
		UNION ALL SELECT 'entity', lower(x.entity), coalesce(s.end_at, ''), s.articles, s.id
		FROM stories s JOIN story_members m ON m.story = s.id JOIN mentions x ON x.article = m.article
		WHERE s.id = ANY($1) AND x.entity <> ''
		ON CONFLICT DO NOTHING`, ids)
	return err
}

// dropStoryKeys deletes the story_keys rows of the stories ids and counts
// them in key_delta.
func dropStoryKeys(ctx context.Context, tx pgx.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := deriveKeys(ctx, tx, ids)
	if err == nil {
		err = execAll(ctx, tx, nil,
			`INSERT INTO key_delta (kind, value, n)
				SELECT k.kind, k.value, -count(*) FROM derived_keys d JOIN story_keys k
					ON k.kind = d.kind AND k.value = d.value AND k.end_at = d.end_at AND k.articles = d.articles AND k.story = d.story
				GROUP BY k.kind, k.value
				ON CONFLICT (kind, value) DO UPDATE SET n = key_delta.n + excluded.n`,
			`DELETE FROM story_keys WHERE (kind, value, end_at, articles, story) IN (SELECT kind, value, end_at, articles, story FROM derived_keys)`)
	}
	if err != nil {
		return fmt.Errorf("story keys: %w", err)
	}
	return nil
}

// addStoryKeys derives the story_keys rows of the stories ids, which have
// none, and counts them in key_delta.
func addStoryKeys(ctx context.Context, tx pgx.Tx, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	err := deriveKeys(ctx, tx, ids)
	if err == nil {
		err = execAll(ctx, tx, nil,
			`INSERT INTO key_delta (kind, value, n)
				SELECT kind, value, count(*) FROM derived_keys GROUP BY kind, value
				ON CONFLICT (kind, value) DO UPDATE SET n = key_delta.n + excluded.n`,
			`INSERT INTO story_keys (kind, value, end_at, articles, story)
				SELECT kind, value, end_at, articles, story FROM derived_keys`)
	}
	if err != nil {
		return fmt.Errorf("story keys: %w", err)
	}
	return nil
}

// resolvedElsewhere returns the stories outside g's own whose articles'
// mentions g.Resolved changes.
func resolvedElsewhere(ctx context.Context, tx pgx.Tx, g news.Grouping) ([]string, error) {
	if len(g.Resolved) == 0 {
		return nil, nil
	}
	var arts []string
	for _, m := range g.Resolved {
		arts = append(arts, string(m.Article))
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT story FROM story_members WHERE article = ANY($1) AND story <> ALL($2)`,
		arts, strs(storedrows.StoryIDs(g.Stories)))
	return collect(rows, err, scanOne[string])
}

// redirectStoryKeys moves the story_keys rows of each entity redirected to
// its new entity, as the mentions moved, and counts them in key_delta.
func redirectStoryKeys(ctx context.Context, tx pgx.Tx, redirects map[news.EntityID]news.EntityID) error {
	for from, to := range redirects {
		if strings.EqualFold(string(from), string(to)) {
			continue // one value to story_keys
		}
		added, err := tx.Exec(ctx, `INSERT INTO story_keys (kind, value, end_at, articles, story)
			SELECT kind, lower($2::text COLLATE "C"), end_at, articles, story FROM story_keys WHERE kind = 'entity' AND value = lower($1::text COLLATE "C")
			ON CONFLICT DO NOTHING`, string(from), string(to))
		if err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
		gone, err := tx.Exec(ctx, `DELETE FROM story_keys WHERE kind = 'entity' AND value = lower($1::text COLLATE "C")`, string(from))
		if err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO key_delta (kind, value, n)
			SELECT 'entity', v, n FROM unnest($1::text[], $2::integer[]) d(v, n)
			ON CONFLICT (kind, value) DO UPDATE SET n = key_delta.n + excluded.n`,
			[]string{asciiLower(string(to)), asciiLower(string(from))},
			[]int32{int32(added.RowsAffected()), -int32(gone.RowsAffected())}); err != nil {
			return fmt.Errorf("story keys of %s: %w", from, err)
		}
	}
	return nil
}

// applyKeyDelta adds key_delta to story_key_totals, and forgets the keys
// left with no story.
func applyKeyDelta(ctx context.Context, tx pgx.Tx) error {
	err := execAll(ctx, tx, nil,
		`INSERT INTO story_key_totals (kind, value, stories) SELECT kind, value, n FROM key_delta WHERE n <> 0
			ON CONFLICT (kind, value) DO UPDATE SET stories = story_key_totals.stories + excluded.stories`,
		`DELETE FROM story_key_totals WHERE stories <= 0 AND (kind, value) IN (SELECT kind, value FROM key_delta)`,
		`DELETE FROM key_delta`)
	if err != nil {
		return fmt.Errorf("story key totals: %w", err)
	}
	return nil
}
