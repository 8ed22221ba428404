package entity_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/storyline-news/storyline/internal/entity"
	"github.com/storyline-news/storyline/internal/news"
)

// mentions locates names in text the way a tagger would report them.
func mentions(text string, names ...string) []news.Mention {
	var ms []news.Mention
	for _, n := range names {
		typ, name, _ := strings.Cut(n, " ")
		i := strings.Index(text, name)
		ms = append(ms, news.Mention{Span: news.Span{Start: i, End: i + len(name)}, Text: name, Type: news.EntityType(typ)})
	}
	return ms
}

func ExampleResolver() {
	// Options.AliasFile names the user's alias file, if any.
	r, err := entity.NewResolver(entity.Options{})
	if err != nil {
		log.Fatal(err)
	}
	one := "Prime Minister Imran Khan said talks with the Tehreek-i-Taliban Pakistan (TTP) went on in Kabul. Khan said the Taliban helped."
	two := "The Pakistani Taliban attacked a post in Bajaur, the US said."
	for _, m := range r.Resolve("one", one, mentions(one, "PER Prime Minister Imran Khan", "ORG Tehreek-i-Taliban Pakistan", "ORG TTP", "LOC Kabul", "PER Khan", "ORG Taliban")) {
		fmt.Printf("%-27s %s\n", m.Text, m.Entity)
	}
	for _, m := range r.Resolve("two", two, mentions(two, "ORG Pakistani Taliban", "LOC Bajaur", "LOC US")) {
		fmt.Printf("%-27s %s\n", m.Text, m.Entity)
	}
	fmt.Println()
	for _, e := range r.Entities() {
		fmt.Printf("%s: %s %s %q", e.ID, e.Type, e.Name, e.Aliases)
		if e.Country != "" {
			fmt.Printf(" in %s at %.1f,%.1f", e.Country, e.Lat, e.Lon)
		}
		fmt.Println()
	}
	// Output:
	// Prime Minister Imran Khan   per-imran-khan
	// Tehreek-i-Taliban Pakistan  org-tehreek-e-taliban-pakistan
	// TTP                         org-tehreek-e-taliban-pakistan
	// Kabul                       loc-kabul-af
	// Khan                        per-imran-khan
	// Taliban                     org-taliban
	// Pakistani Taliban           org-tehreek-e-taliban-pakistan
	// Bajaur                      loc-bajaur
	// US                          loc-united-states
	//
	// loc-bajaur: LOC Bajaur []
	// loc-kabul-af: LOC Kabul [] in AF at 34.5,69.2
	// loc-united-states: LOC United States ["US"] in US at 38.9,-77.0
	// org-taliban: ORG Taliban []
	// org-tehreek-e-taliban-pakistan: ORG Tehreek-i-Taliban Pakistan ["Pakistani Taliban" "TTP"]
	// per-imran-khan: PER Imran Khan ["Khan"]
}
