package main

import (
	"context"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/timex"
)

// aliasPath is the user's alias file: $STORYLINE_ALIASES, or
// storyline-aliases.txt beside the store.
func aliasPath(env *Env) string {
	if p := os.Getenv("STORYLINE_ALIASES"); p != "" {
		return p
	}
	base := strings.TrimSuffix(filepath.Base(env.DBPath), filepath.Ext(env.DBPath))
	return filepath.Join(filepath.Dir(env.DBPath), base+"-aliases.txt")
}

// newAnalyzer picks the analysis stages.
func newAnalyzer(env *Env) (*analysis.Analyzer, error) {
	tagger, err := ner.Load()
	if err != nil {
		return nil, err
	}
	aliases := aliasPath(env)
	return analysis.New(analysis.Stages{
		Tagger: names{tagger},
		Times:  times{timex.New()},
		Quotes: quote.NewFinder(),
		Events: event.NewFinder(),
		NewResolver: func() (analysis.Resolver, error) {
			return entity.NewResolver(entity.Options{AliasFile: aliases})
		},
	}), nil
}

// analyzeAndSave analyzes articles, stores the findings and returns them.
func analyzeAndSave(ctx context.Context, an *analysis.Analyzer, st Store, arts []news.Article) ([]news.Analysis, error) {
	res, err := an.Analyze(ctx, arts)
	if err != nil {
		return nil, err
	}
	return res, st.SaveAnalyses(ctx, res)
}

// analyzePending analyzes the stored articles that have no analysis yet
// (left by a run that was killed between storing and analyzing).
func analyzePending(ctx context.Context, an *analysis.Analyzer, st Store) (int, error) {
	n := 0
	for {
		arts, err := st.Unanalyzed(ctx, 256)
		if err != nil || len(arts) == 0 {
			return n, err
		}
		if _, err := analyzeAndSave(ctx, an, st, arts); err != nil {
			return n, err
		}
		n += len(arts)
	}
}

// regroup derives copies, entities, stories and storylines from every
// stored article and replaces the stored grouping.
func regroup(ctx context.Context, env *Env, st Store) error {
	an, err := newAnalyzer(env)
	if err != nil {
		return err
	}
	return regroupWith(ctx, an, st)
}

func regroupWith(ctx context.Context, an *analysis.Analyzer, st Store) error {
	if _, err := analyzePending(ctx, an, st); err != nil {
		return fmt.Errorf("analyze: %w", err)
	}
	g, err := an.Group(ctx, st)
	if err != nil {
		return err
	}
	return st.SaveGrouping(ctx, g)
}

// ingestGrouped runs an ingest with the grouping beside it: a session
// first replays what the store held, then takes each batch as it is
// stored and analyzed, on the other core, so that when the last batch is in
// only the steps that need every article remain. The grouping is the one
// regroup would make (the session sees the same articles in the same
// order), and it is saved only when the ingest itself did not fail. With
// onlyNew, an ingest that adds nothing (and finds nothing left unanalyzed
// or ungrouped) leaves the grouping as it is and does not replay the store.
func ingestGrouped(ctx context.Context, an *analysis.Analyzer, st Store, items iter.Seq2[source.Item, error], opts ingest.Options, onlyNew bool) (ingest.Summary, error) {
	pending, err := analyzePending(ctx, an, st)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("analyze: %w", err)
	}
	decisions, err := st.Decisions(ctx)
	if err != nil {
		return ingest.Summary{}, fmt.Errorf("group: %w", err)
	}
	sess, err := an.NewSession(decisions)
	if err != nil {
		return ingest.Summary{}, err
	}
	type batch struct {
		arts []news.Article
		res  []news.Analysis
	}
	feed := make(chan batch, 4)
	grouped := make(chan error, 1)
	started := false
	start := func() {
		if started {
			return
		}
		started = true
		go func() {
			// A batch stored while the replay reads may come twice: the
			// session ignores articles it has.
			err := st.Replay(ctx, sess.Add)
			for b := range feed {
				for i := 0; err == nil && i < len(b.arts); i++ {
					err = sess.Add(b.arts[i], b.res[i])
				}
			}
			grouped <- err
		}()
	}
	if onlyNew && pending == 0 {
		// Articles a killed run stored and analyzed, but never grouped,
		// are grouped now.
		if pending, err = st.Ungrouped(ctx); err != nil {
			return ingest.Summary{}, err
		}
	}
	if !onlyNew || pending > 0 {
		start()
	}
	opts.Added = func(ctx context.Context, arts []news.Article) error {
		res, err := analyzeAndSave(ctx, an, st, arts)
		if err != nil {
			return err
		}
		// As stored: an inferred date becomes the article's.
		arts = slices.Clone(arts)
		for i := range arts {
			if r := res[i]; arts[i].Published.IsZero() && !r.Published.IsZero() {
				arts[i].Published, arts[i].DateSource, arts[i].DateNote = r.Published, r.DateSource, r.DateNote
			}
		}
		start() // ingest.Run calls Added from one goroutine
		select {
		case feed <- batch{arts, res}:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	sum, err := ingest.Run(ctx, items, st, opts)
	close(feed)
	if !started {
		return sum, err
	}
	if gerr := <-grouped; err == nil && gerr != nil {
		err = fmt.Errorf("group: %w", gerr)
	}
	if err != nil {
		return sum, err
	}
	return sum, st.SaveGrouping(ctx, sess.Grouping())
}

// times adapts the timex finder to the analysis stage.
type times struct{ *timex.Finder }

func (t times) InferPublished(text string, near time.Time) (time.Time, string, bool) {
	inf, ok := t.Infer(text, nil, timex.Hint{Near: near})
	return inf.Date, inf.Note, ok
}

// names tags names and joins names the tagger split in two.
type names struct{ *ner.Tagger }

func (n names) Tag(text string) []news.Mention { return entity.Join(text, n.Tagger.Tag(text)) }
