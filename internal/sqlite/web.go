package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

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
	// Counted here rather than with GROUP BY: SQLite's grouping and sorting
	// cost more than the join itself.
	rows, err := s.db.QueryContext(ctx, `SELECT m.story, a.outlet FROM story_members m JOIN articles a INDEXED BY articles_id_outlet ON a.id = m.article
		WHERE m.story IN (`+webPlaceholders(len(ids))+`)`, webArgs(ids)...)
	if err != nil {
		return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
	}
	defer rows.Close()
	for rows.Next() {
		var id news.StoryID
		var outlet string
		if err := rows.Scan(&id, &outlet); err != nil {
			return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
		}
		list := out[id]
		i := slices.IndexFunc(list, func(o news.OutletCount) bool { return o.Outlet == outlet })
		if i < 0 {
			list = append(list, news.OutletCount{Outlet: outlet})
			i = len(list) - 1
		}
		list[i].Articles++
		out[id] = list
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("outlets of %d stories: %w", len(ids), err)
	}
	for _, list := range out {
		slices.SortFunc(list, func(a, b news.OutletCount) int {
			if a.Articles != b.Articles {
				return b.Articles - a.Articles
			}
			return strings.Compare(a.Outlet, b.Outlet)
		})
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
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM storylines WHERE id IN (`+webPlaceholders(len(ids))+`)`, webArgs(ids)...)
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
	rows, err := s.db.QueryContext(ctx, `SELECT article, story FROM story_members WHERE article IN (`+webPlaceholders(len(ids))+`)`, webArgs(ids)...)
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
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+` FROM articles a WHERE a.id IN (`+webPlaceholders(len(ids))+`)`, webArgs(ids)...)
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

// webPlaceholders returns "?, ?, ?" for n parameters. SQLite allows 32766
// parameters a statement; callers pass a page of rows.
func webPlaceholders(n int) string {
	return strings.TrimSuffix(strings.Repeat("?, ", n), ", ")
}

func webArgs[T ~string](ids []T) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// EntityNames returns the names of the entities in ids; unknown IDs are
// absent.
func (s *DB) EntityNames(ctx context.Context, ids []news.EntityID) (map[news.EntityID]string, error) {
	out := make(map[news.EntityID]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, name FROM entities WHERE id IN (`+webPlaceholders(len(ids))+`)`, webArgs(ids)...)
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
