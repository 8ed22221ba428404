package server_test

import (
	"net/http"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
)

// TestMovedStoryRedirects merges two stories and checks that the page and
// the API of the one merged away answer 301 to the merged story, query
// kept, so that saved links and API clients keep working.
func TestMovedStoryRedirects(t *testing.T) {
	f := newFixture(t, server.Options{}, demoDir(t))
	var list struct {
		Items []news.StorySummary `json:"items"`
	}
	f.getJSON(t, "/api/stories?limit=100", http.StatusOK, &list)
	if len(list.Items) < 2 {
		t.Fatalf("%d stories in the demo corpus, want two to merge", len(list.Items))
	}
	kept, gone := list.Items[0], list.Items[1]
	arts := func(id news.StoryID) []news.ArticleID {
		d, err := f.st.Story(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		return d.Articles
	}
	d := news.Decision{Kind: "merge", Story: kept.ID, Other: gone.ID, Articles: append(arts(kept.ID), arts(gone.ID)...)}
	if applied, err := newPipeline(t, f.st).Decide(t.Context(), d); err != nil || !applied {
		t.Fatalf("merge: %v, %v", applied, err)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, tt := range []struct{ path, want string }{
		{"/stories/" + string(gone.ID) + "?offset=0#articles", "/stories/" + string(kept.ID) + "?offset=0"},
		{"/api/stories/" + string(gone.ID), "/api/stories/" + string(kept.ID)},
		{"/api/stories/" + string(gone.ID) + "/compare", "/api/stories/" + string(kept.ID) + "/compare"},
	} {
		resp, err := noFollow.Get(f.srv.URL + tt.path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMovedPermanently || resp.Header.Get("Location") != tt.want {
			t.Errorf("GET %s: %d to %q, want 301 to %q", tt.path, resp.StatusCode, resp.Header.Get("Location"), tt.want)
		}
	}
	if code, _, _ := f.get(t, "/stories/s-000000000000"); code != http.StatusNotFound {
		t.Errorf("a story that never was: %d, want 404", code)
	}
}
