package server

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Paging limits. A list asked for without a limit gets defaultLimit rows;
// an export without one gets every row.
const (
	defaultLimit = 50
	// searchLimit is the default page of search results, smaller because
	// every hit carries a snippet made from its text.
	searchLimit = 20
	maxLimit    = 1000
)

// Export formats of lists.
const (
	formatJSON  = "json"
	formatCSV   = "csv"
	formatJSONL = "jsonl"
)

// listParams are the paging and format parameters every list takes.
type listParams struct {
	Limit    int
	Offset   int
	LimitSet bool   // the request gave a limit
	Format   string // formatJSON, formatCSV or formatJSONL
}

// parseList reads ?limit=, ?offset= and ?format=.
func parseList(q url.Values) (listParams, error) {
	p := listParams{Limit: defaultLimit, Format: formatJSON}
	if v := strings.TrimSpace(q.Get("limit")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > maxLimit {
			return p, invalidf("limit %q: want a whole number from 1 to %d", v, maxLimit)
		}
		p.Limit, p.LimitSet = n, true
	}
	if v := strings.TrimSpace(q.Get("offset")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 {
			return p, invalidf("offset %q: want a whole number, 0 or more", v)
		}
		p.Offset = n
	}
	f, err := parseFormat(q.Get("format"))
	if err != nil {
		return p, err
	}
	p.Format = f
	return p, nil
}

// parseFormat reads a ?format= value: formatJSON when empty.
func parseFormat(v string) (string, error) {
	switch f := strings.ToLower(strings.TrimSpace(v)); f {
	case "", formatJSON:
		return formatJSON, nil
	case formatCSV, formatJSONL:
		return f, nil
	case "ndjson":
		return formatJSONL, nil
	default:
		return "", invalidf("format %q: want json, csv or jsonl", f)
	}
}

// parseDay parses YYYY, YYYY-MM or YYYY-MM-DD and returns the start of
// that period and the start of the next one, in UTC.
func parseDay(s string) (from, to time.Time, err error) {
	for _, l := range []struct {
		layout string
		next   func(time.Time) time.Time
	}{
		{"2006-01-02", func(t time.Time) time.Time { return t.AddDate(0, 0, 1) }},
		{"2006-01", func(t time.Time) time.Time { return t.AddDate(0, 1, 0) }},
		{"2006", func(t time.Time) time.Time { return t.AddDate(1, 0, 0) }},
	} {
		if len(s) != len(l.layout) {
			continue
		}
		t, perr := time.Parse(l.layout, s)
		if perr == nil {
			return t, l.next(t), nil
		}
	}
	return from, to, invalidf("date %q: want YYYY, YYYY-MM or YYYY-MM-DD", s)
}

// dateRange reads ?from= and ?to=; both are inclusive, so to=2025-03 ends
// with the last day of March.
func dateRange(q url.Values) (from, to time.Time, err error) {
	if v := strings.TrimSpace(q.Get("from")); v != "" {
		if from, _, err = parseDay(v); err != nil {
			return from, to, invalidf("from: %v", err)
		}
	}
	if v := strings.TrimSpace(q.Get("to")); v != "" {
		if _, to, err = parseDay(v); err != nil {
			return from, to, invalidf("to: %v", err)
		}
	}
	if !from.IsZero() && !to.IsZero() && !from.Before(to) {
		return from, to, invalidf("from %s is after to %s", q.Get("from"), q.Get("to"))
	}
	return from, to, nil
}

// storyFilter reads the filters of the story list.
func storyFilter(q url.Values, p listParams) (news.StoryFilter, error) {
	from, to, err := dateRange(q)
	if err != nil {
		return news.StoryFilter{}, err
	}
	return news.StoryFilter{
		Storyline: news.StorylineID(strings.TrimSpace(q.Get("storyline"))),
		Outlet:    strings.TrimSpace(q.Get("outlet")),
		Entity:    news.EntityID(strings.TrimSpace(q.Get("entity"))),
		From:      from, To: to,
		Limit: p.Limit, Offset: p.Offset,
	}, nil
}

// articleFilter reads the filters of article lists and searches.
func articleFilter(q url.Values, p listParams) (news.ArticleFilter, error) {
	from, to, err := dateRange(q)
	if err != nil {
		return news.ArticleFilter{}, err
	}
	kind := news.ArticleKind(strings.TrimSpace(q.Get("kind")))
	switch kind {
	case news.KindUnknown, news.NewsReport, news.Opinion:
	default:
		return news.ArticleFilter{}, invalidf("kind %q: want news or opinion", kind)
	}
	return news.ArticleFilter{Outlet: strings.TrimSpace(q.Get("outlet")), Kind: kind, From: from, To: to, Limit: p.Limit, Offset: p.Offset}, nil
}

// entityFilter reads the filters of the entity list.
func entityFilter(q url.Values, p listParams) (news.EntityFilter, error) {
	f := news.EntityFilter{
		Story: news.StoryID(strings.TrimSpace(q.Get("story"))),
		Query: strings.TrimSpace(q.Get("q")),
		Limit: p.Limit, Offset: p.Offset,
	}
	switch t := news.EntityType(strings.ToUpper(strings.TrimSpace(q.Get("type")))); t {
	case "":
	case news.Person, news.Organisation, news.Place, news.OtherName:
		f.Type = t
	default:
		return f, invalidf("type %q: want PER, ORG, LOC or MISC", q.Get("type"))
	}
	return f, nil
}

// quoteFilter reads the filters of the quote list; views=1 (or true)
// lists views beside speech.
func quoteFilter(q url.Values, p listParams) (news.QuoteFilter, error) {
	f := news.QuoteFilter{
		Speaker: strings.TrimSpace(q.Get("speaker")),
		Story:   news.StoryID(strings.TrimSpace(q.Get("story"))),
		Article: news.ArticleID(strings.TrimSpace(q.Get("article"))),
		Limit:   p.Limit, Offset: p.Offset,
	}
	if v := strings.TrimSpace(q.Get("views")); v != "" {
		views, err := strconv.ParseBool(v)
		if err != nil {
			return f, invalidf("views %q: want true or false", v)
		}
		f.Views = views
	}
	return f, nil
}

// eventTypes are the event types a filter accepts.
var eventTypes = []news.EventType{
	news.EventStatement, news.EventMeeting, news.EventTalks, news.EventAttack, news.EventArrest,
	news.EventSanction, news.EventAgreement, news.EventProtest, news.EventElection, news.EventOther,
}

// eventFilter reads the filters of the event list.
func eventFilter(q url.Values, p listParams) (news.EventFilter, error) {
	f := news.EventFilter{
		Story:   news.StoryID(strings.TrimSpace(q.Get("story"))),
		Article: news.ArticleID(strings.TrimSpace(q.Get("article"))),
		Limit:   p.Limit, Offset: p.Offset,
	}
	if t := strings.ToLower(strings.TrimSpace(q.Get("type"))); t != "" {
		for _, et := range eventTypes {
			if string(et) == t {
				f.Type = et
			}
		}
		if f.Type == "" {
			return f, invalidf("type %q: not an event type", t)
		}
	}
	return f, nil
}

// pathID returns the {id} of the request path, refusing what no store
// would have made.
func pathID(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if id == "" || len(id) > 200 {
		return "", invalidf("id %q: not an ID", id)
	}
	return id, nil
}
