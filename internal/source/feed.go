package source

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/htmlindex"

	"github.com/storyline-news/storyline/internal/news"
)

// ErrNotFeed reports, from Feed, a document that is not an RSS, Atom, RDF
// or JSON feed: an HTML page, plain text, JSON Lines.
var ErrNotFeed = errors.New("not a feed")

// Feed returns the entries of one feed document held in memory, such as a
// feed fetched over HTTP. origin (its URL) names the document in the
// items' origins ("URL#3") and in problems. The document is read as Read
// reads a feed file: gzip and UTF-16 are undone, legacy encodings decoded,
// and a broken feed gives the entries before the break and a Problem. A
// document that is not a feed gives no items and one Problem of kind
// ErrNotFeed (or ErrEmpty, ErrBinary, ErrTooLarge, as Read would say).
func Feed(origin string, data []byte, opts Options) ([]Item, []*Problem) {
	var items []Item
	var problems []*Problem
	r := newRun(opts, func(it Item, err error) bool {
		if err != nil {
			// Reading from memory under a context never cancelled, every
			// error is a *Problem.
			p, ok := err.(*Problem)
			if !ok {
				p = &Problem{File: origin, Offset: -1, Err: err}
			}
			problems = append(problems, p)
			return true
		}
		items = append(items, it)
		return true
	})
	r.feedOnly = true
	r.stream(context.Background(), origin, bytes.NewReader(data))
	return items, problems
}

// notFeed returns an ErrNotFeed saying what a document sniffed as k is,
// or nil for a feed and for kinds whose reading reports them already.
func notFeed(k kind) error {
	what := ""
	switch k {
	case kindHTML:
		what = "an HTML page"
	case kindJSONL, kindJSON:
		what = "JSON that is not a JSON Feed"
	case kindWARC:
		what = "a WARC archive"
	case kindText:
		what = "plain text"
	default:
		return nil
	}
	return &kindError{"not a feed but " + what, ErrNotFeed}
}

// readFeed reads an RSS, Atom, RDF or JSON feed: one item per entry. The feed is
// parsed in memory. A feed gofeed rejects is cleaned of characters XML
// forbids and bare ampersands and parsed again; if it still fails, the
// entries before the error are kept and the error is a Problem.
func (r *run) readFeed(ctx context.Context, in *input) bool {
	pos := in.pos()
	data, tooLarge, readErr := readAll(in)
	if tooLarge {
		return r.problem(ctx, &Problem{File: in.name, Offset: -1, Err: &kindError{
			fmt.Sprintf("feed larger than limit (%d bytes)", in.max), ErrTooLarge}})
	}
	if readErr != nil && ctx.Err() != nil {
		return r.problem(ctx, in.readProblem(0, readErr))
	}
	data, rp := feedUTF8(data)
	feed, perr := parseFeed(data)
	if feed != nil {
		format := FormatRSS
		switch feed.FeedType {
		case "atom":
			format = FormatAtom
		case "json":
			format = FormatJSONFeed
		}
		for i, e := range feed.Items {
			it := feedItem(feed, e, format, r.now)
			it.Origin = in.name + "#" + strconv.Itoa(i+1)
			if i == 0 && rp.n > 0 {
				it.Warnings = []*Problem{rp.warning(in, 0, pos)}
			}
			if !r.item(ctx, it) {
				return false
			}
		}
	}
	switch {
	case readErr != nil:
		// A truncated file: the entries read before the break are in.
		return r.problem(ctx, in.readProblem(0, readErr))
	case perr != nil:
		line := 0
		var se *xml.SyntaxError
		if errors.As(perr, &se) {
			line = se.Line
		}
		return r.problem(ctx, &Problem{File: in.name, Line: line, Offset: -1, Err: perr})
	case len(feed.Items) == 0:
		return r.problem(ctx, &Problem{File: in.name, Offset: -1, Err: &kindError{"feed has no items", ErrEmpty}})
	}
	return true
}

// parseFeed parses a feed document in UTF-8, leniently. It returns a feed
// with the entries it could read and, when the document is broken, the
// error; the feed is nil when nothing could be read.
func parseFeed(data []byte) (*gofeed.Feed, error) {
	feed, err := gofeed.NewParser().Parse(bytes.NewReader(data))
	if err == nil {
		return feed, nil
	}
	clean := sanitizeXML(data)
	if feed, err2 := gofeed.NewParser().Parse(bytes.NewReader(clean)); err2 == nil {
		return feed, nil
	} else {
		err = err2
	}
	perr := fmt.Errorf("invalid feed: %w", err)
	// Keep the entries before the error: cut after the last complete one
	// and close the document.
	limit := len(clean)
	var se *xml.SyntaxError
	if errors.As(err, &se) && se.Line > 0 {
		limit = lineStart(clean, se.Line)
	}
	cut := cutFeed(clean[:limit])
	if cut == nil {
		return nil, perr
	}
	feed, err = gofeed.NewParser().Parse(bytes.NewReader(cut))
	if err != nil || len(feed.Items) == 0 {
		return nil, perr
	}
	n := len(feed.Items)
	if n == 1 {
		return feed, fmt.Errorf("%w (kept the entry before it)", perr)
	}
	return feed, fmt.Errorf("%w (kept the %d entries before it)", perr, n)
}

// feedItem maps one feed entry, read at now, to an Item. A date that is
// not plausible (see news.PlausibleDate) counts as unparseable.
func feedItem(f *gofeed.Feed, e *gofeed.Item, format Format, now time.Time) Item {
	it := Item{
		Format: format,
		URL:    strings.TrimSpace(e.Link),
		Title:  strings.TrimSpace(e.Title),
		Outlet: strings.TrimSpace(f.Title),
		Meta:   map[string]string{},
	}
	if it.URL == "" && len(e.Links) > 0 {
		it.URL = strings.TrimSpace(e.Links[0])
	}
	if g := strings.TrimSpace(e.GUID); it.URL == "" && (strings.HasPrefix(g, "http://") || strings.HasPrefix(g, "https://")) {
		it.URL = g
	}
	published := e.PublishedParsed != nil && news.PlausibleDate(*e.PublishedParsed, now)
	updated := e.UpdatedParsed != nil && news.PlausibleDate(*e.UpdatedParsed, now)
	switch {
	case published:
		it.Published = *e.PublishedParsed
		if e.Updated != "" {
			it.Meta["updated"] = e.Updated
		}
	case updated:
		it.Published = *e.UpdatedParsed
		if e.Published != "" {
			it.Meta["published"] = e.Published // unparseable
		}
	default:
		if e.Published != "" {
			it.Meta["published"] = e.Published
		}
		if e.Updated != "" {
			it.Meta["updated"] = e.Updated
		}
	}
	var authors []string
	for _, a := range e.Authors {
		if a != nil && strings.TrimSpace(a.Name) != "" {
			authors = append(authors, strings.TrimSpace(a.Name))
		}
	}
	if len(authors) == 0 && e.Author != nil && strings.TrimSpace(e.Author.Name) != "" {
		authors = append(authors, strings.TrimSpace(e.Author.Name))
	}
	if len(authors) > 0 {
		it.Meta["author"] = strings.Join(authors, ", ")
	}
	if e.GUID != "" {
		it.Meta["guid"] = e.GUID
	}
	if len(e.Categories) > 0 {
		b, _ := json.Marshal(e.Categories)
		it.Meta["categories"] = string(b)
	}
	if e.Image != nil && e.Image.URL != "" {
		it.Meta["image"] = e.Image.URL
	}
	if f.Link != "" {
		it.Meta["feed_link"] = f.Link
	}
	if f.Language != "" {
		it.Meta["language"] = f.Language
	}

	// The richest body wins: content:encoded (or Atom content) over the
	// description, unless the description is the longer.
	content, desc := strings.TrimSpace(e.Content), strings.TrimSpace(e.Description)
	body := content
	switch {
	case len(desc) > len(content):
		body = desc
		if content != "" {
			it.Meta["content"] = content
		}
	case desc != "" && desc != content:
		it.Meta["description"] = desc
	}
	if countHTMLTags([]byte(body), 1) > 0 {
		it.HTML = []byte(body)
		it.Charset = "utf-8"
	} else {
		it.Text = body
	}
	if len(it.Meta) == 0 {
		it.Meta = nil
	}
	return it
}

// feedUTF8 returns a feed document as UTF-8 with a declaration saying so.
// UTF-8 is kept whatever the declaration says (a feed declared ISO-8859-1
// but written in UTF-8 is common), and so is UTF-8 with a few invalid
// bytes by the evidence of the rest (see toUTF8), those bytes replaced and
// reported in rp; other bytes are decoded with the declared charset, or as
// Windows-1252 when none is declared or it is unknown.
func feedUTF8(data []byte) (out []byte, rp repair) {
	label, start, end := xmlEncoding(data)
	if valid := utf8.Valid(data); valid || isUTF8(data) {
		out = data
		if !valid {
			out, rp = replaceInvalid(data)
		}
		if label == "" || isUTF8Label(label) {
			return out, rp
		}
		// Replacing bytes after the declaration does not move it.
		return replaceDecl(out, start, end), rp
	}
	if enc, err := htmlindex.Get(label); label != "" && err == nil && !isUTF8Label(label) && !strings.HasPrefix(lower(label), "utf-16") {
		if b, err := enc.NewDecoder().Bytes(data); err == nil {
			out = b
		}
	}
	if out == nil {
		out = decode1252(data)
	}
	if label == "" {
		return out, rp
	}
	// Decoding shifts bytes after the declaration only.
	return replaceDecl(out, start, end), rp
}

func isUTF8Label(label string) bool {
	l := lower(strings.TrimSpace(label))
	return l == "utf-8" || l == "utf8"
}

// xmlEncoding finds the encoding attribute of an XML declaration at the
// start of data, returning its value and the offsets of the value.
func xmlEncoding(data []byte) (label string, start, end int) {
	if !bytes.HasPrefix(data, []byte("<?xml")) {
		return "", 0, 0
	}
	declEnd := bytes.Index(data, []byte("?>"))
	if declEnd < 0 {
		return "", 0, 0
	}
	decl := data[:declEnd]
	i := bytes.Index(decl, []byte("encoding"))
	if i < 0 {
		return "", 0, 0
	}
	j := i + len("encoding")
	for j < len(decl) && (isSpace(decl[j]) || decl[j] == '=') {
		j++
	}
	if j >= len(decl) || decl[j] != '"' && decl[j] != '\'' {
		return "", 0, 0
	}
	q := decl[j]
	k := bytes.IndexByte(decl[j+1:], q)
	if k < 0 {
		return "", 0, 0
	}
	return string(decl[j+1 : j+1+k]), j + 1, j + 1 + k
}

// replaceDecl puts "UTF-8" in place of the encoding value at data[start:end].
func replaceDecl(data []byte, start, end int) []byte {
	out := make([]byte, 0, len(data))
	out = append(out, data[:start]...)
	out = append(out, "UTF-8"...)
	return append(out, data[end:]...)
}

// sanitizeXML drops characters XML forbids (most control characters,
// U+FFFE, U+FFFF) and escapes ampersands that start no entity.
func sanitizeXML(data []byte) []byte {
	out := make([]byte, 0, len(data)+len(data)/64)
	for i := 0; i < len(data); {
		c := data[i]
		switch {
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r':
			i++
			continue
		case c == '&':
			if !startsEntity(data[i+1:]) {
				out = append(out, "&amp;"...)
				i++
				continue
			}
		case c >= 0x80:
			r, size := utf8.DecodeRune(data[i:])
			if r == 0xFFFE || r == 0xFFFF || r == utf8.RuneError && size == 1 {
				i += size
				continue
			}
			out = append(out, data[i:i+size]...)
			i += size
			continue
		}
		out = append(out, c)
		i++
	}
	return out
}

// startsEntity reports whether b (after an ampersand) is an entity or
// character reference: "amp;", "#8217;", "#x2019;".
func startsEntity(b []byte) bool {
	i := 0
	if i < len(b) && b[i] == '#' {
		i++
		hex := i < len(b) && (b[i] == 'x' || b[i] == 'X')
		if hex {
			i++
		}
		j := i
		for i < len(b) && i-j < 8 && (isDigit(b[i]) || hex && 'a' <= b[i]|0x20 && b[i]|0x20 <= 'f') {
			i++
		}
		return i > j && i < len(b) && b[i] == ';'
	}
	for i < len(b) && i < 32 && ('a' <= b[i]|0x20 && b[i]|0x20 <= 'z' || i > 0 && isDigit(b[i])) {
		i++
	}
	return i > 0 && i < len(b) && b[i] == ';'
}

// lineStart returns the offset of the start of line n (from 1) in b.
func lineStart(b []byte, n int) int {
	off := 0
	for line := 1; line < n; line++ {
		i := bytes.IndexByte(b[off:], '\n')
		if i < 0 {
			return len(b)
		}
		off += i + 1
	}
	return off
}

// cutFeed returns a feed document cut after its last complete entry and
// closed, or nil when it has none.
func cutFeed(b []byte) []byte {
	end := -1
	for _, tag := range [...]string{"</item>", "</entry>", "</atom:entry>", "</rss:item>"} {
		if i := bytes.LastIndex(b, []byte(tag)); i >= 0 && i+len(tag) > end {
			end = i + len(tag)
		}
	}
	if end < 0 {
		return nil
	}
	root := rootElement(b)
	out := append([]byte(nil), b[:end]...)
	switch lower(root) {
	case "rss":
		return append(out, "</channel></rss>"...)
	case "":
		return nil
	default:
		return append(out, "</"+root+">"...)
	}
}

// rootElement returns the name of the first element of an XML document.
func rootElement(b []byte) string {
	rest, _, ok := skipProlog(b)
	if !ok {
		return ""
	}
	return elementName(rest[1:])
}
