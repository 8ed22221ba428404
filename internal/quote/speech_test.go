package quote

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestSpeechAndViews checks that what someone said is speech, what they
// are said to think or intend is a view, and what is neither (a thing
// accepted, a passive with nobody speaking, what someone should say) is
// no quote at all. The texts are made up.
func TestSpeechAndViews(t *testing.T) {
	tests := []struct {
		name, text string
		content    string         // a word of the content; "" when none is wanted
		kind       news.QuoteKind // wanted kind; "" when no quote is wanted
	}{
		{"said", "Mayor Ines Moreau said the bridge would reopen in May.", "bridge", news.QuoteSpeech},
		{"according to", "According to the ministry, the bridge will reopen in May.", "bridge", news.QuoteSpeech},
		{"urged", "Ines Moreau urged Norland to reopen the bridge.", "reopen", news.QuoteSpeech},
		{"expects", "Estavia expects Norland to reopen the bridge by May.", "reopen", news.QuoteView},
		{"wants", "Norland wants to reopen the bridge quickly.", "reopen", news.QuoteView},
		{"believes", "Ines Moreau believes that the bridge will reopen.", "bridge", news.QuoteView},
		{"accept a thing", "The survey makes it impossible to accept the ministry's position.", "position", ""},
		{"recognize a thing", "Norland was one of three nations to recognize the junta in 1998.", "junta", ""},
		{"passive", "The ministry has been urged to reopen the bridge.", "reopen", ""},
		{"modal", "Estavia ought to require that the bridge be reopened.", "reopened", ""},
		{"conditional", "Norland will gain more if they want to be trusted by the world.", "trusted", ""},
		{"relative", "The engineers who they point out have been trained abroad left.", "trained", ""},
		{"called on the phone", "Billy King called him again yesterday and reached a deal.", "again", ""},
		{"called a thing something", "Ines Moreau called the dam a disgrace to both countries.", "disgrace", news.QuoteSpeech},
		{"wrote a thing", "Criminals who write the viruses are already working on new ones.", "viruses", ""},
		{"a nickname", "Adam “Pacman” Jones says the injury was bothering him before the game.", "injury", news.QuoteSpeech},
		{"an attack", "Pirates attacked nearly 100 vessels off the coast last year.", "vessels", ""},
		{"a phrasal verb", "Hansbrough posted up on the right block and banked in a shot.", "block", ""},
		{"a noun", "I heard these piercing screams I will never forget.", "forget", ""},
		{"going on", "A battle is going on between the studio and the magazine.", "between", ""},
		{"a heading", "Notes: Chiefs WR Terrance Copper left with injuries.", "injuries", ""},
		{"inside another's content", "Last night, Rosenthal reported that, according to a league source, the deal was close.", "Rosenthal", ""},
		{"praised a thing", "Sheriff Ines Moreau praised the work of her investigators on Monday.", "investigators", ""},
		{"confirmed a thing", "The novelist confirmed the news on her website in a post to her readers.", "website", ""},
		{"mentioned a thing and its clause", "The agency chief mentioned a number of suspects who were crucial to the attack.", "suspects", ""},
		{"announced a clause", "Coach Alma Reyes announced Pierre Dumas was placed on injured reserve.", "reserve", news.QuoteSpeech},
		{"described as", "Ines Moreau described the mayor as a reckless spender.", "spender", news.QuoteSpeech},
		{"accused of", "The minister accused the opposition of stoking the protests.", "stoking", news.QuoteSpeech},
		{"pleaded guilty", "Vance Okoro pleaded guilty to obstructing justice in March.", "justice", ""},
		{"pleaded not guilty", "Vance Okoro pleaded not guilty to all charges.", "charges", ""},
		{"a tally", "Lena Ortiz scored 20 points, adding six rebounds.", "rebounds", ""},
		{"a tally in figures", "Lena Ortiz scored 20 points, adding 11 rebounds and four steals.", "rebounds", ""},
		{"added a tally", "Lena Ortiz added 15 points and 12 boards in the win.", "boards", ""},
		{"posted a tally", "Corey Raji posted 16 points for the Eagles.", "points", ""},
		{"went on a list", "Pierre Dumas went on injured reserve in early December.", "reserve", ""},
		{"who testified", "A second witness who testified was hurt in her arm.", "arm", ""},
		{"a letter describing", "The principal wrote a letter describing the pupil as hard-working.", "pupil", ""},
		{"a comma and describing", "Ines Moreau spoke for an hour, describing the plan as reckless.", "plan", news.QuoteSpeech},
		{"denied a thing", "Vance Okoro denied the distinction on Monday.", "distinction", ""},
		{"employees of", "Shots rang out. Employees of the plant told reporters that the shooter had been fired.", "shooter", news.QuoteSpeech},
		{"with a participle", "With that vote threatening to close the plant, Ines Moreau fired the board.", "plant", ""},
		{"an adjunct before the cue", "In a May 2019 meeting with the board, Lena Ortiz said.", "meeting", ""},
		{"what was answered", "Lena Ortiz responded to the mayor's claim that the pool was unsafe.", "unsafe", ""},
		{"now that opens no content", "Chief Ana Vale asked for help from the public now that the names of the suspects were known.", "names", ""},
		{"a participle before a cue and its colon", "Looking back on the years that followed, she told the magazine in 1998:", "years", ""},
		{"a cue with an object after its source", "His fall was sealed in a court where a parade of witnesses, led by Tomas \"Tom the Bull\" Varga, described \"Chin's\" power in the clan.", "fall was sealed", ""},
		{"an answer after the cue", "Asked whether the riots were an uprising, 60 percent responded yes.", "uprising", ""},
		{"a participle after a preposition's object", "The candidates took questions from veterans invited to take part in the forum.", "take part", ""},
		{"a headline's act", "Overdoses Suspected After Little Girl Alerts Bus Driver About Unresponsive Parents", "Bus Driver", ""},
		{"a headline's speech", "Mayor Says Bridge Will Reopen In May", "Bridge Will Reopen", news.QuoteSpeech},
		{"a guess at what was said", "Or perhaps Vale said, \"Where is the harbour?\"", "harbour", ""},
		{"a supposition", "Say Norland demanded that the bridge be closed before it would sign.", "bridge", ""},
		{"continued a thing", "They divorced in 1947 and Ana Vale continued her modeling work in Lyon.", "modeling work", ""},
		{"continued a quote", "\"We will rebuild,\" Ana Vale continued.", "rebuild", news.QuoteSpeech},
		{"agreed to a deal", "Tomas Varga agreed to a seven-year deal with the Lions late on Tuesday.", "deal", ""},
		{"agreed to a quoted act", "Tomas Varga agreed to \"stay out of politics\" for a year.", "politics", news.QuoteSpeech},
		{"a press conference", "Ana Ortiz held a lengthy press conference earlier this year to address why she refused to act.", "address why", ""},
		{"a relative clause's gap", "Tom Vale wanted a single cause of the flood, something that he said was impossible.", "impossible", ""},
		{"an inverted condition", "Ana Ortiz admitted had the club stayed in the league she might have left.", "club stayed", news.QuoteSpeech},
		{"let them tell", "Voters will not let pundits tell them what to think.", "think", ""},
		{"made him promise", "The judge made Tom Vale promise to pay the fine by May.", "pay the fine", ""},
		{"tried to explain", "Mayor Ines Moreau tried to explain the closure to the angry crowd.", "closure", ""},
		{"failed to explain", "Vance Okoro failed to explain why the plant would close.", "plant", ""},
		{"appeared to suggest", "Vance Okoro appeared to suggest that the plant would close.", "plant", news.QuoteSpeech},
		{"a campaign promise", "While Mayor Ines Moreau is keeping her campaign promise to cut fares, riders are worried.", "fares", ""},
		{"a campaign promise after a verb", "Ines Moreau is trying to keep his campaign promise to cut fares.", "fares", ""},
		{"the police say", "The police say the driver fled on foot.", "driver", news.QuoteSpeech},
		{"a fact underscores", "The bridge's age underscores a long neglect of the roads by the council.", "neglect", ""},
		{"a speaker underscores", "The spokeswoman underscored that the bridge was safe.", "bridge", news.QuoteSpeech},
		{"a count of people indicated", "Twelve percent indicated they had not decided.", "decided", news.QuoteSpeech},
		{"adding a clause", "Lena Ortiz said the team was tired, adding that the travel had hurt.", "travel", news.QuoteSpeech},
		{"a noun's infinitive", "The council put off a unanimous decision to condemn them to exile.", "exile", ""},
		{"a bold approach to", "The cabinet approved a bolder approach to counter the smugglers.", "smugglers", ""},
		{"declined to", "Captain Rhee declined to describe the device in detail.", "device", news.QuoteView},
		{"issued a thing for", "The vendor issued an urgent fix for a bug that has exposed user files.", "fix", ""},
		{"praised for", "Mayor Ines Moreau praised the firefighters for their courage.", "courage", news.QuoteSpeech},
		{"did not say", "Detectives did not say why the cashier had been fired.", "fired", ""},
		{"didn't say, tokenised", "Detectives didn ’ t say why the cashier had been fired.", "fired", ""},
		{"a negated view stays a view", "Ines Moreau doesn't believe that the dam will hold.", "dam", news.QuoteView},
		{"a thing after a quote in the sentence before", "She was named “Dancer of the Year.”\n\nHer films often depicted Lena Ortiz in jungle themes.", "jungle", ""},
		{"called someone to", "Lena Ortiz called her mother to share the news.", "share", ""},
		{"called on someone to", "Lena Ortiz called on the council to share the report.", "share", news.QuoteSpeech},
		{"to continue", "The mayor also directed city agencies to continue consulting with engineers.", "engineers", ""},
		{"a noun cue before that", "Jonas Berg led a powerful attack that nearly won the game.", "nearly won", ""},
		{"threatening a thing", "The melting of the glacier is threatening the village below.", "village", ""},
		{"state as an adjective", "The Alaska state director of the agency resigned in May.", "director", ""},
		{"charged with", "Prosecutors have charged two developers with fraud.", "fraud", ""},
		{"charged a clause", "Prosecutors charged it was a scheme to cheat investors.", "scheme", news.QuoteSpeech},
		{"issued as part of", "The vendor issued a batch of faulty updates as part of its monthly cycle.", "faulty", ""},
		{"issued a word in quote marks", "The agency issued “revised” rules meant to shield the projects.", "shield", ""},
		{"posted a thing", "Thieves have posted stolen code on hundreds of sites.", "stolen", ""},
		{"clarified a thing before a colon", "Then the minister clarified rules covering three kinds of harm: floods, fires and storms.", "floods", ""},
		{"acknowledged a clause", "Vance Okoro acknowledged he paid the recruit about $6,000.", "paid the recruit", news.QuoteSpeech},
		{"law and order", "A law and order sheriff, he ran the county's jail for a decade.", "county's jail", ""},
		{"urging on", "Vitali stood in the corner, urging on fans in the stadium as the chants began.", "fans", ""},
		{"testified about a topic", "His mother testified about the weeks before the trial on the day he ran away.", "ran away", ""},
		{"admitted herself", "Lena Ortiz admitted herself to the clinic on Monday.", "clinic", ""},
		{"required a thing", "The court rulings require pinpointing a single cause.", "pinpointing", news.QuoteView},
		{"charged him and a clause", "Police have charged him and he will appear in court on Monday.", "appear", ""},
		{"ordered a thing", "The coach ordered an inquiry into the leak.", "inquiry", ""},
		{"confirmed a thing and a clause", "The mayor confirmed the report, and the news was soon everywhere.", "news", ""},
		{"an executive order", "On Friday the governor signed an executive order lifting the curfew.", "lifting", ""},
		{"added a point", "The Bluejays added a point to their lead when the center made a free throw.", "free throw", ""},
		{"asked not to be named", "One neighbour, who asked not to be named, said the family kept to itself.", "be named", ""},
		{"told someone about a topic", "Ines Moreau told the jurors about the moment she was hit.", "was hit", ""},
		{"responded to someone and went on", "As in the past, Jonas Berg responded to the coach and threw more jabs.", "As in the past", ""},
		{"conveyed a thing", "Dr. Amara Osei conveyed the hardships of rural clinics.", "hardships", ""},
		{"a reason", "One big reason why was the snow that fell on the tracks.", "snow", ""},
		{"according to a poll", "Costa and Varga are level before the vote, according to a new Gazette poll.", "level", news.QuoteView},
		{"a poll indicates", "The poll indicates a closer race as Varga gains ground.", "closer race", news.QuoteView},
		{"a study released by someone", "A 30-page study released by the health ministry reveals how fast the fever spreads.", "fever", ""},
		{"a report by someone", "A report by the council said the bridge was unsafe.", "unsafe", news.QuoteView},
		{"proposed a doing", "In May he proposed dropping the fuel levy as promised, but critics balked.", "levy", ""},
		{"said a doing and its verb", "Ines Moreau said voting would start at noon.", "noon", news.QuoteSpeech},
		{"rejected that thing", "Judge Ana Vale rejected that claim in a ruling on Thursday.", "ruling", ""},
		{"rejected that and a clause", "Ana Vale said that claim was false.", "false", news.QuoteSpeech},
		{"challenging a possessive's thing", "Nine towns are challenging the agency's water rules before the appeals court.", "water rules", ""},
		{"mentioned remarks someone had made", "Costa mentioned rude remarks Varga had made about nurses as signs of his contempt.", "nurses", ""},
		{"without saying", "It goes without saying that the levy is costly.", "levy", ""},
		{"rules call for", "Clinic protocol called for the patient to be taken to a trauma center.", "trauma", news.QuoteView},
		{"published a thing that showed", "On Sunday the Gazette published parts of the returns that showed the firm lost money.", "lost money", ""},
		{"proposing a thing", "Varga backed off, proposing new limits on bonuses for bankers.", "bonuses", ""},
		{"cited a thing as examples", "Costa cited rude remarks Varga had made about nurses as examples of his contempt.", "nurses", ""},
		{"a noun cue before a verb", "Their presence in school board contests has the potential to sway elections.", "potential", ""},
		{"cited a thing someone blamed", "Varga cited problems in the east that he blamed on the mayor.", "blamed", ""},
		{"a cue before a capitalised role and a name", "Ana Costa is demanding President Tom Vale make a pledge.", "make a pledge", news.QuoteSpeech},
		{"said a thing", "Once he has said his piece, he is ready to move on.", "ready to move on", ""},
		{"said a clause with a possessive", "Ana Costa said his plan would fail.", "plan would fail", news.QuoteSpeech},
		{"proposes a doing with a possessive in it", "The candidate proposes allowing parents to deduct the cost of their state's care from their taxes.", "deduct", ""},
		{"proposing things such as", "Varga backed off, proposing new limits on bonuses, such as capping them at a salary.", "bonuses", ""},
		{"a report stated", "\"The impact remains unclear,\" the fund's report stated.", "impact", news.QuoteView},
		{"the final say", "The president has the final say on the matter.", "matter", ""},
		{"a thing called by a name", "The mother ship, a small boat called Salahaddin, had fish stocked in it.", "fish stocked", ""},
		{"according to a record", "According to his police record, this is his second arrest.", "second arrest", news.QuoteView},
		{"a word in quote marks inside a thing", "Dr. Vale has been investigated for promoting “magic” diet pills.", "diet pills", ""},
		{"a word in quote marks and a time", "The families requested \"total privacy\" on Monday.", "total privacy", news.QuoteSpeech},
		{"a heading in quote marks", "\"It was hard,\" Ana Costa said.\n\n'All Bets Are Off.'\n\nThe storm came on Monday.", "Bets", ""},
		{"a free relative", "That gap between what Varga says his plan would do and what experts say has endured.", "plan would do", ""},
		{"detailed a thing that benefited", "The Gazette has also detailed foundation spending that personally benefited Varga.", "spending", ""},
		{"a slide says", "Six million jobs depend on exports, one slide says.", "jobs depend", news.QuoteView},
		{"a headline with a word in quote marks", "Retired Admiral Reveals 'Painful' Story Of Navy Cuts.", "Story", ""},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			var q *news.Quote
			for i := range got {
				if tt.content != "" && strings.Contains(got[i].Text, tt.content) {
					q = &got[i]
				}
			}
			switch {
			case tt.kind == "" && q != nil:
				t.Errorf("found %s %q by %q (%s), want no quote", q.Kind, q.Text, q.Speaker, q.Cue)
			case tt.kind != "" && q == nil:
				t.Errorf("no quote holding %q; got %s", tt.content, describe(got))
			case tt.kind != "" && q.Kind != tt.kind:
				t.Errorf("quote %q is %q, want %q", q.Text, q.Kind, tt.kind)
			}
		})
	}
}

// TestSpeakers checks speakers a reader would name: the whole noun phrase
// and not a name that only modifies it, the actor of a gerund, a role
// resolved to the person who holds that role, the content before "X has
// said", an adjunct between cue and content.
func TestSpeakers(t *testing.T) {
	tests := []struct {
		name, text, content, speaker string
	}{
		{"according to a group",
			"According to Norlandic observers, the militia has grown stronger.", "militia", "Norlandic observers"},
		{"a nominal with a name in it",
			"A top Estavian official called for Norland to act against the militia.", "act against", "a top Estavian official"},
		{"has said after the content",
			"The ministry has serious concerns over Norland offering shelter to the militia, the Pentagon has said.", "concerns", "Pentagon"},
		{"an adjunct before the content",
			"The interior minister stated at a press conference on Sunday that the militia was behind the attack.", "militia", "the interior minister"},
		{"the president is not the vice president",
			"President Anna Holm arrived first. Vice President Karl Berg spoke next. \"We will act,\" said the president.", "We will act", "Anna Holm"},
		{"a role named in the next sentence",
			"The interior minister and head of the agency stated on Sunday that the militia was behind the attack. Tomas Varga demanded that Norland hand them over.", "behind the attack", "Tomas Varga"},
		{"a pronoun after a speaker the names missed",
			"Jackson failed sobriety tests shortly after 2 a.m., said California Highway Patrol Officer Ray Scheidnes. He said he did not know the blood-alcohol level.",
			"blood-alcohol", "Ray Scheidnes"},
		{"told an agency",
			"“I attach hopes to these elections,” Valentina Redzhepova, an official at a polling station, told AFP.",
			"attach hopes", "Valentina Redzhepova"},
		{"a title that goes with a given name",
			"Interior Minister Sheikh Rasheed told the Senate that the talks had failed.", "talks", "Sheikh Rasheed"},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			q, ok := findQuote(got, tt.content)
			if !ok {
				t.Fatalf("no quote holding %q; got %s", tt.content, describe(got))
			}
			if q.Speaker != tt.speaker {
				t.Errorf("quote %q: speaker %q, want %q", q.Text, q.Speaker, tt.speaker)
			}
			for _, q := range got {
				if strings.Contains(q.Text, "shelter") && q.Cue == "offering" {
					t.Errorf("a gerund's object taken for a quote: %q by %q", q.Text, q.Speaker)
				}
			}
		})
	}
}

// TestUnknownSpeaker checks that a pronoun with nobody to stand for is
// unknown, not "he".
func TestUnknownSpeaker(t *testing.T) {
	got := NewFinder().Find("He said the bridge would reopen in May.", nil)
	q, ok := findQuote(got, "bridge")
	if !ok {
		t.Fatalf("no quote; got %s", describe(got))
	}
	if q.Speaker != "" {
		t.Errorf("speaker %q, want unknown (empty)", q.Speaker)
	}
	if q.SpeakerSpan.End <= q.SpeakerSpan.Start {
		t.Errorf("speaker span %+v, want the pronoun's", q.SpeakerSpan)
	}
}

func TestCueKind(t *testing.T) {
	f := NewFinder()
	for cue, want := range map[string]news.QuoteKind{
		"said": news.QuoteSpeech, "has called for": news.QuoteSpeech, "according to": news.QuoteSpeech,
		":": news.QuoteSpeech, "told": news.QuoteSpeech, "wants": news.QuoteView, "believes": news.QuoteView,
		"have shown": news.QuoteView, "were frustrated": news.QuoteView, "expected": news.QuoteView,
	} {
		if got := f.CueKind(cue); got != want {
			t.Errorf("CueKind(%q) = %q, want %q", cue, got, want)
		}
	}
}

// TestQuoteClosedInNextParagraph checks a quote left open at a
// paragraph's end and closed, without opening again, in the next, where
// its speaker is named: one quote, that speaker's, not the last one
// named before it.
func TestQuoteClosedInNextParagraph(t *testing.T) {
	text := "The producers Alma Reyes and Tomas Lind named the host today.\n\n" +
		"“ We are thrilled to have her back, ” said Reyes.\n\n" +
		"“ I am so excited to be hosting the show again.\n\n" +
		"They say the third time is the charm, ” said Ines Moreau."
	var got []string
	for _, q := range NewFinder().Find(text, nil) {
		got = append(got, q.Speaker+": "+q.Text)
		if strings.Contains(q.Text, "so excited") && (q.Speaker != "Ines Moreau" || !strings.Contains(q.Text, "charm")) {
			t.Errorf("quote %q given to %q; want one quote up to \"charm\", Ines Moreau's", q.Text, q.Speaker)
		}
	}
	if len(got) != 2 {
		t.Errorf("found %d quotes, want 2:\n%s", len(got), strings.Join(got, "\n"))
	}
}

// TestTheyStandsForACollective checks that a "they" that speaks, with no
// plural speaker before it, stands for the people a plural noun just
// before names, and stays unknown without one.
func TestTheyStandsForACollective(t *testing.T) {
	f := NewFinder()
	for _, tt := range []struct{ text, want string }{
		{"Harbour police tried to reach the skipper, but they say he was uncooperative.", "Harbour police"},
		{"The river rose overnight. They say the bridge will stay shut.", ""},
	} {
		qs := f.Find(tt.text, nil)
		if len(qs) != 1 {
			t.Fatalf("%q: %d quotes, want 1: %s", tt.text, len(qs), describe(qs))
		}
		if got := qs[0].Speaker; got != tt.want {
			t.Errorf("%q: speaker %q, want %q", tt.text, got, tt.want)
		}
	}
}
