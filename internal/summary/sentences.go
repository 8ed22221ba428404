package summary

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// sentence is a sentence of a text: its byte offset and its text.
type sentence struct {
	pos  int
	text string
}

// sentences splits text into sentences: at line breaks, and after ".",
// "!" or "?" (and any closing quotes or brackets) followed by a space and
// a capital letter, digit or opening quote, unless the word before the
// stop is an abbreviation or an initial. It keeps at most max sentences.
func sentences(text string, max int) []sentence {
	var out []sentence
	add := func(start, end int) {
		s := strings.TrimSpace(text[start:end])
		if s != "" {
			out = append(out, sentence{start + strings.Index(text[start:end], s), s})
		}
	}
	start := 0
	for i := 0; i < len(text) && len(out) < max; {
		r, n := utf8.DecodeRuneInString(text[i:])
		switch {
		case r == '\n':
			add(start, i)
			start = i + n
		case r == '.' || r == '!' || r == '?':
			end := i + n
			for end < len(text) {
				q, m := utf8.DecodeRuneInString(text[end:])
				if !strings.ContainsRune(`"'”’)]»`, q) {
					break
				}
				end += m
			}
			if end < len(text) && text[end] == ' ' && startsSentence(text[end+1:]) && (r != '.' || !abbreviation(text[start:i])) {
				add(start, end)
				start = end
			}
			i = end
			continue
		}
		i += n
	}
	if len(out) < max {
		add(start, len(text))
	}
	return out
}

// startsSentence reports whether s starts as a sentence does, after
// spaces: a capital letter, a digit or an opening quote.
func startsSentence(s string) bool {
	s = strings.TrimLeft(s, " ")
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune(`"'“‘(«`, r)
}

// abbreviation reports whether the text before a full stop ends in an
// abbreviation ("Mr", "Gen", "U.S") or an initial ("J").
func abbreviation(before string) bool {
	i := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) && r != '.' })
	w := before[i+1:]
	if utf8.RuneCountInString(w) == 1 || strings.Contains(w, ".") {
		return true
	}
	return abbreviations[strings.ToLower(w)]
}

var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true, "gen": true, "lt": true,
	"col": true, "maj": true, "capt": true, "sgt": true, "sen": true, "rep": true, "gov": true,
	"jr": true, "sr": true, "no": true, "vs": true, "inc": true, "corp": true, "ltd": true, "co": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "approx": true, "est": true,
}

// words splits s into words: runs of letters and digits, with inner
// apostrophes and hyphens.
func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-'
	})
}

// terms appends to dst the content terms of s, each given an ID from
// vocab (new terms are added): lower case, stop words left out, crudely
// stemmed (suffixes cut, then at most six letters), so that "called"
// meets "calls" and "terrorists" meets "terrorism". buf is scratch space.
func terms(dst []int32, s string, vocab map[string]int32, buf []byte) ([]int32, []byte) {
	for i := 0; i < len(s); {
		buf = buf[:0]
		for i < len(s) {
			r, n := rune(s[i]), 1
			if r >= utf8.RuneSelf {
				r, n = utf8.DecodeRuneInString(s[i:])
			}
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '’' && r != '-' {
				i += n
				if len(buf) > 0 {
					break
				}
				continue
			}
			i += n
			if r < utf8.RuneSelf {
				if 'A' <= r && r <= 'Z' {
					r += 'a' - 'A'
				}
				buf = append(buf, byte(r))
			} else {
				buf = utf8.AppendRune(buf, unicode.ToLower(r))
			}
		}
		w := strings.Trim(string(buf), "'’-") // converted without copying when looked up below
		w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
		if len(w) < 2 || stopWords[w] {
			continue
		}
		for _, suf := range suffixes {
			if len(w) > len(suf)+3 && strings.HasSuffix(w, suf) {
				w = w[:len(w)-len(suf)]
				break
			}
		}
		if len(w) > 6 {
			w = w[:6]
		}
		id, ok := vocab[w]
		if !ok {
			id = int32(len(vocab))
			vocab[strings.Clone(w)] = id
		}
		dst = append(dst, id)
	}
	return dst, buf
}

var suffixes = [...]string{"ing", "ed", "es", "s"}

var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a about above after again against all also am an and any are as at be
		because been before being between both but by can could did do does doing down during each few
		for from further had has have having he her here hers him his how i if in into is it its itself
		just me more most my no nor not now of off on once only or other our out over own same she should
		so some such than that the their them then there these they this those through to too under until
		up very was we were what when where which while who whom why will with would you your said says
		say told according also mr mrs ms one two new last year years week day days time since still
		us's i'm it's he's she's we're they're don't didn't isn't wasn't`) {
		m[w] = true
	}
	return m
}()

// isBanner reports whether s is written in capitals: at least three words
// and nearly all of its letters upper case.
func isBanner(s string) bool {
	var upper, letters int
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	return len(strings.Fields(s)) >= 3 && letters >= 12 && upper*10 >= letters*9
}
