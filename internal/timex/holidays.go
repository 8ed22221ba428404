package timex

import "time"

// holiday parses named days: "Christmas", "New Year's Day", "Easter",
// "Thanksgiving", with an optional year.
func (s *scan) holiday(i int) (node, int, bool) {
	if !s.isWord(i) || !s.toks[i].upper {
		return node{}, 0, false
	}
	m, d, j := 0, 0, i+1
	easter, thanks := false, false
	switch s.low(i) {
	case "christmas", "xmas":
		m, d = 12, 25
		switch {
		case s.word(j, "eve"):
			d, j = 24, j+1
		case s.word(j, "day"):
			j++
		}
	case "new":
		if !s.word(j, "year") {
			return node{}, 0, false
		}
		j++
		if s.apostrophe(j) && s.word(j+1, "s") {
			j += 2
		}
		switch {
		case s.word(j, "eve"):
			m, d, j = 12, 31, j+1
		case s.word(j, "day"):
			m, d, j = 1, 1, j+1
		default:
			return node{}, 0, false
		}
	case "halloween":
		m, d = 10, 31
	case "valentine":
		if !(s.apostrophe(j) && s.word(j+1, "s") && s.word(j+2, "day")) {
			return node{}, 0, false
		}
		m, d, j = 2, 14, j+3
	case "boxing":
		if !s.word(j, "day") {
			return node{}, 0, false
		}
		m, d, j = 12, 26, j+1
	case "easter":
		easter = true
		if s.word(j, "sunday") {
			j++
		}
	case "thanksgiving":
		thanks = true
		if s.word(j, "day") {
			j++
		}
	default:
		return node{}, 0, false
	}
	y, hasYear := s.yearAt(j)
	if hasYear {
		j++
	}
	if easter || thanks {
		if !hasYear {
			if !s.known() {
				return dateNode(point{g: gDay}), j, true
			}
			y = s.ref.Year()
			p := movable(y, easter)
			dir := s.tense(i, j)
			rp := s.refDay(0)
			if dir == cuePast && after(p, rp) {
				p = movable(y-1, easter)
			} else if dir == cueFuture && after(rp, p) {
				p = movable(y+1, easter)
			}
			return dateNode(p), j, true
		}
		return dateNode(movable(y, easter)), j, true
	}
	if hasYear {
		return dateNode(point{g: gDay, y: y, m: m, d: d}), j, true
	}
	return dateNode(s.monthDay(m, d, s.tense(i, j))), j, true
}

func after(a, b point) bool {
	return a.y > b.y || a.y == b.y && (a.m > b.m || a.m == b.m && a.d > b.d)
}

// movable returns Easter Sunday (Gregorian computus) or US Thanksgiving
// (fourth Thursday of November) of year y.
func movable(y int, easter bool) point {
	if !easter {
		nov1 := time.Date(y, 11, 1, 0, 0, 0, 0, time.UTC)
		off := (4 - isoWeekday(nov1) + 7) % 7
		return point{g: gDay, y: y, m: 11, d: 1 + off + 21}
	}
	a := y % 19
	b := y / 100
	c := y % 100
	d := b / 4
	e := b % 4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i := c / 4
	k := c % 4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return point{g: gDay, y: y, m: month, d: day}
}
