package analysis

import (
	"maps"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/news"
)

func TestSpeakerEntity(t *testing.T) {
	ms := []news.Mention{
		{Text: "Petra Halvik", Type: news.Person, Entity: "per-petra-halvik"},
		{Text: "Norland", Type: news.Place, Entity: "loc-norland"},
		{Text: "Idris Kamara", Type: news.Person, Entity: "per-idris-kamara"},
		{Text: "Kamara", Type: news.Person}, // unresolved
	}
	tests := []struct {
		speaker string
		want    news.EntityID
	}{
		{"Petra Halvik", "per-petra-halvik"},
		{"Halvik", "per-petra-halvik"}, // a surname finds the full name
		{"kamara", "per-idris-kamara"},
		{"Dr Idris Kamara", "per-idris-kamara"}, // a title before a known name
		{"Dr Kamara", ""},                       // the unresolved "Kamara" gives nothing
		{"Norland", "loc-norland"},              // a country can speak, through its government
		{"the minister", ""},
		{"", ""},
	}
	sp := newSpeakers(ms)
	for _, tt := range tests {
		if got := sp.entity(tt.speaker); got != tt.want {
			t.Errorf("speakerEntity(%q) = %q, want %q", tt.speaker, got, tt.want)
		}
	}
}

func TestEventBuckets(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	var refs []event.Ref
	for i := range maxEventBucket + 10 {
		refs = append(refs, event.Ref{Event: news.Event{Type: news.EventAttack}, Article: news.ArticleID(rune('a' + i%26)), Published: day(1 + i%28)})
	}
	refs = append(refs, event.Ref{Event: news.Event{Type: news.EventTalks}, Published: day(2)})
	buckets := eventBuckets(refs)
	if len(buckets) != 3 {
		t.Fatalf("%d buckets, want 3 (attacks in two slices, talks alone)", len(buckets))
	}
	total := 0
	for _, b := range buckets {
		if len(b) > maxEventBucket {
			t.Errorf("bucket of %d mentions, more than %d", len(b), maxEventBucket)
		}
		for _, r := range b[1:] {
			if r.Event.Type != b[0].Event.Type {
				t.Errorf("bucket mixes %s and %s", b[0].Event.Type, r.Event.Type)
			}
		}
		total += len(b)
	}
	if total != len(refs) {
		t.Errorf("buckets hold %d mentions, want %d", total, len(refs))
	}
}

func TestPins(t *testing.T) {
	split := news.Decision{Kind: "split", Story: "s1", Articles: []news.ArticleID{"a", "b"}, Kept: []news.ArticleID{"c"}}
	merge := news.Decision{Kind: "merge", Story: "s9", Other: "s1", Articles: []news.ArticleID{"c", "d"}}
	p := newPins([]news.Decision{split, merge})
	to := SplitStoryID(split)
	if p["a"] != to || p["b"] != to {
		t.Errorf("split articles pinned to %q, %q; want the new story %q", p["a"], p["b"], to)
	}
	if p["c"] != "s9" || p["d"] != "s9" {
		t.Errorf("a later merge does not override: c -> %q, d -> %q", p["c"], p["d"])
	}
	if SplitStoryID(split) != to || SplitStoryID(news.Decision{Kind: "split", Story: "s1", Articles: []news.ArticleID{"a"}}) == to {
		t.Error("split story IDs are not stable, or not distinct")
	}
}

// The clusterer sees one name where the resolver has not yet joined the
// types a tagger gave it; places in different countries stay apart.
func TestClusterEntitiesIgnoreTypes(t *testing.T) {
	ms := []news.Mention{
		{Text: "Estavia", Type: news.Place, Entity: "loc-estavia"},
		{Text: "Estavia", Type: news.Organisation, Entity: "org-estavia"},
		{Text: "Norland", Type: news.Place, Entity: "loc-norland-us"},
		{Text: "Norland", Type: news.Place, Entity: "loc-norland-gb"},
		{Text: "Kessel", Type: news.OtherName},
	}
	got := map[string]int{}
	for _, e := range clusterEntities(ms) {
		got[e.Key] = e.Count
	}
	want := map[string]int{"estavia": 2, "norland-us": 1, "norland-gb": 1, "MISC:Kessel": 1}
	if !maps.Equal(got, want) {
		t.Errorf("clusterEntities: %v, want %v", got, want)
	}
}

func TestSpansCoverEveryDayOnce(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, d) }
	w := 10 * 24 * time.Hour
	for _, tt := range []struct {
		pub      time.Time
		reported []time.Time
		want     int
	}{
		{time.Time{}, nil, 1},
		{day(0), nil, 1},
		{day(30), []time.Time{day(28), day(33)}, 1},
		{day(30), []time.Time{day(-300), day(29)}, 2},
		{day(30), []time.Time{day(-300), day(100), day(10)}, 3},
	} {
		got := spans(tt.pub, tt.reported, w)
		if len(got) != tt.want {
			t.Errorf("spans(%v, %v) = %d windows, want %d", tt.pub, tt.reported, len(got), tt.want)
		}
		for _, d := range append([]time.Time{tt.pub}, tt.reported...) {
			covered := false
			for _, sp := range got {
				covered = covered || sp.at.IsZero() || (!d.Before(sp.at.Add(-sp.window+w)) && !d.After(sp.at.Add(sp.window-w)))
			}
			if !covered {
				t.Errorf("spans(%v, %v) = %v: day %v has no window of its own around it", tt.pub, tt.reported, got, d)
			}
		}
	}
}
