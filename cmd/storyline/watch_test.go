package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// TestWatchOnce runs "storyline watch --once" as a user would, against a
// feed served over HTTP beside one that is missing: the feed's articles
// are stored (the summary-only one from its page) and grouped, the missing
// feed is reported and the exit status says so. A second run, which
// remembers nothing, stores nothing twice.
func TestWatchOnce(t *testing.T) {
	const ferry = `The ferry line between Dunmere and Westholm will open on Monday, the harbour authority said on Friday. ` +
		`Two boats will run every hour from six in the morning, carrying up to 400 passengers each. ` +
		`The authority said tickets would cost the same as the bus fare, and that a third boat would join the line in the summer. ` +
		`Local businesses in Westholm welcomed the news, saying the crossing would bring visitors from the mainland.`
	copyOf := strings.Replace(ferry, "on Friday", "in a statement on Friday", 1)
	const storm = `A storm destroyed twelve fishing boats in Lisk harbour on Saturday night, the coast guard said. ` +
		`Nobody was hurt, but the pier will stay closed for a month while engineers inspect the damage. ` +
		`Fishermen said the losses would be hard to bear at the start of the season, and asked the council for help. ` +
		`The council said it would meet on Tuesday to discuss a relief fund for the owners of the boats.`

	var mu sync.Mutex
	var paths []string
	var srv *httptest.Server
	srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		switch r.URL.Path {
		case "/feed.xml":
			w.Header().Set("Content-Type", "application/rss+xml")
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Meridian Wire</title><link>%[1]s/</link>
<item><title>Ferry line to open on Monday</title><link>%[1]s/ferry</link><guid>1</guid>
  <pubDate>Fri, 30 May 2025 09:00:00 +0000</pubDate><description>%[2]s</description></item>
<item><title>Dunmere ferry line opens Monday</title><link>%[1]s/ferry-2</link><guid>2</guid>
  <pubDate>Fri, 30 May 2025 11:00:00 +0000</pubDate><description>%[3]s</description></item>
<item><title>Storm wrecks twelve boats in Lisk</title><link>%[1]s/storm</link><guid>3</guid>
  <pubDate>Sun, 01 Jun 2025 08:00:00 +0000</pubDate><description>Twelve boats were lost in the storm.</description></item>
</channel></rss>`, srv.URL, html.EscapeString(strings.Repeat(ferry+" ", 3)), html.EscapeString(strings.Repeat(copyOf+" ", 3)))
		case "/storm":
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprintf(w, `<!DOCTYPE html><html><head><title>Storm | Meridian Wire</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Storm wrecks twelve boats in Lisk</h1><p>%s</p><p>%s</p></article>
<footer>Copyright Meridian Wire</footer></body></html>`, storm, storm)
		default:
			http.NotFound(w, r)
		}
	}))
	defer srv.Close()

	db := filepath.Join(t.TempDir(), "s.db")
	list := filepath.Join(t.TempDir(), "feeds.txt")
	if err := os.WriteFile(list, []byte("# the wire\n"+srv.URL+"/feed.xml\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	missing := srv.URL + "/missing.xml"
	code, out, errs := cli(t, "", "watch", "--db", db, "--once", "--host-delay", "10ms", "--feeds", list, missing)
	if code != 3 {
		t.Errorf("watch --once: exit %d, want 3 (a feed failed)\n%s%s", code, out, errs)
	}
	if want := fmt.Sprintf("feed %q: status 404 Not Found", missing); !strings.Contains(errs, want) {
		t.Errorf("stderr does not report %s:\n%s", want, errs)
	}
	if want := "read 4, new 3, already known 0, failed 1\n"; out != want {
		t.Errorf("stdout %q, want %q", out, want)
	}
	mu.Lock()
	if !slices.Contains(paths, "/storm") || slices.Contains(paths, "/ferry") {
		t.Errorf("requests %q: want the summary-only entry's page and no other", paths)
	}
	mu.Unlock()

	l := listArticles(t, db)
	ids := map[string]news.ArticleID{}
	for _, a := range l.Articles {
		ids[strings.TrimPrefix(a.URL, srv.URL)] = a.ID
	}
	if l.Total != 3 || ids["/ferry"] == "" || ids["/ferry-2"] == "" || ids["/storm"] == "" {
		t.Fatalf("stored %+v, want the three entries", l.Articles)
	}
	a := getArticle(t, db, ids["/storm"])
	if !strings.Contains(a.Text, "Nobody was hurt") || strings.Contains(a.Text, "Copyright") ||
		a.Title != "Storm wrecks twelve boats in Lisk" || a.Outlet != "Meridian Wire" || a.Published.Format("2006-01-02") != "2025-06-01" {
		t.Errorf("the summary-only entry, from its page: title %q, outlet %q, published %v, text %q", a.Title, a.Outlet, a.Published, a.Text)
	}

	storyOf := map[string]news.StoryID{}
	for path, id := range ids {
		code, out, errs := cli(t, "", "article", "--db", db, "--json", string(id))
		var a struct {
			Story news.StoryID `json:"story"`
		}
		if code != 0 || json.Unmarshal([]byte(out), &a) != nil {
			t.Fatalf("article %s: exit %d: %s%s", id, code, out, errs)
		}
		storyOf[path] = a.Story
	}
	if f1, f2, s := storyOf["/ferry"], storyOf["/ferry-2"], storyOf["/storm"]; f1 == "" || f1 != f2 || s == "" || s == f1 {
		t.Errorf("stories %v: want the two ferry reports in one story and the storm in another", storyOf)
	}

	code, out, errs = cli(t, "", "watch", "--db", db, "--once", "--host-delay", "10ms", srv.URL+"/feed.xml")
	if want := "read 3, new 0, already known 3, failed 0\n"; code != 0 || out != want {
		t.Errorf("second watch --once: exit %d, %q, want %q\n%s", code, out, want, errs)
	}
	if l := listArticles(t, db); l.Total != 3 {
		t.Errorf("after the second run, %d articles stored, want 3", l.Total)
	}
}

// TestWatchUsage checks that watch refuses what it cannot watch before it
// opens a store.
func TestWatchUsage(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"watch", "--db", db}, "at least one feed URL"},
		{[]string{"watch", "--db", db, "news/feed.xml"}, `feed "news/feed.xml": want an http or https URL`},
		{[]string{"watch", "--db", db, "--feeds", filepath.Join(t.TempDir(), "none.txt")}, "none.txt"},
	} {
		code, _, errs := cli(t, "", tc.args...)
		if code == 0 || !strings.Contains(errs, tc.says) {
			t.Errorf("%q: exit %d, %q; want an error saying %q", tc.args, code, errs, tc.says)
		}
	}
	if _, err := os.Stat(db); err == nil {
		t.Errorf("a refused watch created the store")
	}
}

// TestServeFeeds runs "storyline serve --feeds FILE": the feeds are
// polled beside the server, their entries appear in the API, and Ctrl-C
// stops both.
func TestServeFeeds(t *testing.T) {
	feed := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>Meridian Wire</title>
<item><title>Ferry line to open on Monday</title><link>https://wire.example/ferry</link>
<description>`+strings.Repeat("The ferry line between Dunmere and Westholm will open on Monday, the harbour authority said. ", 20)+`</description></item>
</channel></rss>`)
	}))
	defer feed.Close()
	dir := t.TempDir()
	db, list := filepath.Join(dir, "s.db"), filepath.Join(dir, "feeds.txt")
	if err := os.WriteFile(list, []byte(feed.URL+"\n"), 0o666); err != nil {
		t.Fatal(err)
	}

	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	done := make(chan int, 1)
	var stderr syncBuffer
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0", "--feeds", list}, strings.NewReader(""), w, &stderr)
		w.Close()
	}()
	lines := bufio.NewScanner(out)
	if !lines.Scan() {
		t.Fatalf("serve printed nothing: %s", stderr.String())
	}
	m := regexp.MustCompile(`http://([0-9.:]+)/`).FindStringSubmatch(lines.Text())
	if m == nil {
		t.Fatalf("serve printed %q: no address", lines.Text())
	}
	go io.Copy(io.Discard, out)

	// Wait for the first poll's article, in a story, as a user reloading
	// the page would.
	var got struct {
		Total int `json:"total"`
		Items []struct {
			URL   string       `json:"url"`
			Story news.StoryID `json:"story"`
		} `json:"items"`
	}
	for deadline := time.Now().Add(time.Minute); len(got.Items) == 0 || got.Items[0].Story == ""; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the feed's article never appeared in a story: %+v; stderr:\n%s", got, stderr.String())
		}
		resp, err := http.Get("http://" + m[1] + "/api/articles")
		if err != nil {
			t.Fatal(err)
		}
		err = json.NewDecoder(resp.Body).Decode(&got)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
	}
	if got.Total != 1 || len(got.Items) != 1 || got.Items[0].URL != "https://wire.example/ferry" {
		t.Errorf("articles %+v, want the feed's entry", got)
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("serve: exit %d: %s", code, stderr.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve did not stop with its feeds watcher")
	}
}

// syncBuffer is a bytes.Buffer safe for a writer and a reader at once.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
