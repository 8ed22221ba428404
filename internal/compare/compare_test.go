package compare

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// change is what a test expects to find: a change of a type whose words
// hold orig and copy.
type change struct {
	typ        Type
	orig, copy string
}

func TestTexts(t *testing.T) {
	const base = "Police arrested five men in London on Monday after a protest outside the embassy. " +
		"The minister said he would resign. Sales rose sharply in the third quarter."
	tests := []struct {
		name      string
		orig, cp  string
		sameFacts bool
		want      []change // changes of fact that must be found
	}{
		{name: "identical", orig: base, cp: base, sameFacts: true},
		{name: "whitespace", orig: base, cp: "  " + strings.ReplaceAll(base, ". ", ".\n\n") + "\n", sameFacts: true},
		{name: "paraphrase",
			orig: "Activists dumped paint on the road in front of the embassy.",
			cp:   "Protesters spilled paint on the road outside the embassy.", sameFacts: true},
		{name: "place", orig: base, cp: strings.Replace(base, "London", "Paris", 1),
			want: []change{{Entity, "London", "Paris"}}},
		{name: "count", orig: base, cp: strings.Replace(base, "five", "seven", 1),
			want: []change{{Number, "five", "seven"}}},
		{name: "digits", orig: "The fire killed 12 people.", cp: "The fire killed 21 people.",
			want: []change{{Number, "12", "21"}}},
		{name: "day", orig: base, cp: strings.Replace(base, "Monday", "Tuesday", 1),
			want: []change{{Date, "Monday", "Tuesday"}}},
		{name: "year", orig: "The law was passed in 2021.", cp: "The law was passed in 2019.",
			want: []change{{Date, "2021", "2019"}}},
		{name: "negation added", orig: base, cp: strings.Replace(base, "would resign", "would not resign", 1),
			want: []change{{Negation, "", "not"}}},
		{name: "negation dropped", orig: "The company did not confirm the deal.", cp: "The company confirmed the deal.",
			want: []change{{Negation, "not", ""}}},
		{name: "antonym", orig: base, cp: strings.Replace(base, "rose", "fell", 1),
			want: []change{{Antonym, "rose", "fell"}}},
		{name: "speaker",
			orig: `"We will win the vote," Smith said on Friday.`,
			cp:   `"We will win the vote," Jones said on Friday.`,
			want: []change{{Attribution, "Smith", "Jones"}}},
		{name: "quotation",
			orig: `"We will win the vote easily," Smith said.`,
			cp:   `"We will carry the vote comfortably," Smith said.`,
			want: []change{{Quote, "win", "carry"}}},
		{name: "sentence added", orig: base, cp: base + " The embassy was closed for a week after the riot.",
			want: []change{{Added, "", "The embassy was closed for a week after the riot."}}},
		{name: "sentence removed", orig: base, cp: strings.Replace(base, "The minister said he would resign. ", "", 1),
			want: []change{{Removed, "The minister said he would resign.", ""}}},
		{name: "pronoun made a name",
			orig: `"Some groups want to talk to our government for some peace," he told Turkey's TRT World television.`,
			cp:   `According to TRT World television, some groups have expressed interest in talking to Turkey's government about peace.`,
			want: []change{{Entity, "our", "Turkey"}}},
		{name: "claim inserted", orig: "The founder of the company has been arrested on fraud charges.",
			cp:   "The founder of the company, who was recently released on bail, has been arrested on fraud charges.",
			want: []change{{Added, "", "released on bail"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := Texts(Text{Text: tt.orig}, Text{Text: tt.cp})
			if r.SameFacts != tt.sameFacts {
				t.Errorf("SameFacts = %v, want %v; changes %+v", r.SameFacts, tt.sameFacts, r.Changes)
			}
			for _, w := range tt.want {
				if !has(r.Changes, w) {
					t.Errorf("no %s change %q -> %q in %+v", w.typ, w.orig, w.copy, r.Changes)
				}
			}
			if tt.sameFacts {
				return
			}
			for _, c := range r.Changes {
				if c.Fact() && !wanted(c, tt.want) {
					t.Errorf("unexpected change %+v", c)
				}
			}
		})
	}
}

func has(cs []Change, w change) bool {
	for _, c := range cs {
		if c.Type == w.typ && strings.Contains(c.Original, w.orig) && strings.Contains(c.Copy, w.copy) {
			return true
		}
	}
	return false
}

func wanted(c Change, ws []change) bool {
	for _, w := range ws {
		if c.Type == w.typ {
			return true
		}
	}
	return false
}

// TestRows checks that the display rows put each word of the copy in a
// segment, once and in order, and mark the changed ones with their type.
func TestRows(t *testing.T) {
	orig := "Police arrested five men in London on Monday. The minister said he would resign."
	cp := "Police arrested seven men in London on Monday. The minister said he would resign. Riots followed."
	r := Texts(Text{Text: orig}, Text{Text: cp})
	var copyText strings.Builder
	var sawNumber, sawAdded bool
	for _, row := range r.Rows {
		for _, s := range row.Segments {
			if s.Op != Dropped {
				copyText.WriteString(s.Text)
			}
			sawNumber = sawNumber || s.Op == Inserted && s.Type == Number && s.Text == "seven "
			sawAdded = sawAdded || s.Op == Inserted && s.Type == Added && s.Text == "Riots followed."
		}
	}
	if got := strings.Join(strings.Fields(copyText.String()), " "); got != strings.Join(strings.Fields(strings.ReplaceAll(cp, ". ", ".")), " ") &&
		strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(cp, " ", "") {
		t.Errorf("rows spell the copy as %q, want %q", got, cp)
	}
	if !sawNumber || !sawAdded {
		t.Errorf("rows lack the number change or the added sentence: %+v", r.Rows)
	}
}

func TestOrder(t *testing.T) {
	r := Texts(Text{Text: "A short report."}, Text{Text: ""})
	if r.SameFacts || len(r.Changes) != 1 || r.Changes[0].Type != Removed {
		t.Errorf("an empty copy: %+v, want one removed sentence", r)
	}
}

// seed reads a seed article's text, or skips when the seeds are absent.
func seed(tb testing.TB, prefix string) string {
	tb.Helper()
	m, _ := filepath.Glob(filepath.Join("../../../shared/seeds", prefix+"_*.txt"))
	if len(m) != 1 {
		tb.Skipf("seed %s not found (the seeds live in shared/ beside the checkout)", prefix)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

// BenchmarkCompare measures a comparison of a rewritten copy with its
// original: seed 003 against seed 001, about 500 words each.
func BenchmarkCompare(b *testing.B) {
	orig, cp := Text{Text: seed(b, "001")}, Text{Text: seed(b, "003")}
	c := New()
	b.ReportAllocs()
	for b.Loop() {
		c.Compare(orig, cp)
	}
}

// BenchmarkComparePair measures one summary-sized pair of sentences.
func BenchmarkComparePair(b *testing.B) {
	orig := Text{Text: "On the eve of the anniversary of the invasion, activists dumped gallons of yellow and blue paint on the road in front of the embassy."}
	cp := Text{Text: "On the night before the anniversary of the attack, protesters spilled gallons of yellow and blue paint on the street in front of the embassy."}
	c := New()
	b.ReportAllocs()
	for b.Loop() {
		c.Compare(orig, cp)
	}
}

// FuzzTexts checks that any pair of texts compares without a panic, that
// the rows spell the copy's words in order, and that a text compared with
// itself has the same facts.
func FuzzTexts(f *testing.F) {
	f.Add("Police arrested five men in London.", "Police arrested seven men in Paris. Riots followed.")
	f.Add(`"We will win," Smith said.`, `“We will lose,” Jones said.`)
	f.Add("U.S. sales fell 5% to $5bn in 2023.\n\nAdvertisement\n", "US sales didn't fall.")
	f.Fuzz(func(t *testing.T, orig, cp string) {
		r := Texts(Text{Text: orig}, Text{Text: cp})
		pos := 0
		for _, row := range r.Rows {
			for _, s := range row.Segments {
				if s.Op == Dropped {
					continue
				}
				i := strings.Index(cp[pos:], strings.TrimSpace(s.Text))
				if i < 0 {
					t.Fatalf("segment %q is not in the copy after byte %d", s.Text, pos)
				}
				pos += i
			}
		}
		if self := Texts(Text{Text: orig}, Text{Text: orig}); !self.SameFacts {
			t.Fatalf("a text against itself changed facts: %+v", self.Changes)
		}
	})
}
