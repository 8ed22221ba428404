package quote

import (
	"cmp"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Genders, as far as the text tells.
const (
	genderUnknown uint8 = iota
	genderFemale
	genderMale
)

// person is a mention of a person, the candidates for pronouns and nominals.
type person struct {
	start, end int    // byte span of the name, titles excluded
	tok        int    // first token of the name
	name       string // the fullest form of the name the article gives
	last       string // surname: the last word of the name
	words      int    // words in the name as written
	gender     uint8
	role       string // titles and roles written with the name, lower case
	entity     news.EntityID
}

// colonSpeakers finds paragraphs that open with a name and a colon, as
// headlines and interview transcripts write them: "Pence: ...",
// "WALLACE: ...". A dateline ("ISLAMABAD:") is told apart from a
// transcript speaker by a transcript's use of several such paragraphs.
func (d *doc) colonSpeakers() {
	type found struct {
		para, name, colon, end int // tokens: paragraph start, name, colon, paragraph end (exclusive)
	}
	var all []found
	var heads map[string]int
	d.setLenders()
	for p := 0; p < len(d.toks); {
		e := p + 1
		for e < len(d.toks) && !d.toks[e].para {
			e++
		}
		a := p
		if d.isOpenMark(a) {
			a++ // a transcript in quote marks: "WALLACE: ...
		}
		k := a
		for k < e && k-a < 4 && d.toks[k].kind == kWord && d.toks[k].cap && d.flags(k)&(wDet|wFunc|wPrep|wConj|wPronoun|wTime|wNotSpeech|wAux) == 0 {
			k++
		}
		if k > a && k+2 < e && d.punct(k, ':') {
			all = append(all, found{p, a, k, e})
			if k == a+1 && d.toks[a].upper {
				if heads == nil {
					heads = map[string]int{}
				}
				heads[d.word(a)]++
			}
		}
		p = e
	}
	// Names that each open one paragraph of three or more, none twice,
	// head a list (a police blotter, a cast), not a conversation.
	seen := map[string]int{}
	for _, f := range all {
		seen[d.text[d.toks[f.name].start:d.toks[f.colon-1].end]]++
	}
	list := len(all) >= 3 && len(seen) == len(all)
	for _, f := range all {
		transcript := f.colon == f.name+1 && d.toks[f.name].upper
		if transcript && heads[d.word(f.name)] < 2 {
			continue
		}
		parts, direct, ok := d.clause(f.colon+1, f.end)
		if !ok || d.toks[f.colon+1].digit {
			continue // a list: "Containers: 1 Green, 1 Red"
		}
		if p, dir, ok := d.quoteAt(f.colon+1, f.end); ok && dir {
			parts, direct = p, true
		}
		if !direct && (list || !transcript && !d.personMentioned(d.toks[f.name].start, d.toks[f.colon-1].end)) {
			continue // a label, not a speaker: "Lakers: Visit the Thunder on Friday."
		}
		// The speaker's words replace attributions found inside them.
		kept := d.attrs[:0]
		for _, a := range d.attrs {
			if a.anchor() >= f.para && a.anchor() < f.end {
				continue
			}
			kept = append(kept, a)
		}
		d.attrs = append(kept, attr{
			unit: int(d.unitOf[f.para]), lastUnit: int(d.unitOf[f.end-1]), cue: f.colon, cueEnd: f.colon + 1, cueText: ":",
			subj: span{f.name, f.colon}, kind: srcName, inherit: -1, lender: -1, parts: parts, direct: direct, end: f.end,
			sent: span{f.para, f.end},
		})
	}
	d.sortAttrs()
}

// personMentioned reports whether the tagger found a person's name in
// the text between byte offsets start and end.
func (d *doc) personMentioned(start, end int) bool {
	return slices.ContainsFunc(d.mentions, func(m news.Mention) bool {
		return m.Type == news.Person && m.Start < end && start < m.End
	})
}

// setLenders records the anchor of each attribution's lender, which
// outlasts a change in the order of d.attrs: a speaker taken from context
// must stay its lender's ("Rev. Lee said ... and lamented ...", where a
// colon speaker added after them moves both).
func (d *doc) setLenders() {
	for i := range d.attrs {
		a := &d.attrs[i]
		switch {
		case a.inherit >= 0:
			a.lender = d.attrs[a.inherit].anchor()
		case a.cue >= 0 || a.kind != srcNone:
			a.lender = -1
		}
	}
}

// sortAttrs puts the attributions in text order and points each one's
// inherit at its lender again (see setLenders, which must have run since
// the last change); an attribution whose lender is gone inherits nothing.
func (d *doc) sortAttrs() {
	slices.SortStableFunc(d.attrs, func(x, y attr) int { return x.anchor() - y.anchor() })
	at := make(map[int]int, len(d.attrs))
	for i := range d.attrs {
		at[d.attrs[i].anchor()] = i
	}
	for i := range d.attrs {
		a := &d.attrs[i]
		a.inherit = -1
		if j, ok := at[a.lender]; ok && a.lender >= 0 && j < i {
			a.inherit = j
		}
	}
}

// anchor is the token an attribution is ordered by: its cue, or its first
// quote when it has none.
func (a *attr) anchor() int {
	if a.cue >= 0 {
		return a.cue
	}
	return a.parts[0].a
}

// standalone handles quotes that no cue claimed: a quote that goes on after
// its attribution (`"...," he said. "..."`) becomes a part of it; a quote
// followed by a dash and a name takes that name; any other quote that makes
// a sentence of its own is taken to continue the last speaker.
//
// A quote whose sentence goes on after it with words no cue claimed
// (`"...," point three begins.`) has an attribution of its own that the
// finder cannot read: it is given to no one, and the quotes after it do
// not continue a speaker from before it.
func (d *doc) standalone() {
	d.setLenders()
	d.sortAttrs()
	used := d.usedRegions()
	var extra []attr
	prev := -1    // index into d.attrs of the last attribution before the region
	intro := -1   // index into extra of the last quote given a speaker here
	barrier := -1 // the last unit with a quote of an attribution not read
	lastLender, lentUnit := -1, -1
	for ri, r := range d.regions {
		for prev+1 < len(d.attrs) && d.attrs[prev+1].anchor() < r.open {
			prev++
		}
		if used[ri] {
			continue
		}
		ui := int(d.unitOf[r.open])
		u := d.units[ui]
		if a, ok := d.dashSpeaker(ui, r); ok {
			extra = append(extra, a) // a list of quotes, each signed: no lender
			continue
		}
		if a, ok := d.namedAfter(ui, r); ok {
			extra = append(extra, a)
			intro = len(extra) - 1 // the next quotes are this speaker's too
			continue
		}
		if r.open != u.a || d.regionWords(r) < 3 || d.heading(r, u, d.regionWords(r)) {
			continue // a part of a sentence, or a section heading in quote marks: "'All Bets Are Off.'"
		}
		if d.unreadAttribution(r, u) {
			barrier = ui
			continue
		}
		part := span{r.open, r.close + 1}
		lender, lastUnit := -1, -1
		if prev >= 0 && d.attrs[prev].lastUnit > barrier {
			lender, lastUnit = d.attrs[prev].anchor(), d.attrs[prev].lastUnit
		}
		if intro >= 0 && extra[intro].anchor() > lender && extra[intro].lastUnit > barrier {
			lender, lastUnit = extra[intro].anchor(), extra[intro].lastUnit
		} else if lender >= 0 && d.continueQuote(&d.attrs[prev], ui, part) {
			continue
		}
		if lastUnit < ui-1 {
			if a, ok := d.introQuote(ui, part); ok {
				extra = append(extra, a)
				intro = len(extra) - 1
				continue
			}
		}
		// Continue the speaker of a recent quote, if any.
		if lender == lastLender {
			lastUnit = max(lastUnit, lentUnit) // a run of quotes of one speaker
		}
		if lender < 0 || ui-lastUnit > 3 || ui-lastUnit > 1 && d.namedBetween(lastUnit+1, ui) {
			continue
		}
		lastLender, lentUnit = lender, ui
		extra = append(extra, attr{
			unit: ui, lastUnit: ui, cue: -1, cueEnd: -1, kind: srcNone, inherit: -1,
			lender: lender, parts: []span{part}, direct: true, end: part.b,
		})
	}
	if len(extra) == 0 {
		return
	}
	d.setLenders()
	d.attrs = append(d.attrs, extra...)
	d.sortAttrs()
}

// namedBetween reports whether units [from, to) name someone, or quote
// someone, who may have said a quote after them in place of a speaker
// before them: a capitalised word other than the first of a unit, or a
// quote mark.
func (d *doc) namedBetween(from, to int) bool {
	for ui := from; ui < to; ui++ {
		u := d.units[ui]
		for k := u.a; k < u.b; k++ {
			if d.toks[k].region != 0 || k > u.a && d.isNameWord(k) {
				return true
			}
		}
	}
	return false
}

// usedRegions reports for each quote region whether an attribution has it
// in its content.
func (d *doc) usedRegions() []bool {
	used := make([]bool, len(d.regions))
	for _, a := range d.attrs {
		for _, p := range a.parts {
			for k := p.a; k < p.b; k++ {
				if r := d.toks[k].region; r != 0 {
					used[r-1] = true
				}
			}
		}
	}
	return used
}

// namedAfter reads the attribution of quote r in unit ui from the words
// after it: a text that reads it, or a name or "he" and a verb of manner.
func (d *doc) namedAfter(ui int, r region) (attr, bool) {
	if a, ok := d.readsSpeaker(ui, r); ok {
		return a, true
	}
	return d.verbSpeaker(ui, r)
}

// readsSpeaker reads the attribution of a quote followed by a text that
// "reads" it, then the end of the sentence: `"...," the letter reads.`
// The text stands for whoever issued it (see statementIssuer).
func (d *doc) readsSpeaker(ui int, r region) (attr, bool) {
	s := r.close + 1
	if !d.punct(r.close-1, ',') || !d.is(s, "the") || !texts[lower(d.word(s+1))] {
		return attr{}, false
	}
	v := s + 2
	if !d.is(v, "reads") && !d.is(v, "read") || !d.isTerminal(v+1) {
		return attr{}, false
	}
	return attr{
		unit: ui, lastUnit: ui, cue: v, cueEnd: v + 1, cueText: d.word(v),
		subj: span{s, s + 2}, kind: srcNominal, inherit: -1, lender: -1, parts: []span{{r.open, r.close + 1}},
		direct: true, end: v + 1,
	}, true
}

// texts are the nouns of texts that "read" what they say.
var texts = map[string]bool{"statement": true, "letter": true, "message": true, "note": true,
	"communique": true, "communiqué": true, "post": true, "tweet": true, "email": true,
	"e-mail": true, "memo": true, "release": true, "advertisement": true, "ad": true, "sign": true}

// regionWords returns the number of words in quote r.
func (d *doc) regionWords(r region) int {
	words := 0
	for k := r.open; k <= r.close; k++ {
		if d.toks[k].kind == kWord {
			words++
		}
	}
	return words
}

// unreadAttribution reports whether unit u goes on after quote r with
// words outside quote marks: an attribution no cue claimed (`"...," point
// three begins.`, `"...," the sign reads.`), which names a source other
// than the speaker before; words after a quote that ends without a
// comma go on with its sentence (`"... a tax increase" for the rich.`).
func (d *doc) unreadAttribution(r region, u span) bool {
	if !d.punct(r.close-1, ',') && !d.punct(r.close-1, '?') && !d.punct(r.close-1, '!') {
		return false
	}
	for k := r.close + 1; k < u.b; k++ {
		if d.toks[k].kind == kWord && d.toks[k].region == 0 {
			return true
		}
	}
	return false
}

// continueQuote appends part, a quote opening unit ui, to p when p is a
// direct quote of the same or the sentence before in the same paragraph:
// `"...," he said. "..."`. It reports whether it did.
func (d *doc) continueQuote(p *attr, ui int, part span) bool {
	if !p.direct || !(p.lastUnit == ui-1 && !d.toks[d.units[ui].a].para || p.lastUnit == ui) {
		return false
	}
	p.parts = append(p.parts, part)
	p.lastUnit = ui
	return true
}

// introQuote gives part, a quote opening unit ui, to the issuer of a
// statement the unit before introduces: "X issued a statement." or "X
// said in a statement:", then the quote.
func (d *doc) introQuote(ui int, part span) (attr, bool) {
	s, kind, ok := d.introSpeaker(ui)
	if !ok {
		return attr{}, false
	}
	return attr{
		unit: ui - 1, lastUnit: ui, cue: -1, cueEnd: -1, subj: s, kind: kind, inherit: -1, lender: -1,
		parts: []span{part}, direct: true, end: part.b,
	}, true
}

// heading reports whether region r, which opens unit u, is a section
// heading a writer put in quote marks: a paragraph of its own of at most
// eight words in title case.
func (d *doc) heading(r region, u span, words int) bool {
	if words > 8 || !d.toks[u.a].para {
		return false
	}
	for k := r.close + 1; k < u.b; k++ {
		if d.toks[k].kind == kWord {
			return false
		}
	}
	caps := 0
	for k := r.open; k <= r.close; k++ {
		if d.toks[k].kind == kWord && d.toks[k].cap {
			caps++
		}
	}
	if caps*10 < words*8 {
		return false
	}
	return u.b >= len(d.toks) || d.toks[u.b].para
}

// introSpeaker returns the source of unit ui-1 when that unit introduces a
// statement whose words the quote opening unit ui gives: it ends in a
// colon after a cue ("Ellis said in a statement:"), its verb issues a
// statement ("The company issued a statement on Tuesday."), or, when the
// quote opens a paragraph, it has a verb of saying that took no content
// ("Schroeder agreed with the decision.").
func (d *doc) introSpeaker(ui int) (span, uint8, bool) {
	if ui == 0 {
		return span{}, 0, false
	}
	u := d.units[ui-1]
	v := -1
	if d.punct(u.b-1, ':') {
		for k := u.b - 2; k >= u.a && v < 0; k-- {
			if d.toks[k].kind == kWord && d.toks[k].region == 0 && d.flags(k)&wCue != 0 && !d.toks[k].lex.view {
				v = k
			}
		}
	} else {
		v = d.issuesStatement(u)
	}
	if v < 0 && d.toks[d.units[ui].a].para {
		v = d.speechCue(u) // "Schroeder agreed with the decision." and then his words
	}
	if v <= u.a {
		return span{}, 0, false
	}
	pre := d.skipBack(u, v-1)
	s, kind, ok := d.subjectBefore(u, pre)
	if !ok && d.punct(pre, ',') {
		s, kind, ok = d.appositive(u, pre) // "The mayor, Ana Costa, said in a statement:"
	}
	if !ok || kind == srcInherit || kind == srcRelative || d.hasPassiveBe(s.b, v) {
		return span{}, 0, false // not "it is suggested that ...": no one issued it
	}
	return s, kind, true
}

// speechCue returns the first verb of saying in unit u that took no
// content (its attribution failed, or none ends in u), or -1.
func (d *doc) speechCue(u span) int {
	for k := u.a + 1; k < u.b; k++ {
		t := &d.toks[k]
		if t.kind == kWord && t.region == 0 && !t.cap && t.lex.flags&wCue != 0 && (t.lex.cue == cueSay || t.lex.cue == cueTell) &&
			!t.lex.view && !t.lex.participle && !t.lex.nounish {
			return k
		}
	}
	return -1
}

// issuesStatement returns the verb of unit u that issues a statement,
// letter or message as its object ("released a statement", "put out a
// brief statement"), or -1.
func (d *doc) issuesStatement(u span) int {
	for k := u.a + 1; k < u.b; k++ {
		switch lower(d.word(k)) {
		case "issued", "released", "published", "posted", "sent", "emailed", "e-mailed", "read", "put", "gave":
		default:
			continue
		}
		for m := k + 1; m < u.b && m-k <= 5; m++ {
			if d.toks[m].kind != kWord || d.toks[m].region != 0 {
				break
			}
			switch lower(d.word(m)) {
			case "statement", "statements", "letter", "message", "note", "communique", "communiqué":
				return k
			}
		}
	}
	return -1
}

// dashSpeaker reads the attribution of a quote followed by a dash and a
// name at the end of its paragraph: `“...” ― Sonya Herridge`.
func (d *doc) dashSpeaker(ui int, r region) (attr, bool) {
	k := r.close + 1
	if k < len(d.toks) && (d.punct(k, ',') || d.punct(k, '.')) && !d.toks[k].space {
		k++
	}
	if k >= len(d.toks) || d.toks[k].para || !(d.punct(k, '―') || d.punct(k, '—') || d.punct(k, '–')) {
		return attr{}, false
	}
	s := k + 1
	e := s
	for e < len(d.toks) && !d.toks[e].para && e-s < 6 && (d.isNameWord(e) || d.toks[e].abbrev || d.flags(e)&wNamePart != 0) {
		e++
	}
	if e == s || e < len(d.toks) && !d.toks[e].para && !(d.isTerminal(e) && (e+1 == len(d.toks) || d.toks[e+1].para)) {
		return attr{}, false
	}
	return attr{
		unit: ui, lastUnit: int(d.unitOf[e-1]), cue: k, cueEnd: k + 1, cueText: d.word(k),
		subj: span{s, e}, kind: srcName, inherit: -1, lender: -1, parts: []span{{r.open, r.close + 1}},
		direct: true, end: e,
	}, true
}

// verbSpeaker reads the attribution of a quote followed by a name and a
// verb of manner the lexicon does not know, then the end of the sentence
// or an adjunct: \`“...,” Williams fumed on Twitter.\`
func (d *doc) verbSpeaker(ui int, r region) (attr, bool) {
	s := r.close + 1
	e := s
	kind := srcName
	if d.is(s, "he") || d.is(s, "she") {
		e, kind = s+1, srcPronoun // `"...," he began.`
	}
	for kind == srcName && e < len(d.toks) && e-s < 4 && !d.toks[e].para && (d.isNameWord(e) || d.toks[e].abbrev && d.toks[e].cap) {
		e++
	}
	if e == s || !d.isCloseMark(r.close) || !d.punct(r.close-1, ',') && !d.punct(r.close-1, '?') && !d.punct(r.close-1, '!') {
		return attr{}, false
	}
	v := e
	w := lower(d.word(v))
	past := strings.HasSuffix(w, "ed") || kind == srcPronoun && (w == "began" || w == "spoke" || w == "swore")
	if v >= len(d.toks) || d.toks[v].kind != kWord || d.toks[v].cap || d.toks[v].para || !past || d.flags(v) != 0 {
		return attr{}, false
	}
	if n := v + 1; n < len(d.toks) && !d.isTerminal(n) && !d.punct(n, ',') && d.flags(n)&wPrep == 0 {
		return attr{}, false
	}
	return attr{
		unit: ui, lastUnit: int(d.unitOf[v]), cue: v, cueEnd: v + 1, cueText: d.word(v),
		subj: span{s, e}, kind: kind, inherit: -1, lender: -1, parts: []span{{r.open, r.close + 1}},
		direct: true, end: v + 1,
	}, true
}

// findPersons collects the person mentions of the article: from the
// tagger's mentions when given, else from capitalised names that a title, a
// known first name or a cue marks as a person's.
func (d *doc) findPersons() {
	if d.mentions != nil {
		d.personsFromMentions()
	} else {
		d.personsFromCapitals()
	}
	for i, p := range d.persons {
		if p.words > 1 {
			d.byLast = append(d.byLast, i)
		}
		if p.entity != "" && len(p.name) > len(d.entityName[p.entity]) {
			if d.entityName == nil {
				d.entityName = map[news.EntityID]string{}
			}
			d.entityName[p.entity] = p.name
		}
	}
	slices.SortFunc(d.byLast, func(x, y int) int {
		return cmp.Or(strings.Compare(d.persons[x].last, d.persons[y].last), x-y)
	})
	d.firstBearers()
	d.completeNames()
}

// personsFromMentions collects the persons the tagger found, and its
// other names (organisations, places) apart.
func (d *doc) personsFromMentions() {
	for _, m := range d.mentions {
		if p, ok := d.mentionPerson(m); ok {
			d.persons = append(d.persons, p)
		}
	}
	slices.SortFunc(d.persons, func(x, y person) int { return x.start - y.start })
	d.joinHyphenated()
	for _, m := range d.mentions {
		if m.Type != news.Person && m.Type != "" && 0 <= m.Start && m.Start < m.End && m.End <= len(d.text) {
			d.others = append(d.others, m)
		}
	}
	slices.SortFunc(d.others, func(x, y news.Mention) int { return x.Start - y.Start })
}

// mentionPerson returns the person of tagger mention m, its name cleaned
// of titles, adverbs and brackets; false when m is no person's.
func (d *doc) mentionPerson(m news.Mention) (person, bool) {
	if m.Type != news.Person || m.Start < 0 || m.End > len(d.text) || m.Start >= m.End {
		return person{}, false
	}
	tok := d.tokenAt(m.Start)
	if tok >= len(d.toks) || d.toks[tok].start >= m.End {
		return person{}, false // no word of the text inside
	}
	p := person{start: m.Start, end: m.End, tok: tok, name: m.Text, role: strings.ToLower(m.Role), entity: m.Entity}
	if p.name == "" {
		p.name = d.text[m.Start:m.End]
	}
	p.name = d.stripAdverb(d.stripTitles(unbracket(p.name)))
	if first, _, _ := strings.Cut(p.name, " "); notPersons[strings.ToLower(first)] {
		return person{}, false // a storm the tagger took for a woman: "Hurricane Katrina"
	}
	if p.role == "" {
		p.role = d.appositiveRole(tok, d.tokenAt(m.End))
	}
	if rw := strings.Fields(m.Role); len(rw) > 0 && nameTitles[strings.ToLower(rw[len(rw)-1])] && !strings.Contains(p.name, " ") {
		p.name = rw[len(rw)-1] + " " + p.name // the tagger took "Sheikh" for a title: "Sheikh Rasheed"
	}
	fields := strings.Fields(p.name)
	if len(fields) == 0 {
		return person{}, false
	}
	p.last, p.words = fields[len(fields)-1], len(fields)
	p.gender = d.genderOf(fields[0], p.role)
	if t := p.tok; t > 0 && d.toks[t-1].kind == kWord {
		p.gender = max(p.gender, d.genderOf(d.word(t-1), ""))
		if p.gender == genderUnknown {
			p.gender = d.genderOf("", strings.ToLower(d.word(t-1)))
		}
	}
	return p, true
}

// personsFromCapitals collects persons from runs of capitalised words,
// without a tagger: first those a title, a role or a first name marks,
// then those whose surname is known by then or who speak.
func (d *doc) personsFromCapitals() {
	speakers := map[string]bool{}
	for _, a := range d.attrs {
		if a.kind == srcName {
			if n := d.nameIn(a.subj); n.b > n.a {
				speakers[d.text[d.toks[n.a].start:d.toks[n.b-1].end]] = true
			}
		}
	}
	runs := d.capitalRuns()
	added := make([]bool, len(runs))
	known := map[string]bool{}
	for pass := 0; pass < 2; pass++ {
		for ri, r := range runs {
			if !added[ri] {
				added[ri] = d.addPerson(r.a, r.b, pass, speakers, known)
			}
		}
		if pass == 0 {
			for _, p := range d.persons {
				known[p.last] = true
			}
		}
	}
	slices.SortFunc(d.persons, func(x, y person) int { return x.start - y.start })
}

// capitalRuns returns the runs of name words of the text, at most eight
// long, with the lower-case particles inside them ("de", "van").
func (d *doc) capitalRuns() []span {
	var runs []span
	for i := 0; i < len(d.toks); {
		if !d.isNameWord(i) {
			i++
			continue
		}
		j := i + 1
		for j < len(d.toks) && j-i < 8 && (d.isNameWord(j) || d.flags(j)&wNamePart != 0 && j+1 < len(d.toks) && d.isNameWord(j+1)) {
			j++
		}
		runs = append(runs, span{i, j})
		i = j
	}
	return runs
}

// completeNames completes short names from longer ones ("Khan" -> "Imran
// Khan").
func (d *doc) completeNames() {
	for i := range d.persons {
		p := &d.persons[i]
		if p.words > 1 || p.entity != "" || p.name != p.last {
			continue
		}
		if full, ok := d.fullName(p.last, p.start); ok {
			p.name = full.name
			if p.gender == genderUnknown {
				p.gender = full.gender
			}
			if p.role == "" {
				p.role = full.role
			}
		}
	}
}

// firstBearers gives a bare surname that two people named in full share
// to the one the text names in full most often before it, or of those the
// last named as a subject would be, whose gender fits: a relative named
// in passing ("a photo of Heidi Cruz") does not take over the surname from
// the person the story goes on about ("Cruz said"). A tagger that links
// the surname to the latest full name gets that wrong.
func (d *doc) firstBearers() {
	for i := range d.persons {
		p := &d.persons[i]
		if d.written(*p) != 1 || p.tok > 0 && d.flags(p.tok-1)&wTitle != 0 {
			continue
		}
		var best *person
		count := map[string]int{}
		bestScore := 0
		for _, pi := range d.byLast {
			q := &d.persons[pi]
			if q.last != p.last || q.start >= p.start || d.written(*q) < 2 {
				continue
			}
			count[q.name]++
			if p.gender != genderUnknown && q.gender != genderUnknown && q.gender != p.gender {
				continue
			}
			score := 2 * count[q.name]
			if !d.oblique(*q) {
				score++ // a later subject wins a tie
			}
			if score >= bestScore {
				best, bestScore = q, score
			}
		}
		if best == nil || len(count) < 2 {
			continue
		}
		p.name, p.entity = best.name, best.entity
		if full := d.entityName[best.entity]; full != "" {
			p.name = full
		}
		p.gender = best.gender
	}
}

// written returns the number of words of p's name as the text writes it
// there, titles left out; a tagger may give the entity's fuller name.
func (d *doc) written(p person) int {
	return len(strings.Fields(d.stripTitles(d.text[p.start:p.end])))
}

// joinHyphenated joins two person mentions that a spaced hyphen
// separates, as a tokenised text writes a double name: "Dominique
// Strauss - Kahn" is "Dominique Strauss-Kahn".
func (d *doc) joinHyphenated() {
	out := d.persons[:0]
	for i := 0; i < len(d.persons); i++ {
		p := d.persons[i]
		for i+1 < len(d.persons) {
			q := d.persons[i+1]
			if q.start <= p.end || strings.TrimSpace(d.text[p.end:q.start]) != "-" {
				break
			}
			p.name = p.name + "-" + q.name
			p.end, p.last, p.words = q.end, p.last+"-"+q.last, p.words+q.words-1
			i++
		}
		out = append(out, p)
	}
	d.persons = out
}

// addPerson adds the capitalised run [i, j) as a person when the evidence
// allows, and reports whether it did: in pass 0 a title, a role or a first
// name; in pass 1 a surname already known or a speaker's name.
func (d *doc) addPerson(i, j, pass int, speakers, known map[string]bool) bool {
	k := i
	for m := i; m < j-1; m++ {
		if d.flags(m)&wTitle != 0 {
			k = m + 1
		}
	}
	if j-k == 1 && k > i && nameTitles[lower(d.word(k-1))] {
		k-- // "Sheikh Rasheed"
	}
	if k == i {
		// "Economist Nadia Petrov": the name starts at a first name.
		for m := i; m < j-1; m++ {
			if d.flags(m)&(wFemale|wMale) != 0 && d.flags(m)&(wTitle|wPronoun) == 0 {
				k = m
				break
			}
		}
	}
	roleBefore := i > 0 && d.toks[i-1].kind == kWord && !d.toks[i-1].cap && d.flags(i-1)&(wRole|wTitle) != 0
	last := d.word(j - 1)
	switch pass {
	case 0:
		firstName := j-k >= 2 && d.flags(k)&(wFemale|wMale) != 0
		if !(k > i && j > k || roleBefore && j > k || firstName) {
			return false
		}
	case 1:
		if !known[last] && !(j-k >= 2 && speakers[d.text[d.toks[k].start:d.toks[j-1].end]]) {
			return false
		}
	}
	if d.toks[k].upper && j-k == 1 {
		return false
	}
	role := ""
	if k > i {
		role = strings.ToLower(d.text[d.toks[i].start:d.toks[k-1].end])
	}
	if roleBefore {
		role = strings.TrimSpace(lower(d.word(i-1)) + " " + role)
	}
	gender := d.genderOf(lower(d.word(k)), role)
	if i > 0 && gender == genderUnknown {
		gender = d.genderOf("", lower(d.word(i-1)))
	}
	if pass == 0 && k == i && !roleBefore && gender == genderUnknown {
		return false
	}
	d.persons = append(d.persons, person{
		start: d.toks[k].start, end: d.toks[j-1].end, tok: k,
		name: d.text[d.toks[k].start:d.toks[j-1].end], last: last, words: j - k,
		gender: gender, role: role,
	})
	return true
}

// genderOf tells a gender from a first name or from role words.
func (d *doc) genderOf(first, role string) uint8 {
	f := d.lex[lower(first)].flags
	switch {
	case f&wFemale != 0 && f&wMale == 0:
		return genderFemale
	case f&wMale != 0 && f&wFemale == 0:
		return genderMale
	}
	for _, w := range strings.Fields(role) {
		w = strings.TrimSuffix(w, ".")
		f := d.lex[w].flags
		if f == 0 {
			f = hyphenedRole(d.lex, w).flags // "ex-wife"
		}
		if f&wTitle == 0 && f&wRole == 0 {
			continue
		}
		switch {
		case f&wFemale != 0 && f&wMale == 0:
			return genderFemale
		case f&wMale != 0 && f&wFemale == 0:
			return genderMale
		}
	}
	return genderUnknown
}

// notPersons are the words that open a name of a thing that is named like
// a person: a storm, an operation, a ship.
var notPersons = map[string]bool{"hurricane": true, "storm": true, "typhoon": true, "cyclone": true,
	"tropical": true, "tornado": true, "operation": true, "hms": true, "uss": true, "mount": true,
	"lake": true, "fort": true, "camp": true}

// unbracket removes from a tagger's name the brackets and quote marks it
// took in with it: "[President Donald] Trump" gives "Donald] Trump",
// which is "Donald Trump".
func unbracket(name string) string {
	if !strings.ContainsAny(name, "[](){}\"“”") {
		return name
	}
	name = strings.Map(func(r rune) rune {
		if strings.ContainsRune("[](){}\"“”", r) {
			return ' '
		}
		return r
	}, name)
	return strings.Join(strings.Fields(name), " ")
}

// stripTitles removes leading titles from a name: "Mr Kirby" -> "Kirby".
// A title that goes with a given name stays before a name of one word:
// "Sheikh Rasheed", "King Charles".
func (d *doc) stripTitles(name string) string {
	for {
		w, rest, ok := strings.Cut(name, " ")
		if !ok {
			return name
		}
		t := strings.ToLower(strings.TrimSuffix(w, "."))
		if d.lex[t].flags&wTitle == 0 || nameTitles[t] && !strings.Contains(strings.TrimSpace(rest), " ") {
			return name
		}
		name = strings.TrimSpace(rest)
	}
}

// stripAdverb removes an adverb that a tagger took for the first word of
// a name at the start of a sentence: "Ironically Nichols" -> "Nichols".
func (d *doc) stripAdverb(name string) string {
	w, rest, ok := strings.Cut(name, " ")
	if !ok || len(w) < 6 || !strings.HasSuffix(w, "ly") || d.lex[lower(w)].flags&(wFemale|wMale) != 0 {
		return name
	}
	return strings.TrimSpace(rest)
}

// appositiveRole returns the role a definite noun phrase in apposition
// gives the person named at tokens [a, b): "the interior secretary, Ken
// Salazar," or "Ken Salazar, the interior secretary,"; "" when none.
func (d *doc) appositiveRole(a, b int) string {
	if d.punct(a-1, ',') && a-2 >= 0 && d.toks[a-2].kind == kWord {
		u := d.units[d.unitOf[a-2]]
		if np := d.npBack(u.a, a-2); np.a < a-2 {
			if head, mods, ok := d.definiteRole(np); ok {
				return strings.Join(append(mods, head), " ")
			}
		}
	}
	if d.punct(b, ',') && d.is(b+1, "the") {
		e := b + 2
		for e < len(d.toks) && e-b < 6 && d.toks[e].kind == kWord && d.toks[e].region == 0 {
			e++
		}
		if head, mods, ok := d.definiteRole(span{b + 1, e}); ok {
			return strings.Join(append(mods, head), " ")
		}
	}
	return ""
}

// nameTitles are the titles written before a given name, which a one-word
// name keeps: "Sheikh Rasheed" is not "Rasheed".
var nameTitles = map[string]bool{
	"sheikh": true, "king": true, "queen": true, "prince": true, "princess": true, "pope": true,
	"sultan": true, "emir": true, "sir": true, "dame": true, "lady": true, "lord": true,
}

// tokenAt returns the token starting at or after byte offset off.
func (d *doc) tokenAt(off int) int {
	i, _ := slices.BinarySearchFunc(d.toks, off, func(t token, off int) int { return t.start - off })
	return i
}

// fullName finds the fullest name ending in surname: the nearest earlier
// multi-word one, else the first later one.
func (d *doc) fullName(surname string, before int) (person, bool) {
	lo, _ := slices.BinarySearchFunc(d.byLast, surname, func(pi int, s string) int { return strings.Compare(d.persons[pi].last, s) })
	hi := lo
	for hi < len(d.byLast) && d.persons[d.byLast[hi]].last == surname {
		hi++
	}
	if lo == hi {
		return person{}, false
	}
	list := d.byLast[lo:hi]
	n, _ := slices.BinarySearchFunc(list, before, func(pi, before int) int { return d.persons[pi].start - before })
	if n > 0 {
		return d.persons[list[n-1]], true
	}
	return d.persons[list[0]], true
}

// personAt returns the person mention overlapping bytes [start, end), -1
// when none.
func (d *doc) personAt(start, end int) int {
	n, _ := slices.BinarySearchFunc(d.persons, end, func(p person, end int) int { return p.start - end })
	for pi := n - 1; pi >= 0 && n-pi <= 8; pi-- {
		if p := d.persons[pi]; p.start < end && start < p.end {
			return pi
		}
	}
	return -1
}

// personsBefore returns the number of person mentions that start before
// byte offset off.
func (d *doc) personsBefore(off int) int {
	n, _ := slices.BinarySearchFunc(d.persons, off, func(p person, off int) int { return p.start - off })
	return n
}

// maxLookBack bounds how many person mentions back a pronoun or nominal is
// resolved, which keeps resolution linear on any input.
const maxLookBack = 200

// speaker is a resolved speaker.
type speaker struct {
	name    string
	entity  news.EntityID
	span    news.Span // as written next to the cue
	person  int       // index into persons, -1 when not a known person
	gender  uint8
	plural  bool
	unknown bool
	// role is set for one person named by a role alone ("the Navy
	// spokesperson"), whom a later "he" or "she" may stand for.
	role bool
	// org is set for an organisation, whom a later "it" may stand for.
	org bool
}

// quotes resolves every attribution's speaker and returns the quotes.
func (d *doc) quotes() []news.Quote {
	if len(d.attrs) == 0 {
		return nil
	}
	slices.SortStableFunc(d.attrs, func(x, y attr) int { return x.anchor() - y.anchor() })
	resolved := make([]speaker, len(d.attrs))
	out := make([]news.Quote, 0, len(d.attrs))
	for i := range d.attrs {
		a := &d.attrs[i]
		resolved[i] = d.resolve(i, resolved)
		sp := resolved[i]
		q := news.Quote{
			Kind:        d.kindOf(a),
			Speaker:     sp.name,
			Entity:      sp.entity,
			Cue:         a.cueText,
			Direct:      a.direct,
			SpeakerSpan: sp.span,
		}
		if a.inherit >= 0 && a.cue < 0 {
			q.SpeakerSpan = news.Span{}
		}
		first, last := a.parts[0], a.parts[len(a.parts)-1]
		q.Span = news.Span{Start: d.toks[first.a].start, End: d.toks[last.b-1].end}
		if len(a.parts) == 1 {
			q.Text = d.text[q.Start:q.End]
		} else {
			var b strings.Builder
			for pi, p := range a.parts {
				if pi > 0 {
					b.WriteByte(' ')
				}
				s := news.Span{Start: d.toks[p.a].start, End: d.toks[p.b-1].end}
				q.Parts = append(q.Parts, s)
				b.WriteString(d.text[s.Start:s.End])
			}
			q.Text = b.String()
		}
		if a.sent.b > a.sent.a {
			q.Sentence = news.Span{Start: d.toks[a.sent.a].start, End: d.toks[a.sent.b-1].end}
		} else {
			u0 := min(a.unit, int(d.unitOf[first.a]))
			u1 := max(a.lastUnit, int(d.unitOf[last.b-1]))
			q.Sentence = news.Span{Start: d.toks[d.units[u0].a].start, End: d.toks[d.units[u1].b-1].end}
		}
		out = append(out, q)
	}
	slices.SortStableFunc(out, func(x, y news.Quote) int { return x.Start - y.Start })
	return out
}

// resolve finds the speaker of attribution i; resolved holds the speakers
// of the attributions before it.
func (d *doc) resolve(i int, resolved []speaker) speaker {
	a := &d.attrs[i]
	sp := speaker{person: -1}
	if a.subj.b > a.subj.a {
		sp.span = news.Span{Start: d.toks[a.subj.a].start, End: d.toks[a.subj.b-1].end}
	}
	switch a.kind {
	case srcInherit, srcNone:
		if a.inherit >= 0 && a.inherit < i {
			s := resolved[a.inherit]
			if a.kind == srcNone {
				s.span = news.Span{} // taken from context, not written here
			}
			return s
		}
		sp.unknown = true
		return sp
	case srcPronoun:
		s, ok := d.pronounSpeaker(i, sp, resolved)
		if !ok {
			s.unknown = true // a pronoun with no antecedent: unknown, not "he"
		}
		return s
	case srcRelative:
		k := a.subj.a - 1
		if d.punct(k, ',') {
			k--
		}
		u := d.units[a.unit]
		if k < u.a || d.toks[k].kind != kWord {
			sp.unknown = true
			return sp
		}
		np := d.npBack(u.a, k)
		if _, y, two := d.coordinated(np); two && !d.is(a.subj.a+1, "both") && !d.is(a.subj.a+1, "all") {
			np = y // the last of a list: "Ana Costa and Lena Ortiz, who joked"
		}
		return d.fromPhrase(np, sp.span)
	}
	got := d.fromPhrase(a.subj, sp.span)
	if got.person < 0 && got.entity == "" {
		if _, _, ok := d.definiteRole(a.subj); ok {
			if pi := d.namedNext(i); pi >= 0 {
				return d.fromPerson(pi, sp.span)
			}
		}
	}
	return got
}

// pronounSpeaker resolves the pronoun subject of attribution i, whose
// own span sp holds: he and she to a person, it to an organisation, they
// and we to a group. It reports false when nothing before fits, with sp
// as far as it got (a they is plural).
func (d *doc) pronounSpeaker(i int, sp speaker, resolved []speaker) (speaker, bool) {
	a := &d.attrs[i]
	switch w := strings.ToLower(d.word(a.subj.a)); w {
	case "he", "she":
		g := genderMale
		if w == "she" {
			g = genderFemale
		}
		return d.personPronoun(i, g, sp, resolved)
	case "it":
		return d.itPronoun(i, sp, resolved)
	case "they", "we":
		return d.pluralPronoun(i, sp, resolved)
	}
	return sp, false
}

// personPronoun resolves he or she (gender g) of attribution i.
func (d *doc) personPronoun(i int, g uint8, sp speaker, resolved []speaker) (speaker, bool) {
	a := &d.attrs[i]
	p, j, desc := d.pronounAntecedent(i, g, resolved)
	if p >= 0 {
		return d.fromPerson(p, sp.span), true
	}
	if j >= 0 {
		s := resolved[j]
		s.span = sp.span
		return s, true
	}
	if desc.b > desc.a {
		s := d.fromPhrase(desc, sp.span)
		s.span = sp.span
		return s, true
	}
	// Else one person its own sentence names by a role before it:
	// "The Greek prime minister denounced what he called ...".
	if np, kind, ok := d.clauseSubject(d.units[a.unit]); ok && kind == srcNominal && np.b <= a.subj.a {
		if s := d.fromPhrase(np, sp.span); s.role {
			return s, true
		}
	}
	return sp, false
}

// itPronoun resolves it of attribution i to an organisation.
func (d *doc) itPronoun(i int, sp speaker, resolved []speaker) (speaker, bool) {
	a := &d.attrs[i]
	// An organisation that spoke just before: "Microsoft
	// estimated ... that Windows users ... Additionally, it said".
	for j := i - 1; j >= 0 && a.unit-d.attrs[j].lastUnit <= 2; j-- {
		r := resolved[j]
		// A publication named just before is one too: "..., the
		// Times wrote. “...,” it further wrote."
		body := a.unit-d.attrs[j].lastUnit <= 1 && d.attrs[j].kind == srcName && r.person < 0 &&
			!r.plural && !r.role && d.is(d.attrs[j].subj.a, "the")
		if r.org || d.orgName(r.name) || body {
			r.span = sp.span
			return r, true
		}
	}
	if m, ok := d.itAntecedent(a.unit, d.toks[a.subj.a].start); ok {
		sp.name, sp.entity = m.Text, m.Entity
		sp.org = m.Type == news.Organisation
		return sp, true
	}
	return sp, false
}

// pluralPronoun resolves they or we of attribution i to a group.
func (d *doc) pluralPronoun(i int, sp speaker, resolved []speaker) (speaker, bool) {
	a := &d.attrs[i]
	sp.plural = true
	// A plural source goes on from the last plural one nearby.
	for j := i - 1; j >= 0 && a.unit-d.attrs[j].lastUnit <= 2; j-- {
		if r := resolved[j]; r.plural && r.name != "" && !isPronoun(r.name) {
			s := resolved[j]
			s.span = sp.span
			return s, true
		}
	}
	// Else two people the sentence before has for its subject:
	// "Mark and Condon have axed the monologue. They said ...".
	if a.unit > 0 {
		u := d.units[a.unit-1]
		if np, _, ok := d.clauseSubject(u); ok && d.is(np.b, "and") {
			y, _, _ := d.subjectAfter(u, np.b+1, false)
			np.b = max(np.b, y.b)
			if _, _, two := d.coordinated(np); two {
				s := d.fromPhrase(np, sp.span)
				s.span = sp.span
				return s, true
			}
		}
	}
	// Else the people named by a plural noun just before, who may
	// speak: "Bloomington police tried to reach him, but they say
	// he was uncooperative".
	if np, ok := d.collectiveBefore(a.unit, a.subj.a); ok {
		s := d.fromPhrase(np, sp.span)
		s.plural = true
		return s, true
	}
	// Else a group the sentence before names by a plural name:
	// "Democrats noted that ... They noted ...".
	for j := i - 1; j >= 0 && a.unit-d.attrs[j].lastUnit <= 1; j-- {
		r := resolved[j]
		if d.attrs[j].kind == srcName && r.person < 0 && d.attrs[j].subj.b-d.attrs[j].subj.a == 1 && strings.HasSuffix(r.name, "s") {
			r.span, r.plural = sp.span, true
			return r, true
		}
	}
	return sp, false
}

// collectiveBefore returns the noun phrase of the last plural noun of
// people who speak for a body (police, officials, witnesses ...) before
// token k, in its unit or the one before, for a "they" at k.
func (d *doc) collectiveBefore(unit, k int) (span, bool) {
	lo := d.units[max(unit-1, 0)].a
	for j := k - 1; j >= lo; j-- {
		if d.toks[j].kind == kWord && d.toks[j].region == 0 && collectives[lower(d.word(j))] {
			u := d.units[d.unitOf[j]]
			np := d.npBack(u.a, j)
			p := np.a - 1
			if p > u.a && d.toks[p].digit {
				p-- // "before 10 judges"
			}
			if p >= u.a && d.flags(p)&wPrep != 0 {
				continue // in passing: "argued before ten judges"
			}
			return np, true
		}
	}
	return span{}, false
}

// collectives are plural nouns of people a "they" who speaks may stand
// for.
var collectives = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`police officials authorities investigators prosecutors officers
		detectives deputies agents witnesses protesters demonstrators residents neighbors
		neighbours doctors experts analysts researchers scientists organizers organisers
		lawmakers legislators leaders militants rebels troops soldiers workers employees
		students parents firefighters rescuers diplomats negotiators activists critics
		supporters opponents voters fans relatives families executives managers lawyers
		attorneys judges senators ministers spokesmen spokespeople jurors producers members
		scientists biologists economists teachers coaches players`) {
		collectives[w] = true
	}
}

// itAntecedent returns the organisation "it" at offset at stands for: the
// last one named before it in its sentence or the one before ("The Front,
// which Norland accuses of attacks, said that it rejected the talks"), or
// failing one a place, which may be a country that acts ("Pakistan said it
// would act").
func (d *doc) itAntecedent(unit, at int) (news.Mention, bool) {
	from := d.toks[d.units[max(unit-1, 0)].a].start
	n, _ := slices.BinarySearchFunc(d.others, at, func(m news.Mention, at int) int { return m.Start - at })
	for _, typ := range []news.EntityType{news.Organisation, news.Place} {
		for mi := n - 1; mi >= 0 && d.others[mi].Start >= from; mi-- {
			if m := d.others[mi]; m.End <= at && m.Type == typ {
				if m.Text == "" {
					m.Text = d.text[m.Start:m.End]
				}
				return m, true
			}
		}
	}
	return news.Mention{}, false
}

// orgName reports whether the tagger takes name for an organisation
// somewhere in the text, though it may take it for a person elsewhere
// ("Microsoft said ... it said").
func (d *doc) orgName(name string) bool {
	if name == "" {
		return false
	}
	for _, m := range d.others {
		if m.Type == news.Organisation && (m.Text == name || m.Text == "" && d.text[m.Start:m.End] == name) {
			return true
		}
	}
	return false
}

func isPronoun(s string) bool {
	switch strings.ToLower(s) {
	case "he", "she", "they", "we", "i", "it", "you":
		return true
	}
	return false
}

// fromPhrase resolves a source written as a name or noun phrase.
func (d *doc) fromPhrase(np span, at news.Span) speaker {
	sp := speaker{person: -1, span: at}
	if x, y, ok := d.coordinated(np); ok {
		// Two speakers: "The Hollywood Reporter and Collider", "Mark and
		// Condon", each resolved.
		sx, sy := d.fromPhrase(x, at), d.fromPhrase(y, at)
		sp.name, sp.plural = sx.name+" and "+sy.name, true
		return sp
	}
	if pi := d.statementIssuer(np); pi.b > pi.a {
		return d.fromPhrase(pi, at) // "the statement said": its issuer's words
	}
	// A tagger's mention at the head of the phrase names the speaker; one
	// that only modifies it does not: "a top US official" is no "US",
	// "Ministers in the Imran Khan government" no "Imran Khan".
	if d.mentions != nil {
		start, end := d.toks[np.a].start, d.toks[np.b-1].end
		ht := d.toks[d.headOf(np)]
		if pi := d.personAt(ht.start, ht.end); pi >= 0 {
			return d.fromPerson(pi, at)
		}
		n, _ := slices.BinarySearchFunc(d.others, end, func(m news.Mention, end int) int { return m.Start - end })
		for mi := n - 1; mi >= 0 && n-mi <= 8; mi-- {
			if m := d.others[mi]; start < m.End && m.Start < ht.end && ht.start < m.End {
				sp.name = m.Text
				if sp.name == "" {
					sp.name = d.text[m.Start:m.End]
				}
				sp.entity = m.Entity
				sp.org = m.Type == news.Organisation
				return sp
			}
		}
	}
	if h := d.headOf(np); h < np.b-1 && strings.HasSuffix(d.word(h+1), "ing") {
		// A noun and its participle's phrase: "Groups representing
		// Uzbeks" are the groups, not the Uzbeks.
		sp.name = d.text[d.toks[np.a].start:d.toks[np.b-1].end]
		sp.plural = strings.HasSuffix(lower(d.word(h)), "s")
		return sp
	}
	for k := np.a + 1; k < np.b-1; k++ {
		if d.flags(k)&wPrep != 0 && collectives[lower(d.word(k-1))] && k-1 == np.a {
			// People named by where they are: "Residents along 117th
			// Street", not the street.
			sp.name, sp.plural = d.text[d.toks[np.a].start:d.toks[np.b-1].end], true
			return sp
		}
	}
	if an, ok := d.ownersRole(np); ok {
		return d.fromPhrase(an, at)
	}
	if n := d.nameIn(np); n.b > n.a {
		start, end := d.toks[n.a].start, d.toks[n.b-1].end
		if pi := d.personAt(start, end); pi >= 0 {
			return d.fromPerson(pi, at)
		}
		sp.name = d.text[start:end]
		if n.b-n.a == 1 {
			if full, ok := d.fullName(sp.name, start); ok {
				sp.name = full.name
			}
		}
		return sp
	}
	// An age ("the 29-year-old") stands for the person the text gives
	// that age.
	if pi := d.personOfAge(np); pi >= 0 {
		return d.fromPerson(pi, at)
	}
	// A definite nominal ("the minister") stands for the last person with
	// that role.
	head := strings.ToLower(d.word(np.b - 1))
	if role, mods, ok := d.definiteRole(np); ok {
		n := d.personsBefore(d.toks[np.a].start)
		for pi := n - 1; pi >= 0 && n-pi <= maxLookBack; pi-- {
			if roleFits(role, mods, d.persons[pi].role) {
				return d.fromPerson(pi, at)
			}
		}
	}
	sp.name = d.text[d.toks[np.a].start:d.toks[np.b-1].end]
	if d.flags(np.a)&wDet != 0 && np.b-np.a > 1 {
		sp.name = lower(d.word(np.a)) + sp.name[len(d.word(np.a)):] // "a top US official" mid-sentence or not
	}
	sp.plural = strings.HasSuffix(head, "s")
	if !sp.plural && personRole(d.lex, head) {
		sp.role = true
		sp.gender = d.genderOf("", head)
	}
	return sp
}

// ownersRole returns the name in apposition to a role that the name np
// owns: "Norland's successor, President Vardy, vowed" is Vardy's, not
// Norland's.
func (d *doc) ownersRole(np span) (span, bool) {
	end := d.units[d.unitOf[np.a]].b
	if k := np.b; d.isPossessive(k) && personRole(d.lex, lower(d.word(k+1))) {
		return d.appositiveName(k+2, end) // the tagger's "Norland" alone
	}
	for k := np.a; k < np.b-1; k++ {
		if (d.isPossessive(k) || possessiveDet(d.word(k))) && personRole(d.lex, lower(d.word(np.b-1))) && !d.toks[np.b-1].cap {
			return d.appositiveName(np.b, end) // "her nephew, Ravi Singh,"
		}
	}
	return span{}, false
}

// personOfAge returns the person a definite noun phrase that gives an age
// stands for ("the 29-year-old"): the last one named before it with that
// age, as "Ana Costa, 29," or "29-year-old Ana Costa" write it; -1 when
// none.
func (d *doc) personOfAge(np span) int {
	if !d.is(np.a, "the") {
		return -1
	}
	_, n := d.ageAt(np.a + 1)
	if n == "" {
		return -1
	}
	last := d.personsBefore(d.toks[np.a].start)
	for pi := last - 1; pi >= 0 && last-pi <= maxLookBack; pi-- {
		p := d.persons[pi]
		after := d.tokenAt(p.end)
		if d.punct(after, ',') && d.word(after+1) == n {
			return pi
		}
		for b := p.tok - 1; b >= max(p.tok-6, 0); b-- {
			if end, m := d.ageAt(b); m == n && end >= p.tok-2 {
				return pi
			}
		}
	}
	return -1
}

// coordinated splits a noun phrase that joins two names with "and" ("The
// Hollywood Reporter and Collider") into the two, unless one mention
// spans the "and" (a name such as "Procter and Gamble").
func (d *doc) coordinated(np span) (span, span, bool) {
	for k := np.a + 1; k < np.b-1; k++ {
		if !d.is(k, "and") || !d.isNameWord(k-1) || !d.isNameWord(k+1) {
			continue
		}
		for _, m := range d.mentions {
			if m.Start < d.toks[k].start && d.toks[k].end < m.End {
				return span{}, span{}, false
			}
		}
		x, y := span{np.a, k}, span{k + 1, np.b}
		if d.nameIn(x).b == 0 || d.nameIn(y).b == 0 {
			return span{}, span{}, false
		}
		return x, y, true
	}
	return span{}, span{}, false
}

// statementIssuer returns the source of the statement a definite "the
// statement" (or letter, message) refers to: the subject that issued one
// in the eight sentences before ("Gordon Advisors issued a statement
// Tuesday ..."); empty when none.
func (d *doc) statementIssuer(np span) span {
	if np.b-np.a != 2 || !d.is(np.a, "the") {
		return span{}
	}
	switch lower(d.word(np.a + 1)) {
	case "statement", "letter", "message", "communique", "communiqué":
	default:
		return span{}
	}
	ui := int(d.unitOf[np.a])
	for k := ui; k >= 0 && ui-k <= 8; k-- {
		u := d.units[k]
		if v := d.issuesStatement(u); v > u.a && (k < ui || v < np.a) {
			if !d.issues(v, u.b, lower(d.word(np.a+1))) {
				return span{} // "sent a letter", then "the statement": another text
			}
			if s, kind, ok := d.subjectBefore(u, d.skipBack(u, v-1)); ok && (kind == srcName || kind == srcNominal) {
				return s
			}
			return span{}
		}
	}
	return span{}
}

// issues reports whether the verb at v, which issues a text, has a noun
// for it as its object before limit (see issuesStatement).
func (d *doc) issues(v, limit int, noun string) bool {
	for m := v + 1; m < limit && m-v <= 5; m++ {
		if w := lower(d.word(m)); w == noun || w == noun+"s" {
			return true
		}
	}
	return false
}

// fromPerson returns the speaker for a person mention.
func (d *doc) fromPerson(pi int, at news.Span) speaker {
	p := d.persons[pi]
	sp := speaker{name: p.name, entity: p.entity, span: at, person: pi, gender: p.gender}
	if full := d.entityName[p.entity]; p.entity != "" && full != "" {
		sp.name = full // the longest mention of the entity is its fullest name
	}
	return sp
}

// pronounAntecedent finds the person a pronoun of gender g refers to: a
// person named earlier in the same sentence, the speaker of the last quote
// nearby, the person the sentence before has for its subject, or the last
// person named before as a subject would be, not in a possessive or after
// a preposition ("... to Mr. Brandt's threats. “...,” he said" is not
// Brandt's). It returns the person's index, or -1 and the index of the
// attribution whose speaker, a person named in full but not among the
// mentions or one named by a role alone, the pronoun stands for, or -1, -1
// and a described person the sentence before has for its subject ("The
// woman's answer came at once. “...,” she said"); else -1, -1 and no span.
func (d *doc) pronounAntecedent(i int, g uint8, resolved []speaker) (int, int, span) {
	a := &d.attrs[i]
	u := d.units[a.unit]
	pos := a.subj.a
	ok := func(p person) bool { return p.gender == genderUnknown || p.gender == g }
	before := d.personsBefore(d.toks[pos].start)
	inUnit := func() int {
		for pi := before - 1; pi >= 0 && d.persons[pi].tok >= u.a; pi-- {
			p := d.persons[pi]
			if p.tok < pos && d.toks[p.tok].region == 0 && ok(p) && !d.oblique(p) {
				return pi
			}
		}
		return -1
	}
	var desc span
	lastSpeaker := func() (int, int) {
		pi, named, found := d.lastSpeaker(i, g, resolved)
		// The subject of the sentence before, when it is a person who
		// speaks nowhere nearer: "Then 67, Felt celebrated the pardon.
		// “...,” he said." is Felt's, not an earlier speaker's.
		if found < 0 || d.attrs[found].lastUnit < a.unit-1 {
			if s := d.subjectPerson(a.unit - 1); s >= 0 && ok(d.persons[s]) {
				return s, -1
			}
			if np, isDesc := d.subjectDescription(a.unit-1, g); isDesc {
				if d.is(np.a, "the") && !plainPerson[lower(d.word(np.b-1))] {
					// A definite role stands for someone named before: "Trump
					// spoke ... The Republican nominee also linked ... He said".
					if s := d.subjectPerson(a.unit - 2); s >= 0 && ok(d.persons[s]) {
						return s, -1
					}
					if pi >= 0 || named >= 0 {
						return pi, named
					}
				}
				if j := d.speaks(i, np); j < 0 {
					desc = np
					return -1, -1
				} else if found < 0 {
					return -1, j
				}
			}
			if found >= 0 {
				if s := d.nearerSubject(d.attrs[found].lastUnit+1, a.unit-1, g); s >= 0 && !d.namedSince(pi, s, a.subj.a) {
					return s, -1
				}
			}
		}
		return pi, named
	}
	if quoteFirst := len(a.parts) > 0 && a.parts[0].a < pos; quoteFirst {
		if pi, named := lastSpeaker(); pi >= 0 || named >= 0 || desc.b > 0 {
			return pi, named, desc
		}
		if pi := inUnit(); pi >= 0 {
			return pi, -1, span{}
		}
	} else {
		if n, ok := d.ownSubject(u, pos, g); ok && !d.personBetween(n.b, pos) {
			if pi := d.personAt(d.toks[n.a].start, d.toks[n.b-1].end); pi >= 0 {
				return pi, -1, span{} // "Ms. LaBelle got a roar when she added ..."
			}
		}
		if pi := inUnit(); pi >= 0 {
			return pi, -1, span{}
		}
		if pi, named := lastSpeaker(); pi >= 0 || named >= 0 || desc.b > 0 {
			return pi, named, desc
		}
	}
	// The last person named before as a subject would be in the two
	// sentences before, else one named there in passing ("It was under
	// Mr. Ban's watch that ... He has championed ..."), else a subject
	// further back.
	near := d.units[max(a.unit-2, 0)].a
	for _, pass := range []struct{ window, passing bool }{{true, false}, {true, true}, {false, false}} {
		for pi := before - 1; pi >= 0 && before-pi <= maxLookBack; pi-- {
			p := d.persons[pi]
			if pass.window && p.tok < near {
				break
			}
			if p.tok < u.a && d.toks[p.tok].region == 0 && ok(p) && (pass.passing || !d.oblique(p)) {
				return pi, -1, span{}
			}
		}
	}
	return -1, -1, span{}
}

// ownSubject returns the name unit u has for its subject before token
// pos, when its gender, as a title or a given name tells it, fits g: the
// sentence's own subject comes before anyone else it names.
func (d *doc) ownSubject(u span, pos int, g uint8) (span, bool) {
	s, kind, ok := d.clauseSubject(u)
	if !ok || kind != srcName || s.b >= pos {
		return span{}, false
	}
	n := d.nameIn(s)
	if n.b <= n.a {
		return span{}, false
	}
	if pi := d.personAt(d.toks[n.a].start, d.toks[n.b-1].end); pi >= 0 {
		if pg := d.persons[pi].gender; pg != genderUnknown && pg != g {
			return span{}, false
		}
		return n, true
	}
	start, end := d.toks[n.a].start, d.toks[n.b-1].end
	for _, m := range d.others {
		if m.Start < end && start < m.End {
			return span{}, false // an organisation, a place: "Reuters reported that he ..."
		}
	}
	for k := s.a; k < n.b; k++ {
		if gk := d.genderOf(d.word(k), ""); gk != genderUnknown && gk != g {
			return span{}, false
		}
	}
	return n, true
}

// personBetween reports whether a person is named as a subject would be
// between tokens a and b: "Flynn said Trump was right when he said" has
// Trump nearer.
func (d *doc) personBetween(a, b int) bool {
	n := d.personsBefore(d.toks[b].start)
	for pi := n - 1; pi >= 0 && d.persons[pi].tok >= a; pi-- {
		if !d.oblique(d.persons[pi]) {
			return true
		}
	}
	return false
}

// oblique reports whether person mention p is no subject a pronoun may
// refer back to: a possessive inside a phrase ("the threats of Mr.
// Brandt's aides", "to Brandt's plan") or the object of a preposition
// ("a letter to Brandt"). A possessive that opens its clause ("Brandt's
// aides said") still counts.
func (d *doc) oblique(p person) bool {
	k := p.tok - 1
	for k >= 0 && d.flags(k)&wTitle != 0 && d.toks[k].kind == kWord {
		k-- // "to Mr. Brandt"
	}
	if k < 0 || d.toks[k].kind != kWord {
		return false
	}
	if d.flags(k)&wPrep != 0 && !d.is(k, "by") {
		return true // "by Brandt" is the agent of a passive
	}
	return d.isPossessive(d.tokenAt(p.end)) && d.unitOf[k] == d.unitOf[p.tok] && !d.opensSubject(k)
}

// opensSubject reports whether the word at k lets a subject follow it: a
// conjunction, a relative word, "that" or a time word.
func (d *doc) opensSubject(k int) bool {
	return d.flags(k)&(wConj|wRelative|wTime) != 0 || d.is(k, "that") || d.is(k, "and") || d.is(k, "but")
}

// speaks returns the attribution before i that has np for its source, or
// -1. lastSpeaker has weighed it when it found one, and a definite role
// may stand for a person named before it ("Mayor Hugo Brandt says ... The
// Liberal mayor noted ... He said").
func (d *doc) speaks(i int, np span) int {
	for j := i - 1; j >= 0 && d.attrs[j].unit >= int(d.unitOf[np.a]); j-- {
		if d.attrs[j].subj.a == np.a {
			return j
		}
	}
	return -1
}

// plainPerson are nouns that describe a person without a role, which a
// writer uses for someone not named ("the woman").
var plainPerson = map[string]bool{}

func init() {
	for _, w := range strings.Fields(`woman man person girl boy lady gentleman mother father wife
		husband daughter son widow widower child teenager`) {
		plainPerson[w] = true
	}
}

// subjectDescription returns a person the unit has for its subject
// described, not named, whose gender fits g: "The woman", "A supporter",
// or the owner in "The woman's answer".
func (d *doc) subjectDescription(unit int, g uint8) (span, bool) {
	if unit < 0 {
		return span{}, false
	}
	s, kind, ok := d.clauseSubject(d.units[unit])
	if !ok || kind != srcNominal || d.flags(s.a)&wDet == 0 {
		return span{}, false
	}
	for k := s.a + 1; k < s.b && k-s.a <= 4; k++ {
		w := lower(d.word(k))
		if !personRole(d.lex, w) {
			if d.toks[k].kind != kWord || d.flags(k)&(wPrep|wConj) != 0 || d.isPossessive(k) {
				break
			}
			continue
		}
		if k+1 < s.b && !d.isPossessive(k+1) && !d.is(k+1, "of") {
			continue // "the minister's aide", "the press officer"
		}
		if gw := d.genderOf("", w); gw != genderUnknown && gw != g {
			return span{}, false
		}
		if d.is(k+1, "of") {
			return s, true // "the minister of the economy"
		}
		return span{s.a, k + 1}, true
	}
	return span{}, false
}

// lastSpeaker finds the speaker of a recent attribution before i that a
// pronoun of gender g may stand for: a person mention's index, or -1 and
// the index of the attribution whose speaker is a person named in full but
// not among the mentions or named by a role alone. found is the
// attribution's index, -1 when none.
func (d *doc) lastSpeaker(i int, g uint8, resolved []speaker) (pi, named, found int) {
	a := &d.attrs[i]
	pos := a.subj.a
	role := -1 // the last speaker named by a definite role alone
	for j := i - 1; j >= 0; j-- {
		if a.unit-d.attrs[j].lastUnit > 4 {
			break
		}
		if d.attrs[j].anchor() >= pos {
			continue
		}
		sp := resolved[j]
		if sp.person >= 0 && (d.persons[sp.person].gender == genderUnknown || d.persons[sp.person].gender == g) {
			return sp.person, -1, j
		}
		if d.namedSpeaker(i, j, resolved) {
			return -1, j, j // a person the tagger missed: "said California Highway Patrol Officer Ray Scheidnes. He said ..."
		}
		if sp.role && (sp.gender == genderUnknown || sp.gender == g) {
			// A person named by a role: "a Navy spokesperson said. ... he
			// said". A definite role may stand for a person named before
			// it ("Donald Trump says ... The Republican nominee noted ...
			// He said"), who then comes first.
			if d.is(d.attrs[j].subj.a, "a") || d.is(d.attrs[j].subj.a, "an") {
				return -1, j, j
			}
			if role < 0 {
				role = j
			}
		}
	}
	return -1, role, role
}

// nearerSubject returns the person whose gender is known to be g that
// the last of units [from, to) has for its subject, named there in full
// or by a surname no two people share, or -1: "Lopez said
// ... Ana Costa runs the bakery. Vos said ... She said" is Costa's, not
// the speaker's further back.
func (d *doc) nearerSubject(from, to int, g uint8) int {
	for ui := to - 1; ui >= from && ui >= 0; ui-- {
		if s := d.subjectPerson(ui); s >= 0 && d.persons[s].gender == g && (d.written(d.persons[s]) >= 2 || !d.sharedSurname(d.persons[s].last)) {
			return s
		}
	}
	return -1
}

// namedSince reports whether person pi, a speaker further back, is named
// again between person s's mention and token end: then pi, not s, is the
// one the text goes on about ("Nixon acknowledged ... Mr. LaRue supported
// ... he said" is LaRue's).
func (d *doc) namedSince(pi, s, end int) bool {
	if pi < 0 {
		return false
	}
	for k := s + 1; k < len(d.persons) && d.persons[k].tok < end; k++ {
		if d.persons[k].last == d.persons[pi].last {
			return true
		}
	}
	return false
}

// sharedSurname reports whether two people of different full names bear
// surname last in the text ("John Jenkin" and his sister "Katie Jenkin"),
// so that the surname alone does not tell which one it is.
func (d *doc) sharedSurname(last string) bool {
	first := ""
	for _, pi := range d.byLast {
		if p := d.persons[pi]; p.last == last {
			if first != "" && p.name != first {
				return true
			}
			first = p.name
		}
	}
	return false
}

// subjectPerson returns the person a unit has for its subject, after a
// leading adverbial ("Then 67, Felt celebrated ..."), or -1.
func (d *doc) subjectPerson(unit int) int {
	if unit < 0 {
		return -1
	}
	u := d.units[unit]
	s, kind, ok := d.clauseSubject(u)
	for k := u.a; !ok && k < u.b && k-u.a < 8; k++ {
		if d.punct(k, ',') {
			s, kind, ok = d.subjectAfter(u, k+1, false) // "A year later, Governor Leo Brandt signed"
			break
		}
	}
	if !ok || kind != srcName {
		return -1
	}
	n := d.nameIn(s)
	if n.b <= n.a {
		return -1
	}
	return d.personAt(d.toks[n.a].start, d.toks[n.b-1].end)
}

// namedSpeaker reports whether attribution j's speaker is a person named
// whom the person mentions missed: two capitalised words or more, or one
// after a title or in the sentence just before attribution i's; not an
// organisation's or a place's name.
func (d *doc) namedSpeaker(i, j int, resolved []speaker) bool {
	sp := resolved[j]
	if d.attrs[j].kind != srcName || sp.person >= 0 || sp.plural || sp.name == "" {
		return false
	}
	if sp.entity != "" && !strings.HasPrefix(string(sp.entity), news.Person.IDPrefix()+"-") {
		return false // an organisation, a place
	}
	n := d.nameIn(d.attrs[j].subj)
	title := n.a > d.attrs[j].subj.a && d.flags(n.a-1)&wTitle != 0
	bare := n.a == d.attrs[j].subj.a && d.attrs[i].unit-d.attrs[j].lastUnit <= 1 // not "The Europeans"
	if n.b-n.a < 2 && !(n.b-n.a == 1 && (title || bare)) {
		return false // one word only with a title ("Mr. Kamin said") or alone in the sentence just before
	}
	for k := n.a; k < n.b; k++ {
		if d.flags(k)&(wRole|wNotSpeech) != 0 && d.flags(k)&wTitle == 0 {
			return false
		}
	}
	return true
}
