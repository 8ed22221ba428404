package entity

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// newResolver returns a resolver with the built-in tables only.
func newResolver(t testing.TB) *Resolver {
	t.Helper()
	r, err := NewResolver(Options{})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// article is fictional text and the names a tagger found in it.
type article struct {
	text  string
	names map[news.EntityType][]string
}

// resolveText resolves one article and returns the entity of each mention
// text (the last, if a text is mentioned several times with different
// results the test says so).
func resolveText(t *testing.T, r *Resolver, id string, a article) map[string]news.EntityID {
	t.Helper()
	got := map[string]news.EntityID{}
	for _, m := range r.Resolve(news.ArticleID(id), a.text, locate(a.text, a.names)) {
		if prev, ok := got[m.Text]; ok && prev != m.Entity {
			t.Errorf("%s: %q resolved to both %s and %s", id, m.Text, prev, m.Entity)
		}
		got[m.Text] = m.Entity
	}
	return got
}

// A resolveCase is an article resolved alone and the entities some of its
// mention texts must resolve to.
type resolveCase struct {
	name string
	a    article
	want map[string]news.EntityID
}

func checkResolved(t *testing.T, cases []resolveCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := resolveText(t, newResolver(t), "a", c.a)
			for text, want := range c.want {
				if got[text] != want {
					t.Errorf("%q resolved to %q, want %q", text, got[text], want)
				}
			}
		})
	}
}

func TestPersonBackOff(t *testing.T) {
	per := news.Person
	checkResolved(t, []resolveCase{
		{"last name backs off to the full name",
			article{"Imran Khan spoke first. Later Khan left.", map[news.EntityType][]string{per: {"Imran Khan", "Khan"}}},
			map[string]news.EntityID{"Imran Khan": "per-imran-khan", "Khan": "per-imran-khan"}},
		{"a title is a role, not a name",
			article{"Prime Minister Imran Khan spoke. Imran Khan left.", map[news.EntityType][]string{per: {"Prime Minister Imran Khan", "Imran Khan"}}},
			map[string]news.EntityID{"Prime Minister Imran Khan": "per-imran-khan", "Imran Khan": "per-imran-khan"}},
		{"honorific and last name",
			article{"Nadia Brook arrived. Ms Brook said no.", map[news.EntityType][]string{per: {"Nadia Brook", "Ms Brook"}}},
			map[string]news.EntityID{"Nadia Brook": "per-nadia-brook", "Ms Brook": "per-nadia-brook"}},
		{"first name backs off too",
			article{"Nadia Brook arrived. Nadia said no.", map[news.EntityType][]string{per: {"Nadia Brook", "Nadia"}}},
			map[string]news.EntityID{"Nadia": "per-nadia-brook"}},
		{"the nearest full name before wins",
			article{"Ali Khan met Imran Khan. Khan said yes.", map[news.EntityType][]string{per: {"Ali Khan", "Imran Khan", "Khan"}}},
			map[string]news.EntityID{"Ali Khan": "per-ali-khan", "Khan": "per-imran-khan"}},
		{"a full name after the mention when none is before",
			article{"Khan, the captain, spoke. Imran Khan then left.", map[news.EntityType][]string{per: {"Imran Khan", "Khan"}}},
			map[string]news.EntityID{"Khan": "per-imran-khan"}},
		{"a last name matches before a first name",
			article{"Tom Grant met Grant Lowe. Grant spoke.", map[news.EntityType][]string{per: {"Tom Grant", "Grant Lowe", "Grant"}}},
			map[string]news.EntityID{"Grant": "per-tom-grant"}},
		{"a shorter full name backs off to a longer one",
			article{"Qamar Javed Bajwa, known as Javed Bajwa, met Bajwa's staff.", map[news.EntityType][]string{per: {"Qamar Javed Bajwa", "Javed Bajwa", "Bajwa"}}},
			map[string]news.EntityID{"Javed Bajwa": "per-qamar-javed-bajwa", "Bajwa": "per-qamar-javed-bajwa"}},
		{"no full name in the article: the single name is its own key",
			article{"Khan said yes.", map[news.EntityType][]string{per: {"Khan"}}},
			map[string]news.EntityID{"Khan": "per-khan"}},
		{"a person is never a country",
			article{"Jordan Hale scored; Jordan smiled.", map[news.EntityType][]string{per: {"Jordan Hale", "Jordan"}}},
			map[string]news.EntityID{"Jordan": "per-jordan-hale"}},
	})
}

func TestHeadOfAnOrganisation(t *testing.T) {
	org, misc := news.Organisation, news.OtherName
	checkResolved(t, []resolveCase{
		{"the last word after \"the\" is the organisation it ends",
			article{"The Free Vena Front claimed the attack. The Front has lost its excuse.",
				map[news.EntityType][]string{org: {"Free Vena Front"}, misc: {"Front"}}},
			map[string]news.EntityID{"Free Vena Front": "org-free-vena-front", "Front": "org-free-vena-front"}},
		{"without \"the\" the word stands alone",
			article{"The Free Vena Front claimed the attack. Front lines held.",
				map[news.EntityType][]string{org: {"Free Vena Front"}, misc: {"Front"}}},
			map[string]news.EntityID{"Front": "misc-front"}},
		{"two organisations end with it: neither",
			article{"The Free Vena Front and the Popular Front met. The Front walked out.",
				map[news.EntityType][]string{org: {"Free Vena Front", "Popular Front"}, misc: {"Front"}}},
			map[string]news.EntityID{"Front": "misc-front"}},
		{"no longer name in the article",
			article{"The Front has lost its excuse.", map[news.EntityType][]string{misc: {"Front"}}},
			map[string]news.EntityID{"Front": "misc-front"}},
	})
}

func TestPersonAcrossArticles(t *testing.T) {
	r := newResolver(t)
	resolveText(t, r, "a", article{"Prime Minister Imran Khan spoke. Khan left.", map[news.EntityType][]string{news.Person: {"Prime Minister Imran Khan", "Khan"}}})
	got := resolveText(t, r, "b", article{"Imran Khan said so.", map[news.EntityType][]string{news.Person: {"Imran Khan"}}})
	if got["Imran Khan"] != "per-imran-khan" {
		t.Errorf("the full name in another article resolved to %s", got["Imran Khan"])
	}
	var e news.Entity
	for _, x := range r.Entities() {
		if x.ID == "per-imran-khan" {
			e = x
		}
	}
	want := news.Entity{ID: "per-imran-khan", Name: "Imran Khan", Type: news.Person, Aliases: []string{"Khan"}, Mentions: 3, Roles: []string{"Prime Minister"},
		Keys: []string{"imran khan", "khan"}}
	if !reflect.DeepEqual(e, want) {
		t.Errorf("entity %+v, want %+v", e, want)
	}
}

func TestContext(t *testing.T) {
	loc, org := news.Place, news.Organisation
	for _, c := range []struct {
		name string
		a    article
		text string
		want news.EntityID
	}{
		{"a city several countries share: the one the article's country has",
			article{"Flooding hit Hyderabad, Pakistan, on Monday.", map[news.EntityType][]string{loc: {"Hyderabad", "Pakistan"}}},
			"Hyderabad", "loc-hyderabad-pk"},
		{"a city several countries share: the most populous by default",
			article{"Flooding hit Hyderabad on Monday.", map[news.EntityType][]string{loc: {"Hyderabad"}}},
			"Hyderabad", "loc-hyderabad-in"},
		{"a capital named for its government",
			article{"Islamabad said the border was closed.", map[news.EntityType][]string{org: {"Islamabad"}}},
			"Islamabad", "loc-islamabad-pk"},
		{"a table name tagged as a place",
			article{"Fighting between Hamas and Israel went on.", map[news.EntityType][]string{loc: {"Hamas", "Israel"}}},
			"Hamas", "org-hamas"},
		{"a town is not an organisation",
			article{"Bannu said the border was closed.", map[news.EntityType][]string{org: {"Bannu"}}},
			"Bannu", "org-bannu"},
		{"country codes in capitals",
			article{"Talks between the USA and PAK resumed.", map[news.EntityType][]string{loc: {"USA", "PAK"}}},
			"PAK", "loc-pakistan"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := resolveText(t, newResolver(t), "a", c.a)
			if got[c.text] != c.want {
				t.Errorf("%q resolved to %q, want %q", c.text, got[c.text], c.want)
			}
		})
	}
}

func TestAcronyms(t *testing.T) {
	org := news.Organisation
	define := article{"The Northern Rivers Alliance (NRA) met on Monday. The NRA said little.", map[news.EntityType][]string{org: {"Northern Rivers Alliance", "NRA"}}}
	bare := article{"The NRA has a new chair.", map[news.EntityType][]string{org: {"NRA"}}}
	local := article{"The Coastal Fishers Union spoke. CFU members left.", map[news.EntityType][]string{org: {"Coastal Fishers Union", "CFU"}}}
	reversed := article{"The NRA (Northern Rivers Alliance) met.", map[news.EntityType][]string{org: {"Northern Rivers Alliance", "NRA"}}}
	const nra = "org-northern-rivers-alliance"

	t.Run("a parenthesised definition", func(t *testing.T) {
		got := resolveText(t, newResolver(t), "a", define)
		if got["NRA"] != nra || got["Northern Rivers Alliance"] != nra {
			t.Errorf("got %v, want both %s", got, nra)
		}
	})
	t.Run("a definition in the other order", func(t *testing.T) {
		got := resolveText(t, newResolver(t), "a", reversed)
		if got["NRA"] != nra {
			t.Errorf("got %v, want NRA as %s", got, nra)
		}
	})
	t.Run("initials of a long form in the same article", func(t *testing.T) {
		got := resolveText(t, newResolver(t), "a", local)
		if got["CFU"] != "org-coastal-fishers-union" {
			t.Errorf("got %v", got)
		}
	})
	t.Run("a definition holds in later articles", func(t *testing.T) {
		r := newResolver(t)
		resolveText(t, r, "a", define)
		if got := resolveText(t, r, "b", bare); got["NRA"] != nra {
			t.Errorf("bare NRA resolved to %s, want %s", got["NRA"], nra)
		}
	})
	t.Run("and in earlier ones", func(t *testing.T) {
		r := newResolver(t)
		if got := resolveText(t, r, "b", bare); got["NRA"] != "org-nra" {
			t.Fatalf("bare NRA before any definition resolved to %s", got["NRA"])
		}
		resolveText(t, r, "a", define)
		if got := r.Redirects(); got["org-nra"] != nra {
			t.Errorf("Redirects() = %v, want org-nra -> %s", got, nra)
		}
		other := newResolver(t)
		resolveText(t, other, "a", define)
		resolveText(t, other, "b", bare)
		if a, b := r.Entities(), other.Entities(); !reflect.DeepEqual(a, b) {
			t.Errorf("entities depend on the order of articles:\n%+v\n%+v", a, b)
		}
	})
	t.Run("acronyms the tables know", func(t *testing.T) {
		got := resolveText(t, newResolver(t), "a", article{"The ANC, the PKK and the UN.", map[news.EntityType][]string{org: {"ANC", "PKK", "UN"}}})
		if got["ANC"] != "org-african-national-congress" || got["PKK"] != "org-kurdistan-workers-party" || got["UN"] != "org-united-nations" {
			t.Errorf("got %v", got)
		}
	})
}

// corpus is fictional news about fictional and real names, for the tests
// of order, restoring and speed.
var corpus = []article{
	{"Prime Minister Imran Khan met Lena Marsh in Islamabad. Khan said the Tehreek-i-Taliban Pakistan (TTP) must disarm. The Taliban in Kabul did not answer.",
		map[news.EntityType][]string{news.Person: {"Prime Minister Imran Khan", "Lena Marsh", "Khan"}, news.Organisation: {"Tehreek-i-Taliban Pakistan", "TTP", "Taliban"}, news.Place: {"Islamabad", "Kabul"}}},
	{"The Northern Rivers Alliance (NRA) wrote to the U.S. State Department. Marsh, an NRA adviser, flew to Paris.",
		map[news.EntityType][]string{news.Person: {"Marsh"}, news.Organisation: {"Northern Rivers Alliance", "NRA", "State Department"}, news.Place: {"U.S.", "Paris"}}},
	{"The NRA met Afghan officials in Kandahar. Pakistani officials and the United States joined. Lena Marsh chaired.",
		map[news.EntityType][]string{news.Person: {"Lena Marsh"}, news.Organisation: {"NRA"}, news.Place: {"Kandahar", "United States"}, news.OtherName: {"Afghan", "Pakistani"}}},
	{"Pakistani Taliban fighters crossed into Bajaur; the Taliban claimed the raid. Mr Khan condemned it.",
		map[news.EntityType][]string{news.Person: {"Mr Khan"}, news.Organisation: {"Pakistani Taliban", "Taliban"}, news.Place: {"Bajaur"}}},
}

func resolveAll(t testing.TB, r *Resolver, order []int) {
	t.Helper()
	for _, i := range order {
		a := corpus[i]
		r.Resolve(news.ArticleID(fmt.Sprint(i)), a.text, locate(a.text, a.names))
	}
}

func TestOrderDoesNotMatter(t *testing.T) {
	want := newResolver(t)
	resolveAll(t, want, []int{0, 1, 2, 3})
	for _, order := range [][]int{{3, 2, 1, 0}, {2, 0, 3, 1}, {1, 3, 0, 2}} {
		r := newResolver(t)
		resolveAll(t, r, order)
		if got := r.Entities(); !reflect.DeepEqual(got, want.Entities()) {
			t.Errorf("order %v gives\n%+v\nwant\n%+v", order, got, want.Entities())
		}
	}
}

func TestRestore(t *testing.T) {
	r := newResolver(t)
	resolveAll(t, r, []int{0, 1})
	saved := r.Entities()
	restored, err := NewResolver(Options{Entities: saved})
	if err != nil {
		t.Fatal(err)
	}
	if got := restored.Entities(); !reflect.DeepEqual(got, saved) {
		t.Errorf("restored entities\n%+v\nwant\n%+v", got, saved)
	}
	// The restarted resolver goes on where the first stopped.
	resolveAll(t, r, []int{2, 3})
	resolveAll(t, restored, []int{2, 3})
	if got, want := restored.Entities(), r.Entities(); !reflect.DeepEqual(got, want) {
		t.Errorf("after a restart\n%+v\nwant\n%+v", got, want)
	}
}

func TestResolveTwice(t *testing.T) {
	r := newResolver(t)
	resolveAll(t, r, []int{0, 1})
	once := r.Entities()
	resolveAll(t, r, []int{1, 0})
	if got := r.Entities(); !reflect.DeepEqual(got, once) {
		t.Errorf("resolving the same articles again changed the entities:\n%+v\nwant\n%+v", got, once)
	}
}

// TestResolveChanged resolves an article again after its tagger changed
// its mind: the entities that only the second resolution finds are named
// and not counted twice, and unrelated ones are not joined.
func TestResolveChanged(t *testing.T) {
	r := newResolver(t)
	text := "Zorbu met Quax."
	zorbu := news.Mention{Span: news.Span{Start: 0, End: 5}, Text: "Zorbu", Type: news.Person}
	quax := news.Mention{Span: news.Span{Start: 10, End: 14}, Text: "Quax", Type: news.Organisation}
	r.Resolve("a", text, []news.Mention{zorbu})
	zorbu.Type = news.Organisation
	ms := r.Resolve("a", text, []news.Mention{zorbu, quax})
	got := map[news.EntityID]news.Entity{}
	for _, e := range r.Entities() {
		got[e.ID] = e
	}
	red := r.Redirects()
	final := func(id news.EntityID) news.Entity {
		if to, ok := red[id]; ok {
			id = to
		}
		return got[id]
	}
	if z, q := final(ms[0].Entity), final(ms[1].Entity); z.ID == q.ID {
		t.Fatalf("Zorbu and Quax resolved to one entity: %+v", z)
	}
	if z := final(ms[0].Entity); z.Name != "Zorbu" || z.Mentions != 1 {
		t.Errorf("Zorbu resolved to %+v, want Zorbu with 1 mention", z)
	}
	if q := final(ms[1].Entity); q.Name != "Quax" {
		t.Errorf("Quax resolved to %+v, want Quax", q)
	}
}

func TestConcurrentResolve(t *testing.T) {
	want := newResolver(t)
	resolveAll(t, want, []int{0, 1, 2, 3})
	r := newResolver(t)
	var wg sync.WaitGroup
	for i := range corpus {
		wg.Go(func() {
			a := corpus[i]
			r.Resolve(news.ArticleID(fmt.Sprint(i)), a.text, locate(a.text, a.names))
			r.Entities()
		})
	}
	wg.Wait()
	if got := r.Entities(); !reflect.DeepEqual(got, want.Entities()) {
		t.Errorf("concurrent resolution gives\n%+v\nwant\n%+v", got, want.Entities())
	}
}

func TestUnresolvableMentions(t *testing.T) {
	r := newResolver(t)
	text := "-- and Mr"
	ms := r.Resolve("a", text, []news.Mention{
		{Span: news.Span{Start: 0, End: 2}, Text: "--", Type: news.Organisation},
		{Span: news.Span{Start: 7, End: 9}, Text: "Mr", Type: news.Person},
		{Span: news.Span{Start: 50, End: 60}, Type: news.Place}, // span outside the text, no Text
	})
	for _, m := range ms[:1] {
		if m.Entity != "" {
			t.Errorf("%q resolved to %s, want nothing", m.Text, m.Entity)
		}
	}
	if ms[2].Entity != "" {
		t.Errorf("a mention without text resolved to %s", ms[2].Entity)
	}
	if ms[1].Entity != "per-mr" {
		// A lone honorific is kept as a name: there is nothing else.
		t.Errorf("Mr resolved to %q", ms[1].Entity)
	}
}

// benchArticles builds n fictional articles of about 30 mentions each, with
// names drawn from pools so that entities repeat across articles as in news.
func benchArticles(n int) []article {
	first := []string{"Lena", "Omar", "Nadia", "Tom", "Ayesha", "Karim", "Sofia", "Bilal", "Rosa", "Imran"}
	last := []string{"Marsh", "Khan", "Brook", "Grant", "Siddiqui", "Haddad", "Lowe", "Qureshi", "Novak", "Reyes"}
	orgs := []string{"Harbour Light Trust", "Apex Motors", "Kestrel Group", "Coastal Fishers Union", "Northern Rivers Alliance", "TTP", "United Nations", "IMF", "Taliban", "Blue Harbour"}
	places := []string{"Islamabad", "Kabul", "Kandahar", "Paris", "Detroit", "Frankfurt", "Pakistan", "Afghanistan", "United States", "Hyderabad", "U.S.", "Waziristan"}
	misc := []string{"Pakistani", "Afghan", "American", "Eid"}
	var out []article
	for i := range n {
		var b strings.Builder
		names := map[news.EntityType][]string{}
		add := func(typ news.EntityType, s string) {
			names[typ] = append(names[typ], s)
			fmt.Fprintf(&b, "%s said on day %d that the matter was closed. ", s, i)
		}
		for j := range 8 {
			f, l := first[(i+j)%len(first)], last[(i*3+j)%len(last)]
			add(news.Person, f+" "+l)
			if j%2 == 0 {
				add(news.Person, l)
			}
		}
		for j := range 8 {
			add(news.Organisation, orgs[(i+j*7)%len(orgs)])
		}
		for j := range 7 {
			add(news.Place, places[(i*5+j)%len(places)])
		}
		for j := range 3 {
			add(news.OtherName, misc[(i+j)%len(misc)])
		}
		out = append(out, article{b.String(), names})
	}
	return out
}

func BenchmarkResolve(b *testing.B) {
	arts := benchArticles(200)
	mentions := make([][]news.Mention, len(arts))
	n := 0
	for i, a := range arts {
		mentions[i] = locate(a.text, a.names)
		n += len(mentions[i])
	}
	r := newResolver(b)
	scratch := make([]news.Mention, 0, 64)
	i := 0
	b.ReportAllocs()
	for b.Loop() {
		k := i % len(arts)
		scratch = append(scratch[:0], mentions[k]...)
		r.Resolve(news.ArticleID(fmt.Sprint(i)), arts[k].text, scratch)
		i++
	}
	b.ReportMetric(float64(n)/float64(len(arts)), "mentions/article")
}

func BenchmarkNewResolver(b *testing.B) {
	for b.Loop() {
		if _, err := NewResolver(Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestRestoreFixedNames(t *testing.T) {
	saved := []news.Entity{
		{ID: "org-nato", Name: "NATO", Type: news.Organisation, Aliases: []string{"North Atlantic Treaty Organization"}, Mentions: 2,
			Keys: []string{"nato", "north atlantic treaty organization"}},
		{ID: "per-helena-marsh", Name: "Helena Marsh", Type: news.Person, Aliases: []string{"Lena Marsh", "Marsh"}, Mentions: 5, Roles: []string{"Chair", "Adviser"},
			Keys: []string{"helena marsh", "lena marsh", "marsh"}},
	}
	r, err := NewResolver(Options{Entities: saved})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Entities(); !reflect.DeepEqual(got, saved) {
		t.Errorf("restored\n%+v\nwant\n%+v", got, saved)
	}
}

// FuzzResolve feeds arbitrary text and mention spans three times with the
// types rotated, the third time as the first article again: Resolve must not
// panic, and after each call every entity set so far must be among Entities,
// or be redirected by Redirects to one that is (a store rewrites those
// mentions); no entity of Entities may be redirected away, and each has a
// name.
func FuzzResolve(f *testing.F) {
	f.Add("Prime Minister Imran Khan met the TTP (Tehreek-i-Taliban Pakistan) in Kabul.", 0, 25, 38, 41, uint8(0))
	f.Add("Mr. O’Neill’s U.S.-Taliban (NRA) talks", 0, 12, 13, 20, uint8(3))
	types := []news.EntityType{news.Person, news.Organisation, news.Place, news.OtherName, ""}
	f.Fuzz(func(t *testing.T, text string, s1, e1, s2, e2 int, typ uint8) {
		mention := func(s, e int, typ int) news.Mention {
			m := news.Mention{Span: news.Span{Start: s, End: e}, Type: types[typ%len(types)]}
			if 0 <= s && s <= e && e <= len(text) {
				m.Text = text[s:e]
			}
			return m
		}
		r := newResolver(t)
		var stored []news.Mention // as a store holds them, redirects applied
		for round := range 3 {
			ty := int(typ) + round
			ms := r.Resolve(news.ArticleID(fmt.Sprint("a", round%2)), text, []news.Mention{
				mention(s1, e1, ty), mention(s2, e2, ty), {Text: text, Type: types[(ty+1)%len(types)]}})
			stored = append(stored, ms...)
			known := map[news.EntityID]bool{}
			for _, e := range r.Entities() {
				known[e.ID] = true
				if e.Name == "" {
					t.Fatalf("article %d: entity %s has no name", round, e.ID)
				}
			}
			red := r.Redirects()
			for from, to := range red {
				if !known[to] {
					t.Fatalf("article %d: %s redirects to %s, which Entities lacks", round, from, to)
				}
				if known[from] {
					t.Fatalf("article %d: %s is among Entities and redirects to %s", round, from, to)
				}
			}
			for i, m := range stored {
				if to, ok := red[m.Entity]; ok {
					stored[i].Entity = to
				}
				if id := stored[i].Entity; id != "" && !known[id] {
					t.Fatalf("article %d: mention %q resolved to %s (now %s), which Entities lacks", round, m.Text, m.Entity, id)
				}
			}
		}
	})
}

func TestJoinTypes(t *testing.T) {
	r, err := NewResolver(Options{Entities: []news.Entity{
		{ID: "misc-kessel-dam", Name: "Kessel Dam", Type: news.OtherName, Mentions: 4},
		{ID: "org-kessel-dam", Name: "Kessel Dam", Type: news.Organisation, Mentions: 3, Aliases: []string{"the Kessel dam"}},
		{ID: "per-kessel-dam", Name: "Kessel Dam", Type: news.Person, Mentions: 2},
		{ID: "loc-london-gb", Name: "London", Type: news.Place, Mentions: 5, Country: "GB"},
		{ID: "loc-london-ca", Name: "London", Type: news.Place, Mentions: 1, Country: "CA"},
		{ID: "per-idris-kamara", Name: "Idris Kamara", Type: news.Person, Mentions: 7},
	}})
	if err != nil {
		t.Fatal(err)
	}
	// An earlier merge sent "KD" to the organisation that is now joined:
	// its mentions must follow on to the joined entity, not stop halfway.
	r.redirect["org-kd"] = "org-kessel-dam"
	got := r.Entities()
	if len(got) != 4 {
		t.Fatalf("%d entities after joining, want 4: %+v", len(got), got)
	}
	var dam news.Entity
	for _, e := range got {
		if e.Name == "Kessel Dam" {
			dam = e
		}
	}
	if dam.ID != "misc-kessel-dam" || dam.Mentions != 9 || !slices.Contains(dam.Aliases, "the Kessel dam") {
		t.Errorf("joined entity = %+v, want misc-kessel-dam with 9 mentions and the alias", dam)
	}
	red := r.Redirects()
	for _, from := range []news.EntityID{"org-kessel-dam", "per-kessel-dam", "org-kd"} {
		if red[from] != "misc-kessel-dam" {
			t.Errorf("%s redirects to %q, want misc-kessel-dam", from, red[from])
		}
	}
	if _, ok := red["loc-london-ca"]; ok {
		t.Error("two gazetteer places in different countries were joined")
	}
	// Nothing is left to join the second time.
	if again := r.Entities(); len(again) != 4 {
		t.Errorf("a second call changed the entities: %+v", again)
	}
}

func TestAfterThe(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"the Front", true},
		{"The Front", true},
		{"They met the\u00a0Front", true}, // a no-break space
		{"They met the\nFront", true},     // a line break
		{"(the Front", true},              // punctuation before
		{"Blythe Front", false},           // a word ending in "the"
		{"Zuñithe Front", false},          // ... after a letter of two bytes
		{"Μπλάthe Front", false},          // ... after Greek letters
		{"2the Front", false},             // a digit is part of the word
		{"he Front", false},               // too short
		{"bathe the Front", true},
		{"them Front", false},
	}
	for _, tt := range tests {
		at := strings.LastIndex(tt.text, "Front")
		if got := afterThe(tt.text, at); got != tt.want {
			t.Errorf("afterThe(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
