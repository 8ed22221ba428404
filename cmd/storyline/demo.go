package main

import "context"

var cmdDemo = &Command{
	Name:      "demo",
	UsageLine: "demo [--json]",
	Short:     "ingest the built-in sample and show what Storyline finds",
	Long:      `Demo ingests a small built-in corpus into a temporary store and shows what Storyline found.`,
	Run:       func(ctx context.Context, env *Env, args []string) error { return nil },
}
