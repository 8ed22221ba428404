package source

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// wantProblem describes an expected Problem.
type wantProblem struct {
	file   string // base name of Problem.File
	line   int
	kind   error  // errors.Is target, or nil
	has    string // substring of the message
	offset int64  // expected Offset; 0 means "not checked"
}

func TestRead(t *testing.T) {
	crawl := strings.Join(warcRecords(), "")
	crawlGz, _ := warcGz(warcRecords())
	jsonl := strings.Join([]string{
		`{"id": 7, "link": "https://coast.example/a", "headline": "Seal pup rescued", "publisher": {"id": "cc", "name": "Coast Courier"}, "pubDate": "Tue, 05 Mar 2024 09:30:00 GMT", "body": "A seal pup was returned to the sea.", "tags": ["animals", "coast"], "score": 1.5, "extra": null}`,
		`{"url": "https://coast.example/b", "site": "Coast Courier", "published_at": 1709631000, "content": "<p>First.</p><p>Second.</p><p>Third.</p>"}`,
		`{"url": "https://coast.example/c", "date": "sometime last spring", "text": "Text body.", "raw_html": "<html><body><p>Text body.</p></body></html>"}`,
		`{"datetime": "2024-03-05 09:30:00", "article": "Plain article.", "Title": "Case-insensitive keys"}`,
		`{"published": "2024-03-05", "maintext": "Another body.", "date": "2024-01-01"}`,
	}, "\n") + "\n"
	tests := []struct {
		name     string
		files    map[string][]byte
		args     []string // relative to the folder of files; "-" is stdin
		stdin    string
		max      int64
		origins  []string // want these origins (base names), in order
		problems []wantProblem
		check    func(t *testing.T, items []Item)
	}{
		{
			name:    "plain text file",
			files:   map[string][]byte{"note.txt": []byte("Harbour news\n\nThe crane is back.\n")},
			args:    []string{"note.txt"},
			origins: []string{"note.txt"},
			check: func(t *testing.T, items []Item) {
				want := Item{Format: FormatText, Text: "Harbour news\n\nThe crane is back.\n"}
				if items[0].Format != want.Format || items[0].Text != want.Text || items[0].HTML != nil {
					t.Errorf("got %+v, want %+v", items[0], want)
				}
			},
		},
		{
			name:    "HTML file",
			files:   map[string][]byte{"page.html": []byte(htmlPage)},
			args:    []string{"page.html"},
			origins: []string{"page.html"},
			check: func(t *testing.T, items []Item) {
				if items[0].Format != FormatHTML || string(items[0].HTML) != htmlPage || items[0].Text != "" {
					t.Errorf("got format %q HTML %q text %q", items[0].Format, items[0].HTML, items[0].Text)
				}
			},
		},
		{
			name:    "HTML with no article is still an item",
			files:   map[string][]byte{"nav.htm": []byte(`<html><body><nav><a href="/">Home</a></nav></body></html>`)},
			args:    []string{"nav.htm"},
			origins: []string{"nav.htm"},
		},
		{
			name:    "JSON Lines field variants",
			files:   map[string][]byte{"dump.jsonl": []byte(jsonl)},
			args:    []string{"dump.jsonl"},
			origins: []string{"dump.jsonl:1", "dump.jsonl:2", "dump.jsonl:3", "dump.jsonl:4", "dump.jsonl:5"},
			check: func(t *testing.T, items []Item) {
				a := items[0]
				if a.URL != "https://coast.example/a" || a.Title != "Seal pup rescued" || a.Outlet != "Coast Courier" ||
					a.Text != "A seal pup was returned to the sea." || a.Format != FormatJSONL {
					t.Errorf("line 1: %+v", a)
				}
				if !a.Published.Equal(time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)) {
					t.Errorf("line 1 published %v", a.Published)
				}
				wantMeta := map[string]string{"id": "7", "tags": `["animals","coast"]`, "score": "1.5"}
				if !mapsEqual(a.Meta, wantMeta) {
					t.Errorf("line 1 meta %v, want %v", a.Meta, wantMeta)
				}
				b := items[1]
				if b.Outlet != "Coast Courier" || !b.Published.Equal(time.Unix(1709631000, 0)) {
					t.Errorf("line 2: outlet %q published %v", b.Outlet, b.Published)
				}
				if b.Text != "" || string(b.HTML) != "<p>First.</p><p>Second.</p><p>Third.</p>" || b.Charset != "utf-8" {
					t.Errorf("line 2: HTML content given as text should be HTML: text %q html %q", b.Text, b.HTML)
				}
				c := items[2]
				if !c.Published.IsZero() || c.Meta["date"] != "sometime last spring" {
					t.Errorf("line 3: unparseable date should give zero time and keep the raw value: %v %v", c.Published, c.Meta)
				}
				if c.Text != "Text body." || !strings.Contains(string(c.HTML), "<p>Text body.</p>") {
					t.Errorf("line 3: text %q html %q", c.Text, c.HTML)
				}
				d := items[3]
				if d.Title != "Case-insensitive keys" || d.Text != "Plain article." ||
					!d.Published.Equal(time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)) {
					t.Errorf("line 4: %+v", d)
				}
				e := items[4]
				if !e.Published.Equal(time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)) || e.Meta["date"] != "2024-01-01" {
					t.Errorf("line 5: published wins over date, date kept in Meta: %v %v", e.Published, e.Meta)
				}
			},
		},
		{
			name: "JSON array of objects",
			files: map[string][]byte{"list.json": []byte(`[
  {"title": "First", "text": "One."},
  {"title": "Second", "text": "Two, with a } brace and \"quotes\"."}
]`)},
			args:    []string{"list.json"},
			origins: []string{"list.json#1", "list.json#2"},
			check: func(t *testing.T, items []Item) {
				if items[1].Title != "Second" || items[1].Text != `Two, with a } brace and "quotes".` {
					t.Errorf("element 2: %+v", items[1])
				}
			},
		},
		{
			name: "single JSON object",
			files: map[string][]byte{"one.json": []byte(`{
  "title": "Only one",
  "url": "https://one.example/",
  "body": "The only article."
}
`)},
			args:    []string{"one.json"},
			origins: []string{"one.json"},
			check: func(t *testing.T, items []Item) {
				if items[0].Title != "Only one" || items[0].Text != "The only article." {
					t.Errorf("got %+v", items[0])
				}
			},
		},
		{
			name:    "pretty-printed objects one after another",
			files:   map[string][]byte{"two.json": []byte("{\n  \"title\": \"a\"\n}\n{\n  \"title\": \"b\"\n}\n")},
			args:    []string{"two.json"},
			origins: []string{"two.json#1", "two.json#2"},
		},
		{
			name:    "JSON array with bad elements, not closed",
			files:   map[string][]byte{"bad.json": []byte("[{\"title\": \"a\"},\n {\"title\": \"b\",},\n 5,\n {\"title\": \"c\"}\n")},
			args:    []string{"bad.json"},
			origins: []string{"bad.json#1", "bad.json#4"},
			problems: []wantProblem{
				{file: "bad.json", line: 2, has: "invalid JSON"},
				{file: "bad.json", line: 3, has: "not a JSON object but a number"},
				{file: "bad.json", line: 5, kind: ErrTruncated, has: "JSON array not closed"},
			},
		},
		{
			name:     "empty JSON array",
			files:    map[string][]byte{"none.json": []byte("[ ]")},
			args:     []string{"none.json"},
			problems: []wantProblem{{file: "none.json", kind: ErrEmpty}},
		},
		{
			name:    "RSS feed",
			files:   map[string][]byte{"gazette.rss": []byte(rssFeed)},
			args:    []string{"gazette.rss"},
			origins: []string{"gazette.rss#1", "gazette.rss#2"},
			check: func(t *testing.T, items []Item) {
				a := items[0]
				if a.Format != FormatRSS || a.Outlet != "The Harbour Gazette" || a.Title != "Ferry timetable changes" ||
					a.URL != "https://gazette.example/ferry" {
					t.Errorf("item 1: %+v", a)
				}
				if !a.Published.Equal(time.Date(2024, 3, 5, 9, 30, 0, 0, time.UTC)) {
					t.Errorf("item 1 published %v", a.Published)
				}
				if !strings.Contains(string(a.HTML), "<p>Tickets stay the same price.</p>") || a.Text != "" {
					t.Errorf("item 1 should carry content:encoded as HTML: %q", a.HTML)
				}
				if a.Meta["author"] != "Mira Lund" || a.Meta["categories"] != `["Transport","Local"]` ||
					a.Meta["description"] != "The morning ferry leaves earlier." {
					t.Errorf("item 1 meta %v", a.Meta)
				}
				b := items[1]
				if b.Text != "Visitors may climb the old lighthouse on Saturday." || b.HTML != nil {
					t.Errorf("item 2 should carry its description as text: %q %q", b.Text, b.HTML)
				}
				if !b.Published.Equal(time.Date(2024, 3, 6, 17, 0, 0, 0, time.UTC)) {
					t.Errorf("item 2 published %v, want 12:00 EST", b.Published)
				}
			},
		},
		{
			name:    "Atom feed without extension",
			files:   map[string][]byte{"latest": []byte(atomFeed)},
			args:    []string{"latest"},
			origins: []string{"latest#1"},
			check: func(t *testing.T, items []Item) {
				a := items[0]
				if a.Format != FormatAtom || a.Outlet != "Northern Ledger" || a.URL != "https://ledger.example/cycle-lanes" ||
					a.Meta["author"] != "Ola Brekke" {
					t.Errorf("entry: %+v", a)
				}
				if !a.Published.Equal(time.Date(2024, 3, 6, 10, 0, 0, 0, time.UTC)) {
					t.Errorf("entry with only <updated> should use it: %v", a.Published)
				}
				if string(a.HTML) != "<p>The council voted 7 to 4 for new cycle lanes on Quay Street.</p>" {
					t.Errorf("entry HTML %q", a.HTML)
				}
			},
		},
		{
			name:    "RDF feed",
			files:   map[string][]byte{"valley.rdf": []byte(rdfFeed)},
			args:    []string{"valley.rdf"},
			origins: []string{"valley.rdf#1"},
			check: func(t *testing.T, items []Item) {
				a := items[0]
				if a.Format != FormatRSS || a.Outlet != "Valley Post" || a.Title != "Bridge reopens" ||
					!a.Published.Equal(time.Date(2024, 3, 7, 8, 0, 0, 0, time.UTC)) {
					t.Errorf("item: %+v", a)
				}
			},
		},
		{
			name: "JSON Feed",
			files: map[string][]byte{"feed.json": []byte(`{"version": "https://jsonfeed.org/version/1.1", "title": "Fjord Weekly",
  "items": [{"id": "1", "url": "https://fjord.example/1", "title": "Ice on the fjord", "date_published": "2024-03-01T07:00:00Z",
    "content_html": "<p>The inner fjord froze overnight.</p>"}]}`)},
			args:    []string{"feed.json"},
			origins: []string{"feed.json#1"},
			check: func(t *testing.T, items []Item) {
				a := items[0]
				if a.Format != FormatJSONFeed || a.Outlet != "Fjord Weekly" || a.Title != "Ice on the fjord" ||
					string(a.HTML) != "<p>The inner fjord froze overnight.</p>" || !a.Published.Equal(time.Date(2024, 3, 1, 7, 0, 0, 0, time.UTC)) {
					t.Errorf("item: %+v", a)
				}
			},
		},
		{
			name:    "WARC",
			files:   map[string][]byte{"crawl.warc": []byte(crawl)},
			args:    []string{"crawl.warc"},
			origins: []string{"crawl.warc#3", "crawl.warc#6", "crawl.warc#7"},
			check:   checkCrawl,
		},
		{
			name:    "WARC gzip, one member per record",
			files:   map[string][]byte{"crawl.warc.gz": crawlGz},
			args:    []string{"crawl.warc.gz"},
			origins: []string{"crawl.warc.gz#3", "crawl.warc.gz#6", "crawl.warc.gz#7"},
			check:   checkCrawl,
		},
		{
			name:    "gzip of JSON Lines",
			files:   map[string][]byte{"dump.jsonl.gz": gzipBytes(jsonl)},
			args:    []string{"dump.jsonl.gz"},
			origins: []string{"dump.jsonl.gz:1", "dump.jsonl.gz:2", "dump.jsonl.gz:3", "dump.jsonl.gz:4", "dump.jsonl.gz:5"},
		},
		{
			name:    "gzip of HTML",
			files:   map[string][]byte{"page.html.gz": gzipBytes(htmlPage)},
			args:    []string{"page.html.gz"},
			origins: []string{"page.html.gz"},
			check: func(t *testing.T, items []Item) {
				if items[0].Format != FormatHTML || string(items[0].HTML) != htmlPage {
					t.Errorf("got %q %q", items[0].Format, items[0].HTML)
				}
			},
		},
		{
			name: "folder, recursive, skipping hidden and non-article files",
			files: map[string][]byte{
				"in/a.txt":          []byte("Article A."),
				"in/sub/b.html":     []byte(htmlPage),
				"in/sub/deeper/c":   []byte(rssFeed),
				"in/.hidden/x.txt":  []byte("hidden"),
				"in/.dot.txt":       []byte("hidden"),
				"in/logo.png":       []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
				"in/sub/blob":       []byte("\x00\x01\x02\x03binary"),
				"in/sub/style.css":  []byte("body { color: red }"),
				"in/sub/empty.json": nil,
			},
			args:    []string{"in"},
			origins: []string{"a.txt", "b.html", "c#1", "c#2"},
			problems: []wantProblem{
				{file: "blob", kind: ErrBinary},
				{file: "empty.json", kind: ErrEmpty},
			},
		},
		{
			name: "glob",
			files: map[string][]byte{
				"x/one.jsonl": []byte(`{"title": "one"}` + "\n"),
				"x/two.jsonl": []byte(`{"title": "two"}` + "\n"),
				"x/skip.txt":  []byte("not matched"),
			},
			args:    []string{"x/*.jsonl"},
			origins: []string{"one.jsonl:1", "two.jsonl:1"},
		},
		{
			name:    "stdin",
			args:    []string{"-"},
			stdin:   `{"title": "from a pipe", "text": "Piped."}` + "\n",
			origins: []string{"-:1"},
		},
		{
			name:    "a .txt that is JSON Lines",
			files:   map[string][]byte{"notes.txt": []byte(`{"title": "really JSON", "text": "Yes."}` + "\n" + `{"title": "again"}` + "\n")},
			args:    []string{"notes.txt"},
			origins: []string{"notes.txt:1", "notes.txt:2"},
			check: func(t *testing.T, items []Item) {
				if items[0].Format != FormatJSONL || items[0].Title != "really JSON" {
					t.Errorf("got %+v", items[0])
				}
			},
		},
		{
			name:    "the same file named twice is read once",
			files:   map[string][]byte{"note.txt": []byte("Once.")},
			args:    []string{"note.txt", "./note.txt", "*.txt"},
			origins: []string{"note.txt"},
		},
		{
			name:     "binary file named on the command line",
			files:    map[string][]byte{"photo.jpg": []byte("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00"), "data.bin": []byte("ab\x00\x00\x01\x02")},
			args:     []string{"photo.jpg", "data.bin"},
			problems: []wantProblem{{file: "photo.jpg", kind: ErrBinary, has: "JPEG image"}, {file: "data.bin", kind: ErrBinary}},
		},
		{
			name:     "empty and blank files",
			files:    map[string][]byte{"empty.txt": nil, "blank.txt": []byte(" \n\t\n")},
			args:     []string{"empty.txt", "blank.txt"},
			problems: []wantProblem{{file: "empty.txt", kind: ErrEmpty}, {file: "blank.txt", kind: ErrEmpty}},
		},
		{
			name:     "missing file and glob with no match",
			args:     []string{"nope.txt", "none-*.jsonl"},
			problems: []wantProblem{{file: "nope.txt", kind: fs.ErrNotExist}, {file: "none-*.jsonl", has: "no file matches"}},
		},
		{
			name:    "Windows-1252 text",
			files:   map[string][]byte{"cp.txt": []byte("Caf\xe9 opens \x93today\x94 \x96 na\xefve")},
			args:    []string{"cp.txt"},
			origins: []string{"cp.txt"},
			check: func(t *testing.T, items []Item) {
				if want := "Café opens “today” – naïve"; items[0].Text != want {
					t.Errorf("text %q, want %q", items[0].Text, want)
				}
			},
		},
		{
			name:    "Windows-1252 JSON line",
			files:   map[string][]byte{"cp.jsonl": []byte("{\"title\": \"Caf\xe9 \x93news\x94\"}\n")},
			args:    []string{"cp.jsonl"},
			origins: []string{"cp.jsonl:1"},
			check: func(t *testing.T, items []Item) {
				if want := "Café “news”"; items[0].Title != want {
					t.Errorf("title %q, want %q", items[0].Title, want)
				}
			},
		},
		{
			name:    "UTF-16 text with BOM",
			files:   map[string][]byte{"u16.txt": utf16LE(t, "Café “quoted”\n")},
			args:    []string{"u16.txt"},
			origins: []string{"u16.txt"},
			check: func(t *testing.T, items []Item) {
				if want := "Café “quoted”\n"; items[0].Text != want {
					t.Errorf("text %q, want %q", items[0].Text, want)
				}
			},
		},
		{
			name:    "UTF-16LE text without BOM",
			files:   map[string][]byte{"u16.txt": utf16LE(t, "Harbour café reopens after the storm")[2:]},
			args:    []string{"u16.txt"},
			origins: []string{"u16.txt"},
			check: func(t *testing.T, items []Item) {
				if want := "Harbour café reopens after the storm"; items[0].Text != want {
					t.Errorf("text %q, want %q", items[0].Text, want)
				}
			},
		},
		{
			name:    "UTF-16BE JSON Lines with BOM",
			files:   map[string][]byte{"u16.jsonl": utf16BE(t, `{"title": "Café"}`+"\n"+`{"title": "“two”"}`+"\n")},
			args:    []string{"u16.jsonl"},
			origins: []string{"u16.jsonl:1", "u16.jsonl:2"},
			check: func(t *testing.T, items []Item) {
				if items[0].Title != "Café" || items[1].Title != "“two”" {
					t.Errorf("titles %q %q", items[0].Title, items[1].Title)
				}
			},
		},
		{
			name:    "UTF-16 HTML becomes UTF-8 with a BOM",
			files:   map[string][]byte{"u16.html": utf16LE(t, `<html><head><meta charset="utf-16"></head><body><p>Café</p></body></html>`)},
			args:    []string{"u16.html"},
			origins: []string{"u16.html"},
			check: func(t *testing.T, items []Item) {
				h := string(items[0].HTML)
				if !strings.HasPrefix(h, "\xEF\xBB\xBF<html>") || !strings.Contains(h, "<p>Café</p>") || items[0].Charset != "utf-8" {
					t.Errorf("HTML %q charset %q", h, items[0].Charset)
				}
			},
		},
		{
			name:    "UTF-8 BOM is dropped from text",
			files:   map[string][]byte{"bom.txt": []byte("\xEF\xBB\xBFCafé")},
			args:    []string{"bom.txt"},
			origins: []string{"bom.txt"},
			check: func(t *testing.T, items []Item) {
				if items[0].Text != "Café" {
					t.Errorf("text %q", items[0].Text)
				}
			},
		},
		{
			name:    "feed declared ISO-8859-1",
			files:   map[string][]byte{"latin.xml": []byte(strings.Replace(strings.Replace(rssFeed, "UTF-8", "ISO-8859-1", 1), "Lighthouse open day", "Caf\xe9 open day", 1))},
			args:    []string{"latin.xml"},
			origins: []string{"latin.xml#1", "latin.xml#2"},
			check: func(t *testing.T, items []Item) {
				if items[1].Title != "Café open day" {
					t.Errorf("title %q", items[1].Title)
				}
			},
		},
		{
			name: "JSON Lines with broken lines",
			files: map[string][]byte{"broken.jsonl": []byte(strings.Join([]string{
				`{"title": "good one"}`,
				`{"title": "cut off`,
				``,
				`{"title": "good two"}`,
				`not json at all`,
				`[1, 2]`,
				"{\"title\": \"good three\"}\r",
			}, "\n"))},
			args:    []string{"broken.jsonl"},
			origins: []string{"broken.jsonl:1", "broken.jsonl:4", "broken.jsonl:7"},
			problems: []wantProblem{
				{file: "broken.jsonl", line: 2, has: "invalid JSON"},
				{file: "broken.jsonl", line: 5, has: "invalid JSON"},
				{file: "broken.jsonl", line: 6, has: "not a JSON object but an array"},
			},
		},
		{
			name: "line longer than the limit",
			files: map[string][]byte{"long.jsonl": []byte(`{"title": "before"}` + "\n" +
				`{"text": "` + strings.Repeat("x", 5000) + `"}` + "\n" + `{"title": "after"}` + "\n")},
			args:     []string{"long.jsonl"},
			max:      1024,
			origins:  []string{"long.jsonl:1", "long.jsonl:3"},
			problems: []wantProblem{{file: "long.jsonl", line: 2, kind: ErrTooLarge, has: "line 2 longer than limit"}},
		},
		{
			name:     "text file larger than the limit",
			files:    map[string][]byte{"big.txt": []byte(strings.Repeat("word ", 1000)), "small.txt": []byte("small")},
			args:     []string{"big.txt", "small.txt"},
			max:      1024,
			origins:  []string{"small.txt"},
			problems: []wantProblem{{file: "big.txt", kind: ErrTooLarge, has: "item larger than limit"}},
		},
		{
			name: "feed with illegal characters and bare ampersands",
			files: map[string][]byte{"dirty.xml": []byte(strings.Replace(rssFeed, "Ferry timetable changes",
				"Ferry & bus\x01 timetable changes", 1))},
			args:    []string{"dirty.xml"},
			origins: []string{"dirty.xml#1", "dirty.xml#2"},
			check: func(t *testing.T, items []Item) {
				if items[0].Title != "Ferry & bus timetable changes" {
					t.Errorf("title %q", items[0].Title)
				}
			},
		},
		{
			name:    "truncated feed keeps the entries before the break",
			files:   map[string][]byte{"cut.xml": []byte(rssFeed[:strings.Index(rssFeed, "Visitors may")])},
			args:    []string{"cut.xml"},
			origins: []string{"cut.xml#1"},
			problems: []wantProblem{{file: "cut.xml", line: strings.Count(rssFeed[:strings.Index(rssFeed, "Visitors may")], "\n") + 1,
				has: "invalid feed: XML syntax error"}},
		},
		{
			name:     "feed with no entries",
			files:    map[string][]byte{"bare.xml": []byte(`<rss version="2.0"><channel><title>Nothing</title></channel></rss>`)},
			args:     []string{"bare.xml"},
			problems: []wantProblem{{file: "bare.xml", kind: ErrEmpty, has: "feed has no items"}},
		},
		{
			name:     "XML that is not a feed",
			files:    map[string][]byte{"sitemap.xml": []byte(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/</loc></url></urlset>`)},
			args:     []string{"sitemap.xml"},
			problems: []wantProblem{{file: "sitemap.xml", has: "<urlset>"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := writeFiles(t, tt.files)
			t.Chdir(dir)
			opts := Options{MaxItemBytes: tt.max}
			if tt.stdin != "" {
				opts.Stdin = strings.NewReader(tt.stdin)
			}
			items, problems := collect(t, Read(context.Background(), tt.args, opts))
			var origins []string
			for _, it := range items {
				origins = append(origins, filepath.Base(it.Origin))
			}
			if !slices.Equal(origins, tt.origins) {
				t.Errorf("origins %q, want %q", origins, tt.origins)
			}
			checkProblems(t, problems, tt.problems)
			if tt.check != nil && len(items) == len(tt.origins) {
				tt.check(t, items)
			}
		})
	}
}

func checkProblems(t *testing.T, got []*Problem, want []wantProblem) {
	t.Helper()
	if len(got) != len(want) {
		t.Errorf("got %d problems, want %d:", len(got), len(want))
		for _, p := range got {
			t.Errorf("  %v", p)
		}
		return
	}
	for i, w := range want {
		p := got[i]
		switch {
		case filepath.Base(p.File) != w.file:
			t.Errorf("problem %d: file %q, want %q (%v)", i, p.File, w.file, p)
		case p.Line != w.line:
			t.Errorf("problem %d: line %d, want %d (%v)", i, p.Line, w.line, p)
		case w.kind != nil && !errors.Is(p, w.kind):
			t.Errorf("problem %d: %v is not %v", i, p, w.kind)
		case !strings.Contains(p.Error(), w.has):
			t.Errorf("problem %d: %q does not say %q", i, p.Error(), w.has)
		case w.offset != 0 && p.Offset != w.offset:
			t.Errorf("problem %d: offset %d, want %d", i, p.Offset, w.offset)
		}
	}
}

func checkCrawl(t *testing.T, items []Item) {
	a := items[0]
	if a.Format != FormatWARC || a.URL != "https://tides.example/today" || !strings.Contains(string(a.HTML), "High tide at 14:02") {
		t.Errorf("record 3: %+v", a)
	}
	if a.Charset != "iso-8859-1" || !a.Published.IsZero() || a.Meta["crawled"] != "2024-03-08T11:00:00Z" ||
		a.Meta["last-modified"] != "Fri, 08 Mar 2024 07:00:00 GMT" {
		t.Errorf("record 3: charset %q published %v meta %v", a.Charset, a.Published, a.Meta)
	}
	b := items[1]
	if b.URL != "https://school.example/fair" || !strings.HasPrefix(string(b.HTML), "<html><head><title>School fair") {
		t.Errorf("record 6 (chunked, gzip): %q %q", b.URL, b.HTML)
	}
	c := items[2]
	if c.URL != "https://school.example/resource" || string(c.HTML) != `<html><body><p>Resource record page.</p></body></html>` {
		t.Errorf("record 7 (resource): %q %q", c.URL, c.HTML)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}
