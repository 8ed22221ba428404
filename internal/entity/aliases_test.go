package entity

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func TestLoadAliasesErrors(t *testing.T) {
	for _, c := range []struct {
		name, file string
		want       []string // each a file:line: message fragment
	}{
		{"unknown directive", "# mine\nalais A = B\n", []string{"aliases.txt:2: unknown directive \"alais\""}},
		{"alias without =", "alias A B\n", []string{"aliases.txt:1: want: alias NAME = ALIAS"}},
		{"separator needs spaces", "alias A=B\n", []string{"aliases.txt:1: want: alias NAME = ALIAS"}},
		{"merge of one", "merge A\n", []string{"aliases.txt:1: want: merge NAME + NAME"}},
		{"rename without arrow", "rename A B\n", []string{"aliases.txt:1: want: rename OLD -> NEW"}},
		{"bad type", "type A = COMPANY\n", []string{"aliases.txt:1: unknown type \"COMPANY\""}},
		{"split of one sense", "split Apex -> Apex Bank [Frankfurt]\n", []string{"aliases.txt:1: split needs two senses"}},
		{"unclosed cues", "split Apex -> Apex Bank [Frankfurt | Apex Motors\n", []string{"aliases.txt:1: sense \"Apex Bank [Frankfurt\""}},
		{"empty name", "alias A = B |  | C\n", []string{"aliases.txt:1: empty name"}},
		{"name without letters", "alias A = --\n", []string{"aliases.txt:1: name \"--\" has no letters or digits"}},
		{"every bad line", "alias A = B\nfoo\n\nmerge X\nrename P -> Q\n", []string{"aliases.txt:2: unknown directive", "aliases.txt:4: want: merge"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "aliases.txt")
			if err := os.WriteFile(path, []byte(c.file), 0o644); err != nil {
				t.Fatal(err)
			}
			a, err := LoadAliases(path)
			if err == nil {
				t.Fatalf("LoadAliases read %q without error: %+v", c.file, a)
			}
			if !errors.Is(err, news.ErrInvalid) {
				t.Errorf("error %v is not news.ErrInvalid", err)
			}
			var pe *ParseError
			if !errors.As(err, &pe) || pe.File != path {
				t.Errorf("error %v is not a *ParseError naming %s", err, path)
			}
			msg := strings.ReplaceAll(err.Error(), path, "aliases.txt")
			for _, w := range c.want {
				if !strings.Contains(msg, w) {
					t.Errorf("error %q lacks %q", msg, w)
				}
			}
			if n := strings.Count(msg, "aliases.txt:"); n != len(c.want) {
				t.Errorf("error %q reports %d lines, want %d", msg, n, len(c.want))
			}
		})
	}
}

func TestLoadAliasesMissingFile(t *testing.T) {
	a, err := LoadAliases(filepath.Join(t.TempDir(), "none.txt"))
	if err != nil || a == nil || len(a.ops()) != 0 {
		t.Fatalf("LoadAliases of a missing file = %v, %v; want empty aliases", a, err)
	}
}

func TestLoadAliasesFormat(t *testing.T) {
	file := `# People
alias  Imran Khan = Imran Ahmed Khan Niazi | IK   # his full name
merge  Harbour Light Trust + Harbor Light Foundation + HLT
split  Apex -> Apex Motors [Detroit, cars] | Apex Bank [Frankfurt]
rename Lena Marsh -> Helena Marsh
type	C# = MISC
ALIAS C++ = CPP
`
	a, err := parseAliases("f", []byte(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []*op{
		{kind: opAlias, name: "Imran Khan", names: []string{"Imran Ahmed Khan Niazi", "IK"}},
		{kind: opMerge, name: "Harbour Light Trust", names: []string{"Harbor Light Foundation", "HLT"}},
		{kind: opSplit, name: "Apex", senses: []Sense{{"Apex Motors", []string{"Detroit", "cars"}}, {"Apex Bank", []string{"Frankfurt"}}}},
		{kind: opRename, name: "Lena Marsh", names: []string{"Helena Marsh"}},
		{kind: opType, name: "C#", typ: news.OtherName},
		{kind: opAlias, name: "C++", names: []string{"CPP"}},
	}
	if got := a.ops(); !reflect.DeepEqual(got, want) {
		for i := range max(len(got), len(want)) {
			if i >= len(got) || i >= len(want) || !reflect.DeepEqual(got[i], want[i]) {
				t.Errorf("op %d: got %+v, want %+v", i, at(got, i), at(want, i))
			}
		}
	}
}

func at(ops []*op, i int) any {
	if i < len(ops) {
		return ops[i]
	}
	return nil
}

func TestAliasesSave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "aliases.txt")
	const mine = "# my notes\nalias  Imran Khan = IK   # keep this comment\n\n"
	if err := os.WriteFile(path, []byte(mine), 0o644); err != nil {
		t.Fatal(err)
	}
	a, err := LoadAliases(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		a.Merge("Harbour Light Trust", "Harbor Light Foundation"),
		a.Split("Apex", Sense{"Apex Motors", []string{"Detroit"}}, Sense{Name: "Apex Bank"}),
		a.Rename("Lena Marsh", "Helena Marsh"),
		a.Add("Kestrel Group", "Kestrel Holdings", "KG"),
		a.SetType("Blue Harbour", news.Organisation),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Save(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	want := mine + `merge  Harbour Light Trust + Harbor Light Foundation
split  Apex -> Apex Motors [Detroit] | Apex Bank
rename Lena Marsh -> Helena Marsh
alias  Kestrel Group = Kestrel Holdings | KG
type   Blue Harbour = ORG
`
	if string(got) != want {
		t.Errorf("saved file:\n%s\nwant:\n%s", got, want)
	}
	b, err := LoadAliases(path)
	if err != nil {
		t.Fatalf("reload: %v", err)
	}
	if !reflect.DeepEqual(b.ops(), a.ops()) {
		t.Errorf("reloaded directives differ:\n%+v\n%+v", b.ops(), a.ops())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("directory holds %d files after Save, want only the alias file", len(entries))
	}

	fresh := filepath.Join(dir, "new.txt")
	c := &Aliases{}
	if err := c.Add("A", "B"); err != nil {
		t.Fatal(err)
	}
	if err := c.Save(fresh); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(fresh); !strings.HasPrefix(string(got), "# Storyline aliases") {
		t.Errorf("a new file starts %q, want a header comment", got)
	}
}

func TestAliasesRejectBadNames(t *testing.T) {
	a := &Aliases{}
	for name, err := range map[string]error{
		"empty":          a.Add("A", ""),
		"separator":      a.Merge("A + B", "C"),
		"arrow":          a.Rename("A", "B -> C"),
		"comment":        a.Add("A", "B #c"),
		"bracket":        a.Add("A", "B [x]"),
		"comma in a cue": a.Split("X", Sense{"A", []string{"Washington, D.C."}}, Sense{Name: "B"}),
		"one sense":      a.Split("X", Sense{Name: "A"}),
		"bad type":       a.SetType("X", "COMPANY"),
	} {
		if !errors.Is(err, news.ErrInvalid) {
			t.Errorf("%s: error %v, want news.ErrInvalid", name, err)
		}
	}
	if got := len(a.ops()); got != 0 {
		t.Errorf("rejected directives were kept: %d", got)
	}
}

func FuzzParseAliases(f *testing.F) {
	f.Add("alias  A = B | C\nmerge A + B\nsplit T -> X [a, b] | Y\nrename A -> B\ntype A = ORG\n# c\n")
	f.Add("alias A=B\nfoo\nsplit A -> B [x | C\n")
	f.Add("type\tC# = misc # note\n")
	f.Fuzz(func(t *testing.T, file string) {
		a, err := parseAliases("f", []byte(file))
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || pe.Line < 1 {
				t.Fatalf("error %v is not a *ParseError with a line", err)
			}
			return
		}
		// A directive written back in the canonical format reads the same.
		for _, o := range a.ops() {
			back, msg := parseLine(o.format())
			if msg != "" || !reflect.DeepEqual(back, o) {
				t.Fatalf("%+v formats as %q, which reads as %+v (%s)", o, o.format(), back, msg)
			}
		}
	})
}

// userCorpus is fictional news for the alias tests: names the user will
// merge, split, rename, alias and type.
var userCorpus = []struct {
	id, text string
	names    map[news.EntityType][]string
}{
	{"u1", "Lena Marsh, who chairs the Harbour Light Trust, toured the Apex Motors plant in Detroit. Apex said the line would reopen. Marsh praised the Blue Harbour festival.",
		map[news.EntityType][]string{news.Person: {"Lena Marsh", "Marsh"}, news.Organisation: {"Harbour Light Trust", "Apex Motors", "Apex"}, news.Place: {"Detroit"}, news.OtherName: {"Blue Harbour"}}},
	{"u2", "The Harbor Light Foundation thanked Apex, whose loan desk in Frankfurt approved the grant. Lena Marsh welcomed Blue Harbour sponsors.",
		map[news.EntityType][]string{news.Person: {"Lena Marsh"}, news.Organisation: {"Harbor Light Foundation", "Apex", "Blue Harbour"}, news.Place: {"Frankfurt"}}},
	{"u3", "Apex Bank opened a branch in Frankfurt. Apex hired staff from Kestrel Group.",
		map[news.EntityType][]string{news.Organisation: {"Apex Bank", "Apex", "Kestrel Group"}, news.Place: {"Frankfurt"}}},
	{"u4", "Kestrel Holdings sold its stake. Marsh, of the Harbour Light Trust, said little.",
		map[news.EntityType][]string{news.Organisation: {"Kestrel Holdings", "Harbour Light Trust"}, news.Person: {"Marsh"}}},
}

// resolveCorpus resolves userCorpus in the given order and returns the
// entities and, per article and mention text, the entity IDs.
func resolveCorpus(t *testing.T, opts Options, order []int) ([]news.Entity, map[string]news.EntityID) {
	t.Helper()
	r, err := NewResolver(opts)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]news.EntityID{}
	for _, i := range order {
		a := userCorpus[i]
		for _, m := range r.Resolve(news.ArticleID(a.id), a.text, locate(a.text, a.names)) {
			ids[a.id+" "+m.Text] = m.Entity
		}
	}
	return r.Entities(), ids
}

func TestAliasesSurviveReresolution(t *testing.T) {
	path := filepath.Join(t.TempDir(), "aliases.txt")
	before, ids := resolveCorpus(t, Options{AliasFile: path}, []int{0, 1, 2, 3})
	// What the user sees before editing: the things to fix.
	for _, c := range []struct{ a, b string }{
		{"u1 Harbour Light Trust", "u2 Harbor Light Foundation"},
		{"u2 Blue Harbour", "u1 Blue Harbour"},
		{"u3 Kestrel Group", "u4 Kestrel Holdings"},
	} {
		if ids[c.a] == ids[c.b] {
			t.Fatalf("before the aliases, %s and %s are both %s", c.a, c.b, ids[c.a])
		}
	}
	if ids["u1 Apex"] != ids["u3 Apex"] {
		t.Fatalf("before the split, Apex is %s and %s", ids["u1 Apex"], ids["u3 Apex"])
	}

	a, err := LoadAliases(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, err := range []error{
		a.Merge("Harbour Light Trust", "Harbor Light Foundation"),
		a.Split("Apex", Sense{"Apex Motors", []string{"Detroit"}}, Sense{"Apex Bank", []string{"Frankfurt"}}),
		a.Rename("Lena Marsh", "Helena Marsh"),
		a.Add("Kestrel Group", "Kestrel Holdings"),
		a.SetType("Blue Harbour", news.Organisation),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Save(path); err != nil {
		t.Fatal(err)
	}

	after, ids := resolveCorpus(t, Options{AliasFile: path}, []int{0, 1, 2, 3})
	if reflect.DeepEqual(after, before) {
		t.Fatal("the alias file changed nothing")
	}
	for _, c := range []struct {
		name string
		want news.EntityID
		of   []string
	}{
		{"merge", "org-harbour-light-trust", []string{"u1 Harbour Light Trust", "u2 Harbor Light Foundation", "u4 Harbour Light Trust"}},
		{"split by a co-mentioned city: Detroit", "org-apex-motors", []string{"u1 Apex", "u1 Apex Motors"}},
		{"split by a co-mentioned city: Frankfurt", "org-apex-bank", []string{"u2 Apex", "u3 Apex", "u3 Apex Bank"}},
		{"rename, followed by back-off", "per-helena-marsh", []string{"u1 Lena Marsh", "u1 Marsh", "u2 Lena Marsh"}},
		{"alias", "org-kestrel-group", []string{"u3 Kestrel Group", "u4 Kestrel Holdings"}},
		{"type makes MISC and ORG mentions one", "org-blue-harbour", []string{"u1 Blue Harbour", "u2 Blue Harbour"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, m := range c.of {
				if ids[m] != c.want {
					t.Errorf("%s resolved to %q, want %q", m, ids[m], c.want)
				}
			}
		})
	}
	byID := map[news.EntityID]news.Entity{}
	for _, e := range after {
		byID[e.ID] = e
	}
	if e := byID["per-helena-marsh"]; e.Name != "Helena Marsh" || !slices.Contains(e.Aliases, "Lena Marsh") {
		t.Errorf("renamed person is %q with aliases %q", e.Name, e.Aliases)
	}
	if e := byID["org-harbour-light-trust"]; e.Name != "Harbour Light Trust" || e.Mentions != 3 {
		t.Errorf("merged trust is %q with %d mentions, want Harbour Light Trust with 3", e.Name, e.Mentions)
	}

	// Every later run, in any order, gives the same result.
	again, _ := resolveCorpus(t, Options{AliasFile: path}, []int{3, 2, 1, 0})
	if !reflect.DeepEqual(again, after) {
		t.Errorf("resolving again in another order gives\n%+v\nwant\n%+v", again, after)
	}
}
