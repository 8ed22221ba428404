package entity

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// Join repairs a tagger's split of one name into two mentions: when a
// mention is followed, after a single space, by another mention and the two
// together spell a name the built-in tables know as an organisation or
// person, or an organisation is followed by a country's name that no
// possessive makes the start of another phrase ("Tehreek-e-Taliban" +
// "Pakistan" is "Tehreek-e-Taliban Pakistan", "Amnesty International" +
// "Kenya" is "Amnesty International Kenya"), they become one mention of
// that type. mentions must be in text order; the result reuses its backing
// array.
func Join(text string, mentions []news.Mention) []news.Mention {
	base, err := baseTables()
	if err != nil || len(mentions) < 2 {
		return mentions
	}
	var n normalizer
	out := mentions[:0]
	for i := 0; i < len(mentions); i++ {
		m := mentions[i]
		if i+1 < len(mentions) {
			next := mentions[i+1]
			if m.End < next.Start && next.End <= len(text) && text[m.End:next.Start] == " " {
				name := text[m.Start:next.End]
				typ := news.EntityType("")
				if g, ok := base.byKey[string(n.key(name, true))]; ok {
					if g = g.find(); g.typ == news.Organisation || g.typ == news.Person {
						typ = g.typ
					}
				}
				if typ == "" && m.Type == news.Organisation && next.Type == news.Place && !possessive(text, next.End) {
					if c, demonym := base.countryOf(string(n.key(text[next.Start:next.End], true))); c != "" && !demonym {
						typ = news.Organisation
					}
				}
				if typ != "" {
					m.End, m.Text, m.Type = next.End, name, typ
					if m.Role == "" {
						m.Role = next.Role
					}
					i++
				}
			}
		}
		out = append(out, m)
	}
	return out
}

// possessive reports whether the text at offset end starts with a
// possessive "'s" ("Pakistan's").
func possessive(text string, end int) bool {
	rest := text[end:]
	for _, p := range []string{"'s", "\u2019s", "'", "\u2019"} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}
