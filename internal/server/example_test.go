package server_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// A server over a store: every page has a JSON twin under /api/.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "storyline-example-")
	defer os.RemoveAll(dir)
	st, err := sqlite.Open(ctx, filepath.Join(dir, "news.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer st.Close()
	a := news.Article{URL: "https://example.com/dam", Outlet: "Meridian Wire", Title: "Dam talks open",
		Text: "Talks on the dam opened on Monday.", Published: time.Date(2025, 3, 24, 0, 0, 0, 0, time.UTC), Ingested: time.Now()}
	a.TextHash = textnorm.Hash(a.Text)
	a.ID = news.NewArticleID(a.URL, a.Outlet, a.TextHash)
	if _, err := st.Add(ctx, []news.Article{a}); err != nil {
		log.Fatal(err)
	}

	s, err := server.New(st, server.Options{}) // read-only: no token
	if err != nil {
		log.Fatal(err)
	}
	ts := httptest.NewServer(s) // or s.Serve(ctx, listener)
	defer ts.Close()

	resp, err := http.Get(ts.URL + "/api/articles?limit=10")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	var list struct {
		Total int `json:"total"`
		Items []struct {
			Title  string `json:"title"`
			Outlet string `json:"outlet"`
		} `json:"items"`
	}
	json.NewDecoder(resp.Body).Decode(&list)
	fmt.Println(list.Total, list.Items[0].Title, "/", list.Items[0].Outlet)

	post, _ := http.Post(ts.URL+"/api/articles", "application/json", nil)
	fmt.Println(post.Status)
	post.Body.Close()
	// Output:
	// 1 Dam talks open / Meridian Wire
	// 403 Forbidden
}
