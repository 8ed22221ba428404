package quote

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestTrustedSpeakers checks the speakers of the misses found by reading
// quotes against their articles: each case fails without the rule it
// names. The texts are made up.
func TestTrustedSpeakers(t *testing.T) {
	tests := []struct {
		name, text, content, speaker string
	}{
		{"a lender kept when a colon speaker moves the list",
			"Lena Ortiz: The road will be ready by June.\n\n" +
				"The Rev. Amos Tell, who runs a youth club, said the park was unsafe and lamented that the council did not listen.\n\n" +
				"But he said he understood why.",
			"understood why", "Amos Tell"},
		{"a pronoun after a speaker named by a role",
			"The frigate drove off the raiders, the coast guard spokeswoman said.\n\n" +
				"The crew of a Naval patrol boat joined the search later.\n\n" +
				"Two of the raiders were caught near the reef, she said.",
			"caught near the reef", "the coast guard spokeswoman"},
		{"a definite role after the person it names",
			"Mayor Hugo Brandt says he has plans for the harbour.\n\n" +
				"The Liberal mayor noted Friday that the port had grown. He said the new quay would open in May.",
			"new quay", "Hugo Brandt"},
		{"a question mark ending a quote before its attribution",
			"Hugo Brandt said the plan was sound.\n\n“Why build it now?” Ana Costa said on Tuesday. “The old bridge is fine.”",
			"Why build it now", "Ana Costa"},
		{"the head of a subject with a relative clause",
			"Students who have marched since the school's closure said they would return on Monday.",
			"would return", "Students"},
		{"a relative clause with a modal of its own",
			"A rival bidder whose plans could be hurt by the merger of Norcom also indicated that a deal was close.",
			"deal was close", "a rival bidder"},
		{"a relative clause after a plural head",
			"Officials who spoke on condition of anonymity said the talks had stalled.",
			"talks had stalled", "Officials"},
		{"a description before the name opening a sentence",
			"Weekly magazine Clarion saw the film as a triumph for its cast, writing that the ending \"will divide audiences.\"",
			"will divide audiences", "Clarion"},
		{"an age standing for the person given it",
			"Marta Quill, 29, won the race on Sunday.\n\n\"I feel great,\" said the 29-year-old, who also won in 2010.",
			"I feel great", "Marta Quill"},
		{"an age in a tokenised text",
			"The 16 - year - old Leo Brandt finished second.\n\n\"My legs hurt,\" said the 16 - year - old.",
			"My legs hurt", "Leo Brandt"},
		{"an age nobody is given stays a description",
			"Marta Quill won the race.\n\n\"It was hard,\" said the 31-year-old.",
			"It was hard", "the 31-year-old"},
		{"a quote after a statement issued",
			"Hugo Brandt said the fire started in the kitchen.\n\nThe chef's family later released a statement.\n\n" +
				"\"We are grateful to the firefighters who saved our home.\"\n\n\"We will rebuild.\"",
			"We will rebuild", "the chef's family"},
		{"a quote after a colon",
			"Hugo Brandt said the fire started in the kitchen.\n\nThe mayor, Ana Costa, said in a statement:\n\n" +
				"\"The city will help every family affected.\"",
			"every family affected", "Ana Costa"},
		{"a quote before a role and its name, and an adjunct after the cue",
			"“The council broke its own rules,” the auditor, Nora Vance, wrote in the Gazette in 2019.",
			"broke its own rules", "Nora Vance"},
		{"a pronoun for the subject of the sentence before",
			"“We need the money,” said Mayor Tom Costa.\n\nA year later, Governor Leo Brandt signed the bill.\n\n" +
				"“This is a good day for the state,” he said.",
			"a good day", "Leo Brandt"},
		{"the police are not the police commissioner",
			"Police Commissioner Ana Costa visited the school on Monday.\n\nThe gunman had fired four shots, the police said.",
			"fired four shots", "the police"},
		{"two speakers joined by and",
			"Senator Rosa Quill and Senator Tomas Varga met on Monday.\n\nQuill and Varga said the bill would pass.",
			"bill would pass", "Rosa Quill and Tomas Varga"},
		{"the statement of the one who issued it",
			"The bakery issued a statement on Tuesday.\n\nIt was the third fire in a month.\n\n" +
				"\"We will reopen as soon as we can,\" the statement said.",
			"reopen as soon", "the bakery"},
		{"a possessive as a tokenised text writes it",
			"The City Attorney ’ s office said the case had not been filed.",
			"not been filed", "the City Attorney ’ s office"},
		{"a role after after",
			"Lopez, 17, was hit three times after police said he ran a red light.",
			"ran a red light", "police"},
		{"they for two people the sentence before has for subject",
			"Producers Ana Quill and Thomas Varga met the cast.\n\nQuill and Varga have cut the opening number.\n\nThey said the show would be shorter.",
			"show would be shorter", "Ana Quill and Thomas Varga"},
		{"they for jurors",
			"Three jurors spoke briefly outside the courtroom.\n\nThe evidence was overwhelming, they said.",
			"evidence was overwhelming", "three jurors"},
		{"a numbered speaker",
			"“We argued for hours,” Juror No. 7 said.",
			"argued for hours", "Juror No. 7"},
		{"he for a role its own sentence names",
			"The Norlandic prime minister has condemned what he called the \"theft\" of the election.",
			"theft", "the Norlandic prime minister"},
		{"a verb of manner after a quote and a name",
			"“It never ends,” said Frank Ortiz.\n\n“Please stay out of our town,” Varga fumed on the radio.",
			"stay out of our town", "Varga"},
		{"quoted as saying",
			"Maria Ortiz taught at a village school.\n\n“I could not keep the boys quiet,” she is quoted as saying.",
			"keep the boys quiet", "Maria Ortiz"},
		{"a list of speakers",
			"Police agents, prosecutors and former gang members described his illness as a staged act.",
			"staged act", "Police agents, prosecutors and former gang members"},
		{"no list after a place",
			"In Paris, officials and aides said the talks went well.",
			"talks went well", "officials and aides"},
		{"two determiners",
			"The families of the two injured workers requested \"total privacy\" on Monday.",
			"total privacy", "the families of the two injured workers"},
		{"a definite role and its name in apposition",
			"The German Chancellor, Angela Merkel, facing critics at home, said the rules must change.",
			"rules must change", "Angela Merkel"},
		{"a quote after a speech verb that took no content",
			"Mayor Tom Costa spoke first.\n\nAna Quill, head of the bird society, agreed with the ruling.\n\n\"We are glad the agency acted.\"",
			"glad the agency acted", "Ana Quill"},
		{"a role is not the role of a possessor",
			"Officer Ana Costa fired the shot.\n\nThe officer's partner, Tomas Varga, was also charged.\n\nThe officer said that she fired in self defence.",
			"fired in self defence", "Ana Costa"},
		{"asked not to be named, then said",
			"One neighbour, who asked not to be named, said: 'He loved his mother.'",
			"He loved his mother", "one neighbour"},
		{"a name with a title in apposition to a role",
			"The minister of trade, Mr. Rafael Ortega Solis, argues that tariffs would hurt both sides.",
			"tariffs would hurt", "Rafael Ortega Solis"},
		{"a pronoun skips a possessive for the subject before",
			"The minister of trade argues there is no point in answering Mr. Brandt's threats now.\n\n" +
				"\"We must keep calm,\" he told me.",
			"keep calm", "the minister of trade"},
		{"a pronoun for a woman described, not a writer named before",
			"The columnist Ana Costa reports: \"The crowd was loud.\"\n\n" +
				"\"I was not tired,\" she said later.\n\nThe young mother's delight at the result is plain:\n\n" +
				"\"Here he comes,\" she said, waving.",
			"Here he comes", "the young mother"},
		{"a verb joined to a subordinate clause's verb",
			"Spokeswoman Lena Ortiz said the candidate was giving interviews when city police and park staff found her and told her to leave.",
			"to leave", "city police and park staff"},
		{"a bare surname is the first person named with it",
			"Senator Tomas Varga endorsed the mayor on Friday.\n\nA video of Ana Varga was shared widely.\n\n" +
				"\"I will not stay silent,\" Varga said.\n\n\"It was personal,\" he said.",
			"It was personal", "Tomas Varga"},
		{"who after a list of names is the last",
			"The gala featured stars like Ana Costa, Tom Vale and Lena Ortiz, who joked of the hall, \"I have not seen it yet.\"",
			"not seen it yet", "Lena Ortiz"},
		{"a pronoun after a speaker named by a title and surname alone",
			"Ana Costa said the levy was fair.\n\nThe top rate is what counts, Mr. Kamin said.\n\n\"It is a clear signal,\" he added.",
			"clear signal", "Kamin"},
		{"she after a speaker named by her surname alone",
			"Ana Costa spoke in Toledo on Monday.\n\nOrtiz said Costa was not consistent.\n\n\"It only comes up when there is a video,\" she said.",
			"only comes up", "Ortiz"},
		{"it for a publication that wrote just before",
			"\"The firm lost money,\" the Gazette wrote.\n\n\"But since then, its fortunes have changed,\" it further wrote.",
			"fortunes have changed", "Gazette"},
		{"they for a group named by a plural name",
			"Democrats repeatedly noted that Vale had refused to testify. They noted his lawyer offered a closed session.",
			"closed session", "Democrats"},
		{"a role word that is also a cue before a name",
			"\"We will fight this,\" White House press secretary Tom Vale said at a briefing.",
			"fight this", "Tom Vale"},
		{"a claim of someone after a participle",
			"Video shows his hands were up, contradicting Tulsa police's earlier claim that he had refused to raise them.",
			"refused to raise them", "Tulsa police"},
		{"a day before the subject is no speaker",
			"Ana Costa spoke on Monday.\n\nEven Friday, he claimed that Costa had started the feud.",
			"started the feud", ""},
		{"people named by where they live",
			"Residents near the old mill said a police cruiser chased the car.",
			"cruiser chased", "Residents near the old mill"},
		{"she for her own sentence's subject, not the last speaker",
			"The gala featured Tom Vale, who joked, \"I have not seen it yet.\"\n\n" +
				"Ms. Ortiz got a roar from the crowd when, at the end of the song, she told the hall that she would vote.",
			"would vote", "Ortiz"},
		{"a noun after a name is no cue, and a dateline no subject",
			"LYON — Mayor Ana Costa made her first Facebook post of the year on Tuesday, accusing a former aide of \"ignoring the rules.\"",
			"former aide", "Ana Costa"},
		{"two names agree with a base form",
			"Mayor Ana Costa and Lena Ortiz describe the fire as an accident.",
			"fire as an accident", "Ana Costa and Lena Ortiz"},
		{"a text that reads a quote stands for who sent it",
			"A group of parents sent a letter to the board.\n\n“We see schools offering hope,” the letter reads. “Our children are thriving.”",
			"children are thriving", "a group of parents"},
		{"a statement nobody issued is no letter sent",
			"A group of parents sent a letter to the board.\n\nHugo Brandt said the fire started in the kitchen.\n\n“We will rebuild the shop,” the statement reads.",
			"rebuild the shop", "the statement"},
		{"a quote after its own unread attribution and a pronoun",
			"“The bridge is safe,” Hugo Brandt explained. “It will stay open.”\n\n“I am not leaving,” he began. “There is work to do.”",
			"work to do", "Hugo Brandt"},
		{"a role between an outlet and a name after the cue",
			"“It is a fine plan,” said radio host Tom Vale.",
			"fine plan", "Tom Vale"},
		{"what follows a possessive after according to",
			"According to the mayor's official website, the pool will open in May.",
			"pool will open", "the mayor's official website"},
		{"a noun a name modifies after according to",
			"According to the Norland constitution, the parliament passes the laws.",
			"parliament passes", "the Norland constitution"},
		{"a noun a name modifies after the cue, not a verb",
			"\"It is fine,\" said the Norland government.\n\nOne neighbour, who asked not to be named, said the family kept to itself.",
			"It is fine", "the Norland government"},
		{"a plural after a noun taken for a title",
			"Hackers can take control of the machines, according to security specialists.",
			"take control", "security specialists"},
		{"an abbreviated title before a name",
			"\"This is the crime the law was made for,\" said Dist. Atty. Steve Cole.",
			"the law was made for", "Steve Cole"},
		{"a name in apposition to its owner's role",
			"Norland's successor, President Ana Vardy, has revoked some decrees and vowed to pursue reform.",
			"pursue reform", "Ana Vardy"},
		{"nouns a name modifies after according to, with no determiner",
			"Vale was one of four men on the ridge, according to Norland media reports.",
			"four men on the ridge", "Norland media reports"},
		{"a noun that is also a cue after the cue",
			"\"The state cannot avoid the conclusion,\" said the ruling.",
			"cannot avoid", "the ruling"},
		{"she for a woman named as a subject after the last speaker",
			"Senator Maria Lopez met Governor Tom Reed on Monday.\n\nLopez said the bill would pass. He said it would fail.\n\n" +
				"Ana Costa and her husband Piet Vos run the bakery.\n\nVos said the oven was old. She said they would buy a new one.",
			"buy a new one", "Ana Costa"},
		{"he for the speaker named again after a nearer subject",
			"Hugo Brandt said the plan was sound.\n\nTom Vale left the board in May. The board thanked Mr. Brandt.\n\nThe money never ran out, he said.",
			"money never ran out", "Hugo Brandt"},
		{"a verb after and goes on with a relative clause",
			"The video has become a focus for protesters here, who have marched through the town and called for its release.",
			"its release", "protesters"},
		{"a verb after and goes on with the main clause after a relative one",
			"Vale, who founded the firm, sold it in May and said the price was fair.",
			"price was fair", "Vale"},
		{"two single marks that close a double quote",
			"“We are pleased to honour Ana Costa with this award,’’ said Lena Ortiz, head of the council.\n\n“We are glad that she has agreed to accept the award in person.’’",
			"accept the award in person", "Lena Ortiz"},
		{"a role of kin named in apposition after the cue",
			"Ana Vale, 59, was struck on Friday.\n\n“We are really shocked,” said her nephew, Tomas Varga, 32, of Lyon.",
			"really shocked", "Tomas Varga"},
		{"she for a relative who spoke before",
			"The boy spent his days at home.\n\nAccording to a relative, he had been ill for years.\n\n'He has had a dark past,' she said.",
			"a dark past", "a relative"},
		{"a subordinate clause's subject after after",
			"The board fired the coach after Dana Roe admitted she had paid a recruit.",
			"paid a recruit", "Dana Roe"},
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
				t.Errorf("quote %q: speaker %q, want %q; all: %s", q.Text, q.Speaker, tt.speaker, describe(got))
			}
		})
	}
}

// TestWholeContent checks that a quote's content is not cut short: by a
// subordinate clause taken for a link word, by a number or a time of day
// that a tokenised text split with spaces, or by a cue inside a
// subordinate clause's sentence. The texts are made up.
func TestWholeContent(t *testing.T) {
	tests := []struct {
		name, text string
		content    string // a piece of the content
		whole      bool   // content is the whole of it
	}{
		{"a subordinate clause before the cue",
			"After the storm passed, the ferry resumed its crossings, the harbour office said.",
			"After the storm passed, the ferry resumed its crossings", true},
		{"so far",
			"So far, about 300 homes have lost power, according to the utility.",
			"So far, about 300 homes have lost power", true},
		{"a split decimal",
			"The tremor had a magnitude of 4. 7 and shook the valley, the agency said.",
			"magnitude of 4. 7 and shook the valley", false},
		{"a split calibre",
			"The guard carried a. 45 pistol on his belt, the sheriff said.",
			"The guard carried a. 45 pistol on his belt", false},
		{"a split time of day",
			"The alarm sounded at 6: 15 a. m. Sunday in the east wing, the fire chief said.",
			"a. m. Sunday in the east wing", false},
		{"not yet",
			"Pennings said the driver gave a blood sample and that the results are not yet known.",
			"the results are not yet known", false},
		{"told someone a clause without that",
			"One of the lawyers told the judge he needed more time to inspect the clinic, the agency said.",
			"he needed more time to inspect the clinic", true},
		{"asked someone not to",
			"The office has asked the media not to name the witnesses.",
			"not to name the witnesses", true},
		{"an attribution inside the sentence, then another clause",
			"She was last seen on Saturday, prosecutors said, and when her employer called later, a man said she had gone away.",
			"She was last seen on Saturday", true},
		{"a relative clause set off by commas",
			"Lena Ortiz, who claimed she turned down the studio's offer because she did not want the part, also studied dance under Rolf Amsel.",
			"she turned down the studio's offer because she did not want the part", true},
		{"a title in quote marks in the object of tell",
			"Home Secretary Ana Costa tells NBC's \"Morning Show\" on Friday that the attack is still under investigation.",
			"the attack is still under investigation", true},
		{"who was scolded is not content",
			"Senator Lena Ortiz scolded him: \"The evidence is against you in every respect.\"",
			"\"The evidence is against you in every respect.\"", true},
		{"a noun phrase content ends before the subject's participle",
			"Marchers continued to call for more information about the death of Tom Vale, circling the stadium while singing.",
			"more information about the death of Tom Vale", true},
		{"a noun phrase content ends before the writer's which",
			"Ortiz has acknowledged the risk of the plan, which sets her apart from her party.",
			"the risk of the plan", true},
		{"a day and a show after a partial quote",
			"Vale, who has campaigned for Costa, blasted Ortiz as a \"disgrace\" Wednesday on a radio show.",
			"Ortiz as a \"disgrace\"", true},
		{"a noun phrase content ends before where it was said",
			"Keron Vale, head of the alliance, called for more school funding in a statement on Thursday.",
			"more school funding", true},
		{"a noun phrase content ends before the writer's aside",
			"On Thursday, however, Varga spoke to oil executives, promising to lift rules on drilling ― probably not what Costa had in mind.",
			"to lift rules on drilling", true},
		{"a noun phrase content keeps an aside between dashes",
			"Varga pledged to bar all visitors — some 2 million people a year — from entering the port.",
			"to bar all visitors — some 2 million people a year — from entering the port", true},
		{"a noun phrase content ends before another clause",
			"Mayor Ana Costa called for cutting the rate to 28 percent, but Mr. Varga would leave it at 35 percent.",
			"cutting the rate to 28 percent", true},
		{"however before an adjective is no linker",
			"However laudable the goal, the levy \"is a misguided approach,\" said Mr. Burman.",
			"However laudable the goal, the levy \"is a misguided approach", false},
		{"who was spoken to after a quote is no content",
			"At the hearing, he shook hands with the lawyers and said \"God bless you\" to Judge Ana Vale.",
			"\"God bless you\"", true},
		{"a cue inside a subordinate clause",
			"A court spokesman said that when the clerk was asked about the file, she told them it had been lost.",
			"she told them it had been lost", false},
		{"a subordinate clause's content ends before the main clause",
			"Although she said she was a little nervous on the court, Lena Ortiz scored twice in May.",
			"she was a little nervous on the court", true},
		{"a contrast with others ends the content",
			"Some residents on Monday praised Ortiz for closing the road, while others criticised her decision.",
			"Ortiz for closing the road", true},
		{"a contrast with a named body ends the content",
			"Lena Ortiz said the plan was late, but the council approved it on Monday.",
			"the plan was late", true},
		{"a pronoun after but may still be the speaker's",
			"Lena Ortiz said the plan was late, but it would still be built.",
			"the plan was late, but it would still be built", true},
		{"a season after a cue is no content",
			"So when Norcom signaled last summer that it would sell the mill, the town was stunned.",
			"it would sell the mill", true},
		{"a relative clause in the subject of what was said",
			"Kroon said the church, which he described as \"just a local church,\" is about 30 years old.",
			"the church, which he described as \"just a local church,\" is about 30 years old", true},
		{"the writer's aside after a double hyphen",
			"In a statement, Tom Vale blamed “many sides” for the violence -- an equivocation that drew criticism.",
			"“many sides” for the violence", true},
		{"an aside between double hyphens",
			"The council estimates the top 1 percent of taxpayers -- those who earn the most -- would pay more.",
			"the top 1 percent of taxpayers -- those who earn the most -- would pay more", true},
		{"another source after with ends the content",
			"At the time, Vale stated that he opposed the rule changes with a spokesman stating: \"As mayor, Vale will keep the rules.\"",
			"he opposed the rule changes", true},
		{"who was written to",
			"In the letters, Lena Ortiz wrote to the council that the pool \"must stay open all summer.\"",
			"the pool \"must stay open all summer.\"", true},
		{"a relative clause's quote ends at its comma",
			"Ortiz, who added that she thanked the lifeguards who \"kept everyone safe,\" said the pool needed repairs.",
			"she thanked the lifeguards who \"kept everyone safe,\"", true},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			if q, ok := findQuote(got, tt.content); ok && tt.whole && q.Text != tt.content {
				t.Errorf("quote %q, want %q", q.Text, tt.content)
			}
			if _, ok := findQuote(got, tt.content); !ok {
				t.Errorf("no quote holding %q; got %s", tt.content, describe(got))
			}
		})
	}
}

// TestSpeakersFromMentions checks speakers resolved through a tagger's
// mentions: a role given in apposition to a name, an adverb the tagger
// took into a name, "it" for an organisation. The texts are made up.
func TestSpeakersFromMentions(t *testing.T) {
	tests := []struct {
		name, text string
		persons    []string // names tagged as persons, each at its first occurrence from the last one's end
		content    string
		speaker    string
		orgs       []string // names tagged as organisations, likewise
	}{
		{"a role in apposition",
			"On Monday the transport minister, Ines Moreau, opened the bridge.\n\nThe transport minister said the old ferry would stop in May.",
			[]string{"Ines Moreau"}, "old ferry", "Ines Moreau", nil},
		{"an adverb taken into a name",
			"Ines Moreau opened the bridge.\n\nNaturally Moreau told reporters that the ferry would stop in May.",
			[]string{"Ines Moreau", "Naturally Moreau"}, "ferry would stop", "Ines Moreau", nil},
		{"a participle opening a sentence is no name",
			"Reacting to the verdict, the pastor of the cathedral, where she sings, is encouraging her to appeal.",
			nil, "to appeal", "the pastor", nil},
		{"a double name a tokenised text spaces",
			"Fund head Marie Lenoir - Vidal warned that the crisis could spread.\n\n\"We must stay alert, \" Lenoir - Vidal said.",
			[]string{"Marie Lenoir", "Vidal", "Lenoir", "Vidal"}, "stay alert", "Marie Lenoir-Vidal", nil},
		{"an age, a role and a name after the cue",
			"“We were heard,” said Ana Costa.\n\n“We will stay until they listen,” said 19-year-old protester Lena Ortiz.",
			[]string{"Ana Costa", "Lena Ortiz"}, "stay until they listen", "Lena Ortiz", nil},
		{"a person of an organisation",
			"Analyst Ines Moreau of Moreau Research in Lyon said the fix was remarkably quick.",
			[]string{"Ines Moreau"}, "remarkably quick", "Ines Moreau", []string{"Moreau Research"}},
		{"a group named by what it represents",
			"Groups representing Norlanders, the largest minority, complained that no Norlander stood for election.",
			nil, "no Norlander stood", "Groups representing Norlanders", []string{"Norlanders"}},
		{"a bracket the tagger took into a name",
			"Ana Costa ran the club.\n\nLena Ortiz said the protest was a reply to [Mayor Ana] Costa.\n\nCosta later told reporters that the club would stay open.",
			[]string{"Ana Costa", "Lena Ortiz", "Ana] Costa", "Costa"}, "club would stay open", "Ana Costa", nil},
		{"a storm the tagger took for a person",
			"Lena Ortiz ran the clinic for years.\n\nWhen Hurricane Nora destroyed it, she borrowed money.\n\nShe asked the bank to send the bill to her.",
			[]string{"Lena Ortiz", "Hurricane Nora"}, "send the bill", "Lena Ortiz", nil},
		{"it for the organisation that spoke last",
			"Norcom estimated on Monday that one in every 500 Tidal users had been exposed.\n\nAdditionally, it said the number was growing.",
			nil, "number was growing", "Norcom", []string{"Norcom", "Tidal"}},
		{"it for a speaker the tagger took for an organisation elsewhere",
			"Norcom shipped a fix on Monday.\n\nUsers should update at once, Norcom said.\n\nAttacks had already been seen, it said.",
			nil, "already been seen", "Norcom", []string{"Norcom"}},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ms := []news.Mention{} // a tagger ran, and found what the lists say
			for typ, names := range map[news.EntityType][]string{news.Person: tt.persons, news.Organisation: tt.orgs} {
				from := 0
				for _, p := range names {
					i := from + strings.Index(tt.text[from:], p)
					ms = append(ms, news.Mention{Span: news.Span{Start: i, End: i + len(p)}, Text: p, Type: typ})
					from = i + len(p)
				}
			}
			got := f.Find(tt.text, ms)
			q, ok := findQuote(got, tt.content)
			if !ok {
				t.Fatalf("no quote holding %q; got %s", tt.content, describe(got))
			}
			if q.Speaker != tt.speaker {
				t.Errorf("quote %q: speaker %q, want %q", q.Text, q.Speaker, tt.speaker)
			}
		})
	}
}

// TestUnreadAttribution checks that a quote whose own sentence attributes
// it in words no cue claimed is given to no one, nor are the quotes after
// it, rather than to a speaker before it. The texts are made up.
func TestUnreadAttribution(t *testing.T) {
	tests := []struct {
		name, text, content string
	}{
		{"a quote and its unread attribution",
			"Hugo Brandt said the plan was late.\n\n“Of course there are those who doubt it,” point three begins.",
			"those who doubt"},
		{"the quote after it",
			"Hugo Brandt said the plan was late.\n\n“Of course there are those who doubt it,” point three begins. “But we must go on.”",
			"we must go on"},
		{"a passive it introduces no statement",
			"Hugo Brandt said the plan was late. Instead, it is suggested that Mayor Vale wait.\n\n“We cannot wait for the board to act on this.”",
			"cannot wait"},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			if q, ok := findQuote(got, tt.content); ok && q.Speaker != "" {
				t.Errorf("quote %q given to %q, want no one; all: %s", q.Text, q.Speaker, describe(got))
			}
		})
	}
}
