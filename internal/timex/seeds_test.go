package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

const seeds = "../../../shared/seeds"

// readSeed returns the text of the seed article whose name starts with
// prefix, skipping the test when the seeds are not beside the checkout.
func readSeed(t *testing.T, prefix string) string {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(seeds, prefix+"_*.txt"))
	if len(paths) == 0 {
		t.Skipf("seed %s not found under %s (shared/ beside the checkout)", prefix, seeds)
	}
	b, err := os.ReadFile(paths[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// findText returns the first expression whose text is s.
func findText(found []news.Timex, s string) (news.Timex, bool) {
	for _, x := range found {
		if x.Text == s {
			return x, true
		}
	}
	return news.Timex{}, false
}

func TestSeeds(t *testing.T) {
	tests := []struct {
		seed      string
		ref       string
		text      string
		value     string
		precision news.Precision
		begin     string
		end       string
	}{
		{"003", "2021-10-02", "October 7-8", "2021-10-07/2021-10-08", news.Range, "2021-10-07", "2021-10-09"},
		{"003", "2021-10-02", "last month", "2021-09", news.Month, "2021-09-01", "2021-10-01"},
		{"003", "2021-10-02", "Friday", "2021-10-01", news.Day, "2021-10-01", "2021-10-02"},
		{"003", "2021-10-02", "1996-2001", "1996/2001", news.Range, "1996-01-01", "2002-01-01"},
		{"003", "2021-10-02", "September 11, 2001", "2001-09-11", news.Day, "2001-09-11", "2001-09-12"},
		{"004", "2024-05-28", "March", "2024-03", news.Month, "2024-03-01", "2024-04-01"},
		{"004", "2024-05-28", "Sunday", "2024-05-26", news.Day, "2024-05-26", "2024-05-27"},
	}
	f := New()
	for _, tt := range tests {
		t.Run(tt.seed+" "+tt.text, func(t *testing.T) {
			text := readSeed(t, tt.seed)
			found := f.Find(text, date(tt.ref))
			x, ok := findText(found, tt.text)
			if !ok {
				t.Fatalf("%q not found; found %v", tt.text, texts(found))
			}
			if x.Value != tt.value || x.Precision != tt.precision {
				t.Errorf("%q = %s (%s), want %s (%s)", x.Text, x.Value, x.Precision, tt.value, tt.precision)
			}
			if instant(x.Begin) != tt.begin || instant(x.End) != tt.end {
				t.Errorf("%q spans %s..%s, want %s..%s", x.Text, instant(x.Begin), instant(x.End), tt.begin, tt.end)
			}
		})
	}
}

func texts(found []news.Timex) []string {
	var out []string
	for _, x := range found {
		out = append(out, x.Text)
	}
	return out
}

// TestSeedInference infers the date of seed 001, which has none. Its
// text dates the meeting "October 7-8" without a year; the year comes from
// seed 003, a copy of the same report dated 2021-10-02, as the pipeline
// would pass it. Without that hint the year cannot be read from the text
// (its only years are 1996-2001 and 2001), and the inference must say so
// rather than return a confident date.
func TestSeedInference(t *testing.T) {
	text := readSeed(t, "001")
	f := New()
	found := f.Find(text, time.Time{})

	inf, ok := f.Infer(text, found, Hint{Near: date("2021-10-02")})
	if !ok {
		t.Fatalf("no inference: %+v", inf)
	}
	if inf.Date.Before(date("2021-10-01")) || inf.Date.After(date("2021-10-07")) {
		t.Errorf("inferred %s, want a day in 2021-10-01..2021-10-07 (%s)", inf.Date.Format("2006-01-02"), inf.Note)
	}
	if !inf.Latest.Before(date("2021-10-07")) {
		t.Errorf("latest %s, want before the meeting on 2021-10-07", inf.Latest.Format("2006-01-02"))
	}
	for _, cue := range []string{"October 7-8", "Thursday", "Friday"} {
		if !strings.Contains(inf.Note, cue) {
			t.Errorf("note %q does not mention %q", inf.Note, cue)
		}
	}

	if d, note, ok := f.InferPublished(text, found); ok {
		t.Errorf("InferPublished without a hint = %s (%s), want not ok: the text gives no year for October 7-8", d.Format("2006-01-02"), note)
	}
}
