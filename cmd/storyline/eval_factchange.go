package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/evaluate/factchange"
)

// evalFactChange scores the comparison of a copy with its original on
// pairs labelled same_facts or changed (eval factchange FILE).
func evalFactChange(ctx context.Context, path string) (stringer, error) {
	c := compare.New()
	detect := func(original, copy string) (bool, string) {
		r := c.Compare(compare.Text{Text: original}, compare.Text{Text: copy})
		var why []string
		for _, ch := range r.Changes {
			why = append(why, fmt.Sprintf("%s %q -> %q", ch.Type, ch.Original, ch.Copy))
		}
		return !r.SameFacts, strings.Join(why, "; ")
	}
	r, err := factchange.Run(ctx, path, detect)
	if err != nil {
		return stringer{}, err
	}
	return withMistakes(r, r.Mistakes, func(w io.Writer, m factchange.Mistake) {
		fmt.Fprintf(w, "\nline %d (half %c), gold %s:\n  original: %s\n  copy:     %s\n  found:    %s\n",
			m.Line, 'A'+m.Half(), m.Label, m.Original, m.Copy, m.Why)
	}), nil
}
