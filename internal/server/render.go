package server

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// pageNames are the page templates, each templates/NAME.html, rendered in
// templates/base.html.
var pageNames = []string{"stories", "story", "storylines", "storyline", "entities", "entity",
	"articles", "article", "quotes", "events", "search", "error"}

func parsePages() (map[string]*template.Template, error) {
	pages := make(map[string]*template.Template, len(pageNames))
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, "templates/base.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// pageData is what the base template gets.
type pageData struct {
	Title string
	Nav   string // the top-bar item to mark: "stories", "storylines", ...
	Query url.Values
	Path  string
	View  any
	Pager *pager
	// Export is the API URL of the list shown, for download links.
	Export string
	// Labels name the IDs of active filters ("entity" -> its name).
	Labels map[string]string
	// API is the page's JSON twin: its path under /api/, with its query.
	API string
}

// render writes a page. It renders into a buffer first, so that a
// template error is an error page rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d pageData) error {
	d.Query, d.Path = r.URL.Query(), r.URL.Path
	d.API = "/api" + r.URL.Path
	if r.URL.Path == "/" {
		d.API = "/api/stories"
	}
	if r.URL.RawQuery != "" {
		d.API += "?" + d.Query.Encode()
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "base", d); err != nil {
		return fmt.Errorf("render %s: %w", name, err)
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
	return nil
}

// pager is the "1–50 of 312" line with its links to the first, previous,
// next and last pages.
type pager struct {
	From, To, Total         int
	Capped                  bool // more than Total match
	First, Prev, Next, Last string
	// Anchor is added to each link ("#articles"), for a page whose list
	// is not at its top.
	Anchor string
}

// Link returns a page link with the anchor.
func (p *pager) Link(href string) string { return href + p.Anchor }

func newPager(r *http.Request, p listParams, shown, total int) *pager {
	pg := &pager{From: p.Offset + 1, To: p.Offset + shown, Total: total}
	if shown == 0 {
		pg.From = 0
	}
	link := func(off int) string {
		q := r.URL.Query()
		q.Del("offset")
		if off > 0 {
			q.Set("offset", strconv.Itoa(off))
		}
		if len(q) == 0 {
			return r.URL.Path
		}
		return r.URL.Path + "?" + q.Encode()
	}
	if p.Offset > 0 {
		pg.Prev = link(max(p.Offset-p.Limit, 0))
		if p.Offset > p.Limit {
			pg.First = link(0)
		}
	}
	if p.Offset+shown < total {
		pg.Next = link(p.Offset + p.Limit)
		// The last page starts at a multiple of the limit, as the pages
		// from the first do.
		if last := (total - 1) / p.Limit * p.Limit; last > p.Offset+p.Limit {
			pg.Last = link(last)
		}
	}
	return pg
}

// exportURL is the API URL of the list a page shows, all rows, without
// paging.
func exportURL(r *http.Request) string {
	q := r.URL.Query()
	q.Del("limit")
	q.Del("offset")
	q.Del("format")
	path := "/api" + r.URL.Path
	if r.URL.Path == "/" {
		path = "/api/stories"
	}
	if len(q) == 0 {
		return path + "?"
	}
	return path + "?" + q.Encode() + "&"
}

var funcs = template.FuncMap{
	"day":        day,
	"span":       dateSpan,
	"when":       when,
	"eventDate":  eventDate,
	"httpURL":    httpURL,
	"host":       host,
	"snippet":    snippet,
	"num":        thousands,
	"plural":     plural,
	"typeName":   typeName,
	"pathID":     func(s any) string { return url.PathEscape(fmt.Sprint(s)) },
	"setq":       withParam,
	"unsetq":     withoutParam,
	"join":       strings.Join,
	"pct":        func(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" },
	"clip":       clip,
	"add":        func(a, b int) int { return a + b },
	"kindName":   kindName,
	"casualties": casualties,
	"dateSrc":    dateSourceName,
	"iso":        func(t time.Time) string { return t.UTC().Format("2006-01-02") },
	"quoted":     quoted,
	"first":      func(s string) string { r := []rune(s); return string(r[:min(1, len(r))]) },
}

// day formats a date as people read it: "14 Mar 2025".
func day(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.UTC().Format("2 Jan 2006")
}

// when formats a timeline date to its precision.
func when(t time.Time, p news.Precision) string {
	switch p {
	case news.Year:
		return t.UTC().Format("2006")
	case news.Month:
		return t.UTC().Format("Jan 2006")
	}
	return day(t)
}

// eventDate formats the date an event happened, resolved from what its
// sentence says, to its precision: "7–8 Oct 2021", "Mar 2024".
// "undated" when the text gives none or it could not be resolved: never
// the phrase as written ("ten days after Monday"), nor the publication
// date.
func eventDate(x *news.Timex) string {
	if x == nil || x.Begin.IsZero() {
		return "undated"
	}
	if x.Precision == news.Range && x.End.After(x.Begin) {
		return dateSpan(x.Begin, x.End.Add(-time.Nanosecond))
	}
	return when(x.Begin, x.Precision)
}

// dateSpan formats a span of days compactly: "14–24 Mar 2025",
// "28 Feb – 3 Mar 2025", "2024 – 2025".
func dateSpan(b, e time.Time) string {
	if b.IsZero() && e.IsZero() {
		return "undated"
	}
	if b.IsZero() {
		return day(e)
	}
	if e.IsZero() {
		return day(b)
	}
	b, e = b.UTC(), e.UTC()
	switch {
	case b.Year() == e.Year() && b.YearDay() == e.YearDay():
		return day(b)
	case b.Year() == e.Year() && b.Month() == e.Month():
		return fmt.Sprintf("%d–%s", b.Day(), day(e))
	case b.Year() == e.Year():
		return fmt.Sprintf("%s – %s", b.Format("2 Jan"), day(e))
	}
	return day(b) + " – " + day(e)
}

// httpURL reports whether s is an http or https URL: only those are made
// into links, never javascript: or data: URLs from untrusted articles.
func httpURL(s string) bool {
	u, err := url.Parse(strings.TrimSpace(s))
	if err != nil || u.Host == "" {
		return false
	}
	return u.Scheme == "http" || u.Scheme == "https"
}

// host is the host of an http URL, for a short link text.
func host(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(u.Host, "www.")
}

// snippet returns a search hit's snippet as HTML with its matched words in
// <mark>. The snippet is escaped; the spans are checked.
func snippet(h news.SearchHit) template.HTML {
	var b strings.Builder
	pos := 0
	for _, sp := range h.Highlights {
		if sp.Start < pos {
			continue
		}
		if _, ok := clipSpan(h.Snippet, sp); !ok {
			continue
		}
		b.WriteString(template.HTMLEscapeString(h.Snippet[pos:sp.Start]))
		b.WriteString("<mark>")
		b.WriteString(template.HTMLEscapeString(h.Snippet[sp.Start:sp.End]))
		b.WriteString("</mark>")
		pos = sp.End
	}
	b.WriteString(template.HTMLEscapeString(h.Snippet[pos:]))
	return template.HTML(b.String())
}

// thousands formats n with separators: 12,345.
func thousands(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// plural returns "1 article", "3 articles".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	if strings.HasSuffix(word, "y") && !strings.HasSuffix(word, "ey") {
		return thousands(n) + " " + word[:len(word)-1] + "ies"
	}
	return thousands(n) + " " + word + "s"
}

// withParam returns the current path and query with key set to value (and
// paging reset), for filter links.
func withParam(path string, q url.Values, key, value string) string {
	q2 := url.Values{}
	for k, v := range q {
		if k != "offset" {
			q2[k] = v
		}
	}
	q2.Set(key, value)
	return path + "?" + q2.Encode()
}

// withoutParam returns the current path and query without key.
func withoutParam(path string, q url.Values, key string) string {
	q2 := url.Values{}
	for k, v := range q {
		if k != "offset" && k != key {
			q2[k] = v
		}
	}
	if len(q2) == 0 {
		return path
	}
	return path + "?" + q2.Encode()
}

func kindName(k string) string {
	switch k {
	case kindEvent:
		return "event"
	case kindDate:
		return "dated"
	case kindReport:
		return "report"
	}
	return k
}

func dateSourceName(d news.DateSource) string {
	switch d {
	case news.DateMetadata:
		return "from the article's metadata"
	case news.DateHeader:
		return "from a header line"
	case news.DateURL:
		return "from the URL"
	case news.DateText:
		return "from the text"
	case news.DateInferred:
		return "inferred from dates in the text"
	case news.DateCopy:
		return "taken from the original it copies"
	}
	return ""
}

// errorView is the error page.
type errorView struct {
	Status  int
	Title   string
	Message string
}

// quoted puts curly quotes around a quote's text unless it has its own.
func quoted(s string) string {
	if strings.HasPrefix(s, `"`) || strings.HasPrefix(s, "“") || strings.HasPrefix(s, "‘") || strings.HasPrefix(s, "'") {
		return s
	}
	return "“" + s + "”"
}

// casualties says how many people an event killed, injured and arrested,
// as far as its sentence gives the numbers ("3 killed, 4 injured"), or ""
// when it gives none.
func casualties(e news.Event) string {
	var parts []string
	for _, c := range []struct {
		n    int
		verb string
	}{{e.Killed, "killed"}, {e.Injured, "injured"}, {e.Arrested, "arrested"}} {
		if c.n >= 0 {
			parts = append(parts, thousands(c.n)+" "+c.verb)
		}
	}
	return strings.Join(parts, ", ")
}
