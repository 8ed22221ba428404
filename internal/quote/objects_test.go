package quote

import (
	"slices"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestThingsSaidAbout checks that a speech verb whose object is a thing
// ("noted the rule", "added a week", "admitted refugees") gives no quote,
// while the same verb with a clause, with or without "that", does.
func TestThingsSaidAbout(t *testing.T) {
	tests := []struct {
		name, text, content string
		want                bool
	}{
		{"noted a thing", "Ines Moreau noted the rule in an interview last week.", "rule", false},
		{"noted findings", "The nurses noted findings of crowded cells by the inspector.", "crowded", false},
		{"noted a clause", "Ines Moreau noted that the rule had changed.", "changed", true},
		{"noted a clause without that", "The senators noted his lawyer offered a closed hearing.", "closed", true},
		{"added a thing", "The state had added an extra week of voting after the floods.", "voting", false},
		{"added a clause", "Vance Okoro added the vote would be held in May.", "vote", true},
		{"admitted people", "By 2016 the country had admitted nearly a million refugees.", "refugees", false},
		{"emphasized a thing", "The ruling emphasizes the stakes of the struggle over the court.", "stakes", false},
		{"testified where", "Two envoys testified together before the committee on Tuesday.", "committee", false},
		{"testified a clause", "The envoy testified that he had no knowledge of the deal.", "knowledge", true},
		{"denied a thing in a statement", "The company flatly denied the allegations in a statement posted online.", "allegations", false},
		{"observed a silence", "The senators resolved to observe a minute of silence for the victims.", "silence", false},
		{"a champion before a name", "Golf - Open champion Tomas Reyes has become the fourth player to win twice.", "fourth player", false},
		{"promised a thing", "The maker promised more, and it has not delivered yet.", "delivered", false},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			found := false
			for _, q := range got {
				if strings.Contains(q.Text, tt.content) && q.Kind == news.QuoteSpeech {
					found = true
				}
			}
			if found != tt.want {
				t.Errorf("speech holding %q found: %v, want %v; got %s", tt.content, found, tt.want, describe(got))
			}
		})
	}
}

// TestColonLabels checks that a paragraph opening with a name and a
// colon is a quote when the name is a person's or the words are quoted,
// and not when it labels a list or a schedule.
func TestColonLabels(t *testing.T) {
	person := func(text, name string) []news.Mention {
		i := strings.Index(text, name)
		return []news.Mention{{Span: news.Span{Start: i, End: i + len(name)}, Text: name, Type: news.Person}}
	}
	tests := []struct {
		name, text, content string
		mentions            func(string) []news.Mention
		want                bool
	}{
		{"a team's schedule", "The visitors won easily.\n\nHornets: Host the Falcons on Friday.", "Falcons", nil, false},
		{"a list", "Mix the salad well.\n\nPortion Cups: 1 Green, 1 Red, 2 tsp.", "Green", nil, false},
		{"a person", "The race tightened.\n\nIrena Voss: We will win this state by a mile.", "win this state",
			func(s string) []news.Mention { return person(s, "Irena Voss") }, true},
		{"quoted words", "The race tightened.\n\nCampaign Office: “We will win this state by a mile.”", "win this state", nil, true},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []news.Mention
			if tt.mentions != nil {
				ms = tt.mentions(tt.text)
			}
			got := f.Find(tt.text, ms)
			found := false
			for _, q := range got {
				if strings.Contains(q.Text, tt.content) {
					found = true
				}
			}
			if found != tt.want {
				t.Errorf("quote holding %q found: %v, want %v; got %s", tt.content, found, tt.want, describe(got))
			}
		})
	}
}

// TestAbbreviatedTitles checks that "the senator" stands for a person
// named with the abbreviated title "Sen.", as for one named "Senator".
func TestAbbreviatedTitles(t *testing.T) {
	tests := []struct{ text, content, speaker string }{
		{"Vermont Sen. Ada Berne spoke on Tuesday in Dunmere.\n\nThe senator said he would introduce a bill to close the loophole.", "loophole", "Ada Berne"},
		{"Gov. Lena Ortiz toured the flooded towns.\n\nThe governor said the levees would be rebuilt by spring.", "levees", "Lena Ortiz"},
	}
	f := NewFinder()
	for _, tt := range tests {
		got := f.Find(tt.text, nil)
		found := false
		for _, q := range got {
			if strings.Contains(q.Text, tt.content) {
				found = true
				if q.Speaker != tt.speaker {
					t.Errorf("%q: speaker %q, want %q", tt.content, q.Speaker, tt.speaker)
				}
			}
		}
		if !found {
			t.Errorf("no quote holding %q; got %s", tt.content, describe(got))
		}
	}
}

// TestTallies checks that a figure and what it counts speak only when
// they count people: "4 passes defended" in a box score is no speaker.
func TestTallies(t *testing.T) {
	tests := []struct {
		name, text, content string
		want                bool
	}{
		{"a box score", "Lena Ortiz had 7 tackles, 1 sack, 2 TFL, 4 passes defended.", "TFL", false},
		{"points to", "The Hornets scored nine straight points to cut the lead to two.", "lead", false},
		{"witnesses", "12 witnesses said the car ran the red light before the crash.", "red light", true},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			found := false
			for _, q := range got {
				if strings.Contains(q.Text, tt.content) {
					found = true
				}
			}
			if found != tt.want {
				t.Errorf("quote holding %q found: %v, want %v; got %s", tt.content, found, tt.want, describe(got))
			}
		})
	}
}

// TestInferredActs checks that an act the writer infers ("appeared to
// acknowledge") is no quote, while one reported is.
func TestInferredActs(t *testing.T) {
	f := NewFinder()
	got := f.Find("The campaign has appeared to acknowledge his help is needed in the north.", nil)
	for _, q := range got {
		if strings.Contains(q.Text, "help is needed") {
			t.Errorf("inferred act taken for speech: %s", describe(got))
		}
	}
	got = f.Find("The campaign acknowledged his help is needed in the north.", nil)
	if !slices.ContainsFunc(got, func(q news.Quote) bool { return strings.Contains(q.Text, "help is needed") }) {
		t.Errorf("no quote holding %q; got %s", "help is needed", describe(got))
	}
}

// TestSpeakersOfSomething checks that a speaker written as people of
// something opening a sentence is those people, not the something.
func TestSpeakersOfSomething(t *testing.T) {
	f := NewFinder()
	got := f.Find("The levy rose in May. Backers of tariffs say that they help local makers compete.", nil)
	for _, q := range got {
		if strings.Contains(q.Text, "local makers") && q.Speaker != "Backers of tariffs" {
			t.Errorf("speaker %q, want %q", q.Speaker, "Backers of tariffs")
		}
	}
	if !slices.ContainsFunc(got, func(q news.Quote) bool { return strings.Contains(q.Text, "local makers") }) {
		t.Errorf("no quote holding %q; got %s", "local makers", describe(got))
	}
}

// TestParticipleAfterTimeAdjunct checks that ", saying ..." gives the
// words to the subject of a clause that opens with a time adjunct and no
// comma, not to the object before the participle.
func TestParticipleAfterTimeAdjunct(t *testing.T) {
	f := NewFinder()
	text := "Last week embassy official Ines Moreau met committee investigators in private, saying the talk had gone badly."
	got := f.Find(text, nil)
	found := false
	for _, q := range got {
		if strings.Contains(q.Text, "gone badly") {
			found = true
			if q.Speaker != "Ines Moreau" {
				t.Errorf("speaker %q, want %q", q.Speaker, "Ines Moreau")
			}
		}
	}
	if !found {
		t.Errorf("no quote holding %q; got %s", "gone badly", describe(got))
	}
}

// TestColonLists checks that people named one to a paragraph, each once,
// with a colon after the name, are a list (charges, a cast), not speech.
func TestColonLists(t *testing.T) {
	text := "Police made three arrests.\n\nIrena Voss: Theft, possession of a stolen car, held without bond.\n\n" +
		"Tomas Reyes: Possession of a controlled substance, released.\n\nLena Ortiz: Trespass, released on bail."
	var ms []news.Mention
	for _, name := range []string{"Irena Voss", "Tomas Reyes", "Lena Ortiz"} {
		i := strings.Index(text, name)
		ms = append(ms, news.Mention{Span: news.Span{Start: i, End: i + len(name)}, Text: name, Type: news.Person})
	}
	if got := NewFinder().Find(text, ms); len(got) > 0 {
		t.Errorf("a list taken for speech: %s", describe(got))
	}
}

// TestAccordingAfterAnOpening checks that "according to X" after a short
// adverbial opening attributes the clause after it, not the opening.
func TestAccordingAfterAnOpening(t *testing.T) {
	got := NewFinder().Find("In the meantime, according to the memo, officials should follow the old review rules.", nil)
	for _, q := range got {
		if strings.Contains(q.Text, "officials should follow") {
			return
		}
	}
	t.Errorf("no quote holding %q; got %s", "officials should follow", describe(got))
}

// TestSpokespersonFor checks that a spokesperson for someone speaks as
// the spokesperson, not as the one they speak for.
func TestSpokespersonFor(t *testing.T) {
	text := "A spokeswoman for Ines Moreau says neither the mayor nor her staff helped the firm."
	i := strings.Index(text, "Ines Moreau")
	got := NewFinder().Find(text, []news.Mention{{Span: news.Span{Start: i, End: i + len("Ines Moreau")}, Text: "Ines Moreau", Type: news.Person}})
	for _, q := range got {
		if strings.Contains(q.Text, "helped the firm") {
			if !strings.Contains(strings.ToLower(q.Speaker), "spokeswoman") {
				t.Errorf("speaker %q, want the spokeswoman", q.Speaker)
			}
			return
		}
	}
	t.Errorf("no quote holding %q; got %s", "helped the firm", describe(got))
}

// TestHyphenatedRoles checks that a hyphenated gendered noun ("ex-wife")
// names a person who may speak, as the noun alone does.
func TestHyphenatedRoles(t *testing.T) {
	got := NewFinder().Find("The nominee argued that the files are sealed. His ex-wife agreed, but contended that she should keep her privacy.", nil)
	for _, q := range got {
		if strings.Contains(q.Text, "keep her privacy") {
			if q.Speaker != "his ex-wife" {
				t.Errorf("speaker %q, want %q", q.Speaker, "his ex-wife")
			}
			return
		}
	}
	t.Errorf("no quote holding %q; got %s", "keep her privacy", describe(got))
}

// TestToldARoleAndName checks that "told" before a role and a name is
// the cue, not part of the role ("press secretary Josh Earnest").
func TestToldARoleAndName(t *testing.T) {
	got := NewFinder().Find("Ada Berne told host Joe Vale that the race is close.", nil)
	for _, q := range got {
		if strings.Contains(q.Text, "race is close") {
			if q.Speaker != "Ada Berne" {
				t.Errorf("speaker %q, want %q", q.Speaker, "Ada Berne")
			}
			return
		}
	}
	t.Errorf("no quote holding %q; got %s", "race is close", describe(got))
}

// TestMixedQuoteMarks checks that a curly opening mark closed by a
// straight one ends the quote there, so that the cue after it is read.
func TestMixedQuoteMarks(t *testing.T) {
	text := "Experts told reporters that an inmate can be moved.\n\n“It would be critical to do it slowly,\" said Lisa Boesky, a psychologist."
	got := NewFinder().Find(text, nil)
	for _, q := range got {
		if strings.Contains(q.Text, "critical") {
			if q.Speaker != "Lisa Boesky" {
				t.Errorf("speaker %q, want %q", q.Speaker, "Lisa Boesky")
			}
			return
		}
	}
	t.Errorf("no quote holding %q; got %s", "critical", describe(got))
}
