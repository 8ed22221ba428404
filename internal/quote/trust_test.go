package quote

import "testing"

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
