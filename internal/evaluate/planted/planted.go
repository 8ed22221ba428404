// Package planted scores the comparison of a copy with its original on
// changes planted in real reports: each report of a JSON Lines file (field
// "text") gets copies with one change of a known type (a number changed, a
// name swapped for another of the same kind from another report, a
// negation added or removed, a sentence dropped, a sentence of another
// report added) and faithful copies (spacing, line breaks, typographic
// quotes, a boilerplate line). The planting is seeded: the same file gives
// the same copies.
package planted

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/storyline-news/storyline/internal/compare"
	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
)

// Seed fixes the planting.
const Seed = 20

// The planted types, as compare names them.
var Types = []compare.Type{compare.Number, compare.Entity, compare.Negation, compare.Removed, compare.Added}

// Faithful marks a copy with no change of fact.
const Faithful compare.Type = "faithful"

// A Copy is a report with something planted in it.
type Copy struct {
	Report   int          // index of the report in the file
	Planted  compare.Type // what was planted, or Faithful
	Original string
	Text     string
}

// Tagger finds the names in a text, as the analysis does at ingest.
type Tagger func(text string) []news.Mention

// Scores are one type's.
type Scores struct {
	Planted   int     `json:"planted"`
	Found     int     `json:"found"`    // copies planted with the type where it was found
	Reported  int     `json:"reported"` // copies where the type was found
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
}

// Result is a run over a file.
type Result struct {
	File    string                   `json:"file"`
	Reports int                      `json:"reports"`
	Types   map[compare.Type]*Scores `json:"types"`
	// Faithful copies, and the share of them said to change a fact.
	Faithful        int      `json:"faithful"`
	FalseChangeRate float64  `json:"false_change_rate"`
	Problems        []string `json:"problems,omitzero"`
	// Mistakes are copies typed wrongly, for reading.
	Mistakes []Mistake `json:"-"`
}

// A Mistake is a copy whose changes of fact were not just the planted one.
type Mistake struct {
	Copy
	Found []compare.Change
}

// Run plants changes in the reports of the JSON Lines file at path and
// scores the comparison of each copy with its report.
func Run(ctx context.Context, path string, tag Tagger) (Result, error) {
	f, err := os.Open(path)
	if err != nil {
		return Result{}, fmt.Errorf("planted %s: %w", path, err)
	}
	defer f.Close()
	reports, problems, err := read(f)
	if err != nil {
		return Result{}, fmt.Errorf("planted %s: %w", path, err)
	}
	res := Result{File: path, Reports: len(reports), Types: map[compare.Type]*Scores{}, Problems: problems}
	for _, t := range Types {
		res.Types[t] = &Scores{}
	}
	c := compare.New()
	tags := map[string][]news.Mention{}
	tagged := func(s string) []news.Mention {
		if m, ok := tags[s]; ok {
			return m
		}
		m := tag(s)
		tags[s] = m
		return m
	}
	names := namePool(reports, tagged)
	falseChanges := 0
	for i, cp := range Plant(reports, names, tagged) {
		if i%64 == 0 && ctx.Err() != nil {
			return res, ctx.Err()
		}
		r := c.Compare(compare.Text{Text: cp.Original, Mentions: tagged(cp.Original)},
			compare.Text{Text: cp.Text, Mentions: tag(cp.Text)})
		found := map[compare.Type]bool{}
		for _, ch := range r.Changes {
			switch {
			case ch.Type == compare.Attribution:
				// A swapped name that was a speaker's is a change of
				// who said it: the planted name swap, typed closer.
				found[compare.Entity] = true
			case ch.Fact():
				found[ch.Type] = true
			}
		}
		if cp.Planted == Faithful {
			res.Faithful++
			if !r.SameFacts {
				falseChanges++
				res.Mistakes = append(res.Mistakes, Mistake{cp, r.Changes})
			}
			continue
		}
		res.Types[cp.Planted].Planted++
		if found[cp.Planted] {
			res.Types[cp.Planted].Found++
		}
		for t := range found {
			if s, ok := res.Types[t]; ok {
				s.Reported++
			}
		}
		if !found[cp.Planted] || len(found) > 1 {
			res.Mistakes = append(res.Mistakes, Mistake{cp, r.Changes})
		}
	}
	for _, s := range res.Types {
		s.Precision, s.Recall = ratio(s.Found, s.Reported), ratio(s.Found, s.Planted)
	}
	res.FalseChangeRate = ratio(falseChanges, res.Faithful)
	return res, nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// read reads the reports' texts. A line that is not JSON or has no text is
// a problem; the rest are read.
func read(r io.Reader) ([]string, []string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<16), 1<<26)
	var texts, problems []string
	for n := 1; sc.Scan(); n++ {
		var row struct {
			Text string `json:"text"`
		}
		if err := json.Unmarshal(sc.Bytes(), &row); err != nil {
			problems = append(problems, fmt.Sprintf("line %d: %v", n, err))
			continue
		}
		if strings.TrimSpace(row.Text) == "" {
			continue // a report without text has nothing to plant in
		}
		texts = append(texts, row.Text)
	}
	return texts, problems, sc.Err()
}

// namePool lists each report's person, place and organisation names by
// type.
func namePool(reports []string, tag Tagger) map[news.EntityType][]string {
	pool := map[news.EntityType][]string{}
	seen := map[string]bool{}
	for _, r := range reports {
		for _, m := range tag(r) {
			if m.Type == news.OtherName || seen[m.Text] || !strings.ContainsRune(m.Text, ' ') && len(m.Text) < 4 {
				continue
			}
			seen[m.Text] = true
			pool[m.Type] = append(pool[m.Type], m.Text)
		}
	}
	return pool
}

// Plant makes the copies of every report: one for each type that can be
// planted in it, and three faithful ones.
func Plant(reports []string, names map[news.EntityType][]string, tag Tagger) []Copy {
	var out []Copy
	for i, text := range reports {
		rng := rand.New(rand.NewPCG(Seed, uint64(i)))
		sents := ner.Sentences(text)
		add := func(t compare.Type, s string, ok bool) {
			if ok && s != text {
				out = append(out, Copy{Report: i, Planted: t, Original: text, Text: s})
			}
		}
		s, ok := plantNumber(text, rng)
		add(compare.Number, s, ok)
		s, ok = swapName(text, tag(text), names, rng)
		add(compare.Entity, s, ok)
		s, ok = flipNegation(text, sents, rng)
		add(compare.Negation, s, ok)
		s, ok = dropSentence(text, sents, rng)
		add(compare.Removed, s, ok)
		other := reports[(i+1+rng.IntN(len(reports)-1))%len(reports)]
		s, ok = addSentence(text, sents, other, rng)
		add(compare.Added, s, ok)
		for _, f := range faithful {
			add(Faithful, f(text, rng), true)
		}
	}
	return out
}

var numberRE = regexp.MustCompile(`\b\d{1,3}(,\d{3})*\b|\b(two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred)\b`)

var numberNames = []string{"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "twenty", "hundred"}

// plantNumber changes one count or amount (not a year) to another.
func plantNumber(text string, rng *rand.Rand) (string, bool) {
	locs := numberRE.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return "", false
	}
	l := locs[rng.IntN(len(locs))]
	old := text[l[0]:l[1]]
	var repl string
	if v, err := strconv.Atoi(strings.ReplaceAll(old, ",", "")); err == nil {
		repl = strconv.Itoa(v + 1 + rng.IntN(9))
	} else {
		for repl == "" || repl == old {
			repl = numberNames[rng.IntN(len(numberNames))]
		}
	}
	return text[:l[0]] + repl + text[l[1]:], true
}

// swapName puts a name of the same type from another report in place of
// one of the report's names.
func swapName(text string, ms []news.Mention, pool map[news.EntityType][]string, rng *rand.Rand) (string, bool) {
	ms = slices.DeleteFunc(slices.Clone(ms), func(m news.Mention) bool { return m.Type == news.OtherName })
	if len(ms) == 0 {
		return "", false
	}
	m := ms[rng.IntN(len(ms))]
	cands := pool[m.Type]
	for range 20 {
		n := cands[rng.IntN(len(cands))]
		if !strings.Contains(text, n) && !strings.Contains(n, m.Text) && !strings.Contains(m.Text, n) {
			return text[:m.Start] + n + text[m.End:], true
		}
	}
	return "", false
}

var (
	negRE = regexp.MustCompile(`\b(not|never) `)
	auxRE = regexp.MustCompile(`\b(is|are|was|were|has|have|had|will|would|can|could|should) `)
)

// flipNegation removes a "not" or "never", or puts a "not" after an
// auxiliary verb.
func flipNegation(text string, sents []news.Span, rng *rand.Rand) (string, bool) {
	if locs := negRE.FindAllStringIndex(text, -1); len(locs) > 0 && rng.IntN(2) == 0 {
		l := locs[rng.IntN(len(locs))]
		return text[:l[0]] + text[l[1]:], true
	}
	locs := auxRE.FindAllStringIndex(text, -1)
	if len(locs) == 0 {
		return "", false
	}
	l := locs[rng.IntN(len(locs))]
	return text[:l[1]] + "not " + text[l[1]:], true
}

// dropSentence removes a sentence of six words or more, not the first.
func dropSentence(text string, sents []news.Span, rng *rand.Rand) (string, bool) {
	var cands []news.Span
	for _, s := range sents[min(1, len(sents)):] {
		if len(strings.Fields(text[s.Start:s.End])) >= 6 {
			cands = append(cands, s)
		}
	}
	if len(cands) == 0 {
		return "", false
	}
	s := cands[rng.IntN(len(cands))]
	end := s.End
	for end < len(text) && text[end] == ' ' {
		end++
	}
	return text[:s.Start] + text[end:], true
}

// addSentence puts a sentence of eight words or more from another report
// after one of the report's sentences.
func addSentence(text string, sents []news.Span, other string, rng *rand.Rand) (string, bool) {
	var cands []string
	for _, s := range ner.Sentences(other) {
		t := other[s.Start:s.End]
		if len(strings.Fields(t)) >= 8 && strings.HasSuffix(t, ".") && !strings.Contains(text, t) {
			cands = append(cands, t)
		}
	}
	if len(cands) == 0 || len(sents) == 0 {
		return "", false
	}
	at := sents[rng.IntN(len(sents))].End
	return text[:at] + " " + cands[rng.IntN(len(cands))] + text[at:], true
}

// faithful edits change how a report is laid out, never what it says.
var faithful = []func(string, *rand.Rand) string{
	// Spacing: doubled spaces, paragraphs apart, indented lines.
	func(s string, rng *rand.Rand) string {
		s = strings.ReplaceAll(s, "\n", "\n\n   ")
		words := strings.Split(s, " ")
		for i := range words {
			if rng.IntN(5) == 0 {
				words[i] += " "
			}
		}
		return strings.Join(words, " ")
	},
	// Typography: curly quotes and apostrophes for straight ones, or the
	// reverse.
	func(s string, rng *rand.Rand) string {
		if strings.ContainsAny(s, "“”’") {
			return strings.NewReplacer("“", `"`, "”", `"`, "’", "'").Replace(s)
		}
		open := true
		var b strings.Builder
		for _, r := range s {
			switch r {
			case '"':
				b.WriteString(map[bool]string{true: "“", false: "”"}[open])
				open = !open
			case '\'':
				b.WriteRune('’')
			default:
				b.WriteRune(r)
			}
		}
		return b.String()
	},
	// Boilerplate: a line of site furniture between paragraphs and one at
	// the end, as extraction sometimes leaves them.
	func(s string, rng *rand.Rand) string {
		lines := strings.Split(s, "\n")
		at := rng.IntN(len(lines) + 1)
		lines = slices.Insert(lines, at, "Advertisement")
		return strings.Join(lines, "\n") + "\nFollow us on Twitter"
	},
}

// Print writes the scores for people.
func (r Result) Print(w io.Writer) error {
	fmt.Fprintf(w, "%s: %d reports\n%-10s %8s %10s %8s\n", r.File, r.Reports, "type", "planted", "precision", "recall")
	for _, t := range Types {
		s := r.Types[t]
		fmt.Fprintf(w, "%-10s %8d %10.3f %8.3f\n", t, s.Planted, s.Precision, s.Recall)
	}
	_, err := fmt.Fprintf(w, "faithful copies %d, said to change a fact: %.3f\n", r.Faithful, r.FalseChangeRate)
	for _, p := range r.Problems {
		fmt.Fprintf(w, "problem: %s\n", p)
	}
	return err
}
