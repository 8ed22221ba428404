package timex

import (
	"fmt"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

func date(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// want is one expected expression: its text, TIMEX3 type and value.
type want struct{ text, typ, value string }

func check(t *testing.T, got []news.Timex, text string, wants []want) {
	t.Helper()
	if len(got) != len(wants) {
		t.Errorf("found %d expressions, want %d", len(got), len(wants))
	}
	for i := 0; i < len(got) || i < len(wants); i++ {
		var g news.Timex
		var w want
		if i < len(got) {
			g = got[i]
			if text[g.Span.Start:g.Span.End] != g.Text {
				t.Errorf("%q: span %d-%d holds %q", g.Text, g.Span.Start, g.Span.End, text[g.Span.Start:g.Span.End])
			}
		}
		if i < len(wants) {
			w = wants[i]
		}
		if g.Text != w.text || g.Type != w.typ || g.Value != w.value {
			t.Errorf("#%d = %q %s %s, want %q %s %s", i, g.Text, g.Type, g.Value, w.text, w.typ, w.value)
		}
	}
}

// TestFindTimeML checks TimeML conventions against a reference date of
// Friday, March 22, 2013.
func TestFindTimeML(t *testing.T) {
	ref := date("2013-03-22")
	tests := []struct {
		text string
		want []want
	}{
		{"The minister said on Tuesday that prices rose.", []want{{"Tuesday", "DATE", "2013-03-19"}}},
		{"Officials said Friday the plan was dead.", []want{{"Friday", "DATE", "2013-03-22"}}},
		{"The board will meet on Monday.", []want{{"Monday", "DATE", "2013-03-25"}}},
		{"Sales fell last year and will rise next year.", []want{{"last year", "DATE", "2012"}, {"next year", "DATE", "2014"}}},
		{"Profits this week beat those of last week.", []want{{"this week", "DATE", "2013-W12"}, {"last week", "DATE", "2013-W11"}}},
		{"Output will grow in the third quarter.", []want{{"the third quarter", "DATE", "2013-Q3"}}},
		{"Output grew in the fourth quarter.", []want{{"the fourth quarter", "DATE", "2012-Q4"}}},
		{"The index has doubled over the past 20 years.", []want{{"the past 20 years", "DURATION", "P20Y"}}},
		{"It is now clear, and prices are currently high.", []want{{"now", "DATE", "PRESENT_REF"}, {"currently", "DATE", "PRESENT_REF"}}},
		{"Such riots were rare in the past.", []want{{"the past", "DATE", "PAST_REF"}}},
		{"The flight leaves at 10 a.m. and lands tonight.", []want{{"10 a.m.", "TIME", "2013-03-22T10:00"}, {"tonight", "TIME", "2013-03-22TNI"}}},
		{"Polls close at 15:00 GMT Saturday.", []want{{"15:00 GMT Saturday", "TIME", "2013-03-23T15:00"}}},
		{"Trains run daily and the fee is paid annually.", []want{{"daily", "SET", "P1D"}, {"annually", "SET", "P1Y"}}},
		{"He jogs every morning.", []want{{"every morning", "SET", "XXXX-XX-XXTMO"}}},
		{"She moved there four years ago.", []want{{"four years ago", "DATE", "2009"}}},
		{"The dam opened two weeks ago.", []want{{"two weeks ago", "DATE", "2013-W10"}}},
		{"Rents rose last month and this month.", []want{{"last month", "DATE", "2013-02"}, {"this month", "DATE", "2013-03"}}},
		{"The strike began in early December and ended late last July.", []want{{"early December", "DATE", "2012-12"}, {"late last July", "DATE", "2012-07"}}},
		{"The book is due to be published in May.", []want{{"May", "DATE", "2013-05"}}},
		{"He was sacked in October.", []want{{"October", "DATE", "2012-10"}}},
		{"The vote was held on Feb. 28 and the next one is April 7.", []want{{"Feb. 28", "DATE", "2013-02-28"}, {"April 7", "DATE", "2013-04-07"}}},
		{"It was the warmest day since May 2010.", []want{{"May 2010", "DATE", "2010-05"}}},
		{"Jazz shaped the 20th century and the 1990s.", []want{{"20th century", "DATE", "19"}, {"1990s", "DATE", "199"}}},
		{"The talks lasted almost seven years, a decade in all.", []want{{"almost seven years", "DURATION", "P7Y"}, {"a decade", "DURATION", "P10Y"}}},
		{"A four-week course and a three-month trial.", []want{{"four-week", "DURATION", "P4W"}, {"three-month", "DURATION", "P3M"}}},
		{"Prices have risen in recent weeks.", []want{{"recent weeks", "DURATION", "PXW"}}},
		{"We will know more in the next few months.", []want{{"the next few months", "DURATION", "PXM"}}},
		{"Teams trained for years before the cup.", []want{{"years", "DURATION", "PXY"}}},
		{"They trekked for 12 to 18 months.", []want{{"12", "DURATION", "P12M"}, {"18 months", "DURATION", "P18M"}}},
		{"It may take between two and three years.", []want{{"two", "DURATION", "P2Y"}, {"three years", "DURATION", "P3Y"}}},
		{"He ran the course in 3:07:35.", []want{{"3:07:35", "DURATION", "PT3H7M35S"}}},
		{"It was colder last summer.", []want{{"last summer", "DATE", "2012-SU"}}},
		{"The budget for this fiscal year is set.", []want{{"this fiscal year", "DATE", "2013"}}},
		{"Sales slumped early this year and in early 2011.", []want{{"early this year", "DATE", "2013"}, {"early 2011", "DATE", "2011"}}},
		{"The pandemic of 2009-2010 killed many.", []want{{"2009", "DATE", "2009"}, {"2010", "DATE", "2010"}}},
		{"The club was founded in 1953 and rebuilt in 1957-58.", []want{{"1953", "DATE", "1953"}, {"1957", "DATE", "1957"}, {"58", "DATE", "1958"}}},
		{"Riots broke out Friday afternoon.", []want{{"Friday afternoon", "TIME", "2013-03-22TAF"}}},
		{"Children ages 6 months and older got the shot.", nil},
		{"A 20-year-old man, 12 years old at the time of the war, is held.", nil},
		{"Theresa May said the plan may work. March on, he cried.", nil},
		{"The Sunday Times printed 2,000 copies for 1500 people.", nil},
		{"The ceasefire was month-long.", []want{{"month-long", "DURATION", "P1M"}}},
		{"He met the president on 7 October 2001 and again on Sept. 11, 2002.", []want{{"7 October 2001", "DATE", "2001-10-07"}, {"Sept. 11, 2002", "DATE", "2002-09-11"}}},
		{"The filing is dated 2012-11-05.", []want{{"2012-11-05", "DATE", "2012-11-05"}}},
		{"Net income for the first half of 2012 fell.", []want{{"the first half of 2012", "DATE", "2012-H1"}}},
		{"The summit is planned for the summer of 2014.", []want{{"the summer of 2014", "DATE", "2014-SU"}}},
		{"Christmas falls on a Wednesday.", []want{{"Christmas", "DATE", "2012-12-25"}, {"Wednesday", "DATE", "2013-03-20"}}},
		{"She slept through the day before yesterday.", []want{{"the day before yesterday", "DATE", "2013-03-20"}}},
		{"The report arrived yesterday morning.", []want{{"yesterday morning", "TIME", "2013-03-21TMO"}}},
		{"The mayor spoke this morning.", []want{{"this morning", "TIME", "2013-03-22TMO"}}},
		{"Sales grew 5 percent a year.", []want{{"a year", "SET", "P1Y"}}},
		{"The panel meets twice a month.", []want{{"twice a month", "SET", "P1M"}}},
		{"The war began in the mid-1990s.", []want{{"mid-1990s", "DATE", "199"}}},
		{"It took half an hour and a mere 24 hours later it was over.", []want{{"half an hour", "DURATION", "PT30M"}, {"a mere 24 hours", "DURATION", "PT24H"}}},
		{"The strike lasted a year and a half.", []want{{"a year and a half", "DURATION", "P18M"}}},
		{"The blast hit at 0500 GMT.", []want{{"0500 GMT", "TIME", "2013-03-22T05:00"}}},
		{"Protests that began on 9 May last year go on.", []want{{"9 May last year", "DATE", "2012-05-09"}}},
		{"The plant opened in 1995. The following year it closed.", []want{{"1995", "DATE", "1995"}, {"The following year", "DATE", "1996"}}},
		{"Sales in the current quarter will recover by year-end.", []want{{"the current quarter", "DATE", "2013-Q1"}, {"year-end", "DATE", "2013"}}},
		{"Earnings were $3 million a year earlier.", []want{{"a year", "DURATION", "P1Y"}}},
		{"A 24-hour news cycle and a month-long truce.", []want{{"24-hour", "DURATION", "PT24H"}, {"month-long", "DURATION", "P1M"}}},
		{"Prices peaked by the end of the year.", []want{{"the end of the year", "DATE", "2012"}}},
		{"One day, he said, peace will come.", nil},
	}
	f := NewWithOptions(Options{SplitRanges: true})
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			check(t, f.Find(tt.text, ref), tt.text, tt.want)
		})
	}
}

// TestFindNews checks the news conventions for bare weekdays, months and
// yearless dates, and the precision and bounds Storyline keeps.
func TestFindNews(t *testing.T) {
	tests := []struct {
		name      string
		ref       string
		text      string
		value     string
		precision news.Precision
		begin     string
		end       string // exclusive
	}{
		{"past weekday", "2021-10-02", "Kirby said on Thursday that talks continue.", "2021-09-30", news.Day, "2021-09-30", "2021-10-01"},
		{"future weekday", "2021-10-02", "The envoys will meet on Monday.", "2021-10-04", news.Day, "2021-10-04", "2021-10-05"},
		{"weekday that is today", "2021-10-01", "The minister said on Friday he would stay.", "2021-10-01", news.Day, "2021-10-01", "2021-10-02"},
		{"past month", "2024-05-28", "The attack in March killed six.", "2024-03", news.Month, "2024-03-01", "2024-04-01"},
		{"future month from January", "2024-01-15", "Elections will be held in March.", "2024-03", news.Month, "2024-03-01", "2024-04-01"},
		{"past month from January", "2024-01-15", "The army withdrew in March.", "2023-03", news.Month, "2023-03-01", "2023-04-01"},
		{"day range", "2021-10-02", "Sherman will meet officials on October 7-8.", "2021-10-07/2021-10-08", news.Range, "2021-10-07", "2021-10-09"},
		{"year range", "2021-10-02", "The Taliban ruled during 1996-2001.", "1996/2001", news.Range, "1996-01-01", "2002-01-01"},
		{"yearless date past", "2021-10-02", "The group seized Kabul on August 15.", "2021-08-15", news.Day, "2021-08-15", "2021-08-16"},
		{"yearless date in a new year", "2022-01-05", "The envoy arrived on December 28.", "2021-12-28", news.Day, "2021-12-28", "2021-12-29"},
		{"full date", "2021-10-02", "It began after the September 11, 2001 attacks.", "2001-09-11", news.Day, "2001-09-11", "2001-09-12"},
		{"iso date", "2024-05-28", " date 2021-10-02 The text.", "2021-10-02", news.Day, "2021-10-02", "2021-10-03"},
		{"anchored duration", "2021-10-02", "Violence rose over the past 20 years.", "P20Y", news.Duration, "2001-10-02", "2021-10-03"},
		{"vague duration", "2021-10-02", "Attacks grew in recent days.", "PXD", news.Duration, "", ""},
		{"ago", "2021-10-02", "He left two weeks ago.", "2021-W37", news.Range, "2021-09-13", "2021-09-20"},
		{"this year", "2021-10-02", "Exports fell this year.", "2021", news.Year, "2021-01-01", "2022-01-01"},
		{"next week", "2021-10-02", "A team flies out next week.", "2021-W40", news.Range, "2021-10-04", "2021-10-11"},
		{"decade", "2021-10-02", "It was a hit in the 1990s.", "199", news.Range, "1990-01-01", "2000-01-01"},
		{"early month", "2021-10-02", "Talks are due in early October.", "2021-10", news.Month, "2021-10-01", "2021-11-01"},
		{"now", "2021-10-02", "The border is now closed.", "PRESENT_REF", news.Day, "2021-10-02", "2021-10-03"},
		{"time on a day", "2021-10-02", "Voting ends at 8 p.m. Sunday.", "2021-10-03T20:00", news.Day, "2021-10-03T20:00:00", "2021-10-03T21:00:00"},
	}
	f := New()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, date(tt.ref))
			var x *news.Timex
			for i := range got {
				if got[i].Type != "SET" {
					x = &got[i]
					break
				}
			}
			if x == nil {
				t.Fatalf("found nothing in %q", tt.text)
			}
			if x.Value != tt.value || x.Precision != tt.precision {
				t.Errorf("%q = %s (%s), want %s (%s)", x.Text, x.Value, x.Precision, tt.value, tt.precision)
			}
			if got := instant(x.Begin); got != tt.begin {
				t.Errorf("%q begins %s, want %s", x.Text, got, tt.begin)
			}
			if got := instant(x.End); got != tt.end {
				t.Errorf("%q ends %s, want %s", x.Text, got, tt.end)
			}
		})
	}
}

func instant(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case t.Hour() != 0 || t.Minute() != 0:
		return t.Format("2006-01-02T15:04:05")
	}
	return t.Format("2006-01-02")
}

// TestFindUnknownReference checks that without a reference date absolute
// expressions keep their values and relative ones are vague.
func TestFindUnknownReference(t *testing.T) {
	text := "Sherman will meet on October 7-8, Kirby said on Thursday, last month was calm, " +
		"and the Taliban ruled during 1996-2001 until the September 11, 2001 attacks."
	got := New().Find(text, time.Time{})
	wants := []struct {
		text, value string
		precision   news.Precision
	}{
		{"October 7-8", "XXXX-10-07/XXXX-10-08", news.Vague},
		{"Thursday", "XXXX-WXX-4", news.Vague},
		{"last month", "XXXX-XX", news.Vague},
		{"1996-2001", "1996/2001", news.Range},
		{"September 11, 2001", "2001-09-11", news.Day},
	}
	if len(got) != len(wants) {
		t.Fatalf("found %d expressions, want %d: %+v", len(got), len(wants), got)
	}
	for i, w := range wants {
		g := got[i]
		if g.Text != w.text || g.Value != w.value || g.Precision != w.precision {
			t.Errorf("#%d = %q %s %s, want %q %s %s", i, g.Text, g.Value, g.Precision, w.text, w.value, w.precision)
		}
		if w.precision == news.Vague && (!g.Begin.IsZero() || !g.End.IsZero()) {
			t.Errorf("%q is vague but bounded: %v..%v", g.Text, g.Begin, g.End)
		}
	}
}

// TestSplitRanges checks the TimeML reading of ranges: one expression per
// endpoint.
func TestSplitRanges(t *testing.T) {
	text := "The pandemic of 2009-2010 peaked. Envoys meet on October 7-8."
	got := NewWithOptions(Options{SplitRanges: true}).Find(text, date("2013-09-30"))
	check(t, got, text, []want{
		{"2009", "DATE", "2009"}, {"2010", "DATE", "2010"},
		{"October 7", "DATE", "2013-10-07"}, {"8", "DATE", "2013-10-08"},
	})
}

// TestFindConcurrent checks that one Finder serves many goroutines with
// the same results as one at a time (it recycles buffers between calls).
func TestFindConcurrent(t *testing.T) {
	f := New()
	ref := date("2021-10-02")
	texts := []string{article, "He said on Thursday that they will meet on October 7-8.", "", "nothing here"}
	want := make([][]news.Timex, len(texts))
	for i, text := range texts {
		want[i] = f.Find(text, ref)
	}
	done := make(chan error)
	for g := 0; g < 8; g++ {
		go func() {
			for n := 0; n < 50; n++ {
				i := (g + n) % len(texts)
				got := f.Find(texts[i], ref)
				if len(got) != len(want[i]) {
					done <- fmt.Errorf("text %d: %d expressions, want %d", i, len(got), len(want[i]))
					return
				}
				for k := range got {
					if got[k] != want[i][k] {
						done <- fmt.Errorf("text %d #%d: %+v, want %+v", i, k, got[k], want[i][k])
						return
					}
				}
			}
			done <- nil
		}()
	}
	for g := 0; g < 8; g++ {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
