package summary

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

func day(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }

// A fictional story: three reports over three days, a copy of the first
// from another outlet (a word changed here and there), and an opinion
// piece that repeats the facts in the author's voice.
var (
	report1 = `Norland's coast guard has stopped a ferry carrying 300 passengers after it ran aground near Port Avel on Monday night.
No one was hurt, and all passengers were taken ashore by fishing boats before dawn, the coast guard said.
The ferry, operated by Estavia Lines, had left Dunmere two hours earlier in heavy fog.
Investigators from the transport ministry will board the vessel on Tuesday to read its voyage recorder.
The company said it would cooperate fully with the inquiry and offered refunds to every passenger.`

	copy1 = `Norland's coast guard has stopped a ferry carrying 300 passengers after it ran aground near Port Avel on Monday night.
No one was hurt, and all passengers were taken ashore by fishing boats before dawn, the coast guard said.
The ferry, run by Estavia Lines, had left Dunmere two hours earlier in heavy fog.
Investigators from the transport ministry will board the vessel on Tuesday to read its voyage recorder.`

	report2 = `Investigators boarded the grounded Estavia Lines ferry off Port Avel on Tuesday and recovered its voyage recorder.
No one was hurt, and all passengers were taken ashore by fishing boats before dawn on Monday, the coast guard said.
The recorder shows the ferry's radar was switched off forty minutes before it struck the rocks, an investigator said.
Estavia Lines suspended the captain and two officers pending the outcome of the inquiry.`

	report3 = `Norland's transport minister ordered all Estavia Lines ferries to stay in port until their radar systems are inspected.
The order follows the grounding of a ferry near Port Avel on Monday night with 300 passengers aboard.
Inspectors expect to finish checking the company's eleven vessels by the end of the week, the ministry said.
Passengers stranded by the order will be carried by two chartered ships from Dunmere on Thursday.`

	opinion = `Norland's coast guard stopped a ferry carrying 300 passengers after it ran aground near Port Avel, and we should all be furious.
The ferry operator Estavia Lines has ignored radar inspections for years and the transport ministry let it happen.
It is time for the minister to resign and for every ferry in Norland to be inspected by independent engineers.`
)

func storyDocs() []Doc {
	return []Doc{
		{ID: "op", Text: opinion, Published: day(4), Opinion: true},
		{ID: "r3", Text: report3, Published: day(5)},
		{ID: "cp", Text: copy1, Published: day(3), CopyOf: "r1"},
		{ID: "r1", Text: report1, Published: day(3)},
		{ID: "r2", Text: report2, Published: day(4)},
	}
}

func TestStory(t *testing.T) {
	docs := storyDocs()
	texts := map[news.ArticleID]string{}
	for _, d := range docs {
		texts[d.ID] = d.Text
	}
	sum := Story(docs)
	for _, s := range sum {
		t.Logf("%v %s", s.Articles, s.Text)
	}
	if len(sum) < MinSentences || len(sum) > MaxSentences {
		t.Fatalf("%d sentences, want %d to %d", len(sum), MinSentences, MaxSentences)
	}
	fromReport1 := false
	for i, s := range sum {
		if strings.Contains(opinion, s.Text) {
			t.Errorf("sentence %d is the opinion piece's: %q", i, s.Text)
		}
		if slices.Contains(s.Articles, "op") {
			t.Errorf("sentence %d is credited to the opinion piece: %v", i, s.Articles)
		}
		// Every article credited carries the sentence, word for word or
		// nearly: most of its words.
		for _, a := range s.Articles {
			if share := bestShare(s.Text, texts[a]); share < 0.5 {
				t.Errorf("sentence %d %q credited to %s, which shares %.2f of its words at best", i, s.Text, a, share)
			}
		}
		// Every report that holds it word for word is credited,
		// the copy included.
		for id, text := range texts {
			if id != "op" && strings.Contains(text, s.Text) && !slices.Contains(s.Articles, id) {
				t.Errorf("sentence %d %q is in %s, not credited: %v", i, s.Text, id, s.Articles)
			}
		}
		if strings.Contains(report1, s.Text) {
			fromReport1 = true
			if !slices.Contains(s.Articles, "cp") {
				t.Errorf("sentence %d %q of the copied report is not credited to its copy: %v", i, s.Text, s.Articles)
			}
		}
		for j := range i {
			if sh := jaccard(s.Text, sum[j].Text); sh >= 0.5 {
				t.Errorf("sentences %d and %d say the same (%.2f of words shared):\n%s\n%s", j, i, sh, sum[j].Text, s.Text)
			}
		}
	}
	if !fromReport1 {
		t.Error("no sentence of the first report, which the copy repeats: the copy's credit is untested")
	}
	// In time order: the earliest carrier's date, then the place in the
	// text.
	for i := 1; i < len(sum); i++ {
		a, b := sum[i-1], sum[i]
		if b.Published.Before(a.Published) {
			t.Errorf("sentence %d (%s) comes before sentence %d (%s)", i, day0(b.Published), i-1, day0(a.Published))
		}
		for id, text := range texts {
			if x, y := strings.Index(text, a.Text), strings.Index(text, b.Text); a.Published.Equal(b.Published) && x >= 0 && y >= 0 && x > y {
				t.Errorf("sentences %d and %d out of their order in %s", i-1, i, id)
			}
		}
	}
}

// The same story in any order of its articles has the same summary.
func TestStoryDeterministic(t *testing.T) {
	docs := storyDocs()
	want := Story(docs)
	slices.Reverse(docs)
	got := Story(docs)
	if len(got) != len(want) {
		t.Fatalf("reversed: %d sentences, want %d", len(got), len(want))
	}
	for i := range got {
		if got[i].Text != want[i].Text || !slices.Equal(got[i].Articles, want[i].Articles) {
			t.Errorf("reversed: sentence %d = %q %v, want %q %v", i, got[i].Text, got[i].Articles, want[i].Text, want[i].Articles)
		}
	}
}

func TestStoryOfOpinionAlone(t *testing.T) {
	if got := Story([]Doc{{ID: "op", Text: opinion, Opinion: true}}); len(got) != 0 {
		t.Errorf("an opinion piece alone gave a summary: %v", got)
	}
}

func TestHeadline(t *testing.T) {
	for _, c := range []struct {
		name, title, text string
		from              Source
		want              string // "" to check only the rules below
	}{
		{"written", "Ferry runs aground off Port Avel", report1, Written, "Ferry runs aground off Port Avel"},
		{"ingest's lead title", "Norland's coast guard has stopped a ferry carrying 300 passengers after …", report1, Lead, ""},
		{"no title", "", report1, Lead, ""},
		{"dateline", "", "PORT AVEL (Norpress) - Rescuers pulled 40 people from the sea after a ferry sank in a storm off the northern coast, officials said.", Lead, ""},
		{"opener", "", "Ahead of a visit to Dunmere, a senior Estavian envoy urged Norland to free the detained fishermen. More text follows here.", Lead, "Senior Estavian envoy urged Norland to free the detained fishermen"},
		{"aside", "", "The ferry's captain, who had sailed the route for twenty years, was suspended by Estavia Lines on Friday pending the inquiry into the grounding.", Lead, ""},
		{"participle opener", "", "Citing the fog and a broken radar, the transport minister ordered all ferries of Estavia Lines to stay in port until they are inspected.", Lead, ""},
		{"date line first", "", "Tuesday, March 4, 2025 10:42 GMT\nRescuers searched the coast near Port Avel for a missing fisherman on Tuesday.", Lead, "Rescuers searched the coast near Port Avel for a missing fisherman on Tuesday"},
		{"banner title", "WE MUST NOT LOOK AWAY FROM THE FVF", "The FVF has claimed the attack on the Dunmere depot.", Banner, "We must not look away from the FVF"},
		{"banner lead", "", "THE MINISTER MUST GO NOW. The minister of Norland has failed the passengers of Estavia Lines.", Banner, "The minister must go now"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, from := Headline(c.title, c.text)
			if from != c.from {
				t.Errorf("source %d, want %d", from, c.from)
			}
			if c.want != "" && got != c.want {
				t.Errorf("headline %q, want %q", got, c.want)
			}
			if from == Lead {
				checkMade(t, got)
			}
			for _, cut := range []string{"PORT AVEL", "Norpress", "said", "Ahead of", "twenty years", "Citing", "GMT"} {
				if strings.Contains(got, cut) {
					t.Errorf("headline %q keeps %q", got, cut)
				}
			}
		})
	}
}

// checkMade checks what a reader sees of a headline made from a lead: not
// cut mid-phrase, not too long, capitalised, no banner.
func checkMade(t *testing.T, h string) {
	t.Helper()
	ws := strings.Fields(h)
	switch {
	case len(ws) < 3:
		t.Errorf("headline %q: too short", h)
	case utf8.RuneCountInString(h) > MaxHeadline:
		t.Errorf("headline %q: %d runes, more than %d", h, utf8.RuneCountInString(h), MaxHeadline)
	case strings.HasSuffix(h, "…") || strings.HasSuffix(h, "."):
		t.Errorf("headline %q ends as a cut or a sentence", h)
	case weakEnd[strings.ToLower(ws[len(ws)-1])]:
		t.Errorf("headline %q ends mid-phrase", h)
	case isBanner(h):
		t.Errorf("headline %q is in capitals", h)
	case strings.ToUpper(h[:1]) != h[:1]:
		t.Errorf("headline %q does not start with a capital", h)
	}
}

func TestSentences(t *testing.T) {
	text := `Mr. Avel met Gen. Dorn in Port Avel on Jan. 4. They talked for an hour.
"We agreed," he said. The U.S. envoy was there too! Was it useful? Yes.`
	var got []string
	for _, s := range sentences(text, 100) {
		got = append(got, s.text)
	}
	want := []string{"Mr. Avel met Gen. Dorn in Port Avel on Jan. 4.", "They talked for an hour.", `"We agreed," he said.`,
		"The U.S. envoy was there too!", "Was it useful?", "Yes."}
	if !slices.Equal(got, want) {
		t.Errorf("sentences:\n got %q\nwant %q", got, want)
	}
}

// bestShare is the largest share of s's words that one sentence of text
// holds.
func bestShare(s, text string) float64 {
	ws := lowerWords(s)
	best := 0.0
	for _, x := range sentences(text, 1000) {
		in := lowerWords(x.text)
		n := 0
		for _, w := range ws {
			if slices.Contains(in, w) {
				n++
			}
		}
		best = max(best, float64(n)/float64(len(ws)))
	}
	return best
}

func jaccard(a, b string) float64 {
	wa, wb := lowerWords(a), lowerWords(b)
	both := 0
	for _, w := range wa {
		if slices.Contains(wb, w) {
			both++
		}
	}
	return float64(both) / float64(len(wa)+len(wb)-both)
}

func lowerWords(s string) []string {
	ws := words(strings.ToLower(s))
	slices.Sort(ws)
	return slices.Compact(ws)
}

func day0(t time.Time) string { return t.Format("2006-01-02") }
