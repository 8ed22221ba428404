package quotes

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// devDir is PolNeAR's dev split, beside the checkout.
const devDir = "../../../../shared/data/quotes/polnear/dev"

// TestDev scores the finder on PolNeAR dev and holds it to the targets:
// content F1 0.75 on speech (issue 21), 0.70 over every attribution
// PolNeAR marks, and speaker accuracy 0.85. The overall floor is lower
// because PolNeAR marks what a reader asking "who said what" does not
// want as a quote, and the finder leaves out: beliefs and intentions
// (kept apart as views), and speech acts about a thing ("praised the work
// of his investigators"). These are development figures: the finder is
// tuned on this split.
func TestDev(t *testing.T) {
	if _, err := os.Stat(devDir); err != nil {
		t.Skipf("PolNeAR dev not found at %s: %v", devDir, err)
	}
	r, err := Run(context.Background(), devDir)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("PolNeAR dev:\n%s", r)
	if r.Articles != 84 {
		t.Errorf("read %d articles, want 84", r.Articles)
	}
	if r.F1 < 0.70 {
		t.Errorf("content F1 %.3f, want at least 0.70", r.F1)
	}
	if r.Speech.F1 < 0.75 {
		t.Errorf("speech content F1 %.3f, want at least 0.75", r.Speech.F1)
	}
	if r.Views == 0 || r.Speech.Predicted+r.Views != r.Predicted {
		t.Errorf("%d speech and %d views of %d predicted: views not kept apart", r.Speech.Predicted, r.Views, r.Predicted)
	}
	if r.SpeakerAccuracy < 0.85 {
		t.Errorf("speaker accuracy %.3f, want at least 0.85", r.SpeakerAccuracy)
	}
}

// The fixture below is made up; the offsets are in characters, as brat's.
const fixtureText = "Héloïse Marchand said the bridge “will reopen”. Polls show support."

const fixtureAnn = "T1\tSource 0 16\tHéloïse Marchand\n" +
	"T2\tCue 17 21\tsaid\n" +
	"T3\tContent 22 46\tthe bridge “will reopen”\n" +
	"T4\tAttribution 17 21\tsaid\n" +
	"E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n" +
	"T5\tSource 48 53\tPolls\n" +
	"T6\tCue 54 58\tshow\n" +
	"T7\tContent 59 63;63 66\tsupport.\n" +
	"E2\tAttribution:T6 Content:T7 Cue:T6 Source:T5\n" +
	"T8\tCue 0 1\tH\n" +
	"E3\tAttribution-no-source:T8 Cue:T8\n"

func TestParseBrat(t *testing.T) {
	atts, err := ParseBrat(fixtureText, fixtureAnn)
	if err != nil {
		t.Fatal(err)
	}
	if len(atts) != 2 {
		t.Fatalf("got %d attributions, want 2 (one without content is dropped)", len(atts))
	}
	text := func(ss []news.Span) string {
		var parts []string
		for _, s := range ss {
			parts = append(parts, fixtureText[s.Start:s.End])
		}
		return strings.Join(parts, "|")
	}
	if got := text(atts[0].Source); got != "Héloïse Marchand" {
		t.Errorf("source %q", got)
	}
	if got := text(atts[0].Content); got != "the bridge “will reopen”" {
		t.Errorf("content %q", got)
	}
	if got := text(atts[1].Content); got != "supp|ort" {
		t.Errorf("fragments %q, want %q", got, "supp|ort")
	}
	if atts[0].Cue != "said" || atts[0].SourceText != "Héloïse Marchand" {
		t.Errorf("cue %q source text %q", atts[0].Cue, atts[0].SourceText)
	}
}

func TestParseBratErrors(t *testing.T) {
	for _, ann := range []string{
		"T1\tSource 0 999\tx\n",
		"T1\tSource a b\tx\n",
		"T1\n",
	} {
		if _, err := ParseBrat(fixtureText, ann); err == nil {
			t.Errorf("ParseBrat(%q): no error", ann)
		}
	}
}

func TestScore(t *testing.T) {
	atts, err := ParseBrat(fixtureText, fixtureAnn)
	if err != nil {
		t.Fatal(err)
	}
	byteAt := func(s string) int { return strings.Index(fixtureText, s) }
	found := []news.Quote{
		{ // overlaps the first content; speaker named the same
			Span:    news.Span{Start: byteAt("bridge"), End: byteAt("”.") + len("”")},
			Speaker: "Marchand", SpeakerSpan: news.Span{Start: 60, End: 61},
		},
		{ // overlaps nothing
			Span: news.Span{Start: 0, End: 5},
		},
		{ // overlaps the first content too, but it is taken
			Span: news.Span{Start: byteAt("the"), End: byteAt("the") + 3},
		},
		{ // the poll's finding, a view
			Span: news.Span{Start: byteAt("support"), End: len(fixtureText)}, Kind: news.QuoteView,
		},
	}
	s := Scorer{Kind: func(cue string) news.QuoteKind {
		if cue == "show" {
			return news.QuoteView
		}
		return news.QuoteSpeech
	}}
	s.Add(Article{Name: "fixture", Text: fixtureText, Attributions: atts}, found)
	r := s.Result()
	if r.Gold != 2 || r.Predicted != 4 || r.Matched != 2 {
		t.Fatalf("gold %d predicted %d matched %d, want 2 4 2", r.Gold, r.Predicted, r.Matched)
	}
	if sp := r.Speech; sp.Gold != 1 || sp.Predicted != 3 || sp.Matched != 1 || r.Views != 1 {
		t.Errorf("speech gold %d predicted %d matched %d, views %d; want 1 3 1, 1", sp.Gold, sp.Predicted, sp.Matched, r.Views)
	}
	if r.SpeechActRecall != 1 {
		t.Errorf("speech-act recall %.3f, want 1", r.SpeechActRecall)
	}
	if r.SpeakerChecked != 2 || r.SpeakerCorrect != 1 {
		t.Errorf("speaker %d of %d, want 1 of 2", r.SpeakerCorrect, r.SpeakerChecked)
	}
	if r.DirectGold != 1 || r.DirectMatched != 1 {
		t.Errorf("direct %d of %d, want 1 of 1", r.DirectMatched, r.DirectGold)
	}
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"precision"`, `"recall"`, `"f1"`, `"speaker_accuracy"`} {
		if !strings.Contains(string(b), key) {
			t.Errorf("JSON %s lacks %s", b, key)
		}
	}
}

func TestSameName(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"John Kirby", "Pentagon Press Secretary John Kirby", true},
		{"John Kirby", "Mr Kirby", true},
		{"Hillary Clinton", "Bill Clinton", false},
		{"Clinton", "Clinton’s", true},
		{"he", "he", false},
		{"the mayor", "Mayor Bill de Blasio", false},
	}
	for _, tt := range tests {
		if got := SameName(tt.a, tt.b); got != tt.want {
			t.Errorf("SameName(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestReadMissing(t *testing.T) {
	if _, err := Read(t.TempDir()); err == nil {
		t.Error("Read of an empty folder: no error")
	}
}
