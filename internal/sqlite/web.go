package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"maps"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// This file holds the web pages' reads: batch look-ups for listings (a
// page of stories or search hits asks for the outlets, storyline names or
// stories of all its rows in one query each rather than one query per row)
// and pages of long lists (a story's articles, an article's copies, a
// storyline's stories).

// StoryOutlets returns, for each story in ids, its outlets with their
// article counts, biggest first. Stories without articles are absent.
func (s *DB) StoryOutlets(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]news.OutletCount, error) {
	// Kept with each story when the grouping is saved (fillOutletLists).
	out, err := byIDs(ctx, s, "outlets of %d stories", `SELECT id, outlet_list FROM stories WHERE id IN (SELECT value FROM json_each(?))`, ids, storedrows.ScanOutlets)
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
			sum, err := storedrows.ScanSummary(r)
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
	if len(ids) == 0 {
		return map[K]V{}, nil
	}
	rows, err := s.query(ctx, query, idList(ids))
	if err != nil {
		return nil, fmt.Errorf(what+": %w", len(ids), err)
	}
	defer rows.Close()
	out, err := storedrows.Keyed(rows, len(ids), scan)
	if err != nil {
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

// The reads below serve pages of long lists: each reads one page with
// LIMIT and OFFSET, or a bounded number of rows per item of a page, so
// that a story of ten thousand articles costs a page little more than a
// story of ten.

// StorySummary returns a story's summary, without its articles.
func (s *DB) StorySummary(ctx context.Context, id news.StoryID) (news.StorySummary, error) {
	st, err := storedrows.ScanStory(s.queryRow(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, fmt.Errorf("story %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return st, fmt.Errorf("story %s: %w", id, err)
	}
	return st, nil
}

// storyArticleCols are the columns storedrows.ScanStoryArticle reads: an
// article's summary, why it joined its story, and its copy link, over the
// aliases a (articles), m (story_members) and c (copies, left-joined).
const storyArticleCols = summaryCols + `, m.why, c.original, c.kind, c.similarity`

// StoryGroups returns a page of a story's copy groups, each as its first
// article: one that copies nothing, an original, or a copy whose original
// is not among the articles read. With outlet set, only that outlet's
// articles are read (a copy of another outlet's article then heads its
// own group). Groups come in the story's order, earliest first and
// undated last; total counts them all.
//
// Ordering a story's groups by date reads every article of the story (an
// index entry or three each: 25 ms for ten thousand), as the schema keeps
// no index of members by date. The order is kept until the store changes
// (see groupOrder), so that each page after the first reads its own rows
// alone, however big the story.
func (s *DB) StoryGroups(ctx context.Context, id news.StoryID, outlet string, limit, offset int) ([]news.StoryArticle, int, error) {
	heads, err := s.groupOrder(ctx, id, outlet)
	if err != nil {
		return nil, 0, fmt.Errorf("groups of story %s: %w", id, err)
	}
	if len(heads) == 0 {
		if _, err := s.StorySummary(ctx, id); err != nil {
			return nil, 0, err // an unknown story is not an empty one
		}
		return nil, 0, nil
	}
	limit, offset = storedrows.Page(limit, offset)
	if offset >= len(heads) {
		return nil, len(heads), nil
	}
	rows, err := s.query(ctx, `SELECT `+storyArticleCols+`
		FROM json_each(?) h JOIN articles a ON a.seq = h.value JOIN story_members m ON m.article = a.id LEFT JOIN copies c ON c.article = a.id
		ORDER BY h.key`, idList(heads[offset:min(offset+limit, len(heads))]))
	out, err := collect(rows, err, storedrows.ScanStoryArticle)
	if err != nil {
		return nil, 0, fmt.Errorf("groups of story %s: %w", id, err)
	}
	return out, len(heads), nil
}

// groupOrder returns the seqs of the first articles of a story's copy
// groups (of outlet, when set), in the story's order.
// The order is kept for the store's version (see storedrows.GroupOrders).
func (s *DB) groupOrder(ctx context.Context, id news.StoryID, outlet string) ([]int64, error) {
	return s.orders.Order(ctx, s.Version, id, outlet, func(ctx context.Context) ([]int64, error) {
		return s.readGroupOrder(ctx, id, outlet)
	})
}

// readGroupOrder is groupOrder read from the store.
func (s *DB) readGroupOrder(ctx context.Context, id news.StoryID, outlet string) ([]int64, error) {
	outletCond, origJoin, origCond := "", "", ""
	args := []any{id}
	if outlet != "" {
		outletCond = ` AND a.outlet = ?2 COLLATE NOCASE`
		origJoin = ` JOIN articles oa ON oa.id = o.article`
		origCond = ` AND oa.outlet = ?2 COLLATE NOCASE`
		args = append(args, outlet)
	}
	rows, err := s.query(ctx, `SELECT a.seq
		FROM story_members m JOIN articles a ON a.id = m.article LEFT JOIN copies c ON c.article = m.article
		WHERE m.story = ?1`+outletCond+`
			AND NOT EXISTS (SELECT 1 FROM story_members o`+origJoin+` WHERE o.article = c.original AND o.story = ?1`+origCond+`)
		ORDER BY a.published IS NULL, a.published, a.seq`, args...)
	return collect(rows, err, func(r scanner) (seq int64, err error) { return seq, r.Scan(&seq) })
}

// StoryCopies returns, for each article in originals, up to each of the
// story's articles that copy it (of outlet, when set), earliest first.
// It reads at most each copies of an original, the first stored, so that
// an original copied thousands of times costs what one copied twice does;
// CopyCounts says how many there are in all.
func (s *DB) StoryCopies(ctx context.Context, id news.StoryID, originals []news.ArticleID, outlet string, each int) (map[news.ArticleID][]news.StoryArticle, error) {
	out := make(map[news.ArticleID][]news.StoryArticle, len(originals))
	if len(originals) == 0 || each <= 0 {
		return out, nil
	}
	outletJoin, outletCond := "", ""
	args := []any{idList(originals), id, each}
	if outlet != "" {
		outletJoin = ` JOIN articles a2 ON a2.id = c2.article`
		outletCond = ` AND a2.outlet = ?4 COLLATE NOCASE`
		args = append(args, outlet)
	}
	rows, err := s.query(ctx, `SELECT `+storyArticleCols+`
		FROM json_each(?1) h
		JOIN copies c ON c.rowid IN (SELECT c2.rowid FROM copies c2 JOIN story_members m2 ON m2.article = c2.article`+outletJoin+`
			WHERE c2.original = h.value AND m2.story = ?2`+outletCond+` LIMIT ?3+0)
		JOIN story_members m ON m.article = c.article JOIN articles a ON a.id = c.article
		ORDER BY a.published IS NULL, a.published, a.seq`, args...)
	copies, err := collect(rows, err, storedrows.ScanStoryArticle)
	if err != nil {
		return nil, fmt.Errorf("copies in story %s: %w", id, err)
	}
	for _, sa := range copies {
		out[sa.Copy.Original] = append(out[sa.Copy.Original], sa)
	}
	return out, nil
}

// CopyCounts returns how many articles copy each article in ids, in any
// story; articles nothing copies are absent. It counts index entries only.
func (s *DB) CopyCounts(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]int, error) {
	return byIDs(ctx, s, "copies of %d articles", `SELECT original, count(*) FROM copies WHERE original IN (SELECT value FROM json_each(?)) GROUP BY original`, ids, scanPair[news.ArticleID, int])
}

// CopyLinks returns a page of the copy links that touch an article: first
// the one from it to its original, if it copies one, then those from its
// copies to it, in the order they were stored; total counts them all.
func (s *DB) CopyLinks(ctx context.Context, id news.ArticleID, limit, offset int) ([]news.CopyLink, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT (SELECT count(*) FROM copies WHERE article = ?1) + (SELECT count(*) FROM copies WHERE original = ?1)`, id).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("copies of %s: %w", id, err)
	}
	limit, offset = storedrows.Page(limit, offset)
	rows, err := s.query(ctx, `SELECT article, original, kind, similarity FROM (
			SELECT 0 AS k, 0 AS r, article, original, kind, similarity FROM copies WHERE article = ?1
			UNION ALL
			SELECT 1, rowid, article, original, kind, similarity FROM copies WHERE original = ?1)
		ORDER BY k, r LIMIT ?2+0 OFFSET ?3+0`, id, limit, offset)
	out, err := collect(rows, err, storedrows.ScanCopyLink)
	if err != nil {
		return nil, 0, fmt.Errorf("copies of %s: %w", id, err)
	}
	return out, total, nil
}

// QuotesIn returns up to limit quotes of the articles in ids, newest
// article first, each with its article's story: speech only, no views.
func (s *DB) QuotesIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.QuoteRef, error) {
	if len(ids) == 0 || limit <= 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, `+quoteRefCols+`
		FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN story_members m ON m.article = q.article
		WHERE q.article IN (SELECT value FROM json_each(?)) AND q.kind <> 'view'
		ORDER BY a.published DESC, a.seq DESC, q.start`+limitSQL, idList(ids), limit)
	out, err := collect(rows, err, storedrows.ScanQuoteRef)
	if err != nil {
		return nil, fmt.Errorf("quotes of %d articles: %w", len(ids), err)
	}
	return out, nil
}

// QuotesBy returns up to limit of the quotes attributed to an entity, the
// last stored first, and how many it has: speech only, no views. Both are read from the index of
// quotes by entity: a page of quotes of someone quoted ten thousand times
// reads what one of someone quoted once does.
func (s *DB) QuotesBy(ctx context.Context, id news.EntityID, limit int) ([]news.QuoteRef, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) FROM quotes WHERE entity = ? AND kind <> 'view'`, id).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("quotes of %s: %w", id, err)
	}
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, `+quoteRefCols+`
		FROM (SELECT rowid FROM quotes WHERE entity = ? AND kind <> 'view' ORDER BY rowid DESC`+limitSQL+`) k
		JOIN quotes q ON q.rowid = k.rowid JOIN articles a ON a.id = q.article LEFT JOIN story_members m ON m.article = q.article
		ORDER BY k.rowid DESC`, id, max(limit, 0))
	out, err := collect(rows, err, storedrows.ScanQuoteRef)
	if err != nil {
		return nil, 0, fmt.Errorf("quotes of %s: %w", id, err)
	}
	return out, total, nil
}

// quoteRefCols are the columns storedrows.ScanQuoteRef reads, after summaryCols.
const quoteRefCols = quoteCols + `, coalesce(m.story, '')`

// MentionedIn returns the articles whose mentions of an entity were stored
// last, up to limit of them, the last first; from the index of mentions by
// entity.
func (s *DB) MentionedIn(ctx context.Context, id news.EntityID, limit int) ([]news.ArticleID, error) {
	rows, err := s.query(ctx, `SELECT article FROM mentions WHERE entity = ? ORDER BY rowid DESC`+limitSQL, id, max(limit, 0)*4)
	if err != nil {
		return nil, fmt.Errorf("articles naming %s: %w", id, err)
	}
	defer rows.Close()
	out, err := storedrows.FirstDistinct[news.ArticleID](rows, limit)
	if err != nil {
		return nil, fmt.Errorf("articles naming %s: %w", id, err)
	}
	return out, nil
}

// EventsIn returns up to limit event mentions of the articles in ids,
// newest article first, each with its article's story.
func (s *DB) EventsIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.EventRef, error) {
	if len(ids) == 0 || limit <= 0 {
		return nil, nil
	}
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, coalesce(m.story, ''), `+eventRefCols+`
		FROM events e JOIN articles a ON a.id = e.article LEFT JOIN story_members m ON m.article = e.article
		WHERE e.article IN (SELECT value FROM json_each(?)) AND `+firstOfGroup+`
		ORDER BY a.published DESC, a.seq DESC, e.sent_start, e.type, e.trigger, e.rowid`+limitSQL, idList(ids), limit)
	out, err := collect(rows, err, storedrows.ScanEventRef)
	if err != nil {
		return nil, fmt.Errorf("events of %d articles: %w", len(ids), err)
	}
	return out, nil
}

// EntitiesIn returns up to limit of the entities named in the articles in
// ids, the most mentioned (in all articles) first.
func (s *DB) EntitiesIn(ctx context.Context, ids []news.ArticleID, limit int) ([]news.Entity, error) {
	if len(ids) == 0 || limit <= 0 {
		return nil, nil
	}
	out, err := jsonBodies[news.Entity](s.query(ctx, `SELECT e.body FROM entities e
		WHERE e.id IN (SELECT x.entity FROM mentions x WHERE x.article IN (SELECT value FROM json_each(?)))
		ORDER BY e.mentions DESC, e.name`+limitSQL, idList(ids), limit))
	if err != nil {
		return nil, fmt.Errorf("entities of %d articles: %w", len(ids), err)
	}
	return out, nil
}

// StorylineSummary returns a storyline without its stories' summaries:
// its Stories are the IDs of the stories that point to it.
func (s *DB) StorylineSummary(ctx context.Context, id news.StorylineID) (news.Storyline, error) {
	l, err := storedrows.ScanStoryline(s.queryRow(ctx, `SELECT `+storylineCols+` FROM storylines WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return l, fmt.Errorf("storyline %s: %w", id, news.ErrNotFound)
	}
	if err == nil {
		lines := []news.Storyline{l}
		err = s.storylineStories(ctx, lines)
		l = lines[0]
	}
	if err != nil {
		return l, fmt.Errorf("storyline %s: %w", id, err)
	}
	return l, nil
}

// StorylineStories returns a page of a storyline's stories, earliest first
// (undated last), and how many it has.
func (s *DB) StorylineStories(ctx context.Context, id news.StorylineID, limit, offset int) ([]news.StorySummary, int, error) {
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) FROM stories WHERE storyline = ?`, id).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("stories of storyline %s: %w", id, err)
	}
	limit, offset = storedrows.Page(limit, offset)
	rows, err := s.query(ctx, `SELECT `+storyCols+` FROM stories s WHERE s.storyline = ?
		ORDER BY s.begin_at IS NULL, s.begin_at, s.id`+limitOffsetSQL, id, limit, offset)
	out, err := collect(rows, err, storedrows.ScanStory)
	if err != nil {
		return nil, 0, fmt.Errorf("stories of storyline %s: %w", id, err)
	}
	return out, total, nil
}
