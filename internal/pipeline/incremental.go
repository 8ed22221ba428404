package pipeline

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// groupChunk is the most articles one incremental grouping takes: a
// larger ingest is grouped a chunk at a time, each with its working set.
const groupChunk = 1000

// incremental reports whether an ingest into the store groups what it
// adds incrementally: when the store holds articles and the indexes for
// them. An empty store (a first, bulk ingest) and one upgraded from before
// the indexes are grouped whole, which builds the indexes.
func (p *Pipeline) incremental(ctx context.Context) (bool, error) {
	if err := p.keyPending(ctx); err != nil {
		return false, err
	}
	ok, err := p.st.GroupingIndexed(ctx)
	if err != nil || !ok {
		return false, err
	}
	n, err := p.st.CountUpTo(ctx, 1)
	return n > 0, err
}

// ingestIncremental stores and analyses the items, then groups the
// articles added (and any that a killed run left in no story) without
// replaying the store (see groupNew). An ingest that adds more articles
// than the store held is grouped whole instead: replaying is then the
// cheaper way.
func (p *Pipeline) ingestIncremental(ctx context.Context, items iter.Seq2[source.Item, error], opts ingest.Options) (ingest.Summary, error) {
	if _, err := p.analyzePending(ctx); err != nil {
		return ingest.Summary{}, fmt.Errorf("analyze: %w", err)
	}
	var added []news.ArticleID
	var notes []error
	opts.Added = func(runCtx context.Context, arts []news.Article) error {
		res, err := p.AnalyzeAndSave(runCtx, arts)
		if err != nil {
			return err
		}
		notes = append(notes, analysisNotes(arts, res)...)
		for _, a := range arts {
			added = append(added, a.ID)
		}
		return nil
	}
	sum, err := ingest.Run(ctx, items, p.st, opts)
	sum.Warnings = append(sum.Warnings, notes...)
	if err != nil {
		return sum, err
	}
	// The store held fewer than it took when it now holds fewer than
	// twice as many; counting that far costs what the ingest added.
	n, err := p.st.CountUpTo(ctx, 2*len(added))
	if err != nil {
		return sum, err
	}
	if n < 2*len(added) {
		return sum, p.regroupAll(ctx)
	}
	return sum, p.groupUngrouped(ctx)
}

// groupUngrouped groups the analyzed articles in no story incrementally:
// what an ingest added, what a killed run left, what another writer
// stored meanwhile. It stops when none is left, or when a round groups
// none of them (then the store is grouped whole).
func (p *Pipeline) groupUngrouped(ctx context.Context) error {
	last := -1
	for {
		n, err := p.st.Ungrouped(ctx)
		if err != nil || n == 0 {
			return err
		}
		if n == last {
			return p.regroupAll(ctx)
		}
		last = n
		ids, err := p.st.UngroupedIDs(ctx, groupChunk)
		if err != nil {
			return err
		}
		if err := p.groupNew(ctx, ids); err != nil {
			return err
		}
	}
}

// regroupAll is Regroup for a caller holding the lock.
func (p *Pipeline) regroupAll(ctx context.Context) error {
	if err := p.regroup(ctx); err != nil {
		return err
	}
	return p.regroupLeftOut(ctx)
}

// groupNew groups the stored articles ids, which are in no story
// (analysis.GroupBatch), and saves the grouping over the part of the
// stored one it replaces.
func (p *Pipeline) groupNew(ctx context.Context, ids []news.ArticleID) error {
	g, err := p.an.GroupBatch(ctx, p.st, ids)
	if err != nil {
		return err
	}
	prior, err := p.stabilizeScope(ctx, &g)
	if err != nil {
		return err
	}
	pruneUnchanged(&g, prior, ids)
	err = p.st.SaveGrouping(ctx, g)
	if errors.Is(err, news.ErrInvalid) {
		// Another writer regrouped part of the scope meanwhile: the store
		// refuses a grouping that would split its stories. Group
		// everything instead.
		return p.regroup(ctx)
	}
	return err
}

// stabilizeScope is stabilize for a grouping scoped to part of the store:
// it reads only the prior grouping of the scope's articles, and adds to
// the scope the storylines their stories were in. It returns that prior
// grouping.
func (p *Pipeline) stabilizeScope(ctx context.Context, g *news.Grouping) (news.Prior, error) {
	decisions, err := p.st.Decisions(ctx)
	if err != nil {
		return news.Prior{}, err
	}
	var fresh []string
	for _, s := range g.Stories {
		fresh = append(fresh, news.StoryPrefix+string(s.ID), news.StorylinePrefix+string(s.ID))
	}
	prior, err := p.st.PriorOf(ctx, g.Scope.Articles, fresh)
	if err != nil {
		return news.Prior{}, err
	}
	analysis.Stabilize(g, prior, decisions)
	lines := map[news.StorylineID]bool{}
	for _, l := range prior.StorylineOf {
		if l != "" {
			lines[l] = true
		}
	}
	for _, l := range joinStorylines(g, lines) {
		lines[l] = true
	}
	for l := range lines {
		g.Scope.Storylines = append(g.Scope.Storylines, l)
	}
	slices.Sort(g.Scope.Storylines)
	return prior, nil
}

// pruneUnchanged drops from the scoped grouping g the stories it leaves
// as the store holds them: the same ID, the same articles, the same
// storyline, none of their articles a copy of or copied by an article of
// the batch. A batch reads whole the stories it may join and their close
// rivals, and most of them it does not change: saving them again would
// cost most of the save. Their stored rows stay; the storylines of g
// are saved whole, so that a storyline's stories are listed right.
func pruneUnchanged(g *news.Grouping, prior news.Prior, batch []news.ArticleID) {
	touched := map[news.ArticleID]bool{}
	for _, id := range batch {
		touched[id] = true
	}
	for _, c := range g.Copies {
		if touched[c.Article] || touched[c.Original] {
			touched[c.Article], touched[c.Original] = true, true
		}
	}
	size := map[news.StoryID]int{}
	for _, s := range prior.StoryOf {
		size[s]++
	}
	drop := map[news.ArticleID]bool{}
	dropped := map[news.StoryID]bool{}
	keep := g.Stories[:0]
	for _, s := range g.Stories {
		if !unchanged(s, prior, size, touched) {
			keep = append(keep, s)
			continue
		}
		dropped[s.ID] = true
		for _, a := range s.Articles {
			drop[a] = true
		}
	}
	g.Stories = keep
	g.Scope.Articles = slices.DeleteFunc(g.Scope.Articles, func(a news.ArticleID) bool { return drop[a] })
	g.Scope.Stories = slices.DeleteFunc(g.Scope.Stories, func(s news.StoryID) bool { return dropped[s] })
	g.Assignments = slices.DeleteFunc(g.Assignments, func(a news.Assignment) bool { return drop[a.Article] })
	g.Copies = slices.DeleteFunc(g.Copies, func(c news.CopyLink) bool { return drop[c.Article] })
}

// unchanged reports whether the story s of a grouping is stored as it
// is (see pruneUnchanged); size counts the prior stories' articles.
func unchanged(s news.Story, prior news.Prior, size map[news.StoryID]int, touched map[news.ArticleID]bool) bool {
	if size[s.ID] != len(s.Articles) || prior.StorylineOf[s.ID] != s.Storyline {
		return false
	}
	for _, a := range s.Articles {
		if prior.StoryOf[a] != s.ID || touched[a] {
			return false
		}
	}
	return true
}

// joinStorylines merges each of g's storylines that joins a stored one
// (news.Storyline.Join) into it: its stories go there, and its ID, when
// it continued a stored storyline (in prior), moves there. It returns the
// storylines joined.
func joinStorylines(g *news.Grouping, prior map[news.StorylineID]bool) []news.StorylineID {
	join := map[news.StorylineID]news.StorylineID{}
	for _, l := range g.Storylines {
		if l.Join != "" && l.Join != l.ID {
			join[l.ID] = l.Join
		}
	}
	target := func(id news.StorylineID) news.StorylineID {
		for range len(join) {
			to, ok := join[id]
			if !ok {
				break
			}
			id = to
		}
		return id
	}
	var joined []news.StorylineID
	keep := g.Storylines[:0]
	for _, l := range g.Storylines {
		to := target(l.ID)
		if to == l.ID {
			keep = append(keep, l)
			continue
		}
		joined = append(joined, to)
		if prior[l.ID] {
			g.Moved = append(g.Moved, news.Moved{Kind: news.KindStoryline, From: string(l.ID), To: string(to)})
		}
	}
	g.Storylines = keep
	for i := range g.Stories {
		g.Stories[i].Storyline = target(g.Stories[i].Storyline)
	}
	return joined
}

// keyPending stores the copy keys of analyzed articles stored before the
// store kept them.
func (p *Pipeline) keyPending(ctx context.Context) error {
	for {
		list, err := p.st.UnkeyedSignatures(ctx, 1024)
		if err != nil || len(list) == 0 {
			return err
		}
		for i := range list {
			list[i].CopyKeys = p.an.CopyKeys(list[i].Signature)
		}
		if err := p.st.SaveCopyKeys(ctx, list); err != nil {
			return err
		}
	}
}
