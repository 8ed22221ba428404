// Package event finds events in news text about conflict and politics —
// who did what to whom, where and when, with the numbers of people killed,
// injured and arrested that the text gives — and groups the mentions of one
// real-world event across articles.
//
// # Finding
//
// Finder.Find is a set of rules over tokens and sentences, compiled once by
// NewFinder, with the named-entity mentions and temporal expressions of the
// earlier stages as input. For each sentence it looks up trigger words
// (verbs and nouns), reads how each trigger is used (noun or verb, active or
// passive, after a light verb such as "carried out" or "held"), and fills
// the event's arguments:
//
//   - Actor: the subject of an active verb or of the light verb before a
//     noun ("Police arrested", "the TTP had intensified its attacks"), the
//     "by X" of a passive or a noun ("attacks carried out by the TTP"), the
//     owner or the name before a noun ("the group's attack", "TTP attack",
//     "US sanctions"), and for attacks the perpetrator the sentence names:
//     "X claimed responsibility", "X was behind", "X was responsible for",
//     "attributed to X", "blamed on X", "blamed X for", "accused X of".
//     Pronouns ("his government", "its attacks") and "which"/"who" are
//     resolved to the nearest fitting name before them in the sentence
//     (not inside a quote that ends before the pronoun); he, his, she, her
//     and its also to the last person or organisation of the sentences
//     before; "Imran Khan's government" is Imran Khan. "X and Y met" makes X the actor and Y the target of
//     meetings, talks and agreements, as "talks between X and Y" and
//     "US-Taliban talks" do.
//   - Target: the object of an active verb, the subject of a passive one,
//     "against X" and "on X" (attacks, sanctions, protests), "with X"
//     (talks, meetings, agreements, clashes), "of X" ("the arrest of X").
//   - Place: a place named just before a noun ("the Bisham attack"), or the
//     nearest place mention after "in", "near", "at", "outside", "inside",
//     "across", "into", "through", "throughout", "around" (and "to" for
//     visits) in the same clause.
//   - When: the nearest date or time of the sentence that is not a duration
//     or a vague expression, and not across a clause boundary ("that",
//     "which", "when", ...): in "said on Friday that his government had
//     opened talks", Friday dates the saying, not the talks. An event
//     placed by its distance from the sentence's date is counted from it:
//     in "agreed on Thursday to talk, two days after a border clash" the
//     clash is two days before Thursday; when the distance is not in days
//     or weeks, or no day is named before the phrase, it stays undated.
//   - Killed, Injured, Arrested: counts written in digits or words ("12",
//     "twenty-five", "thirty five", "two hundred", "a dozen"), summed over
//     lists ("killed five Chinese labourers and one local" is 6, as is
//     "claimed the lives of five ... and one local"), read before a
//     participle or adjective ("12 dead", "two engineers were killed and
//     five people were injured", "left three guards dead and four injured"),
//     after an active verb ("arrested eleven suspects") or after "death
//     toll" ("rose to 31"). Vague amounts ("dozens", "hundreds",
//     "thousands", "several") give no count. A sentence that denies
//     casualties ("no one was killed", "nobody was injured", "no
//     casualties") gives 0; "no one was hurt" gives 0 killed and 0 injured.
//     "Casualties" with a number gives no count, as it may mean dead or
//     wounded. When a sentence gives several counts of one kind the largest
//     is kept. Counts go to the sentence's attack, else to its disaster or
//     protest; arrests to its arrest. Every count not given is -1. Crowd
//     sizes are no casualties: "5,000 people marched" counts nothing; nor
//     is a number before a measure ("arrested four times", "20 years").
//
// One sentence gives at most one event of each type: the triggers of one
// type in a sentence ("killed ... in the suicide attacks") are one event,
// named by its strongest trigger. Sentence is the sentence's byte span and
// Trigger the trigger as written.
//
// Modality records the cues before a trigger: "will", "plans to", "is
// expected to", "the planned", "ahead of", "prior to a" make an event
// news.Planned; "could", "may", "should", "if", "threatened to", "called
// for", "wants to", "possible" and an infinitive ("to broker a deal") make
// it news.Possible; "called off", "cancelled", "ended", "broke", "violated",
// "lifted", "suspended" before a noun trigger ("the TTP called off the
// ceasefire", "the cancelled visit") make it news.Cancelled: it did not
// happen, or no longer holds. Events a sentence denies ("did not meet", "no
// agreement", "refused to sign", "failed to reach a deal") are left out.
// Events with no actor, target, place, date or count ("open for dialogue")
// are left out too: they say nothing a reader could follow.
//
// # Event types and their triggers
//
// Triggers are matched in lower case, whole words, longest phrase first.
// Words in brackets are conditions.
//
// EventAttack, violence by people against people or places: attack, attacks,
// attacked, attacking, bombing, bombings, bombed, blast, blasts, explosion,
// explosions, exploded, detonated, ambush, ambushes, ambushed, clash,
// clashes, clashed, clashing, assault, assaults, airstrike, airstrikes,
// strike and strikes [after air, drone, missile, rocket, military,
// artillery, retaliatory, precision, pre-emptive, preemptive, punitive,
// aerial, naval, airborne], shelling, shelled, bombardment, massacre,
// shooting, shootings, gunfight, firefight, skirmish, skirmishes, raid,
// raids, raided, stormed, assassination, assassinated, murdered, killings,
// kidnapping, kidnapped, abduction, abducted, gunned down, shot dead, opened
// fire, open fire, opens fire, suicide bomber, insurgency attack, rampage,
// rampages, fighting;
// and the casualty verbs killed, killing, kills, wounded, wounding, injured,
// injuring, which name an attack only when nothing better does. None of
// them before rifle, weapon, helicopter, dog, aircraft, reserve, list or
// slump ("assault rifles", "injured reserve", "shooting slump"), and no
// trigger inside a name ("Summit Entertainment").
//
// EventOther: deaths and injuries in a sentence about a disaster or an
// accident (crash, earthquake, flood, landslide, storm, fire, collapse, ...)
// rather than an attack, or in the sentences after one until an attack is
// named: "An earthquake killed 40 people".
//
// EventArrest: arrested, arrest, arrests, arresting, detained, detain,
// detaining, detention, detentions, apprehended, apprehending, nabbed,
// rounded up, taken into custody. The owner of an arrest is its target:
// "his arrest", as for assassination, killings, kidnapping, abduction and
// shooting.
//
// EventMeeting, a meeting or a visit: meet, meets, met [not "meet demands",
// "meet the deadline"], meeting, meetings, visit, visits, visited,
// visiting, summit, summits.
//
// EventTalks, negotiations not (yet) concluded: talks, negotiations,
// negotiate, negotiates, negotiated, negotiating, dialogue, discussions,
// mediation, mediated, peace process.
//
// EventSanction, penalties one state or body imposes on another: sanction,
// sanctions, sanctioned, blacklisted, embargo, embargoes, tariff, tariffs,
// asset freeze.
//
// EventAgreement, an agreement made, signed or broken: agreement,
// agreements, accord, accords, treaty, treaties, ceasefire, ceasefires,
// cease-fire, cease fire, truce, pact, memorandum of understanding, mou,
// deal and deals [as nouns: "a peace deal", not "deal with"], signed [with
// one of the others, or a name holding one, within five words: "signed a
// trade pact", "signed the Paris Agreement"; not "signed a bill"]. A ceasefire called off or violated is
// an EventAgreement with trigger "ceasefire" and modality news.Cancelled.
//
// EventProtest: protest, protests, protested, protesting, protesters,
// protestors, demonstrators, demonstration, demonstrations, sit-in,
// sit-ins, riot, riots, rioting, walkout, hunger strike, general strike,
// strike and strikes [after general, hunger, labour, labor, workers,
// nationwide, national, teachers, doctors, nurses, transport, rail], march,
// marches, marched, rally, rallies [in lower case: "March" is a month],
// took to the streets, take to the streets; none of them before gear,
// police, squad, shield or control ("riot police").
//
// EventElection: election, elections, by-election, referendum, ballot,
// runoff, run-off, polls [not "opinion polls"], went to the polls, go to
// the polls, vote, votes, voted, voting, elected [not "elected to stop"],
// re-elected.
//
// EventStatement, kept few on purpose (reported speech is the quote
// finder's): statement, press conference, news conference, press briefing,
// communique, announced, declared; only with a speaker, found as the
// subject of the trigger or of the reporting verb before it ("Kirby said
// on Thursday at a news conference"). "Said" alone is no event.
//
// # Grouping
//
// Group clusters the event mentions of several articles (of one story) that
// report one real-world event; GroupKey names a group stably. See Group for
// the rules.
package event
