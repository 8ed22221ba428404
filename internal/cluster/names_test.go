package cluster

import (
	"slices"
	"testing"
)

func TestGuessEntities(t *testing.T) {
	tests := []struct {
		name    string
		title   string
		text    string
		want    []string // keys that must be found
		wantNot []string // keys that must not be found
	}{
		{
			name:    "titles are dropped from names",
			text:    "Prime Minister Imran Khan met Deputy Secretary of State Wendy Sherman in Islamabad.",
			want:    []string{"imran khan", "wendy sherman", "islamabad", "sherman"},
			wantNot: []string{"prime minister imran khan", "state wendy sherman", "prime", "deputy"},
		},
		{
			name:    "sentence openers are not names",
			text:    "After the storm, Tara Reid left. Police said the road to Velsk was closed. Reid went home on Tuesday.",
			want:    []string{"tara reid", "velsk"},
			wantNot: []string{"after", "police", "tuesday", "after the storm"},
		},
		{
			name: "an opener the text capitalises elsewhere is a name",
			text: "Keldra burned. The fire in Keldra was put out.",
			want: []string{"keldra"},
		},
		{
			name: "connectors join names",
			text: "The Bank of Drovania raised rates, said Anna de la Cruz.",
			want: []string{"bank of drovania"},
		},
		{
			name:    "shouting lines are skipped",
			text:    "WE ARE GOING IN THE WRONG DIRECTION ON TRADE\nThe minister spoke in Velsk.",
			want:    []string{"velsk"},
			wantNot: []string{"we are going in the wrong direction on trade", "wrong"},
		},
		{
			name:    "title case headline only confirms names",
			title:   "Fire Destroys Warehouses In Port Keldra",
			text:    "A fire destroyed warehouses in Port Keldra on Sunday.",
			want:    []string{"port keldra"},
			wantNot: []string{"fire destroys warehouses in port keldra", "fire destroys warehouses"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var keys []string
			for _, e := range GuessEntities(tt.title, tt.text) {
				keys = append(keys, e.Key)
				if e.Count < 1 || e.Name == "" {
					t.Errorf("entity %+v has no count or name", e)
				}
			}
			for _, k := range tt.want {
				if !slices.Contains(keys, k) {
					t.Errorf("missing %q in %q", k, keys)
				}
			}
			for _, k := range tt.wantNot {
				if slices.Contains(keys, k) {
					t.Errorf("unexpected %q in %q", k, keys)
				}
			}
		})
	}
}

func FuzzGuessEntities(f *testing.F) {
	f.Add("Title Here", "Prime Minister Imran Khan met Wendy Sherman. After that, I'm sure.")
	f.Add("", "“Quote” (Bracket) U.S. officials — é Ü ß — of of of")
	f.Fuzz(func(t *testing.T, title, text string) {
		for _, e := range GuessEntities(title, text) {
			if e.Key == "" || e.Count < 1 {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}

func TestTermShownAsItsCommonestWord(t *testing.T) {
	v := newVocab()
	id := v.term("militant") // met first
	for range 2 {
		if got := v.term("militants"); got != id {
			t.Fatalf("militants has term %d, militant %d: want one stem", got, id)
		}
	}
	if got := v.display[id]; got != "militants" {
		t.Errorf("term shown as %q, want the commoner \"militants\"", got)
	}
	v.term("militant")
	if got := v.display[id]; got != "militants" {
		t.Errorf("after a tie, term shown as %q, want \"militants\" kept", got)
	}
}
