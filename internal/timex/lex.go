package timex

import (
	"unicode"
	"unicode/utf8"
)

// tokKind is the kind of a token.
type tokKind uint8

const (
	tWord  tokKind = iota + 1 // letters
	tNum                      // ASCII digits
	tPunct                    // one other non-space rune
)

// unit is a calendar or clock unit.
type unit int8

const (
	uNone unit = iota
	uSecond
	uMinute
	uHour
	uDay
	uWeek
	uWeekend
	uFortnight
	uMonth
	uQuarter
	uHalf
	uSeason
	uYear
	uDecade
	uCentury
)

// entry is what the lexicon knows about a lower-case word. Zero fields mean
// "not this class".
type entry struct {
	month  int8 // 1..12
	abbr   bool // an abbreviation of a month or weekday: needs a dot or a number after it
	wday   int8 // 1..7, Monday = 1 (ISO)
	wdays  bool // plural weekday ("Mondays"): a set
	num    int  // cardinal number word
	ord    int  // ordinal word
	unit   unit
	plural bool // plural unit
	season int8 // 1 spring, 2 summer, 3 fall, 4 winter
	pod    int8 // part of day, index into podCodes
	fuzzy  bool // vague quantity: few, several, many, some
	// starts says an expression may start at this word; words not in the
	// lexicon never start one.
	starts bool
}

// Parts of the day, as TIMEX3 writes them.
var podCodes = [...]string{"", "MO", "MI", "AF", "EV", "NI", "DT"}

const (
	podMorning   = 1
	podMidday    = 2
	podAfternoon = 3
	podEvening   = 4
	podNight     = 5
)

// seasonCodes are the TIMEX3 season codes, indexed by entry.season.
var seasonCodes = [...]string{"", "SP", "SU", "FA", "WI"}

// token is one word, number or punctuation rune of the text.
type token struct {
	start, end int
	low        string // ASCII-lowered text
	kind       tokKind
	space      bool // white space before the token
	nl         bool // a line break before the token
	upper      bool // starts with an upper-case letter
	caps       bool // all letters upper-case, two or more letters
	nd         int8 // number of digits (tNum)
	num        int  // value (tNum, up to 9 digits)
	e          *entry
}

// newLexicon builds the word table.
func newLexicon() map[string]*entry {
	m := make(map[string]*entry, 256)
	add := func(e entry, words ...string) {
		for _, w := range words {
			e := e
			m[w] = &e
		}
	}
	months := [][]string{
		{"january", "jan"}, {"february", "feb"}, {"march", "mar"}, {"april", "apr"},
		{"may"}, {"june", "jun"}, {"july", "jul"}, {"august", "aug"},
		{"september", "sep", "sept"}, {"october", "oct"}, {"november", "nov"}, {"december", "dec"},
	}
	for i, names := range months {
		add(entry{month: int8(i + 1)}, names[0])
		for _, a := range names[1:] {
			add(entry{month: int8(i + 1), abbr: true}, a)
		}
	}
	days := [][]string{
		{"monday", "mon"}, {"tuesday", "tue", "tues"}, {"wednesday", "wed"}, {"thursday", "thu", "thur", "thurs"},
		{"friday", "fri"}, {"saturday", "sat"}, {"sunday", "sun"},
	}
	for i, names := range days {
		add(entry{wday: int8(i + 1)}, names[0])
		add(entry{wday: int8(i + 1), wdays: true}, names[0]+"s")
		for _, a := range names[1:] {
			add(entry{wday: int8(i + 1), abbr: true}, a)
		}
	}
	ones := []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	for i, w := range ones {
		add(entry{num: i}, w)
	}
	tens := []string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, w := range tens {
		if w != "" {
			add(entry{num: i * 10}, w)
		}
	}
	add(entry{num: 100}, "hundred")
	add(entry{num: 12}, "dozen")
	ords := []string{"", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
		"eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth",
		"nineteenth", "twentieth"}
	for i, w := range ords {
		if w == "" {
			continue
		}
		e, ok := m[w]
		if !ok {
			e = &entry{}
			m[w] = e
		}
		e.ord = i
	}
	add(entry{ord: 30}, "thirtieth")
	units := []struct {
		u     unit
		words []string
	}{
		{uSecond, []string{"second", "sec"}},
		{uMinute, []string{"minute", "min"}},
		{uHour, []string{"hour", "hr"}},
		{uDay, []string{"day"}},
		{uWeek, []string{"week", "wk"}},
		{uWeekend, []string{"weekend"}},
		{uFortnight, []string{"fortnight"}},
		{uMonth, []string{"month"}},
		{uQuarter, []string{"quarter"}},
		{uYear, []string{"year", "yr"}},
		{uDecade, []string{"decade"}},
	}
	for _, u := range units {
		for _, w := range u.words {
			e, ok := m[w]
			if !ok {
				e = &entry{}
				m[w] = e
			}
			e.unit = u.u
			add(entry{unit: u.u, plural: true}, w+"s")
		}
	}
	add(entry{unit: uCentury}, "century")
	add(entry{unit: uCentury, plural: true}, "centuries")
	seasons := [][]string{{"spring"}, {"summer"}, {"fall", "autumn"}, {"winter"}}
	for i, ws := range seasons {
		add(entry{season: int8(i + 1)}, ws...)
	}
	add(entry{pod: podMorning}, "morning")
	add(entry{pod: podAfternoon}, "afternoon")
	add(entry{pod: podEvening}, "evening")
	add(entry{pod: podNight}, "night")
	add(entry{fuzzy: true}, "few", "several", "some", "many", "numerous", "couple", "dozens", "hundreds")
	for _, e := range m {
		e.starts = true
	}
	// Function words and modifiers that may start an expression.
	for _, w := range starters {
		if _, ok := m[w]; !ok {
			m[w] = &entry{starts: true}
		}
	}
	return m
}

// starters are the words outside the classes above that may start an
// expression.
var starters = []string{
	"the", "this", "last", "next", "past", "coming", "previous", "following", "recent",
	"early", "late", "mid", "earlier", "later", "end", "beginning", "start", "middle",
	"today", "yesterday", "tomorrow", "tonight", "now", "currently", "nowadays", "present", "these",
	"at", "every", "each", "per", "once", "twice", "a", "an", "half", "almost", "nearly", "roughly",
	"approximately", "noon", "midnight", "fiscal", "fy", "q", "dozens", "thousands",
	"daily", "weekly", "monthly", "yearly", "annually", "hourly", "quarterly", "nightly", "biweekly",
	"fortnightly", "christmas", "xmas", "new", "halloween", "valentine", "boxing", "easter", "thanksgiving",
	"year", "month", "week", "current",
}

// shapes records which (first letter, length) pairs the lexicon holds, so
// most words skip the map lookup.
type shapes [26]uint32

func newShapes(lex map[string]*entry) *shapes {
	var sh shapes
	for w := range lex {
		if c := w[0]; c >= 'a' && c <= 'z' && len(w) < 32 {
			sh[c-'a'] |= 1 << len(w)
		}
	}
	return &sh
}

func (sh *shapes) may(low string) bool {
	c := low[0]
	return c >= 'a' && c <= 'z' && len(low) < 32 && sh[c-'a']&(1<<len(low)) != 0
}

// tokenize splits text into tokens. low is text with ASCII letters
// lower-cased, so byte offsets agree.
func tokenize(text, low string, lex map[string]*entry, sh *shapes, toks []token) []token {
	space, nl := true, true
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			space = true
			i++
			continue
		case c == '\n':
			space, nl = true, true
			i++
			continue
		case c >= '0' && c <= '9':
			j := i
			n := 0
			for j < len(text) && text[j] >= '0' && text[j] <= '9' {
				if j-i < 9 {
					n = n*10 + int(text[j]-'0')
				}
				j++
			}
			nd := j - i
			if nd > 9 {
				nd = 9 // too long to be a date part; value truncated
				n = -1
			}
			toks = append(toks, token{start: i, end: j, low: low[i:j], kind: tNum, space: space, nl: nl, nd: int8(nd), num: n})
			i = j
		case c < utf8.RuneSelf && isLetter(c):
			j := i
			for j < len(text) {
				b := text[j]
				if b < utf8.RuneSelf {
					if !isLetter(b) {
						break
					}
					j++
					continue
				}
				r, size := utf8.DecodeRuneInString(text[j:])
				if !unicode.IsLetter(r) {
					break
				}
				j += size
			}
			t := token{start: i, end: j, low: low[i:j], kind: tWord, space: space, nl: nl}
			t.upper = c >= 'A' && c <= 'Z'
			if t.upper && j-i > 1 {
				t.caps = true
				for k := i; k < j; k++ {
					if text[k] >= 'a' && text[k] <= 'z' {
						t.caps = false
						break
					}
				}
			}
			if sh.may(t.low) {
				t.e = lex[t.low]
			}
			toks = append(toks, t)
			i = j
		default:
			r, size := utf8.DecodeRuneInString(text[i:])
			if r >= utf8.RuneSelf && unicode.IsSpace(r) {
				space = true
				i += size
				continue
			}
			if r >= utf8.RuneSelf && unicode.IsLetter(r) {
				// A word starting with a non-ASCII letter: never temporal
				// for us, but keep it one token.
				j := i + size
				for j < len(text) {
					r2, s2 := utf8.DecodeRuneInString(text[j:])
					if !unicode.IsLetter(r2) {
						break
					}
					j += s2
				}
				toks = append(toks, token{start: i, end: j, low: low[i:j], kind: tWord, space: space, nl: nl})
				i = j
				break
			}
			toks = append(toks, token{start: i, end: i + size, low: low[i : i+size], kind: tPunct, space: space, nl: nl})
			i += size
		}
		space, nl = false, false
	}
	return toks
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// lowerASCII lower-cases ASCII letters only, keeping byte offsets.
func lowerASCII(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] >= 'A' && s[i] <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if b[j] >= 'A' && b[j] <= 'Z' {
					b[j] += 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}
