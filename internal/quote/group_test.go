package quote

import (
	"slices"
	"testing"
)

func TestSame(t *testing.T) {
	tests := []struct {
		name string
		a, b string
		same bool
	}{
		{"different quote marks", `"We will not give up the valley,"`, `‘We will not give up the valley,’`, true},
		{"reworded", "We seek a lasting ceasefire with our neighbours and we expect talks to resume within a month",
			"we are seeking a lasting ceasefire with the neighbours and expect that talks resume within the month", true},
		{"one quotes part of the other", "The harbour will stay open. We have the money, the boats and the crews, and we will not close it this winter or any winter",
			"we have the money, the boats and the crews", true},
		{"different quotes by topic words", "The harbour will stay open this winter", "The harbour was closed for repairs last winter and the boats were sold", false},
		{"short quotes must match exactly", "No comment.", "No comment", true},
		{"short and different", "Never again.", "Not again.", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			same, score := Same(tt.a, tt.b)
			if same != tt.same {
				t.Errorf("Same = %v (score %.2f), want %v", same, score, tt.same)
			}
			if score < 0 || score > 1 {
				t.Errorf("score %v out of 0..1", score)
			}
			if s2, sc2 := Same(tt.b, tt.a); s2 != same || sc2 != score {
				t.Errorf("not symmetric: %v %.2f vs %v %.2f", same, score, s2, sc2)
			}
		})
	}
}

func TestGroup(t *testing.T) {
	texts := []string{
		`"We will not give up the valley," she said.`, // 0
		"The harbour will stay open this winter",      // 1
		`‘We will not give up the valley’`,            // 2
		"Nobody has seen the numbers",                 // 3
		"the harbour will stay open this winter!",     // 4
		"We WILL NOT give up the valley.",             // 5
	}
	got := Group(texts)
	want := [][]int{{0, 2, 5}, {1, 4}, {3}}
	if !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("Group = %v, want %v", got, want)
	}
}

func TestWords(t *testing.T) {
	got := Words(`“We are SEEKING partnerships,” she said.`)
	want := []string{"partnership", "seek"}
	if !slices.Equal(got, want) {
		t.Errorf("Words = %q, want %q", got, want)
	}
}
