package server_test

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// BenchmarkServe is a load test on loopback: it fills a store with
// generated articles, stories, storylines and entities, then sends b.N
// requests to each endpoint from many clients at once and reports
// requests per second and the 50th and 99th percentile latencies.
// search_distinct asks a different question every time, so that no answer
// comes from the cache: the worst case. The store also holds one story of
// -load.bigstory articles, whose pages big_story_page and big_story_api
// ask for, never from the cache; mixed_with_big_story asks for them in
// turn with the story list and searches, and reports each one's
// percentiles: a big story must not hold up the rest. For the figures in
// the docs:
//
//	go test ./internal/server -run '^$' -bench Serve -benchtime 3000x -load.articles 100000
var (
	loadArticles = flag.Int("load.articles", 5000, "articles in the store BenchmarkServe fills")
	loadClients  = flag.Int("load.clients", 50, "concurrent clients of BenchmarkServe")
	loadDB       = flag.String("load.db", "", "keep BenchmarkServe's store in this `file`, and reuse it when it exists")
	loadPostgres = flag.String("load.postgres", "", "fill and serve the PostgreSQL database at this `URL` instead of a SQLite file (it must be empty, or hold what an earlier run filled)")
	loadBig      = flag.Int("load.bigstory", 10000, "articles of the one big story BenchmarkServe adds to the store (0 for none)")
	loadOrdered  = flag.Bool("load.ordered", false, "search_distinct asks its questions in the order of their words' frequency, the commonest first, as it did before it asked them in random order")
)

func BenchmarkServe(b *testing.B) {
	ctx := context.Background()
	path, fill := *loadDB, true
	if path == "" {
		path = filepath.Join(b.TempDir(), "load.db")
	} else if _, err := os.Stat(path); err == nil {
		fill = false // generated before with the same seed: only the IDs are remade
	}
	st, fill, err := openLoadStore(ctx, path, fill)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	gen := fillStore(b, st, *loadArticles, *loadBig, fill)
	b.Logf("filled a store with %d articles, %d stories in %v", *loadArticles, len(gen.stories), time.Since(start).Round(time.Second))
	s, err := server.New(st, server.Options{Version: st.Version}) // as storyline serve runs it
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(s)
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *loadClients, MaxConnsPerHost: *loadClients}}

	rng := rand.New(rand.NewPCG(1, 2))
	var served atomic.Int64 // requests for distinct queries so far
	var mu sync.Mutex
	pick := func(list []string) string {
		mu.Lock()
		defer mu.Unlock()
		return list[rng.IntN(len(list))]
	}
	endpoints := []endpoint{
		{"stories_api", func() string { return "/api/stories" }},
		{"stories_page", func() string { return "/" }},
		{"stories_by_outlet", func() string { return "/api/stories?outlet=" + url.QueryEscape(pick(gen.outlets)) }},
		{"story_page", func() string { return "/stories/" + pick(gen.stories) }},
		{"search_api", func() string { return "/api/search?q=" + url.QueryEscape(pick(gen.queries)) }},
		{"search_page", func() string { return "/search?q=" + url.QueryEscape(pick(gen.queries)) }},
		{"search_distinct", func() string { return "/api/search?q=" + url.QueryEscape(gen.distinct(int(served.Add(1)))) }},
		{"search_common_word", func() string { return "/api/search?q=" + url.QueryEscape(pick(gen.common)) }},
		{"article_page", func() string { return "/articles/" + pick(gen.articles) }},
	}
	// A page of the big story, any of them. Uncached, r changes the URL
	// (the server ignores it), so that none comes from the cache, as if
	// the story changed between any two requests: its cost, not the
	// cache's.
	var busted atomic.Int64
	bigPages := func(prefix string, uncached bool) func() string {
		return func() string {
			mu.Lock()
			off := rng.IntN(max(gen.bigPages, 1)) * bigPage
			mu.Unlock()
			if uncached {
				return fmt.Sprintf("%s/stories/%s?offset=%d&r=%d", prefix, gen.big, off, busted.Add(1))
			}
			return fmt.Sprintf("%s/stories/%s?offset=%d", prefix, gen.big, off)
		}
	}
	if gen.big != "" {
		endpoints = append(endpoints, endpoint{"big_story_page", bigPages("", true)}, endpoint{"big_story_api", bigPages("/api", true)})
	}
	byName := make(map[string]func() string)
	for _, ep := range endpoints {
		byName[ep.name] = ep.path
		b.Run(ep.name, func(b *testing.B) {
			lat := load(b, client, srv.URL, b.N, func(int) (string, string) { return ep.name, ep.path() })
			report(b, lat[ep.name], "")
		})
	}
	if gen.big == "" {
		return
	}
	// The story list and searches while the big story's pages are asked
	// for too, in turn, by the same clients: each endpoint's percentiles,
	// from b.N requests to each. The big story's pages are any of its
	// pages, as readers paging through it ask for them, served as serve
	// serves them (from the cache once made, until the store changes);
	// in the _uncached run none is, as if it changed all the time. The
	// same mix without the big story is the control: on a loaded machine
	// its own p99 may miss the target.
	cheap := []string{"stories_api", "stories_page", "search_api", "search_page", "search_distinct"}
	for _, run := range []struct {
		name     string
		big      bool
		uncached bool
	}{
		{"mixed_control", false, false},
		{"mixed_with_big_story", true, false},
		{"mixed_with_big_story_uncached", true, true},
	} {
		mix := cheap
		if run.big {
			mix = append(slices.Clip(cheap), "big_story_page", "big_story_api")
			byName["big_story_page"], byName["big_story_api"] = bigPages("", run.uncached), bigPages("/api", run.uncached)
		}
		b.Run(run.name, func(b *testing.B) {
			lat := load(b, client, srv.URL, b.N*len(mix), func(i int) (string, string) { name := mix[i%len(mix)]; return name, byName[name]() })
			for _, name := range mix {
				report(b, lat[name], name+"-")
			}
		})
	}
}

// endpoint is a workload of BenchmarkServe: path makes each request's path.
type endpoint struct {
	name string
	path func() string
}

// load sends n requests from *loadClients clients at once; next names the
// i-th request's endpoint and gives its path. It returns the latencies by
// endpoint, sorted, and reports the requests per second.
func load(b *testing.B, client *http.Client, base string, n int, next func(i int) (name, path string)) map[string][]time.Duration {
	lat := make(map[string][]time.Duration)
	var mu sync.Mutex
	var sent, failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	t0 := time.Now()
	for range *loadClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(sent.Add(1)) - 1
				if i >= n {
					return
				}
				name, path := next(i)
				t := time.Now()
				resp, err := client.Get(base + path)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != 200 {
					failed.Add(1)
				}
				d := time.Since(t)
				mu.Lock()
				lat[name] = append(lat[name], d)
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(t0)
	b.StopTimer()
	if k := failed.Load(); k > 0 {
		b.Fatalf("%d of %d requests failed", k, n)
	}
	for _, l := range lat {
		slices.Sort(l)
	}
	b.ReportMetric(float64(n)/elapsed.Seconds(), "req/s")
	return lat
}

// report reports the 50th and 99th percentiles of sorted latencies, with
// prefix before the units.
func report(b *testing.B, lat []time.Duration, prefix string) {
	if len(lat) == 0 {
		return
	}
	b.ReportMetric(ms(lat[len(lat)/2]), prefix+"p50-ms")
	b.ReportMetric(ms(lat[min(len(lat)-1, len(lat)*99/100)]), prefix+"p99-ms")
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// generated is what fillStore made, for picking request targets.
type generated struct {
	stories, articles, outlets, queries []string
	common                              []string // one-word queries for the commonest words
	// big is the story of -load.bigstory articles ("" when there is none),
	// and bigPages its number of pages of copy groups (of bigPage each).
	big      string
	bigPages int
	// distinct makes the i-th of a run of queries, each different from
	// the others: none is answered from the cache.
	distinct func(i int) string
}

// fillStore adds n generated articles to st with findings and a grouping:
// stories of one to eight articles (some copies), storylines of ten
// stories, and a few thousand entities; and, when big > 0, one story of
// big more articles (see bigStory).
// loadStore is what BenchmarkServe fills and serves.
type loadStore interface {
	server.Store
	Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error)
	SaveAnalyses(ctx context.Context, list []news.Analysis) error
	SaveGrouping(ctx context.Context, g news.Grouping) error
	Count(ctx context.Context) (int, error)
	Version(ctx context.Context) (int64, error)
	Close() error
}

// openLoadStore opens the SQLite file at path as storyline serve opens
// it, or the PostgreSQL database of -load.postgres; fill says whether
// the store is to be filled (false when it holds articles already).
func openLoadStore(ctx context.Context, path string, fill bool) (loadStore, bool, error) {
	if *loadPostgres == "" {
		st, err := sqlite.OpenWith(ctx, path, sqlite.Options{MapSize: sqlite.MaxMapSize})
		return st, fill, err
	}
	st, err := postgres.Open(ctx, *loadPostgres)
	if err != nil {
		return nil, false, err
	}
	n, err := st.Count(ctx)
	return st, n == 0, err
}

func fillStore(b *testing.B, st loadStore, n, big int, write bool) generated {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(7, 11))
	// A vocabulary of made-up words whose frequencies follow Zipf's law, as
	// the words of real text do.
	words := make([]string, 20000)
	seen := make(map[string]bool)
	syll := []string{"ka", "lo", "ven", "dar", "mi", "sto", "rel", "an", "tu", "pes", "gor", "ly", "ne", "hal", "vi", "ro", "bex", "um", "sa", "fi"}
	for i := range words {
		for {
			var w strings.Builder
			for range 2 + rng.IntN(3) {
				w.WriteString(syll[rng.IntN(len(syll))])
			}
			if !seen[w.String()] {
				seen[w.String()] = true
				words[i] = w.String()
				break
			}
		}
	}
	zipf := rand.NewZipf(rng, 1.07, 2, uint64(len(words)-1))
	word := func() string { return words[zipf.Uint64()] }
	var gen generated
	for i := range 40 {
		gen.outlets = append(gen.outlets, fmt.Sprintf("Outlet %02d", i))
	}
	// Queries are two content words: neither among the few hundred commonest
	// (the function words of real text) nor rare. A query for one of the
	// commonest words is the worst case: it matches most articles.
	for range 200 {
		gen.queries = append(gen.queries, words[300+rng.IntN(3000)]+" "+words[300+rng.IntN(3000)])
		gen.common = append(gen.common, words[rng.IntN(30)])
	}
	// Pairs of the same content words, each pair different; computed
	// rather than drawn from rng, so that a store made before still
	// matches the seed. They come in a fixed random order: in the order
	// of the words' ranks, the first few hundred would all hold one of
	// the commonest of them, and the p99 would measure only the start.
	const m = 3000
	order := rand.New(rand.NewPCG(3, 5)).Perm(m)
	if *loadOrdered {
		for k := range order {
			order[k] = k
		}
	}
	gen.distinct = func(i int) string {
		k := order[i%m]
		a, b := 300+k, 300+(i/m+1+k*7)%m
		return words[a] + " " + words[b]
	}
	nEnt := max(50, n/30)
	entName := func(i int) string { return "Person " + words[i%len(words)] + fmt.Sprint(i) }

	base := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
	var g news.Grouping
	var story news.Story
	var storyline news.Storyline
	flushStory := func() {
		if len(story.Articles) == 0 {
			return
		}
		story.Storyline = storyline.ID
		g.Stories = append(g.Stories, story)
		gen.stories = append(gen.stories, string(story.ID))
		storyline.Stories = append(storyline.Stories, story.ID)
		if storyline.Begin.IsZero() || story.Begin.Before(storyline.Begin) {
			storyline.Begin = story.Begin
		}
		if story.End.After(storyline.End) {
			storyline.End = story.End
		}
		if len(storyline.Stories) == 10 {
			g.Storylines = append(g.Storylines, storyline)
			storyline = news.Storyline{}
		}
		story = news.Story{}
	}
	const batch = 1000
	arts := make([]news.Article, 0, batch)
	ans := make([]news.Analysis, 0, batch)
	left := 0
	for i := range n {
		if left == 0 {
			flushStory()
			left = 1 + rng.IntN(8)
			story.ID = news.StoryID(fmt.Sprintf("s%07d", i))
			if storyline.ID == "" {
				storyline.ID = news.StorylineID(fmt.Sprintf("l%07d", i))
				storyline.Name = entName(rng.IntN(nEnt)) + ", " + entName(rng.IntN(nEnt)) + ": " + word()
				storyline.Actors = []string{entName(rng.IntN(nEnt))}
			}
		}
		left--
		text := loadText(word)
		// Spread over three years. (The product was computed before the
		// division until 2026-12, which overflowed from the 100th article
		// on: every article fell within a day or a few of the first.)
		pub := base.Add(time.Duration(i) * (3 * 365 * 24 * time.Hour / time.Duration(n)))
		a := news.Article{
			URL: fmt.Sprintf("https://example.com/a/%d", i), Outlet: gen.outlets[rng.IntN(len(gen.outlets))],
			Title: word() + " " + word() + " " + word() + " " + word(), Text: text, Published: pub,
			DateSource: news.DateMetadata, Language: "en", Ingested: time.Now(),
		}
		a.TextHash = textnorm.Hash(a.Text)
		a.ID = news.NewArticleID(a.URL, a.Outlet, a.TextHash)
		gen.articles = append(gen.articles, string(a.ID))
		an := news.Analysis{Article: a.ID}
		for m := range 4 {
			e := rng.IntN(nEnt)
			an.Mentions = append(an.Mentions, news.Mention{Span: news.Span{Start: m * 10, End: m*10 + 3}, Text: a.Text[m*10 : m*10+3],
				Type: news.Person, Entity: news.EntityID(fmt.Sprintf("e%05d", e))})
		}
		an.Quotes = []news.Quote{{Span: news.Span{Start: 50, End: 90}, Text: a.Text[50:90], Speaker: entName(rng.IntN(nEnt)), Cue: "said", Direct: true}}
		arts, ans = append(arts, a), append(ans, an)
		if len(story.Articles) > 0 && rng.IntN(4) == 0 {
			g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: story.Articles[0], Kind: news.CopyNear, Similarity: 0.9})
		}
		story.Articles = append(story.Articles, a.ID)
		if story.Begin.IsZero() {
			story.Begin, story.Title = pub, a.Title
		}
		story.End = pub
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: story.ID, Score: 0.5})
		if write && (len(arts) == batch || i == n-1) {
			if _, err := st.Add(ctx, arts); err != nil {
				b.Fatal(err)
			}
			if err := st.SaveAnalyses(ctx, ans); err != nil {
				b.Fatal(err)
			}
			arts, ans = arts[:0], ans[:0]
		}
	}
	flushStory()
	if len(storyline.Stories) > 0 {
		g.Storylines = append(g.Storylines, storyline)
	}
	if big > 0 {
		gen.big = "s-big"
		bigStory(b, st, &g, &gen, big, base.Add(3*365*24*time.Hour), nEnt, word, entName, write)
	}
	for e := range nEnt {
		g.Entities = append(g.Entities, news.Entity{ID: news.EntityID(fmt.Sprintf("e%05d", e)), Name: entName(e), Type: news.Person, Mentions: 4 * n / nEnt})
	}
	if !write {
		if got, _ := st.Count(ctx); got != n+big {
			b.Fatalf("the store at %s has %d articles, not %d: remove it", *loadDB, got, n+big)
		}
		return gen
	}
	if err := st.SaveGrouping(ctx, g); err != nil {
		b.Fatal(err)
	}
	return gen
}

// loadText makes an article's text: five paragraphs of 40 words.
func loadText(word func() string) string {
	var text strings.Builder
	for p := range 5 {
		if p > 0 {
			text.WriteString("\n\n")
		}
		for range 40 {
			text.WriteString(word() + " ")
		}
		text.WriteString("end.")
	}
	return text.String()
}

// bigStory adds one story of n articles published over the 60 days before
// end, as a long-running wire story gathers: two in five copy one of its
// first 50 originals (groups of about 80 copies), every article carries a
// quote and an event (a copy the same ones as its original) and names four
// of 300 people. It is its own storyline.
func bigStory(b *testing.B, st loadStore, g *news.Grouping, gen *generated, n int, end time.Time, nEnt int,
	word func() string, entName func(int) string, write bool) {
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(13, 17))
	story := news.Story{ID: news.StoryID(gen.big), Storyline: "l-big"}
	var origs []news.ArticleID
	groupOf := make(map[news.ArticleID]int) // article -> its copy group's number
	const batch = 1000
	var arts []news.Article
	var ans []news.Analysis
	begin := end.Add(-60 * 24 * time.Hour)
	groups := 0
	for i := range n {
		pub := begin.Add(time.Duration(i) * (60 * 24 * time.Hour / time.Duration(n)))
		a := news.Article{
			URL: fmt.Sprintf("https://example.com/big/%d", i), Outlet: gen.outlets[rng.IntN(len(gen.outlets))],
			Title: word() + " " + word() + " " + word() + " " + word(), Text: loadText(word), Published: pub,
			DateSource: news.DateMetadata, Language: "en", Ingested: time.Now(),
		}
		a.TextHash = textnorm.Hash(a.Text)
		a.ID = news.NewArticleID(a.URL, a.Outlet, a.TextHash)
		grp := groups
		if len(origs) > 0 && rng.IntN(5) < 2 {
			orig := origs[rng.IntN(min(len(origs), 50))]
			grp = groupOf[orig]
			g.Copies = append(g.Copies, news.CopyLink{Article: a.ID, Original: orig, Kind: news.CopyNear, Similarity: 0.9})
		} else {
			origs = append(origs, a.ID)
			groups++
		}
		groupOf[a.ID] = grp
		an := news.Analysis{Article: a.ID}
		for m := range 4 {
			e := rng.IntN(min(300, nEnt))
			an.Mentions = append(an.Mentions, news.Mention{Span: news.Span{Start: m * 10, End: m*10 + 3}, Text: a.Text[m*10 : m*10+3],
				Type: news.Person, Entity: news.EntityID(fmt.Sprintf("e%05d", e))})
		}
		speaker := grp % min(300, nEnt)
		an.Quotes = []news.Quote{{Span: news.Span{Start: 50, End: 90}, Text: a.Text[50:90], Speaker: entName(speaker),
			Entity: news.EntityID(fmt.Sprintf("e%05d", speaker)), Cue: "said", Direct: true, Group: fmt.Sprintf("q%d", grp)}}
		an.Events = []news.Event{{Type: news.EventAttack, Trigger: "attacked", Actor: entName(speaker), Target: word(),
			Killed: grp % 7, Injured: -1, Arrested: -1, Sentence: news.Span{Start: 0, End: 120}, Group: fmt.Sprintf("ev%d", grp)}}
		arts, ans = append(arts, a), append(ans, an)
		story.Articles = append(story.Articles, a.ID)
		g.Assignments = append(g.Assignments, news.Assignment{Article: a.ID, Story: story.ID, Score: 0.5})
		if write && (len(arts) == batch || i == n-1) {
			if _, err := st.Add(ctx, arts); err != nil {
				b.Fatal(err)
			}
			if err := st.SaveAnalyses(ctx, ans); err != nil {
				b.Fatal(err)
			}
			arts, ans = arts[:0], ans[:0]
		}
	}
	story.Title, story.Begin, story.End = "The big story", begin, end
	g.Stories = append(g.Stories, story)
	g.Storylines = append(g.Storylines, news.Storyline{ID: "l-big", Name: "The big storyline", Stories: []news.StoryID{story.ID},
		Begin: begin, End: end})
	gen.bigPages = (groups + bigPage - 1) / bigPage
}

// bigPage is the number of copy groups on a page of a story.
const bigPage = 40
