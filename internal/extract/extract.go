// Package extract turns one raw article, an HTML page or a plain text, into a
// Page: its clean main text (paragraphs separated by a blank line), title,
// outlet, canonical URL, publication date with where that date came from, and
// language.
//
// HTML goes through go-trafilatura with its fallback extractors (Readability
// and DOM Distiller) for the main text and go-htmldate for the original
// publication date. Plain text goes through line rules that drop boilerplate
// (menus, social links, "Also read" promos, photo credits) and read a leading
// date header, a title line and a wire-service dateline.
//
// No function here ever invents a date: when no date is found, Published is
// zero and DateSource is news.DateUnknown.
package extract

import (
	"fmt"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"github.com/storyline-news/storyline/internal/news"
)

// ErrNoArticle reports a page that holds no article text. It wraps
// news.ErrInvalid, so callers may test for either.
var ErrNoArticle = fmt.Errorf("no article text: %w", news.ErrInvalid)

// Page is one extracted article.
type Page struct {
	Title string
	// Text is the clean main text in NFC, paragraphs separated by "\n\n",
	// with no other line breaks and no runs of spaces.
	Text   string
	Outlet string // publisher name, or the registrable host of the URL
	URL    string // canonical URL when the page names one, else the URL given
	// Published is the original publication day at midnight UTC (only the
	// day is kept), zero when unknown.
	Published  time.Time
	DateSource news.DateSource // news.DateUnknown when Published is zero
	Language   string          // ISO 639-1 code, "" when unknown
	Author     string
	// Description is the page's own summary (og:description, meta
	// description), as the publisher wrote it.
	Description string
	// Section is the page's section as the publisher labels it
	// (article:section, JSON-LD articleSection), sections joined with
	// ", "; Type is its JSON-LD @type or og:type ("OpinionNewsArticle",
	// "article"). Both tell an opinion piece from a report.
	Section string
	Type    string
	// Dateline is the dateline that opens the text, such as
	// "ISLAMABAD, Oct 2 (Reuters) -", kept in Text as well.
	Dateline string
}

// minArticleWords is the fewest words an extracted text must have to count
// as an article. Shorter texts are menus, cookie notices or error pages.
const minArticleWords = 12

// joinParagraphs normalises each paragraph (NFC, spaces collapsed, trimmed),
// drops empty ones and joins the rest with "\n\n".
func joinParagraphs(paras []string) string {
	var b strings.Builder
	for _, p := range paras {
		p = cleanLine(p)
		if p == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(p)
	}
	return b.String()
}

// cleanLine returns s in NFC with every run of white space (including line
// breaks) collapsed to one space, invisible format characters removed, and
// no leading or trailing space.
func cleanLine(s string) string {
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		switch {
		case r == '\u200b' || r == '\ufeff' || r == '\u00ad' || r == '\u2060':
			continue // zero-width space, BOM, soft hyphen, word joiner
		case unicode.IsSpace(r) || r == '\u00a0' || r == '\u202f':
			space = true
			continue
		case unicode.IsControl(r):
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// wordCount counts runs of letters or digits.
func wordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && !in {
			n++
		}
		in = w
	}
	return n
}
