package analysis

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/news"
)

// Stored is what an incremental grouping reads of a store: the articles it
// groups, the stored entities, and the indexes that find the copies and
// stories a new article may belong to.
type Stored interface {
	Source
	// ReplayOnly is Replay for the analyzed articles among ids.
	ReplayOnly(ctx context.Context, ids []news.ArticleID, fn func(news.Article, news.Analysis) error) error
	// ResolverEntitiesFor returns the stored entities, as a resolver
	// exported them, with one of ids or a name or alias whose matching
	// key (news.Entity.Keys) is one of keys.
	ResolverEntitiesFor(ctx context.Context, ids []news.EntityID, keys []string) ([]news.Entity, error)
	// CopyCandidates returns the articles filed under those of keys
	// (news.Analysis.CopyKeys) that hold at most perKey articles. A
	// store may stop filing articles under a key that holds many more.
	CopyCandidates(ctx context.Context, keys []uint32, perKey int) ([]news.ArticleID, error)
	// StoryCandidates returns at most limit stories filed under keys
	// (news.Story.Keys) whose dates come within window of at, those
	// sharing most keys first. Of each key it reads only the perKey most
	// recent stories within the window, so that a common key costs no
	// more than a rare one.
	StoryCandidates(ctx context.Context, keys []string, at time.Time, window time.Duration, perKey, limit int) ([]news.StoryID, error)
	// Signatures returns the copy signatures of those of ids that have
	// one.
	Signatures(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID][]byte, error)
	// StoriesOf returns the stories of the articles ids that are in one.
	StoriesOf(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.StoryID, error)
	// StoryCentroids returns the kept centroids (news.Story.Centroid) of
	// those of ids that have one.
	StoryCentroids(ctx context.Context, ids []news.StoryID) (map[news.StoryID][]byte, error)
	// StorylinesOf returns the storylines of those of ids that are in one.
	StorylinesOf(ctx context.Context, ids []news.StoryID) (map[news.StoryID]news.StorylineID, error)
	// StorylineCentroids returns the kept centroids of the limit
	// stories of a storyline that began last.
	StorylineCentroids(ctx context.Context, id news.StorylineID, limit int) ([][]byte, error)
	// Members returns the articles of stories.
	Members(ctx context.Context, stories []news.StoryID) ([]news.ArticleID, error)
	// Frequencies returns the stored document frequencies of keys.
	Frequencies(ctx context.Context, keys []string) (news.Frequencies, error)
}

// GroupBatch groups the stored articles batch, which are in no story yet,
// without replaying the store: it reads only what they may join. Their
// names are resolved by a resolver restored with the stored entities they
// may name; their copy candidates are the articles filed under their copy
// keys that are copies indeed; the stories they join are found by scoring
// them against the kept centroids of the stories filed under their most
// distinctive terms and names within the clusterer's time window. Those
// stories and copy groups, whole, make the working set, grouped with the
// batch under the frequencies of the whole store (so that weights are
// those a full grouping gives), refined, its storylines linked among
// themselves and to the stored storylines they continue. The grouping
// comes back scoped to the working set (news.Scope; the caller adds the
// storylines its stories were in, after Stabilize). Its cost grows with
// the batch and the stories it touches, not with the store.
func (an *Analyzer) GroupBatch(ctx context.Context, st Stored, batch []news.ArticleID) (news.Grouping, error) {
	b, err := an.readBatch(ctx, st, batch)
	if err != nil {
		return news.Grouping{}, fmt.Errorf("group batch: %w", err)
	}
	work, stories, err := an.workingSet(ctx, st, b)
	if err != nil {
		return news.Grouping{}, fmt.Errorf("group batch: %w", err)
	}
	g, err := an.groupWorkingSet(ctx, st, b, work)
	if err != nil {
		return news.Grouping{}, fmt.Errorf("group batch: %w", err)
	}
	if err := an.joinStorylines(ctx, st, &g, stories, b.index); err != nil {
		return news.Grouping{}, fmt.Errorf("group batch: %w", err)
	}
	g.Resolved = append(g.Resolved, b.resolved...)
	g.Entities, g.Redirects = b.entities, b.redirects
	g.Scope = &news.Scope{Articles: work, Stories: stories}
	return g, nil
}

// groupWorkingSet groups the articles work, the batch b among them, as a
// full grouping of them would, under the store's frequencies; the batch's
// names are resolved already, the others' were before.
func (an *Analyzer) groupWorkingSet(ctx context.Context, st Stored, b *batchRead, work []news.ArticleID) (news.Grouping, error) {
	decisions, err := st.Decisions(ctx)
	if err != nil {
		return news.Grouping{}, err
	}
	s, err := an.newSession(decisions, false)
	if err != nil {
		return news.Grouping{}, err
	}
	s.counted = map[news.ArticleID]bool{}
	for _, id := range work {
		if _, ok := b.index[id]; !ok {
			s.counted[id] = true
		}
	}
	s.cl.SetFrequencies(func(keys []string) (int, map[string]int, error) {
		f, err := st.Frequencies(ctx, keys)
		return f.Docs, f.DF, err
	})
	if err := st.ReplayOnly(ctx, work, func(a news.Article, fa news.Analysis) error {
		if i, ok := b.index[a.ID]; ok {
			fa.Mentions = b.mentions[i]
		}
		return s.Add(a, fa)
	}); err != nil {
		return news.Grouping{}, err
	}
	g := s.Grouping()
	if err := s.cl.Err(); err != nil {
		return news.Grouping{}, fmt.Errorf("frequencies: %w", err)
	}
	return g, nil
}

// How many stories filed under each key StoryCandidates reads, the most
// recent first: for the stories a new article may join, within the
// clusterer's window (storyKeyReads), and for the stored stories a story
// may link to, at any date (lineKeyReads). A key filed under more is
// common and weighs little; reading each key's list whole would make a
// common key cost what the store holds. Adding the same 1,000 generated
// articles to a store of a million, 64 and 128 put every one in the
// same story, and agree with a full regroup's stories at BCubed F1
// 1.000 and storylines at 0.806 and 0.809; 64 for both cut the CPU of
// adding 100 beyond analysing them from 0.69-0.71 s to 0.57-0.58
// (BenchmarkMarginal, STORYLINE_BENCH_STORES=1000000).
const (
	storyKeyReads = 64
	lineKeyReads  = 64
)

// Storyline linking outside a batch's scope.
const (
	joinCandidates = 24  // stored stories scored per story of the grouping
	joinLines      = 3   // stored storylines tried per storyline, best first
	joinStories    = 200 // a stored storyline's stories it is scored by, the latest
)

// joinStorylines finds, for each storyline of g that holds an article of
// the batch, a stored storyline outside the scope that it links to, and
// sets it to join that one (news.Storyline.Join). A full grouping links
// every pair of stories and merges storylines by average linkage; an
// incremental one links its own stories among themselves
// (Session.Grouping), then here scores each of its storylines against the
// stored storylines of the stories filed under their keys, best first, by
// the same average linkage. A storyline of stories the batch left as
// they were continues the stored one they were in (Stabilize gives it
// that ID), as linked as before: it is not scored again.
func (an *Analyzer) joinStorylines(ctx context.Context, st Stored, g *news.Grouping, scope []news.StoryID, batch map[news.ArticleID]int) error {
	in := map[news.StoryID]bool{}
	for _, s := range scope {
		in[s] = true
	}
	byID := map[news.StoryID]*news.Story{}
	for i := range g.Stories {
		byID[g.Stories[i].ID] = &g.Stories[i]
		in[g.Stories[i].ID] = true
	}
	return an.each(len(g.Storylines), func(i int) error {
		l := &g.Storylines[i]
		if !holdsAny(l.Stories, byID, batch) {
			return nil
		}
		probe := cluster.New(an.st.Cluster)
		var mine [][]byte
		for _, id := range l.Stories {
			if s := byID[id]; s != nil && len(s.Centroid) > 0 {
				mine = append(mine, s.Centroid)
			}
		}
		lines, err := an.lineCandidates(ctx, st, probe, *l, byID, in, batch)
		if err != nil {
			return err
		}
		for _, line := range lines {
			states, err := st.StorylineCentroids(ctx, line, joinStories)
			if err != nil {
				return err
			}
			if sc, err := probe.LineScore(mine, states); err == nil && sc >= probe.LinkThreshold() {
				l.Join = line
				return nil
			}
		}
		return nil
	})
}

// holdsAny reports whether one of the stories holds an article of batch.
func holdsAny(stories []news.StoryID, byID map[news.StoryID]*news.Story, batch map[news.ArticleID]int) bool {
	return slices.ContainsFunc(stories, func(id news.StoryID) bool { return holds(byID[id], batch) })
}

// holds reports whether the story s (nil for none) holds an article of
// batch.
func holds(s *news.Story, batch map[news.ArticleID]int) bool {
	if s == nil {
		return false
	}
	return slices.ContainsFunc(s.Articles, func(a news.ArticleID) bool { _, ok := batch[a]; return ok })
}

// lineCandidates returns up to joinLines stored storylines outside the
// scope (in) holding a story that links to a story of l holding an
// article of batch, by the best such link first. The links of l's other
// stories, which the batch left as they were, are kept in the storyline
// they were in (see Stabilize).
func (an *Analyzer) lineCandidates(ctx context.Context, st Stored, probe *cluster.Clusterer, l news.Storyline, byID map[news.StoryID]*news.Story, in map[news.StoryID]bool, batch map[news.ArticleID]int) ([]news.StorylineID, error) {
	best := map[news.StoryID]float64{}
	for _, id := range l.Stories {
		s := byID[id]
		if !holds(s, batch) || len(s.Centroid) == 0 {
			continue
		}
		cands, err := st.StoryCandidates(ctx, s.Keys, time.Time{}, 0, lineKeyReads, joinCandidates)
		if err != nil {
			return nil, err
		}
		cands = slices.DeleteFunc(cands, func(c news.StoryID) bool { return in[c] })
		states, err := st.StoryCentroids(ctx, cands)
		if err != nil {
			return nil, err
		}
		for _, c := range cands {
			if sc, err := probe.LinkScore(s.Centroid, states[c]); err == nil && sc >= probe.LinkThreshold() && sc > best[c] {
				best[c] = sc
			}
		}
	}
	stories := keysOf(best)
	slices.SortFunc(stories, func(a, b news.StoryID) int {
		return cmp.Or(cmp.Compare(best[b], best[a]), cmp.Compare(a, b))
	})
	of, err := st.StorylinesOf(ctx, stories)
	if err != nil {
		return nil, err
	}
	var out []news.StorylineID
	for _, s := range stories {
		if line := of[s]; line != "" && !slices.Contains(out, line) && len(out) < joinLines {
			out = append(out, line)
		}
	}
	return out, nil
}

// batchRead is a batch of articles read for GroupBatch, its names
// resolved against the stored entities.
type batchRead struct {
	arts      []news.Article
	analyses  []news.Analysis
	index     map[news.ArticleID]int
	mentions  [][]news.Mention // resolved, by article
	resolved  []news.MentionEntity
	entities  []news.Entity // those the batch names, and where redirects lead
	redirects map[news.EntityID]news.EntityID
}

// readBatch reads the batch and resolves its names.
func (an *Analyzer) readBatch(ctx context.Context, st Stored, ids []news.ArticleID) (*batchRead, error) {
	b := &batchRead{index: map[news.ArticleID]int{}}
	if err := st.ReplayOnly(ctx, ids, func(a news.Article, fa news.Analysis) error {
		b.index[a.ID] = len(b.arts)
		b.arts = append(b.arts, a)
		b.analyses = append(b.analyses, fa)
		return nil
	}); err != nil {
		return nil, err
	}
	b.mentions = make([][]news.Mention, len(b.arts))
	for i := range b.arts {
		b.mentions[i] = b.analyses[i].Mentions
	}
	if an.st.NewResolver == nil {
		return b, nil
	}
	stored, err := an.storedEntities(ctx, st, b)
	if err != nil {
		return nil, err
	}
	res, err := an.st.NewResolver(stored)
	if err != nil {
		return nil, err
	}
	b.resolve(res)
	return b, nil
}

// resolve resolves the batch's names with res, and keeps the entities they
// name and the redirects res made, for the store.
func (b *batchRead) resolve(res Resolver) {
	named := map[news.EntityID]bool{}
	for i, a := range b.arts {
		fa := b.analyses[i]
		ms := res.Resolve(a.ID, a.Text, slices.Clone(fa.Mentions))
		for k, m := range ms {
			named[m.Entity] = true
			if m.Entity != fa.Mentions[k].Entity {
				b.resolved = append(b.resolved, news.MentionEntity{Article: a.ID, Span: m.Span, Entity: m.Entity})
			}
		}
		b.mentions[i] = ms
	}
	b.redirects = res.Redirects()
	for _, to := range b.redirects {
		named[to] = true
	}
	for _, e := range res.Entities() {
		if named[e.ID] {
			b.entities = append(b.entities, e)
		}
	}
}

// storedEntities returns the stored entities the batch's mentions may
// resolve to: a fresh resolver resolves the batch first, and the stored
// entities with the IDs it finds, or with a name or alias that matches a
// name it saw, are those. Restoring only those keeps the cost of a batch
// independent of how many entities the store holds; the IDs of entities
// depend on their names, not on what was resolved before (see package
// entity), so a fresh resolver finds the same IDs but for acronyms and
// names that earlier articles defined, which the keys find.
func (an *Analyzer) storedEntities(ctx context.Context, st Stored, b *batchRead) ([]news.Entity, error) {
	fresh, err := an.st.NewResolver(nil)
	if err != nil {
		return nil, err
	}
	for i, a := range b.arts {
		fresh.Resolve(a.ID, a.Text, slices.Clone(b.analyses[i].Mentions))
	}
	var ids []news.EntityID
	var keys []string
	for _, e := range fresh.Entities() {
		ids = append(ids, e.ID)
		keys = append(keys, e.Keys...)
	}
	return st.ResolverEntitiesFor(ctx, ids, uniq(keys))
}

// workingSet returns the articles GroupBatch groups (the batch, its copy
// candidates and every article of the stories it may join or its
// candidates are in) and those stories.
func (an *Analyzer) workingSet(ctx context.Context, st Stored, b *batchRead) ([]news.ArticleID, []news.StoryID, error) {
	copies, err := an.copyCandidates(ctx, st, b)
	if err != nil {
		return nil, nil, err
	}
	of, err := st.StoriesOf(ctx, copies)
	if err != nil {
		return nil, nil, err
	}
	// A candidate in no story is in a later batch: it is grouped with
	// that one, and counted in the frequencies then.
	copies = slices.DeleteFunc(copies, func(id news.ArticleID) bool { _, ok := of[id]; return !ok })
	set := map[news.StoryID]bool{}
	for _, s := range of {
		set[s] = true
	}
	cands, err := an.storyCandidates(ctx, st, b)
	if err != nil {
		return nil, nil, err
	}
	for _, s := range cands {
		set[s] = true
	}
	stories := keysOf(set)
	slices.Sort(stories)
	members, err := st.Members(ctx, stories)
	if err != nil {
		return nil, nil, err
	}
	work := append(append(append([]news.ArticleID(nil), members...), copies...), keysOf(b.index)...)
	return uniq(work), stories, nil
}

// copyCandidates returns the stored articles that the batch's articles
// copy or are copied by: those filed under their copy keys that a copy
// index, given them and the batch, relates to an article of the batch.
func (an *Analyzer) copyCandidates(ctx context.Context, st Stored, b *batchRead) ([]news.ArticleID, error) {
	ix := dedup.NewIndex(an.st.Copies)
	sigs := make([]dedup.Signature, len(b.arts))
	var keys []uint32
	for i, fa := range b.analyses {
		if err := sigs[i].UnmarshalBinary(fa.Signature); err != nil || len(fa.Signature) == 0 {
			a := b.arts[i]
			sigs[i] = ix.Sign(dedup.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Published: a.Published})
		}
		keys = append(keys, ix.Keys(sigs[i])...)
	}
	cands, err := st.CopyCandidates(ctx, uniq(keys), ix.MaxPostings())
	if err != nil {
		return nil, err
	}
	stored, err := st.Signatures(ctx, cands)
	if err != nil {
		return nil, err
	}
	for _, id := range cands {
		var sig dedup.Signature
		if _, ok := b.index[id]; ok || sig.UnmarshalBinary(stored[id]) != nil {
			continue
		}
		if err := ix.Restore(dedup.Meta{ID: id}, sig); err != nil {
			return nil, err
		}
	}
	var out []news.ArticleID
	for i, a := range b.arts {
		links, err := ix.AddSigned(dedup.Meta{ID: a.ID}, sigs[i])
		if err != nil {
			return nil, err
		}
		for _, l := range links {
			for _, id := range []news.ArticleID{l.Article, l.Original} {
				if _, ok := b.index[id]; !ok {
					out = append(out, id)
				}
			}
		}
	}
	return uniq(out), nil
}

// storyCandidates returns the stories the batch's articles join: it
// finds the stories filed under each article's query keys, restores them
// from their kept centroids into a clusterer under the store's
// frequencies, and adds the batch to it, as a clusterer over the whole
// store would add it. A candidate without a kept centroid counts as
// joined.
func (an *Analyzer) storyCandidates(ctx context.Context, st Stored, b *batchRead) ([]news.StoryID, error) {
	probe := cluster.New(an.st.Cluster)
	probe.SetFrequencies(func(keys []string) (int, map[string]int, error) {
		f, err := st.Frequencies(ctx, keys)
		return f.Docs, f.DF, err
	})
	opts := probe.Options()
	docs := make([]cluster.Doc, len(b.arts))
	keys := make([][]string, len(b.arts))
	for i, a := range b.arts {
		pub := a.Published
		if a.DateSource == news.DateCopy || a.DateSource == news.DateInferred {
			pub = time.Time{}
		}
		docs[i] = cluster.Doc{ID: a.ID, Title: a.Title, Text: a.Text, Opinion: a.Kind == news.Opinion, Published: pub, Reported: reportedDays(b.analyses[i].Timexes, pub),
			Entities: clusterEntities(b.mentions[i])}
		probe.Prepare(&docs[i])
	}
	// The frequencies of every article's features in one look-up, not one
	// an article.
	var names []string
	for _, d := range docs {
		for _, e := range d.Entities {
			names = append(names, e.Key)
		}
	}
	probe.LoadFrequencies(names)
	for i := range docs {
		keys[i] = probe.QueryKeys(docs[i])
	}
	if err := probe.Err(); err != nil {
		return nil, err
	}
	found := make([][]news.StoryID, len(docs))
	if err := an.each(len(docs), func(i int) (err error) {
		// Stories near the days the article reports are candidates too.
		for _, sp := range spans(docs[i].Published, docs[i].Reported, opts.Window) {
			f, err := st.StoryCandidates(ctx, keys[i], sp.at, sp.window, storyKeyReads, opts.Candidates)
			if err != nil {
				return err
			}
			found[i] = append(found[i], f...)
		}
		return nil
	}); err != nil {
		return nil, err
	}
	cands := uniq(slices.Concat(found...))
	states, err := st.StoryCentroids(ctx, cands)
	if err != nil {
		return nil, err
	}
	var joined []news.StoryID
	for _, id := range cands {
		if err := probe.RestoreStory(id, states[id]); err != nil {
			joined = append(joined, id)
		}
	}
	for _, d := range docs {
		if a := probe.Add(d); !a.New {
			if _, ok := states[a.Story]; ok {
				joined = append(joined, a.Story)
			}
		}
	}
	// Refinement may move an article to a close rival of its story, or
	// merge the two: the rivals are read too.
	for _, d := range docs {
		for _, r := range probe.Rivals(d.ID, rivals, rivalShare) {
			if _, ok := states[r]; ok {
				joined = append(joined, r)
			}
		}
	}
	// And a story a new article joins may now merge with another stored
	// story that the article did not come close to: its closest such
	// story is read too.
	for _, id := range uniq(slices.Clone(joined)) {
		for _, r := range probe.MergeRivals(id, mergeRivals, mergeShare) {
			if _, ok := states[r]; ok {
				joined = append(joined, r)
			}
		}
	}
	return uniq(joined), probe.Err()
}

// The rivals of a new article's story that GroupBatch reads: up to
// rivals stories scoring at least rivalShare of the threshold. On ECB+
// (eval clustering --incremental 10, 25, 50, 100: a development figure)
// taking none agrees with a full grouping at BCubed F1 0.964-0.971,
// three at 0.3 at 0.974-0.982, five at 0.2 at 0.981-0.987; adding 100
// generated articles to 10,000 cost 0.55, 0.8 and 1.3 CPU seconds beyond
// analysing them (BenchmarkMarginal, a busy machine).
const (
	rivals     = 3
	rivalShare = 0.3
)

// The stories that a story a batch joins may merge with (MergeRivals)
// that GroupBatch reads too: the closest one whose linkage with it
// reaches the merge threshold. On ECB+ (the same development figure) it
// brought agreement with a full grouping from 0.974, 0.974, 0.980 and
// 0.982 at batches of 10, 25, 50 and 100 to 0.982, 0.981, 0.982 and
// 0.987; two, or a share of 0.8 or 0.5, agree no better, 1.2 agrees at
// 0.979-0.985.
const (
	mergeRivals = 1
	mergeShare  = 1.0
)

// span is a time window: at, give or take window.
type span struct {
	at     time.Time
	window time.Duration
}

// spans returns the windows around an article's publication date and the
// days it reports, as few as cover them: days whose windows overlap share
// one, so that an article that reports last Thursday and next Monday
// reads the stored stories once. Undated, it returns the zero span.
func spans(pub time.Time, reported []time.Time, window time.Duration) []span {
	if pub.IsZero() {
		return []span{{}}
	}
	days := slices.SortedFunc(slices.Values(append([]time.Time{pub}, reported...)), time.Time.Compare)
	var out []span
	for i := 0; i < len(days); {
		j := i + 1
		for j < len(days) && days[j].Sub(days[j-1]) <= 2*window {
			j++
		}
		half := days[j-1].Sub(days[i]) / 2
		out = append(out, span{at: days[i].Add(half), window: window + half})
		i = j
	}
	return out
}

// each calls fn for 0..n-1 on the analyzer's workers (the store's reads
// of a batch's candidates wait on SQLite, one core each), and returns the
// first error.
func (an *Analyzer) each(n int, fn func(i int) error) error {
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(an.workers, n) {
		wg.Go(func() {
			for i := range next {
				errs[i] = fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
	return errors.Join(errs...)
}

func keysOf[K comparable, V any](m map[K]V) []K {
	out := make([]K, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// uniq sorts xs and drops repeats.
func uniq[T interface{ ~string | ~uint32 }](xs []T) []T {
	slices.Sort(xs)
	return slices.Compact(xs)
}

// CopyKeys returns the copy keys of a stored signature (see
// news.Analysis.CopyKeys); none when it cannot be read.
func (an *Analyzer) CopyKeys(signature []byte) []uint32 {
	var sig dedup.Signature
	if err := sig.UnmarshalBinary(signature); err != nil || len(signature) == 0 {
		return nil
	}
	return an.signer.Keys(sig)
}
