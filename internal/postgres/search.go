package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/snowballstem/english"
	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/fulltext"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/storedrows"
)

// rankWindow is how many of the newest matches a search ranks for its
// first pages.
const rankWindow = 500

// searchMode runs a search's statements unprepared, planned for the
// words asked: a prepared statement's plan, after five runs, may be one
// made for any words, and a search for a rare word then scans the newest
// articles backwards for matches as it would for a common one (p50 11 s
// at 50 clients over 100,000 articles once the tables were analysed).
const searchMode = pgx.QueryExecModeExec

// rankSQL scores a match (articles_fts f, the query $1): ts_rank_cd over
// the title (weight A) and the text (B), a title's words counting five
// times a text's, as the SQLite store's BM25 weights them.
const rankSQL = `ts_rank_cd('{0.1, 0.2, 0.2, 1.0}', f.fts, $1::tsquery)`

// Search runs a full-text query over titles and texts and returns the
// matches best first, with a snippet around the match, and the total
// number of matches.
//
// The query syntax is the SQLite store's: a list of words, all of which
// must occur (in any inflection: the index stems English); "quoted
// phrases" must occur as phrases; a word ending in * matches as a prefix;
// OR between two terms accepts either; a word starting with - must not
// occur. It is turned into a tsquery whose every word is quoted, so no
// user query is a syntax error.
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
	match := tsQuery(query)
	if match == "" {
		return nil, 0, fmt.Errorf("%w: no words to search for", news.ErrInvalid)
	}
	var tsq string
	if err := s.pool.QueryRow(ctx, `SELECT to_tsquery('storyline', $1)::text`, match).Scan(&tsq); err != nil {
		return nil, 0, err
	}
	if tsq == "" {
		return nil, 0, nil // only words the index ignores
	}
	p := params{list: []any{tsq}}
	conds := filterConds(f, "a", &p)
	// Without filters the index alone counts and ranks; the page's rows
	// are read afterwards.
	from := `FROM articles_fts f `
	if len(conds) > 0 {
		from = `FROM articles_fts f JOIN articles a ON a.seq = f.seq `
	}
	where := storedrows.Where(append(conds, "f.fts @@ $1::tsquery"))
	limit, offset := storedrows.Page(f.Limit, f.Offset)
	// One pass over the index reads the newest rankWindow+1 matches with
	// their scores: when that is all of them, it is also the count, and
	// the page is ranked here without a second pass.
	window, err := s.scored(ctx, `SELECT f.seq, `+rankSQL+` `+from+where+`
		ORDER BY f.seq DESC LIMIT `+p.add(rankWindow+1), p.list...)
	if err != nil {
		return nil, 0, err
	}
	p.list = p.list[:len(p.list)-1]
	total := len(window)
	if total > rankWindow {
		window = window[:rankWindow]
		// Counting stops after the limit: a common word matches most of
		// the store, and counting it all costs as much as ranking.
		if err := s.pool.QueryRow(ctx, `SELECT count(*) FROM (SELECT 1 `+from+where+` LIMIT `+p.add(s.countLimit+1)+`) x`,
			append([]any{searchMode}, p.list...)...).Scan(&total); err != nil {
			return nil, 0, err
		}
		p.list = p.list[:len(p.list)-1]
	}
	total = min(total, s.countLimit+1)
	if offset >= min(total, s.countLimit) {
		return nil, total, nil
	}
	limit = min(limit, s.countLimit-offset)
	// When the window holds every match, or the page lies in it, only the
	// newest rankWindow matches are ranked, since a news reader wants
	// recent ones first; a page past the window ranks every match.
	ranked, ok := storedrows.WindowPage(window, total, offset, limit)
	if !ok {
		ranked, err = s.scored(ctx, `SELECT f.seq, `+rankSQL+` AS score `+from+where+`
			ORDER BY score DESC, f.seq DESC LIMIT `+p.add(limit)+` OFFSET `+p.add(offset), p.list...)
		if err != nil {
			return nil, 0, err
		}
	}
	if len(ranked) == 0 {
		return nil, total, nil
	}
	rows, err := s.pool.Query(ctx, `SELECT `+summaryCols+`, a.seq, a.text FROM articles a WHERE a.seq = ANY($1)`, storedrows.Seqs(ranked))
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

// scored runs a query for matches' rows and scores.
func (s *DB) scored(ctx context.Context, q string, args ...any) ([]storedrows.Match, error) {
	rows, err := s.pool.Query(ctx, q, append([]any{searchMode}, args...)...)
	return collect(rows, err, func(r scanner) (m storedrows.Match, err error) {
		var score float32
		err = r.Scan(&m.Seq, &score)
		m.Score = float64(score)
		return m, err
	})
}

// tsQuery turns a user's query into the text of a tsquery (for
// to_tsquery('storyline', ...)) in which every word is quoted, so that
// punctuation and operators are taken literally: terms are joined by &,
// OR by |, a phrase's words by <->; a negated term is & ! and, as in the
// SQLite store, cannot come first.
func tsQuery(q string) string {
	var out []string
	for _, t := range fulltext.Terms(q) {
		if t.Or {
			if len(out) > 0 && out[len(out)-1] != "|" {
				out = append(out, "|")
			}
			continue
		}
		words := strings.Fields(t.Word)
		if t.Prefix && len(words) == 1 {
			words[0] = indexPrefix(words[0])
		}
		for i, w := range words {
			words[i] = "'" + w + "'"
		}
		if t.Prefix {
			words[len(words)-1] += ":*"
		}
		x := strings.Join(words, " <-> ")
		if len(words) > 1 {
			x = "(" + x + ")"
		}
		if t.Neg {
			if len(out) == 0 || out[len(out)-1] == "|" {
				continue // nothing to take the word from
			}
			x = "!" + x
		}
		if len(out) > 0 && out[len(out)-1] != "|" {
			out = append(out, "&")
		}
		out = append(out, x)
	}
	for len(out) > 0 && out[len(out)-1] == "|" {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}

// indexPrefix returns the prefix to look up for a prefix term. The index
// holds stems ("negotiators" is "negoti"), so a prefix longer than a stem
// would miss it: it matches a little less than typed, and without a
// vowel it ends on that the stem may have dropped.
func indexPrefix(word string) string {
	r := []rune(word)
	if len(r) < 6 {
		return word
	}
	r = r[:len(r)-2]
	if strings.ContainsRune("aeiouAEIOU", r[len(r)-1]) {
		r = r[:len(r)-1]
	}
	return string(r)
}

// newHighlighter returns a highlighter of query for this store's index:
// Snowball's English stemmer, as the english text search configuration.
func newHighlighter(query string) *fulltext.Highlighter {
	return fulltext.NewHighlighter(query, fulltext.Index{Stem: english.Stem, Prefix: indexPrefix})
}
