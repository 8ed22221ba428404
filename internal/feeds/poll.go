package feeds

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"

	"golang.org/x/net/html"

	"github.com/storyline-news/storyline/internal/source"
)

// feedAccept asks for a feed, in any of the formats source.Feed reads.
const feedAccept = "application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.5"

// pageAccept asks for an entry's page.
const pageAccept = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"

// poll is one poll of a feed: what it found, until the ingest's outcome
// decides whether the feed remembers it.
type poll struct {
	feed      *feed
	err       error // the feed could not be fetched or read; names the feed
	unchanged bool  // 304 Not Modified
	// items are the entries not seen before, their pages fetched.
	items    []source.Item
	problems []*source.Problem // of a document read in part
	warnings []error           // pages that could not be fetched
	// The document's validators and entries, for the feed to remember.
	etag, modified string
	seen           map[string]bool
	done           chan error // the ingest's outcome, in Run
}

// nothingNew reports whether the poll brought nothing to ingest or report.
func (p *poll) nothingNew() bool {
	return len(p.items) == 0 && len(p.problems) == 0 && len(p.warnings) == 0
}

// fetch polls f once: a conditional GET, the document read, its new
// entries picked and the pages of those that carry only a summary
// fetched. It changes nothing in f (see Watcher.finish).
func (w *Watcher) fetch(ctx context.Context, f *feed) *poll {
	p := &poll{feed: f}
	h := http.Header{"Accept": {feedAccept}}
	if f.etag != "" {
		h.Set("If-None-Match", f.etag)
	}
	if f.modified != "" {
		h.Set("If-Modified-Since", f.modified)
	}
	resp, err := w.get(ctx, f.url, h)
	if err != nil {
		p.err = fmt.Errorf("feed %q: %w", f.url, err)
		return p
	}
	if resp.status == http.StatusNotModified {
		p.unchanged = true
		return p
	}
	p.etag, p.modified = resp.header.Get("ETag"), resp.header.Get("Last-Modified")
	items, problems := source.Feed(f.url, resp.body, source.Options{MaxItemBytes: w.opts.MaxBytes, Now: w.opts.Now})
	if len(items) == 0 {
		for _, pr := range problems {
			if !errors.Is(pr, source.ErrEmpty) {
				p.err = feedError(f.url, pr)
				return p
			}
		}
		// A feed with no entries yet is not a failure.
		problems = nil
	}
	p.problems = problems
	p.seen = make(map[string]bool, len(items))
	for _, it := range items {
		key := entryKey(it)
		if p.seen[key] {
			continue
		}
		p.seen[key] = true
		if !f.seen[key] {
			p.items = append(p.items, it)
		}
	}
	for i := range p.items {
		it := &p.items[i]
		if !w.isSummary(*it) {
			continue
		}
		if err := w.fillPage(ctx, it); err != nil {
			if ctx.Err() != nil {
				p.err = ctx.Err()
				return p
			}
			p.warnings = append(p.warnings, fmt.Errorf("feed %q: page %q: %w; kept the feed's summary", f.url, it.URL, err))
		}
	}
	return p
}

// entryKey identifies an entry within its feed: by its GUID, or else its
// link, or else its title and body.
func entryKey(it source.Item) string {
	if g := it.Meta["guid"]; g != "" {
		return "guid " + g
	}
	if it.URL != "" {
		return "url " + it.URL
	}
	return "text " + it.Title + "\x00" + it.Text + "\x00" + string(it.HTML)
}

// isSummary reports whether an entry carries only a summary and a link
// to the page that has the article.
func (w *Watcher) isSummary(it source.Item) bool {
	if !strings.HasPrefix(it.URL, "http://") && !strings.HasPrefix(it.URL, "https://") {
		return false
	}
	return len(strings.Fields(bodyText(it))) < w.opts.SummaryWords
}

// bodyText returns an entry's body as text: its Text, or the text of its
// HTML.
func bodyText(it source.Item) string {
	if len(it.HTML) == 0 {
		return it.Text
	}
	var b strings.Builder
	z := html.NewTokenizer(bytes.NewReader(it.HTML))
	skip := 0 // inside script or style
	for {
		switch z.Next() {
		case html.ErrorToken:
			return b.String()
		case html.StartTagToken:
			if name, _ := z.TagName(); string(name) == "script" || string(name) == "style" {
				skip++
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); (string(name) == "script" || string(name) == "style") && skip > 0 {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				b.Write(z.Text())
				b.WriteByte(' ')
			}
		}
	}
}

// fillPage fetches the page of a summary-only entry and puts it in the
// entry as its HTML, to be extracted at ingest. The entry keeps its URL,
// title, outlet and date (which win over what extraction finds) and its
// summary as text, which the ingest falls back on when the page has no
// article in it.
func (w *Watcher) fillPage(ctx context.Context, it *source.Item) error {
	resp, err := w.get(ctx, it.URL, http.Header{"Accept": {pageAccept}})
	if err != nil {
		return err
	}
	ct := resp.header.Get("Content-Type")
	mt, params, _ := mime.ParseMediaType(ct)
	if ct != "" && mt != "text/html" && mt != "application/xhtml+xml" {
		return fmt.Errorf("not an HTML page but %s", mt)
	}
	it.Text = strings.Join(strings.Fields(bodyText(*it)), " ")
	it.HTML = resp.body
	it.Charset = strings.ToLower(params["charset"])
	return nil
}
