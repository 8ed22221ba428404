package entity

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// personsByPairs is persons as it was before its index: every pending
// name compared with every other person mention of the article. It is the
// reference the indexed persons must agree with.
func personsByPairs(r *Resolver, mentions []news.Mention, ms []minfo) {
	var order []int
	for i := range ms {
		if ms[i].typ == news.Person && ms[i].key != "" {
			order = append(order, i)
		}
	}
	for _, i := range order {
		ms[i].name = shapeOf(ms[i].key)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ms[b].name.words, ms[a].name.words) })
	for _, i := range order {
		m := &ms[i]
		if m.kind != kindPending {
			continue
		}
		best, bestRank, bestDist := -1, 0, 0
		for _, j := range order {
			if j == i || !ms[j].ok {
				continue
			}
			rank := backOff(m.name, ms[j].name)
			if rank == 0 {
				continue
			}
			dist := mentions[i].Start - mentions[j].Start
			if dist < 0 {
				dist = 1<<30 - dist
			}
			if best < 0 || rank < bestRank || (rank == bestRank && dist < bestDist) {
				best, bestRank, bestDist = j, rank, dist
			}
		}
		if best >= 0 {
			m.tgt, m.ok = ms[best].tgt, true
			continue
		}
		m.dynamic(r)
	}
}

// TestPersonsIndexAgrees checks the indexed back-off from short names to
// fuller ones against the pairwise reference, on random articles of names
// that share first and last words and carry suffixes, some resolved by
// the tables before.
func TestPersonsIndexAgrees(t *testing.T) {
	first := []string{"imran", "qamar", "javed", "ali", "sara"}
	middle := []string{"", "javed ", "ahmed "}
	last := []string{"khan", "bajwa", "ali", "khan jr"}
	rnd := rand.New(rand.NewPCG(3, 4))
	for trial := range 300 {
		var mentions []news.Mention
		var ms []minfo
		for i := range 1 + rnd.IntN(40) {
			var key string
			switch rnd.IntN(4) {
			case 0:
				key = last[rnd.IntN(len(last))]
			case 1:
				key = first[rnd.IntN(len(first))]
			default:
				key = first[rnd.IntN(len(first))] + " " + middle[rnd.IntN(len(middle))] + last[rnd.IntN(len(last))]
			}
			mi := minfo{form: key, key: key, typ: news.Person, kind: kindPending}
			if rnd.IntN(5) == 0 {
				mi.kind, mi.ok = kindStatic, true
				mi.tgt = target{id: news.EntityID("per-static-" + strings.ReplaceAll(key, " ", "-")), typ: news.Person}
			}
			ms = append(ms, mi)
			mentions = append(mentions, news.Mention{Span: news.Span{Start: i * 10, End: i*10 + len(key)}, Text: key, Type: news.Person})
		}
		// Shuffled positions: a fuller name may come before or after.
		rnd.Shuffle(len(mentions), func(i, j int) { mentions[i].Span, mentions[j].Span = mentions[j].Span, mentions[i].Span })
		want := slices.Clone(ms)
		r1, err := NewResolver(Options{})
		if err != nil {
			t.Fatal(err)
		}
		r2, _ := NewResolver(Options{})
		personsByPairs(r1, mentions, want)
		got := slices.Clone(ms)
		r2.persons(mentions, got)
		for i := range got {
			if got[i].tgt.id != want[i].tgt.id || got[i].ok != want[i].ok {
				t.Fatalf("trial %d: %q at %d resolved to %q, want %q", trial, ms[i].key, mentions[i].Start, got[i].tgt.id, want[i].tgt.id)
			}
		}
	}
}
