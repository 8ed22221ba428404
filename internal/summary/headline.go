package summary

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Source says where a headline came from, best first: a story is titled
// after the best headline among its reports.
type Source int

const (
	// Written is the article's own headline.
	Written Source = iota
	// Lead is a headline made from the article's lead sentence, for an
	// article without one.
	Lead
	// Banner is an all-capitals headline or lead (an editorial's banner)
	// put in sentence case: the last resort.
	Banner
	// NoHeadline is the source when the article gives nothing to make a
	// headline of.
	NoHeadline
)

// MaxHeadline is the length in runes a headline made from a lead is cut
// to, at a phrase boundary.
const MaxHeadline = 80

// Headline returns an article's headline and where it came from. A
// title that is a real headline is kept (in sentence case when it is a
// banner). A title that is only the start of the text (ingest makes one
// when the input gives none, cut with "…"), or none, is replaced by a
// headline made from the lead sentence: its datelines, leading
// adverbials ("Prior to a visit to Islamabad, ...") and trailing
// attributions left out, cut at the first clause boundary and, past
// MaxHeadline, before a preposition or conjunction, so that it reads as
// a clause and never ends mid-phrase. It is deterministic and costs a
// scan of the title and the first sentences.
func Headline(title, text string) (string, Source) {
	title = strings.Join(strings.Fields(title), " ")
	if title != "" && !isLead(title, text) {
		if isBanner(title) {
			return sentenceCase(title, text), Banner
		}
		return title, Written
	}
	for _, s := range sentences(text, 4) {
		if utf8.RuneCountInString(s.text) < 20 || len(strings.Fields(s.text)) < 4 || isDateline(s.text) {
			continue // a kicker, a byline, a photo credit, a date
		}
		if isBanner(s.text) {
			h := trimEnd(sentenceCase(s.text, text))
			if utf8.RuneCountInString(h) > MaxHeadline {
				h = cutPhrase(h)
			}
			return h, Banner
		}
		if h := fromLead(s.text); h != "" {
			return h, Lead
		}
	}
	if title != "" {
		return strings.TrimSpace(strings.TrimSuffix(title, "…")), Lead
	}
	return "", NoHeadline
}

// isLead reports whether title is the start of text, as the title ingest
// makes for an article without one (possibly ending in "…").
func isLead(title, text string) bool {
	tw := strings.Fields(strings.TrimSuffix(title, "…"))
	if len(tw) == 0 {
		return true
	}
	head := text[:min(len(text), 4*len(title)+64)]
	xw := strings.Fields(head)
	if len(xw) < len(tw) {
		return false
	}
	for i, w := range tw {
		x := xw[i]
		if i == len(tw)-1 {
			// ingest cut the title at the sentence's stop
			x = strings.TrimRight(x, ".!?")
			w = strings.TrimRight(w, ".!?")
		}
		if w != x {
			return false
		}
	}
	return true
}

var (
	// dateline matches "ISLAMABAD, Oct 2 (Reuters) - " and the like.
	dateline = regexp.MustCompile(`^\p{Lu}[\p{Lu}\s.'’-]{1,30}(?:,[^-–—(]{0,30})?\s*(?:\([^)]{0,40}\))?\s*[-–—:]+\s+`)
	// attribution matches a trailing ", officials said" or ", according to ...".
	attribution = regexp.MustCompile(`,\s*(?:according to [^,]*|[^,]{1,50}\s(?:said|says|told [^,]*|reported|announced)(?: on \w+)?)\s*[.!]?$`)
	// opener matches a leading adverbial clause or participle phrase
	// and its comma.
	opener = regexp.MustCompile(`^(?:(?:Prior to|Ahead of|After|Before|Following|Amid|Despite|During|In|On|At|As|While|When|According to|Earlier|Meanwhile|However)\b|\p{Lu}\p{Ll}+ing\b)[^,]{0,70},\s+`)
	// aside matches a relative clause or participle phrase set off by
	// commas inside the sentence: ", who makes headlines for her antics,".
	aside = regexp.MustCompile(`,\s+(?:who|which|whose|\p{Ll}+ing)\b[^,]{0,80},\s+`)
	// trailer matches a participle clause that follows the main one:
	// ", leading ...", ", killing ...".
	trailer = regexp.MustCompile(`,\s+\p{Ll}+ing\b`)
)

// clauseBreaks end the main clause of a lead sentence.
var clauseBreaks = []string{"; ", " – ", " — ", " -- ", ", which ", ", who ", ", while ", ", but ", ", as ", " as ", " while ", " because ", " amid ", " since ", " even as ", " though ", ", saying ", ", after ", ", adding "}

// phraseStarts begin a phrase that a long headline may lose.
var phraseStarts = map[string]bool{
	"against": true, "without": true, "with": true, "for": true, "in": true, "on": true, "at": true,
	"from": true, "over": true, "after": true, "before": true, "amid": true, "by": true, "during": true,
	"into": true, "across": true, "along": true, "near": true, "and": true, "but": true, "or": true,
	"as": true, "to": true, "about": true, "between": true,
}

// fromLead makes a headline of a lead sentence; "" when nothing readable
// is left.
func fromLead(s string) string {
	s = dateline.ReplaceAllString(s, "")
	s = opener.ReplaceAllString(s, "")
	s = attribution.ReplaceAllString(s, "")
	s = aside.ReplaceAllString(s, " ")
	if loc := trailer.FindStringIndex(s); loc != nil && len(strings.Fields(s[:loc[0]])) >= 6 {
		s = s[:loc[0]]
	}
	s = trimEnd(s)
	for _, b := range clauseBreaks {
		if i := strings.Index(s, b); i > 0 && len(strings.Fields(s[:i])) >= 6 {
			s = s[:i]
		}
	}
	s = trimEnd(s)
	for _, art := range []string{"a ", "an ", "the "} {
		if len(s) > len(art) && strings.EqualFold(s[:len(art)], art) && len(strings.Fields(s[len(art):])) >= 4 {
			rest := s[len(art):]
			s = rest
			break
		}
	}
	if utf8.RuneCountInString(s) > MaxHeadline {
		s = cutPhrase(s)
	}
	ws := strings.Fields(s)
	for len(ws) > 0 && (weakEnd[strings.ToLower(ws[len(ws)-1])] || phraseStarts[strings.ToLower(ws[len(ws)-1])]) {
		ws = ws[:len(ws)-1] // "In case you had any doubts whether"
	}
	if len(ws) < 3 {
		return ""
	}
	s = trimEnd(strings.Join(ws, " "))
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

// cutPhrase cuts s before the last phrase that starts within
// MaxHeadline runes, keeping at least five words; failing that, at the
// last comma; failing that, it keeps the whole sentence.
func cutPhrase(s string) string {
	ws := strings.Fields(s)
	best := ""
	for i := 5; i < len(ws); i++ {
		head := strings.Join(ws[:i], " ")
		if utf8.RuneCountInString(head) > MaxHeadline {
			break
		}
		if phraseStarts[strings.ToLower(ws[i])] && !strings.HasSuffix(ws[i-1], ",") && !weakEnd[strings.ToLower(ws[i-1])] {
			best = head
		}
	}
	if best == "" {
		if i := strings.LastIndex(s[:min(len(s), MaxHeadline)], ","); i > 0 && len(strings.Fields(s[:i])) >= 5 {
			best = s[:i]
		}
	}
	if best == "" {
		return s
	}
	return trimEnd(best)
}

// weakEnd are words a headline does not end on.
var weakEnd = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "has": true, "have": true, "had": true,
	"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "will": true,
	"would": true, "could": true, "should": true, "can": true, "may": true, "its": true, "their": true,
	"his": true, "her": true, "and": true, "or": true, "not": true, "very": true, "called": true,
	"whether": true, "if": true, "who": true, "whom": true, "whose": true, "which": true, "that": true,
}

// isDateline reports whether s says only when: "Tuesday, August 7,
// 2012", "21 July 2013 Last updated at 11:11 GMT".
func isDateline(s string) bool {
	for _, w := range words(s) {
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsDigit(r) && !dateWords[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

var dateWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`am pm gmt utc est edt pst pdt bst ist cet st nd rd th of at on last updated
		posted published modified jan january feb february mar march apr april may jun june jul july aug
		august sep sept september oct october nov november dec december mon monday tue tues tuesday wed
		wednesday thu thur thurs thursday fri friday sat saturday sun sunday`) {
		m[w] = true
	}
	return m
}()

// trimEnd drops the stop and any trailing commas, colons or spaces.
func trimEnd(s string) string {
	return strings.TrimRight(strings.TrimSpace(s), " .,;:!")
}

// sentenceCase puts an all-capitals line in sentence case, keeping the
// form a word has elsewhere in the text where it is capitalised inside a
// sentence ("TALIBAN" becomes "Taliban", "TTP" stays).
func sentenceCase(line, text string) string {
	forms := map[string]string{}
	for _, s := range sentences(text, 200) {
		if isBanner(s.text) {
			continue
		}
		for i, w := range words(s.text) {
			r, _ := utf8.DecodeRuneInString(w)
			if i > 0 && unicode.IsUpper(r) {
				if _, ok := forms[strings.ToLower(w)]; !ok {
					forms[strings.ToLower(w)] = w
				}
			}
		}
	}
	var b strings.Builder
	first := true
	for i := 0; i < len(line); {
		j := i
		for j < len(line) {
			r, n := utf8.DecodeRuneInString(line[j:])
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				break
			}
			j += n
		}
		if j == i {
			_, n := utf8.DecodeRuneInString(line[i:])
			b.WriteString(line[i : i+n])
			i += n
			continue
		}
		w := strings.ToLower(line[i:j])
		if f, ok := forms[w]; ok {
			w = f
		} else if first {
			r, n := utf8.DecodeRuneInString(w)
			w = string(unicode.ToUpper(r)) + w[n:]
		}
		first = false
		b.WriteString(w)
		i = j
	}
	return b.String()
}
