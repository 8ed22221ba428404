package extract

import (
	"errors"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"

	"github.com/storyline-news/storyline/internal/news"
)

// checkPage asserts the invariants every Page keeps, whatever the input.
func checkPage(t *testing.T, p Page) {
	t.Helper()
	if p.Published.IsZero() != (p.DateSource == news.DateUnknown) {
		t.Errorf("Published %v with DateSource %q", p.Published, p.DateSource)
	}
	if !p.Published.IsZero() && (p.Published.Year() < 1900 || p.Published.Year() > 2199) {
		t.Errorf("Published %v out of range", p.Published)
	}
	for name, s := range map[string]string{"Text": p.Text, "Title": p.Title} {
		if !utf8.ValidString(s) {
			t.Errorf("%s is not valid UTF-8: %q", name, s)
		}
		if s != strings.TrimSpace(s) || strings.Contains(s, "\n\n\n") || strings.Contains(s, "  ") {
			t.Errorf("%s not normalised: %q", name, s)
		}
	}
	if strings.Contains(p.Title, "\n") {
		t.Errorf("Title has a line break: %q", p.Title)
	}
}

func FuzzText(f *testing.F) {
	f.Add(" date 2021-10-02 Prior to a visit, an official said the talks would go on.\n\nMore text.")
	f.Add("English News\n\n  • youtube\n  • facebook\n\nA headline without a stop\n\nThe body of the story is here. It goes on.\n\nAlso Read : another story")
	f.Add("Published: Saturday, 2nd October 2021 10:30 AM PKT\nBy Jane Doe | Wire\n\nISLAMABAD, Oct 2 (Reuters) - Talks began.")
	f.Add("KABUL, October 2, 2021: The city was quiet.\r\nPhoto: Reuters\r\n© 2021")
	f.Add("Date: 31/02/2021\n\x00\xff\xfe broken bytes\u0301 and e\u0301")
	f.Add("")
	files, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "*.txt"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		p := Text(s)
		checkPage(t, p)
		if p.URL != "" {
			t.Errorf("Text set URL %q", p.URL)
		}
	})
}

// htmlSeeds are small pages with the features of the golden pages: the
// metadata, a title with the site's name, a byline and a date, a <br>,
// boilerplate, a table, other charsets. A fuzzer minimises each input that
// finds new code, in time quadratic in its length: pages of a kilobyte
// spend the whole run being minimised, so the golden pages are not seeds.
var htmlSeeds = []struct{ page, url string }{
	{`<html lang="en-GB"><title>Bridge reopens | The Courier</title>
<meta property="article:published_time" content="2023-04-12T08:30:00Z">
<p>By Mara Quillon<br>12 April 2023<p>The bridge reopened on Wednesday, the council said.`,
		"https://www.courier.example/news/2023/04/12/bridge?utm_source=feed"},
	{"<html lang=fr><p>PORT-VALMOURE, 3 mars 2022 – Le quai a rouvert.<p>Also read: more<p>© Gazette 2022. Tous droits réservés.",
		"https://gazette.example/region/port-valmoure"},
	{"<meta charset=windows-1252><p>Caf\xe9 owners in Z\xfcrich said the \x91rules\x92 \x97 cost \x802,000.<table><tr><td>a<td>b</table>",
		"https://example.org/a"},
	{"<html><body><p>short</p>", ""},
	{"<table><tr><td><p>cell<br>text</td></tr></table><script>var x = '</p>';</script>", "http://[::1]:80/x"},
	{"\xff\xfe<\x00h\x00t\x00m\x00l\x00>\x00", "not a url"},
}

// TestHTMLInvariants checks every Page's invariants on the golden pages and
// the fuzz seeds, end to end through the third-party extractors. Those cost
// about a millisecond a page even when it is tiny (trafilatura classifies
// the language of every text; its fallbacks parse their CSS selectors), too
// slow to fuzz: FuzzHTMLText and FuzzHTMLMeta fuzz what Storyline does
// around them.
func TestHTMLInvariants(t *testing.T) {
	pages := slices.Clone(htmlSeeds)
	for name, u := range goldenPages {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, struct{ page, url string }{string(b), u})
	}
	for _, pg := range pages {
		p, err := HTML([]byte(pg.page), pg.url)
		if err != nil {
			if !errors.Is(err, news.ErrInvalid) {
				t.Errorf("%.40q: error %v does not wrap news.ErrInvalid", pg.page, err)
			}
			continue
		}
		checkPage(t, p)
		if wordCount(p.Text) < minArticleWords {
			t.Errorf("article of %d words accepted: %q", wordCount(p.Text), p.Text)
		}
	}
}

// FuzzHTMLText reads the text, language and date of any page as HTML does
// around the extractors: the charset, the parse, the paragraphs of a tree
// (as trafilatura builds it, with tag names but no atoms, too), their
// cleaning, and the date go-htmldate finds and htmlDate keeps.
func FuzzHTMLText(f *testing.F) {
	for _, s := range htmlSeeds {
		f.Add([]byte(s.page), s.url)
	}
	f.Fuzz(func(t *testing.T, data []byte, pageURL string) {
		doc, err := html.Parse(strings.NewReader(decodeHTML(data)))
		if err != nil {
			return
		}
		paras := nodeParagraphs(doc)
		for _, p := range paras {
			if p == "" || !utf8.ValidString(p) || p != strings.TrimSpace(p) || strings.Contains(p, "  ") || strings.Contains(p, "\n") {
				t.Errorf("paragraph not clean: %q", p)
			}
		}
		withoutAtoms(doc)
		if built := nodeParagraphs(doc); !slices.Equal(built, paras) {
			t.Errorf("paragraphs of a tree without atoms\n%q\nwant\n%q", built, paras)
		}
		var title string
		if len(paras) > 0 {
			title = paras[0]
		}
		paras, _ = cleanParagraphs(paras, []string{title}, pageURL)
		checkPage(t, Page{Text: joinParagraphs(paras), Language: languageTag(htmlLang(doc))})
		var p Page
		p.Published, p.DateSource = htmlDate(doc, pageURL)
		checkPage(t, p)
	})
}

// withoutAtoms clears the atoms of the HTML elements under n, as in a tree
// built in code.
func withoutAtoms(n *html.Node) {
	if n.Type == html.ElementNode && n.Namespace == "" {
		n.DataAtom = 0
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		withoutAtoms(c)
	}
}

// FuzzHTMLMeta cleans what the extractors find in a page's metadata: the
// canonical URL, the site's name and the title.
func FuzzHTMLMeta(f *testing.F) {
	f.Add("Bridge reopens after repairs | The Courier", "The Courier", "/news/2023/04/12/bridge", "https://www.courier.example/news/2023/04/12/bridge?utm_source=feed")
	f.Add("Port-Valmoure : le quai rouvre – Gazette", "gazette.example", "https://gazette.example/", "https://gazette.example/region/port-valmoure")
	f.Add("BBC News - Minister resigns", "BBC; Other", "//evil.example/x#frag", "http://www.bbc.example/news/1")
	f.Add(" | ", "© 2024", "javascript:alert(1)", "not a url")
	f.Fuzz(func(t *testing.T, title, site, canonical, pageURL string) {
		base := httpURL(pageURL)
		c := canonicalURL(canonical, base)
		if c != "" {
			u, err := url.Parse(c)
			if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.Fragment != "" {
				t.Errorf("canonicalURL(%q, %q) = %q, not an http(s) URL without a fragment", canonical, pageURL, c)
			}
		}
		outlet := outletName(site, c)
		if !utf8.ValidString(outlet) && utf8.ValidString(site) {
			t.Errorf("outletName(%q) = %q, not valid UTF-8", site, outlet)
		}
		if got := cleanTitle(title, outlet, c); !strings.Contains(title, got) {
			t.Errorf("cleanTitle(%q, %q, %q) = %q, not a part of the title", title, outlet, c, got)
		}
	})
}
