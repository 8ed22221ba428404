package quote

import (
	"fmt"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// persons returns the tagger's mentions of names as persons in text.
func persons(text string, names ...string) []news.Mention {
	var ms []news.Mention
	for _, name := range names {
		i := strings.Index(text, name)
		ms = append(ms, news.Mention{Span: news.Span{Start: i, End: i + len(name)}, Text: name, Type: news.Person})
	}
	return ms
}

// TestSpeechOrNot checks what is speech and what is not: a speech verb
// with a thing for its object ("noted the rule", "admitted refugees") is
// none, the same verb with a clause, with or without "that", is; a name
// and a colon speak only as a person, in quote marks or a transcript,
// never as a label, a list or a schedule; a figure speaks only when it
// counts people; what a body "appeared to" do is the writer's inference.
func TestSpeechOrNot(t *testing.T) {
	blotter := "Police made three arrests.\n\nIrena Voss: Theft, possession of a stolen car, held without bond.\n\n" +
		"Tomas Reyes: Possession of a controlled substance, released.\n\nLena Ortiz: Trespass, released on bail."
	tests := []struct {
		name, text, content string
		persons             []string // names the tagger found, as persons
		want                bool     // speech holding content wanted
	}{
		{"noted a thing", "Ines Moreau noted the rule in an interview last week.", "rule", nil, false},
		{"noted findings", "The nurses noted findings of crowded cells by the inspector.", "crowded", nil, false},
		{"noted a clause", "Ines Moreau noted that the rule had changed.", "changed", nil, true},
		{"noted a clause without that", "The senators noted his lawyer offered a closed hearing.", "closed", nil, true},
		{"added a thing", "The state had added an extra week of voting after the floods.", "voting", nil, false},
		{"added a clause", "Vance Okoro added the vote would be held in May.", "vote", nil, true},
		{"admitted people", "By 2016 the country had admitted nearly a million refugees.", "refugees", nil, false},
		{"emphasized a thing", "The ruling emphasizes the stakes of the struggle over the court.", "stakes", nil, false},
		{"testified where", "Two envoys testified together before the committee on Tuesday.", "committee", nil, false},
		{"testified a clause", "The envoy testified that he had no knowledge of the deal.", "knowledge", nil, true},
		{"denied a thing in a statement", "The company flatly denied the allegations in a statement posted online.", "allegations", nil, false},
		{"observed a silence", "The senators resolved to observe a minute of silence for the victims.", "silence", nil, false},
		{"a champion before a name", "Golf - Open champion Tomas Reyes has become the fourth player to win twice.", "fourth player", nil, false},
		{"promised a thing", "The maker promised more, and it has not delivered yet.", "delivered", nil, false},
		{"a team's schedule", "The visitors won easily.\n\nHornets: Host the Falcons on Friday.", "Falcons", nil, false},
		{"a list", "Mix the salad well.\n\nPortion Cups: 1 Green, 1 Red, 2 tsp.", "Green", nil, false},
		{"a person and a colon", "The race tightened.\n\nIrena Voss: We will win this state by a mile.", "win this state", []string{"Irena Voss"}, true},
		{"quoted words after a colon", "The race tightened.\n\nCampaign Office: “We will win this state by a mile.”", "win this state", nil, true},
		{"a blotter", blotter, "released", []string{"Irena Voss", "Tomas Reyes", "Lena Ortiz"}, false},
		{"a box score", "Lena Ortiz had 7 tackles, 1 sack, 2 TFL, 4 passes defended.", "TFL", nil, false},
		{"points to", "The Hornets scored nine straight points to cut the lead to two.", "lead", nil, false},
		{"witnesses", "12 witnesses said the car ran the red light before the crash.", "red light", nil, true},
		{"asked a body for a thing", "The group, Civic Watch, asked the court on May 7, 2016, for any records of the meeting.", "Civic Watch", nil, false},
		{"asked for the second time", "\"Where is the money?\" asked the senator for the second time.", "money", nil, true},
		{"agreed to a deed", "Surety firms agreed to release the bonds so Tomas Reyes could start the work.", "release the bonds", nil, false},
		{"agreed that", "Surety firms agreed that the bonds should be released.", "released", nil, true},
		{"recalled a clause", "Ines Moreau recalled that the press had followed her for a week.", "followed", nil, true},
		{"appeared to acknowledge", "The campaign has appeared to acknowledge his help is needed in the north.", "help is needed", nil, false},
		{"acknowledged", "The campaign acknowledged his help is needed in the north.", "help is needed", nil, true},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, persons(tt.text, tt.persons...))
			q, found := findQuote(got, tt.content)
			if found = found && q.Kind == news.QuoteSpeech; found != tt.want {
				t.Errorf("speech holding %q found: %v, want %v; got %s", tt.content, found, tt.want, describe(got))
			}
		})
	}
}

// TestWholeSpeakers checks speakers a reader would name: "the senator"
// for a person named with the abbreviated title "Sen.", the people of
// something and the spokesperson for someone rather than the something
// or the someone, a hyphenated role, "told" before a role and a name,
// the subject of a clause opening with a time and no comma, the source
// of "according to" after a short opening, and the speaker after a curly
// opening mark closed by a straight one.
func TestWholeSpeakers(t *testing.T) {
	tests := []struct {
		name, text, content, speaker string
		persons                      []string
	}{
		{"took to a platform", "Tom Vale took to Twitter overnight to accuse the campaign of being duped by a con.",
			"duped", "Tom Vale", []string{"Tom Vale"}},
		{"Sen.", "Vermont Sen. Ada Berne spoke on Tuesday in Dunmere.\n\nThe senator said he would introduce a bill to close the loophole.",
			"loophole", "Ada Berne", nil},
		{"Gov.", "Gov. Lena Ortiz toured the flooded towns.\n\nThe governor said the levees would be rebuilt by spring.",
			"levees", "Lena Ortiz", nil},
		{"people of something", "The levy rose in May. Backers of tariffs say that they help local makers compete.",
			"local makers", "Backers of tariffs", nil},
		{"a spokesperson for someone", "A spokeswoman for Ines Moreau says neither the mayor nor her staff helped the firm.",
			"helped the firm", "a spokeswoman for Ines Moreau", []string{"Ines Moreau"}},
		{"a hyphenated role", "The nominee argued that the files are sealed. His ex-wife agreed, but contended that she should keep her privacy.",
			"keep her privacy", "his ex-wife", nil},
		{"told a role and a name", "Ada Berne told host Joe Vale that the race is close.",
			"race is close", "Ada Berne", nil},
		{"a time and no comma", "Last week embassy official Ines Moreau met committee investigators in private, saying the talk had gone badly.",
			"gone badly", "Ines Moreau", nil},
		{"according to after an opening", "In the meantime, according to the memo, officials should follow the old review rules.",
			"officials should follow", "the memo", nil},
		{"mixed quote marks", "Experts told reporters that an inmate can be moved.\n\n“It would be critical to do it slowly,\" said Lisa Boesky, a psychologist.",
			"critical", "Lisa Boesky", nil},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, persons(tt.text, tt.persons...))
			q, ok := findQuote(got, tt.content)
			switch {
			case !ok:
				t.Errorf("no quote holding %q; got %s", tt.content, describe(got))
			case q.Speaker != tt.speaker:
				t.Errorf("speaker %q, want %q", q.Speaker, tt.speaker)
			}
		})
	}
}

// TestDescriptionBeforeSpeaker checks that a description of the speaker
// set off by commas before the name is not part of what was said:
// "..., a spokeswoman for the ministry, Ana Vale, said"; a clause of the
// content before the name stays in it.
func TestDescriptionBeforeSpeaker(t *testing.T) {
	tests := []struct{ text, speaker, content string }{
		{"The rate was rising fast, a spokeswoman for the ministry, Ana Vale, said on Monday.", "Ana Vale", "The rate was rising fast"},
		{"Attacks rose sharply in the 1980s amid fear of the epidemic, an HIV support group, Acon, told the inquiry.", "Acon",
			"Attacks rose sharply in the 1980s amid fear of the epidemic"},
		{"Afraid that her son was trapped, the woman ran to the garage to call police, Mr. Ali said on Saturday.", "Ali",
			"Afraid that her son was trapped, the woman ran to the garage to call police"},
	}
	f := NewFinder()
	for _, tt := range tests {
		var got []string
		found := false
		for _, q := range f.Find(tt.text, nil) {
			got = append(got, q.Speaker+": "+q.Text)
			found = found || strings.Contains(q.Speaker, tt.speaker) && q.Text == tt.content
		}
		if !found {
			t.Errorf("%q\nwant %s: %q; got %q", tt.text, tt.speaker, tt.content, got)
		}
	}
}

// TestParticipleOfAFinding checks that a participle going on from a
// finding ("the survey found ..., indicating ...") is no speech (a view,
// or nothing), nor is what a name's results show; a person's stays
// speech.
func TestParticipleOfAFinding(t *testing.T) {
	tests := []struct {
		text, content string
		speech        bool
	}{
		{"The Gallup survey found that prices rose 5%, indicating a slowdown in demand.", "slowdown", false},
		{"Phase III results announced in January showed that the vaccine had 80% efficacy, indicating a rate of efficacy above the rival's.", "rate of efficacy", false},
		{"Ana Vale said prices rose, indicating a slowdown was near.", "slowdown", true},
	}
	f := NewFinder()
	for _, tt := range tests {
		var got []string
		var kind news.QuoteKind
		for _, q := range f.Find(tt.text, nil) {
			got = append(got, fmt.Sprintf("%s %s: %s (%s)", q.Speaker, q.Cue, q.Text, q.Kind))
			if strings.Contains(q.Text, tt.content) {
				kind = q.Kind
			}
		}
		if (kind == news.QuoteSpeech) != tt.speech {
			t.Errorf("%q: the quote holding %q is %q, want speech %v; got %q", tt.text, tt.content, kind, tt.speech, got)
		}
	}
}

// TestQuoteSetOff checks that a quote set off in brackets or by a dash,
// its attribution inverted after it, is the quote alone, not the
// writer's words before the bracket.
func TestQuoteSetOff(t *testing.T) {
	f := NewFinder()
	for _, text := range []string{
		"He was tolerated through stages of joy (\"It may not be good for us, but it's good for the network,\" said network chief Lena Ortiz earlier in the cycle), and alarm.",
		"He was tolerated through stages of joy — \"It may not be good for us, but it's good for the network,\" said Lena Ortiz — and alarm.",
	} {
		var got []string
		found := false
		for _, q := range f.Find(text, nil) {
			got = append(got, q.Speaker+": "+q.Text)
			found = found || q.Speaker == "Lena Ortiz" && strings.HasPrefix(q.Text, "\"It may not") && q.Direct
		}
		if !found {
			t.Errorf("%q: want Lena Ortiz's direct quote alone; got %q", text, got)
		}
	}
}
