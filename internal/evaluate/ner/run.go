package ner

import (
	"context"
	"fmt"

	tagger "github.com/storyline-news/storyline/internal/ner"
)

// Tagger labels one tokenised sentence with IOB tags, one per token.
type Tagger interface {
	TagTokens(tokens []string) []string
}

var _ Tagger = (*tagger.Tagger)(nil)

// Run scores the embedded tagger on a CoNLL file.
func Run(ctx context.Context, file string) (Result, error) {
	t, err := tagger.Load()
	if err != nil {
		return Result{}, err
	}
	return RunTagger(ctx, file, t)
}

// RunTagger scores t on a CoNLL file.
func RunTagger(ctx context.Context, file string, t Tagger) (Result, error) {
	docs, err := ReadFile(file)
	if err != nil {
		return Result{}, err
	}
	r, err := Evaluate(ctx, docs, t)
	if err != nil {
		return Result{}, fmt.Errorf("evaluate %s: %w", file, err)
	}
	return r, nil
}

// Evaluate tags every sentence of docs with t (a document at a time when t
// is a DocumentTagger) and scores the tags against the gold ones.
func Evaluate(ctx context.Context, docs []Document, t Tagger) (Result, error) {
	var c Counter
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		var pred [][]string
		if dt, ok := t.(DocumentTagger); ok {
			sents := make([][]string, len(d.Sentences))
			for i, s := range d.Sentences {
				sents[i] = s.Tokens
			}
			pred = dt.TagDocument(sents)
		} else {
			for _, s := range d.Sentences {
				pred = append(pred, t.TagTokens(s.Tokens))
			}
		}
		for i, s := range d.Sentences {
			if err := c.Add(s.Tags, pred[i]); err != nil {
				return Result{}, err
			}
		}
	}
	return c.Result(), nil
}

// DocumentTagger is a Tagger that can also tag a document's sentences
// together, letting them inform each other. Evaluate uses it when t has it.
type DocumentTagger interface {
	TagDocument(sents [][]string) [][]string
}
