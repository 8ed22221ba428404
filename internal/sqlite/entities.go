package sqlite

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// Entities lists entities, the most mentioned first.
func (s *DB) Entities(ctx context.Context, f news.EntityFilter) ([]news.Entity, int, error) {
	var conds []string
	var args []any
	if f.Type != "" {
		conds = append(conds, "e.type = ?")
		args = append(args, string(f.Type))
	}
	if f.Query != "" {
		conds = append(conds, "(e.name LIKE ? ESCAPE '\\' OR e.body LIKE ? ESCAPE '\\')")
		pat := storedrows.LikeContaining(f.Query)
		args = append(args, pat, pat)
	}
	if f.Story != "" {
		conds = append(conds, "e.id IN (SELECT x.entity FROM story_members m JOIN mentions x ON x.article = m.article WHERE m.story = ?)")
		args = append(args, f.Story)
	}
	where := storedrows.Where(conds)
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) FROM entities e `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list entities: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	out, err := jsonBodies[news.Entity](s.query(ctx, `SELECT e.body FROM entities e `+where+` ORDER BY e.mentions DESC, e.name`+limitOffsetSQL, append(args, limit, offset)...))
	if err != nil {
		return nil, 0, fmt.Errorf("list entities: %w", err)
	}
	return out, total, nil
}

// Entity returns one entity with its stories, the entities it appears
// with, and its mentions per month.
func (s *DB) Entity(ctx context.Context, id news.EntityID) (news.EntityDetail, error) {
	var d news.EntityDetail
	err := s.jsonBody(ctx, `SELECT body FROM entities WHERE id = ?`, id, &d.Entity)
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	d.Stories, _, err = s.Stories(ctx, news.StoryFilter{Entity: id, Limit: 200})
	if err != nil {
		return d, err
	}
	rows, err := s.query(ctx, `SELECT o.entity, coalesce(e.name, o.entity), count(DISTINCT o.article) AS n
		FROM mentions m JOIN mentions o ON o.article = m.article AND o.entity <> m.entity AND o.entity <> ''
		LEFT JOIN entities e ON e.id = o.entity
		WHERE m.entity = ? GROUP BY o.entity ORDER BY n DESC, o.entity LIMIT 40`, id)
	d.With, err = collect(rows, err, func(r scanner) (c news.Count, err error) { return c, r.Scan(&c.Key, &c.Name, &c.Count) })
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	rows, err = s.query(ctx, `SELECT substr(a.published, 1, 7) AS month, count(*) FROM mentions m JOIN articles a ON a.id = m.article
		WHERE m.entity = ? AND a.published IS NOT NULL GROUP BY month ORDER BY month`, id)
	d.Months, err = collect(rows, err, func(r scanner) (c news.Count, err error) { return c, r.Scan(&c.Key, &c.Count) })
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	return d, nil
}

// Quotes lists quotes, newest article first.
func (s *DB) Quotes(ctx context.Context, f news.QuoteFilter) ([]news.QuoteRef, int, error) {
	var conds []string
	var args []any
	if f.Speaker != "" {
		conds = append(conds, "(q.entity = ? OR q.speaker LIKE ? ESCAPE '\\')")
		args = append(args, f.Speaker, storedrows.LikeContaining(f.Speaker))
	}
	if f.Story != "" {
		conds = append(conds, "m.story = ?")
		args = append(args, f.Story)
	}
	if f.Article != "" {
		conds = append(conds, "q.article = ?")
		args = append(args, f.Article)
	}
	if !f.Views {
		conds = append(conds, "q.kind <> 'view'")
	}
	where := storedrows.Where(conds)
	from := `FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN story_members m ON m.article = q.article `
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) `+from+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list quotes: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, `+quoteRefCols+` `+
		from+where+` ORDER BY a.published DESC, a.seq DESC, q.start`+limitOffsetSQL, append(args, limit, offset)...)
	out, err := collect(rows, err, storedrows.ScanQuoteRef)
	if err != nil {
		return nil, 0, fmt.Errorf("list quotes: %w", err)
	}
	return out, total, nil
}

// firstOfGroup keeps, of the events of one article in one event group
// (mentions of one real-world event: "the deadly March attack in Bisham",
// then "the Bisham attack"), the one that says most: dated, then with a
// count, then with an actor, then the first in the text (then by
// trigger, so that both stores choose alike). Lists show each event once
// per article.
const firstOfGroup = `(e.grp = '' OR NOT EXISTS (SELECT 1 FROM events o WHERE o.article = e.article AND o.grp = e.grp
	AND ((CASE WHEN o.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN o.killed < 0 AND o.injured < 0 AND o.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN o.actor = '' THEN 1 ELSE 0 END) < (CASE WHEN e.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN e.killed < 0 AND e.injured < 0 AND e.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN e.actor = '' THEN 1 ELSE 0 END)
	OR (CASE WHEN o.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN o.killed < 0 AND o.injured < 0 AND o.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN o.actor = '' THEN 1 ELSE 0 END) = (CASE WHEN e.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN e.killed < 0 AND e.injured < 0 AND e.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN e.actor = '' THEN 1 ELSE 0 END) AND (o.sent_start < e.sent_start OR o.sent_start = e.sent_start AND (o.trigger < e.trigger OR o.trigger = e.trigger AND o.rowid < e.rowid)))))`

// Events lists event mentions, newest article first, each event once
// per article (see firstOfGroup).
func (s *DB) Events(ctx context.Context, f news.EventFilter) ([]news.EventRef, int, error) {
	var conds []string
	var args []any
	if f.Type != "" {
		conds = append(conds, "e.type = ?")
		args = append(args, string(f.Type))
	}
	if f.Story != "" {
		conds = append(conds, "m.story = ?")
		args = append(args, f.Story)
	}
	if f.Article != "" {
		conds = append(conds, "e.article = ?")
		args = append(args, f.Article)
	}
	where := storedrows.Where(append(conds, firstOfGroup))
	from := `FROM events e JOIN articles a ON a.id = e.article LEFT JOIN story_members m ON m.article = e.article `
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) `+from+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list events: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, coalesce(m.story, ''), `+eventRefCols+` `+
		from+where+` ORDER BY a.published DESC, a.seq DESC, e.sent_start, e.type, e.trigger, e.rowid`+limitOffsetSQL, append(args, limit, offset)...)
	out, err := collect(rows, err, storedrows.ScanEventRef)
	if err != nil {
		return nil, 0, fmt.Errorf("list events: %w", err)
	}
	return out, total, nil
}

// eventRefCols are eventCols over the alias e.
const eventRefCols = `e.type, e.trigger, e.actor, e.target, e.place, e.when_json, e.killed, e.injured, e.arrested, e.sent_start, e.sent_end, e.grp, e.modality`
