package quote

import (
	"strings"
	"testing"
)

// TestGivenNamesWorldWide checks that a speaker introduced by given and
// family name alone, with no title, is found and told apart by the pronoun
// that reports them, for given names of every continent. The family names
// are made up.
func TestGivenNamesWorldWide(t *testing.T) {
	for _, c := range []struct{ he, she string }{
		{"Kwabena Asante-Dzirasa", "Ngozi Okoroafor"},
		{"Javier Montalbo", "Xiomara Quispeluna"},
		{"Volodymyr Hrytsenko-Bar", "Agnieszka Wolnicka"},
		{"Mohsin Qureshani", "Zeynep Karadalli"},
		{"Anura Weerakodi", "Smriti Basantani"},
		{"Takeshi Moriwaka", "Megawati Sulistyara"},
		{"Gordon Fairweather", "Wendy Holloway"},
	} {
		text := c.he + " and " + c.she + " visited the harbour on Friday.\n" +
			`"The boats are ready for the winter," she said. "We will keep the port open," he added.`
		qs := NewFinder().Find(text, nil)
		got := map[string]string{}
		for _, q := range qs {
			got[q.Cue] = q.Speaker
		}
		if got["said"] != c.she || got["added"] != c.he {
			t.Errorf("%s and %s: said by %q, added by %q; want %q and %q", c.he, c.she, got["said"], got["added"], c.she, c.he)
		}
	}
}

// TestHonorificsWorldWide checks that the honorifics of other languages
// that English news keeps mark a speaker and their gender, with given
// names the lexicon does not know.
func TestHonorificsWorldWide(t *testing.T) {
	for _, c := range []struct{ he, she string }{
		{"Herr Wendelin Brauer", "Frau Ilsabe Kortmann"},
		{"Señor Anselmo Quiroga", "Señora Maribel Ocampo"},
		{"Shri Devraj Kumbhat", "Smt Lalitha Ramanan"},
		{"Bapak Slamet Wiranto", "Ibu Ratna Sulastri"},
	} {
		text := c.he + " and " + c.she + " visited the harbour on Friday.\n" +
			`"The boats are ready for the winter," she said. "We will keep the port open," he added.`
		got := map[string]string{}
		for _, q := range NewFinder().Find(text, nil) {
			got[q.Cue] = q.Speaker
		}
		_, he, _ := strings.Cut(c.he, " ")
		_, she, _ := strings.Cut(c.she, " ")
		if got["said"] != she || got["added"] != he {
			t.Errorf("%s and %s: said by %q, added by %q; want %q and %q", c.he, c.she, got["said"], got["added"], she, he)
		}
	}
}
