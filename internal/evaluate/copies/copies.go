// Package copies measures copy detection (package dedup) on a test set it
// generates at run time from real article text: exact copies (formatting and
// boilerplate changed), near copies (a headline and lead, a paragraph dropped
// or added, 5-15% of words changed, sentences swapped) and rewrites (MSRP
// paraphrase pairs assembled into documents), among hard negatives (ECB+
// articles on the same topic, documents of MSRP non-paraphrase pairs).
// Nothing generated is written anywhere; the same seed gives the same set.
package copies

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/storyline-news/storyline/internal/dedup"
	"github.com/storyline-news/storyline/internal/news"
)

// Seed is the generator's seed.
const Seed = 20211002

// Score is precision and recall for one kind of copy.
type Score struct {
	Kind string `json:"kind"`
	// Truth is the number of generated (copy, source) pairs of this kind;
	// Found counts those whose two documents ended in one copy group, and
	// KindRight those of them related to each other with this kind.
	Truth     int `json:"truth"`
	Found     int `json:"found"`
	KindRight int `json:"kind_right"`
	// Predicted is the number of links Add returned with this kind; Correct
	// counts those joining two documents of one generated family.
	Predicted int     `json:"predicted"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Result is the outcome of one evaluation run.
type Result struct {
	Docs     int     `json:"docs"`
	Families int     `json:"families_with_copies"`
	Kinds    []Score `json:"kinds"` // exact, near, rewrite, all
	// Unscored counts links between ECB+ articles that share much of their
	// text verbatim (and copies of them): real copies in the data, neither
	// right nor wrong here.
	Unscored     int `json:"unscored_links"`
	RelatedPairs int `json:"ecb_copied_pairs"`
	// FalseLinks counts wrong links by what the two documents were.
	FalseLinks map[string]int `json:"false_links"`
	// Edits gives the recall of near and exact copies by edit.
	Edits []EditScore `json:"edits"`
	// OriginalRight is the share of families with copies whose group names
	// the generated base as original, when the base is dated earliest.
	OriginalRight float64 `json:"original_right"`
	Seconds       float64 `json:"seconds"`
	DocsPerSecond float64 `json:"docs_per_second"`
	// Misses lists a few missed copies and false links, for inspection.
	Misses []string `json:"misses,omitempty"`
}

// EditScore is the recall for copies made by one edit.
type EditScore struct {
	Edit   string  `json:"edit"`
	Truth  int     `json:"truth"`
	Found  int     `json:"found"`
	Recall float64 `json:"recall"`
}

// Run generates the test set from the data under dataDir (the shared/data
// folder), runs copy detection over it in a shuffled order and scores it.
func Run(ctx context.Context, dataDir string) (Result, error) {
	return run(ctx, dataDir, dedup.Options{})
}

func run(ctx context.Context, dataDir string, opts dedup.Options) (Result, error) {
	bases, err := loadBases(dataDir)
	if err != nil {
		return Result{}, fmt.Errorf("copy evaluation: %w", err)
	}
	msrp, err := loadMSRP(dataDir)
	if err != nil {
		return Result{}, fmt.Errorf("copy evaluation: %w", err)
	}
	docs := generate(bases, msrp, Seed)
	byID := make(map[news.ArticleID]*doc, len(docs))
	for i := range docs {
		byID[docs[i].ID] = &docs[i]
	}

	ix := dedup.NewIndex(opts)
	var links []news.CopyLink
	start := time.Now()
	for i, d := range docs {
		if i%256 == 0 && ctx.Err() != nil {
			return Result{}, fmt.Errorf("copy evaluation: %w", ctx.Err())
		}
		ls, err := ix.Add(dedup.Doc{ID: d.ID, Title: d.Title, Text: d.Text, Published: d.Published})
		if err != nil {
			return Result{}, fmt.Errorf("copy evaluation: %w", err)
		}
		links = append(links, ls...)
	}
	elapsed := time.Since(start)

	related := relatedFamilies(docs)
	res := Result{Docs: len(docs), RelatedPairs: related.pairs, FalseLinks: map[string]int{}, Seconds: elapsed.Seconds(),
		DocsPerSecond: float64(len(docs)) / elapsed.Seconds()}
	scores := map[news.CopyKind]*Score{}
	for _, k := range []news.CopyKind{news.CopyExact, news.CopyNear, news.CopyRewrite, "all"} {
		scores[k] = &Score{Kind: string(k)}
	}
	for _, l := range links {
		a, b := byID[l.Article], byID[l.Original]
		if a.Family != b.Family && related.same(a.Family, b.Family) {
			res.Unscored++
			continue
		}
		for _, k := range []news.CopyKind{l.Kind, "all"} {
			scores[k].Predicted++
			if a.Family == b.Family {
				scores[k].Correct++
			}
		}
		if a.Family != b.Family {
			what := pairSource(a, b)
			res.FalseLinks[what]++
			if len(res.Misses) < 40 {
				res.Misses = append(res.Misses, fmt.Sprintf("false %s: %s -> %s (%s %.2f)", what, a.ID, b.ID, l.Kind, l.Similarity))
			}
		}
	}

	edits := map[string]*EditScore{}
	families := map[int]bool{}
	origRight, origTotal := 0, 0
	for _, d := range docs {
		if d.Kind == "" {
			continue
		}
		families[d.Family] = true
		g, _ := ix.Group(d.ID)
		found := g.Original == d.Base
		kind := news.CopyKind("")
		for _, m := range g.Members {
			if m.ID == d.Base {
				found = true
			}
			if g.Original == d.Base && m.ID == d.ID {
				kind = m.Kind
			}
		}
		if g.Original == d.ID {
			for _, m := range g.Members {
				if m.ID == d.Base {
					kind = m.Kind
				}
			}
		}
		for _, k := range []news.CopyKind{d.Kind, "all"} {
			s := scores[k]
			s.Truth++
			if found {
				s.Found++
				if kind == d.Kind {
					s.KindRight++
				}
			}
		}
		for _, e := range strings.Split(d.Edit, "+") {
			if strings.HasPrefix(e, "words ") {
				e = wordsBucket(e)
			}
			if strings.HasPrefix(e, "paraphrase") {
				e = "paraphrase"
			}
			es := edits[e]
			if es == nil {
				es = &EditScore{Edit: e}
				edits[e] = es
			}
			es.Truth++
			if found {
				es.Found++
			}
		}
		if found && kind != d.Kind && len(res.Misses) < 120 {
			res.Misses = append(res.Misses, fmt.Sprintf("kind %q for %s copy %s of %s (%s), original %s", kind, d.Kind, d.ID, d.Base, d.Edit, g.Original))
		}
		if !found && len(res.Misses) < 120 {
			res.Misses = append(res.Misses, fmt.Sprintf("missed %s of %s (%s)", d.Kind, d.Base, d.Edit))
		}
		b := byID[d.Base]
		if found && b.Kind == "" && !d.Published.IsZero() && d.Published.After(b.Published) {
			origTotal++
			if g.Original == d.Base {
				origRight++
			}
		}
	}
	res.Families = len(families)
	if origTotal > 0 {
		res.OriginalRight = float64(origRight) / float64(origTotal)
	}
	for _, k := range []news.CopyKind{news.CopyExact, news.CopyNear, news.CopyRewrite, "all"} {
		s := scores[k]
		s.Precision = ratio(s.Correct, s.Predicted)
		s.Recall = ratio(s.Found, s.Truth)
		if s.Precision+s.Recall > 0 {
			s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
		}
		res.Kinds = append(res.Kinds, *s)
	}
	for _, e := range edits {
		e.Recall = ratio(e.Found, e.Truth)
		res.Edits = append(res.Edits, *e)
	}
	sort.Slice(res.Edits, func(i, j int) bool { return res.Edits[i].Edit < res.Edits[j].Edit })
	return res, nil
}

func wordsBucket(e string) string {
	var p float64
	fmt.Sscanf(e, "words %f%%", &p)
	switch {
	case p < 8:
		return "words 5-8%"
	case p < 12:
		return "words 8-12%"
	}
	return "words 12-15%"
}

func pairSource(a, b *doc) string {
	switch {
	case a.Source == "ecb" && b.Source == "ecb" && a.Topic == b.Topic:
		return "ecb same topic"
	case strings.HasPrefix(a.Source, "msrp") && strings.HasPrefix(b.Source, "msrp"):
		return "msrp " + a.Source[4:] + b.Source[4:]
	}
	return "other"
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Print writes the result as tables for a person.
func (r Result) Print(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintf(tw, "copy detection: %d documents, %d families with copies, %.0f docs/s\n\n",
		r.Docs, r.Families, r.DocsPerSecond)
	fmt.Fprintln(tw, "kind\tprecision\trecall\tF1\ttrue pairs\tfound\tkind right\tlinks\tcorrect\t")
	for _, s := range r.Kinds {
		fmt.Fprintf(tw, "%s\t%.3f\t%.3f\t%.3f\t%d\t%d\t%d\t%d\t%d\t\n",
			s.Kind, s.Precision, s.Recall, s.F1, s.Truth, s.Found, s.KindRight, s.Predicted, s.Correct)
	}
	fmt.Fprintln(tw, "\nedit\trecall\ttrue\tfound\t")
	for _, e := range r.Edits {
		fmt.Fprintf(tw, "%s\t%.3f\t%d\t%d\t\n", e.Edit, e.Recall, e.Truth, e.Found)
	}
	fmt.Fprintln(tw, "\nfalse links\tcount\t")
	keys := make([]string, 0, len(r.FalseLinks))
	for k := range r.FalseLinks {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(tw, "%s\t%d\t\n", k, r.FalseLinks[k])
	}
	fmt.Fprintf(tw, "\nECB+ pairs sharing text verbatim (unscored)\t%d\t\nlinks among them (unscored)\t%d\t\n", r.RelatedPairs, r.Unscored)
	fmt.Fprintf(tw, "\noriginal chosen right\t%.3f\t\n", r.OriginalRight)
	return tw.Flush()
}
