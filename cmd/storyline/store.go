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
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// Store is everything the commands ask of a store: what the pipeline
// reads and writes, what serve shows, and what the listing commands read
// besides. main picks the implementation from --db. storetest.Store is
// the same interface (store_test.go checks it), so that the conformance
// suite checks every method the commands call.
type Store interface {
	pipeline.Store
	server.Store

	Count(ctx context.Context) (int, error)
	Outlets(ctx context.Context) ([]news.OutletCount, error)
	Story(ctx context.Context, id news.StoryID) (news.StoryDetail, error)
	Copies(ctx context.Context, id news.ArticleID) ([]news.CopyLink, error)
	Storyline(ctx context.Context, id news.StorylineID) (news.StorylineDetail, error)
	// Version returns the store's data version, which changes whenever
	// anything, in this process or another, writes to the store: serve
	// caches its responses until it changes.
	Version(ctx context.Context) (int64, error)

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
