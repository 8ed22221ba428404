// Package store declares what Storyline's commands ask of a store, as
// io/fs declares a file system: internal/sqlite and internal/postgres
// implement it, internal/storetest checks an implementation, and main
// picks one.
package store

import (
	"context"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/server"
)

// Store is everything the commands ask of a store: what the pipeline
// reads and writes, what serve shows, and what the listing commands read
// besides.
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
