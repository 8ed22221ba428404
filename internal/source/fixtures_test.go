package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/gzip"
	"golang.org/x/text/encoding/unicode"
)

// Fixtures: every text here is made up for these tests.

const rssFeed = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>The Harbour Gazette</title>
<link>https://gazette.example/</link>
<description>News from a harbour town that does not exist.</description>
<item>
  <title>Ferry timetable changes</title>
  <link>https://gazette.example/ferry</link>
  <guid>https://gazette.example/ferry</guid>
  <pubDate>Tue, 05 Mar 2024 09:30:00 +0000</pubDate>
  <dc:creator>Mira Lund</dc:creator>
  <category>Transport</category>
  <category>Local</category>
  <description>The morning ferry leaves earlier.</description>
  <content:encoded><![CDATA[<p>The morning ferry to Westholm will leave at 6:40 from April.</p><p>Tickets stay the same price.</p>]]></content:encoded>
</item>
<item>
  <title>Lighthouse open day</title>
  <link>https://gazette.example/lighthouse</link>
  <pubDate>Wed, 06 Mar 2024 12:00:00 EST</pubDate>
  <description>Visitors may climb the old lighthouse on Saturday.</description>
</item>
</channel>
</rss>
`

const atomFeed = `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Northern Ledger</title>
  <link href="https://ledger.example/"/>
  <updated>2024-03-06T10:00:00Z</updated>
  <id>urn:uuid:2f1c0c6e-0000-4000-8000-000000000001</id>
  <entry>
    <title>Council approves cycle lanes</title>
    <link href="https://ledger.example/cycle-lanes"/>
    <id>urn:uuid:2f1c0c6e-0000-4000-8000-000000000002</id>
    <updated>2024-03-06T10:00:00Z</updated>
    <author><name>Ola Brekke</name></author>
    <summary>Short.</summary>
    <content type="html">&lt;p&gt;The council voted 7 to 4 for new cycle lanes on Quay Street.&lt;/p&gt;</content>
  </entry>
</feed>
`

const rdfFeed = `<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel rdf:about="https://valley.example/">
    <title>Valley Post</title>
    <link>https://valley.example/</link>
    <description>Made-up valley news.</description>
  </channel>
  <item rdf:about="https://valley.example/bridge">
    <title>Bridge reopens</title>
    <link>https://valley.example/bridge</link>
    <dc:date>2024-03-07T08:00:00Z</dc:date>
    <description>The river bridge reopened after repairs.</description>
  </item>
</rdf:RDF>
`

const htmlPage = `<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Quay market</title></head>
<body><article><h1>Quay market moves indoors</h1><p>The Saturday market will move into the old fish hall.</p></article></body></html>
`

// makeWARCRecord returns one WARC record.
func makeWARCRecord(typ, uri, ctype string, block string) string {
	var b strings.Builder
	b.WriteString("WARC/1.1\r\n")
	fmt.Fprintf(&b, "WARC-Type: %s\r\n", typ)
	if uri != "" {
		fmt.Fprintf(&b, "WARC-Target-URI: %s\r\n", uri)
	}
	b.WriteString("WARC-Date: 2024-03-08T11:00:00Z\r\n")
	fmt.Fprintf(&b, "WARC-Record-ID: <urn:uuid:%08x-0000-4000-8000-000000000000>\r\n", len(block)+len(uri))
	if ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", ctype)
	}
	fmt.Fprintf(&b, "Content-Length: %d\r\n\r\n", len(block))
	b.WriteString(block)
	b.WriteString("\r\n\r\n")
	return b.String()
}

// httpResponse returns an HTTP response as a WARC response record holds it.
func httpResp(status, ctype, extraHeaders, body string) string {
	return fmt.Sprintf("HTTP/1.1 %s\r\nContent-Type: %s\r\n%sContent-Length: %d\r\n\r\n%s", status, ctype, extraHeaders, len(body), body)
}

func chunked(body string) string {
	var b strings.Builder
	for len(body) > 0 {
		n := min(len(body), 40)
		fmt.Fprintf(&b, "%x\r\n%s\r\n", n, body[:n])
		body = body[n:]
	}
	b.WriteString("0\r\n\r\n")
	return b.String()
}

func gzipBytes(data string) []byte {
	var buf bytes.Buffer
	zw, _ := gzipWriters.Get().(*gzip.Writer)
	if zw == nil {
		zw = gzip.NewWriter(&buf)
	} else {
		zw.Reset(&buf)
	}
	zw.Write([]byte(data)) // a bytes.Buffer does not fail
	zw.Close()
	gzipWriters.Put(zw)
	return buf.Bytes()
}

// gzipWriters keeps gzip writers for reuse: a new one allocates most of
// a megabyte, which made FuzzWARC, compressing each record of every
// input, too slow to fuzz.
var gzipWriters sync.Pool

// warcRecords returns the records of a small crawl: two HTML pages among
// records that are not articles.
func warcRecords() []string {
	page1 := `<html><head><title>Tide tables</title></head><body><p>High tide at 14:02.</p></body></html>`
	page2 := `<html><head><title>School fair</title></head><body><p>The school fair raised money for a new roof.</p></body></html>`
	page3 := `<html><body><p>Resource record page.</p></body></html>`
	return []string{
		makeWARCRecord("warcinfo", "", "application/warc-fields", "software: made-up-crawler/1.0\r\n"),
		makeWARCRecord("request", "https://tides.example/today", "application/http; msgtype=request", "GET /today HTTP/1.1\r\nHost: tides.example\r\n\r\n"),
		makeWARCRecord("response", "https://tides.example/today", "application/http; msgtype=response",
			httpResp("200 OK", "text/html; charset=ISO-8859-1", "Last-Modified: Fri, 08 Mar 2024 07:00:00 GMT\r\n", page1)),
		makeWARCRecord("response", "https://tides.example/missing", "application/http; msgtype=response",
			httpResp("404 Not Found", "text/html", "", "<html><body>gone</body></html>")),
		makeWARCRecord("response", "https://tides.example/logo.png", "application/http; msgtype=response",
			httpResp("200 OK", "image/png", "", "\x89PNG\r\n\x1a\nnot really")),
		makeWARCRecord("response", "https://school.example/fair", "application/http; msgtype=response",
			"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n"+
				chunked(string(gzipBytes(page2)))),
		makeWARCRecord("resource", "https://school.example/resource", "text/html", page3),
	}
}

// warcGz compresses each record as its own gzip member, as crawlers do.
func warcGz(records []string) ([]byte, []int64) {
	var out []byte
	var offsets []int64
	for _, rec := range records {
		offsets = append(offsets, int64(len(out)))
		out = append(out, gzipBytes(rec)...)
	}
	return out, offsets
}

func utf16LE(t testing.TB, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func utf16BE(t testing.TB, s string) []byte {
	t.Helper()
	b, err := unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// writeFiles writes files (path relative to dir: content) and returns dir.
func writeFiles(t testing.TB, files map[string][]byte) string {
	t.Helper()
	dir := t.TempDir()
	for name, data := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// collect reads everything, checking that every error is a *Problem.
func collect(t testing.TB, seq func(func(Item, error) bool)) ([]Item, []*Problem) {
	t.Helper()
	var items []Item
	var problems []*Problem
	for it, err := range seq {
		if err != nil {
			var p *Problem
			if !errors.As(err, &p) {
				t.Fatalf("error is not a *Problem: %T %v", err, err)
			}
			problems = append(problems, p)
			continue
		}
		items = append(items, it)
	}
	return items, problems
}

func readBytes(t testing.TB, name string, data []byte, opts Options) ([]Item, []*Problem) {
	t.Helper()
	return collect(t, ReadStream(context.Background(), name, bytes.NewReader(data), opts))
}
