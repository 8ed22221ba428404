package quote

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Token kinds.
const (
	kWord  uint8 = iota // letters or digits, with inner apostrophes, hyphens, periods
	kPunct              // one punctuation rune
	kQuote              // one quote mark
)

// Quote glyphs.
const (
	qNone   uint8 = iota
	qDouble       // " or ''
	qOpenD        // “ „ «
	qCloseD       // ” »
	qSingle       // '
	qOpenS        // ‘
	qCloseS       // ’ standing alone
)

// token is one word, punctuation rune or quote mark of a text.
type token struct {
	start, end int // byte offsets into the text
	kind       uint8
	glyph      uint8 // quote glyph for kQuote
	r          rune  // the rune of a kPunct or kQuote token
	para       bool  // first token of a paragraph
	space      bool  // white space (or text start) before the token
	cap        bool  // word starting with an upper-case letter
	upper      bool  // word of two or more letters, all upper case
	abbrev     bool  // word that absorbed a final period
	digit      bool  // word starting with a digit
	region     int32 // 1 + index of the quote region holding the token, 0 outside
	paraNo     int32 // paragraph number
	lex        lexEntry
}

// ASCII character classes.
const (
	cOther uint8 = iota
	cSpace
	cNewline
	cLower
	cUpper
	cDigit
)

// asciiClass classifies the ASCII characters.
var asciiClass = func() (t [128]uint8) {
	for c := range t {
		switch {
		case c == '\n' || c == '\r':
			t[c] = cNewline
		case c == ' ' || c == '\t' || c == '\v' || c == '\f':
			t[c] = cSpace
		case 'a' <= c && c <= 'z':
			t[c] = cLower
		case 'A' <= c && c <= 'Z':
			t[c] = cUpper
		case '0' <= c && c <= '9':
			t[c] = cDigit
		}
	}
	return t
}()

// isWordRune reports whether r may start or continue a word.
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return asciiClass[r] >= cLower
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// tokenize splits text into tokens and looks each word up in the lexicon.
// The returned tokens reuse buf's storage.
func tokenize(text string, lex lexicon, buf []token) []token {
	toks := buf[:0]
	para, space := true, true
	paraNo := int32(-1)
	i := 0
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r < utf8.RuneSelf {
			switch asciiClass[r] {
			case cNewline:
				para, space = true, true
				i++
				continue
			case cSpace:
				space = true
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
			switch {
			case r == '\u2029' || r == '\u2028' || r == '\u0085':
				para, space = true, true
				i += size
				continue
			case unicode.IsSpace(r) || r == '\u200b' || r == '\ufeff':
				space = true
				i += size
				continue
			}
		}
		if para {
			paraNo++
		}
		t := token{start: i, para: para, space: space, paraNo: paraNo}
		para, space = false, false
		if isWordRune(r) {
			t.kind = kWord
			t.end = scanWord(text, i)
			finishWord(text, &t, lex)
			toks = append(toks, t)
			i = t.end
			continue
		}
		if (r == '\'' || r == '’') && t.space && len(toks) > 0 && toks[len(toks)-1].kind == kWord && spacedS(text[i+size:]) {
			// "the boy ’ s family", as a tokenised text writes "boy’s".
			t.kind = kWord
			t.end = i + size + 2
			t.lex = lex["’s"]
			toks = append(toks, t)
			i = t.end
			continue
		}
		if (r == '\'' || r == '’') && !t.space && len(toks) > 0 && toks[len(toks)-1].kind == kWord {
			if n := cliticLen(text[i+size:]); n > 0 {
				t.kind = kWord
				t.end = i + size + n
				t.lex = lex[lower(text[t.start:t.end])]
				toks = append(toks, t)
				i = t.end
				continue
			}
		}
		t.end = i + size
		t.r = r
		t.kind = kPunct
		switch r {
		case '"':
			t.kind, t.glyph = kQuote, qDouble
		case '“', '„', '«', '‟':
			t.kind, t.glyph = kQuote, qOpenD
		case '”', '»':
			t.kind, t.glyph = kQuote, qCloseD
		case '\'':
			t.kind, t.glyph = kQuote, qSingle
			if i+1 < len(text) && text[i+1] == '\'' {
				t.glyph = qDouble
				t.end = i + 2
			}
		case '‘', '‚', '‛':
			t.kind, t.glyph = kQuote, qOpenS
			if strings.HasPrefix(text[i+size:], "‘") {
				t.glyph = qOpenD // two single marks for a double one: ‘‘...’’
				t.end = i + 2*size
			}
		case '’':
			t.kind, t.glyph = kQuote, qCloseS
			if strings.HasPrefix(text[i+size:], "’") {
				t.glyph = qCloseD
				t.end = i + 2*size
			}
		case '`':
			if i+1 < len(text) && text[i+1] == '`' {
				t.kind, t.glyph = kQuote, qOpenD
				t.end = i + 2
			}
		}
		toks = append(toks, t)
		i = t.end
	}
	return toks
}

// scanWord returns the end of the word starting at i.
func scanWord(text string, i int) int {
	for i < len(text) {
		r, size := rune(text[i]), 1
		if r < utf8.RuneSelf {
			if asciiClass[r] >= cLower {
				i++
				continue
			}
		} else {
			r, size = utf8.DecodeRuneInString(text[i:])
		}
		if isWordRune(r) {
			i += size
			continue
		}
		if r == '\'' || r == '’' || r == '-' || r == '.' || r == '&' || r == '\u2011' {
			// A joiner continues the word when a letter or digit follows,
			// except the apostrophe of a clitic ("Trump's", "he's", "we'll"),
			// which becomes a token of its own.
			j := i + size
			if j >= len(text) {
				return i
			}
			n, _ := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(n) {
				return i
			}
			if (r == '\'' || r == '’') && cliticLen(text[j:]) > 0 {
				return i
			}
			i = j
			continue
		}
		return i
	}
	return i
}

// spacedS reports whether s, the text after an apostrophe that follows a
// space, is " s" ending a word: the possessive of a tokenised text.
func spacedS(s string) bool {
	if len(s) < 2 || s[0] != ' ' || s[1] != 's' {
		return false
	}
	if len(s) == 2 {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[2:])
	return !isWordRune(r)
}

// possessiveS reports whether w is the clitic "'s", as written or as a
// tokenised text writes it ("’ s").
func possessiveS(w string) bool {
	switch w {
	case "'s", "’s", "' s", "’ s":
		return true
	}
	return false
}

// cliticLen returns the length of the clitic that s (the text after an
// apostrophe) starts with, 0 when none: s, ll, re, ve, d, m.
func cliticLen(s string) int {
	for _, c := range []string{"s", "ll", "re", "ve", "d", "m"} {
		if len(s) >= len(c) && strings.EqualFold(s[:len(c)], c) {
			if len(s) == len(c) {
				return len(c)
			}
			r, _ := utf8.DecodeRuneInString(s[len(c):])
			if !isWordRune(r) {
				return len(c)
			}
		}
	}
	return 0
}

// finishWord sets a word's case flags and lexicon entry, and absorbs a final
// period into abbreviations.
func finishWord(text string, t *token, lex lexicon) {
	w := text[t.start:t.end]
	if c := w[0]; c < utf8.RuneSelf {
		t.cap = asciiClass[c] == cUpper
		t.digit = asciiClass[c] == cDigit
	} else {
		r, _ := utf8.DecodeRuneInString(w)
		t.cap = unicode.IsUpper(r)
		t.digit = unicode.IsDigit(r)
	}
	if t.cap || t.digit {
		if t.cap && len(w) > 1 {
			t.upper = true
			for _, c := range w {
				if unicode.IsLower(c) {
					t.upper = false
					break
				}
			}
		}
		var buf [32]byte
		if b := lowerASCII(buf[:0], w); b != nil {
			t.lex = lex[string(b)] // no allocation: the compiler reads b in place
		} else {
			t.lex = lex[strings.ToLower(w)]
		}
	} else {
		t.lex = lex[w]
	}
	if t.lex.flags == 0 {
		t.lex = hyphenedRole(lex, w)
	}
	if t.end < len(text) && text[t.end] == '.' {
		single := utf8.RuneCountInString(w) == 1 && t.cap
		if t.lex.flags&wAbbrev != 0 || strings.Contains(w, ".") || single {
			t.end++
			t.abbrev = true
		}
	}
}

// lowerASCII appends s in lower case to buf; it returns nil when s is not
// ASCII or does not fit.
func lowerASCII(buf []byte, s string) []byte {
	if len(s) > cap(buf) {
		return nil
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return nil
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf = append(buf, c)
	}
	return buf
}

// lower returns s in lower case, without allocating when it already is.
func lower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

// hyphenedRole returns the lexicon entry of a hyphenated word's last part
// when that part is a role or a gendered noun and no cue: "ex-wife" is a
// wife, "co-host" a host; "well-known" stays unknown.
func hyphenedRole(lex lexicon, w string) lexEntry {
	i := strings.LastIndexAny(w, "-‐")
	if i < 0 || i+1 >= len(w) {
		return lexEntry{}
	}
	e := lex[strings.ToLower(w[i+1:])]
	if e.flags&(wRole|wFemale|wMale) == 0 || e.flags&wCue != 0 {
		return lexEntry{}
	}
	return e
}
