package storedrows

import "github.com/storyline-news/storyline/internal/news"

// Replayed is an article as a store's Replay hands it on, with its
// analysis.
type Replayed struct {
	Article  news.Article
	Analysis news.Analysis
}

// ScanReplayed scans an article to replay: its id, url, outlet, title,
// text, published, date source, date note and kind, and its copy
// signature (NULL for none).
func ScanReplayed(r Scanner) (Replayed, error) {
	var x Replayed
	var pub *string
	var ds, kind string
	a := &x.Article
	if err := r.Scan(&a.ID, &a.URL, &a.Outlet, &a.Title, &a.Text, &pub, &ds, &a.DateNote, &kind, &x.Analysis.Signature); err != nil {
		return x, err
	}
	a.Published, a.DateSource, a.Kind = ParseTime(pub), news.DateSource(ds), news.ArticleKind(kind)
	x.Analysis.Article = a.ID
	return x, nil
}

// HandOn calls fn with each of recs in order, its analysis given its
// findings (mentions, quotes, events) by find first, and stops at fn's
// first error. It lets each go once handed on: a replay holds every
// article's text.
func HandOn(recs []Replayed, find func(*news.Analysis), fn func(news.Article, news.Analysis) error) error {
	for i := range recs {
		find(&recs[i].Analysis)
		if err := fn(recs[i].Article, recs[i].Analysis); err != nil {
			return err
		}
		recs[i] = Replayed{}
	}
	return nil
}

// ReplayIDs returns the IDs of recs' articles, in order.
func ReplayIDs(recs []Replayed) []news.ArticleID {
	ids := make([]news.ArticleID, len(recs))
	for i, r := range recs {
		ids[i] = r.Article.ID
	}
	return ids
}
