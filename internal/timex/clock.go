package timex

import "strconv"

// Grammar of clock times and elapsed times.

// clock reads a clock time at i: "10 a.m.", "10:30pm", "15:00 GMT", "0500
// GMT", "3 o'clock". Bare "10:30" needs a word before it that takes a
// time.
func (s *scan) clock(i int) (h, m, end int, ok bool) {
	if s.num(i) && s.toks[i].nd == 4 {
		// "0500 GMT": a 24-hour time needs its zone.
		v := s.toks[i].num
		if e := s.timezone(i + 1); e > i+1 && v/100 <= 23 && v%100 <= 59 && !s.tight(i+1) {
			return v / 100, v % 100, e, true
		}
		return 0, 0, 0, false
	}
	if !s.num(i) || s.toks[i].nd > 2 {
		return 0, 0, 0, false
	}
	if s.tight(i) && (s.num(i-1) || s.punct(i-1, ":") || s.punct(i-1, ".") || s.punct(i-1, "$")) {
		return 0, 0, 0, false
	}
	h = s.toks[i].num
	j := i + 1
	minutes := false
	if (s.punct(j, ":") || s.punct(j, ".")) && s.tight(j) && s.num(j+1) && s.tight(j+1) && s.toks[j+1].nd == 2 {
		m = s.toks[j+1].num
		if m > 59 {
			return 0, 0, 0, false
		}
		if s.punct(j+2, ":") && s.tight(j+2) {
			return 0, 0, 0, false // "3:07:35" is a duration (see numberDate)
		}
		if s.punct(j, ".") {
			// "10.30" needs am/pm.
			if _, ok := s.ampm(j + 2); !ok {
				return 0, 0, 0, false
			}
		}
		minutes = true
		j += 2
	}
	if pm, e, ok := s.ampmEnd(j); ok {
		if h < 1 || h > 12 {
			return 0, 0, 0, false
		}
		if pm {
			h = h%12 + 12
		} else {
			h %= 12
		}
		return h, m, s.timezone(e), true
	}
	if s.word(j, "o") && s.apostrophe(j+1) && s.word(j+2, "clock") {
		if h < 1 || h > 12 {
			return 0, 0, 0, false
		}
		return h, m, s.timezone(j + 3), true
	}
	if s.word(j, "noon") && h == 12 && !minutes {
		return 12, 0, j + 1, true
	}
	if !minutes || h > 24 {
		return 0, 0, 0, false
	}
	if e := s.timezone(j); e > j {
		return h, m, e, true
	}
	switch s.low(i - 1) {
	case "at", "by", "until", "till", "from", "before", "after", "around", "about", "since", "to":
		return h, m, j, true
	}
	return 0, 0, 0, false
}

// ampm reads "am", "pm", "a.m.", "p.m" at j: whether it is pm, and ok.
func (s *scan) ampm(j int) (bool, bool) {
	pm, _, ok := s.ampmEnd(j)
	return pm, ok
}

func (s *scan) ampmEnd(j int) (pm bool, end int, ok bool) {
	switch s.low(j) {
	case "am", "pm":
		if s.isWord(j) {
			return s.low(j) == "pm", s.skipDot(j + 1), true
		}
	case "a", "p":
		if s.punct(j+1, ".") && s.tight(j+1) && s.word(j+2, "m") && s.tight(j+2) {
			return s.low(j) == "p", s.skipDot(j + 3), true
		}
	}
	return false, 0, false
}

// skipDot includes a period that closes an abbreviation at j.
func (s *scan) skipDot(j int) int {
	if s.punct(j, ".") && s.tight(j) {
		return j + 1
	}
	return j
}

// timezone includes a time zone at j: "GMT", "ET", "local time".
func (s *scan) timezone(j int) int {
	if !s.isWord(j) {
		return j
	}
	t := &s.toks[j]
	switch t.low {
	case "gmt", "utc", "est", "edt", "et", "cst", "cdt", "mst", "mdt", "pst", "pdt", "pt", "bst", "cet", "cest",
		"ist", "jst", "aest", "msk", "pkt", "hkt", "sgt", "eet", "eest", "wib", "ast", "z":
		if t.caps || t.upper {
			return j + 1
		}
	case "local":
		if s.word(j+1, "time") {
			return j + 2
		}
	}
	return j
}

// timeOnDay finishes a clock time with the day that may follow it ("10
// a.m. Friday", "15:00 GMT Saturday", "noon today").
func (s *scan) timeOnDay(h, m, i, end int) (node, int, bool) {
	k := end
	if s.punct(k, ",") {
		k++
	}
	p := s.refDay(0)
	if e := s.entry(k); e != nil && (e.wday != 0 || e.month != 0) || s.word(k, "today") || s.word(k, "tomorrow") || s.word(k, "yesterday") {
		if n, e2, ok := s.point(k, modNone); ok && n.pt.g == gDay && (n.kind == nDate) {
			p, end = n.pt, e2
		}
	}
	return node{kind: nTime, pt: p, hour: h, min: m}, end, true
}

// clockDay parses "noon", "midnight", with a day after them.
func (s *scan) clockDay(i int) (node, int, bool) {
	h := 12
	if s.low(i) == "midnight" {
		h = 24
	}
	return s.timeOnDay(h, 0, i, i+1)
}

// stopwatch parses an elapsed time "3:07:35" (hours, minutes, seconds) as
// a duration.
func (s *scan) stopwatch(i int) (node, int, bool) {
	if !(s.num(i) && s.punct(i+1, ":") && s.tight(i+1) && s.num(i+2) && s.tight(i+2) &&
		s.punct(i+3, ":") && s.tight(i+3) && s.num(i+4) && s.tight(i+4)) {
		return node{}, 0, false
	}
	if s.tight(i) && (s.num(i-1) || s.punct(i-1, ":")) || s.tight(i+5) && (s.punct(i+5, ":") || s.num(i+5)) {
		return node{}, 0, false
	}
	h, m, sec := s.toks[i].num, s.toks[i+2].num, s.toks[i+4].num
	if s.toks[i+2].nd != 2 || s.toks[i+4].nd != 2 || m > 59 || sec > 59 || h > 99 {
		return node{}, 0, false
	}
	v := "PT"
	if h > 0 {
		v += itoa(h) + "H"
	}
	if m > 0 {
		v += itoa(m) + "M"
	}
	if sec > 0 || h == 0 && m == 0 {
		v += itoa(sec) + "S"
	}
	return node{kind: nDuration, val: v}, i + 5, true
}

func itoa(n int) string { return strconv.Itoa(n) }
