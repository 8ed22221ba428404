package event_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/event"
	"github.com/storyline-news/storyline/internal/news"
)

// mention marks every occurrence of a name, as a tagger would.
func mention(text, name string, typ news.EntityType) []news.Mention {
	var out []news.Mention
	for off := 0; ; {
		i := strings.Index(text[off:], name)
		if i < 0 {
			return out
		}
		s := off + i
		out = append(out, news.Mention{Span: news.Span{Start: s, End: s + len(name)}, Text: name, Type: typ})
		off = s + len(name)
	}
}

func ExampleFinder_Find() {
	text := "Gunmen killed five soldiers and two civilians near Dovra on Monday. " +
		"The Red Hand Front claimed responsibility for the attack. " +
		"Police later arrested eleven suspects in Tarsk."
	var mentions []news.Mention
	mentions = append(mentions, mention(text, "Dovra", news.Place)...)
	mentions = append(mentions, mention(text, "Tarsk", news.Place)...)
	mentions = append(mentions, mention(text, "Red Hand Front", news.Organisation)...)
	monday := time.Date(2023, 5, 8, 0, 0, 0, 0, time.UTC)
	times := []news.Timex{{
		Span: news.Span{Start: strings.Index(text, "Monday"), End: strings.Index(text, "Monday") + 6},
		Text: "Monday", Type: "DATE", Value: "2023-05-08", Precision: news.Day,
		Begin: monday, End: monday.AddDate(0, 0, 1),
	}}

	f := event.NewFinder()
	for _, e := range f.Find(text, mentions, times) {
		when := "-"
		if e.When != nil {
			when = e.When.Value
		}
		fmt.Printf("%s %q actor=%q target=%q place=%q when=%s killed=%d arrested=%d\n",
			e.Type, e.Trigger, e.Actor, e.Target, e.Place, when, e.Killed, e.Arrested)
	}
	// Output:
	// attack "killed" actor="Gunmen" target="soldiers" place="Dovra" when=2023-05-08 killed=7 arrested=-1
	// attack "attack" actor="Red Hand Front" target="" place="" when=- killed=-1 arrested=-1
	// arrest "arrested" actor="Police" target="suspects" place="Tarsk" when=- killed=-1 arrested=11
}

func ExampleGroup() {
	day := func(d int) *news.Timex {
		b := time.Date(2023, 5, d, 0, 0, 0, 0, time.UTC)
		return &news.Timex{Value: b.Format("2006-01-02"), Precision: news.Day, Begin: b, End: b.AddDate(0, 0, 1)}
	}
	refs := []event.Ref{
		{Article: "a", Event: news.Event{Type: news.EventAttack, Trigger: "bombing", Place: "Tarsk", When: day(8), Killed: 5, Injured: -1, Arrested: -1}},
		{Article: "b", Event: news.Event{Type: news.EventAttack, Trigger: "blast", Actor: "Red Hand Front", Place: "Tarsk", Killed: 6, Injured: -1, Arrested: -1}},
		{Article: "b", Event: news.Event{Type: news.EventArrest, Trigger: "arrested", Place: "Tarsk", When: day(9), Killed: -1, Injured: -1, Arrested: 11}},
		{Article: "c", Event: news.Event{Type: news.EventAttack, Trigger: "bombing", Place: "Dovra", When: day(8), Killed: 2, Injured: -1, Arrested: -1}},
	}
	for _, g := range event.Group(refs) {
		fmt.Println(g)
	}
	// Output:
	// [0 1]
	// [2]
	// [3]
}
