// Package quotes evaluates Storyline's quote finder on PolNeAR, the
// Political News Attribution Relations corpus (Newell, Margolin and Ruths,
// LREC 2018), whose articles carry brat stand-off annotations of attribution
// relations: a Source, a Cue and a Content span each.
//
// Scoring. A predicted quote's content (its parts, or its span) matches a
// gold Content when the two overlap by at least one byte; matching is one to
// one, the pairs with the largest overlap first. Precision, recall and F1
// count matched contents. On the matched pairs whose gold attribution has a
// Source, the speaker is right when the quote's SpeakerSpan overlaps the gold
// Source, or when the quote's Speaker and the gold Source text name the same
// person: the same surname, and the same first name when both give one
// ("John Kirby" = "Pentagon Press Secretary John Kirby" = "Mr Kirby";
// "Hillary Clinton" != "Bill Clinton"). A pronoun or nominal speaker thus
// counts when it is the one the gold standard marks, or when it was resolved
// to the person the gold Source names.
//
// PolNeAR annotates more than quotes: beliefs, intentions, and sources such
// as polls ("a poll shows ..."), every one of which counts as gold in the
// overall figures. Storyline's quotes are speech, with views (beliefs,
// intentions, findings) kept apart; the speech figures score the quotes of
// kind speech against the gold attributions whose cue is a speech act
// (news.QuoteSpeech by the finder's CueKind: "said", "told", "according to",
// "called for", a colon or a dash; not "wants", "believes", "shows"),
// matched one to one among themselves, and the speech-act recall is the
// share of those gold attributions matched by a quote of any kind.
package quotes

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/quote"
)

// Finder finds quotes in a text, given its named-entity mentions (maybe
// none), and tells the kind of quote a cue makes.
type Finder interface {
	Find(text string, mentions []news.Mention) []news.Quote
	CueKind(cue string) news.QuoteKind
}

var _ Finder = (*quote.Finder)(nil)

// Result holds the scores of a run.
type Result struct {
	Articles  int     `json:"articles"`
	Gold      int     `json:"gold"`      // gold contents
	Predicted int     `json:"predicted"` // predicted quotes
	Matched   int     `json:"matched"`   // matched pairs
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// DirectGold counts the gold contents that hold a quote mark, and
	// DirectMatched those of them matched: recall on quotes proper.
	DirectGold    int     `json:"direct_gold"`
	DirectMatched int     `json:"direct_matched"`
	DirectRecall  float64 `json:"direct_recall"`
	// SpeakerChecked counts the matched pairs whose gold attribution has a
	// Source; SpeakerCorrect those whose predicted speaker is right.
	SpeakerChecked  int     `json:"speaker_checked"`
	SpeakerCorrect  int     `json:"speaker_correct"`
	SpeakerAccuracy float64 `json:"speaker_accuracy"`
	// Views counts the predicted quotes of kind view (in Predicted too).
	Views int `json:"views"`
	// Speech scores the quotes of kind speech against the gold
	// attributions whose cue is a speech act.
	Speech Scores `json:"speech"`
	// SpeechActRecall is the share of gold attributions whose cue is a
	// speech act matched by a quote of any kind (in the overall matching).
	SpeechActRecall  float64 `json:"speech_act_recall"`
	speechActMatched int
	// SpeakerMistakes are the matched pairs whose speaker is wrong, in
	// the order found.
	SpeakerMistakes []SpeakerMistake `json:"speaker_mistakes,omitempty"`
}

// A SpeakerMistake is a quote matched to a gold attribution whose
// speaker it gets wrong.
type SpeakerMistake struct {
	Article string `json:"article"` // the article's name in the split
	Gold    string `json:"gold"`    // the gold source as written
	Found   string `json:"found"`   // the speaker found, "" for none
	Cue     string `json:"cue"`     // the cue found
	Content string `json:"content"` // the start of the content found
}

// Print writes what String does.
func (r Result) Print(w io.Writer) error {
	_, err := fmt.Fprintln(w, r.String())
	return err
}

// PrintMistake writes a speaker mistake on a line for people.
func PrintMistake(w io.Writer, m SpeakerMistake) {
	fmt.Fprintf(w, "speaker: %s: %q found as %q (%s): %s\n", m.Article, m.Gold, m.Found, m.Cue, m.Content)
}

// Scores are counts of gold, predicted and matched contents with the
// precision, recall and F1 they make.
type Scores struct {
	Gold      int     `json:"gold"`
	Predicted int     `json:"predicted"`
	Matched   int     `json:"matched"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func (s *Scores) compute() {
	s.Precision = ratio(s.Matched, s.Predicted)
	s.Recall = ratio(s.Matched, s.Gold)
	if s.Precision+s.Recall > 0 {
		s.F1 = 2 * s.Precision * s.Recall / (s.Precision + s.Recall)
	}
}

// String prints the result for people.
func (r Result) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "articles %d, gold contents %d, predicted %d, matched %d\n", r.Articles, r.Gold, r.Predicted, r.Matched)
	fmt.Fprintf(&b, "content (overlap, one to one)  P %.3f  R %.3f  F1 %.3f\n", r.Precision, r.Recall, r.F1)
	fmt.Fprintf(&b, "direct quotes recall           %.3f (%d of %d)\n", r.DirectRecall, r.DirectMatched, r.DirectGold)
	fmt.Fprintf(&b, "speaker accuracy               %.3f (%d of %d matched with a gold source)\n", r.SpeakerAccuracy, r.SpeakerCorrect, r.SpeakerChecked)
	sp := r.Speech
	fmt.Fprintf(&b, "speech (%d gold with a speech-act cue, %d predicted as speech, %d views kept apart)\n", sp.Gold, sp.Predicted, r.Views)
	fmt.Fprintf(&b, "speech content                 P %.3f  R %.3f  F1 %.3f\n", sp.Precision, sp.Recall, sp.F1)
	fmt.Fprintf(&b, "speech-act recall, any kind    %.3f", r.SpeechActRecall)
	return b.String()
}

// Attribution is one gold attribution relation, in byte offsets.
type Attribution struct {
	Content    []news.Span
	Source     []news.Span
	SourceText string
	Cue        string
}

// Article is one PolNeAR article with its gold attributions.
type Article struct {
	Name         string
	Text         string
	Attributions []Attribution
}

// Run scores the quote finder, without entity mentions, on the PolNeAR split
// in dir (a folder with text/ and attributions/).
func Run(ctx context.Context, dir string) (Result, error) {
	return RunFinder(ctx, dir, quote.NewFinder(), nil)
}

// RunFinder scores f on the PolNeAR split in dir. mentions, when not nil,
// gives each article's named-entity mentions.
func RunFinder(ctx context.Context, dir string, f Finder, mentions func(text string) []news.Mention) (Result, error) {
	arts, err := Read(dir)
	if err != nil {
		return Result{}, err
	}
	s := Scorer{Kind: f.CueKind}
	for _, a := range arts {
		if err := ctx.Err(); err != nil {
			return Result{}, err
		}
		var ms []news.Mention
		if mentions != nil {
			ms = mentions(a.Text)
		}
		s.Add(a, f.Find(a.Text, ms))
	}
	return s.Result(), nil
}

// Read reads the articles of a PolNeAR split: text/NAME.txt and
// attributions/NAME_ANNOTATOR.ann. An article annotated by several
// annotators is read with the first annotator's file in name order.
func Read(dir string) ([]Article, error) {
	anns, err := filepath.Glob(filepath.Join(dir, "attributions", "*.ann"))
	if err != nil {
		return nil, fmt.Errorf("read polnear %s: %w", dir, err)
	}
	if len(anns) == 0 {
		return nil, fmt.Errorf("read polnear %s: no attributions/*.ann: %w", dir, os.ErrNotExist)
	}
	slices.Sort(anns)
	seen := map[string]bool{}
	var arts []Article
	for _, ann := range anns {
		base := strings.TrimSuffix(filepath.Base(ann), ".ann")
		i := strings.LastIndexByte(base, '_')
		if i < 0 {
			return nil, fmt.Errorf("read polnear %s: no annotator in the name", ann)
		}
		name := base[:i]
		if seen[name] {
			continue
		}
		seen[name] = true
		text, err := os.ReadFile(filepath.Join(dir, "text", name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("read polnear: %w", err)
		}
		data, err := os.ReadFile(ann)
		if err != nil {
			return nil, fmt.Errorf("read polnear: %w", err)
		}
		atts, err := ParseBrat(string(text), string(data))
		if err != nil {
			return nil, fmt.Errorf("read polnear %s: %w", ann, err)
		}
		arts = append(arts, Article{Name: name, Text: string(text), Attributions: atts})
	}
	return arts, nil
}

// ParseBrat reads brat stand-off annotations of text: text-bound lines
// "T1<TAB>Source 12 17<TAB>Trump" (character offsets, fragments joined by
// ";") and event lines "E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1".
// It returns the attributions that have a Content, in byte offsets.
func ParseBrat(text, ann string) ([]Attribution, error) {
	// Byte offset of every character offset.
	offs := make([]int, 0, len(text)+1)
	for i := range text {
		offs = append(offs, i)
	}
	offs = append(offs, len(text))
	type bound struct {
		typ   string
		spans []news.Span
		text  string
	}
	tb := map[string]bound{}
	var events [][]string
	for n, line := range strings.Split(ann, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			continue
		}
		fields := strings.Split(line, "\t")
		switch {
		case strings.HasPrefix(fields[0], "T"):
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: want id, type and offsets", n+1)
			}
			typ, rng, _ := strings.Cut(fields[1], " ")
			var b bound
			b.typ = typ
			if len(fields) > 2 {
				b.text = fields[2]
			}
			for _, frag := range strings.Split(rng, ";") {
				a, e, ok := strings.Cut(strings.TrimSpace(frag), " ")
				start, err1 := strconv.Atoi(a)
				end, err2 := strconv.Atoi(e)
				if !ok || err1 != nil || err2 != nil || start < 0 || end < start || end >= len(offs) {
					return nil, fmt.Errorf("line %d: bad offsets %q", n+1, frag)
				}
				b.spans = append(b.spans, news.Span{Start: offs[start], End: offs[end]})
			}
			tb[fields[0]] = b
		case strings.HasPrefix(fields[0], "E"):
			if len(fields) < 2 {
				return nil, fmt.Errorf("line %d: want id and arguments", n+1)
			}
			events = append(events, strings.Fields(fields[1]))
		}
	}
	var out []Attribution
	for _, args := range events {
		var a Attribution
		for _, arg := range args {
			role, id, ok := strings.Cut(arg, ":")
			if !ok {
				continue
			}
			b, ok := tb[id]
			if !ok {
				continue
			}
			switch {
			case strings.HasPrefix(role, "Content"):
				a.Content = append(a.Content, b.spans...)
			case role == "Source":
				a.Source = append(a.Source, b.spans...)
				a.SourceText = b.text
			case role == "Cue":
				a.Cue = b.text
			}
		}
		if len(a.Content) > 0 {
			out = append(out, a)
		}
	}
	return out, nil
}

// Scorer accumulates matches over articles.
type Scorer struct {
	// Kind tells the kind of quote a gold cue makes; nil takes every gold
	// attribution for speech.
	Kind func(cue string) news.QuoteKind
	r    Result
}

// speechAct reports whether gold attribution g is speech.
func (s *Scorer) speechAct(g Attribution) bool {
	return s.Kind == nil || s.Kind(g.Cue) == news.QuoteSpeech
}

// Add scores the quotes found in one article.
func (s *Scorer) Add(a Article, found []news.Quote) {
	s.r.Articles++
	s.r.Gold += len(a.Attributions)
	s.r.Predicted += len(found)
	var speechGold []Attribution
	for _, g := range a.Attributions {
		if hasQuoteMark(a.Text, g.Content) {
			s.r.DirectGold++
		}
		if s.speechAct(g) {
			speechGold = append(speechGold, g)
		}
	}
	var speech []news.Quote
	for _, q := range found {
		if q.IsView() {
			s.r.Views++
		} else {
			speech = append(speech, q)
		}
	}
	s.r.Speech.Gold += len(speechGold)
	s.r.Speech.Predicted += len(speech)
	s.r.Speech.Matched += len(Match(speechGold, speech))
	for _, m := range Match(a.Attributions, found) {
		g, q := a.Attributions[m[0]], found[m[1]]
		s.r.Matched++
		if s.speechAct(g) {
			s.r.speechActMatched++
		}
		if hasQuoteMark(a.Text, g.Content) {
			s.r.DirectMatched++
		}
		if len(g.Source) == 0 {
			continue
		}
		s.r.SpeakerChecked++
		if SpeakerRight(g, q) {
			s.r.SpeakerCorrect++
			continue
		}
		content := strings.Join(strings.Fields(q.Text), " ")
		if r := []rune(content); len(r) > 80 {
			content = string(r[:80]) + "…"
		}
		s.r.SpeakerMistakes = append(s.r.SpeakerMistakes, SpeakerMistake{Article: a.Name, Gold: g.SourceText, Found: q.Speaker, Cue: q.Cue, Content: content})
	}
}

// Result returns the scores so far.
func (s *Scorer) Result() Result {
	r := s.r
	r.Precision = ratio(r.Matched, r.Predicted)
	r.Recall = ratio(r.Matched, r.Gold)
	if r.Precision+r.Recall > 0 {
		r.F1 = 2 * r.Precision * r.Recall / (r.Precision + r.Recall)
	}
	r.DirectRecall = ratio(r.DirectMatched, r.DirectGold)
	r.SpeakerAccuracy = ratio(r.SpeakerCorrect, r.SpeakerChecked)
	r.Speech.compute()
	r.SpeechActRecall = ratio(r.speechActMatched, r.Speech.Gold)
	return r
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// contentOf returns the spans a quote's content covers.
func contentOf(q news.Quote) []news.Span {
	if len(q.Parts) > 0 {
		return q.Parts
	}
	return []news.Span{q.Span}
}

func overlap(a, b []news.Span) int {
	n := 0
	for _, x := range a {
		for _, y := range b {
			if o := min(x.End, y.End) - max(x.Start, y.Start); o > 0 {
				n += o
			}
		}
	}
	return n
}

// Match pairs gold attributions with quotes whose contents overlap, one to
// one, largest overlap first (ties by position). It returns index pairs
// [gold, quote].
func Match(gold []Attribution, found []news.Quote) [][2]int {
	type pair struct{ g, q, n int }
	var pairs []pair
	for gi, g := range gold {
		for qi, q := range found {
			if n := overlap(g.Content, contentOf(q)); n > 0 {
				pairs = append(pairs, pair{gi, qi, n})
			}
		}
	}
	slices.SortFunc(pairs, func(x, y pair) int {
		return cmp.Or(y.n-x.n, x.g-y.g, x.q-y.q)
	})
	usedG := make([]bool, len(gold))
	usedQ := make([]bool, len(found))
	var out [][2]int
	for _, p := range pairs {
		if usedG[p.g] || usedQ[p.q] {
			continue
		}
		usedG[p.g], usedQ[p.q] = true, true
		out = append(out, [2]int{p.g, p.q})
	}
	slices.SortFunc(out, func(x, y [2]int) int { return x[0] - y[0] })
	return out
}

// SpeakerRight reports whether q's speaker is g's source: their spans
// overlap, or they name the same person.
func SpeakerRight(g Attribution, q news.Quote) bool {
	if q.SpeakerSpan.End > q.SpeakerSpan.Start && overlap(g.Source, []news.Span{q.SpeakerSpan}) > 0 {
		return true
	}
	return SameName(q.Speaker, g.SourceText)
}

// nonName lists capitalised words that are not part of a person's name.
var nonName = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "the": true, "president": true,
	"sen": true, "senator": true, "rep": true, "gov": true, "governor": true, "secretary": true,
	"minister": true, "prime": true, "vice": true, "mayor": true, "gen": true, "general": true,
	"former": true, "candidate": true, "nominee": true, "democratic": true, "republican": true,
	"press": true, "deputy": true, "chief": true, "state": true, "of": true, "a": true, "an": true,
}

// nameWords returns the capitalised words of s that may be a name, lower
// case, possessives removed.
func nameWords(s string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '\'' && r != '’' && r != '-' && r != '.'
	}) {
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		w = strings.Trim(w, ".'’-")
		r, _ := utf8.DecodeRuneInString(w)
		if w == "" || !unicode.IsUpper(r) {
			continue
		}
		lw := strings.ToLower(w)
		if nonName[lw] {
			continue
		}
		out = append(out, lw)
	}
	return out
}

// SameName reports whether two strings name the same person: the same last
// name word, and the same word before it when both have two or more
// ("John Kirby" = "Pentagon Press Secretary John Kirby" != "Jane Kirby").
func SameName(a, b string) bool {
	x, y := nameWords(a), nameWords(b)
	if len(x) == 0 || len(y) == 0 {
		return false
	}
	if x[len(x)-1] != y[len(y)-1] {
		return false
	}
	if len(x) >= 2 && len(y) >= 2 && x[len(x)-2] != y[len(y)-2] {
		return false // the word before the surname: a first name, or an initial
	}
	return true
}

func hasQuoteMark(text string, spans []news.Span) bool {
	for _, s := range spans {
		if strings.ContainsAny(text[s.Start:s.End], "\"“”") {
			return true
		}
	}
	return false
}
