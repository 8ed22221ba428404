package entity

import (
	"reflect"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// The rules for names qualified by a country, on made-up organisations of
// real countries on several continents (the seeds' Taliban are in
// seeds_test.go).
func TestQualifiedByCountry(t *testing.T) {
	org, misc, loc := news.Organisation, news.OtherName, news.Place
	const tupacos = "org-frente-tupacos-de-colombia"
	checkResolved(t, []resolveCase{
		{"a nationality word before is the country after",
			article{"The Army of Nigeria said the road was open. The Nigerian Army later closed it.",
				map[news.EntityType][]string{org: {"Army of Nigeria", "Nigerian Army"}}},
			map[string]news.EntityID{"Army of Nigeria": "org-army-of-nigeria", "Nigerian Army": "org-army-of-nigeria"}},
		{"the country's name before is the country after",
			article{"The Army of Nigeria said so. A Nigeria Army spokesman agreed.",
				map[news.EntityType][]string{org: {"Army of Nigeria", "Nigeria Army"}}},
			map[string]news.EntityID{"Nigeria Army": "org-army-of-nigeria"}},
		{"a short form ends the full name",
			article{"The Frente Tupacos de Colombia (FTC) took the town. Colombian Tupacos fighters held it.",
				map[news.EntityType][]string{org: {"Frente Tupacos de Colombia", "Colombian Tupacos", "FTC"}}},
			map[string]news.EntityID{"Colombian Tupacos": tupacos, "FTC": tupacos}},
		{"the nationality tagged apart",
			article{"The Frente Tupacos de Colombia took the town. Colombian Tupacos fighters held it.",
				map[news.EntityType][]string{org: {"Frente Tupacos de Colombia", "Tupacos"}, misc: {"Colombian"}}},
			map[string]news.EntityID{"Tupacos": tupacos}},
		{"a possessive country",
			article{"The Frente Tupacos de Colombia took the town. Colombia's Tupacos held it.",
				map[news.EntityType][]string{org: {"Frente Tupacos de Colombia", "Tupacos"}, loc: {"Colombia"}}},
			map[string]news.EntityID{"Tupacos": tupacos}},
		{"a country alone before a name is no qualifier",
			article{"The Frente Tupacos de Colombia took the town. Colombia Tupacos talks began.",
				map[news.EntityType][]string{org: {"Frente Tupacos de Colombia", "Tupacos"}, loc: {"Colombia"}}},
			map[string]news.EntityID{"Tupacos": "org-tupacos"}},
		{"the full name without its country",
			article{"The Partido Verde de Bolivia won. The Partido Verde will govern.",
				map[news.EntityType][]string{org: {"Partido Verde de Bolivia", "Partido Verde"}}},
			map[string]news.EntityID{"Partido Verde": "org-partido-verde-de-bolivia"}},
		{"another country's name stays apart",
			article{"The Sungura Front of Uganda met the Kenyan Sungura Front.",
				map[news.EntityType][]string{org: {"Sungura Front of Uganda", "Kenyan Sungura Front"}}},
			map[string]news.EntityID{"Sungura Front of Uganda": "org-sungura-front-of-uganda", "Kenyan Sungura Front": "org-kenyan-sungura-front"}},
		{"a nationality before a name the article also uses alone",
			article{"Lebanese Kataeb fighters withdrew. The Kataeb said the truce held.",
				map[news.EntityType][]string{org: {"Lebanese Kataeb", "Kataeb"}}},
			map[string]news.EntityID{"Lebanese Kataeb": "org-kataeb", "Kataeb": "org-kataeb"}},
		{"a nationality before a kind of institution makes a name of its own",
			article{"The Indian Navy sent two ships. Navy ships of other nations left.",
				map[news.EntityType][]string{org: {"Indian Navy", "Navy"}}},
			map[string]news.EntityID{"Indian Navy": "org-indian-navy", "Navy": "org-navy"}},
		{"which \"the\" and the kind stand for",
			article{"The Indian Navy sent two ships. The Navy said they would stay.",
				map[news.EntityType][]string{org: {"Indian Navy", "Navy"}}},
			map[string]news.EntityID{"Indian Navy": "org-indian-navy", "Navy": "org-indian-navy"}},
		{"a nationality before a name of several words is not that name",
			article{"The Ukrainian Armed Forces and the Armed Forces of Russia clashed. The Armed Forces said little.",
				map[news.EntityType][]string{org: {"Ukrainian Armed Forces", "Armed Forces of Russia", "Armed Forces"}}},
			map[string]news.EntityID{"Ukrainian Armed Forces": "org-ukrainian-armed-forces", "Armed Forces of Russia": "org-armed-forces-of-russia"}},
		{"people are never qualified",
			article{"The Kenyan Ruth Kataeb spoke. Kataeb left.",
				map[news.EntityType][]string{news.Person: {"Ruth Kataeb", "Kataeb"}, misc: {"Kenyan"}}},
			map[string]news.EntityID{"Kataeb": "per-ruth-kataeb"}},
	})
}

// TestQualifiedAcrossArticles checks that a short form in one article
// names the full name of another, in either order.
func TestQualifiedAcrossArticles(t *testing.T) {
	org := news.Organisation
	full := article{"The Frente Tupacos de Colombia took the town.", map[news.EntityType][]string{org: {"Frente Tupacos de Colombia"}}}
	short := article{"Colombian Tupacos held the bridge.", map[news.EntityType][]string{org: {"Colombian Tupacos"}}}
	const tupacos = "org-frente-tupacos-de-colombia"

	r := newResolver(t)
	resolveText(t, r, "full", full)
	if got := resolveText(t, r, "short", short); got["Colombian Tupacos"] != tupacos {
		t.Errorf("after the full name, the short form resolved to %s, want %s", got["Colombian Tupacos"], tupacos)
	}

	other := newResolver(t)
	if got := resolveText(t, other, "short", short); got["Colombian Tupacos"] != "org-colombian-tupacos" {
		t.Fatalf("before the full name, the short form resolved to %s", got["Colombian Tupacos"])
	}
	resolveText(t, other, "full", full)
	if got := other.Redirects()["org-colombian-tupacos"]; got != tupacos {
		t.Errorf("Redirects() sends the short form's entity to %q, want %s", got, tupacos)
	}
	a, b := r.Entities(), other.Entities()
	if !reflect.DeepEqual(a, b) {
		t.Errorf("entities depend on the order of articles:\n%+v\n%+v", a, b)
	}
	if len(a) != 1 || a[0].Name != "Frente Tupacos de Colombia" {
		t.Errorf("entities %+v, want the Frente Tupacos de Colombia alone", a)
	}
}

// TestQualifiedRestored checks what an incremental grouping relies on: the
// entity that a short form in a new article stands for shares a key with
// the short form's own entity (so that a store finds it without reading
// every entity), and a resolver restored with it resolves the short form
// to it.
func TestQualifiedRestored(t *testing.T) {
	org := news.Organisation
	full := article{"The Frente Tupacos de Colombia took the town.", map[news.EntityType][]string{org: {"Frente Tupacos de Colombia"}}}
	short := article{"Colombian Tupacos held the bridge.", map[news.EntityType][]string{org: {"Colombian Tupacos"}}}
	const tupacos = "org-frente-tupacos-de-colombia"

	earlier := newResolver(t)
	resolveText(t, earlier, "full", full)
	stored := earlier.Entities()

	fresh := newResolver(t)
	resolveText(t, fresh, "short", short)
	shared := false
	for _, e := range fresh.Entities() {
		for _, k := range e.Keys {
			for _, s := range stored {
				shared = shared || s.ID == tupacos && slices.Contains(s.Keys, k)
			}
		}
	}
	if !shared {
		t.Errorf("the short form's entity shares no key with %s: %+v and %+v", tupacos, fresh.Entities(), stored)
	}

	r, err := NewResolver(Options{Entities: stored})
	if err != nil {
		t.Fatal(err)
	}
	if got := resolveText(t, r, "short", short); got["Colombian Tupacos"] != tupacos {
		t.Errorf("restored, the short form resolved to %s, want %s", got["Colombian Tupacos"], tupacos)
	}
}
