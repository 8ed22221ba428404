package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// TestMain lets the tests run this binary as a real process (for the crash
// test) by re-executing the test binary with STORYLINE_MAIN=1.
func TestMain(m *testing.M) {
	if os.Getenv("STORYLINE_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// cli runs storyline in-process with args and returns its exit status,
// standard output and standard error.
func cli(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

const seedsDir = "../../../shared/seeds"

func needSeeds(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seeds not found at %s (they live in shared/ beside the checkout)", seedsDir)
	}
}

type articleList struct {
	Total    int            `json:"total"`
	Articles []news.Summary `json:"articles"`
}

func listArticles(t *testing.T, db string, args ...string) articleList {
	t.Helper()
	code, out, errs := cli(t, "", append([]string{"articles", "--db", db, "--json", "--limit", "1000"}, args...)...)
	if code != 0 {
		t.Fatalf("articles: exit %d: %s", code, errs)
	}
	var l articleList
	if err := json.Unmarshal([]byte(out), &l); err != nil {
		t.Fatalf("articles --json: %v\n%s", err, out)
	}
	return l
}

func getArticle(t *testing.T, db string, id news.ArticleID) news.Article {
	t.Helper()
	code, out, errs := cli(t, "", "article", "--db", db, "--json", string(id))
	if code != 0 {
		t.Fatalf("article %s: exit %d: %s", id, code, errs)
	}
	var a news.Article
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatalf("article --json: %v", err)
	}
	return a
}

// byOrigin maps the base name of each article's origin to the article.
func byOrigin(t *testing.T, db string) map[string]news.Article {
	t.Helper()
	m := map[string]news.Article{}
	for _, s := range listArticles(t, db).Articles {
		a := getArticle(t, db, s.ID)
		m[filepath.Base(a.Origin)] = a
	}
	return m
}

func TestIngestSeeds(t *testing.T) {
	needSeeds(t)
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, seedsDir)
	if code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if !strings.Contains(out, "read 5, new 5, already known 0, failed 0") {
		t.Errorf("ingest summary = %q", out)
	}
	arts := byOrigin(t, db)
	if len(arts) != 5 {
		t.Fatalf("stored %d articles, want 5", len(arts))
	}
	get := func(prefix string) news.Article {
		for name, a := range arts {
			if strings.HasPrefix(name, prefix) {
				return a
			}
		}
		t.Fatalf("no article from %s*", prefix)
		return news.Article{}
	}
	boiler002 := []string{"English News", "youtube", "facebook", "twitter", "Photo Credit", "Also Read"}
	for _, b := range boiler002 {
		if strings.Contains(get("002_").Text, b) {
			t.Errorf("002 keeps boilerplate %q", b)
		}
	}
	if !strings.Contains(get("002_").Text, "Organised terrorist networks are still operating") {
		t.Error("002 lost its article text")
	}
	if strings.Contains(get("001_").Text, "Also read") {
		t.Error("001 keeps its \"Also read\" line")
	}
	if !strings.Contains(get("001_").Text, "I repeat, I do not believe in military solutions") {
		t.Error("001 lost its article text")
	}
	for prefix, want := range map[string]string{"003_": "2021-10-02", "004_": "2024-05-28"} {
		a := get(prefix)
		if got := a.Published.Format("2006-01-02"); got != want {
			t.Errorf("%s published %s, want %s", prefix, got, want)
		}
		if strings.Contains(a.Text, " date 20") || strings.HasPrefix(a.Text, "date") {
			t.Errorf("%s keeps its date header: %.40q", prefix, a.Text)
		}
	}
	for _, prefix := range []string{"000_", "001_", "002_"} {
		if a := get(prefix); !a.Published.IsZero() && a.DateSource != news.DateInferred {
			t.Errorf("%s has date %v from %q, want unknown", prefix, a.Published, a.DateSource)
		}
	}

	// Ingesting again adds nothing.
	code, out, _ = cli(t, "", "ingest", "--db", db, seedsDir)
	if code != 0 || !strings.Contains(out, "read 5, new 0, already known 5, failed 0") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}
}

// writeFiles writes name -> content files under dir.
func writeFiles(t *testing.T, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func gz(t *testing.T, data []byte, truncate bool) []byte {
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	w.Write(data)
	w.Close()
	out := b.Bytes()
	if truncate {
		out = out[:len(out)*2/3]
	}
	return out
}

const story = "The harbour authority in Lisk said on Monday that a new ferry line to Port Avel would open in June, after two years of delays caused by the dispute over dredging the northern channel. Officials said the route would carry 400 passengers a day."

func jsonl(rows ...map[string]any) []byte {
	var b bytes.Buffer
	for _, r := range rows {
		j, _ := json.Marshal(r)
		b.Write(j)
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func TestIngestFormatsAndBadInput(t *testing.T) {
	dir := t.TempDir()
	html := []byte(`<!doctype html><html><head><title>Ferry line opens | Lisk Post</title>
<meta property="og:site_name" content="Lisk Post"><meta property="article:published_time" content="2025-06-02T10:00:00Z"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav><article><h1>Ferry line opens</h1><p>` + story + `</p>
<p>The first ship, the Vena Star, left at dawn with 380 passengers on board and arrived in Port Avel four hours later, the operator said.</p></article>
<footer>Share on Facebook · © Lisk Post</footer></body></html>`)
	feed := []byte(`<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Radio</title>
<item><title>Storm closes the northern channel</title><link>https://valley.example/storm</link><pubDate>Tue, 03 Jun 2025 08:00:00 +0000</pubDate>
<description>A storm closed the northern channel of Lisk harbour on Tuesday morning and the new ferry to Port Avel stayed in port, the harbour master said. Ships will sail again when the wind drops.</description></item>
<item><title>Fishing fleet returns early</title><link>https://valley.example/fleet</link><pubDate>Tue, 03 Jun 2025 12:00:00 +0000</pubDate>
<description>The fishing fleet of Dunmere returned to harbour a day early because of the storm, the fishermen's union said, and the catch was the smallest of the year so far.</description></item>
</channel></rss>`)
	good := jsonl(
		map[string]any{"url": "https://wire.example/a", "source": "Meridian Wire", "title": "Ferry line to open", "published": "2025-05-30", "text": story, "section": "Business"},
		map[string]any{"url": "https://wire.example/b", "outlet": "Meridian Wire", "headline": "Dredging ends", "date": "2025-05-01T12:00:00Z", "body": "Dredging of the northern channel of Lisk harbour ended on Thursday, the harbour authority said, two years after it began. The channel is now deep enough for the new ferries."},
	)
	broken := append(append([]byte{}, good[:bytes.IndexByte(good, '\n')+1]...), []byte("{\"title\": \"broken\", \"text\": \n")...)
	broken = append(broken, jsonl(map[string]any{"title": "Third", "text": "A third article on line three about the fishermen of Dunmere, who said the storm season had started early this year and would last into July."})...)
	cp1252 := []byte("The caf\xe9 owners of Lisk said on Friday that the new ferry had brought \x93more visitors than ever\x94 to the old harbour, and that they would stay open late all summer.")
	writeFiles(t, dir, map[string][]byte{
		"a/story.txt":        []byte("Lisk Post\n\nFerry line announced\n\n" + story + "\n\nAlso read: Ten things to do in Lisk\n"),
		"a/page.html":        html,
		"a/feed.xml":         feed,
		"b/wire.jsonl":       good,
		"b/wire.jsonl.gz":    gz(t, jsonl(map[string]any{"url": "https://wire.example/c", "source": "Meridian Wire", "text": "The harbour of Lisk will hold its first open day on Saturday, the authority said, with tours of the new ferry terminal and the dredged channel for visitors."}), false),
		"b/noext":            feed[:0:0],
		"bad/broken.jsonl":   broken,
		"bad/empty.txt":      {},
		"bad/binary.bin.txt": append([]byte("\x00\x01\x02\x03PK"), bytes.Repeat([]byte{0, 0xff, 7}, 300)...),
		"bad/cut.jsonl.gz":   gz(t, bytes.Repeat(good, 200), true),
		"bad/nav.html":       []byte(`<html><body><nav><a href="/">Home</a><a href="/x">News</a></nav></body></html>`),
		"c/cafe.txt":         cp1252,
	})
	os.Remove(filepath.Join(dir, "b/noext"))
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, dir)
	if code != 3 {
		t.Errorf("ingest with bad inputs: exit %d, want 3\n%s%s", code, out, errs)
	}
	for _, want := range []string{
		filepath.Join(dir, "bad/broken.jsonl") + ":2",
		filepath.Join(dir, "bad/empty.txt"),
		filepath.Join(dir, "bad/binary.bin.txt"),
		filepath.Join(dir, "bad/cut.jsonl.gz"),
		filepath.Join(dir, "bad/nav.html"),
	} {
		if !strings.Contains(errs, want) {
			t.Errorf("stderr does not name %s:\n%s", want, errs)
		}
	}
	titles := map[string]news.Summary{}
	for _, a := range listArticles(t, db).Articles {
		titles[a.Title] = a
	}
	for _, want := range []string{"Ferry line opens", "Storm closes the northern channel", "Fishing fleet returns early", "Ferry line to open", "Dredging ends", "Third"} {
		if _, ok := titles[want]; !ok {
			t.Errorf("no article titled %q; have %v", want, keys(titles))
		}
	}
	if a := titles["Ferry line opens"]; a.Outlet != "Lisk Post" || day(a.Published) != "2025-06-02" {
		t.Errorf("HTML article: outlet %q, date %s", a.Outlet, day(a.Published))
	}
	if a := titles["Dredging ends"]; a.Outlet != "Meridian Wire" || day(a.Published) != "2025-05-01" {
		t.Errorf("JSONL field variants: outlet %q, date %s", a.Outlet, day(a.Published))
	}
	page := getArticle(t, db, titles["Ferry line opens"].ID)
	if strings.Contains(page.Text, "Share on Facebook") || strings.Contains(page.Text, "Sport") {
		t.Errorf("HTML boilerplate kept: %q", page.Text)
	}
	if j := getArticle(t, db, titles["Ferry line to open"].ID); j.Meta["section"] != "Business" {
		t.Errorf("JSONL extra field not kept as metadata: %v", j.Meta)
	}
	found := false
	for _, s := range listArticles(t, db).Articles {
		if a := getArticle(t, db, s.ID); strings.Contains(a.Text, "café") && strings.Contains(a.Text, "“more visitors than ever”") {
			found = true
		}
	}
	if !found {
		t.Error("Windows-1252 text not decoded (café, curly quotes)")
	}
	// The truncated gzip still gave the lines before the cut (the same two
	// articles as wire.jsonl, so known), and the file is reported.
	if !strings.Contains(errs, "gzip") && !strings.Contains(errs, "truncated") && !strings.Contains(errs, "unexpected EOF") {
		t.Errorf("truncated gzip not explained:\n%s", errs)
	}

	// Ingesting again: nothing new, same failures, nothing lost.
	before := listArticles(t, db).Total
	code, out, _ = cli(t, "", "ingest", "--db", db, dir)
	if code != 3 || !strings.Contains(out, "new 0") {
		t.Errorf("re-ingest: exit %d, %q", code, out)
	}
	if after := listArticles(t, db).Total; after != before {
		t.Errorf("re-ingest changed the article count from %d to %d", before, after)
	}
}

func keys[V any](m map[string]V) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	return k
}

func TestIngestStdinAndGlob(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{
		"x1.txt": []byte(story),
		"x2.txt": []byte("Fishermen in Dunmere said on Sunday that the storm had destroyed twelve boats and damaged the pier, and asked the government for help to rebuild before the season."),
		"y.md":   []byte("not matched by the glob, and not an article either way, just notes"),
	})
	db := filepath.Join(t.TempDir(), "s.db")
	code, out, errs := cli(t, "", "ingest", "--db", db, filepath.Join(dir, "x*.txt"))
	if code != 0 || !strings.Contains(out, "new 2") {
		t.Fatalf("glob ingest: exit %d %q %s", code, out, errs)
	}
	in := string(jsonl(map[string]any{"title": "From stdin", "text": "The new ferry terminal in Port Avel was opened by the mayor on Wednesday, a week later than planned because of the storm that closed the northern channel."}))
	code, out, errs = cli(t, in, "ingest", "--db", db, "-")
	if code != 0 || !strings.Contains(out, "new 1") {
		t.Fatalf("stdin ingest: exit %d %q %s", code, out, errs)
	}
	if l := listArticles(t, db); l.Total != 3 {
		t.Errorf("%d articles, want 3", l.Total)
	}
}

func TestUsageErrors(t *testing.T) {
	db := filepath.Join(t.TempDir(), "none.db")
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"frobnicate"}, 2, "unknown command"},
		{[]string{"ingest", "--db", db}, 2, "PATH"},
		{[]string{"articles", "--db", db}, 1, "no such file"},
		{[]string{"articles", "--db", db, "--from", "yesterday"}, 2, "bad date"},
		{[]string{"search", "--db", db}, 2, "query"},
		{[]string{"eval", "nothing", "x"}, 2, "unknown evaluation"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, _, errs := cli(t, "", tt.args...)
			if code != tt.code || !strings.Contains(errs, tt.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errs, tt.code, tt.want)
			}
		})
	}
	if _, err := os.Stat(db); err == nil {
		t.Error("a reading command created a store")
	}
}

func TestListSearchAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "s.db")
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"w.jsonl": jsonl(
		map[string]any{"url": "https://w.example/1", "source": "Meridian Wire", "title": "Ferry line to open", "published": "2025-05-30", "text": story},
		map[string]any{"url": "https://w.example/2", "source": "Lisk Post", "title": "Storm in Dunmere", "published": "2024-11-02", "text": "A storm destroyed twelve fishing boats in Dunmere harbour on Saturday night, the coast guard said, and the pier will stay closed for a month."},
	)})
	if code, _, errs := cli(t, "", "ingest", "--db", db, dir); code != 0 {
		t.Fatalf("ingest: %s", errs)
	}
	if l := listArticles(t, db, "--outlet", "lisk post"); l.Total != 1 || l.Articles[0].Title != "Storm in Dunmere" {
		t.Errorf("--outlet: %+v", l)
	}
	if l := listArticles(t, db, "--from", "2025"); l.Total != 1 || l.Articles[0].Title != "Ferry line to open" {
		t.Errorf("--from 2025: %+v", l)
	}
	if l := listArticles(t, db, "--to", "2024-11"); l.Total != 1 || l.Articles[0].Title != "Storm in Dunmere" {
		t.Errorf("--to 2024-11: %+v", l)
	}
	code, out, _ := cli(t, "", "search", "--db", db, "ferries")
	if code != 0 || !strings.Contains(out, "Ferry line to open") || !strings.Contains(out, "«ferry»") || strings.Contains(out, "Storm in Dunmere") {
		t.Errorf("search ferries: %d\n%s", code, out)
	}
	code, out, _ = cli(t, "", "search", "--db", db, "--json", "storm", "--outlet", "Meridian Wire")
	var res struct {
		Total int              `json:"total"`
		Hits  []news.SearchHit `json:"hits"`
	}
	if code != 0 || json.Unmarshal([]byte(out), &res) != nil || res.Total != 0 {
		t.Errorf("search with outlet filter: %d %s", code, out)
	}
	l := listArticles(t, db)
	code, out, _ = cli(t, "", "article", "--db", db, string(l.Articles[0].ID))
	if code != 0 || !strings.Contains(out, "Ferry line to open") || !strings.Contains(out, "400 passengers") || !strings.Contains(out, "Meridian Wire") {
		t.Errorf("article: %d\n%s", code, out)
	}
	if code, _, errs := cli(t, "", "article", "--db", db, "0000000"); code != 1 || !strings.Contains(errs, "not found") {
		t.Errorf("unknown article: %d %s", code, errs)
	}
}

// TestIngestSurvivesKill kills an ingest with SIGKILL while it writes, then
// runs the same ingest again: the store must be intact and hold every
// article exactly once.
func TestIngestSurvivesKill(t *testing.T) {
	if testing.Short() {
		t.Skip("starts real processes")
	}
	dir := t.TempDir()
	const n = 6000
	var b bytes.Buffer
	for i := range n {
		j, _ := json.Marshal(map[string]any{
			"url":   fmt.Sprintf("https://gen.example/%d", i),
			"title": fmt.Sprintf("Report %d", i),
			"text":  fmt.Sprintf("Report number %d from the harbour. %s The count for this report is %d.", i, story, i*7),
		})
		b.Write(j)
		b.WriteByte('\n')
	}
	in := filepath.Join(dir, "gen.jsonl")
	if err := os.WriteFile(in, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "s.db")
	ctx := context.Background()
	count := func() int { return storedCount(db) }
	cmd := exec.Command(os.Args[0], "ingest", "--db", db, in)
	cmd.Env = append(os.Environ(), "STORYLINE_MAIN=1")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(2 * time.Minute)
	killedAt := -1
	for time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
		if _, err := os.Stat(db); err != nil {
			continue
		}
		if c := count(); c > 0 {
			killedAt = c
			break
		}
	}
	cmd.Process.Signal(syscall.SIGKILL)
	cmd.Wait()
	if killedAt < 0 {
		t.Fatal("ingest stored nothing before the deadline")
	}
	if c := count(); c >= n {
		t.Skipf("ingest finished (%d articles) before it could be killed", c)
	}
	code, out, errs := cli(t, "", "ingest", "--db", db, in)
	if code != 0 {
		t.Fatalf("ingest after kill: exit %d %s %s", code, out, errs)
	}
	if c := count(); c != n {
		t.Errorf("after kill and re-ingest: %d articles, want %d", c, n)
	}
	if !strings.Contains(out, fmt.Sprintf("read %d,", n)) {
		t.Errorf("summary %q", out)
	}
	st, err := sqlite.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Errorf("store check after kill: %v", err)
	}
}

func TestEvalClusteringMistakes(t *testing.T) {
	// The gold labels are wrong on purpose: two copies of one report carry
	// different stories, and an unrelated report shares the first's label.
	// The stories Storyline makes must show as a split and a merge.
	ferry := "The new ferry terminal in Port Avel was opened by the mayor on Wednesday, a week later than planned because of the storm that closed the northern channel. Officials said the ferry to Lisk would run twice a day from Monday."
	storm := "Fishermen in Dunmere said on Sunday that the storm had destroyed twelve boats and damaged the pier, and asked the government for help to rebuild before the season opens in spring."
	dir := t.TempDir()
	writeFiles(t, dir, map[string][]byte{"gold.jsonl": jsonl(
		map[string]any{"id": "a", "title": "Ferry terminal opens", "text": ferry, "story": "s1"},
		map[string]any{"id": "b", "title": "Port Avel ferry terminal opens", "text": ferry + " Tickets went on sale.", "story": "s2"},
		map[string]any{"id": "c", "title": "Storm wrecks Dunmere boats", "text": storm, "story": "s1"},
	)})
	code, out, errs := cli(t, "", "eval", "--json", "clustering", "--mistakes", filepath.Join(dir, "gold.jsonl"))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var res struct {
		Stories int `json:"stories"`
		Splits  []struct {
			Cluster string         `json:"cluster"`
			Parts   map[string]int `json:"parts"`
		} `json:"splits"`
		Merges []struct {
			Cluster string         `json:"cluster"`
			Parts   map[string]int `json:"parts"`
		} `json:"merges"`
	}
	if err := json.Unmarshal([]byte(out), &res); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if res.Stories != 2 || len(res.Splits) != 1 || len(res.Merges) != 1 {
		t.Fatalf("want 2 stories, one split, one merge: %s", out)
	}
	if s := res.Splits[0]; s.Cluster != "s1" || len(s.Parts) != 2 {
		t.Errorf("split %+v, want s1 over two stories", s)
	}
	if m := res.Merges[0]; !strings.Contains(m.Cluster, "erry terminal opens") || m.Parts["s1"] != 1 || m.Parts["s2"] != 1 {
		t.Errorf("merge %+v, want the ferry story (named by a title) mixing s1 and s2", m)
	}
}

// TestDemo runs the README's first command, as a new user would, and checks
// what they would look for: everything ingested, the wire report's copies
// found with their original, the year-later follow-up in the same storyline,
// and counts in plain English.
func TestDemo(t *testing.T) {
	code, out, errs := cli(t, "", "demo")
	if code != 0 {
		t.Fatalf("demo: exit %d\n%s", code, errs)
	}
	for _, want := range []string{
		"Ingested: read 8, new 8, already known 0, failed 0",
		"6 articles · 6 outlets · 2 copies",
		"← near copy of Meridian Wire",
		"← rewrite copy of Meridian Wire",
		"Norland and Estavia agree to talks on Kessel Dam after border clash",
		"· 1 story]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("demo output lacks %q:\n%s", want, out)
		}
	}
	for _, bad := range []string{"1 stories", "1 articles", "1 outlets", "1 copies"} {
		if strings.Contains(out, bad) {
			t.Errorf("demo output says %q", bad)
		}
	}

	code, out, errs = cli(t, "", "demo", "--json")
	if code != 0 {
		t.Fatalf("demo --json: exit %d\n%s", code, errs)
	}
	var v struct {
		Stories []struct {
			ID, Title string
			Copies    int
		}
		Storylines []struct {
			Name    string
			Stories []string
			Actors  []string
		}
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("demo --json: %v", err)
	}
	var clash string
	for _, s := range v.Stories {
		if s.Copies == 2 {
			clash = s.ID
		}
	}
	found := false
	for _, l := range v.Storylines {
		if slices.Contains(l.Stories, clash) {
			found = true
			if len(l.Stories) != 2 || !slices.Contains(l.Actors, "Estavia") || !slices.Contains(l.Actors, "Norland") {
				t.Errorf("the dam storyline %q holds %d stories with actors %q; want the talks and the year-later follow-up, Norland and Estavia among the actors", l.Name, len(l.Stories), l.Actors)
			}
		}
	}
	if clash == "" || !found {
		t.Errorf("no story with the two copies (%q) in a storyline: %+v", clash, v.Storylines)
	}
}
