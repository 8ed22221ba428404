package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// withDoctype puts decl before the root element start tag root of feed.
func withDoctype(feed, root, decl string) string {
	return strings.Replace(feed, root, decl+"\n"+root, 1)
}

// laughs is a "billion laughs" internal subset: &lol9; would expand to
// 10⁹ copies of "lol" if entities declared in a DOCTYPE were expanded.
func laughs(root string) string {
	var b strings.Builder
	b.WriteString("<!DOCTYPE " + root + " [\n  <!ENTITY lol \"lol\">\n")
	prev := "lol"
	for i := 1; i <= 9; i++ {
		name := "lol" + string(rune('0'+i))
		b.WriteString("  <!ENTITY " + name + " \"" + strings.Repeat("&"+prev+";", 10) + "\">\n")
		prev = name
	}
	b.WriteString("]>")
	return b.String()
}

// TestFeedDoctype checks that a feed whose prolog has a DOCTYPE, with or
// without an internal subset, comments and processing instructions, is read
// as a feed, one item per entry; that entities the DOCTYPE declares are
// never expanded (neither internal ones, however deep, nor external files);
// and that an undeclared HTML entity such as &nbsp; does not break the feed.
func TestFeedDoctype(t *testing.T) {
	secret := filepath.Join(t.TempDir(), "secret.txt")
	if err := os.WriteFile(secret, []byte("TOP-SECRET-CONTENT"), 0o600); err != nil {
		t.Fatal(err)
	}
	nbsp := `<!DOCTYPE rss [<!ENTITY nbsp "&#160;">]>`
	threeItems := strings.Replace(rssFeed, "</channel>", `<item><title>Third&nbsp;item</title><link>https://gazette.example/third</link><description>Third.</description></item>
</channel>`, 1)
	tests := []struct {
		name   string
		in     string
		format Format
		titles []string
	}{
		{"rss with entity subset", withDoctype(threeItems, "<rss ", nbsp), FormatRSS,
			[]string{"Ferry timetable changes", "Lighthouse open day", "Third\u00a0item"}},
		{"rss 0.91 public doctype", withDoctype(rssFeed, "<rss ",
			`<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">`),
			FormatRSS, []string{"Ferry timetable changes", "Lighthouse open day"}},
		{"atom with entity subset", withDoctype(strings.Replace(atomFeed, "cycle lanes</title>", "cycle&nbsp;lanes</title>", 1),
			"<feed ", `<!DOCTYPE feed [<!ENTITY nbsp "&#160;"> <!-- a comment with > and ' --> <?pi ]> ?>]>`),
			FormatAtom, []string{"Council approves cycle\u00a0lanes"}},
		{"rdf after comment and pi", withDoctype(rdfFeed, "<rdf:RDF ",
			"<!-- generated -->\n<?xml-stylesheet href=\"a.xsl\"?>\n<!DOCTYPE rdf:RDF [\n<!ENTITY % ext SYSTEM \"x.dtd\">\n]>\n<!-- more -->"),
			FormatRSS, []string{"Bridge reopens"}},
		{"billion laughs", withDoctype(strings.Replace(rssFeed, "Ferry timetable changes", "Ferry &lol9; changes", 1), "<rss ", laughs("rss")),
			FormatRSS, []string{"Ferry &lol9; changes", "Lighthouse open day"}},
		{"external entity", withDoctype(strings.Replace(rssFeed, "Ferry timetable changes", "Ferry &xxe; changes", 1), "<rss ",
			`<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://`+filepath.ToSlash(secret)+`">]>`),
			FormatRSS, []string{"Ferry &xxe; changes", "Lighthouse open day"}},
		{"byte order mark and space", "\xEF\xBB\xBF \n" + withDoctype(rssFeed, "<rss ", nbsp), FormatRSS,
			[]string{"Ferry timetable changes", "Lighthouse open day"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, problems := readBytes(t, "feed.xml", []byte(tt.in), Options{})
			if len(problems) > 0 {
				t.Errorf("problems %v", problems)
			}
			var titles []string
			for _, it := range items {
				titles = append(titles, it.Title)
				if it.Format != tt.format {
					t.Errorf("%s: format %q, want %q", it.Origin, it.Format, tt.format)
				}
				all := it.Title + it.Text + string(it.HTML)
				for _, v := range it.Meta {
					all += v
				}
				if strings.Contains(all, "TOP-SECRET") || strings.Contains(all, "lollol") {
					t.Errorf("%s: an entity declared in the DOCTYPE was expanded: %.200q", it.Origin, all)
				}
			}
			if !equal(titles, tt.titles...) {
				t.Errorf("titles %q, want %q", titles, tt.titles)
			}
		})
	}
}

// TestSniffProlog checks format detection past an XML prolog, including one
// too long for the sniffing window, where the DOCTYPE's name tells the root.
func TestSniffProlog(t *testing.T) {
	long := "<!DOCTYPE rss [" + strings.Repeat(`<!ENTITY e "x">`, 2000) + "]><rss>"
	tests := []struct {
		name string
		in   string
		want kind
	}{
		{"rss doctype subset", `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY nbsp "&#160;">]><rss version="2.0"><channel><description>&lt;p&gt;</description>`, kindFeed},
		{"atom doctype subset", `<!DOCTYPE feed [<!ENTITY nbsp "&#160;">]><feed xmlns="http://www.w3.org/2005/Atom">`, kindFeed},
		{"quoted bracket in subset", `<!DOCTYPE rss [<!ENTITY x "]>"><!ENTITY y ']>'>]><rss>`, kindFeed},
		{"prolog past the window", long[:sniffSize], kindFeed},
		{"html doctype", "<!DOCTYPE HTML PUBLIC \"-//W3C//DTD HTML 4.01//EN\">\n<p>x</p>", kindHTML},
		{"xhtml doctype subset", `<?xml version="1.0"?><!DOCTYPE html [<!ENTITY nbsp "&#160;">]><html>`, kindHTML},
		{"other xml with subset", `<!DOCTYPE urlset [<!ENTITY a "b">]><urlset>`, kindXML},
		{"bom", "\xEF\xBB\xBF<rss>", kindFeed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff([]byte(tt.in), len(tt.in) < sniffSize).kind; got != tt.want {
				t.Errorf("sniff = %v, want %v", got, tt.want)
			}
		})
	}
}
