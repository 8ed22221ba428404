package compare

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/english"
)

// A token is a word or number of a sentence. Punctuation is not a token:
// the diff aligns words, and quotation marks are kept as a flag.
type token struct {
	start, end int    // byte offsets in the article text
	lower      string // the word in lower case
	key        string // what the diff matches: a stem, or a number's value
	stem       string
	name       bool // part of a name: capitalised inside a sentence, or in a mention
	stop       bool
	neg        bool
	number     bool
	quoted     bool // inside a direct quotation
	speaker    bool // inside a quote's speaker, as the analyses found it
	timex      bool // inside a temporal expression
	initial    bool // capitalised at the start of a sentence: a name if seen as one elsewhere
}

// content reports whether t can carry a fact on its own.
func (t *token) content() bool { return !t.stop && !t.neg }

// stemmer stems English words with the Snowball English stemmer.
type stemmer struct {
	env  *snowballstem.Env
	memo map[string]string
}

func newStemmer() *stemmer {
	return &stemmer{env: snowballstem.NewEnv(""), memo: make(map[string]string, 256)}
}

func (s *stemmer) stem(w string) string {
	if st, ok := s.memo[w]; ok {
		return st
	}
	s.env.SetCurrent(w)
	english.Stem(s.env)
	st := s.env.Current()
	s.memo[w] = st
	return st
}

// tokenize appends the tokens of text[sp.Start:sp.End] to out. Words are
// runs of letters and digits, with inner stops, commas and apostrophes
// ("U.S", "1,000", "don't"); hyphens split ("one-year" is "one" "year"); a
// possessive 's and n't are tokens of their own. A capitalised word is a
// name unless it begins the sentence or a quotation (see markNames).
func (cm *Comparer) tokenize(text string, start, end int, out []token) []token {
	first := true
	i := start
	for i < end {
		r, size := utf8.DecodeRuneInString(text[i:end])
		if !isWordStart(r) {
			if r == '“' || r == '‘' || r == '(' || r == ':' || r == '"' && opens(text, i+size, end) {
				first = true
			}
			i += size
			continue
		}
		j := i + size
		for j < end {
			r2, s2 := utf8.DecodeRuneInString(text[j:end])
			if isWordRune(r2) {
				j += s2
				continue
			}
			if r2 == '.' || r2 == ',' || r2 == '\'' || r2 == '’' {
				if r3, _ := utf8.DecodeRuneInString(text[j+s2 : end]); j+s2 < end && isWordRune(r3) {
					j += s2
					continue
				}
			}
			break
		}
		word := text[i:j]
		// A trailing stop on dotted capitals stays: "U.S.".
		if j < end && text[j] == '.' && strings.Contains(word, ".") {
			j++
			word = text[i:j]
		}
		out = cm.appendWord(text, i, j, word, first, out)
		first = false
		i = j
	}
	return out
}

func (cm *Comparer) appendWord(text string, i, j int, word string, first bool, out []token) []token {
	lower := strings.ToLower(word)
	// Clitics: possessive 's and n't.
	for _, suf := range [...]string{"'s", "’s"} {
		if len(lower) > len(suf) && strings.HasSuffix(lower, suf) {
			k := j - len(suf)
			out = cm.appendWord(text, i, k, text[i:k], first, out)
			return append(out, token{start: k, end: j, lower: "'s", key: "'s", stem: "'s", stop: true})
		}
	}
	for _, suf := range [...]string{"n't", "n’t"} {
		if len(lower) > len(suf)+1 && strings.HasSuffix(lower, suf) {
			k := j - len(suf)
			out = cm.appendWord(text, i, k, text[i:k], first, out)
			return append(out, token{start: k, end: j, lower: "n't", key: "not", stem: "not", neg: true})
		}
	}
	t := token{start: i, end: j, lower: lower}
	r, _ := utf8.DecodeRuneInString(word)
	// The key of a word does not depend on where it stands; whether it
	// is a number or a name does: "Fifth Avenue" is a name.
	midCapital := unicode.IsUpper(r) && !first
	switch {
	case unicode.IsDigit(r) || r == '$' || r == '£' || r == '€':
		t.number, t.key = true, numberKey(lower)
	case strings.ContainsAny(lower, "0123456789"):
		t.number, t.key = true, lower // "batted.467", "SARS-CoV-2": the digits are the fact
	case numberWords[lower] != 0 || lower == "zero":
		t.number, t.key = !midCapital, "#"+strconv.FormatFloat(numberWords[lower], 'g', -1, 64)
	case ordinals[lower] != 0:
		t.number, t.key = !midCapital, "ord"+strconv.FormatFloat(ordinals[lower], 'g', -1, 64)
	}
	if t.key != "" {
		t.stem = t.key
		t.name = midCapital && !t.number
	} else {
		t.stem = cm.stem.stem(strings.ReplaceAll(strings.ReplaceAll(lower, "’", "'"), ".", ""))
		t.key = t.stem
		t.stop = stopwords[lower] || cues[lower]
		t.neg = negators[lower]
		capital := unicode.IsUpper(r) && !t.stop && !t.neg
		t.name, t.initial = capital && !first, capital && first
		if !t.name && len(word) > 1 && isAllUpper(word) {
			t.name = true
		}
	}
	if t.stem == "" {
		t.stem = t.key
	}
	return append(out, t)
}

// numberKey normalises a written number: "$5bn" and "5,000,000,000" are
// the same key; a unit other than a scale stays part of it.
func numberKey(w string) string {
	w = strings.TrimLeft(w, "$£€")
	k := 0
	for k < len(w) && (w[k] >= '0' && w[k] <= '9' || w[k] == '.' || w[k] == ',') {
		k++
	}
	digits, unit := strings.ReplaceAll(w[:k], ",", ""), w[k:]
	v, err := strconv.ParseFloat(digits, 64)
	if err != nil {
		return "#" + w
	}
	if m, ok := unitSuffixes[unit]; ok {
		v *= m
		if m == 1 && unit != "" && unit != "th" && unit != "st" && unit != "nd" && unit != "rd" {
			return "#" + strconv.FormatFloat(v, 'g', -1, 64) + unit
		}
		unit = ""
	}
	return "#" + strconv.FormatFloat(v, 'g', -1, 64) + unit
}

// opens reports whether a straight quotation mark before text[i:] opens a
// quotation: a word follows it without a space.
func opens(text string, i, end int) bool {
	r, _ := utf8.DecodeRuneInString(text[i:end])
	return i < end && isWordRune(r)
}

func isWordStart(r rune) bool {
	return isWordRune(r) || r == '$' || r == '£' || r == '€'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '%'
}

func isAllUpper(w string) bool {
	letters := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters > 1
}

// year reports whether t is a number that reads as a year.
func (t *token) year() bool {
	if !t.number || len(t.lower) != 4 {
		return false
	}
	v, err := strconv.Atoi(t.lower)
	return err == nil && v >= 1800 && v <= 2100
}
