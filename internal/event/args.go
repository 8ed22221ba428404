package event

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// maxWindow is how many tokens after a trigger its prepositional arguments
// are looked for.
const maxWindow = 14

// fill fills the empty arguments of ev from hit k.
func (d *doc) fill(sent span, hits []hit, k int, ev *draft) {
	h := &hits[k]
	end := d.windowEnd(sent, hits, k)
	if !ev.actor.ok() {
		switch {
		case h.noun:
			ev.actor = d.byPhrase(h.j, end, ev.typ == news.EventStatement)
			if !ev.actor.ok() && !h.trig.ptarget {
				ev.actor = d.possessor(sent, h)
			}
			if h.trig.ptarget && !ev.target.ok() {
				ev.target = d.possessor(sent, h) // "his arrest"
			}
			if !ev.actor.ok() && ev.typ != news.EventArrest {
				a, t := d.premodifier(sent, h)
				ev.actor = a
				if !ev.target.ok() {
					ev.target = t
				}
			}
			if !ev.actor.ok() && h.light && !h.passive {
				ev.actor = d.npLeft(sent, d.subject(sent, h.anchor), 0)
			}
			if !ev.actor.ok() && ev.typ == news.EventStatement {
				// "X said on Thursday at a news conference"
				for k := h.i - 1; k >= sent.a && k >= h.i-10; k-- {
					if d.is(k, wReport) {
						ev.actor = d.npLeft(sent, d.subject(sent, k), 0)
						break
					}
				}
			}
		case h.passive:
			ev.actor = d.byPhrase(h.j, end, false)
		default:
			ev.actor = d.npLeft(sent, d.subject(sent, h.anchor), 0)
		}
	}
	if ev.actor.ok() && (ev.typ == news.EventTalks || ev.typ == news.EventMeeting || ev.typ == news.EventAgreement) && !ev.target.ok() {
		// "Varnia and Dostia signed a truce": the first is the actor, the second the target.
		if first := d.coordinated(sent, ev.actor); first.ok() {
			ev.actor, ev.target = first, ev.actor
		}
	}
	if !ev.target.ok() && h.passive && !h.noun {
		ev.target = d.npLeft(sent, d.subject(sent, h.anchor), 0)
	}
	if !ev.target.ok() && !h.passive && (!h.noun || h.trig.form == formAmb && h.j < sent.b && d.toks[h.j].ment >= 0) && d.npStart(h.j, sent) {
		ev.target = d.npRight(sent, h.j, end, 0) // the object
	}
	if !ev.target.ok() || !ev.actor.ok() {
		d.prepositions(sent, h, end, ev)
	}
	if !ev.place.ok() {
		ev.place = d.place(sent, h, ev)
	}
}

// coordinated returns the name joined to a by "and" before it: "Varnia"
// for "Dostia" in "Varnia and Dostia".
func (d *doc) coordinated(sent span, a arg) arg {
	if !a.name {
		return arg{}
	}
	k, _ := slices.BinarySearchFunc(d.toks, a.s, func(t token, off int32) int { return int(t.start - off) })
	if k-2 < sent.a || k >= sent.b || !d.is(k-1, wAnd) || d.toks[k-2].ment < 0 {
		return arg{}
	}
	b, _ := d.mentionArg(k - 2)
	return b
}

// windowEnd returns where the prepositional arguments of hit k stop: at a
// clause or a comma, at the next trigger, or after maxWindow tokens.
func (d *doc) windowEnd(sent span, hits []hit, k int) int {
	h := &hits[k]
	end := min(sent.b, h.j+maxWindow)
	if k+1 < len(hits) && hits[k+1].i < end {
		end = hits[k+1].i
	}
	for x := h.j; x < end; x++ {
		t := &d.toks[x]
		if t.kind == kPunct && t.r != '-' && t.r != '\'' && t.r != '’' && t.r != '"' && t.r != '“' && t.r != '”' {
			return x
		}
		if d.is(x, wClause) && !d.is(x, wPrep) {
			return x
		}
	}
	return end
}

// subject returns the token that ends the subject of the verb at anchor:
// before it, auxiliaries, adverbs, negation and "wants to" are skipped.
func (d *doc) subject(sent span, anchor int) int {
	k := anchor - 1
	for range 4 {
		k = d.skipBack(sent, k, wAdv|wAux|wModal|wWill|wNeg)
		if d.is(k, wConj) && k-1 >= sent.a && d.pastVerb(k-1) {
			k -= 2 // "shot and killed"
			continue
		}
		if !d.is(k, wTo) {
			break
		}
		k = d.skipBack(sent, k-1, wAdv)
		if !d.is(k, wControl) {
			break
		}
		k--
	}
	return k
}

// pastVerb reports whether token k looks like a past verb: a trigger
// participle, or a lower-case word in -ed the lexicon does not know.
func (d *doc) pastVerb(k int) bool {
	if w := d.word(k); w != nil {
		return slices.ContainsFunc(w.trigs, func(t trigger) bool { return t.form == formPart }) || d.tokText(k) == "shot"
	}
	return d.unknownLower(k) && strings.HasSuffix(d.tokText(k), "ed")
}

// mentionArg returns the argument for the mention covering token k, and
// the index of its first token.
func (d *doc) mentionArg(k int) (arg, int) {
	m := d.toks[k].ment
	first := k
	for first > 0 && d.toks[first-1].ment == m {
		first--
	}
	mm := &d.mentions[m]
	return arg{s: int32(mm.Start), e: int32(mm.End), name: true}, first
}

// npLeft returns the noun phrase that ends at token k: a name, "Pakistani
// officials", "head of Nacta", a pronoun resolved to its name, or the
// antecedent of "which" and "who".
func (d *doc) npLeft(sent span, k int, depth int) arg {
	if k < sent.a || k >= sent.b {
		return arg{}
	}
	t := &d.toks[k]
	switch {
	case t.ment >= 0:
		a, first := d.mentionArg(k)
		// "head of Nacta", "leaders of the TTP"
		o := first - 1
		if d.is(o, wDet) && o-1 >= sent.a {
			o--
		}
		if o >= sent.a && d.is(o, wLocPrep) {
			// "a clash near Dunmere killed three guards": the name is
			// where, not who.
			return arg{}
		}
		if o-1 >= sent.a && d.is(o, wOf) && d.is(o-1, wAgent) && !d.toks[o-1].has(fCap) {
			start := d.nominalStart(sent, o-1)
			return arg{s: d.toks[start].start, e: a.e}
		}
		return a
	case d.is(k, wAgent) && !d.is(k, wPron):
		start := d.nominalStart(sent, k)
		p := start - 1
		if p >= sent.a && d.is(k, wGovt) {
			// "Imran Khan's government", "his government": the head is the actor.
			if d.is(p, wPossS) && d.toks[p-1].ment >= 0 {
				a, _ := d.mentionArg(p - 1)
				return a
			}
			if d.is(p, wPoss) {
				if a := d.resolve(sent, p); a.ok() {
					return a
				}
			}
		}
		return arg{s: d.toks[start].start, e: t.end}
	case d.is(k, wPron|wPoss):
		return d.resolve(sent, k)
	case t.kind == kPunct && t.r == ',' && depth == 0:
		// "Kirkpatrick, 61, opened fire", "the TTP, the group's wing, said"
		for p := k - 2; p >= sent.a && p > k-10; p-- {
			if pt := &d.toks[p]; pt.kind == kPunct && pt.r == ',' {
				if p-1 >= sent.a && d.toks[p-1].ment >= 0 {
					return d.npLeft(sent, p-1, 1)
				}
				break
			}
		}
	case d.is(k, wRel) && depth == 0:
		p := k - 1
		if p >= sent.a && d.toks[p].kind == kPunct && d.toks[p].r == ',' {
			p--
		}
		return d.npLeft(sent, p, 1)
	case d.capName(k):
		s := k
		for s-1 >= sent.a && d.capName(s-1) {
			s--
		}
		if s-1 >= sent.a && d.is(s-1, wLocPrep) {
			return arg{} // a place, as above
		}
		return arg{s: d.toks[s].start, e: t.end}
	}
	return arg{}
}

// capName reports whether token k is a capitalised word that no mention
// covers and the lexicon does not know: a name the tagger missed.
func (d *doc) capName(k int) bool {
	t := &d.toks[k]
	return t.kind == kWord && t.ment < 0 && t.w < 0 && t.has(fCap) && !t.has(fTimex)
}

// nominalStart returns the first token of the nominal that ends with the
// agent noun at k: up to two modifiers ("interior minister", "security
// forces") and a name before them ("Pakistani officials", "Pakistan army").
func (d *doc) nominalStart(sent span, k int) int {
	s := k
	for n := 0; n < 2 && s-1 >= sent.a && (d.is(s-1, wAgent|wPremod) && !d.is(s-1, wDet|wPron|wPoss) || d.unknownLower(s-1) && !d.adverb(s-1)); n++ {
		s--
	}
	if s-1 >= sent.a && d.toks[s-1].ment >= 0 {
		_, first := d.mentionArg(s - 1)
		s = first
	}
	if s-2 >= sent.a && d.is(s-1, wPossS) && d.toks[s-2].ment >= 0 {
		_, first := d.mentionArg(s - 2)
		s = first
	}
	return s
}

// npRight returns the noun phrase that starts at token k, before end:
// determiners, counts and adjectives are skipped; the head is a name or an
// agent noun; "members of the TTP" is the TTP.
func (d *doc) npRight(sent span, k, end int, depth int) arg {
	end = min(end+4, sent.b)
	for n := 0; k < end && n < 4; n++ {
		t := &d.toks[k]
		if d.is(k, wTitle) && k+1 < end && d.toks[k+1].kind == kPunct && d.toks[k+1].r == '.' {
			k += 2 // "Mr. Teixeira"
			continue
		}
		if t.has(fTimex) || t.kind != kWord {
			return arg{}
		}
		if d.is(k, wDet|wPoss|wQual|wVague) && !d.is(k, wPrep) || t.num >= 0 || d.is(k, wOf) && n > 0 {
			k++
			continue
		}
		break
	}
	st, head, firstMent := -1, -1, -1
	x := k
	for ; x < end && x < k+7; x++ {
		t := &d.toks[x]
		if t.kind != kWord || t.has(fTimex) {
			break
		}
		switch {
		case t.ment >= 0:
			if firstMent < 0 {
				_, firstMent = d.mentionArg(x)
			}
			head = x
		case d.is(x, wAgent) && !d.is(x, wPron|wDet|wPoss):
			head = x
		case d.is(x, wPossS) && head >= 0 && d.toks[head].ment >= 0:
		case d.capName(x):
			if head < 0 || d.toks[head].ment < 0 {
				head = x
			}
		case d.is(x, wOf) && x+1 < end && (d.toks[x+1].ment >= 0 || d.capName(x+1)) && head >= 0 && d.toks[head].ment < 0:
			// "Secretary of State Wendy Sherman"
		case d.is(x, wPremod) || d.unknownLower(x) && !d.adverb(x):
			if head >= 0 {
				goto done
			}
		default:
			goto done
		}
		if st < 0 && (t.ment >= 0 || d.is(x, wAgent|wPremod) || t.has(fCap)) {
			st = x
		}
	}
done:
	if depth == 0 && x < end && d.is(x, wOf) {
		// "sections of the Tehreek-e-Taliban Pakistan", "leaders of the TTP"
		if head < 0 || d.toks[head].ment < 0 {
			if a := d.npRight(sent, x+1, end, 1); a.ok() && a.name {
				return a
			}
		}
	}
	if head < 0 {
		return arg{}
	}
	if firstMent >= 0 {
		st = firstMent
	}
	if st < 0 || st > head {
		st = head
	}
	if d.toks[head].ment >= 0 {
		m := &d.mentions[d.toks[head].ment]
		if st == firstMent && d.toks[st].ment == d.toks[head].ment {
			return arg{s: int32(m.Start), e: int32(m.End), name: true}
		}
		return arg{s: d.toks[st].start, e: int32(m.End)}
	}
	return arg{s: d.toks[st].start, e: d.toks[head].end}
}

// byPhrase returns the agent of a passive or a noun: "by X" (or "from X",
// for a statement).
func (d *doc) byPhrase(from, end int, orFrom bool) arg {
	for k := from; k < end; k++ {
		if d.is(k, wBy) || orFrom && d.isWord(k, d.lx.from) {
			return d.npRight(span{0, len(d.toks)}, k+1, end, 0)
		}
	}
	return arg{}
}

// possessor returns the owner of a noun trigger: "the TTP's attack", "its
// attacks".
func (d *doc) possessor(sent span, h *hit) arg {
	p := h.i - 1
	for n := 0; n < 3 && p >= sent.a && (d.unknownLower(p) || d.is(p, wPremod) || d.toks[p].has(fTimex)); n++ {
		p--
	}
	switch {
	case p-1 >= sent.a && d.is(p, wPossS) && d.toks[p-1].ment >= 0:
		a, _ := d.mentionArg(p - 1)
		return a
	case p >= sent.a && d.is(p, wPoss):
		return d.resolve(sent, p)
	}
	return arg{}
}

// placeTypes are the event types whose place a name before the trigger
// gives ("the Kabul bombing"); for the others it is the actor ("US
// sanctions").
func placeType(t news.EventType) bool {
	switch t {
	case news.EventAttack, news.EventProtest, news.EventElection, news.EventArrest, news.EventOther:
		return true
	}
	return false
}

// premodifier returns the actor named before a noun trigger: "TTP attack",
// "US sanctions", "police raid"; "US-Taliban talks" gives an actor and a
// target.
func (d *doc) premodifier(sent span, h *hit) (arg, arg) {
	p := h.i - 1
	for n := 0; n < 2 && p >= sent.a && d.unknownLower(p); n++ {
		p--
	}
	if p < sent.a {
		return arg{}, arg{}
	}
	t := &d.toks[p]
	if t.ment >= 0 {
		m := &d.mentions[t.ment]
		if m.Type == news.Place && placeType(h.typ) {
			return arg{}, arg{}
		}
		a, _ := d.mentionArg(p)
		if x, y, ok := d.splitPair(a); ok {
			return x, y
		}
		return a, arg{}
	}
	if d.is(p, wAgent) && !d.is(p, wDet|wPron|wPoss) && !d.isWord(p, d.lx.official) {
		return d.npLeft(sent, p, 0), arg{} // "police raid"; not "an official statement"
	}
	return arg{}, arg{}
}

// splitPair splits a name such as "US-Taliban" into its two parts.
func (d *doc) splitPair(a arg) (arg, arg, bool) {
	s := d.text[a.s:a.e]
	i := strings.IndexByte(s, '-')
	if i <= 0 || i+1 >= len(s) || strings.IndexByte(s[i+1:], '-') >= 0 {
		return arg{}, arg{}, false
	}
	r, _ := utf8.DecodeRuneInString(s[i+1:])
	if !unicode.IsUpper(r) {
		return arg{}, arg{}, false
	}
	return arg{s: a.s, e: a.s + int32(i)}, arg{s: a.s + int32(i) + 1, e: a.e}, true
}

// prepositions fills the target (and for "between", the actor) from the
// prepositional phrases after a trigger.
func (d *doc) prepositions(sent span, h *hit, end int, ev *draft) {
	for k := h.j; k < end; k++ {
		w := d.word(k)
		if w == nil {
			continue
		}
		switch {
		case w.cls&wAgainst != 0 && (ev.typ == news.EventAttack || ev.typ == news.EventSanction || ev.typ == news.EventProtest):
			if !ev.target.ok() {
				ev.target = d.npRight(sent, k+1, end, 0)
			}
		case w.cls&wWith != 0 && (ev.typ == news.EventTalks || ev.typ == news.EventMeeting || ev.typ == news.EventAgreement || ev.typ == news.EventAttack):
			if d.isWord(k, d.lx.between) {
				a := d.npRight(sent, k+1, end, 0)
				for x := k + 2; x < end; x++ {
					if d.is(x, wAnd) {
						if b := d.npRight(sent, x+1, end, 0); b.ok() && a.ok() {
							if !ev.actor.ok() {
								ev.actor = a
							}
							if !ev.target.ok() {
								ev.target = b
							}
						}
						break
					}
				}
				continue
			}
			if !ev.target.ok() {
				ev.target = d.npRight(sent, k+1, end, 0)
			}
		case w.cls&wOf != 0 && k == h.j && h.noun && (ev.typ == news.EventAttack || ev.typ == news.EventArrest):
			if !ev.target.ok() {
				ev.target = d.npRight(sent, k+1, end, 0)
			}
		}
	}
}

// place returns where an event took place: a place named before a noun
// trigger ("the Bisham attack"), or the nearest place after "in", "near",
// "at", "outside" (and "to", for visits).
func (d *doc) place(sent span, h *hit, ev *draft) arg {
	if h.noun && placeType(ev.typ) {
		p := h.i - 1
		if p >= sent.a && d.toks[p].ment >= 0 && d.mentions[d.toks[p].ment].Type == news.Place {
			a, _ := d.mentionArg(p)
			return a
		}
	}
	best, bestDist := arg{}, 1<<30
	for k := sent.a; k < sent.b; k++ {
		if !d.is(k, wLocPrep) && !(ev.typ == news.EventMeeting && d.is(k, wTo)) {
			continue
		}
		x := k + 1
		if d.is(x, wDet) {
			x++
		}
		dist := k - h.i
		if dist < 0 {
			dist = -dist + 2 // prefer the place after the trigger
		}
		if dist >= bestDist || dist >= 24 || x >= sent.b || d.toks[x].ment < 0 ||
			d.mentions[d.toks[x].ment].Type != news.Place || d.barrier(k, h.i) {
			continue
		}
		a, _ := d.mentionArg(x)
		// "in Pakistan's north" is fine; "in Pakistan army posts" is not a place.
		after := x
		for after < sent.b && d.toks[after].ment == d.toks[x].ment {
			after++
		}
		if after < sent.b && d.is(after, wAgent|wPossS) {
			continue
		}
		best, bestDist = a, dist
		k = after - 1
	}
	return best
}

// resolve returns the name a pronoun at token k stands for: the nearest
// person before it in the sentence for he, his, she, her; the nearest
// organisation or place for it, its, they, their; failing that, the last
// one of the sentences before.
func (d *doc) resolve(sent span, k int) arg {
	w := d.word(k)
	if w == nil || w.cls&(wHe|wIt|wThey) == 0 {
		return arg{}
	}
	person, plural := w.cls&wHe != 0, w.cls&wThey != 0
	for x := k - 1; x >= sent.a; x-- {
		if t := &d.toks[x]; t.kind == kPunct && (t.r == '”' || t.r == '"' || t.r == '’' && x+1 < len(d.toks) && d.toks[x+1].start > t.end) {
			break // names before a quote's end are inside it: "“... Carson ...,” he said"
		}
		m := d.toks[x].ment
		if m < 0 {
			continue
		}
		typ := d.mentions[m].Type
		if person && typ == news.Person || !person && (typ == news.Organisation || typ == news.Place && !plural) {
			a, _ := d.mentionArg(x)
			return a
		}
	}
	if plural || w.cls&wIt != 0 && w.cls&wPoss == 0 {
		return arg{} // "they", "it" in an earlier sentence may be anyone, or anything
	}
	m := d.lastORG
	if person {
		m = d.lastPER
	}
	if m < 0 {
		return arg{}
	}
	mm := &d.mentions[m]
	return arg{s: int32(mm.Start), e: int32(mm.End), name: true}
}

// agent returns the perpetrator a sentence names for its attack: "X
// claimed responsibility", "X was behind", "X was responsible for",
// "attributed to X", "blamed on X", "blamed X for", "accused X of".
func (d *doc) agent(sent span) arg {
	for k := sent.a; k < sent.b; k++ {
		w := d.toks[k].w
		if w < 0 {
			continue
		}
		switch {
		case w == d.lx.responsibility && d.is(k-1, wClaim) && k-1 >= sent.a:
			if a := d.npLeft(sent, d.subject(sent, k-1), 0); a.ok() {
				return a
			}
		case w == d.lx.behind || w == d.lx.responsible && d.is(k+1, wFor):
			p := d.skipBack(sent, k-1, wAdv)
			if p >= sent.a && d.is(p, wBe) {
				if a := d.npLeft(sent, d.subject(sent, p), 0); a.ok() {
					return a
				}
			}
		case d.is(k, wBlame) && k+1 < sent.b:
			if d.is(k+1, wTo) || d.isWord(k+1, d.lx.on) {
				if a := d.npRight(sent, k+2, sent.b, 0); a.ok() {
					return a
				}
				continue
			}
			if w == d.lx.attributed || d.is(k+1, wPrep) {
				continue
			}
			// "blamed X for the attack", "blamed the attack on X"
			for x := k + 1; x < sent.b && x < k+8; x++ {
				if d.isWord(x, d.lx.on) {
					if a := d.npRight(sent, x+1, sent.b, 0); a.ok() {
						return a
					}
					break
				}
				if d.is(x, wFor|wOf) {
					if a := d.npRight(sent, k+1, sent.b, 0); a.ok() {
						return a
					}
					break
				}
			}
		}
	}
	return arg{}
}

// when returns the temporal expression that dates hit h: a date or time in
// the sentence, the nearest to the trigger, not one that dates a report of
// it ("said on Friday that ... talks").
func (d *doc) when(sent span, h *hit) int32 {
	ss, se := int(d.toks[sent.a].start), int(d.toks[sent.b-1].end)
	ts, te := int(d.toks[h.i].start), int(d.toks[h.j-1].end)
	best, bestDist := int32(-1), 1<<30
	first, _ := slices.BinarySearchFunc(d.s.times, ss, func(x int32, off int) int { return d.times[x].Start - off })
	for _, x := range d.s.times[first:] {
		t := &d.times[x]
		if t.Span.End > se {
			break
		}
		if t.Begin.IsZero() || t.Precision == news.Duration || t.Precision == news.Vague || t.Type == "DURATION" || t.Type == "SET" {
			continue
		}
		var dist int
		if t.Span.End <= ts {
			dist = ts - t.Span.End
			if d.barrierBytes(t.Span.End, ts) {
				continue
			}
		} else {
			if d.barrierBytes(te, t.Start) {
				continue
			}
			dist = t.Start - te
			if dist < 0 {
				dist = 0
			}
		}
		if dist < bestDist {
			best, bestDist = x, dist
		}
	}
	return best
}

// barrier reports whether a clause opens between tokens a and b (in either
// order): "that", "which", "when", or a semicolon.
func (d *doc) barrier(a, b int) bool {
	if a > b {
		a, b = b, a
	}
	for k := a + 1; k < b; k++ {
		if d.is(k, wBarrier) || d.toks[k].kind == kPunct && d.toks[k].r == ';' {
			return true
		}
	}
	return false
}

// barrierBytes is barrier for the tokens between the byte offsets a and b.
func (d *doc) barrierBytes(a, b int) bool {
	k, _ := slices.BinarySearchFunc(d.toks, int32(a), func(t token, off int32) int { return int(t.start - off) })
	for ; k < len(d.toks) && int(d.toks[k].start) < b; k++ {
		if d.is(k, wBarrier) || d.toks[k].kind == kPunct && d.toks[k].r == ';' {
			return true
		}
	}
	return false
}
