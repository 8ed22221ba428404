package ner

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func loadTagger(t testing.TB) *Tagger {
	t.Helper()
	tg, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return tg
}

// mention is what the tests compare: type, name and role.
type mention struct {
	Type news.EntityType
	Text string
	Role string
}

// Invented sentences in the style of modern news.
func TestTag(t *testing.T) {
	tg := loadTagger(t)
	tests := []struct {
		name string
		text string
		want []mention
	}{
		{
			"title before person",
			"Foreign Minister Anna Kowalski met officials of the World Bank in Geneva on Monday.",
			[]mention{{news.Person, "Anna Kowalski", "Foreign Minister"}, {news.Organisation, "World Bank", ""}, {news.Place, "Geneva", ""}},
		},
		{
			"lower-case role",
			"Interior minister Tomasz Brzeski told Reuters that the IMF would lend $1.5 billion.",
			[]mention{{news.Person, "Tomasz Brzeski", "Interior minister"}, {news.Organisation, "Reuters", ""}, {news.Organisation, "IMF", ""}},
		},
		{
			"nationality in role is also a mention",
			"French President Marie Dubois spoke in Brussels.",
			[]mention{{news.OtherName, "French", ""}, {news.Person, "Marie Dubois", "French President"}, {news.Place, "Brussels", ""}},
		},
		{
			"Mr and a later surname",
			"Mr Kowalski flew to Warsaw. Kowalski said little.",
			[]mention{{news.Person, "Kowalski", "Mr"}, {news.Place, "Warsaw", ""}, {news.Person, "Kowalski", ""}},
		},
		{
			"a conjunction is not part of a role",
			"If Foreign Minister Anna Kowalski wants a deal, she must come to Geneva.",
			[]mention{{news.Person, "Anna Kowalski", "Foreign Minister"}, {news.Place, "Geneva", ""}},
		},
		{
			"one unknown word after through is a place",
			"Thousands of farmers marched through Lisk on Thursday.",
			[]mention{{news.Place, "Lisk", ""}},
		},
		{
			"no names",
			"It rained all day and nobody came.",
			nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []mention
			for _, m := range tg.Tag(tt.text) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("mention %q has span %d-%d holding %q", m.Text, m.Start, m.End, tt.text[m.Start:m.End])
				}
				got = append(got, mention{m.Type, m.Text, m.Role})
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Tag(%q)\n got %v\nwant %v", tt.text, got, tt.want)
			}
		})
	}
}

func TestTagTokens(t *testing.T) {
	tg := loadTagger(t)
	got := tg.TagTokens(strings.Fields("Anna Kowalski visited the World Bank in Geneva ."))
	want := []string{"B-PER", "I-PER", "O", "O", "B-ORG", "I-ORG", "O", "B-LOC", "O"}
	if !slices.Equal(got, want) {
		t.Errorf("TagTokens = %v, want %v", got, want)
	}
	if got := tg.TagTokens(nil); len(got) != 0 {
		t.Errorf("TagTokens(nil) = %v, want none", got)
	}
}

// The model's weights survive writing and reading.
func TestModelRoundTrip(t *testing.T) {
	tg := loadTagger(t)
	var buf bytes.Buffer
	if err := tg.WriteModel(&buf); err != nil {
		t.Fatal(err)
	}
	tg2, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if tg2.Features() != tg.Features() {
		t.Errorf("read %d features, wrote %d", tg2.Features(), tg.Features())
	}
	text := "Foreign Minister Anna Kowalski met officials of the World Bank in Geneva."
	if a, b := tg.Tag(text), tg2.Tag(text); !slices.Equal(a, b) {
		t.Errorf("tags differ after a round trip:\n%v\n%v", a, b)
	}
	if _, err := Read(strings.NewReader("not a model")); err == nil {
		t.Error("Read of garbage succeeded")
	}
}

func TestConcurrentTag(t *testing.T) {
	tg := loadTagger(t)
	texts := []string{
		"Foreign Minister Anna Kowalski met officials of the World Bank in Geneva on Monday.",
		"Mr Kowalski flew to Warsaw. Kowalski said little.",
		"French President Marie Dubois spoke in Brussels.",
	}
	want := make([][]news.Mention, len(texts))
	for i, s := range texts {
		want[i] = tg.Tag(s)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(texts)
				if got := tg.Tag(texts[i]); !slices.Equal(got, want[i]) {
					t.Errorf("concurrent Tag(%q) = %v, want %v", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// Training on a few invented sentences learns them.
func TestTrain(t *testing.T) {
	doc := []Example{
		{Tokens: strings.Fields("Anna Kowalski lives in Geneva ."), Tags: strings.Fields("B-PER I-PER O O B-LOC O")},
		{Tokens: strings.Fields("Acme Corp hired Piotr Nowak ."), Tags: strings.Fields("B-ORG I-ORG O B-PER I-PER O")},
		{Tokens: strings.Fields("The Polish team won ."), Tags: strings.Fields("O B-MISC O O O")},
	}
	tg, err := Train(context.Background(), [][]Example{doc}, TrainOptions{Epochs: 5})
	if err != nil {
		t.Fatal(err)
	}
	for _, ex := range doc {
		if got := tg.TagTokens(ex.Tokens); !slices.Equal(got, ex.Tags) {
			t.Errorf("TagTokens(%v) = %v, want %v", ex.Tokens, got, ex.Tags)
		}
	}
	_, err = Train(context.Background(), [][]Example{{{Tokens: []string{"a"}, Tags: []string{"B-XYZ"}}}}, TrainOptions{Epochs: 1})
	if err == nil {
		t.Error("Train with an unknown entity type succeeded")
	}
}

func TestUndot(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"U.S.", "US", true}, {"U.N.", "UN", true}, {"J.", "", false}, {"Inc.", "", false}, {"p.m.", "pm", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := undot(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("undot(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// The seed articles: the names a reader of the Pakistan/Taliban storyline
// checks first.
func TestSeeds(t *testing.T) {
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	if len(files) == 0 {
		t.Skip("seed articles not found beside the checkout (../shared/seeds)")
	}
	tg := loadTagger(t)
	found := map[news.EntityType]map[string]bool{news.Person: {}, news.Organisation: {}, news.Place: {}, news.OtherName: {}}
	roles := map[string]map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		for _, m := range tg.Tag(text) {
			if text[m.Start:m.End] != m.Text {
				t.Errorf("%s: mention %q has span holding %q", f, m.Text, text[m.Start:m.End])
			}
			found[m.Type][m.Text] = true
			if m.Type == news.Person && m.Role != "" {
				if roles[m.Text] == nil {
					roles[m.Text] = map[string]bool{}
				}
				roles[m.Text][m.Role] = true
			}
		}
	}
	tests := []struct {
		typ   news.EntityType
		names []string // any one of these
	}{
		{news.Person, []string{"Wendy Sherman"}},
		{news.Person, []string{"Imran Khan"}},
		{news.Person, []string{"John Kirby"}},
		{news.Person, []string{"Moeed Yusuf"}},
		{news.Person, []string{"Sheikh Rasheed", "Rasheed"}},
		{news.Person, []string{"Mohsin Naqvi"}},
		{news.Organisation, []string{"TTP"}},
		{news.Organisation, []string{"Tehreek-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehreek-i-Taliban", "Tehreek-e-Taliban"}},
		{news.Organisation, []string{"Afghan Taliban", "Taliban"}},
		{news.Organisation, []string{"TRT World"}},
		{news.Organisation, []string{"IMF"}},
		{news.Organisation, []string{"World Bank"}},
		{news.Organisation, []string{"Pentagon"}},
		{news.Organisation, []string{"Nacta"}},
		{news.Place, []string{"Islamabad"}},
		{news.Place, []string{"Kabul"}},
		{news.Place, []string{"Kandahar"}},
		{news.Place, []string{"Bisham"}},
		{news.Place, []string{"Pakistan"}},
		{news.Place, []string{"Afghanistan"}},
		{news.Place, []string{"United States", "US"}},
		{news.Place, []string{"India"}},
		{news.Place, []string{"Uzbekistan"}},
		{news.Place, []string{"Switzerland"}},
		{news.Place, []string{"China"}},
		{news.Place, []string{"Russia"}},
		{news.Place, []string{"Iran"}},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ)+" "+tt.names[0], func(t *testing.T) {
			for _, n := range tt.names {
				if found[tt.typ][n] {
					return
				}
			}
			t.Errorf("no %s mention %q", tt.typ, tt.names)
		})
	}
	roleTests := []struct{ person, role string }{
		{"Wendy Sherman", "US Deputy Secretary of State"},
		{"Imran Khan", "Prime Minister"},
		{"John Kirby", "Pentagon Press Secretary"},
		{"Moeed Yusuf", "Pakistani National Security Adviser"},
	}
	for _, tt := range roleTests {
		t.Run("role of "+tt.person, func(t *testing.T) {
			if !roles[tt.person][tt.role] {
				t.Errorf("%s has roles %v, want %q among them", tt.person, roles[tt.person], tt.role)
			}
		})
	}
}

func FuzzTag(f *testing.F) {
	tg := loadTagger(f)
	f.Add("Foreign Minister Anna Kowalski met officials of the World Bank in Geneva on Monday.")
	f.Add("PAKISTAN - TALKS (TTP) \u2028 Mr. X.Y. O'Neil's \xff\"")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, m := range tg.Tag(text) {
			if m.Start < last || m.End <= m.Start || m.End > len(text) || text[m.Start:m.End] != m.Text {
				t.Fatalf("bad mention %+v after offset %d", m, last)
			}
			if m.Role != "" && m.Type != news.Person {
				t.Fatalf("role on a %s mention %+v", m.Type, m)
			}
			last = m.End
		}
	})
}

// TestOrgWordsWorldWide checks that a name built on a word for party,
// movement, front, brigade or union in another language is an
// organisation, though the model, trained on English news, took each of
// these for a person.
func TestOrgWordsWorldWide(t *testing.T) {
	tg := loadTagger(t)
	for _, c := range []struct{ text, name string }{
		{"Partai Golkar backed the bill.", "Partai Golkar"},
		{"Frente Amplio candidate Yamandu Orsi won.", "Frente Amplio"},
		{"Gewerkschaft Verdi called a strike.", "Gewerkschaft Verdi"},
		{"Liwa Fatemiyoun fighters crossed the border.", "Liwa Fatemiyoun"},
		{"Jund Ansarullah claimed the attack.", "Jund Ansarullah"},
	} {
		var got []string
		found := false
		for _, m := range tg.Tag(c.text) {
			got = append(got, string(m.Type)+":"+m.Text)
			found = found || m.Text == c.name && m.Type == news.Organisation
		}
		if !found {
			t.Errorf("%q: got %q, want ORG %q", c.text, got, c.name)
		}
	}
}
