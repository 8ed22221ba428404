package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/storyline-news/storyline/internal/analysis"
	"github.com/storyline-news/storyline/internal/genre"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/postgres"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/sqlite"
	"github.com/storyline-news/storyline/internal/store"
)

// Store is what the commands ask of a store; main picks the
// implementation from --db.
type Store = store.Store

var (
	_ Store = (*sqlite.DB)(nil)
	_ Store = (*postgres.DB)(nil)
)

// openStore opens the store named by --db. Reading commands pass
// mustExist, so that a mistyped path is an error rather than a new, empty
// store.
func openStore(ctx context.Context, env *Env, mustExist bool) (Store, error) {
	return openStoreWith(ctx, env, mustExist, sqlite.Options{})
}

// openStoreWith is openStore with the SQLite store's options, which a
// PostgreSQL store does without.
func openStoreWith(ctx context.Context, env *Env, mustExist bool, opts sqlite.Options) (Store, error) {
	st, err := openAddress(ctx, env.DBPath, mustExist, opts)
	if err != nil {
		return nil, err
	}
	if err := classifyStored(ctx, env, st); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// openAddress opens the store at addr: a PostgreSQL database for a
// postgres:// or postgresql:// URL, and otherwise the SQLite file at that
// path. Any other scheme is refused rather than taken for a file name.
//
// With mustExist, a SQLite file must exist, and a PostgreSQL database
// must hold a Storyline schema: the server refuses a database that does
// not exist, and a reading command must not create tables in one that
// holds something else (a mistyped database name in a shared server).
func openAddress(ctx context.Context, addr string, mustExist bool, opts sqlite.Options) (Store, error) {
	switch scheme := addressScheme(addr); scheme {
	case "":
		return openSQLite(ctx, addr, mustExist, opts)
	case "postgres", "postgresql":
		st, err := postgres.OpenWith(ctx, addr, postgres.Options{Existing: mustExist})
		if err != nil {
			return nil, err
		}
		return st, nil
	default:
		return nil, fmt.Errorf("store address %q: unknown scheme; want a file path or postgres://", redactAddress(addr))
	}
}

// addressScheme returns the lower-cased scheme of addr when it is a URL
// ("scheme://..."), and "" for a file path.
func addressScheme(addr string) string {
	scheme, _, ok := strings.Cut(addr, "://")
	if !ok || scheme == "" {
		return ""
	}
	for i, r := range scheme {
		letter := 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !letter && (i == 0 || !('0' <= r && r <= '9' || r == '+' || r == '-' || r == '.')) {
			return ""
		}
	}
	return strings.ToLower(scheme)
}

// redactAddress returns addr without a password it may hold.
func redactAddress(addr string) string {
	if u, err := url.Parse(addr); err == nil {
		return u.Redacted()
	}
	return addr
}

// openSQLite opens the SQLite store in the file at path.
func openSQLite(ctx context.Context, path string, mustExist bool, opts sqlite.Options) (Store, error) {
	if mustExist {
		if _, err := os.Stat(path); err != nil {
			return nil, fmt.Errorf("open store %q: no such file (ingest some articles first, or pass --db)", path)
		}
	}
	st, err := sqlite.OpenWith(ctx, path, opts)
	if err != nil {
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
