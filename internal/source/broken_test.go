package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"
)

// manyLines returns n JSON lines with titles "article 1" .. "article n".
func manyLines(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `{"title": "article %d", "text": "Body number %d, padded with some words to make it compress less well: %x."}`+"\n", i, i, i*7919)
	}
	return b.String()
}

func TestTruncatedGzip(t *testing.T) {
	full := gzipBytes(manyLines(2000))
	cut := full[:len(full)*6/10]
	items, problems := readBytes(t, "dump.jsonl.gz", cut, Options{})
	if len(items) == 0 {
		t.Fatal("no items before the truncation")
	}
	for i, it := range items {
		if want := fmt.Sprintf("article %d", i+1); it.Title != want || it.Origin != fmt.Sprintf("dump.jsonl.gz:%d", i+1) {
			t.Fatalf("item %d: %q from %s, want %q: items must be whole lines in order", i, it.Title, it.Origin, want)
		}
	}
	if len(problems) != 1 {
		t.Fatalf("problems %v, want one", problems)
	}
	p := problems[0]
	if !errors.Is(p, ErrTruncated) || p.File != "dump.jsonl.gz" || p.Offset != int64(len(cut)) || p.Line != len(items)+1 {
		t.Errorf("problem %q (line %d, offset %d), want truncated at line %d, offset %d", p, p.Line, p.Offset, len(items)+1, len(cut))
	}
	if want := fmt.Sprintf("dump.jsonl.gz:%d: offset %d: truncated gzip stream", len(items)+1, len(cut)); p.Error() != want {
		t.Errorf("message %q, want %q", p.Error(), want)
	}
}

func TestBrokenWARC(t *testing.T) {
	recs := warcRecords()
	html := func(uri, text string) string {
		return makeWARCRecord("response", uri, "application/http; msgtype=response",
			httpResp("200 OK", "text/html", "", "<html><body><p>"+text+"</p></body></html>"))
	}
	good1, good2 := html("https://a.example/1", "one"), html("https://a.example/2", "two")

	t.Run("truncated warc.gz keeps earlier records", func(t *testing.T) {
		data, offsets := warcGz(recs)
		last := offsets[len(offsets)-1]
		cut := data[:last+(int64(len(data))-last)/2]
		items, problems := readBytes(t, "crawl.warc.gz", cut, Options{})
		if got := origins(items); !equal(got, "crawl.warc.gz#3", "crawl.warc.gz#6") {
			t.Errorf("origins %v", got)
		}
		want := fmt.Sprintf("crawl.warc.gz: offset %d: truncated gzip stream", last)
		if len(problems) != 1 || !errors.Is(problems[0], ErrTruncated) || problems[0].Error() != want {
			t.Fatalf("problems %v, want %q: the offset of the broken record's member", problems, want)
		}
	})

	t.Run("corrupt gzip member in the middle", func(t *testing.T) {
		a, b, c := gzipBytes(good1), gzipBytes(html("https://a.example/bad", "bad")), gzipBytes(good2)
		b = append([]byte(nil), b...)
		for i := 12; i < len(b)-8; i++ {
			b[i] ^= 0x5A // scramble the deflate data, keep the header
		}
		data := slicesConcat(a, b, c)
		items, problems := readBytes(t, "crawl.warc.gz", data, Options{})
		if got := origins(items); !equal(got, "crawl.warc.gz#1", "crawl.warc.gz#3") || items[1].URL != "https://a.example/2" {
			t.Errorf("origins %v: want the records around the corrupt member", got)
		}
		if len(problems) != 1 || problems[0].Offset != int64(len(a)) || !strings.Contains(problems[0].Error(), "corrupt gzip stream") {
			t.Errorf("problems %v, want one at offset %d", problems, len(a))
		}
	})

	t.Run("garbage between records", func(t *testing.T) {
		data := good1 + "this is not a record\r\nnor is this\r\n\r\n" + good2
		items, problems := readBytes(t, "crawl.warc", []byte(data), Options{})
		if got := origins(items); !equal(got, "crawl.warc#1", "crawl.warc#3") {
			t.Errorf("origins %v", got)
		}
		if len(problems) != 1 || problems[0].Offset != int64(len(good1)) || !strings.Contains(problems[0].Error(), "not a WARC record header") {
			t.Errorf("problems %v, want one at offset %d", problems, len(good1))
		}
	})

	t.Run("bad Content-Length", func(t *testing.T) {
		bad := strings.Replace(html("https://a.example/x", "x"), "Content-Length: ", "Content-Length: many", 1)
		data := good1 + bad + good2
		items, problems := readBytes(t, "crawl.warc", []byte(data), Options{})
		if got := origins(items); !equal(got, "crawl.warc#1", "crawl.warc#3") {
			t.Errorf("origins %v", got)
		}
		if len(problems) != 1 || problems[0].Offset != int64(len(good1)) || !strings.Contains(problems[0].Error(), "invalid Content-Length") {
			t.Errorf("problems %v", problems)
		}
	})

	t.Run("truncated plain WARC", func(t *testing.T) {
		data := good1 + good2[:len(good2)-40]
		items, problems := readBytes(t, "crawl.warc", []byte(data), Options{})
		if got := origins(items); !equal(got, "crawl.warc#1") {
			t.Errorf("origins %v", got)
		}
		want := fmt.Sprintf("crawl.warc: offset %d: truncated WARC record 2", len(good1))
		if len(problems) != 1 || !errors.Is(problems[0], ErrTruncated) || !strings.HasPrefix(problems[0].Error(), want) {
			t.Errorf("problems %v, want %q", problems, want)
		}
	})

	t.Run("HTML record larger than the limit", func(t *testing.T) {
		big := html("https://a.example/big", strings.Repeat("long ", 400))
		data := good1 + big + good2
		items, problems := readBytes(t, "crawl.warc", []byte(data), Options{MaxItemBytes: 1000})
		if got := origins(items); !equal(got, "crawl.warc#1", "crawl.warc#3") {
			t.Errorf("origins %v", got)
		}
		if len(problems) != 1 || !errors.Is(problems[0], ErrTooLarge) || problems[0].Offset != int64(len(good1)) {
			t.Errorf("problems %v", problems)
		}
	})
}

func TestCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var items int
	var errs []error
	for it, err := range ReadStream(ctx, "dump.jsonl", strings.NewReader(manyLines(100)), Options{}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		items++
		if it.Title == "article 3" {
			cancel()
		}
	}
	if items != 3 {
		t.Errorf("read %d items, want 3 (none after cancelling)", items)
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("errors %v, want one wrapping context.Canceled", errs)
	}
}

func TestStopEarly(t *testing.T) {
	dir := writeFiles(t, map[string][]byte{"a.jsonl": []byte(manyLines(10)), "b.txt": []byte("second file")})
	t.Chdir(dir)
	n := 0
	for range Read(context.Background(), []string{"a.jsonl", "b.txt"}, Options{}) {
		n++
		if n == 2 {
			break
		}
	}
	if n != 2 {
		t.Errorf("got %d items", n)
	}
}

func TestHugeLineStreams(t *testing.T) {
	// A line far longer than the limit and the read buffer is skipped
	// while streaming; the next line is read.
	r := io.MultiReader(
		strings.NewReader(`{"title": "first"}`+"\n"+`{"text": "`),
		io.LimitReader(repeatReader('x'), 3<<20),
		strings.NewReader(`"}`+"\n"+`{"title": "last"}`+"\n"),
	)
	items, problems := collect(t, ReadStream(context.Background(), "big.jsonl", r, Options{MaxItemBytes: 1 << 20}))
	if got := origins(items); !equal(got, "big.jsonl:1", "big.jsonl:3") {
		t.Errorf("origins %v", got)
	}
	if len(problems) != 1 || problems[0].Line != 2 || !errors.Is(problems[0], ErrTooLarge) {
		t.Errorf("problems %v", problems)
	}
}

type repeatReader byte

func (r repeatReader) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = byte(r)
	}
	return len(p), nil
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "dump.jsonl", Line: 17, Offset: -1, Err: errors.New("invalid JSON: unexpected end")}, "dump.jsonl:17: invalid JSON: unexpected end"},
		{Problem{File: "crawl.warc.gz", Offset: 12345, Err: errors.New("truncated gzip stream")}, "crawl.warc.gz: offset 12345: truncated gzip stream"},
		{Problem{File: "a.txt", Offset: -1, Err: ErrEmpty}, "a.txt: empty file"},
		{Problem{File: "-", Offset: 0, Err: ErrBinary}, "-: offset 0: binary file, not an article"},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.p.Error(); got != tt.want {
				t.Errorf("got %q", got)
			}
		})
	}
}

func TestParseDate(t *testing.T) {
	utc := func(y int, mo time.Month, d, h, mi int) time.Time { return time.Date(y, mo, d, h, mi, 0, 0, time.UTC) }
	now := utc(2026, 6, 3, 9, 0)
	tests := []struct {
		in   string
		want time.Time // zero: not a date
	}{
		{"2024-03-05T09:30:00Z", utc(2024, 3, 5, 9, 30)},
		{"2024-03-05T10:30:00+01:00", utc(2024, 3, 5, 9, 30)},
		{"2024-03-05T09:30:00.123Z", time.Date(2024, 3, 5, 9, 30, 0, 123e6, time.UTC)},
		{"2024-03-05T10:30:00+0100", utc(2024, 3, 5, 9, 30)},
		{"2024-03-05 09:30:00", utc(2024, 3, 5, 9, 30)},
		{"2024-03-05", utc(2024, 3, 5, 0, 0)},
		{"Tue, 05 Mar 2024 09:30:00 GMT", utc(2024, 3, 5, 9, 30)},
		{"Tue, 05 Mar 2024 04:30:00 EST", utc(2024, 3, 5, 9, 30)},
		{"Tue, 5 Mar 2024 10:30:00 +0100", utc(2024, 3, 5, 9, 30)},
		{"March 5, 2024", utc(2024, 3, 5, 0, 0)},
		{"5 March 2024", utc(2024, 3, 5, 0, 0)},
		{"05.03.2024", utc(2024, 3, 5, 0, 0)},
		{"1709631000", utc(2024, 3, 5, 9, 30)},
		{"1709631000000", utc(2024, 3, 5, 9, 30)},
		{"20240305", utc(2024, 3, 5, 0, 0)},
		{"  2024-03-05  ", utc(2024, 3, 5, 0, 0)},
		{"0001-01-01T00:00:00Z", time.Time{}},
		{"0000-01-01", time.Time{}},
		{"1799-12-31", time.Time{}},
		{"1800-01-01", utc(1800, 1, 1, 0, 0)},
		{"2026-06-03T08:00:00Z", utc(2026, 6, 3, 8, 0)}, // less than a day after now
		{"2026-06-04T10:00:00Z", time.Time{}},           // more than a day after now
		{"2199-01-01", time.Time{}},
		{"7258118400", time.Time{}},    // unix seconds, 2200
		{"7258118400000", time.Time{}}, // unix milliseconds, 2200
		{"yesterday", time.Time{}},
		{"", time.Time{}},
		{"2024-13-45", time.Time{}},
		{"12345", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := parseDate(tt.in, now)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("parseDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
			}
		})
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want kind
	}{
		{"text", "The harbour crane is back.\n", kindText},
		{"text starting with a bracket", "[Updated] The crane is back.", kindText},
		{"text starting with a brace", "{Draft} The crane is back.", kindText},
		{"doctype", "<!DOCTYPE html><title>x</title>", kindHTML},
		{"html element after comment", "<!-- saved --><html lang=en>", kindHTML},
		{"fragment", "<p>One paragraph.</p>", kindHTML},
		{"many tags after text", "Saved page\n" + strings.Repeat("<p>x</p>", 6), kindHTML},
		{"html after junk", "HTTP/1.1 200 OK\r\n\r\n<html><body>x</body></html>", kindHTML},
		{"rss", `<?xml version="1.0"?><rss version="2.0">`, kindFeed},
		{"atom", `<feed xmlns="http://www.w3.org/2005/Atom">`, kindFeed},
		{"rdf", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">`, kindFeed},
		{"other xml", `<?xml version="1.0"?><urlset>`, kindXML},
		{"jsonl", `{"a": 1}` + "\n" + `{"a": 2}` + "\n", kindJSONL},
		{"jsonl with broken first line", `{"a": ` + "\n" + `{"a": 2}` + "\n", kindJSONL},
		{"pretty object", "{\n  \"a\": 1\n}\n", kindJSON},
		{"array", "[\n {\"a\": 1}\n]", kindJSON},
		{"warc", "WARC/1.0\r\n", kindWARC},
		{"warc with binary payload", "WARC/1.1\r\nContent-Length: 4\r\n\r\n\x00\x01\x02\x03", kindWARC},
		{"empty", "", kindEmpty},
		{"blank", "  \n\n", kindEmpty},
		{"one nul", "text\x00text", kindText},
		{"nuls", "ab\x00\x00\x00\x00cd", kindBinary},
		{"png", "\x89PNG\r\n\x1a\n", kindBinary},
		{"pdf", "%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", kindBinary},
		{"controls", strings.Repeat("ab\x01\x02", 30), kindBinary},
		{"windows-1252", "Caf\xe9 \x93ok\x94", kindText},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.in), true).kind; got != tt.want {
				t.Errorf("sniff(%q) = %v, want %v", tt.in, got, tt.want)
			}
		})
	}
}

func origins(items []Item) []string {
	var out []string
	for _, it := range items {
		out = append(out, it.Origin)
	}
	return out
}

func equal(got []string, want ...string) bool {
	if len(got) != len(want) {
		return false
	}
	for i := range got {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func slicesConcat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }
