package event

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// want is what a test expects of one event; empty fields are not checked.
type want struct {
	typ                  news.EventType
	trigger              string
	actor, target, place string // "-" for none
	when                 string // the Timex value, "-" for none
	counts               string // "killed=7 injured=-1 arrested=0": the counts to check
	modality             string // "asserted", "planned", "possible" or "cancelled"
}

func TestFind(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		mentions []string
		want     []want
		not      []news.EventType // types that must not be found
	}{
		{
			name:     "active attack with counts in words",
			text:     "Gunmen from the Red Hand Front killed five soldiers and two civilians in Port Elsen on Monday.",
			mentions: []string{"ORG:Red Hand Front", "LOC:Port Elsen"},
			want: []want{{typ: news.EventAttack, trigger: "killed", actor: "Red Hand Front", target: "soldiers",
				place: "Port Elsen", when: "2023-05-08", counts: "killed=7 injured=-1 arrested=-1"}},
		},
		{
			name:     "passive casualties in digits",
			text:     "Three police officers were killed and 12 people were injured when a car bomb exploded near the central market in Tarsk.",
			mentions: []string{"LOC:Tarsk"},
			want:     []want{{typ: news.EventAttack, trigger: "exploded", place: "Tarsk", when: "-", counts: "killed=3 injured=12 arrested=-1"}},
		},
		{
			name:     "passive agent",
			text:     "The convoy was ambushed by the Northern Brigade outside Dovra.",
			mentions: []string{"ORG:Northern Brigade", "LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "ambushed", actor: "Northern Brigade", place: "Dovra", counts: "killed=-1 injured=-1"}},
		},
		{
			name:     "claimed responsibility and a list of casualties",
			text:     "The Northern Brigade claimed responsibility for the bombing in Tarsk, which left three guards dead and four injured.",
			mentions: []string{"ORG:Northern Brigade", "LOC:Tarsk"},
			want:     []want{{typ: news.EventAttack, trigger: "bombing", actor: "Northern Brigade", place: "Tarsk", counts: "killed=3 injured=4"}},
		},
		{
			name:     "blamed on",
			text:     "Officials blamed the attack on the Red Hand Front.",
			mentions: []string{"ORG:Red Hand Front"},
			want:     []want{{typ: news.EventAttack, trigger: "attack", actor: "Red Hand Front"}},
		},
		{
			name:     "attributed to and lives claimed",
			text:     "The blast, which claimed the lives of six miners and one guard, was attributed to the Red Hand Front.",
			mentions: []string{"ORG:Red Hand Front"},
			want:     []want{{typ: news.EventAttack, trigger: "blast", actor: "Red Hand Front", counts: "killed=7"}},
		},
		{
			name:     "death toll",
			text:     "The death toll from the bombing in Tarsk rose to 31 on Wednesday.",
			mentions: []string{"LOC:Tarsk"},
			want:     []want{{typ: news.EventAttack, trigger: "bombing", place: "Tarsk", when: "2023-05-10", counts: "killed=31"}},
		},
		{
			name:     "dead and wounded nouns",
			text:     "At least 14 dead and 30 wounded after rockets struck a market in Dovra.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, place: "Dovra", counts: "killed=14 injured=30"}},
		},
		{
			name: "vague amounts give no count",
			text: "Dozens of people were killed in the fighting and hundreds were wounded.",
			want: []want{{typ: news.EventAttack, counts: "killed=-1 injured=-1"}},
		},
		{
			name:     "no one hurt",
			text:     "A bomb exploded outside the embassy in Tarsk, but no one was hurt.",
			mentions: []string{"LOC:Tarsk"},
			want:     []want{{typ: news.EventAttack, trigger: "exploded", place: "Tarsk", counts: "killed=0 injured=0"}},
		},
		{
			name: "a denial of deaths alone is no event",
			text: "No one was killed.",
			not:  []news.EventType{news.EventAttack, news.EventOther},
		},
		{
			name:     "arrest with a count",
			text:     "Police arrested eleven suspects in Dovra on Tuesday.",
			mentions: []string{"LOC:Dovra"},
			want: []want{{typ: news.EventArrest, trigger: "arrested", actor: "Police", target: "suspects", place: "Dovra",
				when: "2023-05-09", counts: "killed=-1 injured=-1 arrested=11"}},
		},
		{
			name: "passive arrest with a compound number",
			text: "Twenty-three people were detained after the clashes.",
			want: []want{{typ: news.EventArrest, trigger: "detained", target: "people", counts: "arrested=23"}},
		},
		{
			name:     "sanctions imposed",
			text:     "The European Union imposed sanctions on Varnia on Friday.",
			mentions: []string{"ORG:European Union", "LOC:Varnia"},
			want: []want{{typ: news.EventSanction, trigger: "sanctions", actor: "European Union", target: "Varnia",
				when: "2023-05-05", modality: "asserted"}},
		},
		{
			name:     "a ceasefire called off is cancelled",
			text:     "The Dostian Front called off the month-long ceasefire with Varnia.",
			mentions: []string{"ORG:Dostian Front", "LOC:Varnia"},
			want:     []want{{typ: news.EventAgreement, trigger: "ceasefire", actor: "Dostian Front", modality: "cancelled"}},
		},
		{
			name:     "sanctions lifted are cancelled",
			text:     "The European Union lifted its sanctions on Varnia.",
			mentions: []string{"ORG:European Union", "LOC:Varnia"},
			want:     []want{{typ: news.EventSanction, trigger: "sanctions", modality: "cancelled"}},
		},
		{
			name:     "talks cancelled after the trigger are cancelled",
			text:     "The peace talks with Varnia were abruptly cancelled on Friday.",
			mentions: []string{"LOC:Varnia"},
			want:     []want{{typ: news.EventTalks, trigger: "talks", when: "2023-05-05", modality: "cancelled"}},
		},
		{
			name:     "a ceasefire that held is asserted",
			text:     "The ceasefire with Varnia was signed on Friday.",
			mentions: []string{"LOC:Varnia"},
			want:     []want{{typ: news.EventAgreement, trigger: "ceasefire", when: "2023-05-05", modality: "asserted"}},
		},
		{
			name:     "a ceasefire called for is possible, not cancelled",
			text:     "The United Nations called for a ceasefire in Varnia.",
			mentions: []string{"ORG:United Nations", "LOC:Varnia"},
			want:     []want{{typ: news.EventAgreement, trigger: "ceasefire", modality: "possible"}},
		},
		{
			name:     "threatened sanctions are possible",
			text:     "The government threatened to impose sanctions on Dostia.",
			mentions: []string{"LOC:Dostia"},
			want:     []want{{typ: news.EventSanction, actor: "government", target: "Dostia", modality: "possible"}},
		},
		{
			name:     "denied sanctions are no event",
			text:     "Varnia should not impose sanctions on Dostia.",
			mentions: []string{"LOC:Varnia", "LOC:Dostia"},
			not:      []news.EventType{news.EventSanction},
		},
		{
			name:     "agreement signed by two parties",
			text:     "Varnia and Dostia signed a ceasefire agreement in Geneva on Saturday.",
			mentions: []string{"LOC:Varnia", "LOC:Dostia", "LOC:Geneva"},
			want: []want{{typ: news.EventAgreement, trigger: "ceasefire", actor: "Varnia", target: "Dostia", place: "Geneva",
				when: "2023-05-06"}},
		},
		{
			name:     "no agreement",
			text:     "The two sides failed to reach an agreement in Geneva.",
			mentions: []string{"LOC:Geneva"},
			not:      []news.EventType{news.EventAgreement},
		},
		{
			name:     "signed a bill is no agreement",
			text:     "President Ana Lenz signed the bill in Tarsk.",
			mentions: []string{"PER:Ana Lenz", "LOC:Tarsk"},
			not:      []news.EventType{news.EventAgreement},
		},
		{
			name:     "peace deal, not deal with",
			text:     "Varnia must deal with the rebels. The rebels want a peace deal with Varnia.",
			mentions: []string{"LOC:Varnia"},
			want:     []want{{typ: news.EventAgreement, trigger: "deal", actor: "rebels", target: "Varnia"}},
		},
		{
			name:     "protest with a crowd size is no casualty",
			text:     "About 5,000 people marched through Tarsk on Saturday to protest against the new tax.",
			mentions: []string{"LOC:Tarsk"},
			want:     []want{{typ: news.EventProtest, trigger: "marched", actor: "people", place: "Tarsk", when: "2023-05-06", counts: "killed=-1 injured=-1 arrested=-1"}},
		},
		{
			name:     "protest with arrests",
			text:     "Police detained 40 demonstrators at a rally in Dovra.",
			mentions: []string{"LOC:Dovra"},
			want: []want{
				{typ: news.EventArrest, trigger: "detained", actor: "Police", counts: "arrested=40"},
				{typ: news.EventProtest, trigger: "rally", place: "Dovra", counts: "killed=-1"},
			},
		},
		{
			name:     "March is a month, not a protest",
			text:     "The rebels attacked Dovra in March.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "attacked", actor: "rebels", target: "Dovra", when: "2023-03"}},
			not:      []news.EventType{news.EventProtest},
		},
		{
			name:     "planned talks",
			text:     "Varnia will hold talks with Dostia next week.",
			mentions: []string{"LOC:Varnia", "LOC:Dostia"},
			want: []want{{typ: news.EventTalks, trigger: "talks", actor: "Varnia", target: "Dostia",
				modality: "planned"}},
		},
		{
			name:     "talks between",
			text:     "Talks between Varnia and Dostia resumed in Geneva.",
			mentions: []string{"LOC:Varnia", "LOC:Dostia", "LOC:Geneva"},
			want:     []want{{typ: news.EventTalks, actor: "Varnia", target: "Dostia", place: "Geneva"}},
		},
		{
			name:     "meeting of two people",
			text:     "President Ana Lenz met Prime Minister Otto Berg in Tarsk on Thursday.",
			mentions: []string{"PER:Ana Lenz", "PER:Otto Berg", "LOC:Tarsk"},
			want: []want{{typ: news.EventMeeting, trigger: "met", actor: "Ana Lenz", target: "Otto Berg", place: "Tarsk",
				when: "2023-05-04", modality: "asserted"}},
		},
		{
			name:     "visit",
			text:     "Otto Berg is expected to visit Dovra next month.",
			mentions: []string{"PER:Otto Berg", "LOC:Dovra"},
			want:     []want{{typ: news.EventMeeting, trigger: "visit", actor: "Otto Berg", modality: "planned"}},
		},
		{
			name:     "meeting demands is no meeting",
			text:     "The ministry cannot meet the farmers' demands.",
			mentions: nil,
			not:      []news.EventType{news.EventMeeting},
		},
		{
			name:     "election",
			text:     "Voters in Dostia went to the polls on Sunday.",
			mentions: []string{"LOC:Dostia"},
			want:     []want{{typ: news.EventElection, trigger: "went to the polls", place: "Dostia", when: "2023-05-07"}},
		},
		{
			name:     "opinion polls are no election",
			text:     "Opinion polls in Dostia show a close race.",
			mentions: []string{"LOC:Dostia"},
			not:      []news.EventType{news.EventElection},
		},
		{
			name:     "disaster deaths are no attack",
			text:     "An earthquake killed 40 people in northern Dostia.",
			mentions: []string{"LOC:Dostia"},
			want:     []want{{typ: news.EventOther, trigger: "killed", counts: "killed=40"}},
			not:      []news.EventType{news.EventAttack},
		},
		{
			name:     "statement at a news conference",
			text:     "Interior Minister Ana Lenz told a news conference on Thursday that the Red Hand Front was behind the ambush.",
			mentions: []string{"PER:Ana Lenz", "ORG:Red Hand Front"},
			want: []want{
				{typ: news.EventStatement, trigger: "news conference", actor: "Ana Lenz", when: "2023-05-04"},
				{typ: news.EventAttack, trigger: "ambush", actor: "Red Hand Front", when: "-"},
			},
		},
		{
			name:     "said alone is no statement",
			text:     "Ana Lenz said the economy was growing.",
			mentions: []string{"PER:Ana Lenz"},
			not:      []news.EventType{news.EventStatement},
		},
		{
			name:     "pronoun resolved across sentences",
			text:     "The Red Hand Front has grown stronger. Its fighters attacked a police post in Dovra on Sunday.",
			mentions: []string{"ORG:Red Hand Front", "LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "attacked", actor: "fighters", place: "Dovra"}},
		},
		{
			name:     "his government",
			text:     "Otto Berg said his government had opened talks with the rebels.",
			mentions: []string{"PER:Otto Berg"},
			want:     []want{{typ: news.EventTalks, trigger: "talks", actor: "Otto Berg", target: "rebels"}},
		},
		{
			name:     "acronym is no pronoun",
			text:     "Senators have moved a bill which could lead to US sanctions against Dostia.",
			mentions: []string{"LOC:US", "LOC:Dostia"},
			want:     []want{{typ: news.EventSanction, actor: "US", target: "Dostia", modality: "possible"}},
		},
		{
			name:     "two counts of two kinds",
			text:     "Two engineers were killed and five people were injured in the attack on a bus carrying Dostian workers.",
			mentions: []string{"MISC:Dostian"},
			want:     []want{{typ: news.EventAttack, trigger: "attack", target: "engineers", counts: "killed=2 injured=5 arrested=-1"}},
		},
		{
			name:     "security forces in a raid",
			text:     "Security forces killed 12 militants in a raid near Dovra on Sunday, the army said.",
			mentions: []string{"LOC:Dovra"},
			want: []want{{typ: news.EventAttack, trigger: "raid", actor: "Security forces", target: "militants", place: "Dovra",
				when: "2023-05-07", counts: "killed=12"}},
		},
		{
			name:     "a place is not the actor",
			text:     "Talks opened ten days after a border clash near Dunmere killed three Estavian guards.",
			mentions: []string{"LOC:Dunmere", "MISC:Estavian"},
			want:     []want{{typ: news.EventAttack, trigger: "clash", actor: "-", target: "Estavian guards", place: "Dunmere", counts: "killed=3"}},
		},
		{
			name:     "days after an event: dated from the sentence's date",
			text:     "Norland and Estavia opened talks on Wednesday, ten days after a border clash near Dunmere killed three Estavian guards.",
			mentions: []string{"LOC:Norland", "LOC:Estavia", "LOC:Dunmere", "MISC:Estavian"},
			want: []want{{typ: news.EventTalks, trigger: "talks", when: "2023-05-10"},
				{typ: news.EventAttack, trigger: "clash", place: "Dunmere", when: "2023-04-30", counts: "killed=3"}},
		},
		{
			name:     "days before an event with its own date",
			text:     "Gunmen attacked a polling station in Dovra two days before the vote on Sunday.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventElection, trigger: "vote", when: "2023-05-07"}},
		},
		{
			name:     "days after an event, with no date to count from: undated",
			text:     "Three days after the ambush near Dovra, the army still held the road on Friday.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "ambush", place: "Dovra", when: "-"}},
		},
		{
			name:     "headline",
			text:     "12 dead in Dovra market blast\n\nRescuers searched the rubble on Tuesday.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "blast", place: "Dovra", counts: "killed=12"}},
		},
		{
			name:     "statement by a ministry",
			text:     "The foreign ministry of Varnia announced the arrest of two diplomats.",
			mentions: []string{"LOC:Varnia"},
			want: []want{
				{typ: news.EventStatement, trigger: "announced", actor: "foreign ministry of Varnia"},
				{typ: news.EventArrest, trigger: "arrest", target: "diplomats", counts: "arrested=2"},
			},
		},
		{
			name:     "a disaster goes on in the next sentence",
			text:     "An earthquake struck northern Dostia on Sunday. Ten people were killed and 50 injured.",
			mentions: []string{"LOC:Dostia"},
			want:     []want{{typ: news.EventOther, trigger: "killed", counts: "killed=10 injured=50"}},
			not:      []news.EventType{news.EventAttack},
		},
		{
			name:     "a measure is no count",
			text:     "Lenz had been arrested four times since 2019.",
			mentions: []string{"PER:Lenz"},
			want:     []want{{typ: news.EventArrest, trigger: "arrested", target: "Lenz", counts: "arrested=-1"}},
		},
		{
			name:     "the owner of an arrest is its target",
			text:     "Protests spread across Dovra after his arrest on Friday. Otto Berg denies the charges.",
			mentions: []string{"LOC:Dovra", "PER:Otto Berg"},
			want:     []want{{typ: news.EventArrest, trigger: "arrest", actor: "", when: "2023-05-05"}},
		},
		{
			name:     "riot police and assault rifles are no events",
			text:     "Riot police seized assault rifles in a raid in Dovra.",
			mentions: []string{"LOC:Dovra"},
			want:     []want{{typ: news.EventAttack, trigger: "raid", place: "Dovra"}},
			not:      []news.EventType{news.EventProtest},
		},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, names(tt.text, tt.mentions...), times(tt.text, refDate))
			checkSpans(t, tt.text, got)
			for _, w := range tt.want {
				e, ok := findType(got, w.typ, w.trigger)
				if !ok {
					t.Errorf("no %s event (trigger %q); got%s", w.typ, w.trigger, describe(got))
					continue
				}
				checkEvent(t, e, w)
			}
			for _, typ := range tt.not {
				if e, ok := findType(got, typ, ""); ok {
					t.Errorf("found %s event %q, want none; got%s", typ, e.Trigger, describe(got))
				}
			}
		})
	}
}

// findType returns the first event of the type (and trigger, if given).
func findType(evs []news.Event, typ news.EventType, trigger string) (news.Event, bool) {
	for _, e := range evs {
		if e.Type == typ && (trigger == "" || e.Trigger == trigger) {
			return e, true
		}
	}
	return news.Event{}, false
}

// checkEvent compares the fields of an event that w sets.
func checkEvent(t *testing.T, e news.Event, w want) {
	t.Helper()
	str := func(field, got, want string) {
		switch {
		case want == "-" && got != "":
			t.Errorf("%s %q: %s = %q, want none", e.Type, e.Trigger, field, got)
		case want != "" && want != "-" && got != want:
			t.Errorf("%s %q: %s = %q, want %q", e.Type, e.Trigger, field, got, want)
		}
	}
	str("actor", e.Actor, w.actor)
	str("target", e.Target, w.target)
	str("place", e.Place, w.place)
	switch {
	case w.when == "-" && e.When != nil:
		t.Errorf("%s %q: when = %q, want none", e.Type, e.Trigger, e.When.Value)
	case w.when != "" && w.when != "-" && (e.When == nil || e.When.Value != w.when):
		got := "none"
		if e.When != nil {
			got = e.When.Value
		}
		t.Errorf("%s %q: when = %s, want %s", e.Type, e.Trigger, got, w.when)
	}
	for c := range strings.FieldsSeq(w.counts) {
		field, v, _ := strings.Cut(c, "=")
		want, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("bad count %q in test", c)
		}
		got := map[string]int{"killed": e.Killed, "injured": e.Injured, "arrested": e.Arrested}[field]
		if got != want {
			t.Errorf("%s %q: %s = %d, want %d", e.Type, e.Trigger, field, got, want)
		}
	}
	if w.modality != "" {
		want := news.Modality(w.modality)
		if w.modality == "asserted" {
			want = news.Asserted
		}
		if e.Modality != want {
			t.Errorf("%s %q: modality = %q, want %q", e.Type, e.Trigger, e.Modality, want)
		}
	}
}

// TestFindConcurrent checks that one Finder gives the same events to
// goroutines that share it as to a single caller.
func TestFindConcurrent(t *testing.T) {
	f := NewFinder()
	texts := []string{benchArticle, "Police arrested eleven suspects in Dovra on Tuesday.", "No one was killed."}
	want := make([][]news.Event, len(texts))
	for i, text := range texts {
		want[i] = f.Find(text, names(text, benchMentions...), times(text, refDate))
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		wg.Go(func() {
			for n := range 20 {
				i := (g + n) % len(texts)
				got := f.Find(texts[i], names(texts[i], benchMentions...), times(texts[i], refDate))
				if !reflect.DeepEqual(got, want[i]) {
					errs <- fmt.Sprintf("goroutine %d, text %d: got%s\nwant%s", g, i, describe(got), describe(want[i]))
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}
