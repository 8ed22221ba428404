package main

import (
	"context"
	"flag"
)

var evalLabel string

var cmdEval = &Command{
	Name:      "eval",
	UsageLine: "eval [--json] KIND PATH",
	Short:     "score a stage on a public gold set",
	Long: `Eval scores one stage of Storyline against a gold set written by others,
with the metric the published results use. KIND is one of:

	extraction DIR   main-text extraction on the Scrapinghub benchmark
	                 (DIR holds ground-truth.json and html/): token 4-gram
	                 shingle precision, recall and F1, averaged over pages`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&evalLabel, "label", "story", "for clustering: the gold `field` to score against")
	},
	Run: runEval,
}

func runEval(ctx context.Context, env *Env, args []string) error {
	if len(args) != 2 {
		return usageErrorf("eval needs a KIND and a PATH")
	}
	switch args[0] {
	default:
		return usageErrorf("unknown evaluation %q", args[0])
	}
}
