package event

import (
	"slices"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func day(d int) time.Time { return time.Date(2023, 5, d, 0, 0, 0, 0, time.UTC) }

// on returns a Timex for one day of May 2023.
func on(d int) *news.Timex {
	return &news.Timex{Type: "DATE", Value: day(d).Format("2006-01-02"), Precision: news.Day, Begin: day(d), End: day(d + 1)}
}

// ev returns an event with unknown counts.
func ev(typ news.EventType, trigger, actor, target, place string, when *news.Timex, killed int) news.Event {
	return news.Event{Type: typ, Trigger: trigger, Actor: actor, Target: target, Place: place, When: when,
		Killed: killed, Injured: -1, Arrested: -1}
}

func TestGroup(t *testing.T) {
	attack := news.EventAttack
	tests := []struct {
		name string
		refs []Ref
		want [][]int
	}{
		{
			name: "one bombing, three outlets, a growing toll",
			refs: []Ref{
				{Event: ev(attack, "bombing", "", "", "Tarsk", on(8), 5), Article: "a", Published: day(8)},
				{Event: ev(attack, "blast", "Red Hand Front", "", "Tarsk", nil, 12), Article: "b", Published: day(9)},
				{Event: ev(attack, "attack", "Red Hand Front", "", "", on(8), -1), Article: "c", Published: day(10)},
			},
			want: [][]int{{0, 1, 2}},
		},
		{
			name: "attacks both texts date to one day, no one named",
			refs: []Ref{
				{Event: ev(attack, "attacks", "", "", "", on(11), -1), Article: "a", Published: day(20)},
				{Event: ev(attack, "attacks", "", "", "", on(11), -1), Article: "b", Published: day(21)},
				{Event: ev(attack, "attacks", "", "", "", on(12), -1), Article: "c", Published: day(21)},
			},
			want: [][]int{{0, 1}, {2}},
		},
		{
			name: "two attacks in two towns",
			refs: []Ref{
				{Event: ev(attack, "bombing", "Red Hand Front", "", "Tarsk", on(8), 5), Article: "a", Published: day(8)},
				{Event: ev(attack, "bombing", "Red Hand Front", "", "Dovra", on(8), 5), Article: "b", Published: day(8)},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "dates that do not overlap",
			refs: []Ref{
				{Event: ev(attack, "raid", "Northern Brigade", "", "Tarsk", on(2), -1), Article: "a", Published: day(2)},
				{Event: ev(attack, "raid", "Northern Brigade", "", "Tarsk", on(9), -1), Article: "b", Published: day(9)},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "an undated report cannot be of a later event",
			refs: []Ref{
				{Event: ev(attack, "raid", "Northern Brigade", "", "Tarsk", nil, -1), Article: "a", Published: day(2)},
				{Event: ev(attack, "raid", "Northern Brigade", "", "Tarsk", on(9), -1), Article: "b", Published: day(9)},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "no one killed is not six killed",
			refs: []Ref{
				{Event: ev(attack, "blast", "", "", "Tarsk", on(8), 0), Article: "a", Published: day(8)},
				{Event: ev(attack, "blast", "", "", "Tarsk", on(8), 6), Article: "b", Published: day(8)},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "a toll does not shrink from an earlier report to a later one",
			refs: []Ref{
				{Event: ev(attack, "blast", "", "", "Tarsk", on(8), 40), Article: "a", Published: day(8)},
				{Event: ev(attack, "blast", "", "", "Tarsk", on(8), 4), Article: "b", Published: day(9)},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "different types",
			refs: []Ref{
				{Event: ev(news.EventTalks, "talks", "Varnia", "Dostia", "Geneva", on(8), -1), Article: "a"},
				{Event: ev(news.EventAgreement, "agreement", "Varnia", "Dostia", "Geneva", on(8), -1), Article: "b"},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "talks seen from either side, an acronym for a name",
			refs: []Ref{
				{Event: ev(news.EventTalks, "talks", "Varnia", "Northern Liberation Front", "", nil, -1), Article: "a"},
				{Event: ev(news.EventTalks, "negotiations", "NLF", "Varnia", "", nil, -1), Article: "b"},
			},
			want: [][]int{{0, 1}},
		},
		{
			name: "resolved entities count as the same name",
			refs: []Ref{
				{Event: ev(news.EventMeeting, "met", "the president", "", "", on(4), -1), Article: "a", ActorID: "e1"},
				{Event: ev(news.EventMeeting, "meeting", "Ana Lenz", "", "", on(4), -1), Article: "b", ActorID: "e1"},
			},
			want: [][]int{{0, 1}},
		},
		{
			name: "plural triggers need more than one shared name",
			refs: []Ref{
				{Event: ev(attack, "attacks", "Red Hand Front", "", "", nil, -1), Article: "a"},
				{Event: ev(attack, "bombing", "Red Hand Front", "", "Tarsk", on(8), 9), Article: "b"},
			},
			want: [][]int{{0}, {1}},
		},
		{
			name: "in one article, a place alone is enough",
			refs: []Ref{
				{Event: ev(attack, "attack", "Red Hand Front", "", "Tarsk", on(8), 9), Article: "a", Published: day(20)},
				{Event: ev(attack, "attack", "", "", "Tarsk", nil, -1), Article: "a", Published: day(20)},
			},
			want: [][]int{{0, 1}},
		},
		{
			name: "a mention that conflicts with one member stays out",
			refs: []Ref{
				{Event: ev(attack, "bombing", "Red Hand Front", "", "Tarsk", on(8), 5), Article: "a"},
				{Event: ev(attack, "bombing", "Red Hand Front", "", "", on(8), -1), Article: "b"},
				{Event: ev(attack, "bombing", "Red Hand Front", "", "Dovra", on(8), -1), Article: "c"},
			},
			want: [][]int{{0, 1}, {2}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Group(tt.refs)
			if !slices.EqualFunc(got, tt.want, slices.Equal) {
				t.Errorf("Group = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestGroupKey(t *testing.T) {
	refs := []Ref{
		{Event: ev(news.EventAttack, "bombing", "", "", "Tarsk", on(8), 5), Article: "b", Published: day(8)},
		{Event: ev(news.EventAttack, "blast", "", "", "Tarsk", on(8), 5), Article: "a", Published: day(8)},
	}
	k1 := GroupKey(refs, []int{0, 1})
	reversed := []Ref{refs[1], refs[0]}
	k2 := GroupKey(reversed, []int{0, 1})
	if k1 == "" || k1 != k2 {
		t.Errorf("GroupKey = %q and %q for the same group in two orders, want one non-empty key", k1, k2)
	}
	if k3 := GroupKey(refs, []int{0}); k3 == k1 {
		t.Errorf("GroupKey of a different group = %q, the same as %q", k3, k1)
	}
}

func TestGroupPartition(t *testing.T) {
	var refs []Ref
	for i := range 40 {
		refs = append(refs, Ref{Event: ev(news.EventAttack, "attack", "Red Hand Front", "", []string{"Tarsk", "Dovra", ""}[i%3], on(1+i%5), -1),
			Article: news.ArticleID(rune('a' + i%7))})
	}
	seen := make([]int, len(refs))
	for _, g := range Group(refs) {
		if !slices.IsSorted(g) {
			t.Errorf("group %v not in ascending order", g)
		}
		for _, m := range g {
			seen[m]++
		}
	}
	for i, n := range seen {
		if n != 1 {
			t.Errorf("ref %d is in %d groups, want 1", i, n)
		}
	}
}
