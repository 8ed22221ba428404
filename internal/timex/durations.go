package timex

// Grammar of durations, sets and vague references.

// quantity reads an amount at i: "two", "20", "twenty-five", "a", "a few",
// "several", "half a", "1.5", "two and a half". n < 0 means vague.
func (s *scan) quantity(i int) (n int, half bool, end int, ok bool) {
	if i >= len(s.toks) {
		return 0, false, 0, false
	}
	t := &s.toks[i]
	switch t.kind {
	case tNum:
		if t.nd > 4 || s.tight(i) && (s.punct(i-1, "$") || s.punct(i-1, ".") || s.punct(i-1, ",") || s.isWord(i-1) || s.num(i-1)) {
			return 0, false, 0, false
		}
		n, end = t.num, i+1
		if s.punct(end, ".") && s.tight(end) && s.num(end+1) && s.tight(end+1) {
			if s.toks[end+1].low != "5" {
				return 0, false, 0, false
			}
			half, end = true, end+2
		} else if s.punct(end, ",") && s.tight(end) && s.num(end+1) && s.tight(end+1) {
			return 0, false, 0, false // "1,000": not a number of time units we want
		}
		return s.andAHalf(n, half, end)
	case tPunct:
		return 0, false, 0, false
	}
	switch t.low {
	case "a", "an":
		switch s.low(i + 1) {
		case "few":
			return -1, false, i + 2, true
		case "couple":
			if s.word(i+2, "of") {
				return 2, false, i + 3, true
			}
			return 2, false, i + 2, true
		case "dozen":
			return 12, false, i + 2, true
		case "number":
			if s.word(i+2, "of") {
				return -1, false, i + 3, true
			}
		case "half":
			return 0, true, i + 2, true
		}
		return s.andAHalf(1, false, i+1)
	case "half":
		if s.word(i+1, "a") || s.word(i+1, "an") {
			return 0, true, i + 2, true
		}
		return 0, false, 0, false
	case "few", "several", "many", "numerous":
		return -1, false, i + 1, true
	case "some":
		return -1, false, i + 1, true
	case "dozens", "hundreds", "thousands":
		if s.word(i+1, "of") {
			return -1, false, i + 2, true
		}
		return 0, false, 0, false
	}
	e := t.e
	if e == nil || e.num == 0 && t.low != "zero" {
		return 0, false, 0, false
	}
	n, end = e.num, i+1
	if n >= 20 && n < 100 && n%10 == 0 {
		// "twenty-five", "twenty five"
		k := end
		if s.dash(k) && s.tight(k) {
			k++
		}
		if e2 := s.entry(k); e2 != nil && e2.num > 0 && e2.num < 10 {
			n, end = n+e2.num, k+1
		}
	}
	if s.word(end, "hundred") {
		n, end = n*100, end+1
	}
	return s.andAHalf(n, false, end)
}

// andAHalf extends a number with "and a half".
func (s *scan) andAHalf(n int, half bool, end int) (int, bool, int, bool) {
	if !half && s.word(end, "and") && s.word(end+1, "a") && s.word(end+2, "half") {
		e := s.entry(end + 3)
		if e != nil && e.unit != uNone {
			return n, true, end + 3, true
		}
	}
	return n, half, end, true
}

// durationAdjective words may stand between a number and its unit: "two
// full years", "five straight days".
func durationAdjective(w string) bool {
	switch w {
	case "full", "straight", "consecutive", "more", "additional", "long", "whole", "entire", "further",
		"extra", "successive", "calendar", "solid", "short", "busy", "hard", "difficult", "last", "first",
		"final", "previous", "next", "past", "remaining", "other", "intervening":
		return true
	}
	return false
}

// approx reads a hedge kept in the extent of a duration ("almost", "a
// mere"); it returns the index after it. Prepositions that hedge ("about",
// "around", "more than") stay out, as TimeML annotators leave them.
func (s *scan) approx(i int) int {
	switch s.low(i) {
	case "almost", "nearly", "roughly", "approximately":
		if s.num(i+1) || s.entry(i+1) != nil && s.entry(i+1).num > 0 || s.word(i+1, "a") || s.word(i+1, "an") {
			return i + 1
		}
	case "a":
		if s.word(i+1, "mere") {
			return i + 2
		}
	}
	return i
}

// duration parses durations ("20 years", "the past two years", "several
// weeks", "a four-week"), with "ago" and "from now" making them dates.
func (s *scan) duration(i int) (node, int, bool) {
	k := s.approx(i)
	dir := 0     // -1 for "the past", +1 for "the next": anchored at the reference date
	rel := false // an article with a relative word: "the following decade"
	the := false
	if s.word(k, "the") {
		the = true
		k++
		switch s.low(k) {
		case "past", "last", "recent":
			dir, rel = -1, true
			k++
		case "next", "coming":
			dir, rel = 1, true
			k++
		case "previous", "following", "first", "final", "remaining":
			rel = true
			k++
		}
	} else if s.word(k, "recent") && k == i {
		// "recent weeks": a vague stretch up to now.
		e := s.entry(k + 1)
		if e != nil && e.plural && e.unit != uNone && e.unit != uWeekend {
			return node{kind: nDuration, val: durationValue(-1, false, e.unit)}, k + 2, true
		}
		return node{}, 0, false
	} else if w := s.low(k); (w == "past" || w == "last" || w == "next") && k == i {
		// "last two years" without an article.
		dir = -1
		if w == "next" {
			dir = 1
		}
		k++
		if _, _, _, ok := s.quantity(k); !ok {
			return node{}, 0, false
		}
	}
	n, half, q, hasQ := s.quantity(k)
	if hasQ && n > 0 && (s.word(q, "to") || s.word(q, "or") || s.dash(q) || s.word(q, "and") && s.word(k-1, "between")) {
		// "12 to 18 months", "between 12 and 18 months": the first number
		// takes the unit of the second.
		if _, _, q2, ok := s.quantity(q + 1); ok {
			if e := s.entry(q2); e != nil && e.plural && e.unit != uNone && e.unit != uWeekend {
				return node{kind: nDuration, val: durationValue(n, half, e.unit)}, q, true
			}
		}
	}
	if hasQ && n == 1 && !half && s.word(k, "one") && s.word(q, "day") && k == i &&
		(s.sentenceInitial(i) || s.punct(q+1, ",") || s.word(i-1, "and") || s.word(i-1, "but")) {
		return node{}, 0, false // "One day, he will return": some day
	}
	u := q
	if !hasQ {
		if e := s.entry(k); k == i && e != nil && e.unit != uNone && e.unit != uWeekend &&
			s.dash(k+1) && s.tight(k+1) && s.word(k+2, "long") && s.tight(k+2) {
			// "a month-long ceasefire", "decades-long"
			n := 1
			if e.plural {
				n = -1
			}
			return node{kind: nDuration, val: durationValue(n, false, e.unit)}, k + 3, true
		}
		if !the || !rel {
			return s.bareUnits(i)
		}
		u = k
		n = -1
	}
	hyphen := false
	if hasQ && s.dash(u) && s.tight(u) && s.tight(u+1) {
		hyphen = true
		u++
	}
	if hasQ && !hyphen && durationAdjective(s.low(u)) && s.entry(u+1) != nil && s.entry(u+1).unit != uNone {
		u++
	}
	e := s.entry(u)
	if e == nil || e.unit == uNone {
		return node{}, 0, false
	}
	unit := e.unit
	end := u + 1
	if s.dash(end) && s.tight(end) && s.word(end+1, "long") && s.tight(end+1) {
		if s.word(k, "a") || s.word(k, "an") {
			return node{}, 0, false // "a month-long truce": "month-long" from the next token
		}
		end += 2 // "a three-day-long visit"
	}
	if !half && !e.plural && s.word(end, "and") && s.word(end+1, "a") && s.word(end+2, "half") {
		half, end = true, end+3 // "a year and a half"
	}
	// Exclusions: ages, fractions and ordinals.
	if hyphen {
		if e.plural {
			return node{}, 0, false
		}
		if s.dash(end) && s.tight(end) && s.word(end+1, "old") {
			return node{}, 0, false
		}
	}
	if s.word(end, "old") || s.word(end, "of") && s.word(end+1, "age") {
		return node{}, 0, false
	}
	switch s.low(i - 1) {
	case "age", "ages", "aged":
		return node{}, 0, false // "children ages 6 months and older"
	}
	if unit == uQuarter && s.word(end, "of") {
		return node{}, 0, false // "a quarter of the votes"
	}
	if unit == uSecond && !e.plural && (n == 1 && !s.num(k) && s.low(k) != "one") {
		return node{}, 0, false // "a second term"
	}
	if !hasQ {
		// "the past year", "the coming weeks"; "the last week" is a date.
		if !e.plural {
			if s.low(k-1) != "past" && !(unit == uDecade || unit == uCentury) {
				return node{}, 0, false
			}
			n = 1
		}
	}
	if !e.plural && n < 0 {
		return node{}, 0, false // "some day", "many a year"
	}
	if e.plural && n == 1 && !half && (s.word(k, "a") || s.word(k, "an")) {
		return node{}, 0, false
	}
	if n == 0 && !half {
		return node{}, 0, false
	}
	if unit == uWeekend && n < 0 {
		return node{}, 0, false
	}
	// A possessive apostrophe belongs to the expression: "five years'".
	if e.plural && s.apostrophe(end) && s.tight(end) && !s.tight(end+1) {
		end++
	}
	if hyphen && the && !rel {
		return node{}, 0, false // "the 24-hour news cycle": the article belongs to the noun
	}
	val := durationValue(n, half, unit)
	// "two weeks ago" is a date; "a year from now" stays a duration and a
	// "now", as TimeML has it.
	if !the && dir == 0 && s.word(end, "ago") {
		return s.ago(n, half, unit, -1, end+1)
	}
	nd := node{kind: nDuration, val: val}
	if dir != 0 && n > 0 && s.known() {
		day := s.ref
		if dir < 0 {
			nd.begin, nd.end = addUnits(day, unit, -n), day.AddDate(0, 0, 1)
		} else {
			nd.begin, nd.end = day, addUnits(day, unit, n)
		}
	}
	return nd, end, true
}

// bareUnits parses a plural unit alone where a word around it makes it a
// duration: "for years", "days before", "within hours".
func (s *scan) bareUnits(i int) (node, int, bool) {
	e := s.entry(i)
	if e == nil || !e.plural || e.unit == uNone || e.unit == uWeekend || e.unit == uQuarter {
		return node{}, 0, false
	}
	ok := false
	switch s.low(i - 1) {
	case "for", "in", "within", "over", "after", "took", "take", "takes", "taking", "lasted", "lasting",
		"spent", "spend", "spending", "than", "wait", "waited", "waiting":
		ok = true
	}
	switch s.low(i + 1) {
	case "before", "after", "later", "earlier":
		ok = true
	case "ago":
		return node{kind: nRef, val: "PAST_REF"}, i + 2, true
	case "of", "old", "to", "when":
		if s.low(i-1) == "in" || s.low(i+1) == "old" {
			ok = false
		}
	}
	if !ok {
		return node{}, 0, false
	}
	return node{kind: nDuration, val: durationValue(-1, false, e.unit)}, i + 1, true
}

// ago makes the date n units before (sign < 0) or after now.
func (s *scan) ago(n int, half bool, u unit, sign int, end int) (node, int, bool) {
	if n < 0 || half {
		if sign < 0 {
			return node{kind: nRef, val: "PAST_REF"}, end, true
		}
		return node{kind: nRef, val: "FUTURE_REF"}, end, true
	}
	g := unitGran(u)
	switch u {
	case uSecond, uMinute, uHour:
		g = gDay
	case uFortnight:
		n *= 2
	}
	if g == 0 {
		return node{}, 0, false
	}
	if !s.known() {
		return dateNode(point{g: g}), end, true
	}
	t := addUnits(s.ref, u, sign*n)
	return dateNode(granOf(g, t)), end, true
}

// setExpr parses recurring times: "daily", "every week", "each Monday",
// "twice a year", "per day", "on Mondays".
func (s *scan) setExpr(i int) (node, int, bool) {
	t := &s.toks[i]
	if t.kind != tWord {
		return node{}, 0, false
	}
	switch t.low {
	case "daily", "weekly", "monthly", "yearly", "annually", "hourly", "quarterly", "nightly", "biweekly", "fortnightly":
		if t.upper && !s.sentenceInitial(i) || s.isWord(i+1) && s.toks[i+1].upper && t.upper {
			return node{}, 0, false // "the Daily Mail", "China Daily"
		}
		return node{kind: nSet, val: everyValue(t.low)}, i + 1, true
	case "every", "each":
		j := i + 1
		n := 1
		if s.word(j, "other") {
			n, j = 2, j+1
		} else if q, half, e, ok := s.quantity(j); ok && q > 1 && !half {
			n, j = q, e
		}
		e := s.entry(j)
		if e == nil {
			return node{}, 0, false
		}
		switch {
		case e.unit != uNone && (!e.plural || n > 1):
			if e.unit == uWeekend {
				return node{kind: nSet, val: "XXXX-WXX-WE"}, j + 1, true
			}
			return node{kind: nSet, val: durationValue(n, false, e.unit)}, j + 1, true
		case e.wday != 0 && !e.wdays && !e.abbr:
			return node{kind: nSet, val: point{g: gDay, wd: int(e.wday)}.value()}, j + 1, true
		case e.month != 0 && !e.abbr && s.toks[j].upper:
			return node{kind: nSet, val: point{g: gMonth, m: int(e.month)}.value()}, j + 1, true
		case e.pod != 0:
			return node{kind: nSet, val: "XXXX-XX-XXT" + podCodes[e.pod]}, j + 1, true
		case e.season != 0 && s.low(j) != "fall":
			return node{kind: nSet, val: "XXXX-" + seasonCodes[e.season]}, j + 1, true
		}
		return node{}, 0, false
	case "per":
		if e := s.entry(i + 1); e != nil && e.unit != uNone && !e.plural && e.unit != uWeekend {
			return node{kind: nSet, val: durationValue(1, false, e.unit)}, i + 2, true
		}
		return node{}, 0, false
	case "once", "twice":
		if (s.word(i+1, "a") || s.word(i+1, "an") || s.word(i+1, "per") || s.word(i+1, "every") || s.word(i+1, "each")) && s.unitSingular(i+2) {
			return node{kind: nSet, val: durationValue(1, false, s.entry(i+2).unit)}, i + 3, true
		}
		return node{}, 0, false
	case "a", "an":
		if !s.unitSingular(i + 1) {
			return node{}, 0, false
		}
		// "$5 a day", "three times a week", "10 percent a year"
		p := s.low(i - 1)
		amount := s.num(i-1) || p == "times" || p == "percent" || p == "%" || p == "million" ||
			p == "billion" || p == "trillion" || p == "dollars" || p == "euros" || p == "pounds" || p == "cents"
		if !amount {
			return node{}, 0, false
		}
		switch s.low(i + 2) {
		case "earlier", "later", "ago", "before", "after", "from", "of", "or", "and", "to":
			return node{}, 0, false // "$3.2 million a year earlier"
		}
		return node{kind: nSet, val: durationValue(1, false, s.entry(i+1).unit)}, i + 2, true
	}
	if e := t.e; e != nil && e.wdays && (s.word(i-1, "on") || s.word(i-1, "every")) {
		return node{kind: nSet, val: point{g: gDay, wd: int(e.wday)}.value()}, i + 1, true
	}
	return node{}, 0, false
}

func (s *scan) unitSingular(i int) bool {
	e := s.entry(i)
	return e != nil && e.unit != uNone && !e.plural && e.unit != uWeekend && e.unit != uQuarter
}

// refExpr parses vague references to the present, past or future: "now",
// "currently", "the past", "the future", "at the time".
func (s *scan) refExpr(i int) (node, int, bool) {
	t := &s.toks[i]
	if t.kind != tWord {
		return node{}, 0, false
	}
	switch t.low {
	case "now":
		if s.apostrophe(i+1) || s.dash(i+1) && s.tight(i+1) {
			return node{}, 0, false // "now-defunct"
		}
		return node{kind: nRef, val: "PRESENT_REF"}, i + 1, true
	case "currently", "nowadays":
		return node{kind: nRef, val: "PRESENT_REF"}, i + 1, true
	case "present":
		if s.word(i-1, "at") {
			return node{kind: nRef, val: "PRESENT_REF"}, i + 1, true
		}
	case "these":
		if s.word(i+1, "days") && !s.isWord(i+2) {
			return node{kind: nRef, val: "PRESENT_REF"}, i + 2, true
		}
	case "the":
		switch s.low(i + 1) {
		case "past":
			if s.refEnd(i + 2) {
				return node{kind: nRef, val: "PAST_REF"}, i + 2, true
			}
		case "future":
			if s.refEnd(i+2) || s.word(i+2, "of") {
				return node{kind: nRef, val: "FUTURE_REF"}, i + 2, true
			}
		case "near", "distant", "foreseeable", "immediate":
			if s.word(i+2, "future") {
				return node{kind: nRef, val: "FUTURE_REF"}, i + 3, true
			}
			if s.word(i+2, "past") && s.refEnd(i+3) {
				return node{kind: nRef, val: "PAST_REF"}, i + 3, true
			}
		case "present":
			if s.refEnd(i + 2) {
				return node{kind: nRef, val: "PRESENT_REF"}, i + 2, true
			}
		}
	case "at":
		if (s.word(i+1, "the") || s.word(i+1, "that")) && s.word(i+2, "time") && !s.word(i+3, "of") && !s.word(i+3, "when") {
			return node{kind: nRef, val: "PAST_REF"}, i + 3, true
		}
	}
	return node{}, 0, false
}

// refEnd reports that a vague reference ends before token j: "the past"
// but not "the past week" or "the past president".
func (s *scan) refEnd(j int) bool {
	if j >= len(s.toks) || s.toks[j].kind == tPunct {
		return true
	}
	switch s.low(j) {
	case "and", "or", "but", "as", "when", "with", "that", "is", "was", "has", "have", "had", "will",
		"to", "in", "on", "at", "for", "by", "we", "they", "he", "she", "it", "i", "you", "this", "there", "because":
		return true
	}
	return false
}

// everyValue is the TIMEX3 value of an adverb of frequency.
func everyValue(w string) string {
	switch w {
	case "daily":
		return "P1D"
	case "weekly":
		return "P1W"
	case "monthly":
		return "P1M"
	case "yearly", "annually":
		return "P1Y"
	case "hourly":
		return "PT1H"
	case "quarterly":
		return "P3M"
	case "nightly":
		return "XXXX-XX-XXTNI"
	}
	return "P2W" // biweekly, fortnightly
}
