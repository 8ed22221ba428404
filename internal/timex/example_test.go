package timex_test

import (
	"fmt"
	"time"

	"github.com/storyline-news/storyline/internal/timex"
)

func ExampleFinder_Find() {
	f := timex.New()
	published := time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC)
	text := "Kirby said on Thursday that envoys will meet on October 7-8, " +
		"after talks stalled last month. The Taliban ruled during 1996-2001."
	for _, t := range f.Find(text, published) {
		fmt.Printf("%-12q %s %-21s %-5s %s..%s\n", t.Text, t.Type, t.Value, t.Precision,
			t.Begin.Format("2006-01-02"), t.End.Format("2006-01-02"))
	}
	// Output:
	// "Thursday"   DATE 2021-09-30            day   2021-09-30..2021-10-01
	// "October 7-8" DATE 2021-10-07/2021-10-08 range 2021-10-07..2021-10-09
	// "last month" DATE 2021-09               month 2021-09-01..2021-10-01
	// "1996-2001"  DATE 1996/2001             range 1996-01-01..2002-01-01
}

func ExampleFinder_Infer() {
	f := timex.New()
	text := "The host said on Tuesday that ministers will open the summit on November 14, 2022."
	inf, ok := f.Infer(text, nil, timex.Hint{})
	fmt.Println(inf.Date.Format("Monday 2006-01-02"), ok)
	fmt.Println(inf.Note)
	// Output:
	// Tuesday 2022-11-08 true
	// published before "November 14, 2022" (2022-11-14); closest after "Tuesday"
}
