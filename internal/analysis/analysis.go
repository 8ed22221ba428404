// Package analysis runs Storyline's analysis stages over stored articles.
//
// Two kinds of stage run here. Per-article stages (names, dates, quotes,
// events, the copy signature) look at one article alone: they run once,
// when the article is first stored, in parallel, and their findings are
// stored with it (Analyze). Cross-article stages (entity resolution, copy
// groups, stories, storylines) depend on every article: Group replays all
// analyzed articles, in the order they were stored, through the online
// resolver, copy index and story clusterer, refines, links storylines, and
// returns a grouping that replaces the stored one as a whole. Replaying
// from stored findings (no text is re-tagged) keeps that cheap, keeps the
// store the only state, and makes a killed run harmless: the next run
// analyzes what is missing and groups again.
package analysis

import (
	"context"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/quote"
)

// Tagger finds names in a text.
type Tagger interface {
	Tag(text string) []news.Mention
}

// Times finds temporal expressions and infers missing publication dates.
type Times interface {
	Find(text string, ref time.Time) []news.Timex
	// InferPublished infers when text was published from what it says;
	// near, when not zero, is the date of a related article (a copy, the
	// story's other articles), which settles years the text leaves open.
	InferPublished(text string, near time.Time) (time.Time, string, bool)
}

// Quotes finds quotes and their speakers.
type Quotes interface {
	Find(text string, mentions []news.Mention) []news.Quote
	// Attributed reports whether q gives the words of someone other than
	// the author; an opinion piece keeps only those.
	Attributed(q news.Quote, mentions []news.Mention) bool
}

// Kinds tells news reports from opinion pieces, with the evidence.
type Kinds interface {
	Kind(a news.Article) (news.ArticleKind, []string)
}

// Events finds events in a text.
type Events interface {
	Find(text string, mentions []news.Mention, times []news.Timex) []news.Event
}

// Resolver resolves mentions to entities across articles. Redirects
// returns the IDs that an earlier Resolve set and that now stand for
// another entity, with that entity's ID: a grouping saves them, and the
// store rewrites the mentions.
type Resolver interface {
	Resolve(article news.ArticleID, text string, mentions []news.Mention) []news.Mention
	Entities() []news.Entity
	Redirects() map[news.EntityID]news.EntityID
}

// Stages are the stages an Analyzer runs; a nil stage is skipped.
type Stages struct {
	Kinds  Kinds
	Tagger Tagger
	Times  Times
	Quotes Quotes
	Events Events
	// NewResolver returns a resolver for a grouping: a fresh one, or one
	// that goes on from the stored entities restore.
	NewResolver func(restore []news.Entity) (Resolver, error)
	// Cluster tunes the story clusterer.
	Cluster cluster.Options
	// Copies tunes the copy detector.
	Copies dedup.Options
}

// Analyzer runs the stages. It is safe for concurrent use.
type Analyzer struct {
	st      Stages
	signer  *dedup.Index // only signs; the grouping builds its own index
	workers int
}

// New returns an Analyzer running st.
func New(st Stages) *Analyzer {
	return &Analyzer{st: st, signer: dedup.NewIndex(st.Copies), workers: runtime.GOMAXPROCS(0)}
}

// Analyze runs the per-article stages over arts, in parallel, and returns
// one Analysis per article, in order. An article without a date gets one
// inferred from its text when the evidence is firm. The article's kind
// comes first: an opinion piece keeps only the quotes that give others'
// words.
func (an *Analyzer) Analyze(ctx context.Context, arts []news.Article) ([]news.Analysis, error) {
	out := make([]news.Analysis, len(arts))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(an.workers, len(arts)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = an.one(arts[i])
			}
		}()
	}
	for i := range arts {
		if ctx.Err() != nil {
			break
		}
		next <- i
	}
	close(next)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("analyze: %w", err)
	}
	return out, nil
}

// one analyzes a single article. A panic in a stage is contained: the
// article keeps what the other stages found. A long article is analysed
// in segments (see maxSegment), and each stage's findings are capped; the
// notes say where either happened.
func (an *Analyzer) one(a news.Article) news.Analysis {
	res := news.Analysis{Article: a.ID}
	guard := func(stage string, f func()) {
		defer func() {
			if r := recover(); r != nil {
				res.DateNote = fmt.Sprintf("%s stage failed: %v", stage, r)
			}
		}()
		f()
	}
	if an.st.Kinds != nil {
		guard("kind", func() { res.Kind, res.KindReasons = an.st.Kinds.Kind(a) })
	}
	segs := segments(a.Text, maxSegment)
	if len(segs) > 1 {
		res.Notes = append(res.Notes, fmt.Sprintf("analysed in %d segments of up to %d KiB", len(segs), maxSegment>>10))
	}
	ref := a.Published
	if an.st.Times != nil && ref.IsZero() && len(segs) > 0 {
		// A text dates itself near its top: a long one by its first segment.
		guard("dates", func() {
			if d, note, ok := an.st.Times.InferPublished(segs[0].text, time.Time{}); ok {
				res.Published, res.DateSource, res.DateNote = d, news.DateInferred, note
				ref = d
			}
		})
	}
	var found tally
	for _, seg := range segs {
		an.findIn(&res, &found, seg, ref, guard)
	}
	res.Notes = append(res.Notes, found.notes()...)
	guard("copies", func() {
		sig := an.signer.Sign(dedup.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
		res.Signature, _ = sig.MarshalBinary()
		res.CopyKeys = an.signer.Keys(sig)
	})
	return res
}

// findIn runs the stages that read the text over one segment and adds
// their findings to res, at the article's offsets and up to the caps,
// counting in found what each stage found. Dates are resolved against ref.
func (an *Analyzer) findIn(res *news.Analysis, found *tally, seg segment, ref time.Time, guard func(string, func())) {
	var ms []news.Mention
	var ts []news.Timex
	var qs []news.Quote
	var es []news.Event
	if an.st.Tagger != nil {
		guard("names", func() { ms = an.st.Tagger.Tag(seg.text) })
	}
	if an.st.Times != nil {
		guard("dates", func() { ts = an.st.Times.Find(seg.text, ref) })
	}
	if an.st.Quotes != nil {
		guard("quotes", func() { qs = an.st.Quotes.Find(seg.text, ms) })
	}
	if an.st.Events != nil {
		guard("events", func() { es = an.st.Events.Find(seg.text, ms, ts) })
	}
	if res.Kind == news.Opinion && len(qs) > 0 {
		// An opinion piece's own argument is no one's quote.
		guard("quotes", func() {
			qs = slices.DeleteFunc(qs, func(q news.Quote) bool { return !an.st.Quotes.Attributed(q, ms) })
		})
	}
	found.mentions += len(ms)
	found.timexes += len(ts)
	found.quotes += len(qs)
	found.events += len(es)
	// Events first: their dates may point at the segment's timexes, which
	// shiftTimexes copies.
	res.Events = append(res.Events, shiftEvents(upTo(es, maxEvents-len(res.Events)), seg.start)...)
	res.Quotes = append(res.Quotes, shiftQuotes(upTo(qs, maxQuotes-len(res.Quotes)), seg.start)...)
	res.Timexes = append(res.Timexes, shiftTimexes(upTo(ts, maxTimexes-len(res.Timexes)), seg.start)...)
	res.Mentions = append(res.Mentions, shiftMentions(upTo(ms, maxMentions-len(res.Mentions)), seg.start)...)
}

// Kind classifies a stored article again, with what was found in it
// (fa): the result holds its kind and the reasons, and for an opinion
// piece the quotes of fa that give others' words. Without a Kinds stage
// the kind stays unknown.
func (an *Analyzer) Kind(a news.Article, fa news.Analysis) news.Analysis {
	res := news.Analysis{Article: a.ID}
	if an.st.Kinds == nil {
		return res
	}
	res.Kind, res.KindReasons = an.st.Kinds.Kind(a)
	if res.Kind == news.Opinion && an.st.Quotes != nil {
		for _, q := range fa.Quotes {
			if an.st.Quotes.Attributed(q, fa.Mentions) {
				res.Quotes = append(res.Quotes, q)
			}
		}
	}
	return res
}

// Source replays stored articles for Group.
type Source interface {
	// Replay calls fn with every analyzed article, in the order stored,
	// with its mentions and copy signature.
	Replay(ctx context.Context, fn func(news.Article, news.Analysis) error) error
	// Decisions returns people's corrections of earlier groupings.
	Decisions(ctx context.Context) ([]news.Decision, error)
}

// Group derives copies, entities, stories and storylines from every
// analyzed article in src.
func (an *Analyzer) Group(ctx context.Context, src Source) (news.Grouping, error) {
	decisions, err := src.Decisions(ctx)
	if err != nil {
		return news.Grouping{}, fmt.Errorf("group: %w", err)
	}
	s, err := an.NewSession(decisions)
	if err != nil {
		return news.Grouping{}, err
	}
	if err := src.Replay(ctx, func(a news.Article, fa news.Analysis) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		return s.Add(a, fa)
	}); err != nil {
		return news.Grouping{}, fmt.Errorf("group: %w", err)
	}
	return s.Grouping(), nil
}

// A Session derives a grouping from articles handed to it one at a time,
// in the order they were stored. What can be done per article (resolving
// names, finding copies, reading the text for clustering) happens in Add,
// so that a session can keep up with an ingest while it runs; the rest
// waits for Grouping. Given the same articles in the same order, a session
// gives the grouping that Group gives. A Session is not safe for
// concurrent use.
type Session struct {
	an     *Analyzer
	res    Resolver
	ix     *dedup.Index
	cl     *cluster.Clusterer
	g      news.Grouping // Resolved, until Grouping
	recs   []rec
	index  map[news.ArticleID]int
	quotes []storedQuote
	events []event.Ref
	done   bool
	// counted holds the articles that the clusterer's Frequencies count
	// already, in an incremental grouping (see GroupBatch).
	counted map[news.ArticleID]bool
}

// NewSession starts a grouping that honours people's decisions.
func (an *Analyzer) NewSession(decisions []news.Decision) (*Session, error) {
	return an.newSession(decisions, true)
}

// newSession starts a session, with a fresh resolver when resolve is set.
func (an *Analyzer) newSession(decisions []news.Decision, resolve bool) (*Session, error) {
	s := &Session{an: an, ix: dedup.NewIndex(an.st.Copies), cl: cluster.New(an.st.Cluster), index: map[news.ArticleID]int{}}
	if resolve && an.st.NewResolver != nil {
		var err error
		if s.res, err = an.st.NewResolver(nil); err != nil {
			return nil, fmt.Errorf("group: %w", err)
		}
	}
	s.cl.SetConstraints(cluster.Constraints{Pins: newPins(decisions)})
	return s, nil
}

// Add adds an analyzed article. An article added before is ignored, so a
// caller may replay a store while new articles arrive.
func (s *Session) Add(a news.Article, fa news.Analysis) error {
	if s.done {
		return fmt.Errorf("group %s: %w: the session's grouping is made", a.ID, news.ErrInvalid)
	}
	if _, ok := s.index[a.ID]; ok {
		return nil
	}
	ms := fa.Mentions
	if s.res != nil {
		ms = s.res.Resolve(a.ID, a.Text, slices.Clone(ms))
		for i, m := range ms {
			if m.Entity != fa.Mentions[i].Entity {
				s.g.Resolved = append(s.g.Resolved, news.MentionEntity{Article: a.ID, Span: m.Span, Entity: m.Entity})
			}
		}
	}
	// What the session keeps owns its strings: those of a fresh analysis
	// are slices of the article's text, which must not stay alive with them.
	var sp *speakers
	if len(fa.Quotes) > 0 {
		sp = newSpeakers(ms)
	}
	for _, q := range fa.Quotes {
		s.quotes = append(s.quotes, storedQuote{article: a.ID, span: q.Span, text: strings.Clone(q.Text),
			group: q.Group, stored: q.Entity, entity: sp.entity(q.Speaker)})
	}
	for _, e := range fa.Events {
		e.Trigger, e.Actor, e.Target, e.Place = strings.Clone(e.Trigger), strings.Clone(e.Actor), strings.Clone(e.Target), strings.Clone(e.Place)
		if e.When != nil {
			w := *e.When
			w.Text = strings.Clone(w.Text)
			e.When = &w
		}
		s.events = append(s.events, event.Ref{Event: e, Article: a.ID, Published: a.Published})
	}
	var sig dedup.Signature
	if err := sig.UnmarshalBinary(fa.Signature); err != nil || len(fa.Signature) == 0 {
		sig = s.ix.Sign(dedup.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
	}
	// Inherited and inferred dates do not steer copies and stories: an
	// inherited one is derived again below, an inferred one may be off by
	// days.
	pub := a.Published
	if a.DateSource == news.DateCopy || a.DateSource == news.DateInferred {
		pub = time.Time{}
	}
	// Originals are chosen by day: an outlet that gives only a date is not
	// earlier than one that gives the hour of the same day, and on one day
	// the fuller text wins.
	if _, err := s.ix.AddSigned(dedup.Meta{ID: a.ID, Published: pub.Truncate(24 * time.Hour)}, sig); err != nil {
		return fmt.Errorf("copies of %s: %w", a.ID, err)
	}
	r := rec{id: a.ID, published: pub,
		doc: cluster.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Opinion: a.Kind == news.Opinion || fa.Kind == news.Opinion, Published: pub, Reported: reportedDays(fa.Timexes, pub),
			Entities: clusterEntities(ms), Counted: s.counted[a.ID]}}
	// Stories are made in Grouping, once copies are known; the text is
	// read now, and kept only where a date may have to be inferred from it
	// (not where one was inferred already).
	s.cl.Prepare(&r.doc)
	if pub.IsZero() && a.DateSource != news.DateInferred {
		r.text = a.Text
		if len(fa.Events) > 0 {
			r.mentions = ms
		}
	}
	s.index[a.ID] = len(s.recs)
	s.recs = append(s.recs, r)
	return nil
}

// Grouping finishes the session: it groups copies, makes stories and
// storylines, infers dates from related articles, merges entities and
// groups quotes and events. It may be called once.
func (s *Session) Grouping() news.Grouping {
	s.done = true
	g, recs, ix, cl := s.g, s.recs, s.ix, s.cl
	s.recs = nil
	// Copy groups: every copy links to its group's original.
	copyOf := map[news.ArticleID]news.ArticleID{}
	for _, grp := range ix.Groups() {
		for _, m := range grp.Members {
			copyOf[m.ID] = grp.Original
			g.Copies = append(g.Copies, news.CopyLink{Article: m.ID, Original: grp.Original, Kind: m.Kind, Similarity: m.Similarity})
			if r := recs[s.index[m.ID]]; r.published.IsZero() && !grp.Published.IsZero() {
				g.Inherited = append(g.Inherited, news.Analysis{Article: m.ID, Published: grp.Published,
					DateSource: news.DateCopy, DateNote: fmt.Sprintf("not before its original %s, published %s", grp.Original, grp.Published.Format("2006-01-02"))})
			}
		}
	}
	// Stories, online in stored order, originals before their copies.
	order := make([]int, len(recs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		ca, cb := copyOf[recs[a].id] != "", copyOf[recs[b].id] != ""
		switch {
		case ca == cb:
			return 0
		case cb:
			return -1
		}
		return 1
	})
	if s.counted != nil {
		var names []string
		for _, r := range recs {
			for _, e := range r.doc.Entities {
				names = append(names, e.Key)
			}
		}
		cl.LoadFrequencies(names)
	}
	assigned := map[news.ArticleID]news.Assignment{}
	for _, i := range order {
		r := &recs[i]
		r.doc.CopyOf = copyOf[r.id]
		assigned[r.id] = cl.Add(r.doc)
		r.doc = cluster.Doc{}
	}
	for _, a := range cl.Refine() {
		assigned[a.Article] = a
	}
	g.Inherited = append(g.Inherited, s.an.inferDates(recs, assigned, ix)...)
	redated := s.redateEvents(recs, g.Inherited)
	for _, r := range recs {
		g.Assignments = append(g.Assignments, assigned[r.id])
	}
	g.Stories = cl.Stories()
	g.Storylines = cl.Storylines()
	docs, df := cl.Counted()
	g.Frequencies = news.Frequencies{Replace: s.counted == nil, Docs: docs, DF: df}
	storyline := map[news.StoryID]news.StorylineID{}
	for _, l := range g.Storylines {
		for _, s := range l.Stories {
			storyline[s] = l.ID
		}
	}
	for i := range g.Stories {
		g.Stories[i].Storyline = storyline[g.Stories[i].ID]
	}
	if s.res != nil {
		g.Entities = s.res.Entities()
		g.Redirects = s.res.Redirects()
	}
	// Quote and event groups are independent: find them side by side.
	var wg sync.WaitGroup
	wg.Go(func() { g.QuoteGroups = groupQuotes(s.quotes, assigned) })
	g.EventGroups = groupEvents(s.events, assigned, redated)
	wg.Wait()
	return g
}

// groupEvents groups the event mentions of each story that report one
// real-world event, and returns those whose group changed.
func groupEvents(all []event.Ref, assigned map[news.ArticleID]news.Assignment, redated map[news.ArticleID]bool) []news.EventRef {
	byStory := map[news.StoryID][]event.Ref{}
	var order []news.StoryID
	for _, r := range all {
		st := assigned[r.Article].Story
		if _, ok := byStory[st]; !ok {
			order = append(order, st)
		}
		byStory[st] = append(byStory[st], r)
	}
	var changed []news.EventRef
	for _, st := range order {
		for _, refs := range eventBuckets(byStory[st]) {
			changed = append(changed, groupBucket(refs, redated)...)
		}
	}
	return changed
}

// maxEventBucket bounds the event mentions grouped together: grouping
// compares every pair, and mentions of one event are few and close in
// time, so a big story's mentions are grouped in slices of this many.
const maxEventBucket = 256

// eventBuckets splits a story's event mentions by type (only mentions of
// one type can report one event) and then, in time order, into slices of
// at most maxEventBucket.
func eventBuckets(refs []event.Ref) [][]event.Ref {
	byType := map[news.EventType][]event.Ref{}
	var types []news.EventType
	for _, r := range refs {
		if _, ok := byType[r.Event.Type]; !ok {
			types = append(types, r.Event.Type)
		}
		byType[r.Event.Type] = append(byType[r.Event.Type], r)
	}
	var out [][]event.Ref
	for _, t := range types {
		rs := byType[t]
		if len(rs) > maxEventBucket {
			slices.SortStableFunc(rs, func(a, b event.Ref) int { return a.Published.Compare(b.Published) })
		}
		for len(rs) > maxEventBucket {
			out = append(out, rs[:maxEventBucket])
			rs = rs[maxEventBucket:]
		}
		out = append(out, rs)
	}
	return out
}

// groupBucket groups one bucket and returns the mentions whose group
// changed, and those of the redated articles, whose dates changed.
func groupBucket(refs []event.Ref, redated map[news.ArticleID]bool) []news.EventRef {
	var changed []news.EventRef
	for _, grp := range event.Group(refs) {
		key := "e-" + event.GroupKey(refs, grp)
		for _, i := range grp {
			if refs[i].Event.Group != key || redated[refs[i].Article] {
				e := refs[i].Event
				e.Group = key
				changed = append(changed, news.EventRef{Event: e, Article: news.Summary{ID: refs[i].Article}})
			}
		}
	}
	return changed
}

type storedQuote struct {
	article news.ArticleID
	span    news.Span
	text    string        // the quote's words, to compare
	group   string        // its stored group
	stored  news.EntityID // its speaker's stored entity
	entity  news.EntityID // the speaker's entity, as resolved now
}

// speakers finds the entity of a quote's speaker among an article's
// resolved mentions: a mention with the same name (case aside), or else the
// first person mention whose name ends with the speaker's ("Kirby" for
// "John Kirby") or the speaker's with its name ("John Kirby" for "Kirby").
// It indexes the mentions once, so that an article's quotes cost time
// linear in its quotes and mentions, not their product.
type speakers struct {
	exact  map[string]news.EntityID // any mention's name
	person map[string]int           // a person mention's name: its first index
	suffix map[string]int           // a word-aligned tail of a person mention's name: its first index
	ids    []news.EntityID          // by mention index
}

func newSpeakers(ms []news.Mention) *speakers {
	sp := &speakers{exact: map[string]news.EntityID{}, person: map[string]int{}, suffix: map[string]int{}}
	for _, m := range ms {
		if m.Entity == "" {
			continue
		}
		t := strings.ToLower(m.Text)
		if _, ok := sp.exact[t]; !ok {
			sp.exact[t] = m.Entity
		}
		if m.Type != news.Person {
			continue
		}
		i := len(sp.ids)
		sp.ids = append(sp.ids, m.Entity)
		if _, ok := sp.person[t]; !ok {
			sp.person[t] = i
		}
		for j := range len(t) {
			if t[j] == ' ' {
				if _, ok := sp.suffix[t[j+1:]]; !ok {
					sp.suffix[t[j+1:]] = i
				}
			}
		}
	}
	return sp
}

// entity returns the entity of speaker, or "" if no mention matches.
func (sp *speakers) entity(speaker string) news.EntityID {
	if speaker == "" {
		return ""
	}
	s := strings.ToLower(strings.TrimSpace(speaker))
	if e, ok := sp.exact[s]; ok {
		return e
	}
	best := -1
	if i, ok := sp.suffix[s]; ok {
		best = i
	}
	for j := range len(s) {
		if s[j] != ' ' {
			continue
		}
		if i, ok := sp.person[s[j+1:]]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return ""
	}
	return sp.ids[best]
}

// groupQuotes groups the quotes of each story (the same words, or
// reworded, in several articles) and returns the quotes whose group
// changed. A group's ID is that of its first quote, so it is stable.
// maxQuoteBucket bounds the quotes of a story grouped together, in stored
// order: the same quote is carried by articles published close together.
const maxQuoteBucket = 1024

func groupQuotes(all []storedQuote, assigned map[news.ArticleID]news.Assignment) []news.QuoteRef {
	// Stories hold indexes into all: a quote is a large value to copy.
	byStory := map[news.StoryID][]int32{}
	var order []news.StoryID
	for i, sq := range all {
		st := assigned[sq.article].Story
		if _, ok := byStory[st]; !ok {
			order = append(order, st)
		}
		byStory[st] = append(byStory[st], int32(i))
	}
	var changed []news.QuoteRef
	var texts []string
	for _, st := range order {
		for qs := byStory[st]; len(qs) > 0; {
			chunk := qs[:min(len(qs), maxQuoteBucket)]
			qs = qs[len(chunk):]
			texts = texts[:0]
			for _, i := range chunk {
				texts = append(texts, all[i].text)
			}
			for _, grp := range quote.Group(texts) {
				first := all[chunk[grp[0]]]
				id := fmt.Sprintf("q-%s-%d", first.article, first.span.Start)
				for _, k := range grp {
					if q := &all[chunk[k]]; q.group != id || q.stored != q.entity {
						changed = append(changed, news.QuoteRef{Quote: news.Quote{Span: q.span, Group: id, Entity: q.entity}, Article: news.Summary{ID: q.article}})
					}
				}
			}
		}
	}
	return changed
}

// rec is what Group keeps of an article while it groups.
type rec struct {
	id        news.ArticleID
	published time.Time      // zero for unknown, inherited and inferred dates
	doc       cluster.Doc    // prepared, until it is clustered
	text      string         // of an article whose date inferDates may infer
	mentions  []news.Mention // of such an article with events, resolved
}

// redateEvents dates again the events of the articles that the grouping
// gave a date (dated holds their analyses): their dates were found before
// the article had one, so "on October 7-8" had no year and the event no
// date. It finds the article's dates and events again against the new
// date and takes the events' dates from there, matching events by
// sentence, type and trigger. It returns the articles whose events it
// dated; an article analysed in segments keeps its events as they are.
func (s *Session) redateEvents(recs []rec, dated []news.Analysis) map[news.ArticleID]bool {
	if s.an.st.Times == nil || s.an.st.Events == nil || len(dated) == 0 {
		return nil
	}
	date := map[news.ArticleID]time.Time{}
	for _, d := range dated {
		date[d.Article] = d.Published
	}
	type key struct {
		sent    int
		typ     news.EventType
		trigger string
	}
	refs := map[news.ArticleID][]int{}
	for i, r := range s.events {
		if _, ok := date[r.Article]; ok {
			refs[r.Article] = append(refs[r.Article], i)
		}
	}
	out := map[news.ArticleID]bool{}
	for _, r := range recs {
		d, ok := date[r.id]
		if !ok || len(refs[r.id]) == 0 || r.text == "" || len(r.text) > maxSegment {
			continue
		}
		found := map[key]*news.Timex{}
		for _, e := range s.an.st.Events.Find(r.text, r.mentions, s.an.st.Times.Find(r.text, d)) {
			found[key{e.Sentence.Start, e.Type, e.Trigger}] = e.When
		}
		for _, i := range refs[r.id] {
			e := &s.events[i].Event
			if w := found[key{e.Sentence.Start, e.Type, e.Trigger}]; w != nil && e.When == nil {
				e.When = w
				out[r.id] = true
			}
		}
	}
	return out
}

// inferDates infers the publication dates of undated articles that the
// per-article stage could not date alone, with the date of a related
// article as a hint: a dated member of its copy group, else the earliest
// dated article of its story.
func (an *Analyzer) inferDates(recs []rec, assigned map[news.ArticleID]news.Assignment, ix *dedup.Index) []news.Analysis {
	if an.st.Times == nil {
		return nil
	}
	storyDate := map[news.StoryID]time.Time{}
	for _, r := range recs {
		if r.published.IsZero() {
			continue
		}
		st := assigned[r.id].Story
		if d, ok := storyDate[st]; !ok || r.published.Before(d) {
			storyDate[st] = r.published
		}
	}
	var out []news.Analysis
	for _, r := range recs {
		if r.text == "" { // dated, or inferred already
			continue
		}
		var near time.Time
		if grp, ok := ix.Group(r.id); ok {
			for _, m := range append([]dedup.Member{{ID: grp.Original, Published: grp.Published}}, grp.Members...) {
				if !m.Published.IsZero() && (near.IsZero() || m.Published.Before(near)) {
					near = m.Published
				}
			}
		}
		if near.IsZero() {
			near = storyDate[assigned[r.id].Story]
		}
		if near.IsZero() {
			continue
		}
		if d, note, ok := an.st.Times.InferPublished(r.text, near); ok {
			out = append(out, news.Analysis{Article: r.id, Published: d, DateSource: news.DateInferred,
				DateNote: note})
		}
	}
	return out
}

// maxReported bounds the reported days an article is placed by: a few
// name the events it reports; a long list is a chronology.
const maxReported = 8

// reportedDays returns the days other than pub, at most maxReported, that
// the dates of an article published at pub name to the day: the
// clusterer places it near them too (cluster.Doc.Reported). A date
// resolved against an inferred or inherited publication date is no
// evidence of its own, so an article without pub reports none.
func reportedDays(ts []news.Timex, pub time.Time) []time.Time {
	if pub.IsZero() {
		return nil
	}
	var out []time.Time
	for _, x := range ts {
		if x.Type != "DATE" || x.Precision != news.Day || x.Begin.IsZero() {
			continue
		}
		d := x.Begin.Truncate(24 * time.Hour)
		if d.Equal(pub.Truncate(24*time.Hour)) || slices.ContainsFunc(out, d.Equal) {
			continue
		}
		if out = append(out, d); len(out) == maxReported {
			break
		}
	}
	return out
}

// clusterEntities turns resolved mentions into the clusterer's names,
// counted per entity.
//
// The key is the entity's ID without its type ("estavia" for
// "loc-estavia"): a tagger may call one name a place in one article and an
// organisation in the next, and the resolver joins such entities only when
// it exports them (see entity.Resolver.Entities), after the clusterer has
// seen the articles. Names still differ by the country the gazetteer put a
// place in ("norland-us").
func clusterEntities(ms []news.Mention) []cluster.Entity {
	count := map[string]int{}
	var out []cluster.Entity
	for _, m := range ms {
		key := m.Entity.Untyped()
		if key == "" {
			key = string(m.Type) + ":" + m.Text
		}
		if count[key] == 0 {
			out = append(out, cluster.Entity{Key: key, Name: m.Text, Type: m.Type})
		}
		count[key]++
	}
	for i := range out {
		out[i].Count = count[out[i].Key]
	}
	return out
}
