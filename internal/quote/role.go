package quote

import "strings"

// Speakers written as a role. "The president said" stands for the last
// person named with that role, and only that role: a vice president is
// not the president, nor a foreign minister the interior minister. A role
// that no earlier name carries may introduce the person the paragraph
// names next as a speaker ("The interior minister ... stated ... Mohsin
// Naqvi demanded ..."); failing both, the speaker stays the role as
// written.

// rankWords are the words that make a role another one: "vice
// president", "deputy minister", "former president".
var rankWords = map[string]bool{
	"vice": true, "deputy": true, "former": true, "assistant": true, "acting": true, "associate": true,
	"prime": true, "lieutenant": true, "junior": true, "under": true, "first": true, "ex": true,
}

// definiteRole returns the role a definite noun phrase names ("the
// interior minister and head of Nacta": "minister", with the modifiers
// ["interior"]), and whether it names one.
func (d *doc) definiteRole(np span) (head string, mods []string, ok bool) {
	if np.b-np.a < 2 || !d.is(np.a, "the") {
		return "", nil, false
	}
	var words []string
	for k := np.a + 1; k < np.b; k++ {
		f := d.flags(k)
		if d.isPossessive(k) {
			return "", nil, false // "the officer's partner" is the partner, no officer
		}
		if d.toks[k].kind != kWord || f&(wConj|wPrep|wDet) != 0 {
			break
		}
		if f&(wRole|wTitle) == 0 && !rankWords[lower(d.word(k))] && d.toks[k].cap {
			return "", nil, false // a name in the phrase: "the Pentagon press secretary" is no bare role
		}
		words = append(words, lower(d.word(k)))
	}
	if len(words) == 0 || len(words) > 3 {
		return "", nil, false
	}
	head = words[len(words)-1]
	if d.lex[head].flags&(wRole|wTitle) == 0 {
		return "", nil, false
	}
	return head, words[:len(words)-1], true
}

// roleFits reports whether a person written with role (lower case, as the
// text gives it: "vice president", "pakistani interior minister") may be
// called by the role head with mods.
func roleFits(head string, mods []string, role string) bool {
	words := strings.Fields(strings.NewReplacer(".", " ", ",", " ").Replace(role))
	for i, w := range words {
		if full, ok := abbreviatedRoles[w]; ok {
			words[i] = full // "Sen. Ada Berne" is a senator
		}
	}
	at := -1
	for i, w := range words {
		if w == head && (i == len(words)-1 || words[i+1] == "of" || words[i+1] == "for" || words[i+1] == "and") {
			at = i // the role's head: "the police" is no "police commissioner"
		}
	}
	if at < 0 {
		return false
	}
	for _, m := range mods {
		found := false
		for _, w := range words[:at] {
			found = found || w == m
		}
		if !found {
			return false
		}
	}
	if at > 0 && rankWords[words[at-1]] {
		for _, m := range mods {
			if m == words[at-1] {
				return true
			}
		}
		return false // "the president" is not the vice president
	}
	return true
}

// abbreviatedRoles are the role nouns that titles abbreviate before a name.
var abbreviatedRoles = map[string]string{
	"sen": "senator", "rep": "representative", "gov": "governor", "gen": "general",
	"lt": "lieutenant", "col": "colonel", "sgt": "sergeant", "capt": "captain",
	"adm": "admiral", "cmdr": "commander", "det": "detective", "insp": "inspector",
	"supt": "superintendent", "atty": "attorney", "amb": "ambassador", "pres": "president",
	"sec": "secretary", "cpl": "corporal", "maj": "major", "prof": "professor",
}

// namedNext returns the person a role speaker of attribution i introduces:
// the next person named after it, when that person speaks in the same
// paragraph within three sentences; -1 when none.
func (d *doc) namedNext(i int) int {
	a := &d.attrs[i]
	pi := d.personsBefore(d.toks[a.subj.b-1].end)
	if pi >= len(d.persons) {
		return -1
	}
	p := d.persons[pi]
	para := d.toks[a.subj.a].paraNo
	for j := i + 1; j < len(d.attrs); j++ {
		b := &d.attrs[j]
		if b.unit-a.unit > 3 || d.toks[b.anchor()].paraNo != para {
			break
		}
		if b.kind == srcName && b.subj.a <= p.tok && p.tok < b.subj.b {
			return pi
		}
	}
	return -1
}

// headOf returns the token heading a noun phrase: its last word, or the
// role or person before "of" ("the head of Nacta" is a person, not
// Nacta).
func (d *doc) headOf(np span) int {
	for k := np.a + 1; k < np.b-1; k++ {
		if (d.is(k, "of") || d.is(k, "for")) && d.flags(k-1)&wRole != 0 && !d.toks[k-1].cap {
			return k - 1 // "the head of Nacta", "a spokeswoman for Hillary Clinton"
		}
		if d.is(k, "of") && d.toks[k-1].cap && d.personAt(d.toks[k-1].start, d.toks[k-1].end) >= 0 {
			return k - 1 // "Analyst Rob Enderle of Enderle Group" is Enderle
		}
		if w := d.word(k); !d.toks[k].cap && strings.HasSuffix(w, "ing") && d.flags(k)&wCue == 0 && (d.toks[k-1].cap || d.nominalHead(k-1)) {
			return k - 1 // "Groups representing Uzbeks" are groups
		}
	}
	return np.b - 1
}

// bodies are the nouns that name no person but a body or a text, which
// "he" or "she" cannot stand for: role nouns, and a few nouns of bodies
// that are no roles ("a charity", "the firm").
var bodies = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`campaign committee report study poll survey statement court
		agency department ministry government administration military army group organization
		organisation commission board council data figures documents records memo letter filing
		release article editorial paper newspaper network channel office team party delegation
		staff police authorities family charity body firm company union association coalition`) {
		bodies[w] = true
	}
}

// personRole reports whether head, a lower-case noun, names one person by
// a role: "spokesperson", "official", not "ministry" or "report".
func personRole(lex lexicon, head string) bool {
	return lex[head].flags&wRole != 0 && !bodies[head]
}
