package server

import (
	"cmp"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// The JSON API: lists are paginated (?limit=&offset=, the response carries
// total) and export as CSV or JSON Lines (?format=csv, ?format=jsonl);
// details return the view their page shows, with its long list (a story's
// articles, a storyline's or an entity's stories, an article's copies)
// paginated the same way.

func (s *Server) apiStories(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, storyTable, s.loadStories)
}

func (s *Server) apiStory(w http.ResponseWriter, r *http.Request) error {
	v, id, _, err := s.loadStoryDetail(r)
	if err != nil {
		return s.redirectMoved(w, r, news.KindStory, id, err)
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// apiStoryCompare answers a story's sources side by side.
func (s *Server) apiStoryCompare(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	res, err := s.storyComparison(r.Context(), news.StoryID(id))
	if err != nil {
		return s.redirectMoved(w, r, news.KindStory, id, err)
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) apiStorylines(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, storylineTable, s.loadStorylines)
}

func (s *Server) apiStoryline(w http.ResponseWriter, r *http.Request) error {
	v, id, _, err := loadDetail(r, s.loadStoryline)
	if err != nil {
		return s.redirectMoved(w, r, news.KindStoryline, id, err)
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

func (s *Server) apiEntities(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, entityTable, s.loadEntities)
}

func (s *Server) apiEntity(w http.ResponseWriter, r *http.Request) error {
	return serveDetail(w, r, s.loadEntity)
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, articleTable, s.loadArticles)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) error {
	return serveDetail(w, r, s.loadArticle)
}

// apiArticleCompare answers what a copy changed in its original.
func (s *Server) apiArticleCompare(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	res, err := s.compareWithOriginal(r.Context(), news.ArticleID(id))
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, res)
	return nil
}

func (s *Server) apiQuotes(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, quoteTable, s.loadQuotes)
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) error {
	return serveList(w, r, eventTable, s.loadEvents)
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	if p.Format == formatJSON {
		v, err := s.loadSearch(r.Context(), q, p)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, v)
		return nil
	}
	return export(w, r, p, searchTable, func(ctx context.Context, p listParams) (List[SearchItem], error) {
		v, err := s.loadSearch(ctx, q, p)
		return v.List, err
	})
}

func (s *Server) apiOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Write(openAPI)
	return nil
}

// table says how a list exports: its file name and its CSV columns.
type table[T any] struct {
	name   string
	header []string
	row    func(T) []string
}

// serveList answers a list request: a page of JSON, or an export. load
// loads a page of the list: q holds its filters, p the page asked for.
func serveList[T any](w http.ResponseWriter, r *http.Request, t table[T], load func(ctx context.Context, q url.Values, p listParams) (List[T], error)) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	if p.Format == formatJSON {
		l, err := load(r.Context(), q, p)
		if err != nil {
			return err
		}
		writeJSON(w, http.StatusOK, l)
		return nil
	}
	return export(w, r, p, t, func(ctx context.Context, p listParams) (List[T], error) { return load(ctx, q, p) })
}

// loadDetail loads the view of a detail request: the ID is its path's,
// the list parameters are those of the view's long list. id is returned
// for redirectMoved.
func loadDetail[ID ~string, V any](r *http.Request, load func(context.Context, ID, listParams) (V, error)) (v V, id string, p listParams, err error) {
	if id, err = pathID(r); err != nil {
		return v, id, p, err
	}
	if p, err = parseList(r.URL.Query()); err != nil {
		return v, id, p, err
	}
	v, err = load(r.Context(), ID(id), p)
	return v, id, p, err
}

// loadStoryDetail is loadDetail for a story, whose long list, its copy
// groups, takes ?outlet= besides (see storyParams).
func (s *Server) loadStoryDetail(r *http.Request) (v StoryView, id string, p listParams, err error) {
	if id, err = pathID(r); err != nil {
		return v, id, p, err
	}
	var outlet string
	if p, outlet, err = storyParams(r.URL.Query()); err != nil {
		return v, id, p, err
	}
	v, err = s.loadStory(r.Context(), news.StoryID(id), p, outlet)
	return v, id, p, err
}

// serveDetail answers a detail request with the view load returns.
func serveDetail[ID ~string, V any](w http.ResponseWriter, r *http.Request, load func(context.Context, ID, listParams) (V, error)) error {
	v, _, _, err := loadDetail(r, load)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, v)
	return nil
}

// Export paging: an export without a limit reads the whole list, a page of
// exportPage rows at a time, up to maxExport rows.
const (
	exportPage = 500
	maxExport  = 1_000_000
)

// export writes a list as CSV or JSON Lines. With ?limit= it writes that
// page; without, every row from ?offset= on.
func export[T any](w http.ResponseWriter, r *http.Request, p listParams, t table[T], load func(context.Context, listParams) (List[T], error)) error {
	all := !p.LimitSet
	if all {
		p.Limit = exportPage
	}
	ctx := r.Context()
	l, err := load(ctx, p) // before any output, so that an error still gets its status
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Cache-Control", "no-store")
	if !l.TotalCapped {
		h.Set("X-Total-Count", strconv.Itoa(l.Total))
	}
	var put func(T) error
	var flush func() error
	switch p.Format {
	case formatCSV:
		h.Set("Content-Type", "text/csv; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+t.name+`.csv"`)
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return err
		}
		put = func(v T) error { return cw.Write(t.row(v)) }
		flush = func() error { cw.Flush(); return cw.Error() }
	default:
		h.Set("Content-Type", "application/jsonl; charset=utf-8")
		h.Set("Content-Disposition", `attachment; filename="`+t.name+`.jsonl"`)
		enc := json.NewEncoder(w)
		put = func(v T) error { return enc.Encode(v) }
		flush = func() error { return nil }
	}
	written := 0
	for {
		for _, v := range l.Items {
			if err := put(v); err != nil {
				return nil // the client went away; the status is sent
			}
			written++
		}
		if !all || len(l.Items) < p.Limit || written >= maxExport || ctx.Err() != nil {
			break
		}
		p.Offset += p.Limit
		if l, err = load(ctx, p); err != nil {
			break // too late for a status: the export ends short of X-Total-Count
		}
	}
	flush()
	return nil
}

// cell makes a text safe for a spreadsheet: a cell that starts like a
// formula is prefixed with a quote, so that article text never runs as one.
func cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func csvTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

func cells(list []string) string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = cell(s)
	}
	return strings.Join(out, "; ")
}

var storyTable = table[StoryItem]{
	name:   "stories",
	header: []string{"id", "title", "begin", "end", "articles", "outlets", "copies", "storyline", "storyline_name", "outlet_names"},
	row: func(s StoryItem) []string {
		names := make([]string, len(s.OutletList))
		for i, o := range s.OutletList {
			names[i] = o.Outlet
		}
		return []string{string(s.ID), cell(s.Title), csvTime(s.Begin), csvTime(s.End), strconv.Itoa(s.Size),
			strconv.Itoa(s.Outlets), strconv.Itoa(s.Copies), string(s.Storyline), cell(s.StorylineName), cells(names)}
	},
}

var storylineTable = table[news.Storyline]{
	name:   "storylines",
	header: []string{"id", "name", "begin", "end", "stories", "actors", "terms"},
	row: func(l news.Storyline) []string {
		return []string{string(l.ID), cell(l.Name), csvTime(l.Begin), csvTime(l.End), strconv.Itoa(len(l.Stories)),
			cells(l.Actors), cells(l.Terms)}
	},
}

var entityTable = table[news.Entity]{
	name:   "entities",
	header: []string{"id", "name", "type", "mentions", "aliases", "roles", "country"},
	row: func(e news.Entity) []string {
		return []string{string(e.ID), cell(e.Name), string(e.Type), strconv.Itoa(e.Mentions), cells(e.Aliases), cells(e.Roles), e.Country}
	},
}

var articleTable = table[ArticleItem]{
	name:   "articles",
	header: []string{"id", "published", "outlet", "title", "url", "language", "words", "date_source", "story", "kind"},
	row: func(a ArticleItem) []string {
		return []string{string(a.ID), csvTime(a.Published), cell(a.Outlet), cell(a.Title), cell(a.URL), a.Language,
			strconv.Itoa(a.Words), string(a.DateSource), string(a.Story), string(a.Kind)}
	},
}

var quoteTable = table[news.QuoteRef]{
	name:   "quotes",
	header: []string{"article", "story", "published", "outlet", "speaker", "entity", "cue", "direct", "text", "kind"},
	row: func(q news.QuoteRef) []string {
		return []string{string(q.Article.ID), string(q.Story), csvTime(q.Article.Published), cell(q.Article.Outlet),
			cell(q.Speaker), string(q.Entity), cell(q.Cue), strconv.FormatBool(q.Direct), cell(q.Text), string(cmp.Or(q.Kind, news.QuoteSpeech))}
	},
}

var eventTable = table[news.EventRef]{
	name: "events",
	header: []string{"article", "story", "published", "outlet", "type", "trigger", "actor", "target", "place", "when",
		"killed", "injured", "arrested"},
	row: func(e news.EventRef) []string {
		when := ""
		if e.When != nil {
			when = e.When.Value
		}
		return []string{string(e.Article.ID), string(e.Story), csvTime(e.Article.Published), cell(e.Article.Outlet),
			string(e.Type), cell(e.Trigger), cell(e.Actor), cell(e.Target), cell(e.Place), when,
			strconv.Itoa(e.Killed), strconv.Itoa(e.Injured), strconv.Itoa(e.Arrested)}
	},
}

var searchTable = table[SearchItem]{
	name:   "search",
	header: []string{"score", "id", "published", "outlet", "title", "url", "story", "snippet"},
	row: func(h SearchItem) []string {
		return []string{fmt.Sprintf("%.4f", h.Score), string(h.ID), csvTime(h.Published), cell(h.Outlet), cell(h.Title),
			cell(h.URL), string(h.Story), cell(h.Snippet)}
	},
}
