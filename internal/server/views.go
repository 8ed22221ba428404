package server

import (
	"cmp"
	"context"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// The view values below are what a page shows; the API returns the same
// values as JSON, so that every page has a JSON twin.

// List is one page of a list.
type List[T any] struct {
	Total int `json:"total"` // rows that match, on all pages
	// TotalCapped says Total stopped counting at its limit: more rows
	// match (news.SearchCountLimit), and no page lies past Total.
	TotalCapped bool `json:"total_capped,omitzero"`
	Limit       int  `json:"limit"`  // rows a page holds
	Offset      int  `json:"offset"` // rows skipped before this page
	Items       []T  `json:"items"`
}

func newList[T any](items []T, total int, p listParams) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Total: total, Limit: p.Limit, Offset: p.Offset, Items: items}
}

// StoryItem is a story in the story list.
type StoryItem struct {
	news.StorySummary
	// OutletList names the story's outlets, the most articles first.
	OutletList    []news.OutletCount `json:"outlet_list"`
	StorylineName string             `json:"storyline_name,omitzero"`
}

// StoryView is the story page.
type StoryView struct {
	Story         news.StoryDetail `json:"story"`
	StorylineName string           `json:"storyline_name,omitzero"`
	// Timeline is what happened, by date: dated sentences and events of
	// the story's original articles, and when each was published.
	Timeline []TimelineEntry `json:"timeline"`
	// CopyGroups are the articles grouped by what they copy, the original
	// first in each group.
	CopyGroups []CopyGroup `json:"copy_groups"`
	// Outlets are the articles by outlet, for reading side by side.
	Outlets  []OutletColumn `json:"outlets"`
	Entities []news.Entity  `json:"entities"`
	Quotes   []QuoteItem    `json:"quotes"`
	Events   []EventItem    `json:"events"`
	// EntityGroups are Entities by type, for the page.
	EntityGroups []EntityGroup `json:"-"`
}

// EntityGroup is the entities of one type.
type EntityGroup struct {
	Label    string
	Entities []news.Entity
}

// groupEntities sorts entities into people, organisations, places and
// other names, keeping their order (most mentioned first) in each.
func groupEntities(list []news.Entity) []EntityGroup {
	var out []EntityGroup
	for _, g := range []struct {
		t     news.EntityType
		label string
	}{{news.Person, "People"}, {news.Organisation, "Organisations"}, {news.Place, "Places"}, {news.OtherName, "Other names"}} {
		var in []news.Entity
		for _, e := range list {
			if e.Type == g.t {
				in = append(in, e)
			}
		}
		if len(in) > 0 {
			out = append(out, EntityGroup{Label: g.label, Entities: in})
		}
	}
	return out
}

// CopyGroup is an original article and the articles that copy it.
type CopyGroup struct {
	Original news.StoryArticle   `json:"original"`
	Copies   []news.StoryArticle `json:"copies"`
}

// OutletColumn is one outlet's articles in a story.
type OutletColumn struct {
	Outlet   string              `json:"outlet"`
	Articles []news.StoryArticle `json:"articles"`
}

// QuoteItem is a quote with the other articles that carry the same quote.
type QuoteItem struct {
	news.QuoteRef
	Also []news.Summary `json:"also,omitzero"`
}

// EventItem is an event as the first article in a list reports it, with
// the other articles that report the same real-world event (its group).
type EventItem struct {
	news.EventRef
	Also []news.Summary `json:"also,omitzero"`
}

// StorylineView is the storyline page.
type StorylineView struct {
	Storyline news.StorylineDetail `json:"storyline"`
	// Actors links the storyline's main actors to entities where one has
	// that name.
	Actors []ActorRef    `json:"actors"`
	Axis   template.HTML `json:"-"`
}

// ActorRef is a name with the entity it resolves to, if any.
type ActorRef struct {
	Name   string        `json:"name"`
	Entity news.EntityID `json:"entity,omitzero"`
}

// EntityView is the entity page.
type EntityView struct {
	Entity news.EntityDetail `json:"entity"`
	Quotes []QuoteItem       `json:"quotes"`
	Events []EventItem       `json:"events"`
	Chart  template.HTML     `json:"-"`
	Graph  template.HTML     `json:"-"`
}

// ArticleView is the article page.
type ArticleView struct {
	Article  news.Article       `json:"article"`
	Analysis news.Analysis      `json:"analysis"`
	Story    *news.StorySummary `json:"story,omitzero"`
	// Copies are the articles this one copies or that copy it.
	Copies []CopyRef `json:"copies"`
	// Body is the text with names, quotes and dates marked.
	Body template.HTML `json:"-"`
}

// CopyRef is a copy link with the other article's summary.
type CopyRef struct {
	news.CopyLink
	Other news.Summary `json:"other"`
	// ThisIsOriginal is true when the article shown is the original that
	// Other copies.
	ThisIsOriginal bool `json:"this_is_original"`
}

// SearchItem is a search hit with its story.
type SearchItem struct {
	news.SearchHit
	Story news.StoryID `json:"story,omitzero"`
}

// SearchView is the search page.
type SearchView struct {
	Query string `json:"query"`
	List[SearchItem]
}

// ArticleItem is an article in the article list, with its story.
type ArticleItem struct {
	news.Summary
	Story news.StoryID `json:"story,omitzero"`
}

func (s *Server) loadStories(ctx context.Context, q url.Values, p listParams) (List[StoryItem], error) {
	f, err := storyFilter(q, p)
	if err != nil {
		return List[StoryItem]{}, err
	}
	list, total, err := s.st.Stories(ctx, f)
	if err != nil {
		return List[StoryItem]{}, err
	}
	ids := make([]news.StoryID, len(list))
	var lines []news.StorylineID
	for i, st := range list {
		ids[i] = st.ID
		if st.Storyline != "" && !slices.Contains(lines, st.Storyline) {
			lines = append(lines, st.Storyline)
		}
	}
	outlets, err := s.st.StoryOutlets(ctx, ids)
	if err != nil {
		return List[StoryItem]{}, err
	}
	names, err := s.st.StorylineNames(ctx, lines)
	if err != nil {
		return List[StoryItem]{}, err
	}
	items := make([]StoryItem, len(list))
	for i, st := range list {
		items[i] = StoryItem{StorySummary: st, OutletList: nonNil(outlets[st.ID]), StorylineName: names[st.Storyline]}
	}
	return newList(items, total, p), nil
}

// storyMembersRead bounds the articles whose findings a story page reads
// for its timeline.
const storyMembersRead = 60

func (s *Server) loadStory(ctx context.Context, id news.StoryID) (StoryView, error) {
	d, err := s.st.Story(ctx, id)
	if err != nil {
		return StoryView{}, err
	}
	v := StoryView{Story: d}
	if d.Storyline != "" {
		names, err := s.st.StorylineNames(ctx, []news.StorylineID{d.Storyline})
		if err != nil {
			return v, err
		}
		v.StorylineName = names[d.Storyline]
	}
	v.CopyGroups = copyGroups(d.Members)
	v.Outlets = outletColumns(d.Members)

	var ids []news.ArticleID
	for _, g := range v.CopyGroups[:min(len(v.CopyGroups), storyMembersRead)] {
		ids = append(ids, g.Original.ID)
	}
	arts, err := s.st.ArticlesByID(ctx, ids)
	if err != nil {
		return v, err
	}
	ans, err := s.st.Analyses(ctx, ids)
	if err != nil {
		return v, err
	}
	var docs []timelineDoc
	for _, id := range ids {
		if a, ok := arts[id]; ok { // an article deleted since the story was read drops out
			docs = append(docs, timelineDoc{a, ans[id]})
		}
	}
	v.Timeline = buildTimeline(docs)

	if v.Entities, _, err = s.st.Entities(ctx, news.EntityFilter{Story: id, Limit: 60}); err != nil {
		return v, err
	}
	v.Entities = nonNil(v.Entities)
	v.EntityGroups = groupEntities(v.Entities)
	quotes, _, err := s.st.Quotes(ctx, news.QuoteFilter{Story: id, Limit: 300})
	if err != nil {
		return v, err
	}
	v.Quotes = groupQuotes(quotes)
	events, _, err := s.st.Events(ctx, news.EventFilter{Story: id, Limit: 200})
	if err != nil {
		return v, err
	}
	v.Events = groupEvents(events)
	return v, nil
}

// copyGroups groups a story's members by original: each group is an
// original (or an article that copies nothing) with its copies, in the
// order of the originals (the story's order: earliest first).
func copyGroups(members []news.StoryArticle) []CopyGroup {
	byID := make(map[news.ArticleID]int)
	var groups []CopyGroup
	for _, m := range members {
		if m.Copy == nil {
			byID[m.ID] = len(groups)
			groups = append(groups, CopyGroup{Original: m, Copies: []news.StoryArticle{}})
		}
	}
	for _, m := range members {
		if m.Copy == nil {
			continue
		}
		if i, ok := byID[m.Copy.Original]; ok {
			groups[i].Copies = append(groups[i].Copies, m)
			continue
		}
		// The original is not in this story (a regrouping in progress):
		// the copy stands for its group.
		byID[m.ID] = len(groups)
		groups = append(groups, CopyGroup{Original: m, Copies: []news.StoryArticle{}})
	}
	return groups
}

// outletColumns sorts a story's members into one column per outlet, the
// outlets with most articles first.
func outletColumns(members []news.StoryArticle) []OutletColumn {
	var cols []OutletColumn
	idx := make(map[string]int)
	for _, m := range members {
		name := m.Outlet
		i, ok := idx[strings.ToLower(name)]
		if !ok {
			i = len(cols)
			idx[strings.ToLower(name)] = i
			cols = append(cols, OutletColumn{Outlet: name})
		}
		cols[i].Articles = append(cols[i].Articles, m)
	}
	slices.SortStableFunc(cols, func(a, b OutletColumn) int {
		if c := cmp.Compare(len(b.Articles), len(a.Articles)); c != 0 {
			return c
		}
		return cmp.Compare(boolInt(a.Outlet == ""), boolInt(b.Outlet == "")) // unnamed outlets last
	})
	return cols
}

// groupQuotes keeps the first quote of each quote group (the newest
// article's: quotes come newest first) and lists the other articles that
// carry it.
func groupQuotes(list []news.QuoteRef) []QuoteItem {
	kept, also := groupReports(list, func(q news.QuoteRef) (string, news.Summary) { return q.Group, q.Article })
	out := make([]QuoteItem, len(kept))
	for i, q := range kept {
		out[i] = QuoteItem{QuoteRef: q, Also: also[i]}
	}
	return out
}

// groupEvents is groupQuotes for events.
func groupEvents(list []news.EventRef) []EventItem {
	kept, also := groupReports(list, func(e news.EventRef) (string, news.Summary) { return e.Group, e.Article })
	out := make([]EventItem, len(kept))
	for i, e := range kept {
		out[i] = EventItem{EventRef: e, Also: also[i]}
	}
	return out
}

// groupReports keeps the first of each group of reports in list (a report
// with no group stands alone) and returns with each the other articles
// that report the same; of says a report's group and article.
func groupReports[T any](list []T, of func(T) (string, news.Summary)) (kept []T, also [][]news.Summary) {
	byGroup := make(map[string]int)
	for _, r := range list {
		g, art := of(r)
		if g != "" {
			if i, ok := byGroup[g]; ok {
				_, first := of(kept[i])
				if first.ID != art.ID && !slices.ContainsFunc(also[i], func(s news.Summary) bool { return s.ID == art.ID }) {
					also[i] = append(also[i], art)
				}
				continue
			}
			byGroup[g] = len(kept)
		}
		kept, also = append(kept, r), append(also, nil)
	}
	return kept, also
}

func (s *Server) loadStorylines(ctx context.Context, p listParams) (List[news.Storyline], error) {
	list, total, err := s.st.Storylines(ctx, p.Limit, p.Offset)
	if err != nil {
		return List[news.Storyline]{}, err
	}
	return newList(list, total, p), nil
}

func (s *Server) loadStoryline(ctx context.Context, id news.StorylineID) (StorylineView, error) {
	d, err := s.st.Storyline(ctx, id)
	if err != nil {
		return StorylineView{}, err
	}
	d.StoryList = nonNil(d.StoryList)
	v := StorylineView{Storyline: d, Actors: []ActorRef{}}
	for _, name := range d.Actors {
		ref := ActorRef{Name: name}
		ents, _, err := s.st.Entities(ctx, news.EntityFilter{Query: name, Limit: 5})
		if err != nil {
			return v, err
		}
		for _, e := range ents {
			if strings.EqualFold(e.Name, name) || slices.ContainsFunc(e.Aliases, func(a string) bool { return strings.EqualFold(a, name) }) {
				ref.Entity = e.ID
				break
			}
		}
		v.Actors = append(v.Actors, ref)
	}
	v.Axis = storylineAxis(d.StoryList)
	return v, nil
}

func (s *Server) loadEntities(ctx context.Context, q url.Values, p listParams) (List[news.Entity], error) {
	f, err := entityFilter(q, p)
	if err != nil {
		return List[news.Entity]{}, err
	}
	list, total, err := s.st.Entities(ctx, f)
	if err != nil {
		return List[news.Entity]{}, err
	}
	return newList(list, total, p), nil
}

// entityStoriesForEvents bounds the stories whose events an entity page
// reads.
const entityStoriesForEvents = 20

func (s *Server) loadEntity(ctx context.Context, id news.EntityID) (EntityView, error) {
	d, err := s.st.Entity(ctx, id)
	if err != nil {
		return EntityView{}, err
	}
	d.Stories, d.With, d.Months = nonNil(d.Stories), nonNil(d.With), nonNil(d.Months)
	v := EntityView{Entity: d}
	quotes, _, err := s.st.Quotes(ctx, news.QuoteFilter{Speaker: string(id), Limit: 100})
	if err != nil {
		return v, err
	}
	// The speaker filter also matches names that contain the ID; keep the
	// quotes resolved to this entity.
	quotes = slices.DeleteFunc(quotes, func(q news.QuoteRef) bool { return q.Entity != id })
	v.Quotes = groupQuotes(quotes)
	names := append([]string{d.Name}, d.Aliases...)
	var events []news.EventRef
	for i, st := range d.Stories {
		if i == entityStoriesForEvents {
			break
		}
		evs, _, err := s.st.Events(ctx, news.EventFilter{Story: st.ID, Limit: 200})
		if err != nil {
			return v, err
		}
		for _, e := range evs {
			if involves(e.Event, names) {
				events = append(events, e)
			}
		}
	}
	v.Events = groupEvents(events)
	v.Chart = monthsChart(d.Months)
	v.Graph = coGraph(d.Entity, d.With)
	return v, nil
}

// involves reports whether one of names is the event's actor, target or
// place.
func involves(e news.Event, names []string) bool {
	for _, n := range names {
		if n == "" {
			continue
		}
		for _, f := range []string{e.Actor, e.Target, e.Place} {
			if strings.Contains(strings.ToLower(f), strings.ToLower(n)) {
				return true
			}
		}
	}
	return false
}

func (s *Server) loadArticles(ctx context.Context, q url.Values, p listParams) (List[ArticleItem], error) {
	f, err := articleFilter(q, p)
	if err != nil {
		return List[ArticleItem]{}, err
	}
	list, total, err := s.st.Articles(ctx, f)
	if err != nil {
		return List[ArticleItem]{}, err
	}
	ids := make([]news.ArticleID, len(list))
	for i, a := range list {
		ids[i] = a.ID
	}
	stories, err := s.st.StoriesOf(ctx, ids)
	if err != nil {
		return List[ArticleItem]{}, err
	}
	items := make([]ArticleItem, len(list))
	for i, a := range list {
		items[i] = ArticleItem{Summary: a, Story: stories[a.ID]}
	}
	return newList(items, total, p), nil
}

func (s *Server) loadArticle(ctx context.Context, id news.ArticleID) (ArticleView, error) {
	a, err := s.st.Article(ctx, id)
	if err != nil {
		return ArticleView{}, err
	}
	an, err := s.st.Analysis(ctx, id)
	if err != nil {
		return ArticleView{}, err
	}
	v := ArticleView{Article: a, Analysis: an, Copies: []CopyRef{}}
	if sid, err := s.st.StoryOf(ctx, id); err == nil {
		d, err := s.st.Story(ctx, sid)
		if err != nil {
			return v, err
		}
		v.Story = &d.StorySummary
	} else if !isNotFound(err) {
		return v, err
	}
	links, err := s.st.Copies(ctx, id)
	if err != nil {
		return v, err
	}
	others := make([]news.ArticleID, 0, len(links))
	for _, l := range links {
		others = append(others, otherEnd(l, id))
	}
	sums, err := s.st.Summaries(ctx, others)
	if err != nil {
		return v, err
	}
	for _, l := range links {
		o := otherEnd(l, id)
		v.Copies = append(v.Copies, CopyRef{CopyLink: l, Other: cmp.Or(sums[o], news.Summary{ID: o}), ThisIsOriginal: l.Original == id})
	}
	v.Body = highlight(a.Text, an)
	return v, nil
}

func otherEnd(l news.CopyLink, id news.ArticleID) news.ArticleID {
	if l.Article == id {
		return l.Original
	}
	return l.Article
}

func (s *Server) loadQuotes(ctx context.Context, q url.Values, p listParams) (List[news.QuoteRef], error) {
	list, total, err := s.st.Quotes(ctx, quoteFilter(q, p))
	if err != nil {
		return List[news.QuoteRef]{}, err
	}
	return newList(list, total, p), nil
}

func (s *Server) loadEvents(ctx context.Context, q url.Values, p listParams) (List[news.EventRef], error) {
	f, err := eventFilter(q, p)
	if err != nil {
		return List[news.EventRef]{}, err
	}
	list, total, err := s.st.Events(ctx, f)
	if err != nil {
		return List[news.EventRef]{}, err
	}
	return newList(list, total, p), nil
}

// maxQuery bounds a search query, in bytes.
const maxQuery = 500

func (s *Server) loadSearch(ctx context.Context, q url.Values, p listParams) (SearchView, error) {
	if !p.LimitSet {
		p.Limit = searchLimit
	}
	query := strings.TrimSpace(q.Get("q"))
	v := SearchView{Query: query, List: newList[SearchItem](nil, 0, p)}
	if query == "" {
		return v, invalidf("q: give some words to search for")
	}
	if len(query) > maxQuery {
		return v, invalidf("q: longer than %d bytes", maxQuery)
	}
	f, err := articleFilter(q, p)
	if err != nil {
		return v, err
	}
	hits, total, err := s.st.Search(ctx, query, f)
	if err != nil {
		return v, err
	}
	ids := make([]news.ArticleID, len(hits))
	for i, h := range hits {
		ids[i] = h.ID
	}
	stories, err := s.st.StoriesOf(ctx, ids)
	if err != nil {
		return v, err
	}
	items := make([]SearchItem, len(hits))
	for i, h := range hits {
		items[i] = SearchItem{SearchHit: h, Story: stories[h.ID]}
	}
	v.List = newList(items, total, p)
	v.Total, v.TotalCapped = news.SearchTotal(total)
	return v, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
