package compare

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// A story comparison puts a story's sources side by side: it groups the
// sentences of its articles into facts (sentences of different articles
// that say the same thing), says which outlets report each fact, and finds
// the conflicts: one fact told with another number, date, name or speaker.
//
// Facts are grouped by the content words two sentences share (the Dice
// coefficient of their stems, numbers left out so that "six killed" and
// "five killed" are one fact); within a fact each article's sentence is
// diffed against the first one's as a copy is against its original, and
// only changes that swap one value for another count as conflicts: a
// rewording, and a detail one outlet gives and another leaves out, are not.
//
// Copies count once: a copy's sentences are its original's, so that a wire
// report carried by ten outlets is one report, not ten; a copy shows only
// where it changed a fact of its original, as a value of a conflict.

// A Report is one article of a story as a story comparison reads it: the
// article, what the analyses found in it (quotes and speakers, dates,
// names), and the article it copies when that one is among the reports.
type Report struct {
	Article  news.Article
	Analysis news.Analysis
	Copies   news.ArticleID // "" when it copies no other report
}

// StoryResult is a story's sources side by side.
type StoryResult struct {
	Story news.StoryID `json:"story"`
	// Facts are the statements of the story's reports, those most outlets
	// report first, in story order among equals.
	Facts []Fact `json:"facts"`
	// Conflicts are facts that outlets tell with different values.
	Conflicts []Conflict `json:"conflicts"`
	// Outlets are the story's outlets in story order, those that only
	// copy others last; an article without an outlet is an outlet of its
	// own, labelled with its ID.
	Outlets []Source `json:"outlets"`
	// Reporting counts the outlets with an article that is not a copy:
	// those a fact can be reported by.
	Reporting int `json:"-"`
	// Compared counts the articles compared, Members the story's (a
	// stored story comparison reads at most MaxStoryArticles).
	Compared, Members int `json:"-"`
}

// A Fact is one statement and the outlets and articles that make it: the
// text is its first article's sentence.
type Fact struct {
	Text     string           `json:"text"`
	Outlets  []string         `json:"outlets"`
	Articles []news.ArticleID `json:"articles"`
}

// A Conflict is a fact told with different values: numbers, dates, names,
// speakers, or a statement and its denial.
type Conflict struct {
	Type   Type    `json:"type"`
	Fact   int     `json:"-"` // its index in Facts
	Values []Value `json:"values"`
}

// A Value is one way a conflict's fact is told: the sentence of its first
// article, and the outlets and articles that tell it so.
type Value struct {
	Text     string           `json:"text"`
	Words    string           `json:"-"` // the words that differ: "6", "Turkey's"
	key      string           // the words' keys: "six" and "6" are one value
	Outlets  []string         `json:"outlets"`
	Articles []news.ArticleID `json:"articles"`
}

// A Source is an outlet of a story: whether it reports news or opinion,
// the facts no other outlet reports, and the speakers it quotes (those the
// analyses found, named with a capital: not "he", nor "three nations").
type Source struct {
	Outlet   string           `json:"outlet"`
	Kind     string           `json:"kind"`
	Unique   []string         `json:"unique"`
	Quoted   []string         `json:"quoted"`
	Articles []news.ArticleID `json:"-"`
	Copies   bool             `json:"-"` // all its articles copy others
}

// Reach says how many of the reporting outlets make a fact: "all" (and
// more than one), "one" or "several".
func (r StoryResult) Reach(f Fact) string {
	switch {
	case len(f.Outlets) == 1:
		return "one"
	case len(f.Outlets) >= r.Reporting:
		return "all"
	}
	return "several"
}

// ByReach returns the facts of a reach ("all", "several", "one"), in
// their order.
func (r StoryResult) ByReach(reach string) []Fact {
	var out []Fact
	for _, f := range r.Facts {
		if r.Reach(f) == reach {
			out = append(out, f)
		}
	}
	return out
}

// Fact grouping thresholds: a sentence joins a fact when it shares at
// least minFactShared content words with one of the fact's sentences and
// their Dice coefficient is at least minFactDice; a sentence with fewer
// than minFactWords content words (a dateline, a caption) is no fact.
const (
	minFactDice   = 0.4
	minFactShared = 3
	minFactWords  = 3
)

// kindOf says whether an article reports news or gives an opinion; one
// not classified yet counts as news.
func kindOf(a news.Article) string {
	if a.Kind == news.Opinion {
		return string(news.Opinion)
	}
	return string(news.NewsReport)
}

// outletLabel names an article's outlet, or, when it has none, the
// article.
func outletLabel(a news.Article) string { return cmp.Or(strings.TrimSpace(a.Outlet), string(a.ID)) }

// Story compares a story's reports, given in story order (earliest
// first).
func Story(id news.StoryID, reports []Report) StoryResult {
	return New().Story(id, reports)
}

// storyDoc is a report split, with its fact keys.
type storyDoc struct {
	*doc
	rep   *Report
	label string
	orig  int               // the index of the report it copies, -1 for none
	fact  []int             // per sentence, the fact it belongs to, -1 for none
	fkeys []map[string]bool // per sentence, its fact keys; nil for no fact
}

// member is a sentence of a fact: the report and sentence indexes.
type member struct{ r, s int }

// Story compares a story's reports, given in story order (earliest
// first).
func (cm *Comparer) Story(id news.StoryID, reports []Report) StoryResult {
	res := StoryResult{Story: id, Facts: []Fact{}, Conflicts: []Conflict{}, Outlets: []Source{},
		Compared: len(reports), Members: len(reports)}
	byID := make(map[news.ArticleID]int, len(reports))
	for i, r := range reports {
		byID[r.Article.ID] = i
	}
	docs := make([]*storyDoc, len(reports))
	plain := make([]*doc, len(reports))
	for i := range reports {
		r := &reports[i]
		d := &storyDoc{doc: cm.doc(Article(r.Article, r.Analysis)), rep: r, label: outletLabel(r.Article), orig: -1}
		if o, ok := byID[r.Copies]; ok && r.Copies != r.Article.ID {
			d.orig = o
		}
		d.fact = make([]int, len(d.sents))
		d.fkeys = make([]map[string]bool, len(d.sents))
		for j := range d.sents {
			d.fact[j] = -1
			d.fkeys[j] = factKeys(&d.sents[j])
		}
		docs[i], plain[i] = d, d.doc
	}
	markNames(plain...)
	res.Reporting = res.outlets(docs) // first: it spells each outlet one way
	facts := groupFacts(docs)
	cs := &conflicts{cm: cm, docs: docs, facts: facts, index: map[conflictKey]int{}}
	for f := range facts {
		cs.within(f)
	}
	for i, d := range docs {
		if d.orig >= 0 {
			cs.copied(d.orig, i)
		}
	}
	cs.agree()
	order := res.facts(docs, facts)
	res.Conflicts = cs.result(order)
	res.unique()
	return res
}

// factKeys are a sentence's content keys without its numbers: two reports
// of one fact with different counts are one fact, in conflict.
func factKeys(s *sentence) map[string]bool {
	if len(s.keys) < minFactWords {
		return nil
	}
	keys := make(map[string]bool, len(s.keys))
	for _, t := range s.toks {
		if t.content() && !t.number {
			keys[t.key] = true
		}
	}
	return keys
}

// groupFacts puts each sentence of the reports that copy nothing into a
// fact: the fact whose first sentence is most like it, or a new one. A
// report gives a fact one sentence at most. Facts are found through an
// index of their first sentences' keys, counted in a slice, so that the
// cost grows with the facts that share a sentence's words, not with all
// the sentences before it.
func groupFacts(docs []*storyDoc) [][]member {
	var facts [][]member
	index := map[string][]int{}
	var shared []int32 // per fact, keys shared with the sentence at hand
	var touched []int
	for r, d := range docs {
		if d.orig >= 0 {
			continue
		}
		taken := map[int]bool{}
		for s, keys := range d.fkeys {
			if keys == nil {
				continue
			}
			for k := range keys {
				for _, f := range index[k] {
					if shared[f] == 0 {
						touched = append(touched, f)
					}
					shared[f]++
				}
			}
			best, bestDice := -1, 0.0
			for _, f := range touched {
				n := int(shared[f])
				shared[f] = 0
				if n < minFactShared || taken[f] {
					continue
				}
				first := facts[f][0]
				dice := 2 * float64(n) / float64(len(keys)+len(docs[first.r].fkeys[first.s]))
				if dice >= minFactDice && (dice > bestDice || dice == bestDice && f < best) {
					best, bestDice = f, dice
				}
			}
			touched = touched[:0]
			if best < 0 {
				best = len(facts)
				facts = append(facts, nil)
				shared = append(shared, 0)
				for k := range keys {
					index[k] = append(index[k], best)
				}
			}
			facts[best] = append(facts[best], member{r, s})
			d.fact[s] = best
			taken[best] = true
		}
	}
	return facts
}

// outlets fills res.Outlets with the reports' outlets in the order they
// first appear, and returns how many have a report that copies nothing.
func (res *StoryResult) outlets(docs []*storyDoc) int {
	at := map[string]int{}
	reporting := 0
	for _, d := range docs {
		key := strings.ToLower(d.label)
		i, ok := at[key]
		if !ok {
			i = len(res.Outlets)
			at[key] = i
			res.Outlets = append(res.Outlets, Source{Outlet: d.label, Kind: kindOf(d.rep.Article),
				Unique: []string{}, Quoted: []string{}, Copies: true})
		}
		o := &res.Outlets[i]
		o.Articles = append(o.Articles, d.rep.Article.ID)
		if d.orig < 0 && o.Copies {
			o.Copies = false
			reporting++
		}
		for _, q := range d.rep.Analysis.Quotes {
			sp := strings.TrimSpace(q.Speaker)
			if r, _ := utf8.DecodeRuneInString(sp); !unicode.IsUpper(r) || slices.ContainsFunc(o.Quoted, func(s string) bool { return strings.EqualFold(s, sp) }) {
				continue
			}
			o.Quoted = append(o.Quoted, sp)
		}
	}
	for _, d := range docs {
		d.label = res.Outlets[at[strings.ToLower(d.label)]].Outlet // one spelling an outlet
	}
	return reporting
}

// facts fills res.Facts, most outlets first, and returns each fact's
// index there.
func (res *StoryResult) facts(docs []*storyDoc, facts [][]member) []int {
	for _, ms := range facts {
		f := Fact{Text: docs[ms[0].r].sents[ms[0].s].text(docs[ms[0].r].doc)}
		for _, m := range ms {
			d := docs[m.r]
			f.Articles = append(f.Articles, d.rep.Article.ID)
			if !slices.Contains(f.Outlets, d.label) {
				f.Outlets = append(f.Outlets, d.label)
			}
		}
		res.Facts = append(res.Facts, f)
	}
	perm := make([]int, len(res.Facts))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(a, b int) int { return cmp.Compare(len(res.Facts[b].Outlets), len(res.Facts[a].Outlets)) })
	sorted := make([]Fact, len(perm))
	order := make([]int, len(perm))
	for i, p := range perm {
		sorted[i] = res.Facts[p]
		order[p] = i
	}
	res.Facts = sorted
	return order
}

// unique lists under each outlet the facts it alone reports.
func (res *StoryResult) unique() {
	at := map[string]int{}
	for i, o := range res.Outlets {
		at[o.Outlet] = i
	}
	for _, f := range res.Facts {
		if len(f.Outlets) == 1 && res.Reporting > 1 {
			o := &res.Outlets[at[f.Outlets[0]]]
			o.Unique = append(o.Unique, f.Text)
		}
	}
	slices.SortStableFunc(res.Outlets, func(a, b Source) int {
		return cmp.Compare(boolInt(a.Copies), boolInt(b.Copies))
	})
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// conflictTypes are the changes that swap one value of a fact for
// another; added and removed claims, quotations reworded and rewordings
// are not conflicts.
var conflictTypes = map[Type]bool{Entity: true, Number: true, Date: true, Attribution: true, Negation: true, Antonym: true}

// conflictKey identifies a conflict while it is found: a fact, a type and
// the words its first report uses.
type conflictKey struct {
	fact  int
	typ   Type
	words string
}

// conflicts gathers the conflicts of a story's facts.
type conflicts struct {
	cm    *Comparer
	docs  []*storyDoc
	facts [][]member
	list  []Conflict
	index map[conflictKey]int
}

// within compares each sentence of fact f from another report with its
// first sentence.
func (cs *conflicts) within(f int) {
	ms := cs.facts[f]
	if len(ms) < 2 {
		return
	}
	ref := ms[0]
	for _, m := range ms[1:] {
		p := cs.pair(ref, m)
		if p.os.text(p.o) == p.ks.text(p.k) {
			continue // the same sentence: nothing to find
		}
		changes, _ := p.compare()
		number := false
		for _, c := range changes {
			if !conflictTypes[c.Type] || !cs.swap(c) {
				continue
			}
			number = number || c.Type == Number
			cs.add(f, c.Type, ref, c.Original, m, c.Copy)
		}
		if !number {
			if t, o, k, ok := p.numberClash(); ok {
				cs.add(f, t, ref, o, m, k)
			}
		}
	}
}

// copied adds the changes of fact copy k made to its original o.
func (cs *conflicts) copied(o, k int) {
	od, kd := cs.docs[o], cs.docs[k]
	res := compareDocs(od.doc, kd.doc)
	for _, c := range res.Changes {
		if !conflictTypes[c.Type] || !cs.swap(c) {
			continue
		}
		s := slices.IndexFunc(od.sents, func(s sentence) bool { return s.text(od.doc) == c.OriginalSentence })
		ks := slices.IndexFunc(kd.sents, func(s sentence) bool { return s.text(kd.doc) == c.CopySentence })
		if s < 0 || ks < 0 || od.fact[s] < 0 {
			continue // a sentence too short to be a fact
		}
		cs.add(od.fact[s], c.Type, member{o, s}, c.Original, member{k, ks}, c.Copy)
	}
}

// swap reports whether a change puts one value in another's place: both
// sides are a few words, and each holds what such a value is made of (a
// number, or a name, pronoun or closed-class word, as the type asks). A
// detail one report gives and another leaves out is no conflict, nor is a
// passage said otherwise.
func (cs *conflicts) swap(c Change) bool {
	switch c.Type {
	case Negation, Antonym:
		return true
	}
	holds := func(w string) bool {
		if w == "" || len(strings.Fields(w)) > maxSwap {
			return false
		}
		for _, t := range cs.cm.tokenize(w, 0, len(w), nil) {
			_, class := classOf(t)
			switch c.Type {
			case Number, Date:
				if t.number || class {
					return true
				}
			default:
				if t.name || t.initial || pronouns[t.lower] || class {
					return true
				}
			}
		}
		return false
	}
	return holds(c.Original) && holds(c.Copy)
}

func (cs *conflicts) pair(a, b member) *pair {
	ad, bd := cs.docs[a.r], cs.docs[b.r]
	return &pair{o: ad.doc, k: bd.doc, os: &ad.sents[a.s], ks: &bd.sents[b.s]}
}

// add records that fact f is told with words ow by a and kw by b.
func (cs *conflicts) add(f int, t Type, a member, ow string, b member, kw string) {
	key := conflictKey{f, t, cs.key(ow)}
	i, ok := cs.index[key]
	if !ok {
		i = len(cs.list)
		cs.index[key] = i
		cs.list = append(cs.list, Conflict{Type: t, Fact: f})
	}
	c := &cs.list[i]
	cs.value(c, a, ow)
	cs.value(c, b, kw)
}

// value adds m's report to the value of c that the words w tell.
func (cs *conflicts) value(c *Conflict, m member, w string) {
	d := cs.docs[m.r]
	id := d.rep.Article.ID
	k := cs.key(w)
	i := slices.IndexFunc(c.Values, func(v Value) bool { return v.key == k })
	if i < 0 {
		i = len(c.Values)
		c.Values = append(c.Values, Value{Text: d.sents[m.s].text(d.doc), Words: w, key: k})
	}
	v := &c.Values[i]
	if !slices.Contains(v.Articles, id) {
		v.Articles = append(v.Articles, id)
	}
	if !slices.Contains(v.Outlets, d.label) {
		v.Outlets = append(v.Outlets, d.label)
	}
}

// key is how two values are told to be one: the keys of their words, so
// that case, spelling out a number and the shape of an apostrophe aside,
// "Six" and "6" are one value.
func (cs *conflicts) key(w string) string {
	var b strings.Builder
	for _, t := range cs.cm.tokenize(w, 0, len(w), nil) {
		b.WriteString(t.key)
		b.WriteByte(' ')
	}
	return b.String()
}

// agree adds to each value of a conflict the other reports of its fact
// whose sentence has the value's words and that no value holds yet: a
// third outlet that says "six" with the first.
func (cs *conflicts) agree() {
	for i := range cs.list {
		c := &cs.list[i]
		for _, m := range cs.facts[c.Fact] {
			id := cs.docs[m.r].rep.Article.ID
			if slices.ContainsFunc(c.Values, func(v Value) bool { return slices.Contains(v.Articles, id) }) {
				continue
			}
			for _, v := range c.Values {
				if cs.says(m, v.key) {
					cs.value(c, m, v.Words)
					break
				}
			}
		}
	}
}

// says reports whether m's sentence has the words of key, in order.
func (cs *conflicts) says(m member, key string) bool {
	want := strings.Fields(key)
	if len(want) == 0 {
		return false
	}
	var have []string
	for _, t := range cs.docs[m.r].sents[m.s].toks {
		have = append(have, t.key)
	}
	for i := 0; i+len(want) <= len(have); i++ {
		if slices.Equal(have[i:i+len(want)], want) {
			return true
		}
	}
	return false
}

// result returns the conflicts found, joining those of one fact and type
// that share a value, with the facts renumbered by order; the facts in
// order, the conflicts of the facts most outlets report first.
func (cs *conflicts) result(order []int) []Conflict {
	var out []Conflict
	for _, c := range cs.list {
		c.Fact = order[c.Fact]
		j := slices.IndexFunc(out, func(o Conflict) bool {
			return o.Fact == c.Fact && o.Type == c.Type && sharesValue(o, c)
		})
		if j < 0 {
			out = append(out, c)
			continue
		}
		for _, v := range c.Values {
			k := slices.IndexFunc(out[j].Values, func(o Value) bool { return o.key == v.key })
			if k < 0 {
				out[j].Values = append(out[j].Values, v)
				continue
			}
			o := &out[j].Values[k]
			for _, id := range v.Articles {
				if !slices.Contains(o.Articles, id) {
					o.Articles = append(o.Articles, id)
				}
			}
			for _, n := range v.Outlets {
				if !slices.Contains(o.Outlets, n) {
					o.Outlets = append(o.Outlets, n)
				}
			}
		}
	}
	out = slices.DeleteFunc(out, func(c Conflict) bool { return len(c.Values) < 2 })
	slices.SortStableFunc(out, func(a, b Conflict) int { return cmp.Compare(a.Fact, b.Fact) })
	if out == nil {
		out = []Conflict{}
	}
	return out
}

func sharesValue(a, b Conflict) bool {
	for _, v := range a.Values {
		for _, w := range b.Values {
			if v.key == w.key {
				return true
			}
		}
	}
	return false
}

// numberClash finds a count the two sentences give different values for,
// which the diff may not pair when the sentences are phrased apart ("six
// people were killed" against "the blast killed five people"): numbers
// beside the same content word, neither of which the other sentence has.
func (p *pair) numberClash() (Type, string, string, bool) {
	for i, o := range p.os.toks {
		if !o.number || p.ks.keys[o.key] {
			continue
		}
		for j, k := range p.ks.toks {
			if !k.number || p.os.keys[k.key] || k.key == o.key {
				continue
			}
			if beside(p.os.toks, i, +1) == beside(p.ks.toks, j, +1) && beside(p.os.toks, i, +1) != "" ||
				beside(p.os.toks, i, -1) == beside(p.ks.toks, j, -1) && beside(p.os.toks, i, -1) != "" {
				t := Number
				if o.timex || o.year() || k.timex || k.year() {
					t = Date
				}
				return t, p.o.text[o.start:o.end], p.k.text[k.start:k.end], true
			}
		}
	}
	return "", "", "", false
}

// beside returns the key of the content word next to toks[i] in the
// direction dir (+1 after, -1 before), "" for none.
func beside(toks []token, i, dir int) string {
	for j := i + dir; j >= 0 && j < len(toks); j += dir {
		if toks[j].number {
			return ""
		}
		if toks[j].content() {
			return toks[j].key
		}
	}
	return ""
}

// StoryStore reads the texts and analyses of a story's articles.
type StoryStore interface {
	ArticlesByID(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Article, error)
	Analyses(ctx context.Context, ids []news.ArticleID) (map[news.ArticleID]news.Analysis, error)
}

// MaxStoryArticles bounds the articles a stored story comparison reads:
// the earliest, so that a story of ten thousand articles costs what one of
// a few hundred does.
const MaxStoryArticles = 200

// StoredStory compares the stored articles members of story id, the
// earliest MaxStoryArticles (undated last), with what their analyses
// found; members deleted since they were listed drop out.
func StoredStory(ctx context.Context, st StoryStore, id news.StoryID, members []news.StoryArticle) (StoryResult, error) {
	members = slices.Clone(members)
	slices.SortStableFunc(members, func(a, b news.StoryArticle) int {
		if a.Published.IsZero() != b.Published.IsZero() {
			return cmp.Compare(boolInt(a.Published.IsZero()), boolInt(b.Published.IsZero()))
		}
		return a.Published.Compare(b.Published)
	})
	total := len(members)
	members = members[:min(len(members), MaxStoryArticles)]
	ids := make([]news.ArticleID, len(members))
	for i, m := range members {
		ids[i] = m.ID
	}
	arts, err := st.ArticlesByID(ctx, ids)
	if err != nil {
		return StoryResult{}, fmt.Errorf("compare story %s: %w", id, err)
	}
	ans, err := st.Analyses(ctx, ids)
	if err != nil {
		return StoryResult{}, fmt.Errorf("compare story %s: %w", id, err)
	}
	reports := make([]Report, 0, len(members))
	for _, m := range members {
		a, ok := arts[m.ID]
		if !ok {
			continue
		}
		r := Report{Article: a, Analysis: ans[m.ID]}
		if m.Copy != nil && m.Copy.Original != m.ID {
			r.Copies = m.Copy.Original
		}
		reports = append(reports, r)
	}
	res := Story(id, reports)
	res.Compared, res.Members = len(reports), total
	return res, nil
}
