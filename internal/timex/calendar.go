package timex

import (
	"strconv"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// gran is the granularity of a calendar point.
type gran int8

const (
	gDay gran = iota + 1
	gWeek
	gWeekend
	gMonth
	gQuarter
	gHalf
	gSeason
	gYear
	gDecade
	gCentury
)

// point is a calendar interval named by its granularity and fields. A zero
// field is unknown, so a point may be partial ("XXXX-10-07" when the year
// could not be resolved).
type point struct {
	g gran
	y int // year; the first year of a decade or century
	// m is the month for gDay and gMonth; the ISO week for gWeek and
	// gWeekend; the quarter, half or season index for those granularities.
	m  int
	d  int
	wd int // ISO weekday, for a day whose date is unknown
}

func (p point) known() bool {
	switch p.g {
	case gDay:
		return p.y != 0 && p.m != 0 && p.d != 0
	case gWeek, gWeekend, gMonth, gQuarter, gHalf, gSeason:
		return p.y != 0 && p.m != 0
	default:
		return p.y != 0
	}
}

// dayPoint returns the day point for t.
func dayPoint(t time.Time) point {
	y, m, d := t.Date()
	return point{g: gDay, y: y, m: int(m), d: d}
}

func pad(b []byte, n, width int) []byte {
	s := strconv.Itoa(n)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

// value writes p as a TIMEX3 value.
func (p point) value() string {
	b := make([]byte, 0, 16)
	year := func() {
		if p.y == 0 {
			b = append(b, "XXXX"...)
		} else {
			b = pad(b, p.y, 4)
		}
	}
	switch p.g {
	case gDay:
		if p.y == 0 && p.m == 0 && p.d == 0 && p.wd != 0 {
			b = append(b, "XXXX-WXX-"...)
			b = strconv.AppendInt(b, int64(p.wd), 10)
			return string(b)
		}
		year()
		b = append(b, '-')
		if p.m == 0 {
			b = append(b, "XX"...)
		} else {
			b = pad(b, p.m, 2)
		}
		b = append(b, '-')
		if p.d == 0 {
			b = append(b, "XX"...)
		} else {
			b = pad(b, p.d, 2)
		}
	case gWeek, gWeekend:
		year()
		b = append(b, "-W"...)
		if p.m == 0 {
			b = append(b, "XX"...)
		} else {
			b = pad(b, p.m, 2)
		}
		if p.g == gWeekend {
			b = append(b, "-WE"...)
		}
	case gMonth:
		year()
		b = append(b, '-')
		if p.m == 0 {
			b = append(b, "XX"...)
		} else {
			b = pad(b, p.m, 2)
		}
	case gQuarter:
		year()
		b = append(b, "-Q"...)
		b = strconv.AppendInt(b, int64(p.m), 10)
	case gHalf:
		year()
		b = append(b, "-H"...)
		b = strconv.AppendInt(b, int64(p.m), 10)
	case gSeason:
		year()
		b = append(b, '-')
		b = append(b, seasonCodes[p.m]...)
	case gYear:
		year()
	case gDecade:
		if p.y == 0 {
			return "XXX"
		}
		b = strconv.AppendInt(b, int64(p.y/10), 10)
	case gCentury:
		if p.y == 0 {
			return "XX"
		}
		b = strconv.AppendInt(b, int64(p.y/100), 10)
	}
	return string(b)
}

// precision maps p to the precision Storyline keeps.
func (p point) precision() news.Precision {
	if !p.known() {
		return news.Vague
	}
	switch p.g {
	case gDay:
		return news.Day
	case gMonth:
		return news.Month
	case gYear:
		return news.Year
	default:
		return news.Range
	}
}

// bounds returns the half-open interval p covers, in loc; zero times when p
// is partial.
func (p point) bounds(loc *time.Location) (begin, end time.Time) {
	if !p.known() {
		return time.Time{}, time.Time{}
	}
	date := func(y, m, d int) time.Time { return time.Date(y, time.Month(m), d, 0, 0, 0, 0, loc) }
	switch p.g {
	case gDay:
		begin = date(p.y, p.m, p.d)
		return begin, begin.AddDate(0, 0, 1)
	case gWeek, gWeekend:
		mon := isoWeekStart(p.y, p.m, loc)
		if p.g == gWeekend {
			return mon.AddDate(0, 0, 5), mon.AddDate(0, 0, 7)
		}
		return mon, mon.AddDate(0, 0, 7)
	case gMonth:
		begin = date(p.y, p.m, 1)
		return begin, begin.AddDate(0, 1, 0)
	case gQuarter:
		begin = date(p.y, 3*(p.m-1)+1, 1)
		return begin, begin.AddDate(0, 3, 0)
	case gHalf:
		begin = date(p.y, 6*(p.m-1)+1, 1)
		return begin, begin.AddDate(0, 6, 0)
	case gSeason:
		// Meteorological seasons of the northern hemisphere; the winter of
		// a year starts in its December.
		begin = date(p.y, 3*p.m, 1)
		return begin, begin.AddDate(0, 3, 0)
	case gYear:
		begin = date(p.y, 1, 1)
		return begin, begin.AddDate(1, 0, 0)
	case gDecade:
		begin = date(p.y, 1, 1)
		return begin, begin.AddDate(10, 0, 0)
	case gCentury:
		begin = date(p.y, 1, 1)
		return begin, begin.AddDate(100, 0, 0)
	}
	return time.Time{}, time.Time{}
}

// isoWeekStart returns the Monday of ISO week w of year y.
func isoWeekStart(y, w int, loc *time.Location) time.Time {
	// January 4th is always in week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, loc)
	wd := int(jan4.Weekday()+6) % 7 // Monday = 0
	return jan4.AddDate(0, 0, -wd+7*(w-1))
}

// isoWeekday returns Monday = 1 ... Sunday = 7.
func isoWeekday(t time.Time) int {
	return int(t.Weekday()+6)%7 + 1
}

// shift moves a known point by n of its own granules (a week for gWeekend).
func (p point) shift(n int, loc *time.Location) point {
	if !p.known() || n == 0 {
		return p
	}
	switch p.g {
	case gDay:
		return dayPoint(time.Date(p.y, time.Month(p.m), p.d+n, 0, 0, 0, 0, loc))
	case gWeek, gWeekend:
		t := isoWeekStart(p.y, p.m, loc).AddDate(0, 0, 7*n)
		y, w := t.ISOWeek()
		return point{g: p.g, y: y, m: w}
	case gMonth:
		t := time.Date(p.y, time.Month(p.m)+time.Month(n), 1, 0, 0, 0, 0, loc)
		return point{g: gMonth, y: t.Year(), m: int(t.Month())}
	case gQuarter, gHalf, gSeason:
		per := 4
		if p.g == gHalf {
			per = 2
		}
		k := p.y*per + (p.m - 1) + n
		return point{g: p.g, y: floorDiv(k, per), m: k - floorDiv(k, per)*per + 1}
	case gYear:
		return point{g: gYear, y: p.y + n}
	case gDecade:
		return point{g: gDecade, y: p.y + 10*n}
	case gCentury:
		return point{g: gCentury, y: p.y + 100*n}
	}
	return p
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

// granOf returns the point of granularity g that holds day t.
func granOf(g gran, t time.Time) point {
	y, m, d := t.Date()
	switch g {
	case gDay:
		return point{g: gDay, y: y, m: int(m), d: d}
	case gWeek, gWeekend:
		iy, w := t.ISOWeek()
		return point{g: g, y: iy, m: w}
	case gMonth:
		return point{g: gMonth, y: y, m: int(m)}
	case gQuarter:
		return point{g: gQuarter, y: y, m: (int(m)-1)/3 + 1}
	case gHalf:
		return point{g: gHalf, y: y, m: (int(m)-1)/6 + 1}
	case gSeason:
		return seasonOf(t)
	case gYear:
		return point{g: gYear, y: y}
	case gDecade:
		return point{g: gDecade, y: y - y%10}
	case gCentury:
		return point{g: gCentury, y: y - y%100}
	}
	return point{}
}

func seasonOf(t time.Time) point {
	y, m := t.Year(), int(t.Month())
	switch {
	case m >= 3 && m <= 5:
		return point{g: gSeason, y: y, m: 1}
	case m >= 6 && m <= 8:
		return point{g: gSeason, y: y, m: 2}
	case m >= 9 && m <= 11:
		return point{g: gSeason, y: y, m: 3}
	case m == 12:
		return point{g: gSeason, y: y, m: 4}
	}
	return point{g: gSeason, y: y - 1, m: 4}
}

// unitGran maps a unit to the calendar granularity it names.
func unitGran(u unit) gran {
	switch u {
	case uDay:
		return gDay
	case uWeek, uFortnight:
		return gWeek
	case uWeekend:
		return gWeekend
	case uMonth:
		return gMonth
	case uQuarter:
		return gQuarter
	case uHalf:
		return gHalf
	case uSeason:
		return gSeason
	case uYear:
		return gYear
	case uDecade:
		return gDecade
	case uCentury:
		return gCentury
	}
	return 0
}

// addUnits moves day t by n units (negative for the past).
func addUnits(t time.Time, u unit, n int) time.Time {
	switch u {
	case uSecond:
		return t.Add(time.Duration(n) * time.Second)
	case uMinute:
		return t.Add(time.Duration(n) * time.Minute)
	case uHour:
		return t.Add(time.Duration(n) * time.Hour)
	case uDay:
		return t.AddDate(0, 0, n)
	case uWeek, uWeekend:
		return t.AddDate(0, 0, 7*n)
	case uFortnight:
		return t.AddDate(0, 0, 14*n)
	case uMonth:
		return t.AddDate(0, n, 0)
	case uQuarter:
		return t.AddDate(0, 3*n, 0)
	case uHalf:
		return t.AddDate(0, 6*n, 0)
	case uYear:
		return t.AddDate(n, 0, 0)
	case uDecade:
		return t.AddDate(10*n, 0, 0)
	case uCentury:
		return t.AddDate(100*n, 0, 0)
	}
	return t
}

// durationValue writes a TIMEX3 duration of n units; n < 0 means an
// unknown number ("several weeks": PXW). half adds half a unit.
func durationValue(n int, half bool, u unit) string {
	if n < 0 {
		switch u {
		case uSecond:
			return "PTXS"
		case uMinute:
			return "PTXM"
		case uHour:
			return "PTXH"
		case uDay:
			return "PXD"
		case uWeek, uFortnight, uWeekend:
			return "PXW"
		case uMonth, uQuarter:
			return "PXM"
		case uYear, uHalf, uSeason:
			return "PXY"
		case uDecade:
			return "PXDE"
		case uCentury:
			return "PXCE"
		}
		return "PX"
	}
	// Express halves in the next smaller unit.
	if half {
		switch u {
		case uYear:
			n, u, half = n*12+6, uMonth, false
		case uMonth:
			n, u, half = n*30+15, uDay, false
		case uWeek:
			n, u, half = n*7+3, uDay, false // 3.5 days: rounded down to whole days
		case uDay:
			n, u, half = n*24+12, uHour, false
		case uHour:
			n, u, half = n*60+30, uMinute, false
		case uMinute:
			n, u, half = n*60+30, uSecond, false
		case uDecade:
			n, u, half = n*10+5, uYear, false
		case uCentury:
			n, u, half = n*100+50, uYear, false
		}
	}
	b := make([]byte, 0, 8)
	b = append(b, 'P')
	switch u {
	case uSecond, uMinute, uHour:
		b = append(b, 'T')
	}
	switch u {
	case uFortnight:
		n, u = n*2, uWeek
	case uDecade:
		n, u = n*10, uYear
	case uCentury:
		n, u = n*100, uYear
	case uQuarter:
		n, u = n*3, uMonth
	case uHalf:
		n, u = n*6, uMonth
	case uWeekend:
		u = uWeek
	}
	b = strconv.AppendInt(b, int64(n), 10)
	switch u {
	case uSecond:
		b = append(b, 'S')
	case uMinute:
		b = append(b, 'M')
	case uHour:
		b = append(b, 'H')
	case uDay:
		b = append(b, 'D')
	case uWeek:
		b = append(b, 'W')
	case uMonth:
		b = append(b, 'M')
	case uYear, uSeason:
		b = append(b, 'Y')
	}
	return string(b)
}
