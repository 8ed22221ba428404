package entity

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"

	"github.com/storyline-news/storyline/internal/news"
)

//go:generate go run ./gen -npm /tmp/entgen/node_modules -out data

// data holds the tables that ship with the package (see README.md for their
// sources and licences).
//
//go:embed data/countries.tsv data/cities.tsv.gz data/demonyms.tsv data/builtin.aliases
var data embed.FS

// place is a city of the gazetteer.
type place struct {
	name     string
	country  string // ISO 3166-1 alpha-2
	lat, lon float64
	pop      int
	capital  bool
	id       news.EntityID
}

// group is a set of names that the tables (built-in or the user's) say are
// one entity.
type group struct {
	name    string          // canonical name
	fixed   bool            // name is canonical whatever the mentions say
	renamed bool            // a rename chose name: the ID follows it
	typ     news.EntityType // "" for a user's group of unknown type: mentions give it
	country string          // for countries and nationality words
	lat     float64
	lon     float64
	geo     bool   // lat, lon are known
	place   *place // for a group of names of a gazetteer city
	into    *group // set when merged into another group
	ids     [4]news.EntityID
}

// find follows merges to the group that stands for g.
func (g *group) find() *group {
	for g.into != nil {
		g = g.into
	}
	return g
}

// split is an ambiguous name and its senses; the first sense is the default.
type split struct {
	name   string
	senses []sense
}

type sense struct {
	g        *group
	cueNames []string
	cues     []cue
}

// cue is a name whose co-mention in an article points to a sense. It
// matches a mention resolved to its group or place, a mention in its
// country when the cue is a country, or else a mention with its key.
type cue struct {
	key     string
	g       *group
	p       *place
	country string
}

// table is the static knowledge the resolver matches mentions against.
type table struct {
	byKey  map[string]*group   // name key -> group (follow find)
	codes  map[string]*group   // ISO codes of countries, for mentions in capitals
	splits map[string]*split   // ambiguous name key -> senses
	cities map[string][]*place // city name key -> candidates, most populous first
}

// baseTables returns the tables built from the embedded data and built-in
// aliases, parsed once: they never change, and each Resolver applies its
// user's aliases to its own copy.
var baseTables = sync.OnceValues(loadBase)

func loadBase() (*table, error) {
	t := &table{
		byKey:  map[string]*group{},
		codes:  map[string]*group{},
		splits: map[string]*split{},
		cities: map[string][]*place{},
	}
	var n normalizer
	if err := t.loadCities(&n); err != nil {
		return nil, err
	}
	if err := t.loadCountries(&n); err != nil {
		return nil, err
	}
	if err := t.loadDemonyms(&n); err != nil {
		return nil, err
	}
	b, err := data.ReadFile("data/builtin.aliases")
	if err != nil {
		return nil, fmt.Errorf("load built-in aliases: %w", err)
	}
	a, err := parseAliases("builtin.aliases", b)
	if err != nil {
		return nil, fmt.Errorf("load built-in aliases: %w", err)
	}
	t.apply(&n, a.ops())
	return t, nil
}

// lines calls fn with the tab-separated fields of each line of a table file
// that is neither blank nor a comment.
func lines(name string, r io.Reader, fn func(f []string) error) error {
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || line[0] == '#' {
			continue
		}
		if err := fn(strings.Split(line, "\t")); err != nil {
			return fmt.Errorf("load %s:%d: %w", name, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("load %s: %w", name, err)
	}
	return nil
}

func (t *table) loadCities(n *normalizer) error {
	f, err := data.Open("data/cities.tsv.gz")
	if err != nil {
		return fmt.Errorf("load cities: %w", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		return fmt.Errorf("load cities: %w", err)
	}
	err = lines("cities.tsv.gz", zr, func(f []string) error {
		if len(f) != 6 {
			return fmt.Errorf("want 6 fields, have %d", len(f))
		}
		lat, err1 := strconv.ParseFloat(f[2], 64)
		lon, err2 := strconv.ParseFloat(f[3], 64)
		pop, err3 := strconv.Atoi(f[4])
		if err1 != nil || err2 != nil || err3 != nil {
			return fmt.Errorf("bad number in %q", f)
		}
		p := &place{name: f[1], country: f[0], lat: lat, lon: lon, pop: pop, capital: f[5] == "C"}
		p.id = news.EntityID("loc-" + slug(n.key(p.name, false)) + "-" + strings.ToLower(p.country))
		k := string(n.key(p.name, true))
		if k == "" {
			return nil
		}
		cs := t.cities[k]
		i := len(cs)
		for i > 0 && cs[i-1].pop < p.pop {
			i--
		}
		t.cities[k] = append(cs[:i], append([]*place{p}, cs[i:]...)...)
		return nil
	})
	if err != nil {
		return err
	}
	return zr.Close()
}

func (t *table) loadCountries(n *normalizer) error {
	b, err := data.ReadFile("data/countries.tsv")
	if err != nil {
		return fmt.Errorf("load countries: %w", err)
	}
	return lines("countries.tsv", bytes.NewReader(b), func(f []string) error {
		if len(f) != 6 {
			return fmt.Errorf("want 6 fields, have %d", len(f))
		}
		g := &group{name: f[2], fixed: true, typ: news.Place, country: f[0]}
		if f[3] != "" {
			lat, err1 := strconv.ParseFloat(f[3], 64)
			lon, err2 := strconv.ParseFloat(f[4], 64)
			if err1 != nil || err2 != nil {
				return fmt.Errorf("bad coordinates %q, %q", f[3], f[4])
			}
			g.lat, g.lon, g.geo = lat, lon, true
		}
		names := []string{f[2]}
		if f[5] != "" {
			names = append(names, strings.Split(f[5], "|")...)
		}
		for _, name := range names {
			k := string(n.key(name, true))
			if _, taken := t.byKey[k]; !taken && k != "" {
				t.byKey[k] = g
			}
		}
		for _, code := range f[:2] {
			t.codes[string(n.key(code, true))] = g
		}
		return nil
	})
}

func (t *table) loadDemonyms(n *normalizer) error {
	b, err := data.ReadFile("data/demonyms.tsv")
	if err != nil {
		return fmt.Errorf("load demonyms: %w", err)
	}
	return lines("demonyms.tsv", bytes.NewReader(b), func(f []string) error {
		if len(f) < 2 || len(f) > 3 {
			return fmt.Errorf("want 2 or 3 fields, have %d", len(f))
		}
		g := &group{name: f[1], fixed: true, typ: news.OtherName, country: f[0]}
		names := []string{f[1]}
		if len(f) == 3 {
			names = append(names, strings.Split(f[2], "|")...)
		}
		for _, name := range names {
			k := string(n.key(name, true))
			if _, taken := t.byKey[k]; !taken && k != "" {
				t.byKey[k] = g // a country's name wins over a nationality word
			}
		}
		return nil
	})
}

// clone returns a copy of t that apply can change without touching t. The
// cities are shared: nothing changes them.
func (t *table) clone() *table {
	c := &table{
		byKey:  make(map[string]*group, len(t.byKey)),
		codes:  make(map[string]*group, len(t.codes)),
		splits: make(map[string]*split, len(t.splits)),
		cities: t.cities,
	}
	copies := map[*group]*group{}
	var cp func(g *group) *group
	cp = func(g *group) *group {
		if g == nil {
			return nil
		}
		if d, ok := copies[g]; ok {
			return d
		}
		d := new(group)
		*d = *g
		copies[g] = d
		d.into = cp(g.into)
		return d
	}
	for k, g := range t.byKey {
		c.byKey[k] = cp(g)
	}
	for k, g := range t.codes {
		c.codes[k] = cp(g)
	}
	for k, s := range t.splits {
		d := &split{name: s.name, senses: make([]sense, len(s.senses))}
		for i, sn := range s.senses {
			d.senses[i] = sense{g: cp(sn.g), cueNames: sn.cueNames}
		}
		c.splits[k] = d
	}
	return c
}

// group returns the group a name belongs to, creating one when create is
// set; a new group of a name the gazetteer knows stands for that city.
func (t *table) group(n *normalizer, name string, create bool) *group {
	k := string(n.key(name, true))
	if g, ok := t.byKey[k]; ok {
		return g.find()
	}
	if !create {
		return nil
	}
	g := &group{name: name}
	if cs := t.cities[k]; len(cs) > 0 {
		g.place, g.typ = cs[0], news.Place
		g.country, g.lat, g.lon, g.geo = cs[0].country, cs[0].lat, cs[0].lon, true
	}
	t.byKey[k] = g
	return g
}

// attach makes name one of g's names, merging the group it had into g.
func (t *table) attach(n *normalizer, g *group, name string) {
	k := string(n.key(name, true))
	delete(t.splits, k)
	if old, ok := t.byKey[k]; ok {
		old = old.find()
		if old == g {
			return
		}
		old.into = g
		if g.typ == "" {
			g.typ = old.typ
		}
		if g.place == nil && old.place != nil && g.country == "" {
			g.place, g.country, g.lat, g.lon, g.geo = old.place, old.country, old.lat, old.lon, old.geo
		}
		if g.country == "" {
			g.country, g.lat, g.lon, g.geo = old.country, old.lat, old.lon, old.geo
		}
		return
	}
	t.byKey[k] = g
}

// apply carries out alias file directives in order.
func (t *table) apply(n *normalizer, ops []*op) {
	for _, o := range ops {
		switch o.kind {
		case opAlias, opMerge:
			g := t.group(n, o.name, true)
			if !g.fixed {
				g.name, g.fixed = o.name, true
			}
			for _, name := range o.names {
				t.attach(n, g, name)
			}
		case opRename:
			g := t.group(n, o.name, true)
			g.name, g.fixed, g.renamed = o.names[0], true, true
			t.attach(n, g, o.names[0])
		case opType:
			g := t.group(n, o.name, true)
			g.typ = o.typ
			if !g.fixed {
				g.name, g.fixed = o.name, true
			}
		case opSplit:
			s := &split{name: o.name}
			for _, sn := range o.senses {
				g := t.group(n, sn.Name, true)
				if !g.fixed {
					g.name, g.fixed = sn.Name, true
				}
				s.senses = append(s.senses, sense{g: g, cueNames: sn.Cues})
			}
			k := string(n.key(o.name, true))
			delete(t.byKey, k)
			t.splits[k] = s
		}
	}
}

// finish resolves the cues of splits and computes group IDs, once the
// directives are applied.
func (t *table) finish(n *normalizer) {
	for _, s := range t.splits {
		for i := range s.senses {
			sn := &s.senses[i]
			sn.g = sn.g.find()
			sn.cues = sn.cues[:0]
			for _, name := range sn.cueNames {
				c := cue{key: string(n.key(name, true))}
				if g := t.group(n, name, false); g != nil {
					c.g = g
					if g.typ == news.Place && g.place == nil {
						c.country = g.country
					}
				} else if cs := t.cities[c.key]; len(cs) > 0 {
					c.p = cs[0]
				}
				sn.cues = append(sn.cues, c)
			}
		}
	}
	done := map[*group]bool{}
	setIDs := func(g *group) {
		g = g.find()
		if done[g] {
			return
		}
		done[g] = true
		for i, typ := range types {
			if g.typ != "" && g.typ != typ {
				continue
			}
			switch {
			case g.place != nil && !g.renamed:
				g.ids[i] = g.place.id
			default:
				g.ids[i] = news.EntityID(typ.IDPrefix() + "-" + slug(n.key(g.name, false)))
			}
		}
	}
	for _, g := range t.byKey {
		setIDs(g)
	}
	for _, g := range t.codes {
		setIDs(g)
	}
	for _, s := range t.splits {
		for _, sn := range s.senses {
			setIDs(sn.g)
		}
	}
}

// types lists entity types in the order of group.ids.
var types = [4]news.EntityType{news.Person, news.Organisation, news.Place, news.OtherName}

// typeIndex returns the index of t in types; unknown types count as MISC.
func typeIndex(t news.EntityType) int {
	switch t {
	case news.Person:
		return 0
	case news.Organisation:
		return 1
	case news.Place:
		return 2
	}
	return 3
}
