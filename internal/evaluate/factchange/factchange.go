// Package factchange scores a detector of changed facts on pairs of an
// original text and an edited copy labelled "same_facts" (a faithful
// rewording) or "changed", in the format of the SummEdits news split
// (salesforce/factualNLG): JSON Lines with "original", "copy" and
// "label". The published metric is balanced accuracy of "changed" against
// "same_facts"; precision and recall are of "changed".
package factchange

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"io"
	"os"
	"strings"
)

// Labels.
const (
	SameFacts = "same_facts"
	Changed   = "changed"
)

// A Pair is one labelled row.
type Pair struct {
	ID       string `json:"id"`
	Original string `json:"original"`
	Copy     string `json:"copy"`
	Label    string `json:"label"`
	Line     int    `json:"-"`
}

// Half says which of two halves a pair falls in: pairs are split by their
// original text, so that the edits of one original are all in one half
// and a rule tuned on one half is scored on originals it never saw.
func (p Pair) Half() int {
	h := fnv.New32a()
	h.Write([]byte(strings.TrimSpace(p.Original)))
	return int(h.Sum32() % 2)
}

// Scores are the metrics over a set of pairs.
type Scores struct {
	Pairs            int     `json:"pairs"`
	BalancedAccuracy float64 `json:"balanced_accuracy"`
	Precision        float64 `json:"precision"`
	Recall           float64 `json:"recall"`
	TP, FP, TN, FN   int     `json:"-"`
}

func (s *Scores) add(changed, predicted bool) {
	s.Pairs++
	switch {
	case changed && predicted:
		s.TP++
	case changed:
		s.FN++
	case predicted:
		s.FP++
	default:
		s.TN++
	}
}

func (s *Scores) finish() {
	s.Precision = ratio(s.TP, s.TP+s.FP)
	s.Recall = ratio(s.TP, s.TP+s.FN)
	s.BalancedAccuracy = (s.Recall + ratio(s.TN, s.TN+s.FP)) / 2
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Result is a run over a file.
type Result struct {
	File string `json:"file"`
	Scores
	// Halves are the scores of each half of the pairs (see Pair.Half).
	Halves [2]Scores `json:"halves"`
	// Problems are the rows that could not be read: "line 3: ...".
	Problems []string `json:"problems,omitzero"`
	// Mistakes are the pairs the detector got wrong, for reading.
	Mistakes []Mistake `json:"-"`
}

// A Mistake is a pair the detector labelled wrongly, with what it said.
type Mistake struct {
	Pair
	Why string
}

// Detector says whether copy changed a fact of original, and why (a line
// for people).
type Detector func(original, copy string) (changed bool, why string)

// Run scores detect on the pairs in the file at path. A row that cannot be
// read is a problem, not a failure: the rest are scored.
func Run(ctx context.Context, path string, detect Detector) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("factchange %s: %w", path, err)
	}
	defer f.Close()
	pairs, problems, err := Read(f)
	if err != nil {
		return Result{}, fmt.Errorf("factchange %s: %w", path, err)
	}
	res, err := Score(ctx, pairs, detect)
	if err != nil {
		return Result{}, fmt.Errorf("factchange %s: %w", path, err)
	}
	res.File, res.Problems = path, problems
	return res, nil
}

// Read reads labelled pairs from JSON Lines. Rows that are not JSON, or
// lack a text or a known label, are returned as problems.
func Read(r io.Reader) ([]Pair, []string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	var (
		pairs    []Pair
		problems []string
	)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var p Pair
		if err := json.Unmarshal([]byte(line), &p); err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		switch {
		case p.Original == "" || p.Copy == "":
			problems = append(problems, fmt.Sprintf("line %d: no original or copy", n))
			continue
		case p.Label != SameFacts && p.Label != Changed:
			problems = append(problems, fmt.Sprintf("line %d: label %q: want %s or %s", n, p.Label, SameFacts, Changed))
			continue
		}
		p.Line = n
		pairs = append(pairs, p)
	}
	return pairs, problems, sc.Err()
}

// Score runs detect on every pair and scores it.
func Score(ctx context.Context, pairs []Pair, detect Detector) (Result, error) {
	var res Result
	for i, p := range pairs {
		if i%64 == 0 && ctx.Err() != nil {
			return res, ctx.Err()
		}
		changed, why := detect(p.Original, p.Copy)
		gold := p.Label == Changed
		res.add(gold, changed)
		res.Halves[p.Half()].add(gold, changed)
		if changed != gold {
			res.Mistakes = append(res.Mistakes, Mistake{p, why})
		}
	}
	res.finish()
	res.Halves[0].finish()
	res.Halves[1].finish()
	return res, nil
}

// Print writes the scores for people.
func (r Result) Print(w io.Writer) error {
	_, err := fmt.Fprintf(w, "%s: %d pairs\nbalanced accuracy %.3f  precision %.3f  recall %.3f (of changed)\n"+
		"halves (split by original): A %.3f (%d pairs), B %.3f (%d pairs)\n",
		r.File, r.Pairs, r.BalancedAccuracy, r.Precision, r.Recall,
		r.Halves[0].BalancedAccuracy, r.Halves[0].Pairs, r.Halves[1].BalancedAccuracy, r.Halves[1].Pairs)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	return err
}
