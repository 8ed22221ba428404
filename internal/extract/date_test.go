package extract

import (
	"testing"
	"time"
)

// TestLeadingDateRange checks that a date written in a text is taken as a
// publication date only when it is plausible: not before 1800 and not more
// than a day after today.
func TestLeadingDateRange(t *testing.T) {
	today := time.Now().UTC()
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	tests := []struct {
		in   string
		want time.Time // zero: no date
	}{
		{"5 March 2024", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"March 5, 1850", time.Date(1850, 3, 5, 0, 0, 0, 0, time.UTC)},
		{"1800-01-01", time.Date(1800, 1, 1, 0, 0, 0, 0, time.UTC)},
		{"1799-12-31", time.Time{}},
		{"0000-01-01", time.Time{}},
		{today.Format("2 January 2006"), day(today)},
		{today.AddDate(0, 0, 3).Format("2 January 2006"), time.Time{}},
		{"1 January 2199", time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, _, ok := leadingDate(tt.in)
			if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
				t.Errorf("leadingDate(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
			}
		})
	}
}
