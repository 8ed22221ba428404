package quote

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// What counts as speech. A quote is what someone said or wrote; the finder
// also finds what news attributes in the same way but is no speech: a
// belief or intention ("expects", "wants", "plans"), or a finding ("a poll
// shows"). Those are kept, as views (lexEntry.view), and set apart. Some
// attributions are neither and are left out:
//
//   - a view whose object is a thing, not a proposition: "impossible to
//     accept the Taliban's position", "one of three nations to recognize
//     the regime" (lexEntry.object), and a bare "call", "write" or
//     "attack" ("called him again", "write the viruses"; lexEntry.clause);
//   - a gerund with its own subject: "concerns over Pakistan offering
//     safe havens" (see doc.source);
//   - a passive with nobody speaking: "the Taliban have been urged to
//     engage", "Pakistan is expected to play a role";
//   - a cue under a modal, which says what someone should or might say,
//     not what they said: "Pakistan ought to require that ...";
//   - an infinitive whose subject is an empty "it": "it is impossible to
//     expect the Afghans to ...";
//   - a cue in a condition or a relative clause: "if they want to be
//     legitimized", "leaders who they point out have been educated".

// thingObject reports whether cue c, a verb of belief or intention (or a
// bare "call", "write", "attack") whose content would follow it, has a
// thing for its object rather than a quote or a clause: "accept the
// Taliban's position", "recognize the regime". A noun that is also a cue
// ("suspects who were") has no content at all.
// Its content must then start with a quote mark, a colon, "that", "to" and
// a verb, or "whether"/"if", right after the cue or after an adjunct. A
// speech act keeps a thing for its object: "Sherman commended Pakistan's
// call for ..." says what she said about it (PolNeAR annotates these too).
func (d *doc) thingObject(u span, c *cand) bool {
	e := d.toks[c.cue].lex
	if e.nounish && d.flags(c.cueEnd)&wRelative != 0 {
		return true // a noun: "Pakistani suspects who were crucial"
	}
	if d.anonymity(c.cueEnd) {
		return true // "who asked not to be named": no words of theirs
	}
	switch lower(d.word(c.cueEnd)) {
	case "himself", "herself", "themselves", "itself":
		if d.is(c.cueEnd+1, "to") || d.is(c.cueEnd+1, "into") {
			return true // "admitted herself to the clinic"
		}
	}
	if lower(d.word(c.cue)) == "state" && !d.is(c.cueEnd, "that") && !d.punct(c.cueEnd, ':') && !d.isOpenMark(c.cueEnd) {
		return true // the noun or adjective far more often than the verb: "state police", "Alaska state director"
	}
	if !c.according && !c.inverted && !c.leading && !e.view && c.cueEnd == c.cue+1 && d.gerund(c.cueEnd) &&
		d.flags(c.cueEnd)&wCue == 0 && !d.verbBefore(c.cueEnd+1, u.b) {
		return true // an act proposed, not words: "proposed dropping the tax"; not "said voting would start"
	}
	if !c.according && !c.inverted && !c.leading && sayForm(d.word(c.cue)) && c.cueEnd == c.cue+1 && possessiveDet(d.word(c.cueEnd)) &&
		!d.verbBefore(c.cueEnd+1, u.b) {
		return true // a thing said, no words: "once he has said his piece, he ..."
	}
	if !e.object || e.clause && c.cueEnd != c.cue+1 || c.according || c.inverted || c.leading {
		return false
	}
	// A speech act with a thing for its object ("praised the work of his
	// investigators", "confirmed the news on her website") tells what
	// someone spoke about, not what they said: it too needs a clause, which
	// may come without "that" ("announced Thomas was placed on IR").
	act := !e.view && !e.clause
	k := c.cueEnd
	if k >= u.b || d.isTerminal(k) || d.punct(k, ',') && !d.isOpenMark(k+1) {
		return false // the content comes before: `..., the ministry confirmed.`
	}
	if d.quoteCloseBefore(u, c.clauseStart) >= 0 {
		return false // a quote before: `“...,” the prosecutor wrote in The Post in 2005.`
	}
	for m := k; m < u.b && m < k+16; m++ {
		t := &d.toks[m]
		if r := t.region; r != 0 && (e.produce || !e.clause) && !d.punct(m-1, ',') && !d.punct(m-1, ':') {
			if n := d.regions[r-1].close + 1; n < u.b && d.toks[n].kind == kWord && (!d.toks[n].cap || d.titleCase(u)) && d.regions[r-1].close-d.regions[r-1].open <= 4 &&
				(e.produce || d.flags(n)&(wPrep|wTime|wConj|wFunc|wAux|wDet|wPronoun) == 0) {
				m = n - 1 // words in quote marks inside the thing: "issued “revised” rules"
				continue
			}
		}
		if t.region != 0 || d.punct(m, ':') && m-k <= 5 {
			return false // a quote, or a colon after a short object: "told reporters:"
		}
		if t.kind != kWord {
			if d.isTerminal(m) || d.punct(m, ';') {
				break
			}
			continue
		}
		switch {
		case act && m == k && d.flags(m)&wPronoun != 0 && !d.is(m, "it"):
			return false // a clause's subject: "acknowledged he gave the money
		case act && m > k && (d.is(m, "and") || d.is(m, "but")) && (d.punct(m-1, ',') || d.flags(m+1)&(wPronoun|wDet) != 0):
			return true // the next clause, not the object's: "charged him and he will appear""
		case act && m > k && d.is(m, "that") && finite(lower(d.word(m+1))):
			return true // the object's own clause: "a patch for a flaw that has opened the door"
		case act && m > k+1 && d.is(m, "that") && d.flags(m-1)&(wTime|wPrep|wDet) == 0 && !d.toks[m-1].cap &&
			(strings.HasSuffix(lower(d.word(m+1)), "ed") || strings.HasSuffix(lower(d.word(m+1)), "ly") && strings.HasSuffix(lower(d.word(m+2)), "ed")):
			return true // "published portions of the returns that showed ...
		case act && m > k+1 && d.is(m, "that") && d.flags(m+1)&wPronoun != 0 && strings.HasSuffix(lower(d.word(m+2)), "ed") && d.flags(m+3)&wPrep != 0 && !d.is(m+3, "to"):
			return true // "cited problems that he blamed on the president"
		case d.is(m, "that") && m == k && d.demonstrative(m):
			return true // "rejected that argument in a ruling"
		case d.is(m, "that"):
			return false
		case act && d.flags(m)&wRelative != 0:
			return true // "suspects who were crucial": the object's own clause
		case act && m < k+8 && finite(lower(d.word(m))) && !d.objectClause(m):
			return false
		case act && m > k && m < k+6 && strings.HasSuffix(lower(d.word(m)), "ed") && !d.toks[m].cap &&
			d.toks[m-1].kind == kWord && d.flags(m-1)&(wDet|wPrep|wAux|wConj|wFunc|wCue) == 0 && d.plainPhrase(k, m):
			// A clause without "that": "noted his lawyer offered a closed
			// session"; not "denied the allegations in a statement shared".
			return false
		case act && m > k && m < k+10 && d.claims(c.cue, m):
			return false // what it says of the thing: "described him as a fraud"
		case d.is(m, "to") && e.toInf && m < k+7 && d.verbAfterTo(m+1) && !(e.clause && c.cueEnd == c.cue+1):
			return false // not a bare "call": "called his mother to break the news" is a phone call
		case (d.is(m, "whether") || d.is(m, "if")) && m == k:
			return false
		case e.clause && e.particles != 0 && m > k && m < k+5 && (d.is(m, "a") || d.is(m, "an")):
			return false // "called the plan a disgrace": what "call" says of a thing
		case t.lex.flags&wCue != 0 && m > k && (e.view || t.lex.participle || !t.lex.nounish):
			return true // another cue: this one's object ends before it
		}
	}
	return true
}

// sayForm reports whether w is a form of "say".
func sayForm(w string) bool {
	switch strings.ToLower(w) {
	case "say", "says", "said", "saying":
		return true
	}
	return false
}

// possessiveDet reports whether w is a possessive determiner.
func possessiveDet(w string) bool {
	switch strings.ToLower(w) {
	case "his", "her", "their", "its", "our", "my", "your":
		return true
	}
	return false
}

// verbBefore reports whether a finite verb comes from token k on before a
// comma, a semicolon or the end of the sentence (at most limit).
func (d *doc) verbBefore(k, limit int) bool {
	for m := k; m < limit && m < k+40; m++ {
		if d.isTerminal(m) || d.punct(m, ',') || d.punct(m, ';') {
			return false
		}
		if w := lower(d.word(m)); d.toks[m].kind == kWord && (finite(w) || d.flags(m)&wAux != 0 && !d.is(m, "to")) && !d.objectClause(m) {
			return true
		}
	}
	return false
}

// demonstrative reports whether "that" at k points to a thing named
// next, "that argument in the filing", rather than opening a clause: a
// lower-case singular noun follows it, then a preposition or the end.
func (d *doc) demonstrative(k int) bool {
	n := k + 1
	if n+1 >= len(d.toks) || d.toks[n].kind != kWord || d.toks[n].cap || d.toks[n].region != 0 {
		return false
	}
	w := lower(d.word(n))
	if d.flags(n)&(wPronoun|wDet|wRole|wAux|wFunc|wPrep) != 0 || collectives[w] || strings.HasSuffix(w, "s") || finite(w) {
		return false
	}
	return d.flags(n+1)&wPrep != 0 || d.isTerminal(n+1) || d.punct(n+1, ',') || d.is(n+1, "and")
}

// objectClause reports whether the finite word at m belongs to the
// object's own words, not to a clause the cue takes: a possessive "'s"
// ("the agency's rules"), or "had made" with no object after it, a
// relative clause without "that" ("remarks he had made about her").
func (d *doc) objectClause(m int) bool {
	w := lower(d.word(m))
	if possessiveS(w) || w == "'s" || w == "’s" {
		n := m + 1
		if n >= len(d.toks) || d.toks[n].kind != kWord {
			return false
		}
		nw := lower(d.word(n))
		return !(d.flags(n)&(wDet|wAux|wPronoun) != 0 || nw == "not" || strings.HasSuffix(nw, "ing") ||
			strings.HasSuffix(nw, "ly") || pastParticiple(nw))
	}
	if w == "had" || w == "has" || w == "have" {
		p := lower(d.word(m + 1))
		switch p {
		case "made", "given", "taken", "done", "seen", "put", "sent", "brought", "written", "spoken":
		default:
			if !pastParticiple(p) {
				return false
			}
		}
		return d.flags(m+2)&wPrep != 0 || d.isTerminal(m+2) || d.punct(m+2, ',')
	}
	return false
}

// quoteCloseBefore returns the mark that closes a quote just before the
// clause starting at token k, or before a role that a name at k stands in
// apposition to (`“...,” the prosecutor, John W. Nields, wrote`); -1 when
// none.
func (d *doc) quoteCloseBefore(u span, k int) int {
	switch {
	case k-1 < u.a:
		return -1 // a quote in the sentence before says nothing of this one
	case d.isCloseMark(k-1) && !d.nickname(k-1):
		return k - 1
	case !d.punct(k-1, ','):
		return -1
	case d.isCloseMark(k - 2):
		return k - 2
	}
	j := k - 2
	if j <= u.a || d.toks[j].kind != kWord || d.toks[j].region != 0 || d.toks[j].cap {
		return -1
	}
	np := d.npBack(u.a, j)
	if d.isCloseMark(np.a-1) && (d.flags(j)&wRole != 0 || d.nominalHead(j) || d.flags(np.a)&wDet != 0) {
		return np.a - 1
	}
	return -1
}

// anonymity reports whether the words from token k ask that the speaker
// not be named: "(asked) not to be named", "(spoke) on condition of
// anonymity" is no content.
func (d *doc) anonymity(k int) bool {
	if d.is(k, "not") {
		k++
	}
	if !d.is(k, "to") || !d.is(k+1, "be") {
		return false
	}
	switch lower(d.word(k + 2)) {
	case "named", "identified", "quoted":
		return true
	}
	return false
}

// claims reports whether token m, after the object of the speech act at
// cue, starts what the act says of it: "described Obama as a climate
// evangelist", "praised the police for their work" (a cue that judges
// someone), "accused the GOP of stoking the issue".
func (d *doc) claims(cue, m int) bool {
	switch {
	case d.is(m, "as") && d.is(m-1, "such"):
		return false // an example, "limits on tax breaks, such as ...", no claim
	case d.is(m, "as"):
		// Not "issued updates as part of", nor "mentioned (cited) his
		// remarks as examples of": a mention says nothing of its own.
		w := lower(d.word(cue))
		return !d.toks[cue].lex.produce && !strings.HasPrefix(w, "mention") && !strings.HasPrefix(w, "cit")
	case d.is(m, "for"):
		return d.toks[cue].lex.judge // not "issued a patch for a flaw"
	case d.is(m, "of"):
		return strings.HasPrefix(lower(d.word(cue)), "accus")
	}
	return false
}

// finite reports whether w (lower case) is a form of "be", "have" or a
// modal, which make the words before it a clause's subject.
func finite(w string) bool {
	switch w {
	case "is", "are", "was", "were", "has", "have", "had", "'s", "’s", "' s", "’ s":
		return true
	}
	return isModal(w)
}

// verbAfterTo reports whether token k, after "to", may be a verb: "urged
// Pakistan to act", not "offering safe havens to terrorists".
func (d *doc) verbAfterTo(k int) bool {
	if k >= len(d.toks) || d.toks[k].kind != kWord || d.toks[k].cap || d.toks[k].digit || d.toks[k].region != 0 {
		return false
	}
	if d.flags(k)&(wDet|wPronoun|wPrep) != 0 {
		return false
	}
	w := d.word(k)
	return !(len(w) > 4 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us"))
}

// notSpeech reports whether attribution a says nothing anyone said: a
// passive with no speaker, a cue under a modal, or an infinitive after an
// empty "it".
func (d *doc) notSpeech(a *attr) bool {
	if a.cue < 0 || d.toks[a.cue].kind != kWord {
		return false // a quote taken from context, a colon or a dash
	}
	if a.kind == srcNone {
		return true // a passive: "have been urged to engage"
	}
	if d.contentIsNoSpeech(a) || d.absolute(a.cue) || d.attempted(a.cue) {
		return true
	}
	if d.mute(a) {
		return true
	}
	if a.subj.b > a.subj.a && d.toks[a.subj.a].digit && !d.speakersCounted(a.subj) {
		return true // a tally: "2 INT, 4 passes defended"
	}
	if lemmaOf(lower(d.word(a.cue))) == "point" && d.counted(a.cue-1) {
		return true // points scored, not made: "nine straight points to cut the lead"
	}
	if a.subj.b > a.subj.a && a.subj.b <= a.cue {
		switch p := a.subj.a - 1; {
		case d.is(p, "what") && a.kind != srcRelative && !d.quoted(a):
			// A free relative gives no words, "what Trump says his plan
			// would do", unless it quotes them: "what he called the “theft”".
			return true
		case d.is(p, "if") || d.is(p, "unless") || d.is(p, "whether"):
			return true // a condition: "if they want to be legitimized"
		case d.causative(p) || d.causative(a.subj.a) && a.subj.b-a.subj.a > 1:
			return true // "let editorials tell them how to vote": no one told
		case d.hypothetical(p):
			return true // "Or perhaps Vale said ...", "Say Norland demanded ...
		case a.kind != srcRelative && d.flags(p)&wRelative != 0:
			return true // inside a relative clause: "leaders who they point out have been educated"
		}
		for k := a.subj.b; k < a.cue; k++ {
			if d.flags(k)&wRelative != 0 || d.is(k, "whose") || d.is(k, "that") {
				break // a relative clause's own modal: "a manager whose plans could be hurt indicated"
			}
			if isModal(lower(d.word(k))) || d.negation(k) && !d.toks[a.cue].lex.view {
				return true // "should require", "didn't say why"; "doesn't believe" is still a view
			}
		}
		if d.is(a.cue-1, "to") && d.hasBe(a.subj.b, a.cue-1) {
			return true // "it is impossible to expect", "is set to announce"
		}
		if d.is(a.cue-1, "to") && seeming(lower(d.word(a.cue-2))) && a.kind != srcName {
			// What the writer infers from what a body does: "the campaign
			// has appeared to acknowledge". A person who "appeared to
			// suggest" something said words that suggested it.
			return true
		}
	}
	return false
}

// speakersCounted reports whether np, opening with a figure, counts
// people who may speak or names someone: "12 witnesses", "3 officials",
// "19-year-old protester Lena Ortiz", not "4 passes".
func (d *doc) speakersCounted(np span) bool {
	if strings.Contains(lower(d.word(np.a)), "year") {
		return true // an age: "19-year-old protester Lena Ortiz"
	}
	for k := np.a + 1; k < np.b; k++ {
		if d.toks[k].cap {
			return true // a name: "20 Democrats", "3 Pentagon officials"
		}
	}
	for k := np.a + 1; k < np.b; k++ {
		if d.toks[k].kind == kWord && !d.toks[k].digit {
			w := lower(d.word(k))
			return d.flags(k)&wRole != 0 && !bodies[w]
		}
	}
	return false
}

// plainPhrase reports whether tokens k to m (exclusive) are words with
// no preposition or punctuation among them.
func (d *doc) plainPhrase(k, m int) bool {
	for j := k; j < m; j++ {
		if d.toks[j].kind != kWord || d.flags(j)&wPrep != 0 {
			return false
		}
	}
	return true
}

// seeming reports whether w, before "to" and a cue, may make the cue the
// writer's inference rather than an act: "appeared to acknowledge".
func seeming(w string) bool {
	switch w {
	case "appear", "appears", "appeared", "appearing", "seem", "seems", "seemed", "seeming":
		return true
	}
	return false
}

// counted reports whether token k counts what follows it: a figure, a
// number word, or a word that runs with one ("straight", "unanswered").
func (d *doc) counted(k int) bool {
	if k < 0 || k >= len(d.toks) || d.toks[k].kind != kWord {
		return false
	}
	if d.toks[k].digit {
		return true
	}
	w := lower(d.word(k))
	if numberWords[w] {
		return true
	}
	switch w {
	case "twenty", "thirty", "forty", "fifty", "straight", "unanswered", "consecutive", "more", "fewer", "bonus":
		return true
	}
	return false
}

// attempted reports whether the cue at k is an infinitive after a verb
// of trying, wanting or failing, which says what someone meant to say, not
// what they said: "tried to explain", "refused to say", "was unable to
// confirm".
func (d *doc) attempted(k int) bool {
	if !d.is(k-1, "to") {
		return false
	}
	return intents[lower(d.word(k-2))]
}

// intents are the words before "to" that make the cue after it an
// attempt or a wish (see attempted).
var intents = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`try tries tried trying attempt attempts attempted attempting
		want wants wanted wanting wish wishes wished hope hopes hoped hoping
		refuse refuses refused refusing decline declines declined declining
		fail fails failed failing struggle struggles struggled struggling
		need needs needed intend intends intended plan plans planned planning
		going able unable willing unwilling reluctant ready eager afraid
		expected scheduled set due supposed likely unlikely`) {
		intents[w] = true
	}
}

// compoundNoun reports whether the cue at k, right after the source s
// of kind, is a noun that s modifies, not a verb whose subject s is: a base
// form cannot agree with a singular subject ("her campaign promise to cut
// taxes", "her first Facebook post"), as "promises" or "posted" would.
// Nouns of a group that take a plural verb ("the police say") are
// subjects.
func (d *doc) compoundNoun(s span, kind uint8, k int) bool {
	if kind != srcNominal && kind != srcName || !d.toks[k].lex.nounish || s.b != k || !baseForm(d.word(k)) {
		return false
	}
	for m := s.a; m < s.b; m++ {
		if d.is(m, "and") || d.punct(m, '&') || d.flags(m)&wPrep != 0 {
			return false // "Costa and Vale call", "Data from the Census Survey show"
		}
	}
	for m := s.a - 1; m >= 0 && m >= s.a-4 && d.toks[m].kind == kWord; m-- {
		if d.flags(m)&wPrep != 0 {
			return false // the object of a preposition: "Data from the 2014 Census Survey show"
		}
		if d.flags(m)&wDet == 0 && !d.toks[m].digit && !d.toks[m].cap {
			break // a verb whose object s is: "to fulfil his campaign promise"
		}
	}
	head := lower(d.word(s.b - 1))
	if collectives[head] || groupNouns[head] || strings.HasSuffix(head, "s") || d.flags(s.b-1)&wPronoun != 0 {
		return false
	}
	return kind == srcName || !d.toks[s.b-1].cap
}

// groupNouns are singular nouns of a group that take a plural verb.
var groupNouns = map[string]bool{"police": true, "people": true, "staff": true, "media": true,
	"public": true, "personnel": true, "clergy": true, "military": true, "press": true}

// mute reports whether a's source is a thing that cannot speak, the
// subject of a cue that also means "make evident": "the deal's size
// underscores the risk", "the move signals a shift" are the writer's
// reading of a fact, not anyone's words. A role, a group, a name or a
// pronoun may speak: "the spokesman underscored that ...".
func (d *doc) mute(a *attr) bool {
	if a.kind != srcNominal || a.subj.b <= a.subj.a || !evidential[lemmaOf(lower(d.word(a.cue)))] {
		return false
	}
	for k := a.subj.a; k < a.subj.b; k++ {
		if d.speakingWord(k) {
			return false
		}
	}
	return true
}

// speakingWord reports whether token k, in a source's noun phrase, may
// name who speaks: a name, a role, a group, a plural, a count of people
// ("twelve percent") or a noun of a doer ("a rival bidder"); a possessive
// modifier ("the shooter's ethnicity") names the owner, not the source.
func (d *doc) speakingWord(k int) bool {
	t := &d.toks[k]
	w := lower(d.word(k))
	if t.kind != kWord || d.flags(k)&(wDet|wPrep|wFunc) != 0 || possessiveS(w) || possessiveS(lower(d.word(k+1))) || d.is(k+1, "'s") || d.is(k+1, "’s") {
		return false
	}
	if t.cap || t.digit || numberWords[w] || w == "percent" || d.flags(k)&(wRole|wPronoun) != 0 ||
		collectives[w] || groupNouns[w] || d.nominalHead(k) {
		return true
	}
	for _, suf := range []string{"er", "or", "ist", "ian", "ant", "ent"} {
		if strings.HasSuffix(w, suf) {
			return true
		}
	}
	return false
}

// evidential are the lemmas of cues that a fact, as well as a speaker, may
// be the subject of.
var evidential = map[string]bool{"underscore": true, "highlight": true, "signal": true,
	"indicate": true, "suggest": true, "reveal": true, "echo": true, "confirm": true,
	"show": true, "prove": true, "demonstrate": true, "reflect": true, "mean": true}

// lemmaOf returns the lemma of a regular cue form: "underscores" and
// "underscored" are "underscore".
func lemmaOf(w string) string {
	for _, suf := range []string{"ies", "ied"} {
		if strings.HasSuffix(w, suf) {
			return strings.TrimSuffix(w, suf) + "y"
		}
	}
	switch {
	case strings.HasSuffix(w, "ing"):
		w = strings.TrimSuffix(w, "ing")
	case strings.HasSuffix(w, "ed"):
		w = strings.TrimSuffix(w, "d")
		if !evidential[w] {
			w = strings.TrimSuffix(w, "e")
		}
		return w
	case strings.HasSuffix(w, "s"):
		return strings.TrimSuffix(w, "s")
	}
	if !evidential[w] && evidential[w+"e"] {
		return w + "e"
	}
	return w
}

// causative reports whether the word at k makes the cue after its object
// a bare infinitive of something caused or allowed, not said: "let
// editorials tell them", "made him promise", "helped them explain".
func (d *doc) causative(k int) bool {
	switch lower(d.word(k)) {
	case "let", "lets", "letting", "make", "makes", "made", "making", "help", "helps", "helped", "helping":
		return true
	}
	return false
}

// hypothetical reports whether the word at k, before a source, makes
// what follows a guess or a supposition, not a report: "Or perhaps Vale
// said ...", "Say Norland demanded ...", "Imagine the mayor said ...".
func (d *doc) hypothetical(k int) bool {
	switch lower(d.word(k)) {
	case "perhaps", "maybe":
		return true
	case "say", "suppose", "imagine":
		u := d.units[d.unitOf[max(k, 0)]]
		return k == u.a || d.flags(k-1)&wConj != 0 && k-1 == u.a
	}
	return false
}

// quoted reports whether a's content holds a quote mark.
func (d *doc) quoted(a *attr) bool {
	for _, p := range a.parts {
		for k := p.a; k < p.b; k++ {
			if d.toks[k].region != 0 {
				return true
			}
		}
	}
	return false
}

// contentIsNoSpeech reports whether what follows a's cue shows that the
// cue reports no speech: a plea in court ("pleaded guilty to obstructing
// justice"), a tally ("adding six rebounds", "posted 16 points"), "went
// on" without "to say" or a quote ("went on injured reserve"), the rest
// of a sentence whose relative clause ends at the cue ("a mother who
// testified was shot"), or an "according to" that gives the words after
// it to someone else.
func (d *doc) contentIsNoSpeech(a *attr) bool {
	next := a.cueEnd
	if len(a.parts) > 0 && a.parts[0].a >= next {
		next = a.parts[0].a
	}
	if next >= len(d.toks) {
		return false
	}
	w, cue := lower(d.word(next)), lower(d.word(a.cue))
	switch {
	case strings.HasPrefix(cue, "plead") || cue == "pled":
		return w == "guilty" || w == "innocent" || w == "not" || w == "no"
	case d.toks[a.cue].lex.participle || strings.HasPrefix(cue, "add") || strings.HasPrefix(cue, "post"):
		if d.toks[next].digit || numberWords[w] || (w == "a" || w == "an") && strings.HasPrefix(lower(d.word(next+1)), "point") {
			return true // "added 15 points and 12 boards", "posted 16 points", "added a point to their lead"
		}
	case cue == "go" || cue == "goes" || cue == "went" || cue == "going":
		// "went on to say", "went on: ..."; not "went on injured reserve".
		return !(w == "to" || w == "that" || d.toks[next].region != 0 || d.punct(next, ':') || d.punct(next, ','))
	}
	if a.kind == srcRelative && finite(w) {
		// "A second mother who testified was shot in her arm": the
		// relative clause ends at the cue; the rest is the sentence's.
		return true
	}
	return w == "according" && d.is(next+1, "to")
}

// absolute reports whether the participle cue at k has its own subject
// after "with", and that subject names no one: "With that move
// threatening to kill the dairy, Palin fired the board" says nothing
// anyone said ("with Moreau saying ..." does).
func (d *doc) absolute(k int) bool {
	if !d.toks[k].lex.participle {
		return false
	}
	named := false
	for m := k - 1; m >= 0 && m >= k-6; m-- {
		if d.toks[m].kind != kWord {
			return false
		}
		if d.is(m, "with") {
			return m < k-1 && !named
		}
		named = named || d.toks[m].cap
	}
	return false
}

// numberWords are the small numbers a tally spells out.
var numberWords = map[string]bool{"two": true, "three": true, "four": true, "five": true,
	"six": true, "seven": true, "eight": true, "nine": true, "ten": true, "eleven": true,
	"twelve": true}

// negation reports whether token k negates the verb after it: "not",
// "never", "didn't", or "didn ’ t" as a tokenised text writes it. What
// someone did not say is no quote.
func (d *doc) negation(k int) bool {
	w := lower(d.word(k))
	switch w {
	case "not", "never", "n't", "n’t":
		return true
	}
	if strings.HasSuffix(w, "n't") || strings.HasSuffix(w, "n’t") {
		return true
	}
	switch w {
	case "didn", "doesn", "don", "hasn", "haven", "hadn":
		return d.is(k+2, "t") && (d.word(k+1) == "'" || d.word(k+1) == "’")
	}
	return false
}

// isModal reports whether w (lower case) is a modal verb.
func isModal(w string) bool {
	switch w {
	case "should", "must", "ought", "could", "would", "might", "may", "can", "will", "shall",
		"cannot", "can't", "won't", "wouldn't", "couldn't", "shouldn't", "mustn't",
		"can’t", "won’t", "wouldn’t", "couldn’t", "shouldn’t", "mustn’t", "'ll", "’ll":
		return true
	}
	return false
}

// dropNonSpeech removes the attributions that notSpeech rejects, and
// those that take their speaker from one removed ("Pakistan should
// require ..., adding ..."); the others keep their lenders.
func (d *doc) dropNonSpeech() {
	at := make([]int, len(d.attrs)) // new index of each attribution, -1 when removed
	n := 0
	for i := range d.attrs {
		a := &d.attrs[i]
		if d.notSpeech(a) || a.inherit >= 0 && at[a.inherit] < 0 {
			at[i] = -1
			continue
		}
		at[i] = n
		if a.inherit >= 0 {
			a.inherit = at[a.inherit]
		}
		d.attrs[n] = *a
		n++
	}
	clear(d.attrs[n:])
	d.attrs = d.attrs[:n]
}

// kindOf returns the kind of the quote attribution a finds.
//
// What a poll, a study or a set of figures shows is a finding, a view,
// whatever its cue: "the poll indicates a tight race", "according to a
// new poll", "an analysis released by the agency reveals ...".
//
// A participle that goes on from a finding says more of the finding:
// "the survey found prices rose, indicating a slowdown".
func (d *doc) kindOf(a *attr) news.QuoteKind {
	if a.cue >= 0 && d.toks[a.cue].kind == kWord && d.toks[a.cue].lex.view {
		return news.QuoteView
	}
	if d.findingSource(a) {
		return news.QuoteView
	}
	if a.cue >= 0 && a.inherit >= 0 && a.inherit < len(d.attrs) && &d.attrs[a.inherit] != a &&
		d.toks[a.cue].lex.participle && evidential[lemmaOf(lower(d.word(a.cue)))] {
		lender := &d.attrs[a.inherit]
		if lender.cue >= 0 && d.toks[lender.cue].kind == kWord && d.toks[lender.cue].lex.view || d.findingSource(lender) {
			return news.QuoteView
		}
	}
	return news.QuoteSpeech
}

// findingSource reports whether a's source is a poll, a study or figures
// (see findings), or the agent of one ("an analysis released by the
// agency"), not someone who spoke.
func (d *doc) findingSource(a *attr) bool {
	if a.kind != srcNominal && a.kind != srcName || a.subj.b <= a.subj.a {
		return false
	}
	h := d.headOf(a.subj)
	for k := a.subj.a; k < a.subj.b; k++ {
		if d.flags(k)&wPrep != 0 && k > a.subj.a {
			h = k - 1 // "a report by the council"
			break
		}
	}
	if findings[lower(d.word(h))] {
		return true
	}
	if n := a.subj.b; a.kind == srcName && n < len(d.toks) && n != a.cue && d.toks[n].kind == kWord && !d.toks[n].cap &&
		d.flags(n)&wCue == 0 && findings[lower(d.word(n))] {
		return true // a name the results are of: "Phase III results showed"
	}
	if n := a.subj.b; a.cue >= 0 && d.is(a.cue, "according") && n < len(d.toks) && d.toks[n].kind == kWord && !d.toks[n].cap && findings[lower(d.word(n))] {
		return true // a head the cue finder took for a cue: "according to his police record"
	}
	k := a.subj.a - 1 // "... released by" the subject
	if !d.is(k, "by") || k-1 < 0 || !pastParticiple(lower(d.word(k-1))) {
		return false
	}
	u := d.units[a.unit]
	if k-2 < u.a || d.toks[k-2].kind != kWord {
		return false
	}
	return findings[lower(d.word(k-2))]
}

// findings are the heads of sources that show or prescribe, not say:
// polls, studies, figures, rules ("protocol called for ...").
var findings = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`poll polls survey surveys study studies analysis analyses
		report reports data figures statistics numbers research census results findings
		tally count estimates projections model models index protocol protocols rules
		slide slides chart charts document documents table graphic map record records
		indictment guidelines policy regulations procedure procedures`) {
		findings[w] = true
	}
}

// CueKind returns the kind of quote a cue, as a gold standard or a person
// writes it ("said", "has called for", "according to", "wants"), makes:
// speech when its first cue verb is a speech act, or when it is only
// punctuation (a colon, a dash); a view otherwise: a verb of belief,
// intention or finding, or one that is no cue ("were frustrated").
func (f *Finder) CueKind(cue string) news.QuoteKind {
	words := strings.Fields(strings.ToLower(cue))
	if len(words) >= 2 && words[0] == "according" && words[1] == "to" {
		return news.QuoteSpeech
	}
	punct := true
	for _, w := range words {
		w = strings.Trim(w, ".,:;!?\"“”‘’'")
		if w == "" {
			continue
		}
		punct = false
		e, ok := f.lex[w]
		if !ok || e.flags&wCue == 0 {
			continue
		}
		if e.view {
			return news.QuoteView
		}
		return news.QuoteSpeech
	}
	if punct {
		return news.QuoteSpeech
	}
	return news.QuoteView
}
