package quote

import "strings"

// Word classes, as bit flags on a lower-cased word.
const (
	wCue       uint32 = 1 << iota // a cue verb form (see cueInfo for its class)
	wAux                          // auxiliary or adverb that may stand between subject and cue
	wPronoun                      // subject pronoun
	wFemale                       // female pronoun, honorific or first name
	wMale                         // male pronoun, honorific or first name
	wPlural                       // plural pronoun
	wTitle                        // title written before a name: "President", "Sen."
	wRole                         // noun naming a speaker: "spokesman", "official"
	wDet                          // determiner or quantifier
	wPrep                         // preposition
	wConj                         // conjunction opening a clause
	wTime                         // time word: "Monday", "yesterday"
	wAbbrev                       // abbreviation written with a final period
	wStarter                      // word that often starts a sentence
	wNamePart                     // lower-case particle inside names: "de", "van"
	wFunc                         // other function word, never part of a name
	wRelative                     // relative pronoun: "who"
	wNotSpeech                    // capitalised word that is never a speaker's name
	wBackVerb                     // verb that "back" follows as a particle: "holds back"
)

// Cue classes.
const (
	cueNone   uint8 = iota
	cueSay          // takes a clause, with or without "that": say, claim, add
	cueTell         // takes an object, then "that", "to" or a quote: tell, urge
	cueThink        // attributed belief or intention: believe, want, plan
	cueNeedUp       // only a cue with its particle: "point out", "call for"
)

// lexEntry is what the lexicon knows about one lower-cased word.
type lexEntry struct {
	flags uint32
	cue   uint8
	// particles are the particles that make part of the cue ("point out",
	// "call for"), a set of bits indexing particleWords.
	particles uint8
	// toInf is set for cue verbs that take "to" + verb as content:
	// "vowed to", "urged X to".
	toInf bool
	// invert is set for cue forms that may follow their subject in
	// `"...," said Kirby`.
	invert bool
	// nounish is set for cue forms that are also common nouns ("plans",
	// "report", "rules"), which need a clear subject to be cues.
	nounish bool
	// participle is set for -ing forms that continue another speaker's
	// clause: ", adding that ...".
	participle bool
	// view is set for cues of belief, intention or finding ("expects",
	// "wants", "shows"): what they attribute is a view, not speech.
	view bool
	// object is set for cues whose bare object is a thing, not a clause
	// ("accept the position", "recognize the regime", "mentioned a
	// number of suspects"): their content must be a quote, a that-clause,
	// a colon's clause or an infinitive.
	object bool
	// clause is set for speech verbs whose bare object is no speech
	// ("called him again", "write the viruses"): they too need a quote,
	// a that-clause, a colon or an infinitive, unless a particle follows
	// ("called for").
	clause bool
	// judge is set for cues that judge someone for something ("praised
	// the police for their work"), whose "for" starts what they say.
	judge bool
	// produce is set for cues that make a thing public ("issued a rule",
	// "published a report"), whose "as" says nothing of it.
	produce bool
	// consent is set for cues whose "to" and a verb is a deed consented
	// to, not words ("agreed to hear what they had"), unless the deed is
	// in quote marks ("agreed to “stay out of politics”").
	consent bool
}

// lexicon is an immutable word table built once per Finder.
type lexicon map[string]lexEntry

func (l lexicon) add(words string, flags uint32) {
	for _, w := range strings.Fields(words) {
		e := l[w]
		e.flags |= flags
		l[w] = e
	}
}

// Cue verbs by class. Each entry is a lemma, optionally followed by its
// irregular forms after colons: "lemma:3sg,past,ing[,participle]". Regular
// forms are derived.
const (
	sayVerbs = `say:says,said,saying add note claim argue insist explain state declare announce
		assert contend maintain stress emphasize emphasise observe remark comment recall:recalls,recalled,recalling
		reply respond answer write:writes,wrote,writing,written tweet post report acknowledge admit:admits,admitted,admitting
		concede confirm deny allege suggest predict warn caution complain boast joke quip:quips,quipped,quipping
		lament shout yell testify reiterate repeat promise pledge vow threaten agree counter retort conclude
		estimate reveal disclose indicate mention signal hint charge assure declare proclaim acknowledge
		explain predict speculate cite contend concur reason recount describe stress underscore opine
		show:shows,showed,showing,shown find:finds,found,finding
		continue tell:tells,told,telling ask demand urge propose recommend inform remind advise
		convey`
	tellVerbs = `tell:tells,told,telling inform remind assure advise urge ask warn implore
		press encourage`
	thinkVerbs = `believe think:thinks,thought,thinking know:knows,knew,knowing,known feel:feels,felt,feeling hope expect fear worry
		doubt want plan:plans,planned,planning intend decide understand:understands,understood,understanding
		realize realise wonder acknowledge consider insist refuse decline seek:seeks,sought,seeking
		call:calls,called,calling criticize criticise accuse blame praise question oppose support
		welcome condemn reject dismiss defend
		attack blast slam hail laud applaud commend thank congratulate endorse back deride mock
		ridicule denounce decry lambaste rebuke scold chastise berate excoriate assail castigate
		fault challenge dispute contest refute justify tout extol promote advocate request
		beg plead invite offer commit:commits,committed,committing forecast:forecasts,forecast,forecasting
		project calculate anticipate wish suspect view regard:regards,regarded deem judge determine rule discover
		learn recognize recognise confess disagree accept expose demonstrate prove imply document detail
		outline characterize characterise portray depict label:labels,labeled,labeling,labelled dub:dubs,dubbed,dubbing
		brand liken compare equate cite reference highlight echo remember unveil publish issue
		retweet sing:sings,sang,singing,sung chant scream brag:brags,bragged,bragging grumble bemoan
		regret:regrets,regretted,regretting apologize apologise reckon imagine clarify elaborate
		rebut:rebuts,rebutted,rebutting alert aim prefer:prefers,preferred,preferring vote approve
		veto:vetoes,vetoed,vetoing order instruct require urge threaten insist lament complain
		accuse blame acknowledge concede admit:admits,admitted,admitting predict warn vow pledge
		promise recommend propose suggest demand seek:seeks,sought,seeking plan:plans,planned,planning
		hope expect fear worry doubt believe despise hate convince fathom`
	// Cue lemmas that take "to" + verb as content.
	toInfinitive = `promise pledge vow threaten agree decline refuse want plan intend decide seek
		hope expect urge ask tell call encourage press warn remind advise demand propose implore
		aim prefer offer vote order instruct require invite beg plead request wish commit`
	// backVerbList are the verbs "back" follows as a particle ("holds back the
	// river", "fought back"), where it is no cue.
	backVerbList = `hold holds held holding push pushes pushed pushing fight fights fought fighting
		come comes came coming go goes went gone going bring brings brought bringing give gives gave given giving
		pull pulls pulled pulling roll rolls rolled rolling scale scales scaled scaling cut cuts cutting
		hit hits hitting strike strikes struck striking win wins won winning look looks looked looking
		step steps stepped stepping turn turns turned turning set sets setting take takes took taken taking
		send sends sent sending pay pays paid paying kick kicks kicked kicking claw claws clawed clawing
		get gets got gotten getting keep keeps kept keeping put puts putting move moves moved moving
		fall falls fell fallen falling sit sits sat sitting lean leans leaned leaning`
	// Forms that may follow their subject: `"...," said Kirby`.
	invertible = `said says added wrote asked continued explained noted recalled replied
		responded answered argued insisted warned declared stated tweeted cautioned concluded
		observed remarked quipped joked shouted admitted acknowledged`
	// Cue forms that are also common nouns.
	nounish = `plan plans issue issues report reports question questions demand demands support supports
		state states rule rules ruling claim claims charge charges comment comments promise promises
		pledge pledges call calls vote votes order orders offer offers back project projects
		document documents detail details outline outlines label labels brand brands echo echoes
		reference references highlight highlights request requests view views regard wish wishes
		fear fears worry worries doubt doubts hope hopes attack attacks dispute disputes contest
		challenge challenges record remarks remark post posts tweet tweets warning warnings
		estimate estimates forecast forecasts finding findings answer answers reply replies
		concern concerns advocate advocates suspect suspects champion champions scream screams shout shouts aim aims approve judge judges review reviews release
		releases issue statement respect accept needs need signal signals hint hints show shows
		demand counter counters alert alerts reason reasons`
	// Participles that continue the clause of the sentence's subject.
	participles = `saying adding noting arguing claiming insisting explaining warning telling
		declaring stressing emphasizing emphasising calling urging asking suggesting acknowledging
		admitting denying predicting vowing promising pledging citing accusing describing
		complaining recalling asserting contending writing`
)

const (
	auxWords = `has have had is are was were be been being will would could can may might should
		shall must did do does also just still even already never repeatedly publicly privately later
		then again once recently previously first further often long not n't 's ’s 've ’ve 'd ’d
		'll ’ll 're ’re reportedly allegedly separately earlier frequently always
		initially subsequently explicitly openly directly specifically flatly quickly simply
		doesn't didn't don't hasn't haven't hadn't isn't wasn't won't wouldn't couldn't
		doesn’t didn’t don’t hasn’t haven’t hadn’t isn’t wasn’t won’t wouldn’t couldn’t
		immediately clearly strongly firmly bluntly emphatically angrily calmly only
		herself himself themselves itself well`
	pronouns = `he she they we i it`
	females  = `she her mrs ms miss madam lady queen princess duchess mother sister wife daughter woman
		congresswoman chairwoman spokeswoman businesswoman` +
		// Honorifics of other languages
		` frau madame mme mlle senora señora senorita señorita sra signora smt shrimati daw ibu hajiya` +
		// English-speaking countries
		` abigail ada agnes alexandra alice alicia alison amanda amber amelia amy ana andrea angela
		angelina ann anna anne annie april ashley barbara beatrice betsy betty beverly brenda bridget
		brittany caitlin carla carol caroline carolyn catherine cathy charlotte chelsea cheryl christina
		christine cindy claire clara claudia colleen connie courtney crystal cynthia daisy dana danielle
		debbie deborah debra denise diana diane donna doris dorothy edith eileen elaine eleanor elena
		elisabeth elizabeth ella ellen emily emma erica erin esther eva evelyn fiona frances gail gina
		gloria grace gwen hannah harriet heather heidi helen hillary holly irene isabel isabella
		jacqueline jane janet janice jasmine jean jeanne jennifer jessica jill joan joanna jodi
		josephine joy joyce judith judy julia julie june karen kate katherine kathleen kathryn kathy
		katie kay kelly kimberly kirsten kristen laura lauren leah leslie lily linda lisa liz lois lori
		louise lucy lydia lynn madeleine maria marie marina marsha martha mary maxine megan melania
		melissa meredith michelle mildred minnie miriam molly monica nancy naomi natalie nicole nikki
		nina nora olivia pamela patricia patty paula pauline peggy penny phyllis rachel rebecca regina
		renee rita roberta rose ruth sabrina sally samantha sandra sara sarah sharon sheila sherry
		shirley sophia stacey stephanie susan suzanne sylvia tamara tammy teresa theresa tina tracy
		ursula valerie vanessa victoria virginia wanda wendy yvonne zoe` +
		// Arabic, Persian, Turkish and Urdu
		` aisha amina asma ayesha elif emine farah fatima fatma hanan hina laila layla leila mahnaz mariam
		maryam merve nasrin noor nour rania salma samira sana shireen shirin soraya yasmin yasmine zahra
		zainab zeynep` +
		// South Asia
		` anjali benazir chandrika deepika hasina indira kamala khaleda malala mamata nirmala pooja priya
		shobha smriti sunita sushma` +
		// East and Southeast Asia
		` akiko corazon hiroko imelda keiko leni megawati mei sanae yingluck yoko yuki yumi yuriko` +
		// Africa
		` abena adwoa akosua aminata chimamanda fatou folake funmilayo graca ilhan lindiwe mariama naledi
		ngozi nomvula samia thuli wangari winnie zodwa` +
		// Latin America, Spain and Portugal
		` beatriz camila carmen cristina daniela dilma fernanda gabriela guadalupe ines juliana lucia
		luciana marisol paola pilar raquel rocio rosa sonia valentina ximena xiomara yolanda` +
		// Europe beyond English
		` agnieszka alessandra anastasia annalena beata birgit chiara ekaterina francesca giorgia giulia
		helle ingrid irina kaja katarina magdalena margrethe marta mette nadia natalia oksana olena olga
		sanna sigrid sofia svetlana tatiana viktoria yulia zuzana`
	males = `he his mr sir lord king prince duke sheikh father brother husband son man congressman chairman
		spokesman businessman` +
		// Honorifics of other languages
		` herr monsieur senor señor signor shri janab bapak tuan maulana mufti alhaji` +
		// English-speaking countries
		` aaron adam adrian alan albert alex alexander andrew andy anthony arthur barack ben benjamin
		bernie bill bob boris brad brandon brian bruce bryan carl charles charlie chris christopher
		chuck clarence colin craig dale dan daniel david dennis derek dick don donald doug douglas
		duncan dwight earl ed eddie edward elijah eric ernest eugene frank fred frederick gary gavin
		george gerald glenn gordon greg gregory harold harry henry howard hugh ian isaac jack jacob jake
		james jamie jared jason jeff jeffrey jeremy jerry jesse jim jimmy joe joel john johnny jon
		jonathan joseph josh joshua justin keith ken kenneth kevin kim kirk larry lawrence lee leo leon
		lindsey louis marco mark martin matt matthew michael mike mitch nathan neil nicholas nick nigel
		noah norman oliver oscar patrick paul peter phil philip ralph rand ray raymond reince richard
		rick robert roger ron ronald roy rudy russell ryan sam samuel scott sean stephen steve steven
		stuart ted terry thomas tim timothy todd tom tony travis tyler victor vincent walter wayne
		william zachary` +
		// Arabic, Persian, Turkish and Urdu
		` abdel abdelaziz abdul abdullah ahmad ahmed ahmet ali ashraf asif asim bashar bilal ebrahim fahd
		faisal hafez hakan hamad hamid hamza hassan hosni hossein husain hussein ibrahim imran ishaq
		ismail javad jawad kemal khaled khalid mahmoud mahmud masoud mehmet moeed mohamed mohammad
		mohammed mohsin mojtaba mostafa muhammad mustafa nabil nawaz omar pervez qamar rashid recep saad
		saeed salman shahbaz shehbaz tariq umar walid yousef youssef yusuf` +
		// South Asia
		` ajit amit anura arvind atal bilawal gotabaya mahinda manmohan mujibur narendra nitish rahul
		rajiv ranil sanjay sharad vijay ziaur` +
		// East and Southeast Asia
		` anwar fumio joko junichiro kenji mahathir najib naoto prabowo rodrigo shigeru shinzo srettha
		takeshi taro thaksin yoshihide yukio` +
		// Africa
		` abiy alassane bola chinua cyril emmerson goodluck hage idriss isaias jomo julius kofi kojo
		kwabena kwame macky mamadou moussa muhammadu nelson nnamdi olusegun ousmane raila riek salva
		thabo uhuru wole yaw yoweri` +
		// Latin America, Spain and Portugal
		` alberto alejandro alvaro andres antonio carlos eduardo enrique ernesto evo felipe fernando fidel
		gilberto guillermo gustavo hugo ivan jair javier joao jorge jose juan lucas luis luiz manuel
		mauricio miguel nayib nicolas pedro rafael raul ricardo sergio tiago vicente` +
		// Europe beyond English
		` aleksandar alexei alexey alexis andriy andrzej dmitri dmitry emmanuel francois friedrich gerhard
		giorgio giuseppe hans helmut ilham jacques jaroslaw jens jurgen karl klaus kyriakos lars magnus
		mario mateusz matteo mikhail nikol nikolai olaf oleksandr petro pierre sergei sergey silvio
		stefan ulf viktor vitali vladimir volodymyr wolfgang yevgeny`
	titles = `mr mrs ms miss dr prof president vice prime minister secretary senator sen rep
		representative gov governor mayor gen general lt col capt sgt adm admiral judge justice chief
		deputy press foreign defense defence interior state speaker chairman chairwoman chair
		ambassador commissioner director pope king queen prince princess sheikh del assemblyman
		assemblywoman councilman councilwoman congressman congresswoman attorney lord lady sir
		dame rev reverend father sister brother premier chancellor envoy spokesman spokeswoman
		spokesperson leader majority minority house senate former acting national security
		adviser advisor special counsel sergeant lieutenant colonel captain major commander officer
		detective inspector superintendent chancellor treasurer comptroller auditor candidate nominee
		councillor councilor alderman alderwoman commissioner mp mep minister magistrate sheriff
		republican democratic democrat gop press executive ceo founder coach nominee
		herr frau monsieur madame mme mlle senor señor senora señora signor signora shri smt shrimati janab
		daw bapak ibu tuan maulana mufti allama imam rabbi bishop archbishop cardinal pastor
		ayatollah hojatoleslam alhaji hajiya taoiseach emir`
	roles = `official officials spokesman spokeswoman spokesperson spokespeople aide aides adviser
		advisers advisor advisors minister ministers secretary president senator senators governor mayor
		chief chairman chairwoman chair director leader leaders lawmaker lawmakers congressman
		congresswoman representative ambassador diplomat diplomats general commander officer officers
		police source sources analyst analysts expert experts critic critics supporter supporters
		voter voters resident residents witness witnesses campaign committee report reports study
		studies poll polls survey surveys statement researcher researchers economist economists
		strategist strategists consultant consultants attorney attorneys lawyer lawyers prosecutor
		prosecutors judge court agency department ministry government administration military army
		group groups organization organisation observer observers candidate nominee manager members
		member activist activists founder executive executives professor scientist scientists author
		authors people authorities investigators regulators commission board council envoy
		negotiator negotiators premier chancellor spokesmen officials organizers organisers
		protesters demonstrators insiders veteran veterans doctor doctors worker workers staff staffer
		staffers aides data figures documents records memo letter filing filings release article
		editorial paper newspaper network channel agency office team party democrats republicans
		head heads counsel senior adviser pollster pollsters historian historians commentator
		commentators scholar scholars student students teacher teachers parents mother father son
		daughter wife husband woman man person family families friend friends colleague colleagues
		neighbor neighbors neighbour neighbours official's delegation delegates spokesperson officer
		director-general secretary-general minister's candidate's host anchor correspondent
		columnist reporter contributor pundit editor publisher writer novelist comedian actor
		actress singer rapper musician coach successor predecessor relative relatives cousin
		uncle aunt nephew niece grandmother grandfather`
	determiners = `the a an this these those his her their its our my your some many several few
		one two three four five six most all both each every other another any no such`
	prepositions = `in on at during from with via through over of for to by after before about
		under into against among between since until without within across around as unlike despite
		including following amid amidst per like toward towards upon onto beyond throughout near
		inside outside behind besides except`
	conjunctions = `and but or nor yet so because although though while whereas if unless when
		whenever where after before since until as once however meanwhile instead still also`
	timeWords = `monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
		tomorrow earlier later recently now then last week month year morning afternoon evening night
		weekend next mondays january february march april june july august september october november
		december jan feb mar apr jun jul aug sep sept oct nov dec spring summer autumn winter`
	// Abbreviations written with a final period that does not end a
	// sentence (titles and a few more).
	titleAbbrevs = `mr mrs ms dr prof sen rep gov gen lt col capt sgt adm st rev del fr hon maj cmdr
		supt insp det sr jr mt ft pres dist atty asst dep`
	otherAbbrevs = `inc co corp ltd vs etc no nos jan feb mar apr jun jul aug sep sept oct nov dec
		a.m p.m e.g i.e u.s u.k u.n approx est dept univ`
	starters = `the he she it they we i but and in a an this that there these those his her their
		its our my as at after before by for from if on so when while with yet however meanwhile
		still also his mr mrs ms`
	nameParts = `de del della der di da du van von bin ibn al el la le ul abu dos das`
	funcWords = `that which who whom whose what whether to not no yes is are was were be been being
		has have had do does did will would can could may might shall should must said says say
		according there here it its than then also just very more most less least`
	notSpeech = `the a an in on at of for to by with this that these those but and or however
		meanwhile also it its if when while after before during since as there here monday tuesday
		wednesday thursday friday saturday sunday january february march april may june july august
		september october november december today yesterday tonight last next some many several
		one two three four five no not yes all both each every other another any such what who why
		how where which whether breaking update updated photo video watch read related source
		sources editor's editor’s note notes correction advertisement something nothing everything
		anything someone somebody nobody everyone everybody anyone summary`
)

// Lemmas of the cues whose content is a view (see lexEntry.view), and of
// those whose bare object is a thing (see lexEntry.object). Both lists
// name lemmas; every form found in the lexicon is marked.
const (
	viewVerbs = `believe think know feel hope expect fear worry doubt want plan intend decide
		understand realize realise wonder consider refuse decline seek forecast project calculate
		anticipate wish suspect view regard deem judge determine rule discover learn recognize
		recognise accept prefer aim imagine reckon despise hate fathom convince support oppose
		back welcome remember show find vote approve offer commit prove demonstrate expose
		document echo require`
	objectVerbs = `propose accept recognize recognise support oppose back welcome seek offer commit vote
		approve convince remember discover learn view regard deem judge determine rule consider
		refuse decide despise hate fathom show find prove demonstrate expose document echo
		mention cite describe recount detail outline unveil publish issue retweet sing chant
		brag grumble bemoan praise criticize criticise blame accuse condemn reject dismiss
		defend attack blast slam hail laud applaud commend thank congratulate endorse deride
		mock ridicule denounce decry lambaste rebuke scold chastise berate excoriate assail
		castigate fault challenge dispute contest refute justify tout extol promote
		advocate request invite label dub brand liken compare equate reference highlight
		characterize characterise portray depict praise question disclose reveal announce
		report confirm deny convey threaten charge clarify order continue note observe admit emphasize
		emphasise stress underscore add promise testify`
	clauseVerbs  = `call write attack post`
	produceVerbs = `issue publish unveil post release retweet`
	judgeVerbs   = `praise criticize criticise blame thank commend congratulate fault slam attack
		blast hail laud applaud rebuke scold chastise berate excoriate lambaste assail castigate
		condemn denounce decry deride mock ridicule apologize apologise`
)

// markLemmas sets mark on every form in l of each lemma in list.
func (l lexicon) markLemmas(list string, mark func(*lexEntry)) {
	for _, lemma := range strings.Fields(list) {
		forms := verbForms(lemma)
		switch lemma {
		case "think":
			forms = []string{"think", "thinks", "thought", "thinking"}
		case "know":
			forms = []string{"know", "knows", "knew", "known", "knowing"}
		case "feel":
			forms = []string{"feel", "feels", "felt", "feeling"}
		case "understand":
			forms = []string{"understand", "understands", "understood", "understanding"}
		case "seek":
			forms = []string{"seek", "seeks", "sought", "seeking"}
		case "find":
			forms = []string{"find", "finds", "found", "finding"}
		case "write":
			forms = []string{"write", "writes", "wrote", "writing", "written"}
		case "show":
			forms = []string{"show", "shows", "showed", "shown", "showing"}
		case "forecast":
			forms = []string{"forecast", "forecasts", "forecasting"}
		case "plan", "commit", "regret", "prefer", "dub", "label", "brag", "rebut", "admit":
			forms = append(forms, regularDoubled(lemma)...)
		}
		for _, f := range forms {
			if e, ok := l[f]; ok && e.flags&wCue != 0 {
				mark(&e)
				l[f] = e
			}
		}
	}
}

// regularDoubled returns the forms of a verb that doubles its last
// consonant: "planned", "planning".
func regularDoubled(lemma string) []string {
	last := lemma[len(lemma)-1:]
	return []string{lemma + last + "ed", lemma + last + "ing", lemma + "led", lemma + "ling"}
}

// particleWords are the particles a cue may take, indexed by the bits of
// lexEntry.particles.
var particleWords = [...]string{"out", "to", "for", "on", "upon", "of", "about"}

// particlesOf returns the particles that make part of a cue with lemma:
// "point out", "call for".
func particlesOf(lemma string) []string {
	switch lemma {
	case "point":
		return []string{"out", "to"}
	case "call":
		return []string{"for", "on", "upon"}
	case "go":
		return []string{"on"}
	case "speak":
		return []string{"of", "about"}
	}
	return nil
}

// particleBits returns the bits of the particles of a lemma.
func particleBits(lemma string) uint8 {
	var b uint8
	for _, p := range particlesOf(lemma) {
		for i, w := range particleWords {
			if w == p {
				b |= 1 << i
			}
		}
	}
	return b
}

// verbForms returns the inflected forms of a regular English verb lemma.
func verbForms(lemma string) []string {
	n := len(lemma)
	switch {
	case strings.HasSuffix(lemma, "e"):
		return []string{lemma, lemma + "s", lemma + "d", lemma[:n-1] + "ing"}
	case n > 1 && lemma[n-1] == 'y' && !strings.ContainsRune("aeiou", rune(lemma[n-2])):
		return []string{lemma, lemma[:n-1] + "ies", lemma[:n-1] + "ied", lemma + "ing"}
	case strings.HasSuffix(lemma, "s") || strings.HasSuffix(lemma, "sh") ||
		strings.HasSuffix(lemma, "ch") || strings.HasSuffix(lemma, "x") || strings.HasSuffix(lemma, "z"):
		return []string{lemma, lemma + "es", lemma + "ed", lemma + "ing"}
	}
	return []string{lemma, lemma + "s", lemma + "ed", lemma + "ing"}
}

// addVerbs adds a list of cue lemmas of one class; a class already set by an
// earlier list is kept.
func (l lexicon) addVerbs(list string, class uint8, toInf map[string]bool) {
	for _, item := range strings.Fields(list) {
		lemma, irregular, ok := strings.Cut(item, ":")
		forms := verbForms(lemma)
		if ok {
			forms = append([]string{lemma}, strings.Split(irregular, ",")...)
		}
		for _, f := range forms {
			e := l[f]
			e.flags |= wCue
			if e.cue == cueNone {
				e.cue = class
				e.particles = particleBits(lemma)
				e.toInf = toInf[lemma]
			}
			l[f] = e
		}
	}
}

// newLexicon builds the word table.
func newLexicon() lexicon {
	l := lexicon{}
	toInf := map[string]bool{}
	for _, w := range strings.Fields(toInfinitive) {
		toInf[w] = true
	}
	l.addVerbs(tellVerbs, cueTell, toInf)
	l.addVerbs(sayVerbs, cueSay, toInf)
	l.addVerbs(thinkVerbs, cueThink, toInf)
	for _, lemma := range []string{"point", "go", "speak"} {
		forms := verbForms(lemma)
		switch lemma {
		case "go":
			forms = []string{"go", "goes", "went", "going"}
		case "speak":
			forms = []string{"speak", "speaks", "spoke", "speaking"}
		}
		for _, f := range forms {
			e := l[f]
			if e.cue == cueNone {
				e.flags |= wCue
				e.cue = cueNeedUp
				e.particles = particleBits(lemma)
				l[f] = e
			}
		}
	}
	for _, f := range strings.Fields(invertible) {
		e := l[f]
		e.invert = true
		l[f] = e
	}
	for f, e := range l {
		if e.flags&wCue != 0 && e.cue != cueNeedUp && strings.HasSuffix(f, "ing") {
			e.participle = true
			l[f] = e
		}
	}
	for _, f := range strings.Fields(nounish) {
		e := l[f]
		e.nounish = true
		l[f] = e
	}
	for _, f := range strings.Fields(participles) {
		e := l[f]
		if e.flags&wCue != 0 {
			e.participle = true
			l[f] = e
		}
	}
	l.markLemmas(viewVerbs, func(e *lexEntry) { e.view = true })
	l.markLemmas(objectVerbs, func(e *lexEntry) { e.object = true })
	l.markLemmas(clauseVerbs, func(e *lexEntry) { e.object, e.clause = true, true })
	l.markLemmas(judgeVerbs, func(e *lexEntry) { e.judge = true })
	l.markLemmas(produceVerbs, func(e *lexEntry) { e.produce = true })
	l.markLemmas("agree", func(e *lexEntry) { e.consent = true })
	l.add(auxWords, wAux)
	l.add(pronouns, wPronoun)
	l.add("he his him mr", wMale)
	l.add(females, wFemale)
	l.add(males, wMale)
	l.add("they we", wPlural)
	l.add(titles, wTitle)
	l.add(roles, wRole)
	l.add(determiners, wDet)
	l.add(prepositions, wPrep)
	l.add(conjunctions, wConj)
	l.add(timeWords, wTime)
	l.add(titleAbbrevs, wAbbrev|wTitle)
	l.add(otherAbbrevs, wAbbrev)
	l.add(starters, wStarter)
	l.add(nameParts, wNamePart)
	l.add(funcWords, wFunc)
	l.add("who whom which", wRelative)
	l.add(notSpeech, wNotSpeech)
	l.add(backVerbList, wBackVerb)
	return l
}
