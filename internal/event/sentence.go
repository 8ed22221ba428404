package event

import (
	"slices"
	"strings"
	"unicode"

	"github.com/storyline-news/storyline/internal/news"
)

// hit is one trigger found in a sentence.
type hit struct {
	i, j    int // token range of the trigger words
	trig    trigger
	typ     news.EventType
	etyp    news.EventType // the type of the event it names, "" when denied
	anchor  int            // the verb whose subject is the actor: the trigger, or a light verb before a noun
	light   bool           // anchor is a light verb
	noun    bool           // the trigger reads as a noun
	passive bool           // the trigger is a passive verb: its subject is the target
	mod     uint8
}

// arg is an argument of an event: a byte range of the text; the zero arg
// is none.
type arg struct {
	s, e int32
	name bool // the range is a mention, not a nominal ("police") or a part of one
}

func (a arg) ok() bool { return a.e > a.s }

// draft is an event being filled from the hits of one type in a sentence.
type draft struct {
	typ                   news.EventType
	hits                  []int // indices into the sentence's hits, best first
	actor, target, place  arg
	when                  int32 // timex index, -1 when arg{}
	killed, injured, arrd int32
	mod                   uint8
}

// sentence appends the events of one sentence to out.
func (d *doc) sentence(sent span, out []news.Event) []news.Event {
	hits := d.triggers(sent, d.s.hits[:0])
	d.s.hits = hits
	disaster := false
	for i, k := sent.a, 0; i < sent.b; i++ {
		for k < len(hits) && hits[k].j <= i {
			k++
		}
		if d.is(i, wDisaster) && (k == len(hits) || i < hits[k].i) {
			disaster = true // not the "fire" of "opened fire"
			break
		}
	}
	// A disaster goes on in the sentences after it ("An earthquake hit ...
	// Ten people were killed") until an attack is named.
	strong := slices.ContainsFunc(hits, func(h hit) bool { return h.typ == news.EventAttack && !h.trig.weak })
	if disaster || d.disaster && !strong {
		disaster = true
	}
	d.disaster = disaster && !strong
	if len(hits) == 0 {
		return out
	}
	for k := range hits {
		d.read(sent, &hits[k])
	}
	// One draft per event type, in the order of the first hit of each.
	evs := d.s.evs[:0]
	for k := range hits {
		h := &hits[k]
		h.etyp = h.typ
		if h.trig.cond == condCasualty && disaster {
			h.etyp = news.EventOther
		}
		if h.mod == modNegated {
			h.etyp = ""
			continue
		}
		if !slices.ContainsFunc(evs, func(e draft) bool { return e.typ == h.etyp }) {
			evs = append(evs, draft{typ: h.etyp, when: -1, killed: -1, injured: -1, arrd: -1})
		}
	}
	// The hits of each draft, in one buffer that does not grow.
	slab := d.s.idx[:0]
	if cap(slab) < len(hits) {
		slab = make([]int, 0, 2*len(hits))
	}
	for e := range evs {
		start := len(slab)
		for k := range hits {
			if hits[k].etyp == evs[e].typ {
				slab = append(slab, k)
			}
		}
		evs[e].hits = slab[start:len(slab):len(slab)]
	}
	d.s.idx = slab
	d.s.evs = evs
	if len(evs) == 0 {
		return out
	}
	killed, injured, arrested := d.counts(sent)
	// Casualties go to the attack of the sentence, else to the disaster or
	// protest; arrests to the arrest.
	casualtyTo := -1
	for _, typ := range []news.EventType{news.EventAttack, news.EventOther, news.EventProtest} {
		for e := range evs {
			if evs[e].typ == typ && casualtyTo < 0 {
				casualtyTo = e
			}
		}
	}
	var agent arg
	agentDone := false
	for e := range evs {
		ev := &evs[e]
		// The best hit names the event: a strong trigger before a weak one.
		best := 0
		for x, k := range ev.hits {
			if !hits[k].trig.weak {
				best = x
				break
			}
		}
		// Move it to the front, keeping the others in text order.
		b := ev.hits[best]
		copy(ev.hits[1:best+1], ev.hits[:best])
		ev.hits[0] = b
		h0 := &hits[ev.hits[0]]
		ev.mod = h0.mod
		if e == casualtyTo {
			ev.killed, ev.injured = killed, injured
		}
		if ev.typ == news.EventArrest {
			ev.arrd = arrested
		}
		if allWeak(hits, ev.hits) && (ev.typ == news.EventAttack || ev.typ == news.EventOther) && ev.killed <= 0 && ev.injured <= 0 {
			if ev.killed == 0 || ev.injured == 0 || d.zeroOnly(sent) {
				ev.typ = "" // "no one was killed": no event
				continue
			}
		}
		if ev.typ == news.EventAttack {
			if !agentDone {
				agent, agentDone = d.agent(sent), true
			}
			ev.actor = agent
		}
		for _, k := range ev.hits {
			d.fill(sent, hits, k, ev)
		}
		if ev.actor.ok() && ev.target.ok() && d.argText(ev.actor) == d.argText(ev.target) {
			ev.target = arg{}
		}
		if ev.place.ok() && (ev.place == ev.actor || ev.place == ev.target) {
			ev.place = arg{}
		}
		if t, ok := d.relative(sent, h0); ok {
			ev.when = -1
			if !t.Begin.IsZero() {
				ev.when = int32(-2 - len(d.s.extra))
				d.s.extra = append(d.s.extra, t)
			}
		} else {
			ev.when = d.when(sent, h0)
		}
		if ev.typ == news.EventStatement && !ev.actor.ok() {
			ev.typ = ""
		}
		if !ev.actor.ok() && !ev.target.ok() && !ev.place.ok() && ev.when == -1 && ev.killed < 0 && ev.injured < 0 && ev.arrd < 0 {
			ev.typ = "" // "open for dialogue": no one, nowhere, never
		}
	}
	for e := range evs {
		ev := &evs[e]
		if ev.typ == "" {
			continue
		}
		h0 := &hits[ev.hits[0]]
		out = append(out, news.Event{
			Type:     ev.typ,
			Trigger:  d.text[d.toks[h0.i].start:d.toks[h0.j-1].end],
			Actor:    d.argText(ev.actor),
			Target:   d.argText(ev.target),
			Place:    d.argText(ev.place),
			Killed:   int(ev.killed),
			Injured:  int(ev.injured),
			Arrested: int(ev.arrd),
			Modality: modality(ev.mod),
			Sentence: news.Span{Start: int(d.toks[sent.a].start), End: int(d.toks[sent.b-1].end)},
		})
		d.s.whens = append(d.s.whens, ev.when)
	}
	return out
}

func modality(m uint8) news.Modality {
	switch m {
	case modPlanned:
		return news.Planned
	case modPossible:
		return news.Possible
	case modCancelled:
		return news.Cancelled
	}
	return news.Asserted
}

func allWeak(hits []hit, ks []int) bool {
	for _, k := range ks {
		if !hits[k].trig.weak {
			return false
		}
	}
	return true
}

// zeroOnly reports whether the sentence denies casualties: "no one", "arg{}".
func (d *doc) zeroOnly(sent span) bool {
	for i := sent.a; i < sent.b; i++ {
		if d.is(i, wZero) || d.isWord(i, d.lx.no) {
			return true
		}
	}
	return false
}

// argText returns the text of an argument, "" for arg{}.
func (d *doc) argText(a arg) string {
	if !a.ok() {
		return ""
	}
	return d.text[a.s:a.e]
}

// triggers appends the triggers of a sentence to out.
func (d *doc) triggers(sent span, out []hit) []hit {
	for i := sent.a; i < sent.b; i++ {
		w := d.word(i)
		if w == nil || len(w.trigs) == 0 || d.toks[i].has(fTimex) || d.toks[i].ment >= 0 {
			continue // "March", "Summit Entertainment"
		}
		for _, t := range w.trigs {
			j := i + 1
			match := true
			for _, r := range t.rest {
				if j >= sent.b || d.toks[j].w != r {
					match = false
					break
				}
				j++
			}
			if !match || !d.cond(sent, i, j, t) {
				continue
			}
			out = append(out, hit{i: i, j: j, trig: t, typ: t.typ, anchor: i})
			i = j - 1
			break
		}
	}
	return out
}

// cond checks a trigger's condition in context.
func (d *doc) cond(sent span, i, j int, t trigger) bool {
	prev := i - 1
	if prev < sent.a {
		prev = -1
	}
	if t.typ == news.EventAttack && d.is(j, wNotAttack) || t.typ == news.EventProtest && d.is(j, wNotProtest) {
		return false // "assault rifles", "injured reserve", "shooting slump", "riot police"
	}
	switch t.cond {
	case condElected:
		// "elected to parliament", not "elected to stop the bout"
		return !(d.is(j, wTo) && j+1 < sent.b && !d.is(j+1, wDet|wPoss) && !d.toks[j+1].has(fCap))
	case condStrike:
		if t.typ == news.EventAttack {
			return d.is(prev, wStrikeAttack)
		}
		return d.is(prev, wStrikeProtest)
	case condDeal:
		if prev < 0 {
			return false
		}
		if d.is(j, wWith) && !d.is(prev, wDet|wPoss|wPossS|wPremod) && d.toks[prev].ment < 0 {
			return false
		}
		for k := prev; k >= sent.a && k > prev-3; k-- {
			tk := &d.toks[k]
			if d.is(k, wDet|wPoss|wPossS|wPremod|wPlanned|wPossible) || tk.ment >= 0 || tk.has(fCap|fTimex) || tk.num >= 0 {
				return true
			}
			if !d.unknownLower(k) {
				return false
			}
		}
		return false
	case condLower:
		return !d.toks[i].has(fCap)
	case condSigned:
		// "signed a trade pact", "signed the Paris Agreement"; not "signed
		// a bill", "is signed to return".
		for k := j; k < sent.b && k < j+5; k++ {
			if d.is(k, wNotAgreement) {
				return false
			}
			w := d.word(k)
			if w == nil && d.toks[k].ment >= 0 {
				// Names are not looked up: "Agreement" in "Paris Agreement".
				if id := d.lx.lookup(d.tokText(k)); id >= 0 {
					w = &d.lx.words[id]
				}
			}
			if w != nil && slices.ContainsFunc(w.trigs, func(t trigger) bool { return t.typ == news.EventAgreement && !t.weak }) {
				return true
			}
		}
		return false
	case condMeet:
		for k := j; k < sent.b && k < j+4; k++ {
			if d.is(k, wNotMeeting) {
				return false
			}
			if d.is(k, wPrep) {
				break
			}
		}
	case condNotOpinion:
		return prev < 0 || !d.isWord(prev, d.lx.opinion)
	}
	return true
}

// unknownLower reports whether token k is a lower-case word the lexicon
// does not know: an adjective or a noun, most likely.
func (d *doc) unknownLower(k int) bool {
	if k < 0 || k >= len(d.toks) {
		return false
	}
	t := &d.toks[k]
	return t.kind == kWord && t.w < 0 && t.ment < 0 && !t.has(fCap|fDigit) && t.num < 0
}

// adverb reports whether token k is an adverb to skip between a subject
// and its verb: a listed one, or a lower-case word ending in -ly.
func (d *doc) adverb(k int) bool {
	if d.is(k, wAdv) {
		return true
	}
	if !d.unknownLower(k) {
		return false
	}
	w := d.tokText(k)
	return len(w) > 4 && strings.HasSuffix(w, "ly")
}

// modifier reports whether token k may stand between a light verb and its
// noun: "carried out the deadly TTP attack".
func (d *doc) modifier(k int) bool {
	t := &d.toks[k]
	if t.kind != kWord {
		return false
	}
	if t.ment >= 0 || t.has(fTimex) || t.num >= 0 {
		return true
	}
	return d.is(k, wDet|wPoss|wPossS|wPremod|wPlanned|wPossible) || d.unknownLower(k)
}

// read works out how a hit reads: noun or verb, active or passive, the
// verb its actor is the subject of, and its modality.
func (d *doc) read(sent span, h *hit) {
	i := h.i
	prev := d.skipBack(sent, i-1, wAdv)
	switch h.trig.form {
	case formNoun:
		h.noun = true
	case formVerb, formPart:
	case formGer:
		h.noun = prev >= sent.a && prev == i-1 && (d.modifier(prev) || d.is(prev, wAgent) && d.toks[prev].has(fCap))
	case formAmb:
		h.noun = !(prev >= sent.a && d.is(prev, wAux|wModal|wWill|wTo|wPron|wRel|wNeg))
	}
	// The start of the noun phrase, and a light verb before it.
	from := i
	if h.noun {
		k := i - 1
		for k >= sent.a && k > i-5 && d.modifier(k) {
			k--
		}
		from = k + 1
		switch {
		case k >= sent.a && d.is(k, wParticle) && d.is(k-1, wLight):
			h.anchor, h.light = k-1, true
		case k >= sent.a && d.is(k, wLight):
			h.anchor, h.light = k, true // "signed a deal"
		case k >= sent.a && d.is(k, wControl) && d.is(k+1, wDet|wPoss):
			h.anchor, h.light = k, true // "wants a deal"; not "a prepared statement"
		}
		if h.light {
			from = h.anchor
		}
	}
	if !h.noun && h.trig.form == formPart || h.light {
		// Passive: "was attacked", "were carried out", "arrested by".
		p := d.skipBack(sent, h.anchor-1, wAdv|wNeg)
		end := h.j
		if h.light {
			end = h.anchor + 1
		}
		switch {
		case p >= sent.a && d.is(p, wBe):
			h.passive = true
		case end < sent.b && d.is(end, wBy):
			h.passive = true
		case !h.light && len(h.trig.rest) == 0 && (h.typ == news.EventAttack || h.typ == news.EventArrest || h.typ == news.EventSanction) &&
			!d.is(h.i, wIntransitive) && !d.npStart(end, sent):
			h.passive = true // "three men arrested in raids"
		}
	}
	h.mod = d.modality(sent, h, from)
}

// skipBack returns the first token at or before k, within the sentence,
// that is not of the classes (or an -ly adverb, when cls has wAdv).
func (d *doc) skipBack(sent span, k int, cls uint64) int {
	for k >= sent.a && (d.is(k, cls) || cls&wAdv != 0 && d.adverb(k)) {
		k--
	}
	return k
}

// npStart reports whether token k may start a noun phrase.
func (d *doc) npStart(k int, sent span) bool {
	if k >= sent.b {
		return false
	}
	t := &d.toks[k]
	if t.kind != kWord {
		return false
	}
	if t.ment >= 0 || t.num >= 0 || t.has(fCap) {
		return true
	}
	if d.is(k, wDet|wPoss|wAgent|wPremod|wVague|wQual) && !d.is(k, wPrep|wConj|wClause) {
		return true
	}
	return d.unknownLower(k) && !d.adverb(k)
}

// modality reads the cues before a trigger (or its light verb), from token
// from back: negation, "will", modal verbs, "plans to", "called for".
func (d *doc) modality(sent span, h *hit, from int) uint8 {
	if d.cancelled(h, from) || d.cancelledAfter(sent, h) {
		return modCancelled
	}
	// Adjectives inside the noun phrase: "the planned visit", "possible sanctions".
	for k := from; k < h.i; k++ {
		switch {
		case d.is(k, wPlanned):
			return modPlanned
		case d.is(k, wPossible):
			return modPossible
		case d.isWord(k, d.lx.no) && k >= h.i-2:
			return modNegated
		}
	}
	if h.light && d.is(h.anchor, wControl) && !d.is(h.anchor, wLight) {
		// "wants a deal", "planned a visit"
		if m := d.word(h.anchor).mod; m != modAsserted {
			return m
		}
		return modPossible
	}
	for k := from - 1; k >= sent.a && k >= from-7; k-- {
		t := &d.toks[k]
		if t.kind != kWord || t.ment >= 0 {
			return modAsserted
		}
		w := d.word(k)
		if w == nil {
			continue
		}
		switch {
		case w.cls&wNeg != 0:
			if d.isWord(k, d.lx.no) {
				if k == from-1 {
					return modNegated
				}
				continue
			}
			return modNegated
		case w.cls&wWill != 0:
			return modPlanned
		case w.cls&wModal != 0:
			return modPossible
		case w.cls&wTo != 0:
			if k+1 != from || h.noun && !h.light {
				continue
			}
			if c := d.word(d.skipBack(sent, k-1, wAdv)); c != nil && c.mod != modAsserted {
				return c.mod
			}
			if d.is(k-1, wPlanned) {
				return modPlanned
			}
			return modPossible
		case w.cls&wCallFor != 0 && (d.is(k+1, wFor) || k+1 == from):
			return modPossible
		case w.cls&wPlanned != 0:
			return modPlanned
		case t.w == d.lx.prior && d.is(k+1, wTo):
			// "prior to a visit" is to come; "prior to the ambush" may be past.
			if d.isWord(from, d.lx.a) || d.isWord(from, d.lx.an) {
				return modPlanned
			}
		case w.cls&wPossible != 0:
			return modPossible
		case w.cls&wClause != 0:
			if d.isWord(k, d.lx.if_) || d.isWord(k, d.lx.unless) {
				return modPossible
			}
			if w.cls&wPrep == 0 {
				return modAsserted
			}
		}
	}
	return modAsserted
}

// cancelled reports whether the verb before a noun trigger, or an
// adjective in its noun phrase, says that the event was called off, ended
// or broken: "called off the ceasefire", "violated the truce", "the
// cancelled visit". Such an event did not happen, or no longer holds.
// cancelledAfter reports a trigger that a passive after it cancels: "the
// talks were cancelled", "the ceasefire with the TTP has been called off".
// A few words may stand between ("with Varnia"), but no punctuation.
func (d *doc) cancelledAfter(sent span, h *hit) bool {
	be := false
	for k := h.j; k < min(h.j+7, sent.b); k++ {
		w := strings.ToLower(d.tokText(k))
		switch {
		case w == "was" || w == "were" || w == "is" || w == "are" || w == "been" || w == "has" || w == "have" || w == "had":
			be = true
		case be && d.is(k, wCancel):
			return true
		case be && (w == "called" || w == "call") && k+1 < sent.b && strings.EqualFold(d.tokText(k+1), "off"):
			return true
		case be && strings.HasSuffix(w, "ly"): // "was abruptly cancelled"
		case be || !isWordToken(w):
			return false
		}
	}
	return false
}

// isWordToken reports whether a token is a word, not punctuation.
func isWordToken(w string) bool {
	for _, r := range w {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

func (d *doc) cancelled(h *hit, from int) bool {
	for k := from; k < h.i; k++ {
		if d.is(k, wCancel) {
			return true
		}
	}
	if !h.light {
		return false
	}
	a := h.anchor
	if d.is(a, wCancel) {
		return true
	}
	switch strings.ToLower(d.tokText(a)) {
	case "called", "call", "calls", "calling":
		return a+1 < len(d.toks) && strings.EqualFold(d.tokText(a+1), "off")
	}
	return false
}
