package quote

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Kinds of source.
const (
	srcNone     uint8 = iota // no source in the text: taken from context
	srcName                  // a name: "Sherman", "Pentagon Press Secretary John Kirby"
	srcPronoun               // "he", "she", "they"
	srcNominal               // "the minister", "a Homeland Security Department official"
	srcRelative              // "who", standing for the noun phrase before it
	srcInherit               // the subject of the clause: ", adding ...", "and said"
)

// doc is the state of one call to Find.
type doc struct {
	text     string
	lex      lexicon
	mentions []news.Mention
	toks     []token
	regions  []region
	sents    []span
	units    []span
	unitOf   []int32
	cands    []cand
	attrs    []attr
	persons  []person       // sorted by start
	others   []news.Mention // the tagger's mentions of other names, sorted by start
	// byLast lists the persons named with two words or more, by surname
	// then position.
	byLast []int
	// entityName is the longest name of each entity among the mentions.
	entityName map[news.EntityID]string
}

// cand is a cue found in a unit, with its source.
type cand struct {
	cue, cueEnd int  // tokens of the cue [cue, cueEnd)
	subj        span // tokens of the source as written; empty when none
	kind        uint8
	inverted    bool // the source follows the cue: `"...," said X`
	leading     bool // an inverted cue opening its sentence: "Said Ellis: ..."
	according   bool // "according to X"
	clauseStart int  // first token of the attribution's clause
	boundary    int  // token where an earlier content must end; -1 when the cue does not open a clause
	conj        int  // the "and" before a coordinated cue ("... and said"), -1
}

// attr is one attribution found: a source, a cue and content.
type attr struct {
	unit, lastUnit int
	cue, cueEnd    int // -1 when there is no cue (a quote taken from context)
	cueText        string
	subj           span
	kind           uint8
	inherit        int    // index into doc.attrs of the attribution lending its speaker, -1
	lender         int    // anchor of that attribution while indices may change
	parts          []span // token ranges of the content, in text order
	direct         bool
	end            int  // last token (exclusive) of the attribution in its unit
	sent           span // tokens of the sentence when it is not the units' (a transcript paragraph)
}

// The token predicates below take any index, in range or not: the
// patterns look a token or two past either end of a span, and a span may
// touch the start or end of the text. A token out of range is no word, no
// punctuation and no mark.

// word returns the text of token i, or "" when i is out of range.
func (d *doc) word(i int) string {
	if i < 0 || i >= len(d.toks) {
		return ""
	}
	return d.text[d.toks[i].start:d.toks[i].end]
}

// is reports whether token i is the word w (w in lower case).
func (d *doc) is(i int, w string) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != kWord {
		return false
	}
	return strings.EqualFold(d.word(i), w)
}

func (d *doc) punct(i int, r rune) bool {
	return i >= 0 && i < len(d.toks) && d.toks[i].kind == kPunct && d.toks[i].r == r
}

func (d *doc) isOpenMark(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].region == 0 {
		return false
	}
	return d.regions[d.toks[i].region-1].open == i
}

func (d *doc) isCloseMark(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].region == 0 {
		return false
	}
	return d.regions[d.toks[i].region-1].close == i
}

func (d *doc) flags(i int) uint32 {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != kWord {
		return 0
	}
	return d.toks[i].lex.flags
}

// isTerminal reports whether token i ends a sentence.
func (d *doc) isTerminal(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	return t.kind == kPunct && (t.r == '.' || t.r == '!' || t.r == '?' || t.r == '…')
}

// isNameWord reports whether token i may be part of a name.
func (d *doc) isNameWord(i int) bool {
	if i < 0 || i >= len(d.toks) {
		return false
	}
	t := &d.toks[i]
	if t.kind != kWord || t.region != 0 {
		return false
	}
	if t.cap || t.digit && t.cap {
		return t.lex.flags&(wDet|wFunc|wPrep|wConj|wPronoun|wTime|wNotSpeech) == 0 ||
			t.lex.flags&wTitle != 0 && t.lex.flags&(wFunc|wPrep|wConj|wDet) == 0
	}
	return false
}

// findAll finds the attributions of every unit, then the quotes that stand
// on their own.
func (d *doc) findAll() {
	for ui := range d.units {
		d.unitAttrs(ui)
	}
	d.dropNonSpeech()
	d.colonSpeakers()
	d.standalone()
}

// unitAttrs finds the attributions of one unit.
func (d *doc) unitAttrs(ui int) {
	u := d.units[ui]
	d.cands = d.cands[:0]
	titleCase := d.titleCase(u)
	for i := u.a; i < u.b; i++ {
		t := &d.toks[i]
		if t.kind != kWord || t.region != 0 {
			continue
		}
		if t.cap && !titleCase && i > u.a {
			continue // a capitalised cue word inside a name: "Press Secretary"
		}
		if t.cap && titleCase && i > u.a && t.lex.cue != cueSay && t.lex.cue != cueTell && !t.lex.clause && !d.is(i, "according") {
			continue // a headline's verb of belief or act: "Girl Alerts Driver", not "Mayor Says", "Mayor Calls"
		}
		if p := d.word(max(i-1, 0)); i > u.a && possessiveS(p) && !strings.HasSuffix(d.word(i), "ing") {
			continue // a noun after a possessive: "Pakistan's call for"
		}
		if d.is(i, "say") && i-2 >= u.a && d.flags(i-2)&wDet != 0 && sayAdjective(d.word(i-1)) {
			continue // a noun: "the final say", "a bigger say"
		}
		if w := lower(d.word(i)); (w == "called" || w == "named" || w == "dubbed") && i > u.a && d.toks[i-1].kind == kWord && !d.toks[i-1].cap &&
			d.flags(i-1)&(wPronoun|wAux|wConj|wPrep|wTime|wRelative) == 0 && d.isNameWord(i+1) && d.namingEnd(i+1, u.b) {
			continue // a name given, not words: "a small boat called Salahaddin, had ..."
		}
		if i+2 < u.b && !t.cap && t.lex.nounish && !d.toks[i+1].cap && d.flags(i+1)&wRole != 0 && !strings.HasSuffix(d.word(i+1), "s") && d.isNameWord(i+2) {
			continue // part of a role before a name: "press secretary Josh Earnest"; not "told host Joe Scarborough"
		}
		if w := lower(d.word(i + 1)); i+1 < u.b && t.lex.nounish && d.flags(i+1)&wCue != 0 && pastParticiple(w) && !titleCase {
			continue // a noun, the subject of the cue after it: "the fund's report stated"
		}
		if w := lower(d.word(i + 1)); i+1 < u.b && (finite(w) || w == "will" || w == "would") && !titleCase && t.lex.flags&wCue != 0 &&
			!pastParticiple(lower(d.word(i))) && !d.is(i, "says") && !d.is(i, "said") {
			continue // a noun, the subject of the verb after it: "school board contests has the potential"
		}
		if i > u.a && d.is(i, "back") && d.flags(i-1)&wBackVerb != 0 {
			continue // the particle of a phrasal verb: "the dam holds back the river"
		}
		if w := lower(d.word(i + 1)); d.toks[i].lex.particles == 0 && (w == "up" || w == "down" || w == "off" || w == "away" ||
			w == "on" && t.lex.cue == cueTell && d.flags(i+2)&wTime == 0 && !d.toks[min(i+2, len(d.toks)-1)].digit) {
			continue // a phrasal verb: "posted up on the block", "shouted down", "urging on fans""
		}
		if d.is(i, "going") && d.hasBe(i-1, i) {
			continue // "a battle is going on"
		}
		if d.is(i, "press") && pressNouns[lower(d.word(i+1))] {
			continue // a noun: "a press conference", "a press release"
		}
		if d.reducedRelative(i, u) {
			continue // "questions from veterans invited to take part"
		}
		c := cand{cue: i, cueEnd: i + 1, boundary: -1, conj: -1}
		switch {
		case d.is(i, "according") && d.is(i+1, "to") && i+2 < u.b:
			c.cueEnd = i + 2
			c.according = true
		case t.lex.flags&wCue != 0:
			if t.lex.particles != 0 && i+1 < u.b {
				for b, p := range particleWords {
					if t.lex.particles&(1<<b) != 0 && d.is(i+1, p) {
						c.cueEnd = i + 2
					}
				}
			}
			if t.lex.cue == cueNeedUp && c.cueEnd == i+1 {
				continue
			}
		default:
			continue
		}
		if !d.source(u, &c) || d.thingObject(u, &c) {
			continue
		}
		d.cands = append(d.cands, c)
	}
	d.assign(ui, u)
}

// pressNouns are the nouns "press" modifies as a noun itself.
var pressNouns = map[string]bool{"conference": true, "conferences": true, "release": true,
	"releases": true, "briefing": true, "briefings": true, "secretary": true, "office": true,
	"officer": true, "statement": true, "corps": true, "freedom": true, "box": true}

// reducedRelative reports whether the past participle at i modifies the
// noun before it, a preposition's object, as a relative clause without
// "who were", before "to" or "by": "questions from veterans invited to
// take part" says nothing anyone said ("in Lyon police said" does).
func (d *doc) reducedRelative(i int, u span) bool {
	w := lower(d.word(i))
	if !pastParticiple(w) || i-2 < u.a || d.toks[i-1].kind != kWord || d.toks[i-1].cap {
		return false
	}
	if d.flags(i-1)&(wFunc|wPronoun|wAux|wConj|wPrep|wDet|wTime) != 0 || !d.nominalHead(i-1) {
		return false
	}
	return d.flags(i-2)&wPrep != 0 && !d.is(i-2, "to") && (d.is(i+1, "to") || d.is(i+1, "by"))
}

// hasBe reports whether tokens [a, b) hold a form of "be" ("is saying").
func (d *doc) hasBe(a, b int) bool { return d.findBe(a, b, true) }

// hasPassiveBe reports whether tokens [a, b) hold a form of "be" that
// makes a following participle passive; "'s" is left out, since "he's
// said" is "he has said".
func (d *doc) hasPassiveBe(a, b int) bool { return d.findBe(a, b, false) }

// findBe reports whether tokens [a, b) hold a form of "be", counting "'s"
// only with withS.
func (d *doc) findBe(a, b int, withS bool) bool {
	for k := a; k < b; k++ {
		switch strings.ToLower(d.word(k)) {
		case "is", "are", "was", "were", "be", "been", "being", "'re", "’re", "am", "'m", "’m",
			"isn't", "aren't", "wasn't", "weren't", "isn’t", "aren’t", "wasn’t", "weren’t":
			return true
		case "'s", "’s", "' s", "’ s":
			if withS {
				return true
			}
		}
	}
	return false
}

// pastParticiple reports whether a lower-cased cue form may be a past
// participle.
func pastParticiple(w string) bool {
	if w == "quoted" {
		return false // "she was quoted as saying": the subject speaks
	}
	if strings.HasSuffix(w, "ed") {
		return true
	}
	switch w {
	case "told", "said", "written", "shown", "known", "thought", "sought", "found", "felt",
		"understood", "forecast", "sung", "taught", "heard":
		return true
	}
	return false
}

// titleCase reports whether most words of a unit are capitalised, as in
// headlines, where cue verbs are capitalised too.
func (d *doc) titleCase(u span) bool {
	words, caps := 0, 0
	for k := u.a; k < u.b; k++ {
		t := &d.toks[k]
		if t.kind == kWord && !t.digit && t.region == 0 {
			words++
			if t.cap {
				caps++
			}
		}
	}
	return words >= 3 && caps*10 >= words*6
}

// source finds the source of a cue and the clause it opens. It reports
// false when the cue has none, or is no cue there ("it goes without
// saying", "a unanimous decision to condemn").
func (d *doc) source(u span, c *cand) bool {
	if c.according {
		return d.accordingSource(u, c)
	}
	e := d.toks[c.cue].lex
	if done, ok := d.participleSource(u, c, e); done {
		return ok
	}
	pre := d.skipBack(u, c.cue-1)
	if !e.participle && pastParticiple(strings.ToLower(d.word(c.cue))) && d.hasPassiveBe(pre+1, c.cue) {
		// A passive: in "the Taliban have been urged to engage" and "it
		// was criticized for", the subject is who was spoken to or of.
		c.kind = srcNone
		c.clauseStart = c.cue
		d.setBoundary(u, c)
		return true
	}
	if d.is(pre, "to") && pre > u.a {
		return d.infinitiveSource(u, c, pre)
	}
	if e.participle && !d.hasBe(pre+1, c.cue) && c.cue > u.a {
		return d.continuingSource(u, c)
	}
	if c.cue == u.a && e.invert {
		// "Said Ellis: ..."
		if s, kind, ok := d.subjectAfter(u, c.cueEnd, false); ok && (d.punct(s.b, ':') || d.punct(s.b, ',')) {
			c.subj, c.kind, c.inverted, c.leading = s, kind, true, true
			c.clauseStart = c.cue
			return true
		}
	}
	if !d.subjectSource(u, c, e, pre) {
		return false
	}
	d.setBoundary(u, c)
	return true
}

// accordingSource finds the source after "according to".
func (d *doc) accordingSource(u span, c *cand) bool {
	s, kind, ok := d.subjectAfter(u, c.cueEnd, true)
	if !ok {
		return false
	}
	c.subj, c.kind = s, kind
	c.clauseStart = c.cue
	d.setBoundary(u, c)
	return true
}

// participleSource finds the source of an -ing cue after "quoted as", or
// after a preposition, which takes the clause's subject. done is false
// when the cue is none of these.
func (d *doc) participleSource(u span, c *cand, e lexEntry) (done, ok bool) {
	if !e.participle || c.cue <= u.a {
		return false, false
	}
	if d.is(c.cue-1, "as") && d.is(c.cue-2, "quoted") {
		// "she is quoted as saying": the subject of "quoted" speaks.
		if s, kind, ok := d.subjectBefore(u, d.skipBack(u, c.cue-3)); ok && kind != srcInherit {
			c.subj, c.kind = s, kind
			c.clauseStart = s.a
			d.setBoundary(u, c)
			return true, true
		}
	}
	if d.is(c.cue-1, "without") {
		return true, false // "it goes without saying", "left without saying a word"
	}
	if d.flags(c.cue-1)&wPrep != 0 {
		// "began by saying ...", "after saying ..."
		c.kind = srcInherit
		c.clauseStart = c.cue
		d.setBoundary(u, c)
		return true, true
	}
	return false, false
}

// infinitiveSource finds the source of a cue after "to" (at pre): the
// subject of the verb before it ("X appeared to suggest") or its object
// ("led X to fear").
func (d *doc) infinitiveSource(u span, c *cand, pre int) bool {
	// Not "to continue consulting", which is no "continued".
	if strings.HasPrefix(lower(d.word(c.cue)), "continu") {
		return false
	}
	j := pre - 1
	for j > u.a+1 && d.flags(j)&wTime != 0 && d.flags(j)&(wPrep|wDet) == 0 {
		j-- // "took to Twitter overnight to accuse"
	}
	if np := d.npBack(u.a, j); np.a > u.a+1 && np.b == j+1 && d.toks[np.a-2].kind == kWord && d.flags(np.a-2)&(wPrep|wDet|wFunc) == 0 &&
		(d.is(np.a-1, "to") || d.is(np.a-1, "into") || d.is(np.a-1, "onto")) {
		j = np.a - 2 // a place gone to, no one's act: "took to Twitter to accuse", "went to Congress to ask"
	}
	if t := &d.toks[j]; t.kind == kWord && !t.cap && t.lex.flags&(wRole|wPronoun|wDet|wFunc|wPrep|wConj) == 0 && !d.nominalHead(j) {
		if d.nounBeforeTo(j) {
			return false // "a unanimous decision to condemn him": no one's act
		}
		pre = d.skipBack(u, j-1) // the subject of "appeared"
	} else {
		pre = j // the object of "led"
		if np := d.npBack(u.a, j); np.a > u.a && (d.isAdjunctPrep(np.a-1) || d.is(np.a-1, "of") || d.is(np.a-1, "for")) {
			return false // "the example of Chicago to prove": no object
		}
	}
	if s, kind, ok := d.subjectBefore(u, pre); ok && kind != srcInherit && kind != srcRelative {
		c.subj, c.kind = s, kind
		c.clauseStart = s.a
		d.setBoundary(u, c)
		return true
	}
	return false
}

// continuingSource takes the clause's subject for an -ing cue that
// continues it: "..., criticizing X".
func (d *doc) continuingSource(u span, c *cand) bool {
	if d.isNameWord(c.cue - 1) {
		// A gerund with its own subject: "concerns over Pakistan
		// offering safe havens" is no one's speech, and Pakistan's
		// offer is no act of the clause's subject.
		return false
	}
	if !d.continuesClause(c.cue - 1) {
		// A participle right after a noun modifies it: "wrote a
		// letter describing the teen as" is the letter's, not the
		// writer's speech.
		return false
	}
	c.kind = srcInherit
	c.clauseStart = c.cue
	if d.punct(c.cue-1, ',') {
		c.boundary = c.cue - 1
	}
	return true
}

// subjectSource finds the source of a finite cue whose token before,
// adverbs skipped, is pre: its subject before it, a subject after it
// (`"...," said X`) or an appositive (`X, a senator, said`).
func (d *doc) subjectSource(u span, c *cand, e lexEntry, pre int) bool {
	s, kind, ok := d.subjectBefore(u, pre)
	if ok && kind != srcInherit && e.nounish && !d.clearSubject(s, kind) && (!d.is(c.cueEnd, "that") || d.nounCue(s, kind, c.cue)) {
		return false // "his latest remarks", "several battleground states", "a powerful attack that"
	}
	if ok && d.compoundNoun(s, kind, c.cue) {
		return false // "her campaign promise to", "her first Facebook post"
	}
	if ok && e.nounish && (d.is(s.a, "a") || d.is(s.a, "an")) && d.nounCue(s, kind, c.cue) {
		return false // "signed an executive order rescinding": "a" makes a singular the base form cannot agree with
	}
	switch {
	case ok && kind == srcInherit && e.nounish && baseForm(d.word(c.cue)) && d.toks[pre-1].kind == kWord:
		return false // a noun after "and": "a law and order crime-fighter"
	case ok && kind == srcInherit:
		c.kind = srcInherit
		c.clauseStart = c.cue
		c.conj = pre
	case ok:
		c.subj, c.kind = s, kind
		c.clauseStart = s.a
	case pre >= u.a && (d.punct(pre, ',') || d.isCloseMark(pre)) && e.invert:
		return d.invertedSource(u, c, pre)
	case pre >= u.a && d.punct(pre, ','):
		if e.participle {
			c.kind = srcInherit
			c.clauseStart = c.cue
			break
		}
		s, kind, ok := d.appositive(u, pre)
		if !ok {
			return false
		}
		c.subj, c.kind = s, kind
		c.clauseStart = s.a
	default:
		return false
	}
	return true
}

// invertedSource finds the source after an invertible cue that follows a
// comma or a quote (at pre): `"...," said Kirby`, else an appositive
// before it.
func (d *doc) invertedSource(u span, c *cand, pre int) bool {
	s, kind, ok := d.subjectAfter(u, c.cueEnd, false)
	if ok && (!d.endsInverted(u, s.b) || d.toks[c.cue].lex.cue == cueTell && d.askedFor(u, s.b)) {
		ok = false
	}
	if ok {
		c.subj, c.kind, c.inverted = s, kind, true
		c.clauseStart = c.cue
		return true
	}
	if !d.punct(pre, ',') {
		return false
	}
	s, kind, ok = d.appositive(u, pre)
	if !ok {
		return false
	}
	c.subj, c.kind = s, kind
	c.clauseStart = s.a
	return true
}

// askedFor reports whether "for" follows, from token k on in u, the
// noun phrase after a cue of asking: "asked the court on Monday for more
// time" asks the court, who does not speak. "For the second time" is
// no request.
func (d *doc) askedFor(u span, k int) bool {
	for ; k < u.b && !d.isTerminal(k); k++ {
		if d.is(k, "for") {
			return !(d.is(k+1, "the") && d.is(k+3, "time"))
		}
	}
	return false
}

// nounBeforeTo reports whether token j, before the "to" of an infinitive,
// is a noun whose complement the infinitive is ("a unanimous decision to
// condemn", "a bold approach to counter") rather than a verb ("Ellis
// appeared to suggest"): it has no verb ending, and the word before it is
// a modifier, neither a subject nor an adverb.
func (d *doc) nounBeforeTo(j int) bool {
	w := lower(d.word(j))
	if strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return false
	}
	switch w {
	case "began", "went", "came", "got", "took", "made", "had", "did", "seem", "appear", "tend", "try", "continue", "begin", "fail", "refuse", "need", "ought", "used", "want", "hope", "plan":
		return false
	}
	p := j - 1
	t := &d.toks[max(p, 0)]
	if p < 0 || t.kind != kWord || t.cap || t.digit || d.nominalHead(p) || strings.HasSuffix(d.word(p), "ly") {
		return false
	}
	return t.lex.flags&(wPronoun|wAux|wFunc|wPrep|wConj|wRelative|wTime|wCue) == 0
}

// nounCue reports whether the cue at k, right after a singular noun
// phrase s, is the head noun of that phrase: a base form cannot agree
// with a singular subject ("a powerful attack that", "the main reason
// that"), as "shows" or "stated" would ("a video shows that").
func (d *doc) nounCue(s span, kind uint8, k int) bool {
	if kind != srcNominal || s.b != k {
		return false
	}
	w, head := lower(d.word(k)), lower(d.word(s.b-1))
	return !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(head, "s")
}

// baseForm reports whether a cue word has no verb ending (-s, -ed, -ing).
func baseForm(w string) bool {
	w = lower(w)
	return !strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing")
}

// clearSubject reports whether a source is clear enough for a cue that may
// be a noun: a pronoun, a name not at the start of a sentence, or a noun
// phrase headed by a role or a plural.
func (d *doc) clearSubject(s span, kind uint8) bool {
	switch kind {
	case srcPronoun, srcRelative:
		return true
	case srcName:
		return s.b-s.a > 1 || !d.toks[s.a].para && d.unitOf[s.a] == d.unitOf[max(s.a-1, 0)] && s.a > 0
	}
	return d.nominalHead(s.b-1) || d.flags(s.b-1)&wRole != 0
}

// endsInverted reports whether token k may follow the source of an inverted
// cue (`"...," said Kirby, ...`): the end of the sentence, a comma, a
// preposition or a time word, but not a verb.
func (d *doc) endsInverted(u span, k int) bool {
	if k >= u.b {
		return true
	}
	t := &d.toks[k]
	if t.kind != kWord {
		return !d.isOpenMark(k)
	}
	return t.lex.flags&(wPrep|wTime) != 0 || d.is(k, "who") || t.lex.flags&wConj != 0
}

// setBoundary marks a cue that opens a clause of its own (after a comma,
// semicolon or conjunction), where an earlier content ends.
func (d *doc) setBoundary(u span, c *cand) {
	k := c.clauseStart
	if c.inverted {
		return
	}
	switch {
	case k == u.a:
		c.boundary = k
	case d.punct(k-1, ',') || d.punct(k-1, ';') || d.punct(k-1, '—') || d.punct(k-1, '–') || d.punct(k-1, '―'):
		c.boundary = k - 1
	case d.isCloseMark(k - 1):
		c.boundary = k
	case d.flags(k-1)&wConj != 0 && (k-2 < u.a || d.punct(k-2, ',') || d.punct(k-2, ';') || d.punct(k-2, '—') || d.punct(k-2, '–') || d.isCloseMark(k-2)):
		c.boundary = k - 1
		if k-2 >= u.a && !d.isCloseMark(k-2) {
			c.boundary = k - 2
		}
	case c.kind == srcInherit && c.conj >= 0:
		c.boundary = c.conj
	}
}

// skipBack skips, from i backwards, the words that may stand between a
// subject and its cue: auxiliaries, adverbs, time words, a parenthesis.
func (d *doc) skipBack(u span, i int) int {
	for i >= u.a {
		t := &d.toks[i]
		switch {
		case t.kind == kWord && t.region == 0 && t.lex.flags&wAux != 0 && t.lex.flags&wPronoun == 0:
			i--
		case t.kind == kWord && t.lex.flags&wTime != 0 && (d.is(i-1, "on") || d.is(i-1, "in") || d.is(i-1, "last") || d.is(i-1, "this") || d.is(i-1, "earlier")):
			i -= 2
		case t.kind == kWord && t.lex.flags&wTime != 0 && t.cap && d.isNameWord(i-1):
			i-- // "Trump Friday said"
		case t.kind == kWord && !t.cap && t.lex.flags == 0 && t.end-t.start > 4 && strings.HasSuffix(d.word(i), "ly"):
			i-- // an adverb: "apparently", "essentially"
		case t.kind == kWord && t.digit && d.flags(i-1)&wPrep != 0:
			i -= 2 // "who in 2010 said"
		case d.is(i, "t") && d.negation(i-2):
			i -= 3 // "didn ’ t", as a tokenised text writes it
		case d.is(i, "yet") && d.is(i-1, "not"):
			i -= 2 // "are not yet known""
		case d.punct(i, ')'):
			j := i - 1
			for j >= u.a && i-j < 8 && !d.punct(j, '(') {
				j--
			}
			if j < u.a || !d.punct(j, '(') {
				return i
			}
			i = j - 1
		default:
			return i
		}
	}
	return i
}

// subjectBefore finds the subject ending at token j (the last token before
// the cue, auxiliaries skipped).
func (d *doc) subjectBefore(u span, j int) (span, uint8, bool) {
	if j < u.a {
		return span{}, 0, false
	}
	t := &d.toks[j]
	if t.kind != kWord || t.region != 0 {
		return span{}, 0, false
	}
	f := t.lex.flags
	switch {
	case f&wPronoun != 0:
		return span{j, j + 1}, srcPronoun, true
	case f&wRelative != 0:
		return span{j, j + 1}, srcRelative, true
	case d.is(j, "and") || d.is(j, "but") || d.is(j, "then") || d.is(j, "yet") || d.is(j, "or"):
		return span{}, srcInherit, true
	case f&(wFunc|wPrep|wConj|wDet|wAux|wTime) != 0:
		return span{}, 0, false
	case t.digit && j-2 >= u.a && (lower(d.word(j-1)) == "no." || d.is(j-1, "number")) && d.toks[j-2].kind == kWord && d.toks[j-2].cap:
		np := d.npBack(u.a, j-2) // "Juror No. 12"
		return span{np.a, j + 1}, srcNominal, true
	case t.digit:
		return span{}, 0, false
	}
	np := d.npBack(u.a, j)
	if np.b-np.a > 1 && d.gerund(np.a) && d.flags(np.a)&wCue == 0 && d.punct(np.a-1, ',') {
		np.a++ // "contradicting Tulsa police's claim": the police claimed
	}
	if p := np.a - 1; p-1 >= u.a && d.flags(p)&wPrep != 0 && !d.is(p, "of") && collectives[lower(d.word(p-1))] &&
		(p-1 == u.a || d.toks[p-2].kind != kWord || d.flags(p-2)&wDet != 0) {
		return span{p - 1, np.b}, srcNominal, true // "Residents along 117th Street said"
	}
	if d.bareCapital(np) {
		return span{}, 0, false
	}
	if r := d.relativeBefore(u, np.a); r >= 0 {
		// The cue follows a relative clause with a verb of its own: its
		// subject is the noun phrase the clause modifies. "Greek youths
		// who have rioted since the boy's death said" is the youths'.
		if s, kind, ok := d.subjectBefore(u, r-1); ok && kind != srcInherit && kind != srcRelative {
			return s, kind, true
		}
		return span{}, 0, false
	}
	if p := np.a - 1; p > u.a && d.isAdjunctPrep(p) && !d.clauseAfter(p, np) {
		// A phrase of place or time before the cue: "Stumpf in a
		// televised interview appeared to blame", "Trump at a rally said".
		if s, kind, ok := d.subjectBefore(u, p-1); ok && kind != srcInherit {
			return s, kind, true
		}
	}
	if a := d.listStart(u, np); a < np.a && d.nominalHead(j) {
		return span{a, np.b}, srcNominal, true // "agents, prosecutors and Mafia defectors said"
	}
	if d.nameIn(np).b > 0 {
		return np, srcName, true
	}
	if t.cap || d.nominalHead(j) || np.b-np.a >= 2 && (d.flags(np.a)&wDet != 0 || d.toks[np.a].digit || d.isPossessive(np.a+1)) ||
		np.a > u.a && d.toks[np.a-1].digit {
		if np.a > u.a && d.toks[np.a-1].digit {
			np.a--
		}
		return np, srcNominal, true
	}
	// The whole stretch from the clause start: "Experts on North Korea
	// and nuclear nonproliferation said".
	cs := d.clauseStartBefore(u, j)
	if j-cs < 12 && (d.flags(cs)&wDet != 0 || d.toks[cs].cap && d.flags(cs)&(wFunc|wPrep|wConj|wAux|wTime) == 0 || d.nominalHead(cs)) {
		for k := cs; k <= j; k++ {
			if d.toks[k].region != 0 || d.flags(k)&(wCue|wAux) != 0 && !d.toks[k].cap {
				return span{}, 0, false
			}
		}
		return span{cs, j + 1}, srcNominal, true
	}
	return span{}, 0, false
}

// relativeBefore returns the relative word ("who", "whose", "which", or
// "that" after a noun) that opens a clause holding the words before token
// a, in the same clause of unit u, when words stand between the two (the
// clause's own verb): -1 otherwise. In "the law that Congress passed",
// nothing stands between "that" and "Congress", and "passed" is the
// relative clause's own.
func (d *doc) relativeBefore(u span, a int) int {
	for k := a - 1; k > u.a && a-k <= 14; k-- {
		t := &d.toks[k]
		if t.kind != kWord || t.region != 0 {
			return -1
		}
		rel := t.lex.flags&wRelative != 0 || d.is(k, "whose") ||
			d.is(k, "that") && (d.toks[k-1].cap || d.nominalHead(k-1)) && d.flags(k-1)&wCue == 0
		if !rel {
			continue
		}
		if k == a-1 || d.is(k, "whose") && k == a-2 {
			return -1
		}
		return k
	}
	return -1
}

// clauseAfter reports whether the word at p, which may be a preposition,
// opens a clause whose subject is np, a name or a role: "after O'Brien
// acknowledged", "after police said", not "Trump at a rally said".
func (d *doc) clauseAfter(p int, np span) bool {
	switch lower(d.word(p)) {
	case "after", "before", "since", "until":
		return d.nameIn(np).b > 0 || d.flags(np.b-1)&wRole != 0 && !d.toks[np.b-1].cap // "after police said"
	}
	return false
}

// listStart returns the first token of a list of three noun phrases or
// more, with commas and a last "and", that ends with np ("law enforcement
// agents, prosecutors and Mafia defectors"); np.a when np ends no such
// list. Each item ends in a plural, a role or a name.
func (d *doc) listStart(u span, np span) int {
	joined := false // np holds the list's "and": "prosecutors and former gang members"
	for k := np.a; k < np.b; k++ {
		joined = joined || d.is(k, "and")
	}
	if !d.is(np.a-1, "and") && !(joined && d.punct(np.a-1, ',')) {
		return np.a
	}
	a, k, commas := np.a, np.a-1, 0
	if joined {
		commas = 1
	}
	for n := 0; n < 4; n++ {
		j := k - 1
		if j < u.a || d.toks[j].kind != kWord || d.toks[j].region != 0 || !d.nominalHead(j) && d.flags(j)&wRole == 0 && !d.isNameWord(j) {
			break
		}
		item := d.npBack(u.a, j)
		a = item.a
		if !d.punct(item.a-1, ',') {
			break
		}
		commas++
		k = item.a - 1
	}
	if commas == 0 || a > u.a && d.flags(a-1)&wPrep != 0 {
		return np.a // not "In Paris, officials and aides said"
	}
	return a
}

// isAdjunctPrep reports whether token i is a preposition that opens a
// phrase of place, time or manner rather than a part of a name.
func (d *doc) isAdjunctPrep(i int) bool {
	switch lower(d.word(i)) {
	case "in", "at", "on", "during", "from", "with", "after", "before", "via", "over", "through", "inside", "outside", "near":
		return d.toks[i].kind == kWord
	}
	return false
}

// isPossessive reports whether token i is a possessive "'s".
func (d *doc) isPossessive(i int) bool {
	if i < 0 || i >= len(d.toks) || d.toks[i].kind != kWord {
		return false
	}
	w := d.word(i)
	return possessiveS(w)
}

// clauseStartBefore returns the first token of the clause holding token j:
// after the last comma, semicolon, colon, dash, conjunction or relative
// word before it, or the unit's start.
func (d *doc) clauseStartBefore(u span, j int) int {
	for k := j; k > u.a; k-- {
		p := &d.toks[k-1]
		if p.region != 0 {
			return k
		}
		if p.kind == kPunct {
			switch p.r {
			case ',', ';', ':', '—', '–', '(', ')':
				return k
			case '-':
				if k-2 >= u.a && d.punct(k-2, '-') {
					return k
				}
			}
			continue
		}
		if p.kind == kWord && p.lex.flags&(wConj|wRelative) != 0 && p.lex.flags&wAux == 0 && !d.is(k-1, "and") && !d.is(k-1, "or") || d.is(k-1, "that") || d.is(k-1, "which") {
			return k
		}
	}
	return u.a
}

// nominalHead reports whether a lower-case word may head a noun phrase
// naming a speaker: a role noun or a plural ("rulers", "polls").
func (d *doc) nominalHead(j int) bool {
	if d.flags(j)&wRole != 0 {
		return true
	}
	w := d.word(j)
	return len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "ous") && d.flags(j)&wCue == 0
}

// npBack returns the noun phrase ending at token j, no further back than lo.
func (d *doc) npBack(lo, j int) span {
	k := j
	adj := 0
	if d.toks[j].cap {
		adj = 3 // a name takes no lower-case modifiers but roles: "spokeswoman Melezia Figueroa"
	}
	for k > lo && j-k < 10 {
		p := &d.toks[k-1]
		if d.spacedHyphen(k-1) && k-2 >= lo && d.isNameWord(k-2) && d.isNameWord(k) {
			k -= 2 // "Strauss - Kahn", as a tokenised text writes "Strauss-Kahn"
			continue
		}
		if p.kind != kWord || p.region != 0 {
			break
		}
		f := p.lex.flags
		w := d.word(k - 1)
		switch {
		case possessiveS(w) && k-2 >= lo && d.toks[k-2].kind == kWord && d.toks[k-2].region == 0:
			k--
			continue
		case d.is(k-1, "of") && k-2 >= lo && (d.toks[k-2].cap || d.flags(k-2)&(wTitle|wRole) != 0) && (d.toks[k].cap || d.flags(k)&wDet != 0):
			k--
			continue
		case (d.is(k-1, "for") || d.is(k-1, "to") || d.is(k-1, "at") || d.is(k-1, "of") || d.is(k-1, "with") || d.is(k-1, "from")) &&
			k-2 >= lo && (!d.toks[k-2].cap || d.opensSentence(lo, k-2) && !d.isNameWord(k-3)) && (d.flags(k-2)&wRole != 0 || d.nominalHead(k-2)):
			k-- // "a spokesman for the State Department", "advisers to Mr. Obama", "Backers of tariffs"
			continue
		case d.is(k-1, "and") && k-2 >= lo && d.isNameWord(k-2) && d.isNameWord(k):
			k--
			continue
		case d.is(k-1, "and") && k-2 >= lo && !d.toks[k-2].cap && d.flags(k-2)&(wRole|wTitle) != 0 && d.flags(k)&(wRole|wTitle) != 0:
			k-- // one person's two roles: "the interior minister and head of Nacta"
			continue
		case f&wDet != 0:
			k--
			if k > lo+1 && d.flags(k-1)&wPrep != 0 && (d.flags(k-2)&wRole != 0 || d.nominalHead(k-2)) && (!d.toks[k-2].cap || d.opensSentence(lo, k-2)) {
				k -= 2 // "a spokeswoman for the company", "Employees of the plant"
				continue
			}
			if k > lo && d.flags(k-1)&wDet != 0 && d.toks[k-1].kind == kWord && d.toks[k-1].region == 0 {
				continue // "the two wounded men"
			}
		case f&wNamePart != 0 && k-2 >= lo && d.toks[k-2].cap:
			k--
			continue
		case f&(wFunc|wPrep|wConj|wPronoun|wAux|wTime) != 0 && f&(wTitle|wRole) == 0:
		case p.cap || f&(wTitle|wRole) != 0:
			k--
			continue
		case f&wCue == 0 && !p.digit && adj < 3:
			k--
			adj++
			continue
		}
		break
	}
	return span{k, j + 1}
}

// spacedHyphen reports whether token k is a hyphen with spaces around it,
// as a tokenised text writes the one inside a word.
func (d *doc) spacedHyphen(k int) bool {
	return d.punct(k, '-') && d.toks[k].space && k+1 < len(d.toks) && d.toks[k+1].space
}

// nameIn returns the name at the end of a noun phrase, without its titles;
// empty when the phrase does not end in a name.
func (d *doc) nameIn(np span) span {
	e := np.b
	if e <= np.a || !d.isNameWord(e-1) {
		return span{}
	}
	k := e - 1
	for k > np.a {
		switch {
		case d.isNameWord(k - 1):
			k--
			continue
		case d.flags(k-1)&wNamePart != 0 && k-2 >= np.a && d.isNameWord(k-2):
			k--
			continue
		case d.spacedHyphen(k-1) && k-2 >= np.a && d.isNameWord(k-2):
			k -= 2
			continue
		}
		break
	}
	n := k
	for m := k; m < e-1; m++ {
		if d.flags(m)&wTitle != 0 {
			n = m + 1
		}
	}
	if n == k && k > np.a && (d.flags(k-1)&wPrep != 0 || d.flags(k-1)&wDet != 0 && k-1 > np.a && d.flags(k-2)&wPrep != 0) {
		// "the head of Nacta": the phrase names a role, not the name.
		return span{}
	}
	if e-n == 1 && d.flags(n)&wTitle != 0 && d.flags(n)&wRole != 0 {
		// "the President said": a title alone is a nominal.
		return span{}
	}
	return span{n, e}
}

// subjectAfter finds a subject starting at token k: `said Kirby`,
// `according to Sherman`.
// loose accepts a lower-case noun phrase, as after "according to".
func (d *doc) subjectAfter(u span, k int, loose bool) (span, uint8, bool) {
	if k >= u.b || d.toks[k].kind != kWord || d.toks[k].region != 0 {
		return span{}, 0, false
	}
	if d.flags(k)&wPronoun != 0 {
		return span{k, k + 1}, srcPronoun, true
	}
	s := k
	if d.flags(k)&wDet != 0 {
		k++
	}
	e, last, adj := k, -1, 0
	owner := false // a possessive seen: what follows it is the head
	for e < u.b && e-s < 12 {
		t := &d.toks[e]
		if t.kind != kWord || t.region != 0 {
			break
		}
		f := t.lex.flags
		switch {
		case d.isNameWord(e) || f&(wTitle|wRole) != 0 && f&(wFunc|wPrep|wConj) == 0:
			e++
			last = e
			continue
		case f&wNamePart != 0:
			e++
			continue
		case d.is(e, "of") && e+1 < u.b && (d.toks[e+1].cap || d.flags(e+1)&wDet != 0):
			e++
			continue
		case f&wDet != 0 && e > s && d.is(e-1, "of"):
			e++
			continue
		case possessiveS(d.word(e)) && last == e:
			e++
			owner = true
			continue
		case (last < 0 || last == e && (owner || (loose || d.flags(s)&wDet != 0) && (d.toks[e-1].cap || adj > 0) && d.nounAfterName(e))) && adj < 3 && f&(wFunc|wPrep|wConj|wAux|wCue|wTime|wPronoun) == 0 && !t.digit && !t.cap:
			e++ // "according to federal statistics", "according to Page's official website"
			adj++
			if last >= 0 {
				last = e // a noun a name modifies: "according to the Norland constitution"
			}
			continue
		case loose && last == e && e > s && !d.toks[e-1].cap && !t.cap && d.nominalHead(e) && f&(wFunc|wPrep|wConj|wAux|wTime|wPronoun|wDet) == 0:
			e++ // a plural head after a noun taken for a title: "according to security specialists"
			last = e
			continue
		case last < 0 && e > s && f&wCue != 0 && t.lex.nounish && !t.cap && d.flags(e-1)&wDet != 0 && d.isCloseMark(s-2):
			e++ // a noun that is also a cue: `"...," said the ruling.`
			last = e
			continue
		case t.digit && e == k:
			if n, _ := d.ageAt(e); n > e {
				e = n // "said the 29-year-old", "said 32-year-old protester Paris Kyriakides"
				if n >= u.b || d.toks[n].kind != kWord || d.flags(n)&(wFunc|wPrep|wConj|wTime) != 0 {
					last = n
				}
				continue
			}
		case last == k+1 && d.opensSentence(u.a, k):
			if n := d.descriptorEnd(e, u.b); n > e {
				e = n // "Trade publication Variety": the name after the description
				continue
			}
		}
		break
	}
	if last < 0 && loose && e > k && (d.flags(s)&wDet != 0 || d.nominalHead(e-1)) && (e >= u.b || d.toks[e].kind != kWord || d.flags(e)&wPrep != 0) {
		last = e // "according to the union", "according to federal statistics"
	}
	if last < 0 {
		return span{}, 0, false
	}
	np := span{s, last}
	if d.bareCapital(np) {
		return span{}, 0, false // "Reacting to the news, ...", "Moments after ..."
	}
	if d.nameIn(np).b > 0 {
		return np, srcName, true
	}
	return np, srcNominal, true
}

// nounAfterName reports whether the lower-case word at k may be a noun
// that the name before it modifies ("the Norland constitution"), not a
// verb or a participle after the name ("the family kept", "a database
// tracking").
func (d *doc) nounAfterName(k int) bool {
	w := lower(d.word(k))
	return d.flags(k)&wDet == 0 && !strings.HasSuffix(w, "ed") && !strings.HasSuffix(w, "ing")
}

// bareCapital reports whether np is one capitalised word opening a
// sentence that the tagger, when there is one, did not take for a name,
// that is no title, role or given name, and that has the shape of a
// common word: "Moments after", "Originally", "Reacting to".
func (d *doc) bareCapital(np span) bool {
	if np.b-np.a != 1 || d.mentions == nil || !d.toks[np.a].cap {
		return false
	}
	k := np.a
	if !d.toks[k].para && !d.isTerminal(k-1) && !d.isCloseMark(k-1) && k > 0 {
		return false
	}
	if d.flags(k)&(wTitle|wRole|wFemale|wMale) != 0 {
		return false
	}
	// The shape of a word that is no name: an adverb or a participle, or
	// one that a preposition or a comma follows ("Moments after").
	w := lower(d.word(k))
	shape := len(w) >= 6 && (strings.HasSuffix(w, "ly") || strings.HasSuffix(w, "ing")) ||
		len(w) >= 7 && strings.HasSuffix(w, "ed") || d.punct(k+1, ',') || d.flags(k+1)&wPrep != 0
	if !shape {
		return false
	}
	start, end := d.toks[k].start, d.toks[k].end
	for _, m := range d.mentions {
		if m.Start < end && start < m.End {
			return false
		}
	}
	return true
}

// ageAt returns the end of an age written at token k ("29-year-old", or
// "29 - year - old" in a tokenised text) and its number, or k and "".
func (d *doc) ageAt(k int) (int, string) {
	if k >= len(d.toks) || !d.toks[k].digit {
		return k, ""
	}
	w := d.word(k)
	if n, ok := strings.CutSuffix(lower(w), "-year-old"); ok {
		return k + 1, n
	}
	if k+4 < len(d.toks) && d.punct(k+1, '-') && d.is(k+2, "year") && d.punct(k+3, '-') && d.is(k+4, "old") {
		return k + 5, w
	}
	return k, ""
}

// descriptorEnd returns the end of the lower-case nouns from token k that,
// after a capitalised word opening a sentence, describe the name that
// follows them ("[Trade] publication Variety", "[Rights] group Amnesty"),
// or k when no name follows within three words. A word with a verb's
// ending ends the description.
func (d *doc) descriptorEnd(k, limit int) int {
	for m := k; m < limit && m-k < 3; m++ {
		t := &d.toks[m]
		if t.kind != kWord || t.region != 0 || t.cap || t.digit || t.lex.flags&(wFunc|wPrep|wConj|wAux|wCue|wTime|wPronoun|wDet) != 0 {
			if m > k && d.isNameWord(m) {
				return m
			}
			return k
		}
		if w := d.word(m); t.lex.flags&wRole == 0 && (strings.HasSuffix(w, "ed") || strings.HasSuffix(w, "ing") || strings.HasSuffix(w, "s")) {
			return k // a verb and its object: "Cruz exhorted Republicans"
		}
	}
	return k
}

// appositive finds the subject of a cue preceded by a comma, as in
// "Imran Khan, who has been a critic, said": the first noun phrase that
// makes up a comma-separated segment of the clause.
func (d *doc) appositive(u span, comma int) (span, uint8, bool) {
	cs := u.a
	for k := comma - 1; k >= u.a; k-- {
		t := &d.toks[k]
		if t.region != 0 {
			cs = d.regions[t.region-1].close + 1
			break
		}
		if t.kind == kPunct && (t.r == ';' || t.r == ':' || t.r == '—' || t.r == '–' || t.r == '-' && d.punct(k-1, '-')) {
			cs = k + 1
			break
		}
	}
	seg := cs
	for k := cs; k <= comma; k++ {
		if k < comma && !d.punct(k, ',') {
			continue
		}
		for seg < k && d.flags(seg)&wAux != 0 && d.flags(seg)&wPronoun == 0 {
			seg++ // "Even China, ..., said"
		}
		if k-seg >= 1 && k-seg <= 10 {
			first := d.flags(seg)
			if first&(wPrep|wTime|wAux) == 0 && !d.is(seg, "that") && !d.is(seg, "if") && !d.is(seg, "when") {
				last := k - 1
				if d.punct(last, ')') {
					// "Rep. Jim Jordan (R-Ohio), ..., said"
					for m := last - 1; m > seg && last-m < 8; m-- {
						if d.punct(m, '(') {
							last = m - 1
							break
						}
					}
				}
				if d.flags(last)&wPronoun != 0 && last == seg {
					return span{seg, k}, srcPronoun, true
				}
				if d.flags(last)&wTime != 0 {
					seg = k + 1
					continue // a time, not a subject: "Even Friday, he claimed"
				}
				np := d.npBack(seg, last)
				a := np.a
				if a > seg && a == seg+1 && d.flags(seg)&wConj != 0 {
					a = seg
				}
				if a == seg && d.toks[last].kind == kWord && d.toks[last].region == 0 {
					if n, ok := d.appositiveName(k, comma); ok && d.is(np.a, "the") {
						return n, srcName, true // "The German Chancellor, Angela Merkel, said"
					}
					if d.nameIn(np).b > 0 {
						return np, srcName, true
					}
					if d.flags(last)&wRole != 0 || d.nominalHead(last) {
						if n, ok := d.appositiveName(k, comma); ok {
							return n, srcName, true // "the prosecutor, John W. Nields, wrote"
						}
						return np, srcNominal, true
					}
				}
				// A phrase that starts like a subject: "Officials at
				// Homeland Security Investigations".
				if k-seg <= 8 && (d.toks[seg].cap && first&(wFunc|wConj|wDet) == 0 || first&wDet != 0) && d.toks[last].kind == kWord {
					clean := true
					for m := seg; m < k; m++ {
						if d.toks[m].region != 0 || d.flags(m)&(wCue|wAux|wRelative) != 0 || d.is(m, "that") {
							clean = false
						}
					}
					if clean {
						np := span{seg, last + 1}
						if d.nameIn(np).b > 0 {
							return np, srcName, true
						}
						if n, ok := d.appositiveName(k, comma); ok {
							return n, srcName, true
						}
						return np, srcNominal, true
					}
				}
			}
		}
		seg = k + 1
	}
	return span{}, 0, false
}

// appositiveName returns the name of two words or more that makes up the
// whole comma-separated segment after token k (a comma), up to the comma
// at limit or one before: the name of the role just before it, as in "the
// prosecutor, John W. Nields, wrote".
func (d *doc) appositiveName(k, limit int) (span, bool) {
	if !d.punct(k, ',') {
		return span{}, false
	}
	end := k + 1
	for end < limit && !d.punct(end, ',') {
		end++
	}
	seg := span{k + 1, end}
	if seg.b-seg.a < 2 || seg.b-seg.a > 5 {
		return span{}, false
	}
	if n := d.nameIn(seg); n.b == seg.b && n.b-n.a >= 1 && !d.isPossessive(n.b-1) && d.titlesOnly(seg.a, n.a) && (n.a > seg.a || n.b-n.a >= 2) {
		return n, true // "Ana Costa", "Ms. Costa", "Mr. Rafael Ortega"
	}
	return span{}, false
}

// subordinateSubject returns the subject of the last subordinate clause
// opened between tokens from and to, which a verb joined by "and" at to
// goes on from: in "she said she was there when guards found her and told
// her to leave", the guards told her, not she.
func (d *doc) subordinateSubject(u span, from, to int) (span, uint8, bool) {
	for k := to - 1; k >= from; k-- {
		if d.toks[k].region != 0 {
			return span{}, 0, false
		}
		switch lower(d.word(k)) {
		case "when", "while", "because", "after", "before", "until", "since", "where", "whereas", "although", "though":
			s, kind, ok := d.subjectAfter(u, k+1, false)
			if ok && d.is(s.b, "and") {
				if y, _, ok := d.subjectAfter(u, s.b+1, false); ok && y.b < to {
					s.b, kind = y.b, srcNominal // "police and park rangers"
				}
			}
			if ok && s.b < to && (kind == srcName || kind == srcNominal) {
				return s, kind, true
			}
			return d.bareSubject(k+1, to)
		}
	}
	return span{}, 0, false
}

// bareSubject returns the words from a up to a past-tense verb before to,
// a subject with no determiner: "law enforcement and park staff found".
func (d *doc) bareSubject(a, to int) (span, uint8, bool) {
	for m := a; m < to && m-a <= 6; m++ {
		t := &d.toks[m]
		if t.kind != kWord || t.region != 0 || d.flags(m)&(wPronoun|wPrep|wAux|wRelative) != 0 {
			return span{}, 0, false
		}
		if m > a && !t.cap && strings.HasSuffix(d.word(m), "ed") {
			return span{a, m}, srcNominal, true
		}
	}
	return span{}, 0, false
}

// titlesOnly reports whether the tokens from a to b are all titles ("Mr.",
// "Dr."), or none.
func (d *doc) titlesOnly(a, b int) bool {
	for k := a; k < b; k++ {
		if d.flags(k)&wTitle == 0 {
			return false
		}
	}
	return true
}

// assign gives the unit's cues their content, left to right.
func (d *doc) assign(ui int, u span) {
	first := len(d.attrs)
	lastEnd := u.a
	for ci := range d.cands {
		c := &d.cands[ci]
		if c.cue < lastEnd {
			// Inside an earlier content; a cue that opens a clause of its
			// own has cut that content short before reaching here.
			continue
		}
		limit := d.contentLimit(ci, u)
		a := attr{unit: ui, lastUnit: ui, cue: c.cue, cueEnd: c.cueEnd, subj: c.subj, kind: c.kind, inherit: -1}
		if c.kind == srcInherit && !d.inheritSubject(&a, u, first) {
			continue
		}
		if !d.content(&a, u, c, lastEnd, limit) {
			continue
		}
		d.trimContent(&a, c)
		a.cueText = d.text[d.toks[c.cue].start:d.toks[c.cueEnd-1].end]
		d.attrs = append(d.attrs, a)
		lastEnd = max(a.end, c.cueEnd, c.subj.b)
	}
}

// contentLimit returns where the content of cand ci in unit u must end:
// at the boundary of the next cue that opens a clause of its own, unless
// that cue is inside a subordinate clause the content opens with.
func (d *doc) contentLimit(ci int, u span) int {
	c := &d.cands[ci]
	sub := d.subordinateEnd(c.cueEnd, u.b)
	for m := ci + 1; m < len(d.cands); m++ {
		if b := d.cands[m].boundary; b > c.cueEnd && b < u.b && b != sub {
			return b
		}
	}
	return u.b
}

// inheritSubject gives a, whose cue continues a clause ("..., adding"),
// the speaker of the unit's last attribution (those from index first on
// are the unit's) or a subject of its own, else the unit's subject. It
// reports false when there is none.
func (d *doc) inheritSubject(a *attr, u span, first int) bool {
	if len(d.attrs) > first {
		a.inherit = len(d.attrs) - 1 // the speaker of the clause's cue
		if s, kind, ok := d.subordinateSubject(u, d.attrs[a.inherit].cueEnd, a.cue); ok {
			a.subj, a.kind, a.inherit = s, kind, -1
		}
		return true
	}
	if s, ok := d.relativeAntecedent(u, a.cue); ok {
		a.subj, a.kind = s, srcNominal
		if d.nameIn(s).b > 0 {
			a.kind = srcName
		}
		return true
	}
	s, kind, ok := d.clauseSubject(u)
	if !ok {
		return false
	}
	a.subj, a.kind = s, kind
	return true
}

// relativeAntecedent returns the noun phrase a "who" stands for when the
// cue at k, after "and", goes on with that relative clause: in "The video
// has become a focus for protesters, who have marched and called for its
// release", the protesters called for it, not the video.
func (d *doc) relativeAntecedent(u span, k int) (span, bool) {
	if !d.is(k-1, "and") {
		return span{}, false
	}
	for m := k - 2; m > u.a; m-- {
		if d.toks[m].region != 0 || d.punct(m, ',') && !d.is(m+1, "who") || d.punct(m, ';') {
			return span{}, false
		}
		if !d.is(m, "who") || !d.punct(m-1, ',') {
			continue
		}
		j := m - 2
		for j > u.a && (d.flags(j)&wTime != 0 || d.is(j, "here") || d.is(j, "there")) {
			j-- // "protesters here, who"
		}
		if j <= u.a || d.toks[j].kind != kWord {
			return span{}, false
		}
		np := d.npBack(u.a, j)
		for p := j - 1; p > np.a; p-- {
			if d.flags(p)&wPrep != 0 {
				np.a = p + 1 // the "who" is the object's: "a focal point for protesters, who"
				break
			}
		}
		return np, true
	}
	return span{}, false
}

// content finds the content of a, the attribution of cand c, between
// lastEnd and limit, and sets a.parts, a.direct and a.end. It reports
// false when there is none.
func (d *doc) content(a *attr, u span, c *cand, lastEnd, limit int) bool {
	after := max(c.cueEnd, c.subj.b)
	switch {
	case c.leading:
		parts, direct, ok := d.contentAfter(u, c.subj.b, limit, lexEntry{cue: cueSay})
		if !ok {
			return false
		}
		a.parts, a.direct, a.end = parts, direct, parts[len(parts)-1].b
	case c.inverted || c.according && c.clauseStart > lastEnd && !d.opensClause(u, lastEnd, c.cue) && !d.openingAdjunct(lastEnd, c.cue):
		// CONTENT, said X. / CONTENT, according to X.
		parts, direct, ok := d.contentBefore(lastEnd, c.cue, 3)
		if !ok || d.is(parts[len(parts)-1].b-1, "that") {
			return false // inside another's content: "X reported that, according to a source, ..."
		}
		a.parts, a.direct = parts, direct
		a.end = after
		a.parts = append(a.parts, d.moreQuotes(after, limit)...)
		if n := len(a.parts); n > 0 && a.parts[n-1].b > a.end {
			a.end = a.parts[n-1].b
		}
	case c.according:
		return d.accordingContent(a, u, after, limit)
	default:
		return d.contentAround(a, u, c, lastEnd, limit)
	}
	return true
}

// accordingContent finds the content after "According to X, ...".
func (d *doc) accordingContent(a *attr, u span, after, limit int) bool {
	k := after
	for k < limit && !d.punct(k, ',') && k-after < 25 {
		k++
	}
	if k >= limit {
		return false
	}
	parts, direct, ok := d.contentAfter(u, k+1, limit, lexEntry{cue: cueSay})
	if !ok {
		return false
	}
	a.parts, a.direct = parts, direct
	a.end = parts[len(parts)-1].b
	return true
}

// contentAround finds the content of a cue that follows its source: a
// quote before them (`"...," X said`), a content around them ("The
// museum, Mr. Bush said, celebrated ..."), one after the cue, or one
// before them ("CONTENT, X said.").
func (d *doc) contentAround(a *attr, u span, c *cand, lastEnd, limit int) bool {
	after := max(c.cueEnd, c.subj.b)
	pre := c.clauseStart - 1
	for n := 0; n < 3 && c.kind == srcName && pre > u.a && d.toks[pre].kind == kWord && !d.toks[pre].cap && d.flags(pre)&(wFunc|wPrep|wConj|wCue|wAux) == 0; n++ {
		pre-- // "..., retired Air Force general Lloyd Newton said"
	}
	closeAt := -1 // a quote's mark before an appositive subject: `“...,” the minister, Name, said`
	if c.kind == srcName {
		closeAt = d.quoteCloseBefore(u, c.clauseStart)
	}
	quoteBefore := (d.isCloseMark(pre) && !d.nickname(pre) || d.punct(pre, ',') && d.isCloseMark(pre-1) || closeAt >= 0) &&
		!d.is(c.cueEnd, "that") // `..."Year of the Woman," writing that ...`: the content follows
	if !quoteBefore {
		pre = c.clauseStart - 1
	}
	var ok bool
	if quoteBefore {
		end := c.clauseStart
		if closeAt >= 0 {
			end = closeAt + 1
		}
		a.parts, a.direct, ok = d.contentBefore(lastEnd, end, 3)
		if ok {
			a.end = after
			a.parts = append(a.parts, d.moreQuotes(after, limit)...)
		}
	}
	if !ok && d.punct(pre, ',') && c.kind != srcInherit && c.kind != srcRelative {
		a.parts, ok = d.contentAcross(c, pre, lastEnd, limit)
		a.direct = false
	}
	if !ok {
		a.parts, a.direct, ok = d.contentAfter(u, c.cueEnd, limit, d.toks[c.cue].lex)
	}
	if !ok && d.punct(pre, ',') && c.kind != srcInherit && c.kind != srcRelative && d.endsClause(after, limit) && !d.colonAfter(after, u.b) &&
		!d.objectAfter(c, after) {
		if c.kind == srcName {
			pre = d.describedBefore(lastEnd, pre)
		}
		a.parts, a.direct, ok = d.contentBefore(lastEnd, pre, 3)
		ok = ok && !d.adjunctOnly(a.parts)
		a.end = after
	}
	if !ok {
		return false
	}
	if n := len(a.parts); a.parts[n-1].b > a.end {
		a.end = a.parts[n-1].b
	}
	return true
}

// describedBefore returns the comma before a description set off by
// commas that names who a speaker after the comma at pre is, or pre: in
// "..., a spokeswoman for the ministry, Ana Vale, said" the content ends
// before "a spokeswoman". The description is at most seven words, opens
// with "a", "an" or "the", holds no verb (nor "to") and ends in a word
// for a speaker (a role, a group, a doer).
func (d *doc) describedBefore(from, pre int) int {
	j := pre - 1
	for j > from && pre-j <= 8 && !d.punct(j, ',') {
		t := &d.toks[j]
		w := lower(d.word(j))
		if t.kind != kWord || t.region != 0 || finite(w) || w == "to" || d.flags(j)&(wAux|wPronoun|wConj) != 0 ||
			d.flags(j)&wCue != 0 && (sayForm(w) || strings.HasSuffix(w, "ed")) {
			return pre
		}
		j--
	}
	if j <= from || !d.punct(j, ',') || pre-j < 3 || !(d.is(j+1, "a") || d.is(j+1, "an") || d.is(j+1, "the")) {
		return pre
	}
	head := lower(d.word(pre - 1))
	if d.flags(pre-1)&wRole == 0 && !collectives[head] && !groupNouns[head] && !bodies[head] &&
		!strings.HasSuffix(head, "er") && !strings.HasSuffix(head, "or") && !strings.HasSuffix(head, "ist") {
		return pre
	}
	return j
}

// contentAcross finds a content that the attribution interrupts, the
// comma at pre before its source: "The museum, Mr. Bush said,
// celebrated ...".
func (d *doc) contentAcross(c *cand, pre, lastEnd, limit int) ([]span, bool) {
	k := c.cueEnd
	for k < limit && d.toks[k].kind == kWord && d.flags(k)&(wTime|wAux) != 0 {
		k++
	}
	if !d.punct(k, ',') || d.isOpenMark(k+1) {
		return nil, false
	}
	head, _, ok1 := d.contentBefore(lastEnd, pre, 1)
	tail, _, ok2 := d.clause(k+1, limit)
	if d.linker(k + 1) {
		// "She was last seen Saturday, prosecutors said, and
		// when ...": the sentence goes on with a clause of its own.
		tail, ok2 = nil, true
	}
	if !ok1 || !ok2 {
		return nil, false
	}
	return append(head, tail...), true
}

// trimContent ends a's content where the clause that holds its cue ends:
// a relative clause set off by commas ("Page, who claimed ..., also
// studied"), or a subordinate clause before the main one ("Although he
// said ..., he scored").
func (d *doc) trimContent(a *attr, c *cand) {
	if len(a.parts) != 1 || a.direct {
		return
	}
	if c.kind == srcRelative && d.punct(c.subj.a-1, ',') {
		a.parts[0].b = d.relativeEnd(a.parts[0])
		a.end = a.parts[0].b
	}
	if a.parts[0].a >= c.cueEnd && d.subordinator(c.clauseStart-1) {
		a.parts[0].b = d.mainClauseStart(a.parts[0])
		a.end = a.parts[0].b
	}
}

// subordinator reports whether the word at k opens a subordinate clause
// before the main one: "Although he said ..., he scored".
func (d *doc) subordinator(k int) bool {
	switch lower(d.word(k)) {
	case "although", "though", "while", "because", "whereas", "if", "unless", "since", "once", "when":
		if p := lower(d.word(k - 1)); p == "so" || p == "and" || p == "but" || p == "yet" {
			k-- // "So when ..., But while ..."
		}
		return k == 0 || d.toks[k].para || d.isTerminal(k-1) || d.punct(k-1, ',')
	}
	return false
}

// mainClauseStart returns the end of a content p said in a subordinate
// clause: the comma after which the main clause opens with its subject
// ("Although he said he was nervous, he scored ..."), or p's end.
func (d *doc) mainClauseStart(p span) int {
	for k := p.a + 2; k < p.b-1; k++ {
		if d.punct(k, ',') && d.toks[k].region == 0 && (d.flags(k+1)&(wPronoun|wDet) != 0 || d.isNameWord(k+1)) {
			return k
		}
	}
	return p.b
}

// objectAfter reports whether the cue of c, which is no verb of telling,
// has an object or a quote at token k after it: then the words before
// its source are no content of it ("a parade of witnesses, led by Ana
// Vale, described \"the boss's\" power"), as they are in "CONTENT, X
// said on Monday."
func (d *doc) objectAfter(c *cand, k int) bool {
	if d.toks[c.cue].lex.cue == cueTell || k >= len(d.toks) {
		return false
	}
	if d.isOpenMark(k) || d.is(k, "yes") || d.is(k, "no") {
		return true // a quote, or an answer: "Asked whether ..., 60 percent responded yes."
	}
	t := &d.toks[k]
	return t.kind == kWord && t.region == 0 && t.lex.flags&(wPrep|wTime|wAux|wConj|wFunc) == 0
}

// colonAfter reports whether a colon follows token k in its sentence
// (before limit): the words said come after it ("Looking back, she told
// the magazine:"), not before the cue.
func (d *doc) colonAfter(k, limit int) bool {
	for m := k; m < limit && !d.isTerminal(m); m++ {
		if d.punct(m, ':') && d.toks[m].region == 0 {
			return true
		}
		if d.toks[m].kind == kWord && d.toks[m].region == 0 && d.flags(m)&wCue != 0 {
			return false // the colon is another cue's: "..., she said, explaining:"
		}
	}
	return false
}

// adjunctOnly reports whether parts are one phrase without quote marks
// that opens with a preposition and holds no verb, the adjunct of the
// sentence rather than anything said: "In the letters, X wrote ...".
func (d *doc) adjunctOnly(parts []span) bool {
	if len(parts) != 1 || d.flags(parts[0].a)&(wPrep|wTime) == 0 {
		return false
	}
	for k := parts[0].a; k < parts[0].b; k++ {
		w := lower(d.word(k))
		if d.toks[k].region != 0 || !d.toks[k].cap && (finite(w) || d.flags(k)&wAux != 0 || pastParticiple(w)) {
			return false
		}
	}
	return true
}

// relativeEnd returns the end of a content p given in a relative clause
// set off by commas: the comma after which the sentence's own verb goes
// on ("Page, who claimed she ignored the offer, also studied acting"), or
// p's end.
func (d *doc) relativeEnd(p span) int {
	for k := p.a + 2; k < p.b-1; k++ {
		end := k
		if d.isCloseMark(k) && d.punct(k-1, ',') {
			end = k + 1 // a comma inside a quote's marks: `to "attempt to help," said ...`
		} else if !d.punct(k, ',') || d.toks[k].region != 0 {
			continue
		}
		m := k + 1
		for m < p.b && d.toks[m].kind == kWord && d.flags(m)&wAux != 0 && !finite(lower(d.word(m))) {
			m++ // "also", "later"
		}
		if m >= p.b || d.toks[m].kind != kWord || d.toks[m].cap {
			continue
		}
		if w := lower(d.word(m)); finite(w) || sayForm(w) || strings.HasSuffix(w, "ed") && d.flags(m)&(wPrep|wDet) == 0 &&
			(d.flags(m)&wCue == 0 || d.toks[m].lex.cue == cueSay) {
			return end
		}
	}
	return p.b
}

// endsClause reports whether the words from token k to limit are at most
// an adjunct ending the sentence, as after the cue of "CONTENT, X said
// on Monday.", not a clause going on ("As in the past, Klitschko
// responded to the instructions and executed ...").
func (d *doc) endsClause(k, limit int) bool {
	for m := k; m < limit; m++ {
		if d.isTerminal(m) || d.punct(m, ',') || d.isOpenMark(m) {
			return true
		}
		if m-k >= 8 || d.is(m, "and") || d.is(m, "but") {
			return false
		}
	}
	return true
}

// opensClause reports whether tokens [from, to) hold only words that may
// lead a clause before "according to" (conjunctions, adverbs).
func (d *doc) opensClause(u span, from, to int) bool {
	for k := from; k < to; k++ {
		if d.toks[k].kind == kWord && d.flags(k)&(wConj|wAux) == 0 {
			return false
		}
	}
	return true
}

// openingAdjunct reports whether tokens from to to (a comma before "according
// to") are a short adverbial opening and no content of their own: "In the
// meantime, according to the memo, officials should ...".
func (d *doc) openingAdjunct(from, to int) bool {
	if to-from < 2 || to-from > 6 || !d.punct(to-1, ',') || d.toks[from].kind != kWord {
		return false
	}
	if d.flags(from)&(wPrep|wTime|wConj) == 0 && !strings.HasSuffix(lower(d.word(from)), "ly") {
		return false
	}
	for k := from; k < to-1; k++ {
		if d.toks[k].kind != kWord || d.toks[k].region != 0 || finite(lower(d.word(k))) || d.flags(k)&wCue != 0 {
			return false
		}
	}
	return true
}

// clauseSubject returns the subject at the start of a unit, after a leading
// adverbial phrase: "On Monday, Trump hit Clinton, saying ...".
func (d *doc) clauseSubject(u span) (span, uint8, bool) {
	k := d.afterDateline(u)
	if t := d.timeAdjunct(u, k); t > k {
		k = t // "Last week State Department official David Holmes revealed ..."
	} else if d.flags(k)&(wPrep|wConj|wTime) != 0 && d.flags(k)&wDet == 0 {
		for k < u.b && !d.punct(k, ',') && k-u.a < 12 {
			k++
		}
		k++
	}
	if s, kind, ok := d.subjectAfter(u, k, false); ok {
		return s, kind, true
	}
	for m := k; m < u.b && m-k < 12 && d.toks[m].region == 0; m++ {
		if d.punct(m, ',') {
			return d.subjectAfter(u, m+1, false) // "Moments after the shooting, one officer ..."
		}
	}
	return span{}, 0, false
}

// timeAdjunct returns the token after a time adjunct opening a clause at
// k with no comma after it ("Last week", "On Monday"), or k when there is
// none such.
func (d *doc) timeAdjunct(u span, k int) int {
	m := k
	if d.is(m, "on") || d.is(m, "in") || d.is(m, "early") || d.is(m, "late") {
		m++
	}
	start := m
	for m < u.b && d.toks[m].kind == kWord && (d.flags(m)&wTime != 0 || d.toks[m].digit) {
		m++
	}
	if m == start || m >= u.b || d.toks[m].kind != kWord || d.flags(m)&(wPrep|wConj|wAux|wCue) != 0 {
		return k // none, or one a comma ends, which the caller skips
	}
	return m
}

// afterDateline returns the first token of unit u after a dateline, a
// place in capitals and a dash ("WASHINGTON — ", "NEW YORK (AP) —"), or
// u.a when it has none.
func (d *doc) afterDateline(u span) int {
	k := u.a
	for k < u.b && k-u.a < 4 && d.toks[k].kind == kWord && d.toks[k].upper {
		k++
	}
	if k == u.a {
		return u.a
	}
	if d.punct(k, '(') {
		for k < u.b && !d.punct(k, ')') && k-u.a < 8 {
			k++
		}
		k++
	}
	if d.punct(k, '—') || d.punct(k, '–') || d.punct(k, '-') {
		return k + 1
	}
	return u.a
}

// contentBefore returns the content that ends before token end and starts
// at from: `CONTENT, X said` or `"...," X said`.
func (d *doc) contentBefore(from, end, minWords int) ([]span, bool, bool) {
	for end > from && (d.punct(end-1, ',') || d.punct(end-1, '—') || d.punct(end-1, '–')) {
		end--
	}
	for from < end && (d.linker(from) || d.punct(from, ',')) {
		from++
	}
	if end-from < minWords {
		return nil, false, false
	}
	var parts []span
	outside := 0
	for k := from; k < end; k++ {
		t := &d.toks[k]
		if t.region != 0 {
			r := d.regions[t.region-1]
			if r.open >= from && r.close < end {
				parts = append(parts, span{r.open, r.close + 1})
				k = r.close
				continue
			}
		}
		if t.kind == kWord {
			outside++
		}
	}
	if len(parts) > 0 && outside <= 1 {
		return parts, true, true
	}
	if n := len(parts); n > 0 && parts[n-1].b == end && d.setOff(parts[n-1].a-1) {
		return parts[n-1:], true, true // `stages of joy ("...," said Name)`: the writer's words before the quote are not
	}
	if outside+len(parts) < minWords {
		return nil, false, false
	}
	return []span{{from, end}}, false, true
}

// setOff reports whether token k is a bracket or a dash that sets off
// what follows it from the sentence around.
func (d *doc) setOff(k int) bool {
	return d.punct(k, '(') || d.punct(k, '[') || d.punct(k, '—') || d.punct(k, '–')
}

// subordinateEnd returns the comma that closes a subordinate clause
// opening the content at token k (after "that"), or -1: in "said that
// when she was asked, she told them ...", the cue after the comma is
// within the content, not the start of another.
func (d *doc) subordinateEnd(k, limit int) int {
	if d.is(k, "that") {
		k++
	}
	if d.flags(k)&wConj == 0 || d.flags(k)&wAux != 0 || d.linker(k) {
		return -1
	}
	for m := k + 1; m < limit && m-k < 25; m++ {
		if d.toks[m].region != 0 || d.punct(m, ';') || d.isTerminal(m) {
			return -1
		}
		if d.punct(m, ',') {
			return m
		}
	}
	return -1
}

// linker reports whether token k is a word that links a content to the
// text before it and is no part of it: "and", "but", "however". A
// subordinating word opens the content's own clause and stays: "After
// her career ended, ...", "So far, ...".
func (d *doc) linker(k int) bool {
	if d.flags(k)&wConj == 0 || d.flags(k)&wAux != 0 {
		return false
	}
	switch lower(d.word(k)) {
	case "however":
		// Not "However laudable the goal, ...", "However much it costs".
		n := lower(d.word(k + 1))
		return !(d.flags(k+2)&wDet != 0 && !d.punct(k+1, ',') || n == "much" || n == "many" || n == "hard" || n == "long")
	case "and", "but", "or", "nor", "yet", "meanwhile", "instead":
		return true
	case "so":
		return d.punct(k+1, ',') || d.flags(k+1)&(wPronoun|wDet) != 0 || d.toks[min(k+1, len(d.toks)-1)].cap
	}
	return false
}

// moreQuotes returns the quotes that continue an attribution in its own
// sentence: `"...," he said, "..."`.
func (d *doc) moreQuotes(from, limit int) []span {
	var parts []span
	for k := from; k < limit; k++ {
		if d.toks[k].kind == kWord && d.toks[k].region == 0 && d.toks[k].lex.flags&wCue != 0 {
			break
		}
		if d.isOpenMark(k) && (d.punct(k-1, ',') || d.punct(k-1, ':') || d.punct(k-1, '.')) {
			r := d.regions[d.toks[k].region-1]
			if r.close < limit {
				parts = append(parts, span{r.open, r.close + 1})
				k = r.close
			}
		}
	}
	return parts
}

// contentAfter returns the content after a cue: a quote, a that-clause, a
// bare clause or an infinitive.
func (d *doc) contentAfter(u span, k, limit int, e lexEntry) ([]span, bool, bool) {
	for k < limit && d.toks[k].kind == kWord && d.toks[k].region == 0 &&
		(d.flags(k)&wTime != 0 || d.flags(k)&wAux != 0 && d.flags(k)&(wPronoun|wFunc) == 0) {
		k++
	}
	if k >= limit {
		return nil, false, false
	}
	if e.cue == cueTell {
		k = d.skipObject(k, limit)
		if k >= limit {
			return nil, false, false
		}
	}
	if objectPronoun(d.word(k)) && (d.punct(k+1, ':') || d.isOpenMark(k+1)) {
		k++ // who was spoken to: "scolded him: “...”"
	}
	if p, direct, ok := d.quoteAt(k, limit); ok {
		return p, direct, true
	}
	if d.gap(k) && e.cue != cueTell {
		return nil, false, false // a gap in a relative clause: "something that he said was impossible"
	}
	switch {
	case d.punct(k, ':') && k+1 < limit:
		return d.clause(k+1, limit)
	case d.is(k, "that"):
		return d.clause(k+1, limit)
	case d.is(k, "to") && !e.toInf && !d.verbAfterTo(k+1):
		if !d.addressee(k+1, limit) {
			return nil, false, false
		}
		return d.afterAdjunct(k, limit) // who was written to: "wrote to the mayor that ..."
	case d.is(k, "to") || d.is(k, "not") && d.is(k+1, "to"):
		if !e.toInf || d.is(k, "to") && !d.verbAfterTo(k+1) && !d.isOpenMark(k+1) && !(d.toks[min(k+1, len(d.toks)-1)].cap && d.titleCase(u)) {
			return nil, false, false // "agreed to a seven-year deal": no words
		}
		if e.consent && d.is(k, "to") && !d.isOpenMark(k+1) {
			return nil, false, false // "agreed to hear what they had": a deed consented to, not words
		}
		return d.clause(k, limit)
	case e.cue == cueTell && d.flags(k)&wPronoun != 0:
		return d.clause(k, limit)
	case e.cue == cueTell:
		return nil, false, false
	case d.flags(k)&wPrep != 0 || d.punct(k, ','):
		return d.afterAdjunct(k, limit)
	case d.toks[k].kind != kWord && !d.isOpenMark(k):
		return nil, false, false
	case d.flags(k)&wConj != 0 && !d.is(k, "if") && !d.is(k, "whether"):
		return nil, false, false
	}
	return d.clause(k, limit)
}

// afterAdjunct returns the content after an adjunct that starts at token k
// and follows the cue: "said in a statement that ...", "wrote to the
// mayor that ...".
func (d *doc) afterAdjunct(k, limit int) ([]span, bool, bool) {
	for m := k; m < limit && m < k+16; m++ {
		if d.toks[m].region != 0 {
			if d.punct(m-1, ',') || d.punct(m-1, ':') {
				return d.quoteAt(m, limit)
			}
			break
		}
		if d.is(m, "that") && d.conjunctionThat(m) {
			break
		}
		if d.is(m, "that") {
			return d.clause(m+1, limit)
		}
		if m > k+1 && d.flags(m)&wPronoun != 0 && !d.is(m, "it") && d.flags(m-1)&(wPrep|wDet|wRelative) == 0 && !d.is(k, "about") {
			return d.clause(m, limit) // "said after the convention he would ..."
		}
		if d.punct(m, ',') && d.isOpenMark(m+1) {
			return d.quoteAt(m, limit)
		}
		if d.punct(m, ',') && (m+1 >= limit || d.flags(m+1)&wPronoun != 0 || d.toks[m+1].kind != kWord ||
			d.flags(m+1)&wDet != 0 && !strings.HasSuffix(d.word(m+2), "ly")) {
			break // a new clause or an apposition, not an adjunct
		}
		if d.punct(m, ';') || d.isTerminal(m) || d.flags(m)&wCue != 0 && d.flags(m-1)&wDet == 0 {
			break // a cue of its own; not a noun: "at a press conference"
		}
	}
	return nil, false, false
}

// addressee reports whether the words from token k, after the "to" of
// a cue, name whom the words were for ("wrote to the mayor that ...",
// "replied to Ms. Vale:") rather than what they answered, whose own
// clause a "that" would open ("responded to the minister's claim that
// ..."): the word before the content is a name, a role, a group or an
// object pronoun.
func (d *doc) addressee(k, limit int) bool {
	for m := k; m < limit && m < k+8; m++ {
		if d.is(m, "that") || d.punct(m, ':') || d.punct(m, ',') || d.toks[m].region != 0 {
			p := m - 1
			w := lower(d.word(p))
			return m > k && (d.toks[p].cap || d.flags(p)&wRole != 0 || collectives[w] || objectPronoun(w) || d.nominalHead(p))
		}
	}
	return false
}

// conjunctionThat reports whether "that" at k is part of a conjunction
// ("now that", "so that", "given that"), which opens no one's words.
func (d *doc) conjunctionThat(k int) bool {
	switch lower(d.word(k - 1)) {
	case "now", "so", "such", "given", "except", "provided", "in":
		return true
	}
	return false
}

// gap reports whether the content after a cue would start at token k with
// a finite verb, the gap a relative clause leaves for its subject
// ("a vessel that the navy said was a pirate ship"), not with a
// condition that inverts its verb ("admitted had the club stayed, ...").
func (d *doc) gap(k int) bool {
	w := lower(d.word(k))
	if d.toks[k].kind != kWord || d.toks[k].cap || !finite(w) {
		return false
	}
	inverted := (w == "had" || w == "were" || w == "should") && k+1 < len(d.toks) &&
		(d.toks[k+1].cap || d.flags(k+1)&(wDet|wPronoun) != 0)
	return !inverted
}

// objectPronoun reports whether w is a pronoun only an object takes.
func objectPronoun(w string) bool {
	switch strings.ToLower(w) {
	case "him", "her", "them", "me", "us":
		return true
	}
	return false
}

// skipObject skips the object of a cue such as "told": "told the
// committee that", "told reporters:".
func (d *doc) skipObject(k, limit int) int {
	s := k
	for k < limit && k-s < 12 {
		t := &d.toks[k]
		if t.region != 0 && k > s {
			// A title in quote marks inside the object: `told NBC's "Today"
			// on Friday that ...`.
			for m := d.regions[t.region-1].close + 1; m < limit && m < k+8 && d.toks[m].region == 0; m++ {
				if d.is(m, "that") {
					return m
				}
				if d.toks[m].kind != kWord {
					break
				}
			}
		}
		if d.is(k, "that") && d.conjunctionThat(k) {
			return limit // "asked for help now that the names are out": no content
		}
		if t.kind != kWord || t.region != 0 || d.is(k, "that") || d.is(k, "to") || d.is(k, "not") && d.is(k+1, "to") {
			return k // "asked the media not to identify them": the "not" is the content's
		}
		if d.is(k, "about") {
			return limit // "told jurors about the moment she was struck": a topic, no content
		}
		if k > s && t.lex.flags&wPronoun != 0 && t.lex.flags&wPlural == 0 && !d.is(k, "it") && !d.is(k, "i") {
			return k // a clause's subject: "told the judge he needed more time"
		}
		k++
	}
	return k
}

// quoteAt returns a quote starting at token k (after an optional comma or
// colon): the whole quote when nothing but punctuation follows it, or the
// clause it starts when it is a partial quote.
func (d *doc) quoteAt(k, limit int) ([]span, bool, bool) {
	q := k
	if d.punct(k, ',') || d.punct(k, ':') {
		q = k + 1
	}
	if !d.isOpenMark(q) {
		return nil, false, false
	}
	r := d.regions[d.toks[q].region-1]
	if r.close >= limit {
		return nil, false, false
	}
	n := r.close + 1
	for n < limit && d.toks[n].kind == kPunct {
		n++
	}
	if n >= limit {
		return append([]span{{r.open, r.close + 1}}, d.moreQuotes(n, limit)...), true, true
	}
	if q != k {
		parts := []span{{r.open, r.close + 1}}
		return append(parts, d.moreQuotes(r.close+1, limit)...), true, true
	}
	return d.clause(k, limit)
}

// clause returns the content from token k to the end of its clause.
func (d *doc) clause(k, limit int) ([]span, bool, bool) {
	e := k
	verbless := true // no verb seen yet: a noun phrase, "more funds for schools"
	for e < limit {
		if d.toks[e].region != 0 {
			e = d.regions[d.toks[e].region-1].close + 1
			continue
		}
		if d.punct(e, ';') {
			break
		}
		if d.punct(e, ',') && (d.is(e+1, "according") || d.flags(e+1)&wCue != 0 && d.toks[e+1].lex.participle) {
			break
		}
		if e > k+1 && d.is(e, "with") && d.speakerWith(e+1, limit) {
			break // someone else's words: "opposed the change, with a spokesman stating: ..."
		}
		if e > k && d.toks[e-1].region != 0 && d.isCloseMark(e-1) && d.is(e, "to") && e+1 < limit && (d.toks[e+1].cap || d.flags(e+1)&wDet != 0) &&
			d.toks[k].region != 0 {
			break // who was spoken to: "said “God bless you” to the judge"
		}
		if e > k && d.toks[e-1].region != 0 && d.isCloseMark(e-1) && d.flags(e)&wTime != 0 && d.toks[e].cap &&
			(d.flags(e+1)&wPrep != 0 || d.isTerminal(e+1)) {
			break // a day after a partial quote: "blasted her as a “disgrace” Wednesday on a radio show"
		}
		if verbless && e > k+1 && d.adjunctOfSpeech(e) {
			break // "called for more funds in a statement on Thursday"
		}
		if verbless && e > k+1 && d.punct(e, '-') && d.punct(e+1, '-') {
			if c := d.doubleHyphenAfter(e+2, limit); c > e {
				e = c + 2 // an aside inside: "the top 1 percent -- those earning most -- would pay"
				continue
			}
			break // the writer's aside after a double hyphen: "blamed “many sides” -- an equivocation"
		}
		if verbless && e > k+1 && (d.punct(e, '―') || d.punct(e, '—')) {
			if c := d.dashPair(e, limit); c > e {
				e = c + 1 // an aside inside: "to ban all Muslims — 1.6 billion people — from entering"
				continue
			}
			break // the writer's aside: "promising to cut taxes ― not what she had in mind"
		}
		if verbless && d.punct(e, ',') && (d.is(e+1, "but") || d.is(e+1, "while")) && e+2 < limit && (d.toks[e+2].cap || d.flags(e+2)&wPronoun != 0) {
			break // another clause: "called for a lower rate, but Mrs. Costa would keep it"
		}
		if d.toks[k].region == 0 && d.otherSubject(e, limit) {
			break // the writer's clause: "said the plan was late, while others praised it"
		}
		if d.punct(e, ',') && verbless && (d.gerund(e+1) || d.is(e+1, "which") && !d.subjectsRelative(e+1, limit)) {
			// The subject's own doing, "called for an inquiry, marching to
			// the hall", or the writer's word on the thing, "acknowledged
			// the risk, which sets her apart".
			break
		}
		if w := lower(d.word(e)); d.toks[e].kind == kWord && (finite(w) || pastParticiple(w) || d.is(e, "will") || d.flags(e)&wAux != 0) {
			verbless = false
		}
		e++
	}
	if e > limit {
		e = limit
	}
	for e > k && d.toks[e-1].kind == kPunct && d.toks[e-1].region == 0 {
		switch d.toks[e-1].r {
		case '.', ',', ';', ':', '!', '?', '—', '–', '-', '…':
			e--
			continue
		}
		break
	}
	words := 0
	for m := k; m < e; m++ {
		if d.toks[m].kind == kWord {
			words++
		}
	}
	if words < 2 {
		return nil, false, false
	}
	direct := d.isOpenMark(k) && d.isCloseMark(e-1) && d.toks[k].region == d.toks[e-1].region
	return []span{{k, e}}, direct, true
}

// otherSubject reports whether the comma at e opens a clause that
// contrasts someone else with the speaker: ", but the council", ", while
// others". A pronoun may still be the speaker's ("..., but it would take
// time"), and so may the speaker's own words in quote marks.
func (d *doc) otherSubject(e, limit int) bool {
	if !d.punct(e, ',') || !(d.is(e+1, "but") || d.is(e+1, "while") || d.is(e+1, "whereas")) || e+3 >= limit {
		return false
	}
	n := e + 2
	if d.toks[n].region != 0 || d.toks[n].kind != kWord {
		return false
	}
	switch lower(d.word(n)) {
	case "others", "critics", "opponents", "supporters", "many", "some", "most":
		return true
	}
	if d.is(n, "the") || d.is(n, "a") || d.is(n, "an") {
		return d.toks[n+1].kind == kWord && d.toks[n+1].region == 0 && (d.nominalHead(n+1) || d.toks[n+1].cap)
	}
	return d.isNameWord(n) && d.flags(n)&(wPronoun|wTitle) == 0 && !d.is(n, "i")
}

// subjectsRelative reports whether the relative clause that "which" at k
// opens is set in the subject of a clause whose verb follows it: "said
// the church, which he called a local one, is 30 years old".
func (d *doc) subjectsRelative(k, limit int) bool {
	for m := k + 1; m < limit && m < k+25; m++ {
		if r := d.toks[m].region; r != 0 {
			m = d.regions[r-1].close
			if !d.punct(m-1, ',') {
				continue
			}
		} else if d.isTerminal(m) || d.punct(m, ';') {
			return false
		}
		if d.punct(m, ',') || d.isCloseMark(m) {
			w := lower(d.word(m + 1))
			return finite(w) || d.flags(m+1)&wAux != 0 && !d.is(m+1, "also")
		}
	}
	return false
}

// speakerWith reports whether the words from token k, after "with", are
// a source and a participle cue of its own ("with a spokesman saying"),
// which start another attribution.
func (d *doc) speakerWith(k, limit int) bool {
	for m := k; m < limit && m < k+5; m++ {
		t := &d.toks[m]
		if t.kind != kWord || t.region != 0 {
			return false
		}
		if t.lex.flags&wCue != 0 && t.lex.participle && m > k {
			return true
		}
	}
	return false
}

// doubleHyphenAfter returns the first of the two hyphens ("--") that close
// an aside opened before token k, before limit and the end of the
// sentence, or -1.
func (d *doc) doubleHyphenAfter(k, limit int) int {
	for m := k; m+1 < limit; m++ {
		if d.isTerminal(m) {
			return -1
		}
		if d.punct(m, '-') && d.punct(m+1, '-') {
			return m
		}
	}
	return -1
}

// dashPair returns the dash that closes an aside the dash at k opens,
// before limit, or -1: "to ban all Muslims — 1.6 billion people — from
// entering".
func (d *doc) dashPair(k, limit int) int {
	for m := k + 1; m < limit; m++ {
		if d.punct(m, d.toks[k].r) {
			return m
		}
	}
	return -1
}

// sayAdjective reports whether w is an adjective that makes a "say" after
// it a noun: "the final say".
func sayAdjective(w string) bool {
	switch lower(w) {
	case "final", "last", "big", "bigger", "greater", "real", "equal", "fair", "full", "direct", "strong", "stronger":
		return true
	}
	return false
}

// namingEnd reports whether the name starting at k ends in a comma, a
// sentence's end or a verb's "is"/"was": the name a thing is called by.
func (d *doc) namingEnd(k, limit int) bool {
	for k < limit && d.isNameWord(k) {
		k++
	}
	return k >= limit || d.punct(k, ',') || d.isTerminal(k) || finite(lower(d.word(k)))
}

// adjunctOfSpeech reports whether token k opens a phrase that tells
// where words were said: "in a statement", "during an interview".
func (d *doc) adjunctOfSpeech(k int) bool {
	if !d.is(k, "in") && !d.is(k, "during") && !d.is(k, "at") {
		return false
	}
	n := k + 1
	if d.flags(n)&wDet != 0 {
		n++
	}
	switch lower(d.word(n)) {
	case "statement", "interview", "letter", "tweet", "speech", "email", "e-mail", "briefing",
		"news", "post", "message", "op-ed", "column", "rally":
		return true
	}
	return false
}

// gerund reports whether token k is a lower-case -ing word that may open
// a participle clause.
func (d *doc) gerund(k int) bool {
	if k >= len(d.toks) || d.toks[k].kind != kWord || d.toks[k].cap || d.toks[k].region != 0 {
		return false
	}
	w := d.word(k)
	return len(w) > 5 && strings.HasSuffix(w, "ing") && d.flags(k)&(wPrep|wFunc) == 0
}

// continuesClause reports whether token k, before a participle, lets the
// participle continue the clause: a comma, a conjunction ("and adding"),
// an adverb ("later adding"), a quote mark or a dash.
func (d *doc) continuesClause(k int) bool {
	if k < 0 || k >= len(d.toks) {
		return true
	}
	t := &d.toks[k]
	if t.kind != kWord {
		return true
	}
	w := lower(d.word(k))
	return t.lex.flags&(wConj|wFunc) != 0 || strings.HasSuffix(w, "ly") || w == "then" || w == "also" || w == "again"
}

// opensSentence reports whether token k starts a sentence of the unit
// that starts at lo: a capital there says nothing of a name.
func (d *doc) opensSentence(lo, k int) bool {
	return k == lo || d.isTerminal(k-1)
}
