// Package feeds polls news feeds over HTTP and hands their new entries to
// an ingest. It reads RSS, Atom, RDF and JSON Feed (through source.Feed),
// and when an entry carries only a summary it fetches the entry's page, so
// that the article is ingested whole.
//
// It is a polite client: conditional requests (ETag, Last-Modified) so
// that an unchanged feed costs a 304; one request at a time to a host,
// Options.HostDelay apart; back-off on errors and Retry-After honoured;
// bounded redirects, bodies and time. A feed that fails is reported and
// tried again later; the others go on.
//
// What a Watcher remembers (validators, the entries seen in each feed) is
// in memory only. After a restart the first poll of each feed fetches it
// whole and hands every entry to the ingest again, fetching the pages of
// summary-only entries again; the store's "already known" rule (same URL)
// keeps them from being stored twice.
package feeds

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
)

// IngestFunc stores items and says what it did, as ingest.Run does. Its
// error is for failures that stop the whole ingest (the store failing);
// problems with single items are in the summary.
type IngestFunc func(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error)

// Defaults of Options.
const (
	DefaultEvery        = 10 * time.Minute
	DefaultHostDelay    = 2 * time.Second
	DefaultMaxBackoff   = time.Hour
	DefaultTimeout      = 30 * time.Second
	DefaultMaxBytes     = 16 << 20
	DefaultSummaryWords = 150
)

// Options tune a Watcher. The zero value is usable.
type Options struct {
	// Every is the time between two polls of a feed (default 10 minutes).
	Every time.Duration
	// HostDelay is the least time between two requests to one host, for
	// feeds and pages alike (default 2 seconds).
	HostDelay time.Duration
	// MaxBackoff caps the wait after errors (default 1 hour, and never
	// less than Every). After n failed polls in a row a feed waits
	// Every×2ⁿ, or longer when the server's Retry-After says so; a poll
	// that succeeds resets it.
	MaxBackoff time.Duration
	// Timeout bounds one request, body included (default 30 seconds).
	Timeout time.Duration
	// MaxBytes bounds a response body, after decompression (default 16 MiB).
	MaxBytes int64
	// SummaryWords: an entry whose body has fewer words is taken for a
	// summary, and its page is fetched (default 150).
	SummaryWords int
	// Client makes the requests (default: one with http.DefaultTransport).
	// Its redirect policy and timeout are replaced by the Watcher's.
	Client *http.Client
	// UserAgent is sent with every request (default
	// "Storyline/VERSION (+https://github.com/storyline-news/storyline)").
	UserAgent string
	// Log receives what happens: polls, ingests, failures (default none).
	Log *slog.Logger
	// Now and Sleep tell and pass time (default time.Now and a timer);
	// Sleep returns ctx's error when ctx is done first.
	Now   func() time.Time
	Sleep func(ctx context.Context, d time.Duration) error
}

// A Watcher polls a fixed list of feeds.
type Watcher struct {
	feeds  []*feed
	ingest IngestFunc
	opts   Options
	client *http.Client
	log    *slog.Logger
	hosts  hosts
}

// feed is one watched feed and what the watcher remembers of it. Only one
// poll of a feed runs at a time.
type feed struct {
	url            string
	etag, modified string          // validators of the last document ingested
	seen           map[string]bool // its entries, by entryKey
	failures       int             // polls failed in a row
}

// NewWatcher returns a watcher of the feeds at urls (http or https; a URL
// given twice is watched once) that hands new entries to ingest.
func NewWatcher(urls []string, ingest IngestFunc, opts Options) (*Watcher, error) {
	if len(urls) == 0 {
		return nil, errors.New("no feeds to watch")
	}
	w := &Watcher{ingest: ingest, opts: opts, hosts: hosts{m: map[string]*turn{}}}
	done := map[string]bool{}
	for _, u := range urls {
		if err := CheckURL(u); err != nil {
			return nil, err
		}
		if !done[u] {
			done[u] = true
			w.feeds = append(w.feeds, &feed{url: u})
		}
	}
	o := &w.opts
	if o.Every <= 0 {
		o.Every = DefaultEvery
	}
	if o.HostDelay <= 0 {
		o.HostDelay = DefaultHostDelay
	}
	if o.MaxBackoff <= 0 {
		o.MaxBackoff = DefaultMaxBackoff
	}
	o.MaxBackoff = max(o.MaxBackoff, o.Every)
	if o.Timeout <= 0 {
		o.Timeout = DefaultTimeout
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.SummaryWords <= 0 {
		o.SummaryWords = DefaultSummaryWords
	}
	if o.UserAgent == "" {
		o.UserAgent = userAgent()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Sleep == nil {
		o.Sleep = sleep
	}
	w.log = o.Log
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	c := http.Client{}
	if o.Client != nil {
		c = *o.Client
	}
	c.CheckRedirect = w.checkRedirect
	c.Timeout = 0 // each request has its own deadline
	w.client = &c
	return w, nil
}

// CheckURL reports whether u can be watched: an absolute http or https
// URL with a host.
func CheckURL(u string) error {
	p, err := url.Parse(u)
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Host == "" {
		return fmt.Errorf("feed %q: want an http or https URL", u)
	}
	return nil
}

func userAgent() string {
	v := "dev"
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		v = strings.TrimPrefix(bi.Main.Version, "v")
	}
	return "Storyline/" + v + " (+https://github.com/storyline-news/storyline)"
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Run polls every feed every Options.Every until ctx is done, then
// returns nil. Feeds are polled side by side, each on its own schedule;
// what they bring is ingested one call at a time, the entries of feeds
// that finished during an ingest together in the next. A feed that fails
// (or whose entries could not be stored) is logged and polled again after
// a back-off. Run and PollOnce must not run at the same time.
func (w *Watcher) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	queue := make(chan *poll)
	var wg sync.WaitGroup
	wg.Go(func() { w.ingestQueued(ctx, queue) })
	for _, f := range w.feeds {
		wg.Go(func() { w.watch(ctx, f, queue) })
	}
	wg.Wait()
	return nil
}

// watch polls f until ctx is done.
func (w *Watcher) watch(ctx context.Context, f *feed, queue chan<- *poll) {
	for {
		err := w.pollQueued(ctx, f, queue)
		if ctx.Err() != nil {
			return
		}
		wait := w.next(f, err)
		if err != nil {
			w.log.Warn("feeds: poll failed; will retry", "err", err, "in", wait)
		}
		if w.opts.Sleep(ctx, wait) != nil {
			return
		}
	}
}

// pollQueued polls f once and, when it brought something, has the ingest
// loop store it and waits for the outcome.
func (w *Watcher) pollQueued(ctx context.Context, f *feed, queue chan<- *poll) error {
	p := w.fetch(ctx, f)
	if p.err != nil || p.nothingNew() {
		return w.finish(p, nil)
	}
	p.done = make(chan error, 1)
	select {
	case queue <- p:
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case err := <-p.done:
		return w.finish(p, err)
	case <-ctx.Done():
		return ctx.Err()
	}
}

// ingestQueued ingests what the feeds' polls bring until ctx is done,
// the polls waiting meanwhile together.
func (w *Watcher) ingestQueued(ctx context.Context, queue <-chan *poll) {
	for {
		var group []*poll
		select {
		case p := <-queue:
			group = append(group, p)
		case <-ctx.Done():
			return
		}
	more:
		for {
			select {
			case p := <-queue:
				group = append(group, p)
			default:
				break more
			}
		}
		sum, err := w.store(ctx, group)
		if err == nil {
			w.logSummary(len(group), sum)
		}
		for _, p := range group {
			p.done <- err
		}
	}
}

func (w *Watcher) logSummary(feeds int, sum ingest.Summary) {
	w.log.Info("feeds: ingested", "feeds", feeds, "read", sum.Read, "new", sum.New, "known", sum.Known, "failed", sum.Failed)
	for _, p := range sum.Problems {
		w.log.Warn("feeds: entry failed", "problem", p.Error())
	}
	for _, p := range sum.Warnings {
		w.log.Warn("feeds: warning", "problem", p.Error())
	}
}

// PollOnce polls every feed once, side by side, ingests what they bring
// in one call, and returns what it did. A feed that failed counts as an
// input read and failed, its error in Problems; the error returned is the
// ingest's, or ctx's. Nothing is logged: the summary says it all.
func (w *Watcher) PollOnce(ctx context.Context) (ingest.Summary, error) {
	polls := make([]*poll, len(w.feeds))
	var wg sync.WaitGroup
	for i, f := range w.feeds {
		wg.Go(func() { polls[i] = w.fetch(ctx, f) })
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return ingest.Summary{}, err
	}
	var ok []*poll
	var sum ingest.Summary
	for _, p := range polls {
		if p.err != nil {
			w.finish(p, nil)
			sum.Read++
			sum.Failed++
			sum.Problems = append(sum.Problems, p.err)
			continue
		}
		ok = append(ok, p)
	}
	got, err := w.store(ctx, ok)
	for _, p := range ok {
		w.finish(p, err)
	}
	sum.Read += got.Read
	sum.New += got.New
	sum.Known += got.Known
	sum.Failed += got.Failed
	sum.Problems = append(sum.Problems, got.Problems...)
	sum.Warnings = append(sum.Warnings, got.Warnings...)
	return sum, err
}

// store ingests the new entries of polls in one call. The problems of
// their documents (a feed broken after some entries) and the pages that
// could not be fetched join the summary, as failures and warnings.
func (w *Watcher) store(ctx context.Context, polls []*poll) (ingest.Summary, error) {
	var items []source.Item
	var sum ingest.Summary
	for _, p := range polls {
		items = append(items, p.items...)
	}
	if len(items) > 0 {
		var err error
		sum, err = w.ingest(ctx, func(yield func(source.Item, error) bool) {
			for _, it := range items {
				if !yield(it, nil) {
					return
				}
			}
		})
		if err != nil {
			return sum, fmt.Errorf("ingest: %w", err)
		}
	}
	for _, p := range polls {
		for _, pr := range p.problems {
			sum.Read++
			sum.Failed++
			sum.Problems = append(sum.Problems, feedError(p.feed.url, pr))
		}
		sum.Warnings = append(sum.Warnings, p.warnings...)
	}
	return sum, nil
}

// finish ends a poll of a feed whose entries, if any, were stored with
// the outcome stored (nil when they were), and returns the poll's error.
// A poll that succeeded is remembered: the feed's validators and entries,
// and its failures reset.
func (w *Watcher) finish(p *poll, stored error) error {
	f := p.feed
	err := p.err
	if err == nil && stored != nil {
		err = fmt.Errorf("feed %q: %w", f.url, stored)
	}
	if err != nil {
		return err
	}
	f.failures = 0
	if !p.unchanged {
		f.etag, f.modified, f.seen = p.etag, p.modified, p.seen
	}
	return nil
}

// next returns the wait before f's next poll after a poll that ended with
// err: Every after a success; after n failures in a row Every×2ⁿ up to
// MaxBackoff, or until the time a Retry-After gave when that is later.
func (w *Watcher) next(f *feed, err error) time.Duration {
	if err == nil {
		return w.opts.Every
	}
	f.failures++
	d := w.opts.Every
	for range f.failures {
		d *= 2
		if d >= w.opts.MaxBackoff {
			d = w.opts.MaxBackoff
			break
		}
	}
	if at := retryAt(err); !at.IsZero() {
		d = max(d, at.Sub(w.opts.Now()))
	}
	return d
}

// feedError names the feed in a problem of its document, which names it
// by its URL unquoted.
func feedError(feedURL string, err error) error {
	var p *source.Problem
	if errors.As(err, &p) {
		if p.Line > 0 {
			return fmt.Errorf("feed %q: line %d: %w", feedURL, p.Line, p.Err)
		}
		return fmt.Errorf("feed %q: %w", feedURL, p.Err)
	}
	return fmt.Errorf("feed %q: %w", feedURL, err)
}
