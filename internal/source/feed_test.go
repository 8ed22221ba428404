package source

import (
	"errors"
	"strings"
	"testing"
)

// TestFeed checks Feed on the documents a feed URL may answer with: feeds
// of every kind give their entries named after the URL, anything else is
// one Problem saying what it is.
func TestFeed(t *testing.T) {
	const origin = "https://gazette.example/feed"
	jsonFeed := `{"version": "https://jsonfeed.org/version/1.1", "title": "Fjord Weekly",
  "items": [{"id": "1", "url": "https://fjord.example/1", "title": "Ice on the fjord", "content_html": "<p>The fjord froze.</p>"}]}`
	for _, tc := range []struct {
		name    string
		data    []byte
		origins []string
		kind    error  // of the one problem, nil for none
		says    string // in the problem
	}{
		{name: "RSS", data: []byte(rssFeed), origins: []string{origin + "#1", origin + "#2"}},
		{name: "Atom", data: []byte(atomFeed), origins: []string{origin + "#1"}},
		{name: "RDF", data: []byte(rdfFeed), origins: []string{origin + "#1"}},
		{name: "JSON Feed", data: []byte(jsonFeed), origins: []string{origin + "#1"}},
		{name: "gzip", data: gzipBytes(rssFeed), origins: []string{origin + "#1", origin + "#2"}},
		{name: "UTF-16", data: utf16LE(t, rssFeed), origins: []string{origin + "#1", origin + "#2"}},
		{name: "HTML page", data: []byte(htmlPage), kind: ErrNotFeed, says: "HTML page"},
		{name: "text", data: []byte("Service unavailable, try again later.\n"), kind: ErrNotFeed, says: "plain text"},
		{name: "JSON", data: []byte(`{"error": "rate limited"}`), kind: ErrNotFeed, says: "JSON"},
		{name: "other XML", data: []byte(`<?xml version="1.0"?><error><code>500</code></error>`), says: "neither a feed nor HTML"},
		{name: "empty", data: nil, kind: ErrEmpty},
		{name: "binary", data: []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), kind: ErrBinary},
		{name: "invalid XML", data: []byte(rssFeed[:strings.Index(rssFeed, "<item>")] + `<item><title a="1>Broken</title>`),
			says: "invalid feed"},
		{name: "cut after an entry", data: []byte(rssFeed[:strings.Index(rssFeed, "Visitors may")]),
			origins: []string{origin + "#1"}, says: "invalid feed"},
		{name: "too large", data: []byte(rssFeed), kind: ErrTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{}
			if tc.name == "too large" {
				opts.MaxItemBytes = 100
			}
			items, problems := Feed(origin, tc.data, opts)
			var origins []string
			for _, it := range items {
				origins = append(origins, it.Origin)
			}
			if strings.Join(origins, " ") != strings.Join(tc.origins, " ") {
				t.Errorf("origins %q, want %q", origins, tc.origins)
			}
			wantProblem := tc.kind != nil || tc.says != ""
			if !wantProblem {
				if len(problems) > 0 {
					t.Errorf("problems %v, want none", problems)
				}
				return
			}
			if len(problems) != 1 {
				t.Fatalf("problems %v, want one", problems)
			}
			p := problems[0]
			if p.File != origin {
				t.Errorf("problem names %q, want %q", p.File, origin)
			}
			if tc.kind != nil && !errors.Is(p, tc.kind) {
				t.Errorf("problem %v is not %v", p, tc.kind)
			}
			if !strings.Contains(p.Error(), tc.says) {
				t.Errorf("problem %q does not say %q", p, tc.says)
			}
		})
	}
}

// FuzzFeedDocument checks that any document given to Feed yields entries
// named after its origin or problems naming it, never nothing.
func FuzzFeedDocument(f *testing.F) {
	for _, s := range []string{rssFeed, atomFeed, rdfFeed, htmlPage, "plain", `{"a": 1}`, rssFeed[:len(rssFeed)/2]} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		items, problems := Feed("in", data, Options{MaxItemBytes: 1 << 16})
		checkItems(t, "in", items, problems)
		if len(items) == 0 && len(problems) == 0 {
			t.Errorf("document gave neither an item nor a problem")
		}
		for _, it := range items {
			if it.Format != FormatRSS && it.Format != FormatAtom && it.Format != FormatJSONFeed {
				t.Errorf("item of format %s from a feed", it.Format)
			}
		}
	})
}
