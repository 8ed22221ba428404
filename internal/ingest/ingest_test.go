package ingest_test

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// memStore is an in-memory ingest.Store with the store's "known" rule.
type memStore struct {
	byID    map[news.ArticleID]news.Article
	batches int
	fail    bool
}

func (m *memStore) Add(_ context.Context, arts []news.Article) ([]news.AddStatus, error) {
	if m.fail {
		return nil, errors.New("disk full")
	}
	m.batches++
	out := make([]news.AddStatus, len(arts))
	for i, a := range arts {
		if _, ok := m.byID[a.ID]; ok {
			out[i] = news.Known
			continue
		}
		m.byID[a.ID] = a
	}
	return out, nil
}

func items(list ...any) iter.Seq2[source.Item, error] {
	return func(yield func(source.Item, error) bool) {
		for _, x := range list {
			var ok bool
			switch v := x.(type) {
			case source.Item:
				ok = yield(v, nil)
			case error:
				ok = yield(source.Item{}, v)
			}
			if !ok {
				return
			}
		}
	}
}

const body = "The harbour authority in Lisk said on Monday that a new ferry line to Port Avel would open in June, after two years of delays. Officials said it would carry 400 passengers a day."

func TestRunCountsAndKeepsGoing(t *testing.T) {
	st := &memStore{byID: map[news.ArticleID]news.Article{}}
	var added []news.Article
	sum, err := ingest.Run(context.Background(), items(
		source.Item{Origin: "a.txt", Format: source.Format("text"), Text: body},
		&source.Problem{File: "b.jsonl", Line: 3, Offset: -1, Err: errors.New("invalid JSON")},
		source.Item{Origin: "c.jsonl:1", URL: "https://x.example/1", Outlet: "Lisk Post", Title: "Ferry", Text: body},
		source.Item{Origin: "c.jsonl:2", URL: "https://x.example/1", Title: "Ferry again", Text: body + " Updated."},
		source.Item{Origin: "d.html", HTML: []byte("<html><body><nav>Home</nav></body></html>")},
	), st, ingest.Options{BatchSize: 2, Added: func(_ context.Context, a []news.Article) error {
		added = append(added, a...)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 5 || sum.New != 2 || sum.Known != 1 || sum.Failed != 2 {
		t.Errorf("summary %+v, want read 5 new 2 known 1 failed 2", sum)
	}
	if len(added) != 2 {
		t.Errorf("Added hook saw %d articles, want 2", len(added))
	}
	var msgs []string
	for _, p := range sum.Problems {
		msgs = append(msgs, p.Error())
	}
	joined := strings.Join(msgs, "\n")
	for _, want := range []string{"b.jsonl:3", "d.html"} {
		if !strings.Contains(joined, want) {
			t.Errorf("problems %q do not name %s", joined, want)
		}
	}
}

func TestArticleIdentity(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a, err := ingest.Article(source.Item{Origin: "x.txt", Text: body}, now)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ingest.Article(source.Item{Origin: "y.txt", Text: "  " + strings.ReplaceAll(body, ".", " .") + "\n"}, now)
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != b.ID || a.TextHash != b.TextHash {
		t.Errorf("same text, different formatting: IDs %s and %s", a.ID, b.ID)
	}
	if !a.Published.IsZero() || a.DateSource != news.DateUnknown {
		t.Errorf("undated text got date %v (%s); the ingest time must never be used", a.Published, a.DateSource)
	}
	if a.Title == "" {
		t.Error("no title derived from the text")
	}
	c, _ := ingest.Article(source.Item{Origin: "z.txt", Outlet: "Other", Text: body}, now)
	if c.ID == a.ID {
		t.Error("the same text from another outlet got the same ID")
	}
	d, _ := ingest.Article(source.Item{Origin: "w", URL: "https://lisk.example/n/1", Text: body,
		Published: time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC)}, now)
	if d.Outlet != "lisk.example" || d.DateSource != news.DateMetadata || d.Language != "en" {
		t.Errorf("metadata: outlet %q, date source %q, language %q", d.Outlet, d.DateSource, d.Language)
	}
}

// Some exports put the first line of the page, a dateline, in the title.
func TestArticleTitleThatIsADate(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	a, err := ingest.Article(source.Item{Origin: "x.jsonl:3", Title: "Friday, June 7, 2013",
		Text: "Flood gates open at Tamsworth\n\n" + body}, now)
	if err != nil {
		t.Fatal(err)
	}
	if want := time.Date(2013, 6, 7, 0, 0, 0, 0, time.UTC); !a.Published.Equal(want) || a.DateSource != news.DateHeader {
		t.Errorf("published %v (%s), want %v from the title line (header)", a.Published, a.DateSource, want)
	}
	if a.Title != "Flood gates open at Tamsworth" {
		t.Errorf("title %q, want the headline that starts the text", a.Title)
	}
	// A date in the metadata wins; a headline with a date in it stays.
	meta := time.Date(2013, 6, 8, 0, 0, 0, 0, time.UTC)
	b, _ := ingest.Article(source.Item{Origin: "x.jsonl:4", Title: "Friday, June 7, 2013", Text: body, Published: meta}, now)
	if !b.Published.Equal(meta) || b.DateSource != news.DateMetadata {
		t.Errorf("metadata date lost: %v (%s)", b.Published, b.DateSource)
	}
	const headline = "Tamsworth opens its flood gates on 7 June 2013 after a week of rain"
	c, _ := ingest.Article(source.Item{Origin: "x.jsonl:5", Title: headline, Text: body}, now)
	if c.Title != headline || !c.Published.IsZero() {
		t.Errorf("headline with a date: title %q, published %v; want the headline kept and no date", c.Title, c.Published)
	}
}

func TestRunStopsOnStoreFailure(t *testing.T) {
	st := &memStore{byID: map[news.ArticleID]news.Article{}, fail: true}
	var list []any
	for i := range 10 {
		list = append(list, source.Item{Origin: fmt.Sprint(i), Text: fmt.Sprintf("%s Number %d.", body, i)})
	}
	_, err := ingest.Run(context.Background(), items(list...), st, ingest.Options{BatchSize: 4})
	if err == nil || !strings.Contains(err.Error(), "disk full") {
		t.Errorf("Run error = %v, want the store's failure", err)
	}
}

func TestRunHonoursCancel(t *testing.T) {
	st := &memStore{byID: map[news.ArticleID]news.Article{}}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ingest.Run(ctx, items(source.Item{Origin: "a", Text: body}), st, ingest.Options{})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Run on a cancelled context: %v", err)
	}
	if len(st.byID) != 0 {
		t.Error("stored articles after cancel")
	}
}

// TestRunReportsWarnings checks that a file read with bytes replaced is
// ingested, counted as new and not as failed, and that its warning names
// the file and the byte offset.
func TestRunReportsWarnings(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/zurich.txt"
	text := "Zürich café São Paulo — " + body
	if err := os.WriteFile(path, []byte(strings.Replace(text, "café ", "café \xff", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	st := &memStore{byID: map[news.ArticleID]news.Article{}}
	sum, err := ingest.Run(context.Background(), source.Read(context.Background(), []string{path}, source.Options{}), st, ingest.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 1 || sum.New != 1 || sum.Failed != 0 || len(sum.Problems) != 0 {
		t.Errorf("summary %+v, want the file read, new and not failed", sum)
	}
	want := fmt.Sprintf("%s: offset %d: 1 invalid byte replaced with U+FFFD", path, len("Zürich café "))
	if len(sum.Warnings) != 1 || sum.Warnings[0].Error() != want {
		t.Errorf("warnings %v, want %q", sum.Warnings, want)
	}
	for _, a := range st.byID {
		if !strings.HasPrefix(a.Text, "Zürich café \uFFFDSão Paulo — ") {
			t.Errorf("stored text %.40q, want UTF-8 with the stray byte replaced", a.Text)
		}
	}
}

// TestProblemNamesEscaped checks that an item whose origin holds a newline
// or a right-to-left override fails with a one-line message naming it
// escaped.
func TestProblemNamesEscaped(t *testing.T) {
	tests := []struct {
		it   source.Item
		want string
	}{
		{source.Item{Origin: "evil\nFAKE: ingest ok.html", HTML: []byte("<html><body><nav>Home</nav></body></html>")},
			`"evil\nFAKE: ingest ok.html": `},
		{source.Item{Origin: "notes\u202Etxt.jsonl:2", Text: "   "}, `"notes\u202etxt.jsonl:2": `},
		{source.Item{Origin: "news/a.txt", Text: "   "}, `news/a.txt: `},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			_, err := ingest.Article(tt.it, time.Now())
			if err == nil {
				t.Fatal("no error")
			}
			if msg := err.Error(); !strings.HasPrefix(msg, tt.want) || strings.ContainsAny(msg, "\n\u202E") {
				t.Errorf("message %q, want one line starting %s", msg, tt.want)
			}
		})
	}
}

// TestArticleDateRange checks that a publication date before 1800 or more
// than a day after the ingest time is unknown, whether the input's
// metadata or the article's text gave it.
func TestArticleDateRange(t *testing.T) {
	now := time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		it   source.Item
		want time.Time // zero: unknown
	}{
		{"metadata year 0", source.Item{Text: body, Published: time.Date(0, 1, 1, 0, 0, 0, 0, time.UTC)}, time.Time{}},
		{"metadata 1799", source.Item{Text: body, Published: time.Date(1799, 12, 31, 0, 0, 0, 0, time.UTC)}, time.Time{}},
		{"metadata two days ahead", source.Item{Text: body, Published: now.Add(48 * time.Hour)}, time.Time{}},
		{"metadata hours ahead", source.Item{Text: body, Published: now.Add(5 * time.Hour)}, now.Add(5 * time.Hour)},
		{"metadata plausible", source.Item{Text: body, Published: time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)}, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)},
		{"text after the ingest", source.Item{Text: "Published: 20 June 2026\n\n" + body}, time.Time{}},
		{"text before the ingest", source.Item{Text: "Published: 20 May 2026\n\n" + body}, time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)},
		{"implausible metadata, plausible text", source.Item{Text: "Published: 20 May 2026\n\n" + body, Published: time.Date(1, 1, 1, 0, 0, 1, 0, time.UTC)},
			time.Date(2026, 5, 20, 0, 0, 0, 0, time.UTC)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.it.Origin = "a.txt"
			a, err := ingest.Article(tt.it, now)
			if err != nil {
				t.Fatal(err)
			}
			if !a.Published.Equal(tt.want) || (a.DateSource == news.DateUnknown) != tt.want.IsZero() {
				t.Errorf("published %v (%s), want %v", a.Published, a.DateSource, tt.want)
			}
		})
	}
}
