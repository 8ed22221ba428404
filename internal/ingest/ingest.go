// Package ingest turns raw items read from the user's inputs into stored
// articles: it extracts each item (in parallel), gives it its identity, and
// hands batches to a store, one transaction a batch. An item that cannot be
// extracted is recorded as a problem and the batch goes on.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"runtime"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/extract"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// Store is where ingest puts articles.
type Store interface {
	// Add stores arts in one transaction and reports which were new.
	Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error)
}

// Options tune a Run. The zero value is usable.
type Options struct {
	// BatchSize is the number of articles stored per transaction
	// (default 256). A process killed mid-ingest loses at most the batch in
	// flight, which the next run of the same ingest adds.
	BatchSize int
	// Workers is the number of items extracted at once (default GOMAXPROCS).
	Workers int
	// Progress, when set, is called after every batch with the counts so far.
	Progress func(Summary)
	// Added, when set, is called with the articles each batch added, after
	// they are committed: the later stages (copies, stories, entities) run
	// there.
	Added func(ctx context.Context, arts []news.Article) error
	// Now returns the ingest time (default time.Now).
	Now func() time.Time
}

// Summary counts what a Run did.
type Summary struct {
	Read     int     `json:"read"`   // items read from the inputs, including failed ones
	New      int     `json:"new"`    // articles stored
	Known    int     `json:"known"`  // articles already in the store
	Failed   int     `json:"failed"` // items that could not be read or extracted
	Problems []error `json:"-"`      // one per failed item, naming it and the reason
	// Warnings report what was wrong with items that were read all the
	// same (source.Item.Warnings: bytes of invalid UTF-8 replaced), each
	// naming the input and where. They are not failures.
	Warnings []error `json:"-"`
}

// Run reads every item, extracts and stores it, and returns what it did.
// Problems with single items are counted in the summary, not returned; the
// error is for failures that stop the whole run (the store failing, or ctx
// being cancelled), and the summary is valid up to that point.
//
// Reading and extraction of one batch overlap with storing (and the Added
// hook) of the batch before it.
func Run(ctx context.Context, items iter.Seq2[source.Item, error], st Store, opts Options) (Summary, error) {
	if opts.BatchSize <= 0 {
		opts.BatchSize = 256
	}
	if opts.Workers <= 0 {
		opts.Workers = runtime.GOMAXPROCS(0)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	batches := make(chan extracted, 1)
	go func() {
		defer close(batches)
		produce(ctx, items, opts, batches)
	}()
	var sum Summary
	var runErr error
	for b := range batches {
		if runErr != nil {
			continue // drain, so the producer can finish
		}
		sum.Read += b.read
		sum.Failed += len(b.problems)
		sum.Problems = append(sum.Problems, b.problems...)
		sum.Warnings = append(sum.Warnings, b.warnings...)
		if err := store(ctx, st, opts, b.arts, &sum); err != nil {
			runErr = err
			cancel()
			continue
		}
		if opts.Progress != nil {
			opts.Progress(sum)
		}
	}
	if runErr != nil {
		return sum, fmt.Errorf("ingest: %w", runErr)
	}
	if err := ctx.Err(); err != nil {
		return sum, fmt.Errorf("ingest: %w", err)
	}
	return sum, nil
}

// extracted is one batch, read and extracted, on its way to the store.
type extracted struct {
	read     int // items read, failed ones included
	arts     []news.Article
	problems []error
	warnings []error
}

// produce reads items, extracts them a batch at a time and sends the
// batches, until the items end or ctx is cancelled. A cancelled read is not
// counted as a problem.
func produce(ctx context.Context, items iter.Seq2[source.Item, error], opts Options, out chan<- extracted) {
	var b extracted
	batch := make([]source.Item, 0, opts.BatchSize)
	send := func() bool {
		arts, errs := extractAll(batch, opts.Workers, opts.Now())
		batch = batch[:0]
		for i, err := range errs {
			if err != nil {
				b.problems = append(b.problems, err)
				continue
			}
			b.arts = append(b.arts, arts[i])
		}
		select {
		case out <- b:
		case <-ctx.Done():
			return false
		}
		b = extracted{}
		return true
	}
	for item, err := range items {
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
				return
			}
			b.read++
			b.problems = append(b.problems, err)
			continue
		}
		b.read++
		for _, w := range item.Warnings {
			b.warnings = append(b.warnings, w)
		}
		batch = append(batch, item)
		if len(batch) == opts.BatchSize {
			if !send() {
				return
			}
		}
	}
	if ctx.Err() == nil && (len(batch) > 0 || b.read > 0) {
		send()
	}
}

// store stores one batch's articles and runs the Added hook on the new ones.
func store(ctx context.Context, st Store, opts Options, arts []news.Article, sum *Summary) error {
	arts = dropRepeats(arts, sum)
	if len(arts) == 0 || ctx.Err() != nil {
		return ctx.Err()
	}
	status, err := st.Add(ctx, arts)
	if err != nil {
		return err
	}
	var added []news.Article
	for i, s := range status {
		if s == news.Added {
			added = append(added, arts[i])
		} else {
			sum.Known++
		}
	}
	sum.New += len(added)
	if opts.Added != nil && len(added) > 0 {
		return opts.Added(ctx, added)
	}
	return nil
}

// dropRepeats removes articles that repeat an earlier one of the same batch
// (same ID), counting them as known: the store only sees committed rows.
func dropRepeats(arts []news.Article, sum *Summary) []news.Article {
	seen := make(map[news.ArticleID]bool, len(arts))
	seenText := make(map[string]bool, len(arts))
	out := arts[:0]
	for _, a := range arts {
		tk := a.Outlet + "\x00" + a.TextHash
		if seen[a.ID] || seenText[tk] {
			sum.Known++
			continue
		}
		seen[a.ID], seenText[tk] = true, true
		out = append(out, a)
	}
	return out
}

// extractAll extracts items on workers goroutines, keeping their order.
func extractAll(items []source.Item, workers int, now time.Time) ([]news.Article, []error) {
	arts := make([]news.Article, len(items))
	errs := make([]error, len(items))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(workers, len(items)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				arts[i], errs[i] = Article(items[i], now)
			}
		}()
	}
	for i := range items {
		next <- i
	}
	close(next)
	wg.Wait()
	return arts, errs
}

// minHeadlineWords is the fewest words a headline needs to stand in for a
// missing text.
const minHeadlineWords = 6

// Article extracts one item into an article with its identity set. Metadata
// the input gives (title, outlet, date) wins over what extraction finds in
// the body, except that an empty field is filled from the body. now is the
// ingest time: the article's Ingested, and the bound of a plausible
// publication date (see news.PlausibleDate; time.Now when zero).
func Article(it source.Item, now time.Time) (a news.Article, err error) {
	defer func() {
		// A bug in a third-party extractor must not stop the batch.
		if r := recover(); r != nil {
			err = fmt.Errorf("%s: extraction failed: %v", source.Quote(it.Origin), r)
		}
	}()
	var page extract.Page
	switch {
	case len(it.HTML) > 0:
		page, err = extract.HTML(it.HTML, it.URL)
		if err != nil && strings.TrimSpace(it.Text) != "" {
			// A feed item whose HTML body is too thin may still carry text.
			page, err = extract.Text(it.Text), nil
		}
		if err != nil {
			return a, fmt.Errorf("%s: %w", source.Quote(it.Origin), err)
		}
	default:
		if !utf8.ValidString(it.Text) {
			return a, fmt.Errorf("%s: %w: text is not valid UTF-8", source.Quote(it.Origin), news.ErrInvalid)
		}
		page = extract.Text(it.Text)
	}
	title := strings.TrimSpace(it.Title)
	if d, ok := extract.DateLine(title); ok {
		// Some exports put the page's first line, a dateline such as
		// "Friday, June 7, 2013", in the title: it is a date, and the
		// headline is in the text.
		title = ""
		if page.Published.IsZero() {
			page.Published, page.DateSource = d, news.DateHeader
		}
	}
	if strings.TrimSpace(page.Text) == "" {
		// An item with only a headline (feeds and dumps have them) is kept
		// with its headline as its text, when that says something.
		if len(strings.Fields(title)) < minHeadlineWords {
			return a, fmt.Errorf("%s: %w", source.Quote(it.Origin), extract.ErrNoArticle)
		}
		page.Text = strings.Join(strings.Fields(title), " ")
	}
	a = news.Article{
		URL:      firstNonEmpty(it.URL, page.URL),
		Outlet:   firstNonEmpty(it.Outlet, page.Outlet),
		Title:    firstNonEmpty(title, page.Title),
		Text:     page.Text,
		Language: page.Language,
		Origin:   it.Origin,
		Meta:     it.Meta,
		Ingested: now,
	}
	// What the page says of itself, for the article's kind; the input's
	// own fields win.
	for k, v := range map[string]string{"author": page.Author, "section": page.Section, "type": page.Type} {
		if v == "" || a.Meta[k] != "" {
			continue
		}
		if a.Meta == nil {
			a.Meta = map[string]string{}
		}
		a.Meta[k] = v
	}
	if a.Outlet == "" {
		a.Outlet = extract.OutletFromURL(a.URL)
	}
	if a.Language == "" {
		a.Language = extract.Language(a.Text)
	}
	// A date before 1800 or more than a day after the ingest is a mistake,
	// whichever part of the input gave it: the date is unknown.
	dateNow := now
	if dateNow.IsZero() {
		dateNow = time.Now()
	}
	switch {
	case !it.Published.IsZero() && news.PlausibleDate(it.Published, dateNow):
		a.Published, a.DateSource = it.Published, news.DateMetadata
	case !page.Published.IsZero() && news.PlausibleDate(page.Published, dateNow):
		a.Published, a.DateSource = page.Published, page.DateSource
	}
	if a.Title == "" {
		a.Title = leadTitle(a.Text)
	}
	a.TextHash = textnorm.Hash(a.Text)
	a.ID = news.NewArticleID(a.URL, a.Outlet, a.TextHash)
	return a, nil
}

// leadTitle makes a title from the start of the text when the input has
// none: its first sentence, clipped to a dozen words.
func leadTitle(text string) string {
	first, _, _ := strings.Cut(text, "\n")
	if i := strings.IndexAny(first, ".!?"); i > 20 {
		first = first[:i]
	}
	words := strings.Fields(first)
	if len(words) > 14 {
		return strings.Join(words[:12], " ") + " …"
	}
	return strings.Join(words, " ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if strings.TrimSpace(x) != "" {
			return strings.TrimSpace(x)
		}
	}
	return ""
}
