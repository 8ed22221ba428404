// Package pipeline runs Storyline's stages over a store, end to end: it
// stores what an ingest reads, analyses each article, and keeps the
// store's grouping (copies, entities, stories, storylines) up to date.
// The ingest and demo commands, the corrections that regroup, and serve's
// posts and watcher all run through it, so that each does the same thing
// in the same order.
package pipeline

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"sync"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/source"
)

// Store is what a pipeline reads and writes: what ingest stores, what
// a full and an incremental grouping read (analysis.Stored holds
// analysis.Source), and what they save.
type Store interface {
	ingest.Store
	analysis.Stored
	SaveAnalyses(ctx context.Context, list []news.Analysis) error
	// Unanalyzed returns up to limit stored articles without an analysis.
	Unanalyzed(ctx context.Context, limit int) ([]news.Article, error)
	// Ungrouped counts the analyzed articles in no story; UngroupedIDs
	// returns up to limit of them, in stored order.
	Ungrouped(ctx context.Context) (int, error)
	UngroupedIDs(ctx context.Context, limit int) ([]news.ArticleID, error)
	// SaveGrouping saves g in one transaction: the whole grouping, or
	// the part its Scope names. A scope that another writer's grouping
	// has changed meanwhile is refused with news.ErrInvalid, and the
	// pipeline then groups everything.
	SaveGrouping(ctx context.Context, g news.Grouping) error
	// Prior returns what the stored grouping's IDs are, for the next
	// grouping to continue.
	Prior(ctx context.Context) (news.Prior, error)
	// Decide records d with the grouping g that applies it, in one
	// transaction, unless an equal decision is recorded; it reports
	// whether it recorded d.
	Decide(ctx context.Context, d news.Decision, g news.Grouping) (bool, error)

	// CountUpTo returns the number of stored articles, or limit when
	// there are more.
	CountUpTo(ctx context.Context, limit int) (int, error)
	// GroupingIndexed reports whether the store keeps the indexes an
	// incremental grouping reads for every grouped article: false after
	// an upgrade from a store without them, until a full grouping.
	GroupingIndexed(ctx context.Context) (bool, error)
	// PriorOf is Prior for the given articles' stories and storylines,
	// with the IDs issued among fresh (an ID or it with "-" and a number).
	PriorOf(ctx context.Context, articles []news.ArticleID, fresh []string) (news.Prior, error)
	// UnkeyedSignatures returns up to limit analyzed articles whose copy
	// keys are not stored, with their signatures; SaveCopyKeys stores
	// their keys.
	UnkeyedSignatures(ctx context.Context, limit int) ([]news.Analysis, error)
	SaveCopyKeys(ctx context.Context, list []news.Analysis) error
	// Unkinded returns up to limit analyzed articles without a kind (see
	// Classify); SaveKinds stores their kinds and drops the quotes an
	// opinion piece does not keep; Analysis reads an article's findings.
	Unkinded(ctx context.Context, limit int) ([]news.Article, error)
	SaveKinds(ctx context.Context, list []news.Analysis) error
	Analysis(ctx context.Context, id news.ArticleID) (news.Analysis, error)
}

// maxRegroups bounds how often one run groups again because another
// writer's grouping, saved meanwhile, left articles out.
const maxRegroups = 3

// A Pipeline runs ingests and groupings over one store, one at a time.
// It is safe for concurrent use.
type Pipeline struct {
	an *analysis.Analyzer
	st Store
	mu sync.Mutex
}

// New returns a pipeline running an's stages over st.
func New(an *analysis.Analyzer, st Store) *Pipeline {
	return &Pipeline{an: an, st: st}
}

// Ingest stores, analyses and groups the items, and returns what the
// ingest did. The grouping runs beside the ingest (see ingestGrouped) and
// is saved only when the ingest itself did not fail.
func (p *Pipeline) Ingest(ctx context.Context, items iter.Seq2[source.Item, error], opts ingest.Options) (ingest.Summary, error) {
	return p.run(ctx, items, opts, false)
}

// Update is Ingest for a store that is already grouped: it groups only
// when the items added articles, or when the store holds articles that a
// killed run stored but never analyzed or grouped. Posts and watched
// folders, which often bring only what is known, go through Update.
func (p *Pipeline) Update(ctx context.Context, items iter.Seq2[source.Item, error], opts ingest.Options) (ingest.Summary, error) {
	return p.run(ctx, items, opts, true)
}

func (p *Pipeline) run(ctx context.Context, items iter.Seq2[source.Item, error], opts ingest.Options, onlyNew bool) (ingest.Summary, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.classify(ctx); err != nil {
		return ingest.Summary{}, err
	}
	inc, err := p.incremental(ctx)
	if err != nil {
		return ingest.Summary{}, err
	}
	if inc {
		return p.ingestIncremental(ctx, items, opts)
	}
	sum, err := p.ingestGrouped(ctx, items, opts, onlyNew)
	if err != nil || (onlyNew && sum.New == 0) {
		return sum, err
	}
	return sum, p.regroupLeftOut(ctx)
}

// Classify gives a kind to the analyzed articles that have none: those
// analyzed before kinds were kept. An opinion piece among them loses the
// stored quotes that are its author's own argument. It returns how many
// articles it classified. Every ingest does it first; a command that only
// reads calls it once when it opens a store.
func (p *Pipeline) Classify(ctx context.Context) (int, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.classify(ctx)
}

func (p *Pipeline) classify(ctx context.Context) (int, error) {
	done := 0
	for {
		arts, err := p.st.Unkinded(ctx, 512)
		if err != nil || len(arts) == 0 {
			return done, err
		}
		list := make([]news.Analysis, len(arts))
		for i, a := range arts {
			var fa news.Analysis
			list[i] = p.an.Kind(a, fa)
			if list[i].Kind == news.KindUnknown {
				return done, nil // no classifier: nothing to do
			}
			if list[i].Kind == news.Opinion {
				if fa, err = p.st.Analysis(ctx, a.ID); err != nil {
					return done, fmt.Errorf("classify %s: %w", a.ID, err)
				}
				list[i] = p.an.Kind(a, fa)
			}
		}
		if err := p.st.SaveKinds(ctx, list); err != nil {
			return done, err
		}
		done += len(list)
	}
}

// Regroup analyzes what was left unanalyzed, then derives the grouping from
// every stored article and replaces the stored one: after people's
// decisions or aliases change.
func (p *Pipeline) Regroup(ctx context.Context) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if err := p.regroup(ctx); err != nil {
		return err
	}
	return p.regroupLeftOut(ctx)
}

func (p *Pipeline) regroup(ctx context.Context) error {
	if _, err := p.analyzePending(ctx); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	if _, err := p.classify(ctx); err != nil {
		return err
	}
	decisions, err := p.st.Decisions(ctx)
	if err != nil {
		return fmt.Errorf("group: %w", err)
	}
	g, err := p.group(ctx, decisions)
	if err != nil {
		return err
	}
	return p.st.SaveGrouping(ctx, g)
}

// group derives the grouping of every stored article under decisions,
// its stories and storylines keeping the IDs of those they continue.
func (p *Pipeline) group(ctx context.Context, decisions []news.Decision) (news.Grouping, error) {
	g, err := p.an.Group(ctx, withDecisions{p.st, decisions})
	if err != nil {
		return g, err
	}
	return g, p.stabilize(ctx, &g, decisions)
}

// stabilize gives g's stories and storylines the stored IDs they continue
// (analysis.Stabilize).
func (p *Pipeline) stabilize(ctx context.Context, g *news.Grouping, decisions []news.Decision) error {
	prior, err := p.st.Prior(ctx)
	if err != nil {
		return err
	}
	analysis.Stabilize(g, prior, decisions)
	return nil
}

// Decide applies a person's decision (a story split or merge): it groups
// the store with d among the recorded decisions and stores d with that
// grouping in one transaction, so that a killed process leaves both or
// neither. A decision equal to one recorded changes nothing: Decide
// reports false.
func (p *Pipeline) Decide(ctx context.Context, d news.Decision) (bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if _, err := p.analyzePending(ctx); err != nil {
		return false, fmt.Errorf("analyze: %w", err)
	}
	decisions, err := p.st.Decisions(ctx)
	if err != nil {
		return false, err
	}
	if slices.ContainsFunc(decisions, d.Same) {
		return false, nil
	}
	g, err := p.group(ctx, append(decisions, d))
	if err != nil {
		return false, err
	}
	applied, err := p.st.Decide(ctx, d, g)
	if err != nil || !applied {
		return applied, err
	}
	return true, p.regroupLeftOut(ctx)
}

// withDecisions is a store whose decisions are given, read once by the
// caller (and, for Decide, with one not stored yet).
type withDecisions struct {
	analysis.Source
	decisions []news.Decision
}

func (w withDecisions) Decisions(context.Context) ([]news.Decision, error) { return w.decisions, nil }

// regroupLeftOut groups again while the store holds analyzed articles in
// no story. Another process's ingest that saved its grouping after this
// one's replay began has replaced this one's: the last writer to save
// sees what the other stored, and groups it too.
func (p *Pipeline) regroupLeftOut(ctx context.Context) error {
	for range maxRegroups {
		n, err := p.st.Ungrouped(ctx)
		if err != nil || n == 0 {
			return err
		}
		if err := p.regroup(ctx); err != nil {
			return err
		}
	}
	return nil
}

// AnalyzeAndSave analyzes arts, stores the findings and returns them.
func (p *Pipeline) AnalyzeAndSave(ctx context.Context, arts []news.Article) ([]news.Analysis, error) {
	res, err := p.an.Analyze(ctx, arts)
	if err != nil {
		return nil, err
	}
	return res, p.st.SaveAnalyses(ctx, res)
}

// analyzePending analyzes the stored articles that have no analysis yet
// (left by a run that was killed between storing and analyzing).
func (p *Pipeline) analyzePending(ctx context.Context) (int, error) {
	n := 0
	for {
		arts, err := p.st.Unanalyzed(ctx, 256)
		if err != nil || len(arts) == 0 {
			return n, err
		}
		if _, err := p.AnalyzeAndSave(ctx, arts); err != nil {
			return n, err
		}
		n += len(arts)
	}
}

// ingestGrouped runs an ingest with the grouping beside it: a session
// first replays what the store held, then takes each batch as it is
// stored and analyzed, on the other core, so that when the last batch is
// in only the steps that need every article remain. The grouping is the
// one Regroup would make (the session sees the same articles in the same
// order), and it is saved only when the ingest itself did not fail. With
// onlyNew, an ingest that adds nothing (and finds nothing left unanalyzed
// or ungrouped) leaves the grouping as it is and does not replay the
// store.
func (p *Pipeline) ingestGrouped(ctx context.Context, items iter.Seq2[source.Item, error], opts ingest.Options, onlyNew bool) (ingest.Summary, error) {
	pending, err := p.analyzePending(ctx)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("analyze: %w", err)
	}
	decisions, err := p.st.Decisions(ctx)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("group: %w", err)
	}
	sess, err := p.an.NewSession(decisions)
	if err != nil {
		return ingest.Summary{}, err
	}
	g := &beside{st: p.st, sess: sess, feed: make(chan batch, 4), done: make(chan error, 1)}
	if onlyNew && pending == 0 {
		// Articles a killed run stored and analyzed, but never grouped,
		// are grouped now.
		if pending, err = p.st.Ungrouped(ctx); err != nil {
			return ingest.Summary{}, err
		}
	}
	if !onlyNew || pending > 0 {
		g.start(ctx)
	}
	var notes []error
	opts.Added = func(runCtx context.Context, arts []news.Article) error {
		res, err := p.AnalyzeAndSave(runCtx, arts)
		if err != nil {
			return err
		}
		notes = append(notes, analysisNotes(arts, res)...)
		// The session outlives the run's context, which ends with
		// ingest.Run; ingest.Run calls Added from one goroutine.
		g.start(ctx)
		return g.add(runCtx, asStored(arts, res), res)
	}
	sum, err := ingest.Run(ctx, items, p.st, opts)
	sum.Warnings = append(sum.Warnings, notes...)
	gerr := g.wait()
	if err == nil && gerr != nil {
		err = fmt.Errorf("group: %w", gerr)
	}
	if err != nil || !g.started {
		return sum, err
	}
	grouping := sess.Grouping()
	if err := p.stabilize(ctx, &grouping, decisions); err != nil {
		return sum, err
	}
	return sum, p.st.SaveGrouping(ctx, grouping)
}

// analysisNotes returns a warning for each note of the analyses: an
// article read in segments, or a stage's findings capped.
func analysisNotes(arts []news.Article, res []news.Analysis) []error {
	var out []error
	for i, r := range res {
		for _, n := range r.Notes {
			out = append(out, fmt.Errorf("%s: article %s: %s", source.Quote(arts[i].Origin), arts[i].ID, n))
		}
	}
	return out
}

// asStored returns arts as stored with their analyses: an inferred date
// becomes the article's.
func asStored(arts []news.Article, res []news.Analysis) []news.Article {
	arts = slices.Clone(arts)
	for i := range arts {
		if r := res[i]; arts[i].Published.IsZero() && !r.Published.IsZero() {
			arts[i].Published, arts[i].DateSource, arts[i].DateNote = r.Published, r.DateSource, r.DateNote
		}
	}
	return arts
}

// batch is one stored batch of articles with their analyses.
type batch struct {
	arts []news.Article
	res  []news.Analysis
}

// beside feeds a grouping session from its own goroutine: first the
// store's replay, then each batch an ingest stores.
type beside struct {
	st      analysis.Source
	sess    *analysis.Session
	feed    chan batch
	done    chan error
	started bool
}

// start starts the session's goroutine, once.
func (g *beside) start(ctx context.Context) {
	if g.started {
		return
	}
	g.started = true
	go func() {
		// A batch stored while the replay reads may come twice: the
		// session ignores articles it has.
		err := g.st.Replay(ctx, g.sess.Add)
		for b := range g.feed {
			for i := 0; err == nil && i < len(b.arts); i++ {
				err = g.sess.Add(b.arts[i], b.res[i])
			}
		}
		g.done <- err
	}()
}

// add hands a stored batch to the session.
func (g *beside) add(ctx context.Context, arts []news.Article, res []news.Analysis) error {
	select {
	case g.feed <- batch{arts, res}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// wait ends the feed and returns the session's error, if it started.
func (g *beside) wait() error {
	close(g.feed)
	if !g.started {
		return nil
	}
	return <-g.done
}
