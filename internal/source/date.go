package source

import (
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// parseDate reads a publication date as found in metadata: RFC 3339 and
// ISO 8601 forms, RFC 1123 and other e-mail forms, "2006-01-02",
// "2006-01-02 15:04:05", "January 2, 2006", "02.01.2006", unix seconds or
// milliseconds, and "20060102". A date without a zone is taken as UTC. It
// reports false for anything else, and for a date that is not plausible
// for an article read at now (see news.PlausibleDate).
func parseDate(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	if t, ok := parseUnix(s); ok {
		return plausible(t, now)
	}
	for _, layout := range dateLayouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		return plausible(fixZone(t), now)
	}
	return time.Time{}, false
}

// plausible returns t and true when t is a plausible date (see
// news.PlausibleDate), else the zero time and false.
func plausible(t, now time.Time) (time.Time, bool) {
	if !news.PlausibleDate(t, now) {
		return time.Time{}, false
	}
	return t, true
}

// dateLayouts are tried in order; the first that parses wins.
var dateLayouts = [...]string{
	time.RFC3339,
	"2006-01-02T15:04:05Z0700",
	"2006-01-02T15:04:05",
	"2006-01-02T15:04Z07:00",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05 -0700 MST",
	"2006-01-02 15:04:05 MST",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
	"2006/01/02 15:04:05",
	"2006/01/02",
	time.RFC1123Z,
	time.RFC1123,
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 2006",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006 15:04",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
	time.RubyDate,
	"Mon Jan 2 15:04:05 2006 -0700",
	"Monday, January 2, 2006 15:04",
	"Monday, January 2, 2006",
	"Monday, 2 January 2006",
	"January 2, 2006 15:04:05",
	"January 2, 2006 15:04",
	"January 2, 2006 3:04 PM",
	"January 2, 2006",
	"January 2 2006",
	"Jan 2, 2006 15:04",
	"Jan 2, 2006 3:04 PM",
	"Jan 2, 2006",
	"Jan 2 2006",
	"2 January 2006 15:04",
	"2 January 2006",
	"2 Jan 2006",
	"02.01.2006 15:04:05",
	"02.01.2006 15:04",
	"2.1.2006",
}

// parseUnix reads unix seconds (9 to 10 digits, with an optional
// fraction), unix milliseconds (13 digits) or a compact "20060102".
func parseUnix(s string) (time.Time, bool) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return time.Time{}, false
	}
	switch len(whole) {
	case 8:
		if frac != "" {
			return time.Time{}, false
		}
		t, err := time.Parse("20060102", whole)
		return t, err == nil
	case 9, 10:
		sec, err := strconv.ParseInt(whole, 10, 64)
		if err != nil {
			return time.Time{}, false
		}
		var nsec int64
		if frac != "" {
			f, err := strconv.ParseFloat("0."+frac, 64)
			if err != nil {
				return time.Time{}, false
			}
			nsec = int64(f * 1e9)
		}
		return time.Unix(sec, nsec).UTC(), true
	case 13:
		ms, err := strconv.ParseInt(whole, 10, 64)
		if err != nil || frac != "" {
			return time.Time{}, false
		}
		return time.UnixMilli(ms).UTC(), true
	}
	return time.Time{}, false
}

// unixNumber reads a JSON number as unix seconds or milliseconds, a date
// plausible at now.
func unixNumber(s string, now time.Time) (time.Time, bool) {
	t, ok := unixTime(s)
	if !ok {
		return t, false
	}
	return plausible(t, now)
}

func unixTime(s string) (time.Time, bool) {
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f < 1e8 {
		return time.Time{}, false
	}
	if f >= 1e12 {
		if f >= 1e14 {
			return time.Time{}, false
		}
		return time.UnixMilli(int64(f)).UTC(), true
	}
	if f >= 1e11 {
		return time.Time{}, false
	}
	sec := int64(f)
	return time.Unix(sec, int64((f-float64(sec))*1e9)).UTC(), true
}

// fixZone gives a time parsed with a zone abbreviation its offset:
// time.Parse knows only the abbreviations of the local zone and takes any
// other at offset zero.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if off != 0 {
		return t
	}
	var hours float64
	switch name {
	case "EST":
		hours = -5
	case "EDT", "AST":
		hours = -4
	case "CST":
		hours = -6
	case "CDT":
		hours = -5
	case "MST":
		hours = -7
	case "MDT":
		hours = -6
	case "PST":
		hours = -8
	case "PDT":
		hours = -7
	case "BST", "CET", "WEST":
		hours = 1
	case "CEST", "EET":
		hours = 2
	case "EEST", "MSK":
		hours = 3
	case "JST", "KST":
		hours = 9
	case "AEST":
		hours = 10
	case "AEDT":
		hours = 11
	default:
		return t
	}
	y, mo, d := t.Date()
	h, mi, sec := t.Clock()
	return time.Date(y, mo, d, h, mi, sec, t.Nanosecond(), time.FixedZone(name, int(hours*3600)))
}
