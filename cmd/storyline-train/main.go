// Command storyline-train retrains the models that Storyline embeds. It is
// a maintainer's tool: the trained files are committed, so building and
// running Storyline never needs it.
//
// Usage:
//
//	storyline-train ner -data ../shared/data/ner/conll -out internal/ner/model.bin.gz
//	storyline-train gazetteer -npm /tmp/nerdata/node_modules -out internal/ner/gazetteer
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
)

// command is one subcommand, in the manner of cmd/go.
type command struct {
	name  string
	usage string
	help  string
	run   func(args []string) error
}

func main() {
	cmds := []*command{nerCmd, evalCmd, gazetteerCmd}
	if len(os.Args) < 2 || os.Args[1] == "help" || os.Args[1] == "-h" || os.Args[1] == "--help" {
		usage(cmds)
		os.Exit(2)
	}
	for _, c := range cmds {
		if c.name == os.Args[1] {
			err := c.run(os.Args[2:])
			if errors.Is(err, flag.ErrHelp) {
				fmt.Fprintf(os.Stderr, "usage: storyline-train %s\n\n%s\n", c.usage, c.help)
				os.Exit(2)
			}
			if err != nil {
				fmt.Fprintln(os.Stderr, "storyline-train:", err)
				os.Exit(1)
			}
			return
		}
	}
	fmt.Fprintf(os.Stderr, "storyline-train: unknown command %q\n", os.Args[1])
	usage(cmds)
	os.Exit(2)
}

func usage(cmds []*command) {
	fmt.Fprintln(os.Stderr, "usage: storyline-train COMMAND [flags]\n\ncommands:")
	for _, c := range cmds {
		fmt.Fprintf(os.Stderr, "\t%s\n", c.usage)
	}
}
