package server

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// The page handlers: each loads the view its API twin returns and renders
// it.

func (s *Server) storiesPage(w http.ResponseWriter, r *http.Request) error {
	d, err := listPage(r, "Stories", "stories", s.loadStories)
	if err != nil {
		return err
	}
	if d.Labels, err = s.filterLabels(r.Context(), r.URL.Query()); err != nil {
		return err
	}
	return s.render(w, r, "stories", d)
}

// listPage loads the page of a list view: a page of the list (load as
// for serveList), its pager and its export link. nav names the page's
// template and its top-bar item.
func listPage[T any](r *http.Request, title, nav string, load func(context.Context, url.Values, listParams) (List[T], error)) (pageData, error) {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return pageData{}, err
	}
	l, err := load(r.Context(), q, p)
	if err != nil {
		return pageData{}, err
	}
	return pageData{Title: title, Nav: nav, View: l, Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)}, nil
}

// renderList renders a list page (see listPage).
func renderList[T any](s *Server, w http.ResponseWriter, r *http.Request, title, nav string, load func(context.Context, url.Values, listParams) (List[T], error)) error {
	d, err := listPage(r, title, nav, load)
	if err != nil {
		return err
	}
	return s.render(w, r, nav, d)
}

// filterLabels names the entity and storyline a story list is filtered by.
func (s *Server) filterLabels(ctx context.Context, q url.Values) (map[string]string, error) {
	labels := make(map[string]string)
	if id := news.EntityID(strings.TrimSpace(q.Get("entity"))); id != "" {
		names, err := s.st.EntityNames(ctx, []news.EntityID{id})
		if err != nil {
			return nil, err
		}
		labels["entity"] = names[id]
	}
	if id := news.StorylineID(strings.TrimSpace(q.Get("storyline"))); id != "" {
		names, err := s.st.StorylineNames(ctx, []news.StorylineID{id})
		if err != nil {
			return nil, err
		}
		labels["storyline"] = names[id]
	}
	return labels, nil
}

func (s *Server) storyPage(w http.ResponseWriter, r *http.Request) error {
	v, id, p, err := s.loadStoryDetail(r)
	if err != nil {
		return s.redirectMoved(w, r, news.KindStory, id, err)
	}
	sources, err := s.storyComparison(r.Context(), v.Story.ID)
	if err != nil {
		return err
	}
	v.Sources = &sources
	pg := newPager(r, p, len(v.CopyGroups.Items), v.CopyGroups.Total)
	pg.Anchor = "#articles"
	return s.render(w, r, "story", pageData{Title: orUntitled(v.Story.Title), Nav: "stories", View: v, Pager: pg})
}

func (s *Server) storylinesPage(w http.ResponseWriter, r *http.Request) error {
	return renderList(s, w, r, "Storylines", "storylines", s.loadStorylines)
}

func (s *Server) storylinePage(w http.ResponseWriter, r *http.Request) error {
	v, id, p, err := loadDetail(r, s.loadStoryline)
	if err != nil {
		return s.redirectMoved(w, r, news.KindStoryline, id, err)
	}
	return s.render(w, r, "storyline", pageData{Title: orUntitled(v.Storyline.Name), Nav: "storylines", View: v,
		Pager: newPager(r, p, len(v.Stories.Items), v.Stories.Total)})
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) error {
	return renderList(s, w, r, "People, organisations and places", "entities", s.loadEntities)
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) error {
	v, _, p, err := loadDetail(r, s.loadEntity)
	if err != nil {
		return err
	}
	pg := newPager(r, p, len(v.Stories.Items), v.Stories.Total)
	pg.Anchor = "#stories"
	return s.render(w, r, "entity", pageData{Title: orUntitled(v.Entity.Name), Nav: "entities", View: v, Pager: pg})
}

func (s *Server) articlesPage(w http.ResponseWriter, r *http.Request) error {
	return renderList(s, w, r, "Articles", "articles", s.loadArticles)
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	v, _, p, err := loadDetail(r, s.loadArticle)
	if err != nil {
		return err
	}
	pg := newPager(r, p, len(v.Copies.Items), v.Copies.Total)
	pg.Anchor = "#copies"
	return s.render(w, r, "article", pageData{Title: orUntitled(v.Article.Title), Nav: "articles", View: v, Pager: pg})
}

func (s *Server) quotesPage(w http.ResponseWriter, r *http.Request) error {
	return renderList(s, w, r, "Quotes", "quotes", s.loadQuotes)
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) error {
	return renderList(s, w, r, "Events", "events", s.loadEvents)
}

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	d := pageData{Title: "Search", Nav: "search"}
	if strings.TrimSpace(q.Get("q")) == "" {
		d.View = SearchView{List: newList[SearchItem](nil, 0, p)}
		return s.render(w, r, "search", d)
	}
	v, err := s.loadSearch(r.Context(), q, p)
	if err != nil {
		return err
	}
	d.Title = "Search: " + v.Query
	d.View, d.Pager, d.Export = v, newPager(r, p, len(v.Items), v.Total), exportURL(r)
	d.Pager.Capped = v.TotalCapped
	return s.render(w, r, "search", d)
}

func orUntitled(s string) string {
	if strings.TrimSpace(s) == "" {
		return "(untitled)"
	}
	return s
}
