package event

import (
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  uint8 = iota // letters or digits, with inner hyphens, apostrophes, periods
	kPunct              // one punctuation rune
)

// Token flags.
const (
	fCap     uint16 = 1 << iota // word starting with an upper-case letter
	fUpper                      // word of two or more letters, all upper case
	fDigit                      // word starting with a digit
	fNewline                    // a line break before the token
	fPara                       // a blank line before the token
	fTimex                      // inside a temporal expression
)

// token is one word or punctuation rune of a text.
type token struct {
	start, end int32 // byte offsets into the text
	kind       uint8
	flags      uint16
	r          rune   // the rune of a kPunct token
	w          int32  // index of the word in the lexicon, -1 when unknown
	cls        uint64 // the word's classes in the lexicon
	ment       int32  // index of the mention covering the token, -1 when none
	num        int32  // value of a number written in digits, -1 otherwise
}

func (t *token) has(f uint16) bool { return t.flags&f != 0 }

// isWordRune reports whether r may start or continue a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// isApostrophe reports whether r is an apostrophe or a right single quote.
func isApostrophe(r rune) bool { return r == '\'' || r == '’' }

// runeAt decodes the rune at i, with a fast path for ASCII.
func runeAt(s string, i int) (rune, int) {
	if i >= len(s) {
		return 0, 0
	}
	if c := s[i]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRuneInString(s[i:])
}

// tokenize splits text into tokens, appending to out. Possessive "'s" and
// "n't" become tokens of their own; "U.S.", "1,200" and "cease-fire" stay
// whole (the last period of an abbreviation is a token of its own).
func tokenize(text string, out []token) []token {
	nl := 0
	for i := 0; i < len(text); {
		c := text[i]
		r, n := rune(c), 1
		if c < utf8.RuneSelf {
			switch c {
			case '\n':
				nl++
				i++
				continue
			case ' ', '\t', '\r', '\v', '\f':
				i++
				continue
			}
		} else {
			r, n = utf8.DecodeRuneInString(text[i:])
			if unicode.IsSpace(r) || r == utf8.RuneError {
				i += n
				continue
			}
		}
		var fl uint16
		if nl > 0 {
			fl |= fNewline
			if nl > 1 {
				fl |= fPara
			}
		}
		nl = 0
		if !isWordRune(r) {
			out = append(out, token{start: int32(i), end: int32(i + n), kind: kPunct, flags: fl, r: r, w: -1, ment: -1, num: -1})
			i += n
			continue
		}
		start := i
		j := i + n
		seg := 1 // letters since the word start or the last inner period
	word:
		for j < len(text) {
			c2 := text[j]
			r2, n2 := rune(c2), 1
			if c2 < utf8.RuneSelf {
				if 'a' <= c2 && c2 <= 'z' || 'A' <= c2 && c2 <= 'Z' || '0' <= c2 && c2 <= '9' {
					j++
					seg++
					continue
				}
			} else {
				r2, n2 = utf8.DecodeRuneInString(text[j:])
				if isWordRune(r2) {
					j += n2
					seg++
					continue
				}
			}
			next, nn := runeAt(text, j+n2)
			switch {
			case r2 == '-' && isWordRune(next):
				j += n2
				seg = 0
			case isApostrophe(r2) && isWordRune(next):
				// "'s" and "n't" split off; O'Brien stays whole.
				after, _ := runeAt(text, j+n2+nn)
				if (next == 's' || next == 'S') && !isWordRune(after) {
					break word
				}
				if (next == 't' || next == 'T') && !isWordRune(after) && j-1 > start && (text[j-1] == 'n' || text[j-1] == 'N') {
					j--
					break word
				}
				j += n2
			case r2 == '.' && seg == 1 && isLetter(next):
				// U.S.A., e.g.
				after, _ := runeAt(text, j+n2+nn)
				if after != '.' && isWordRune(after) {
					break word
				}
				j += n2
				seg = 0
			case (r2 == ',' || r2 == '.') && isDigitByte(text, j-1) && '0' <= next && next <= '9':
				j += n2
			default:
				break word
			}
		}
		t := token{start: int32(start), end: int32(j), kind: kWord, flags: fl, w: -1, ment: -1, num: -1}
		switch {
		case 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsUpper(r):
			t.flags |= fCap
			if j-start > 1 && allUpper(text[start:j]) {
				t.flags |= fUpper
			}
		case '0' <= r && r <= '9':
			t.flags |= fDigit
			t.num = parseDigits(text[start:j])
		}
		out = append(out, t)
		i = j
		if isApostropheAt(text, i) {
			// A split clitic: "'s" after the word.
			_, an := runeAt(text, i)
			rest := i + an
			if rest < len(text) && (text[rest] == 's' || text[rest] == 'S') && !isWordByteStart(text, rest+1) {
				out = append(out, token{start: int32(i), end: int32(rest + 1), kind: kWord, w: -1, ment: -1, num: -1})
				i = rest + 1
			}
		} else if i < len(text) && (text[i] == 'n' || text[i] == 'N') && isApostropheAt(text, i+1) {
			// "n't" after the word.
			_, an := runeAt(text, i+1)
			k := i + 1 + an
			if k < len(text) && (text[k] == 't' || text[k] == 'T') && !isWordByteStart(text, k+1) {
				out = append(out, token{start: int32(i), end: int32(k + 1), kind: kWord, w: -1, ment: -1, num: -1})
				i = k + 1
			}
		}
	}
	return out
}

func isLetter(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	}
	return unicode.IsLetter(r)
}

func isDigitByte(s string, i int) bool { return i >= 0 && i < len(s) && '0' <= s[i] && s[i] <= '9' }

func isApostropheAt(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isApostrophe(r)
}

func isWordByteStart(s string, i int) bool {
	r, _ := runeAt(s, i)
	return isWordRune(r)
}

func allUpper(s string) bool {
	letters := 0
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z':
				return false
			case 'A' <= c && c <= 'Z':
				letters++
			}
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n - 1
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsUpper(r) {
			letters++
		}
	}
	return letters > 1
}

// parseDigits returns the value of a count written in digits ("12",
// "1,200"), or -1 for anything else: decimals, years and codes such as
// "2021-10-02" or "9/11".
func parseDigits(s string) int32 {
	v := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			v = v*10 + int(c-'0')
			if v > 1e8 {
				return -1
			}
		case c == ',' && i > 0:
		default:
			return -1
		}
	}
	if len(s) == 4 && v >= 1800 && v <= 2100 {
		return -1 // a year
	}
	return int32(v)
}
