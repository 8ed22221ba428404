package server_test

import (
	"bytes"
	"context"
	"net/http/httptest"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// uncounted is a store whose searches match more articles than a search
// counts, as a search for a common word in a large store does.
type uncounted struct{ *sqlite.DB }

func (u uncounted) Search(ctx context.Context, q string, f news.ArticleFilter) ([]news.SearchHit, int, error) {
	hits, _, err := u.DB.Search(ctx, q, f)
	return hits, news.SearchCountLimit + 1, err
}

// A search that matches more than the store counts says "more than", in
// the API, on the page and in its pager, and its export claims no total.
func TestSearchPastTheCountLimit(t *testing.T) {
	f := newFixture(t, server.Options{}, demoDir(t))
	s, err := server.New(uncounted{f.st}, server.Options{})
	if err != nil {
		t.Fatal(err)
	}
	many := &fixture{st: f.st, srv: httptest.NewServer(s)}
	t.Cleanup(many.srv.Close)

	type searchPage struct {
		page[idItem]
		Capped bool `json:"total_capped"`
	}
	var exact, capped searchPage
	f.getJSON(t, "/api/search?q=dam", 200, &exact)
	many.getJSON(t, "/api/search?q=dam", 200, &capped)
	if exact.Capped || exact.Total == 0 || exact.Total > 100 {
		t.Errorf("demo search: total %d, capped %v; want the exact count of a few", exact.Total, exact.Capped)
	}
	if !capped.Capped || capped.Total != news.SearchCountLimit || len(capped.Items) == 0 {
		t.Errorf("past the limit: total %d, capped %v, %d items; want %d, capped, with items",
			capped.Total, capped.Capped, len(capped.Items), news.SearchCountLimit)
	}

	_, _, body := many.get(t, "/search?q=dam")
	for _, want := range []string{"More than 10,000 articles match", "of more than 10,000"} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("the search page does not say %q", want)
		}
	}
	if _, _, body := f.get(t, "/search?q=dam"); bytes.Contains(body, []byte("more than")) {
		t.Errorf("an exactly counted search page says \"more than\"")
	}

	if _, h, _ := many.get(t, "/api/search?q=dam&format=csv"); h.Get("X-Total-Count") != "" {
		t.Errorf("export past the limit: X-Total-Count %q, want none", h.Get("X-Total-Count"))
	}
	if _, h, _ := f.get(t, "/api/search?q=dam&format=csv"); h.Get("X-Total-Count") == "" {
		t.Errorf("export of an exact search: no X-Total-Count")
	}
}
