package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/genre"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/quote"
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
		Kinds:  genre.New(),
		Tagger: names{tagger},
		Times:  times{timex.New()},
		Quotes: quote.NewFinder(),
		Events: event.NewFinder(),
		NewResolver: func(restore []news.Entity) (analysis.Resolver, error) {
			return entity.NewResolver(entity.Options{AliasFile: aliases, Entities: restore})
		},
	}), nil
}

// openPipeline opens the store env names (making it when missing) and
// the pipeline over it; the caller closes the store.
func openPipeline(ctx context.Context, env *Env) (Store, *pipeline.Pipeline, error) {
	st, err := openStore(ctx, env, false)
	if err != nil {
		return nil, nil, err
	}
	p, err := newPipeline(env, st)
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, p, nil
}

// newPipeline returns the pipeline over st with the analysis stages of
// newAnalyzer.
func newPipeline(env *Env, st Store) (*pipeline.Pipeline, error) {
	an, err := newAnalyzer(env)
	if err != nil {
		return nil, err
	}
	return pipeline.New(an, st), nil
}

// regroup derives copies, entities, stories and storylines from every
// stored article and replaces the stored grouping.
func regroup(ctx context.Context, env *Env, st Store) error {
	p, err := newPipeline(env, st)
	if err != nil {
		return err
	}
	return p.Regroup(ctx)
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
