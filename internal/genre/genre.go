// Package genre tells news reports from opinion pieces (editorials,
// columns, op-eds, commentary, reviews, letters), with the evidence.
//
// The publisher's own label decides where there is one: a JSON-LD type
// OpinionNewsArticle, a section (article:section, articleSection, a feed's
// category), a URL path such as /opinion/ or /commentisfree/, a byline
// such as "Editorial board", a label above the text or in the title
// ("OPINION", "COMMENTARY:"). Otherwise the text decides: thirteen rates
// read outside quotation marks, the signs of the author's own voice (first
// and second person, prescriptions, judging words, stance adverbs,
// questions and exclamations, prescriptions or judgements that no source
// is given for, contractions and intensifiers) against a reporter's
// (attributions, quoted words, figures, weekdays), each measured in
// spreads from its mean and counted the same (weights.go). The means and
// spreads are those of the 40 development articles of the SemEval-2019
// by-article set labelled for genre (shared/data/opinion, CC BY 4.0); no
// text of it is kept.
package genre

import (
	"fmt"
	"math"
	"net/url"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// maxRead is the most of a text the classifier reads: its start tells its
// genre, and the cost of a long text stays bounded.
const maxRead = 64 << 10

// Classifier classifies articles. It is safe for concurrent use.
type Classifier struct {
	words lexicon
}

// New returns a classifier.
func New() *Classifier {
	return &Classifier{words: newLexicon()}
}

// Result is an article's kind with the evidence.
type Result struct {
	Kind news.ArticleKind
	// Score is the text's score: the sum of its signs, each in spreads
	// from the development set's mean, positive for opinion (0 when the
	// publisher decided and the text was not read).
	Score float64
	// Reasons are short lines for people, the deciding one first.
	Reasons []string
}

// Classify returns the kind of a, by the publisher's label when a's URL,
// title, metadata or first line carry one, by its text otherwise.
func (c *Classifier) Classify(a news.Article) Result {
	if why := publisherOpinion(a); why != "" {
		return Result{Kind: news.Opinion, Reasons: []string{"publisher: " + why}}
	}
	return c.Text(a.Text)
}

// Text classifies a text by its voice alone.
func (c *Classifier) Text(text string) Result {
	if len(text) > maxRead {
		cut := strings.LastIndexByte(text[:maxRead], '\n')
		if cut < maxRead/2 {
			cut = maxRead
		}
		text = text[:cut]
	}
	cn := c.words.read(text)
	f := cn.features()
	z := bias
	var contrib features
	for k := range f {
		contrib[k] = weights[k] * (f[k] - means[k]) / spreads[k]
		z += contrib[k]
	}
	r := Result{Kind: news.NewsReport, Score: z}
	if z > 0 {
		r.Kind = news.Opinion
	}
	r.Reasons = append(r.Reasons, fmt.Sprintf("text: %s voice, score %+.1f over %d sentences", voice(r.Kind), z, cn.sentences))
	// The strongest signs for the kind found, then the strongest against.
	order := make([]int, nFeatures)
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(a, b int) int { return -cmpFloat(math.Abs(contrib[a]), math.Abs(contrib[b])) })
	var pro, con []string
	for _, k := range order {
		n := cn.count(k)
		if n == 0 || math.Abs(contrib[k]) < 0.25 {
			continue
		}
		if (contrib[k] > 0) == (z > 0) {
			if len(pro) < 3 {
				pro = append(pro, describe(k, n))
			}
		} else if len(con) < 1 {
			con = append(con, describe(k, n))
		}
	}
	for _, s := range pro {
		r.Reasons = append(r.Reasons, "text: "+s)
	}
	for _, s := range con {
		r.Reasons = append(r.Reasons, "text, against: "+s)
	}
	return r
}

func voice(k news.ArticleKind) string {
	if k == news.Opinion {
		return "author's own"
	}
	return "reporting"
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// count is the number behind feature k: sentences, or for fQuoted the
// percentage of words quoted.
func (c counts) count(k int) int {
	switch k {
	case fFirstSingular:
		return c.firstSingular
	case fFirstPlural:
		return c.firstPlural
	case fSecond:
		return c.second
	case fPrescriptive:
		return c.prescriptive
	case fEvaluative:
		return c.evaluative
	case fStance:
		return c.stance
	case fQuestions:
		return c.questions + c.exclamations
	case fArgued:
		return c.argued
	case fAttributed:
		return c.attributed
	case fQuoted:
		return int(math.Round(100 * float64(c.quoted) / float64(max(c.words+c.quoted, 1))))
	case fNumbers:
		return c.numbers
	case fDays:
		return c.days
	case fInformal:
		return c.informal
	}
	return 0
}

// describe says what feature k counted, n times.
func describe(k, n int) string {
	s := ""
	switch k {
	case fFirstSingular:
		s = "in the first person (I, my)"
	case fFirstPlural:
		s = "in the first person plural (we, our)"
	case fSecond:
		s = "addressing the reader (you)"
	case fPrescriptive:
		s = "prescribing (should, must, need to)"
	case fEvaluative:
		s = "with judging words (absurd, shameful, sadly)"
	case fStance:
		s = "with the author's stance (clearly, of course)"
	case fQuestions:
		return plural(n, "question or exclamation", "questions or exclamations") + " in the author's voice"
	case fArgued:
		return plural(n, "prescription or judgement", "prescriptions or judgements") + " with no source given"
	case fAttributed:
		s = "attributed to sources (said, according to)"
	case fQuoted:
		return fmt.Sprintf("%d%% of the words in quotation marks", n)
	case fNumbers:
		s = "with figures"
	case fDays:
		s = "dated by a weekday"
	case fInformal:
		s = "with contractions or intensifiers (isn't, absolutely)"
	}
	return plural(n, "sentence", "sentences") + " " + s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// publisherOpinion returns why a's publisher labels it opinion, or "".
func publisherOpinion(a news.Article) string {
	if u, err := url.Parse(a.URL); err == nil && u.Path != "" {
		for _, seg := range strings.Split(strings.ToLower(u.Path), "/") {
			if opinionSections[seg] {
				return "URL path /" + seg + "/"
			}
		}
	}
	for _, key := range metaKeys {
		v, ok := a.Meta[key]
		if !ok {
			continue
		}
		if why := labelIn(v); why != "" {
			return fmt.Sprintf("%s %q", key, why)
		}
	}
	for _, key := range bylineKeys {
		if v := strings.ToLower(a.Meta[key]); strings.Contains(v, "editorial board") || strings.TrimSpace(v) == "editorial" ||
			strings.Contains(v, "editorial staff") || strings.HasPrefix(v, "letters to the editor") {
			return fmt.Sprintf("byline %q", a.Meta[key])
		}
	}
	if l := leadLabel(a.Title); l != "" {
		return fmt.Sprintf("title label %q", l)
	}
	first, _, _ := strings.Cut(a.Text, "\n")
	if l := leadLabel(first); l != "" {
		return fmt.Sprintf("label %q above the text", l)
	}
	return ""
}

// opinionSections are URL path segments and section names of opinion.
var opinionSections = map[string]bool{
	"opinion": true, "opinions": true, "editorial": true, "editorials": true, "commentisfree": true,
	"op-ed": true, "op-eds": true, "oped": true, "columns": true, "column": true, "columnists": true,
	"commentary": true, "comment": true, "letters": true, "letters-to-the-editor": true, "views": true,
	"blogs-opinion": true, "opinion-analysis": true, "editorial-opinion": true, "reviews": true,
}

// metaKeys are the metadata fields that carry a page's type or section
// (HTML metadata, JSON Lines fields, feed categories).
var metaKeys = []string{"type", "@type", "section", "articleSection", "article_section", "category", "categories", "genre"}

// bylineKeys are the metadata fields that carry a byline.
var bylineKeys = []string{"author", "byline", "creator"}

// labelIn finds an opinion label in a metadata value: a schema.org type,
// or a section name among opinionSections. It returns the label or "".
func labelIn(v string) string {
	low := strings.ToLower(v)
	if strings.Contains(low, "opinionnewsarticle") {
		return "OpinionNewsArticle"
	}
	for _, part := range strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == '[' || r == ']' || r == '"' || r == '/' || r == '|' || r == ';'
	}) {
		p := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(part), " ", "-"))
		if opinionSections[p] || p == "op-ed" || p == "opinion-&-analysis" {
			return strings.TrimSpace(part)
		}
	}
	return ""
}

// leadLabels are the labels written before a title or above a text.
var leadLabels = []string{"OPINION", "EDITORIAL", "COMMENTARY", "COMMENT", "OP-ED", "COLUMN", "IN MY VIEW", "MY VIEW", "LETTER", "LETTERS", "VIEWPOINT", "PERSPECTIVE"}

// leadLabel returns the label that opens s ("OPINION:", "EDITORIAL |",
// a line that is only "Opinion"), or "".
func leadLabel(s string) string {
	s = strings.TrimSpace(s)
	for _, l := range leadLabels {
		if len(s) < len(l) || !strings.EqualFold(s[:len(l)], l) {
			continue
		}
		rest := s[len(l):]
		switch {
		case rest == "":
			return s
		case strings.HasPrefix(rest, ":") || strings.HasPrefix(rest, " |") || strings.HasPrefix(rest, " —") || strings.HasPrefix(rest, " -"):
			// A colon or bar after a label in capitals or as written
			// ("Opinion: ..."), not a sentence that opens with the word.
			if s[:len(l)] == l || strings.HasPrefix(rest, ":") {
				return s[:len(l)]
			}
		}
	}
	return ""
}

// Kind is Classify for the analysis stage: the kind and the reasons.
func (c *Classifier) Kind(a news.Article) (news.ArticleKind, []string) {
	r := c.Classify(a)
	return r.Kind, r.Reasons
}
