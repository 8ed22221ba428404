package entity

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/textnorm"
)

// Options configure a Resolver.
type Options struct {
	// AliasFile is the user's alias file. It may not exist yet; "" means
	// none. It is read once, by NewResolver.
	AliasFile string
	// Entities restores the entities of an earlier run, as Entities returned
	// them, so that a restarted resolver goes on where it stopped: same IDs,
	// names, aliases, roles and counts.
	Entities []news.Entity
}

// Resolver resolves the mentions of articles to entities, accumulating the
// entities across articles. It is safe for concurrent use: Resolve calls
// are serialised, one article at a time.
type Resolver struct {
	mu       sync.Mutex
	t        *table
	entities map[news.EntityID]*entity
	redirect map[news.EntityID]news.EntityID
	// acronyms maps the key of an acronym defined in some article
	// ("Tehreek-i-Taliban Pakistan (TTP)") to the entities it was defined
	// as, with the number of definitions.
	acronyms map[string]map[news.EntityID]int
	// qualForms holds, by country, the country-qualified names resolved
	// so far ("Tehreek-e-Taliban Pakistan", "Pakistani Taliban"): see
	// qualify.go.
	qualForms map[string][]qualForm
	// loose maps a type's ID prefix and a key to the ID of the entity
	// that the tables do not know, for names that only the key unites.
	loose map[string]news.EntityID
	done  map[news.ArticleID]struct{}
	// joined is set when joinTypes has run and no article was resolved
	// since.
	joined bool
	n      normalizer
	idBuf  []byte
	ms     []minfo
}

// entity is an entity being accumulated.
type entity struct {
	id       news.EntityID
	typ      news.EntityType
	name     string // fixed canonical name, or "" to choose from forms
	fallback string // name when there are no forms (a gazetteer name)
	country  string
	lat, lon float64
	geo      bool
	mentions int
	forms    map[string]int // cleaned mention text -> count
	roles    map[string]int
	// short holds the lower-cased forms that stood for a fuller name of
	// their article ("Pakistani Taliban"): they name the entity only when
	// it has no other name, as acronyms do.
	short map[string]bool
}

// target is what a mention resolves to: an entity ID and what the tables
// know of it.
type target struct {
	id       news.EntityID
	typ      news.EntityType
	name     string // fixed canonical name, or ""
	fallback string
	country  string
	lat, lon float64
	geo      bool
}

// NewResolver returns a resolver using the built-in tables, the user's alias
// file and the restored entities of opts.
func NewResolver(opts Options) (*Resolver, error) {
	base, err := baseTables()
	if err != nil {
		return nil, fmt.Errorf("new resolver: %w", err)
	}
	r := &Resolver{
		t:         base.clone(),
		entities:  map[news.EntityID]*entity{},
		redirect:  map[news.EntityID]news.EntityID{},
		acronyms:  map[string]map[news.EntityID]int{},
		qualForms: map[string][]qualForm{},
		loose:     map[string]news.EntityID{},
		done:      map[news.ArticleID]struct{}{},
	}
	if opts.AliasFile != "" {
		a, err := LoadAliases(opts.AliasFile)
		if err != nil {
			return nil, fmt.Errorf("new resolver: %w", err)
		}
		r.t.apply(&r.n, a.ops())
	}
	r.t.finish(&r.n)
	for _, e := range opts.Entities {
		r.restore(e)
	}
	return r, nil
}

func (r *Resolver) restore(s news.Entity) {
	e := &entity{
		id: s.ID, typ: s.Type, country: s.Country, lat: s.Lat, lon: s.Lon,
		geo: s.Lat != 0 || s.Lon != 0, mentions: s.Mentions,
		forms: map[string]int{}, roles: map[string]int{},
	}
	// Counts that keep the restored name canonical and the restored order
	// of roles; the counts of other forms are not stored.
	e.forms[s.Name] = s.Mentions + 1
	for _, a := range s.Aliases {
		e.forms[a] = 1
	}
	for i, role := range s.Roles {
		e.roles[role] = len(s.Roles) - i
	}
	if e.export().Name != s.Name {
		e.name = s.Name // a name the tables or the user chose
	}
	e.fallback = s.Name
	r.entities[e.id] = e
	names := append([]string{s.Name}, s.Aliases...)
	p := s.Type.IDPrefix()
	for _, f := range names {
		if news.EntityID(p+"-"+slug(r.n.key(f, false))) == e.id {
			r.loose[p+"-"+Key(f)] = e.id
		}
	}
	if s.Type == news.Person {
		return
	}
	for _, a := range names {
		if q := r.t.qualify(Key(a)); q.country != "" && s.Type == news.Organisation {
			kind := formShort
			if rank(q) < 2 {
				kind = formLong
			}
			r.addQualified(q, e.id, kind)
		}
	}
	for _, a := range names {
		if !isAcronym(a) {
			continue
		}
		ak := Key(a)
		for _, long := range names {
			if !isAcronym(long) && matchesAcronym(compact(ak), Key(long)) {
				r.define(ak, e.id, 1)
				break
			}
		}
	}
}

func (r *Resolver) define(acronym string, id news.EntityID, n int) {
	m := r.acronyms[acronym]
	if m == nil {
		m = map[news.EntityID]int{}
		r.acronyms[acronym] = m
	}
	m[id] += n
}

// resolution kinds of a mention after the first pass.
const (
	kindNone    = iota // nothing to resolve (no letters or digits)
	kindStatic         // the tables resolved it
	kindSplit          // an ambiguous name: context decides
	kindCities         // a city name several places share: context decides
	kindPending        // a person, an acronym or a name the tables do not know
)

// minfo is what Resolve knows of one mention.
type minfo struct {
	form, role string
	key        string
	typ        news.EntityType
	kind       int
	acr        bool
	split      *split
	cities     []*place
	// g, p and country say what the tables resolved the mention to, for
	// the cues of ambiguous names.
	g       *group
	p       *place
	country string
	tgt     target
	ok      bool
	name    nameShape // for persons
	qual    qualifier // for organisations the tables do not know
	short   bool      // a short form of a fuller name (see qualify.go)
}

// Resolve resolves the mentions of one article, whose text their spans
// index: it sets each mention's Entity (and its Role when the mention's text
// opens with a title the mention does not carry) in place, counts the
// mentions in the accumulated entities and returns mentions. Mentions whose
// text has no letter or digit keep an empty Entity. Resolving the same
// article again sets the same entities without counting them twice (an
// entity that only the second resolution finds is named, not counted).
func (r *Resolver) Resolve(article news.ArticleID, text string, mentions []news.Mention) []news.Mention {
	r.mu.Lock()
	defer r.mu.Unlock()
	_, repeat := r.done[article]
	r.done[article] = struct{}{}
	r.joined = false

	ms := r.ms[:0]
	for i := range mentions {
		ms = append(ms, r.first(text, &mentions[i]))
	}
	r.ms = ms
	defs := r.definitions(text, mentions, ms)
	quals := r.second(text, mentions, ms, defs)

	for i := range ms {
		m := &ms[i]
		if !m.ok {
			mentions[i].Entity = ""
			continue
		}
		e := r.entity(m.tgt)
		mentions[i].Entity = e.id
		if mentions[i].Role == "" {
			mentions[i].Role = m.role
		}
		if repeat {
			// Counted when the article was first resolved. If it resolved
			// differently then (the tagger's spans or types changed), the
			// entity may be new and has no form: it takes this one as its
			// name, or it would have none, and joinTypes would take it for
			// any other nameless entity.
			if len(e.forms) == 0 && e.fallback == "" {
				e.fallback = m.form
			}
			continue
		}
		e.mentions++
		e.forms[m.form]++
		if m.short {
			if e.short == nil {
				e.short = map[string]bool{}
			}
			e.short[strings.ToLower(m.form)] = true
		}
		if role := mentions[i].Role; role != "" {
			e.roles[role]++
		}
	}
	if !repeat {
		for _, d := range defs {
			if ms[d.long].ok {
				r.addDefinition(d.key, ms[d.long].tgt.id)
			}
		}
		for _, d := range quals {
			if ms[d.i].ok {
				r.addQualified(ms[d.i].qual, r.follow(ms[d.i].tgt.id), d.kind)
			}
		}
	}
	return mentions
}

// first cleans a mention and resolves it from the tables when they can
// without context.
func (r *Resolver) first(text string, m *news.Mention) minfo {
	raw := m.Text
	if raw == "" && 0 <= m.Start && m.Start <= m.End && m.End <= len(text) {
		raw = text[m.Start:m.End]
	}
	mi := minfo{form: cleanForm(raw), typ: m.Type}
	switch mi.typ {
	case news.Person, news.Organisation, news.Place:
	default:
		mi.typ = news.OtherName
	}
	if mi.typ == news.Person {
		mi.form, mi.role = splitPerson(mi.form)
	}
	mi.key = string(r.n.key(mi.form, true))
	if mi.key == "" {
		return mi
	}
	mi.acr = mi.typ != news.Person && isAcronym(mi.form)
	if s, ok := r.t.splits[mi.key]; ok {
		mi.kind, mi.split = kindSplit, s
		return mi
	}
	if mi.typ == news.Place && isUpperCode(mi.form) {
		if g, ok := r.t.codes[mi.key]; ok {
			mi.setGroup(g.find()) // "PAK", though "Pak" is a nationality word
			return mi
		}
	}
	if g, ok := r.t.byKey[mi.key]; ok {
		if g = g.find(); mi.typ != news.Person || (g.typ != news.Place && g.typ != news.OtherName) {
			mi.setGroup(g)
			return mi
		}
	}
	if mi.typ == news.Person {
		mi.kind = kindPending
		return mi
	}
	if mi.typ == news.Organisation && !mi.acr {
		if mi.qual = r.t.qualify(mi.key); mi.qual.country == "" {
			mi.qual = r.t.qualifyBefore(&r.n, text, m.Start, mi.key)
		}
	}
	if isUpperCode(mi.form) {
		if g, ok := r.t.codes[mi.key]; ok && (mi.typ == news.Place || len(mi.key) == 3) {
			mi.setGroup(g.find())
			return mi
		}
	}
	var cs []*place
	for _, p := range r.t.cities[mi.key] {
		// Only a capital or a city of a million can be an organisation
		// ("Islamabad has said") or another name.
		if mi.typ == news.Place || p.capital || p.pop >= 1_000_000 {
			cs = append(cs, p)
		}
	}
	switch len(cs) {
	case 0:
		mi.kind = kindPending
	case 1:
		mi.setPlace(cs[0])
	default:
		mi.kind, mi.cities = kindCities, cs
	}
	return mi
}

func (mi *minfo) setGroup(g *group) {
	mi.kind, mi.g, mi.country, mi.ok = kindStatic, g, g.country, true
	typ := g.typ
	if typ == "" {
		typ = mi.typ
	}
	mi.tgt = target{id: g.ids[typeIndex(typ)], typ: typ, country: g.country, lat: g.lat, lon: g.lon, geo: g.geo}
	if g.fixed {
		mi.tgt.name = g.name
	}
	if g.place != nil {
		mi.p = g.place
		if !g.fixed {
			mi.tgt.fallback = g.place.name
		}
	}
}

func (mi *minfo) setPlace(p *place) {
	mi.kind, mi.p, mi.country, mi.ok = kindStatic, p, p.country, true
	mi.tgt = target{id: p.id, typ: news.Place, fallback: p.name, country: p.country, lat: p.lat, lon: p.lon, geo: true}
}

// definition is an acronym defined in an article: "Tehreek-i-Taliban
// Pakistan (TTP)" or "TTP (Tehreek-i-Taliban Pakistan)".
type definition struct {
	key  string // the acronym's key
	long int    // index of the long form's mention
}

// definitions finds the acronyms an article defines in parentheses next to
// a mention of their long form.
func (r *Resolver) definitions(text string, mentions []news.Mention, ms []minfo) []definition {
	var defs []definition
	for i := range ms {
		m := &ms[i]
		if m.key == "" || m.typ == news.Person || !strings.Contains(m.key, " ") || m.acr {
			continue
		}
		acr := parenthesised(text, mentions[i].End)
		if acr == "" || !isAcronym(acr) {
			continue
		}
		ak := string(r.n.key(acr, true))
		if matchesAcronym(compact(ak), m.key) {
			defs = append(defs, definition{key: ak, long: i})
		}
	}
	for i := range ms {
		if !ms[i].acr || i+1 == len(ms) || ms[i+1].key == "" {
			continue
		}
		end := mentions[i].End
		next := mentions[i+1]
		if end < 0 || next.Start > len(text) || end > next.Start || strings.TrimSpace(text[end:next.Start]) != "(" {
			continue
		}
		if matchesAcronym(compact(ms[i].key), ms[i+1].key) {
			defs = append(defs, definition{key: ms[i].key, long: i + 1})
		}
	}
	return defs
}

// parenthesised returns the text in parentheses right after offset end
// ("Pakistan (TTP)"), or "" when there is none or it is long.
func parenthesised(text string, end int) string {
	if end < 0 || end >= len(text) {
		return ""
	}
	s := strings.TrimLeft(text[end:min(len(text), end+24)], " ")
	if !strings.HasPrefix(s, "(") {
		return ""
	}
	inner, _, ok := strings.Cut(s[1:], ")")
	if !ok {
		return ""
	}
	return strings.TrimSpace(inner)
}

// compact returns a key without its spaces: the letters of an acronym.
func compact(key string) string {
	if !strings.Contains(key, " ") {
		return key
	}
	return strings.ReplaceAll(key, " ", "")
}

// second resolves what the tables could not alone: ambiguous names and
// cities by context, then long names (those qualified by a country last),
// then persons by back-off to fuller names of the same article, then
// acronyms. It returns how the country-qualified names resolved.
func (r *Resolver) second(text string, mentions []news.Mention, ms []minfo, defs []definition) []qualDef {
	// Ambiguous names that the word before them qualifies ("Afghan
	// Taliban" tagged as "Afghan" and "Taliban") first: they are context
	// for the others.
	for i := range ms {
		if m := &ms[i]; m.kind == kindSplit {
			if g := qualified(r, text, mentions[i].Start, m); g != nil {
				m.setGroup(g)
			}
		}
	}
	type decision struct {
		s *split
		g *group
	}
	var decided []decision
	for i := range ms {
		m := &ms[i]
		switch m.kind {
		case kindSplit:
			var g *group
			for _, d := range decided {
				if d.s == m.split {
					g = d.g
				}
			}
			if g == nil {
				g = decide(m.split, ms)
				decided = append(decided, decision{m.split, g})
			}
			m.setGroup(g)
		case kindCities:
			m.setPlace(pickCity(m.cities, ms))
		}
	}
	// Names that are neither persons nor acronyms first: acronyms resolve
	// to them. Of those, the heads of longer names ("the Front") come last:
	// they resolve to the names they end.
	// Country-qualified names come after the names they may stand for
	// ("Afghan Taliban" after "Taliban"), and the names of several words
	// that are one of them without the country after them.
	var heads, lateHeads, quals, rests []int
	restOf := map[string]bool{}
	institution := map[string]bool{} // "navy" of "Indian Navy"
	for i := range ms {
		q := ms[i].qual
		switch {
		case q.country != "" && !q.before && strings.Contains(q.rest, " "):
			restOf[q.rest] = true
		case q.before && institutions[q.rest]:
			institution[q.rest] = true
		}
	}
	for i := range ms {
		m := &ms[i]
		if m.kind != kindPending || m.typ == news.Person || m.acr {
			continue
		}
		switch {
		case m.qual.country != "":
			quals = append(quals, i)
		case restOf[m.key] && (m.typ == news.Organisation || m.typ == news.OtherName):
			rests = append(rests, i)
		case m.typ != news.Place && !strings.Contains(m.key, " ") && afterThe(text, mentions[i].Start):
			if institution[m.key] {
				lateHeads = append(lateHeads, i) // "the Navy" after "Indian Navy"
				continue
			}
			heads = append(heads, i)
		default:
			m.dynamic(r)
		}
	}
	resolveHeads := func(heads []int) {
		for _, i := range heads {
			if j := headOf(ms, i); j >= 0 {
				ms[i].tgt, ms[i].ok = ms[j].tgt, true
				continue
			}
			ms[i].dynamic(r)
		}
	}
	resolveHeads(heads)
	qdefs := r.qualified(ms, quals, rests)
	resolveHeads(lateHeads)
	r.persons(mentions, ms)
	for i := range ms {
		if m := &ms[i]; m.kind == kindPending && m.acr {
			r.acronym(i, mentions, ms, defs)
		}
	}
	return qdefs
}

// afterThe reports whether the text before byte offset at ends with the
// word "the", followed by any white space.
func afterThe(text string, at int) bool {
	before := strings.TrimRightFunc(text[:at], unicode.IsSpace)
	if len(before) < 3 || !strings.EqualFold(before[len(before)-3:], "the") {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(before[:len(before)-3])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// headOf returns the organisation resolved in the same article whose name
// of several words ends with the one word of mention i ("Free Vena Front"
// for "the Front"), or -1 when there is none, or more than one.
func headOf(ms []minfo, i int) int {
	found := -1
	for j := range ms {
		m := &ms[j]
		if j == i || !m.ok || m.typ != news.Organisation || !strings.HasSuffix(m.key, " "+ms[i].key) {
			continue
		}
		if found >= 0 && ms[found].tgt != m.tgt {
			return -1 // "the Front": the Free Vena Front, or the Popular Front?
		}
		found = j
	}
	return found
}

// dynamic resolves a mention to the entity its type and key name. The ID
// is the slug of the spelling that sorts first among those with the same key
// ("Tehreek" before "Tehrik"), so that it reads like the name and does not
// depend on which spelling came first; a spelling that sorts before the
// current one takes the entity over, and Redirects reports the change.
func (mi *minfo) dynamic(r *Resolver) {
	mi.ok = true
	p := mi.typ.IDPrefix()
	b := append(append(append(r.idBuf[:0], p...), '-'), mi.key...)
	cur, known := r.loose[string(b)]
	n := len(b)
	b = append(append(b, p...), '-')
	for _, c := range r.n.key(mi.form, false) {
		if c == ' ' {
			c = '-'
		}
		b = append(b, c)
	}
	r.idBuf = b
	if known && string(b[n:]) >= string(cur) {
		mi.tgt = target{id: cur, typ: mi.typ}
		return
	}
	id := news.EntityID(b[n:])
	if known {
		r.rekey(cur, id)
	}
	r.loose[string(b[:n])] = id
	mi.tgt = target{id: id, typ: mi.typ}
}

// rekey gives the entity with ID old the ID id, merging it into an entity
// that already has id.
func (r *Resolver) rekey(old, id news.EntityID) {
	if old == id {
		return
	}
	r.redirect[old] = id
	e := r.entities[old]
	if e == nil {
		return
	}
	if into := r.entities[id]; into != nil {
		r.merge(e, into)
		return
	}
	delete(r.entities, old)
	e.id = id
	r.entities[id] = e
}

// qualified returns the sense of an ambiguous mention that the word before
// it names ("Afghan Taliban", "Pakistan's Taliban"), or nil.
func qualified(r *Resolver, text string, start int, m *minfo) *group {
	w := wordBefore(text, start)
	if w == "" {
		return nil
	}
	g, ok := r.t.byKey[string(r.n.key(w+" "+m.form, true))]
	if !ok {
		return nil
	}
	g = g.find()
	for _, sn := range m.split.senses {
		if sn.g == g {
			return g
		}
	}
	return nil
}

// wordBefore returns the word that ends right before offset start, one
// space away at most.
func wordBefore(text string, start int) string {
	if start <= 0 || start > len(text) {
		return ""
	}
	end := start
	if text[end-1] == ' ' {
		end--
	}
	i := end
	for i > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:i])
		if !unicode.IsLetter(r) && r != '\'' && r != '\u2019' {
			break
		}
		i -= size
	}
	return text[i:end]
}

// decide chooses the sense of an ambiguous name in an article: the sense
// with most of its cues co-mentioned (its own entity counts as a cue, each
// cue counts once), the first sense winning ties.
func decide(s *split, ms []minfo) *group {
	best, bestScore := s.senses[0].g, 0.5
	for i, sn := range s.senses {
		score := 0.0
		if i == 0 {
			score = 0.5
		}
		for j := range ms {
			if ms[j].kind == kindStatic && ms[j].g == sn.g {
				score++
				break
			}
		}
		for _, c := range sn.cues {
			if c.matches(ms) {
				score++
			}
		}
		if score > bestScore {
			best, bestScore = sn.g, score
		}
	}
	return best
}

func (c *cue) matches(ms []minfo) bool {
	for i := range ms {
		m := &ms[i]
		if m.kind != kindStatic && m.kind != kindPending {
			continue
		}
		switch {
		case c.g != nil:
			if m.g == c.g {
				return true
			}
		case c.p != nil:
			if m.p == c.p {
				return true
			}
		case m.key == c.key:
			return true
		}
		if c.country != "" && m.country == c.country {
			return true
		}
	}
	return false
}

// pickCity chooses among places of one name: the most populous in a
// country the article mentions otherwise, unless the most populous of all is
// ten times larger ("Paris" stays in France when the article mentions the
// United States).
func pickCity(cs []*place, ms []minfo) *place {
	for _, p := range cs {
		if 10*p.pop < cs[0].pop {
			break
		}
		for j := range ms {
			if ms[j].kind == kindStatic && ms[j].country == p.country {
				return p
			}
		}
	}
	return cs[0]
}

// persons resolves person mentions the tables do not know: a name resolves
// to a fuller name of the same article that ends with it ("Khan", "Imran
// Khan") or, for a single word, starts with it; else to the person its key
// names. Of several fuller names, the best back-off wins, then the nearest
// mention before, then the nearest after.
//
// Names are resolved from the longest down, so a fuller name is final when
// a shorter one looks for it; fuller names are found through an index of
// their first and last words and each one's mentions by position, so an
// article's cost grows with its mentions times the fuller names a short
// name can stand for, not with the square of its mentions.
func (r *Resolver) persons(mentions []news.Mention, ms []minfo) {
	var order []int
	for i := range ms {
		if ms[i].typ == news.Person && ms[i].key != "" {
			order = append(order, i)
		}
	}
	if len(order) == 0 {
		return
	}
	for _, i := range order {
		ms[i].name = shapeOf(ms[i].key)
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(ms[b].name.words, ms[a].name.words) })
	fuller := newFullerNames(mentions)
	for lo := 0; lo < len(order); {
		hi := lo
		for hi < len(order) && ms[order[hi]].name.words == ms[order[lo]].name.words {
			hi++
		}
		for _, i := range order[lo:hi] {
			m := &ms[i]
			if m.kind != kindPending {
				continue
			}
			if j := fuller.best(m.name, mentions[i].Start); j >= 0 {
				m.tgt, m.ok = ms[j].tgt, true
				continue
			}
			m.dynamic(r)
		}
		// Names of this length are final: shorter ones may stand for them.
		fuller.add(ms, order[lo:hi])
		lo = hi
	}
}

// fullerNames indexes the resolved person names of an article by their
// first and last words, each with its mentions in text order.
type fullerNames struct {
	mentions []news.Mention
	shapes   []nameShape
	at       [][]int // by shape: indexes of its mentions, by start
	byKey    map[string]int
	byLast   map[string][]int
	byFirst  map[string][]int
	cands    map[string][]fullerCand // memo by the short name's core
}

type fullerCand struct{ shape, rank int }

func newFullerNames(mentions []news.Mention) *fullerNames {
	return &fullerNames{mentions: mentions, byKey: map[string]int{}, byLast: map[string][]int{},
		byFirst: map[string][]int{}, cands: map[string][]fullerCand{}}
}

// add indexes the resolved mentions among idx.
func (f *fullerNames) add(ms []minfo, idx []int) {
	touched := map[int]bool{}
	for _, i := range idx {
		if !ms[i].ok {
			continue
		}
		n := ms[i].name
		k, ok := f.byKey[n.core]
		if !ok {
			k = len(f.shapes)
			f.byKey[n.core] = k
			f.shapes = append(f.shapes, n)
			f.at = append(f.at, nil)
			f.byLast[n.last] = append(f.byLast[n.last], k)
			f.byFirst[n.first] = append(f.byFirst[n.first], k)
		}
		f.at[k] = append(f.at[k], i)
		touched[k] = true
	}
	for k := range touched {
		slices.SortStableFunc(f.at[k], func(a, b int) int { return cmp.Compare(f.mentions[a].Start, f.mentions[b].Start) })
	}
	clear(f.cands)
}

// best returns the mention of the fuller name that name at start stands
// for, or -1.
func (f *fullerNames) best(name nameShape, start int) int {
	cands, ok := f.cands[name.core]
	if !ok {
		seen := map[int]bool{}
		look := func(ks []int) {
			for _, k := range ks {
				if seen[k] {
					continue
				}
				seen[k] = true
				if rank := backOff(name, f.shapes[k]); rank > 0 {
					cands = append(cands, fullerCand{k, rank})
				}
			}
		}
		look(f.byLast[name.last])
		if name.words == 1 {
			look(f.byFirst[name.first])
		}
		f.cands[name.core] = cands
	}
	best, bestRank, bestDist := -1, 0, 0
	for _, c := range cands {
		j, dist := f.nearest(c.shape, start)
		if best < 0 || c.rank < bestRank || (c.rank == bestRank && dist < bestDist) {
			best, bestRank, bestDist = j, c.rank, dist
		}
	}
	return best
}

// nearest returns the mention of shape k nearest before start, or else the
// nearest after it, with its distance: after any mention before, one after
// is farther than any before.
func (f *fullerNames) nearest(k, start int) (int, int) {
	at := f.at[k]
	n, _ := slices.BinarySearchFunc(at, start, func(j, s int) int {
		return cmp.Compare(f.mentions[j].Start, s+1)
	})
	if n > 0 {
		j := at[n-1]
		return j, start - f.mentions[j].Start
	}
	j := at[0]
	return j, 1<<30 + f.mentions[j].Start - start
}

// nameShape is a person's name key cut up for back-off.
type nameShape struct {
	core        string // the key without name suffixes ("jr")
	first, last string // its first and last words
	words       int
}

func shapeOf(key string) nameShape {
	core := key
	for {
		i := strings.LastIndexByte(core, ' ')
		if i < 0 || !nameSuffixes[core[i+1:]] {
			break
		}
		core = core[:i]
	}
	s := nameShape{core: core, first: core, last: core, words: strings.Count(core, " ") + 1}
	if i := strings.IndexByte(core, ' '); i >= 0 {
		s.first, s.last = core[:i], core[strings.LastIndexByte(core, ' ')+1:]
	}
	return s
}

// backOff says whether a person's shorter name can stand for a fuller one:
// 1 when it ends the fuller name ("khan", "imran khan") or is a subsequence
// of its words ending with the same word ("javed bajwa", "qamar javed
// bajwa"), 2 when it is one word that starts the fuller name, 0 otherwise.
func backOff(short, full nameShape) int {
	if short.words >= full.words {
		return 0
	}
	if short.last == full.last && (short.words == 1 || subsequence(short.core, full.core)) {
		return 1
	}
	if short.words == 1 && short.first == full.first {
		return 2
	}
	return 0
}

// subsequence reports whether the words of short appear in full in order.
func subsequence(short, full string) bool {
	fw := strings.Fields(full)
	j := 0
	for w := range strings.FieldsSeq(short) {
		for j < len(fw) && fw[j] != w {
			j++
		}
		if j == len(fw) {
			return false
		}
		j++
	}
	return true
}

// acronym resolves an acronym the tables do not know: to its definition in
// the article, else to a long form of the article whose initials it is, else
// to the entity other articles defined it as, else to the entity its type
// and key name.
func (r *Resolver) acronym(i int, mentions []news.Mention, ms []minfo, defs []definition) {
	m := &ms[i]
	for _, d := range defs {
		if d.key == m.key && ms[d.long].ok {
			m.tgt, m.ok = ms[d.long].tgt, true
			return
		}
	}
	letters := compact(m.key)
	best, bestDist := -1, 0
	for j := range ms {
		o := &ms[j]
		if j == i || !o.ok || o.acr || o.typ == news.Person || !matchesAcronym(letters, o.key) {
			continue
		}
		dist := mentions[i].Start - mentions[j].Start
		if dist < 0 {
			dist = 1<<30 - dist
		}
		if best < 0 || dist < bestDist {
			best, bestDist = j, dist
		}
	}
	if best >= 0 {
		m.tgt, m.ok = ms[best].tgt, true
		return
	}
	if defined := r.acronyms[m.key]; len(defined) > 0 {
		var id news.EntityID
		n := 0
		for d, c := range defined {
			if c > n || (c == n && d < id) {
				id, n = d, c
			}
		}
		if e := r.entities[r.follow(id)]; e != nil {
			m.tgt, m.ok = e.target(), true
			return
		}
	}
	m.dynamic(r)
}

// target returns a target that resolves to e itself.
func (e *entity) target() target {
	return target{id: e.id, typ: e.typ, name: e.name, fallback: e.fallback, country: e.country, lat: e.lat, lon: e.lon, geo: e.geo}
}

// addDefinition records that an article defined acronym as entity id. The
// first definition of an acronym takes over the entity that its bare
// mentions made before ("org-ttp"), so that the result does not depend on
// which article came first.
func (r *Resolver) addDefinition(acronym string, id news.EntityID) {
	first := len(r.acronyms[acronym]) == 0
	r.define(acronym, id, 1)
	if !first {
		return
	}
	into := r.follow(id)
	for _, t := range types[1:] {
		bare, ok := r.loose[t.IDPrefix()+"-"+acronym]
		if !ok {
			continue
		}
		if bare = r.follow(bare); bare == into {
			continue
		}
		if e := r.entities[bare]; e != nil && r.entities[into] != nil {
			r.merge(e, r.entities[into])
		}
	}
}

// merge moves everything of e into into and redirects e's ID.
func (r *Resolver) merge(e, into *entity) {
	into.mentions += e.mentions
	for f, c := range e.forms {
		into.forms[f] += c
	}
	for f, c := range e.roles {
		into.roles[f] += c
	}
	for f := range e.short {
		if into.short == nil {
			into.short = map[string]bool{}
		}
		into.short[f] = true
	}
	delete(r.entities, e.id)
	r.redirect[e.id] = into.id
}

// joinTypes merges the entities that share a name but were typed
// differently in different places (a tagger calls "Kessel Dam" an
// organisation here and a person there) into the one with the most
// mentions (on a tie, one the gazetteer placed in a country, then the first
// by ID). Places the gazetteer put in different countries stay apart. It
// does nothing when no article was resolved since it last ran.
func (r *Resolver) joinTypes() {
	if r.joined {
		return
	}
	r.joined = true
	ids := slices.Sorted(maps.Keys(r.entities))
	byName := map[string][]*entity{}
	var names []string
	for _, id := range ids {
		e := r.entities[id]
		k := textnorm.Normalize(e.export().Name)
		if _, ok := byName[k]; !ok {
			names = append(names, k)
		}
		byName[k] = append(byName[k], e)
	}
	for _, k := range names {
		es := byName[k]
		if len(es) < 2 || k == "" {
			continue // entities without a name share nothing
		}
		win := es[0]
		for _, e := range es[1:] {
			if e.mentions > win.mentions || e.mentions == win.mentions && e.country != "" && win.country == "" {
				win = e
			}
		}
		for _, e := range es {
			if e == win || e.country != "" && win.country != "" && e.country != win.country {
				continue
			}
			r.merge(e, win)
		}
	}
}

// follow returns the ID that id now stands for, after merges.
func (r *Resolver) follow(id news.EntityID) news.EntityID {
	for range 64 {
		next, ok := r.redirect[id]
		if !ok {
			break
		}
		id = next
	}
	return id
}

// entity returns the accumulated entity of a target, creating it, and
// brings what the tables know of it up to date.
func (r *Resolver) entity(t target) *entity {
	id := r.follow(t.id)
	e := r.entities[id]
	if e == nil {
		e = &entity{id: id, typ: t.typ, forms: map[string]int{}, roles: map[string]int{}}
		r.entities[id] = e
	}
	if t.name != "" {
		e.name = t.name
	}
	if t.fallback != "" {
		e.fallback = t.fallback
	}
	if t.geo && !e.geo {
		e.lat, e.lon, e.geo = t.lat, t.lon, true
	}
	if t.country != "" {
		e.country = t.country
	}
	return e
}

// Entities returns the entities resolved so far, sorted by ID, after
// joining the entities that share a name but were typed differently (see
// joinTypes).
func (r *Resolver) Entities() []news.Entity {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.joinTypes()
	out := make([]news.Entity, 0, len(r.entities))
	for _, e := range r.entities {
		s := e.export()
		if s.Type == news.Organisation {
			s.Keys = r.t.qualifiedKeys(s)
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b news.Entity) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Redirects returns, for each ID that an earlier Resolve set and that now
// stands for another entity (an acronym's entity taken over by its
// definition, or a name joined by joinTypes), the ID it stands for. A store
// rewrites those mentions.
func (r *Resolver) Redirects() map[news.EntityID]news.EntityID {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.joinTypes()
	out := make(map[news.EntityID]news.EntityID, len(r.redirect))
	for id := range r.redirect {
		out[id] = r.follow(id)
	}
	return out
}

// formCount is a name form with its spellings that differ only in case
// added up.
type formCount struct {
	lower, best string
	n, bestN    int
}

func (e *entity) export() news.Entity {
	s := news.Entity{ID: e.id, Type: e.typ, Country: e.country, Mentions: e.mentions}
	if e.geo {
		s.Lat, s.Lon = e.lat, e.lon
	}
	byLower := map[string]*formCount{}
	var forms []*formCount
	for f, n := range e.forms {
		l := strings.ToLower(f)
		fc := byLower[l]
		if fc == nil {
			fc = &formCount{lower: l}
			byLower[l] = fc
			forms = append(forms, fc)
		}
		fc.n += n
		if n > fc.bestN || (n == fc.bestN && upperCount(f) < upperCount(fc.best)) ||
			(n == fc.bestN && upperCount(f) == upperCount(fc.best) && f < fc.best) {
			fc.best, fc.bestN = f, n
		}
	}
	slices.SortFunc(forms, func(a, b *formCount) int {
		if c := cmp.Compare(b.n, a.n); c != 0 {
			return c
		}
		return cmp.Compare(a.lower, b.lower)
	})
	s.Name = e.name
	if s.Name == "" {
		s.Name = e.canonical(forms)
	}
	for _, fc := range forms {
		if fc.lower != strings.ToLower(s.Name) {
			s.Aliases = append(s.Aliases, fc.best)
		}
	}
	slices.SortFunc(s.Aliases, func(a, b string) int {
		if c := cmp.Compare(strings.ToLower(a), strings.ToLower(b)); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	var roles []string
	for role := range e.roles {
		roles = append(roles, role)
	}
	slices.SortFunc(roles, func(a, b string) int {
		if c := cmp.Compare(e.roles[b], e.roles[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	s.Roles = roles
	s.Keys = append(s.Keys, Key(s.Name))
	for _, a := range s.Aliases {
		s.Keys = append(s.Keys, Key(a))
	}
	slices.Sort(s.Keys)
	s.Keys = slices.Compact(s.Keys)
	return s
}

// canonical chooses the name of an entity that the tables do not name: its
// most frequent full form (a person's name of two words or more, another
// name that is not an acronym), the longer on a tie. Spellings with one key
// count together ("Tehreek-e-Taliban Pakistan" and "Tehreek-i-Taliban
// Pakistan"), and the group's most frequent spelling is the name.
func (e *entity) canonical(forms []*formCount) string {
	full := func(f string) bool {
		if e.typ == news.Person {
			return strings.Contains(f, " ")
		}
		return !isAcronym(f) && !e.short[strings.ToLower(f)]
	}
	// Each key's spelling seen most often stands for its group; the
	// group seen most often wins, the longer name on a tie.
	type group struct {
		n    int
		best *formCount
	}
	var groups []string
	byKey := map[string]*group{}
	var best *formCount
	for pass := 0; pass < 2 && best == nil; pass++ {
		clear(byKey)
		groups = groups[:0]
		for _, fc := range forms {
			if pass == 0 && !full(fc.best) {
				continue
			}
			k := Key(fc.best)
			g := byKey[k]
			if g == nil {
				g = &group{}
				byKey[k] = g
				groups = append(groups, k)
			}
			g.n += fc.n
			if g.best == nil || fc.n > g.best.n || (fc.n == g.best.n && fc.lower < g.best.lower) {
				g.best = fc
			}
		}
		bestN := 0
		for _, k := range groups {
			g := byKey[k]
			if best == nil || g.n > bestN || (g.n == bestN && len(g.best.best) > len(best.best)) ||
				(g.n == bestN && len(g.best.best) == len(best.best) && g.best.lower < best.lower) {
				best, bestN = g.best, g.n
			}
		}
	}
	if best == nil {
		return e.fallback
	}
	return best.best
}

func upperCount(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n
}
