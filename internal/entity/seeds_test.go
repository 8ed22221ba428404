package entity

import (
	"cmp"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// seedNames are the names a tagger would find in the seed articles, with
// their types; the test locates them in the texts (whole words, longest
// first) to make the mentions.
var seedNames = map[news.EntityType][]string{
	news.Organisation: {
		"Tehreek-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehreek-e-Taliban", "TTP",
		"Pakistani Taliban", "Pak Taliban", "Afghan Taliban", "Taliban", "TRT World", "Pentagon",
		"IMF", "World Bank", "Nacta", "Congress", "Senate",
	},
	news.Person: {
		"Prime Minister Imran Khan", "Imran Khan", "Khan", "Wendy Sherman", "Sherman",
		"Pentagon Press Secretary John Kirby", "Mr Kirby", "Moeed Yusuf", "Yusuf",
		"Sheikh Rasheed", "Mohsin Naqvi", "Deputy Secretary of State Wendy Sherman",
	},
	news.Place: {
		"US", "United States", "Pakistan", "Afghanistan", "Islamabad", "Kabul", "Kandahar",
		"Bisham", "Switzerland", "India", "Uzbekistan", "Turkey", "China", "Russia", "Iran",
		"Beijing", "South Asia", "Central Asia",
	},
	news.OtherName: {"Pakistani", "Pakistanis", "Afghan", "Afghans", "Chinese"},
}

// locate returns the mentions of names in text: every whole-word occurrence,
// the longer name winning an overlap, in text order.
func locate(text string, names map[news.EntityType][]string) []news.Mention {
	var all []news.Mention
	for typ, list := range names {
		for _, name := range list {
			for off := 0; ; {
				i := strings.Index(text[off:], name)
				if i < 0 {
					break
				}
				start, end := off+i, off+i+len(name)
				off = end
				before, _ := utf8.DecodeLastRuneInString(text[:start])
				after, _ := utf8.DecodeRuneInString(text[end:])
				if start > 0 && (unicode.IsLetter(before) || unicode.IsDigit(before)) ||
					end < len(text) && (unicode.IsLetter(after) || unicode.IsDigit(after)) {
					continue
				}
				all = append(all, news.Mention{Span: news.Span{Start: start, End: end}, Text: name, Type: typ})
			}
		}
	}
	slices.SortStableFunc(all, func(a, b news.Mention) int {
		if c := cmp.Compare(b.End-b.Start, a.End-a.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.Start, b.Start)
	})
	var kept []news.Mention
	for _, m := range all {
		overlaps := false
		for _, k := range kept {
			if m.Start < k.End && k.Start < m.End {
				overlaps = true
				break
			}
		}
		if !overlaps {
			kept = append(kept, m)
		}
	}
	slices.SortFunc(kept, func(a, b news.Mention) int { return cmp.Compare(a.Start, b.Start) })
	return kept
}

type seedArticle struct {
	name     string
	text     string
	mentions []news.Mention
}

func readSeeds(t testing.TB) []seedArticle {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "seeds")
	files, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	if len(files) == 0 {
		t.Skipf("no seed articles in %s (they live in shared/seeds beside the checkout)", dir)
	}
	var out []seedArticle
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, seedArticle{name: filepath.Base(f), text: string(b), mentions: locate(string(b), seedNames)})
	}
	return out
}

func TestSeeds(t *testing.T) {
	seeds := readSeeds(t)
	r, err := NewResolver(Options{})
	if err != nil {
		t.Fatal(err)
	}
	// ids[seed][mention text] = the entities that text resolved to.
	ids := map[string]map[string]map[news.EntityID]bool{}
	for _, s := range seeds {
		ms := r.Resolve(news.ArticleID(s.name), s.text, s.mentions)
		ids[s.name] = map[string]map[news.EntityID]bool{}
		for _, m := range ms {
			if ids[s.name][m.Text] == nil {
				ids[s.name][m.Text] = map[news.EntityID]bool{}
			}
			ids[s.name][m.Text][m.Entity] = true
		}
	}
	entities := map[news.EntityID]news.Entity{}
	for _, e := range r.Entities() {
		entities[e.ID] = e
	}
	// resolved returns the entities that any of texts resolved to, in any
	// seed.
	resolved := func(texts ...string) map[news.EntityID]bool {
		out := map[news.EntityID]bool{}
		for _, s := range seeds {
			for _, text := range texts {
				for id := range ids[s.name][text] {
					out[id] = true
				}
			}
		}
		return out
	}
	one := func(t *testing.T, want news.EntityID, texts ...string) {
		t.Helper()
		got := resolved(texts...)
		if len(got) != 1 || !got[want] {
			t.Errorf("%q resolved to %v, want only %s", texts, keys(got), want)
		}
	}

	// No table knows the TTP or the Taliban: the general rules join their
	// names (the acronym's initials, the connectors -e- and -i-, a
	// nationality before a name that ends a full name with the country).
	const ttp, taliban = "org-tehreek-e-taliban-pakistan", "org-taliban"
	t.Run("TTP spellings are one group", func(t *testing.T) {
		one(t, ttp, "TTP", "Tehreek-i-Taliban Pakistan", "Tehreek-e-Taliban Pakistan", "Tehreek-e-Taliban", "Pakistani Taliban", "Pak Taliban")
		e := entities[ttp]
		if e.Name != "Tehreek-e-Taliban Pakistan" || e.Type != news.Organisation {
			t.Errorf("TTP entity is %q %s, want Tehreek-e-Taliban Pakistan ORG", e.Name, e.Type)
		}
		for _, alias := range []string{"TTP", "Tehreek-i-Taliban Pakistan", "Pakistani Taliban", "Pak Taliban"} {
			if !slices.Contains(e.Aliases, alias) {
				t.Errorf("TTP aliases %q lack %q", e.Aliases, alias)
			}
		}
	})
	t.Run("the Afghan Taliban are the Taliban, not the TTP", func(t *testing.T) {
		one(t, taliban, "Afghan Taliban")
		for _, s := range seeds {
			if got := ids[s.name]["Taliban"]; len(got) > 0 && (len(got) != 1 || !got[taliban]) {
				t.Errorf("%s: Taliban resolved to %v, want %s", s.name, keys(got), taliban)
			}
		}
		if len(resolved("Taliban")) == 0 {
			t.Error("no bare Taliban found in the seeds")
		}
		e := entities[taliban]
		if e.Name != "Taliban" || !slices.Contains(e.Aliases, "Afghan Taliban") {
			t.Errorf("Taliban entity is %q with aliases %q, want Taliban with Afghan Taliban", e.Name, e.Aliases)
		}
	})
	t.Run("Imran Khan is one person", func(t *testing.T) {
		one(t, "per-imran-khan", "Prime Minister Imran Khan", "Imran Khan", "Khan")
		e := entities["per-imran-khan"]
		if e.Name != "Imran Khan" || e.Type != news.Person || !slices.Contains(e.Roles, "Prime Minister") {
			t.Errorf("Imran Khan is %q %s with roles %q", e.Name, e.Type, e.Roles)
		}
		one(t, "per-john-kirby", "Pentagon Press Secretary John Kirby", "Mr Kirby")
		one(t, "per-wendy-sherman", "Deputy Secretary of State Wendy Sherman", "Wendy Sherman", "Sherman")
	})
	t.Run("US is the United States", func(t *testing.T) {
		one(t, "loc-united-states", "US", "United States")
		if e := entities["loc-united-states"]; e.Country != "US" || e.Name != "United States" {
			t.Errorf("United States is %q in %q", e.Name, e.Country)
		}
	})
	t.Run("cities carry country and coordinates", func(t *testing.T) {
		for _, c := range []struct {
			text, country string
			lat, lon      float64
		}{
			{"Islamabad", "PK", 33.72, 73.04},
			{"Kabul", "AF", 34.53, 69.17},
			{"Kandahar", "AF", 31.61, 65.71},
		} {
			got := resolved(c.text)
			if len(got) != 1 {
				t.Errorf("%s resolved to %v, want one place", c.text, keys(got))
				continue
			}
			e := entities[keys(got)[0]]
			if e.Type != news.Place || e.Country != c.country || math.Abs(e.Lat-c.lat) > 0.05 || math.Abs(e.Lon-c.lon) > 0.05 {
				t.Errorf("%s is %s in %q at %.2f,%.2f; want LOC in %s at %.2f,%.2f", c.text, e.Type, e.Country, e.Lat, e.Lon, c.country, c.lat, c.lon)
			}
			if e.Name != c.text {
				t.Errorf("%s is named %q", c.text, e.Name)
			}
		}
		got := resolved("Bisham")
		if len(got) != 1 {
			t.Fatalf("Bisham resolved to %v", keys(got))
		}
		if e := entities[keys(got)[0]]; e.Type != news.Place || e.Lat != 0 || e.Lon != 0 {
			t.Errorf("Bisham is %+v, want a place without coordinates (not in the gazetteer)", e)
		}
	})
	t.Run("nationality words are not places", func(t *testing.T) {
		one(t, "misc-pakistani", "Pakistani", "Pakistanis")
		if e := entities["misc-pakistani"]; e.Type != news.OtherName || e.Country != "PK" {
			t.Errorf("Pakistani is %s in %q, want MISC of PK", e.Type, e.Country)
		}
	})
}

func keys(m map[news.EntityID]bool) []news.EntityID {
	var out []news.EntityID
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
