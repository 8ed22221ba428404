package timex

import (
	"strings"
	"testing"
	"time"
)

// article is fictional news text of about 3 KB with a typical mix of
// temporal expressions.
var article = strings.Repeat(`The regional council said on Thursday that it would meet again on October 7-8 to
vote on the water plan, which has been debated for the past 20 years. Officials told reporters
last week that the first draft, published in March, had drawn more than 2,000 comments.
"We have waited long enough," the council chair said at a news conference on Friday. She added
that the vote would take place at 10 a.m. on the second day, and that the results would be
published within two weeks. Farmers, who have faced three dry summers since 2019, say water
prices rose 12 percent last year and are expected to climb again this year. The river authority,
founded in 1953, has warned for decades that the aquifer is shrinking. Between 1996 and 2001 the
basin lost a fifth of its stock, according to a study released two years ago. The plan would cap
use at 40 litres a day per person during the summer of 2022 and review quotas every six months.
`, 3)

func BenchmarkFind(b *testing.B) {
	f := New()
	ref := time.Date(2021, 10, 2, 0, 0, 0, 0, time.UTC)
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		f.Find(article, ref)
	}
}

func BenchmarkInfer(b *testing.B) {
	f := New()
	b.SetBytes(int64(len(article)))
	b.ReportAllocs()
	for b.Loop() {
		f.Infer(article, nil, Hint{})
	}
}
