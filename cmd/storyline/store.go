package main

import (
	"context"
	"fmt"
	"os"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/sqlite"
)

// Store is everything the commands ask of a store. main picks the
// implementation from --db.
type Store interface {
	Add(ctx context.Context, arts []news.Article) ([]news.AddStatus, error)
	Article(ctx context.Context, id news.ArticleID) (news.Article, error)
	Articles(ctx context.Context, f news.ArticleFilter) ([]news.Summary, int, error)
	Search(ctx context.Context, query string, f news.ArticleFilter) ([]news.SearchHit, int, error)
	Outlets(ctx context.Context) ([]news.OutletCount, error)
	Count(ctx context.Context) (int, error)

	SaveAnalyses(ctx context.Context, list []news.Analysis) error
	Unanalyzed(ctx context.Context, limit int) ([]news.Article, error)
	Ungrouped(ctx context.Context) (int, error)
	Analysis(ctx context.Context, id news.ArticleID) (news.Analysis, error)
	Replay(ctx context.Context, fn func(news.Article, news.Analysis) error) error
	SaveGrouping(ctx context.Context, g news.Grouping) error
	Prior(ctx context.Context) (news.Prior, error)
	MovedTo(ctx context.Context, kind news.IDKind, id string) (string, error)
	Decide(ctx context.Context, d news.Decision, g news.Grouping) (bool, error)
	Decisions(ctx context.Context) ([]news.Decision, error)

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
	return sqlite.OpenWith(ctx, env.DBPath, opts)
}
