package entity

import (
	"testing"
	"unicode/utf8"
)

func TestKey(t *testing.T) {
	for _, c := range []struct {
		name     string
		a, b     string
		sameWant bool
	}{
		{"case", "TALIBAN", "Taliban", true},
		{"diacritics", "Kandahār", "Kandahar", true},
		{"more diacritics", "Łódź Økonomi Straße", "Lodz Okonomi Strasse", true},
		{"connector e and i", "Tehreek-e-Taliban Pakistan", "Tehreek-i-Taliban Pakistan", true},
		{"vowel ee and i", "Tehreek-e-Taliban", "Tehrik-e-Taliban", true},
		{"hyphens as spaces", "Tehreek-e-Taliban", "Tehreek e Taliban", true},
		{"ee in a long word", "Sheikh Rasheed", "Sheikh Rashid", true},
		{"aa in a long word", "Jamaat", "Jamat", true},
		{"short words keep their vowels", "Lee", "Li", false},
		{"possessive", "Pakistan's", "Pakistan", true},
		{"curly possessive", "Pakistan’s", "Pakistan", true},
		{"apostrophe inside a name", "O'Brien", "OBrien", true},
		{"periods of an acronym", "U.S.", "US", true},
		{"leading the", "the Pentagon", "Pentagon", true},
		{"the alone stays", "The", "the", true},
		{"ampersand", "Procter & Gamble", "Procter and Gamble", true},
		{"different names", "Afghan Taliban", "Pakistani Taliban", false},
		{"initial connector is a word", "I Robot", "E Robot", false},
		{"Arabic article as a connector", "Hizb ut-Tahrir", "Hizb al-Tahrir", true},
		{"connector hyphenated or not", "Hizb-ut-Tahrir", "Hizb ut Tahrir", true},
		{"assimilated article", "Ahl-us-Sunnat", "Ahl-e-Sunnat", true},
		{"ul and al", "Jamaat-ul-Ahrar", "Jamaat al-Ahrar", true},
		{"a leading article stays a word", "al-Shabaab", "ul-Shabaab", false},
		{"a last word is no connector", "Abu Bakr al", "Abu Bakr ul", false},
		{"spaces", "  Imran\n Khan ", "Imran Khan", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			ka, kb := Key(c.a), Key(c.b)
			if (ka == kb) != c.sameWant {
				t.Errorf("Key(%q) = %q, Key(%q) = %q; same = %v, want %v", c.a, ka, c.b, kb, ka == kb, c.sameWant)
			}
		})
	}
}

func TestKeyValues(t *testing.T) {
	for in, want := range map[string]string{
		"Tehreek-i-Taliban Pakistan": "tehrik e taliban pakistan",
		"Washington, D.C.":           "washington dc",
		"The Hague":                  "hague",
		"Pakistan's":                 "pakistan",
		"---":                        "",
		"Côte d'Ivoire":              "cote divoire",
	} {
		if got := Key(in); got != want {
			t.Errorf("Key(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzKey(f *testing.F) {
	for _, s := range []string{"Tehreek-i-Taliban Pakistan", "U.S.", "the the x", "aaaa eeee oooo", "Kandahār", "O’Neill's", "a i b e c", "ǅemal", "İstanbul"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Key(s)
		if !utf8.ValidString(k) && utf8.ValidString(s) {
			t.Fatalf("Key(%q) = %q is not valid UTF-8", s, k)
		}
		if k2 := Key(k); k2 != k {
			t.Fatalf("Key is not idempotent: Key(%q) = %q, Key(%q) = %q", s, k, k, k2)
		}
	})
}

func TestMatchesAcronym(t *testing.T) {
	for _, c := range []struct {
		acronym, long string
		want          bool
	}{
		{"TTP", "Tehreek-i-Taliban Pakistan", true},
		{"TTP", "Tehreek-e-Taliban", false},
		{"ISI", "Inter-Services Intelligence", true},
		{"NATO", "North Atlantic Treaty Organization", true},
		{"MoD", "Ministry of Defence", true},
		{"PML-N", "Pakistan Muslim League-Nawaz", true},
		{"JUI-F", "Jamiat Ulema-e-Islam-Fazl", true},
		{"AQAP", "Al-Qaeda in the Arabian Peninsula", true},
		{"ISIS", "Islamic State in Iraq and Syria", true},
		{"FBI", "Federal Bureau of Investigation", true},
		{"NRA", "Northern Rivers Alliance", true},
		{"NRA", "Northern Alliance", false},
		{"ABC", "Alpha Beta", false},
		{"AB", "Alpha Beta Gamma", false},
		{"CENTCOM", "Central Command", true},
		{"PT", "Partido dos Trabalhadores", true},
		{"AfD", "Alternative für Deutschland", true},
		{"MAS", "Movimiento al Socialismo", true},
		{"PSUV", "Partido Socialista Unido de Venezuela", true},
		{"FdI", "Fratelli d'Italia", true}, // "d'Italia" is one word: its prefix "di"
		{"CDV", "Centrum voor Democratie", false},
	} {
		t.Run(c.acronym+" "+c.long, func(t *testing.T) {
			if got := matchesAcronym(compact(Key(c.acronym)), Key(c.long)); got != c.want {
				t.Errorf("matchesAcronym(%q, %q) = %v, want %v", c.acronym, c.long, got, c.want)
			}
		})
	}
}

func TestIsAcronym(t *testing.T) {
	for s, want := range map[string]bool{
		"TTP": true, "U.S.": true, "PML-N": true, "MoD": true, "NATO": true,
		"Nato": false, "Taliban": false, "A": false, "US Army": false, "ABCDEFGHIJ": false,
	} {
		if got := isAcronym(s); got != want {
			t.Errorf("isAcronym(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestSplitPerson(t *testing.T) {
	for _, c := range []struct {
		in, name, role string
	}{
		{"Imran Khan", "Imran Khan", ""},
		{"Prime Minister Imran Khan", "Imran Khan", "Prime Minister"},
		{"Pakistani Prime Minister Imran Khan", "Imran Khan", "Pakistani Prime Minister"},
		{"Pakistan PM Imran Khan", "Imran Khan", "Pakistan PM"},
		{"Pentagon Press Secretary John Kirby", "John Kirby", "Pentagon Press Secretary"},
		{"Deputy Secretary of State Wendy Sherman", "Wendy Sherman", "Deputy Secretary of State"},
		{"Interior Minister Sheikh Rasheed", "Sheikh Rasheed", "Interior Minister"},
		{"Mr Kirby", "Kirby", ""},
		{"Mr. Kirby", "Kirby", ""},
		{"Dr Lena Marsh", "Lena Marsh", ""},
		{"former President Mr Joe Example", "Joe Example", "former President"},
		{"UN Secretary-General Ana Test", "Ana Test", "UN Secretary-General"},
		{"King Charles", "Charles", "King"},
		{"Martin Luther King", "Martin Luther King", ""},
		{"John Major", "John Major", ""},
		{"Prime Minister John Major", "John Major", "Prime Minister"},
		{"Minister", "Minister", ""},
		{"Herr Olaf Brenner", "Olaf Brenner", ""},
		{"Señora Lucía Paredes", "Lucía Paredes", ""},
		{"Shri Anand Varma", "Anand Varma", ""},
		{"Daw Khin Myat", "Khin Myat", ""},
		{"Maulana Fazal Qadri", "Fazal Qadri", "Maulana"},
		{"Alhaji Musa Danladi", "Musa Danladi", "Alhaji"},
		{"Taoiseach Ciarán Breen", "Ciarán Breen", "Taoiseach"},
		{"Cardinal Pietro Ansaldi", "Pietro Ansaldi", "Cardinal"},
		{"Julie Bishop", "Julie Bishop", ""},
	} {
		t.Run(c.in, func(t *testing.T) {
			name, role := splitPerson(c.in)
			if name != c.name || role != c.role {
				t.Errorf("splitPerson(%q) = %q, %q; want %q, %q", c.in, name, role, c.name, c.role)
			}
		})
	}
}

func TestCleanForm(t *testing.T) {
	for in, want := range map[string]string{
		"Pakistan's":      "Pakistan",
		"TTP’s":           "TTP",
		"“Taliban”":       "Taliban",
		"the Pentagon":    "Pentagon",
		"The Hague":       "The Hague",
		"Imran\n  Khan":   "Imran Khan",
		"U.S.":            "U.S.",
		"(Islamabad),":    "Islamabad",
		"United States'":  "United States",
		"Tehreek-e-Insaf": "Tehreek-e-Insaf",
	} {
		if got := cleanForm(in); got != want {
			t.Errorf("cleanForm(%q) = %q, want %q", in, got, want)
		}
	}
}
