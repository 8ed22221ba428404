package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// This file saves a partial grouping: one made from a batch of new
// articles and the part of the stored grouping they may join (see
// news.Scope). Every statement finds its rows through an index, from the
// scope's own IDs, so that a save costs what its scope holds and not what
// the store does (plan_test.go checks their plans).

// inList is the SQL of "is among the IDs of the JSON list parameter ?".
const inList = ` IN (SELECT j.value FROM json_each(?) j)`

// saveScope replaces the part of the stored grouping g.Scope names with g,
// within tx: the copy links and memberships of its articles, its stories
// with their lookup keys and story_keys rows, and the storylines its
// stories were or are in. Entities are added or replaced; frequencies are
// added to, or replaced when g.Frequencies.Replace.
func saveScope(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	if err := g.CheckScope(); err != nil {
		return err
	}
	arts, olds, stories := idList(g.Scope.Articles), idList(g.Scope.Stories), idList(storedrows.StoryIDs(g.Stories))
	var others string // stories outside the scope whose mentions g changes
	steps := []func() error{
		func() error {
			return storedrows.Wrap("story keys", execAll(ctx, tx, nil, keyDelta, derivedKeys, `DELETE FROM key_delta`))
		},
		func() error { return removeStories(ctx, tx, olds) },
		func() error { return replaceMembers(ctx, tx, arts, olds, g) },
		func() error { return insertStories(ctx, tx, g.Stories) },
		func() error { return countStories(ctx, tx, stories) },
		func() error { return insertEntities(ctx, tx, g.Entities, upsertEntity) },
		func() (err error) { others, err = resolvedElsewhere(ctx, tx, g); return err },
		func() error { return dropStoryKeys(ctx, tx, others) },
		func() error { return applyFindings(ctx, tx, g) },
		func() error { return redirectStoryKeys(ctx, tx, g.Redirects) },
		func() error { return addStoryKeys(ctx, tx, stories) },
		func() error { return addStoryKeys(ctx, tx, others) },
		func() error { return applyKeyDelta(ctx, tx) },
		func() error { return saveStorylines(ctx, tx, g) },
		func() error { return saveMovedIn(ctx, tx, g) },
		func() error { return inheritDates(ctx, tx, g.Inherited) },
		func() error { return saveFrequencies(ctx, tx, g.Frequencies) },
	}
	return storedrows.RunSteps(steps)
}

// countStories derives the outlets and counts of the stories in the JSON
// list ids from their members, as a whole save does for all.
func countStories(ctx context.Context, tx *sql.Tx, ids string) error {
	return storedrows.Wrap("story counts", execAll(ctx, tx, []any{ids}, outletListSQL+` WHERE id`+inList, fillStoryCounts+` WHERE id`+inList))
}

// upsertEntity makes insertEntities replace an entity stored already.
const upsertEntity = ` ON CONFLICT (id) DO UPDATE SET
	name = excluded.name, type = excluded.type, body = excluded.body, mentions = excluded.mentions`

// removeStories deletes the stories in the JSON list ids with their
// story_keys rows, story_terms rows (found by the keys in key_list) and
// centroids.
func removeStories(ctx context.Context, tx *sql.Tx, ids string) error {
	if err := dropStoryKeys(ctx, tx, ids); err != nil {
		return err
	}
	err := execAll(ctx, tx, []any{ids},
		`DELETE FROM story_terms WHERE (key, end_at, story) IN (
			SELECT k.value, coalesce(s.end_at, ''), s.id FROM json_each(?) j JOIN stories s ON s.id = j.value JOIN json_each(s.key_list) k)`,
		`DELETE FROM story_centroids WHERE story`+inList,
		`DELETE FROM stories WHERE id`+inList)
	if err != nil {
		return fmt.Errorf("remove stories: %w", err)
	}
	return nil
}

// replaceMembers replaces the copy links and story memberships of the
// articles in the JSON list arts with g's. Those articles must be in no
// story but the scope's (olds), and those stories have no other members:
// a story outside the scope that lost a member would be left counting it.
func replaceMembers(ctx context.Context, tx *sql.Tx, arts, olds string, g news.Grouping) error {
	if err := inScope(ctx, tx, arts, olds); err != nil {
		return err
	}
	if err := execAll(ctx, tx, []any{arts}, `DELETE FROM copies WHERE article`+inList, `DELETE FROM story_members WHERE article`+inList); err != nil {
		return fmt.Errorf("story members: %w", err)
	}
	if err := insertCopies(ctx, tx, g.Copies); err != nil {
		return err
	}
	return insertMembers(ctx, tx, g.Assignments)
}

// inScope reports an article of the JSON list arts in a story outside the
// JSON list olds, or a story of olds with an article outside arts.
func inScope(ctx context.Context, tx *sql.Tx, arts, olds string) error {
	var a, st string
	err := tx.QueryRowContext(ctx, `SELECT article, story FROM story_members WHERE article IN (SELECT j.value FROM json_each(?1) j)
			AND story NOT IN (SELECT j.value FROM json_each(?2) j)
		UNION ALL SELECT article, story FROM story_members WHERE story IN (SELECT j.value FROM json_each(?2) j)
			AND article NOT IN (SELECT j.value FROM json_each(?1) j)
		LIMIT 1`, arts, olds).Scan(&a, &st)
	switch {
	case err == nil:
		return fmt.Errorf("article %s of story %s: one in the scope, the other not: %w", a, st, news.ErrInvalid)
	case !errors.Is(err, sql.ErrNoRows):
		return fmt.Errorf("story members: %w", err)
	}
	return nil
}

// saveStorylines saves g's storylines and recounts every storyline the
// scope's stories were or are in from the stories that point to it, which
// may lie outside the scope; one none points to is deleted. Stories follow
// a moved storyline first, wherever they are.
func saveStorylines(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	for _, m := range g.Moved {
		if m.Kind == news.KindStoryline {
			if _, err := tx.ExecContext(ctx, `UPDATE stories SET storyline = ? WHERE storyline = ?`, m.To, m.From); err != nil {
				return fmt.Errorf("storyline %s moved to %s: %w", m.From, m.To, err)
			}
		}
	}
	err := execEach(ctx, tx, `INSERT INTO storylines (id, name, begin_at, end_at, stories, body) VALUES (?, ?, ?, ?, 0, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, body = excluded.body`, len(g.Storylines), func(i int) []any {
		l := g.Storylines[i]
		b, _ := json.Marshal(l)
		return []any{l.ID, l.Name, timeValue(l.Begin), timeValue(l.End), string(b)}
	})
	if err == nil {
		err = execAll(ctx, tx, []any{idList(storedrows.Recounted(g))}, `UPDATE storylines SET
				stories = (SELECT count(*) FROM stories s WHERE s.storyline = storylines.id),
				begin_at = (SELECT min(s.begin_at) FROM stories s WHERE s.storyline = storylines.id),
				end_at = (SELECT max(s.end_at) FROM stories s WHERE s.storyline = storylines.id)
			WHERE id`+inList,
			`DELETE FROM storylines WHERE stories = 0 AND id`+inList)
	}
	if err != nil {
		return fmt.Errorf("storylines: %w", err)
	}
	return nil
}

// saveMovedIn is saveMoved for a partial grouping: it points at the new
// ID only what pointed at an ID moved now, and forgets moves only of the
// IDs g names again, through the indexes on moved.
func saveMovedIn(ctx context.Context, tx *sql.Tx, g news.Grouping) error {
	if err := execEach(ctx, tx, `INSERT OR REPLACE INTO moved (kind, old, new) VALUES (?, ?, ?)`, len(g.Moved), func(i int) []any {
		m := g.Moved[i]
		return []any{string(m.Kind), m.From, m.To}
	}); err != nil {
		return fmt.Errorf("moved IDs: %w", err)
	}
	for _, m := range g.Moved {
		// What pointed at From, and From itself when To has moved on.
		if err := execAll(ctx, tx, []any{string(m.Kind), m.From},
			`UPDATE moved SET new = m.new FROM moved m WHERE m.kind = moved.kind AND m.old = moved.new AND moved.kind = ?1 AND moved.new = ?2`,
			`UPDATE moved SET new = m.new FROM moved m WHERE m.kind = moved.kind AND m.old = moved.new AND moved.kind = ?1 AND moved.old = ?2`); err != nil {
			return fmt.Errorf("moved IDs: %w", err)
		}
	}
	lines := storedrows.StorylineIDs(g.Storylines)
	err := execAll(ctx, tx, []any{idList(storedrows.StoryIDs(g.Stories))}, `DELETE FROM moved WHERE kind = 'story' AND old`+inList)
	if err == nil {
		err = execAll(ctx, tx, []any{idList(lines)}, `DELETE FROM moved WHERE kind = 'storyline' AND old`+inList)
	}
	if err != nil {
		return fmt.Errorf("moved IDs: %w", err)
	}
	return nil
}
