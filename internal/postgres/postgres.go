// Package postgres is Storyline's PostgreSQL store: the same articles,
// findings and groupings as the embedded SQLite store (internal/sqlite),
// with the same answers, for several processes on several machines.
//
// Every write is one transaction. The "already known" rule is kept by
// unique indexes and INSERT ... ON CONFLICT DO NOTHING; the writes of a
// grouping (SaveGrouping, Decide, SaveKinds) take one advisory lock, so
// that they follow one another as SQLite's single writer makes them, and
// a partial grouping's scope check reads what the last one committed.
// Every write transaction adds one to a version row (see Version), which
// servers read to know when their caches are stale.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// DB is an open store. It is safe for concurrent use.
type DB struct {
	pool *pgxpool.Pool

	orders storedrows.GroupOrders // see StoryGroups

	countLimit int // news.SearchCountLimit; smaller in tests
}

// Options tune how a store is opened.
type Options struct {
	// Existing refuses a database without a Storyline schema
	// (news.ErrNotFound) instead of creating the schema in it: reading
	// commands pass it, so that a mistyped database name on a shared
	// server is an error rather than new tables there.
	Existing bool
}

// Open connects to the PostgreSQL database at dsn (a postgres:// URL or
// a key=value string) and brings its schema up to date, creating it in
// an empty database.
func Open(ctx context.Context, dsn string) (*DB, error) {
	return OpenWith(ctx, dsn, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, dsn string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w: %v", news.ErrInvalid, err)
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open store %s: %w", redact(dsn), err)
	}
	s := &DB{pool: pool, countLimit: news.SearchCountLimit}
	if err := s.migrate(ctx, opts.Existing); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open store %s: %w", redact(dsn), err)
	}
	return s, nil
}

// redact returns dsn without its password, for messages.
func redact(dsn string) string {
	cfg, err := pgconn.ParseConfig(dsn)
	if err != nil {
		return "(unparsable address)"
	}
	return fmt.Sprintf("postgres://%s@%s:%d/%s", cfg.User, cfg.Host, cfg.Port, cfg.Database)
}

// Close closes the store's connections.
func (s *DB) Close() error {
	s.pool.Close()
	return nil
}

// querier is what a pool and a transaction share.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// groupingLock is the key of the advisory lock the grouping's writes take.
const groupingLock = 0x53544f5259475250 // "STORYGRP"

// maxAttempts is how many times a write transaction is tried when
// PostgreSQL aborts it for a deadlock or a serialization failure.
const maxAttempts = 5

// tx runs fn in a transaction, committing when it returns nil, and runs
// it again (up to maxAttempts in all) when PostgreSQL aborts it for a
// deadlock or a serialization failure; fn must start afresh each time.
func (s *DB) tx(ctx context.Context, fn func(pgx.Tx) error) error {
	var err error
	for range maxAttempts {
		if err = s.tx1(ctx, fn); !retryable(err) {
			return err
		}
	}
	return err
}

func (s *DB) tx1(ctx context.Context, fn func(pgx.Tx) error) error {
	tx, err := s.pool.Begin(ctx)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback(ctx)
		return err
	}
	return tx.Commit(ctx)
}

// retryable reports whether err is a deadlock or serialization failure.
func retryable(err error) bool {
	var pe *pgconn.PgError
	return errors.As(err, &pe) && (pe.Code == "40001" || pe.Code == "40P01")
}

// write is tx for a change of the store: with grouping, after taking the
// grouping's lock; in every case, adding one to the store's version last,
// so that the version row is held only while committing. fn's transaction
// stores a NUL character in text as a space (see storableTx).
func (s *DB) write(ctx context.Context, grouping bool, fn func(pgx.Tx) error) error {
	return s.tx(ctx, func(tx pgx.Tx) error {
		tx = storableTx{tx}
		if grouping {
			if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(groupingLock)); err != nil {
				return fmt.Errorf("lock grouping: %w", err)
			}
		}
		if err := fn(tx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `UPDATE store_version SET v = v + 1`)
		return err
	})
}

// Version returns the store's data version: a number that changes
// whenever any process commits a write. Every write transaction adds one
// to it as its last statement, so that a reader that sees a version also
// sees the writes it counts.
func (s *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := s.pool.QueryRow(ctx, `SELECT v FROM store_version`).Scan(&v); err != nil {
		return 0, fmt.Errorf("store version: %w", err)
	}
	return v, nil
}

// Add stores articles in one transaction and reports, for each, whether it
// was new or already known: an article is known when an article with the
// same ID, the same URL, or the same normalised text from the same outlet
// is stored. The unique indexes decide, so that two processes adding the
// same article at once store it once. Articles must have ID and TextHash
// set.
func (s *DB) Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error) {
	for _, a := range arts {
		if a.ID == "" || a.TextHash == "" {
			return nil, fmt.Errorf("add articles: article %q from %s: %w: missing ID or text hash", a.ID, a.Origin, news.ErrInvalid)
		}
	}
	out := make([]news.AddStatus, len(arts))
	err := s.write(ctx, false, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		for _, a := range arts {
			ingested := a.Ingested
			if ingested.IsZero() {
				ingested = time.Now()
			}
			b.Queue(`INSERT INTO articles
				(id, url, outlet, title, text, published, date_source, date_note, language, origin, text_hash, meta, words, ingested)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) ON CONFLICT DO NOTHING`,
				string(a.ID), a.URL, a.Outlet, a.Title, a.Text, timeValue(a.Published),
				string(a.DateSource), a.DateNote, a.Language, a.Origin, a.TextHash, storedrows.MetaJSON(a.Meta),
				wordCount(a.Text), ingested.UTC().Format(time.RFC3339Nano))
		}
		res := tx.SendBatch(ctx, b)
		for i, a := range arts {
			tag, err := res.Exec()
			if err != nil {
				res.Close()
				return fmt.Errorf("store article %s from %s: %w", a.ID, a.Origin, err)
			}
			out[i] = news.Known
			if tag.RowsAffected() == 1 {
				out[i] = news.Added
			}
		}
		return res.Close()
	})
	if err != nil {
		return nil, fmt.Errorf("add articles: %w", err)
	}
	return out, nil
}

// Article returns one article with its text.
func (s *DB) Article(ctx context.Context, id news.ArticleID) (news.Article, error) {
	a, err := scanArticle(s.pool.QueryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = $1`, string(id)))
	if errors.Is(err, pgx.ErrNoRows) {
		return news.Article{}, fmt.Errorf("article %s: %w", id, news.ErrNotFound)
	}
	if err != nil {
		return news.Article{}, fmt.Errorf("article %s: %w", id, err)
	}
	return a, nil
}

// ArticlesByID returns the articles in ids, text included, in one query;
// unknown IDs are absent.
func (s *DB) ArticlesByID(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Article, error) {
	return byIDs(ctx, s, "read %d articles", `SELECT `+articleCols+` FROM articles WHERE id = ANY($1)`, ids,
		func(r scanner) (news.ArticleID, news.Article, error) {
			a, err := scanArticle(r)
			return a.ID, a, err
		})
}

// articleCols are the columns scanArticle reads, in order.
const articleCols = `id, url, outlet, title, text, published, date_source, date_note,
	language, origin, text_hash, meta, ingested, kind, kind_reasons`

// scanArticle scans articleCols into an article.
func scanArticle(r scanner) (news.Article, error) {
	var (
		a                         news.Article
		published, meta, ingested *string
		dateSource, kind, reasons string
	)
	if err := r.Scan(&a.ID, &a.URL, &a.Outlet, &a.Title, &a.Text, &published, &dateSource, &a.DateNote,
		&a.Language, &a.Origin, &a.TextHash, &meta, &ingested, &kind, &reasons); err != nil {
		return news.Article{}, err
	}
	a.Kind = news.ArticleKind(kind)
	if reasons != "" {
		a.KindReasons = strings.Split(reasons, "\n")
	}
	a.Published = parseTime(published)
	a.DateSource = news.DateSource(dateSource)
	if meta != nil {
		a.Meta = storedrows.ParseMeta(*meta)
	}
	a.Ingested = parseTime(ingested)
	return a, nil
}

// Articles lists articles matching f, newest first (undated last), and the
// total number that match.
func (s *DB) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Summary, int, error) {
	var p params
	where := filterSQL(f, "a", &p)
	var total int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles a `+where, p.list...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+` FROM articles a `+where+`
		ORDER BY a.published DESC NULLS LAST, a.seq DESC LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
	out, err := collect(rows, err, func(r scanner) (news.Summary, error) { return storedrows.ScanSummary(r) })
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	return out, total, nil
}

// Outlets returns every outlet with its number of articles, biggest first.
func (s *DB) Outlets(ctx context.Context) ([]news.OutletCount, error) {
	rows, err := s.pool.Query(ctx, `SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet`)
	out, err := collect(rows, err, func(r scanner) (o news.OutletCount, err error) { return o, r.Scan(&o.Outlet, &o.Articles) })
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return out, nil
}

// Count returns the number of stored articles.
func (s *DB) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// CountUpTo returns the number of stored articles, or limit when there
// are more: it reads at most limit rows, where Count reads every one.
func (s *DB) CountUpTo(ctx context.Context, limit int) (int, error) {
	var n int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles LIMIT $1) x`, max(limit, 0)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

const summaryCols = `a.id, a.url, a.outlet, a.title, a.published, a.date_source, a.language, a.words, a.kind`

type scanner = storedrows.Scanner

// each runs the query q with args on s and hands every row to fn.
func each(ctx context.Context, q querier, sql string, fn func(pgx.Rows) error, args ...any) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storedrows.Each(rows, fn)
}

// collect scans every row of rows with scan and closes rows. err is the
// query's, so that a call reads collect(s.pool.Query(...)) in effect: the
// caller wraps the one error with its operation.
func collect[T any](rows pgx.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storedrows.Collect(rows, scan)
}

// params numbers a query's parameters as they are added.
type params struct{ list []any }

// add appends v and returns its placeholder.
func (p *params) add(v any) string {
	p.list = append(p.list, v)
	return "$" + strconv.Itoa(len(p.list))
}

// filterSQL returns a WHERE clause (possibly empty) for f, over the
// articles table aliased as t, adding its arguments to p.
func filterSQL(f news.ArticleFilter, t string, p *params) string {
	return storedrows.Where(filterConds(f, t, p))
}

func filterConds(f news.ArticleFilter, t string, p *params) []string {
	var conds []string
	if f.Outlet != "" {
		conds = append(conds, "lower("+t+".outlet) = "+lowerArg(p.add(f.Outlet))+"")
	}
	if f.Kind != news.KindUnknown {
		conds = append(conds, t+".kind = "+p.add(string(f.Kind)))
	}
	if !f.From.IsZero() {
		conds = append(conds, t+".published >= "+p.add(timeValue(f.From)))
	}
	if !f.To.IsZero() {
		conds = append(conds, t+".published < "+p.add(timeValue(f.To)))
	}
	return conds
}

// timeValue is how a time is stored (see storedrows.TimeValue).
func timeValue(t time.Time) *string { return storedrows.TimeValue(t) }

// parseTime reads a stored time (see storedrows.ParseTime).
func parseTime(s *string) time.Time { return storedrows.ParseTime(s) }

func wordCount(s string) int { return len(strings.Fields(s)) }

// strs converts typed IDs to the strings a text[] parameter takes.
func strs[T ~string](ids []T) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = string(id)
	}
	return out
}

// Check verifies the store: that no article is stored twice. (The unique
// indexes forbid it; a damaged index would not.)
func (s *DB) Check(ctx context.Context) error {
	var dups int
	if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles WHERE url <> '' GROUP BY url HAVING count(*) > 1
		UNION ALL SELECT 1 FROM articles GROUP BY text_hash, outlet HAVING count(*) > 1) x`).Scan(&dups); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	if dups > 0 {
		return fmt.Errorf("check store: %d articles stored twice", dups)
	}
	return nil
}

// lowerArg is the SQL of a parameter in lower case as the columns, which
// collate "C", are: ASCII letters only, as SQLite's NOCASE folds them.
func lowerArg(placeholder string) string { return "lower(" + placeholder + `::text COLLATE "C")` }

// asciiLower is strings.ToLower for ASCII letters only, as lowerArg.
func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// storableTx is a transaction whose text arguments are made storable:
// PostgreSQL's text holds no NUL character, which SQLite's does and a
// JSON Lines input or a posted article may carry ("\u0000"). A NUL is
// stored as a space, one byte for one, so that the offsets of findings
// in a text still hold; the article's identity, hashed before, is kept.
type storableTx struct{ pgx.Tx }

func (t storableTx) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return t.Tx.Exec(ctx, sql, storable(args)...)
}

func (t storableTx) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	return t.Tx.Query(ctx, sql, storable(args)...)
}

func (t storableTx) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	return t.Tx.QueryRow(ctx, sql, storable(args)...)
}

func (t storableTx) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	for _, q := range b.QueuedQueries {
		q.Arguments = storable(q.Arguments)
	}
	return t.Tx.SendBatch(ctx, b)
}

func (t storableTx) CopyFrom(ctx context.Context, table pgx.Identifier, cols []string, src pgx.CopyFromSource) (int64, error) {
	return t.Tx.CopyFrom(ctx, table, cols, storableSource{src})
}

// storableSource is a CopyFromSource whose rows are made storable.
type storableSource struct{ pgx.CopyFromSource }

func (s storableSource) Values() ([]any, error) {
	v, err := s.CopyFromSource.Values()
	return storable(v), err
}

// storable returns args with NUL characters in its strings (string,
// *string, []string) replaced by spaces; args itself when it has none.
func storable(args []any) []any {
	var out []any
	for i, a := range args {
		if v, ok := withoutNUL(a); ok {
			if out == nil {
				out = slices.Clone(args)
			}
			out[i] = v
		}
	}
	if out == nil {
		return args
	}
	return out
}

// withoutNUL returns a without NUL characters, and whether it had any.
func withoutNUL(a any) (any, bool) {
	clean := func(s string) string { return strings.ReplaceAll(s, "\x00", " ") }
	switch v := a.(type) {
	case string:
		if strings.IndexByte(v, 0) >= 0 {
			return clean(v), true
		}
	case *string:
		if v != nil && strings.IndexByte(*v, 0) >= 0 {
			c := clean(*v)
			return &c, true
		}
	case []string:
		if slices.ContainsFunc(v, func(s string) bool { return strings.IndexByte(s, 0) >= 0 }) {
			c := make([]string, len(v))
			for i, s := range v {
				c[i] = clean(s)
			}
			return c, true
		}
	}
	return a, false
}
