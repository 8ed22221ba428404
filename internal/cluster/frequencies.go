package cluster

import (
	"strings"
)

// Frequencies looks up the document frequencies of features counted
// outside a Clusterer: for each key ("t:" and a stem, "n:" and a name's
// key, see Keys) the number of documents holding it, absent when none, and
// the number of documents counted.
type Frequencies func(keys []string) (docs int, df map[string]int, err error)

// SetFrequencies makes the Clusterer weigh features by the document
// frequencies that f gives, plus those of the documents it adds itself
// (Doc.Counted says a document is in f's counts already). An incremental
// grouping clusters a few new articles with the stories they may join,
// read from a store, under the frequencies of the whole store: the
// weights, and so the stories, come out as a grouping of everything would
// make them. Call it on a new Clusterer, before adding anything. An error
// from f is kept and returned by Err; the features it could not look up
// count as unseen.
func (c *Clusterer) SetFrequencies(f Frequencies) {
	c.vocab.fetch = f
}

// Err returns the first error of the Frequencies set with SetFrequencies.
func (c *Clusterer) Err() error { return c.vocab.err }

// LoadFrequencies looks up, in one call to the Frequencies, the features
// of every document prepared so far (see Prepare) and the names nameKeys
// (Entity.Key values), so that adding those documents needs no further
// look-ups.
func (c *Clusterer) LoadFrequencies(nameKeys []string) {
	v := c.vocab
	if v.fetch == nil {
		return
	}
	var keys []string
	for id, ok := range v.termBased {
		if !ok {
			keys = append(keys, termKey(v.stemOf[id]))
		}
	}
	for _, k := range nameKeys {
		if k = nameKey(k); k != "" {
			if _, ok := v.names[k]; !ok {
				keys = append(keys, nameKeyOf(k))
			}
		}
	}
	v.lookUp(keys)
}

// Counted returns the document frequencies the Clusterer counted itself:
// of every document added when no Frequencies are set, else of those
// added without Doc.Counted. A store adds them to what it keeps.
func (c *Clusterer) Counted() (docs int, df map[string]int) {
	v := c.vocab
	df = make(map[string]int)
	for id, n := range v.termOwn {
		if n > 0 {
			df[termKey(v.stemOf[id])] = int(n)
		}
	}
	for id, n := range v.nameOwn {
		if n > 0 {
			df[nameKeyOf(v.nameKey[id])] = int(n)
		}
	}
	return int(v.docs), df
}

// QueryKeys returns the keys under which Add looks for the stories d may
// join: its most distinctive terms and names under the current
// frequencies. It does not add d. A caller that keeps stories in a store,
// under their Keys (news.Story.Keys), reads the stories filed under
// these to find d's candidates.
func (c *Clusterer) QueryKeys(d Doc) []string {
	c.Prepare(&d)
	v := c.vocab
	terms, names := c.rawFeatures(d, c.entities(d))
	var ids []uint32
	for _, f := range terms {
		ids = append(ids, f.id)
	}
	v.lookUpTerms(ids)
	var nids []uint32
	for _, f := range names {
		nids = append(nids, f.id)
	}
	v.lookUpNames(nids)
	u := vec{terms: unitTop(v.weigh(nil, terms, v.termDF, v.termTie), maxDocTerms), names: unitTop(v.weigh(nil, names, v.nameDF, v.nameTie), maxDocNames)}
	var out []string
	for _, f := range heaviest(u.terms, queryTerms) {
		out = append(out, termKey(v.stemOf[f.id]))
	}
	for _, f := range heaviest(u.names, queryNames) {
		out = append(out, nameKeyOf(v.nameKey[f.id]))
	}
	return out
}

// Story keys kept for a store: a story's heaviest centroid features.
const (
	keptTerms = 24
	keptNames = 12
)

// storyKeys returns the keys a store files story si under: the heaviest
// terms and names of its centroid.
func (c *Clusterer) storyKeys(si int32) []string {
	s := &c.stories[si]
	v := c.vocab
	var out []string
	for _, f := range heaviest(s.terms.fs, keptTerms) {
		out = append(out, termKey(v.stemOf[f.id]))
	}
	for _, f := range heaviest(s.names.fs, keptNames) {
		out = append(out, nameKeyOf(v.nameKey[f.id]))
	}
	return out
}

func termKey(stem string) string  { return "t:" + stem }
func nameKeyOf(key string) string { return "n:" + key }
func isTermKey(key string) bool   { return strings.HasPrefix(key, "t:") }

// lookUp fetches the frequencies of keys and files them: those of known
// features at once, the others until the feature is first seen.
func (v *vocab) lookUp(keys []string) {
	if v.fetch == nil || len(keys) == 0 {
		return
	}
	docs, df, err := v.fetch(keys)
	if err != nil {
		if v.err == nil {
			v.err = err
		}
		return
	}
	v.baseDocs = int32(docs)
	for _, k := range keys {
		n := int32(df[k])
		if isTermKey(k) {
			if id, ok := v.stems[k[2:]]; ok {
				if !v.termBased[id] {
					v.termBased[id] = true
					v.termDF[id] += n
				}
				continue
			}
		} else if id, ok := v.names[k[2:]]; ok {
			if !v.nameBased[id] {
				v.nameBased[id] = true
				v.nameDF[id] += n
			}
			continue
		}
		if v.pending == nil {
			v.pending = map[string]int32{}
		}
		v.pending[k] = n
	}
}

// lookUpTerms and lookUpNames fetch the frequencies of the given features
// that have none yet.
func (v *vocab) lookUpTerms(ids []uint32) {
	if v.fetch == nil {
		return
	}
	var keys []string
	for _, id := range ids {
		if !v.termBased[id] {
			keys = append(keys, termKey(v.stemOf[id]))
		}
	}
	v.lookUp(keys)
}

func (v *vocab) lookUpNames(ids []uint32) {
	if v.fetch == nil {
		return
	}
	var keys []string
	for _, id := range ids {
		if !v.nameBased[id] {
			keys = append(keys, nameKeyOf(v.nameKey[id]))
		}
	}
	v.lookUp(keys)
}

// based files a new feature's pending frequency, if one was fetched.
func (v *vocab) based(key string) (int32, bool) {
	if v.fetch == nil {
		return 0, true
	}
	n, ok := v.pending[key]
	if ok {
		delete(v.pending, key)
	}
	return n, ok
}
