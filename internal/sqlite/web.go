package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"

	"github.com/storyline-news/storyline/internal/news"
)

// This file holds batch look-ups for listings: a page of stories or search
// hits asks for the outlets, storyline names or stories of all its rows in
// one query each rather than one query per row.

// StoryOutlets returns, for each story in ids, its outlets with their
// article counts, biggest first. Stories without articles are absent.
func (s *DB) StoryOutlets(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]news.OutletCount, error) {
	// Kept with each story when the grouping is saved (fillOutletLists).
	out, err := byIDs(ctx, s, "outlets of %d stories", `SELECT id, outlet_list FROM stories WHERE id IN (SELECT value FROM json_each(?))`, ids,
		func(r scanner) (id news.StoryID, counts []news.OutletCount, err error) {
			var list string
			if err := r.Scan(&id, &list); err != nil {
				return id, nil, err
			}
			var pairs [][2]any // [outlet, articles]
			if err := json.Unmarshal([]byte(list), &pairs); err != nil {
				return id, nil, fmt.Errorf("story %s: %w", id, err)
			}
			counts = make([]news.OutletCount, len(pairs))
			for i, p := range pairs {
				outlet, ok1 := p[0].(string)
				n, ok2 := p[1].(float64)
				if !ok1 || !ok2 {
					return id, nil, fmt.Errorf("story %s: bad entry %v", id, p)
				}
				counts[i] = news.OutletCount{Outlet: outlet, Articles: int(n)}
			}
			return id, counts, nil
		})
	maps.DeleteFunc(out, func(_ news.StoryID, c []news.OutletCount) bool { return len(c) == 0 })
	return out, err
}

// StorylineNames returns the names of the storylines in ids; unknown IDs
// are absent.
func (s *DB) StorylineNames(ctx context.Context, ids []news.StorylineID) (map[news.StorylineID]string, error) {
	return byIDs(ctx, s, "names of %d storylines", `SELECT id, name FROM storylines WHERE id IN (SELECT value FROM json_each(?))`, ids, scanPair[news.StorylineID, string])
}

// StoriesOf returns the story of each article in ids; articles in no story
// are absent.
func (s *DB) StoriesOf(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.StoryID, error) {
	return byIDs(ctx, s, "stories of %d articles", `SELECT article, story FROM story_members WHERE article IN (SELECT value FROM json_each(?))`, ids, scanPair[news.ArticleID, news.StoryID])
}

// Summaries returns the listing rows of the articles in ids; unknown IDs
// are absent.
func (s *DB) Summaries(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Summary, error) {
	return byIDs(ctx, s, "summaries of %d articles", `SELECT `+summaryCols+` FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`, ids,
		func(r scanner) (news.ArticleID, news.Summary, error) {
			sum, err := scanSummary(r)
			return sum.ID, sum, err
		})
}

// EntityNames returns the names of the entities in ids; unknown IDs are
// absent.
func (s *DB) EntityNames(ctx context.Context, ids []news.EntityID) (map[news.EntityID]string, error) {
	return byIDs(ctx, s, "names of %d entities", `SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))`, ids, scanPair[news.EntityID, string])
}

// byIDs runs query, which reads the list ids as its one parameter (see
// idList), and keeps each row as scan reads it. what names the look-up in
// errors, with a %d for the number of IDs.
func byIDs[ID ~string, K comparable, V any](ctx context.Context, s *DB, what, query string, ids []ID, scan func(scanner) (K, V, error)) (map[K]V, error) {
	out := make(map[K]V, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, query, idList(ids))
	if err != nil {
		return nil, fmt.Errorf(what+": %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		k, v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf(what+": %w", len(ids), err)
		}
		out[k] = v
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf(what+": %w", len(ids), err)
	}
	return out, nil
}

// scanPair scans a row of two columns into a key and a value.
func scanPair[K, V any](r scanner) (k K, v V, err error) {
	err = r.Scan(&k, &v)
	return k, v, err
}

// idList encodes ids as one JSON array, which a query reads with
// json_each: one statement, prepared once, serves lists of any length.
func idList[T ~string | ~int64](ids []T) string {
	b, err := json.Marshal(ids)
	if err != nil {
		panic(err) // strings and numbers always encode
	}
	return string(b)
}
