package cluster

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// fictional is a small corpus of invented news: two harbour fires in
// different towns months apart, and an election.
var fictional = []Doc{
	{ID: "fire1", Published: date("2025-03-02"),
		Title: "Fire destroys warehouses in Port Keldra harbour",
		Text: "A fire destroyed three warehouses in the harbour of Port Keldra on Sunday night. " +
			"Fire chief Mira Osei said forty firefighters fought the blaze for six hours. " +
			"No one was hurt, but the Keldra Fishing Cooperative lost its winter stock of nets and boats."},
	{ID: "fire2", Published: date("2025-03-03"),
		Title: "Port Keldra harbour fire: investigators look at faulty wiring",
		Text: "Investigators in Port Keldra said on Monday that faulty wiring may have started the fire " +
			"that destroyed three harbour warehouses. Mira Osei, the fire chief, said the Keldra Fishing " +
			"Cooperative warehouses had no sprinklers."},
	{ID: "fire3", Published: date("2025-03-04"),
		Title: "Keldra fishermen count losses after harbour blaze",
		Text: "Members of the Keldra Fishing Cooperative counted their losses after the warehouse fire in " +
			"Port Keldra harbour. Fire chief Mira Osei praised the forty firefighters."},
	{ID: "fire4", Published: date("2025-06-10"),
		Title: "Fire destroys warehouses in Saltmere harbour",
		Text: "A fire destroyed two warehouses in the harbour of Saltmere on Tuesday. Fire chief Tomas " +
			"Brandt said twenty firefighters fought the blaze. The Saltmere Ferry Company lost a ferry."},
	{ID: "fire5", Published: date("2025-06-11"),
		Title: "Saltmere harbour fire started in ferry workshop",
		Text: "The fire that destroyed two warehouses in Saltmere harbour started in a ferry workshop, " +
			"fire chief Tomas Brandt said on Wednesday. The Saltmere Ferry Company will rebuild."},
	{ID: "vote1", Published: date("2025-03-02"),
		Title: "Drovania votes in snap parliamentary election",
		Text: "Voters in Drovania chose a new parliament on Sunday in a snap election called by prime " +
			"minister Anika Lorr. Turnout was high in the capital, Velsk."},
	{ID: "vote2", Published: date("2025-03-03"),
		Title: "Anika Lorr's party wins Drovania election",
		Text: "The party of Drovania's prime minister Anika Lorr won the snap parliamentary election, " +
			"the electoral board in Velsk said on Monday."},
}

// storySets returns the stories as sorted lists of article IDs joined by
// "+", sorted.
func storySets(c *Clusterer) []string {
	var out []string
	for _, s := range c.Stories() {
		ids := make([]string, len(s.Articles))
		for i, a := range s.Articles {
			ids[i] = string(a)
		}
		slices.Sort(ids)
		out = append(out, strings.Join(ids, "+"))
	}
	slices.Sort(out)
	return out
}

func TestAddGroupsEventsAndKeepsSimilarEventsApart(t *testing.T) {
	want := []string{"fire1+fire2+fire3", "fire4+fire5", "vote1+vote2"}
	for _, refine := range []bool{false, true} {
		c := New(Options{GuessNames: true})
		for _, d := range fictional {
			c.Add(d)
		}
		if refine {
			c.Refine()
		}
		if got := storySets(c); !slices.Equal(got, want) {
			t.Errorf("refine=%v: stories %v, want %v", refine, got, want)
		}
	}
}

func TestAddDecisions(t *testing.T) {
	c := New(Options{GuessNames: true})
	decisions := make(map[news.ArticleID]news.Assignment)
	for _, d := range fictional {
		decisions[d.ID] = c.Add(d)
	}
	tests := []struct {
		article   news.ArticleID
		story     news.StoryID
		isNew     bool
		reason    string
		sharedEnt string // one of the shared names, "" when none is expected
	}{
		{"fire1", "fire1", true, "new story: no earlier story", ""},
		{"fire2", "fire1", false, "joined: score", "Mira Osei"},
		{"fire3", "fire1", false, "joined: score", "Mira Osei"},
		{"fire4", "fire4", true, "new story", ""},
		{"vote2", "vote1", false, "joined: score", "Anika Lorr"},
	}
	for _, tt := range tests {
		t.Run(string(tt.article), func(t *testing.T) {
			d := decisions[tt.article]
			if d.Story != tt.story || d.New != tt.isNew {
				t.Errorf("story %s new=%v, want %s new=%v (%s)", d.Story, d.New, tt.story, tt.isNew, d.Reason)
			}
			if !strings.HasPrefix(d.Reason, tt.reason) {
				t.Errorf("reason %q, want it to start with %q", d.Reason, tt.reason)
			}
			if !d.New && (d.Score < 0.25 || len(d.SharedTerms) == 0) {
				t.Errorf("joined with score %.2f and shared terms %v: want both", d.Score, d.SharedTerms)
			}
			if tt.sharedEnt != "" && !slices.Contains(d.SharedEntities, tt.sharedEnt) {
				t.Errorf("shared names %v, want %q among them", d.SharedEntities, tt.sharedEnt)
			}
		})
	}
	// fire4 is a similar event three months later: it must say why it
	// did not join.
	if d := decisions["fire4"]; !strings.Contains(d.Reason, "best candidate") && !strings.Contains(d.Reason, "no earlier story") {
		t.Errorf("fire4 reason %q does not explain the new story", d.Reason)
	}
}

func TestCopies(t *testing.T) {
	orig := fictional[0]
	cp := Doc{ID: "copy", CopyOf: orig.ID, Title: "Blaze in a harbour", Text: "Completely different words here."}
	tests := []struct {
		name  string
		order []Doc
	}{
		{"original first", []Doc{orig, fictional[5], cp}},
		{"copy first", []Doc{cp, fictional[5], orig}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := New(Options{GuessNames: true})
			for _, d := range tt.order {
				c.Add(d)
			}
			for _, refine := range []bool{false, true} {
				if refine {
					c.Refine()
				}
				a, _ := c.StoryOf(orig.ID)
				b, _ := c.StoryOf(cp.ID)
				if a != b {
					t.Errorf("refine=%v: copy in %s, original in %s", refine, b, a)
				}
			}
		})
	}
}

func TestAddTwiceChangesNothing(t *testing.T) {
	c := New(Options{GuessNames: true})
	first := c.Add(fictional[0])
	again := c.Add(fictional[0])
	if again.Story != first.Story || c.Len() != 1 {
		t.Errorf("second Add put the article in %s (first %s), %d articles", again.Story, first.Story, c.Len())
	}
}

func TestStoryTitleAndSpan(t *testing.T) {
	c := New(Options{GuessNames: true})
	for _, d := range fictional {
		c.Add(d)
	}
	for _, s := range c.Stories() {
		if s.ID != "fire1" {
			continue
		}
		if !strings.Contains(s.Title, "Keldra") {
			t.Errorf("title %q does not come from a member", s.Title)
		}
		if !s.Begin.Equal(date("2025-03-02")) || !s.End.Equal(date("2025-03-04")) {
			t.Errorf("span %v..%v, want 2025-03-02..2025-03-04", s.Begin, s.End)
		}
		return
	}
	t.Fatal("no story fire1")
}

// A story is titled after a member whose title is a headline, not one
// whose title is only its dateline, even when that member is the most
// central.
func TestStoryTitleIsAHeadline(t *testing.T) {
	for _, dateline := range []string{"THURSDAY, JUNE 30, 2005", "27 November, 2005", "Updated: Mon 3 Mar 2025, 10:42 am GMT", ""} {
		for _, prepare := range []bool{false, true} {
			c := New(Options{GuessNames: true})
			// fire3, given the dateline, is the story's most central article.
			for _, d := range fictional[:3] {
				if d.ID == "fire3" {
					d.Title = dateline
				}
				if prepare {
					c.Prepare(&d)
				}
				c.Add(d)
			}
			stories := c.Stories()
			if len(stories) != 1 {
				t.Fatalf("%q: %d stories, want 1", dateline, len(stories))
			}
			if got := stories[0].Title; got != fictional[0].Title && got != fictional[1].Title {
				t.Errorf("with a member titled %q (prepared: %v), the story is titled %q", dateline, prepare, got)
			}
		}
	}
	for _, title := range []string{"May Day march in Velsk", "Fire in Port Keldra on March 2", "Sunday"} {
		if want := title != "Sunday"; isHeadline(title) != want {
			t.Errorf("isHeadline(%q) = %v, want %v", title, !want, want)
		}
	}
}

func TestStorylinesLinkStoriesOfTheSameActors(t *testing.T) {
	// The election and its aftermath months later share actors; the
	// harbour fires do not.
	docs := append(slices.Clone(fictional),
		Doc{ID: "vote3", Published: date("2025-09-20"),
			Title: "Drovania parliament ousts Anika Lorr in no-confidence vote",
			Text: "Drovania's parliament voted out prime minister Anika Lorr on Saturday, six months after " +
				"her party won the snap parliamentary election. The vote took place in Velsk."})
	c := New(Options{GuessNames: true})
	for _, d := range docs {
		c.Add(d)
	}
	c.Refine()
	line := make(map[news.StoryID]news.StorylineID)
	for _, s := range c.Stories() {
		line[s.ID] = s.Storyline
	}
	vote1, _ := c.StoryOf("vote1")
	vote3, _ := c.StoryOf("vote3")
	fire1, _ := c.StoryOf("fire1")
	if vote1 == vote3 {
		t.Fatalf("the ousting months later joined the election story %s", vote1)
	}
	if line[vote1] != line[vote3] {
		t.Errorf("election and ousting in storylines %s and %s, want one", line[vote1], line[vote3])
	}
	if line[fire1] == line[vote1] {
		t.Errorf("fire and election share storyline %s", line[fire1])
	}
	for _, l := range c.Storylines() {
		if l.ID != line[vote1] {
			continue
		}
		if !strings.Contains(l.Name, "Drovania") && !strings.Contains(l.Name, "Anika Lorr") {
			t.Errorf("storyline name %q does not name its actors", l.Name)
		}
		if len(l.Links) != len(l.Stories)-1 {
			t.Errorf("%d links for %d stories", len(l.Links), len(l.Stories))
		}
		for _, k := range l.Links {
			if k.Score <= 0 || len(k.SharedEntities)+len(k.SharedTerms) == 0 {
				t.Errorf("link %+v is not explained", k)
			}
		}
	}
}

func TestRefineIsOrderIndependent(t *testing.T) {
	docs, gold := genCorpus(3000, 7)
	var first []string
	rng := rand.New(rand.NewPCG(3, 4))
	for run := range 3 {
		order := slices.Clone(docs)
		if run > 0 {
			rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		}
		c := New(Options{})
		for _, d := range order {
			c.Add(d)
		}
		c.Refine()
		got := storySets(c)
		if run == 0 {
			first = got
			// The generated stories are easy: check they are found.
			pred := make(map[news.ArticleID]string)
			for _, s := range c.Stories() {
				for _, a := range s.Articles {
					pred[a] = string(s.ID)
				}
			}
			if f := pairF1(gold, pred); f < 0.95 {
				t.Errorf("pairwise F1 %.3f on generated stories, want >= 0.95", f)
			}
			continue
		}
		if !slices.Equal(got, first) {
			t.Errorf("order %d: %d stories differ from the first order's %d", run, len(got), len(first))
		}
	}
}

// pairF1 is the pairwise F1 of pred against gold.
func pairF1(gold map[news.ArticleID]string, pred map[news.ArticleID]string) float64 {
	type cell struct{ g, p string }
	cells, gs, ps := map[cell]int{}, map[string]int{}, map[string]int{}
	for id, g := range gold {
		cells[cell{g, pred[id]}]++
		gs[g]++
		ps[pred[id]]++
	}
	pairs := func(m map[string]int) (n float64) {
		for _, k := range m {
			n += float64(k * (k - 1) / 2)
		}
		return n
	}
	var both float64
	for _, k := range cells {
		both += float64(k * (k - 1) / 2)
	}
	p, r := both/pairs(ps), both/pairs(gs)
	return 2 * p * r / (p + r)
}

func TestSplitMergeMoveSurviveLaterAdds(t *testing.T) {
	setup := func() *Clusterer {
		c := New(Options{GuessNames: true})
		for _, d := range fictional[:5] {
			c.Add(d)
		}
		return c
	}
	later := []Doc{fictional[5], fictional[6], {
		ID: "fire6", Published: date("2025-03-05"),
		Title: "Port Keldra harbour reopens after warehouse fire",
		Text:  "Port Keldra harbour reopened on Wednesday. Fire chief Mira Osei said the Keldra Fishing Cooperative can use a temporary warehouse.",
	}}
	tests := []struct {
		name  string
		edit  func(*Clusterer) error
		check func(*Clusterer) string
	}{
		{"split", func(c *Clusterer) error {
			_, err := c.Split("fire1", []news.ArticleID{"fire3"})
			return err
		}, func(c *Clusterer) string {
			a, _ := c.StoryOf("fire1")
			b, _ := c.StoryOf("fire3")
			if a == b {
				return "fire3 went back into fire1's story"
			}
			if s, _ := c.StoryOf("fire2"); s != a {
				return "fire2 left fire1's story"
			}
			return ""
		}},
		{"merge", func(c *Clusterer) error {
			return c.Merge("fire1", "fire4")
		}, func(c *Clusterer) string {
			for _, id := range []news.ArticleID{"fire2", "fire3", "fire4", "fire5"} {
				if s, _ := c.StoryOf(id); s != "fire1" {
					return string(id) + " left the merged story"
				}
			}
			return ""
		}},
		{"move", func(c *Clusterer) error {
			return c.Move("fire5", "fire1")
		}, func(c *Clusterer) string {
			if s, _ := c.StoryOf("fire5"); s != "fire1" {
				return "fire5 left the story it was moved to"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := setup()
			if err := tt.edit(c); err != nil {
				t.Fatal(err)
			}
			if msg := tt.check(c); msg != "" {
				t.Fatalf("right after the edit: %s", msg)
			}
			for _, d := range later {
				c.Add(d)
			}
			c.Refine()
			if msg := tt.check(c); msg != "" {
				t.Errorf("after later articles and Refine: %s", msg)
			}
			// A new Clusterer given the stored constraints, replaying
			// every article in another order, keeps the decision.
			r := New(Options{GuessNames: true})
			r.SetConstraints(c.Constraints())
			all := append(slices.Clone(later), fictional[:5]...)
			for _, d := range all {
				r.Add(d)
			}
			r.Refine()
			if msg := tt.check(r); msg != "" {
				t.Errorf("after replay with stored constraints: %s", msg)
			}
		})
	}
}

func TestEditErrors(t *testing.T) {
	c := New(Options{GuessNames: true})
	for _, d := range fictional {
		c.Add(d)
	}
	if _, err := c.Split("fire1", []news.ArticleID{"vote1"}); err == nil {
		t.Error("split with an article of another story: no error")
	}
	if _, err := c.Split("fire1", []news.ArticleID{"fire1", "fire2", "fire3"}); err == nil {
		t.Error("split of every article: no error")
	}
	if err := c.Merge("fire1", "nosuch"); err == nil {
		t.Error("merge with a missing story: no error")
	}
	if err := c.Move("nosuch", "fire1"); err == nil {
		t.Error("move of a missing article: no error")
	}
}

func TestRestoreRebuildsStories(t *testing.T) {
	c := New(Options{GuessNames: true})
	for _, d := range fictional {
		c.Add(d)
	}
	c.Refine()
	want := storySets(c)
	r := New(Options{GuessNames: true})
	for _, d := range slices.Backward(fictional) {
		s, _ := c.StoryOf(d.ID)
		r.Restore(d, s)
	}
	if got := storySets(r); !slices.Equal(got, want) {
		t.Errorf("restored %v, want %v", got, want)
	}
	// A new article is then scored against the restored stories.
	a := r.Add(Doc{ID: "vote9", Published: date("2025-03-04"), Title: "Anika Lorr names Drovania cabinet after election",
		Text: "Prime minister Anika Lorr named a new cabinet in Velsk after her party won the Drovania parliamentary election."})
	if want, _ := c.StoryOf("vote1"); a.Story != want {
		t.Errorf("new article went to %s, want %s (%s)", a.Story, want, a.Reason)
	}
	if got := maps.Collect(maps.All(r.Constraints().Pins)); len(got) != 0 {
		t.Errorf("restore pinned %v", got)
	}
}

func TestPreparedDocsClusterAlike(t *testing.T) {
	docs, _ := genCorpus(2000, 9)
	for _, guess := range []bool{false, true} {
		plain, prep := New(Options{GuessNames: guess}), New(Options{GuessNames: guess})
		var held []Doc
		for _, d := range docs {
			d.Entities = nil // names come from GuessNames or not at all
			plain.Add(d)
			prep.Prepare(&d)
			if d.Text != "" {
				t.Fatal("Prepare kept the text")
			}
			held = append(held, d)
		}
		for _, d := range held {
			prep.Add(d)
		}
		plain.Refine()
		prep.Refine()
		if a, b := storySets(plain), storySets(prep); !slices.Equal(a, b) {
			t.Errorf("GuessNames %v: prepared documents make %d stories, unprepared %d, and they differ", guess, len(b), len(a))
		}
		if a, b := fmt.Sprint(plain.Stories()), fmt.Sprint(prep.Stories()); a != b {
			t.Errorf("GuessNames %v: stories differ in titles, order or dates", guess)
		}
		if a, b := fmt.Sprint(plain.Storylines()), fmt.Sprint(prep.Storylines()); a != b {
			t.Errorf("GuessNames %v: storylines differ (names come from the prepared counts and names)", guess)
		}
	}
}

func TestStorylinesDoNotLinkByPlaceAlone(t *testing.T) {
	// A strike and, weeks later, a bank robbery in the same city share the
	// city and the police, not their actors: two storylines.
	docs := []Doc{
		{ID: "strike1", Published: date("2025-02-03"),
			Title: "Marrowgate dockworkers strike over pay",
			Text: "Dockworkers in Marrowgate walked out on Monday over pay, and Marrowgate police closed the harbour road. " +
				"Union leader Tomas Brell said the Marrowgate Dockworkers Union would stay out until the port authority raised wages. " +
				"Police in Marrowgate said the protest in central Marrowgate was peaceful."},
		{ID: "strike2", Published: date("2025-02-04"),
			Title: "Marrowgate port idle for second day",
			Text: "The port of Marrowgate stayed idle on Tuesday as the Marrowgate Dockworkers Union kept up its strike. " +
				"Tomas Brell told marchers in Marrowgate that the port authority had not answered. Marrowgate police watched the march."},
		{ID: "rob1", Published: date("2025-03-10"),
			Title: "Armed robbers hit Lindqvist Bank in Marrowgate",
			Text: "Armed robbers took cash from the Lindqvist Bank branch in Marrowgate on Friday, police said. " +
				"Detective Ana Sorel said three men fled in a grey van. Officers asked for witnesses."},
		{ID: "rob2", Published: date("2025-03-11"),
			Title: "Marrowgate police find getaway van",
			Text: "Detectives found the grey van used in the Lindqvist Bank robbery in Marrowgate. " +
				"Detective Ana Sorel said the robbers had planned the raid on the branch for weeks."},
	}
	// Names as the pipeline's tagger gives them, with their types.
	names := func(es ...string) []Entity {
		var out []Entity
		for _, e := range es {
			typ, name, _ := strings.Cut(e, ":")
			if k := len(out) - 1; k >= 0 && out[k].Key == name {
				out[k].Count++
				continue
			}
			out = append(out, Entity{Key: name, Name: name, Type: news.EntityType(typ), Count: 1})
		}
		return out
	}
	docs[0].Entities = names("LOC:Marrowgate", "LOC:Marrowgate", "LOC:Marrowgate", "PER:Tomas Brell", "ORG:Marrowgate Dockworkers Union")
	docs[1].Entities = names("LOC:Marrowgate", "LOC:Marrowgate", "LOC:Marrowgate", "PER:Tomas Brell", "ORG:Marrowgate Dockworkers Union")
	docs[2].Entities = names("LOC:Marrowgate", "LOC:Marrowgate", "LOC:Marrowgate", "ORG:Lindqvist Bank", "PER:Ana Sorel")
	docs[3].Entities = names("LOC:Marrowgate", "LOC:Marrowgate", "LOC:Marrowgate", "ORG:Lindqvist Bank", "PER:Ana Sorel")
	c := New(Options{GuessNames: true})
	for _, d := range docs {
		c.Add(d)
	}
	c.Refine()
	strike, _ := c.StoryOf("strike1")
	rob, _ := c.StoryOf("rob1")
	if strike == rob {
		t.Fatalf("strike and robbery in one story %s", strike)
	}
	line := make(map[news.StoryID]news.StorylineID)
	for _, s := range c.Stories() {
		line[s.ID] = s.Storyline
	}
	if line[strike] == line[rob] {
		for _, l := range c.Storylines() {
			if l.ID == line[strike] {
				t.Errorf("strike and robbery share storyline %q: %+v", l.Name, l.Links)
			}
		}
	}
}

// A storyline is named after the actors its articles name most, not the
// places each names once, and a people is not named beside its country.
func TestStorylineNamesItsMainActors(t *testing.T) {
	ents := func(counts map[string]int) []Entity {
		types := map[string]news.EntityType{"Norland": news.Place, "Estavia": news.Place, "Estavian": news.OtherName,
			"Port Avel": news.Place, "Dunmere": news.Place, "United Nations": news.Organisation, "Free Vena Front": news.Organisation}
		var out []Entity
		for name, n := range counts {
			out = append(out, Entity{Key: strings.ToLower(name), Name: name, Type: types[name], Count: n})
		}
		slices.SortFunc(out, func(a, b Entity) int { return strings.Compare(a.Key, b.Key) })
		return out
	}
	c := New(Options{})
	for i, d := range fictional[:3] {
		d.Entities = ents(map[string]int{"Norland": 4, "Estavia": 5, "Estavian": 6, "Free Vena Front": 3,
			"Port Avel": 1, "Dunmere": 1, "United Nations": 1 + i%2})
		c.Add(d)
	}
	lines := c.Storylines()
	if len(lines) != 1 {
		t.Fatalf("%d storylines, want 1", len(lines))
	}
	if want := []string{"Estavia", "Norland", "Free Vena Front"}; !slices.Equal(lines[0].Actors, want) {
		t.Errorf("actors %q, want %q", lines[0].Actors, want)
	}
	// A shorter form of a chosen actor is the same actor; a longer name
	// holding a chosen place is another.
	c = New(Options{})
	for _, d := range fictional[:3] {
		d.Entities = []Entity{{Key: "pakistan", Name: "Pakistan", Type: news.Place, Count: 6},
			{Key: "afghan taliban", Name: "Afghan Taliban", Type: news.Organisation, Count: 5},
			{Key: "taliban", Name: "Taliban", Type: news.Organisation, Count: 4},
			{Key: "tehreek-e-taliban pakistan", Name: "Tehreek-e-Taliban Pakistan", Type: news.Organisation, Count: 3},
			{Key: "kabul", Name: "Kabul", Type: news.Place, Count: 1}}
		c.Add(d)
	}
	if want, got := []string{"Pakistan", "Afghan Taliban", "Tehreek-e-Taliban Pakistan"}, c.Storylines()[0].Actors; !slices.Equal(got, want) {
		t.Errorf("actors %q, want %q", got, want)
	}
	for _, c := range []struct {
		a, b string
		want bool
	}{{"Estavian", "Estavia", true}, {"Pakistan", "Pakistani", true}, {"Iran", "Iraq", false}, {"Free Vena Front", "Free Vena", false}, {"Norland", "Norlanders", true}, {"Mali", "Malik", false}} {
		if got := demonym(c.a, c.b); got != c.want {
			t.Errorf("demonym(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// A report published long after an event joins the event's story when it
// names the event's day, and not when it does not: the date gap is the
// nearest of its publication date and the days it reports.
func TestReportedDaysPlaceALateReport(t *testing.T) {
	late := Doc{ID: "fire-trial", Published: date("2025-05-20"),
		Title: "Port Keldra harbour fire: electrician on trial",
		Text: "An electrician went on trial in Port Keldra over the fire that destroyed three harbour " +
			"warehouses of the Keldra Fishing Cooperative. Fire chief Mira Osei told the court about the blaze."}
	for _, tt := range []struct {
		reported []time.Time
		joins    bool
	}{
		{nil, false},
		{[]time.Time{date("2025-03-02")}, true},
		{[]time.Time{date("2024-01-10")}, false}, // a day far from the fire
	} {
		c := New(Options{GuessNames: true})
		for _, d := range fictional[:3] {
			c.Add(d)
		}
		d := late
		d.Reported = tt.reported
		a := c.Add(d)
		joined := !a.New && a.Story == c.Stories()[0].ID
		if joined != tt.joins {
			t.Errorf("reported %v: joined the fire's story = %v, want %v (%s)", tt.reported, joined, tt.joins, a.Reason)
		}
	}
}

func TestVectorIndependentOfVocabularyOrder(t *testing.T) {
	// 100 words once each, all as rare: which 64 of them make the
	// article's vector must not depend on the order the vocabulary met
	// them in (an earlier article, read in another order).
	var ws []string
	for i := range 100 {
		ws = append(ws, fmt.Sprintf("w%03dx", i))
	}
	text := strings.Join(ws, " ")
	vector := func(earlier []string) []string {
		c := New(Options{})
		c.Add(Doc{ID: "earlier", Text: strings.Join(earlier, " ")})
		c.Add(Doc{ID: "article", Text: text})
		var out []string
		for _, f := range c.unit(c.byID["article"]).terms {
			out = append(out, c.vocab.stemOf[f.id])
		}
		slices.Sort(out)
		return out
	}
	fwd := vector(ws)
	back := slices.Clone(ws)
	slices.Reverse(back)
	rev := vector(back)
	if len(fwd) != maxDocTerms {
		t.Fatalf("vector has %d terms, want %d", len(fwd), maxDocTerms)
	}
	if !slices.Equal(fwd, rev) {
		t.Errorf("vector terms depend on the vocabulary's order:\n%v\n%v", fwd, rev)
	}
}
