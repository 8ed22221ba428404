package entity

import (
	"bufio"
	"bytes"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestBuiltinWorldWide checks that the built-in aliases cover the world's
// news evenly: every region's section holds at least 15 actors, none more
// than a quarter of them, and the region of the seed articles (Afghanistan
// and Pakistan) a small share.
func TestBuiltinWorldWide(t *testing.T) {
	b, err := data.ReadFile("data/builtin.aliases")
	if err != nil {
		t.Fatal(err)
	}
	aliases := map[string]string{} // name -> its alias line
	for l := range strings.SplitSeq(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "alias"); ok {
			name, _, _ := strings.Cut(strings.TrimSpace(rest), " = ")
			aliases[name] = l
		}
	}
	perSection := map[string]int{}
	var sections []string
	section, total, afPak := "", 0, 0
	afPakWords := []string{"afghan", "pakistan", "taliban", "haqqani", "khorasan", "lashkar", "jaish", "inter-services"}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "# ") && strings.HasSuffix(line, ".") && !strings.Contains(line[2:len(line)-1], ".") {
			section = line[2 : len(line)-1]
			sections = append(sections, section)
			continue
		}
		if !strings.HasPrefix(line, "type ") {
			continue
		}
		total++
		perSection[section]++
		name, _, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "type")), " = ")
		names := strings.ToLower(name + " " + aliases[name])
		for _, w := range afPakWords {
			if strings.Contains(names, w) {
				afPak++
				break
			}
		}
	}
	regions := 0
	for _, s := range sections {
		n := perSection[s]
		if n == 0 {
			continue // the places the gazetteer names otherwise
		}
		regions++
		if n < 15 || 4*n > total {
			t.Errorf("section %q holds %d of %d actors, want 15 to a quarter", s, n, total)
		}
	}
	if regions < 7 {
		t.Errorf("%d sections of actors, want international ones and six regions: %q", regions, sections)
	}
	if 10*afPak > total {
		t.Errorf("%d of %d built-in actors are Afghan or Pakistani, want at most a tenth", afPak, total)
	}
}

// TestBuiltinShadowsNoPlace checks that no built-in organisation or person
// takes the name of a country or of a city of 100,000 people or more: an
// alias wins over the gazetteer, and would turn the place into the actor.
func TestBuiltinShadowsNoPlace(t *testing.T) {
	places := &table{byKey: map[string]*group{}, codes: map[string]*group{}, cities: map[string][]*place{}}
	var n normalizer
	if err := places.loadCities(&n); err != nil {
		t.Fatal(err)
	}
	if err := places.loadCountries(&n); err != nil {
		t.Fatal(err)
	}
	b, err := data.ReadFile("data/builtin.aliases")
	if err != nil {
		t.Fatal(err)
	}
	a, err := parseAliases("builtin.aliases", b)
	if err != nil {
		t.Fatal(err)
	}
	typed := map[string]news.EntityType{}
	for _, o := range a.ops() {
		if o.kind == opType {
			typed[o.name] = o.typ
		}
	}
	for _, o := range a.ops() {
		if o.kind != opAlias || (typed[o.name] != news.Organisation && typed[o.name] != news.Person) {
			continue
		}
		for _, name := range append([]string{o.name}, o.names...) {
			k := string(n.key(name, true))
			if g, ok := places.byKey[k]; ok {
				t.Errorf("%q (%s) is the country %s", name, o.name, g.name)
			}
			for _, p := range places.cities[k] {
				if p.pop >= 100_000 {
					t.Errorf("%q (%s) is the city %s, %s (%d people)", name, o.name, p.name, p.country, p.pop)
				}
			}
		}
	}
}

// TestDemonymsEveryCountry checks that every country and inhabited
// territory has a nationality word, so that "<nationality> X" is read as
// X of that country on every continent, except where none is in use or
// two countries share it ("Congolese", "Dominican").
func TestDemonymsEveryCountry(t *testing.T) {
	none := map[string]bool{
		// Shared by two countries.
		"CD": true, "CG": true, "DO": true, "DM": true,
		// Uninhabited, or with no nationality word of their own in news.
		"AQ": true, "BV": true, "CC": true, "CX": true, "GS": true, "HM": true, "IO": true,
		"TF": true, "UM": true, "PN": true, "SJ": true, "NF": true, "MF": true, "BL": true,
		"SX": true, "BQ": true, "PM": true, "JE": true, "GG": true, "AX": true, "VA": true,
		"TC": true, "VG": true, "VI": true, "AS": true, "MP": true,
	}
	tb, err := baseTables()
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, g := range tb.byKey {
		if g = g.find(); g.typ == news.OtherName && g.country != "" {
			has[g.country] = true
		}
	}
	for _, g := range tb.codes {
		if c := g.find().country; !has[c] && !none[c] {
			t.Errorf("%s (%s) has no nationality word", g.find().name, c)
			has[c] = true // said once
		}
	}
}
