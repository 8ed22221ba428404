package entity

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Key returns the key under which a name is matched: two names with the same
// key name the same thing unless context says otherwise. Key
//
//   - lowercases and strips diacritics ("Kandahār" and "Kandahar");
//   - drops periods and apostrophes ("U.S." and "US"), a possessive "'s"
//     ("Pakistan's" and "Pakistan") and a leading "the";
//   - reads hyphens and other punctuation as spaces, and "&" as "and";
//   - writes the connectors of transliterated names alike between two
//     words: the Persian and Urdu ezafe -e-, -i- and the Arabic article
//     with its assimilated forms (-ul-, -al-, -ut-, -ud-, -ash- ...), so
//     that "Tehreek-e-Taliban" is "Tehreek-i-Taliban" and "Hizb ut-Tahrir"
//     is "Hizb al-Tahrir";
//   - in words of five letters or more, writes the vowel doublings ee as i,
//     oo as u and aa as a ("Tehreek" and "Tehrik", "Rasheed" and "Rashid").
//
// Honorifics and titles are not part of Key: they are taken off person
// names before matching (see the package documentation). Key is idempotent:
// Key(Key(s)) == Key(s).
func Key(name string) string {
	var n normalizer
	return string(n.key(name, true))
}

// normalizer holds scratch buffers so that keys cost one allocation. The zero
// value is ready; it is not safe for concurrent use.
type normalizer struct {
	buf  []byte
	out  []byte
	toks [][]byte
}

// key returns the key of s in a buffer valid until the next call; loose
// applies the vowel foldings and the Arabic connectors (for matching),
// which slugs for fixed names leave out.
func (n *normalizer) key(s string, loose bool) []byte {
	n.buf = appendFolded(n.buf[:0], s)
	n.toks = n.toks[:0]
	for i := 0; i < len(n.buf); {
		for i < len(n.buf) && n.buf[i] == ' ' {
			i++
		}
		j := i
		for j < len(n.buf) && n.buf[j] != ' ' {
			j++
		}
		if j > i {
			n.toks = append(n.toks, n.buf[i:j])
		}
		i = j
	}
	toks := n.toks
	for len(toks) > 1 && string(toks[0]) == "the" {
		toks = toks[1:]
	}
	n.out = n.out[:0]
	for i, t := range toks {
		if i > 0 {
			n.out = append(n.out, ' ')
		}
		at := len(n.out)
		if loose && len(t) >= 5 {
			n.out = appendVowelFolded(n.out, t)
		} else {
			n.out = append(n.out, t...)
		}
		if i > 0 && i < len(toks)-1 {
			// A connector: -e-, -i- alike, and for matching -ul-, -al- too.
			if w := n.out[at:]; string(w) == "i" || loose && connectors[string(w)] {
				n.out = append(n.out[:at], 'e')
			}
		}
	}
	return n.out
}

// connectors are the words that join the parts of transliterated names:
// the ezafe (e, i) and the Arabic article al with its assimilated and
// case forms (ul, ut, ud, un ...), written between two words. Key writes
// them all "e".
var connectors = map[string]bool{
	"e": true, "i": true, "al": true, "el": true, "ul": true, "ut": true, "ud": true,
	"un": true, "ur": true, "us": true, "ad": true, "ar": true, "as": true,
	"ash": true, "at": true, "az": true, "an": true,
}

// appendVowelFolded appends t with runs of ee written i, of oo written u and
// of aa written a. Runs of three or more fold like two, so the result has no
// doubled vowel left and folding again changes nothing.
func appendVowelFolded(dst, t []byte) []byte {
	for i := 0; i < len(t); {
		c := t[i]
		if c == 'e' || c == 'o' || c == 'a' {
			j := i + 1
			for j < len(t) && t[j] == c {
				j++
			}
			if j-i >= 2 {
				switch c {
				case 'e':
					dst = append(dst, 'i')
				case 'o':
					dst = append(dst, 'u')
				case 'a':
					dst = append(dst, 'a')
				}
				i = j
				continue
			}
		}
		dst = append(dst, c)
		i++
	}
	return dst
}

// appendFolded appends s lowercased, without diacritics, periods or
// apostrophes (and without a possessive 's), with every other non-letter,
// non-digit written as a space.
func appendFolded(dst []byte, s string) []byte {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
				dst = append(dst, c)
			case 'A' <= c && c <= 'Z':
				dst = append(dst, c+'a'-'A')
			case c == '.':
				// "U.S." is "US"; "St. Louis" keeps its space.
			case c == '\'' || c == '`':
				i += possessiveLen(s, i+1)
			case c == '&':
				dst = append(dst, " and "...)
			default:
				dst = append(dst, ' ')
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u2019', '\u2018', '\u02bc', '\u00b4', '\u2032':
			i += possessiveLen(s, i)
			continue
		}
		dst = appendFoldedRune(dst, r)
	}
	return dst
}

// possessiveLen returns 1 when s[i:] starts with an "s" that ends a word (the
// "s" of a possessive "'s"), else 0.
func possessiveLen(s string, i int) int {
	if i < len(s) && (s[i] == 's' || s[i] == 'S') {
		if i+1 == len(s) {
			return 1
		}
		r, _ := utf8.DecodeRuneInString(s[i+1:])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return 1
		}
	}
	return 0
}

// appendFoldedRune appends a non-ASCII rune lowercased and without
// diacritics, or a space when it is neither a letter nor a digit.
func appendFoldedRune(dst []byte, r rune) []byte {
	if unicode.Is(unicode.Mn, r) {
		return dst
	}
	if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
		return append(dst, ' ')
	}
	var tmp [utf8.UTFMax]byte
	var dec [4 * utf8.UTFMax]byte
	d := norm.NFD.Append(dec[:0], utf8.AppendRune(tmp[:0], r)...)
	for len(d) > 0 {
		c, size := utf8.DecodeRune(d)
		d = d[size:]
		if unicode.Is(unicode.Mn, c) {
			continue
		}
		c = unicode.ToLower(c)
		if s := latinLetter(c); s != "" {
			dst = append(dst, s...)
			continue
		}
		dst = utf8.AppendRune(dst, c)
	}
	return dst
}

// latinLetter spells the lowercase Latin letters that do not decompose into
// a letter and a diacritic, or returns "".
func latinLetter(r rune) string {
	switch r {
	case 'ø':
		return "o"
	case 'ł':
		return "l"
	case 'đ', 'ð':
		return "d"
	case 'ß':
		return "ss"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'þ':
		return "th"
	case 'ı':
		return "i"
	}
	return ""
}

// slug turns a key into the tail of an entity ID: spaces become hyphens.
func slug(key []byte) string {
	b := make([]byte, len(key))
	for i, c := range key {
		if c == ' ' {
			c = '-'
		}
		b[i] = c
	}
	return string(b)
}

// cleanForm returns a mention's text as shown among an entity's names:
// surrounding quotes, brackets and punctuation, a possessive "'s" and a
// leading lowercase "the" removed, runs of spaces made one.
func cleanForm(s string) string {
	for len(s) > 0 {
		r, size := utf8.DecodeRuneInString(s)
		if !trimmable(r) {
			break
		}
		s = s[size:]
	}
	for len(s) > 0 {
		r, size := utf8.DecodeLastRuneInString(s)
		if !trimmable(r) {
			break
		}
		s = s[:len(s)-size]
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; c == '\t' || c == '\n' || c == '\r' || c == 0xc2 || (c == ' ' && i+1 < len(s) && s[i+1] == ' ') {
			s = strings.Join(strings.Fields(s), " ")
			break
		}
	}
	if n := len(s); n > 2 && (s[n-1] == 's' || s[n-1] == 'S') {
		switch {
		case s[n-2] == '\'':
			s = s[:n-2]
		case n > 4 && s[n-4:n-1] == "\u2019":
			s = s[:n-4]
		}
	}
	for {
		if strings.HasSuffix(s, "'") {
			s = s[:len(s)-1]
		} else if strings.HasSuffix(s, "\u2019") {
			s = s[:len(s)-len("\u2019")]
		} else {
			break
		}
	}
	if len(s) > 4 && s[:4] == "the " {
		s = s[4:]
	}
	return s
}

// trimmable reports whether cleanForm removes r from the ends of a mention.
func trimmable(r rune) bool {
	switch r {
	case '"', '\'', '\u201c', '\u201d', '\u2018', '\u2019', '\u00ab', '\u00bb', ',', ';', ':', '(', ')', '[', ']', '!', '?':
		return true
	}
	return unicode.IsSpace(r)
}

// isAcronym reports whether a cleaned form is written like an acronym
// ("TTP", "U.S.", "PML-N", "MoD"): one word of two to eight letters, at least
// two and most of them capitals.
func isAcronym(form string) bool {
	upper, letters := 0, 0
	for _, r := range form {
		switch {
		case r == ' ':
			return false
		case unicode.IsUpper(r):
			upper++
			letters++
		case unicode.IsLetter(r):
			letters++
		}
	}
	return letters >= 2 && letters <= 8 && upper >= 2 && 2*upper > letters
}

// isUpperCode reports whether a cleaned form is two or three capital ASCII
// letters, possibly with periods: the shape of an ISO country code as news
// writes it.
func isUpperCode(form string) bool {
	n := 0
	for i := 0; i < len(form); i++ {
		c := form[i]
		switch {
		case 'A' <= c && c <= 'Z':
			n++
		case c == '.':
		default:
			return false
		}
	}
	return n == 2 || n == 3
}

// acronymFunctionWords may give their initial to an acronym or not
// ("Inter-Services Intelligence" and "Ministry of Defence (MoD)").
// The words of other languages are those that join the words of names:
// "Partido dos Trabalhadores" (PT), "Alternative für Deutschland" (AfD),
// "Movimiento al Socialismo" (MAS), and the connectors of Key.
var acronymFunctionWords = map[string]bool{
	"of": true, "the": true, "and": true, "for": true, "in": true, "on": true, "at": true,
	"to": true, "a": true, "an": true, "e": true, "i": true, "al": true, "ul": true, "ud": true,
	"de": true, "du": true, "des": true, "la": true, "le": true, "el": true, "y": true, "und": true,
	"da": true, "das": true, "do": true, "dos": true, "di": true, "del": true, "della": true,
	"dei": true, "degli": true, "delle": true, "der": true, "die": true, "den": true, "von": true,
	"van": true, "het": true, "voor": true, "fur": true, "et": true, "pour": true, "para": true,
	"por": true, "los": true, "las": true, "les": true, "och": true, "og": true,
}

// matchesAcronym reports whether acronym (a key without spaces, such as
// "ttp") can be read from the words of key (such as "tehrik e taliban
// pakistan"): every content word gives its initial or a longer prefix;
// function words may give their initial or nothing.
func matchesAcronym(acronym string, key string) bool {
	if len(acronym) < 2 || !strings.Contains(key, " ") {
		return false
	}
	var words [16]string
	ws := words[:0]
	for w := range strings.FieldsSeq(key) {
		if len(ws) == len(words) {
			return false
		}
		ws = append(ws, w)
	}
	return matchWords(acronym, ws)
}

func matchWords(acr string, ws []string) bool {
	if len(ws) == 0 {
		return acr == ""
	}
	w := ws[0]
	if acronymFunctionWords[w] && matchWords(acr, ws[1:]) {
		return true
	}
	if w == "e" && acr != "" && strings.IndexByte("aeiu", acr[0]) >= 0 {
		// Key writes every connector "e": "al", "ul" and "i" give their
		// own initials ("Movimiento al Socialismo", MAS).
		return matchWords(acr[1:], ws[1:])
	}
	if acr == "" || acr[0] != w[0] {
		return false
	}
	// The word gives its first k letters ("Central Command", "CENTCOM").
	for k := 1; k <= len(w) && k <= len(acr) && acr[k-1] == w[k-1]; k++ {
		if matchWords(acr[k:], ws[1:]) {
			return true
		}
	}
	return false
}

// strongTitles are words of a title or role before a person's name, wherever
// they stand in it: "Pentagon Press Secretary John Kirby" is John Kirby with
// the role "Pentagon Press Secretary", because "Secretary" is the last of
// them. Words that only complete a title ("of State", "for Foreign Affairs")
// are here too, so that the name starts after them.
var strongTitles = map[string]bool{
	"president": true, "vice": true, "premier": true, "minister": true, "ministers": true,
	"secretary": true, "undersecretary": true, "spokesman": true, "spokeswoman": true,
	"spokesperson": true, "adviser": true, "advisor": true, "senator": true, "sen": true,
	"congressman": true, "congresswoman": true, "rep": true, "representative": true,
	"governor": true, "gov": true, "mayor": true, "chairman": true, "chairwoman": true,
	"chairperson": true, "chancellor": true, "ambassador": true, "envoy": true,
	"commander": true, "general": true, "gen": true, "lt": true, "lieutenant": true,
	"colonel": true, "col": true, "major": true, "maj": true, "captain": true, "capt": true,
	"admiral": true, "adm": true, "sergeant": true, "sgt": true, "brigadier": true,
	"brig": true, "marshal": true, "chief": true, "director": true, "ceo": true, "cfo": true,
	"pm": true, "mp": true, "mna": true, "mpa": true, "mla": true, "justice": true,
	"judge": true, "attorney": true, "commissioner": true, "inspector": true,
	"superintendent": true, "officer": true, "official": true, "leader": true, "coach": true,
	"deputy": true, "acting": true, "former": true, "ex": true, "interim": true,
	"designate": true, "elect": true, "state": true, "affairs": true, "interior": true,
	"defence": true, "defense": true, "information": true, "security": true, "staff": true,
	"finance": true, "treasury": true, "counsel": true, "prosecutor": true, "speaker": true,
	"emir": true, "amir": true, "ayatollah": true, "founder": true, "candidate": true,
	"nominee": true, "lawmaker": true, "legislator": true, "senior": true,
	// Titles of other languages and faiths, written before a name in
	// English news: "Taoiseach Micheál Martin", "Maulana Fazlur Rehman",
	// "Alhaji Atiku Abubakar", "Cardinal Pietro Parolin".
	"taoiseach": true, "tanaiste": true, "maulana": true, "mufti": true, "allama": true,
	"hojatoleslam": true, "imam": true, "rabbi": true, "bishop": true, "archbishop": true,
	"cardinal": true, "pastor": true, "alhaji": true, "hajiya": true,
}

// weakTitles are titles only when they open a person's mention ("King
// Charles"), since they also end names ("Martin Luther King").
var weakTitles = map[string]bool{
	"king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"crown": true, "sultan": true, "emperor": true, "empress": true, "lord": true,
}

// honorifics are dropped from the start of a person's name and kept neither
// as name nor as role.
// Those of other languages are the ones English news keeps: "Herr",
// "Frau", "Monsieur", "Señora", "Signor", "Shri", "Smt", "Janab", "Daw"
// (Burmese), "Bapak" and "Ibu" (Indonesian), "Tuan".
var honorifics = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "miss": true, "mx": true, "dr": true,
	"prof": true, "professor": true, "mister": true, "madam": true, "sir": true,
	"dame": true, "hon": true, "rev": true, "reverend": true,
	"herr": true, "frau": true, "monsieur": true, "madame": true, "mme": true, "mlle": true,
	"senor": true, "senora": true, "senorita": true, "sra": true, "srta": true,
	"signor": true, "signora": true, "shri": true, "shrimati": true, "smt": true,
	"janab": true, "daw": true, "bapak": true, "ibu": true, "tuan": true,
}

// nameSuffixes end a person's name without being the family name.
var nameSuffixes = map[string]bool{"jr": true, "sr": true, "ii": true, "iii": true, "iv": true}

// is reports whether a word of a mention, folded, is in a word table.
func is(table map[string]bool, w string) bool {
	var b [32]byte
	return table[string(appendFolded(b[:0], strings.TrimRight(w, ".,")))]
}

// splitPerson splits a person's cleaned mention into the name and the role
// written before it: "Prime Minister Imran Khan" is "Imran Khan" and "Prime
// Minister"; honorifics ("Mr", "Dr") go. A mention that is all title keeps
// its last word as the name. Both results are substrings of form, which
// cleanForm has left with single spaces.
func splitPerson(form string) (name, role string) {
	var spans [24][2]int
	words := spans[:0]
	for i := 0; i < len(form); {
		j := strings.IndexByte(form[i:], ' ')
		if j < 0 {
			j = len(form) - i
		}
		if j > 0 {
			if len(words) == len(spans) {
				return form, ""
			}
			words = append(words, [2]int{i, i + j})
		}
		i += j + 1
	}
	if len(words) < 2 {
		return form, ""
	}
	word := func(i int) string { return form[words[i][0]:words[i][1]] }
	last := -1
	for i := 0; i < len(words)-1; i++ {
		w := word(i)
		if is(strongTitles, w) || (i == last+1 && is(weakTitles, w)) || anyPartTitle(w) {
			last = i
		}
	}
	start := last + 1
	for start < len(words)-1 && is(honorifics, word(start)) {
		start++
	}
	if last >= 0 {
		role = strings.TrimRight(form[:words[last][1]], ",")
	}
	return form[words[start][0]:], role
}

// anyPartTitle reports whether a hyphenated word ("Secretary-General",
// "President-elect") is a title: one of its parts is.
func anyPartTitle(w string) bool {
	if !strings.Contains(w, "-") {
		return false
	}
	for p := range strings.SplitSeq(w, "-") {
		if p != "" && is(strongTitles, p) && !strings.EqualFold(p, "ex") {
			return true
		}
	}
	return false
}
