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
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	l, err := s.loadStories(r.Context(), q, p)
	if err != nil {
		return err
	}
	labels, err := s.filterLabels(r.Context(), q)
	if err != nil {
		return err
	}
	return s.render(w, r, "stories", pageData{Title: "Stories", Nav: "stories", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r), Labels: labels})
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
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, outlet, err := storyParams(r.URL.Query())
	if err != nil {
		return err
	}
	v, err := s.loadStory(r.Context(), news.StoryID(id), p, outlet)
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
	p, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	l, err := s.loadStorylines(r.Context(), p)
	if err != nil {
		return err
	}
	return s.render(w, r, "storylines", pageData{Title: "Storylines", Nav: "storylines", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)})
}

func (s *Server) storylinePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	v, err := s.loadStoryline(r.Context(), news.StorylineID(id), p)
	if err != nil {
		return s.redirectMoved(w, r, news.KindStoryline, id, err)
	}
	return s.render(w, r, "storyline", pageData{Title: orUntitled(v.Storyline.Name), Nav: "storylines", View: v,
		Pager: newPager(r, p, len(v.Stories.Items), v.Stories.Total)})
}

func (s *Server) entitiesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	l, err := s.loadEntities(r.Context(), q, p)
	if err != nil {
		return err
	}
	return s.render(w, r, "entities", pageData{Title: "People, organisations and places", Nav: "entities", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)})
}

func (s *Server) entityPage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	v, err := s.loadEntity(r.Context(), news.EntityID(id), p)
	if err != nil {
		return err
	}
	pg := newPager(r, p, len(v.Stories.Items), v.Stories.Total)
	pg.Anchor = "#stories"
	return s.render(w, r, "entity", pageData{Title: orUntitled(v.Entity.Name), Nav: "entities", View: v, Pager: pg})
}

func (s *Server) articlesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	l, err := s.loadArticles(r.Context(), q, p)
	if err != nil {
		return err
	}
	return s.render(w, r, "articles", pageData{Title: "Articles", Nav: "articles", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)})
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p, err := parseList(r.URL.Query())
	if err != nil {
		return err
	}
	v, err := s.loadArticle(r.Context(), news.ArticleID(id), p)
	if err != nil {
		return err
	}
	pg := newPager(r, p, len(v.Copies.Items), v.Copies.Total)
	pg.Anchor = "#copies"
	return s.render(w, r, "article", pageData{Title: orUntitled(v.Article.Title), Nav: "articles", View: v, Pager: pg})
}

func (s *Server) quotesPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	l, err := s.loadQuotes(r.Context(), q, p)
	if err != nil {
		return err
	}
	return s.render(w, r, "quotes", pageData{Title: "Quotes", Nav: "quotes", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)})
}

func (s *Server) eventsPage(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	p, err := parseList(q)
	if err != nil {
		return err
	}
	l, err := s.loadEvents(r.Context(), q, p)
	if err != nil {
		return err
	}
	return s.render(w, r, "events", pageData{Title: "Events", Nav: "events", View: l,
		Pager: newPager(r, p, len(l.Items), l.Total), Export: exportURL(r)})
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
