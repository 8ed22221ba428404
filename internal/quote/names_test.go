package quote

import "testing"

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
