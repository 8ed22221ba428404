package source

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestImplausibleDates checks that a publication date before 1800 or more
// than a day after the time of reading is unknown in every format that
// gives one, its raw value kept in Meta, and that a plausible date in
// another field of a JSON record is taken instead.
func TestImplausibleDates(t *testing.T) {
	now := time.Date(2026, 6, 3, 9, 0, 0, 0, time.UTC)
	rss := func(date string) string {
		return `<rss version="2.0"><channel><title>T</title><item><title>A</title><link>https://x.example/a</link><pubDate>` +
			date + `</pubDate><description>Body.</description></item></channel></rss>`
	}
	atom := func(date string) string {
		return `<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>A</title><link href="https://x.example/a"/><published>` +
			date + `</published><content>Body.</content></entry></feed>`
	}
	rdf := func(date string) string {
		return `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
			`<item><title>A</title><link>https://x.example/a</link><dc:date>` + date + `</dc:date><description>Body.</description></item></rdf:RDF>`
	}
	tests := []struct {
		name string
		in   string
		want time.Time // zero: unknown
		meta string    // the Meta key keeping the raw date, when unknown
	}{
		{"rdf year 0", rdf("0000-01-01"), time.Time{}, "published"},
		{"rdf year 1799", rdf("1799-12-31T00:00:00Z"), time.Time{}, "published"},
		{"rdf plausible", rdf("2026-06-01T08:00:00Z"), time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC), ""},
		{"rss far future", rss("Mon, 01 Jan 2199 00:00:00 +0000"), time.Time{}, "published"},
		{"rss two days ahead", rss("Fri, 05 Jun 2026 09:00:00 +0000"), time.Time{}, "published"},
		{"rss hours ahead", rss("Wed, 03 Jun 2026 20:00:00 +0000"), time.Date(2026, 6, 3, 20, 0, 0, 0, time.UTC), ""},
		{"atom year 1", atom("0001-01-01T00:00:00Z"), time.Time{}, "published"},
		{"json year 0", `{"title": "A", "published": "0000-01-01", "text": "Body."}` + "\n", time.Time{}, "published"},
		{"json future unix", `{"title": "A", "published": 7258118400, "text": "Body."}` + "\n", time.Time{}, "published"},
		{"json future, plausible fallback", `{"title": "A", "published": "2199-01-01", "date": "2026-05-30", "text": "Body."}` + "\n",
			time.Date(2026, 5, 30, 0, 0, 0, 0, time.UTC), "published"},
		{"json mongo date", `{"title": "A", "date": {"$date": "1700-01-01T00:00:00Z"}, "text": "Body."}` + "\n", time.Time{}, "date"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, problems := collect(t, ReadStream(context.Background(), "in", bytes.NewReader([]byte(tt.in)), Options{Now: func() time.Time { return now }}))
			if len(items) != 1 || len(problems) != 0 {
				t.Fatalf("items %d, problems %v", len(items), problems)
			}
			it := items[0]
			if !it.Published.Equal(tt.want) {
				t.Errorf("published %v, want %v", it.Published, tt.want)
			}
			if tt.meta != "" && it.Meta[tt.meta] == "" {
				t.Errorf("raw date not kept in Meta[%q]: %v", tt.meta, it.Meta)
			}
		})
	}
}
