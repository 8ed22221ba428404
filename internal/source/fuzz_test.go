package source

import (
	"bufio"
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// readAs reads data with the reader for kind k, without sniffing.
func readAs(t *testing.T, k kind, name string, data []byte, opts Options) ([]Item, []*Problem) {
	t.Helper()
	return collect(t, func(yield func(Item, error) bool) {
		r := newRun(opts, yield)
		cr := &countReader{r: bytes.NewReader(data)}
		in := &input{name: name, cr: cr, br: bufio.NewReaderSize(cr, bufSize), max: r.opts.MaxItemBytes}
		switch k {
		case kindJSONL:
			r.readJSONL(context.Background(), in)
		case kindJSON:
			r.readJSON(context.Background(), in)
		case kindFeed:
			r.readFeed(context.Background(), in)
		case kindWARC:
			r.readWARC(context.Background(), in)
		}
	})
}

// checkItems checks what holds for every item and problem of any input:
// origins and problems name the input, strings are valid UTF-8.
func checkItems(t *testing.T, name string, items []Item, problems []*Problem) {
	t.Helper()
	for _, it := range items {
		if it.Origin != name && !strings.HasPrefix(it.Origin, name+":") && !strings.HasPrefix(it.Origin, name+"#") {
			t.Errorf("origin %q does not name %q", it.Origin, name)
		}
		for field, s := range map[string]string{"Text": it.Text, "Title": it.Title, "URL": it.URL, "Outlet": it.Outlet, "Charset": it.Charset} {
			if !utf8.ValidString(s) {
				t.Errorf("%s of %s is not UTF-8: %q", field, it.Origin, s)
			}
		}
		for k, v := range it.Meta {
			if !utf8.ValidString(k) || !utf8.ValidString(v) {
				t.Errorf("Meta of %s is not UTF-8: %q: %q", it.Origin, k, v)
			}
		}
		if !it.Published.IsZero() && !news.PlausibleDate(it.Published, time.Now()) {
			t.Errorf("%s: published %v, before 1800 or in the future", it.Origin, it.Published)
		}
	}
	for _, p := range problems {
		if p.File != name || p.Err == nil || p.Line < 0 || p.Offset < -1 {
			t.Errorf("bad problem %#v", p)
		}
	}
}

func FuzzSniff(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, rdfFeed, htmlPage, "plain text", `{"a": 1}` + "\n", "[{\"a\": 1}]", "WARC/1.0\r\n\r\n",
		"\xEF\xBB\xBF<html>", "\xFF\xFEa\x00b\x00", "\x1F\x8B\x08", "Caf\xe9"} {
		f.Add([]byte(s))
	}
	f.Add(gzipBytes(`{"title": "x"}` + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, atEOF := range []bool{true, false} {
			s := sniff(data, atEOF)
			// A byte-order mark alone is blank, as white space is.
			if s.kind == kindEmpty && len(bytes.TrimSpace(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF")))) > 0 {
				t.Errorf("non-blank input sniffed as empty")
			}
		}
		items, problems := readBytes(t, "in", data, Options{MaxItemBytes: 1 << 16})
		checkItems(t, "in", items, problems)
		if len(items) == 0 && len(problems) == 0 {
			t.Errorf("input gave neither an item nor a problem")
		}
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"title": "a", "url": "https://x.example/", "date": "2024-03-05", "text": "b"}` + "\n" + `{"broken` + "\n\n" + `[1]`))
	f.Add([]byte("{\"source\": {\"name\": \"X\"}, \"published\": 1709631000, \"body\": [\"p1\", \"p2\"], \"n\": null}\r\n"))
	f.Add([]byte("{\"title\": \"Caf\xe9\"}"))
	f.Add([]byte(`{"date": {"$date": "2024-03-05T00:00:00Z"}, "content": "<p>x</p>"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		items, problems := readAs(t, kindJSONL, "in.jsonl", data, Options{MaxItemBytes: 256})
		checkItems(t, "in.jsonl", items, problems)
		lines := bytes.Count(data, []byte("\n")) + 1
		last := 0
		for _, it := range items {
			n, err := strconv.Atoi(strings.TrimPrefix(it.Origin, "in.jsonl:"))
			if err != nil || n <= last || n > lines {
				t.Errorf("origin %q after line %d of %d", it.Origin, last, lines)
			}
			last = n
		}
		for _, p := range problems {
			if p.Line < 1 || p.Line > lines {
				t.Errorf("problem at line %d of %d", p.Line, lines)
			}
		}
		if len(items)+len(problems) > lines {
			t.Errorf("%d items and %d problems from %d lines", len(items), len(problems), lines)
		}

		items, problems = readAs(t, kindJSON, "in.json", data, Options{MaxItemBytes: 256})
		checkItems(t, "in.json", items, problems)
	})
}

func FuzzFeed(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, rdfFeed, rssFeed[:len(rssFeed)/2],
		strings.Replace(rssFeed, "UTF-8", "ISO-8859-1", 1) + "\xe9", `<rss><channel><item><title>a & b</title></item></channel></rss>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, problems := readAs(t, kindFeed, "in.xml", data, Options{})
		checkItems(t, "in.xml", items, problems)
		if len(items) == 0 && len(problems) == 0 {
			t.Errorf("feed gave neither an item nor a problem")
		}
	})
}

func FuzzWARC(f *testing.F) {
	crawl := strings.Join(warcRecords(), "")
	f.Add([]byte(crawl), uint16(0))
	f.Add([]byte(crawl), uint16(700))
	f.Add([]byte(crawl[:len(crawl)-100]), uint16(0))
	f.Add([]byte("WARC/1.0\r\nContent-Length: 99999\r\n\r\nshort"), uint16(3))
	f.Fuzz(func(t *testing.T, data []byte, cut uint16) {
		items, problems := readAs(t, kindWARC, "in.warc", data, Options{MaxItemBytes: 1 << 16})
		checkItems(t, "in.warc", items, problems)

		// The same records, one gzip member each, cut short.
		var gz []byte
		for _, rec := range bytes.SplitAfter(data, []byte("\r\n\r\nWARC/")) {
			gz = append(gz, gzipBytes(string(rec))...)
		}
		if int(cut) > 0 && int(cut) < len(gz) {
			gz = gz[:len(gz)-int(cut)]
		}
		items, problems = readBytes(t, "in.warc.gz", gz, Options{MaxItemBytes: 1 << 16})
		checkItems(t, "in.warc.gz", items, problems)
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2024-03-05T09:30:00Z", "Tue, 05 Mar 2024 04:30:00 EST", "1709631000", "20240305", "March 5, 2024", "x"} {
		f.Add(s)
	}
	now := time.Now()
	f.Fuzz(func(t *testing.T, s string) {
		d, ok := parseDate(s, now)
		if ok && !news.PlausibleDate(d, now) {
			t.Errorf("parseDate(%q) = %v, not a plausible date", s, d)
		}
		if !ok && !d.IsZero() {
			t.Errorf("parseDate(%q) failed but returned %v", s, d)
		}
	})
}

// BenchmarkReadJSONL reads a JSON Lines file of 100,000 small articles.
func BenchmarkReadJSONL(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.jsonl")
	var buf bytes.Buffer
	for i := range 100_000 {
		buf.WriteString(`{"id": "a` + strconv.Itoa(i) + `", "url": "https://bench.example/` + strconv.Itoa(i) +
			`", "source": "Bench Daily", "title": "Made-up headline number ` + strconv.Itoa(i) +
			`", "published": "2024-03-05T09:30:00Z", "text": "A short made-up article body that says very little, twice. A short made-up article body that says very little."}` + "\n")
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(buf.Len()))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range Read(context.Background(), []string{path}, Options{}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != 100_000 {
			b.Fatalf("read %d items", n)
		}
	}
}
