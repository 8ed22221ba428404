package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"log/slog"
	"os"
	"time"

	"github.com/storyline-news/storyline/internal/feeds"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/source"
)

var watchFlags struct {
	every, hostDelay time.Duration
	list             string
	once             bool
}

var cmdWatch = &Command{
	Name:      "watch",
	UsageLine: "watch [--every DURATION] [--host-delay DURATION] [--feeds FILE] [--once] [--db FILE] [--json] URL...",
	Short:     "poll news feeds over HTTP and ingest what is new",
	Long: `Watch polls RSS, Atom and JSON feeds over HTTP and ingests their new
entries, every --every (10 minutes), until Ctrl-C. URL is a feed's address;
--feeds FILE adds the feeds listed in FILE, one URL a line ("#" starts a
comment). With --once it polls every feed once, prints what it ingested
and exits, for cron.

An entry that carries only a summary has its page fetched and extracted,
keeping the feed's title, link and date. Requests are conditional (ETag,
Last-Modified), so an unchanged feed costs little; requests to one host
are --host-delay apart (2s); a feed that fails waits twice as long after
each failure, up to an hour, or as long as the server's Retry-After asks.
Redirects are followed five deep, responses are read up to 16 MiB, and a
request gives up after 30s.

A feed that fails (a timeout, a redirect loop, a response too large, a
document that is not a feed) is reported on standard error and tried again
later; the other feeds go on. With --once the exit status is 3 when some
feeds or entries failed.

What the watcher remembers (which entries it has seen, the feeds' ETags)
lives in memory only: after a restart the first poll reads every feed
whole again, and the store's "already known" rule (same URL) keeps the
articles from being stored twice.`,
	Setup: func(fs *flag.FlagSet) {
		fs.DurationVar(&watchFlags.every, "every", feeds.DefaultEvery, "poll each feed this often")
		fs.DurationVar(&watchFlags.hostDelay, "host-delay", feeds.DefaultHostDelay, "wait at least this long between two requests to one host")
		fs.StringVar(&watchFlags.list, "feeds", "", "also watch the feeds listed in this `file`, one URL a line")
		fs.BoolVar(&watchFlags.once, "once", false, "poll every feed once, then exit")
	},
	Run: runWatch,
}

func runWatch(ctx context.Context, env *Env, args []string) error {
	urls := args
	if watchFlags.list != "" {
		list, err := readFeedList(watchFlags.list)
		if err != nil {
			return err
		}
		urls = append(list, urls...)
	}
	if len(urls) == 0 {
		return usageErrorf("watch needs at least one feed URL, or --feeds FILE")
	}
	for _, u := range urls {
		if err := feeds.CheckURL(u); err != nil {
			return usageErrorf("%v", err)
		}
	}
	st, p, err := openPipeline(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	update := func(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error) {
		return p.Update(ctx, items, ingest.Options{})
	}
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	w, err := feeds.NewWatcher(urls, update, feeds.Options{Every: watchFlags.every, HostDelay: watchFlags.hostDelay, Log: log})
	if err != nil {
		return err
	}
	if !watchFlags.once {
		fmt.Fprintf(env.Stdout, "Watching %d feeds every %s into %s (Ctrl-C to stop)\n", len(urls), watchFlags.every, env.DBPath)
		return w.Run(ctx)
	}
	sum, err := w.PollOnce(ctx)
	return reportIngest(env, sum, err, false)
}

// readFeedList reads a file of feed URLs, one a line (see feeds.ReadList).
func readFeedList(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return feeds.ReadList(path, f)
}
