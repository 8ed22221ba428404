package extract

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// monthNames maps English month names and abbreviations to months.
var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
	"october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

const (
	monthRE   = `(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`
	weekdayRE = `(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?`
	// timeRE is an optional clock time, with zone, after a date.
	timeRE = `(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2}(?:\.\d+)?)?\s*(?:[ap]\.?m(?:\.|\b))?` +
		`(?:\s*(?:z|utc|gmt|(?-i:[A-Z]{2,4}T))\b)?(?:\s*[+-]\d{1,2}(?::?\d{2})?)?)?`
)

// Full dates at the start of a string; each must carry a year.
var (
	isoDate = regexp.MustCompile(`(?i)^` + weekdayRE +
		`(\d{4})([-/.])(\d{1,2})([-/.])(\d{1,2})(?:t\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?\b` + timeRE)
	dmyName = regexp.MustCompile(`(?i)^` + weekdayRE +
		`(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?[\s-]+` + monthRE + `[,\s-]+(\d{4})\b` + timeRE)
	mdyName = regexp.MustCompile(`(?i)^` + weekdayRE +
		monthRE + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b` + timeRE)
	numericDate = regexp.MustCompile(`(?i)^` + weekdayRE +
		`(\d{1,2})([./-])(\d{1,2})([./-])(\d{4})\b` + timeRE)
)

// leadingDate reads a full date (day, month and year) at the start of s,
// with an optional weekday before it and clock time after it, and returns
// the date at midnight UTC and the rest of s. Numeric day-month orders are
// read only when they are unambiguous (one part above 12, or both equal).
func leadingDate(s string) (time.Time, string, bool) {
	if m := isoDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if g[2] == g[4] {
			if d, ok := makeDate(g[1], g[3], g[5]); ok {
				return d, s[m[1]:], true
			}
		}
	}
	if m := dmyName.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if d, ok := makeDate(g[3], monthNumber(g[2]), g[1]); ok {
			return d, s[m[1]:], true
		}
	}
	if m := mdyName.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if d, ok := makeDate(g[3], monthNumber(g[1]), g[2]); ok {
			return d, s[m[1]:], true
		}
	}
	if m := numericDate.FindStringSubmatchIndex(s); m != nil {
		g := groups(s, m)
		if g[2] == g[4] {
			a, _ := strconv.Atoi(g[1])
			b, _ := strconv.Atoi(g[3])
			day, month := g[1], g[3]
			switch {
			case a == b, a > 12 && b <= 12:
			case b > 12 && a <= 12:
				day, month = g[3], g[1]
			default:
				return time.Time{}, s, false
			}
			if d, ok := makeDate(g[5], month, day); ok {
				return d, s[m[1]:], true
			}
		}
	}
	return time.Time{}, s, false
}

// groups returns the submatches of s given by the index pairs m.
func groups(s string, m []int) []string {
	g := make([]string, len(m)/2)
	for i := range g {
		if m[2*i] >= 0 {
			g[i] = s[m[2*i]:m[2*i+1]]
		}
	}
	return g
}

func monthNumber(name string) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".")
	if m, ok := monthNames[name]; ok {
		return strconv.Itoa(int(m))
	}
	return ""
}

// makeDate builds a real calendar date that may be a publication date
// today (news.PlausibleDate). A date outside that range is a mistake or a
// date the article talks about, and the publication date stays unknown.
func makeDate(year, month, day string) (time.Time, bool) {
	y, err1 := strconv.Atoi(year)
	m, err2 := strconv.Atoi(month)
	d, err3 := strconv.Atoi(day)
	if err1 != nil || err2 != nil || err3 != nil || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d || !news.PlausibleDate(t, time.Now()) { // 31 June and the like
		return time.Time{}, false
	}
	return t, true
}
