package main

import (
	"context"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/genre"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/summary"
)

// Store is everything the commands ask of a store: what the pipeline
// reads and writes, and what the commands show. main picks the
// implementation from --db.
type Store interface {
	pipeline.Store
	Count(ctx context.Context) (int, error)
	Article(ctx context.Context, id news.ArticleID) (news.Article, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Summary, int, error)
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error)
	Outlets(ctx context.Context) ([]news.OutletCount, error)
	Analysis(ctx context.Context, id news.ArticleID) (news.Analysis, error)
	MovedTo(ctx context.Context, kind news.IDKind, id string) (string, error)

	Stories(ctx context.Context, f news.StoryFilter) ([]news.StorySummary, int, error)
	Story(ctx context.Context, id news.StoryID) (news.StoryDetail, error)
	StoryOf(ctx context.Context, id news.ArticleID) (news.StoryID, error)
	Copies(ctx context.Context, id news.ArticleID) ([]news.CopyLink, error)
	Storylines(ctx context.Context, limit, offset int) ([]news.Storyline, int, error)
	Storyline(ctx context.Context, id news.StorylineID) (news.StorylineDetail, error)
	Entities(ctx context.Context, f news.EntityFilter) ([]news.Entity, int, error)
	Entity(ctx context.Context, id news.EntityID) (news.EntityDetail, error)
	Quotes(ctx context.Context, f news.QuoteFilter) ([]news.QuoteRef, int, error)
	Events(ctx context.Context, f news.EventFilter) ([]news.EventRef, int, error)
	ArticlesByID(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Article, error)
	Analyses(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Analysis, error)

	summary.Reader

	Close() error
}

var _ Store = (*sqlite.DB)(nil)

// openStore opens the store named by --db. Reading commands pass
// mustExist, so that a mistyped path is an error rather than a new, empty
// store.
func openStore(ctx context.Context, env *Env, mustExist bool) (Store, error) {
	return openStoreWith(ctx, env, mustExist, sqlite.Options{})
}

// openStoreWith is openStore with the store's options.
func openStoreWith(ctx context.Context, env *Env, mustExist bool, opts sqlite.Options) (Store, error) {
	if mustExist {
		if _, err := os.Stat(env.DBPath); err != nil {
			return nil, fmt.Errorf("open store %q: no such file (ingest some articles first, or pass --db)", env.DBPath)
		}
	}
	st, err := sqlite.OpenWith(ctx, env.DBPath, opts)
	if err != nil {
		return nil, err
	}
	if err := classifyStored(ctx, env, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// classifyStored gives a kind to the articles of a store analyzed before
// kinds were kept, so that every command lists every article with one.
// It reads the text alone: no names, no tagger to load.
func classifyStored(ctx context.Context, env *Env, st Store) error {
	an := analysis.New(analysis.Stages{Kinds: genre.New(), Quotes: quote.NewFinder()})
	n, err := pipeline.New(an, st).Classify(ctx)
	if n > 0 {
		fmt.Fprintf(env.Stderr, "classified %d articles stored before kinds as news or opinion\n", n)
	}
	return err
}
