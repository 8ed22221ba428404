package server_test

import (
	"context"
	"encoding/json"
	"io"
	"iter"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/demo"
	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/genre"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/timex"
)

var _ server.Store = (*sqlite.DB)(nil)

// seedsDir is where the five real seed articles live beside the checkout.
const seedsDir = "../../../shared/seeds"

// newIngest returns the ingest function the serve command builds: store,
// analyze what is new, regroup, through internal/pipeline.
func newIngest(t testing.TB, st *sqlite.DB) server.IngestFunc {
	p := newPipeline(t, st)
	return func(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error) {
		return p.Update(ctx, items, ingest.Options{})
	}
}

// newPipeline returns a pipeline with the stages of cmd/storyline.
func newPipeline(t testing.TB, st *sqlite.DB) *pipeline.Pipeline {
	t.Helper()
	tagger, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	// The stages and options of cmd/storyline's newAnalyzer.
	an := analysis.New(analysis.Stages{
		Kinds:  genre.New(),
		Tagger: names{tagger},
		Times:  times{timex.New()},
		Quotes: quote.NewFinder(),
		Events: event.NewFinder(),
		NewResolver: func(restore []news.Entity) (analysis.Resolver, error) {
			return entity.NewResolver(entity.Options{Entities: restore})
		},
	})
	return pipeline.New(an, st)
}

// times and names adapt the stages as the serve command does (see
// cmd/storyline/pipeline.go).
type times struct{ *timex.Finder }

func (t times) InferPublished(text string, near time.Time) (time.Time, string, bool) {
	inf, ok := t.Infer(text, nil, timex.Hint{Near: near})
	return inf.Date, inf.Note, ok
}

type names struct{ *ner.Tagger }

func (n names) Tag(text string) []news.Mention { return entity.Join(text, n.Tagger.Tag(text)) }

// fixture is a store with articles in it, served by a test server.
type fixture struct {
	st     *sqlite.DB
	ingest server.IngestFunc
	srv    *httptest.Server
}

// newFixture ingests the files at paths into a fresh store and serves it.
func newFixture(t testing.TB, opts server.Options, paths ...string) *fixture {
	t.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	f := &fixture{st: st, ingest: newIngest(t, st)}
	if len(paths) > 0 {
		sum, err := f.ingest(ctx, source.Read(ctx, paths, source.Options{}))
		if err != nil {
			t.Fatal(err)
		}
		if sum.Failed > 0 {
			t.Fatalf("fixture: %d inputs failed: %v", sum.Failed, sum.Problems)
		}
	}
	if opts.Token != "" && opts.Ingest == nil {
		opts.Ingest = f.ingest
	}
	s, err := server.New(st, opts)
	if err != nil {
		t.Fatal(err)
	}
	f.srv = httptest.NewServer(s)
	t.Cleanup(f.srv.Close)
	return f
}

// demoDir writes the built-in sample corpus to a temporary folder.
func demoDir(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := demo.WriteTo(dir); err != nil {
		t.Fatal(err)
	}
	return dir
}

// seeds returns the seed folder, or skips the test when it is absent.
func seeds(t testing.TB) string {
	t.Helper()
	if _, err := os.Stat(seedsDir); err != nil {
		t.Skipf("seed articles not found at %s (they live in shared/ beside the checkout)", seedsDir)
	}
	return seedsDir
}

// get fetches path and returns the status, the headers and the body.
func (f *fixture) get(t testing.TB, path string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(f.srv.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, body
}

// getJSON fetches path, checks its status and decodes its JSON body into v.
func (f *fixture) getJSON(t testing.TB, path string, want int, v any) {
	t.Helper()
	code, h, body := f.get(t, path)
	if code != want {
		t.Fatalf("GET %s: status %d, want %d; body: %s", path, code, want, clipBody(body))
	}
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Fatalf("GET %s: Content-Type %q, want JSON", path, ct)
	}
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("GET %s: %v; body: %s", path, err, clipBody(body))
	}
}

func (f *fixture) post(t testing.TB, path, token, contentType, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, f.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", contentType)
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func clipBody(b []byte) string {
	if len(b) > 600 {
		return string(b[:600]) + "…"
	}
	return string(b)
}

// page is the JSON shape of every list.
type page[T any] struct {
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
	Items  []T `json:"items"`
}

type idItem struct {
	ID      string `json:"id"`
	Title   string `json:"title"`
	Name    string `json:"name"`
	Text    string `json:"text"`
	Article struct {
		ID string `json:"id"`
	} `json:"article"`
}
