package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
)

// This file holds batch look-ups for listings: a page of stories or search
// hits asks for the outlets, storyline names or stories of all its rows in
// one query each rather than one query per row.

// StoryOutlets returns, for each story in ids, its outlets with their
// article counts, biggest first. Stories without articles are absent.
func (s *DB) StoryOutlets(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]news.OutletCount, error) {
	out := make(map[news.StoryID][]news.OutletCount, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	// Kept with each story when the grouping is saved (fillOutletLists).
	rows, err := s.query(ctx, `SELECT id, outlet_list FROM stories WHERE id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id news.StoryID
		var list string
		if err := rows.Scan(&id, &list); err != nil {
			return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
		}
		var pairs [][2]any // [outlet, articles]
		if err := json.Unmarshal([]byte(list), &pairs); err != nil {
			return nil, fmt.Errorf("outlets of story %s: %w", id, err)
		}
		counts := make([]news.OutletCount, len(pairs))
		for i, p := range pairs {
			outlet, ok1 := p[0].(string)
			n, ok2 := p[1].(float64)
			if !ok1 || !ok2 {
				return nil, fmt.Errorf("outlets of story %s: bad entry %v", id, p)
			}
			counts[i] = news.OutletCount{Outlet: outlet, Articles: int(n)}
		}
		if len(counts) > 0 {
			out[id] = counts
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
	}
	return out, nil
}

// StorylineNames returns the names of the storylines in ids; unknown IDs
// are absent.
func (s *DB) StorylineNames(ctx context.Context, ids []news.StorylineID) (map[news.StorylineID]string, error) {
	out := make(map[news.StorylineID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT id, name FROM storylines WHERE id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("names of %d storylines: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id news.StorylineID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("names of %d storylines: %w", len(ids), err)
		}
		out[id] = name
	}
	return out, rows.Err()
}

// StoriesOf returns the story of each article in ids; articles in no story
// are absent.
func (s *DB) StoriesOf(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.StoryID, error) {
	out := make(map[news.ArticleID]news.StoryID, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT article, story FROM story_members WHERE article IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("stories of %d articles: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var a news.ArticleID
		var st news.StoryID
		if err := rows.Scan(&a, &st); err != nil {
			return nil, fmt.Errorf("stories of %d articles: %w", len(ids), err)
		}
		out[a] = st
	}
	return out, rows.Err()
}

// Summaries returns the listing rows of the articles in ids; unknown IDs
// are absent.
func (s *DB) Summaries(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Summary, error) {
	out := make(map[news.ArticleID]news.Summary, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT `+summaryCols+` FROM articles a WHERE a.id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("summaries of %d articles: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		sum, err := scanSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("summaries of %d articles: %w", len(ids), err)
		}
		out[sum.ID] = sum
	}
	return out, rows.Err()
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

// EntityNames returns the names of the entities in ids; unknown IDs are
// absent.
func (s *DB) EntityNames(ctx context.Context, ids []news.EntityID) (map[news.EntityID]string, error) {
	out := make(map[news.EntityID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.query(ctx, `SELECT id, name FROM entities WHERE id IN (SELECT value FROM json_each(?))`, idList(ids))
	if err != nil {
		return nil, fmt.Errorf("names of %d entities: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id news.EntityID
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("names of %d entities: %w", len(ids), err)
		}
		out[id] = name
	}
	return out, rows.Err()
}
