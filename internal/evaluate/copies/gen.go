package copies

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// doc is one generated test document.
type doc struct {
	ID        news.ArticleID
	Title     string
	Text      string
	Published time.Time
	Family    int           // documents of one family copy each other
	Kind      news.CopyKind // relation to the family's base; "" for the base
	Base      news.ArticleID
	Edit      string // how a copy was made
	Source    string // "scrapinghub", "ecb", "msrp+", "msrp-"
	Topic     string // ECB+ topic
}

// base is a real article the generator copies from.
type base struct {
	id, title, text, source, topic string
}

func loadBases(dataDir string) ([]base, error) {
	var out []base
	p := filepath.Join(dataDir, "extraction", "scrapinghub", "ground-truth.json")
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	var gt map[string]struct {
		ArticleBody string `json:"articleBody"`
	}
	if err := json.Unmarshal(b, &gt); err != nil {
		return nil, fmt.Errorf("decode %s: %w", p, err)
	}
	keys := make([]string, 0, len(gt))
	for k := range gt {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if t := gt[k].ArticleBody; len(strings.Fields(t)) >= 120 {
			out = append(out, base{id: "sh-" + k[:12], text: t, source: "scrapinghub"})
		}
	}

	p = filepath.Join(dataDir, "clustering", "ecbplus-train.jsonl")
	f, err := os.Open(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for line := 1; sc.Scan(); line++ {
		var r struct {
			ID, Title, Text, Topic string
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("decode %s:%d: %w", p, line, err)
		}
		if len(strings.Fields(r.Text)) >= 80 {
			out = append(out, base{id: "ecb-" + r.ID, title: r.Title, text: r.Text, source: "ecb", topic: r.Topic})
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return out, nil
}

// msrpPair is one MSRP sentence pair.
type msrpPair struct {
	para   bool
	s1, s2 string
}

func loadMSRP(dataDir string) ([]msrpPair, error) {
	p := filepath.Join(dataDir, "paraphrase", "msrp", "msr_paraphrase_train.txt")
	b, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	var out []msrpPair
	for line := range strings.Lines(strings.TrimPrefix(string(b), "\ufeff")) {
		f := strings.Split(strings.TrimRight(line, "\r\n"), "\t")
		if len(f) != 5 || (f[0] != "0" && f[0] != "1") {
			continue // header or malformed
		}
		out = append(out, msrpPair{para: f[0] == "1", s1: f[3], s2: f[4]})
	}
	return out, nil
}

func newRand(seed uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// generator builds the test corpus.
type generator struct {
	rng   *rand.Rand
	bases []base
	vocab []string
	docs  []doc
	day   time.Time
}

// generate returns the corpus built from real texts with the given seed.
func generate(bases []base, msrp []msrpPair, seed uint64) []doc {
	g := &generator{
		rng:   newRand(seed),
		bases: bases,
		day:   time.Date(2021, 1, 1, 8, 0, 0, 0, time.UTC),
	}
	for _, b := range bases {
		for _, w := range strings.Fields(b.text) {
			if len(w) > 3 && isAlpha(w) && len(g.vocab) < 50000 {
				g.vocab = append(g.vocab, strings.ToLower(w))
			}
		}
	}
	family := 0
	for i, b := range bases {
		family++
		date := g.date()
		id := news.ArticleID(b.id)
		g.docs = append(g.docs, doc{ID: id, Title: b.title, Text: b.text, Published: date,
			Family: family, Source: b.source, Topic: b.topic})
		switch r := g.rng.Float64(); {
		case r < 0.2:
			for c := range 1 + g.rng.IntN(2) {
				t, edit := g.exact(b)
				g.copyOf(id, family, news.CopyExact, b.title, t, edit, c, date)
			}
		case r < 0.55:
			for c := range 1 + g.rng.IntN(2) {
				title, t, edit := g.near(b, i)
				g.copyOf(id, family, news.CopyNear, title, t, edit, c, date)
			}
		}
	}
	// Rewrites and their negatives from MSRP: a document of several first
	// sentences against one of their second sentences.
	var pos, neg []msrpPair
	for _, p := range msrp {
		if p.para {
			pos = append(pos, p)
		} else {
			neg = append(neg, p)
		}
	}
	n := 0
	for _, set := range [][]msrpPair{pos, neg} {
		for len(set) >= 6 {
			k := min(len(set), 6+g.rng.IntN(7))
			part := set[:k]
			set = set[k:]
			n++
			family++
			date := g.date()
			a := doc{ID: news.ArticleID(fmt.Sprintf("msrp-%d-a", n)), Published: date, Family: family}
			var s1, s2 []string
			for _, p := range part {
				s1 = append(s1, p.s1)
				s2 = append(s2, p.s2)
			}
			drop := 0
			if part[0].para && g.rng.IntN(2) == 0 {
				drop = 1 + g.rng.IntN(2)
				for range drop {
					j := g.rng.IntN(len(s2))
					s2 = slices.Delete(s2, j, j+1)
				}
			}
			a.Text = paragraphs(s1, g.rng)
			b := doc{ID: news.ArticleID(fmt.Sprintf("msrp-%d-b", n)), Text: paragraphs(s2, g.rng),
				Published: g.later(date)}
			if part[0].para {
				a.Source, b.Source = "msrp+", "msrp+"
				b.Family, b.Kind, b.Base, b.Edit = family, news.CopyRewrite, a.ID, fmt.Sprintf("paraphrase, %d dropped", drop)
			} else {
				a.Source, b.Source = "msrp-", "msrp-"
				family++
				b.Family = family
			}
			g.docs = append(g.docs, a, b)
		}
	}
	g.rng.Shuffle(len(g.docs), func(i, j int) { g.docs[i], g.docs[j] = g.docs[j], g.docs[i] })
	return g.docs
}

func (g *generator) copyOf(baseID news.ArticleID, family int, kind news.CopyKind, title, text, edit string, n int, date time.Time) {
	g.docs = append(g.docs, doc{
		ID:    news.ArticleID(fmt.Sprintf("%s-%s%d", baseID, kind, n)),
		Title: title, Text: text, Published: g.later(date),
		Family: family, Kind: kind, Base: baseID, Edit: edit, Source: "copy",
	})
}

func (g *generator) date() time.Time {
	return g.day.Add(time.Duration(g.rng.IntN(365*24)) * time.Hour)
}

// later returns a date after d, or none for one copy in five.
func (g *generator) later(d time.Time) time.Time {
	if g.rng.IntN(5) == 0 {
		return time.Time{}
	}
	return d.Add(time.Duration(1+g.rng.IntN(72*60)) * time.Minute)
}

// Boilerplate that outlets put around the same text.
var (
	headers = []string{"Home | News | World", "Advertisement", "Menu", "Share this article",
		"Subscribe to our newsletter", "Breaking News", "Skip to content"}
	footers = []string{
		"Copyright © 2021 The Daily Example. All rights reserved.",
		"Follow us on Twitter and Facebook",
		"Advertisement",
		"Read more",
		"Sign up for our morning briefing",
	}
)

// exact returns the text with only formatting changed: white space,
// quote styles, boilerplate lines, the headline repeated in the text.
func (g *generator) exact(b base) (string, string) {
	paras := splitParas(b.text)
	var edits []string
	t := b.text
	switch g.rng.IntN(4) {
	case 0:
		t = strings.Join(paras, "\n\n")
		edits = append(edits, "blank lines")
	case 1:
		t = strings.Join(paras, "\n  ")
		t = strings.ReplaceAll(t, ". ", ".  ")
		edits = append(edits, "spaces")
	}
	if g.rng.IntN(2) == 0 {
		t = swapQuotes(t)
		edits = append(edits, "quotes")
	}
	if g.rng.IntN(2) == 0 {
		t = headers[g.rng.IntN(len(headers))] + "\n" + t
		edits = append(edits, "header")
	}
	if g.rng.IntN(2) == 0 {
		t += "\n" + footers[g.rng.IntN(len(footers))]
		edits = append(edits, "footer")
	}
	if b.title != "" && g.rng.IntN(3) == 0 {
		t = b.title + "\n\n" + t
		edits = append(edits, "headline in text")
	}
	if len(edits) == 0 {
		t += "\n"
		edits = append(edits, "trailing newline")
	}
	return t, strings.Join(edits, "+")
}

// near returns a title and text with one or two small edits.
func (g *generator) near(b base, self int) (string, string, string) {
	title := b.title
	paras := splitParas(b.text)
	ops := []string{"headline", "drop paragraph", "add paragraph", "words", "reorder"}
	g.rng.Shuffle(len(ops), func(i, j int) { ops[i], ops[j] = ops[j], ops[i] })
	ops = ops[:1+g.rng.IntN(2)]
	var edits []string
	for _, op := range ops {
		switch op {
		case "headline":
			if title != "" {
				title = g.changeWords(title, 0.4)
			}
			s := sentences(paras[0])
			s[0] = g.changeWords(s[0], 0.3)
			paras[0] = strings.Join(s, " ")
			edits = append(edits, "headline and lead")
		case "drop paragraph":
			if len(paras) < 3 {
				continue
			}
			j := 1 + g.rng.IntN(len(paras)-1)
			paras = slices.Delete(paras, j, j+1)
			edits = append(edits, "paragraph dropped")
		case "add paragraph":
			other := g.bases[(self+1+g.rng.IntN(len(g.bases)-1))%len(g.bases)]
			op := splitParas(other.text)
			add := op[g.rng.IntN(len(op))]
			j := 1 + g.rng.IntN(len(paras))
			paras = slices.Insert(paras, j, add)
			edits = append(edits, "paragraph added")
		case "words":
			p := 0.05 + 0.10*g.rng.Float64()
			for k := range paras {
				paras[k] = g.changeWords(paras[k], p)
			}
			edits = append(edits, fmt.Sprintf("words %.0f%%", 100*p))
		case "reorder":
			all := strings.Join(paras, "\n")
			s := sentences(all)
			if len(s) < 4 {
				continue
			}
			for range 1 + g.rng.IntN(2) {
				j := g.rng.IntN(len(s) - 1)
				s[j], s[j+1] = s[j+1], s[j]
			}
			paras = []string{strings.Join(s, " ")}
			edits = append(edits, "sentences swapped")
		}
	}
	if len(edits) == 0 {
		p := 0.05 + 0.10*g.rng.Float64()
		for k := range paras {
			paras[k] = g.changeWords(paras[k], p)
		}
		edits = append(edits, fmt.Sprintf("words %.0f%%", 100*p))
	}
	return title, strings.Join(paras, "\n"), strings.Join(edits, "+")
}

// changeWords replaces, deletes or inserts words with probability p each.
func (g *generator) changeWords(s string, p float64) string {
	words := strings.Fields(s)
	out := make([]string, 0, len(words)+4)
	for _, w := range words {
		if g.rng.Float64() >= p {
			out = append(out, w)
			continue
		}
		switch g.rng.IntN(4) {
		case 0: // delete
		case 1: // insert
			out = append(out, w, g.vocab[g.rng.IntN(len(g.vocab))])
		default: // replace, keeping trailing punctuation
			r := g.vocab[g.rng.IntN(len(g.vocab))]
			if i := strings.LastIndexFunc(w, isLetterOrDigit); i >= 0 && i < len(w)-1 {
				r += w[i+1:]
			}
			out = append(out, r)
		}
	}
	return strings.Join(out, " ")
}

func splitParas(t string) []string {
	var out []string
	for _, p := range strings.Split(t, "\n") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		out = []string{""}
	}
	return out
}

// sentences splits at ". " before a capital: good enough for editing.
func sentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if (p[i] == '.' || p[i] == '?' || p[i] == '!') && p[i+1] == ' ' && unicode.IsUpper(rune(p[i+2])) {
			out = append(out, p[start:i+1])
			start = i + 2
		}
	}
	return append(out, p[start:])
}

func paragraphs(sents []string, rng *rand.Rand) string {
	var b strings.Builder
	for i, s := range sents {
		if i > 0 {
			if rng.IntN(3) == 0 {
				b.WriteString("\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(s)
	}
	return b.String()
}

func swapQuotes(t string) string {
	if strings.ContainsAny(t, "“”’") {
		return strings.NewReplacer("“", `"`, "”", `"`, "’", "'", "‘", "'").Replace(t)
	}
	var b strings.Builder
	open := true
	for _, r := range t {
		switch r {
		case '"':
			if open {
				b.WriteRune('“')
			} else {
				b.WriteRune('”')
			}
			open = !open
		case '\'':
			b.WriteRune('’')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func isAlpha(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

func isLetterOrDigit(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
