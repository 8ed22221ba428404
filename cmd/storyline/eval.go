package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/evaluate/clustering"
	"github.com/storyline-news/storyline/internal/evaluate/copies"
	"github.com/storyline-news/storyline/internal/evaluate/extraction"
	evalner "github.com/storyline-news/storyline/internal/evaluate/ner"
	"github.com/storyline-news/storyline/internal/evaluate/quotes"
	evaltimex "github.com/storyline-news/storyline/internal/evaluate/timex"
	"github.com/storyline-news/storyline/internal/ingest"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/pipeline"
	"github.com/storyline-news/storyline/internal/quote"
	"github.com/storyline-news/storyline/internal/source"
)

var (
	evalLabel       string
	evalShuffle     int
	evalMistakes    bool
	evalIncremental int
)

var cmdEval = &Command{
	Name:      "eval",
	UsageLine: "eval [--json] KIND PATH",
	Short:     "score a stage on a public gold set",
	Long: `Eval scores one stage of Storyline against a gold set written by others,
with the metric the published results use. KIND is one of:

	extraction DIR    main-text extraction on the Scrapinghub benchmark (DIR
	                  holds ground-truth.json and html/): token 4-gram shingle
	                  precision, recall and F1, averaged over pages
	clustering FILE   ingests a JSON Lines file (id, title, text, labels) into
	                  a temporary store and scores the stories (--label story)
	                  or storylines (any other label, such as topic) against
	                  the label: BCubed precision, recall, F1 and pairwise F1;
	                  --shuffle N also ingests N shuffled orders and reports
	                  how stable the result is (BCubed F1 against the first);
	                  --incremental N ingests the first half of the file, then
	                  the rest N rows at a time, each grouped incrementally,
	                  scores that, and reports its agreement with a full
	                  regroup of the same store (BCubed F1 between the two);
	                  --mistakes lists the gold groups split over several
	                  predicted ones and the predicted groups that mix gold
	                  ones, each predicted group named by one of its titles
	copies DATADIR    copy detection on a test set generated at run time from
	                  the real article texts under DATADIR (../shared/data):
	                  exact, near and rewritten copies and negatives, with
	                  precision and recall of "is a copy of" pairs per kind
	ner FILE          named entities on a CoNLL file: entity-level exact-match
	                  micro precision, recall, F1 (PER, ORG, LOC; also with
	                  MISC), per type
	timex DIR         temporal expressions on TempEval-3 TimeML files (*.tml):
	                  extent strict and relaxed F1, value F1
	quotes DIR        quotes on a PolNeAR split (text/, attributions/):
	                  content span P/R/F1 (overlap), speaker accuracy;
	                  --mistakes lists the speakers found wrong
	opinion FILE      news or opinion on JSON Lines (title, text, kind, optional
	                  url), text and URL only: accuracy, macro F1
	factchange FILE   what a copy changed, on JSON Lines pairs (original, copy,
	                  label same_facts|changed): balanced accuracy, precision
	                  and recall of changed; --mistakes lists the pairs missed
	planted FILE      what a copy changed, on copies of the reports of a JSON
	                  Lines file (text) with one change planted (number, name,
	                  negation, sentence dropped or added) and faithful ones:
	                  precision and recall per type, faithful copies changed

--json prints the scores as one JSON object.`,
	Setup: func(fs *flag.FlagSet) {
		fs.StringVar(&evalLabel, "label", "story", "clustering: the gold `field` to score against")
		fs.IntVar(&evalShuffle, "shuffle", 0, "clustering: also score `n` shuffled ingest orders for stability")
		fs.IntVar(&evalIncremental, "incremental", 0, "clustering: ingest the second half `n` rows at a time, grouped incrementally, and compare with a full regroup")
		fs.BoolVar(&evalMistakes, "mistakes", false, "clustering: also list the gold groups split and the predicted groups that mix gold ones; quotes: the speakers found wrong")
	},
	Run: runEval,
}

func runEval(ctx context.Context, env *Env, args []string) error {
	if len(args) != 2 {
		return usageErrorf("eval needs a KIND and a PATH")
	}
	kind, path := args[0], args[1]
	var (
		res interface{ String() string }
		err error
	)
	switch kind {
	case "extraction":
		var r extraction.Result
		r, err = extraction.Run(ctx, path)
		res = r
	case "clustering":
		res, err = evalClustering(ctx, env, path)
	case "copies":
		var r copies.Result
		r, err = copies.Run(ctx, path)
		res = stringer{r, r.Print}
	case "ner":
		var r evalner.Result
		r, err = evalner.Run(ctx, path)
		res = stringer{r, r.WriteText}
	case "timex":
		var r evaltimex.Result
		r, err = evaltimex.Run(ctx, path)
		res = stringer{r, r.Print}
	case "quotes":
		var tagger *ner.Tagger
		if tagger, err = ner.Load(); err == nil {
			var r quotes.Result
			r, err = quotes.RunFinder(ctx, path, quote.NewFinder(), tagger.Tag)
			if !evalMistakes {
				r.SpeakerMistakes = nil
			}
			res = withMistakes(r, r.SpeakerMistakes, quotes.PrintMistake)
		}
	case "opinion":
		res, err = evalOpinion(ctx, path)
	case "factchange":
		res, err = evalFactChange(ctx, path)
	case "planted":
		res, err = evalPlanted(ctx, path)
	default:
		return usageErrorf("unknown evaluation %q (want extraction, clustering, copies, ner, timex, quotes, opinion, factchange or planted)", kind)
	}
	if err != nil {
		return fmt.Errorf("eval %s %s: %w", kind, path, err)
	}
	if env.JSON {
		if s, ok := res.(stringer); ok {
			return printJSON(env.Stdout, s.v)
		}
		return printJSON(env.Stdout, res)
	}
	fmt.Fprintln(env.Stdout, res.String())
	return nil
}

// stringer adapts a result with a Print-style method to String, keeping
// the value for JSON.
type stringer struct {
	v     any
	print func(io.Writer) error
}

// withMistakes returns r as a stringer that prints r, then, with
// --mistakes, each of its mistakes as mistake writes it.
func withMistakes[M any](r interface{ Print(io.Writer) error }, mistakes []M, mistake func(io.Writer, M)) stringer {
	return stringer{r, func(w io.Writer) error {
		if err := r.Print(w); err != nil {
			return err
		}
		if evalMistakes {
			for _, m := range mistakes {
				mistake(w, m)
			}
		}
		return nil
	}}
}

func (s stringer) String() string {
	var b strings.Builder
	if err := s.print(&b); err != nil {
		return err.Error()
	}
	return strings.TrimRight(b.String(), "\n")
}

// shuffleLines writes the lines of file in a shuffled order (fixed by seed)
// to a temporary file and returns its path.
func shuffleLines(file string, seed uint64) (string, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return "", err
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	r.Shuffle(len(lines), func(i, j int) { lines[i], lines[j] = lines[j], lines[i] })
	f, err := os.CreateTemp("", "storyline-shuffled-*.jsonl")
	if err != nil {
		return "", err
	}
	defer f.Close()
	if _, err := f.WriteString(strings.Join(lines, "\n") + "\n"); err != nil {
		return "", err
	}
	return f.Name(), f.Close()
}

// clusteringResult is what eval clustering prints.
type clusteringResult struct {
	clustering.Scores
	Label      string    `json:"label"`
	Level      string    `json:"level"`
	Storylines int       `json:"storylines"`
	Failed     int       `json:"failed,omitempty"` // rows that could not be ingested: scored as singletons
	Stability  []float64 `json:"stability,omitempty"`
	// Agreement is the BCubed F1 between the incremental grouping and a
	// full regroup of the same store (with --incremental).
	Agreement *float64 `json:"incremental_vs_full,omitempty"`

	Splits []clustering.Mistake `json:"splits,omitempty"` // with --mistakes
	Merges []clustering.Mistake `json:"merges,omitempty"`
}

func (r clusteringResult) String() string {
	s := fmt.Sprintf("clustering against %q (%s): %d articles, %d predicted groups, %d gold\n", r.Label, r.Level, r.Articles, r.Scores.Stories, r.GoldStories)
	s += fmt.Sprintf("BCubed   precision %.3f  recall %.3f  F1 %.3f\n", r.BCubedPrecision, r.BCubedRecall, r.BCubedF1)
	s += fmt.Sprintf("pairwise precision %.3f  recall %.3f  F1 %.3f", r.PairwisePrecision, r.PairwiseRecall, r.PairwiseF1)
	if r.Failed > 0 {
		s += fmt.Sprintf("\n%d rows could not be ingested and count as singletons", r.Failed)
	}
	if r.Agreement != nil {
		s += fmt.Sprintf("\nincremental grouping vs full regroup of the same store: BCubed F1 %.3f", *r.Agreement)
	}
	for i, st := range r.Stability {
		s += fmt.Sprintf("\nshuffled order %d: BCubed F1 %.3f against the file's order", i+1, st)
	}
	list := func(head string, ms []clustering.Mistake) {
		if len(ms) == 0 {
			return
		}
		s += "\n\n" + head
		for _, m := range ms {
			s += fmt.Sprintf("\n%s (%d):", m.Cluster, m.Size)
			parts := slices.Collect(maps.Keys(m.Parts))
			slices.SortFunc(parts, func(a, b string) int {
				if d := m.Parts[b] - m.Parts[a]; d != 0 {
					return d
				}
				return strings.Compare(a, b)
			})
			for _, p := range parts {
				s += fmt.Sprintf("\n    %3d  %s", m.Parts[p], p)
			}
		}
	}
	list(fmt.Sprintf("gold %ss split over predicted groups:", r.Label), r.Splits)
	list(fmt.Sprintf("predicted groups mixing gold %ss:", r.Label), r.Merges)
	return s
}

// evalClustering ingests file into a temporary store through the whole
// pipeline and scores its stories or storylines against the label.
func evalClustering(ctx context.Context, env *Env, file string) (clusteringResult, error) {
	items, err := clustering.ReadFile(file)
	if err != nil {
		return clusteringResult{}, err
	}
	gold := map[string]string{}
	for _, it := range items {
		if g, ok := it.Labels[evalLabel]; ok {
			gold[it.ID] = g
		}
	}
	if len(gold) == 0 {
		return clusteringResult{}, fmt.Errorf("no row has the label %q: %w", evalLabel, news.ErrInvalid)
	}
	level := clustering.LevelFor(evalLabel)
	res := clusteringResult{Label: evalLabel, Level: string(level)}
	var pred map[string]string
	var lines, failed int
	if evalIncremental > 0 {
		var full map[string]string
		pred, full, lines, failed, err = clusterIncrementally(ctx, env, file, level, evalIncremental)
		if err == nil {
			f1 := clustering.Score(full, pred).BCubedF1
			res.Agreement = &f1
		}
	} else {
		pred, lines, failed, err = clusterFile(ctx, env, file, level)
	}
	if err != nil {
		return res, err
	}
	// Rows that could not be stored count as singletons: a failure to
	// ingest is not a free pass.
	res.Scores, res.Storylines, res.Failed = clustering.Score(gold, pred), lines, failed
	if evalMistakes {
		res.Splits, res.Merges = clustering.Mistakes(gold, nameGroups(items, pred))
	}
	for i := range evalShuffle {
		shuffled, err := shuffleLines(file, uint64(i+1))
		if err != nil {
			return res, err
		}
		other, _, _, err := clusterFile(ctx, env, shuffled, level)
		os.Remove(shuffled)
		if err != nil {
			return res, err
		}
		res.Stability = append(res.Stability, clustering.Score(pred, other).BCubedF1)
	}
	return res, nil
}

// nameGroups relabels predicted groups by the title of their first item
// in file order, so that a reader can tell them apart: "Quake hits Java
// [7f3a…]".
func nameGroups(items []clustering.Item, pred map[string]string) map[string]string {
	name := map[string]string{}
	for _, it := range items {
		p, ok := pred[it.ID]
		if !ok {
			continue
		}
		if _, ok := name[p]; !ok {
			short := p
			if len(short) > 8 {
				short = short[:8]
			}
			name[p] = fmt.Sprintf("%s [%s]", it.Title, short)
		}
	}
	out := make(map[string]string, len(pred))
	for id, p := range pred {
		out[id] = name[p]
	}
	return out
}

// clusterFile ingests file into a fresh temporary store and returns, for
// each row ID (the JSON "id" field), its story or storyline.
func clusterFile(ctx context.Context, env *Env, file string, level clustering.Level) (map[string]string, int, int, error) {
	st, p, done, err := evalStore(ctx, env)
	if err != nil {
		return nil, 0, 0, err
	}
	defer done()
	sum, err := p.Ingest(ctx, source.Read(ctx, []string{file}, source.Options{}), ingest.Options{})
	if err != nil {
		return nil, 0, 0, err
	}
	pred, lines, err := predictions(ctx, st, file, level)
	return pred, lines, sum.Failed, err
}

// clusterIncrementally ingests the first half of file's rows into a fresh
// temporary store, then the rest batch rows at a time, and returns each
// row's group then (pred) and after a full regroup of the same store
// (full).
func clusterIncrementally(ctx context.Context, env *Env, file string, level clustering.Level, batch int) (pred, full map[string]string, lines, failed int, err error) {
	st, p, done, err := evalStore(ctx, env)
	if err != nil {
		return nil, nil, 0, 0, err
	}
	defer done()
	var items []source.Item
	for it, err := range source.Read(ctx, []string{file}, source.Options{}) {
		if err != nil {
			failed++
			continue
		}
		items = append(items, it)
	}
	for rest, n := items, (len(items)+1)/2; len(rest) > 0; n = batch {
		part := rest[:min(n, len(rest))]
		rest = rest[len(part):]
		sum, err := p.Ingest(ctx, func(yield func(source.Item, error) bool) {
			for _, it := range part {
				if !yield(it, nil) {
					return
				}
			}
		}, ingest.Options{})
		if err != nil {
			return nil, nil, 0, 0, err
		}
		failed += sum.Failed
	}
	if pred, lines, err = predictions(ctx, st, file, level); err != nil {
		return nil, nil, 0, 0, err
	}
	if err := p.Regroup(ctx); err != nil {
		return nil, nil, 0, 0, err
	}
	full, _, err = predictions(ctx, st, file, level)
	return pred, full, lines, failed, err
}

// evalStore opens a store in a fresh temporary directory with its
// pipeline; done closes and removes it.
func evalStore(ctx context.Context, env *Env) (Store, *pipeline.Pipeline, func(), error) {
	tmp, err := os.MkdirTemp("", "storyline-eval-")
	if err != nil {
		return nil, nil, nil, err
	}
	tenv := *env
	tenv.DBPath = filepath.Join(tmp, "eval.db")
	st, p, err := openPipeline(ctx, &tenv)
	if err != nil {
		os.RemoveAll(tmp)
		return nil, nil, nil, err
	}
	return st, p, func() { st.Close(); os.RemoveAll(tmp) }, nil
}

// predictions returns, for each row ID of file, its story or storyline in
// st, and the number of storylines.
func predictions(ctx context.Context, st Store, file string, level clustering.Level) (map[string]string, int, error) {
	lineOf := map[news.StoryID]news.StorylineID{}
	lines, _, err := st.Storylines(ctx, 1_000_000, 0)
	if err != nil {
		return nil, 0, err
	}
	for _, l := range lines {
		for _, s := range l.Stories {
			lineOf[s] = l.ID
		}
	}
	// Map every row to the article it became (a row repeating another
	// row's article maps to that article) and that article's group.
	pred := map[string]string{}
	for it, err := range source.Read(ctx, []string{file}, source.Options{}) {
		if err != nil {
			continue
		}
		a, err := ingest.Article(it, time.Time{})
		if err != nil {
			continue
		}
		story, err := st.StoryOf(ctx, a.ID)
		if errors.Is(err, news.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, 0, err
		}
		label := string(story)
		if level != clustering.Stories {
			label = string(lineOf[story])
			if label == "" {
				label = "story:" + string(story)
			}
		}
		pred[it.Meta["id"]] = label
	}
	return pred, len(lines), nil
}
