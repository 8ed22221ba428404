package main

import (
	"context"
	"fmt"
	"io"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/evaluate/planted"
	"github.com/storyline-news/storyline/internal/ner"
)

// evalPlanted scores the comparison of copies with their originals on
// changes planted in real reports (eval planted FILE).
func evalPlanted(ctx context.Context, path string) (stringer, error) {
	tagger, err := ner.Load()
	if err != nil {
		return stringer{}, err
	}
	r, err := planted.Run(ctx, path, tagger.Tag)
	if err != nil {
		return stringer{}, err
	}
	return withMistakes(r, r.Mistakes, func(w io.Writer, m planted.Mistake) {
		fmt.Fprintf(w, "\nreport %d, planted %s:\n", m.Report, m.Planted)
		for _, c := range m.Found {
			if c.Type != compare.Wording {
				fmt.Fprintf(w, "  found %s %q -> %q\n", c.Type, clip(c.Original, 120), clip(c.Copy, 120))
			}
		}
	}), nil
}
