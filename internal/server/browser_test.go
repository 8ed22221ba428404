package server_test

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// The browser tests drive Debian's chromium, headless, through chromedp
// against a real test server. They skip when chromium is absent or with
// -short.

var screenshotDir = flag.String("screenshots", "", "write screenshots of the main pages to this `folder` (TestScreenshots); a relative path is taken from the module root")

// browser is one headless chromium tab.
type browser struct {
	t   *testing.T
	ctx context.Context
}

// chromiumPath finds Debian's chromium (or another Chrome on the PATH).
func chromiumPath() string {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "headless-shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium"
	}
	return ""
}

// newBrowser starts a headless chromium for the test, or skips.
func newBrowser(t *testing.T, width, height int) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests skipped with -short")
	}
	path := chromiumPath()
	if path == "" {
		t.Skip("chromium not found: install it (apt-get install chromium) to run the browser tests")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox, // tests run as root in CI
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(width, height),
	)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	// The first action starts the browser and must run on ctx itself: a
	// browser started under a shorter-lived context dies with it.
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(width), int64(height))); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return &browser{t: t, ctx: ctx}
}

// do runs actions with a time limit, failing the test on error.
func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("browser: %v", err)
	}
}

// open loads url and waits for it.
func (b *browser) open(url string) {
	b.t.Helper()
	b.do(chromedp.Navigate(url))
}

// click clicks the first element matching the CSS selector and waits for
// the page it leads to.
func (b *browser) click(sel string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)); err != nil {
		b.t.Fatalf("click %s: %v", sel, err)
	}
}

// submit types keys, which end in a newline, into the field matching sel
// and waits for the page the form leads to.
func (b *browser) submit(sel, keys string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	if _, err := chromedp.RunResponse(ctx, chromedp.SendKeys(chromedp.CSS(sel), keys)); err != nil {
		b.t.Fatalf("submit %s: %v", sel, err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 20*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		b.t.Fatalf("eval %s: %v", js, err)
	}
	return v
}

// texts returns the visible text of every element matching sel.
func (b *browser) texts(sel string) []string {
	b.t.Helper()
	return eval[[]string](b, fmt.Sprintf(`Array.from(document.querySelectorAll(%q)).map(e => e.innerText.trim())`, sel))
}

// text returns the visible text of the first element matching sel, or "".
func (b *browser) text(sel string) string {
	b.t.Helper()
	return eval[string](b, fmt.Sprintf(`(document.querySelector(%q) || {innerText: ""}).innerText.trim()`, sel))
}

func (b *browser) count(sel string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%q).length`, sel))
}

func (b *browser) location() string {
	b.t.Helper()
	return eval[string](b, `location.href`)
}

// screenshot writes a full-page PNG of the current page.
func (b *browser) screenshot(path string) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		b.t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
}

// TestScreenshots writes PNGs of the main pages, on a laptop and a phone,
// for a reviewer to look at:
//
//	go test ./internal/server -run TestScreenshots -screenshots screenshots
//
// writes them to screenshots/ at the top of the module (ignored by git).
func TestScreenshots(t *testing.T) {
	if *screenshotDir == "" {
		t.Skip("pass -screenshots DIR to write screenshots")
	}
	dir := *screenshotDir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(moduleRoot(t), dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	inputs := []string{demoDir(t)}
	if _, err := os.Stat(seedsDir); err == nil {
		inputs = append(inputs, seedsDir)
	}
	f := newFixture(t, server.Options{}, inputs...)
	var stories page[idItem]
	f.getJSON(t, "/api/stories", 200, &stories)
	var lines page[idItem]
	f.getJSON(t, "/api/storylines", 200, &lines)
	var ents page[idItem]
	f.getJSON(t, "/api/entities?type=PER", 200, &ents)
	var big page[struct {
		ID       string `json:"id"`
		Articles int    `json:"articles"`
	}]
	f.getJSON(t, "/api/stories", 200, &big)
	story := big.Items[0]
	for _, s := range big.Items {
		if s.Articles > story.Articles {
			story = s
		}
	}
	var sv struct {
		CopyGroups struct {
			Items []struct {
				Original struct{ ID string } `json:"original"`
			} `json:"items"`
		} `json:"copy_groups"`
	}
	f.getJSON(t, "/api/stories/"+story.ID, 200, &sv)

	pages := []struct{ name, path string }{
		{"stories", "/"},
		{"story", "/stories/" + story.ID},
		{"article", "/articles/" + sv.CopyGroups.Items[0].Original.ID},
		{"storylines", "/storylines"},
		{"storyline", "/storylines/" + lines.Items[0].ID},
		{"entities", "/entities"},
		{"entity", "/entities/" + ents.Items[0].ID},
		{"search", "/search?q=dam+talks"},
		{"articles", "/articles"},
		{"quotes", "/quotes"},
		{"error", "/stories/no-such-story"},
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"laptop", 1280, 800}, {"phone", 390, 844}} {
		b := newBrowser(t, size.w, size.h)
		for _, p := range pages {
			b.open(f.srv.URL + p.path)
			out := filepath.Join(dir, size.name+"-"+p.name+".png")
			b.screenshot(out)
			t.Logf("wrote %s", out)
		}
	}
}

// moduleRoot is the folder of go.mod above the test's folder.
func moduleRoot(t *testing.T) string {
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d
		}
		if filepath.Dir(d) == d {
			return dir
		}
	}
}

// TestBrowserDemo walks the demo corpus as a reader would: from the story
// list to a story, to an article, to an entity; then search and filters.
func TestBrowserDemo(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	f := newFixture(t, server.Options{}, demoDir(t))
	base := f.srv.URL

	b.open(base + "/")
	if got := eval[string](b, `document.title`); got != "Stories · Storyline" {
		t.Errorf("title %q", got)
	}
	cards := b.texts("#story-list > li h2")
	if len(cards) < 3 {
		t.Fatalf("story list shows %d stories, want the demo's 3 or more: %v", len(cards), cards)
	}
	// The biggest story with copies: the card's counts are what the story
	// page must show.
	bigIdx, bigArticles, bigOutlets, bigCopies := -1, 0, 0, 0
	for i, meta := range b.texts("#story-list > li .meta") {
		a, o, c := countOf(meta, "article"), countOf(meta, "outlet"), countOf(meta, "cop")
		if c > 0 && a > bigArticles {
			bigIdx, bigArticles, bigOutlets, bigCopies = i, a, o, c
		}
	}
	if bigIdx < 0 {
		t.Fatalf("no story card has copies: %v", b.texts("#story-list > li .meta"))
	}
	if n := eval[int](b, fmt.Sprintf(`document.querySelectorAll("#story-list > li")[%d].querySelectorAll(".chip.outlet").length`, bigIdx)); n != bigOutlets {
		t.Errorf("the big story shows %d outlet chips, its count says %d outlets", n, bigOutlets)
	}
	bigTitle := cards[bigIdx]
	storyPath := eval[string](b, fmt.Sprintf(`document.querySelectorAll("#story-list > li h2 a")[%d].getAttribute("href")`, bigIdx))

	t.Run("story page", func(t *testing.T) {
		b.click(fmt.Sprintf("#story-list > li:nth-child(%d) h2 a", bigIdx+1))
		if !strings.Contains(b.location(), "/stories/") || b.text("h1") != bigTitle {
			t.Fatalf("at %s with heading %q, want the story %q", b.location(), b.text("h1"), bigTitle)
		}
		dates := b.texts(".timeline .tl-date")
		if len(dates) < 3 {
			t.Fatalf("timeline has %d entries", len(dates))
		}
		for _, d := range dates {
			if !regexpDate.MatchString(d) {
				t.Errorf("timeline date %q is not a formatted date", d)
			}
		}
		if n := b.count(".timeline .tl-item a[href^='/articles/']"); n != len(dates) {
			t.Errorf("%d of %d timeline entries link their article", n, len(dates))
		}
		// app.js ran (no inline script is allowed): the filter shows and works.
		if eval[bool](b, `document.querySelector(".tl-filter").hidden`) {
			t.Fatal("the timeline filter is still hidden: app.js did not run")
		}
		reports := b.count(".timeline .is-report")
		b.do(chromedp.Click(chromedp.CSS(`.tl-filter input[value=report]`)))
		if hidden := eval[int](b, `Array.from(document.querySelectorAll(".timeline .is-report")).filter(e => e.hidden).length`); reports == 0 || hidden != reports {
			t.Errorf("unticking reports hid %d of %d report entries", hidden, reports)
		}
		if got := b.texts(".group .badge.orig"); len(got) == 0 || got[0] != "ORIGINAL" {
			t.Errorf("original markers %v, want at least one", got)
		}
		if n := b.count(".group .copies li"); n != bigCopies {
			t.Errorf("%d copies listed under originals, the story list said %d", n, bigCopies)
		}
		if n := b.count(".group .art"); n != bigArticles {
			t.Errorf("%d articles in copy groups, the story list said %d", n, bigArticles)
		}
		if n := b.count("#outlets .column"); n != bigOutlets {
			t.Errorf("%d outlet columns, the story list said %d outlets", n, bigOutlets)
		}
		people := b.texts("#entities .chip.t-PER")
		if !slicesContains(people, "Idris Kamara") {
			t.Errorf("people %v do not include Idris Kamara", people)
		}
		if n := b.count("#quotes blockquote"); n == 0 {
			t.Error("no quotes shown")
		}
		// The clash that started the story: who, what, how many.
		events := b.texts("#events li")
		if !slices.ContainsFunc(events, func(e string) bool { return strings.Contains(e, "3 killed") }) {
			t.Errorf("no event says the clash killed 3: %q", events)
		}
	})

	t.Run("article page", func(t *testing.T) {
		// The original of a copy group.
		title := eval[string](b, `document.querySelector(".badge.orig").parentElement.querySelector("a.title").innerText`)
		b.click(".group .original:has(.badge.orig) a.title")
		if b.text("h1") != title {
			t.Fatalf("heading %q, want %q", b.text("h1"), title)
		}
		if n := b.count("#article-text .hl-ent"); n < 5 {
			t.Errorf("%d names marked in the text", n)
		}
		if n := b.count("#article-text .hl-quote"); n == 0 {
			t.Error("no quote marked")
		}
		if n := b.count("#article-text .hl-date"); n == 0 {
			t.Error("no date marked")
		}
		if got := b.text(".story-link"); got != b.text("h1") && got == "" {
			t.Errorf("no link back to the story")
		}
		if n := b.count(".article-side .copies li"); n == 0 {
			t.Error("the original lists no copies")
		}
		// The marked text reads exactly as the stored text.
		var av struct {
			Article struct{ Text string } `json:"article"`
		}
		id := b.location()[strings.LastIndex(b.location(), "/")+1:]
		f.getJSON(t, "/api/articles/"+id, 200, &av)
		if got := eval[string](b, `document.getElementById("article-text").textContent`); got != av.Article.Text {
			t.Errorf("the page text differs from the stored text:\n%q\n%q", clipString(got), clipString(av.Article.Text))
		}
	})

	t.Run("entity page", func(t *testing.T) {
		name := b.text("#article-text a.hl-per")
		if name == "" {
			t.Fatal("no linked person in the article")
		}
		b.click("#article-text a.hl-per")
		if !strings.Contains(b.location(), "/entities/") || b.text("h1") == "" {
			t.Fatalf("at %s, heading %q", b.location(), b.text("h1"))
		}
		if b.count("#mentions svg.chart rect.bar") == 0 {
			t.Error("no mentions chart")
		}
		if b.count("#with svg.graph a.node") == 0 {
			t.Error("no co-occurrence graph")
		}
		if n := b.count("#stories .card"); n == 0 {
			t.Error("the entity lists no stories")
		}
		// Follow the graph to a neighbour.
		neighbour := eval[string](b, `document.querySelector("#with a.node text").textContent`)
		b.click("#with a.node")
		if h := b.text("h1"); !strings.HasPrefix(h, strings.TrimSuffix(neighbour, "…")) {
			t.Errorf("the graph node %q led to %q", neighbour, h)
		}
	})

	t.Run("search", func(t *testing.T) {
		b.open(base + "/")
		b.submit(`.topsearch input[name=q]`, "dam talks\n")
		if !strings.Contains(b.location(), "/search?q=dam+talks") {
			t.Fatalf("at %s", b.location())
		}
		if lede := b.text(".lede"); !strings.Contains(lede, "match") {
			t.Errorf("lede %q", lede)
		}
		marks := b.texts(".results mark")
		if len(marks) == 0 {
			t.Fatal("no highlighted words in the snippets")
		}
		for _, m := range marks {
			if l := strings.ToLower(m); !strings.HasPrefix(l, "dam") && !strings.HasPrefix(l, "talk") {
				t.Errorf("highlighted %q for dam talks", m)
			}
		}
		if v := eval[string](b, `document.querySelector(".topsearch input").value`); v != "dam talks" {
			t.Errorf("the search box shows %q", v)
		}
	})

	t.Run("filters", func(t *testing.T) {
		b.open(base + "/")
		all := b.count("#story-list > li")
		b.click(`#story-list .chip.outlet[href*="Estavia"]`)
		if !strings.Contains(b.location(), "outlet=Estavia") {
			t.Fatalf("at %s", b.location())
		}
		n := b.count("#story-list > li")
		if n == 0 || n >= all {
			t.Errorf("the outlet filter shows %d of %d stories", n, all)
		}
		for i := range n {
			chips := eval[string](b, fmt.Sprintf(`document.querySelectorAll("#story-list > li")[%d].querySelector(".chips").innerText`, i))
			if !strings.Contains(chips, "Estavia Today") {
				t.Errorf("story %d has no Estavia Today article: %q", i, chips)
			}
		}
		if got := b.text(".active-filters .chip.on"); !strings.Contains(got, "Estavia Today") {
			t.Errorf("active filter shows %q", got)
		}
		// The date form: only stories of 2026; empty fields stay out of the URL.
		b.open(base + "/")
		b.do(chromedp.SendKeys(chromedp.CSS(`.filters input[name=from]`), "2026-01-01"))
		b.click(`.filters button[type=submit]`)
		if loc := b.location(); !strings.HasSuffix(loc, "/?from=2026-01-01") {
			t.Errorf("the filter form went to %s", loc)
		}
		for _, d := range b.texts("#story-list > li .date") {
			if !strings.Contains(d, "2026") {
				t.Errorf("a story of %q shown from 2026", d)
			}
		}
		b.open(base + "/?from=notadate")
		if b.text(".status") != "400" || !strings.Contains(b.text(".message"), "notadate") {
			t.Errorf("a bad date shows %q %q", b.text(".status"), b.text(".message"))
		}
	})

	t.Run("storyline page", func(t *testing.T) {
		b.open(base + "/storylines")
		b.click(".card h2 a")
		stories := b.count("#stories .card")
		if bars := b.count("#axis svg a.story"); stories == 0 || bars != stories {
			t.Errorf("%d stories, %d on the time axis", stories, bars)
		}
		if len(b.texts(".page-head .chips .chip")) == 0 {
			t.Error("no main actors")
		}
	})

	t.Run("phone", func(t *testing.T) {
		b.do(chromedp.EmulateViewport(390, 844))
		defer b.do(chromedp.EmulateViewport(1280, 900))
		for _, path := range []string{"/", storyPath, "/search?q=dam", "/entities", "/articles"} {
			b.open(base + path)
			if w := eval[int](b, `document.documentElement.scrollWidth`); w > 391 {
				t.Errorf("%s is %dpx wide on a 390px phone", path, w)
			}
		}
	})
}

// countOf reads "4 articles" from a line of counts.
func countOf(meta, word string) int {
	m := regexp.MustCompile(`(\d+) ` + word).FindStringSubmatch(meta)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

var regexpDate = regexp.MustCompile(`^(\d{1,2} [A-Z][a-z]{2} \d{4}|[A-Z][a-z]{2} \d{4}|\d{4})$`)

func slicesContains(list []string, s string) bool { return slices.Contains(list, s) }

func clipString(s string) string {
	if len(s) > 200 {
		return s[:200] + "…"
	}
	return s
}

// TestBrowserSeeds reads the five real seed articles in the browser.
func TestBrowserSeeds(t *testing.T) {
	dir := seeds(t)
	b := newBrowser(t, 1280, 900)
	f := newFixture(t, server.Options{}, dir)
	base := f.srv.URL

	b.open(base + "/")
	titles := b.texts("#story-list > li h2")
	idx := slices.IndexFunc(titles, func(s string) bool { return strings.Contains(s, "Pakistan") })
	if idx < 0 {
		t.Fatalf("no story about Pakistan in %v", titles)
	}
	meta := b.texts("#story-list > li .meta")[idx]
	b.click(fmt.Sprintf("#story-list > li:nth-child(%d) h2 a", idx+1))
	if !strings.Contains(b.text("h1"), "Pakistan") {
		t.Fatalf("story heading %q", b.text("h1"))
	}
	if n := b.count(".group .art"); n != countOf(meta, "article") {
		t.Errorf("%d articles on the story page, the list said %q", n, meta)
	}
	if b.count(".timeline .tl-item") == 0 {
		t.Error("empty timeline")
	}
	people := b.texts("#entities .chip.t-PER")
	if !slices.ContainsFunc(people, func(s string) bool { return strings.Contains(s, "Sherman") }) {
		t.Errorf("people %v do not include Wendy Sherman", people)
	}
	b.click(".group .art a.title")
	marked := b.texts("#article-text .hl-ent")
	if !slices.Contains(marked, "Pakistan") {
		t.Errorf("names marked in the article: %v", marked)
	}

	b.open(base + "/search?q=Sherman")
	if n := b.count(".results .hit"); n < 3 {
		t.Errorf("%d results for Sherman", n)
	}
	for _, m := range b.texts(".results mark") {
		if m != "Sherman" {
			t.Errorf("highlighted %q for Sherman", m)
		}
	}
}

// TestBrowserUntrustedArticle ingests articles written to attack the page
// (script tags, event handlers, javascript: links) and checks in the
// browser that none of it runs and none of it is a live link.
func TestBrowserUntrustedArticle(t *testing.T) {
	b := newBrowser(t, 1280, 900)
	const token = "t0ken"
	f := newFixture(t, server.Options{Token: token})
	hostile := []map[string]string{{
		"url":       "javascript:window.__xss='url'",
		"source":    `Evil <b onmouseover="window.__xss='outlet'">Outlet</b>`,
		"title":     `Kessel Dam talks <script>window.__xss='title';document.title='pwned'</script><img src=x onerror="window.__xss='img'">`,
		"published": "2025-03-25",
		"text": `Negotiators resumed the Kessel Dam talks in Port Avel on Tuesday. <script>window.__xss='text';document.title='pwned'</script>` +
			"\n\n" + `Minister Idris Kamara said "<img src=x onerror=window.__xss='quote'> we will agree on the Kessel Dam" after the talks.` +
			"\n\n" + `Read more at <a href="javascript:window.__xss='a'">this link</a> about the Kessel Dam talks.`,
	}, {
		"url":       "https://evil.example/page",
		"published": "2025-03-26",
		"html": `<html><head><title>Kessel Dam talks stall</title><script>window.__xss='html'</script></head><body><article><h1>Kessel Dam talks stall</h1>` +
			`<p>The Kessel Dam talks in Port Avel stalled on Wednesday, officials from both sides said after a long session.</p>` +
			`<p><img src=x onerror="window.__xss='img2'">Negotiators will meet again next week to discuss the water of the Vena River, the envoy said.</p>` +
			`<p><a href="javascript:window.__xss='link'">Click</a> for the full statement on the Kessel Dam talks, which ran for nine hours.</p></article></body></html>`,
	}}
	body, _ := json.Marshal(hostile)
	code, resp := f.post(t, "/api/articles", "Bearer "+token, "application/json", string(body))
	if code != 201 {
		t.Fatalf("post: %d %s", code, resp)
	}
	// Ingest cleans markup out of texts; a store written by another tool
	// may not. This one goes in directly, with findings whose spans cover
	// the markup.
	raw := news.Article{
		URL: "JavaScript:window.__xss='raw'", Outlet: "Raw <i onclick=\"window.__xss='o'\">Wire</i>", Title: "Raw markup <svg onload=window.__xss='svg'>",
		Text:      "Kamara said \"<script>window.__xss='raw'</script>\" on Friday.\n\n<img src=x onerror=\"window.__xss='rawimg'\"> The End.",
		Published: time.Date(2025, 3, 27, 0, 0, 0, 0, time.UTC), Ingested: time.Now(),
	}
	raw.TextHash = textnorm.Hash(raw.Text)
	raw.ID = news.NewArticleID(raw.URL, raw.Outlet, raw.TextHash)
	if _, err := f.st.Add(t.Context(), []news.Article{raw}); err != nil {
		t.Fatal(err)
	}
	q := strings.Index(raw.Text, "<script>")
	an := news.Analysis{Article: raw.ID,
		Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 6}, Text: "Kamara", Type: news.Person, Entity: "x\"><script>window.__xss='ent'</script>"}},
		Quotes:   []news.Quote{{Span: news.Span{Start: q, End: q + 34}, Text: raw.Text[q : q+34], Speaker: "<b>Kamara</b>"}},
		Timexes:  []news.Timex{{Span: news.Span{Start: q + 37, End: q + 43}, Text: "Friday", Type: "DATE", Value: "\"><img src=x onerror=window.__xss='tx'>"}},
	}
	if err := f.st.SaveAnalyses(t.Context(), []news.Analysis{an}); err != nil {
		t.Fatal(err)
	}
	var arts page[idItem]
	f.getJSON(t, "/api/articles", 200, &arts)
	if arts.Total != 3 {
		t.Fatalf("%d articles stored, want 3: %s", arts.Total, resp)
	}
	paths := []string{"/", "/articles", "/quotes", "/entities", "/search?q=kessel+dam+talks", "/storylines"}
	for _, a := range arts.Items {
		paths = append(paths, "/articles/"+a.ID)
	}
	var stories page[idItem]
	f.getJSON(t, "/api/stories", 200, &stories)
	for _, s := range stories.Items {
		paths = append(paths, "/stories/"+s.ID)
	}
	for _, path := range paths {
		t.Run(path, func(t *testing.T) {
			b.open(f.srv.URL + path)
			// Hover and click everything, as a curious reader might.
			eval[bool](b, `document.querySelectorAll("main *").forEach(e => e.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}))); true`)
			if v := eval[string](b, `String(window.__xss)`); v != "undefined" {
				t.Errorf("article markup ran: window.__xss = %q", v)
			}
			if title := eval[string](b, `document.title`); title == "pwned" || !strings.HasSuffix(title, "· Storyline") {
				t.Errorf("document title %q", title)
			}
			if n := b.count("script"); n != 1 {
				t.Errorf("%d script elements, want only app.js", n)
			}
			if n := b.count("[onerror], [onmouseover], [onload], [onclick]"); n != 0 {
				t.Errorf("%d elements with event handlers", n)
			}
			bad := eval[[]string](b, `Array.from(document.querySelectorAll("a[href], area[href]")).map(a => a.href).filter(h => !/^https?:/.test(h))`)
			if len(bad) > 0 {
				t.Errorf("links that are not http(s): %v", bad)
			}
		})
	}
	t.Run("the markup shows as text", func(t *testing.T) {
		b.open(f.srv.URL + "/articles/" + string(raw.ID))
		if h := b.text("h1"); h != raw.Title {
			t.Errorf("heading %q, want the title as text %q", h, raw.Title)
		}
		if got := eval[string](b, `document.getElementById("article-text").textContent`); got != raw.Text {
			t.Errorf("article text %q, want %q", got, raw.Text)
		}
		if n := b.count("#article-text .hl-quote, #article-text .hl-date, #article-text .hl-ent"); n != 3 {
			t.Errorf("%d marks in the text, want the quote, the date and the name", n)
		}
		if src := b.text(".source"); src != raw.URL || b.count("a.source") != 0 {
			t.Errorf("the javascript: URL shows as %q, live links %d", src, b.count("a.source"))
		}
	})
}
