// Package cluster groups articles into stories online, as they arrive, and
// links stories into storylines.
//
// A story is one real-world development: an event and its immediate
// follow-up. Add scores an article against the stories that share its most
// distinctive terms or names (an inverted index with bounded posting lists,
// a time window and a bounded number of candidates, so the work per article
// does not grow with the corpus). The score mixes the TF-IDF cosine of the
// article and the story's centroid with the cosine of their names (people,
// organisations, places) and decays with the gap between the article's date
// and the story's dates. The article joins the best story when the score
// reaches Options.Threshold and starts a new story otherwise. Copies join
// their original's story without scoring. Headlines and leads weigh more, as
// news puts what happened there.
//
// Refine, run after a batch, clusters everything again in a fixed order with
// the final statistics, then splits stories whose halves are clearly apart
// and merges stories by average linkage, until nothing changes. Its result
// depends on the set of articles, not on the order they came in.
//
// A storyline links stories about the same actors and conflict across weeks
// or years; Storylines builds them from the current stories.
//
// Every decision is explained (news.Assignment for articles, news.StoryLink
// for storylines), and people's corrections (Split, Merge, Move) are kept as
// pins that later articles and refinements respect (see Constraints).
//
// # Persisting and restarting
//
// The Clusterer is pure memory. A caller with a store keeps three things: the
// assignment of every article (from Add, then from Refine, which returns
// only the articles whose story changed), the Constraints after every
// Split, Merge or Move, and the articles themselves. After a restart it
// calls New, SetConstraints, then Restore for every stored article with its
// stored story: this costs reading the articles (about a third of Add, see
// BenchmarkRestore) and gives back the same stories, centroids and index.
// Replaying Add for every article and calling Refine also works and gives the
// same stories as a Refine over the same articles would, at the full cost.
//
// A Clusterer is not safe for concurrent use.
package cluster

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/summary"
)

// Entity is a name found in an article by the caller's recogniser.
type Entity struct {
	// Key is the canonical name, optionally prefixed by its type:
	// "PER:imran khan". Names are matched on the part after the prefix, so
	// keys with and without one (see GuessEntities) meet.
	Key   string
	Name  string          // display form ("Imran Khan"); optional
	Type  news.EntityType // "" when unknown
	Count int             // mentions in the article; 0 counts as 1
}

// Doc is an article as the clusterer needs it.
type Doc struct {
	ID        news.ArticleID
	Title     string
	Text      string
	Published time.Time // zero when unknown
	// Reported are the days the text says things happened on, other than
	// Published: the full dates it names. A report published weeks after
	// an event ("the trial of the man who shot two women on September 9,
	// 2010") or before it ("elections planned for December 15") is as
	// close in time to the event's story as the date it names. They count
	// only with a Published date.
	Reported []time.Time
	Entities []Entity // may be empty; see Options.GuessNames
	CopyOf   news.ArticleID
	// Opinion marks an opinion piece: a story is titled after a news
	// report's headline when it has one.
	Opinion bool
	// Counted says that the document is in the Frequencies given to
	// SetFrequencies already, so that adding it does not count it again.
	Counted bool

	counts    []feat // the text's term counts, when Prepare made them
	madeTitle bool   // Prepare made Title from the text: it had no headline
	headDone  bool   // Prepare set head and headFrom
	head      string // the headline shown (see summary.Headline)
	headFrom  summary.Source
}

// Options tunes a Clusterer. A zero field takes its default, listed with it.
type Options struct {
	// Threshold is the score an article needs to join a story (default 0.25).
	Threshold float64
	// NameWeight is the share of the name cosine in the score, 0..1, when
	// both sides have names (default 0.25); the rest is the term cosine.
	NameWeight float64
	// Grace is the date gap that costs nothing (default 2 days); beyond it
	// the score halves every HalfLife (default 14 days), and stories more
	// than Window away (default 60 days) are not considered: follow-ups of
	// one development come days to weeks apart. Undated articles and
	// stories are compared without decay.
	Grace, HalfLife, Window time.Duration
	// Candidates bounds the stories scored for one article (default 32).
	Candidates int
	// Linkage is the mean similarity between the members of two stories
	// that Refine needs to merge them (default 0.1). Cohesion is the share
	// of their mean similarity within (the geometric mean over the two,
	// each estimated with a prior so that a single article counts as a
	// typical story) that it must also reach (default 0.7): halves of one
	// story are about as close across as within, two similar events are not.
	// Stories dated within Grace of each other need 0.8 of Cohesion.
	Linkage, Cohesion float64
	// GuessNames makes Add find names with GuessEntities when a Doc has no
	// Entities.
	GuessNames bool

	// LinkThreshold is the score two stories need to share a storyline
	// (default 0.12). LinkHalfLife is the date gap over which that score
	// halves (default 5 years).
	LinkThreshold float64
	LinkHalfLife  time.Duration
}

func (o Options) withDefaults() Options {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defDur := func(v *time.Duration, d time.Duration) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.Threshold, 0.25)
	def(&o.NameWeight, 0.25)
	def(&o.LinkThreshold, 0.12)
	def(&o.Linkage, 0.1)
	def(&o.Cohesion, 0.7)
	defDur(&o.Grace, 2*day)
	defDur(&o.HalfLife, 14*day)
	defDur(&o.Window, 60*day)
	defDur(&o.LinkHalfLife, 5*365*day)
	if o.Candidates == 0 {
		o.Candidates = 32
	}
	return o
}

const day = 24 * time.Hour

// Bounds that keep the work per article constant.
const (
	storeTerms      = 128  // terms stored per article, the most frequent
	storeNames      = 48   // names stored per article, the most frequent
	maxDocTerms     = 64   // terms in an article's vector, the heaviest
	maxDocNames     = 24   // names in an article's vector, the heaviest
	maxCentroid     = 160  // terms (and names) kept per story centroid
	queryTerms      = 12   // terms of an article looked up in the index
	queryNames      = 8    // names of an article looked up in the index
	maxPosting      = 128  // most recent stories kept per index key
	maxStoryKeys    = 256  // index keys per story
	postingScanCost = 2048 // index entries read per article, at most
)

// Clusterer assigns articles to stories. Create one with New.
type Clusterer struct {
	opts  Options
	vocab *vocab

	docs    []doc
	byID    map[news.ArticleID]int32
	stories []story
	storyOf map[news.StoryID]int32 // live and merged stories by ID

	termPost map[uint32][]int32 // term -> stories, oldest first
	namePost map[uint32][]int32 // name -> stories, oldest first

	pins    map[news.ArticleID]news.StoryID
	copies  map[int32][]int32          // original -> its copies
	waiting map[news.ArticleID][]int32 // original not yet seen -> copies
	changed bool                       // stories changed since the last Storylines
	lines   []news.Storyline           // cached storylines
	lineOf  map[news.StoryID]news.StorylineID

	// units caches the articles' vectors while Refine runs; lastUnit is
	// the vector of article lastDoc until the frequencies change.
	units    []vec
	lastDoc  int32
	lastUnit vec

	// scratch space reused by Add: mark and accW are indexed by story,
	// valid where mark equals gen.
	counts   map[uint32]float32
	mark     []uint32
	accW     []float32
	gen      uint32
	candBuf  []feat
	raw      []feat
	rawNames []feat
}

type doc struct {
	id       news.ArticleID
	headline bool // the title is the article's own headline (see isHeadline)
	// head is the headline the story may be titled after, and rank how
	// good a title it makes (see headRank); display only, never a
	// feature.
	head      string
	rank      int8
	published time.Time
	reported  []time.Time // see Doc.Reported
	story     int32
	copyOf    int32  // index of the original, or -1
	terms     []feat // sublinear term frequencies, sorted by id
	names     []feat // sublinear name frequencies, sorted by id
}

type story struct {
	id         news.StoryID
	docs       []int32
	terms      centroid
	names      centroid
	begin, end time.Time
	dead       bool
	pinned     bool // holds articles pinned by a person
	keys       map[uint64]struct{}

	// counted is the number of members whose vectors are in the
	// centroids; pairTerms and pairNames sum the dot products of all pairs
	// of them, for average-linkage (see cohesion).
	counted              int32
	pairTerms, pairNames float64

	// whole records that bisect found no split in the story's members;
	// any change of members clears it.
	whole bool
}

// New returns an empty Clusterer.
func New(opts Options) *Clusterer {
	return &Clusterer{
		opts:     opts.withDefaults(),
		vocab:    newVocab(),
		byID:     make(map[news.ArticleID]int32),
		storyOf:  make(map[news.StoryID]int32),
		termPost: make(map[uint32][]int32),
		namePost: make(map[uint32][]int32),
		pins:     make(map[news.ArticleID]news.StoryID),
		copies:   make(map[int32][]int32),
		waiting:  make(map[news.ArticleID][]int32),
		counts:   make(map[uint32]float32),
		lastDoc:  -1,
	}
}

// Options returns the Clusterer's options, defaults filled in.
func (c *Clusterer) Options() Options { return c.opts }

// Add assigns doc to a story, new or existing, and says why. Adding an
// article a second time changes nothing and returns its current story.
func (c *Clusterer) Add(d Doc) news.Assignment {
	if i, ok := c.byID[d.ID]; ok {
		s := &c.stories[c.docs[i].story]
		return news.Assignment{Article: d.ID, Story: s.id, Reason: "already clustered"}
	}
	c.changed = true
	di := int32(len(c.docs))
	c.docs = append(c.docs, newDoc(d))
	c.byID[d.ID] = di

	// A copy of a known article joins its original's story as it is: its
	// text says nothing new and must not count twice in the statistics.
	if d.CopyOf != "" && d.CopyOf != d.ID {
		if oi, ok := c.byID[d.CopyOf]; ok {
			c.docs[di].copyOf = oi
			c.copies[oi] = append(c.copies[oi], di)
			si := c.docs[oi].story
			if pin, ok := c.pins[d.ID]; ok && c.stories[si].id != pin {
				// A person put the copy elsewhere; that wins.
				c.features(di, d)
				return c.pinned(di, pin)
			}
			c.join(si, di, false)
			return news.Assignment{Article: d.ID, Story: c.stories[si].id, Score: 1,
				Reason: fmt.Sprintf("copy of %s", d.CopyOf)}
		}
		c.waiting[d.CopyOf] = append(c.waiting[d.CopyOf], di)
	}

	c.features(di, d)
	if pin, ok := c.pins[d.ID]; ok {
		return c.pinned(di, pin)
	}
	// An original that arrives after its copies joins their story.
	if cps, ok := c.waiting[d.ID]; ok {
		delete(c.waiting, d.ID)
		si := c.docs[cps[0]].story
		for _, cp := range cps {
			// The copies counted as articles until now; the original
			// takes their place.
			if cs := &c.stories[c.docs[cp].story]; c.docs[cp].copyOf < 0 {
				c.removeVec(cs, c.unit(cp))
			}
			c.docs[cp].copyOf = di
		}
		c.copies[di] = append(c.copies[di], cps...)
		c.join(si, di, true)
		return news.Assignment{Article: d.ID, Story: c.stories[si].id, Score: 1,
			Reason: fmt.Sprintf("original of copy %s", c.docs[cps[0]].id)}
	}

	unit := c.unit(di)
	best, m := c.best(unit, at(d.Published, d.Reported), -1)
	if best >= 0 && m.score >= c.opts.Threshold {
		c.join(best, di, true)
		a := c.explain(di, best, m)
		a.Reason = fmt.Sprintf("joined: score %.2f >= %.2f (%s)", m.score, c.opts.Threshold, m.describe())
		return a
	}
	si := c.newStory(news.StoryID(d.ID))
	c.join(si, di, true)
	a := news.Assignment{Article: d.ID, Story: c.stories[si].id, New: true}
	if best < 0 {
		a.Reason = "new story: no earlier story shares a distinctive term or name"
		return a
	}
	b := c.explain(di, best, m)
	a.Score, a.SharedTerms, a.SharedEntities, a.DateGap = b.Score, b.SharedTerms, b.SharedEntities, b.DateGap
	a.Reason = fmt.Sprintf("new story: best candidate %s scored %.2f < %.2f (%s)",
		c.stories[best].id, m.score, c.opts.Threshold, m.describe())
	return a
}

// Rivals returns up to n stories, other than its own, that the article
// id (added before) scores at least frac of the threshold with, the best
// first. A full grouping, which clusters everything again in date order
// before it refines, may place the article or its neighbours with one of
// them; an incremental grouping, which regroups only the stories it
// reads, reads them too.
func (c *Clusterer) Rivals(id news.ArticleID, n int, frac float64) []news.StoryID {
	di, ok := c.byID[id]
	if !ok || n <= 0 {
		return nil
	}
	d := &c.docs[di]
	u, t := c.unit(di), at(d.published, d.reported)
	var ms []feat
	for _, si := range c.candidates(u, t, d.story) {
		if m := c.score(u, t, &c.stories[si], false); m.score >= frac*c.opts.Threshold {
			ms = append(ms, feat{uint32(si), float32(m.score)})
		}
	}
	return c.topStories(ms, n)
}

// topStories returns the IDs of the n stories of ms (story index, score) that
// score highest, ties by ID.
func (c *Clusterer) topStories(ms []feat, n int) []news.StoryID {
	slices.SortFunc(ms, func(a, b feat) int {
		return cmp.Or(cmp.Compare(b.w, a.w), cmp.Compare(c.stories[a.id].id, c.stories[b.id].id))
	})
	out := make([]news.StoryID, 0, min(n, len(ms)))
	for _, m := range ms[:min(n, len(ms))] {
		out = append(out, c.stories[m.id].id)
	}
	return out
}

// MergeRivals returns up to n other stories that story id may merge with
// when refined: those whose average linkage with it reaches frac of
// Options.Linkage, closest first. It judges by centroids and dates alone
// (the cohesion test of a merge needs the members), so that an
// incremental grouping, which knows the stories it may join by their
// kept centroids, reads the ones a full grouping might merge them with.
func (c *Clusterer) MergeRivals(id news.StoryID, n int, frac float64) []news.StoryID {
	si, ok := c.storyOf[id]
	if !ok || n <= 0 {
		return nil
	}
	s := &c.stories[si]
	if s.dead || s.counted == 0 {
		return nil
	}
	u := vec{terms: s.terms.unit(), names: s.names.unit()}
	var ms []feat
	for _, ti := range c.candidates(u, at(s.begin, nil), si) {
		if l := c.across(s, &c.stories[ti]); l >= frac*c.opts.Linkage {
			ms = append(ms, feat{uint32(ti), float32(l)})
		}
	}
	return c.topStories(ms, n)
}

// Restore adds an article straight into the story a store recorded for
// it, without scoring, creating the story when needed; a pin still wins. It
// rebuilds a Clusterer after a restart at the cost of reading the articles
// (see the package documentation).
func (c *Clusterer) Restore(d Doc, story news.StoryID) {
	if _, ok := c.byID[d.ID]; ok {
		return
	}
	c.changed = true
	di := int32(len(c.docs))
	c.docs = append(c.docs, newDoc(d))
	c.byID[d.ID] = di
	counted := true
	if oi, ok := c.byID[d.CopyOf]; ok && d.CopyOf != d.ID {
		c.docs[di].copyOf = oi
		c.copies[oi] = append(c.copies[oi], di)
		counted = false
	}
	c.features(di, d)
	if pin, ok := c.pins[d.ID]; ok {
		story = pin
	}
	si, ok := c.storyOf[story]
	if !ok || c.stories[si].dead {
		si = c.newStory(story)
	}
	if c.isPinned(d.ID) {
		c.stories[si].pinned = true
	}
	c.join(si, di, counted)
}

// pinned puts article di into the story a person pinned it to.
func (c *Clusterer) pinned(di int32, pin news.StoryID) news.Assignment {
	si, ok := c.storyOf[pin]
	if !ok || c.stories[si].dead {
		si = c.newStory(pin)
	}
	c.stories[si].pinned = true
	c.join(si, di, c.docs[di].copyOf < 0)
	return news.Assignment{Article: c.docs[di].id, Story: pin, Score: 1, Reason: "pinned to this story by a person"}
}

// Prepare does the part of Add's work that needs a document's text: it
// counts the words of its title and text and, with Options.GuessNames,
// guesses its names. It then drops d.Text: d keeps what Add needs, so a
// caller that holds many documents before adding them (to add them in
// another order, say) can prepare each as it comes, and Add(d) gives the
// same result as without Prepare. It is not safe to call concurrently
// with other methods.
func (c *Clusterer) Prepare(d *Doc) {
	if d.counts != nil {
		return
	}
	c.countText(*d)
	d.counts = make([]feat, 0, len(c.counts))
	for id, n := range c.counts {
		d.counts = append(d.counts, feat{id, n})
	}
	if len(d.Entities) == 0 && c.opts.GuessNames {
		d.Entities = GuessEntities(d.Title, d.Text)
	}
	// Names may be slices of the text: copies let the text go.
	ents := make([]Entity, len(d.Entities))
	for i, e := range d.Entities {
		e.Key, e.Name = strings.Clone(e.Key), strings.Clone(e.Name)
		ents[i] = e
	}
	d.Entities = ents
	d.head, d.headFrom = summary.Headline(d.Title, d.Text)
	d.head = strings.Clone(d.head)
	d.headDone = true
	d.madeTitle = !isHeadline(d.Title)
	d.Title = titleOf(*d)
	d.Text = ""
}

// countText sets c.counts to the term counts of d's title and text, the
// title and the lead weighing more.
func (c *Clusterer) countText(d Doc) {
	clear(c.counts)
	if isHeadline(d.Title) {
		c.vocab.countTerms(c.counts, d.Title, titleWeight, 0, 0)
	}
	c.vocab.countTerms(c.counts, d.Text, 1, leadWords, titleWeight)
}

// newDoc is the clusterer's record of d, in no story yet.
func newDoc(d Doc) doc {
	if !d.headDone {
		d.head, d.headFrom = summary.Headline(d.Title, d.Text)
		d.head = strings.Clone(d.head)
	}
	if d.head == "" {
		d.head = titleOf(d)
	}
	return doc{id: d.ID, headline: !d.madeTitle && isHeadline(d.Title), head: d.head, rank: headRank(d.headFrom, d.Opinion),
		published: d.Published, reported: d.Reported, story: -1, copyOf: -1}
}

// headRank ranks a headline as a story's title, best first: a news
// report's own headline, one made from a report's lead, an opinion
// piece's headline or lead, then banners in capitals (reports' first).
func headRank(from summary.Source, opinion bool) int8 {
	var r int8
	switch from {
	case summary.Written, summary.Lead:
		r = int8(from) // 0, 1; opinion 2, 3
		if opinion {
			r += 2
		}
	case summary.Banner:
		r = 4 // opinion 5
		if opinion {
			r++
		}
	default:
		r = 6
	}
	return r
}

// titleOf returns d's title, or when it has none (or only a dateline, see
// isHeadline) the first line of its text, cut short.
func titleOf(d Doc) string {
	t := strings.TrimSpace(d.Title)
	if !isHeadline(t) {
		t = strings.TrimSpace(d.Text)
		if i := strings.IndexByte(t, '\n'); i >= 0 {
			t = t[:i]
		}
		if len(t) > 120 {
			cut := strings.LastIndexByte(t[:120], ' ')
			if cut < 60 {
				cut = 120
			}
			t = t[:cut] + "…"
		}
	}
	return strings.Clone(t)
}

// features computes and stores the term and name frequencies of an article
// and counts them in the document frequencies (unless the Frequencies set
// count it already: Doc.Counted).
func (c *Clusterer) features(di int32, d Doc) {
	v := c.vocab
	c.lastDoc = -1
	ents := c.entities(d)
	terms, names := c.rawFeatures(d, ents)
	if v.fetch != nil {
		ids := make([]uint32, 0, len(terms))
		for _, f := range terms {
			ids = append(ids, f.id)
		}
		v.lookUpTerms(ids)
		ids = ids[:0]
		for _, f := range names {
			ids = append(ids, f.id)
		}
		v.lookUpNames(ids)
	}
	own := v.fetch == nil || !d.Counted
	if own {
		v.docs++
		for _, f := range terms {
			v.termDF[f.id]++
			v.termOwn[f.id]++
		}
		for _, f := range names {
			v.nameDF[f.id]++
			v.nameOwn[f.id]++
		}
	}
	c.docs[di].terms = c.keepFrequent(terms, v.stemOf, storeTerms)
	c.docs[di].names = c.keepFrequent(names, v.nameKey, storeNames)
	for _, e := range ents {
		if key := nameKey(e.Key); key != "" {
			if t := typeIndex(e.Type); t >= 0 {
				v.nameTypes[v.names[key]][t]++
			}
		}
	}
}

// entities returns d's names: its own, or guessed (see Options.GuessNames)
// when Prepare has not guessed them already.
func (c *Clusterer) entities(d Doc) []Entity {
	if len(d.Entities) == 0 && c.opts.GuessNames && d.counts == nil {
		return GuessEntities(d.Title, d.Text)
	}
	return d.Entities
}

// rawFeatures returns the sublinear term and name frequencies of d, in
// scratch space that the next call reuses.
func (c *Clusterer) rawFeatures(d Doc, ents []Entity) (terms, names []feat) {
	v := c.vocab
	if d.counts != nil {
		clear(c.counts)
		for _, f := range d.counts {
			c.counts[f.id] = f.w
		}
	} else {
		c.countText(d)
	}
	c.raw = sublinear(c.raw, c.counts)
	terms = c.raw
	clear(c.counts)
	for _, e := range ents {
		key := nameKey(e.Key)
		if key == "" {
			continue
		}
		show := e.Name
		if show == "" {
			show = key
		}
		c.counts[v.name(key, show)] += float32(max(e.Count, 1))
	}
	c.rawNames = sublinear(c.rawNames, c.counts)
	return terms, c.rawNames
}

// keepFrequent returns a copy of the n most frequent features of raw, sorted
// by id; ties go to the alphabetically first key (stem or canonical name),
// so that the choice does not depend on what came before.
func (c *Clusterer) keepFrequent(raw []feat, key []string, n int) []feat {
	out := slices.Clone(raw)
	if len(out) > n {
		slices.SortFunc(out, func(a, b feat) int {
			if a.w != b.w {
				return cmp.Compare(b.w, a.w)
			}
			return cmp.Compare(key[a.id], key[b.id])
		})
		out = out[:n]
		slices.SortFunc(out, func(a, b feat) int { return cmp.Compare(a.id, b.id) })
	}
	return out
}

// nameKey strips a type prefix ("PER:") from an entity key and lower-cases
// it.
func nameKey(key string) string {
	if i := strings.IndexByte(key, ':'); i > 0 && i <= 5 && strings.ToUpper(key[:i]) == key[:i] {
		key = key[i+1:]
	}
	return strings.ToLower(strings.TrimSpace(key))
}

func typeIndex(t news.EntityType) int {
	switch t {
	case news.Person:
		return 0
	case news.Organisation:
		return 1
	case news.Place:
		return 2
	case news.OtherName:
		return 3
	}
	return -1
}

// vec is an article's unit TF-IDF vectors under the current frequencies.
type vec struct {
	terms, names []feat
}

func (c *Clusterer) unit(di int32) vec {
	if c.units != nil {
		return c.units[di]
	}
	if di == c.lastDoc {
		return c.lastUnit
	}
	d := &c.docs[di]
	v := c.vocab
	u := vec{
		terms: unitTop(v.weigh(nil, d.terms, v.termDF, v.termTie), maxDocTerms),
		names: unitTop(v.weigh(nil, d.names, v.nameDF, v.nameTie), maxDocNames),
	}
	c.lastDoc, c.lastUnit = di, u
	return u
}

// unitTop keeps the n heaviest features of a weighted vector and scales
// them to unit length.
func unitTop(fs []feat, n int) []feat {
	return scaleUnit(topByWeight(fs, n))
}

// match is the score of an article against a story, with its parts.
type match struct {
	score, terms, names float64
	hasNames            bool
	gap                 time.Duration
	dated               bool
	decay               float64
}

func (m match) describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "terms %.2f", m.terms)
	if m.hasNames {
		fmt.Fprintf(&b, ", names %.2f", m.names)
	}
	switch {
	case !m.dated:
		b.WriteString(", undated")
	case m.gap == 0:
		b.WriteString(", same dates")
	default:
		fmt.Fprintf(&b, ", %s apart, decay %.2f", fmtGap(m.gap), m.decay)
	}
	return b.String()
}

func fmtGap(d time.Duration) string {
	if d < day {
		return fmt.Sprintf("%.0fh", d.Hours())
	}
	return fmt.Sprintf("%.0f days", d.Hours()/24)
}

// score compares a unit article vector with a story, leaving out the
// article's own contribution when self is set (it is a member).
func (c *Clusterer) score(u vec, t when, s *story, self bool) match {
	var m match
	m.terms = s.terms.cosine(u.terms, self)
	sim := m.terms
	if len(u.names) > 0 && len(s.names.fs) > 0 {
		m.hasNames = true
		m.names = s.names.cosine(u.names, self)
		w := c.opts.NameWeight
		sim = (1-w)*m.terms + w*m.names
	}
	m.decay = 1
	if !t.pub.IsZero() && !s.begin.IsZero() {
		m.dated = true
		m.gap = t.gapTo(s.begin, s.end)
		if m.gap > c.opts.Grace {
			m.decay = math.Exp2(-float64(m.gap-c.opts.Grace) / float64(c.opts.HalfLife))
		}
	}
	m.score = sim * m.decay
	return m
}

// when places an article in time: its publication date, and the days its
// text reports (Doc.Reported). The zero when is undated.
type when struct {
	pub      time.Time
	reported []time.Time
}

// at returns the when of an article published at pub that reports days.
func at(pub time.Time, reported []time.Time) when { return when{pub, reported} }

// gapTo is the distance from w to the span [begin, end]: the least of its
// publication date's and its reported days' distances.
func (w when) gapTo(begin, end time.Time) time.Duration {
	g := gapTo(w.pub, begin, end)
	for _, r := range w.reported {
		g = min(g, gapTo(r, begin, end))
	}
	return g
}

// gapTo is the distance from t to the span [begin, end].
func gapTo(t, begin, end time.Time) time.Duration {
	switch {
	case t.Before(begin):
		return begin.Sub(t)
	case t.After(end):
		return t.Sub(end)
	}
	return 0
}

// best finds the best story for a unit vector among the candidates the
// index offers, skipping story skip.
func (c *Clusterer) best(u vec, t when, skip int32) (int32, match) {
	best, bm := int32(-1), match{score: -1}
	for _, si := range c.candidates(u, t, skip) {
		m := c.score(u, t, &c.stories[si], false)
		if m.score > bm.score || (m.score == bm.score && c.stories[si].id < c.stories[best].id) {
			best, bm = si, m
		}
	}
	return best, bm
}

// candidates returns up to Options.Candidates live stories that share the
// most distinctive terms and names of u and are within the time window.
func (c *Clusterer) candidates(u vec, t when, skip int32) []int32 {
	for len(c.mark) < len(c.stories) {
		c.mark = append(c.mark, 0)
		c.accW = append(c.accW, 0)
	}
	c.gen++
	cands := c.candBuf[:0]
	// Stories out of the time window cost only a look; a story is judged
	// the first time it is met.
	budget, looks := postingScanCost, 4*postingScanCost
	scan := func(post map[uint32][]int32, fs []feat, n int) {
		for _, f := range heaviest(fs, n) {
			p := post[f.id]
			for k := len(p) - 1; k >= 0 && budget > 0 && looks > 0; k-- {
				looks--
				si := p[k]
				if c.mark[si] != c.gen {
					c.mark[si] = c.gen
					c.accW[si] = -1
					s := &c.stories[si]
					if !s.dead && si != skip &&
						(t.pub.IsZero() || s.begin.IsZero() || t.gapTo(s.begin, s.end) <= c.opts.Window) {
						c.accW[si] = 0
						cands = append(cands, feat{uint32(si), 0})
					}
				}
				if c.accW[si] >= 0 {
					budget--
					c.accW[si] += f.w
				}
			}
		}
	}
	scan(c.namePost, u.names, queryNames)
	scan(c.termPost, u.terms, queryTerms)
	for i := range cands {
		cands[i].w = c.accW[cands[i].id]
	}
	cands = topByWeight(cands, c.opts.Candidates)
	c.candBuf = cands
	out := make([]int32, len(cands))
	for i, x := range cands {
		out[i] = int32(x.id)
	}
	return out
}

// heaviest returns the n features of fs with the highest weights, without
// changing fs.
func heaviest(fs []feat, n int) []feat {
	if len(fs) <= n {
		return fs
	}
	cp := slices.Clone(fs)
	return topByWeight(cp, n)
}

func (c *Clusterer) newStory(id news.StoryID) int32 {
	// A live story keeps its ID; a retired one gives it up.
	taken := func(id news.StoryID) bool {
		si, ok := c.storyOf[id]
		return ok && !c.stories[si].dead
	}
	if taken(id) {
		base := id
		for k := 2; taken(id); k++ {
			id = news.StoryID(fmt.Sprintf("%s-%d", base, k))
		}
	}
	si := int32(len(c.stories))
	c.stories = append(c.stories, story{
		id:    id,
		terms: newCentroid(),
		names: newCentroid(),
		keys:  make(map[uint64]struct{}),
	})
	c.storyOf[id] = si
	return si
}

// join adds article di to story si; counted says whether its vector goes
// into the centroid (copies do not).
func (c *Clusterer) join(si, di int32, counted bool) {
	s := &c.stories[si]
	d := &c.docs[di]
	d.story = si
	s.docs = append(s.docs, di)
	s.whole = false
	if !d.published.IsZero() {
		if s.begin.IsZero() || d.published.Before(s.begin) {
			s.begin = d.published
		}
		if d.published.After(s.end) {
			s.end = d.published
		}
	}
	if !counted {
		return
	}
	u := c.unit(di)
	c.addVec(s, u)
	c.index(si, u)
}

// addVec adds a member's unit vectors to a story's sums.
func (c *Clusterer) addVec(s *story, u vec) {
	s.pairTerms += s.terms.dot(u.terms)
	s.pairNames += s.names.dot(u.names)
	s.terms.add(u.terms, 1)
	s.names.add(u.names, 1)
	s.counted++
}

// removeVec takes a member's unit vectors out of a story's sums.
func (c *Clusterer) removeVec(s *story, u vec) {
	s.terms.add(u.terms, -1)
	s.names.add(u.names, -1)
	s.pairTerms = max(0, s.pairTerms-s.terms.dot(u.terms))
	s.pairNames = max(0, s.pairNames-s.names.dot(u.names))
	s.counted--
}

// index posts story si under the heaviest terms and names of u.
func (c *Clusterer) index(si int32, u vec) {
	s := &c.stories[si]
	post := func(m map[uint32][]int32, fs []feat, n int, kind uint64) {
		for _, f := range heaviest(fs, n) {
			key := kind<<32 | uint64(f.id)
			if _, ok := s.keys[key]; ok || len(s.keys) >= maxStoryKeys {
				continue
			}
			s.keys[key] = struct{}{}
			p := append(m[f.id], si)
			if len(p) > 2*maxPosting {
				p = append(p[:0], p[len(p)-maxPosting:]...)
			}
			m[f.id] = p
		}
	}
	post(c.termPost, u.terms, queryTerms, 0)
	post(c.namePost, u.names, queryNames, 1)
}

// explain fills an assignment of di to story si with the terms and names
// that weigh most in match m.
func (c *Clusterer) explain(di, si int32, m match) news.Assignment {
	s := &c.stories[si]
	u := c.unit(di)
	a := news.Assignment{
		Article: c.docs[di].id,
		Story:   s.id,
		Score:   round(m.score),
		DateGap: m.gap,
	}
	a.SharedTerms = shared(u.terms, s.terms, 5, c.vocab.display)
	a.SharedEntities = shared(u.names, s.names, 5, c.vocab.nameShow)
	return a
}

// shared lists up to n features of u that contribute most to its cosine
// with cen, by display name.
func shared(u []feat, cen centroid, n int, show []string) []string {
	return sharedUnits(u, cen.fs, n, show)
}

func round(x float64) float64 { return math.Round(x*1000) / 1000 }
