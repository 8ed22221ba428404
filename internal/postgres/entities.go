package postgres

import (
	"context"
	"fmt"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// Entities lists entities, the most mentioned first.
func (s *DB) Entities(ctx context.Context, f news.EntityFilter) ([]news.Entity, int, error) {
	var conds []string
	var p params
	if f.Type != "" {
		conds = append(conds, "e.type = "+p.add(string(f.Type)))
	}
	if f.Query != "" {
		pat := p.add(storedrows.LikeContaining(f.Query))
		conds = append(conds, "(e.name ILIKE "+pat+" ESCAPE '\\' OR e.body ILIKE "+pat+" ESCAPE '\\')")
	}
	if f.Story != "" {
		conds = append(conds, "e.id IN (SELECT x.entity FROM story_members m JOIN mentions x ON x.article = m.article WHERE m.story = "+p.add(string(f.Story))+")")
	}
	where := storedrows.Where(conds)
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM entities e `+where, p.list...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list entities: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.pool.Query(ctx, `SELECT e.body FROM entities e `+where+` ORDER BY e.mentions DESC, e.name LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
	out, err := jsonBodies[news.Entity](rows, err)
	if err != nil {
		return nil, 0, fmt.Errorf("list entities: %w", err)
	}
	return out, total, nil
}

// Entity returns one entity with its stories, the entities it appears
// with, and its mentions per month.
func (s *DB) Entity(ctx context.Context, id news.EntityID) (news.EntityDetail, error) {
	var d news.EntityDetail
	rows, err := s.pool.Query(ctx, `SELECT body FROM entities WHERE id = $1`, string(id))
	bodies, err := jsonBodies[news.Entity](rows, err)
	if err == nil && len(bodies) == 0 {
		err = news.ErrNotFound
	}
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	d.Entity = bodies[0]
	d.Stories, _, err = s.Stories(ctx, news.StoryFilter{Entity: id, Limit: 200})
	if err != nil {
		return d, err
	}
	rows, err = s.pool.Query(ctx, `SELECT o.entity, coalesce(e.name, o.entity), count(DISTINCT o.article) AS n
		FROM mentions m JOIN mentions o ON o.article = m.article AND o.entity <> m.entity AND o.entity <> ''
		LEFT JOIN entities e ON e.id = o.entity
		WHERE m.entity = $1 GROUP BY o.entity, e.name ORDER BY n DESC, o.entity LIMIT 40`, string(id))
	d.With, err = collect(rows, err, func(r scanner) (c news.Count, err error) { return c, r.Scan(&c.Key, &c.Name, &c.Count) })
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	rows, err = s.pool.Query(ctx, `SELECT substr(a.published, 1, 7) AS month, count(*) FROM mentions m JOIN articles a ON a.id = m.article
		WHERE m.entity = $1 AND a.published IS NOT NULL GROUP BY month ORDER BY month`, string(id))
	d.Months, err = collect(rows, err, func(r scanner) (c news.Count, err error) { return c, r.Scan(&c.Key, &c.Count) })
	if err != nil {
		return d, fmt.Errorf("entity %s: %w", id, err)
	}
	return d, nil
}

// Quotes lists quotes, newest article first.
func (s *DB) Quotes(ctx context.Context, f news.QuoteFilter) ([]news.QuoteRef, int, error) {
	var conds []string
	var p params
	if f.Speaker != "" {
		conds = append(conds, "(q.entity = "+p.add(f.Speaker)+" OR q.speaker ILIKE "+p.add(storedrows.LikeContaining(f.Speaker))+" ESCAPE '\\')")
	}
	if f.Story != "" {
		conds = append(conds, "m.story = "+p.add(string(f.Story)))
	}
	if f.Article != "" {
		conds = append(conds, "q.article = "+p.add(string(f.Article)))
	}
	if !f.Views {
		conds = append(conds, "q.kind <> 'view'")
	}
	where := storedrows.Where(conds)
	from := `FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN story_members m ON m.article = q.article `
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) `+from+where, p.list...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list quotes: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+`, `+quoteRefCols+` `+
		from+where+` ORDER BY a.published DESC NULLS LAST, a.seq DESC, q.start, q.rid LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
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
	OR (CASE WHEN o.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN o.killed < 0 AND o.injured < 0 AND o.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN o.actor = '' THEN 1 ELSE 0 END) = (CASE WHEN e.when_json IS NULL THEN 4 ELSE 0 END + CASE WHEN e.killed < 0 AND e.injured < 0 AND e.arrested < 0 THEN 2 ELSE 0 END + CASE WHEN e.actor = '' THEN 1 ELSE 0 END) AND (o.sent_start < e.sent_start OR o.sent_start = e.sent_start AND (o.trigger < e.trigger OR o.trigger = e.trigger AND o.rid < e.rid)))))`

// Events lists event mentions, newest article first, each event once
// per article (see firstOfGroup).
func (s *DB) Events(ctx context.Context, f news.EventFilter) ([]news.EventRef, int, error) {
	var conds []string
	var p params
	if f.Type != "" {
		conds = append(conds, "e.type = "+p.add(string(f.Type)))
	}
	if f.Story != "" {
		conds = append(conds, "m.story = "+p.add(string(f.Story)))
	}
	if f.Article != "" {
		conds = append(conds, "e.article = "+p.add(string(f.Article)))
	}
	where := storedrows.Where(append(conds, firstOfGroup))
	from := `FROM events e JOIN articles a ON a.id = e.article LEFT JOIN story_members m ON m.article = e.article `
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) `+from+where, p.list...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list events: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+`, coalesce(m.story, ''), `+eventRefCols+` `+
		from+where+` ORDER BY a.published DESC NULLS LAST, a.seq DESC, e.sent_start, e.type, e.trigger, e.rid LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
	out, err := collect(rows, err, storedrows.ScanEventRef)
	if err != nil {
		return nil, 0, fmt.Errorf("list events: %w", err)
	}
	return out, total, nil
}

// eventRefCols are eventCols over the alias e.
const eventRefCols = `e.type, e.trigger, e.actor, e.target, e.place, e.when_json, e.killed, e.injured, e.arrested, e.sent_start, e.sent_end, e.grp, e.modality`
