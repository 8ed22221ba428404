package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"iter"
	"log/slog"
	"net"
	"os"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/feeds"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/server"
	"github.com/storyline-news/storyline/internal/source"
	"github.com/storyline-news/storyline/internal/sqlite"
)

var serveFlags struct {
	addr, token, watch, feeds string
	every, feedsEvery         time.Duration
	allowHosts                []string
}

var cmdServe = &Command{
	Name:      "serve",
	UsageLine: "serve [--addr HOST:PORT] [--allow-host NAME]... [--token TOKEN] [--watch DIR] [--feeds FILE] [--db FILE]",
	Short:     "serve the web UI and the JSON API",
	Long: `Serve serves a web UI and a JSON API over the store: stories, storylines,
entities, articles, quotes, events and full-text search. Every page has a
JSON twin under /api/ (the page's path with /api in front); lists take
?limit= and ?offset=, and export with ?format=csv or ?format=jsonl. The API
is described at /api/openapi.json.

It listens on 127.0.0.1:8080, this machine only, unless --addr says
otherwise. Other processes may ingest into the same store while it serves.

On a loopback address it answers only requests made to a loopback name
(localhost, 127.0.0.1, [::1], any port), to the host named in --addr, and
to names given with --allow-host (repeatable); others get 421 Misdirected
Request. That stops a web page from reading the store through a name of
its own pointed at 127.0.0.1 (DNS rebinding). On any other address, such
as 0.0.0.0:8080, it answers whatever name a request gives.

Writes (POST /api/articles, a JSON object, array or JSON Lines) are off
unless a token is given with --token or STORYLINE_TOKEN; each write must
then carry "Authorization: Bearer TOKEN".

--watch DIR ingests the files dropped into DIR (and its subfolders),
looking every --watch-every; a file is read again when its size or time
changes. --feeds FILE polls the feeds listed in FILE (one URL a line, "#"
for comments) every --feeds-every and ingests their new entries, as
"storyline watch" does. Ctrl-C stops the server and the watchers together.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&serveFlags.addr, "addr", "127.0.0.1:8080", "listen on this `host:port`")
		serveFlags.allowHosts = nil
		fs.Func("allow-host", "on a loopback address, also answer requests made to this host `name` (repeatable)", func(name string) error {
			if name = strings.TrimSpace(name); name == "" || strings.ContainsAny(name, "/ \t") {
				return fmt.Errorf("want a host name, as in --allow-host storyline.internal")
			}
			serveFlags.allowHosts = append(serveFlags.allowHosts, name)
			return nil
		})
		// The default is not read from the environment here: help output
		// would print the token.
		fs.StringVar(&serveFlags.token, "token", "", "accept writes that carry this bearer `token` (default $STORYLINE_TOKEN)")
		fs.StringVar(&serveFlags.watch, "watch", "", "ingest files dropped into this `folder`")
		fs.DurationVar(&serveFlags.every, "watch-every", 3*time.Second, "how often to look into the --watch folder")
		fs.StringVar(&serveFlags.feeds, "feeds", "", "poll the feeds listed in this `file`, one URL a line, and ingest what is new")
		fs.DurationVar(&serveFlags.feedsEvery, "feeds-every", feeds.DefaultEvery, "how often to poll each of the --feeds")
	},
	Run: runServe,
}

func runServe(ctx context.Context, env *Env, args []string) error {
	if len(args) > 0 {
		return usageErrorf("serve takes no arguments")
	}
	if serveFlags.token == "" {
		serveFlags.token = os.Getenv("STORYLINE_TOKEN")
	}
	var feedList []string
	if serveFlags.feeds != "" {
		list, err := readFeedList(serveFlags.feeds)
		if err != nil {
			return err
		}
		feedList = list
	}
	writes := serveFlags.token != "" || serveFlags.watch != "" || feedList != nil
	// Searches read the full-text index faster from a mapped file.
	st, err := openStoreWith(ctx, env, !writes, sqlite.Options{MapSize: sqlite.MaxMapSize})
	if err != nil {
		return err
	}
	defer st.Close()
	log := slog.New(slog.NewTextHandler(env.Stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))

	var ingestFn server.IngestFunc
	if writes {
		if ingestFn, err = serveIngest(env, st); err != nil {
			return err
		}
	}
	// Responses are cached until the store's version changes.
	opts := server.Options{Token: serveFlags.token, Ingest: ingestFn, Log: log, AllowHosts: serveFlags.allowHosts, Version: st.Version}
	if host, _, err := net.SplitHostPort(serveFlags.addr); err == nil && host != "" {
		opts.AllowHosts = append(opts.AllowHosts, host) // the name it was started with
	}
	srv, err := server.New(st, opts)
	if err != nil {
		return err
	}
	var watcher *server.Watcher
	if serveFlags.watch != "" {
		if watcher, err = server.NewWatcher(serveFlags.watch, ingestFn, server.WatchOptions{Every: serveFlags.every, Log: log}); err != nil {
			return err
		}
	}
	var poller *feeds.Watcher
	if feedList != nil {
		if poller, err = feeds.NewWatcher(feedList, feeds.IngestFunc(ingestFn), feeds.Options{Every: serveFlags.feedsEvery, Log: log}); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", serveFlags.addr)
	if err != nil {
		return fmt.Errorf("serve: %w", err)
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip != nil && !ip.IsLoopback() {
			log.Warn("serving beyond this machine: anyone who can reach it can read the store", "addr", ln.Addr().String())
		}
	}
	fmt.Fprintf(env.Stdout, "Serving %s on http://%s/ (Ctrl-C to stop)\n", env.DBPath, ln.Addr())
	if serveFlags.token == "" {
		fmt.Fprintln(env.Stdout, "Writes are off: pass --token or set STORYLINE_TOKEN to accept POST /api/articles.")
	}

	// The server and the watchers run as one group: the first to fail, or
	// the signal, stops them all.
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	errc := make(chan error, 3)
	n := 1
	go func() { errc <- srv.Serve(ctx, ln) }()
	if watcher != nil {
		n++
		go func() { errc <- watcher.Run(ctx) }()
	}
	if poller != nil {
		n++
		go func() { errc <- poller.Run(ctx) }()
	}
	var first error
	for range n {
		if err := <-errc; err != nil && first == nil && !errors.Is(err, context.Canceled) {
			first = err
		}
		cancel()
	}
	return first
}

// serveIngest returns the ingest behind POST /api/articles, --watch and
// --feeds: one at a time (posts and the watchers share the pipeline), and
// grouping only when something was added.
func serveIngest(env *Env, st Store) (server.IngestFunc, error) {
	p, err := newPipeline(env, st)
	if err != nil {
		return nil, err
	}
	return func(ctx context.Context, items iter.Seq2[source.Item, error]) (ingest.Summary, error) {
		return p.Update(ctx, items, ingest.Options{})
	}, nil
}
