package extract

import (
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline/internal/news"
)

// Text extracts the article held in a plain text: it drops boilerplate
// lines, reads and removes a leading date header (" date 2021-10-02 ",
// "Published: 2 October 2021", "Updated ..."), a byline and a title line,
// and notes a wire-service dateline ("ISLAMABAD, Oct 2 (Reuters) -").
//
// Published is set only from a full date (day, month, year) written in the
// text, with DateSource news.DateHeader for a header and news.DateText for a
// dateline; it stays zero otherwise. Title is "" when the text does not
// start with a headline. Field lines at the top ("Title: ...",
// "Outlet: ...", "URL: ...", "Author: ...") set those fields; otherwise
// Outlet comes from a site name set above the headline or a wire name in
// the dateline, and URL stays empty.
func Text(s string) Page {
	s = norm.NFC.String(s)
	s = strings.TrimPrefix(s, "\ufeff")
	s = strings.NewReplacer("\r\n", "\n", "\r", "\n", "\f", "\n", "\u2028", "\n", "\u2029", "\n\n").Replace(s)
	lines := strings.Split(s, "\n")

	var p Page
	lines, h := readHeader(dropBoilerplate(lines))
	p.Published, p.Author = h.date, h.author
	p.Title, p.Outlet, p.URL, p.Section = h.title, h.outlet, h.link, h.section
	if !p.Published.IsZero() {
		p.DateSource = news.DateHeader
	}

	var paras []string
	for _, l := range paragraphs(lines) {
		if l = cleanLine(l); l != "" {
			paras = append(paras, l)
		}
	}
	if name, ok := siteLine(paras); ok && sectionLabels[strings.ToLower(name)] {
		// "OPINION" above the headline is the section, which tells an
		// opinion piece from a report.
		if p.Section == "" {
			p.Section = name
		}
		paras = paras[1:]
	} else if ok {
		// "Coastal Ledger" above the headline is the outlet's name.
		if p.Outlet == "" {
			p.Outlet = name
		}
		paras = paras[1:]
	}
	if t, ok := titleLine(paras); ok && p.Title == "" {
		p.Title = t
		paras = paras[1:]
	} else if ok && t == p.Title {
		paras = paras[1:]
	}
	p.Text = joinParagraphs(paras)
	if d := findDateline(p.Text); d.text != "" {
		p.Dateline = d.text
		if p.Outlet == "" {
			p.Outlet = d.wire
		}
		if p.Published.IsZero() && !d.date.IsZero() {
			p.Published, p.DateSource = d.date, news.DateText
		}
	}
	p.Language = Language(p.Text)
	return p
}

// header is what the first lines of a plain text say about the article.
type header struct {
	date                time.Time
	author              string
	title, outlet, link string // from "Title:", "Outlet:", "URL:" field lines
	section             string // from a "Section:" or "Category:" line
}

// fieldLine matches the "Name: value" lines that many article dumps and
// exports put before the text ("Title: ...", "Source: ...", "URL: ...").
var fieldLine = regexp.MustCompile(`(?i)^\s*(title|headline|outlet|source|publisher|publication|site|newspaper|url|link|author|byline|section|category)\s*:\s*(\S.*?)\s*$`)

// field applies a field line to h and reports whether it was one.
func (h *header) field(l string) bool {
	m := fieldLine.FindStringSubmatch(l)
	if m == nil {
		return false
	}
	v := m[2]
	switch strings.ToLower(m[1]) {
	case "title", "headline":
		h.title = v
	case "outlet", "source", "publisher", "publication", "site", "newspaper":
		if strings.Contains(v, "://") {
			return false // a link to the source, in the text
		}
		h.outlet = v
	case "url", "link":
		if !strings.HasPrefix(v, "http://") && !strings.HasPrefix(v, "https://") {
			return false
		}
		h.link = v
	case "author", "byline":
		h.author = v
	case "section", "category":
		h.section = v
	}
	return true
}

// Header lines. dateHeader is the "date 2021-10-02" line that some article
// dumps begin with; labelled headers name publication or update.
var (
	dateHeader      = regexp.MustCompile(`(?i)^\s*date\s*[:=]?\s+`)
	publishedHeader = regexp.MustCompile(`(?i)^\s*(?:first\s+)?(?:published|posted|dated|date\s+published|publication\s+date|date)(?:\s+(?:on|at))?\s*([:\-–—|]?)\s*`)
	updatedHeader   = regexp.MustCompile(`(?i)^\s*(?:last\s+)?(?:updated|modified|edited|date\s+modified)(?:\s+(?:on|at))?\s*([:\-–—|]?)\s*`)
	byline          = regexp.MustCompile(`^\s*(?i:by)\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|de|van|von|al|bin|ul))*)\s*(?:[,|/–—-].{0,60})?$`)
	// separator between a date and the byline or place after it.
	headerJoin = regexp.MustCompile(`^\s*(?:[|,/·•–—-]\s*)?`)
)

// headerLines is how many non-empty lines at the start of a text are read
// for a date header or byline.
const headerLines = 6

// readHeader finds date headers and a byline among the first lines, removes
// them (keeping any article text that follows a date on the same line) and
// returns what they said. A publication date wins over an update date.
func readHeader(lines []string) ([]string, header) {
	var h header
	var updated time.Time
	seen := 0
	for i := 0; i < len(lines) && seen < headerLines; i++ {
		l := lines[i]
		if strings.TrimSpace(l) == "" {
			continue
		}
		seen++
		if h.field(l) {
			lines[i] = ""
			seen-- // field blocks may be longer than headerLines
			continue
		}
		if d, rest, ok := labelledDate(l); ok {
			if d.updated {
				if updated.IsZero() {
					updated = d.date
				}
			} else if h.date.IsZero() {
				h.date = d.date
			}
			rest = headerJoin.ReplaceAllString(rest, "")
			if m := byline.FindStringSubmatch(rest); m != nil {
				if h.author == "" {
					h.author = m[1]
				}
				rest = ""
			}
			if !d.bodyFollows && headerTail(rest) {
				rest = "" // a place, a time zone or an outlet name
			}
			lines[i] = rest
			continue
		}
		if h.author == "" && wordCount(l) <= 12 {
			if m := byline.FindStringSubmatch(l); m != nil {
				h.author = m[1]
				lines[i] = ""
				continue
			}
		}
	}
	if h.date.IsZero() {
		h.date = updated
	}
	return lines, h
}

// labelled is a date read from a header line.
type labelled struct {
	date    time.Time
	updated bool
	// bodyFollows is set for the "date 2021-10-02" form, after which the
	// line goes on with the article whatever its length.
	bodyFollows bool
}

// labelledDate reads a header line that starts with a labelled date or is
// nothing but a date, and returns the date and the rest of the line. After
// "date 2021-10-02" the rest of the line may be article text, as in some
// article dumps; after "Published", "Updated" and the like it may be only
// when a colon or dash follows the label, so that a sentence such as
// "Posted on 2 May 2021, the letter said ..." is left alone.
func labelledDate(l string) (labelled, string, bool) {
	if m := dateHeader.FindStringIndex(l); m != nil {
		if d, rest, ok := leadingDate(l[m[1]:]); ok {
			return labelled{date: d, bodyFollows: true}, rest, true
		}
	}
	for _, re := range []*regexp.Regexp{updatedHeader, publishedHeader} {
		m := re.FindStringSubmatchIndex(l)
		if m == nil {
			continue
		}
		d, rest, ok := leadingDate(l[m[1]:])
		if !ok {
			continue
		}
		marked := m[3] > m[2]
		if !marked && !headerTail(rest) {
			continue
		}
		return labelled{date: d, updated: re == updatedHeader}, rest, true
	}
	// A bare date on a line of its own, or before a byline.
	if d, rest, ok := leadingDate(strings.TrimSpace(l)); ok && headerTail(rest) {
		return labelled{date: d}, rest, true
	}
	return labelled{}, l, false
}

// headerTail reports whether what follows a date on a header line is
// nothing, a byline or a few words (a place, a time zone, an outlet),
// once times of day and update labels are set aside ("Last updated at
// 11:11 GMT", "at 12:46 PM / Updated at 12:48 PM").
func headerTail(rest string) bool {
	rest = headerJoin.ReplaceAllString(rest, "")
	if wordCount(rest) <= 4 || byline.MatchString(rest) {
		return true
	}
	return wordCount(timeOfDay.ReplaceAllString(updateLabel.ReplaceAllString(rest, " "), " ")) <= 4
}

// Parts of a header line after its date: a time of day with the word
// before it and a zone after it ("at 12:46 PM", "@ 1:19PM", "20:09 IST"),
// and a label of the update time ("Last updated at", "Updated:").
var (
	timeOfDay   = regexp.MustCompile(`(?i)(?:\b(?:at|@)\s*|@\s*)?\b\d{1,2}\s*[:.]\s*\d{2}(?:\s*[ap]\.?m\b\.?)?(?:\s+(?:[A-Z]{2,4}|GMT|UTC)\b)?`)
	updateLabel = regexp.MustCompile(`(?i)\b(?:last\s+)?(?:updated|modified)(?:\s+(?:on|at))?\s*:?`)
)

// DateLine reports whether line is nothing but a date header: a date, with
// perhaps a label ("Published:", "Updated"), a weekday, a time, a place or
// a byline ("Friday, June 7, 2013", "21 July 2013 Last updated at 11:11
// GMT"), and returns the date it gives, the publication date if it gives
// two. Some exports put such a line, the first of the page, in an
// article's title.
func DateLine(line string) (time.Time, bool) {
	lines, h := readHeader([]string{line})
	if h.date.IsZero() || strings.TrimSpace(lines[0]) != "" {
		return time.Time{}, false
	}
	return h.date, true
}

// paragraphs groups lines into paragraphs. Normally each line is one; when
// the text is hard-wrapped (short lines that mostly stop mid-sentence), the
// lines between blank lines are joined instead.
func paragraphs(lines []string) []string {
	if !hardWrapped(lines) {
		return lines
	}
	var paras []string
	var cur []string
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if len(cur) > 0 {
				paras = append(paras, strings.Join(cur, " "))
				cur = cur[:0]
			}
			continue
		}
		cur = append(cur, l)
	}
	if len(cur) > 0 {
		paras = append(paras, strings.Join(cur, " "))
	}
	return paras
}

// hardWrapped reports whether lines look wrapped at a fixed width: at least
// five non-empty lines, none longer than 100 characters, and most of them
// ending without sentence punctuation.
func hardWrapped(lines []string) bool {
	n, open := 0, 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > 100 {
			return false
		}
		n++
		if !endsSentence(l) {
			open++
		}
	}
	return n >= 5 && open*2 > n
}

// endsSentence reports whether s ends with sentence punctuation, possibly
// followed by closing quotes or brackets.
func endsSentence(s string) bool {
	s = strings.TrimRightFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || strings.ContainsRune(`"'”’»)]`, r)
	})
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?…:;。！？", r)
}

// endsQuestion reports whether s ends with a question or exclamation mark.
func endsQuestion(s string) bool {
	s = strings.TrimRight(s, " \"'”’»)]")
	return strings.HasSuffix(s, "?") || strings.HasSuffix(s, "!")
}

// siteLine reports whether the first of paras is an outlet's name set
// above the headline: one to four capitalised words, no sentence
// punctuation, followed by a headline (see titleLine).
func siteLine(paras []string) (string, bool) {
	if len(paras) < 3 {
		return "", false
	}
	t := cleanLine(paras[0])
	words := strings.Fields(t)
	if len(words) == 0 || len(words) > 4 || strings.ContainsAny(t, ".,:;!?\"“”") {
		return "", false
	}
	for _, w := range words {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) {
			return "", false
		}
	}
	if _, ok := titleLine(paras[1:]); !ok {
		return "", false
	}
	return t, true
}

// sectionLabels are section names written above a headline, lower-cased:
// not an outlet's name.
var sectionLabels = map[string]bool{
	"opinion": true, "editorial": true, "editorials": true, "comment": true, "commentary": true,
	"op-ed": true, "column": true, "columns": true, "letters": true, "analysis": true, "review": true,
	"viewpoint": true, "perspective": true, "in my view": true, "my view": true, "news": true,
	"world": true, "politics": true, "business": true, "sport": true, "sports": true,
}

// titleLine reports whether the first of paras (all non-empty) is a
// headline: 3 to 30 words, no final full stop (a question or exclamation
// mark may end a headline), and followed by a body at least twice as long.
func titleLine(paras []string) (string, bool) {
	if len(paras) < 2 {
		return "", false
	}
	t := cleanLine(paras[0])
	words, rest := wordCount(t), 0
	for _, p := range paras[1:] {
		rest += wordCount(p)
	}
	if words < 3 || words > 30 || utf8.RuneCountInString(t) > 250 || rest < 2*words ||
		endsSentence(t) && !endsQuestion(t) || strings.HasSuffix(t, ",") {
		return "", false
	}
	return t, true
}

// dateline is the place, date and wire service that open a news report.
type dateline struct {
	text string    // as written, with its closing dash or colon
	wire string    // the wire service named in parentheses, or ""
	date time.Time // set only for a full date with a year
}

// datelineRE matches "ISLAMABAD, Oct 2 (Reuters) -", "WASHINGTON (AP) —",
// "KABUL, October 2, 2021:" and "ISLAMABAD:": a place in capitals, a short
// middle (region, date), a wire in parentheses, then a dash or colon.
var datelineRE = regexp.MustCompile(`^(\p{Lu}[\p{Lu}'’.\-]+(?:[ /]\p{Lu}[\p{Lu}'’.\-]+){0,3})` +
	`([^()\n:–—]{0,40}?)\s*(?:\(([^()\n]{2,30})\))?\s*([:\-–—]+)\s`)

// notPlaces are capitalised labels that look like a dateline's place.
var notPlaces = map[string]bool{
	"UPDATE": true, "UPDATED": true, "NOTE": true, "WATCH": true, "BREAKING": true, "EXCLUSIVE": true,
	"ANALYSIS": true, "OPINION": true, "EDITORIAL": true, "READ": true, "ALSO": true, "PHOTO": true,
	"VIDEO": true, "LIVE": true, "FILE": true, "EDITOR'S": true, "CORRECTION": true, "Q": true, "A": true,
}

// wires maps the names wire services sign datelines with to outlet names.
var wires = map[string]string{
	"reuters": "Reuters", "ap": "AP", "associated press": "AP", "afp": "AFP", "pti": "PTI",
	"ians": "IANS", "ani": "ANI", "bloomberg": "Bloomberg", "uni": "UNI", "app": "APP",
	"xinhua": "Xinhua", "dpa": "dpa", "efe": "EFE", "anadolu": "Anadolu Agency", "aa": "Anadolu Agency",
	"tass": "TASS", "kyodo": "Kyodo", "yonhap": "Yonhap", "bernama": "Bernama", "ap photo": "AP",
	"sputnik": "Sputnik", "ria novosti": "RIA Novosti", "irna": "IRNA", "wam": "WAM", "spa": "SPA",
	"apf": "AFP", "thomson reuters": "Reuters", "cnn": "CNN", "bbc": "BBC",
}

// findDateline reads the dateline at the start of text, if any.
func findDateline(text string) dateline {
	m := datelineRE.FindStringSubmatchIndex(text)
	if m == nil {
		return dateline{}
	}
	g := groups(text, m)
	place, middle, wire, sep := g[1], strings.Trim(g[2], " ,"), strings.TrimSpace(g[3]), strings.TrimSpace(g[4])
	first, _, _ := strings.Cut(place, " ")
	if notPlaces[strings.Trim(first, ".-")] || utf8.RuneCountInString(first) < 2 {
		return dateline{}
	}
	// The middle is a region and a date: every word capitalised or numeric,
	// but for month names in lower case ("3 novembre 2022").
	hasDigit := strings.ContainsFunc(middle, unicode.IsDigit)
	for _, w := range strings.Fields(middle) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !hasDigit {
			return dateline{}
		}
	}
	d := dateline{text: strings.TrimSpace(text[:m[1]])}
	if wire != "" {
		name, ok := wires[strings.ToLower(wire)]
		if !ok {
			return dateline{} // "(file)", "(Update 2)": not a dateline
		}
		d.wire = name
	}
	if wire == "" && !hasDigit && sep != ":" {
		return dateline{} // "WORD -" alone is too weak
	}
	if wire == "" && sep == ":" && middle != "" && !hasDigit {
		return dateline{}
	}
	// A full date may start at any word of the middle ("KABUL, Afghanistan,
	// October 2, 2021").
	for rest := middle; rest != ""; {
		if t, after, ok := leadingDate(rest); ok && strings.Trim(after, " ,") == "" {
			d.date = t
			break
		}
		_, next, found := strings.Cut(rest, " ")
		if !found {
			break
		}
		rest = strings.TrimLeft(next, " ,")
	}
	return d
}
