package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"time"

	evalner "github.com/storyline-news/storyline/internal/evaluate/ner"
	"github.com/storyline-news/storyline/internal/ner"
)

var nerCmd = &command{
	name:  "ner",
	usage: "ner [-data DIR] [-out FILE] [-epochs N] [-with-dev] [-prune X]",
	help: `Ner trains the named-entity tagger's averaged perceptron on CoNLL-2003
(conll2003_train.txt in -data), picks the number of passes by F1 on
conll2003_dev.txt, optionally retrains on train+dev with that many passes
(-with-dev), prints the scores on the dev and CoNLL++ test files, and
writes the model (gzip) to -out, by default internal/ner/model.bin.gz.`,
	run: runNER,
}

func runNER(args []string) error {
	fs := flag.NewFlagSet("ner", flag.ContinueOnError)
	data := fs.String("data", "../shared/data/ner/conll", "directory of the CoNLL files")
	out := fs.String("out", "internal/ner/model.bin.gz", "model file to write")
	epochs := fs.Int("epochs", 15, "most passes over the training data")
	withDev := fs.Bool("with-dev", false, "retrain on train+dev with the best number of passes")
	prune := fs.Float64("prune", 0, "drop features whose averaged weights are all below this")
	minCount := fs.Int("min-count", 1, "drop features seen fewer times")
	seed := fs.Uint64("seed", 1, "seed for the order of examples")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	read := func(name string) ([]evalner.Document, error) {
		return evalner.ReadFile(filepath.Join(*data, name))
	}
	train, err := read("conll2003_train.txt")
	if err != nil {
		return err
	}
	dev, err := read("conll2003_dev.txt")
	if err != nil {
		return err
	}
	test, err := read("conllpp_test.txt")
	if err != nil {
		return err
	}
	start := time.Now()
	bestEpoch, bestF1 := 0, -1.0
	opt := ner.TrainOptions{
		Epochs: *epochs, MinCount: *minCount, Prune: *prune, Seed: *seed,
		Epoch: func(epoch int, t *ner.Tagger) float64 {
			r, err := evalner.Evaluate(ctx, dev, t)
			if err != nil {
				return -1
			}
			fmt.Fprintf(os.Stderr, "epoch %2d: dev F1 %.4f (with MISC %.4f), %d features, %s\n",
				epoch, r.F1, r.WithMisc.F1, t.Features(), time.Since(start).Round(time.Second))
			if r.WithMisc.F1 > bestF1 {
				bestEpoch, bestF1 = epoch, r.WithMisc.F1
			}
			return r.WithMisc.F1
		},
	}
	t, err := ner.Train(ctx, examples(train), opt)
	if err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "best pass %d: dev F1 with MISC %.4f\n", bestEpoch, bestF1)
	if *withDev {
		opt.Epochs, opt.Epoch = bestEpoch, nil
		t, err = ner.Train(ctx, append(examples(train), examples(dev)...), opt)
		if err != nil {
			return err
		}
	}
	fmt.Fprintf(os.Stderr, "trained in %s\n", time.Since(start).Round(time.Second))
	for _, set := range []struct {
		name string
		docs []evalner.Document
	}{{"conll2003_dev", dev}, {"conllpp_test", test}} {
		r, err := evalner.Evaluate(ctx, set.docs, t)
		if err != nil {
			return err
		}
		note := ""
		if *withDev && set.name == "conll2003_dev" {
			note = " (trained on: not a fair score)"
		}
		fmt.Printf("== %s%s\n", set.name, note)
		r.WriteText(os.Stdout)
	}
	var buf bytes.Buffer
	if err := t.WriteModel(&buf); err != nil {
		return err
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write model %s: %w", *out, err)
	}
	fmt.Fprintf(os.Stderr, "wrote %s: %d bytes, %d features\n", *out, buf.Len(), t.Features())
	return nil
}

func examples(docs []evalner.Document) [][]ner.Example {
	var out [][]ner.Example
	for _, d := range docs {
		var doc []ner.Example
		for _, s := range d.Sentences {
			doc = append(doc, ner.Example{Tokens: s.Tokens, Tags: s.Tags})
		}
		out = append(out, doc)
	}
	return out
}
