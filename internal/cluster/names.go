package cluster

import (
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// GuessEntities finds candidate names in a title and text without a named
// entity recogniser: runs of capitalised words ("Tara Reid", "Betty Ford
// Center", "TTP"), joined by "of", "de" and the like. A capitalised word that
// opens a sentence counts only inside a longer run or when the text also
// capitalises it mid-sentence, so "After" and "Police" at the start of a
// sentence are not names. Leading titles are dropped ("Prime Minister Imran
// Khan" gives "Imran Khan"), as are days and months. Lines written in capitals
// and headlines in Title Case are read only for names found elsewhere.
//
// The names have no type; Key is the lower-case name. It is a fallback for
// when the caller has no entities from a recogniser.
func GuessEntities(title, text string) []Entity {
	var g guesser
	g.counts = make(map[string]int)
	g.show = make(map[string]string)
	g.midCaps = make(map[string]bool)
	// Two passes: the first learns which words are capitalised mid-sentence.
	for pass := 0; pass < 2; pass++ {
		g.collect = pass == 1
		g.scan(text, false)
		if title != "" {
			g.scan(title, isTitleCase(title))
		}
	}
	out := make([]Entity, 0, len(g.counts))
	for key, n := range g.counts {
		out = append(out, Entity{Key: key, Name: g.show[key], Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Key < out[j].Key
	})
	return out
}

type guesser struct {
	collect bool
	counts  map[string]int
	show    map[string]string
	midCaps map[string]bool // words seen capitalised in mid-sentence
	run     []nameWord
}

type nameWord struct {
	text    string
	initial bool // opens a sentence
}

// scan reads text line by line. When known is set (a Title Case headline),
// only runs already known as names are counted.
func (g *guesser) scan(text string, known bool) {
	for line := range strings.Lines(text) {
		if isShouting(line) {
			continue
		}
		g.scanLine(line, known)
	}
}

func (g *guesser) scanLine(line string, known bool) {
	initial := true
	g.run = g.run[:0]
	i := 0
	for i < len(line) {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !unicode.IsLetter(r) {
			switch {
			case unicode.IsSpace(r):
			case r == '.' || r == '!' || r == '?' || r == ':' || r == ';' || r == '•' || r == '|':
				g.flush(known)
				// "U.S." and "Jr." do not end a sentence when a lower-case
				// word follows; starting one anyway only costs a name.
				initial = true
			case r == '"' || r == '“' || r == '”' || r == '‘' || r == '\'' || r == '(' || r == '[':
				g.flush(known)
				// A quote or bracket opening a sentence keeps it open.
			default:
				g.flush(known)
				initial = false
			}
			i += size
			continue
		}
		// A word: letters, with inner hyphens, apostrophes and dots.
		j := i + size
		for j < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if unicode.IsLetter(r2) || unicode.IsDigit(r2) {
				j += s2
				continue
			}
			if (r2 == '-' || r2 == '\'' || r2 == '’' || r2 == '.') && j+s2 < len(line) {
				next, _ := utf8.DecodeRuneInString(line[j+s2:])
				if unicode.IsLetter(next) {
					j += s2
					continue
				}
			}
			break
		}
		word := trimPossessive(line[i:j])
		// A dot inside a word ("U.S") is kept; one at its end is handled by
		// the punctuation case, except after a single letter (initials).
		g.word(word, initial, known)
		initial = false
		i = j
	}
	g.flush(known)
}

func (g *guesser) word(w string, initial, known bool) {
	first, _ := utf8.DecodeRuneInString(w)
	if unicode.IsUpper(first) {
		if !initial && !g.collect {
			g.midCaps[w] = true
		}
		g.run = append(g.run, nameWord{w, initial})
		return
	}
	if len(g.run) > 0 && connectors[w] {
		g.run = append(g.run, nameWord{w, false})
		return
	}
	g.flush(known)
}

// flush ends the current run of capitalised words and counts its name.
func (g *guesser) flush(known bool) {
	run := g.run
	g.run = g.run[:0]
	// Connectors cannot end a name.
	for len(run) > 0 && connectors[run[len(run)-1].text] {
		run = run[:len(run)-1]
	}
	if !g.collect {
		return
	}
	// A run holding a title splits there: "US Deputy Secretary of State
	// Wendy Sherman" gives "US" and "Wendy Sherman".
	first, last := -1, -1
	for i := 0; i < len(run); i++ {
		if titles[strings.ToLower(run[i].text)] {
			if first < 0 {
				first = i
			}
			last = i
			// "Secretary of State", "Minister for Interior"
			if i+2 < len(run) && (run[i+1].text == "of" || run[i+1].text == "for") {
				last = i + 2
				i += 2
			}
		}
	}
	if first >= 0 {
		g.emit(run[:first], known)
		g.emit(run[last+1:], known)
		return
	}
	g.emit(run, known)
}

// emit counts the name a run of capitalised words makes, after dropping
// what cannot start or end a name.
func (g *guesser) emit(run []nameWord, known bool) {
	for len(run) > 0 {
		w := run[0]
		lw := strings.ToLower(w.text)
		if stopwords[lw] || notNames[lw] || connectors[w.text] || isPronoun(lw) ||
			(w.initial && len(run) == 1 && !g.midCaps[w.text]) ||
			(w.initial && !g.midCaps[w.text] && (commonOpeners[lw] || strings.HasSuffix(lw, "ly"))) {
			run = run[1:]
			continue
		}
		break
	}
	for len(run) > 0 {
		lw := strings.ToLower(run[len(run)-1].text)
		if !notNames[lw] && !connectors[lw] {
			break
		}
		run = run[:len(run)-1]
	}
	if len(run) == 0 || len(run) > 6 {
		return
	}
	parts := make([]string, len(run))
	for i, w := range run {
		parts[i] = w.text
	}
	show := strings.Join(parts, " ")
	key := strings.ToLower(show)
	if len(run) == 1 && (len(key) < 2 || stopwords[key]) {
		return
	}
	if known {
		if _, ok := g.counts[key]; !ok {
			return
		}
	}
	g.count(key, show)
	// "Wendy Sherman" is often "Sherman" later on, and in other articles.
	if n := len(run); n == 2 || n == 3 {
		lastWord := run[n-1].text
		lw := strings.ToLower(lastWord)
		if utf8.RuneCountInString(lw) >= 3 && !generic[lw] && !strings.ContainsAny(lw, "-.") {
			g.count(lw, lastWord)
		}
	}
}

func (g *guesser) count(key, show string) {
	g.counts[key]++
	if _, ok := g.show[key]; !ok {
		g.show[key] = show
	}
}

// isPronoun reports whether a capitalised word is "I" with a contraction.
func isPronoun(lw string) bool {
	return strings.HasPrefix(lw, "i'") || strings.HasPrefix(lw, "i’")
}

func trimPossessive(w string) string {
	for _, s := range []string{"'s", "’s", "'", "’"} {
		if strings.HasSuffix(w, s) && len(w) > len(s) {
			return w[:len(w)-len(s)]
		}
	}
	return w
}

// isShouting reports whether a line is written mostly in capitals, where
// capitals do not mark names.
func isShouting(line string) bool {
	var upper, words int
	for _, f := range strings.Fields(line) {
		first, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(first) {
			continue
		}
		words++
		if strings.ToUpper(f) == f {
			upper++
		}
	}
	return words >= 4 && upper*10 >= words*6
}

// isTitleCase reports whether most words of a headline are capitalised.
func isTitleCase(title string) bool {
	var caps, words int
	for _, f := range strings.Fields(title) {
		first, _ := utf8.DecodeRuneInString(f)
		if !unicode.IsLetter(first) || stopwords[strings.ToLower(f)] {
			continue
		}
		words++
		if unicode.IsUpper(first) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*7
}

// connectors may join the capitalised words of one name.
var connectors = map[string]bool{
	"of": true, "de": true, "del": true, "della": true, "da": true, "do": true, "dos": true,
	"du": true, "la": true, "le": true, "van": true, "von": true, "der": true, "den": true,
	"al": true, "el": true, "bin": true, "ibn": true, "y": true,
}

// titles are honorifics and offices that precede names.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "dr": true, "prof": true, "sir": true,
	"president": true, "vice": true, "prime": true, "minister": true, "secretary": true,
	"deputy": true, "general": true, "gen": true, "col": true, "lt": true, "capt": true,
	"sgt": true, "senator": true, "sen": true, "rep": true, "gov": true, "governor": true,
	"mayor": true, "judge": true, "justice": true, "king": true, "queen": true, "prince": true,
	"princess": true, "pope": true, "chief": true, "officer": true, "detective": true,
	"coach": true, "actress": true, "actor": true, "singer": true, "star": true, "former": true,
	"interior": true, "adviser": true, "advisor": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "ambassador": true, "envoy": true, "commander": true, "chairman": true,
	"chairwoman": true, "director": true, "ceo": true, "pm": true, "attorney": true, "lawyer": true,
	"sheriff": true, "constable": true, "inspector": true, "sergeant": true, "lieutenant": true,
	"colonel": true, "captain": true,
}

// notNames are capitalised words that are not names: days, months, time
// zones and dateline words.
var notNames = map[string]bool{
	"am": true, "gmt": true, "utc": true, "edt": true, "est": true, "pdt": true,
	"pst": true, "cdt": true, "cst": true, "ist": true, "bst": true, "cet": true,
	"published": true, "updated": true, "posted": true, "photo": true, "credit": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true,
	"saturday": true, "sunday": true, "january": true, "february": true, "march": true,
	"april": true, "june": true, "july": true, "august": true, "september": true,
	"october": true, "november": true, "december": true, "jan": true, "feb": true, "mar": true,
	"apr": true, "jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true,
	"nov": true, "dec": true, "today": true, "yesterday": true, "tomorrow": true,
}

// generic are last words of names that do not name anything alone.
var generic = map[string]bool{
	"center": true, "centre": true, "city": true, "county": true, "street": true, "house": true,
	"party": true, "group": true, "company": true, "club": true, "council": true, "court": true,
	"university": true, "committee": true, "department": true, "ministry": true, "news": true,
	"times": true, "post": true, "press": true, "world": true, "state": true, "states": true,
	"association": true, "agency": true, "office": true, "police": true, "army": true, "inc": true,
	"corp": true, "ltd": true, "airport": true, "hospital": true, "school": true, "station": true,
	"bank": true, "road": true, "river": true, "island": true, "islands": true, "north": true,
	"south": true, "east": true, "west": true, "republic": true, "union": true, "association's": true,
}

// commonOpeners are capitalised words that often open a sentence followed by
// a name ("Police said", "Officials in Islamabad").
var commonOpeners = map[string]bool{
	"police": true, "officials": true, "earlier": true, "meanwhile": true, "later": true,
	"interestingly": true, "additionally": true, "authorities": true, "witnesses": true,
	"reports": true, "sources": true, "residents": true,
}
