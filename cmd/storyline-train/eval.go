package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"

	evalner "github.com/storyline-news/storyline/internal/evaluate/ner"
	"github.com/storyline-news/storyline/internal/ner"
)

var evalCmd = &command{
	name:  "eval",
	usage: "eval [-model FILE] [-data DIR] [-json] [files...]",
	help: `Eval scores a NER model (by default the embedded one) on CoNLL files,
by default conll2003_dev.txt and conllpp_test.txt in -data, and prints
conlleval-style reports (or JSON with -json).`,
	run: runEval,
}

func runEval(args []string) error {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	modelFile := fs.String("model", "", "model file (default: the embedded model)")
	data := fs.String("data", "../shared/data/ner/conll", "directory of the CoNLL files")
	asJSON := fs.Bool("json", false, "print JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	var t *ner.Tagger
	var err error
	if *modelFile == "" {
		t, err = ner.Load()
	} else {
		var f *os.File
		if f, err = os.Open(*modelFile); err == nil {
			t, err = ner.Read(f)
			f.Close()
		}
	}
	if err != nil {
		return err
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{filepath.Join(*data, "conll2003_dev.txt"), filepath.Join(*data, "conllpp_test.txt")}
	}
	for _, file := range files {
		r, err := evalner.RunTagger(ctx, file, t)
		if err != nil {
			return err
		}
		if *asJSON {
			b, _ := json.Marshal(map[string]any{"file": file, "result": r})
			fmt.Println(string(b))
			continue
		}
		fmt.Printf("== %s\n", file)
		r.WriteText(os.Stdout)
	}
	return nil
}
