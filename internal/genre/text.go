package genre

import (
	"unicode"
	"unicode/utf8"
)

// This file reads a text once, word by word, and counts the signs of a
// voice: the author's own (first and second person, prescriptions,
// judgements, questions, exclamations) against a reporter's (attributions,
// quotations, numbers, days). Words inside quotation marks are someone
// else's and count only as quotation. It is a rule engine kept dense for
// speed: the word tables are in lexicon.go.

// counts are what one reading of a text finds. Sentence counts are of
// sentences outside quotation marks that hold the sign at least once.
type counts struct {
	sentences int // sentences with a word outside quotation marks
	words     int // words outside quotation marks
	quoted    int // words inside quotation marks

	firstSingular int // sentences with I, me, my outside quotes
	firstPlural   int // sentences with we, us, our
	second        int // sentences with you, your
	prescriptive  int // sentences with should, must, ought to, need to, it is time
	evaluative    int // sentences with a judging word: shameful, absurd, welcome
	stance        int // sentences with an author's stance adverb: clearly, of course, frankly
	questions     int // sentences ending in "?" outside quotes
	exclamations  int // sentences ending in "!" outside quotes

	argued     int // sentences with a prescription or judgement and no attribution
	attributed int // sentences with said, told, according to, a spokesman
	numbers    int // sentences with a figure
	days       int // sentences with a weekday or "yesterday", "last week"
	informal   int // sentences with a contraction or an intensifier outside quotes
}

// wordBuf is the longest word the reader lowercases; longer ones are not
// in any table.
const wordBuf = 24

// read counts the signs in text.
func (words lexicon) read(text string) counts {
	var c counts
	var (
		inQuote   bool   // inside “...”, "..." or ‘...’
		inSingle  bool   // inside ‘...’
		sent      uint32 // signs seen in the current sentence (bits of sign)
		sentWords int    // words outside quotes in the current sentence
		prev      []byte // previous word outside quotes, lower-cased
		bufs      [2][wordBuf]byte
		cur       int  // which of bufs holds the word being read
		lastPunct rune // the last sentence-ending mark outside quotes
	)
	endSentence := func() {
		if sentWords > 0 {
			c.sentences++
			c.add(sent)
			if sent&signAttributed == 0 && sent&(signPrescriptive|signEvaluative) != 0 {
				c.argued++
			}
			if lastPunct == '?' {
				c.questions++
			} else if lastPunct == '!' {
				c.exclamations++
			}
		}
		sent, sentWords, prev, lastPunct = 0, 0, nil, 0
	}
	for i := 0; i < len(text); {
		r, size := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		switch {
		case r == '\n':
			// A paragraph ends a sentence and any quotation left open.
			endSentence()
			inQuote, inSingle = false, false
			i += size
			continue
		case r == '“' || r == '«' || r == '„':
			inQuote = true
		case r == '”' || r == '»':
			inQuote = false
		case r == '"':
			inQuote = !inQuote
		case (r == '\'' || r == '`') && i+1 < len(text) && text[i+1] == byte(r):
			// '' and `` stand for double quotation marks in some corpora
			// and exports (''makes me smart'').
			inQuote = r == '`' || !inQuote
			i += 2
			continue
		case r == '‘' && (i == 0 || !isWordRune(lastRune(text[:i]))):
			inSingle, inQuote = true, true
		case r == '’' && inSingle && !isWordRune(nextRune(text, i+size)):
			inSingle, inQuote = false, false
		case r == '.' || r == '!' || r == '?' || r == '…':
			if !inQuote {
				if r != '.' && r != '…' || lastPunct == 0 {
					lastPunct = r
				}
				// A full stop ends a sentence when a space and a capital,
				// a quote or the end follow, not in "U.S. officials" or
				// "3.5".
				if next := nextRune(text, i+size); next == ' ' || next == '\n' || next == 0 {
					if after := afterSpaces(text, i+size); after == 0 || unicode.IsUpper(after) || after == '"' || after == '“' || after == '\n' {
						if !abbreviation(string(prev)) {
							endSentence()
						}
					}
				}
			}
		case isWordRune(r):
			j := i
			for j < len(text) {
				r2, s2 := rune(text[j]), 1
				if r2 >= utf8.RuneSelf {
					r2, s2 = utf8.DecodeRuneInString(text[j:])
				}
				if !isWordRune(r2) && !((r2 == '\'' || r2 == '’' || r2 == '-') && isWordRune(nextRune(text, j+s2))) {
					break
				}
				j += s2
			}
			w := lowerWord(bufs[cur][:0], text[i:j])
			if inQuote {
				c.quoted++
			} else {
				c.words++
				sentWords++
				if string(w) != "us" || text[i] == 'u' { // "US" is the United States
					sent |= words.signOf(w, prev)
				}
				if w[0] >= '0' && w[0] <= '9' {
					sent |= signNumber
				}
				prev, cur = w, 1-cur
			}
			i = j
			continue
		}
		i += size
	}
	endSentence()
	return c
}

// add counts the signs of one sentence.
func (c *counts) add(s uint32) {
	for _, p := range []struct {
		bit uint32
		n   *int
	}{
		{signFirstSingular, &c.firstSingular}, {signFirstPlural, &c.firstPlural}, {signSecond, &c.second},
		{signPrescriptive, &c.prescriptive}, {signEvaluative, &c.evaluative}, {signStance, &c.stance},
		{signAttributed, &c.attributed}, {signNumber, &c.numbers}, {signDay, &c.days}, {signInformal, &c.informal},
	} {
		if s&p.bit != 0 {
			*p.n++
		}
	}
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

func nextRune(s string, i int) rune {
	if i >= len(s) {
		return 0
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return r
}

// afterSpaces is the first rune after the spaces at s[i:], 0 at the end;
// closing quotes are skipped too.
func afterSpaces(s string, i int) rune {
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r != ' ' && r != '”' && r != '’' && r != ')' {
			return r
		}
		i += size
	}
	return 0
}

// lowerWord lower-cases w into buf, with ’ as '; a word too long for
// buf, and so for any table, is cut.
func lowerWord(buf []byte, w string) []byte {
	for i := 0; i < len(w); {
		r, size := utf8.DecodeRuneInString(w[i:])
		switch {
		case r == '’':
			buf = append(buf, '\'')
		case r < utf8.RuneSelf:
			if 'A' <= r && r <= 'Z' {
				r += 'a' - 'A'
			}
			buf = append(buf, byte(r))
		default:
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		}
		i += size
		if len(buf) >= wordBuf-4 {
			break
		}
	}
	return buf
}

// abbreviation reports whether a word before a full stop is a title or
// abbreviation that does not end a sentence ("Mr. Smith").
func abbreviation(w string) bool {
	switch w {
	case "mr", "mrs", "ms", "dr", "st", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "jr", "sr", "prof", "rev", "no", "vs", "u.s", "u.k", "inc", "co", "corp", "jan", "feb", "aug", "sept", "oct", "nov", "dec":
		return true
	}
	return len(w) == 1
}
