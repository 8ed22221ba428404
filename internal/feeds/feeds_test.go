package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
)

// clock is a test's time: Now tells it, Sleep records the wait and, unless
// frozen, moves time on at once. Tests that poll feeds side by side
// freeze it, so that each wait the watcher asks for is what one host's
// turns make, whatever the order the feeds run in.
type clock struct {
	mu     sync.Mutex
	now    time.Time
	frozen bool
	slept  []time.Duration
	// wake, when set, is called after each sleep with their count.
	wake func(n int)
}

func newClock() *clock {
	return &clock{now: time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)}
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.slept = append(c.slept, d)
	if !c.frozen {
		c.now = c.now.Add(d)
	}
	n, wake := len(c.slept), c.wake
	c.mu.Unlock()
	if wake != nil {
		wake(n)
	}
	return ctx.Err()
}

func (c *clock) sleeps() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.slept)
}

// sink is an ingest that keeps what it is given.
type sink struct {
	mu    sync.Mutex
	items []source.Item
	calls int
	err   error // to fail with
	got   chan struct{}
}

func (s *sink) ingest(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error) {
	var sum ingest.Summary
	var got []source.Item
	for it, err := range items {
		sum.Read++
		if err != nil {
			sum.Failed++
			sum.Problems = append(sum.Problems, err)
			continue
		}
		sum.New++
		got = append(got, it)
	}
	s.mu.Lock()
	s.calls++
	err := s.err
	if err == nil {
		s.items = append(s.items, got...)
	}
	s.mu.Unlock()
	if s.got != nil {
		select {
		case s.got <- struct{}{}:
		default:
		}
	}
	return sum, err
}

// take returns the items ingested since the last take.
func (s *sink) take() []source.Item {
	s.mu.Lock()
	defer s.mu.Unlock()
	items := s.items
	s.items = nil
	return items
}

func urls(items []source.Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.URL)
	}
	slices.Sort(out)
	return out
}

// entry is a feed entry; an empty body makes it a headline with a link.
type entry struct {
	guid, title, link, body string
}

// rss returns an RSS 2.0 feed of the entries.
func rss(entries ...entry) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Harbour Gazette</title><link>https://gazette.example/</link>
`)
	for _, e := range entries {
		fmt.Fprintf(&b, "<item><title>%s</title><link>%s</link><guid>%s</guid><pubDate>Tue, 03 Mar 2026 09:30:00 +0000</pubDate><description>%s</description></item>\n",
			html.EscapeString(e.title), html.EscapeString(e.link), html.EscapeString(e.guid), html.EscapeString(e.body))
	}
	b.WriteString("</channel></rss>\n")
	return b.String()
}

// fullText is a body long enough not to be taken for a summary.
var fullText = strings.Repeat("The morning ferry to Westholm will leave at twenty to seven from April, the harbour office said. ", 20)

// requests records the requests a test server saw.
type requests struct {
	mu   sync.Mutex
	list []*http.Request
}

func (r *requests) add(req *http.Request) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.list = append(r.list, req.Clone(context.Background()))
}

func (r *requests) paths() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []string
	for _, req := range r.list {
		out = append(out, req.URL.Path)
	}
	return out
}

func (r *requests) last() *http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.list[len(r.list)-1]
}

func newWatcher(t *testing.T, feeds []string, s *sink, clk *clock, opts Options) *Watcher {
	t.Helper()
	opts.Now, opts.Sleep = clk.Now, clk.Sleep
	w, err := NewWatcher(feeds, s.ingest, opts)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func pollOnce(t *testing.T, w *Watcher) ingest.Summary {
	t.Helper()
	sum, err := w.PollOnce(t.Context())
	if err != nil {
		t.Fatalf("PollOnce: %v", err)
	}
	return sum
}

// TestConditionalRequests polls a feed that supports ETag and
// Last-Modified: a second poll asks conditionally and a 304 ingests
// nothing; when the feed changes, only its new entry is ingested.
func TestConditionalRequests(t *testing.T) {
	var reqs requests
	var mu sync.Mutex
	version, doc := "v1", rss(
		entry{"a", "Ferry timetable changes", "https://gazette.example/ferry", fullText},
		entry{"b", "Lighthouse open day", "https://gazette.example/lighthouse", fullText})
	const modified = "Tue, 03 Mar 2026 10:00:00 GMT"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.add(r)
		mu.Lock()
		etag, body := `"`+version+`"`, doc
		mu.Unlock()
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		w.Header().Set("Last-Modified", modified)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, body)
	}))
	defer srv.Close()
	s := &sink{}
	w := newWatcher(t, []string{srv.URL + "/feed"}, s, newClock(), Options{})

	sum := pollOnce(t, w)
	if got := urls(s.take()); !slices.Equal(got, []string{"https://gazette.example/ferry", "https://gazette.example/lighthouse"}) || sum.New != 2 {
		t.Fatalf("first poll ingested %q (summary %+v), want both entries", got, sum)
	}
	first := reqs.last()
	if h := first.Header.Get("If-None-Match") + first.Header.Get("If-Modified-Since"); h != "" {
		t.Errorf("first poll sent validators %q", h)
	}
	if ua := first.Header.Get("User-Agent"); !strings.HasPrefix(ua, "Storyline/") || !strings.Contains(ua, "(+https://github.com/storyline-news/storyline)") {
		t.Errorf("User-Agent %q", ua)
	}

	sum = pollOnce(t, w)
	second := reqs.last()
	if got := second.Header.Get("If-None-Match"); got != `"v1"` {
		t.Errorf("second poll: If-None-Match %q, want %q", got, `"v1"`)
	}
	if got := second.Header.Get("If-Modified-Since"); got != modified {
		t.Errorf("second poll: If-Modified-Since %q, want %q", got, modified)
	}
	if got := s.take(); len(got) > 0 || sum.Read != 0 || s.calls != 1 {
		t.Errorf("304: ingested %q, summary %+v, %d ingest calls; want nothing", urls(got), sum, s.calls)
	}

	mu.Lock()
	version, doc = "v2", rss(
		entry{"c", "Quay market moves indoors", "https://gazette.example/market", fullText},
		entry{"a", "Ferry timetable changes", "https://gazette.example/ferry", fullText},
		entry{"b", "Lighthouse open day", "https://gazette.example/lighthouse", fullText})
	mu.Unlock()
	pollOnce(t, w)
	if got := urls(s.take()); !slices.Equal(got, []string{"https://gazette.example/market"}) {
		t.Errorf("changed feed: ingested %q, want only the new entry", got)
	}
}

// TestSummaryFetchesPage polls a feed whose entries carry a summary only:
// their pages are fetched and ingested as HTML with the entry's URL, title
// and date; a page that cannot be had leaves the summary, with a warning.
// A second poll fetches no page again.
func TestSummaryFetchesPage(t *testing.T) {
	var reqs requests
	const page = `<html><head><title>Ferry | Gazette</title></head><body><article><p>The whole story.</p></article></body></html>`
	mux := http.NewServeMux()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		reqs.add(r)
		mux.ServeHTTP(w, r)
	}))
	defer srv.Close()
	feedDoc := rss(
		entry{"1", "Ferry timetable changes", srv.URL + "/ferry", "The morning ferry leaves earlier."},
		entry{"2", "Lighthouse open day", srv.URL + "/lighthouse", fullText},
		entry{"3", "Bridge reopens", srv.URL + "/gone", "The bridge reopened."},
		entry{"4", "Council minutes", srv.URL + "/minutes.pdf", ""})
	mux.HandleFunc("/feed", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, feedDoc) })
	mux.HandleFunc("/ferry", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=UTF-8")
		fmt.Fprint(w, page)
	})
	mux.HandleFunc("/minutes.pdf", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/pdf")
		fmt.Fprint(w, "%PDF-1.7")
	})
	s := &sink{}
	w := newWatcher(t, []string{srv.URL + "/feed"}, s, newClock(), Options{})

	sum := pollOnce(t, w)
	if got, want := reqs.paths(), []string{"/feed", "/ferry", "/gone", "/minutes.pdf"}; !slices.Equal(got, want) {
		t.Errorf("requests %q, want %q (no page for the entry with a full body)", got, want)
	}
	byURL := map[string]source.Item{}
	for _, it := range s.take() {
		byURL[it.URL] = it
	}
	if len(byURL) != 4 {
		t.Fatalf("ingested %d entries, want 4", len(byURL))
	}
	ferry := byURL[srv.URL+"/ferry"]
	if string(ferry.HTML) != page || ferry.Charset != "utf-8" || ferry.Title != "Ferry timetable changes" ||
		ferry.Text != "The morning ferry leaves earlier." || ferry.Outlet != "The Harbour Gazette" ||
		!ferry.Published.Equal(time.Date(2026, 3, 3, 9, 30, 0, 0, time.UTC)) {
		t.Errorf("summary entry with its page: %+v", ferry)
	}
	if it := byURL[srv.URL+"/lighthouse"]; it.HTML != nil || it.Text != strings.TrimSpace(fullText) {
		t.Errorf("entry with a full body changed: HTML %q, text %.40q", it.HTML, it.Text)
	}
	if it := byURL[srv.URL+"/gone"]; it.HTML != nil || it.Text != "The bridge reopened." {
		t.Errorf("entry whose page is gone: HTML %q, text %q; want its summary", it.HTML, it.Text)
	}
	var warned []string
	for _, w := range sum.Warnings {
		warned = append(warned, w.Error())
	}
	want := []string{
		fmt.Sprintf("feed %q: page %q: status 404 Not Found; kept the feed's summary", srv.URL+"/feed", srv.URL+"/gone"),
		fmt.Sprintf("feed %q: page %q: not an HTML page but application/pdf; kept the feed's summary", srv.URL+"/feed", srv.URL+"/minutes.pdf"),
	}
	if !slices.Equal(warned, want) {
		t.Errorf("warnings:\n%s\nwant:\n%s", strings.Join(warned, "\n"), strings.Join(want, "\n"))
	}

	n := len(reqs.paths())
	pollOnce(t, w)
	if got := reqs.paths()[n:]; !slices.Equal(got, []string{"/feed"}) {
		t.Errorf("second poll requested %q, want the feed only", got)
	}
	if got := s.take(); len(got) > 0 {
		t.Errorf("second poll ingested %q", urls(got))
	}
}

// TestPoliteness polls two feeds of one host and one of another side by
// side: the host's requests (feeds and a page) take turns HostDelay apart,
// and the other host waits for none of them.
func TestPoliteness(t *testing.T) {
	var one, other requests
	var srvOne *httptest.Server
	srvOne = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		one.add(r)
		switch r.URL.Path {
		case "/a":
			fmt.Fprint(w, rss(entry{"1", "Ferry", srvOne.URL + "/page", "Short."}))
		case "/b":
			fmt.Fprint(w, rss(entry{"2", "Bridge", "https://gazette.example/bridge", fullText}))
		default:
			fmt.Fprint(w, "<html><body><p>Page.</p></body></html>")
		}
	}))
	defer srvOne.Close()
	srvOther := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		other.add(r)
		fmt.Fprint(w, rss(entry{"3", "Market", "https://ledger.example/market", fullText}))
	}))
	defer srvOther.Close()

	clk := newClock()
	clk.frozen = true
	s := &sink{}
	w := newWatcher(t, []string{srvOne.URL + "/a", srvOne.URL + "/b", srvOther.URL + "/c"}, s, clk, Options{HostDelay: 5 * time.Second})
	sum := pollOnce(t, w)
	if sum.New != 3 || len(one.paths()) != 3 || len(other.paths()) != 1 {
		t.Fatalf("summary %+v; requests %q and %q", sum, one.paths(), other.paths())
	}
	// With time standing still, the host's three turns are now, in 5s and
	// in 10s: two waits. The other host's request waited for nothing.
	got := clk.sleeps()
	slices.Sort(got)
	if want := []time.Duration{5 * time.Second, 10 * time.Second}; !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
}

// TestBackoff runs a watcher over a feed that fails: it waits twice as
// long after each failure up to MaxBackoff, Every again after a success,
// and as long as Retry-After asks after a 429; failures are logged with
// the feed's URL.
func TestBackoff(t *testing.T) {
	statuses := []int{500, 500, 500, 500, 200, 429, 200}
	var mu sync.Mutex
	polls := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		code := statuses[min(polls, len(statuses)-1)]
		polls++
		mu.Unlock()
		if code == 429 {
			w.Header().Set("Retry-After", "7200")
		}
		if code != 200 {
			http.Error(w, "no", code)
			return
		}
		fmt.Fprint(w, rss(entry{"1", "Ferry", "https://gazette.example/ferry", fullText}))
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	clk := newClock()
	clk.wake = func(n int) {
		if n == len(statuses) {
			cancel()
		}
	}
	var logs bytes.Buffer
	s := &sink{}
	w := newWatcher(t, []string{srv.URL + "/feed"}, s, clk, Options{
		Every: 10 * time.Minute, MaxBackoff: time.Hour,
		Log: slog.New(slog.NewTextHandler(&logs, nil)),
	})
	if err := w.Run(ctx); err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []time.Duration{20 * time.Minute, 40 * time.Minute, time.Hour, time.Hour, 10 * time.Minute, 2 * time.Hour, 10 * time.Minute}
	if got := clk.sleeps(); !slices.Equal(got, want) {
		t.Errorf("waits %v, want %v", got, want)
	}
	if got := len(s.take()); got != 1 {
		t.Errorf("ingested %d entries, want 1 (the second success brings nothing new)", got)
	}
	quoted := strconv.Quote(srv.URL + "/feed")
	quoted = strings.ReplaceAll(quoted, `"`, `\"`) // as slog's text escapes it
	if !strings.Contains(logs.String(), "feed "+quoted+": status 500 Internal Server Error") ||
		!strings.Contains(logs.String(), "status 429 Too Many Requests (asked to retry after 2026-03-05T14:10:00Z)") {
		t.Errorf("log does not report the failures with the feed:\n%s", logs.String())
	}
}

// TestBadFeedsReported polls good feeds beside bad ones: a redirect loop,
// too many redirects, bodies over the limit (announced or not), invalid
// XML, an HTML page, a 404 and a timeout. Each bad one is reported with
// its URL quoted; the good ones are ingested, and a feed with no entries
// yet is no failure.
func TestBadFeedsReported(t *testing.T) {
	mux := http.NewServeMux()
	var chain requests
	good := rss(entry{"1", "Ferry", "https://gazette.example/ferry", fullText})
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, good) })
	mux.HandleFunc("/empty", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, rss()) })
	mux.HandleFunc("/loop1", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop2", http.StatusFound) })
	mux.HandleFunc("/loop2", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop1", http.StatusMovedPermanently)
	})
	mux.HandleFunc("/chain/{n}", func(w http.ResponseWriter, r *http.Request) {
		chain.add(r)
		n, _ := strconv.Atoi(r.PathValue("n"))
		http.Redirect(w, r, fmt.Sprintf("/chain/%d", n+1), http.StatusFound)
	})
	mux.HandleFunc("/big", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Length", "100000")
		w.Write(bytes.Repeat([]byte(" "), 100000))
	})
	mux.HandleFunc("/endless", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss><channel><title>`)
		for i := 0; i < 1000 && r.Context().Err() == nil; i++ {
			w.Write(bytes.Repeat([]byte("x"), 1024))
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/invalid", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<?xml version="1.0"?><rss><channel><title>Gazette</title><item><title a="1>Broken</title>`)
	})
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!DOCTYPE html><html><head><title>Log in</title></head><body><form></form></body></html>")
	})
	mux.HandleFunc("/missing", http.NotFound)
	stop := make(chan struct{})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-stop:
		}
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	defer close(stop)

	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, rss(entry{"2", "Market", "https://ledger.example/market", fullText}))
	}))
	defer other.Close()

	bad := map[string]struct {
		kind error
		says string
	}{
		"/loop1":   {ErrRedirectLoop, fmt.Sprintf("redirect loop: %q -> %q -> %q", srv.URL+"/loop1", srv.URL+"/loop2", srv.URL+"/loop1")},
		"/chain/0": {ErrTooManyRedirects, "too many redirects: stopped after 5"},
		"/big":     {ErrTooLarge, "response too large: 100000 bytes, over the limit of 65536"},
		"/endless": {ErrTooLarge, "response too large: over the limit of 65536 bytes"},
		"/invalid": {nil, "invalid feed"},
		"/html":    {source.ErrNotFeed, "not a feed but an HTML page"},
		"/missing": {nil, "status 404 Not Found"},
		"/slow":    {ErrTimeout, "timed out after 200ms"},
	}
	feeds := []string{srv.URL + "/good", srv.URL + "/empty", other.URL + "/feed"}
	for path := range bad {
		feeds = append(feeds, srv.URL+path)
	}
	clk := newClock()
	clk.frozen = true
	s := &sink{}
	w := newWatcher(t, feeds, s, clk, Options{MaxBytes: 64 << 10, Timeout: 200 * time.Millisecond})
	sum := pollOnce(t, w)

	if got := urls(s.take()); !slices.Equal(got, []string{"https://gazette.example/ferry", "https://ledger.example/market"}) {
		t.Errorf("ingested %q, want the good feeds' entries", got)
	}
	if sum.Failed != len(bad) || sum.Read != len(bad)+2 || sum.New != 2 {
		t.Errorf("summary read %d, new %d, failed %d; want %d, 2, %d", sum.Read, sum.New, sum.Failed, len(bad)+2, len(bad))
	}
	for path, want := range bad {
		prefix := fmt.Sprintf("feed %q: ", srv.URL+path)
		var found error
		for _, p := range sum.Problems {
			if strings.HasPrefix(p.Error(), prefix) {
				found = p
			}
		}
		switch {
		case found == nil:
			t.Errorf("%s: not reported", path)
		case want.kind != nil && !errors.Is(found, want.kind):
			t.Errorf("%s: %v is not %v", path, found, want.kind)
		case !strings.Contains(found.Error(), want.says):
			t.Errorf("%s: %q does not say %q", path, found, want.says)
		}
	}
	if got := len(chain.paths()); got != MaxRedirects+1 {
		t.Errorf("redirect chain: %d requests, want %d (the first and %d redirects)", got, MaxRedirects+1, MaxRedirects)
	}
}

// TestStoreFailureRetried checks that entries an ingest could not store
// are not taken as seen: the next poll hands them over again.
func TestStoreFailureRetried(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("ETag", `"v1"`)
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		fmt.Fprint(w, rss(entry{"1", "Ferry", "https://gazette.example/ferry", fullText}))
	}))
	defer srv.Close()
	s := &sink{err: errors.New("disk full")}
	w := newWatcher(t, []string{srv.URL}, s, newClock(), Options{})
	if _, err := w.PollOnce(t.Context()); err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Fatalf("PollOnce: %v, want the store's failure", err)
	}
	s.err = nil
	pollOnce(t, w)
	if got := urls(s.take()); !slices.Equal(got, []string{"https://gazette.example/ferry"}) {
		t.Errorf("after the store failed, the next poll ingested %q", got)
	}
}

// TestCancelStopsRun cancels a running watcher while it waits for its
// next poll, and while a request hangs: Run returns both times.
func TestCancelStopsRun(t *testing.T) {
	hang := make(chan struct{})
	arrived := make(chan struct{}, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/hang" {
			arrived <- struct{}{}
			select {
			case <-r.Context().Done():
			case <-hang:
			}
			return
		}
		fmt.Fprint(w, rss(entry{"1", "Ferry", "https://gazette.example/ferry", fullText}))
	}))
	defer srv.Close()
	defer close(hang)

	for _, tc := range []struct {
		name    string
		feed    string
		started func(s *sink) <-chan struct{}
	}{
		{"waiting", "/feed", func(s *sink) <-chan struct{} { return s.got }},
		{"in a request", "/hang", func(*sink) <-chan struct{} { return arrived }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := &sink{got: make(chan struct{}, 1)}
			// Real time: the next poll is an hour away.
			w, err := NewWatcher([]string{srv.URL + tc.feed}, s.ingest, Options{Every: time.Hour})
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(t.Context())
			done := make(chan error, 1)
			go func() { done <- w.Run(ctx) }()
			<-tc.started(s)
			cancel()
			select {
			case err := <-done:
				if err != nil {
					t.Errorf("Run: %v", err)
				}
			case <-time.After(time.Minute):
				t.Fatal("Run did not stop when its context was cancelled")
			}
		})
	}
}

func TestParseRetryAfter(t *testing.T) {
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"120", now.Add(2 * time.Minute)},
		{" 0 ", now},
		{"Thu, 05 Mar 2026 10:30:00 GMT", now.Add(90 * time.Minute)},
		{"99999999999", now.Add(maxRetryAfter)},
		{"Wed, 04 Mar 2026 10:30:00 GMT", time.Time{}}, // past
		{"-5", time.Time{}},
		{"soon", time.Time{}},
		{"", time.Time{}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got, ok := parseRetryAfter(tc.in, now)
			if !got.Equal(tc.want) || ok == tc.want.IsZero() {
				t.Errorf("parseRetryAfter(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
			}
		})
	}
}

func TestReadList(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		want     []string
		err      string
	}{
		{"urls and comments", "# news\nhttps://gazette.example/feed.xml\n\n  http://ledger.example/rss  # the ledger\n",
			[]string{"https://gazette.example/feed.xml", "http://ledger.example/rss"}, ""},
		{"not http", "https://gazette.example/feed\nftp://files.example/feed\n", nil,
			`feeds.txt:2: feed "ftp://files.example/feed": want an http or https URL`},
		{"no host", "https:///feed\n", nil, `feeds.txt:1: feed "https:///feed": want an http or https URL`},
		{"empty", "# nothing yet\n", nil, "feeds.txt: no feed URLs"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := ReadList("feeds.txt", strings.NewReader(tc.in))
			if tc.err != "" {
				if err == nil || err.Error() != tc.err {
					t.Errorf("error %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Errorf("ReadList = %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}

func TestNewWatcherChecksURLs(t *testing.T) {
	s := &sink{}
	for _, u := range []string{"feed.xml", "file:///etc/passwd", "https://"} {
		if _, err := NewWatcher([]string{"https://gazette.example/feed", u}, s.ingest, Options{}); err == nil || !strings.Contains(err.Error(), strconv.Quote(u)) {
			t.Errorf("NewWatcher with %q: %v, want an error naming it", u, err)
		}
	}
	if _, err := NewWatcher(nil, s.ingest, Options{}); err == nil {
		t.Errorf("NewWatcher with no feeds: no error")
	}
}
