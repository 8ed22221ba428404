package dedup

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// Fictional texts written for these tests.
const (
	bridge = `The regional council of Eastvale approved a plan on Tuesday to rebuild the Harlow river bridge, which collapsed in March after weeks of heavy rain.
Council leader Miriam Okafor said the new bridge would cost 42 million euros and open to traffic by the summer of 2027.
"We owe the people of Eastvale a crossing they can trust for the next hundred years," Okafor told reporters outside the council chamber.
Engineers found that the old bridge's foundations had been weakened by erosion that inspections in 2019 failed to detect.
The collapse cut the main road between Eastvale and the port town of Lindqvist, forcing commuters into a detour of forty minutes.
Local businesses have reported a sharp fall in trade since the spring, and a shop owners' association asked the council for emergency grants.
The plan approved on Tuesday includes a temporary ferry service that will run every twenty minutes from next month.
Opposition councillor Tomas Brandt voted against the plan, arguing that the cost estimate was too optimistic.
"Every large project in this region has run over budget, and this one will too," Brandt said.
Construction is expected to begin in January after a public tender.`

	// bridgeExact differs only in white space, quote styles and boilerplate.
	bridgeExact = `Home | News | Region
Advertisement

The regional council of Eastvale approved a plan on Tuesday to rebuild the Harlow river bridge, which collapsed in March after weeks of heavy rain.

Council leader Miriam Okafor said the new bridge would cost 42 million euros and open to traffic by the summer of 2027.   “We owe the people of Eastvale a crossing they can trust for the next hundred years,” Okafor told reporters outside the council chamber.

Engineers found that the old bridge’s foundations had been weakened by erosion that inspections in 2019 failed to detect.
The collapse cut the main road between Eastvale and the port town of Lindqvist, forcing commuters into a detour of forty minutes.
Local businesses have reported a sharp fall in trade since the spring, and a shop owners’ association asked the council for emergency grants.
The plan approved on Tuesday includes a temporary ferry service that will run every twenty minutes from next month.
Opposition councillor Tomas Brandt voted against the plan, arguing that the cost estimate was too optimistic.
“Every large project in this region has run over budget, and this one will too,” Brandt said.
Construction is expected to begin in January after a public tender.

Copyright 2024 The Eastvale Courier. All rights reserved.
Also read: Ferry operators bid for the Harlow crossing contract`

	// bridgeNear has a new lead, a dropped paragraph and a few words changed.
	bridgeNear = `Eastvale will get a new Harlow river bridge: the regional council approved a plan on Tuesday to rebuild the bridge, which collapsed in March after weeks of heavy rain.
Council leader Miriam Okafor said the new bridge would cost 42 million euros and open to cars by the summer of 2027.
"We owe the people of Eastvale a crossing they can trust for the next hundred years," Okafor told journalists outside the council chamber.
Engineers found that the old bridge's foundations had been weakened by erosion that inspections in 2019 did not detect.
The collapse cut the main road between Eastvale and the port town of Lindqvist, forcing drivers into a detour of forty minutes.
The plan approved on Tuesday includes a temporary ferry service that will run every twenty minutes from next month.
Opposition councillor Tomas Brandt voted against the plan, arguing that the cost estimate was far too optimistic.
"Every large project in this region has run over budget, and this one will too," Brandt said.
Construction is expected to begin in January after a public tender.`

	// bridgeRewrite says the same, sentence by sentence, in other words.
	bridgeRewrite = `On Tuesday, Eastvale's regional council backed a proposal to rebuild the Harlow river bridge, which fell in March following weeks of torrential rain.
The replacement will cost 42 million euros and should carry traffic by summer 2027, council leader Miriam Okafor said.
Speaking to journalists outside the chamber, Okafor said the people of Eastvale were owed a crossing they could trust for a hundred years.
According to engineers, erosion that inspections in 2019 did not detect had weakened the foundations of the old bridge.
Since the collapse severed the main road linking Eastvale with the port of Lindqvist, commuters have faced a forty-minute detour.
Trade at local businesses has fallen sharply since spring, and an association of shop owners has requested emergency grants from the council.
A temporary ferry running every twenty minutes from next month is part of the approved plan.
Councillor Tomas Brandt of the opposition voted against the plan, saying the estimated cost was too optimistic.
Construction should start in January following a public tender.`

	// bridgeOther reports the same event in its own words: not a copy.
	bridgeOther = `Commuters in Eastvale will have to wait until 2027 for a new crossing over the Harlow river.
The bridge that carried the main road to Lindqvist gave way in March, and nobody was hurt because police had closed it hours earlier.
Residents interviewed on Wednesday were divided over the council's decision.
"Forty minutes each way is a second job," said nurse Anna Petrov, who drives to the hospital in Lindqvist every day.
Others welcomed the ferry, which the council says will start next month.
Miriam Okafor, who leads the council, has promised that the bridge will last a hundred years.
Critics point to the cost, 42 million euros, and to the region's record of overruns on large projects.
A geologist at the university of Eastvale said erosion of the riverbed had been visible for years.
The public tender for the construction is due to open in the autumn.`

	// bridgeSameFrame follows the original sentence by sentence, but with
	// other facts: another cause, cost, date and vote. Each sentence keeps
	// about half of its words, as a loose paraphrase does, but none keeps
	// more: not a copy.
	bridgeSameFrame = `The regional council of Eastvale debated a plan on Tuesday to repair the Harlow river bridge, which cracked in March after weeks of frost.
Council leader Miriam Okafor said the repairs would cost 12 million euros and reopen the bridge to traffic by the autumn of 2026.
"We owe the people of Eastvale a crossing that is safe this winter," Okafor told reporters outside the town hall.
Engineers found that the old bridge's piers had been weakened by frost that inspections in 2021 failed to measure.
The closure cut the main road between Eastvale and the port town of Lindqvist, sending lorries on a detour of two hours.
Local businesses have reported a small fall in trade since the winter, and a hauliers' association asked the council for compensation.
The plan debated on Tuesday includes a temporary bus service that will run every hour from next week.
Opposition councillor Tomas Brandt backed the plan, saying the repair budget was realistic.
"Every small repair in this region has come in on budget, and this one will too," Brandt said.
Repairs are expected to begin in February after a public tender.`

	// bridgeOpinion is an editorial on the same subject: not a copy.
	bridgeOpinion = `Eastvale's council has finally decided to rebuild the Harlow bridge, and it deserves credit for moving quickly.
But the price of 42 million euros should worry every taxpayer in the region.
The council has not explained why inspections in 2019 missed the erosion that brought the old bridge down.
Until it does, residents have little reason to believe that the new bridge will be built better than the last one.
The temporary ferry is welcome, yet it will not carry lorries, and the businesses of Lindqvist will keep losing trade.
Councillor Brandt is right that large projects here run over budget.
The council should publish its cost estimates in full and let independent engineers check them before the tender.
A bridge that must stand for a hundred years deserves a debate longer than one afternoon.`

	// harvest is on another subject altogether.
	harvest = `Farmers in the northern valleys expect the best apple harvest in a decade after a mild spring and a dry, sunny August.
The growers' cooperative said on Monday that it would hire two hundred seasonal workers, twice as many as last year.
Prices at the wholesale market in Brenna have already fallen by a fifth as early varieties arrived.
"We have more fruit than we can store," said orchard owner Lucas Moreau, who farms forty hectares near the lake.
The cooperative plans to open a new cold store before October with help from a regional development fund.
Cider makers welcomed the news and said they would buy surplus apples at a fixed price.`
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

func mustAdd(t *testing.T, ix *Index, d Doc) []news.CopyLink {
	t.Helper()
	links, err := ix.Add(d)
	if err != nil {
		t.Fatalf("Add(%s): %v", d.ID, err)
	}
	return links
}

func TestAddFindsKind(t *testing.T) {
	tests := []struct {
		name     string
		copyText string
		want     news.CopyKind // "" for no link
	}{
		{"exact: formatting and boilerplate only", bridgeExact, news.CopyExact},
		{"near: new lead, paragraph dropped, words changed", bridgeNear, news.CopyNear},
		{"rewrite: paraphrased sentence by sentence", bridgeRewrite, news.CopyRewrite},
		{"not a copy: another report of the same event", bridgeOther, ""},
		{"not a copy: the same frame with other facts", bridgeSameFrame, ""},
		{"not a copy: an editorial on the same subject", bridgeOpinion, ""},
		{"not a copy: another subject", harvest, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(Options{})
			mustAdd(t, ix, Doc{ID: "orig", Text: bridge, Published: day("2024-03-05")})
			links := mustAdd(t, ix, Doc{ID: "copy", Text: tt.copyText, Published: day("2024-03-06")})
			if tt.want == "" {
				if len(links) != 0 {
					t.Fatalf("links = %+v, want none", links)
				}
				return
			}
			if len(links) != 1 {
				t.Fatalf("links = %+v, want one %s link", links, tt.want)
			}
			l := links[0]
			if l.Article != "copy" || l.Original != "orig" || l.Kind != tt.want {
				t.Errorf("link = %+v, want copy -> orig, %s", l, tt.want)
			}
			if l.Similarity <= 0 || l.Similarity > 1 {
				t.Errorf("similarity = %v, want in (0, 1]", l.Similarity)
			}
		})
	}
}

func TestHeadlineInText(t *testing.T) {
	ix := NewIndex(Options{})
	title := "Council approves new Harlow bridge"
	mustAdd(t, ix, Doc{ID: "a", Title: title, Text: bridge})
	links := mustAdd(t, ix, Doc{ID: "b", Title: title, Text: title + "\n\n" + bridge})
	if len(links) != 1 || links[0].Kind != news.CopyExact {
		t.Errorf("text with its headline repeated: links = %+v, want one exact", links)
	}
}

func TestGroupOriginalIndependentOfOrder(t *testing.T) {
	docs := []Doc{
		{ID: "orig", Text: bridge, Published: day("2024-03-05")},
		{ID: "exact", Text: bridgeExact}, // undated, same length: the dated original wins
		{ID: "near", Text: bridgeNear, Published: day("2024-03-06")},
		{ID: "rewrite", Text: bridgeRewrite, Published: day("2024-03-07")},
		{ID: "other", Text: bridgeOther, Published: day("2024-03-04")},
	}
	wantKinds := map[news.ArticleID]news.CopyKind{
		"exact": news.CopyExact, "near": news.CopyNear, "rewrite": news.CopyRewrite,
	}
	for _, order := range permutations(len(docs)) {
		var names []string
		ix := NewIndex(Options{})
		for _, i := range order {
			mustAdd(t, ix, docs[i])
			names = append(names, string(docs[i].ID))
		}
		t.Run(strings.Join(names, ","), func(t *testing.T) {
			for id := range wantKinds {
				g, ok := ix.Group(id)
				if !ok {
					t.Fatalf("Group(%s): not found", id)
				}
				if g.Original != "orig" {
					t.Fatalf("Group(%s).Original = %s, want orig", id, g.Original)
				}
				if len(g.Members) != 3 {
					t.Fatalf("Group(%s) has %d members, want 3: %+v", id, len(g.Members), g.Members)
				}
				for _, m := range g.Members {
					if m.Kind != wantKinds[m.ID] {
						t.Errorf("member %s kind = %s, want %s", m.ID, m.Kind, wantKinds[m.ID])
					}
				}
			}
			if g, _ := ix.Group("other"); g.Original != "other" || len(g.Members) != 0 {
				t.Errorf("Group(other) = %+v, want alone", g)
			}
			if gs := ix.Groups(); len(gs) != 1 {
				t.Errorf("Groups() = %d groups, want 1", len(gs))
			}
		})
	}
}

func permutations(n int) [][]int {
	if n == 1 {
		return [][]int{{0}}
	}
	var out [][]int
	for _, p := range permutations(n - 1) {
		for i := 0; i <= len(p); i++ {
			q := slices.Insert(slices.Clone(p), i, n-1)
			out = append(out, q)
		}
	}
	return out
}

func TestOriginalRule(t *testing.T) {
	short := strings.Join(strings.Split(bridge, "\n")[:7], "\n") // 70% of bridge
	tests := []struct {
		name string
		docs []Doc
		want news.ArticleID
	}{
		{"earliest date wins", []Doc{
			{ID: "late", Text: bridge, Published: day("2024-03-06")},
			{ID: "early", Text: bridgeNear, Published: day("2024-03-05")},
		}, "early"},
		{"no dates: most complete wins", []Doc{
			{ID: "short", Text: short},
			{ID: "full", Text: bridge},
		}, "full"},
		{"undated and much fuller beats dated", []Doc{
			{ID: "dated-short", Text: short, Published: day("2024-03-06")},
			{ID: "undated-full", Text: bridge},
		}, "undated-full"},
		{"undated but no earlier than the dated one: dated wins", []Doc{
			{ID: "dated-short", Text: short, Published: day("2024-03-06")},
			{ID: "undated-full", Text: bridge, NotBefore: day("2024-03-10")},
		}, "dated-short"},
		{"undated and about as long: dated wins", []Doc{
			{ID: "undated", Text: bridgeExact},
			{ID: "dated", Text: bridge, Published: day("2024-03-06")},
		}, "dated"},
		{"same date and length: first added wins", []Doc{
			{ID: "first", Text: bridge, Published: day("2024-03-06")},
			{ID: "second", Text: bridgeExact, Published: day("2024-03-06")},
		}, "first"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ix := NewIndex(Options{})
			for _, d := range tt.docs {
				mustAdd(t, ix, d)
			}
			g, _ := ix.Group(tt.docs[0].ID)
			if g.Original != tt.want {
				t.Errorf("original = %s, want %s (group %+v)", g.Original, tt.want, g)
			}
		})
	}
}

func TestDateBounds(t *testing.T) {
	ix := NewIndex(Options{})
	mustAdd(t, ix, Doc{ID: "orig", Text: bridge, Published: day("2024-03-05")})
	mustAdd(t, ix, Doc{ID: "copy", Text: bridgeExact})
	g, _ := ix.Group("copy")
	if len(g.Members) != 1 || !g.Members[0].NotBefore.Equal(day("2024-03-05")) {
		t.Errorf("undated copy of a dated original: members %+v, want NotBefore 2024-03-05", g.Members)
	}

	ix = NewIndex(Options{})
	short := strings.Join(strings.Split(bridge, "\n")[:7], "\n")
	mustAdd(t, ix, Doc{ID: "full", Text: bridge})
	mustAdd(t, ix, Doc{ID: "rewrite", Text: bridgeRewrite, Published: day("2024-03-07")})
	mustAdd(t, ix, Doc{ID: "short", Text: short, Published: day("2024-03-06")})
	g, _ = ix.Group("full")
	if g.Original != "full" || !g.NotAfter.Equal(day("2024-03-06")) {
		t.Errorf("undated original: %+v, want original full, NotAfter 2024-03-06", g)
	}
}

func TestReverseLinkOrientation(t *testing.T) {
	ix := NewIndex(Options{})
	mustAdd(t, ix, Doc{ID: "later", Text: bridgeNear, Published: day("2024-03-08")})
	links := mustAdd(t, ix, Doc{ID: "earlier", Text: bridge, Published: day("2024-03-05")})
	if len(links) != 1 || links[0].Article != "later" || links[0].Original != "earlier" {
		t.Errorf("links = %+v, want later -> earlier", links)
	}
}

func TestCopyOfCopyJoinsGroup(t *testing.T) {
	ix := NewIndex(Options{})
	mustAdd(t, ix, Doc{ID: "orig", Text: bridge, Published: day("2024-03-05")})
	mustAdd(t, ix, Doc{ID: "near", Text: bridgeNear, Published: day("2024-03-06")})
	// A copy of the near copy, with further changes.
	nearer := strings.Replace(bridgeNear, "Construction is expected to begin in January after a public tender.",
		"Work on the site could begin in January once a public tender closes.", 1)
	nearer = strings.Replace(nearer, "forcing drivers into a detour", "leaving drivers with a detour", 1)
	mustAdd(t, ix, Doc{ID: "nearer", Text: nearer, Published: day("2024-03-07")})
	g, _ := ix.Group("nearer")
	if g.Original != "orig" || len(g.Members) != 2 {
		t.Fatalf("group = %+v, want orig with two members", g)
	}
	for _, m := range g.Members {
		if m.Kind != news.CopyNear {
			t.Errorf("member %s kind %s, want near", m.ID, m.Kind)
		}
	}
}

func TestAddErrors(t *testing.T) {
	ix := NewIndex(Options{})
	mustAdd(t, ix, Doc{ID: "a", Text: bridge})
	for _, d := range []Doc{{ID: "", Text: bridge}, {ID: "a", Text: harvest}} {
		if _, err := ix.Add(d); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("Add(%q) error = %v, want ErrInvalid", d.ID, err)
		}
	}
	if ix.Len() != 1 {
		t.Errorf("Len() = %d after failed adds, want 1", ix.Len())
	}
	if _, ok := ix.Group("missing"); ok {
		t.Error("Group(missing) reported found")
	}
}

func TestEmptyAndShortTexts(t *testing.T) {
	ix := NewIndex(Options{})
	for i, text := range []string{"", "  \n ", "Advertisement", "Breaking news.", "Breaking news."} {
		links := mustAdd(t, ix, Doc{ID: news.ArticleID(fmt.Sprint(i)), Text: text})
		if i < 4 && len(links) != 0 {
			t.Errorf("text %q: links %+v, want none", text, links)
		}
		if i == 4 && (len(links) != 1 || links[0].Kind != news.CopyExact) {
			t.Errorf("repeated short text: links %+v, want one exact", links)
		}
	}
}

func TestRestoreRebuildsGroups(t *testing.T) {
	docs := []Doc{
		{ID: "orig", Text: bridge, Published: day("2024-03-05")},
		{ID: "near", Text: bridgeNear, Published: day("2024-03-06")},
		{ID: "rewrite", Text: bridgeRewrite, Published: day("2024-03-07")},
		{ID: "other", Text: bridgeOther, Published: day("2024-03-04")},
	}
	live := NewIndex(Options{})
	stored := map[news.ArticleID][]byte{}
	links := map[news.ArticleID][]news.CopyLink{}
	for _, d := range docs {
		sig := live.Sign(d)
		ls, err := live.AddSigned(d.Meta(), sig)
		if err != nil {
			t.Fatal(err)
		}
		b, err := sig.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		stored[d.ID] = b
		for _, l := range ls {
			links[l.Article] = append(links[l.Article], l)
		}
	}

	// Restore in reverse order: links name documents not yet restored.
	restored := NewIndex(Options{})
	for _, d := range slices.Backward(docs) {
		var sig Signature
		if err := sig.UnmarshalBinary(stored[d.ID]); err != nil {
			t.Fatal(err)
		}
		if err := restored.Restore(d.Meta(), sig, links[d.ID]...); err != nil {
			t.Fatal(err)
		}
	}
	for _, d := range docs {
		want, _ := live.Group(d.ID)
		got, _ := restored.Group(d.ID)
		byID := func(a, b Member) int { return strings.Compare(string(a.ID), string(b.ID)) }
		slices.SortFunc(want.Members, byID)
		slices.SortFunc(got.Members, byID)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("Group(%s) after restore = %+v, want %+v", d.ID, got, want)
		}
	}
	// The restored index finds new copies as the live one does.
	l1, _ := live.Add(Doc{ID: "exact", Text: bridgeExact})
	l2, _ := restored.Add(Doc{ID: "exact", Text: bridgeExact})
	if fmt.Sprint(l1) != fmt.Sprint(l2) || len(l1) == 0 {
		t.Errorf("after restore, Add links = %+v, live index gives %+v", l2, l1)
	}
}

func TestSignatureRoundTrip(t *testing.T) {
	ix := NewIndex(Options{})
	for _, text := range []string{bridge, harvest, "", "One two three."} {
		sig := ix.Sign(Doc{Text: text})
		b, err := sig.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var got Signature
		if err := got.UnmarshalBinary(b); err != nil {
			t.Fatalf("UnmarshalBinary: %v", err)
		}
		b2, _ := got.MarshalBinary()
		if string(b) != string(b2) || got.Words() != sig.Words() {
			t.Errorf("round trip of %.20q changed the signature", text)
		}
	}
	var s Signature
	for _, bad := range [][]byte{nil, {9}, {sigVersion, 1, 2}} {
		if err := s.UnmarshalBinary(bad); !errors.Is(err, news.ErrInvalid) {
			t.Errorf("UnmarshalBinary(%v) = %v, want ErrInvalid", bad, err)
		}
	}
}

func FuzzSignatureUnmarshal(f *testing.F) {
	ix := NewIndex(Options{})
	for _, text := range []string{bridge, harvest, ""} {
		b, _ := ix.Sign(Doc{Text: text}).MarshalBinary()
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var s Signature
		if s.UnmarshalBinary(b) != nil {
			return
		}
		b2, err := s.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		var s2 Signature
		if err := s2.UnmarshalBinary(b2); err != nil {
			t.Fatalf("re-decoding an encoded signature: %v", err)
		}
		// The decoded signature must be usable.
		ix := NewIndex(Options{})
		if _, err := ix.AddSigned(Meta{ID: "x"}, s); err != nil {
			t.Fatal(err)
		}
		if _, err := ix.AddSigned(Meta{ID: "y"}, s2); err != nil {
			t.Fatal(err)
		}
		ix.Groups()
	})
}

// FuzzSign signs arbitrary text: Sign must be deterministic, and a text
// added twice must be an exact copy of itself. The seeds are short lines with
// what the long test texts hold (boilerplate lines, a headline, quotes,
// abbreviations, numbers): a fuzzer minimises each input that finds new
// code, in time quadratic in its length, so long seeds leave no time to fuzz.
func FuzzSign(f *testing.F) {
	for _, s := range []string{
		"Home | News\nAdvertisement\n\nThe council approved a plan on Tuesday. “We owe them,” Okafor said.\nCopyright 2024. All rights reserved.",
		"Eastvale will get a new bridge: the council approved it.\nThe bridge collapsed in March after weeks of rain.",
		"U.S. Mr. Smith's 1,000.5 don't … “quoted.” ’s",
		"\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		// A fresh Index each time: a shared one's stem cache would make the
		// code an input reaches depend on the inputs before it.
		ix := NewIndex(Options{})
		a, b := ix.Sign(Doc{Text: text}), ix.Sign(Doc{Text: text})
		ba, _ := a.MarshalBinary()
		bb, _ := b.MarshalBinary()
		if string(ba) != string(bb) {
			t.Fatal("Sign is not deterministic")
		}
		if _, err := ix.AddSigned(Meta{ID: "1"}, a); err != nil {
			t.Fatal(err)
		}
		links, err := ix.AddSigned(Meta{ID: "2"}, b)
		if err != nil {
			t.Fatal(err)
		}
		if a.Words() > 0 && (len(links) != 1 || links[0].Kind != news.CopyExact) {
			t.Fatalf("the same text twice: links %+v, want one exact", links)
		}
	})
}

// The seed articles: 003 rewrites 001; 000, 002 and 004 are other texts on
// the same subject.
func TestSeeds(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) < 5 {
		t.Skipf("seed articles not found in %s", dir)
	}
	docs := map[string]Doc{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		n := filepath.Base(f)[:3]
		docs[n] = Doc{ID: news.ArticleID(n), Text: string(b)}
	}
	d3 := docs["003"]
	d3.Published = day("2021-10-02") // 001 has no date
	docs["003"] = d3
	d4 := docs["004"]
	d4.Published = day("2024-05-28")
	docs["004"] = d4

	for _, order := range [][]string{{"000", "001", "002", "003", "004"}, {"004", "003", "002", "001", "000"}} {
		t.Run(strings.Join(order, ","), func(t *testing.T) {
			ix := NewIndex(Options{})
			for _, n := range order {
				mustAdd(t, ix, docs[n])
			}
			g, _ := ix.Group("003")
			if g.Original != "001" || len(g.Members) != 1 || g.Members[0].ID != "003" || g.Members[0].Kind != news.CopyRewrite {
				t.Errorf("Group(003) = %+v, want original 001 with 003 as rewrite", g)
			}
			if !g.NotAfter.Equal(day("2021-10-02")) {
				t.Errorf("NotAfter = %v, want the rewrite's date 2021-10-02", g.NotAfter)
			}
			for _, n := range []news.ArticleID{"000", "002", "004"} {
				if g, _ := ix.Group(n); len(g.Members) != 0 || g.Original != n {
					t.Errorf("Group(%s) = %+v, want no copies", n, g)
				}
			}
		})
	}
}

func TestNoRewrites(t *testing.T) {
	ix := NewIndex(Options{NoRewrites: true})
	mustAdd(t, ix, Doc{ID: "orig", Text: bridge, Published: day("2024-03-05")})
	for _, c := range []struct {
		id   news.ArticleID
		text string
		want news.CopyKind
	}{
		{"exact", bridgeExact, news.CopyExact},
		{"near", bridgeNear, news.CopyNear},
		{"rewrite", bridgeRewrite, ""},
	} {
		links := mustAdd(t, ix, Doc{ID: c.id, Text: c.text, Published: day("2024-03-06")})
		var got news.CopyKind
		for _, l := range links {
			if l.Original == "orig" {
				got = l.Kind
			}
		}
		if got != c.want {
			t.Errorf("%s: link to orig %q, want %q (links %+v)", c.id, got, c.want, links)
		}
	}
}

// TestConcurrentUse signs and adds from several goroutines; run with -race.
func TestConcurrentUse(t *testing.T) {
	ix := NewIndex(Options{})
	texts := []string{bridge, bridgeExact, bridgeNear, bridgeRewrite, bridgeOther, bridgeOpinion, harvest}
	done := make(chan error)
	for w := range 4 {
		go func() {
			var err error
			for i, text := range texts {
				id := news.ArticleID(fmt.Sprintf("%d-%d", w, i))
				if _, e := ix.AddSigned(Meta{ID: id}, ix.Sign(Doc{ID: id, Text: text})); e != nil {
					err = e
				}
				ix.Group(id)
			}
			done <- err
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	if ix.Len() != 4*len(texts) {
		t.Fatalf("Len() = %d, want %d", ix.Len(), 4*len(texts))
	}
	// The four copies of harvest form one group; the bridge texts other than
	// bridgeOther and bridgeOpinion form another.
	g, _ := ix.Group("0-6")
	if len(g.Members) != 3 {
		t.Errorf("harvest group has %d members, want 3", len(g.Members))
	}
	g, _ = ix.Group("0-0")
	if len(g.Members) != 4*4-1 {
		t.Errorf("bridge group has %d members, want 15", len(g.Members))
	}
}

func TestOriginalOfEqualCopiesIsTheLowerID(t *testing.T) {
	// Two undated copies of one length: nothing in them says which came
	// first, so the rule must not be the order they were added in.
	for _, order := range [][]news.ArticleID{{"b", "a"}, {"a", "b"}} {
		ix := NewIndex(Options{})
		for _, id := range order {
			mustAdd(t, ix, Doc{ID: id, Text: bridge})
		}
		if g, _ := ix.Group("b"); g.Original != "a" {
			t.Errorf("added %v: original = %s, want a (the lower ID)", order, g.Original)
		}
	}
}
