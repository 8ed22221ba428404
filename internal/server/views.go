package server

import (
	"cmp"
	"context"
	"fmt"
	"html/template"
	"net/url"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/summary"
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

// StoryView is the story page: a page of its articles, grouped by copy,
// and what those articles say. A story of ten thousand articles reads and
// shows what a story of fifty does; the rest is on the next pages and in
// the lists Lists names.
type StoryView struct {
	Story         news.StorySummary `json:"story"`
	StorylineName string            `json:"storyline_name,omitzero"`
	// Summary tells the story in a few sentences of its reports, each
	// with the articles that carry it (see internal/summary); it speaks
	// for the whole story, whatever the page.
	Summary []news.SummarySentence `json:"summary"`
	// Outlet, when set, limits the articles to one outlet's (?outlet=).
	Outlet string `json:"outlet,omitzero"`
	// CopyGroups are a page of the story's articles grouped by what they
	// copy, the original first in each group, the earliest group first.
	CopyGroups List[CopyGroup] `json:"copy_groups"`
	// Whole says this page holds every article of the story, so that what
	// follows speaks for the whole story.
	Whole bool `json:"whole"`
	// Timeline is what happened, by date: dated sentences and events of
	// the first articles of this page's groups, and when each was
	// published.
	Timeline []TimelineEntry `json:"timeline"`
	// Outlets are the story's outlets with most articles, each with its
	// articles on this page, for reading side by side; OtherOutlets are
	// the next ones, with their numbers of articles.
	Outlets      []OutletColumn     `json:"outlets"`
	OtherOutlets []news.OutletCount `json:"other_outlets,omitzero"`
	// Entities, Quotes and Events are those of the articles on this page.
	Entities []news.Entity `json:"entities"`
	Quotes   []QuoteItem   `json:"quotes"`
	Events   []EventItem   `json:"events"`
	// Lists are the API paths of the story's whole lists, page by page.
	Lists StoryLists `json:"lists"`
	// Sources are the story's sources side by side (facts, their outlets,
	// conflicts), for the page; the API gives them at
	// /api/stories/{id}/compare.
	Sources *compare.StoryResult `json:"-"`
	// EntityGroups are Entities by type, for the page.
	EntityGroups []EntityGroup `json:"-"`
	// Reports and Opinions are CopyGroups split by the kind of their
	// originals, for the page: opinion pieces are listed apart from the
	// reports, below them.
	Reports  []CopyGroup `json:"-"`
	Opinions []CopyGroup `json:"-"`
}

// StoryLists are the API paths of a story's whole lists.
type StoryLists struct {
	Quotes   string `json:"quotes"`
	Events   string `json:"events"`
	Entities string `json:"entities"`
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

// CopyGroup is an original article and the articles of the story that
// copy it.
type CopyGroup struct {
	Original news.StoryArticle `json:"original"`
	// Copies are the first of its copies in the story (of the outlet the
	// page shows, if one), earliest first; CopyCount counts its copies in
	// all stories, which the original's page lists.
	Copies    []StoryCopy `json:"copies"`
	CopyCount int         `json:"copy_count"`
}

// StoryCopy is a copy in a story's copy group, with whether it changed a
// fact of its original (compared when the page is made).
type StoryCopy struct {
	news.StoryArticle
	ChangedFacts bool `json:"changed_facts"`
}

// OutletColumn is an outlet of a story: its number of articles in the
// story, and its articles on the page.
type OutletColumn struct {
	Outlet   string          `json:"outlet"`
	Count    int             `json:"count"`
	Articles []OutletArticle `json:"articles"`
}

// OutletArticle is an article in an outlet's column; its copy link and why
// it joined the story are with its copy group.
type OutletArticle struct {
	news.Summary
	Copy bool `json:"copy,omitzero"` // it copies another article
}

// QuoteItem is a quote with the other articles that carry the same quote:
// the first maxAlso of them, and how many there are among those read.
type QuoteItem struct {
	news.QuoteRef
	Also      []news.Summary `json:"also,omitzero"`
	AlsoCount int            `json:"also_count,omitzero"`
}

// EventItem is an event as the first article in a list reports it, with
// the other articles that report the same real-world event (its group):
// the first maxAlso of them, and how many there are among those read.
type EventItem struct {
	news.EventRef
	Also      []news.Summary `json:"also,omitzero"`
	AlsoCount int            `json:"also_count,omitzero"`
}

// maxAlso bounds the other articles named with a quote or an event.
const maxAlso = 3

// StorylineView is the storyline page: a page of its stories.
type StorylineView struct {
	// Storyline is the storyline, with the IDs of the stories on this page
	// and the links that brought them in.
	Storyline news.Storyline          `json:"storyline"`
	Stories   List[news.StorySummary] `json:"stories"`
	// Summary is the headlines of the storyline's main stories, in time
	// order, each naming its story.
	Summary []news.SummarySentence `json:"summary"`
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

// EntityView is the entity page: a page of its stories, its latest quotes
// and the events it takes part in.
type EntityView struct {
	Entity news.Entity `json:"entity"`
	// With lists the entities mentioned in the same articles, most often
	// first; Months the entity's mentions per month.
	With    []news.Count            `json:"with"`
	Months  []news.Count            `json:"months"`
	Stories List[news.StorySummary] `json:"stories"`
	// Quotes are its latest quotes, grouped; QuotesTotal counts its quotes
	// (the API lists them all at /api/quotes?speaker=ID).
	Quotes      []QuoteItem `json:"quotes"`
	QuotesTotal int         `json:"quotes_total"`
	// Events are the events it takes part in, in its latest stories.
	Events []EventItem   `json:"events"`
	Chart  template.HTML `json:"-"`
	Graph  template.HTML `json:"-"`
}

// ArticleView is the article page.
type ArticleView struct {
	Article  news.Article       `json:"article"`
	Analysis news.Analysis      `json:"analysis"`
	Story    *news.StorySummary `json:"story,omitzero"`
	// Copies are a page of the articles this one copies or that copy it:
	// the one it copies first.
	Copies List[CopyRef] `json:"copies"`
	// Body is the text with names, quotes and dates marked.
	Body template.HTML `json:"-"`
	// Compare is the article against its original, when it is a copy;
	// the API gives it at /api/articles/{id}/compare.
	Compare *Comparison `json:"-"`
}

// Comparison is a copy against its original: what it changed.
type Comparison struct {
	compare.Result
	Original news.Summary
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

// Bounds on a story page, so that it reads and shows about the same for a
// story of ten thousand articles as for one of fifty.
const (
	// storyLimit is how many copy groups a page shows unless asked, and
	// maxStoryLimit the most it shows: 40 groups, with their copies,
	// timeline and findings, make about 150 KB of page or JSON at worst.
	storyLimit    = 40
	maxStoryLimit = 100
	// copiesShown is the most copies a group shows; the original's page
	// lists them all.
	copiesShown = 3
	// timelineDocs bounds the groups whose first articles the timeline
	// reads, text and findings.
	timelineDocs = 60
	// storylineSummaryStories bounds the stories, the earliest, among
	// which a storyline's summary finds its main ones.
	storylineSummaryStories = 500
	// maxOutletColumns bounds the outlets shown side by side, and
	// outletArticles the articles each shows; maxOtherOutlets the outlets
	// named after them.
	maxOutletColumns = 12
	outletArticles   = 5
	maxOtherOutlets  = 100
	// storyEntities, storyQuotes and storyEvents bound the findings read
	// of a page's articles, and maxReports the quotes and events shown.
	storyEntities = 60
	storyQuotes   = 300
	storyEvents   = 200
	maxReports    = 25
)

// storyParams reads a story page's ?limit=, ?offset= and ?outlet=.
func storyParams(q url.Values) (listParams, string, error) {
	p, err := parseList(q)
	if err != nil {
		return p, "", err
	}
	if !p.LimitSet {
		p.Limit = storyLimit
	}
	if p.Limit > maxStoryLimit {
		return p, "", invalidf("limit %d: a story page shows at most %d groups of articles", p.Limit, maxStoryLimit)
	}
	outlet := strings.TrimSpace(q.Get("outlet"))
	if len(outlet) > 200 {
		return p, "", invalidf("outlet: longer than 200 bytes")
	}
	return p, outlet, nil
}

func (s *Server) loadStory(ctx context.Context, id news.StoryID, p listParams, outlet string) (StoryView, error) {
	st, err := s.st.StorySummary(ctx, id)
	if err != nil {
		return StoryView{}, err
	}
	v := StoryView{Story: st, Outlet: outlet, Lists: StoryLists{
		Quotes:   "/api/quotes?story=" + url.QueryEscape(string(id)),
		Events:   "/api/events?story=" + url.QueryEscape(string(id)),
		Entities: "/api/entities?story=" + url.QueryEscape(string(id)),
	}}
	if st.Storyline != "" {
		names, err := s.st.StorylineNames(ctx, []news.StorylineID{st.Storyline})
		if err != nil {
			return v, err
		}
		v.StorylineName = names[st.Storyline]
	}
	if v.Summary, err = summary.ForStory(ctx, s.st, id); err != nil {
		return v, err
	}
	v.Summary = nonNil(v.Summary)
	if err := s.loadCopyGroups(ctx, &v, p); err != nil {
		return v, err
	}
	var heads, ids []news.ArticleID // the groups' first articles; all on the page
	var members []news.StoryArticle
	for _, g := range v.CopyGroups.Items {
		heads = append(heads, g.Original.ID)
		members = append(members, g.Original)
		for _, c := range g.Copies {
			members = append(members, c.StoryArticle)
		}
	}
	for _, m := range members {
		ids = append(ids, m.ID)
	}
	if v.Timeline, err = s.storyTimeline(ctx, heads[:min(len(heads), timelineDocs)]); err != nil {
		return v, err
	}
	outlets, err := s.st.StoryOutlets(ctx, []news.StoryID{id})
	if err != nil {
		return v, err
	}
	v.Outlets, v.OtherOutlets = outletColumns(outlets[id], members)

	if v.Entities, err = s.st.EntitiesIn(ctx, ids, storyEntities); err != nil {
		return v, err
	}
	v.Entities = nonNil(v.Entities)
	v.EntityGroups = groupEntities(v.Entities)
	quotes, err := s.st.QuotesIn(ctx, ids, storyQuotes)
	if err != nil {
		return v, err
	}
	v.Quotes = groupQuotes(quotes)
	v.Quotes = v.Quotes[:min(len(v.Quotes), maxReports)]
	events, err := s.st.EventsIn(ctx, ids, storyEvents)
	if err != nil {
		return v, err
	}
	v.Events = groupEvents(events)
	v.Events = v.Events[:min(len(v.Events), maxReports)]
	return v, nil
}

// loadCopyGroups reads a page of a story's copy groups into v, with the
// first copies of each and their numbers.
func (s *Server) loadCopyGroups(ctx context.Context, v *StoryView, p listParams) error {
	id := v.Story.ID
	heads, total, err := s.st.StoryGroups(ctx, id, v.Outlet, p.Limit, p.Offset)
	if err != nil {
		return err
	}
	ids := make([]news.ArticleID, len(heads))
	for i, h := range heads {
		ids[i] = h.ID
	}
	copies, err := s.st.StoryCopies(ctx, id, ids, v.Outlet, copiesShown)
	if err != nil {
		return err
	}
	counts, err := s.st.CopyCounts(ctx, ids)
	if err != nil {
		return err
	}
	changed, err := s.changedFacts(ctx, copies)
	if err != nil {
		return err
	}
	groups := make([]CopyGroup, len(heads))
	shown := 0
	for i, h := range heads {
		cs := make([]StoryCopy, len(copies[h.ID]))
		for j, c := range copies[h.ID] {
			cs[j] = StoryCopy{StoryArticle: c, ChangedFacts: changed[c.ID]}
		}
		groups[i] = CopyGroup{Original: h, Copies: cs, CopyCount: counts[h.ID]}
		shown += 1 + len(groups[i].Copies)
	}
	v.CopyGroups = newList(groups, total, p)
	for _, g := range groups {
		if g.Original.Kind == news.Opinion {
			v.Opinions = append(v.Opinions, g)
		} else {
			v.Reports = append(v.Reports, g)
		}
	}
	v.Whole = v.Outlet == "" && shown == v.Story.Size
	return nil
}

// changedFacts compares the copies shown (by original) with their
// originals, in one read of their texts and one of their findings, and
// returns the copies that changed a fact. An exact copy has its original's
// text and is not compared.
func (s *Server) changedFacts(ctx context.Context, copies map[news.ArticleID][]news.StoryArticle) (map[news.ArticleID]bool, error) {
	var ids []news.ArticleID
	for orig, cs := range copies {
		for _, c := range cs {
			if c.Copy != nil && c.Copy.Kind != news.CopyExact {
				ids = append(ids, orig, c.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	arts, ans, err := s.withAnalyses(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := map[news.ArticleID]bool{}
	c := compare.New()
	for orig, cs := range copies {
		o, ok := arts[orig]
		if !ok {
			continue // deleted since the page was read
		}
		for _, cp := range cs {
			a, ok := arts[cp.ID]
			if !ok || cp.Copy == nil || cp.Copy.Kind == news.CopyExact {
				continue
			}
			out[cp.ID] = !c.Compare(compare.Article(o, ans[orig]), compare.Article(a, ans[cp.ID])).SameFacts
		}
	}
	return out, nil
}

// withAnalyses reads the articles ids and their analyses, one query each.
func (s *Server) withAnalyses(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Article, map[news.ArticleID]news.Analysis, error) {
	arts, err := s.st.ArticlesByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	ans, err := s.st.Analyses(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	return arts, ans, nil
}

// storyTimeline builds the timeline of the articles in ids, in one read of
// their texts and one of their findings.
func (s *Server) storyTimeline(ctx context.Context, ids []news.ArticleID) ([]TimelineEntry, error) {
	arts, ans, err := s.withAnalyses(ctx, ids)
	if err != nil {
		return nil, err
	}
	var docs []timelineDoc
	for _, id := range ids {
		if a, ok := arts[id]; ok { // an article deleted since the page was read drops out
			docs = append(docs, timelineDoc{a, ans[id]})
		}
	}
	return buildTimeline(docs), nil
}

// outletColumns makes the story's outlets (counts, from the story's outlet
// list, most articles first) into columns of their articles among members,
// the page's: the first maxOutletColumns outlets with articles there. The
// other outlets are returned as they are, up to maxOtherOutlets. Outlets
// differing in case are one.
func outletColumns(counts []news.OutletCount, members []news.StoryArticle) ([]OutletColumn, []news.OutletCount) {
	var all []OutletColumn
	idx := make(map[string]int)
	for _, c := range counts {
		key := strings.ToLower(c.Outlet)
		if i, ok := idx[key]; ok {
			all[i].Count += c.Articles
			continue
		}
		idx[key] = len(all)
		all = append(all, OutletColumn{Outlet: c.Outlet, Count: c.Articles, Articles: []OutletArticle{}})
	}
	for _, m := range members {
		if i, ok := idx[strings.ToLower(m.Outlet)]; ok && len(all[i].Articles) < outletArticles {
			all[i].Articles = append(all[i].Articles, OutletArticle{Summary: m.Summary, Copy: m.Copy != nil})
		}
	}
	slices.SortStableFunc(all, func(a, b OutletColumn) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(boolInt(a.Outlet == ""), boolInt(b.Outlet == "")) // unnamed outlets last
	})
	cols := []OutletColumn{}
	var others []news.OutletCount
	for _, c := range all {
		switch {
		case len(c.Articles) > 0 && len(cols) < maxOutletColumns:
			slices.SortStableFunc(c.Articles, func(a, b OutletArticle) int { return storyOrder(a.Summary, b.Summary) })
			cols = append(cols, c)
		case len(others) < maxOtherOutlets:
			others = append(others, news.OutletCount{Outlet: c.Outlet, Articles: c.Count})
		}
	}
	return cols, others
}

// storyOrder orders articles as a story does: earliest first, undated last.
func storyOrder(a, b news.Summary) int {
	if a.Published.IsZero() != b.Published.IsZero() {
		return cmp.Compare(boolInt(a.Published.IsZero()), boolInt(b.Published.IsZero()))
	}
	return a.Published.Compare(b.Published)
}

// groupQuotes keeps the first quote of each quote group (the newest
// article's: quotes come newest first) and lists the other articles that
// carry it.
func groupQuotes(list []news.QuoteRef) []QuoteItem {
	kept, also := groupReports(list, func(q news.QuoteRef) (string, news.Summary) { return q.Group, q.Article })
	out := make([]QuoteItem, len(kept))
	for i, q := range kept {
		q.Text = clip(q.Text, maxSentence) // as the timeline clips its sentences
		out[i] = QuoteItem{QuoteRef: q, Also: also[i][:min(len(also[i]), maxAlso)], AlsoCount: len(also[i])}
	}
	return out
}

// groupEvents is groupQuotes for events.
func groupEvents(list []news.EventRef) []EventItem {
	kept, also := groupReports(list, func(e news.EventRef) (string, news.Summary) { return e.Group, e.Article })
	out := make([]EventItem, len(kept))
	for i, e := range kept {
		out[i] = EventItem{EventRef: e, Also: also[i][:min(len(also[i]), maxAlso)], AlsoCount: len(also[i])}
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

func (s *Server) loadStorylines(ctx context.Context, _ url.Values, p listParams) (List[news.Storyline], error) {
	list, total, err := s.st.Storylines(ctx, p.Limit, p.Offset)
	if err != nil {
		return List[news.Storyline]{}, err
	}
	return newList(list, total, p), nil
}

func (s *Server) loadStoryline(ctx context.Context, id news.StorylineID, p listParams) (StorylineView, error) {
	l, err := s.st.StorylineSummary(ctx, id)
	if err != nil {
		return StorylineView{}, err
	}
	stories, total, err := s.st.StorylineStories(ctx, id, p.Limit, p.Offset)
	if err != nil {
		return StorylineView{}, err
	}
	// The storyline's own lists name every story: keep this page's.
	on := make(map[news.StoryID]bool, len(stories))
	for _, st := range stories {
		on[st.ID] = true
	}
	l.Stories = slices.DeleteFunc(l.Stories, func(id news.StoryID) bool { return !on[id] })
	l.Links = slices.DeleteFunc(l.Links, func(k news.StoryLink) bool { return !on[k.To] })
	v := StorylineView{Storyline: l, Stories: newList(stories, total, p), Actors: []ActorRef{}}
	main := stories
	if total > len(stories) || p.Offset > 0 {
		// The summary speaks for the whole storyline, whatever the page.
		if main, _, err = s.st.StorylineStories(ctx, id, storylineSummaryStories, 0); err != nil {
			return v, err
		}
	}
	v.Summary = nonNil(summary.Storyline(main))
	for _, name := range l.Actors {
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
	v.Axis = storylineAxis(v.Stories.Items)
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

// Bounds on an entity page: the quotes read of it, and the articles that
// last mentioned it whose events are read.
const (
	entityQuotes   = 100
	entityArticles = 200
)

func (s *Server) loadEntity(ctx context.Context, id news.EntityID, p listParams) (EntityView, error) {
	d, err := s.st.Entity(ctx, id)
	if err != nil {
		return EntityView{}, err
	}
	v := EntityView{Entity: d.Entity, With: nonNil(d.With), Months: nonNil(d.Months)}
	stories, total, err := s.st.Stories(ctx, news.StoryFilter{Entity: id, Limit: p.Limit, Offset: p.Offset})
	if err != nil {
		return v, err
	}
	v.Stories = newList(stories, total, p)
	quotes, n, err := s.st.QuotesBy(ctx, id, entityQuotes)
	if err != nil {
		return v, err
	}
	v.Quotes, v.QuotesTotal = groupQuotes(quotes), n
	v.Quotes = v.Quotes[:min(len(v.Quotes), maxReports)]
	arts, err := s.st.MentionedIn(ctx, id, entityArticles)
	if err != nil {
		return v, err
	}
	evs, err := s.st.EventsIn(ctx, arts, storyEvents)
	if err != nil {
		return v, err
	}
	names := append([]string{d.Name}, d.Aliases...)
	evs = slices.DeleteFunc(evs, func(e news.EventRef) bool { return !involves(e.Event, names) })
	v.Events = groupEvents(evs)
	v.Events = v.Events[:min(len(v.Events), maxReports)]
	v.Chart = monthsChart(v.Months)
	v.Graph = coGraph(d.Entity, v.With)
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

func (s *Server) loadArticle(ctx context.Context, id news.ArticleID, p listParams) (ArticleView, error) {
	a, err := s.st.Article(ctx, id)
	if err != nil {
		return ArticleView{}, err
	}
	an, err := s.st.Analysis(ctx, id)
	if err != nil {
		return ArticleView{}, err
	}
	v := ArticleView{Article: a, Analysis: an}
	if sid, err := s.st.StoryOf(ctx, id); err == nil {
		st, err := s.st.StorySummary(ctx, sid)
		if err != nil {
			return v, err
		}
		v.Story = &st
	} else if !isNotFound(err) {
		return v, err
	}
	links, total, err := s.st.CopyLinks(ctx, id, p.Limit, p.Offset)
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
	refs := make([]CopyRef, len(links))
	for i, l := range links {
		o := otherEnd(l, id)
		refs[i] = CopyRef{CopyLink: l, Other: cmp.Or(sums[o], news.Summary{ID: o}), ThisIsOriginal: l.Original == id}
	}
	v.Copies = newList(refs, total, p)
	v.Body = highlight(a.Text, an)
	if orig, ok := compare.OriginalOf(id, links); ok {
		res, err := compare.Stored(ctx, s.st, orig, id)
		if err != nil {
			return v, err
		}
		v.Compare = &Comparison{Result: res, Original: cmp.Or(sums[orig], news.Summary{ID: orig})}
	}
	return v, nil
}

// comparedCopies bounds the copies of each copy group a story comparison
// reads: copies count once with their original, and show only where they
// changed a fact.
const comparedCopies = 10

// storyComparison puts the sources of story id side by side: its first
// compare.MaxStoryArticles copy groups' originals, with their first
// comparedCopies copies, the earliest compare.MaxStoryArticles of those.
func (s *Server) storyComparison(ctx context.Context, id news.StoryID) (compare.StoryResult, error) {
	heads, _, err := s.st.StoryGroups(ctx, id, "", compare.MaxStoryArticles, 0)
	if err != nil {
		return compare.StoryResult{}, err
	}
	ids := make([]news.ArticleID, len(heads))
	for i, h := range heads {
		ids[i] = h.ID
	}
	copies, err := s.st.StoryCopies(ctx, id, ids, "", comparedCopies)
	if err != nil {
		return compare.StoryResult{}, err
	}
	members := slices.Clone(heads)
	for _, h := range ids {
		members = append(members, copies[h]...)
	}
	return compare.StoredStory(ctx, s.st, id, members)
}

// compareWithOriginal compares the article id with the original it
// copies; news.ErrNotFound when it copies none.
func (s *Server) compareWithOriginal(ctx context.Context, id news.ArticleID) (compare.Result, error) {
	if _, err := s.st.Article(ctx, id); err != nil {
		return compare.Result{}, err
	}
	links, _, err := s.st.CopyLinks(ctx, id, maxLimit, 0)
	if err != nil {
		return compare.Result{}, err
	}
	orig, ok := compare.OriginalOf(id, links)
	if !ok {
		return compare.Result{}, fmt.Errorf("compare %s: it copies no stored article: %w", id, news.ErrNotFound)
	}
	return compare.Stored(ctx, s.st, orig, id)
}

func otherEnd(l news.CopyLink, id news.ArticleID) news.ArticleID {
	if l.Article == id {
		return l.Original
	}
	return l.Article
}

func (s *Server) loadQuotes(ctx context.Context, q url.Values, p listParams) (List[news.QuoteRef], error) {
	f, err := quoteFilter(q, p)
	if err != nil {
		return List[news.QuoteRef]{}, err
	}
	list, total, err := s.st.Quotes(ctx, f)
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
