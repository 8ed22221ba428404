package main

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/storetest"
)

// TestStoreAddress checks which --db addresses open which store: a
// postgres:// URL is PostgreSQL (once a folder named "postgres:" was
// made for it), any other scheme is refused without its password in the
// message, and a reading command does not create a store in an empty
// database.
func TestStoreAddress(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"unknown scheme", []string{"ingest", "--db", "mysql://me:secret@127.0.0.1/news", "x.txt"},
			`store address "mysql://me:xxxxx@127.0.0.1/news": unknown scheme; want a file path or postgres://`},
		{"unknown scheme to read", []string{"articles", "--db", "sqlite3://news.db"}, "unknown scheme"},
		{"postgres, no such server", []string{"ingest", "--db", "postgres://root@127.0.0.1:1/news?connect_timeout=5", "x.txt"}, "127.0.0.1"},
	}
	if err := os.WriteFile("x.txt", []byte("Lisk harbour reopened on Monday after the storm."), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errs := cli(t, "", tt.args...)
			if code == 0 || !strings.Contains(errs, tt.wantErr) {
				t.Errorf("%v: exit %d, stderr %q; want an error with %q", tt.args, code, errs, tt.wantErr)
			}
			if strings.Contains(errs, "secret") {
				t.Errorf("%v: the password is in the message %q", tt.args, errs)
			}
		})
	}
	if entries, _ := os.ReadDir("."); len(entries) != 1 {
		t.Errorf("the addresses made files: %v", entries)
	}

	t.Run("reading an empty database", func(t *testing.T) {
		db := storetest.PostgresDB(t)
		code, _, errs := cli(t, "", "articles", "--db", db)
		if code == 0 || !strings.Contains(errs, "no Storyline store") {
			t.Errorf("articles in an empty database: exit %d, stderr %q; want no Storyline store", code, errs)
		}
		c, err := pgx.Connect(t.Context(), db)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close(t.Context())
		var tables int
		if err := c.QueryRow(t.Context(), `SELECT count(*) FROM pg_tables WHERE schemaname = 'public'`).Scan(&tables); err != nil || tables != 0 {
			t.Errorf("a reading command made %d tables (%v)", tables, err)
		}
	})

	t.Run("environment", func(t *testing.T) {
		db := storetest.PostgresDB(t)
		t.Setenv("STORYLINE_DB", db)
		if code, out, errs := cli(t, "", "ingest", "x.txt"); code != 0 {
			t.Fatalf("ingest with $STORYLINE_DB=%s: exit %d\n%s%s", db, code, out, errs)
		}
		if l := listArticles(t, db); l.Total != 1 {
			t.Errorf("%d articles in PostgreSQL after ingest with $STORYLINE_DB, want 1", l.Total)
		}
		if _, err := os.Stat("storyline.db"); err == nil {
			t.Error("ingest with $STORYLINE_DB wrote ./storyline.db")
		}
	})
}

// TestPostgresEndToEnd ingests the demo corpus and then the seeds (a
// whole grouping, then an incremental one) into SQLite and into
// PostgreSQL, and checks that every listing a user reads is the same:
// articles, stories, storylines, entities, quotes, events, and the
// matches and snippets of searches (their ranks differ: BM25 in SQLite,
// ts_rank_cd in PostgreSQL).
func TestPostgresEndToEnd(t *testing.T) {
	needSeeds(t)
	pg := storetest.PostgresDB(t)
	dir := t.TempDir()
	corpus := filepath.Join(dir, "demo")
	if err := demo.WriteTo(corpus); err != nil {
		t.Fatal(err)
	}
	lite := filepath.Join(dir, "s.db")
	for _, db := range []string{lite, pg} {
		for _, in := range []string{corpus, seedsDir} {
			if code, out, errs := cli(t, "", "ingest", "--db", db, in); code != 0 {
				t.Fatalf("ingest %s into %s: exit %d\n%s%s", in, db, code, out, errs)
			}
		}
	}
	want, got := storeViews(t, lite), storeViews(t, pg)
	if len(want) < 10 {
		t.Fatalf("only %d views of the SQLite store", len(want))
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s differs:\nSQLite:     %.800s\nPostgreSQL: %.800s", k, v, got[k])
		}
	}
}

// storeViews returns what the listing commands print about db, and every
// article as the article command prints it, without the time it was
// ingested.
func storeViews(t *testing.T, db string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for _, args := range [][]string{
		{"articles"}, {"stories"}, {"storylines"}, {"entities"}, {"quotes"}, {"events"}, {"outlets"},
		{"search", "Kessel Dam"}, {"search", "talks OR march*"},
	} {
		code, stdout, errs := cli(t, "", append([]string{args[0], "--db", db, "--json", "--limit", "1000"}, args[1:]...)...)
		if code != 0 && args[0] == "outlets" {
			code, stdout, errs = cli(t, "", "outlets", "--db", db, "--json")
		}
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		if args[0] == "search" {
			stdout = unranked(t, stdout)
		}
		out[strings.Join(args, " ")] = stdout
	}
	for name, a := range byOrigin(t, db) {
		_, stdout, _ := cli(t, "", "article", "--db", db, "--json", string(a.ID))
		var m map[string]any
		if err := json.Unmarshal([]byte(stdout), &m); err != nil {
			t.Fatalf("article %s --json: %v", a.ID, err)
		}
		delete(m, "ingested")
		b, _ := json.Marshal(m)
		out[name] = string(b)
	}
	return out
}

// unranked returns search --json output with its hits in ID order and
// without their scores.
func unranked(t *testing.T, out string) string {
	t.Helper()
	var r struct {
		Total int              `json:"total"`
		Hits  []map[string]any `json:"hits"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("search --json: %v\n%s", err, out)
	}
	for _, h := range r.Hits {
		delete(h, "score")
	}
	slices.SortFunc(r.Hits, func(a, b map[string]any) int { return strings.Compare(a["id"].(string), b["id"].(string)) })
	b, _ := json.Marshal(r)
	return string(b)
}

// TestPostgresServeSeesOtherWriters serves a PostgreSQL store and ingests
// into it from another store handle, as another process would: the
// server's cached story list must change.
func TestPostgresServeSeesOtherWriters(t *testing.T) {
	needSeeds(t)
	db := storetest.PostgresDB(t)
	if code, out, errs := cli(t, "", "ingest", "--db", db, seedsDir); code != 0 {
		t.Fatalf("ingest seeds: exit %d\n%s%s", code, out, errs)
	}
	ctx, cancel := context.WithCancel(t.Context())
	out, w := io.Pipe()
	done := make(chan int, 1)
	var stderr strings.Builder
	go func() {
		done <- run(ctx, []string{"serve", "--db", db, "--addr", "127.0.0.1:0"}, strings.NewReader(""), w, &stderr)
		w.Close()
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve: exit %d: %s", code, stderr.String())
		}
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
	total := func() int {
		resp, err := http.Get("http://" + m[1] + "/api/stories")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var list struct{ Total int }
		if err := json.NewDecoder(resp.Body).Decode(&list); err != nil {
			t.Fatal(err)
		}
		return list.Total
	}
	before := total()
	if before == 0 || total() != before {
		t.Fatalf("stories served: %d, then %d", before, total())
	}
	ferry := filepath.Join(t.TempDir(), "ferry.txt")
	if err := os.WriteFile(ferry, []byte("Ferry runs aground off Lisk\n\nA ferry carrying 140 passengers ran aground outside Lisk harbour on Tuesday. No one was hurt.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := cli(t, "", "ingest", "--db", db, ferry); code != 0 {
		t.Fatalf("ingest: exit %d\n%s%s", code, out, errs)
	}
	if after := total(); after != before+1 {
		t.Errorf("stories served after another process's ingest: %d, want %d", after, before+1)
	}
}

// BenchmarkBackends ingests STORYLINE_BENCH_N generated articles (default
// 2,000; see writeBenchCorpus) with every stage, into SQLite and into
// PostgreSQL, and then groups the store again, as BenchmarkPipeline does
// for SQLite alone. It reports the seconds spent in the store's writes
// (ingest and regroup together), which overlap the analysis.
func BenchmarkBackends(b *testing.B) {
	n := 2_000
	if s := os.Getenv("STORYLINE_BENCH_N"); s != "" {
		n, _ = strconv.Atoi(s)
	}
	corpus := writeBenchCorpus(b, b.TempDir(), n)
	b.Run("store=sqlite", func(b *testing.B) {
		benchBackend(b, corpus, func(b *testing.B) string { return filepath.Join(b.TempDir(), "bench.db") })
	})
	b.Run("store=postgres", func(b *testing.B) {
		benchBackend(b, corpus, func(b *testing.B) string { return storetest.PostgresDB(b) })
	})
}

// benchBackend ingests corpus into a store at the address fresh returns,
// then regroups it.
func benchBackend(b *testing.B, corpus string, fresh func(*testing.B) string) {
	ctx := context.Background()
	var total int
	var secs, regroupSecs float64
	var storeSecs [3]float64 // Add, SaveAnalyses, SaveGrouping (ingest and regroup)
	for b.Loop() {
		env := &Env{DBPath: fresh(b)}
		st, err := openStore(ctx, env, false)
		if err != nil {
			b.Fatal(err)
		}
		an, err := newAnalyzer(env)
		if err != nil {
			b.Fatal(err)
		}
		ts := &timedStore{Store: st}
		pl := pipeline.New(an, ts)
		t0 := time.Now()
		sum, err := pl.Ingest(ctx, source.Read(ctx, []string{corpus}, source.Options{}), ingest.Options{})
		if err != nil {
			b.Fatal(err)
		}
		secs += time.Since(t0).Seconds()
		total += sum.New
		t1 := time.Now()
		if err := pl.Regroup(ctx); err != nil {
			b.Fatal(err)
		}
		regroupSecs += time.Since(t1).Seconds()
		for i, x := range ts.secs {
			storeSecs[i] += x
		}
		st.Close()
	}
	b.ReportMetric(float64(total)/secs, "articles/s")
	b.ReportMetric(float64(total)/regroupSecs, "regroup-articles/s")
	b.ReportMetric(storeSecs[0]/float64(b.N), "add-s")
	b.ReportMetric(storeSecs[1]/float64(b.N), "save-analyses-s")
	b.ReportMetric(storeSecs[2]/float64(b.N), "save-grouping-s")
}

// timedStore is a Store that adds up the time its writes take, in
// seconds: Add, SaveAnalyses, SaveGrouping.
type timedStore struct {
	Store
	mu   sync.Mutex
	secs [3]float64
}

func (s *timedStore) time(i int, t0 time.Time) {
	s.mu.Lock()
	s.secs[i] += time.Since(t0).Seconds()
	s.mu.Unlock()
}

func (s *timedStore) Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error) {
	defer s.time(0, time.Now())
	return s.Store.Add(ctx, arts)
}

func (s *timedStore) SaveAnalyses(ctx context.Context, list []news.Analysis) error {
	defer s.time(1, time.Now())
	return s.Store.SaveAnalyses(ctx, list)
}

func (s *timedStore) SaveGrouping(ctx context.Context, g news.Grouping) error {
	defer s.time(2, time.Now())
	return s.Store.SaveGrouping(ctx, g)
}

func TestAddressScheme(t *testing.T) {
	for addr, want := range map[string]string{
		"storyline.db":                     "",
		"/var/lib/storyline/news.db":       "",
		`C:\news\storyline.db`:             "",
		"dir://with/a/colon?":              "dir",
		"postgres://root@127.0.0.1:5432/x": "postgres",
		"PostgreSQL://db.example/news":     "postgresql",
		"mysql://me@host/news":             "mysql",
		"://nothing":                       "",
		"./a://b":                          "",
		"1sql://x":                         "",
	} {
		if got := addressScheme(addr); got != want {
			t.Errorf("addressScheme(%q) = %q, want %q", addr, got, want)
		}
	}
}
