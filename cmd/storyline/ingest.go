package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/queue"
	"github.com/storyline-news/storyline/internal/source"
)

var (
	ingestQuiet              bool
	ingestNats, ingestStream string
)

var cmdIngest = &Command{
	Name:      "ingest",
	UsageLine: "ingest [--db FILE] [--json] [--quiet] [--nats URL [--stream NAME]] PATH...",
	Short:     "read articles from files, folders, feeds and archives",
	Long: `Ingest reads articles and stores them. PATH is a file, a folder (read
recursively), a glob ("news/*.jsonl"), or - for standard input. The format
is detected from the content: plain text, HTML, JSON Lines (or a JSON
array), RSS and Atom feeds, WARC archives, and gzip of any of these.

Re-ingesting an article already stored (same URL, or same text from the
same outlet) does not add it again, so an interrupted ingest can simply be
run again.

An input that cannot be read is reported on standard error with its file
and line or offset, and the rest are still ingested. The exit status is 0
when every input was ingested, 3 when some failed, 1 when the run itself
failed (the store could not be written).

With --nats URL, ingest stores nothing: it publishes the items to the
NATS JetStream stream --stream for "storyline worker" to store, each
under its identity (its URL, else a hash of its content), so that the
stream drops an item published again within an hour. It prints how many
it published and how many the stream already had.`,
	Setup: func(fs *flag.FlagSet) {
		fs.BoolVar(&ingestQuiet, "quiet", false, "do not list the inputs that failed, only count them")
		fs.StringVar(&ingestNats, "nats", "", "publish to the NATS JetStream server at `URL` for workers, instead of storing")
		fs.StringVar(&ingestStream, "stream", queue.DefaultStream, "the JetStream stream `name` (with --nats)")
	},
	Run: runIngest,
}

func runIngest(ctx context.Context, env *Env, args []string) error {
	if len(args) == 0 {
		return usageErrorf("ingest needs at least one PATH (or - for standard input)")
	}
	if ingestNats != "" {
		return publishIngest(ctx, env, ingestNats, ingestStream, args)
	}
	st, p, err := openPipeline(ctx, env)
	if err != nil {
		return err
	}
	defer st.Close()
	prog := newProgress(env.Stderr)
	items := source.Read(ctx, args, source.Options{Stdin: env.Stdin})
	sum, err := p.Ingest(ctx, items, ingest.Options{Progress: prog.update})
	prog.done()
	return reportIngest(env, sum, err, ingestQuiet)
}

// reportIngest prints what an ingest did: each failed input and warning on
// stderr (unless quiet), the counts on stdout (as JSON with --json). It
// returns err, or an exit status of 3 when some inputs failed.
func reportIngest(env *Env, sum ingest.Summary, err error, quiet bool) error {
	counts := fmt.Sprintf("read %d, new %d, already known %d, failed %d", sum.Read, sum.New, sum.Known, sum.Failed)
	return reportRun(env, quiet, sum.Problems, sum.Warnings, sum, counts, sum.Failed, sum.Read, err)
}

// reportRun prints what a run over inputs did: each problem (a failed
// input) and warning on stderr unless quiet, then the counts on stdout,
// sum as JSON with --json, else the line counts. It returns err, or an
// exit status of 3 when failed of the read inputs failed.
func reportRun(env *Env, quiet bool, problems, warnings []error, sum any, counts string, failed, read int, err error) error {
	if !quiet {
		for _, p := range problems {
			fmt.Fprintln(env.Stderr, oneLine(p.Error()))
		}
		for _, w := range warnings {
			fmt.Fprintln(env.Stderr, "warning:", oneLine(w.Error()))
		}
	}
	if env.JSON {
		if perr := printJSON(env.Stdout, sum); perr != nil {
			return perr
		}
	} else {
		fmt.Fprintln(env.Stdout, counts)
	}
	if err != nil {
		return err
	}
	if failed > 0 {
		return &exitError{code: 3, err: fmt.Errorf("%d of %d inputs failed", failed, read)}
	}
	return nil
}

// progress draws a one-line status on a terminal, at most ten times a
// second, and nothing when stderr is not a terminal.
type progress struct {
	w     io.Writer
	on    bool
	start time.Time
	mu    sync.Mutex
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer) *progress {
	return &progress{w: w, on: isTerminal(w), start: time.Now()}
}

func (p *progress) update(s ingest.Summary) {
	if !p.on {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if now.Sub(p.last) < 100*time.Millisecond {
		return
	}
	p.last = now
	rate := float64(s.Read) / max(now.Sub(p.start).Seconds(), 0.001)
	spin := `|/-\`[int(now.Sub(p.start)/(200*time.Millisecond))%4]
	fmt.Fprintf(p.w, "\r\x1b[K%c %s read  %s new  %s known  %s failed  %.0f/s",
		spin, thousands(s.Read), thousands(s.New), thousands(s.Known), thousands(s.Failed), rate)
	p.drawn = true
}

func (p *progress) done() {
	if p.on && p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// thousands formats n with thin separators: 12,345.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
