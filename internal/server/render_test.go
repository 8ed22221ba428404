package server

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func TestHighlight(t *testing.T) {
	text := `Kamara said "we <b>agree</b>" on Friday in Port Avel.`
	q := strings.Index(text, `we`)
	fri := strings.Index(text, "Friday")
	for _, tc := range []struct {
		name string
		an   news.Analysis
		want string
	}{
		{"nothing marked", news.Analysis{},
			`Kamara said &#34;we &lt;b&gt;agree&lt;/b&gt;&#34; on Friday in Port Avel.`},
		{"a linked name and a place", news.Analysis{Mentions: []news.Mention{
			{Span: news.Span{Start: 0, End: 6}, Type: news.Person, Entity: "e/1"},
			{Span: news.Span{Start: 43, End: 52}, Type: news.Place},
		}}, `<a class="hl-ent hl-per" href="/entities/e%2F1" title="person">Kamara</a> said &#34;we &lt;b&gt;agree&lt;/b&gt;&#34; on Friday in <span class="hl-ent hl-loc" title="place">Port Avel</span>.`},
		{"a name inside a quote, a date", news.Analysis{
			Quotes:   []news.Quote{{Span: news.Span{Start: q, End: q + 15}, Speaker: "Kamara"}},
			Mentions: []news.Mention{{Span: news.Span{Start: q + 6, End: q + 11}, Type: news.OtherName}},
			Timexes:  []news.Timex{{Span: news.Span{Start: fri, End: fri + 6}, Type: "DATE", Value: "2025-03-14"}},
		}, `Kamara said &#34;<span class="hl-quote" title="quote: Kamara">we &lt;b&gt;<span class="hl-ent hl-misc" title="other name">agree</span>&lt;/b&gt;</span>&#34; on <span class="hl-date" title="date: 2025-03-14">Friday</span> in Port Avel.`},
		{"a crossing span is clipped", news.Analysis{
			Quotes:   []news.Quote{{Span: news.Span{Start: 0, End: 11}}},
			Mentions: []news.Mention{{Span: news.Span{Start: 7, End: 15}, Type: news.Person}},
		}, `<span class="hl-quote" title="quote">Kamara <span class="hl-ent hl-per" title="person">said</span></span> &#34;we &lt;b&gt;agree&lt;/b&gt;&#34; on Friday in Port Avel.`},
		{"bad spans are dropped", news.Analysis{Mentions: []news.Mention{
			{Span: news.Span{Start: -1, End: 3}}, {Span: news.Span{Start: 40, End: 400}}, {Span: news.Span{Start: 5, End: 5}},
		}}, `Kamara said &#34;we &lt;b&gt;agree&lt;/b&gt;&#34; on Friday in Port Avel.`},
		{"hostile IDs and values are escaped", news.Analysis{
			Mentions: []news.Mention{{Span: news.Span{Start: 0, End: 6}, Type: news.Person, Entity: `"><script>x</script>`}},
			Timexes:  []news.Timex{{Span: news.Span{Start: fri, End: fri + 6}, Value: `"onmouseover="x`}},
		}, `<a class="hl-ent hl-per" href="/entities/%22%3E%3Cscript%3Ex%3C%2Fscript%3E" title="person">Kamara</a> said &#34;we &lt;b&gt;agree&lt;/b&gt;&#34; on <span class="hl-date" title="date: &#34;onmouseover=&#34;x">Friday</span> in Port Avel.`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := string(highlight(text, tc.an)); got != tc.want {
				t.Errorf("got\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
}

var tagRE = regexp.MustCompile(`<[^>]*>`)

// FuzzHighlight checks that any text with any spans renders as the same
// text, escaped, with balanced markup.
func FuzzHighlight(f *testing.F) {
	f.Add("Kamara said \"we agree\" on Friday.", 0, 6, 12, 22, 26, 32)
	f.Add("<script>alert(1)</script> ünïcødé", 1, 9, 3, 30, 0, 40)
	f.Fuzz(func(t *testing.T, text string, a, b, c, d, e, g int) {
		an := news.Analysis{
			Mentions: []news.Mention{{Span: news.Span{Start: a, End: b}, Type: news.Person, Entity: "x"}, {Span: news.Span{Start: c, End: g}}},
			Quotes:   []news.Quote{{Span: news.Span{Start: c, End: d}}},
			Timexes:  []news.Timex{{Span: news.Span{Start: e, End: g}}},
		}
		out := string(highlight(text, an))
		if strings.Contains(tagRE.ReplaceAllString(out, ""), "<") {
			t.Fatalf("unescaped < in %q", out)
		}
		// The escaper turns NUL into U+FFFD; everything else reads the same.
		want := strings.ReplaceAll(text, "\x00", "\uFFFD")
		if got := html.UnescapeString(tagRE.ReplaceAllString(out, "")); got != want && strings.ToValidUTF8(text, "\uFFFD") == text {
			t.Fatalf("text changed:\n%q\n%q", got, text)
		}
		opens := strings.Count(out, "<span") + strings.Count(out, "<a ")
		closes := strings.Count(out, "</span>") + strings.Count(out, "</a>")
		if opens != closes {
			t.Fatalf("%d tags opened, %d closed: %q", opens, closes, out)
		}
	})
}

func TestSentenceAround(t *testing.T) {
	text := "The talks ended. Gen. Reyl said on Monday that the U.S. envoy left. \"We will return,\" he said on Friday.\nNext line on May 3."
	for _, tc := range []struct {
		word, want string
	}{
		{"Monday", "Gen. Reyl said on Monday that the U.S. envoy left."},
		{"Friday", `"We will return," he said on Friday.`},
		{"May 3", "Next line on May 3."},
		{"talks", "The talks ended."},
	} {
		i := strings.Index(text, tc.word)
		sp := sentenceAround(text, news.Span{Start: i, End: i + len(tc.word)})
		if got := text[sp.Start:sp.End]; got != tc.want {
			t.Errorf("%s: %q, want %q", tc.word, got, tc.want)
		}
	}
}

func TestDateSpan(t *testing.T) {
	d := func(s string) time.Time { t, _ := time.Parse("2006-01-02", s); return t }
	for _, tc := range []struct {
		b, e time.Time
		want string
	}{
		{time.Time{}, time.Time{}, "undated"},
		{d("2025-03-14"), d("2025-03-14"), "14 Mar 2025"},
		{d("2025-03-14"), d("2025-03-24"), "14–24 Mar 2025"},
		{d("2025-02-28"), d("2025-03-03"), "28 Feb – 3 Mar 2025"},
		{d("2024-12-30"), d("2025-01-02"), "30 Dec 2024 – 2 Jan 2025"},
		{d("2025-03-14"), time.Time{}, "14 Mar 2025"},
	} {
		if got := dateSpan(tc.b, tc.e); got != tc.want {
			t.Errorf("dateSpan(%v, %v) = %q, want %q", tc.b, tc.e, got, tc.want)
		}
	}
}

func TestCasualties(t *testing.T) {
	for _, tt := range []struct {
		killed, injured, arrested int
		want                      string
	}{
		{-1, -1, -1, ""},
		{3, 4, -1, "3 killed, 4 injured"},
		{-1, 0, -1, "0 injured"}, // "no one was hurt" is a number
		{-1, -1, 1200, "1,200 arrested"},
	} {
		e := news.Event{Killed: tt.killed, Injured: tt.injured, Arrested: tt.arrested}
		if got := casualties(e); got != tt.want {
			t.Errorf("casualties(%d, %d, %d) = %q, want %q", tt.killed, tt.injured, tt.arrested, got, tt.want)
		}
	}
}

func TestHTTPURL(t *testing.T) {
	for url, want := range map[string]bool{
		"https://example.com/a": true, "http://example.com": true, "javascript:alert(1)": false,
		"JavaScript:alert(1)": false, " javascript:alert(1)": false, "data:text/html,x": false,
		"//evil.example/x": false, "/relative": false, "https://": false, "vbscript:x": false,
	} {
		if got := httpURL(url); got != want {
			t.Errorf("httpURL(%q) = %v, want %v", url, got, want)
		}
	}
}

func TestParseList(t *testing.T) {
	for _, tc := range []struct {
		query         string
		limit, offset int
		format        string
		bad           bool
	}{
		{"", 50, 0, "json", false},
		{"limit=10&offset=20", 10, 20, "json", false},
		{"format=CSV", 50, 0, "csv", false},
		{"format=ndjson", 50, 0, "jsonl", false},
		{"limit=0", 0, 0, "", true},
		{"limit=-1", 0, 0, "", true},
		{"limit=1001", 0, 0, "", true},
		{"limit=1e3", 0, 0, "", true},
		{"offset=-1", 0, 0, "", true},
		{"format=xml", 0, 0, "", true},
	} {
		q, _ := parseQuery(tc.query)
		p, err := parseList(q)
		if (err != nil) != tc.bad {
			t.Errorf("%q: error %v", tc.query, err)
			continue
		}
		if !tc.bad && (p.Limit != tc.limit || p.Offset != tc.offset || p.Format != tc.format) {
			t.Errorf("%q: %+v", tc.query, p)
		}
	}
}

func parseQuery(s string) (url.Values, error) { return url.ParseQuery(s) }
