package event

import (
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/news"
)

// seedDates are the publication dates of the seeds: from their header
// lines where they have one, else the date their text implies.
var seedDates = map[string]time.Time{
	"000": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
	"001": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
	"002": time.Date(2021, 12, 17, 0, 0, 0, 0, time.UTC),
	"003": time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC),
	"004": time.Date(2024, 5, 28, 0, 0, 0, 0, time.UTC),
}

// seedEvents runs the tagger, the date finder and the event finder over a
// seed, as the pipeline does.
func seedEvents(t *testing.T, tagger *ner.Tagger, f *Finder, seed string) (string, []news.Event) {
	t.Helper()
	text := readSeed(t, seed)
	evs := f.Find(text, tagger.Tag(text), times(text, seedDates[seed]))
	checkSpans(t, text, evs)
	return text, evs
}

func loadTagger(t *testing.T) *ner.Tagger {
	t.Helper()
	tagger, err := ner.Load()
	if err != nil {
		t.Fatalf("load tagger: %v", err)
	}
	return tagger
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		seed string
		want []want
		// sentence picks the event among those of its type by a piece of
		// its sentence.
		sentence []string
	}{
		{"004", []want{
			{typ: news.EventAttack, trigger: "attack", actor: "TTP", place: "Bisham", when: "2024-03",
				counts: "killed=6 injured=-1 arrested=-1", modality: "asserted"},
			{typ: news.EventStatement, trigger: "press conference", actor: "head of Nacta", when: "2024-05-26"},
			{typ: news.EventAttack, trigger: "assaults", actor: "TTP", target: "Pakistani troops"},
		}, []string{"claimed the lives", "claimed the lives", "assaults on Pakistani troops"}},
		{"001", []want{
			{typ: news.EventMeeting, trigger: "meet", actor: "Wendy Sherman", place: "Islamabad",
				when: "2021-10-07/2021-10-08", modality: "planned"},
			// "said ... on Friday that his government had opened peace
			// talks": Friday dates the interview, not the talks.
			{typ: news.EventTalks, trigger: "talks", actor: "Imran Khan", target: "Pakistani Taliban", when: "-",
				modality: "asserted"},
			{typ: news.EventStatement, trigger: "news conference", actor: "John Kirby", when: "2021-09-30"},
			{typ: news.EventSanction, trigger: "sanctions", actor: "US", modality: "possible"},
		}, []string{"will meet", "peace talks", "news conference", "US sanctions"}},
		{"003", []want{
			{typ: news.EventMeeting, trigger: "meet", actor: "Wendy Sherman", target: "Pakistani officials",
				when: "2021-10-07/2021-10-08", modality: "planned"},
			{typ: news.EventMeeting, trigger: "visit", place: "Islamabad", modality: "planned"},
			{typ: news.EventTalks, trigger: "talks", actor: "Imran Khan", target: "Pakistani Taliban", when: "2021-10-01"},
		}, []string{"will meet", "Prior to a visit", "begun talks"}},
		{"002", []want{
			// The TTP called the ceasefire off: an agreement with the TTP
			// as its actor that no longer holds.
			{typ: news.EventAgreement, trigger: "ceasefire", actor: "TTP", modality: "cancelled"},
			{typ: news.EventTalks, trigger: "mediated", actor: "Taliban"},
			{typ: news.EventAttack, trigger: "attacks", actor: "TTP", target: "Pakistani forces"},
		}, []string{"called off", "mediated", "intensified"}},
		{"000", []want{
			{typ: news.EventAttack, trigger: "attacks", actor: "TTP", counts: "killed=-1"},
			{typ: news.EventSanction, trigger: "sanctions", target: "Pakistan", modality: "possible"},
		}, []string{"cold blood", "called for sanctions"}},
	}
	tagger := loadTagger(t)
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			text, evs := seedEvents(t, tagger, f, tt.seed)
			for i, w := range tt.want {
				e, ok := findIn(text, evs, w.typ, tt.sentence[i])
				if !ok {
					t.Errorf("no %s event in the sentence with %q; got%s", w.typ, tt.sentence[i], describe(evs))
					continue
				}
				if e.Trigger != w.trigger {
					t.Errorf("%s event in the sentence with %q: trigger %q, want %q", w.typ, tt.sentence[i], e.Trigger, w.trigger)
				}
				checkEvent(t, e, w)
			}
		})
	}
}

// TestSeedsDenied checks that the sanctions seed 000 says the US should
// not impose are not reported as real.
func TestSeedsDenied(t *testing.T) {
	text, evs := seedEvents(t, loadTagger(t), NewFinder(), "000")
	for _, e := range evs {
		if e.Type == news.EventSanction && e.Modality == news.Asserted {
			t.Errorf("asserted sanction in %q", text[e.Sentence.Start:e.Sentence.End])
		}
	}
}

// findIn returns the event of the type whose sentence holds piece.
func findIn(text string, evs []news.Event, typ news.EventType, piece string) (news.Event, bool) {
	for _, e := range evs {
		if e.Type == typ && strings.Contains(text[e.Sentence.Start:e.Sentence.End], piece) {
			return e, true
		}
	}
	return news.Event{}, false
}

func TestSeedsGroup(t *testing.T) {
	tagger := loadTagger(t)
	f := NewFinder()
	var refs []Ref
	var texts []string
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		text, evs := seedEvents(t, tagger, f, seed)
		for _, e := range evs {
			refs = append(refs, Ref{Event: e, Article: news.ArticleID(seed), Published: seedDates[seed]})
			texts = append(texts, text)
		}
	}
	groups := Group(refs)
	groupOf := make([]int, len(refs))
	for g, members := range groups {
		for _, m := range members {
			groupOf[m] = g
		}
	}
	find := func(seed string, typ news.EventType, piece string) int {
		t.Helper()
		for i, r := range refs {
			s := r.Event.Sentence
			if string(r.Article) == seed && r.Event.Type == typ && strings.Contains(texts[i][s.Start:s.End], piece) {
				return i
			}
		}
		t.Fatalf("no %s event in seed %s with %q", typ, seed, piece)
		return -1
	}
	same := []struct {
		name string
		a, b int
	}{
		{"Sherman's meeting in 001 and 003", find("001", news.EventMeeting, "will meet"), find("003", news.EventMeeting, "will meet")},
		{"the visit to Islamabad and the meeting there", find("003", news.EventMeeting, "Prior to a visit"), find("001", news.EventMeeting, "will meet")},
		{"Khan's talks with the Pakistani Taliban in 001 and 003", find("001", news.EventTalks, "peace talks"), find("003", news.EventTalks, "begun talks")},
		{"the Bisham attack, twice in 004", find("004", news.EventAttack, "claimed the lives"), find("004", news.EventAttack, "crucial to the Bisham attack")},
	}
	for _, tt := range same {
		t.Run(tt.name, func(t *testing.T) {
			if groupOf[tt.a] != groupOf[tt.b] {
				t.Errorf("not grouped: %s and %s", describe([]news.Event{refs[tt.a].Event}), describe([]news.Event{refs[tt.b].Event}))
			}
		})
	}
	apart := []struct {
		name string
		a, b int
	}{
		{"the Bisham attack and the assaults on troops", find("004", news.EventAttack, "claimed the lives"), find("004", news.EventAttack, "assaults on Pakistani troops")},
		{"the 9/11 attacks and the Bisham attack", find("001", news.EventAttack, "September 11"), find("004", news.EventAttack, "claimed the lives")},
		{"Khan's talks and the talks the generals want revived", find("001", news.EventTalks, "peace talks"), find("002", news.EventTalks, "revive")},
	}
	for _, tt := range apart {
		t.Run(tt.name, func(t *testing.T) {
			if groupOf[tt.a] == groupOf[tt.b] {
				t.Errorf("grouped: %s and %s", describe([]news.Event{refs[tt.a].Event}), describe([]news.Event{refs[tt.b].Event}))
			}
		})
	}
}
