package quote

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// seedsDir holds the five seed articles, beside the checkout.
const seedsDir = "../../../shared/seeds"

// readSeed returns the seed article whose name starts with prefix, or skips.
func readSeed(t *testing.T, prefix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(seedsDir, prefix+"_*.txt"))
	if len(matches) == 0 {
		t.Skipf("seed %s not found under %s", prefix, seedsDir)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		seed string
		want []want
	}{
		{"001", []want{
			{"Wendy Sherman", "told", true, "We seek a strong partnership with Pakistan"},
			{"Wendy Sherman", "said", true, "Both of our countries have suffered"},
			{"John Kirby", "said", true, "We've been very honest about our concerns"},
			{"John Kirby", "said", true, "We continue to have candid conversations"},
			{"John Kirby", "said", true, "I think it's important to continue to remind them"},
			{"John Kirby", "said", false, "the United States is within its rights"},
			{"Imran Khan", "said", true, "I repeat, I do not believe in military solutions"},
			{"Imran Khan", "told", true, "Some of the Pakistani Taliban groups actually want to talk"},
		}},
		{"002", []want{
			{"Moeed Yusuf", "told", true, "Organised terrorist networks are still operating"},
			{"Moeed Yusuf", "said", true, "We did talk to them (TTP)"},
			{"Moeed Yusuf", "said", false, "Islamabad was \"not completely optimistic\""},
			{"Moeed Yusuf", "told", false, "Pakistan had approached the Afghan Taliban leadership"},
		}},
		{"003", []want{
			{"Wendy Sherman", "According to", true, "we are seeking a strong partnership with Pakistan"},
			{"Imran Khan", "said", true, "I repeat, I do not believe in military solutions"},
		}},
		{"004", []want{
			{"Mohsin Naqvi", "demanded", false, "the Afghan Taliban “hand them to us”"},
		}},
		{"000", []want{
			{"Wendy Sherman", "informed", false, "it will have to take action against all militant factions"},
			{"Imran Khan", "stated", false, "his government is open for dialogue"},
		}},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			text := readSeed(t, tt.seed)
			got := f.Find(text, nil)
			checkSpans(t, text, got)
			for _, w := range tt.want {
				q, ok := findQuote(got, w.text)
				if !ok {
					t.Errorf("no quote holding %q; got %s", w.text, describe(got))
					continue
				}
				if q.Speaker != w.speaker || q.Cue != w.cue || q.Direct != w.direct {
					t.Errorf("quote %q: got speaker %q cue %q direct %v, want %q %q %v",
						w.text, q.Speaker, q.Cue, q.Direct, w.speaker, w.cue, w.direct)
				}
			}
		})
	}
}

// TestSeedsKirby checks that both of Kirby's "he said" quotes are his and
// that nobody else is credited with them.
func TestSeedsKirby(t *testing.T) {
	text := readSeed(t, "001")
	n := 0
	for _, q := range NewFinder().Find(text, nil) {
		if q.Direct && q.Speaker == "John Kirby" {
			n++
		}
	}
	if n != 3 {
		t.Errorf("Kirby has %d direct quotes, want 3", n)
	}
}

// TestSeedsGroup checks that the same quotes are grouped across the 001 and
// 003 seeds, reworded and with different quote marks.
func TestSeedsGroup(t *testing.T) {
	a, b := readSeed(t, "001"), readSeed(t, "003")
	f := NewFinder()
	qa, qb := f.Find(a, nil), f.Find(b, nil)
	all := append(append([]news.Quote{}, qa...), qb...)
	texts := make([]string, len(all))
	for i, q := range all {
		texts[i] = q.Text
	}
	groupOf := map[int]int{}
	for gi, g := range Group(texts) {
		for _, i := range g {
			groupOf[i] = gi
		}
	}
	index := func(from, to int, s string) int {
		for i := from; i < to; i++ {
			if strings.Contains(all[i].Text, s) {
				return i
			}
		}
		t.Fatalf("no quote holding %q", s)
		return -1
	}
	khan1 := index(0, len(qa), "I repeat, I do not believe in military solutions")
	khan3 := index(len(qa), len(all), "I repeat, I do not believe in military solutions")
	if groupOf[khan1] != groupOf[khan3] {
		t.Errorf("Khan's quote in 001 and 003 not grouped: %q, %q", all[khan1].Text, all[khan3].Text)
	}
	sherman1 := index(0, len(qa), "We seek a strong partnership")
	sherman3 := index(len(qa), len(all), "we are seeking a strong partnership")
	if groupOf[sherman1] != groupOf[sherman3] {
		t.Errorf("Sherman's reworded quote not grouped: %q, %q", all[sherman1].Text, all[sherman3].Text)
	}
	if groupOf[khan1] == groupOf[sherman1] {
		t.Errorf("Khan's and Sherman's quotes grouped together")
	}
}
