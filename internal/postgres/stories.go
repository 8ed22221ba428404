package postgres

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// Stories lists stories, the most recently active and biggest first.
func (s *DB) Stories(ctx context.Context, f news.StoryFilter) ([]news.StorySummary, int, error) {
	var conds []string
	var p params
	// One outlet or entity filter reads story_keys, which holds each
	// one's stories in the listing's order; a second is a condition.
	from, order := `stories s`, `s.end_at DESC NULLS LAST, s.articles DESC, s.id`
	keyed := f.Outlet != "" || f.Entity != ""
	switch {
	case f.Outlet != "":
		from, order = `story_keys k JOIN stories s ON s.id = k.story`, `k.end_at DESC, k.articles DESC, k.story`
		conds = append(conds, "k.kind = 'outlet' AND k.value = "+lowerArg(p.add(f.Outlet))+"")
	case f.Entity != "":
		from, order = `story_keys k JOIN stories s ON s.id = k.story`, `k.end_at DESC, k.articles DESC, k.story`
		conds = append(conds, "k.kind = 'entity' AND k.value = "+lowerArg(p.add(string(f.Entity)))+"")
	}
	if f.Entity != "" && f.Outlet != "" {
		conds = append(conds, "s.id IN (SELECT story FROM story_keys WHERE kind = 'entity' AND value = "+lowerArg(p.add(string(f.Entity)))+")")
	}
	if f.Storyline != "" {
		conds = append(conds, "s.storyline = "+p.add(string(f.Storyline)))
	}
	if !f.From.IsZero() {
		conds = append(conds, "s.end_at >= "+p.add(timeValue(f.From)))
	}
	if !f.To.IsZero() {
		conds = append(conds, "s.begin_at < "+p.add(timeValue(f.To)))
	}
	where := storedrows.Where(conds)
	var total int
	count := `SELECT count(*) FROM ` + from + ` ` + where
	if keyed && len(conds) == 1 {
		// One key alone: its number of stories is kept.
		count = `SELECT coalesce((SELECT stories FROM story_key_totals k ` + where + `), 0)`
	}
	if err := s.pool.QueryRow(ctx, count, p.list...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list stories: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.pool.Query(ctx, `SELECT `+storyCols+` FROM `+from+` `+where+`
		ORDER BY `+order+` LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
	out, err := collect(rows, err, storedrows.ScanStory)
	if err != nil {
		return nil, 0, fmt.Errorf("list stories: %w", err)
	}
	return out, total, nil
}

const storyCols = `s.id, s.title, s.begin_at, s.end_at, s.storyline, s.articles, s.outlets, s.copies, s.reports, s.opinions`

// Story returns one story with its articles, earliest first (undated
// last), each with its copy link and the reason it joined.
func (s *DB) Story(ctx context.Context, id news.StoryID) (news.StoryDetail, error) {
	var d news.StoryDetail
	st, err := s.StorySummary(ctx, id)
	if err != nil {
		return d, err
	}
	d.StorySummary = st
	rows, err := s.pool.Query(ctx, `SELECT `+storyArticleCols+`
		FROM story_members m JOIN articles a ON a.id = m.article LEFT JOIN copies c ON c.article = a.id
		WHERE m.story = $1 ORDER BY a.published IS NULL, a.published, a.seq`, string(id))
	members, err := collect(rows, err, storedrows.ScanStoryArticle)
	if err != nil {
		return d, fmt.Errorf("story %s: %w", id, err)
	}
	d.Members = members
	for _, sa := range members {
		d.Articles = append(d.Articles, sa.ID)
	}
	return d, nil
}

// StoryOf returns the story an article belongs to.
func (s *DB) StoryOf(ctx context.Context, id news.ArticleID) (news.StoryID, error) {
	var st news.StoryID
	err := s.pool.QueryRow(ctx, `SELECT story FROM story_members WHERE article = $1`, string(id)).Scan(&st)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", fmt.Errorf("story of article %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return "", fmt.Errorf("story of article %s: %w", id, err)
	}
	return st, nil
}

// Copies returns the copy links that touch an article: the one from it to
// its original, and those from its copies to it.
func (s *DB) Copies(ctx context.Context, id news.ArticleID) ([]news.CopyLink, error) {
	rows, err := s.pool.Query(ctx, `SELECT article, original, kind, similarity FROM copies WHERE article = $1 OR original = $1 ORDER BY article`, string(id))
	out, err := collect(rows, err, storedrows.ScanCopyLink)
	if err != nil {
		return nil, fmt.Errorf("copies of %s: %w", id, err)
	}
	return out, nil
}

// Storylines lists storylines, the most recently active first.
func (s *DB) Storylines(ctx context.Context, limit, offset int) ([]news.Storyline, int, error) {
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM storylines`).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list storylines: %w", err)
	}
	limit, offset = storedrows.Page(limit, offset)
	rows, err := s.pool.Query(ctx, `SELECT `+storylineCols+` FROM storylines ORDER BY end_at DESC NULLS LAST, stories DESC, id LIMIT $1 OFFSET $2`, limit, offset)
	out, err := collect(rows, err, storedrows.ScanStoryline)
	if err == nil {
		err = s.storylineStories(ctx, out)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("list storylines: %w", err)
	}
	return out, total, nil
}

// Storyline returns one storyline with its stories, earliest first.
func (s *DB) Storyline(ctx context.Context, id news.StorylineID) (news.StorylineDetail, error) {
	var d news.StorylineDetail
	l, err := s.StorylineSummary(ctx, id)
	if err != nil {
		return d, err
	}
	d.Storyline = l
	rows, err := s.pool.Query(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.storyline = $1 ORDER BY s.begin_at IS NULL, s.begin_at, s.id`, string(id))
	d.StoryList, err = collect(rows, err, storedrows.ScanStory)
	if err != nil {
		return d, fmt.Errorf("storyline %s: %w", id, err)
	}
	return d, nil
}

// storylineCols are the columns storedrows.ScanStoryline reads.
const storylineCols = `body, begin_at, end_at`

// storylineStories sets the stories of each storyline of lines to those
// that point to it: first those its body names, in the body's order, then
// any others, earliest first.
func (s *DB) storylineStories(ctx context.Context, lines []news.Storyline) error {
	if len(lines) == 0 {
		return nil
	}
	ids := make([]string, len(lines))
	for i, l := range lines {
		ids[i] = string(l.ID)
	}
	rows, err := s.pool.Query(ctx, `SELECT storyline, id FROM stories WHERE storyline = ANY($1)
		ORDER BY storyline, begin_at IS NULL, begin_at, id`, ids)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storedrows.SetStories(lines, rows)
}
