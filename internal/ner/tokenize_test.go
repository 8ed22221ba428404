package ner

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want [][]string
	}{
		{"possessive and stop", "Nacta's chief spoke.", [][]string{{"Nacta", "'s", "chief", "spoke", "."}}},
		{"curly possessive", "Kabul’s rulers", [][]string{{"Kabul", "’s", "rulers"}}},
		{"abbreviations keep stops", "Mr. Lind met U.S. envoys.", [][]string{{"Mr.", "Lind", "met", "U.S.", "envoys", "."}}},
		{"two sentences", "It rained. Then it stopped!", [][]string{{"It", "rained", "."}, {"Then", "it", "stopped", "!"}}},
		{"no split before lower case", "It was 5 p.m. and late.", [][]string{{"It", "was", "5", "p.m.", "and", "late", "."}}},
		{"brackets and hyphens", "the Tehreek-e-Taliban Pakistan (TTP) said", [][]string{{"the", "Tehreek-e-Taliban", "Pakistan", "(", "TTP", ")", "said"}}},
		{"quotes", "“We agree,” she said.", [][]string{{"“", "We", "agree", ",", "”", "she", "said", "."}}},
		{"quote after stop ends sentence", "He left.\" Then", [][]string{{"He", "left", ".", "\""}, {"Then"}}},
		{"line breaks end sentences", "Headline here\n\nBody text", [][]string{{"Headline", "here"}, {"Body", "text"}}},
		{"numbers keep commas and stops", "$1,500.50 or 3.5%", [][]string{{"$1,500.50", "or", "3.5%"}}},
		{"negation", "They didn't", [][]string{{"They", "did", "n't"}}},
		{"initial", "J. Smith", [][]string{{"J.", "Smith"}}},
		{"dashes", "Kabul -- the capital", [][]string{{"Kabul", "--", "the", "capital"}}},
		{"empty", "  \n ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got [][]string
			for _, s := range sentences(tt.text, nil) {
				var ws []string
				for _, tk := range s {
					if tt.text[tk.start:tk.end] != tk.text {
						t.Errorf("token %q has span %d-%d holding %q", tk.text, tk.start, tk.end, tt.text[tk.start:tk.end])
					}
					ws = append(ws, tk.text)
				}
				got = append(got, ws)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func FuzzSentences(f *testing.F) {
	f.Add("Mr. Lind met U.S. envoys in St. Louis. “Yes,” he said.\n\nNext")
	f.Add("a\u2028b\xff(c)...")
	f.Fuzz(func(t *testing.T, text string) {
		last := 0
		for _, s := range sentences(text, nil) {
			if len(s) == 0 {
				t.Fatal("empty sentence")
			}
			for _, tk := range s {
				if tk.start < last || tk.end <= tk.start || tk.end > len(text) {
					t.Fatalf("token %q at %d-%d after %d", tk.text, tk.start, tk.end, last)
				}
				if text[tk.start:tk.end] != tk.text || strings.TrimSpace(tk.text) == "" && utf8.ValidString(tk.text) {
					t.Fatalf("token %q does not match its span", tk.text)
				}
				last = tk.end
			}
		}
	})
}
