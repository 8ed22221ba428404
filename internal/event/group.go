package event

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// Ref is one event mention to group: an event as Find returned it, with
// the article that reports it.
type Ref struct {
	Event   news.Event
	Article news.ArticleID
	// Published is the article's publication date, zero when unknown. It
	// bounds undated events: what an article reports as done happened
	// before it was published.
	Published time.Time
	// ActorID, TargetID and PlaceID are the entities that Event.Actor,
	// Target and Place resolve to, "" when not known. Names are compared
	// as written when they are not given.
	ActorID, TargetID, PlaceID news.EntityID
}

// Group clusters event mentions, from the articles of one story or a few,
// that report the same real-world event. Two mentions may share a group
// when they have the same type, compatible dates (overlapping, or unknown
// and consistent with publication), compatible counts (equal, or a toll
// that grew in a later report) and places that do not differ; they are
// put in one group when they also share a participant or place (or an
// exact date or count): enough evidence for mentions from different
// articles, more for two mentions in one article and for plural,
// generic triggers ("attacks").
//
// Every index of refs is in exactly one group, singletons included;
// members are in ascending order, groups in the order of their first
// member. The result depends only on refs.
func Group(refs []Ref) [][]int {
	fs := make([]features, len(refs))
	for i := range refs {
		fs[i] = newFeatures(&refs[i])
	}
	order := make([]int, len(refs))
	for i := range order {
		order[i] = i
	}
	// The most informative mentions found the groups.
	slices.SortStableFunc(order, func(a, b int) int { return fs[b].info - fs[a].info })

	var groups [][]int
	for _, i := range order {
		best, bestScore := -1, 0.0
		for g, members := range groups {
			total, enough, veto := 0.0, false, false
			for _, j := range members {
				s, ok := pairScore(&fs[i], &fs[j])
				if !ok {
					veto = true
					break
				}
				total += s
				if s >= fs[i].need(&fs[j]) {
					enough = true
				}
			}
			if !veto && enough && total > bestScore {
				best, bestScore = g, total
			}
		}
		if best < 0 {
			groups = append(groups, []int{i})
		} else {
			groups[best] = append(groups[best], i)
		}
	}
	for _, g := range groups {
		slices.Sort(g)
	}
	slices.SortFunc(groups, func(a, b []int) int { return a[0] - b[0] })
	return groups
}

// GroupKey returns a stable identifier for a group of refs: it depends on
// the article and sentence of its earliest member only, so a group keeps
// its key as long as that member stays in it.
func GroupKey(refs []Ref, members []int) string {
	if len(members) == 0 {
		return ""
	}
	first := members[0]
	for _, m := range members[1:] {
		a, b := &refs[m], &refs[first]
		if a.Article < b.Article || a.Article == b.Article && a.Event.Sentence.Start < b.Event.Sentence.Start {
			first = m
		}
	}
	r := &refs[first]
	h := sha256.New()
	h.Write([]byte(r.Article))
	h.Write([]byte{0})
	h.Write([]byte(r.Event.Type))
	h.Write([]byte{0, byte(r.Event.Sentence.Start >> 24), byte(r.Event.Sentence.Start >> 16), byte(r.Event.Sentence.Start >> 8), byte(r.Event.Sentence.Start)})
	return hex.EncodeToString(h.Sum(nil)[:6])
}

// features are what grouping compares of a mention.
type features struct {
	typ                  news.EventType
	article              news.ArticleID
	lo, hi               time.Time // bounds of when it happened; zero when open
	dated                bool      // lo and hi come from the event's own date, at most a month apart
	actor, target, place name
	killed, injured, arr int
	published            time.Time
	generic              bool // a plural trigger: "attacks", "protests"
	symmetric            bool // actor and target may swap: talks, meetings, agreements
	info                 int
}

// name is an argument prepared for comparison.
type name struct {
	id      news.EntityID
	norm    string   // lower case, without "the" and "'s"
	words   []string // norm split into words
	acronym string   // initials of the capitalised words: "TTP" for "Tehreek-e-Taliban Pakistan"
	named   bool     // has a capitalised word: a name, not "officials"
}

func newName(s string, id news.EntityID) name {
	s = strings.TrimSpace(strings.ReplaceAll(s, "’", "'"))
	s = strings.TrimSuffix(s, "'s")
	if len(s) > 4 && strings.EqualFold(s[:4], "the ") {
		s = s[4:]
	}
	n := name{id: id, norm: strings.ToLower(s)}
	if s == "" {
		return n
	}
	var acr strings.Builder
	for w := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ' ' || r == '-' }) {
		n.words = append(n.words, strings.ToLower(w))
		r := []rune(w)[0]
		if unicode.IsUpper(r) {
			n.named = true
			acr.WriteRune(r)
		}
	}
	if acr.Len() >= 2 {
		n.acronym = acr.String()
	}
	return n
}

func (n *name) empty() bool { return n.norm == "" && n.id == "" }

// match scores how well two names agree: 1 for the same name or entity
// ("TTP" and "Tehreek-e-Taliban Pakistan" too), 0.5 for the same nominal
// ("officials") or a name that ends another ("Sherman", "Wendy Sherman"),
// 0.25 for a nominal that ends another ("officials", "Pakistani
// officials"), 0 otherwise.
func (n *name) match(o *name) float64 {
	if n.empty() || o.empty() {
		return 0
	}
	if n.id != "" && n.id == o.id {
		return 1
	}
	if n.norm == o.norm {
		if n.named {
			return 1
		}
		return 0.5
	}
	if n.acronym != "" && len(o.words) == 1 && strings.EqualFold(o.norm, n.acronym) ||
		o.acronym != "" && len(n.words) == 1 && strings.EqualFold(n.norm, o.acronym) {
		return 1
	}
	short, long := n, o
	if len(short.words) > len(long.words) {
		short, long = long, short
	}
	if len(short.words) == 0 || !slices.Equal(short.words, long.words[len(long.words)-len(short.words):]) {
		return 0
	}
	// A shorter form may name the same ("Sherman", "Wendy Sherman") or a
	// wider whole ("Taliban", "Pakistani Taliban"): weak evidence.
	if short.named {
		return 0.5
	}
	return 0.25
}

// generic reports whether a trigger is a plural that names repeated
// events rather than one.
func generic(trigger string) bool {
	switch strings.ToLower(trigger) {
	case "attacks", "assaults", "strikes", "airstrikes", "bombings", "clashes", "raids", "killings",
		"protests", "demonstrations", "rallies", "arrests", "shootings", "blasts", "explosions", "ambushes",
		"skirmishes", "marches", "riots", "detentions", "elections", "meetings", "visits", "summits":
		return true
	}
	return false
}

func newFeatures(r *Ref) features {
	e := &r.Event
	f := features{
		typ:       e.Type,
		article:   r.Article,
		actor:     newName(e.Actor, r.ActorID),
		target:    newName(e.Target, r.TargetID),
		place:     newName(e.Place, r.PlaceID),
		killed:    e.Killed,
		injured:   e.Injured,
		arr:       e.Arrested,
		published: r.Published,
		generic:   generic(e.Trigger),
	}
	switch e.Type {
	case news.EventTalks, news.EventMeeting, news.EventAgreement:
		f.symmetric = true
	}
	const day = 24 * time.Hour
	if w := e.When; w != nil && !w.Begin.IsZero() && w.End.After(w.Begin) &&
		w.Precision != news.Duration && w.Precision != news.Vague {
		f.lo, f.hi = w.Begin.Add(-day), w.End.Add(day)
		f.dated = w.End.Sub(w.Begin) <= 31*day
	} else if !r.Published.IsZero() {
		if e.Modality == news.Planned {
			f.lo = r.Published.Add(-day)
		} else {
			f.hi = r.Published.Add(day)
		}
	}
	if f.dated {
		f.info += 2
	}
	for _, n := range []*name{&f.actor, &f.target, &f.place} {
		if n.named {
			f.info += 2
		} else if !n.empty() {
			f.info++
		}
	}
	if f.killed > 0 || f.injured > 0 || f.arr > 0 {
		f.info++
	}
	if f.generic {
		f.info -= 3
	}
	return f
}

// need is the score two mentions must reach to be grouped.
func (f *features) need(o *features) float64 {
	n := 1.0
	if f.article != "" && f.article == o.article {
		n = 1.5
	}
	if f.generic || o.generic {
		n = 2
	}
	if !f.dated && !o.dated && !f.published.IsZero() && !o.published.IsZero() {
		if gap := f.published.Sub(o.published).Abs(); gap > 7*24*time.Hour {
			n++ // undated, reported weeks apart: likely two events of a kind
		}
	}
	return n
}

// pairScore returns the evidence that two mentions report one event, and
// false when they cannot.
func pairScore(a, b *features) (float64, bool) {
	if a.typ != b.typ {
		return 0, false
	}
	if !a.lo.IsZero() && !b.hi.IsZero() && !a.lo.Before(b.hi) || !b.lo.IsZero() && !a.hi.IsZero() && !b.lo.Before(a.hi) {
		return 0, false
	}
	if !counts(a.killed, b.killed, a.published, b.published) || !counts(a.injured, b.injured, a.published, b.published) ||
		!counts(a.arr, b.arr, a.published, b.published) {
		return 0, false
	}
	place := a.place.match(&b.place)
	if a.place.named && b.place.named && place == 0 {
		return 0, false
	}
	s := 1.5 * place
	same := a.actor.match(&b.actor) + a.target.match(&b.target)
	if a.symmetric {
		same = max(same, a.actor.match(&b.target)+a.target.match(&b.actor))
	}
	s += same
	if a.dated && b.dated {
		s++
		if a.lo.Equal(b.lo) && a.hi.Equal(b.hi) && a.hi.Sub(a.lo) <= 3*24*time.Hour { // a day, padded by one each side
			s++ // the same day, given by both texts: "the attacks of September 11, 2001"
		}
	}
	if a.killed > 0 && a.killed == b.killed || a.arr > 0 && a.arr == b.arr {
		s++
	}
	return s, true
}

// counts reports whether two counts of one kind may be of one event: equal,
// one unknown, close, or a toll that grew from an earlier report to a later
// one. A count of zero agrees only with zero.
func counts(a, b int, pa, pb time.Time) bool {
	if a < 0 || b < 0 || a == b {
		return true
	}
	if a == 0 || b == 0 {
		return false
	}
	lo, hi := min(a, b), max(a, b)
	if hi <= lo+lo/2+1 {
		return true // outlets differ a little: "five" or "six"
	}
	if pa.IsZero() || pb.IsZero() || pa.Equal(pb) {
		return hi <= 5*lo+5
	}
	later := b
	if pa.After(pb) {
		later = a
	}
	return later == hi && hi <= 20*lo+20 // a toll grows, it does not shrink
}
