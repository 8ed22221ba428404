package storetest

import (
	"context"
	"errors"
	"maps"
	"reflect"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// findings checks the reads of what the analyses found, as a grouping
// left it: entities, with their mentions resolved and redirected, quotes
// and events with their groups, by filter and by page.
func findings(t *testing.T, s Store) {
	k := newDesk()
	k.store(t, s)
	t.Run("Entities", func(t *testing.T) { entityList(t, s) })
	t.Run("Entity", func(t *testing.T) { entityDetail(t, s) })
	t.Run("entity look-ups", func(t *testing.T) { entityLookups(t, s, k) })
	t.Run("mentions as the grouping resolved them", func(t *testing.T) { resolved(t, s, k) })
	t.Run("Quotes", func(t *testing.T) { quoteList(t, s, k) })
	t.Run("quotes of articles and of a speaker", func(t *testing.T) { quotesOf(t, s, k) })
	t.Run("Events", func(t *testing.T) { eventList(t, s, k) })
}

func entityIDs(list []news.Entity) []news.EntityID {
	var ids []news.EntityID
	for _, e := range list {
		ids = append(ids, e.ID)
	}
	return ids
}

func entityList(t *testing.T, s Store) {
	for _, tt := range []struct {
		name  string
		f     news.EntityFilter
		want  []news.EntityID
		total int
	}{
		{"the most mentioned first", news.EntityFilter{}, []news.EntityID{"per-ana", "loc-lisk", "org-union"}, 3},
		{"type", news.EntityFilter{Type: news.Place}, []news.EntityID{"loc-lisk"}, 1},
		{"name, any case", news.EntityFilter{Query: "VARG"}, []news.EntityID{"per-ana"}, 1},
		{"alias", news.EntityFilter{Query: "du"}, []news.EntityID{"org-union"}, 1},
		{"story", news.EntityFilter{Story: "s-dam"}, []news.EntityID{"per-ana", "loc-lisk"}, 2},
		{"story, through a resolved mention", news.EntityFilter{Story: "s-ferry"}, []news.EntityID{"loc-lisk"}, 1},
		{"page", news.EntityFilter{Limit: 1, Offset: 1}, []news.EntityID{"loc-lisk"}, 3},
		{"nothing", news.EntityFilter{Query: "nobody"}, nil, 0},
	} {
		list, total, err := s.Entities(context.Background(), tt.f)
		if got := entityIDs(list); err != nil || total != tt.total || !slices.Equal(got, tt.want) {
			t.Errorf("%s: Entities(%+v) = %v (total %d), %v; want %v (total %d)", tt.name, tt.f, got, total, err, tt.want, tt.total)
		}
	}
	list, _, err := s.Entities(context.Background(), news.EntityFilter{Type: news.Organisation})
	if err != nil || len(list) != 1 || list[0].Name != "Dock Union" || !slices.Equal(list[0].Aliases, []string{"DU"}) || list[0].Mentions != 2 {
		t.Errorf("Entities(ORG) = %+v, %v; want the Dock Union with its alias and count", list, err)
	}
}

func entityDetail(t *testing.T, s Store) {
	ctx := context.Background()
	d, err := s.Entity(ctx, "per-ana")
	if err != nil {
		t.Fatal(err)
	}
	if d.Name != "Ana Varga" || d.Type != news.Person || !slices.Equal(d.Aliases, []string{"Varga"}) || d.Mentions != 5 {
		t.Errorf("Entity(per-ana) = %+v; want as the grouping saved it", d.Entity)
	}
	if got := storyIDsOf(d.Stories); !slices.Equal(got, []news.StoryID{"s-dam"}) {
		t.Errorf("Entity(per-ana).Stories = %v; want s-dam (u1 is in none)", got)
	}
	if want := []news.Count{{Key: "loc-lisk", Name: "Lisk", Count: 1}}; !slices.Equal(d.With, want) {
		t.Errorf("Entity(per-ana).With = %v; want %v", d.With, want)
	}
	// Mentions in a1, a2 and a3 in March, and u1's, redirected to her, in
	// April.
	if want := []news.Count{{Key: "2025-03", Count: 3}, {Key: "2025-04", Count: 1}}; !slices.Equal(d.Months, want) {
		t.Errorf("Entity(per-ana).Months = %v; want %v", d.Months, want)
	}
	if _, err := s.Entity(ctx, "per-nope"); !errors.Is(err, news.ErrNotFound) {
		t.Errorf("Entity(unknown): %v, want ErrNotFound", err)
	}
}

func entityLookups(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	names, err := s.EntityNames(ctx, []news.EntityID{"per-ana", "org-union", "per-nope"})
	if want := map[news.EntityID]string{"per-ana": "Ana Varga", "org-union": "Dock Union"}; err != nil || !maps.Equal(names, want) {
		t.Errorf("EntityNames = %v, %v; want %v", names, err, want)
	}
	in, err := s.EntitiesIn(ctx, []news.ArticleID{k.b1.ID, k.c1.ID, k.u1.ID}, 10)
	if got := entityIDs(in); err != nil || !slices.Equal(got, []news.EntityID{"per-ana", "loc-lisk", "org-union"}) {
		t.Errorf("EntitiesIn(b1, c1, u1) = %v, %v; want per-ana (redirected), loc-lisk, org-union", got, err)
	}
	named, err := s.MentionedIn(ctx, "loc-lisk", 10)
	if want := []news.ArticleID{k.b2.ID, k.b1.ID, k.a1.ID}; err != nil || !slices.Equal(named, want) {
		t.Errorf("MentionedIn(loc-lisk) = %s, %v; want %s, the last stored first", k.names(named), err, k.names(want))
	}
	// By ID, or by a key of a name or alias.
	for _, tt := range []struct {
		ids  []news.EntityID
		keys []string
		want []news.EntityID
	}{
		{[]news.EntityID{"org-union"}, nil, []news.EntityID{"org-union"}},
		{nil, []string{"varga"}, []news.EntityID{"per-ana"}},
		{[]news.EntityID{"loc-lisk"}, []string{"du", "nobody"}, []news.EntityID{"loc-lisk", "org-union"}},
		{[]news.EntityID{"per-nope"}, []string{"nobody"}, nil},
	} {
		list, err := s.ResolverEntitiesFor(ctx, tt.ids, tt.keys)
		got := entityIDs(list)
		slices.Sort(got)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ResolverEntitiesFor(%v, %v) = %v, %v; want %v", tt.ids, tt.keys, got, err, tt.want)
		}
		for _, e := range list {
			if e.ID == "loc-lisk" && (e.Country != "NL" || e.Mentions != 3) {
				t.Errorf("ResolverEntitiesFor: %+v; want the entity as saved", e)
			}
		}
	}
}

// resolved checks that a grouping's resolved mentions and redirected
// entities are what the analyses read afterwards.
func resolved(t *testing.T, s Store, k *desk) {
	ans, err := s.Analyses(context.Background(), []news.ArticleID{k.b2.ID, k.u1.ID})
	if err != nil {
		t.Fatal(err)
	}
	for id, want := range map[news.ArticleID]news.EntityID{k.b2.ID: "loc-lisk", k.u1.ID: "per-ana"} {
		if ms := ans[id].Mentions; len(ms) != 1 || ms[0].Entity != want {
			t.Errorf("mentions of %s = %+v; want one of %s", k.title(id), ms, want)
		}
	}
}

func quoteArticles(list []news.QuoteRef) []news.ArticleID {
	var ids []news.ArticleID
	for _, q := range list {
		ids = append(ids, q.Article.ID)
	}
	return ids
}

func quoteList(t *testing.T, s Store, k *desk) {
	for _, tt := range []struct {
		name  string
		f     news.QuoteFilter
		want  []news.Article
		total int
	}{
		{"speech, newest first", news.QuoteFilter{}, []news.Article{k.c1, k.b1, k.a2, k.a1}, 4},
		{"with views", news.QuoteFilter{Views: true}, []news.Article{k.c1, k.b1, k.a3, k.a2, k.a1}, 5},
		{"speaker by entity", news.QuoteFilter{Speaker: "per-ana"}, []news.Article{k.a2, k.a1}, 2},
		{"speaker by name", news.QuoteFilter{Speaker: "harbour official"}, []news.Article{k.b1}, 1},
		{"story", news.QuoteFilter{Story: "s-dam", Views: true}, []news.Article{k.a3, k.a2, k.a1}, 3},
		{"article", news.QuoteFilter{Article: k.c1.ID}, []news.Article{k.c1}, 1},
		{"a view's article", news.QuoteFilter{Article: k.a3.ID}, nil, 0},
		{"page", news.QuoteFilter{Limit: 2, Offset: 1}, []news.Article{k.b1, k.a2}, 4},
	} {
		list, total, err := s.Quotes(context.Background(), tt.f)
		got, want := quoteArticles(list), idsOf(tt.want)
		if err != nil || total != tt.total || !slices.Equal(got, want) {
			t.Errorf("%s: Quotes(%+v) from %s (total %d), %v; want %s (total %d)", tt.name, tt.f, k.names(got), total, err, k.names(want), tt.total)
		}
	}
	list, _, err := s.Quotes(context.Background(), news.QuoteFilter{Article: k.a1.ID})
	want := k.ans[0].Quotes[0]
	want.Group = "q-talks"
	if err != nil || len(list) != 1 || !reflect.DeepEqual(list[0].Quote, want) || list[0].Story != "s-dam" || list[0].Article.Title != k.a1.Title {
		t.Errorf("Quotes(a1) = %+v, %v; want %+v, grouped, in s-dam", list, err, want)
	}
}

func quotesOf(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	in, err := s.QuotesIn(ctx, []news.ArticleID{k.a1.ID, k.a3.ID, k.b1.ID}, 10)
	if got := quoteArticles(in); err != nil || !slices.Equal(got, idsOf([]news.Article{k.b1, k.a1})) {
		t.Errorf("QuotesIn(a1, a3, b1) from %s, %v; want b1 a1 (a3's is a view)", k.names(got), err)
	}
	by, total, err := s.QuotesBy(ctx, "per-ana", 1)
	if got := quoteArticles(by); err != nil || total != 2 || !slices.Equal(got, []news.ArticleID{k.a2.ID}) {
		t.Errorf("QuotesBy(per-ana, 1) from %s (total %d), %v; want a2's, the last stored, of 2", k.names(got), total, err)
	}
	if by, total, err := s.QuotesBy(ctx, "per-nope", 10); err != nil || total != 0 || len(by) != 0 {
		t.Errorf("QuotesBy(unknown) = %d quotes (total %d), %v; want none", len(by), total, err)
	}
}

func eventList(t *testing.T, s Store, k *desk) {
	ctx := context.Background()
	for _, tt := range []struct {
		name  string
		f     news.EventFilter
		want  []news.Article
		total int
	}{
		// a1 names its talks twice, one event: listed once, dated.
		{"newest first", news.EventFilter{}, []news.Article{k.c1, k.b1, k.a1}, 3},
		{"type", news.EventFilter{Type: news.EventAttack}, []news.Article{k.b1}, 1},
		{"story", news.EventFilter{Story: "s-dam"}, []news.Article{k.a1}, 1},
		{"article", news.EventFilter{Article: k.c1.ID}, []news.Article{k.c1}, 1},
		{"page", news.EventFilter{Limit: 1, Offset: 2}, []news.Article{k.a1}, 3},
		{"nothing", news.EventFilter{Type: news.EventElection}, nil, 0},
	} {
		list, total, err := s.Events(ctx, tt.f)
		var got []news.ArticleID
		for _, e := range list {
			got = append(got, e.Article.ID)
		}
		if want := idsOf(tt.want); err != nil || total != tt.total || !slices.Equal(got, want) {
			t.Errorf("%s: Events(%+v) from %s (total %d), %v; want %s (total %d)", tt.name, tt.f, k.names(got), total, err, k.names(want), tt.total)
		}
	}
	in, err := s.EventsIn(ctx, []news.ArticleID{k.a1.ID, k.b1.ID, k.u1.ID}, 10)
	if err != nil || len(in) != 2 || in[0].Article.ID != k.b1.ID || in[1].Article.ID != k.a1.ID {
		t.Fatalf("EventsIn(a1, b1, u1) = %+v, %v; want b1's then a1's", in, err)
	}
	b1, a1 := in[0], in[1]
	if b1.Type != news.EventAttack || b1.Killed != 2 || b1.Injured != -1 || b1.Place != "Lisk" || b1.Story != "s-ferry" || b1.When != nil {
		t.Errorf("b1's event = %+v; want the attack in Lisk, 2 killed, in s-ferry", b1)
	}
	if a1.Group != "e-talks" || a1.When == nil || a1.When.Value != "2025-03-01" || !a1.When.Begin.Equal(deskDay(1)) || a1.Actor != "Ana Varga" {
		t.Errorf("a1's event = %+v (when %+v); want the talks, grouped e-talks, dated 2025-03-01", a1.Event, a1.When)
	}
	if c1, _, err := s.Events(ctx, news.EventFilter{Article: k.c1.ID}); err != nil || len(c1) != 1 || c1[0].Modality != news.Planned {
		t.Errorf("c1's events = %+v, %v; want one, planned", c1, err)
	}
}

func idsOf(arts []news.Article) []news.ArticleID {
	var ids []news.ArticleID
	for _, a := range arts {
		ids = append(ids, a.ID)
	}
	return ids
}
