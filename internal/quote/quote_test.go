package quote

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// want is one quote a test expects: its speaker, cue, whether direct, and a
// piece of its text.
type want struct {
	speaker string
	cue     string
	direct  bool
	text    string // a substring of the quote's text
}

// findQuote returns the quote whose text contains w.text.
func findQuote(qs []news.Quote, text string) (news.Quote, bool) {
	for _, q := range qs {
		if strings.Contains(q.Text, text) {
			return q, true
		}
	}
	return news.Quote{}, false
}

func TestFind(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []want
	}{
		{
			name: "straight quotes, speaker after",
			text: `"We will rebuild the bridge by spring," Mayor Ana Costa said on Monday.`,
			want: []want{{"Ana Costa", "said", true, "We will rebuild the bridge by spring"}},
		},
		{
			name: "curly quotes, inverted cue",
			text: `“The water is safe to drink,” said Dr. Lena Varga, the city's health officer.`,
			want: []want{{"Lena Varga", "said", true, "The water is safe to drink"}},
		},
		{
			name: "single curly quotes",
			text: `‘I will not resign,’ the minister, Oskar Brandt, told parliament. Oskar Brandt's office declined to comment.`,
			want: []want{{"", "told", true, "I will not resign"}},
		},
		{
			name: "single straight quotes with apostrophes inside",
			text: `'We don't know who's behind it,' said police chief Ruth Adler.`,
			want: []want{{"Ruth Adler", "said", true, "We don't know who's behind it"}},
		},
		{
			name: "speaker first, comma",
			text: `Senator Paul Weir said, "This bill is dead on arrival."`,
			want: []want{{"Paul Weir", "said", true, "This bill is dead on arrival."}},
		},
		{
			name: "speaker first, colon, several sentences",
			text: `Grace Mbeki told the crowd: "We marched for ten years. We will march for ten more."`,
			want: []want{{"Grace Mbeki", "told", true, "We will march for ten more."}},
		},
		{
			name: "multi-sentence quote before the cue",
			text: `"The harvest failed. Prices will rise. Nobody can stop that now," farmer Jonas Kell said.`,
			want: []want{{"Jonas Kell", "said", true, "The harvest failed. Prices will rise."}},
		},
		{
			name: "quote interrupted by its attribution",
			text: `"We seek a fair deal," Ines Moreau told reporters. "Both sides must give something."`,
			want: []want{{"Ines Moreau", "told", true, "We seek a fair deal,\" \"Both sides must give something."}},
		},
		{
			name: "pronoun resolved to the last speaker",
			text: `Defence Minister Karl Ohlsson spoke in Oslo on Friday.
"Our troops will stay," Ohlsson said.
"They are needed there," he said in response to a question.`,
			want: []want{
				{"Karl Ohlsson", "said", true, "Our troops will stay"},
				{"Karl Ohlsson", "said", true, "They are needed there"},
			},
		},
		{
			name: "pronoun of the right gender",
			text: `Home Secretary Helen Marsh met the police commissioner, Tom Baird, on Monday.
"We need more officers on the street," she said.`,
			want: []want{{"Helen Marsh", "said", true, "We need more officers"}},
		},
		{
			name: "reported speech with that",
			text: `Health Minister Irma Sulej said that the hospital would reopen in May.`,
			want: []want{{"Irma Sulej", "said", false, "the hospital would reopen in May"}},
		},
		{
			name: "reported speech without that",
			text: `Yusra Adan said the talks had broken down over fishing rights.`,
			want: []want{{"Yusra Adan", "said", false, "the talks had broken down over fishing rights"}},
		},
		{
			name: "told an audience that",
			text: `Ravi Menon told the budget committee that the deficit would double.`,
			want: []want{{"Ravi Menon", "told", false, "the deficit would double"}},
		},
		{
			name: "informed a country that",
			text: `Foreign Secretary Alan Dyce has informed Norway that the treaty will be signed.`,
			want: []want{{"Alan Dyce", "informed", false, "the treaty will be signed"}},
		},
		{
			name: "stated in an interview that",
			text: `Prime Minister Elena Rusu has stated in an interview that her government is open to talks.`,
			want: []want{{"Elena Rusu", "stated", false, "her government is open to talks"}},
		},
		{
			name: "according to, before",
			text: `According to Marta Silva, the factory will close in June.`,
			want: []want{{"Marta Silva", "According to", false, "the factory will close in June"}},
		},
		{
			name: "according to, after",
			text: `The factory will close in June, according to union leader Marta Silva.`,
			want: []want{{"Marta Silva", "according to", false, "The factory will close in June"}},
		},
		{
			name: "content first, speaker after",
			text: `The port will reopen next week, the harbour master said.`,
			want: []want{{"the harbour master", "said", false, "The port will reopen next week"}},
		},
		{
			name: "nominal resolved through the role",
			text: `Transport Minister Leo Sandor opened the new line on Monday.
The minister said the trains would run every ten minutes.`,
			want: []want{{"Leo Sandor", "said", false, "the trains would run every ten minutes"}},
		},
		{
			name: "surname completed to the full name",
			text: `Economist Nadia Petrov presented the report. Petrov said growth would slow.`,
			want: []want{{"Nadia Petrov", "said", false, "growth would slow"}},
		},
		{
			name: "participle continues the speaker",
			text: `Mayor Ben Ortiz said the tunnel was safe, adding that inspections would continue.`,
			want: []want{
				{"Ben Ortiz", "said", false, "the tunnel was safe"},
				{"Ben Ortiz", "adding", false, "inspections would continue"},
			},
		},
		{
			name: "quote spanning paragraphs",
			text: `"The first part of the statement goes here.

"And the statement goes on in a second paragraph," spokeswoman Ida Lund said.`,
			want: []want{{"Ida Lund", "said", true, "The first part of the statement"}},
		},
		{
			name: "partial quote in reported speech",
			text: `Minister Omar Haddad demanded that the rebels "lay down their arms" within a week.`,
			want: []want{{"Omar Haddad", "demanded", false, "the rebels \"lay down their arms\" within a week"}},
		},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			checkSpans(t, tt.text, got)
			for _, w := range tt.want {
				q, ok := findQuote(got, w.text)
				if !ok {
					t.Errorf("no quote holding %q; got %s", w.text, describe(got))
					continue
				}
				if w.speaker != "" && q.Speaker != w.speaker {
					t.Errorf("quote %q: speaker %q, want %q", w.text, q.Speaker, w.speaker)
				}
				if q.Cue != w.cue {
					t.Errorf("quote %q: cue %q, want %q", w.text, q.Cue, w.cue)
				}
				if q.Direct != w.direct {
					t.Errorf("quote %q: direct %v, want %v", w.text, q.Direct, w.direct)
				}
			}
		})
	}
}

func TestFindNothing(t *testing.T) {
	tests := []struct{ name, text string }{
		{"empty", ""},
		{"no speech", "The river rose by two metres overnight and the old bridge was closed."},
		{"apostrophes are not quotes", "The farmers' market and the workers' canteen stayed open; Sam's car didn't start."},
		{"scare quotes", `The so-called "reform" left the budget where it was.`},
		{"cue noun after a possessive", "The minister's plans for the harbour were shelved."},
	}
	f := NewFinder()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := f.Find(tt.text, nil); len(got) != 0 {
				t.Errorf("found %s, want none", describe(got))
			}
		})
	}
}

func TestFindMentions(t *testing.T) {
	text := `Interior Minister Sofia Lind visited the border post. "The crossing will stay open," Lind said.`
	name := "Sofia Lind"
	start := strings.Index(text, name)
	second := strings.LastIndex(text, "Lind")
	mentions := []news.Mention{
		{Span: news.Span{Start: start, End: start + len(name)}, Text: name, Type: news.Person, Role: "Interior Minister", Entity: "e-lind"},
		{Span: news.Span{Start: second, End: second + len("Lind")}, Text: "Lind", Type: news.Person, Entity: "e-lind"},
	}
	got := NewFinder().Find(text, mentions)
	q, ok := findQuote(got, "The crossing will stay open")
	if !ok {
		t.Fatalf("quote not found; got %s", describe(got))
	}
	if q.Speaker != "Sofia Lind" || q.Entity != "e-lind" {
		t.Errorf("speaker %q entity %q, want %q %q", q.Speaker, q.Entity, "Sofia Lind", "e-lind")
	}
	if got := text[q.SpeakerSpan.Start:q.SpeakerSpan.End]; got != "Lind" {
		t.Errorf("speaker span holds %q, want %q", got, "Lind")
	}
}

func TestFindSentenceAndParts(t *testing.T) {
	text := `Other news first. "We seek a fair deal," Ines Moreau told reporters. "Both sides must give something." Talks resume on Monday.`
	got := NewFinder().Find(text, nil)
	if len(got) != 1 {
		t.Fatalf("got %s, want one quote", describe(got))
	}
	q := got[0]
	if len(q.Parts) != 2 {
		t.Fatalf("parts %v, want two", q.Parts)
	}
	if p := text[q.Parts[1].Start:q.Parts[1].End]; p != `"Both sides must give something."` {
		t.Errorf("second part %q", p)
	}
	wantSentence := `"We seek a fair deal," Ines Moreau told reporters. "Both sides must give something."`
	if s := text[q.Sentence.Start:q.Sentence.End]; s != wantSentence {
		t.Errorf("sentence %q, want %q", s, wantSentence)
	}
	if s := text[q.SpeakerSpan.Start:q.SpeakerSpan.End]; s != "Ines Moreau" {
		t.Errorf("speaker span %q", s)
	}
}

func TestFindDeterministic(t *testing.T) {
	text := readFile(t, "testdata/article.txt")
	f := NewFinder()
	first := describe(f.Find(text, nil))
	for range 3 {
		if again := describe(f.Find(text, nil)); again != first {
			t.Fatalf("second run differs:\n%s\nvs\n%s", again, first)
		}
	}
}

// checkSpans fails t when a quote's offsets do not fit the text.
func checkSpans(t *testing.T, text string, qs []news.Quote) {
	t.Helper()
	valid := func(s news.Span) bool { return 0 <= s.Start && s.Start <= s.End && s.End <= len(text) }
	for _, q := range qs {
		if !valid(q.Span) || !valid(q.Sentence) || !valid(q.SpeakerSpan) {
			t.Fatalf("span out of the text: %+v", q)
		}
		if q.Sentence.Start > q.Start || q.Sentence.End < q.End {
			t.Errorf("sentence %v does not hold the quote %v", q.Sentence, q.Span)
		}
		if len(q.Parts) == 0 && text[q.Start:q.End] != q.Text {
			t.Errorf("text %q is not the span's %q", q.Text, text[q.Start:q.End])
		}
		for _, p := range q.Parts {
			if !valid(p) || p.Start < q.Start || p.End > q.End {
				t.Errorf("part %v outside the quote %v", p, q.Span)
			}
		}
		if !utf8.ValidString(q.Text) && utf8.ValidString(text) {
			t.Errorf("quote text not valid UTF-8: %q", q.Text)
		}
	}
}

func describe(qs []news.Quote) string {
	var b strings.Builder
	for _, q := range qs {
		b.WriteString("\n  [" + q.Speaker + "] " + q.Cue + ": " + q.Text)
	}
	if b.Len() == 0 {
		return "none"
	}
	return b.String()
}

func TestFindConcurrent(t *testing.T) {
	texts := []string{
		readFile(t, "testdata/article.txt"),
		`"We seek a fair deal," Ines Moreau told reporters. "Both sides must give something."`,
		`According to Marta Silva, the factory will close in June.`,
	}
	f := NewFinder()
	want := make([]string, len(texts))
	for i, text := range texts {
		want[i] = describe(f.Find(text, nil))
	}
	errs := make(chan string, 64)
	done := make(chan bool)
	for g := range 8 {
		go func() {
			for n := range 20 {
				i := (g + n) % len(texts)
				if got := describe(f.Find(texts[i], nil)); got != want[i] {
					errs <- got
				}
			}
			done <- true
		}()
	}
	for range 8 {
		<-done
	}
	close(errs)
	for got := range errs {
		t.Errorf("concurrent Find differs: %s", got)
	}
}

// Words that are cues in one sentence are none in another: no quote is
// found in these, and the sentences around them keep theirs.
func TestNotQuotes(t *testing.T) {
	f := NewFinder()
	for _, tt := range []struct {
		name, text string
		keep       string // a quote that must still be found, or ""
	}{
		{"phrasal verb with back", "The Kessel Dam holds back the Vena River before it flows into Estavia. Farmers say the reservoir has cut their water by a third.", "the reservoir has cut their water"},
		{"fought back", "The rebels fought back the advance near the border on Monday.", ""},
		{"regarding as a preposition", "Furthermore, the farmers of the valley have voiced similar worries regarding the water held behind the Kessel Dam.", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := f.Find(tt.text, nil)
			for _, q := range got {
				if tt.keep == "" || !strings.Contains(q.Text, tt.keep) {
					t.Errorf("found a quote %q (speaker %q, cue %q)", q.Text, q.Speaker, q.Cue)
				}
			}
			if _, ok := findQuote(got, tt.keep); tt.keep != "" && !ok {
				t.Errorf("no quote holding %q; got %s", tt.keep, describe(got))
			}
		})
	}
}

// "It" speaks for the organisation named before it, or failing one the
// country.
func TestItSpeaksForAnOrganisation(t *testing.T) {
	f := NewFinder()
	for _, tt := range []struct {
		text     string
		mentions []news.Mention
		want     string
	}{
		{"The armed group Free Vena Front (FVF), which Norland accuses of attacks on the dam, said in a statement that it rejected any talks that did not give the river back.",
			[]news.Mention{{Text: "Free Vena Front", Type: news.Organisation}, {Text: "FVF", Type: news.Organisation}, {Text: "Norland", Type: news.Place}}, "FVF"},
		{"Norland said on Monday that it would send engineers to the dam.",
			[]news.Mention{{Text: "Norland", Type: news.Place}}, "Norland"},
	} {
		ms := slices.Clone(tt.mentions)
		for i := range ms {
			ms[i].Start = strings.Index(tt.text, ms[i].Text)
			ms[i].End = ms[i].Start + len(ms[i].Text)
		}
		got := f.Find(tt.text, ms)
		if len(got) == 0 {
			t.Errorf("no quote in %q", tt.text)
			continue
		}
		for _, q := range got {
			if q.Speaker != tt.want {
				t.Errorf("quote %q: speaker %q, want %q", q.Text, q.Speaker, tt.want)
			}
		}
	}
}

// The subject of a passive cue was spoken to or of: it is not the
// speaker.
func TestPassiveSubjectIsNoSpeaker(t *testing.T) {
	f := NewFinder()
	for _, tt := range []struct {
		text, notSpeaker string
	}{
		{"The Free Vena Front has been urged to lay down its arms and join the talks in Port Avel.", "Free Vena Front"},
		{"Norland was also criticized for moving troops that threaten villages near the border.", "Norland"},
		{"Estavian farmers were told that the reservoir would stay low until the rains.", "Estavian farmers"},
	} {
		for _, q := range f.Find(tt.text, nil) {
			if q.Speaker == tt.notSpeaker {
				t.Errorf("%q: quote %q has the passive's subject %q as its speaker", tt.text, q.Text, q.Speaker)
			}
		}
	}
	// An active cue after an auxiliary keeps its subject.
	got := f.Find("Petra Halvik has repeatedly said that the dam will hold.", nil)
	if q, ok := findQuote(got, "the dam will hold"); !ok || q.Speaker != "Petra Halvik" {
		t.Errorf(`"Petra Halvik has repeatedly said that the dam will hold": got %s, want the quote by Petra Halvik`, describe(got))
	}
}
