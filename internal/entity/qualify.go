package entity

import (
	"cmp"
	"slices"
	"strings"

	"github.com/storyline-news/storyline/internal/news"
)

// A name qualified by a country says which country's X it means: "Pakistani
// Taliban", "Nigerian Army", "Pakistan's Taliban" (a qualifier before X) and
// "Tehreek-e-Taliban Pakistan", "Army of Nigeria" (a country after X). The
// rules below, for names that are neither persons nor places, join such
// names without knowing any of them (see the package documentation):
//
//   - a qualifier before X names the organisation of that country whose
//     name, without its country, ends with X ("Pakistani Taliban" is the
//     "Tehreek-e-Taliban Pakistan" of the same article, else of earlier
//     articles);
//   - else, for X of one word, it names X itself when the article also names
//     X alone ("Afghan Taliban" and "the Taliban"; "Lebanese Hezbollah" and
//     "Hezbollah"): the qualifier narrows a name that already is one. Not
//     when X names a kind of institution ("Indian Navy" and "the Navy"):
//     the country then makes the name, and X alone is any country's;
//   - X of several words alone is the country's X of the same article
//     ("the Tehreek-e-Taliban" after "Tehreek-e-Taliban Pakistan", "the
//     Communist Party" after "Communist Party of China").

// qualifier is a country found in a name, and the rest of the name.
type qualifier struct {
	country string // ISO 3166-1 alpha-2; "" when the name has none
	rest    string // the name's key without the country ("taliban", "tehrik e taliban")
	before  bool   // the country came first ("Pakistani Taliban"), not last
	outside bool   // the country is the word before the mention, not part of it
}

// maxCountryWords is the most words a country name or nationality word has
// that qualify uses ("Central African Republic", "United Arab Emirates").
const maxCountryWords = 4

// countryOf returns the country that a key names, with whether it is a
// nationality word ("pakistani") rather than the country's name.
func (t *table) countryOf(key string) (code string, demonym bool) {
	g, ok := t.byKey[key]
	if !ok {
		return "", false
	}
	g = g.find()
	switch {
	case g.country == "" || g.place != nil:
		return "", false
	case g.typ == news.Place:
		return g.country, false
	case g.typ == news.OtherName:
		return g.country, true
	}
	return "", false
}

// ofWords stand between a name and its country: "Army of Nigeria",
// "Partido Verde de Bolivia", "Tehreek-e-Taliban-e-Pakistan" (Key writes
// connectors "e").
var ofWords = map[string]bool{
	"of": true, "e": true, "de": true, "del": true, "du": true, "des": true, "di": true,
	"do": true, "da": true, "dos": true, "das": true, "van": true, "von": true, "in": true,
}

// qualify splits a name's key into a country and the rest: a country name or
// nationality word first ("pakistani taliban", "nigeria army"), or a
// country's name last, after "of" (in any language) or not ("army of
// nigeria", "tehrik e taliban pakistan"). A key that is a country alone has none.
func (t *table) qualify(key string) qualifier {
	words := strings.Fields(key)
	if len(words) < 2 {
		return qualifier{}
	}
	for k := min(maxCountryWords, len(words)-1); k >= 1; k-- {
		if c, _ := t.countryOf(strings.Join(words[:k], " ")); c != "" {
			return qualifier{country: c, rest: strings.Join(words[k:], " "), before: true}
		}
	}
	for k := min(maxCountryWords, len(words)-1); k >= 1; k-- {
		c, demonym := t.countryOf(strings.Join(words[len(words)-k:], " "))
		if c == "" || demonym {
			continue
		}
		rest := words[:len(words)-k]
		if n := len(rest); n > 1 && ofWords[rest[n-1]] {
			rest = rest[:n-1]
		}
		return qualifier{country: c, rest: strings.Join(rest, " ")}
	}
	return qualifier{}
}

// qualifyBefore returns the qualifier that the word right before a mention
// of one word gives it: a nationality word ("Pakistani" tagged apart from
// "Taliban") or a possessive country ("Pakistan's Taliban"), not a country
// alone ("Pakistan Taliban talks" are talks between the two), or none.
func (t *table) qualifyBefore(n *normalizer, text string, start int, key string) qualifier {
	w := wordBefore(text, start)
	if w == "" || strings.Contains(key, " ") {
		return qualifier{}
	}
	c, demonym := t.countryOf(string(n.key(w, true)))
	if c == "" || !demonym && !strings.HasSuffix(w, "'s") && !strings.HasSuffix(w, "\u2019s") {
		return qualifier{}
	}
	return qualifier{country: c, rest: key, before: true, outside: true}
}

// formKey is the key under which Resolver.qualForms files q: its country
// and the last word of its rest, which every name it may stand for or be
// short for ends with.
func (q qualifier) formKey() string {
	return q.country + " " + q.rest[strings.LastIndexByte(q.rest, ' ')+1:]
}

// institutions are words that name a kind of institution, not one: "the
// Navy" of one article is not that of another, so a nationality before one
// makes a name of its own ("Indian Navy", "Pakistani Senate").
var institutions = map[string]bool{
	"academy": true, "administration": true, "agency": true, "airline": true, "airlines": true,
	"airways": true, "alliance": true, "army": true, "assembly": true, "association": true,
	"authority": true, "bank": true, "board": true, "brigade": true, "bureau": true,
	"cabinet": true, "church": true, "coalition": true, "command": true, "commission": true,
	"committee": true, "company": true, "congress": true, "corporation": true, "council": true,
	"court": true, "customs": true, "department": true, "diet": true, "directorate": true,
	"division": true, "embassy": true, "federation": true, "force": true, "forces": true,
	"foundation": true, "front": true, "fund": true, "gendarmerie": true, "government": true,
	"group": true, "guard": true, "institute": true, "intelligence": true, "judiciary": true,
	"junta": true, "kingdom": true, "league": true, "legislature": true, "majlis": true,
	"marines": true, "media": true, "military": true, "militia": true, "ministry": true,
	"movement": true, "navy": true, "network": true, "news": true, "office": true,
	"opposition": true, "parliament": true, "party": true, "police": true, "post": true,
	"presidency": true, "press": true, "radio": true, "railways": true, "regime": true,
	"republic": true, "senate": true, "service": true, "services": true, "shura": true,
	"state": true, "team": true, "television": true, "times": true, "treasury": true,
	"union": true, "university": true,
}

// qualifiedKeys returns the keys of an organisation with, for each of its
// names qualified by a country, "@" and the name's formKey ("@PK taliban"
// for "Tehreek-e-Taliban Pakistan" and for "Pakistani Taliban"; Key never
// writes "@"). A store that finds entities by key then finds the full name
// for a short form that no article has used with it yet.
func (t *table) qualifiedKeys(e news.Entity) []string {
	keys := e.Keys
	for _, name := range append([]string{e.Name}, e.Aliases...) {
		if q := t.qualify(Key(name)); q.country != "" {
			keys = append(keys, "@"+q.formKey())
		}
	}
	if len(keys) == len(e.Keys) {
		return e.Keys
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}

// endsWith reports whether the words of rest end with the words of x.
func endsWith(rest, x string) bool {
	return rest == x || strings.HasSuffix(rest, " "+x)
}

// qualForm is a country-qualified name seen before, with the entity it
// resolved to and how often.
type qualForm struct {
	rest string
	id   news.EntityID
	n    int
	kind int
}

// Kinds of qualForm, strongest first.
const (
	// formLong is a full name: its country last, or a rest of several
	// words ("Tehreek-e-Taliban Pakistan", "Pakistan Peoples Party").
	formLong = iota
	// formShort is a short form that its article resolved to another name
	// ("Pakistani Taliban" to "Tehreek-e-Taliban Pakistan").
	formShort
	// formAlone is a short form that nothing resolved: an entity of its
	// own until evidence comes ("Pakistani Taliban" before any article
	// names the TTP in full).
	formAlone
)

// qualDef records how mention i, qualified by a country, resolved.
type qualDef struct {
	i    int
	kind int
}

// qualified resolves the country-qualified mentions of an article, long
// forms first, then the rest of the article's names of several words that
// are one of them without their country. It returns what the article
// showed, for Resolve to record.
func (r *Resolver) qualified(ms []minfo, idx []int, rests []int) []qualDef {
	var defs []qualDef
	// The article's qualified mentions by formKey, and its other names by
	// key, so that each lookup reads only the names it may match.
	byForm := map[string][]int{}
	for _, i := range idx {
		k := ms[i].qual.formKey()
		byForm[k] = append(byForm[k], i)
	}
	bare := map[string]int{}
	for j := range ms {
		if o := &ms[j]; o.ok && o.typ != news.Person && o.typ != news.Place && o.qual.country == "" {
			if _, seen := bare[o.key]; !seen {
				bare[o.key] = j
			}
		}
	}
	// Full names first ("Tehreek-e-Taliban Pakistan", "Pakistan Army"):
	// the short forms resolve to them.
	slices.SortStableFunc(idx, func(a, b int) int {
		return cmp.Compare(rank(ms[a].qual), rank(ms[b].qual))
	})
	for _, i := range idx {
		m := &ms[i]
		q := m.qual
		long := rank(q) < 2
		if j := sameCountryName(ms, i, byForm[q.formKey()]); j >= 0 {
			m.tgt, m.ok, m.short = ms[j].tgt, true, true
			defs = append(defs, qualDef{i, formShort})
			continue
		}
		if long {
			m.dynamic(r)
			defs = append(defs, qualDef{i, formLong})
			continue
		}
		if !strings.Contains(q.rest, " ") && !institutions[q.rest] {
			if j, ok := bare[q.rest]; ok {
				m.tgt, m.ok, m.short = ms[j].tgt, true, true
				defs = append(defs, qualDef{i, formShort})
				continue
			}
		}
		if e := r.knownQualified(q); e != nil {
			m.tgt, m.ok, m.short = e.target(), true, true
			continue
		}
		m.dynamic(r)
		if !q.outside {
			defs = append(defs, qualDef{i, formAlone})
		}
	}
	full := map[string][]int{} // the rests of names with their country last
	for _, j := range idx {
		if q := ms[j].qual; !q.before && ms[j].ok {
			full[q.rest] = append(full[q.rest], j)
		}
	}
	for _, i := range rests {
		best := -1
		for _, j := range full[ms[i].key] {
			if best < 0 || ms[j].tgt.id < ms[best].tgt.id {
				best = j
			}
		}
		if best >= 0 {
			ms[i].tgt, ms[i].ok, ms[i].short = ms[best].tgt, true, true
			continue
		}
		ms[i].dynamic(r)
	}
	return defs
}

// rank orders qualified mentions: country last (a full name) first, then
// a country first with a rest of several words, then the short forms.
func rank(q qualifier) int {
	switch {
	case !q.before:
		return 0
	case strings.Contains(q.rest, " ") && !q.outside:
		return 1
	}
	return 2
}

// sameCountryName returns the resolved mention among cands (those filed
// under mention i's formKey) that names the same country's organisation as
// mention i does with a rest that ends with i's ("Tehreek-e-Taliban
// Pakistan" for "Pakistani Taliban", "Army of Nigeria" for "Nigerian
// Army"), or -1. Of several, the one with the shortest rest wins, then the
// first.
func sameCountryName(ms []minfo, i int, cands []int) int {
	q := ms[i].qual
	best := -1
	for _, j := range cands {
		o := &ms[j]
		if j == i || !o.ok || o.qual.outside || o.key == ms[i].key || !endsWith(o.qual.rest, q.rest) {
			continue
		}
		if best < 0 || len(o.qual.rest) < len(ms[best].qual.rest) {
			best = j
		}
	}
	return best
}

// knownQualified returns the entity that earlier articles resolved a name
// of q's country with a rest ending in q's to: the full name seen most
// often, else the short form resolved on evidence most often, or nil.
func (r *Resolver) knownQualified(q qualifier) *entity {
	var best *qualForm
	forms := r.qualForms[q.formKey()]
	for k := range forms {
		f := &forms[k]
		if f.kind == formAlone || !endsWith(f.rest, q.rest) {
			continue
		}
		if best == nil || f.kind < best.kind || f.kind == best.kind && (f.n > best.n || f.n == best.n && f.id < best.id) {
			best = f
		}
	}
	if best == nil {
		return nil
	}
	return r.entities[r.follow(best.id)]
}

// addQualified records how a country-qualified mention resolved. A full
// name, or a short form resolved on evidence, takes over the entities that
// the same short form made of its own in earlier articles (before any
// article named it in full), so that the result does not depend on which
// article came first.
func (r *Resolver) addQualified(q qualifier, id news.EntityID, kind int) {
	forms := r.qualForms[q.formKey()]
	found := false
	for k := range forms {
		if forms[k].rest == q.rest && forms[k].id == id {
			forms[k].n++
			forms[k].kind = min(forms[k].kind, kind)
			found = true
		}
	}
	if !found {
		forms = append(forms, qualForm{rest: q.rest, id: id, n: 1, kind: kind})
	}
	r.qualForms[q.formKey()] = forms
	into := r.entities[r.follow(id)]
	if into == nil || kind == formAlone {
		return
	}
	for _, f := range forms {
		if f.kind != formAlone || f.id == id || !endsWith(q.rest, f.rest) {
			continue
		}
		if e := r.entities[r.follow(f.id)]; e != nil && e != into && e.typ == into.typ {
			r.merge(e, into)
		}
	}
}
