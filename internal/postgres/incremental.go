package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// This file holds the reads of an incremental grouping: it groups a batch
// of new articles with a working set read from the store (the stories the
// batch may join, the copy groups it may belong to) instead of replaying
// every article. Each read finds its rows through an index from the IDs
// or keys it is given.

// ReplayOnly is Replay for the analyzed articles among ids alone: it calls
// fn with each, its mentions, quotes, events and copy signature, in the
// order they were stored. Other IDs are skipped.
func (s *DB) ReplayOnly(ctx context.Context, ids []news.ArticleID, fn func(news.Article, news.Analysis) error) error {
	if len(ids) == 0 {
		return nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+replayCols+` FROM articles a LEFT JOIN signatures s ON s.article = a.id
		WHERE a.id = ANY($1) AND a.analyzed ORDER BY a.seq`, strs(ids))
	recs, err := collect(rows, err, storedrows.ScanReplayed)
	if err != nil {
		return fmt.Errorf("replay %d articles: %w", len(ids), err)
	}
	finds, err := s.analyses(ctx, storedrows.ReplayIDs(recs), false)
	if err != nil {
		return fmt.Errorf("replay %d articles: %w", len(ids), err)
	}
	return storedrows.HandOn(recs, func(an *news.Analysis) {
		f := finds[an.Article]
		an.Mentions, an.Quotes, an.Events = f.Mentions, f.Quotes, f.Events
	}, fn)
}

// replayCols are the columns storedrows.ScanReplayed reads, over the
// aliases a (articles) and s (signatures, left-joined).
const replayCols = `a.id, a.url, a.outlet, a.title, a.text, a.published, a.date_source, a.date_note, a.kind, s.sig`

// ResolverEntities returns every stored entity as the grouping saved it,
// with its aliases, roles and counts, ordered by ID: what the entity
// resolver continues from.
func (s *DB) ResolverEntities(ctx context.Context) ([]news.Entity, error) {
	rows, err := s.pool.Query(ctx, `SELECT body FROM entities ORDER BY id`)
	out, err := jsonBodies[news.Entity](rows, err)
	if err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	return out, nil
}

// ResolverEntitiesFor returns the stored entities with one of ids, or a
// name or alias whose matching key is one of keys, ordered by ID: those
// that mentions with those keys may resolve to.
func (s *DB) ResolverEntitiesFor(ctx context.Context, ids []news.EntityID, keys []string) ([]news.Entity, error) {
	var keyed bool
	if err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM entity_keys) OR NOT EXISTS (SELECT 1 FROM entities)`).Scan(&keyed); err != nil {
		return nil, fmt.Errorf("read entities: %w", err)
	}
	if !keyed {
		return s.ResolverEntities(ctx)
	}
	if keys == nil {
		keys = []string{}
	}
	rows, err := s.pool.Query(ctx, `SELECT body FROM entities WHERE id = ANY($1)
			OR id IN (SELECT k.entity FROM entity_keys k WHERE k.key = ANY($2))
		ORDER BY id`, strs(ids), keys)
	out, err := jsonBodies[news.Entity](rows, err)
	if err != nil {
		return nil, fmt.Errorf("read entities of %d keys: %w", len(keys), err)
	}
	return out, nil
}

// StoryCandidates returns up to limit stories that an article with the
// lookup keys keys, published at at, may join: stories kept under any of
// the keys (news.Story.Keys) whose span comes within window of at (end
// at or after at-window, begin at or before at+window). Undated stories
// always qualify, and with at zero every story does. Of each key only the
// perKey most recent stories that end within the window are read,
// and of those only the 2*limit on most lists are looked up among the
// stories. The stories sharing the most keys come first, then the most
// recent, then by ID.
func (s *DB) StoryCandidates(ctx context.Context, keys []string, at time.Time, window time.Duration, perKey, limit int) ([]news.StoryID, error) {
	keys = slices.Compact(slices.Sorted(slices.Values(keys)))
	if len(keys) == 0 || limit <= 0 || perKey <= 0 {
		return nil, nil
	}
	var lo, hi *string // NULL: no date condition
	if !at.IsZero() {
		lo, hi = timeValue(at.Add(-window)), timeValue(at.Add(window))
	}
	rows, err := s.pool.Query(ctx, `WITH hit AS MATERIALIZED (
			SELECT r.story, count(*) AS n, max(r.end_at) AS end_at FROM unnest($1::text[]) k(key)
			CROSS JOIN LATERAL (
				SELECT u.story, u.end_at FROM story_terms u
				WHERE u.key = k.key AND ($2::text IS NULL OR u.end_at >= $2::text OR u.end_at = '')
				ORDER BY u.end_at DESC, u.story LIMIT $4) r
			GROUP BY r.story),
		top AS MATERIALIZED (
			SELECT story, n, end_at FROM hit ORDER BY n DESC, end_at DESC, story LIMIT $6)
		SELECT s.id FROM top JOIN stories s ON s.id = top.story
		WHERE $2::text IS NULL OR s.end_at IS NULL OR (s.end_at >= $2::text AND s.begin_at <= $3::text)
		ORDER BY top.n DESC, top.end_at DESC, top.story LIMIT $5`, keys, lo, hi, perKey, limit, 2*limit)
	out, err := collect(rows, err, scanOne[news.StoryID])
	if err != nil {
		return nil, fmt.Errorf("candidate stories of %d keys: %w", len(keys), err)
	}
	return out, nil
}

// StoryCentroids returns the centroids (news.Story.Centroid) of the
// stories in ids that have one.
func (s *DB) StoryCentroids(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]byte, error) {
	return byIDs(ctx, s, "centroids of %d stories", `SELECT story, centroid FROM story_centroids WHERE story = ANY($1)`, ids, scanPair[news.StoryID, []byte])
}

// StorylineCentroids returns the kept centroids of the limit stories of
// storyline id that began last, the latest first; an undated story counts
// as the earliest.
func (s *DB) StorylineCentroids(ctx context.Context, id news.StorylineID, limit int) ([][]byte, error) {
	rows, err := s.pool.Query(ctx, `SELECT c.centroid FROM (
			SELECT s.id, s.begin_at FROM stories s WHERE s.storyline = $1 ORDER BY s.begin_at DESC NULLS LAST, s.id DESC LIMIT $2) l
		JOIN story_centroids c ON c.story = l.id ORDER BY l.begin_at DESC NULLS LAST, l.id DESC`, string(id), max(limit, 0))
	out, err := collect(rows, err, scanOne[[]byte])
	if err != nil {
		return nil, fmt.Errorf("centroids of storyline %s: %w", id, err)
	}
	return out, nil
}

// StorylinesOf returns the storylines of those of ids that are in one.
func (s *DB) StorylinesOf(ctx context.Context, ids []news.StoryID) (map[news.StoryID]news.StorylineID, error) {
	return byIDs(ctx, s, "storylines of %d stories", `SELECT id, storyline FROM stories WHERE id = ANY($1) AND storyline <> ''`, ids, scanPair[news.StoryID, news.StorylineID])
}

// Signatures returns the copy signatures of those of ids that have one.
func (s *DB) Signatures(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID][]byte, error) {
	return byIDs(ctx, s, "signatures of %d articles", `SELECT article, sig FROM signatures WHERE article = ANY($1)`, ids, scanPair[news.ArticleID, []byte])
}

// Members returns the articles of the stories in stories, sorted.
func (s *DB) Members(ctx context.Context, stories []news.StoryID) ([]news.ArticleID, error) {
	if len(stories) == 0 {
		return nil, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT article FROM story_members WHERE story = ANY($1) ORDER BY article`, strs(stories))
	out, err := collect(rows, err, scanOne[news.ArticleID])
	if err != nil {
		return nil, fmt.Errorf("members of %d stories: %w", len(stories), err)
	}
	slices.Sort(out)
	return out, nil
}

// Frequencies returns the stored number of documents and the stored
// document frequencies of keys; keys never counted are absent.
func (s *DB) Frequencies(ctx context.Context, keys []string) (news.Frequencies, error) {
	f := news.Frequencies{DF: make(map[string]int, len(keys))}
	err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE name = 'docs'`).Scan(&f.Docs)
	if err == nil && len(keys) > 0 {
		err = each(ctx, s.pool, `SELECT key, df FROM frequencies WHERE key = ANY($1)`, func(r pgx.Rows) error {
			var k string
			var n int
			if err := r.Scan(&k, &n); err != nil {
				return err
			}
			f.DF[k] = n
			return nil
		}, keys)
	}
	if err != nil {
		return news.Frequencies{}, fmt.Errorf("frequencies of %d keys: %w", len(keys), err)
	}
	return f, nil
}

// GroupingIndexed reports whether the stored lookup keys and frequencies
// cover every story, as a whole grouping leaves them. A PostgreSQL store
// keeps them from its first grouping on, so this is true unless a future
// migration says otherwise.
func (s *DB) GroupingIndexed(ctx context.Context) (bool, error) {
	var v int
	if err := s.pool.QueryRow(ctx, `SELECT value FROM meta WHERE name = 'grouping_indexed'`).Scan(&v); err != nil {
		return false, fmt.Errorf("read grouping index state: %w", err)
	}
	return v == 1, nil
}

// PriorOf is Prior for a working set: the stories of articles, the age of
// those stories (the first stored of all their members) and their
// storylines. Issued holds those stories and storylines and every story,
// storyline and moved ID stored that is a name of fresh or that name, a
// hyphen and digits: the IDs a grouping that names new stories so would
// take from another.
func (s *DB) PriorOf(ctx context.Context, articles []news.ArticleID, fresh []string) (news.Prior, error) {
	p := storedrows.NewPrior()
	if err := s.priorStories(ctx, articles, p); err != nil {
		return news.Prior{}, fmt.Errorf("read prior grouping of %d articles: %w", len(articles), err)
	}
	if err := s.issued(ctx, fresh, p); err != nil {
		return news.Prior{}, fmt.Errorf("read issued IDs of %d names: %w", len(fresh), err)
	}
	return p.Prior(), nil
}

// priorStories reads into p the stories of articles, their ages and
// storylines, and marks the stories and storylines issued.
func (s *DB) priorStories(ctx context.Context, articles []news.ArticleID, p *storedrows.Prior) error {
	if len(articles) == 0 {
		return nil
	}
	read := func(q string, scan func(scanner) error, in any) error {
		return each(ctx, s.pool, q, func(r pgx.Rows) error { return scan(r) }, in)
	}
	if err := read(`SELECT article, story FROM story_members WHERE article = ANY($1)`, p.Membership, strs(articles)); err != nil {
		return err
	}
	stories := p.Stories()
	if len(stories) == 0 {
		return nil
	}
	in := strs(stories)
	return errors.Join(
		read(`SELECT m.story, min(a.seq) FROM story_members m JOIN articles a ON a.id = m.article
			WHERE m.story = ANY($1) GROUP BY m.story`, p.Age, in),
		read(`SELECT id, storyline FROM stories WHERE id = ANY($1)`, p.Line, in),
	)
}

// issued marks issued in p every stored story, storyline and moved ID
// that is a name of fresh, or that name followed by a hyphen and digits.
// Each name reads the range of IDs from it to it followed by ".", the
// character after "-", in each table's index (byte order: the columns
// collate "C").
func (s *DB) issued(ctx context.Context, fresh []string, p *storedrows.Prior) error {
	if len(fresh) == 0 {
		return nil
	}
	scan := p.IssuedAs(fresh)
	return each(ctx, s.pool, `SELECT t.id FROM unnest($1::text[]) f(v) JOIN stories t ON t.id >= f.v COLLATE "C" AND t.id < (f.v || '.') COLLATE "C"
		UNION ALL SELECT t.id FROM unnest($1::text[]) f(v) JOIN storylines t ON t.id >= f.v COLLATE "C" AND t.id < (f.v || '.') COLLATE "C"
		UNION ALL SELECT m.old FROM unnest($1::text[]) f(v) JOIN moved m ON m.kind IN ('story', 'storyline') AND m.old >= f.v COLLATE "C" AND m.old < (f.v || '.') COLLATE "C"
		UNION ALL SELECT m.new FROM unnest($1::text[]) f(v) JOIN moved m ON m.kind IN ('story', 'storyline') AND m.new >= f.v COLLATE "C" AND m.new < (f.v || '.') COLLATE "C"`,
		func(r pgx.Rows) error { return scan(r) }, fresh)
}
