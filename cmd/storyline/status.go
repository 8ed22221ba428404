package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/queue"
)

var statusFlags struct {
	nats, stream string
	dead         int
}

var cmdStatus = &Command{
	Name:      "status",
	UsageLine: "status --nats URL [--stream NAME] [--dead N] [--db STORE] [--json]",
	Short:     "show the queue of a NATS JetStream deployment and its workers",
	Long: `Status shows the queue that "storyline ingest --nats" fills and
"storyline worker" drains: the items pending (no worker took them yet),
in progress (taken, not yet stored), redelivered (taken more than once:
a worker died or an item failed), failed (in the dead letters), the
latest --dead dead letters with their errors, and each worker running,
with what it did. With --db (or $STORYLINE_DB) it also shows the store's
counts: articles, articles waiting for a grouping, stories.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&statusFlags.nats, "nats", "", "the NATS server's `URL` (nats://host:4222)")
		fs.StringVar(&statusFlags.stream, "stream", queue.DefaultStream, "the JetStream stream `name`")
		fs.IntVar(&statusFlags.dead, "dead", 5, "list the latest `N` dead letters")
	},
	Run: runStatus,
}

// statusView is what status shows.
type statusView struct {
	Queue queue.Status       `json:"queue"`
	Dead  []queue.DeadLetter `json:"dead_letters"`
	Store *storeCounts       `json:"store,omitempty"`
}

// storeCounts are the store's counts status shows.
type storeCounts struct {
	Path      string `json:"path"`
	Articles  int    `json:"articles"`
	Ungrouped int    `json:"ungrouped"`
	Stories   int    `json:"stories"`
}

func runStatus(ctx context.Context, env *Env, args []string) error {
	if statusFlags.nats == "" {
		return usageErrorf("status needs --nats URL")
	}
	q, err := queue.Open(statusFlags.nats, queue.Options{Stream: statusFlags.stream, Name: "storyline status"})
	if err != nil {
		return err
	}
	defer q.Close()
	var v statusView
	if v.Queue, err = q.Status(ctx); err != nil {
		return err
	}
	if v.Dead, err = q.DeadLetters(ctx, statusFlags.dead); err != nil {
		return err
	}
	if env.DBGiven {
		if v.Store, err = countStore(ctx, env); err != nil {
			return err
		}
	}
	if env.JSON {
		return printJSON(env.Stdout, v)
	}
	printStatus(env.Stdout, v, time.Now())
	return nil
}

func countStore(ctx context.Context, env *Env) (*storeCounts, error) {
	st, err := openStore(ctx, env, true)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	c := &storeCounts{Path: env.DBPath}
	if c.Articles, err = st.Count(ctx); err != nil {
		return nil, err
	}
	if c.Ungrouped, err = st.Ungrouped(ctx); err != nil {
		return nil, err
	}
	if _, c.Stories, err = st.Stories(ctx, news.StoryFilter{Limit: 1}); err != nil {
		return nil, err
	}
	return c, nil
}

func printStatus(w io.Writer, v statusView, now time.Time) {
	q := v.Queue
	fmt.Fprintf(w, "stream %s\n", q.Stream)
	fmt.Fprintf(w, "  pending      %s\n  in progress  %s\n  redelivered  %s\n  failed       %s\n",
		thousands(int(q.Pending)), thousands(q.InProgress), thousands(q.Redelivered), thousands(int(q.Failed)))
	for _, d := range v.Dead {
		fmt.Fprintf(w, "  dead: %s: %s (%d tries, %s)\n", d.Origin, d.Error, d.Tries, d.Worker)
	}
	fmt.Fprintf(w, "workers %d\n", len(q.Workers))
	if len(q.Workers) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "  NAME\tSTATE\tBATCHES\tDONE\tFAILED\tRETRIED\tREDELIVERED\tGROUPINGS\tUP\tSEEN\t")
		for _, ws := range q.Workers {
			fmt.Fprintf(tw, "  %s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s ago\t\n", ws.Name, ws.State(), ws.Batches, ws.Done,
				ws.Failed, ws.Retried, ws.Redelivered, ws.Groupings, now.Sub(ws.Started).Round(time.Second), now.Sub(ws.Seen).Round(time.Second))
		}
		tw.Flush()
	}
	if s := v.Store; s != nil {
		fmt.Fprintf(w, "store %s\n  articles %s, waiting for grouping %s, stories %s\n", s.Path, thousands(s.Articles), thousands(s.Ungrouped), thousands(s.Stories))
	}
}
