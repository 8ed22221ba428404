package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/blevesearch/snowballstem/porter"

	"github.com/storyline-news/storyline/internal/fulltext"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// rankWindow is how many of the newest matches a search ranks for its
// first pages.
const rankWindow = 500

// Search runs a full-text query over titles and texts and returns the
// matches best first (BM25, titles weighted up), with a snippet around the
// match, and the total number of matches.
//
// The query is a list of words, all of which must occur (in any inflection:
// the index stems English); "quoted phrases" must occur as phrases; a word
// ending in * matches as a prefix; OR between two terms accepts either; a
// word starting with - must not occur. Nothing in the query is FTS5 syntax,
// so no user query is a syntax error.
//
// When more than rankWindow articles match, the first pages rank the
// newest rankWindow of them. The total counts at most
// news.SearchCountLimit matches: past that it is news.SearchCountLimit+1,
// and pages past news.SearchCountLimit are empty.
func (s *DB) Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error) {
	hits, total, err := s.search(ctx, query, f)
	if err != nil {
		return nil, 0, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, total, nil
}

func (s *DB) search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, 0, fmt.Errorf("%w: no words to search for", news.ErrInvalid)
	}
	where, args := filterSQL(f, "a")
	cond := "articles_fts MATCH ?"
	if where == "" {
		where = "WHERE " + cond
	} else {
		where += " AND " + cond
	}
	args = append(args, match)
	// Without filters the index alone counts and ranks, many times faster
	// than through the join; the page's rows are read afterwards.
	from := `FROM articles_fts `
	if len(args) > 1 {
		from = `FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid `
	}
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	// One pass over the index reads the newest rankWindow+1 matches with
	// their scores: when that is all of them, it is also the count, and
	// the page is ranked here without a second pass.
	window, err := s.scored(ctx, `SELECT articles_fts.rowid, -bm25(articles_fts, 5.0, 1.0) `+from+where+`
		ORDER BY articles_fts.rowid DESC`+limitSQL, append(slices.Clone(args), rankWindow+1)...)
	if err != nil {
		return nil, 0, err
	}
	total := len(window)
	if total > rankWindow {
		window = window[:rankWindow]
		// Counting stops after the limit: a common word matches most of
		// the store, and counting it all costs as much as ranking.
		if err := s.queryRow(ctx, `SELECT count(*) FROM (SELECT 1 `+from+where+limitSQL+`)`,
			append(slices.Clone(args), s.countLimit+1)...).Scan(&total); err != nil {
			return nil, 0, err
		}
	}
	total = min(total, s.countLimit+1)
	if offset >= min(total, s.countLimit) {
		return nil, total, nil
	}
	limit = min(limit, s.countLimit-offset)
	// When the window holds every match, or the page lies in it, only the
	// newest rankWindow matches are ranked, since the cost of BM25 grows
	// with the matches and a news reader wants recent ones first; a page
	// past the window ranks every match.
	ranked, ok := storedrows.WindowPage(window, total, offset, limit)
	if !ok {
		ranked, err = s.scored(ctx, `SELECT articles_fts.rowid, -bm25(articles_fts, 5.0, 1.0) `+from+where+`
			ORDER BY bm25(articles_fts, 5.0, 1.0)`+limitOffsetSQL, append(args, limit, offset)...)
		if err != nil {
			return nil, 0, err
		}
	}
	if len(ranked) == 0 {
		return nil, total, nil
	}
	// Snippets for the page's hits only, made here rather than by FTS5's
	// snippet(), which SQLite would run for every ranked match.
	rows, err := s.query(ctx, `SELECT `+summaryCols+`, a.seq, a.text FROM articles a
		WHERE a.seq IN (SELECT value FROM json_each(?))`, idList(storedrows.Seqs(ranked)))
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	hits, err := storedrows.Hits(rows, ranked, newHighlighter(query).Snippet)
	if err != nil {
		return nil, 0, err
	}
	return hits, total, nil
}

// scored runs a query for matches' rows and their BM25 scores.
func (s *DB) scored(ctx context.Context, q string, args ...any) ([]storedrows.Match, error) {
	rows, err := s.query(ctx, q, args...)
	return collect(rows, err, func(r scanner) (m storedrows.Match, err error) { return m, r.Scan(&m.Seq, &m.Score) })
}

// ftsQuery turns a user's query into an FTS5 MATCH expression in which every
// term is quoted, so that punctuation and FTS5 keywords are taken literally.
func ftsQuery(q string) string {
	var out []string
	for _, t := range fulltext.Terms(q) {
		if t.Or {
			if len(out) > 0 && out[len(out)-1] != "OR" {
				out = append(out, "OR")
			}
			continue
		}
		word := t.Word
		x := `"` + word + `"`
		if t.Prefix {
			if !strings.Contains(word, " ") {
				word = indexPrefix(word)
			}
			x = `"` + word + `"*`
		}
		if t.Neg {
			if len(out) == 0 || out[len(out)-1] == "OR" {
				continue // FTS5 cannot start with NOT
			}
			x = "NOT " + x
		}
		out = append(out, x)
	}
	for len(out) > 0 && out[len(out)-1] == "OR" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}

// indexPrefix returns the prefix to look up for a prefix term. The index
// holds stems ("negotiators" is "negoti"), so a prefix longer than a stem
// would miss it: it matches a little less than typed.
func indexPrefix(word string) string {
	if r := []rune(word); len(r) >= 6 {
		return string(r[:len(r)-2])
	}
	return word
}

// newHighlighter returns a highlighter of query for this store's index:
// Porter's stemmer, as FTS5's porter tokenizer.
func newHighlighter(query string) *fulltext.Highlighter {
	return fulltext.NewHighlighter(query, fulltext.Index{Stem: porter.Stem, Prefix: indexPrefix})
}
