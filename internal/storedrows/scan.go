package storedrows

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// The scans below read the columns both stores keep alike. Each store
// names the columns in its queries; a scan's comment gives their order.
// Times are stored as RFC 3339 text, NULL for none (see ParseTime).

// ParseTime reads a stored time: RFC 3339 text, the zero time for NULL
// (nil), "" or text that does not parse.
func ParseTime(s *string) time.Time {
	if s == nil || *s == "" {
		return time.Time{}
	}
	t, err := time.Parse(time.RFC3339Nano, *s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// Summary receives an article's listing columns: id, url, outlet, title,
// published, date source, language, words and kind; for scans that read
// more columns after them.
type Summary struct {
	s          news.Summary
	published  *string
	dateSource string
	kind       string
}

// Dest returns the destinations of the listing columns followed by extra.
func (x *Summary) Dest(extra ...any) []any {
	return append([]any{&x.s.ID, &x.s.URL, &x.s.Outlet, &x.s.Title, &x.published, &x.dateSource, &x.s.Language, &x.s.Words, &x.kind}, extra...)
}

// Summary returns the summary received.
func (x *Summary) Summary() news.Summary {
	s := x.s
	s.Published = ParseTime(x.published)
	s.DateSource = news.DateSource(x.dateSource)
	s.Kind = news.ArticleKind(x.kind)
	return s
}

// ScanSummary scans an article's listing columns (see Summary) and then
// the extra destinations.
func ScanSummary(r Scanner, extra ...any) (news.Summary, error) {
	var sum Summary
	if err := r.Scan(sum.Dest(extra...)...); err != nil {
		return news.Summary{}, err
	}
	return sum.Summary(), nil
}

// ScanStory scans a story's listing columns: id, title, begin, end,
// storyline, articles, outlets, copies, reports and opinions.
func ScanStory(r Scanner) (news.StorySummary, error) {
	var st news.StorySummary
	var b, e *string
	var line string
	if err := r.Scan(&st.ID, &st.Title, &b, &e, &line, &st.Size, &st.Outlets, &st.Copies, &st.Reports, &st.Opinions); err != nil {
		return st, err
	}
	st.Begin, st.End, st.Storyline = ParseTime(b), ParseTime(e), news.StorylineID(line)
	return st, nil
}

// ScanStoryline scans a storyline's stored body, begin and end: the body
// as the last grouping that touched the storyline saved it (a partial
// grouping knows only some of its stories), the span as recounted from
// all its stories. The caller sets the stories (see SetStories).
func ScanStoryline(r Scanner) (news.Storyline, error) {
	var l news.Storyline
	var body string
	var b, e *string
	if err := r.Scan(&body, &b, &e); err != nil {
		return l, err
	}
	if err := json.Unmarshal([]byte(body), &l); err != nil {
		return l, fmt.Errorf("stored storyline %.40q: %w", body, err)
	}
	// The body's times keep their zone; the columns, UTC seconds.
	if begin := ParseTime(b); !begin.Equal(l.Begin.Truncate(time.Second)) {
		l.Begin = begin
	}
	if end := ParseTime(e); !end.Equal(l.End.Truncate(time.Second)) {
		l.End = end
	}
	return l, nil
}

// ScanStoryArticle scans an article of a story: its listing columns
// (see Summary), why it joined the story (JSON), and its copy link's
// original, kind and similarity (NULL for an article that copies
// nothing).
func ScanStoryArticle(r Scanner) (news.StoryArticle, error) {
	var sa news.StoryArticle
	var why string
	var orig, kind *string
	var sim *float64
	sum, err := ScanSummary(r, &why, &orig, &kind, &sim)
	if err != nil {
		return sa, err
	}
	sa.Summary = sum
	json.Unmarshal([]byte(why), &sa.Why) // a reason that no longer decodes is left out
	if orig != nil {
		sa.Copy = &news.CopyLink{Article: sa.ID, Original: news.ArticleID(*orig), Kind: news.CopyKind(*kind), Similarity: *sim}
	}
	return sa, nil
}

// ScanCopyLink scans a copy link: article, original, kind, similarity.
func ScanCopyLink(r Scanner) (news.CopyLink, error) {
	var c news.CopyLink
	var kind string
	err := r.Scan(&c.Article, &c.Original, &kind, &c.Similarity)
	c.Kind = news.CopyKind(kind)
	return c, err
}

// ScanMention scans a mention's article into id, then its start, end,
// text, type, role and entity.
func ScanMention(r Scanner, id *news.ArticleID) (news.Mention, error) {
	var m news.Mention
	var typ, ent string
	err := r.Scan(id, &m.Start, &m.End, &m.Text, &typ, &m.Role, &ent)
	m.Type, m.Entity = news.EntityType(typ), news.EntityID(ent)
	return m, err
}

// ScanTimex scans a temporal expression's article into id, then its
// start, end, text, type, value, precision, begin and end.
func ScanTimex(r Scanner, id *news.ArticleID) (news.Timex, error) {
	var t news.Timex
	var b, e *string
	var prec string
	if err := r.Scan(id, &t.Span.Start, &t.Span.End, &t.Text, &t.Type, &t.Value, &prec, &b, &e); err != nil {
		return t, err
	}
	t.Precision, t.Begin, t.End = news.Precision(prec), ParseTime(b), ParseTime(e)
	return t, nil
}

// ScanEvent scans the extra destinations, then an event's type, trigger,
// actor, target, place, date (JSON, NULL for none), killed, injured,
// arrested, sentence start and end, group and modality. A date that no
// longer decodes is left out.
func ScanEvent(r Scanner, extra ...any) (news.Event, error) {
	var e news.Event
	var typ, modality string
	var when *string
	dest := append(extra, &typ, &e.Trigger, &e.Actor, &e.Target, &e.Place, &when, &e.Killed, &e.Injured, &e.Arrested,
		&e.Sentence.Start, &e.Sentence.End, &e.Group, &modality)
	if err := r.Scan(dest...); err != nil {
		return e, err
	}
	e.Type, e.Modality = news.EventType(typ), news.Modality(modality)
	if when != nil {
		var t news.Timex
		if json.Unmarshal([]byte(*when), &t) == nil {
			e.When = &t
		}
	}
	return e, nil
}

// ScanEventRef scans an event with its article and story: the article's
// listing columns (see Summary), the story ("" for none), then the
// event's columns (see ScanEvent).
func ScanEventRef(row Scanner) (news.EventRef, error) {
	var r news.EventRef
	var sum Summary
	var err error
	r.Event, err = ScanEvent(row, sum.Dest(&r.Story)...)
	r.Article = sum.Summary()
	return r, err
}

// ScanQuote scans a quote's article into id, then the quote's columns
// (see Quote).
func ScanQuote(r Scanner, id *news.ArticleID) (news.Quote, error) {
	var q Quote
	err := r.Scan(append([]any{id}, q.Dest()...)...)
	return q.Quote(), err
}

// ScanQuoteRef scans a quote with its article and story: the article's
// listing columns (see Summary), the quote's (see Quote), then the story
// ("" for none).
func ScanQuoteRef(r Scanner) (news.QuoteRef, error) {
	var ref news.QuoteRef
	var q Quote
	var err error
	ref.Article, err = ScanSummary(r, append(q.Dest(), &ref.Story)...)
	ref.Quote = q.Quote()
	return ref, err
}

// ScanEventOf scans an event's article into id, then the event's columns
// (see ScanEvent).
func ScanEventOf(r Scanner, id *news.ArticleID) (news.Event, error) { return ScanEvent(r, id) }

// ScanJSON scans a row of one column, a value of T stored as JSON.
func ScanJSON[T any](r Scanner) (T, error) {
	var v T
	var b string
	if err := r.Scan(&b); err != nil {
		return v, err
	}
	if err := json.Unmarshal([]byte(b), &v); err != nil {
		return v, fmt.Errorf("stored %T %.40q: %w", v, b, err)
	}
	return v, nil
}

// ScanSignature scans an article's ID and its copy signature (NULL for
// none) into an analysis.
func ScanSignature(r Scanner) (news.Analysis, error) {
	var an news.Analysis
	err := r.Scan(&an.Article, &an.Signature)
	return an, err
}
