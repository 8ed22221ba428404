// Package sqlite is Storyline's embedded store: one SQLite file holding
// articles, their full-text index and everything later stages find in them.
//
// The file is opened in WAL mode, so one process can ingest while others read
// (storyline serve), and every write happens in a transaction, so a process
// killed in the middle of an ingest leaves the store as it was after the last
// committed batch. Schema changes are numbered migrations (see schema.go),
// applied in order when the store is opened.
package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver
)

// DB is an open store. It is safe for concurrent use.
type DB struct {
	db   *sql.DB
	path string

	verMu   sync.Mutex
	verConn *sql.Conn // see Version

	stmts sync.Map // query text → *sql.Stmt; see prepared

	orders storedrows.GroupOrders // see StoryGroups

	countLimit int // news.SearchCountLimit; smaller in tests
}

// Paging clauses. Their parameters are added to zero: SQLite plans a
// query with a bare parameter in LIMIT or OFFSET again every time a value
// is bound to it, as if the schema had changed, and that planning cost a
// story page a sixth of its time.
const (
	limitSQL       = ` LIMIT ?+0`
	limitOffsetSQL = ` LIMIT ?+0 OFFSET ?+0`
)

// Options tune how a store is opened.
type Options struct {
	// MapSize is how many bytes of the file connections map into memory
	// instead of reading pages into each connection's cache (SQLite's
	// mmap_size; at most MaxMapSize). A server's searches touch many
	// pages of the full-text index and run ~10% faster mapped; an ingest
	// gains nothing, and the mapped pages it touches count as its memory.
	MapSize int64
}

// MaxMapSize is the most of a file SQLite maps.
const MaxMapSize = 0x7fff0000

// Open opens the store in the file at path, creating it (and its directory)
// if needed, and brings its schema up to date.
func Open(ctx context.Context, path string) (*DB, error) {
	return OpenWith(ctx, path, Options{})
}

// OpenWith is Open with options.
func OpenWith(ctx context.Context, path string, opts Options) (*DB, error) {
	return openDriver(ctx, "sqlite", path, opts)
}

// openDriver is OpenWith through the database/sql driver named driverName:
// modernc.org/sqlite's, or in tests one that wraps it.
func openDriver(ctx context.Context, driverName, path string, opts Options) (*DB, error) {
	if path == "" {
		return nil, fmt.Errorf("open store: %w: empty path", news.ErrInvalid)
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("open store %q: %w", path, err)
		}
	}
	q := url.Values{}
	for _, p := range []string{
		"journal_mode(WAL)",
		"synchronous(NORMAL)", // with WAL: durable against a killed process
		"busy_timeout(10000)",
		"foreign_keys(ON)",
		fmt.Sprintf("mmap_size(%d)", min(max(opts.MapSize, 0), MaxMapSize)),
	} {
		q.Add("_pragma", p)
	}
	q.Set("_txlock", "immediate")
	dsn := "file:" + path + "?" + q.Encode()
	db, err := sql.Open(driverName, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store %q: %w", path, err)
	}
	// SQLite serialises writers; a small pool keeps readers concurrent
	// (one connection is kept for Version). Connections stay open when
	// idle: a new one reads the schema and prepares its statements again,
	// and with database/sql's default of two idle connections, four
	// concurrent readers on two cores served half as many searches as two.
	conns := max(5, runtime.GOMAXPROCS(0)+2)
	db.SetMaxOpenConns(conns)
	db.SetMaxIdleConns(conns)
	s := &DB{db: db, path: path, countLimit: news.SearchCountLimit}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("open store %q: %w", path, err)
	}
	return s, nil
}

// Close closes the store.
func (s *DB) Close() error {
	s.verMu.Lock()
	if s.verConn != nil {
		s.verConn.Close()
		s.verConn = nil
	}
	s.verMu.Unlock()
	s.stmts.Range(func(_, st any) bool {
		st.(*sql.Stmt).Close()
		return true
	})
	return s.db.Close()
}

// Path returns the file the store lives in.
func (s *DB) Path() string { return s.path }

// Add stores articles in one transaction and reports, for each, whether it
// was new or already known: an article is known when an article with the
// same URL, or with the same normalised text from the same outlet, is
// stored. Articles must have ID and TextHash set.
func (s *DB) Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error) {
	out := make([]news.AddStatus, len(arts))
	err := s.tx(ctx, func(tx *sql.Tx) error {
		find, err := tx.PrepareContext(ctx, `SELECT 1 FROM articles WHERE id = ? OR (url = ? AND url <> '') OR (text_hash = ? AND outlet = ?) LIMIT 1`)
		if err != nil {
			return err
		}
		defer find.Close()
		ins, err := tx.PrepareContext(ctx, `INSERT INTO articles
			(id, url, outlet, title, text, published, date_source, date_note, language, origin, text_hash, meta, words, ingested)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer ins.Close()
		for i, a := range arts {
			if a.ID == "" || a.TextHash == "" {
				return fmt.Errorf("article %q from %s: %w: missing ID or text hash", a.ID, a.Origin, news.ErrInvalid)
			}
			var one int
			switch err := find.QueryRowContext(ctx, a.ID, a.URL, a.TextHash, a.Outlet).Scan(&one); {
			case err == nil:
				out[i] = news.Known
				continue
			case !errors.Is(err, sql.ErrNoRows):
				return err
			}
			ingested := a.Ingested
			if ingested.IsZero() {
				ingested = time.Now()
			}
			if _, err := ins.ExecContext(ctx, a.ID, a.URL, a.Outlet, a.Title, a.Text, timeValue(a.Published),
				string(a.DateSource), a.DateNote, a.Language, a.Origin, a.TextHash, storedrows.MetaJSON(a.Meta),
				wordCount(a.Text), ingested.UTC().Format(time.RFC3339Nano)); err != nil {
				return fmt.Errorf("store article %s from %s: %w", a.ID, a.Origin, err)
			}
			out[i] = news.Added
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add articles: %w", err)
	}
	return out, nil
}

// Article returns one article with its text.
func (s *DB) Article(ctx context.Context, id news.ArticleID) (news.Article, error) {
	a, err := scanArticle(s.queryRow(ctx, `SELECT `+articleCols+` FROM articles WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
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
	return byIDs(ctx, s, "read %d articles", `SELECT `+articleCols+` FROM articles WHERE id IN (SELECT value FROM json_each(?))`, ids,
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
		published, meta, ingested sql.NullString
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
	a.Meta = storedrows.ParseMeta(meta.String)
	a.Ingested = parseTime(ingested)
	return a, nil
}

// Articles lists articles matching f, newest first (undated last), and the
// total number that match.
func (s *DB) Articles(ctx context.Context, f news.ArticleFilter) ([]news.Summary, int, error) {
	where, args := filterSQL(f, "a")
	var total int
	if err := s.queryRow(ctx, `SELECT count(*) FROM articles a `+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	rows, err := s.query(ctx, `SELECT `+summaryCols+` FROM articles a `+where+`
		ORDER BY a.published DESC, a.seq DESC`+limitOffsetSQL, append(args, limit, offset)...) // NULLs sort last in DESC order
	out, err := collect(rows, err, func(r scanner) (news.Summary, error) { return storedrows.ScanSummary(r) })
	if err != nil {
		return nil, 0, fmt.Errorf("list articles: %w", err)
	}
	return out, total, nil
}

// Outlets returns every outlet with its number of articles, biggest first.
func (s *DB) Outlets(ctx context.Context) ([]news.OutletCount, error) {
	rows, err := s.query(ctx, `SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY count(*) DESC, outlet`)
	out, err := collect(rows, err, func(r scanner) (o news.OutletCount, err error) { return o, r.Scan(&o.Outlet, &o.Articles) })
	if err != nil {
		return nil, fmt.Errorf("list outlets: %w", err)
	}
	return out, nil
}

// Count returns the number of stored articles.
func (s *DB) Count(ctx context.Context) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT count(*) FROM articles`).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

// CountUpTo returns the number of stored articles, or limit when there
// are more: it reads at most limit rows, where Count reads every one.
func (s *DB) CountUpTo(ctx context.Context, limit int) (int, error) {
	var n int
	if err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles LIMIT ?+0)`, max(limit, 0)).Scan(&n); err != nil {
		return 0, fmt.Errorf("count articles: %w", err)
	}
	return n, nil
}

const summaryCols = `a.id, a.url, a.outlet, a.title, a.published, a.date_source, a.language, a.words, a.kind`

type scanner = storedrows.Scanner

// each runs the query q with args and hands every row to fn.
func (s *DB) each(ctx context.Context, q string, fn func(*sql.Rows) error, args ...any) error {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	return storedrows.Each(rows, fn)
}

// collect scans every row of rows with scan and closes rows. err is the
// query's, so that a call reads collect(s.query(...)) in effect: the
// caller wraps the one error with its operation.
func collect[T any](rows *sql.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	return storedrows.Collect(rows, scan)
}

// filterSQL returns a WHERE clause (possibly empty) and its arguments for f,
// over the articles table aliased as t.
func filterSQL(f news.ArticleFilter, t string) (string, []any) {
	var conds []string
	var args []any
	if f.Outlet != "" {
		conds = append(conds, t+".outlet = ? COLLATE NOCASE")
		args = append(args, f.Outlet)
	}
	if f.Kind != news.KindUnknown {
		conds = append(conds, t+".kind = ?")
		args = append(args, string(f.Kind))
	}
	if !f.From.IsZero() {
		conds = append(conds, t+".published >= ?")
		args = append(args, timeValue(f.From))
	}
	if !f.To.IsZero() {
		conds = append(conds, t+".published < ?")
		args = append(args, timeValue(f.To))
	}
	if len(conds) == 0 {
		return "", nil
	}
	return storedrows.Where(conds), args
}

// tx runs fn in a transaction, committing when it returns nil.
func (s *DB) tx(ctx context.Context, fn func(*sql.Tx) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// timeValue stores times as UTC RFC 3339 text, which sorts in time order;
// the zero time is NULL.
func timeValue(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

// parseTime reads a stored time (see storedrows.ParseTime).
func parseTime(s sql.NullString) time.Time {
	if !s.Valid {
		return time.Time{}
	}
	return storedrows.ParseTime(&s.String)
}

func wordCount(s string) int { return len(strings.Fields(s)) }

// Check verifies the store: SQLite's integrity check, the full-text index
// against the articles, and that no article is stored twice.
func (s *DB) Check(ctx context.Context) error {
	var res string
	if err := s.db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&res); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	if res != "ok" {
		return fmt.Errorf("check store: integrity: %s", res)
	}
	if _, err := s.db.ExecContext(ctx, `INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)`); err != nil {
		return fmt.Errorf("check store: full-text index: %w", err)
	}
	var dups int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM (SELECT 1 FROM articles WHERE url <> '' GROUP BY url HAVING count(*) > 1
		UNION ALL SELECT 1 FROM articles GROUP BY text_hash, outlet HAVING count(*) > 1)`).Scan(&dups); err != nil {
		return fmt.Errorf("check store: %w", err)
	}
	if dups > 0 {
		return fmt.Errorf("check store: %d articles stored twice", dups)
	}
	return nil
}

// Version returns the store's data version: a number that changes whenever
// any connection, in this process or another, commits a write. It is read
// on a connection of its own, which never writes, as SQLite's data_version
// counts the commits of other connections only.
func (s *DB) Version(ctx context.Context) (int64, error) {
	s.verMu.Lock()
	defer s.verMu.Unlock()
	if s.verConn == nil {
		c, err := s.db.Conn(ctx)
		if err != nil {
			return 0, fmt.Errorf("store version: %w", err)
		}
		s.verConn = c
	}
	var v int64
	if err := s.verConn.QueryRowContext(ctx, `PRAGMA data_version`).Scan(&v); err != nil {
		s.verConn.Close()
		s.verConn = nil
		return 0, fmt.Errorf("store version: %w", err)
	}
	return v, nil
}

// query runs a statement prepared once per store.
func (s *DB) query(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return nil, err
	}
	return st.QueryContext(ctx, args...)
}

// queryRow is query for one row.
func (s *DB) queryRow(ctx context.Context, q string, args ...any) *sql.Row {
	st, err := s.prepared(ctx, q)
	if err != nil {
		return s.db.QueryRowContext(ctx, q, args...) // reports err when scanned
	}
	return st.QueryRowContext(ctx, args...)
}

// prepared returns the statement for q, preparing it the first time. The
// statements are few: one per query shape, not per argument.
func (s *DB) prepared(ctx context.Context, q string) (*sql.Stmt, error) {
	if st, ok := s.stmts.Load(q); ok {
		return st.(*sql.Stmt), nil
	}
	st, err := s.db.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	if prev, loaded := s.stmts.LoadOrStore(q, st); loaded {
		st.Close()
		return prev.(*sql.Stmt), nil
	}
	return st, nil
}
