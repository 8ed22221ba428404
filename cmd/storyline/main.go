// Command storyline turns a pile of news into stories: it ingests articles
// from files, folders, feeds and archives into an embedded store, finds
// copies, stories and storylines, and shows them on the command line, over
// HTTP and in a web UI.
//
// Run "storyline help" for the list of commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"

	"strings"
	"syscall"
)

// A Command is one storyline subcommand, in the manner of cmd/go.
type Command struct {
	Name      string // as typed: "ingest", "eval"
	UsageLine string // "ingest [flags] PATH..."
	Short     string // one line for the command list
	Long      string // the help text
	// Flags are the command's flags; Run may add to them through Setup.
	Setup func(fs *flag.FlagSet) // registers flags; may be nil
	Run   func(ctx context.Context, env *Env, args []string) error
}

// Env is what every command gets: its output streams and the options common
// to all commands.
type Env struct {
	Stdout, Stderr io.Writer
	Stdin          io.Reader
	DBPath         string // --db, STORYLINE_DB, or ./storyline.db: a file or a postgres:// URL
	DBGiven        bool   // --db or STORYLINE_DB was given
	JSON           bool   // --json
	Log            *slog.Logger
}

// exitError carries a process exit code through Run's error.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

func commands() []*Command {
	cmds := []*Command{
		cmdIngest,
		cmdWatch,
		cmdArticles,
		cmdArticle,
		cmdSearch,
		cmdOutlets,
		cmdStories,
		cmdStory,
		cmdStorylines,
		cmdStoryline,
		cmdEntities,
		cmdEntity,
		cmdQuotes,
		cmdEvents,
		cmdTimeline,
		cmdCompare,
		cmdRegroup,
		cmdDemo,
		cmdEval,
		cmdServe,
		cmdWorker,
		cmdStatus,
	}
	return cmds
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is main without the process: it parses args, runs the command and
// returns the exit status (0 ok, 1 failed, 2 usage error, 3 some inputs failed).
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		if len(args) > 1 {
			if c := lookup(args[1]); c != nil {
				printCommandHelp(stdout, c, newFlagSet(c, nil))
				return 0
			}
		}
		printUsage(stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c := lookup(args[0])
	if c == nil {
		fmt.Fprintf(stderr, "storyline: unknown command %q\nRun 'storyline help' for usage.\n", args[0])
		return 2
	}
	env := &Env{Stdout: stdout, Stderr: stderr, Stdin: stdin}
	fs := newFlagSet(c, env)
	fs.SetOutput(stderr)
	fs.Usage = func() { printCommandHelp(stderr, c, fs) }
	if err := fs.Parse(interleave(fs, args[1:])); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	env.DBGiven = os.Getenv("STORYLINE_DB") != ""
	fs.Visit(func(f *flag.Flag) { env.DBGiven = env.DBGiven || f.Name == "db" })
	env.Log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelWarn}))
	if err := c.Run(ctx, env, fs.Args()); err != nil {
		var ee *exitError
		if errors.As(err, &ee) {
			if ee.err != nil && ee.err.Error() != "" {
				fmt.Fprintf(stderr, "storyline %s: %v\n", c.Name, ee.err)
			}
			return ee.code
		}
		fmt.Fprintf(stderr, "storyline %s: %v\n", c.Name, err)
		if errors.Is(err, errUsage) {
			return 2
		}
		return 1
	}
	return 0
}

// errUsage marks errors in how a command was called.
var errUsage = errors.New("usage")

func usageErrorf(format string, args ...any) error {
	return fmt.Errorf("%w: %s", errUsage, fmt.Sprintf(format, args...))
}

func lookup(name string) *Command {
	for _, c := range commands() {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// newFlagSet returns c's flags, with the common ones bound to env (when env
// is nil, to throwaway values, for help output).
func newFlagSet(c *Command, env *Env) *flag.FlagSet {
	if env == nil {
		env = &Env{}
	}
	fs := flag.NewFlagSet("storyline "+c.Name, flag.ContinueOnError)
	def := os.Getenv("STORYLINE_DB")
	if def == "" {
		def = "storyline.db"
	}
	fs.StringVar(&env.DBPath, "db", def, "the store: a SQLite `file`, or a postgres:// URL (env STORYLINE_DB)")
	fs.BoolVar(&env.JSON, "json", false, "print JSON instead of text")
	if c.Setup != nil {
		c.Setup(fs)
	}
	return fs
}

// interleave moves flags that follow positional arguments in front of them,
// so "storyline search TTP --outlet X" works like "storyline search --outlet X TTP".
// A lone "--" ends flag parsing as usual.
func interleave(fs *flag.FlagSet, args []string) []string {
	var flags, pos []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			pos = append(pos, args[i+1:]...)
			break
		}
		if len(a) > 1 && a[0] == '-' {
			flags = append(flags, a)
			name := strings.TrimLeft(a, "-")
			if strings.Contains(name, "=") {
				continue
			}
			if f := fs.Lookup(name); f != nil {
				if bf, ok := f.Value.(interface{ IsBoolFlag() bool }); ok && bf.IsBoolFlag() {
					continue
				}
				if i+1 < len(args) {
					flags = append(flags, args[i+1])
					i++
				}
			}
			continue
		}
		pos = append(pos, a)
	}
	return append(flags, append([]string{"--"}, pos...)...)
}

func printUsage(w io.Writer) {
	fmt.Fprint(w, `Storyline turns a pile of news into stories.

Usage:

	storyline <command> [flags] [arguments]

Commands:

`)
	for _, c := range commands() {
		fmt.Fprintf(w, "\t%-11s %s\n", c.Name, c.Short)
	}
	fmt.Fprint(w, `
Every command takes --db FILE or --db postgres://... (default
./storyline.db, or $STORYLINE_DB) and --json. Run 'storyline help
<command>' for more about a command.
`)
}

func printCommandHelp(w io.Writer, c *Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "usage: storyline %s\n\n%s\n", c.UsageLine, strings.TrimSpace(c.Long))
	fmt.Fprintln(w, "\nFlags:")
	fs.SetOutput(w)
	fs.PrintDefaults()
}
