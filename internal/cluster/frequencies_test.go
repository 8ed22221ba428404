package cluster

import (
	"maps"
	"slices"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestFrequenciesFromOutside checks that a Clusterer given the document
// frequencies of earlier documents (SetFrequencies), and adding only the
// later ones, weighs them as one that added everything: same query keys,
// and own counts that add up to the whole.
func TestFrequenciesFromOutside(t *testing.T) {
	docs, _ := genCorpus(400, 3)
	earlier, later := docs[:300], docs[300:]

	whole := New(Options{})
	for _, d := range docs {
		whole.Add(d)
	}
	base := New(Options{})
	for _, d := range earlier {
		base.Add(d)
	}
	baseDocs, baseDF := base.Counted()
	lookups := 0
	part := New(Options{})
	part.SetFrequencies(func(keys []string) (int, map[string]int, error) {
		lookups++
		out := map[string]int{}
		for _, k := range keys {
			if n, ok := baseDF[k]; ok {
				out[k] = n
			}
		}
		return baseDocs, out, nil
	})
	// One earlier document comes back as part of a working set: it is
	// counted in the base already.
	again := earlier[len(earlier)-1]
	again.Counted = true
	part.Add(again)
	for _, d := range later {
		part.Add(d)
	}
	if err := part.Err(); err != nil {
		t.Fatal(err)
	}
	if lookups == 0 {
		t.Fatal("the frequencies were never looked up")
	}
	// Every feature the part knows weighs what it weighs in the whole.
	wv, pv := whole.vocab, part.vocab
	if pv.docs+pv.baseDocs != wv.docs {
		t.Errorf("documents weighed: %d, want %d", pv.docs+pv.baseDocs, wv.docs)
	}
	for id, stem := range pv.stemOf {
		if w := wv.termDF[wv.stems[stem]]; pv.termDF[id] != w {
			t.Errorf("term %q: frequency %d with outside frequencies, %d with every document added", stem, pv.termDF[id], w)
		}
	}
	for id, key := range pv.nameKey {
		if w := wv.nameDF[wv.names[key]]; pv.nameDF[id] != w {
			t.Errorf("name %q: frequency %d with outside frequencies, %d with every document added", key, pv.nameDF[id], w)
		}
	}
	wholeDocs, wholeDF := whole.Counted()
	partDocs, partDF := part.Counted()
	if baseDocs+partDocs != wholeDocs {
		t.Errorf("documents counted: %d outside + %d own, want %d", baseDocs, partDocs, wholeDocs)
	}
	sum := maps.Clone(baseDF)
	for k, n := range partDF {
		sum[k] += n
	}
	if !maps.Equal(sum, wholeDF) {
		diff := 0
		for k, n := range wholeDF {
			if sum[k] != n {
				diff++
			}
		}
		t.Errorf("outside and own frequencies differ from the whole's in %d of %d keys", diff, len(wholeDF))
	}
}

// TestStoryKeysFindStories checks that a story's keys include query keys
// of its members: a store filing stories under their keys finds a member's
// story by the member's query keys.
func TestStoryKeysFindStories(t *testing.T) {
	docs, gold := genCorpus(200, 5)
	c := New(Options{})
	for _, d := range docs {
		c.Add(d)
	}
	c.Refine()
	keys := map[string][]string{}
	for _, s := range c.Stories() {
		if len(s.Keys) == 0 || len(s.Keys) > keptTerms+keptNames {
			t.Fatalf("story %s has %d keys", s.ID, len(s.Keys))
		}
		for _, a := range s.Articles {
			keys[string(a)] = s.Keys
		}
	}
	found := 0
	for _, d := range docs {
		sk := keys[string(d.ID)]
		if slices.ContainsFunc(c.QueryKeys(d), func(k string) bool { return slices.Contains(sk, k) }) {
			found++
		}
	}
	if found < len(docs)*95/100 {
		t.Errorf("%d of %d articles share a query key with their story's keys (%d gold stories)", found, len(docs), len(gold))
	}
}

// TestRestoredStoriesTakeArticles checks that new articles go to the same
// stories in a Clusterer that holds every article and in one that holds
// only the stories' kept states (RestoreStory) under the same frequencies.
func TestRestoredStoriesTakeArticles(t *testing.T) {
	docs, _ := genCorpus(600, 9)
	earlier, later := docs[:500], docs[500:]
	whole := New(Options{})
	for _, d := range earlier {
		whole.Add(d)
	}
	docs0, df0 := whole.Counted()
	part := New(Options{})
	part.SetFrequencies(func(keys []string) (int, map[string]int, error) {
		out := map[string]int{}
		for _, k := range keys {
			if n, ok := df0[k]; ok {
				out[k] = n
			}
		}
		return docs0, out, nil
	})
	for _, s := range whole.Stories() {
		if err := part.RestoreStory(s.ID, s.Centroid); err != nil {
			t.Fatal(err)
		}
	}
	if err := part.RestoreStory("broken", []byte{1, 2}); err == nil {
		t.Error("a broken state was restored")
	}
	same, joined := 0, 0
	for _, d := range later {
		w, p := whole.Add(d), part.Add(d)
		if !w.New {
			joined++
		}
		if w.Story == p.Story {
			same++
		}
	}
	if joined < len(later)/2 {
		t.Fatalf("only %d of %d later articles joined an earlier story: the test says little", joined, len(later))
	}
	t.Logf("%d of %d later articles joined earlier stories; %d went to the same story with restored stories", joined, len(later), same)
	if same < len(later)*95/100 {
		t.Errorf("%d of %d later articles went to the same story with restored stories", same, len(later))
	}
}

// TestMergeRivalsFindHalvesOfOneStory checks that a story restored from
// its kept state finds, among restored stories, the other half of its
// own gold story as the closest story it may merge with. (Stories of
// the same days sharing background words may pass too: MergeRivals
// proposes, the cohesion test of Refine decides.)
func TestMergeRivalsFindHalvesOfOneStory(t *testing.T) {
	docs, gold := genCorpus(400, 5)
	byGold := map[string][]Doc{}
	var order []string
	for _, d := range docs {
		g := gold[d.ID]
		if byGold[g] == nil {
			order = append(order, g)
		}
		byGold[g] = append(byGold[g], d)
	}
	// Every gold story of four or more articles is stored as two
	// stories, one per half; the others whole.
	probe := New(Options{})
	half := map[news.StoryID]news.StoryID{}
	store := func(id news.StoryID, ds []Doc) {
		c := New(Options{})
		for _, d := range ds {
			c.Add(d)
		}
		s := c.Stories()
		if len(s) != 1 {
			t.Fatalf("%d articles of one gold story made %d stories", len(ds), len(s))
		}
		if err := probe.RestoreStory(id, s[0].Centroid); err != nil {
			t.Fatal(err)
		}
	}
	halves := 0
	for _, g := range order {
		ds := byGold[g]
		if len(ds) < 4 {
			store(news.StoryID(g), ds)
			continue
		}
		a, b := news.StoryID(g+"/a"), news.StoryID(g+"/b")
		store(a, ds[:len(ds)/2])
		store(b, ds[len(ds)/2:])
		half[a], half[b] = b, a
		halves++
	}
	if halves < 10 {
		t.Fatalf("only %d gold stories were halved: the test says little", halves)
	}
	found, wrong := 0, 0
	for id, other := range half {
		got := probe.MergeRivals(id, 1, 1.0)
		switch {
		case len(got) == 1 && got[0] == other:
			found++
		case len(got) > 0:
			wrong++
			t.Logf("story %s: merge rival %v, want %s", id, got, other)
		}
	}
	if found < len(half)*9/10 || wrong > len(half)/20 {
		t.Errorf("%d of %d halves found their other half, %d found another story", found, len(half), wrong)
	}
}
