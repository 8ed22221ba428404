package event

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// FuzzFind checks that Find never panics, whatever the text and however
// wrong the mentions and dates given with it, and that what it returns
// points into the text.
func FuzzFind(f *testing.F) {
	f.Add("Gunmen killed five soldiers and two civilians in Port Elsen on Monday.", 8, 20, 3)
	f.Add("No one was hurt. Police arrested 11 suspects, the U.S. embassy said.", 0, 400, 1)
	f.Add("“We did talk to them (TTP) which was mediated by the Taliban,” Yusuf said.\n\nTwenty-three were detained", 5, 9, 2)
	f.Add(" date 2021-10-02 Prior to a visit to Islamabad, Sherman’s team met.", -4, 12, 0)
	f.Add("killed killed killed and and , , 1,200 thirty five hundred dozen a dozen no one", 3, 3, 7)
	f.Add("\xff\xfe attack\u00a0on X’s n't 's ’s ... ?! “”", 1, 2, 1)
	finder := NewFinder()
	f.Fuzz(func(t *testing.T, text string, a, b, c int) {
		// Mentions and dates at arbitrary, possibly invalid, offsets.
		types := []news.EntityType{news.Person, news.Organisation, news.Place, news.OtherName}
		var ments []news.Mention
		var times []news.Timex
		for i := range 4 {
			s, e := a+i*c, b+i*c
			ments = append(ments, news.Mention{Span: news.Span{Start: s, End: e}, Type: types[(i+c)&3]})
			times = append(times, news.Timex{Span: news.Span{Start: e, End: e + c}, Type: "DATE", Value: "2023-05-01",
				Precision: news.Day, Begin: refDate, End: refDate.AddDate(0, 0, 1)})
		}
		for _, ms := range [][]news.Mention{nil, ments} {
			evs := finder.Find(text, ms, times)
			for _, e := range evs {
				s := e.Sentence
				if s.Start < 0 || s.Start >= s.End || s.End > len(text) {
					t.Fatalf("sentence span %v outside text of %d bytes", s, len(text))
				}
				if e.Trigger == "" || !strings.Contains(text[s.Start:s.End], e.Trigger) {
					t.Fatalf("trigger %q not in its sentence %q", e.Trigger, text[s.Start:s.End])
				}
				for _, arg := range []string{e.Actor, e.Target, e.Place} {
					if arg != "" && !strings.Contains(text, arg) {
						t.Fatalf("argument %q not in the text", arg)
					}
				}
				if e.Killed < -1 || e.Injured < -1 || e.Arrested < -1 {
					t.Fatalf("count below -1: %+v", e)
				}
				if e.Type == "" {
					t.Fatalf("event without a type: %+v", e)
				}
			}
		}
	})
}
