package compare

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
)

// The story below is ours: three outlets report a bombing, one says six
// were killed and another five; a fourth carries the first's report
// unchanged, and a fifth copies it with another number of wounded.
const (
	postText = "Six people were killed when a bomb exploded at a market in Kabul on Monday, police said. " +
		"The blast also wounded 20 others. " +
		"Interior Minister Ahmad Zia said the attackers would be found. " +
		"The market was crowded with shoppers ahead of the holiday."
	starText = "A bomb blast at a market in Kabul killed five people on Monday, police said. " +
		"Twenty others were wounded in the blast. " +
		"No group has claimed responsibility for the attack."
	wireText = "Six people died in the bombing of a Kabul market on Monday, police said. " +
		"Interior Minister Ahmad Zia said the attackers would be hunted down. " +
		"Local traders said the market had been targeted before."
)

func bombing(copies bool) []Report {
	quote := func(speaker string) news.Analysis {
		return news.Analysis{Quotes: []news.Quote{{Speaker: speaker, Text: "the attackers would be found"}}}
	}
	rs := []Report{
		{Article: news.Article{ID: "post", Outlet: "Daily Post", Text: postText}, Analysis: quote("Ahmad Zia")},
		{Article: news.Article{ID: "star", Outlet: "Evening Star", Text: starText}},
		{Article: news.Article{ID: "wire", Outlet: "World Wire", Text: wireText}, Analysis: quote("Ahmad Zia")},
	}
	if copies {
		rs = append(rs,
			Report{Article: news.Article{ID: "metro", Outlet: "Metro Daily", Text: strings.ReplaceAll(postText, ". ", ".\n\n")}, Copies: "post"},
			Report{Article: news.Article{ID: "coast", Outlet: "Coast Herald", Text: strings.Replace(postText, "20 others", "30 others", 1)}, Copies: "post"})
	}
	return rs
}

func TestStory(t *testing.T) {
	res := Story("s-bombing", bombing(true))
	if res.Reporting != 3 {
		t.Errorf("Reporting = %d, want 3 (the copies' outlets report nothing of their own)", res.Reporting)
	}

	killed := factWith(t, res, "killed")
	if got := res.Reach(killed); got != "all" {
		t.Errorf("reach of %q = %s (outlets %v), want all", killed.Text, got, killed.Outlets)
	}
	c := conflictOn(res, Number, "Six", "five")
	if c == nil {
		t.Fatalf("no number conflict six / five in %+v", res.Conflicts)
	}
	six, five := valueOf(c, "six"), valueOf(c, "five")
	if !slices.Contains(six.Outlets, "Daily Post") || !slices.Contains(six.Outlets, "World Wire") || !slices.Equal(five.Outlets, []string{"Evening Star"}) {
		t.Errorf("six told by %v, five by %v; want Daily Post and World Wire, and Evening Star", six.Outlets, five.Outlets)
	}
	if !strings.Contains(five.Text, "killed five people") {
		t.Errorf("value five is told in %q, want Evening Star's sentence", five.Text)
	}

	// A fact only one outlet reports is its own.
	claimed := factWith(t, res, "claimed responsibility")
	if res.Reach(claimed) != "one" || !slices.Contains(source(t, res, "Evening Star").Unique, claimed.Text) {
		t.Errorf("%q: reach %s, Evening Star's unique facts %q; want one, listed", claimed.Text, res.Reach(claimed), source(t, res, "Evening Star").Unique)
	}
	if u := source(t, res, "Daily Post").Unique; slices.Contains(u, killed.Text) {
		t.Errorf("Daily Post's unique facts %q hold a fact three outlets report", u)
	}

	// A faithful copy counts once: the facts are those of the story
	// without its copies, and its outlet reports none of its own.
	plain := Story("s-bombing", bombing(false))
	if len(res.Facts) != len(plain.Facts) {
		t.Errorf("%d facts with the copies, %d without; want the same", len(res.Facts), len(plain.Facts))
	}
	for _, f := range res.Facts {
		if slices.Contains(f.Outlets, "Metro Daily") || slices.Contains(f.Outlets, "Coast Herald") {
			t.Errorf("fact %q counts a copy's outlet: %v", f.Text, f.Outlets)
		}
	}
	for _, c := range res.Conflicts {
		for _, v := range c.Values {
			if slices.Contains(v.Outlets, "Metro Daily") {
				t.Errorf("the faithful copy is in a conflict: %+v", c)
			}
		}
	}
	if m := source(t, res, "Metro Daily"); len(m.Unique) != 0 {
		t.Errorf("the faithful copy's outlet has unique facts %q", m.Unique)
	}

	// A copy that changed a fact shows with its changed value.
	w := conflictOn(res, Number, "20", "30")
	if w == nil {
		t.Fatalf("no number conflict 20 / 30 from the copy that changed it in %+v", res.Conflicts)
	}
	if v := valueOf(w, "30"); !slices.Equal(v.Outlets, []string{"Coast Herald"}) {
		t.Errorf("30 told by %v, want Coast Herald", v.Outlets)
	}
	if v := valueOf(w, "20"); !slices.Contains(v.Outlets, "Daily Post") || !slices.Contains(v.Outlets, "Evening Star") {
		t.Errorf("20 told by %v, want Daily Post and Evening Star (\"Twenty\")", v.Outlets)
	}

	// A paraphrase is no conflict: "found" and "hunted down".
	zia := factWith(t, res, "attackers")
	if len(zia.Outlets) != 2 {
		t.Errorf("%q reported by %v, want Daily Post and World Wire", zia.Text, zia.Outlets)
	}
	for _, c := range res.Conflicts {
		if strings.Contains(res.Facts[c.Fact].Text, "attackers") {
			t.Errorf("a paraphrase made a conflict: %+v", c)
		}
	}
	if q := source(t, res, "World Wire").Quoted; !slices.Equal(q, []string{"Ahmad Zia"}) {
		t.Errorf("World Wire quotes %q, want Ahmad Zia", q)
	}
	if k := source(t, res, "World Wire").Kind; k != "news" {
		t.Errorf("kind %q, want news", k)
	}
}

// TestStoryNoOutlets checks that articles without an outlet are told
// apart by their IDs.
func TestStoryNoOutlets(t *testing.T) {
	rs := bombing(false)
	for i := range rs {
		rs[i].Article.Outlet = ""
	}
	res := Story("s-bombing", rs)
	var labels []string
	for _, o := range res.Outlets {
		labels = append(labels, o.Outlet)
	}
	if !slices.Equal(labels, []string{"post", "star", "wire"}) {
		t.Errorf("outlets %v, want the articles' IDs", labels)
	}
	if c := conflictOn(res, Number, "six", "five"); c == nil || !slices.Equal(valueOf(c, "five").Articles, []news.ArticleID{"star"}) {
		t.Errorf("no conflict six / five naming the article star: %+v", res.Conflicts)
	}
}

func factWith(t *testing.T, res StoryResult, words string) Fact {
	t.Helper()
	for _, f := range res.Facts {
		if strings.Contains(f.Text, words) {
			return f
		}
	}
	t.Fatalf("no fact says %q in %+v", words, res.Facts)
	return Fact{}
}

func source(t *testing.T, res StoryResult, outlet string) Source {
	t.Helper()
	for _, o := range res.Outlets {
		if o.Outlet == outlet {
			return o
		}
	}
	t.Fatalf("no outlet %q in %+v", outlet, res.Outlets)
	return Source{}
}

// conflictOn returns the conflict of type typ with values holding the
// words a and b, or nil.
func conflictOn(res StoryResult, typ Type, a, b string) *Conflict {
	for i, c := range res.Conflicts {
		if c.Type == typ && valueOf(&c, a).Text != "" && valueOf(&c, b).Text != "" {
			return &res.Conflicts[i]
		}
	}
	return nil
}

func valueOf(c *Conflict, words string) Value {
	for _, v := range c.Values {
		if strings.EqualFold(v.Words, words) {
			return v
		}
	}
	return Value{}
}

// BenchmarkStory measures a story comparison: the seeds' story (001, its
// rewrite 003 and the editorial 000), and stories of 20 and 200 articles
// (compare.MaxStoryArticles) made of the seeds' sentences, each article
// 25 of them from 10 outlets, every fourth a copy of an earlier one with
// its numbers changed: many facts shared by many articles, the costly
// case.
func BenchmarkStory(b *testing.B) {
	seeds := []Report{
		{Article: news.Article{ID: "000", Text: seed(b, "000")}},
		{Article: news.Article{ID: "001", Text: seed(b, "001")}},
		{Article: news.Article{ID: "003", Text: seed(b, "003")}, Copies: "001"},
	}
	b.Run("seeds", func(b *testing.B) { benchStory(b, seeds) })
	var pool []string
	for _, p := range []string{"000", "001", "002", "003", "004"} {
		t := seed(b, p)
		for _, sp := range ner.Sentences(t) {
			pool = append(pool, t[sp.Start:sp.End])
		}
	}
	for _, n := range []int{20, MaxStoryArticles} {
		rng := rand.New(rand.NewPCG(1, uint64(n)))
		reports := make([]Report, n)
		for i := range reports {
			id := news.ArticleID(fmt.Sprintf("a%03d", i))
			outlet := fmt.Sprintf("Outlet %d", i%10)
			if i%4 == 3 {
				o := rng.IntN(i)
				text := strings.NewReplacer("7", "9", "three", "four", "Friday", "Monday").Replace(reports[o].Article.Text)
				reports[i] = Report{Article: news.Article{ID: id, Outlet: outlet, Text: text}, Copies: reports[o].Article.ID}
				continue
			}
			var sents []string
			for range 25 {
				sents = append(sents, pool[rng.IntN(len(pool))])
			}
			reports[i] = Report{Article: news.Article{ID: id, Outlet: outlet, Text: strings.Join(sents, " ")}}
		}
		b.Run(fmt.Sprintf("%d articles", n), func(b *testing.B) { benchStory(b, reports) })
	}
}

func benchStory(b *testing.B, reports []Report) {
	b.ReportAllocs()
	var facts int
	for b.Loop() {
		facts = len(Story("s-bench", reports).Facts)
	}
	b.ReportMetric(float64(facts), "facts")
	b.ReportMetric(float64(b.Elapsed().Microseconds())/float64(b.N)/float64(len(reports)), "µs/article")
}

// FuzzStory checks that any three texts, the third a copy of the first,
// compare without a panic; that facts name only reports that copy
// nothing; and that every conflict has two values or more.
func FuzzStory(f *testing.F) {
	f.Add(postText, starText, strings.Replace(postText, "20", "30", 1))
	f.Add("Six died.", "", "\"Six,\" he said. “Five,” she said.")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		res := Story("s-fuzz", []Report{
			{Article: news.Article{ID: "a", Outlet: "A", Text: a}},
			{Article: news.Article{ID: "b", Text: b}},
			{Article: news.Article{ID: "c", Outlet: "a", Text: c}, Copies: "a"},
		})
		for _, fa := range res.Facts {
			if slices.Contains(fa.Articles, "c") || len(fa.Outlets) == 0 {
				t.Errorf("fact %+v counts the copy or no outlet", fa)
			}
		}
		for _, k := range res.Conflicts {
			if len(k.Values) < 2 {
				t.Errorf("conflict %+v has one value", k)
			}
		}
		if len(res.Outlets) != 2 {
			t.Errorf("outlets %+v, want A (any case) and b", res.Outlets)
		}
	})
}

// TestStoryOutletKinds checks that an outlet whose article is an opinion
// piece says so, and one whose article was not classified is news.
func TestStoryOutletKinds(t *testing.T) {
	res := Story("s-kinds", []Report{
		{Article: news.Article{ID: "rep", Outlet: "Daily Post", Text: "Floods closed the coastal road on Monday. Crews cleared it by night."}},
		{Article: news.Article{ID: "col", Outlet: "Weekly View", Kind: news.Opinion, Text: "We must stop building on the floodplain. The coastal road floods every year."}},
	})
	for outlet, want := range map[string]string{"Daily Post": "news", "Weekly View": "opinion"} {
		if k := source(t, res, outlet).Kind; k != want {
			t.Errorf("%s: kind %q, want %q", outlet, k, want)
		}
	}
}
