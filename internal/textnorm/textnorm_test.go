package textnorm

import "testing"

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"case and space", "  The  Minister\n\nsaid ", "the minister said"},
		{"quote styles", "“We seek peace,” she said. 'Yes'", "we seek peace she said yes"},
		{"dashes", "Honeymoon sours–frustrated — again", "honeymoon sours frustrated again"},
		{"compatibility forms", "ﬁnal ２０２１", "final 2021"},
		{"diacritics kept", "Café in Zürich", "café in zürich"},
		{"empty", " \n\t", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Normalize(tt.in); got != tt.want {
				t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestHashIgnoresFormatting(t *testing.T) {
	a := Hash("Pakistan said \"no\".\n\nThe end.")
	b := Hash("pakistan  said “no” — the end")
	if a != b {
		t.Errorf("texts differing only in formatting hash differently: %s vs %s", a, b)
	}
	if a == Hash("Pakistan said yes. The end.") {
		t.Error("texts with different words hash the same")
	}
}
