package ner

import (
	"fmt"
	"io"
	"sort"
)

// Score is precision, recall and F1 over a set of entities.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`   // entities in the gold standard
	Predicted int     `json:"predicted"` // entities the tagger found
	Correct   int     `json:"correct"`   // found entities that match a gold one exactly
}

func newScore(correct, predicted, support int) Score {
	s := Score{Support: support, Predicted: predicted, Correct: correct}
	if predicted > 0 {
		s.Precision = float64(correct) / float64(predicted)
	}
	if support > 0 {
		s.Recall = float64(correct) / float64(support)
	}
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
	return s
}

// Result is an evaluation's outcome. Precision, Recall and F1 are micro
// averages over PER, ORG and LOC; WithMisc adds MISC (the CoNLL-2003
// figure).
type Result struct {
	Precision float64          `json:"precision"`
	Recall    float64          `json:"recall"`
	F1        float64          `json:"f1"`
	Main      Score            `json:"main"` // the same PER/ORG/LOC figures with counts
	WithMisc  Score            `json:"with_misc"`
	PerType   map[string]Score `json:"per_type"`
	Tokens    int              `json:"tokens"`
	Sentences int              `json:"sentences"`
	Accuracy  float64          `json:"accuracy"` // share of tokens whose tag matches, after IOB normalisation
}

// Counter accumulates gold and predicted tags sentence by sentence. The
// zero value is ready to use.
type Counter struct {
	correct, predicted, support map[string]int
	tokens, sentences, tokOK    int
}

// Add counts one sentence: gold and predicted tags of the same length.
func (c *Counter) Add(gold, pred []string) error {
	if len(gold) != len(pred) {
		return fmt.Errorf("score sentence: %d gold tags, %d predicted", len(gold), len(pred))
	}
	if c.correct == nil {
		c.correct, c.predicted, c.support = map[string]int{}, map[string]int{}, map[string]int{}
	}
	c.sentences++
	c.tokens += len(gold)
	g, p := Chunks(gold), Chunks(pred)
	for _, ch := range g {
		c.support[ch.Type]++
	}
	for _, ch := range p {
		c.predicted[ch.Type]++
	}
	gold2 := make(map[Chunk]bool, len(g))
	for _, ch := range g {
		gold2[ch] = true
	}
	for _, ch := range p {
		if gold2[ch] {
			c.correct[ch.Type]++
		}
	}
	gt, pt := tokenTypes(gold, g), tokenTypes(pred, p)
	for i := range gt {
		if gt[i] == pt[i] {
			c.tokOK++
		}
	}
	return nil
}

// tokenTypes labels each token B-X, I-X or O from its chunks, so that IOB1
// and IOB2 versions of the same analysis compare equal.
func tokenTypes(tags []string, chunks []Chunk) []string {
	out := make([]string, len(tags))
	for i := range out {
		out[i] = "O"
	}
	for _, ch := range chunks {
		out[ch.Start] = "B-" + ch.Type
		for i := ch.Start + 1; i < ch.End; i++ {
			out[i] = "I-" + ch.Type
		}
	}
	return out
}

// Result returns the scores counted so far.
func (c *Counter) Result() Result {
	r := Result{PerType: map[string]Score{}, Tokens: c.tokens, Sentences: c.sentences}
	types := map[string]bool{"PER": true, "ORG": true, "LOC": true, "MISC": true}
	for t := range c.support {
		types[t] = true
	}
	for t := range c.predicted {
		types[t] = true
	}
	var all, main [3]int
	for t := range types {
		s := newScore(c.correct[t], c.predicted[t], c.support[t])
		r.PerType[t] = s
		all[0] += s.Correct
		all[1] += s.Predicted
		all[2] += s.Support
		if t == "PER" || t == "ORG" || t == "LOC" {
			main[0] += s.Correct
			main[1] += s.Predicted
			main[2] += s.Support
		}
	}
	r.Main = newScore(main[0], main[1], main[2])
	r.WithMisc = newScore(all[0], all[1], all[2])
	r.Precision, r.Recall, r.F1 = r.Main.Precision, r.Main.Recall, r.Main.F1
	if c.tokens > 0 {
		r.Accuracy = float64(c.tokOK) / float64(c.tokens)
	}
	return r
}

// WriteText prints r the way conlleval does, with a line for the
// PER/ORG/LOC micro average after the all-types line.
func (r Result) WriteText(w io.Writer) error {
	pct := func(x float64) float64 { return 100 * x }
	a := r.WithMisc
	_, err := fmt.Fprintf(w, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n",
		r.Tokens, a.Support, a.Predicted, a.Correct)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n",
		pct(r.Accuracy), pct(a.Precision), pct(a.Recall), pct(a.F1))
	m := r.Main
	fmt.Fprintf(w, " PER+ORG+LOC: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
		pct(m.Precision), pct(m.Recall), pct(m.F1), m.Predicted)
	types := make([]string, 0, len(r.PerType))
	for t := range r.PerType {
		types = append(types, t)
	}
	sort.Strings(types)
	for _, t := range types {
		s := r.PerType[t]
		_, err = fmt.Fprintf(w, "%12s: precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n",
			t, pct(s.Precision), pct(s.Recall), pct(s.F1), s.Predicted)
	}
	return err
}
