package main

import (
	"context"
	"flag"

	"github.com/storyline-news/storyline/internal/news"
)

// filterFlags are the --outlet, --from, --to, --limit and --offset flags
// shared by listing commands.
type filterFlags struct {
	outlet, from, to string
	limit, offset    int
}

func (f *filterFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.outlet, "outlet", "", "only articles from this `outlet`")
	fs.StringVar(&f.from, "from", "", "only articles published on or after this `date` (YYYY[-MM[-DD]])")
	fs.StringVar(&f.to, "to", "", "only articles published on or before this `date` (YYYY[-MM[-DD]])")
	fs.IntVar(&f.limit, "limit", 50, "show at most `n` results")
	fs.IntVar(&f.offset, "offset", 0, "skip the first `n` results")
}

// openStore reads the filter (see filter) and then opens the store for
// reading; the caller closes it.
func (f *filterFlags) openStore(ctx context.Context, env *Env) (news.ArticleFilter, Store, error) {
	af, err := f.filter()
	if err != nil {
		return af, nil, err
	}
	st, err := openStore(ctx, env, true)
	return af, st, err
}

func (f *filterFlags) filter() (news.ArticleFilter, error) {
	af := news.ArticleFilter{Outlet: f.outlet, Limit: f.limit, Offset: f.offset}
	if f.limit < 0 || f.offset < 0 {
		return af, usageErrorf("--limit and --offset must not be negative")
	}
	if f.from != "" {
		from, _, err := parseDay(f.from)
		if err != nil {
			return af, usageErrorf("--from: %v", err)
		}
		af.From = from
	}
	if f.to != "" {
		_, end, err := parseDay(f.to)
		if err != nil {
			return af, usageErrorf("--to: %v", err)
		}
		af.To = end
	}
	if !af.From.IsZero() && !af.To.IsZero() && !af.From.Before(af.To) {
		return af, usageErrorf("--from %s is after --to %s", f.from, f.to)
	}
	return af, nil
}
