package timex

import "strings"

// cue is the tense a word signals.
type cue int8

const (
	cueNone   cue = 0
	cuePast   cue = -1
	cueFuture cue = 1
)

func newCues() map[string]cue {
	m := make(map[string]cue, 128)
	for _, w := range []string{
		"will", "shall", "ll", "would", "tomorrow", "next", "upcoming", "scheduled",
		"expected", "expects", "expect", "due", "planned", "plans", "plan", "planning",
		"intends", "aims", "hopes", "later", "coming", "until", "till",
	} {
		m[w] = cueFuture
	}
	for _, w := range []string{
		"said", "told", "was", "were", "had", "did", "ago", "last", "yesterday", "earlier",
		"went", "came", "met", "made", "took", "gave", "held", "began", "saw", "got", "left",
		"found", "lost", "fell", "rose", "spoke", "wrote", "sent", "paid", "struck", "won",
		"became", "brought", "bought", "sold", "caught", "chose", "drove", "flew", "fought",
		"grew", "heard", "hit", "kept", "knew", "led", "meant", "ran", "said", "sat", "shot",
		"stood", "swept", "taught", "thought", "threw", "understood", "wore", "broke", "built",
		"felt", "forgot", "froze", "hid", "hung", "laid", "lent", "lit", "rode", "rang", "sank",
		"shook", "shut", "slept", "spent", "split", "spread", "stole", "stuck", "swore", "tore",
		"woke", "withdrew", "overtook", "undertook", "been", "since",
	} {
		m[w] = cuePast
	}
	return m
}

// abbreviations are words after which a period is not a sentence end.
var abbreviations = []string{
	"mr", "mrs", "ms", "dr", "prof", "st", "gen", "sen", "rep", "gov", "lt", "col", "capt", "sgt",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
	"inc", "corp", "co", "ltd", "no", "vs", "jr", "sr", "u", "s", "a", "p", "m", "e", "g", "i",
	"ft", "mt", "ave", "rev", "hon", "est", "approx", "dept", "univ",
}

// notPastEd are words ending in -ed that are not verbs in the past.
var notPastEd = []string{
	"need", "speed", "indeed", "red", "bed", "seed", "feed", "weed", "breed", "deed", "greed",
	"hundred", "shed", "bled", "bred", "fled", "led", "sled", "wed", "creed", "steed", "reed",
	"proceed", "exceed", "succeed", "embed", "united", "limited", "based", "related", "so-called",
	"expected", "scheduled", "planned", "supposed", "alleged", "armed", "advanced", "detailed",
	"concerned", "interested", "qualified", "talented", "skilled", "required", "proposed",
}

// tense returns the tense signalled around tokens [i, j): the nearest cue in
// the same sentence, looking left first.
func (s *scan) tense(i, j int) cue {
	const reach = 30
	lo := s.clauseStart(i)
	hi := s.clauseEnd(j)
	for d := 1; d <= reach; d++ {
		if k := i - d; k >= lo {
			if c := s.cueAt(k); c != cueNone {
				return c
			}
		}
		if k := j - 1 + d; k < hi {
			// A participle after a comma ("opens on March 24, hosted by
			// ...") belongs to another phrase: look no further forward.
			if s.low(k) == "," && k >= j {
				hi = k
			} else if c := s.cueAt(k); c != cueNone {
				return c
			}
		}
		if i-d < lo && j-1+d >= hi {
			break
		}
	}
	return cueNone
}

// cueAt returns the tense signalled by token k.
func (s *scan) cueAt(k int) cue {
	t := &s.toks[k]
	if t.kind != tWord {
		return cueNone
	}
	switch t.low {
	case "ll":
		if k > 0 && isApostrophe(s.toks[k-1].low) && !t.space {
			return cueFuture
		}
		return cueNone
	case "won":
		// "won't" is a future; "won" a past.
		if k+2 < len(s.toks) && isApostrophe(s.toks[k+1].low) && s.toks[k+2].low == "t" {
			return cueFuture
		}
		return cuePast
	case "going":
		if k+1 < len(s.toks) && s.toks[k+1].low == "to" {
			return cueFuture
		}
		return cueNone
	case "set":
		if k+1 < len(s.toks) && s.toks[k+1].low == "to" {
			return cueFuture
		}
		return cueNone
	case "last", "next", "coming", "earlier", "later", "until", "till", "since":
		// These qualify a time; when they belong to another expression
		// they are still a fair hint of the clause's tense.
		return s.f.cues[t.low]
	}
	if c, ok := s.f.cues[t.low]; ok {
		if c == cuePast && t.low != "was" && t.low != "were" && t.low != "had" && t.low != "did" {
			switch s.low(k - 1) {
			case "be", "being":
				return cueNone // a passive: "will be held in March"
			}
		}
		return c
	}
	if len(t.low) > 4 && strings.HasSuffix(t.low, "ed") && !t.upper && !s.f.notEd[t.low] {
		switch s.low(k - 1) {
		case "be", "being", "to":
			return cueNone // a passive or infinitive: "to be published in May"
		}
		return cuePast
	}
	return cueNone
}

func isApostrophe(s string) bool { return s == "'" || s == "’" || s == "‘" }

// boundary reports whether a sentence ends just before token k.
func (s *scan) boundary(k int) bool {
	if k <= 0 || k >= len(s.toks) {
		return true
	}
	t := &s.toks[k]
	if t.nl {
		return true
	}
	p := &s.toks[k-1]
	if p.kind != tPunct {
		return false
	}
	switch p.low {
	case "!", "?":
		return true
	case ".":
		if k >= 2 && s.f.abbr[s.toks[k-2].low] && !s.toks[k-1].space {
			return false
		}
		return t.space
	}
	return false
}

// clauseBoundary reports whether a clause ends just before token k: a
// sentence end, a semicolon, or a comma before a conjunction.
func (s *scan) clauseBoundary(k int) bool {
	if s.boundary(k) {
		return true
	}
	switch s.low(k - 1) {
	case ";":
		return true
	case ",":
		switch s.low(k) {
		case "and", "but", "while", "whereas", "although", "though":
			return true
		}
	}
	return s.low(k) == "but"
}

func (s *scan) clauseStart(i int) int {
	for k := i; k > 0; k-- {
		if s.clauseBoundary(k) {
			return k
		}
	}
	return 0
}

func (s *scan) clauseEnd(j int) int {
	for k := j; k < len(s.toks); k++ {
		if s.clauseBoundary(k) {
			return k
		}
	}
	return len(s.toks)
}
