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
	Close() error
}

var _ Store = (*sqlite.DB)(nil)

// openStore opens the store named by --db. Reading commands pass
// mustExist, so that a mistyped path is an error rather than a new, empty
// store.
func openStore(ctx context.Context, env *Env, mustExist bool) (Store, error) {
	if mustExist {
		if _, err := os.Stat(env.DBPath); err != nil {
			return nil, fmt.Errorf("open store %s: no such file (ingest some articles first, or pass --db)", env.DBPath)
		}
	}
	return sqlite.Open(ctx, env.DBPath)
}
