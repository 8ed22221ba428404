package extract

import (
	"fmt"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/markusmobius/go-htmldate"
	"github.com/markusmobius/go-trafilatura"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/storyline-news/storyline/internal/news"
)

// HTML extracts the article held in one HTML page. data may be in any
// charset (see decodeHTML); pageURL is the address the page was fetched
// from, used to resolve links, to read a date from the path and as the last
// resort for Outlet. It may be empty.
//
// It returns an error wrapping ErrNoArticle (and so news.ErrInvalid) when
// the page holds no article text.
func HTML(data []byte, pageURL string) (p Page, err error) {
	name := pageURL
	if name == "" {
		name = "page"
	}
	defer func() {
		// The extractors are large third-party parsers of outside input: a
		// crash on one odd page must cost that page, not the batch.
		if r := recover(); r != nil {
			p, err = Page{}, fmt.Errorf("extract %s: extractor panic: %v: %w", name, r, news.ErrInvalid)
		}
	}()
	doc, err := html.Parse(strings.NewReader(decodeHTML(data)))
	if err != nil {
		return Page{}, fmt.Errorf("extract %s: parse html: %w: %w", name, news.ErrInvalid, err)
	}
	base := httpURL(pageURL)
	opts := trafilatura.Options{
		EnableFallback: true,
		OriginalURL:    base,
		// Dates come from our own htmldate call below, which keeps the
		// string it read the date from.
		HtmlDateMode: trafilatura.Disabled,
	}
	res, err := trafilatura.ExtractDocument(doc, opts)
	if err != nil {
		return Page{}, fmt.Errorf("extract %s: %w: %v", name, ErrNoArticle, err)
	}
	md := res.Metadata
	paras := nodeParagraphs(res.ContentNode)

	p.URL = pageURL
	if c := canonicalURL(md.URL, base); c != "" {
		p.URL = c
	}
	p.Outlet = outletName(md.Sitename, p.URL)
	if p.Outlet == "" {
		p.Outlet = OutletFromURL(p.URL)
	}
	rawTitle := cleanLine(md.Title)
	p.Title = cleanTitle(rawTitle, p.Outlet, p.URL)
	p.Description = cleanLine(md.Description)
	paras, h := cleanParagraphs(paras, []string{rawTitle, p.Title}, pageURL, p.URL)
	p.Text = joinParagraphs(paras)
	if wordCount(p.Text) < minArticleWords {
		return Page{}, fmt.Errorf("extract %s: %w", name, ErrNoArticle)
	}
	p.Section = cleanLine(strings.Join(md.Categories, ", "))
	p.Type = cleanLine(md.PageType)
	p.Author = cleanLine(md.Author)
	if p.Author == "" {
		p.Author = h.author
	}
	p.Published, p.DateSource = htmlDate(doc, p.URL)
	if p.Published.IsZero() && !h.date.IsZero() {
		p.Published, p.DateSource = h.date, news.DateText
	}
	p.Language = Language(p.Text)
	if p.Language == "" {
		p.Language = languageTag(htmlLang(doc))
	}
	if d := findDateline(p.Text); d.text != "" {
		p.Dateline = d.text
	}
	return p, nil
}

// cleanParagraphs removes what the extractor let through: boilerplate
// lines, the headline repeated at the top, bare URLs of the page itself, a
// block repeated right after itself, and a date or byline above the body
// (returned in the header).
func cleanParagraphs(paras []string, titles []string, urls ...string) ([]string, header) {
	kept := paras[:0]
	for _, p := range paras {
		// The page's own URL printed in the text is not part of the article.
		if !isURLLine(p, urls) {
			kept = append(kept, p)
		}
	}
	paras = dropRepeats(kept)
	paras = dropBoilerplate(paras)
	var h header
	paras, h = readHeader(paras)
	// The page's description is not dropped even when it opens the text
	// under the headline: as often as not it is the article's lede.
	for len(paras) > 0 && (squash(paras[0]) == "" || slices.ContainsFunc(titles, func(t string) bool {
		return t != "" && sameHeadline(paras[0], t)
	})) {
		paras = paras[1:]
	}
	return paras, h
}

// minRepeatWords is the length from which a run of paragraphs repeated
// right after itself is taken to be an extraction artefact; shorter runs
// (table headers, "Use code SPRING") may really repeat.
const minRepeatWords = 20

// maxRepeatRun is the longest run of paragraphs dropRepeats looks for.
const maxRepeatRun = 50

// dropRepeats removes the second copy of a run of paragraphs that follows
// itself directly and is long or makes up the whole text. trafilatura emits
// the lines after a <br> both inside their paragraph and again on their
// own, and its baseline extractor can return a short page twice.
func dropRepeats(paras []string) []string {
	for i := 0; i < len(paras); i++ {
		for k := 1; k <= maxRepeatRun && i+2*k <= len(paras); k++ {
			if !slices.Equal(paras[i:i+k], paras[i+k:i+2*k]) {
				continue
			}
			words := 0
			for _, p := range paras[i : i+k] {
				words += wordCount(p)
			}
			if words >= minRepeatWords || 2*k == len(paras) {
				paras = slices.Delete(paras, i+k, i+2*k)
				break
			}
		}
	}
	return paras
}

// isURLLine reports whether p is one of urls, the page's own addresses
// (other URLs may be part of the article).
func isURLLine(p string, urls []string) bool {
	for _, u := range urls {
		if u != "" && strings.TrimRight(p, "/") == strings.TrimRight(u, "/") {
			return true
		}
	}
	return false
}

// httpURL parses an absolute http or https URL, or returns nil.
func httpURL(raw string) *url.URL {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil
	}
	return u
}

// canonicalURL resolves the URL a page names for itself (canonical link or
// og:url) against base. It returns "" for anything but an http(s) URL, and
// for a canonical that points at a site's home page while the page itself
// has a path: a common template mistake.
func canonicalURL(raw string, base *url.URL) string {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
		if strings.Trim(u.Path, "/") == "" && strings.Trim(base.Path, "/") != "" {
			return ""
		}
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

// outletName cleans the site name trafilatura found. It returns "" when the
// name is a URL or merely trafilatura's own copy of the page's host name,
// so that the caller falls back to OutletFromURL.
func outletName(site, pageURL string) string {
	site = cleanLine(site)
	// Several JSON-LD publishers, or a name with a tagline or menu after it.
	for _, sep := range []string{";", " | ", " - ", " – ", " — ", " :: "} {
		if i := strings.Index(site, sep); i > 0 {
			site = strings.TrimSpace(site[:i])
		}
	}
	lower := strings.ToLower(site)
	switch {
	case site == "",
		strings.Contains(lower, "://"),
		strings.HasPrefix(lower, "www."),
		strings.HasPrefix(lower, "copyright"), strings.HasPrefix(lower, "©"), strings.HasPrefix(lower, "(c)"),
		len(site) > 80:
		return ""
	}
	if u := httpURL(pageURL); u != nil {
		host := strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
		if lower == host {
			return ""
		}
	}
	return site
}

// titleSeparators split a page title from the site name that many sites
// append to it ("Minister resigns | The Daily Planet").
var titleSeparators = []string{" | ", " || ", " - ", " – ", " — ", " :: ", " « ", " » ", " · "}

// cleanTitle removes a site-name suffix or prefix from a title. A part is
// the site name when it matches the outlet or the URL's host, ignoring case
// and punctuation; after " | " a short last part is taken to be one.
func cleanTitle(title, outlet, pageURL string) string {
	if title == "" {
		return ""
	}
	names := []string{squash(outlet)}
	if host := OutletFromURL(pageURL); host != "" {
		names = append(names, squash(host))
		if i := strings.IndexByte(host, '.'); i > 0 {
			names = append(names, squash(host[:i]))
		}
	}
	// A part is the site's name when it is the name, the name and a word or
	// two more ("BBC News" for bbc.com), or most of the name ("Daily
	// Planet" for The Daily Planet).
	isSite := func(part string) bool {
		s := squash(part)
		for _, n := range names {
			switch {
			case len(n) < 3 || len(s) < 3:
			case s == n,
				strings.HasPrefix(s, n) && wordCount(part) <= 4,
				strings.HasPrefix(n, s) && 2*len(s) >= len(n),
				strings.HasSuffix(n, s) && 2*len(s) >= len(n):
				return true
			}
		}
		return false
	}
	for _, sep := range titleSeparators {
		parts := strings.Split(title, sep)
		if len(parts) < 2 {
			continue
		}
		if isSite(parts[0]) && wordCount(strings.Join(parts[1:], sep)) >= 3 {
			parts = parts[1:]
		}
		for k := 1; k < len(parts); k++ {
			if isSite(parts[k]) && wordCount(strings.Join(parts[:k], sep)) >= 3 {
				parts = parts[:k]
				break
			}
		}
		if last := len(parts) - 1; last > 0 && strings.TrimSpace(sep) == "|" &&
			wordCount(parts[last]) <= 4 && wordCount(strings.Join(parts[:last], sep)) >= 3 {
			parts = parts[:last]
		}
		title = strings.TrimSpace(strings.Join(parts, sep))
	}
	return title
}

// sameHeadline reports whether paragraph p repeats headline t: nearly the
// same words (Jaccard similarity of their word sets at least 0.6) and not
// much longer.
func sameHeadline(p, t string) bool {
	pw, tw := wordSet(p), wordSet(t)
	if len(pw) == 0 || len(tw) == 0 || len(pw) > len(tw)*3/2+3 {
		return false
	}
	both := 0
	for w := range pw {
		if tw[w] {
			both++
		}
	}
	return float64(both) >= 0.6*float64(len(pw)+len(tw)-both)
}

// wordSet returns the lower-cased words of s.
func wordSet(s string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !isLetterOrDigit(r) }) {
		set[w] = true
	}
	return set
}

// squash lower-cases s and keeps only its letters and digits.
func squash(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 0x7f && isLetterOrDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// htmlDate returns the original publication date go-htmldate finds in the
// page (metadata, JSON-LD, the URL, then the text), or zero. go-htmldate
// also falls back to coarser guesses: a copyright year or a year and month
// (given as the first day), or any date-like string in the whole page. Only
// a date whose source string writes its day, month and year is kept: a
// guessed date is worse than none.
func htmlDate(doc *html.Node, pageURL string) (time.Time, news.DateSource) {
	res, err := htmldate.FromDocument(doc, htmldate.Options{
		UseOriginalDate: true,
		URL:             pageURL,
	})
	if err != nil || res.IsZero() {
		return time.Time{}, news.DateUnknown
	}
	d := res.DateTime
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	src := strings.TrimSpace(res.SrcString)
	if !writesDay(src, day) {
		return time.Time{}, news.DateUnknown
	}
	if src == pageURL || strings.Contains(pageURL, src) {
		return day, news.DateURL
	}
	return day, news.DateMetadata
}

// maxDateSource is the longest source string htmlDate trusts; longer ones
// are go-htmldate's scan of the whole page.
const maxDateSource = 300

// writesDay reports whether src, the string a date was read from, writes
// the day of d, its year, and its month as a number or a word.
func writesDay(src string, d time.Time) bool {
	if src == "" || len(src) > maxDateSource {
		return false
	}
	words := 0
	for _, f := range strings.FieldsFunc(src, func(r rune) bool { return !isLetterOrDigit(r) }) {
		if len(f) >= 3 && !strings.ContainsFunc(f, unicode.IsDigit) {
			words++
		}
	}
	var nums []int
	for _, f := range strings.FieldsFunc(src, func(r rune) bool { return r < '0' || r > '9' }) {
		n, err := strconv.Atoi(f)
		if err != nil {
			continue
		}
		if len(f) == 8 && n/10000 == d.Year() { // 20191118
			return n/100%100 == int(d.Month()) && n%100 == d.Day()
		}
		nums = append(nums, n)
	}
	year, month, day := false, words > 0, false
	for _, n := range nums {
		year = year || n == d.Year() || len(nums) > 2 && n == d.Year()%100
		month = month || n == int(d.Month())
		day = day || n == d.Day()
	}
	return year && month && day
}

// htmlLang returns the lang attribute of the <html> element.
func htmlLang(doc *html.Node) string {
	for n := doc.FirstChild; n != nil; n = n.NextSibling {
		if n.Type == html.ElementNode && n.DataAtom == atom.Html {
			for _, a := range n.Attr {
				if a.Key == "lang" || a.Key == "xml:lang" {
					return a.Val
				}
			}
		}
	}
	return ""
}
