package timex

import (
	"time"
)

// nodeKind is the kind of a parsed expression.
type nodeKind int8

const (
	nDate     nodeKind = iota + 1 // a calendar point: pt
	nTime                         // a time of day on day pt
	nDuration                     // val, with begin and end when anchored
	nSet                          // val
	nRef                          // PRESENT_REF, PAST_REF, FUTURE_REF: val
	nRange                        // a to b
)

// node is a parsed and resolved expression.
type node struct {
	kind nodeKind
	pt   point
	hour int // -1 for a part of the day
	min  int
	pod  int8
	val  string
	// begin and end bound an anchored duration ("the past 20 years").
	begin, end time.Time
	// a and b are the endpoints of a range; a covers tokens [i, aEnd) and b
	// covers [bStart, j) of the range's [i, j).
	a, b         *node
	aEnd, bStart int
}

func dateNode(p point) node { return node{kind: nDate, pt: p} }

// scan is the state of one Find call.
type scan struct {
	f    *Finder
	text string
	toks []token
	ref  time.Time // midnight of the reference day; zero when unknown
	loc  *time.Location
	// lastDay is the last day-precision date found, the anchor of "the
	// next day"; last is the last date of any precision, the anchor of
	// "the following year".
	lastDay, last point
}

// at parses the longest expression starting at token i.
func (s *scan) at(i int) (node, int, bool) {
	t := &s.toks[i]
	switch t.kind {
	case tPunct:
		if !isApostrophe(t.low) {
			return node{}, 0, false
		}
	case tWord:
		if t.e == nil || !t.e.starts {
			return node{}, 0, false
		}
	}
	var best node
	bestEnd := -1
	try := func(n node, end int, ok bool) {
		if ok && end > bestEnd {
			best, bestEnd = n, end
		}
	}
	try(s.refExpr(i))
	try(s.setExpr(i))
	try(s.duration(i))
	try(s.dateTime(i))
	return best, bestEnd, bestEnd > i
}

// Token tests. All are false past the end of the text.

func (s *scan) word(i int, w string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tWord && s.toks[i].low == w
}

func (s *scan) punct(i int, p string) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && s.toks[i].low == p
}

func (s *scan) num(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tNum && s.toks[i].num >= 0
}

func (s *scan) isWord(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tWord
}

// tight reports that token i follows the one before it with no space.
func (s *scan) tight(i int) bool {
	return i > 0 && i < len(s.toks) && !s.toks[i].space
}

func (s *scan) dash(i int) bool {
	if i < 0 || i >= len(s.toks) || s.toks[i].kind != tPunct {
		return false
	}
	switch s.toks[i].low {
	case "-", "–", "—", "‐", "‑":
		return true
	}
	return false
}

func (s *scan) apostrophe(i int) bool {
	return i >= 0 && i < len(s.toks) && s.toks[i].kind == tPunct && isApostrophe(s.toks[i].low)
}

func (s *scan) entry(i int) *entry {
	if i < 0 || i >= len(s.toks) {
		return nil
	}
	return s.toks[i].e
}

func (s *scan) low(i int) string {
	if i < 0 || i >= len(s.toks) {
		return ""
	}
	return s.toks[i].low
}

// podAt returns the part of the day named at token i.
func (s *scan) podAt(i int) int8 {
	if e := s.entry(i); e != nil && e.pod != 0 {
		return e.pod
	}
	return 0
}

// sentenceInitial reports whether token i starts a sentence (or a quote).
func (s *scan) sentenceInitial(i int) bool {
	if s.boundary(i) {
		return true
	}
	p := s.low(i - 1)
	return p == "\"" || p == "“" || p == "‘" || p == "(" || p == ":" || p == "'"
}

// Reference-date arithmetic. Each returns a partial point when the
// reference date is unknown.

func (s *scan) known() bool { return !s.ref.IsZero() }

// refDay returns the reference day moved by n days.
func (s *scan) refDay(n int) point {
	if !s.known() {
		return point{g: gDay}
	}
	return dayPoint(s.ref.AddDate(0, 0, n))
}

// refGran returns the granule g holding the reference day, moved by n.
func (s *scan) refGran(g gran, n int) point {
	if !s.known() {
		return point{g: g}
	}
	return granOf(g, s.ref).shift(n, s.loc)
}

// weekday resolves a weekday: the one on or before the reference day for
// the past, on or after it for the future, the nearer one for no tense;
// strict excludes the reference day itself.
func (s *scan) weekday(wd int, dir cue, strict bool) point {
	if !s.known() {
		return point{g: gDay, wd: wd}
	}
	cur := isoWeekday(s.ref)
	if dir == cueNone {
		// No tense: the nearer one, in the past when they are as near.
		if ahead := (wd - cur + 7) % 7; ahead > 0 && ahead <= 3 {
			dir = cueFuture
		}
	}
	if dir == cueFuture {
		delta := (wd - cur + 7) % 7
		if delta == 0 && strict {
			delta = 7
		}
		return dayPoint(s.ref.AddDate(0, 0, delta))
	}
	delta := (cur - wd + 7) % 7
	if delta == 0 && strict {
		delta = 7
	}
	return dayPoint(s.ref.AddDate(0, 0, -delta))
}

// pickYear chooses the year of a yearless date whose position within a year
// is pos (comparable with refPos, the reference date's position): on or
// before the reference for the past, on or after for the future, nearest
// otherwise (ties go to the past).
func (s *scan) pickYear(pos, refPos, span int, dir cue, strict bool) int {
	ry := s.ref.Year()
	switch dir {
	case cuePast:
		if pos < refPos || pos == refPos && !strict {
			return ry
		}
		return ry - 1
	case cueFuture:
		if pos > refPos || pos == refPos && !strict {
			return ry
		}
		return ry + 1
	}
	d := pos - refPos
	switch {
	case d > span/2:
		return ry - 1
	case d < -span/2:
		return ry + 1
	}
	return ry
}

// month resolves a month without a year.
func (s *scan) month(m int, dir cue, strict bool) point {
	if !s.known() {
		return point{g: gMonth, m: m}
	}
	return point{g: gMonth, y: s.pickYear(m, int(s.ref.Month()), 12, dir, strict), m: m}
}

// monthDay resolves a day of a month without a year.
func (s *scan) monthDay(m, d int, dir cue) point {
	if !s.known() {
		return point{g: gDay, m: m, d: d}
	}
	pos := m*31 + d
	refPos := int(s.ref.Month())*31 + s.ref.Day()
	return point{g: gDay, y: s.pickYear(pos, refPos, 12*31, dir, false), m: m, d: d}
}

// season resolves a season without a year.
func (s *scan) season(se int, dir cue, strict bool) point {
	if !s.known() {
		return point{g: gSeason, m: se}
	}
	cur := seasonOf(s.ref)
	// Compare positions in a year running spring to winter; the winter of
	// the reference's season year may fall in the next calendar year.
	y := s.pickYear(se, cur.m, 4, dir, strict)
	return point{g: gSeason, y: y + (cur.y - s.ref.Year()), m: se}
}

// quarter resolves a quarter (or half, when g is gHalf) without a year.
func (s *scan) quarter(g gran, q int, dir cue) point {
	if !s.known() {
		return point{g: g, m: q}
	}
	cur := granOf(g, s.ref)
	y := cur.y
	switch {
	case dir == cuePast && q > cur.m:
		y--
	case dir == cueFuture && q < cur.m:
		y++
	}
	return point{g: g, y: y, m: q}
}

// anchorGran is the granule g holding the last date mentioned, else the
// reference day.
func (s *scan) anchorGran(g gran) point {
	if s.last.known() {
		if b, _ := s.last.bounds(s.loc); !b.IsZero() {
			return granOf(g, b)
		}
	}
	return s.refGran(g, 0)
}

// anchorDay is the day that "the next day" counts from: the last date
// mentioned, else the reference day.
func (s *scan) anchorDay() point {
	if s.lastDay.known() {
		return s.lastDay
	}
	return s.refDay(0)
}
