// Package timex scores Storyline's temporal expression finder on TimeML
// gold data, the TempEval-3 platinum test set, with the semantics of
// TempEval-3 Task A:
//
//   - strict extent: a system expression matches a gold one with exactly
//     the same span;
//   - relaxed extent: the spans overlap (one-to-one);
//   - value (and type): an attribute counts for a relaxed match whose value
//     equals the gold value, so value precision is correct values over
//     system expressions and value recall correct values over gold ones
//     (TE3's "attribute F1": value accuracy times relaxed F1).
//
// The finder reads the plain text of <TEXT> (tags removed) with the
// document creation time as its reference date. TimeML annotates the two
// ends of a range ("1996-2001") as two expressions, so the finder runs with
// Options.SplitRanges.
package timex

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	finder "github.com/storyline-news/storyline/internal/timex"
)

// Finder finds temporal expressions in a text against a reference date.
type Finder interface {
	Find(text string, ref time.Time) []news.Timex
}

var _ Finder = (*finder.Finder)(nil)

// Result holds the scores of one run.
type Result struct {
	Dir       string `json:"dir,omitempty"`
	Documents int    `json:"documents"`
	Gold      int    `json:"gold"`
	System    int    `json:"system"`

	StrictMatches  int `json:"strict_matches"`
	RelaxedMatches int `json:"relaxed_matches"`
	TypeMatches    int `json:"type_matches"`
	ValueMatches   int `json:"value_matches"`

	StrictPrecision  float64 `json:"strict_precision"`
	StrictRecall     float64 `json:"strict_recall"`
	StrictF1         float64 `json:"strict_f1"`
	RelaxedPrecision float64 `json:"relaxed_precision"`
	RelaxedRecall    float64 `json:"relaxed_recall"`
	RelaxedF1        float64 `json:"relaxed_f1"`
	TypePrecision    float64 `json:"type_precision"`
	TypeRecall       float64 `json:"type_recall"`
	TypeF1           float64 `json:"type_f1"`
	ValuePrecision   float64 `json:"value_precision"`
	ValueRecall      float64 `json:"value_recall"`
	ValueF1          float64 `json:"value_f1"`
	// ValueAccuracy is the share of relaxed matches with the gold value.
	ValueAccuracy float64 `json:"value_accuracy"`

	// Errors lists what the finder missed, added or got wrong, for
	// reading; it is not part of the JSON.
	Errors []Error `json:"-"`
}

// Error is one disagreement with the gold data.
type Error struct {
	Doc    string
	Kind   string // "missed", "spurious", "span", "value"
	Gold   *Expr
	System *Expr
}

func (e Error) String() string {
	show := func(x *Expr) string {
		if x == nil {
			return "-"
		}
		return fmt.Sprintf("%q %s %s", x.Text, x.Type, x.Value)
	}
	return fmt.Sprintf("%s\t%-8s gold %s\tsystem %s", e.Doc, e.Kind, show(e.Gold), show(e.System))
}

// Run scores Storyline's finder on the TimeML files of dir (for example
// shared/data/timex/tempeval3/te3-platinum).
func Run(ctx context.Context, dir string) (Result, error) {
	docs, err := ReadDir(dir)
	if err != nil {
		return Result{}, err
	}
	r, err := Evaluate(ctx, docs, finder.NewWithOptions(finder.Options{SplitRanges: true}))
	if err != nil {
		return Result{}, fmt.Errorf("evaluate %s: %w", dir, err)
	}
	r.Dir = dir
	return r, nil
}

// Evaluate runs f on every document and scores it against the gold
// expressions.
func Evaluate(ctx context.Context, docs []Document, f Finder) (Result, error) {
	var r Result
	for _, d := range docs {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		found := f.Find(d.Text, d.DCT)
		sys := make([]Expr, len(found))
		for i, t := range found {
			sys[i] = Expr{Start: t.Span.Start, End: t.Span.End, Text: t.Text, Type: t.Type, Value: t.Value}
		}
		r.add(d.Name, d.Gold, sys)
		r.Documents++
	}
	r.finish()
	return r, nil
}

// add scores one document: it pairs gold and system expressions one to
// one, exact spans first, then by the largest overlap.
func (r *Result) add(doc string, gold, sys []Expr) {
	r.Gold += len(gold)
	r.System += len(sys)
	type pair struct{ g, s, overlap int }
	var pairs []pair
	for gi, g := range gold {
		for si, s := range sys {
			o := min(g.End, s.End) - max(g.Start, s.Start)
			if o <= 0 {
				continue
			}
			if g.Start == s.Start && g.End == s.End {
				o = 1 << 30
			}
			pairs = append(pairs, pair{gi, si, o})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].overlap > pairs[j].overlap })
	gUsed := make([]bool, len(gold))
	sUsed := make([]bool, len(sys))
	for _, p := range pairs {
		if gUsed[p.g] || sUsed[p.s] {
			continue
		}
		gUsed[p.g], sUsed[p.s] = true, true
		g, s := gold[p.g], sys[p.s]
		r.RelaxedMatches++
		if g.Start == s.Start && g.End == s.End {
			r.StrictMatches++
		} else {
			r.Errors = append(r.Errors, Error{Doc: doc, Kind: "span", Gold: &gold[p.g], System: &sys[p.s]})
		}
		if g.Type == s.Type {
			r.TypeMatches++
		}
		if g.Value == s.Value {
			r.ValueMatches++
		} else {
			r.Errors = append(r.Errors, Error{Doc: doc, Kind: "value", Gold: &gold[p.g], System: &sys[p.s]})
		}
	}
	for i := range gold {
		if !gUsed[i] {
			r.Errors = append(r.Errors, Error{Doc: doc, Kind: "missed", Gold: &gold[i]})
		}
	}
	for i := range sys {
		if !sUsed[i] {
			r.Errors = append(r.Errors, Error{Doc: doc, Kind: "spurious", System: &sys[i]})
		}
	}
}

func (r *Result) finish() {
	prf := func(tp int) (p, rec, f float64) {
		if r.System > 0 {
			p = float64(tp) / float64(r.System)
		}
		if r.Gold > 0 {
			rec = float64(tp) / float64(r.Gold)
		}
		if p+rec > 0 {
			f = 2 * p * rec / (p + rec)
		}
		return p, rec, f
	}
	r.StrictPrecision, r.StrictRecall, r.StrictF1 = prf(r.StrictMatches)
	r.RelaxedPrecision, r.RelaxedRecall, r.RelaxedF1 = prf(r.RelaxedMatches)
	r.TypePrecision, r.TypeRecall, r.TypeF1 = prf(r.TypeMatches)
	r.ValuePrecision, r.ValueRecall, r.ValueF1 = prf(r.ValueMatches)
	if r.RelaxedMatches > 0 {
		r.ValueAccuracy = float64(r.ValueMatches) / float64(r.RelaxedMatches)
	}
}

// Print writes the scores as a small table.
func (r Result) Print(w io.Writer) error {
	_, err := fmt.Fprintf(w, `TempEval-3 Task A, TIMEX3 (%d documents, %d gold, %d found)
               precision  recall    F1
strict extent    %6.3f   %6.3f   %6.3f   (%d exact spans)
relaxed extent   %6.3f   %6.3f   %6.3f   (%d overlaps)
type             %6.3f   %6.3f   %6.3f
value            %6.3f   %6.3f   %6.3f   (accuracy on matches %.3f)
HeidelTime (TE3): strict F1 0.813, relaxed F1 0.903, value F1 0.776
`, r.Documents, r.Gold, r.System,
		r.StrictPrecision, r.StrictRecall, r.StrictF1, r.StrictMatches,
		r.RelaxedPrecision, r.RelaxedRecall, r.RelaxedF1, r.RelaxedMatches,
		r.TypePrecision, r.TypeRecall, r.TypeF1,
		r.ValuePrecision, r.ValueRecall, r.ValueF1, r.ValueAccuracy)
	return err
}
