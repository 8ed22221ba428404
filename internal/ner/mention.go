package ner

import (
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

var entityTypes = [...]news.EntityType{news.Person, news.Organisation, news.Place, news.OtherName}

// chunk is an entity as a token range [start, end) of type typ (an index
// into types).
type chunk struct {
	start, end, typ int
}

// chunks reads entities from BILOU labels. Decoding keeps labels well
// formed; a stray I or L still closes an entity rather than being lost.
func chunks(labels []uint8, out []chunk) []chunk {
	open := -1
	openTyp := -1
	for i, l := range labels {
		typ, pos := labelParts(l)
		if open >= 0 && (pos == 0 || pos == posB || pos == posU || typ != openTyp) {
			out = append(out, chunk{open, i, openTyp})
			open = -1
		}
		switch pos {
		case posB, posI:
			if open < 0 {
				open, openTyp = i, typ
			}
		case posL:
			if open < 0 {
				open, openTyp = i, typ
			}
			out = append(out, chunk{open, i + 1, typ})
			open = -1
		case posU:
			out = append(out, chunk{i, i + 1, typ})
		}
	}
	if open >= 0 {
		out = append(out, chunk{open, len(labels), openTyp})
	}
	return out
}

// appendMentions turns one sentence's labels into mentions, moving titles
// before (or wrongly inside) a person's name to its Role.
func appendMentions(out []news.Mention, text string, sent []token, labels []uint8, info []tokInfo) []news.Mention {
	var buf [16]chunk
	cs := chunks(labels, buf[:0])
	for k, c := range cs {
		m := news.Mention{Type: entityTypes[c.typ]}
		start := c.start
		if c.typ == 0 {
			// Titles labelled as part of the name: "President Ramaphosa".
			for start < c.end-1 && info[start].flags&(flagRole|flagRoleMod) != 0 && info[start].flags&flagFirst == 0 {
				start++
			}
			prev := -1
			if k > 0 {
				prev = k - 1
			}
			if rs, ok := roleStart(sent, info, cs, prev, c.start); ok {
				m.Role = text[sent[rs].start:sent[start-1].end]
			} else if start > c.start {
				m.Role = text[sent[c.start].start:sent[start-1].end]
			}
		}
		m.Start, m.End = sent[start].start, sent[c.end-1].end
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	return out
}

// roleStart finds a title or role that ends right before token at (the
// start of a person's name) and returns its first token. A role is a run of
// role words ("Deputy Secretary of State", "interior minister"), which may
// begin with names of places or organisations ("US", "Pentagon Press
// Secretary") and capitalised words before a role word ("Commerce
// Secretary"); it must hold at least one role head (Minister, Secretary,
// Mr). prev indexes the entity before the person in cs, or is -1.
func roleStart(sent []token, info []tokInfo, cs []chunk, prev int, at int) (int, bool) {
	start, head := at, false
	for j := at - 1; j >= 0; {
		f := info[j].flags
		switch {
		case prev >= 0 && cs[prev].end == j+1:
			// A place, organisation or other name leading the role.
			if start == at || cs[prev].typ == 0 {
				return 0, false // "Pakistan Imran Khan": no role word
			}
			start = cs[prev].start
			j = start - 1
			prev--
			if prev >= 0 && cs[prev].end != j+1 {
				prev = -1
			}
			continue
		case f&flagRole != 0:
			head = true
			start = j
		case f&flagRoleMod != 0:
			start = j
		case isConnector(sent[j].text) && start < at && j > 0:
			// "Secretary of State": keep going only if a role word precedes.
			pf := info[j-1].flags
			if pf&(flagRole|flagRoleMod) == 0 {
				goto done
			}
			start = j
		case isFunctionWord(sent[j].text):
			goto done // "If Foreign Minister Kamara": the sentence's "if"
		case (info[j].cap == capInit || info[j].cap == capAll) && start < at &&
			(j > 0 || f&flagCommon == 0) && f&flagMonth == 0:
			start = j // "Commerce Secretary"
		default:
			goto done
		}
		j--
	}
done:
	for start < at && isConnector(sent[start].text) {
		start++
	}
	if !head || start == at {
		return 0, false
	}
	return start, true
}

// isFunctionWord reports whether w is an English conjunction, preposition,
// article or pronoun, capitalised or not: words a title never starts with,
// and which WordNet's list of common words (flagCommon) leaves out.
func isFunctionWord(w string) bool {
	return functionWords[strings.ToLower(w)]
}

var functionWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`a an the this that these those if when whenever while but as after
		before since because although though unless until once whether so then yet nor or and
		with without for from to of in on at by about against between into during under over
		he she it we they i you his her its our their my your who whom whose which what where how why
		also even only just not no`) {
		m[w] = true
	}
	return m
}()

func isConnector(w string) bool {
	switch w {
	case "of", "for", "and", "&", "-":
		return true
	}
	return false
}
