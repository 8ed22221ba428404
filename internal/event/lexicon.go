package event

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Word classes, as bits of wordInfo.cls.
const (
	wDet           uint64 = 1 << iota // the, a, an, this
	wPoss                             // his, her, its, their
	wPron                             // he, she, it, they
	wRel                              // who, which, that (relative)
	wAux                              // forms of be, have, do
	wBe                               // forms of be (passive auxiliaries)
	wWill                             // will, shall: a planned event
	wModal                            // would, could, may, might, should, must, can
	wNeg                              // not, n't, never, no, without
	wAdv                              // adverbs skipped between a subject and its verb
	wLocPrep                          // in, near, at, outside: before a place
	wPrep                             // any preposition
	wConj                             // and, or, but
	wClause                           // words that open a clause: that, which, when, while
	wAgent                            // nouns for people and bodies: police, militants, officials
	wGovt                             // government, administration: "his government" is its head's
	wLight                            // light verbs before a nominal trigger: carried out, held, signed
	wControl                          // verbs before "to" + verb: wants, plans, agreed
	wQual                             // words before a count: at least, more than, some
	wNumWord                          // number words: one ... ninety
	wMult                             // hundred, thousand, million
	wVague                            // dozens, hundreds, thousands, several: no count
	wZero                             // nobody, none, no one
	wDisaster                         // crash, earthquake, flood: deaths that are no attack
	wReport                           // said, told, stated: reporting verbs
	wPlanned                          // planned, upcoming, scheduled: a planned event
	wPossible                         // possible, potential, proposed, threat: a possible event
	wCallFor                          // called, calls, urged, demanded (before "for" or an event)
	wPremod                           // nouns and adjectives that make "deal" a noun: peace, trade
	wNotAgreement                     // bill, law, order: what "signed" is not an agreement for
	wTo                               // to
	wBy                               // by
	wOf                               // of
	wAnd                              // and
	wWith                             // with, between
	wAgainst                          // against, on, targeting: before a target
	wFor                              // for
	wPossS                            // 's
	wTitle                            // Mr, Dr, Gen: a period after them does not end a sentence
	wParticle                         // out, up, off: "carried out", "stepped up", "called off"
	wStrikeAttack                     // air, drone, missile: "strike" after them is an attack
	wStrikeProtest                    // general, hunger: "strike" after them is a protest
	wTollVerb                         // rose, climbed, reached: between "death toll" and its count
	wClaim                            // claimed, claims: "X claimed responsibility"
	wBlame                            // blamed, accused, attributed: the actor is named after them
	wBarrier                          // that, which, when: a clause between a trigger and a place or date
	wNotMeeting                       // demands, needs: what "meet" is not a meeting for
	wHe                               // he, him, his, she, her: pronouns for a person
	wIt                               // it, its: pronouns for an organisation or place
	wThey                             // they, them, their
	wNotAttack                        // rifle, helicopter, slump, reserve: "assault rifle" is no attack
	wIntransitive                     // clashed, exploded: no object, no passive
	wNotProtest                       // gear, police: "riot gear" is no protest
	wMeasure                          // times, miles, years: a number before them is no count of people
	wCancel                           // cancelled, ended, broke, violated, suspended: the event no longer holds
)

// Casualty classes, as bits of wordInfo.cas.
const (
	cKill   uint8 = 1 << iota // killed, dead, deaths
	cInjure                   // injured, wounded, hurt
	cArrest                   // arrested, detained, arrests
	cActive                   // a verb that may take the count as its object: killed five
	cLives                    // "lives", as in "claimed the lives of"
	cToll                     // "toll", as in "death toll rose to"
)

// Trigger forms.
const (
	formNoun uint8 = iota // attack, talks, agreement
	formVerb              // meet, negotiate: a verb that is not a noun
	formAmb               // attack, attacks, visit: a noun or a verb
	formPart              // attacked, arrested: past tense or participle
	formGer               // attacking, killing
)

// Trigger conditions checked in context.
const (
	condNone       uint8 = iota
	condCasualty         // killed, wounded: an attack only when not a disaster
	condStrike           // strike: an attack after air, drone, missile; a protest after general, hunger
	condDeal             // deal: a noun only after a determiner or modifier, not a verb ("deal with")
	condLower            // march, rally: only in lower case ("March" is a month)
	condSigned           // signed: not a bill, law or order
	condNotOpinion       // polls: not "opinion polls"
	condStatement        // statement words: only with a speaker
	condMeet             // meet, met: not "meet demands"
	condElected          // elected: not "elected to stop"
)

// trigger is an entry of the trigger lexicon, keyed by its first word.
type trigger struct {
	typ  news.EventType
	rest []int32 // word IDs of the words after the first, for phrases
	form uint8
	cond uint8
	weak bool // casualty verbs and the like: another trigger of the type names the event better
	// ptarget says that the owner of the noun is its target, not its
	// actor: "his arrest", "her abduction".
	ptarget bool
}

// Modalities of a trigger, from the cues before it.
const (
	modAsserted uint8 = iota
	modPlanned
	modPossible
	modNegated
	modCancelled
)

// wordInfo is what the lexicon knows about a word.
type wordInfo struct {
	cls   uint64
	cas   uint8
	mod   uint8 // for control verbs: the modality of the verb after "to"
	num   int32 // value of a number word, -1 otherwise
	trigs []trigger
}

// lexicon is the compiled lexicon: a word ID for every known word.
type lexicon struct {
	ids   map[string]int32 // while building
	words []wordInfo
	keys  []string // the word of each ID
	table []int32  // open-addressing hash table of IDs, -1 for empty; see lookup
	// IDs of single words the rules look for.
	no, without, if_, unless, between, opinion, death, hurt, dozen, date, on, from, official, prior, a, an,
	responsibility, behind, responsible, attributed int32
}

func (lx *lexicon) id(w string) int32 {
	if id, ok := lx.ids[w]; ok {
		return id
	}
	id := int32(len(lx.words))
	lx.ids[w] = id
	lx.words = append(lx.words, wordInfo{num: -1})
	lx.keys = append(lx.keys, w)
	return id
}

// hashWord hashes a word as lookup folds it: ASCII letters in lower case,
// typographic apostrophes as plain ones. (FNV-1a.)
func hashWord(w string) (uint32, int) {
	h := uint32(2166136261)
	n := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x99 || w[i+2] == 0x98):
			c = '\''
			i += 2
		}
		h = (h ^ uint32(c)) * 16777619
		n++
	}
	return h, n
}

// foldEqual reports whether w folds to key, which is in lower case.
func foldEqual(w, key string) bool {
	k := 0
	for i := 0; i < len(w); i++ {
		c := w[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case c == 0xE2 && i+2 < len(w) && w[i+1] == 0x80 && (w[i+2] == 0x99 || w[i+2] == 0x98):
			c = '\''
			i += 2
		}
		if k >= len(key) || key[k] != c {
			return false
		}
		k++
	}
	return k == len(key)
}

// buildTable fills the hash table from the words.
func (lx *lexicon) buildTable() {
	size := 1
	for size < 4*len(lx.keys) {
		size <<= 1
	}
	lx.table = make([]int32, size)
	for i := range lx.table {
		lx.table[i] = -1
	}
	for id, w := range lx.keys {
		h, _ := hashWord(w)
		for p := h & uint32(size-1); ; p = (p + 1) & uint32(size-1) {
			if lx.table[p] < 0 {
				lx.table[p] = int32(id)
				break
			}
		}
	}
}

// lookup returns the ID of a word as written, in any case, or -1.
func (lx *lexicon) lookup(w string) int32 {
	h, n := hashWord(w)
	mask := uint32(len(lx.table) - 1)
	for p := h & mask; ; p = (p + 1) & mask {
		id := lx.table[p]
		if id < 0 {
			return -1
		}
		if key := lx.keys[id]; len(key) == n && foldEqual(w, key) {
			return id
		}
	}
}

func (lx *lexicon) add(cls uint64, words string) {
	for w := range strings.FieldsSeq(words) {
		lx.words[lx.id(w)].cls |= cls
	}
}

// triggerEntry is one line of the trigger table.
type triggerEntry struct {
	typ     news.EventType
	form    uint8
	cond    uint8
	weak    bool
	phrases string // phrases separated by "|"
	ptarget bool   // the owner of the noun is its target
}

// triggerTable returns the trigger lexicon. The package documentation lists
// the same words; a test keeps the two in step.
func triggerTable() []triggerEntry {
	return []triggerEntry{
		{news.EventAttack, formAmb, condNone, false, "attack|attacks", false},
		{news.EventAttack, formPart, condNone, false, "attacked|bombed|shelled|ambushed|stormed|raided|assassinated|murdered|kidnapped|abducted|gunned down|shot dead|clashed|exploded|detonated|opened fire|open fire|opens fire", false},
		{news.EventAttack, formGer, condNone, false, "attacking|bombing|bombings|shelling|fighting|clashing", false},
		{news.EventAttack, formGer, condNone, false, "shooting|shootings", true},
		{news.EventAttack, formNoun, condNone, false, "blast|blasts|explosion|explosions|ambush|ambushes|clash|clashes|assault|assaults|airstrike|airstrikes|bombardment|massacre|gunfight|firefight|skirmish|skirmishes|raid|raids|suicide bomber|insurgency attack|rampage|rampages", false},
		{news.EventAttack, formNoun, condNone, false, "assassination|killings|kidnapping|abduction", true},
		{news.EventAttack, formNoun, condStrike, false, "strike|strikes", false},
		{news.EventAttack, formPart, condCasualty, true, "killed|wounded|injured", false},
		{news.EventAttack, formGer, condCasualty, true, "killing|wounding|injuring", false},
		{news.EventAttack, formVerb, condCasualty, true, "kills", false},

		{news.EventArrest, formPart, condNone, false, "arrested|detained|apprehended|nabbed|rounded up|taken into custody", false},
		{news.EventArrest, formAmb, condNone, false, "arrest|arrests", true},
		{news.EventArrest, formVerb, condNone, false, "detain", false},
		{news.EventArrest, formGer, condNone, false, "arresting|detaining|apprehending", false},
		{news.EventArrest, formNoun, condNone, false, "detention|detentions", true},

		{news.EventMeeting, formAmb, condMeet, false, "meet|meets", false},
		{news.EventMeeting, formAmb, condNone, false, "visit|visits", false},
		{news.EventMeeting, formPart, condMeet, false, "met", false},
		{news.EventMeeting, formPart, condNone, false, "visited", false},
		{news.EventMeeting, formGer, condNone, false, "meeting|meetings|visiting", false},
		{news.EventMeeting, formNoun, condNone, false, "summit|summits", false},

		{news.EventTalks, formNoun, condNone, false, "talks|negotiations|dialogue|discussions|mediation|peace process", false},
		{news.EventTalks, formVerb, condNone, false, "negotiate|negotiates", false},
		{news.EventTalks, formPart, condNone, false, "negotiated|mediated", false},
		{news.EventTalks, formGer, condNone, false, "negotiating", false},

		{news.EventSanction, formAmb, condNone, false, "sanction|sanctions", false},
		{news.EventSanction, formPart, condNone, false, "sanctioned|blacklisted", false},
		{news.EventSanction, formNoun, condNone, false, "embargo|embargoes|tariff|tariffs|asset freeze", false},

		{news.EventAgreement, formNoun, condNone, false, "agreement|agreements|accord|accords|treaty|treaties|ceasefire|ceasefires|cease-fire|cease fire|truce|pact|memorandum of understanding|mou", false},
		{news.EventAgreement, formNoun, condDeal, false, "deal|deals", false},
		{news.EventAgreement, formPart, condSigned, true, "signed", false},

		{news.EventProtest, formAmb, condNone, false, "protest|protests", false},
		{news.EventProtest, formPart, condNone, false, "protested|took to the streets|take to the streets", false},
		{news.EventProtest, formGer, condNone, false, "protesting", false},
		{news.EventProtest, formNoun, condNone, false, "demonstration|demonstrations|sit-in|sit-ins|riot|riots|rioting|walkout|hunger strike|general strike", false},
		{news.EventProtest, formNoun, condNone, true, "protesters|protestors|demonstrators", false},
		{news.EventProtest, formAmb, condLower, false, "march|marches|rally|rallies", false},
		{news.EventProtest, formPart, condLower, false, "marched", false},
		{news.EventProtest, formNoun, condStrike, false, "strike|strikes", false},

		{news.EventElection, formNoun, condNone, false, "election|elections|by-election|referendum|ballot|runoff|run-off|went to the polls|go to the polls", false},
		{news.EventElection, formNoun, condNotOpinion, false, "polls", false},
		{news.EventElection, formAmb, condNone, false, "vote|votes", false},
		{news.EventElection, formPart, condNone, false, "voted|re-elected", false},
		{news.EventElection, formPart, condElected, false, "elected", false},
		{news.EventElection, formGer, condNone, false, "voting", false},

		{news.EventStatement, formNoun, condStatement, false, "statement|press conference|news conference|press briefing|communique", false},
		{news.EventStatement, formPart, condStatement, false, "announced|declared", false},
	}
}

// newLexicon compiles the trigger table and the word classes.
func newLexicon() *lexicon {
	lx := &lexicon{ids: make(map[string]int32, 1024)}
	lx.add(wDet, "the a an this these those that another any each every such")
	lx.add(wPoss, "his her its their our my your")
	lx.add(wPron, "he she it they we i you him them us")
	lx.add(wRel, "who which that whom")
	lx.add(wAux|wBe, "was were is are be been being am got get gets getting")
	lx.add(wAux, "has have had having did do does")
	lx.add(wWill, "will 'll shall")
	lx.add(wModal, "would could may might should must can cannot ought")
	lx.add(wNeg, "not n't never no without nor")
	lx.add(wAdv, "also reportedly allegedly then later earlier jointly unilaterally still already again just recently finally first yet now even once twice repeatedly subsequently apparently eventually initially officially formally")
	lx.add(wLocPrep, "in near at outside inside across into throughout around through")
	lx.add(wPrep, "in near at outside inside across into throughout around of on against with between by for to from about after before during over under through without within among amid since until upon toward towards via per despite following including like than")
	lx.add(wConj, "and or but nor")
	lx.add(wClause, "that which who whom when while where whereas because although though if unless since as whether after before")
	lx.add(wAgent, agentNouns)
	lx.add(wGovt, "government governments administration regime cabinet")
	lx.add(wLight, "carried carry carries carrying conducted conduct launched launch launches staged stage mounted mount claimed held hold holds holding opened open begun began begin start started starting resumed resume revived revive signed sign signs reached reach struck strike brokered broker inked ink imposed impose imposes slapped slap announced lifted lift eased extended extend paid pay made make led lead organised organized organise organize called call ended end broke break violated violate won win lost contested boycotted cast intensified intensify escalated escalate stepped step agreed agree hosted host attended attend joined join issued issue issues released release arranged arrange arranging continue continued")
	lx.add(wControl, "want wants wanted plan plans planned planning agreed agree agrees decided decide refused refuse threatened threaten threatens promised promise vowed vow hope hopes hoped sought seek seeks tried try tries attempted expected expect set scheduled due going continue continued continues intend intends intended offered offer failed fail pledged pledge ready able likely trying planning preparing prepared aim aims aimed")
	lx.add(wQual, "at least more than nearly about some over around up to as many an estimated another further almost roughly approximately fewer less a total of only")
	lx.add(wMult, "hundred thousand million")
	lx.add(wVague, "dozens hundreds thousands millions scores several many numerous countless multiple few")
	lx.add(wZero, "nobody none no-one noone")
	lx.add(wDisaster, "crash crashes crashed accident accidents collision earthquake earthquakes quake floods flood flooding landslide landslides storm storms cyclone hurricane typhoon tornado avalanche stampede fire fires blaze heatwave drowned drowning disease outbreak epidemic pandemic overdose derailed derailment capsized sank collapse collapsed lightning falling fall")
	lx.add(wReport, "said says told tells stated added announced declared claimed insisted noted warned confirmed")
	lx.add(wPlanned, "planned upcoming scheduled forthcoming expected impending ahead")
	lx.add(wPossible, "possible potential threat threats threatened threatening alleged likely feared")
	lx.add(wCallFor, "called calls call calling urged urges urge demanded demands demand sought seeks seek push pushed pushing pressed")
	lx.add(wPremod, "peace trade nuclear new landmark historic ceasefire security gas arms economic military power-sharing prisoner swap exchange grain border bilateral interim final proposed draft tentative framework")
	lx.add(wNotAgreement, "bill bills law laws order orders decree decrees petition petitions letter letters legislation executive book books budget warrant")
	lx.add(wTo, "to")
	lx.add(wBy, "by")
	lx.add(wOf, "of")
	lx.add(wAnd, "and")
	lx.add(wWith, "with between")
	lx.add(wAgainst, "against on targeting")
	lx.add(wFor, "for")
	lx.add(wPossS, "'s")
	lx.add(wTitle, "mr mrs ms dr gen lt col sgt capt maj prof sen rep gov st no vs messrs rev fr adm brig cmdr gens")
	lx.add(wParticle, "out up off down")
	lx.add(wStrikeAttack, "air drone missile rocket military artillery retaliatory precision pre-emptive preemptive punitive aerial naval airborne")
	lx.add(wStrikeProtest, "general hunger labour labor workers nationwide national teachers doctors nurses transport rail")
	lx.add(wTollVerb, "rose risen rise rises climbed climb reached jumped increased stood stands is was has had now to at of least more than over hit passed")
	lx.add(wBarrier, "that which who whom when while where whereas because although though unless whether if")
	lx.add(wNotMeeting, "demand demands need needs requirement requirements target targets expectation expectations deadline deadlines criteria standard standards cost costs challenge challenges goal goals obligations obligation conditions condition")
	lx.add(0, "shot")
	lx.add(wNotAttack, "rifle rifles weapon weapons helicopter helicopters dog dogs slump percentage range star stars gallery submarine submarines aircraft jet jets craft reserve list guard boat boats vehicle vehicles")
	// "called" cancels only with "off" after it (see cancelled).
	lx.add(wCancel, "cancelled canceled cancel cancels cancelling canceling scrapped scrap scraps suspended suspend suspends abandoned abandon abandons postponed postpone postpones ended end ends ending broke break breaks broken breaking violated violate violates violating collapsed revoked revoke lifted lift lifts withdrew")
	lx.add(wMeasure, "time times mile miles kilometre kilometres kilometer kilometers km feet foot metre metres meter meters yards block blocks building buildings minute minutes hour hours day days week weeks month months year years percent per cent dollars euros rupees mph degrees times-a")
	lx.add(wNotProtest, "gear police squad squads shield shields control act")
	lx.add(wIntransitive, "clashed exploded detonated stormed rioted")
	lx.add(wHe, "he him his she her")
	lx.add(wIt, "it its")
	lx.add(wThey, "they them their")
	lx.add(wClaim, "claimed claims claiming claim")
	lx.add(wBlame, "blamed blames blaming accused accuses accusing attributed")
	for w, m := range map[string]uint8{
		"plans": modPlanned, "plan": modPlanned, "planned": modPlanned, "planning": modPlanned, "scheduled": modPlanned,
		"set": modPlanned, "due": modPlanned, "expected": modPlanned, "going": modPlanned, "intend": modPlanned,
		"intends": modPlanned, "intended": modPlanned, "preparing": modPlanned, "prepared": modPlanned,
		"aim": modPlanned, "aims": modPlanned, "aimed": modPlanned, "agreed": modPlanned, "agree": modPlanned,
		"agrees": modPlanned, "decided": modPlanned, "decide": modPlanned, "promised": modPlanned,
		"promise": modPlanned, "pledged": modPlanned, "pledge": modPlanned, "vowed": modPlanned, "vow": modPlanned,
		"refused": modNegated, "refuse": modNegated, "failed": modNegated, "fail": modNegated,
	} {
		lx.words[lx.id(w)].mod = m
	}

	// The number words below twenty, at their value, and the tens.
	numberWords := [...]string{"", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	tensWords := [...]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	for i, w := range numberWords {
		if w != "" {
			id := lx.id(w)
			lx.words[id].cls |= wNumWord
			lx.words[id].num = int32(i)
		}
	}
	for i, w := range tensWords {
		if w != "" {
			id := lx.id(w)
			lx.words[id].cls |= wNumWord
			lx.words[id].num = int32(10 * i)
		}
	}
	lx.words[lx.id("dozen")].num = 12
	lx.words[lx.id("dozen")].cls |= wNumWord
	lx.words[lx.id("hundred")].num = 100
	lx.words[lx.id("thousand")].num = 1000
	lx.words[lx.id("million")].num = 1000000

	cas := func(c uint8, words string) {
		for w := range strings.FieldsSeq(words) {
			lx.words[lx.id(w)].cas |= c
		}
	}
	cas(cKill|cActive, "killed killing kills")
	cas(cKill, "dead died deaths fatalities")
	cas(cInjure|cActive, "injured injuring wounded wounding")
	cas(cInjure, "hurt injuries")
	cas(cKill|cInjure, "casualties")
	cas(cArrest|cActive, "arrested arresting detained detaining")
	cas(cArrest, "arrest arrests detention detentions")
	cas(cLives, "lives")
	cas(cToll, "toll")

	for p, w := range map[*int32]string{
		&lx.no: "no", &lx.without: "without", &lx.if_: "if", &lx.unless: "unless", &lx.between: "between",
		&lx.opinion: "opinion", &lx.death: "death", &lx.hurt: "hurt", &lx.dozen: "dozen", &lx.date: "date",
		&lx.on: "on", &lx.responsibility: "responsibility", &lx.behind: "behind", &lx.responsible: "responsible",
		&lx.attributed: "attributed", &lx.from: "from", &lx.official: "official", &lx.prior: "prior", &lx.a: "a", &lx.an: "an",
	} {
		*p = lx.id(w)
	}
	for _, e := range triggerTable() {
		for p := range strings.SplitSeq(e.phrases, "|") {
			words := strings.Fields(p)
			t := trigger{typ: e.typ, form: e.form, cond: e.cond, weak: e.weak, ptarget: e.ptarget}
			for _, w := range words[1:] {
				t.rest = append(t.rest, lx.id(w))
			}
			first := lx.id(words[0])
			lx.words[first].trigs = append(lx.words[first].trigs, t)
		}
	}
	lx.buildTable()
	lx.ids = nil
	// Longer phrases first, so that the longest match wins.
	for i := range lx.words {
		ts := lx.words[i].trigs
		for a := 1; a < len(ts); a++ {
			for b := a; b > 0 && len(ts[b].rest) > len(ts[b-1].rest); b-- {
				ts[b], ts[b-1] = ts[b-1], ts[b]
			}
		}
	}
	return lx
}

// agentNouns are nouns for people and bodies that act or suffer in events.
const agentNouns = `police policeman policemen policewoman officer officers troops soldier soldiers forces force army armies military
militant militants gunman gunmen attacker attackers assailant assailants bomber bombers terrorist terrorists insurgent insurgents
rebel rebels fighter fighters jihadist jihadists extremist extremists separatist separatists guerrillas guerrilla
militia militias group groups faction factions
government governments administration regime cabinet authorities authority officials official ministry ministries
minister ministers president presidents premier chancellor governor mayor spokesman spokeswoman spokesperson
head chief leader leaders commander commanders general generals envoy envoys diplomat diplomats ambassador delegation delegations
lawmakers legislators senators senator parliament parliamentarians congress court courts judge prosecutors prosecutor
protesters protestors demonstrators students workers farmers activists supporters opponents residents villagers
civilians people persons person man men woman women child children boy boys girl girls family families
labourers laborers engineers engineer guards guard worker journalist journalists tourists pilgrims worshippers passengers
suspect suspects member members leadership party parties opposition coalition alliance agency agencies
side sides team negotiators mediators observers monitors
security personnel staff crew employees nationals citizens migrants refugees prisoners detainees hostages`
