package entity

import (
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func TestJoin(t *testing.T) {
	mention := func(text, s string, typ news.EntityType) news.Mention {
		for i := 0; i+len(s) <= len(text); i++ {
			if text[i:i+len(s)] == s {
				return news.Mention{Span: news.Span{Start: i, End: i + len(s)}, Text: s, Type: typ}
			}
		}
		t.Fatalf("%q not in %q", s, text)
		return news.Mention{}
	}
	tests := []struct {
		name  string
		text  string
		parts [][2]string // text, type
		want  []string
	}{
		{"known name split in two", "The United Nations Security Council met.",
			[][2]string{{"United Nations", "ORG"}, {"Security Council", "ORG"}}, []string{"ORG:United Nations Security Council"}},
		{"an organisation and its country", "Talks with the Tehreek-e-Taliban Pakistan began.",
			[][2]string{{"Tehreek-e-Taliban", "ORG"}, {"Pakistan", "LOC"}}, []string{"ORG:Tehreek-e-Taliban Pakistan"}},
		{"an organisation and its country elsewhere", "Staff of the Harbour Trust Kenya met.",
			[][2]string{{"Harbour Trust", "ORG"}, {"Kenya", "LOC"}}, []string{"ORG:Harbour Trust Kenya"}},
		{"a possessive country starts another phrase", "The Harbour Trust Kenya's ports fund was cut.",
			[][2]string{{"Harbour Trust", "ORG"}, {"Kenya", "LOC"}}, []string{"ORG:Harbour Trust", "LOC:Kenya"}},
		{"a place that is not a country stays apart", "Officials of the Harbour Trust Norland met.",
			[][2]string{{"Harbour Trust", "ORG"}, {"Norland", "LOC"}}, []string{"ORG:Harbour Trust", "LOC:Norland"}},
		{"a person and a country stay apart", "Asked by Ruth Ogola Kenya said no.",
			[][2]string{{"Ruth Ogola", "PER"}, {"Kenya", "LOC"}}, []string{"PER:Ruth Ogola", "LOC:Kenya"}},
		{"a comma keeps them apart", "The Tehreek-e-Taliban, Pakistan said, is banned.",
			[][2]string{{"Tehreek-e-Taliban", "ORG"}, {"Pakistan", "LOC"}}, []string{"ORG:Tehreek-e-Taliban", "LOC:Pakistan"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ms []news.Mention
			for _, p := range tt.parts {
				ms = append(ms, mention(tt.text, p[0], news.EntityType(p[1])))
			}
			var got []string
			for _, m := range Join(tt.text, ms) {
				if tt.text[m.Start:m.End] != m.Text {
					t.Errorf("span %v does not hold %q", m.Span, m.Text)
				}
				got = append(got, string(m.Type)+":"+m.Text)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("got %v, want %v", got, tt.want)
				}
			}
		})
	}
}
