package timex

import "time"

// Grammar of dates and times. Each rule takes the index of its first token
// and returns the node, the index after its last token, and whether it
// matched.

// labelWords before a four-digit number make it a label, not a year.
var labelWords = []string{
	"no", "number", "nos", "flight", "route", "page", "pages", "p", "pp", "vol", "room", "highway",
	"channel", "paragraph", "rule", "resolution", "article", "section", "item", "bill", "chapter",
	"model", "code", "unit", "band", "platform", "gate", "interstate", "hr", "s", "h", "rs", "usd", "eur",
}

// quantityNouns after a four-digit number make it a quantity, not a year.
var quantityNouns = []string{
	"people", "persons", "troops", "soldiers", "km", "kilometres", "kilometers", "miles", "mile",
	"feet", "ft", "metres", "meters", "m", "tons", "tonnes", "votes", "cases", "deaths", "dollars",
	"euros", "yuan", "rupees", "pounds", "points", "acres", "hectares", "kg", "mw", "barrels", "units",
	"jobs", "students", "workers", "members", "homes", "houses", "calories", "square", "percent",
	"per", "hours", "minutes", "seconds", "days", "weeks", "months", "years", "children", "women",
	"men", "families", "refugees", "prisoners", "militants", "fighters", "civilians", "police",
	"officers", "vehicles", "cars", "rounds", "words", "pages", "employees", "staff", "bn", "mn",
	"million", "billion", "crore", "lakh", "more", "others", "times", "copies", "patients", "beds",
	"sq", "cc", "mph", "kmh", "gb", "mb", "pixels", "rpm", "degrees",
}

// yearCue words make a number outside 1900-2099 read as a year.
func yearCue(w string) bool {
	switch w {
	case "in", "since", "of", "by", "year", "until", "from", "to", "between", "and", "before", "after",
		"during", "around", "circa", "c", "the", "early", "late", "mid", "ad", "till", "through":
		return true
	}
	return false
}

// yearAt reads a four-digit year at token i.
func (s *scan) yearAt(i int) (int, bool) {
	if !s.num(i) || s.toks[i].nd != 4 {
		return 0, false
	}
	t := &s.toks[i]
	y := t.num
	if y < 1000 || y > 2199 {
		return 0, false
	}
	if s.tight(i) {
		switch p := s.toks[i-1]; {
		case p.kind == tNum, p.kind == tWord && p.low != "fy" && p.low != "mid":
			return 0, false
		case p.low == "$", p.low == "€", p.low == "£", p.low == "#", p.low == ".", p.low == ",", p.low == ":", p.low == "/", p.low == "+", p.low == "×":
			return 0, false
		}
	}
	if n := i + 1; n < len(s.toks) && s.tight(n) {
		switch q := s.toks[n]; {
		case q.kind == tNum:
			return 0, false
		case q.kind == tWord && q.low != "s":
			return 0, false
		case (q.low == "," || q.low == "." || q.low == ":") && s.num(n+1) && s.tight(n+1):
			return 0, false
		case q.low == "%":
			return 0, false
		}
	}
	if s.isWord(i+1) && s.f.notYr[s.low(i+1)] || s.timezone(i+1) > i+1 {
		return 0, false // "2030 people", "2030 GMT"
	}
	if s.isWord(i-1) && s.f.preYr[s.low(i-1)] {
		return 0, false
	}
	if y < 1900 || y > 2099 {
		if !yearCue(s.low(i - 1)) {
			return 0, false
		}
	}
	return y, true
}

// dayAt reads a day of the month (1-31, with an optional st/nd/rd/th).
func (s *scan) dayAt(i int) (int, int, bool) {
	if !s.num(i) || s.toks[i].nd > 2 {
		return 0, 0, false
	}
	d := s.toks[i].num
	if d < 1 || d > 31 {
		return 0, 0, false
	}
	j := i + 1
	if s.tight(j) {
		switch s.low(j) {
		case "st", "nd", "rd", "th":
			j++
		default:
			if j < len(s.toks) && s.toks[j].kind != tPunct {
				return 0, 0, false
			}
			// "3:30", "3.5", "3/4", "3-year"
			switch s.low(j) {
			case ":", "/":
				return 0, 0, false
			case ".", ",":
				if s.num(j+1) && s.tight(j+1) {
					return 0, 0, false
				}
			}
		}
	}
	return d, j, true
}

// monthAt reads a month name. Full names must be capitalised; "May" and
// abbreviations need more evidence (a number after them, or a word before
// them that takes a date).
func (s *scan) monthAt(i int) (int, int, bool) {
	e := s.entry(i)
	if e == nil || e.month == 0 {
		return 0, 0, false
	}
	t := &s.toks[i]
	if !t.upper {
		return 0, 0, false
	}
	j := i + 1
	if s.punct(j, ".") && s.tight(j) {
		if !e.abbr {
			// "in May." ends a sentence: the month is still fine.
			return int(e.month), j, s.monthContext(i, j, e)
		}
		j++
	}
	if !s.monthContext(i, j, e) {
		return 0, 0, false
	}
	return int(e.month), j, true
}

func (s *scan) monthContext(i, j int, e *entry) bool {
	t := &s.toks[i]
	numAfter := s.num(j) || s.punct(j, ",") && s.num(j+1) && s.toks[j+1].nd == 4
	if e.abbr {
		return numAfter || s.punct(i+1, ".") && s.tight(i+1) && s.yearAfterOf(j)
	}
	if t.caps && e.month == 5 {
		return numAfter
	}
	if e.month != 5 && e.month != 3 {
		return true
	}
	if s.num(i-1) && s.toks[i-1].nd <= 2 {
		return true // "9 May"
	}
	// "May" and "March" are also a verb: want a number after them or a
	// word before them that takes a month.
	if numAfter || s.word(j, "of") && s.num(j+1) {
		return true
	}
	switch s.low(i - 1) {
	case "in", "since", "until", "till", "by", "of", "from", "to", "through", "last", "next", "this",
		"early", "late", "mid", "during", "before", "after", "between", "and", "or", "on", "that",
		"-", "–", "the", "each", "every", "end", "beginning", "start", "middle", "around", "throughout":
		return true
	}
	if e.month == 3 {
		// "the March attack": a capitalised March that does not start a
		// sentence is most likely the month.
		return !s.sentenceInitial(i)
	}
	return false
}

// yearAfterOf reports a year at j, or after ", " or "of " at j.
func (s *scan) yearAfterOf(j int) bool {
	if _, ok := s.yearAt(j); ok {
		return true
	}
	if s.punct(j, ",") || s.word(j, "of") {
		_, ok := s.yearAt(j + 1)
		return ok
	}
	return false
}

// weekdayAt reads a weekday name (not a plural).
func (s *scan) weekdayAt(i int) (int, int, bool) {
	e := s.entry(i)
	if e == nil || e.wday == 0 || e.wdays {
		return 0, 0, false
	}
	j := i + 1
	if e.abbr {
		if !s.toks[i].upper {
			return 0, 0, false
		}
		if s.punct(j, ".") && s.tight(j) {
			return int(e.wday), j + 1, true
		}
		// "Sun" and "Sat" are words and names; a bare abbreviation must
		// be followed by a date.
		if s.punct(j, ",") {
			j++
		}
		if _, _, ok := s.monthAt(j); ok {
			return int(e.wday), i + 1, true
		}
		return 0, 0, false
	}
	return int(e.wday), j, true
}

// dateTime parses a date or time with the modifier that may narrow it.
func (s *scan) dateTime(i int) (node, int, bool) {
	k, m := s.premod(i)
	return s.point(k, m)
}

// mod is a modifier that narrows a date to its start, middle or end.
type mod int8

const (
	modNone mod = iota
	modStart
	modMid
	modEnd
)

// premod reads a modifier that narrows a date ("early", "late 2012", "the
// end of", "mid-"), returning the index of the date after it.
func (s *scan) premod(i int) (int, mod) {
	switch w := s.low(i); w {
	case "early", "earlier":
		if s.isWord(i) {
			return i + 1, modStart
		}
	case "late", "later":
		if s.isWord(i) {
			return i + 1, modEnd
		}
	case "mid":
		if s.dash(i+1) && s.tight(i+1) {
			return i + 2, modMid
		}
		return i + 1, modMid
	case "the", "end", "beginning", "start", "middle":
		k := i
		if w == "the" {
			k++
		}
		if !s.word(k+1, "of") {
			break
		}
		switch s.low(k) {
		case "end", "turn":
			return k + 2, modEnd
		case "beginning", "start":
			return k + 2, modStart
		case "middle":
			return k + 2, modMid
		}
	}
	return i, modNone
}

// point parses a date at i; m is the modifier before it, if any, which
// allows "the end of the year" and "the end of year".
func (s *scan) point(i int, m mod) (node, int, bool) {
	if i >= len(s.toks) {
		return node{}, 0, false
	}
	t := &s.toks[i]
	switch t.kind {
	case tNum:
		return s.numberDate(i)
	case tPunct:
		if isApostrophe(t.low) {
			return s.shortYear(i)
		}
		return node{}, 0, false
	}
	switch t.low {
	case "today":
		return s.dayPod(s.refDay(0), i+1)
	case "yesterday":
		return s.dayPod(s.refDay(-1), i+1)
	case "tomorrow":
		return s.dayPod(s.refDay(1), i+1)
	case "tonight":
		return node{kind: nTime, pt: s.refDay(0), hour: -1, pod: podNight}, i + 1, true
	case "this", "last", "next", "coming", "previous", "past":
		return s.relative(i)
	case "the":
		return s.theDate(i, m)
	case "noon", "midnight":
		return s.clockDay(i)
	case "fiscal", "fy":
		return s.fiscal(i)
	case "q":
		if t.upper && s.num(i+1) && s.tight(i+1) && s.toks[i+1].nd == 1 && s.toks[i+1].num >= 1 && s.toks[i+1].num <= 4 {
			q := s.toks[i+1].num
			if y, ok := s.yearAt(i + 2); ok {
				return dateNode(point{g: gQuarter, y: y, m: q}), i + 3, true
			}
			return dateNode(s.quarter(gQuarter, q, s.tense(i, i+2))), i + 2, true
		}
		return node{}, 0, false
	case "year", "month", "week":
		if m != modNone {
			return s.currentUnit(i, i+1, m)
		}
		if t.low == "year" && s.dash(i+1) && s.tight(i+1) && s.word(i+2, "end") && s.tight(i+2) {
			// "by year-end"
			p := s.refGran(gYear, 0)
			if s.known() && s.tense(i, i+3) == cuePast {
				p = p.shift(-1, s.loc)
			}
			return dateNode(p), i + 3, true
		}
		return node{}, 0, false
	}
	e := t.e
	if e == nil {
		return s.holiday(i)
	}
	switch {
	case e.wday != 0:
		return s.weekdayDate(i)
	case e.month != 0:
		return s.monthDate(i)
	case e.season != 0:
		return s.seasonDate(i, m != modNone)
	case e.ord != 0:
		return s.ordinalDate(i, e.ord, i+1)
	}
	return s.holiday(i)
}

// dayPod returns day p, or a time if a part of the day follows at j
// ("yesterday morning").
func (s *scan) dayPod(p point, j int) (node, int, bool) {
	if pod := s.podAt(j); pod != 0 {
		return node{kind: nTime, pt: p, hour: -1, pod: pod}, j + 1, true
	}
	return dateNode(p), j, true
}

// weekdayDate parses "Friday", "Friday, March 22, 2013", "Friday night".
func (s *scan) weekdayDate(i int) (node, int, bool) {
	wd, j, ok := s.weekdayAt(i)
	if !ok {
		return node{}, 0, false
	}
	k := j
	if s.punct(k, ",") {
		k++
	}
	// A full date after the weekday wins.
	if s.num(k) || s.isWord(k) && s.entry(k) != nil && s.entry(k).month != 0 {
		if n, end, ok := s.point(k, modNone); ok && n.kind == nDate && n.pt.g == gDay {
			return n, end, true
		}
	}
	if (s.word(i-1, "the") || s.word(i-1, "a")) && s.isWord(j) && s.toks[j].upper && s.entry(j) == nil {
		return node{}, 0, false // "The Sunday Times"
	}
	// "Friday at noon" stays two expressions, as TimeML has it.
	return s.dayPod(s.weekday(wd, s.tense(i, j), false), j)
}

// monthDate parses dates that start with a month: "October 7-8", "Oct. 7,
// 2021", "March 2013", "March".
func (s *scan) monthDate(i int) (node, int, bool) {
	m, j, ok := s.monthAt(i)
	if !ok {
		return node{}, 0, false
	}
	if d, k, ok := s.dayAt(j); ok && !s.unitAfter(k) {
		y, yend, hasYear := s.yearAfterComma(k)
		// A range of days: "October 7-8", "Oct. 7 to 9, 2021",
		// "October 30 - November 2".
		if !hasYear {
			if n, end, ok := s.dayRange(i, m, d, k); ok {
				return n, end, true
			}
		}
		if hasYear {
			p := point{g: gDay, y: y, m: m, d: d}
			if !validDate(p) {
				return node{}, 0, false
			}
			return s.dayPod(p, yend)
		}
		p := s.monthDay(m, d, s.tense(i, k))
		if p.y != 0 && !validDate(p) {
			return node{}, 0, false
		}
		return s.dayPod(p, k)
	}
	// "March 2013", "March of 2013", "March, 2013"
	k := j
	if s.word(k, "of") || s.punct(k, ",") {
		k++
	}
	if y, ok := s.yearAt(k); ok {
		return dateNode(point{g: gMonth, y: y, m: m}), k + 1, true
	}
	if y, end, ok := s.relYear(j); ok {
		return dateNode(point{g: gMonth, y: y, m: m}), end, true // "May last year"
	}
	return dateNode(s.month(m, s.tense(i, j), false)), j, true
}

// unitAfter reports a unit word at k, as in "May 5 years ago" (not a date).
func (s *scan) unitAfter(k int) bool {
	e := s.entry(k)
	if e != nil && e.unit != uNone {
		return true
	}
	return s.f.notYr[s.low(k)]
}

// yearAfterComma reads ", 2021", " 2021" or " last year" at k. The year
// of "last year" is 0 when the reference date is unknown.
func (s *scan) yearAfterComma(k int) (int, int, bool) {
	if y, end, ok := s.relYear(k); ok {
		return y, end, true
	}
	if s.punct(k, ",") {
		if y, ok := s.yearAt(k + 1); ok {
			return y, k + 2, true
		}
		return 0, 0, false
	}
	if y, ok := s.yearAt(k); ok {
		return y, k + 1, true
	}
	return 0, 0, false
}

// relYear reads "last year", "this year" or "next year" at k.
func (s *scan) relYear(k int) (int, int, bool) {
	if !s.word(k+1, "year") {
		return 0, 0, false
	}
	n := 0
	switch s.low(k) {
	case "this":
	case "last":
		n = -1
	case "next":
		n = 1
	default:
		return 0, 0, false
	}
	return s.refGran(gYear, n).y, k + 2, true
}

func validDate(p point) bool {
	if p.m < 1 || p.m > 12 || p.d < 1 {
		return false
	}
	y := p.y
	if y == 0 {
		y = 2000 // a leap year: allow February 29 without a year
	}
	t := time.Date(y, time.Month(p.m), p.d, 0, 0, 0, 0, time.UTC)
	return t.Day() == p.d
}

// dayRange parses the rest of a range after "Month D" ending at k: "-8",
// " to 9, 2021", "-November 2".
func (s *scan) dayRange(i, m, d, k int) (node, int, bool) {
	c := k
	switch {
	case s.dash(c):
	case s.word(c, "to"), s.word(c, "through"), s.word(c, "until"), s.word(c, "till"):
	default:
		return node{}, 0, false
	}
	var m2, d2, end int
	if d2x, e, ok := s.dayAt(c + 1); ok && !s.unitAfter(e) {
		m2, d2, end = m, d2x, e
		if d2 <= d {
			return node{}, 0, false
		}
	} else if mm, e, ok := s.monthAt(c + 1); ok {
		d2x, e2, ok := s.dayAt(e)
		if !ok {
			return node{}, 0, false
		}
		m2, d2, end = mm, d2x, e2
	} else {
		return node{}, 0, false
	}
	a := point{g: gDay, m: m, d: d}
	b := point{g: gDay, m: m2, d: d2}
	if y, yend, ok := s.yearAfterComma(end); ok {
		a.y, b.y = y, y
		if m2 < m {
			a.y = y - 1
		}
		end = yend
	} else {
		a = s.monthDay(m, d, s.tense(i, end))
		b.y = a.y
		if a.y != 0 && m2 < m {
			b.y++
		}
	}
	if !validDate(a) || !validDate(b) {
		return node{}, 0, false
	}
	an, bn := dateNode(a), dateNode(b)
	return node{kind: nRange, a: &an, b: &bn, aEnd: k, bStart: c + 1}, end, true
}

// numberDate parses dates and times that start with a number.
func (s *scan) numberDate(i int) (node, int, bool) {
	// ISO and other numeric dates: 2021-10-02, 2021/10/02, 10/02/2021, 02.10.2021.
	if n, end, ok := s.numericDate(i); ok {
		return n, end, true
	}
	if h, m, end, ok := s.clock(i); ok {
		return s.timeOnDay(h, m, i, end)
	}
	if n, end, ok := s.stopwatch(i); ok {
		return n, end, true
	}
	// "7 October 2021", "7th of October", "7-8 October 2021"
	if d, k, ok := s.dayAt(i); ok {
		k2 := k
		if s.word(k2, "of") {
			k2++
		}
		if m, e, ok := s.monthAt(k2); ok {
			p := point{g: gDay, m: m, d: d}
			if y, ye, ok := s.yearAfterComma(e); ok {
				p.y = y
				e = ye
			} else {
				p = s.monthDay(m, d, s.tense(i, e))
			}
			if !validDate(p) {
				return node{}, 0, false
			}
			return s.dayPod(p, e)
		}
		// "7-8 October"
		if s.dash(k) {
			if d2, k3, ok := s.dayAt(k + 1); ok && d2 > d {
				if m, e, ok := s.monthAt(k3); ok {
					a := point{g: gDay, m: m, d: d}
					b := point{g: gDay, m: m, d: d2}
					if y, ok := s.yearAt(e); ok {
						a.y, b.y = y, y
						e++
					} else {
						a = s.monthDay(m, d, s.tense(i, e))
						b.y = a.y
					}
					if validDate(a) && validDate(b) {
						an, bn := dateNode(a), dateNode(b)
						return node{kind: nRange, a: &an, b: &bn, aEnd: k, bStart: k + 1}, e, true
					}
				}
			}
		}
		// "20th century", "3rd quarter"
		if s.tight(i+1) && k == i+2 {
			if n, end, ok := s.ordinalDate(i, d, k); ok {
				return n, end, true
			}
		}
	}
	if y, ok := s.yearAt(i); ok {
		j := i + 1
		// "1990s"
		if s.word(j, "s") && s.tight(j) {
			if y%10 != 0 {
				return node{}, 0, false
			}
			return dateNode(point{g: gDecade, y: y}), j + 1, true
		}
		if s.apostrophe(j) && s.word(j+1, "s") && s.tight(j) && s.tight(j+1) && y%10 == 0 {
			return dateNode(point{g: gDecade, y: y}), j + 2, true
		}
		// "1996-2001", "2009-10", "2012/13"
		if (s.dash(j) || s.punct(j, "/") && s.tight(j)) && s.num(j+1) {
			var y2 int
			switch nd := s.toks[j+1].nd; {
			case nd == 4:
				y2, _ = s.yearAt(j + 1)
				if s.toks[j+1].num > y && s.toks[j+1].num <= y+200 {
					y2 = s.toks[j+1].num
				}
			case nd == 2 && s.tight(j+1):
				y2 = y/100*100 + s.toks[j+1].num
				if y2 <= y {
					y2 += 100
				}
			}
			if y2 > y && !s.unitAfter(j+2) && !(s.tight(j+2) && s.isWord(j+2)) {
				an, bn := dateNode(point{g: gYear, y: y}), dateNode(point{g: gYear, y: y2})
				return node{kind: nRange, a: &an, b: &bn, aEnd: j, bStart: j + 1}, j + 2, true
			}
		}
		return dateNode(point{g: gYear, y: y}), j, true
	}
	return node{}, 0, false
}

// numericDate parses 2021-10-02 (with an optional THH:MM), 2021/10/02,
// 10/02/2021 (month first unless the first number exceeds 12) and
// 02.10.2021 (day first).
func (s *scan) numericDate(i int) (node, int, bool) {
	if !(s.num(i) && s.tight(i+1) && s.num(i+2) && s.tight(i+2) && s.tight(i+3) && s.num(i+4) && s.tight(i+4)) {
		return node{}, 0, false
	}
	sep := s.low(i + 1)
	if s.low(i+3) != sep || (sep != "-" && sep != "/" && sep != ".") {
		return node{}, 0, false
	}
	a, b, c := &s.toks[i], &s.toks[i+2], &s.toks[i+4]
	var p point
	switch {
	case a.nd == 4 && b.nd <= 2 && c.nd <= 2:
		p = point{g: gDay, y: a.num, m: b.num, d: c.num}
	case a.nd <= 2 && b.nd <= 2 && c.nd == 4 && sep != "-":
		if sep == "." || a.num > 12 {
			p = point{g: gDay, y: c.num, m: b.num, d: a.num}
		} else {
			p = point{g: gDay, y: c.num, m: a.num, d: b.num}
		}
	default:
		return node{}, 0, false
	}
	if p.y < 1000 || !validDate(p) {
		return node{}, 0, false
	}
	end := i + 5
	if s.tight(end) && s.num(end+1) && s.tight(end+1) && (s.word(end, "t") || s.low(end) == "t") {
		if h, m, e, ok := s.clock(end + 1); ok {
			return node{kind: nTime, pt: p, hour: h, min: m}, e, true
		}
	}
	if s.tight(end) && (s.isWord(end) || s.num(end)) {
		return node{}, 0, false
	}
	return dateNode(p), end, true
}

// shortYear parses "'58" and "'90s".
func (s *scan) shortYear(i int) (node, int, bool) {
	if !s.num(i+1) || !s.tight(i+1) || s.toks[i+1].nd != 2 {
		return node{}, 0, false
	}
	if s.tight(i) && s.isWord(i-1) {
		return node{}, 0, false // a closing quote after a word
	}
	v := s.toks[i+1].num
	y := 1900 + v
	if s.known() && v <= s.ref.Year()%100+5 || !s.known() && v <= 30 {
		y = 2000 + v
	}
	if s.word(i+2, "s") && s.tight(i+2) {
		if v%10 != 0 {
			return node{}, 0, false
		}
		return dateNode(point{g: gDecade, y: y}), i + 3, true
	}
	if s.tight(i+2) && (s.isWord(i+2) || s.num(i+2)) {
		return node{}, 0, false
	}
	return dateNode(point{g: gYear, y: y}), i + 2, true
}

// ordinalDate parses "20th century", "third quarter of 2013", "first half",
// "first-quarter"; ord is the ordinal and j the index after it.
func (s *scan) ordinalDate(i, ord, j int) (node, int, bool) {
	k := j
	if s.dash(k) && s.tight(k) {
		k++
	}
	if s.word(k, "half") && ord <= 2 {
		return s.partOfYear(i, gHalf, ord, k+1)
	}
	e := s.entry(k)
	if e == nil {
		return node{}, 0, false
	}
	switch {
	case e.unit == uCentury && !e.plural:
		if ord < 1 || ord > 30 {
			return node{}, 0, false
		}
		return dateNode(point{g: gCentury, y: (ord - 1) * 100}), k + 1, true
	case e.unit == uQuarter && !e.plural:
		if ord < 1 || ord > 4 {
			return node{}, 0, false
		}
		return s.partOfYear(i, gQuarter, ord, k+1)
	}
	return node{}, 0, false
}

// partOfYear finishes a quarter or half: "of 2013", "of last year", or
// resolved against the reference date.
func (s *scan) partOfYear(i int, g gran, q, j int) (node, int, bool) {
	if s.word(j, "of") || s.punct(j, ",") {
		if y, ok := s.yearAt(j + 1); ok {
			return dateNode(point{g: g, y: y, m: q}), j + 2, true
		}
		if s.word(j, "of") {
			switch s.low(j + 1) {
			case "this", "last", "next":
				if s.word(j+2, "year") {
					n := 0
					switch s.low(j + 1) {
					case "last":
						n = -1
					case "next":
						n = 1
					}
					y := s.refGran(gYear, n)
					return dateNode(point{g: g, y: y.y, m: q}), j + 3, true
				}
			case "the":
				if s.word(j+2, "year") {
					return dateNode(s.quarter(g, q, s.tense(i, j))), j + 3, true
				}
			}
		}
	}
	if y, ok := s.yearAt(j); ok {
		return dateNode(point{g: g, y: y, m: q}), j + 1, true
	}
	return dateNode(s.quarter(g, q, s.tense(i, j))), j, true
}

// seasonDate parses "summer 2012", "the summer of 2012" (from theDate),
// and a bare season where a word before it asks for a time.
func (s *scan) seasonDate(i int, modded bool) (node, int, bool) {
	se := int(s.toks[i].e.season)
	j := i + 1
	k := j
	if s.word(k, "of") || s.punct(k, ",") {
		k++
	}
	if y, ok := s.yearAt(k); ok {
		return dateNode(point{g: gSeason, y: y, m: se}), k + 1, true
	}
	if !modded {
		switch s.low(i - 1) {
		case "in", "this", "last", "next", "the", "during", "since", "until", "by", "over", "early", "late", "mid", "through", "throughout":
		default:
			return node{}, 0, false
		}
	}
	if s.word(i-1, "the") && s.word(j, "of") {
		return node{}, 0, false // "the fall of Kabul"
	}
	if s.low(i) == "fall" && !modded && !s.word(i-1, "the") && !s.word(i-1, "this") && !s.word(i-1, "last") && !s.word(i-1, "next") {
		return node{}, 0, false
	}
	if s.isWord(j) && !s.f.cues[s.low(j)].isTense() && s.low(j) != "and" && s.low(j) != "or" && s.toks[j].e == nil && !s.sentenceEndAt(j) {
		// "summer camp", "winter storm": a noun modifier, not a time.
		switch s.low(j) {
		case "when", "as", "after", "before", "because", "while", "with", "for", "in", "at", "on", "to", "that", "is", "was", "will":
		default:
			return node{}, 0, false
		}
	}
	return dateNode(s.season(se, s.tense(i, j), false)), j, true
}

func (c cue) isTense() bool { return c != cueNone }

// sentenceEndAt reports a sentence end at token j.
func (s *scan) sentenceEndAt(j int) bool { return s.boundary(j) || j >= len(s.toks) }

// theDate parses dates that start with "the".
func (s *scan) theDate(i int, m mod) (node, int, bool) {
	j := i + 1
	if j >= len(s.toks) {
		return node{}, 0, false
	}
	t := &s.toks[j]
	switch t.kind {
	case tNum:
		// "the 90s"; "the 1990s" and "the 20th century" are annotated
		// without the article.
		if t.nd == 2 && s.word(j+1, "s") && s.tight(j+1) && t.num%10 == 0 {
			y := 1900 + t.num
			if t.num <= 20 {
				y = 2000 + t.num
			}
			return dateNode(point{g: gDecade, y: y}), j + 2, true
		}
		// "the 3rd quarter"
		if d, k, ok := s.dayAt(j); ok && k == j+2 {
			if n, end, ok := s.ordinalDate(i, d, k); ok && n.pt.g != gCentury {
				return n, end, true
			}
		}
		return node{}, 0, false
	case tPunct:
		if isApostrophe(t.low) {
			if n, end, ok := s.shortYear(j); ok && n.pt.g == gDecade {
				return n, end, true
			}
		}
		return node{}, 0, false
	}
	e := t.e
	switch t.low {
	case "last", "previous", "next", "coming", "following", "current":
		return s.theRelative(i, j)
	case "day":
		// "the day before yesterday", "the day after tomorrow"
		if s.word(j+1, "before") && s.word(j+2, "yesterday") {
			return dateNode(s.refDay(-2)), j + 3, true
		}
		if s.word(j+1, "after") && s.word(j+2, "tomorrow") {
			return dateNode(s.refDay(2)), j + 3, true
		}
		return node{}, 0, false // "the end of the day" is an idiom
	case "weekend":
		dir := s.tense(i, j+1)
		p := s.refGran(gWeekend, 0)
		if s.known() {
			wd := isoWeekday(s.ref)
			if dir == cueFuture && wd == 7 {
				p = p.shift(1, s.loc)
			} else if dir != cueFuture && wd < 6 {
				p = p.shift(-1, s.loc)
			}
		}
		return dateNode(p), j + 1, true
	case "year", "month", "week", "decade", "century", "quarter":
		if m != modNone {
			return s.currentUnit(i, j+1, m)
		}
		return node{}, 0, false
	case "same":
		if s.word(j+1, "day") {
			return dateNode(s.anchorDay()), j + 2, true
		}
		return node{}, 0, false
	}
	if e == nil {
		return s.holiday(j)
	}
	switch {
	case e.season != 0:
		n, end, ok := s.seasonDate(j, true)
		if ok && s.word(end, "of") {
			return node{}, 0, false // "the fall of Kabul"
		}
		return n, end, ok
	case e.ord != 0:
		if n, end, ok := s.ordinalDate(i, e.ord, j+1); ok && n.pt.g != gCentury {
			return n, end, true
		}
	}
	return node{}, 0, false
}

// currentUnit resolves "the year" after "the end of" to the reference's
// year, or to the year before when the clause is in the past and the end of
// this year is still to come ("prices peaked by the end of the year").
func (s *scan) currentUnit(i, j int, m mod) (node, int, bool) {
	e := s.entry(j - 1)
	if e == nil || e.unit == uNone || e.plural {
		return node{}, 0, false
	}
	g := unitGran(e.unit)
	if g == 0 || g == gDay {
		return node{}, 0, false
	}
	p := s.refGran(g, 0)
	if g == gYear && m == modEnd && s.known() && s.tense(i, j) == cuePast {
		p = p.shift(-1, s.loc)
	}
	return dateNode(p), j, true
}

// theRelative parses "the last week", "the next day", "the following
// month" (after the last date mentioned), "the coming week", "the current
// quarter"; durations ("the last two years", "the past
// year") belong to duration.
func (s *scan) theRelative(i, j int) (node, int, bool) {
	w := s.low(j)
	k := j + 1
	if s.word(k, "fiscal") {
		k++
	}
	e := s.entry(k)
	if e == nil || e.unit == uNone || e.plural {
		return node{}, 0, false
	}
	g := unitGran(e.unit)
	if g == 0 || g == gDecade || g == gCentury {
		return node{}, 0, false
	}
	switch w {
	case "following", "next":
		if g == gDay {
			return dateNode(s.anchorDay().shift(1, s.loc)), k + 1, true
		}
		if w == "following" {
			return dateNode(s.anchorGran(g).shift(1, s.loc)), k + 1, true
		}
		return dateNode(s.refGran(g, 1)), k + 1, true
	case "coming":
		return dateNode(s.refGran(g, 1)), k + 1, true
	case "current":
		return dateNode(s.refGran(g, 0)), k + 1, true
	case "previous":
		if g == gDay {
			return dateNode(s.anchorDay().shift(-1, s.loc)), k + 1, true
		}
		return dateNode(s.anchorGran(g).shift(-1, s.loc)), k + 1, true
	case "last":
		if g == gDay {
			return node{}, 0, false
		}
		return dateNode(s.refGran(g, -1)), k + 1, true
	}
	return node{}, 0, false
}

// relative parses "this week", "last month", "next Friday", "last
// summer", "this past weekend", "last night".
func (s *scan) relative(i int) (node, int, bool) {
	w := s.low(i)
	j := i + 1
	if w == "this" && (s.word(j, "past") || s.word(j, "coming")) {
		w = s.low(j)
		j++
	}
	if w == "past" && !s.word(i-1, "this") {
		return node{}, 0, false // "the past week" is a duration
	}
	if s.word(j, "fiscal") && s.word(j+1, "year") {
		j++
	}
	var dir cue
	strict := true
	shift := 0
	switch w {
	case "last", "previous", "past":
		dir, shift = cuePast, -1
	case "next", "coming":
		dir, shift = cueFuture, 1
	default:
		strict = false
	}
	e := s.entry(j)
	if e == nil {
		return node{}, 0, false
	}
	switch {
	case e.wday != 0 && !e.wdays:
		wd, k, ok := s.weekdayAt(j)
		if !ok {
			return node{}, 0, false
		}
		d := dir
		if d == cueNone {
			d = s.tense(i, k)
			if d == cueNone {
				d = cueFuture
			}
		}
		return s.dayPod(s.weekday(wd, d, strict), k)
	case e.month != 0:
		if !s.toks[j].upper {
			return node{}, 0, false
		}
		k := j + 1
		d := dir
		if d == cueNone {
			d = s.tense(i, k)
		}
		return dateNode(s.month(int(e.month), d, strict)), k, true
	case e.season != 0:
		k := j + 1
		d := dir
		if d == cueNone {
			d = s.tense(i, k)
		}
		return dateNode(s.season(int(e.season), d, strict)), k, true
	case e.pod != 0:
		switch {
		case w == "this" && e.pod != podNight:
			return node{kind: nTime, pt: s.refDay(0), hour: -1, pod: e.pod}, j + 1, true
		case w == "last" && (e.pod == podNight || e.pod == podEvening):
			return node{kind: nTime, pt: s.refDay(-1), hour: -1, pod: e.pod}, j + 1, true
		}
		return node{}, 0, false
	case e.unit != uNone && !e.plural:
		g := unitGran(e.unit)
		if g == 0 || g == gDay {
			return node{}, 0, false
		}
		if e.unit == uFortnight {
			return node{}, 0, false
		}
		p := s.refGran(g, shift)
		if g == gWeekend && s.known() && shift == -1 && isoWeekday(s.ref) >= 6 {
			// On a weekend, "last weekend" is the one before.
			p = s.refGran(g, -1)
		}
		return dateNode(p), j + 1, true
	}
	return node{}, 0, false
}

// fiscal parses "fiscal 2013", "fiscal year 2013", "FY2013", "FY 13".
func (s *scan) fiscal(i int) (node, int, bool) {
	j := i + 1
	if s.word(i, "fiscal") && s.word(j, "year") {
		j++
	}
	if s.num(j) {
		t := &s.toks[j]
		switch t.nd {
		case 4:
			if t.num >= 1900 && t.num <= 2099 {
				return dateNode(point{g: gYear, y: t.num}), j + 1, true
			}
		case 2:
			if s.word(i, "fy") {
				return dateNode(point{g: gYear, y: 2000 + t.num}), j + 1, true
			}
		}
	}
	return node{}, 0, false
}
