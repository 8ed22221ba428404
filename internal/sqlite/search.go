package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// rankWindow is how many of the newest matches a search ranks for its
// first pages.
const rankWindow = 500

// Markers that snippet() puts around matched words; they cannot occur in
// stored text, which extraction has cleaned of control characters.
const (
	markOpen  = "\x01"
	markClose = "\x02"
)

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
// newest rankWindow of them; the total still counts them all.
func (s *DB) Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error) {
	match := ftsQuery(query)
	if match == "" {
		return nil, 0, fmt.Errorf("search %q: %w: no words to search for", query, news.ErrInvalid)
	}
	where, args := filterSQL(f, "a")
	cond := "articles_fts MATCH ?"
	if where == "" {
		where = "WHERE " + cond
	} else {
		where += " AND " + cond
	}
	args = append(args, match)
	var total int
	// Without filters the index alone counts, ten times faster than
	// through the join.
	count := `SELECT count(*) FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid ` + where
	if len(args) == 1 {
		count = `SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?`
	}
	if err := s.db.QueryRowContext(ctx, count, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("search %q: %w", query, err)
	}
	limit, offset := page(f)
	if total > rankWindow && offset+limit <= rankWindow {
		// Rank only the newest rankWindow matches: the cost of BM25 grows
		// with the matches, and a news reader wants recent ones first.
		var cutoff int64
		err := s.db.QueryRowContext(ctx, `SELECT articles_fts.rowid FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid `+where+`
			ORDER BY articles_fts.rowid DESC LIMIT 1 OFFSET ?`, append(slices.Clone(args), rankWindow-1)...).Scan(&cutoff)
		if err == nil {
			where += " AND articles_fts.rowid >= ?"
			args = append(args, cutoff)
		}
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+summaryCols+`, -bm25(articles_fts, 5.0, 1.0),
			snippet(articles_fts, 1, '`+markOpen+`', '`+markClose+`', '…', 24)
		FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid `+where+`
		ORDER BY bm25(articles_fts, 5.0, 1.0) LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, 0, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []news.SearchHit
	for rows.Next() {
		var h news.SearchHit
		var snip string
		h.Summary, err = scanSummary(rows, &h.Score, &snip)
		if err != nil {
			return nil, 0, fmt.Errorf("search %q: %w", query, err)
		}
		h.Snippet, h.Highlights = unmark(snip)
		hits = append(hits, h)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, total, nil
}

// unmark removes highlight markers from s and returns the spans they marked.
func unmark(s string) (string, []news.Span) {
	var b strings.Builder
	var spans []news.Span
	start := -1
	for _, r := range s {
		switch string(r) {
		case markOpen:
			start = b.Len()
		case markClose:
			if start >= 0 {
				spans = append(spans, news.Span{Start: start, End: b.Len()})
				start = -1
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), spans
}

// ftsQuery turns a user's query into an FTS5 MATCH expression in which every
// term is quoted, so that punctuation and FTS5 keywords are taken literally.
func ftsQuery(q string) string {
	var terms []string
	for len(q) > 0 {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		neg := false
		if q[0] == '-' && len(q) > 1 {
			neg = true
			q = q[1:]
		}
		var word string
		prefix := false
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				word, q = q[1:], ""
			} else {
				word, q = q[1:1+end], q[2+end:]
			}
		} else {
			end := strings.IndexFunc(q, unicode.IsSpace)
			if end < 0 {
				end = len(q)
			}
			word, q = q[:end], q[end:]
			if word == "OR" && len(terms) > 0 {
				terms = append(terms, "OR")
				continue
			}
			if strings.HasSuffix(word, "*") {
				prefix = true
			}
		}
		word = cleanTerm(word)
		if word == "" {
			continue
		}
		t := `"` + word + `"`
		if prefix {
			// The index holds stems ("negotiators" is "negoti"), so a
			// prefix longer than a stem would miss it: match a little less.
			if r := []rune(word); len(r) >= 6 && !strings.Contains(word, " ") {
				word = string(r[:len(r)-2])
			}
			t = `"` + word + `"*`
		}
		if neg {
			if len(terms) == 0 {
				continue // FTS5 cannot start with NOT
			}
			t = "NOT " + t
		}
		terms = append(terms, t)
	}
	for len(terms) > 0 && terms[len(terms)-1] == "OR" {
		terms = terms[:len(terms)-1]
	}
	return strings.Join(terms, " ")
}

// cleanTerm keeps letters, digits and inner spaces of a term: the tokenizer
// drops everything else anyway, and quotes would end the FTS5 string.
func cleanTerm(w string) string {
	w = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return r
		}
		return ' '
	}, w)
	return strings.Join(strings.Fields(w), " ")
}
