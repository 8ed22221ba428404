package ner

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// token is a word or punctuation mark of the text, with its byte offsets.
type token struct {
	text       string
	start, end int
}

// isAbbreviation reports whether w (lower case, without its final stop)
// is an abbreviation that keeps the stop.
func isAbbreviation(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "prof", "st", "sen", "rep", "gov", "gen", "lt", "col", "maj",
		"capt", "sgt", "rev", "jr", "sr", "inc", "ltd", "corp", "co", "no", "vs", "etc", "jan",
		"feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
		"brig", "adm", "cmdr", "gens", "messrs", "pres", "supt", "dept", "univ", "ave", "blvd",
		"rd", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m":
		return true
	}
	return false
}

// sentences splits text into sentences of tokens. Sentences end at a line
// break, or at a full stop, question or exclamation mark (and any closing
// quotes or brackets after it) that is followed by a capital, digit or
// quote. Tokens follow the CoNLL-2003 conventions: punctuation apart,
// hyphenated words whole, possessive 's apart, abbreviations with their
// stop.
func sentences(text string, buf [][]token) [][]token {
	out, _ := splitSentences(text, buf, nil)
	return out
}

// splitSentences is sentences with the buffers to reuse: out for the
// sentences and all for their tokens. Sentences are cut from all as it
// grows: a sentence's slice stays valid when a later append moves it.
func splitSentences(text string, out [][]token, all []token) ([][]token, []token) {
	out, all = out[:0], all[:0]
	start := 0
	flush := func() {
		if len(all) > start {
			out = append(out, all[start:len(all):len(all)])
			start = len(all)
		}
	}
	i := 0
	for i < len(text) {
		c := text[i]
		if c == '\n' {
			flush()
			i++
			continue
		}
		if c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' {
			i++
			continue
		}
		r, size := rune(c), 1
		if c >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) {
				if r == '\u2028' || r == '\u2029' || r == '\u0085' {
					flush()
				}
				i += size
				continue
			}
		}
		// A whitespace-delimited chunk.
		j := i
		for j < len(text) {
			cj := text[j]
			if cj == ' ' || cj == '\n' || cj == '\t' || cj == '\r' || cj == '\f' || cj == '\v' {
				break
			}
			if cj >= utf8.RuneSelf {
				rj, sj := utf8.DecodeRuneInString(text[j:])
				if unicode.IsSpace(rj) {
					break
				}
				j += sj
				continue
			}
			j++
		}
		all = splitChunk(text, i, j, all)
		i = j
		// Sentence end: the chunk ended with . ! ? (possibly followed by
		// closing quotes) and was not an abbreviation.
		if len(all) > start && endsSentence(all[start:]) && nextStartsSentence(text, j) {
			flush()
		}
	}
	flush()
	return out, all
}

// endsSentence reports whether the last tokens of s close a sentence.
func endsSentence(s []token) bool {
	k := len(s) - 1
	for k > 0 && isClosing(s[k].text) {
		k--
	}
	t := s[k].text
	return t == "." || t == "!" || t == "?" || t == "..." || t == "…"
}

func isClosing(t string) bool {
	switch t {
	case "\"", "'", ")", "]", "”", "’", "»":
		return true
	}
	return false
}

// nextStartsSentence reports whether the text after offset j begins like a
// sentence: a capital letter, digit or opening quote or bracket.
func nextStartsSentence(text string, j int) bool {
	for j < len(text) {
		r, size := utf8.DecodeRuneInString(text[j:])
		if r == '\n' {
			return true
		}
		if unicode.IsSpace(r) {
			j += size
			continue
		}
		return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘(«[-•", r)
	}
	return true
}

// splitChunk splits the whitespace-free text[i:j] into tokens appended to
// out.
func splitChunk(text string, i, j int, out []token) []token {
	// Leading punctuation.
	for i < j {
		r, size := utf8.DecodeRuneInString(text[i:j])
		if isWordRune(r) || (r == '.' && i+1 < j && isDigitByte(text[i+1])) {
			break
		}
		// A run of the same mark ("--", "...") is one token.
		k := i + size
		for k < j {
			r2, s2 := utf8.DecodeRuneInString(text[k:j])
			if r2 != r {
				break
			}
			k += s2
		}
		out = append(out, token{text[i:k], i, k})
		i = k
	}
	if i >= j {
		return out
	}
	// Trailing punctuation, collected right to left.
	var tail [8]token
	nt := 0
	for j > i && nt < len(tail) {
		r, size := utf8.DecodeLastRuneInString(text[i:j])
		if isWordRune(r) {
			break
		}
		if r == '.' {
			word := text[i : j-1]
			if keepsStop(word) {
				break
			}
		}
		k := j - size
		for k > i {
			r2, s2 := utf8.DecodeLastRuneInString(text[i:k])
			if r2 != r {
				break
			}
			k -= s2
		}
		tail[nt] = token{text[k:j], k, j}
		nt++
		j = k
	}
	if i < j {
		out = splitWord(text, i, j, out)
	}
	for k := nt - 1; k >= 0; k-- {
		out = append(out, tail[k])
	}
	return out
}

// splitWord splits a word-like chunk at inner punctuation that CoNLL keeps
// apart (commas, semicolons, quotes, brackets, slashes between words) and
// takes off possessive 's and n't.
func splitWord(text string, i, j int, out []token) []token {
	start := i
	for k := i; k < j; {
		r, size := utf8.DecodeRuneInString(text[k:j])
		split := false
		switch r {
		case ',', ';', '(', ')', '[', ']', '"', '“', '”', '!', '?':
			// "1,000" keeps its comma.
			split = !(r == ',' && k > start && isDigitByte(text[k-1]) && k+1 < j && isDigitByte(text[k+1]))
		case ':':
			split = !(k > start && isDigitByte(text[k-1]) && k+1 < j && isDigitByte(text[k+1]))
		}
		if split {
			if k > start {
				out = splitClitic(text, start, k, out)
			}
			out = append(out, token{text[k : k+size], k, k + size})
			start = k + size
		}
		k += size
	}
	if start < j {
		out = splitClitic(text, start, j, out)
	}
	return out
}

// splitClitic takes a final 's, ' or n't off a word.
func splitClitic(text string, i, j int, out []token) []token {
	w := text[i:j]
	if last := w[len(w)-1]; last != 's' && last != 'S' && last != 't' && last != 'T' {
		return append(out, token{w, i, j})
	}
	for _, suf := range [...]string{"'s", "’s", "'S", "’S"} {
		if len(w) > len(suf) && strings.HasSuffix(w, suf) {
			k := j - len(suf)
			return append(out, token{text[i:k], i, k}, token{text[k:j], k, j})
		}
	}
	for _, suf := range [...]string{"n't", "n’t", "N'T"} {
		if len(w) > len(suf)+1 && strings.HasSuffix(w, suf) {
			k := j - len(suf)
			return append(out, token{text[i:k], i, k}, token{text[k:j], k, j})
		}
	}
	return append(out, token{w, i, j})
}

// keepsStop reports whether word (without its final stop) is an
// abbreviation that keeps the stop: a known one, an initial ("J."), or
// dotted letters ("U.S").
func keepsStop(word string) bool {
	if word == "" {
		return false
	}
	if n := utf8.RuneCountInString(word); n == 1 {
		r, _ := utf8.DecodeRuneInString(word)
		return unicode.IsUpper(r)
	}
	if strings.IndexByte(word, '.') >= 0 {
		letters := true
		for _, part := range strings.Split(word, ".") {
			if utf8.RuneCountInString(part) > 2 {
				letters = false
			}
		}
		if letters {
			return true
		}
	}
	return isAbbreviation(strings.ToLower(word))
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) || r == '%' || r == '$' || r == '€' || r == '£' || r == '&' || r == '@' || r == '#'
}

func isDigitByte(b byte) bool { return b >= '0' && b <= '9' }

// Sentences returns the byte spans of text's sentences, split as the tagger
// splits them: at line breaks, and at a final stop, question or exclamation
// mark followed by what starts a sentence, abbreviations ("U.S.", "Mr.")
// excepted. A span runs from its first token's start to its last token's
// end; text without tokens has no sentences.
func Sentences(text string) []news.Span {
	sents, _ := splitSentences(text, nil, nil)
	out := make([]news.Span, 0, len(sents))
	for _, s := range sents {
		out = append(out, news.Span{Start: s[0].start, End: s[len(s)-1].end})
	}
	return out
}
