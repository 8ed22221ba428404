// Package dedup finds articles that copy earlier ones: exact copies (the same
// text after normalisation and boilerplate removal), near copies (small edits:
// a changed headline line, a paragraph dropped or added, a few words changed)
// and rewrites (the same report paraphrased sentence by sentence).
//
// An Index holds a compact Signature of every document it has seen. Adding a
// document looks up candidates through a locality-sensitive hash over its
// content-word stems (16 MinHash values, each a key in a capped postings
// table), then checks each candidate: an equal hash of the core words (the
// text less boilerplate lines) for exact copies; the Jaccard similarity of
// word 3-shingles, estimated from a 128-bin 4-bit one-permutation MinHash,
// for near copies; for rewrites, an in-order alignment of the sentences,
// each sketched as a 128-bit bloom of its Snowball stems, with the stems
// both texts repeat throughout (their topic) masked out, and the names of the
// shorter text found in the longer. The cost of one Add is bounded by the
// posting cap, not by the size of the index.
//
// Documents that copy each other form a group (copies of copies included);
// Group names its original by a rule that does not depend on the order in
// which documents were added (see Group).
package dedup

import (
	"cmp"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/cespare/xxhash/v2"
	"github.com/storyline-news/storyline/internal/news"
)

// Options tune an Index. The zero value gives the defaults.
type Options struct {
	// NearThreshold is the lowest estimated Jaccard similarity of word
	// 3-shingles for a near copy (default 0.3). Changing 10% of the words at
	// random leaves about 0.57; unrelated reports on one event stay below 0.1.
	NearThreshold float64
	// RewriteThreshold is the lowest fraction of the shorter document's
	// sentences that must align, in order, with the other's for a rewrite
	// (default 0.4; at least 30% of the longer one's must align too).
	RewriteThreshold float64
	// NoRewrites turns rewrite detection off; the Index then keeps no
	// sentence sketches, indexes 8 LSH keys a document instead of 16 (near
	// copies share most of them) and uses about a third of the memory.
	NoRewrites bool
	// MaxPostings caps the documents kept under one LSH key (default 32),
	// which bounds the candidates of one Add to 16*MaxPostings. A key shared
	// by more documents is a common word, or a story copied more often than
	// that: later copies still find the first MaxPostings.
	MaxPostings int
	// MaxLinks caps the links Add returns (default 8); every match still
	// joins the group.
	MaxLinks int
}

func (o Options) withDefaults() Options {
	if o.NearThreshold <= 0 {
		o.NearThreshold = 0.3
	}
	if o.RewriteThreshold <= 0 {
		o.RewriteThreshold = 0.4
	}
	if o.MaxPostings <= 0 {
		o.MaxPostings = 32
	}
	if o.MaxLinks <= 0 {
		o.MaxLinks = 8
	}
	return o
}

// Doc is one article as copy detection sees it.
type Doc struct {
	ID news.ArticleID
	// Title is used only to drop a first line of Text that repeats it, so a
	// text with its headline and one without are still exact copies.
	Title string
	// Text is the clean main text, paragraphs separated by newlines.
	Text string
	// Published is the publication date, zero when unknown.
	Published time.Time
	// NotBefore is, for an undated article, the earliest date it can have
	// been published (say the last date its text reports as past); zero when
	// unknown. It keeps an undated article from being taken for the
	// original of a copy dated before it.
	NotBefore time.Time
}

// Meta returns the document's identity and dates.
func (d Doc) Meta() Meta { return Meta{ID: d.ID, Published: d.Published, NotBefore: d.NotBefore} }

// Meta is a document's identity and dates, without its text.
type Meta struct {
	ID        news.ArticleID
	Published time.Time
	NotBefore time.Time
}

// Member is one member of a copy group other than its original.
type Member struct {
	ID news.ArticleID
	// Kind and Similarity relate the member to the group's original: direct
	// when the two are similar enough to tell, otherwise along the chain of
	// copies that joined them (the loosest kind and the lowest similarity on
	// the way).
	Kind       news.CopyKind
	Similarity float64
	Published  time.Time // as added; zero when unknown
	// NotBefore is set for an undated member of a group with a dated
	// original: a copy appears no earlier than its original.
	NotBefore time.Time
}

// Group is a set of documents that copy each other.
type Group struct {
	Original  news.ArticleID
	Published time.Time // the original's date, zero when unknown
	// NotAfter is set when the original is undated and some copy is dated:
	// the original appeared no later than its earliest dated copy.
	NotAfter time.Time
	Members  []Member // the copies, in the order they were added
}

// Index finds copies among the documents added to it. Its methods are safe
// for concurrent use: a mutex serialises Add, Restore and Group, while Sign,
// the costly part of Add, runs outside it, so callers may sign in parallel
// and add signatures one at a time with AddSigned.
type Index struct {
	opts Options
	// analyzers holds idle analyzers; up to GOMAXPROCS are made. Not a
	// sync.Pool, which would drop their stem caches at every GC.
	analyzers  chan *analyzer
	nAnalyzers atomic.Int32

	mu   sync.Mutex
	post *postings
	ids  idTable

	// Per document, by document number (the order of adding).
	core      []uint64
	words     []uint32
	near      []byte   // nearBytes a document
	names     []uint64 // two a document
	sentOff   []uint32 // document d has sents[sentOff[d]:sentOff[d+1]]
	sents     []sent
	topic     []uint64 // sentWords a document: topic bits of its sentences
	published []int64  // Unix seconds, noDate when unknown
	notBefore []int64  // Unix seconds, noDate when unknown
	parent    []uint32 // union-find forest over copy links
	ring      []uint32 // circular list through each group's members
	link      []edge   // the link that joined d's group to an earlier one
	moreLinks map[uint32][]edge
	pending   map[news.ArticleID][]news.CopyLink // Restore links to documents not yet restored

	scratch []uint64 // candidates of one Add: document<<8 | band
}

// edge is a copy relation to another document that joined two groups.
type edge struct {
	to   uint32 // document number + 1; 0 for none
	kind uint8  // kindExact, kindNear or kindRewrite
	sim  uint8  // similarity * 255
}

const noDate = math.MinInt64

// Kinds by rank, closest first; 0 is none.
const (
	kindNone uint8 = iota
	kindExact
	kindNear
	kindRewrite
)

var kindNames = [...]news.CopyKind{"", news.CopyExact, news.CopyNear, news.CopyRewrite}

// NewIndex returns an empty Index.
func NewIndex(opts Options) *Index {
	ix := &Index{
		opts:      opts.withDefaults(),
		post:      newPostings(),
		moreLinks: make(map[uint32][]edge),
		pending:   make(map[news.ArticleID][]news.CopyLink),
		sentOff:   []uint32{0},
	}
	ix.ids.init()
	ix.analyzers = make(chan *analyzer, runtime.GOMAXPROCS(0))
	return ix
}

// Sign computes the signature of doc. It does not change the Index and may
// run concurrently with every other method.
func (ix *Index) Sign(doc Doc) Signature {
	var a *analyzer
	select {
	case a = <-ix.analyzers:
	default:
		if int(ix.nAnalyzers.Add(1)) <= cap(ix.analyzers) {
			a = newAnalyzer()
		} else {
			a = <-ix.analyzers
		}
	}
	s := sign(a, doc.Title, doc.Text)
	ix.analyzers <- a
	if ix.opts.NoRewrites {
		s.sents, s.topic = nil, sent{}
	}
	return s
}

// Add signs doc and adds it: see AddSigned.
func (ix *Index) Add(doc Doc) ([]news.CopyLink, error) {
	return ix.AddSigned(doc.Meta(), ix.Sign(doc))
}

// AddSigned adds a document by its signature and returns its copy
// relations to documents added before it, closest first (exact, then near,
// then rewrite; higher similarity first), at most Options.MaxLinks of them.
// Each link is oriented by the rule Group uses to choose an original, applied
// to the pair: when the new document was published earlier than the one it
// matches, the link says the older-added document copies the new one.
//
// Every match joins the new document to the match's group, which may change
// which document is the group's original: callers that store copy links
// should refresh the whole group from Group.
//
// Adding an ID the Index already has is an error (wrapping news.ErrInvalid).
func (ix *Index) AddSigned(m Meta, sig Signature) ([]news.CopyLink, error) {
	if m.ID == "" {
		return nil, fmt.Errorf("add to copy index: %w: %w", errNoID, news.ErrInvalid)
	}
	if ix.opts.NoRewrites {
		sig.sents, sig.topic = nil, sent{}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.ids.get(m.ID); ok {
		return nil, fmt.Errorf("add %s to copy index: already added: %w", m.ID, news.ErrInvalid)
	}

	// Candidates: documents sharing at least one LSH key. A key with
	// MaxPostings documents is a common stem (or a story copied that often):
	// its documents are checked for near copies, which is cheap, but only
	// keys below the cap count towards the rewrite check.
	cands := ix.scratch[:0]
	var full [numBands]bool
	for b, k := range sig.keys[:ix.bands()] {
		if k == 0 {
			continue
		}
		n := 0
		ix.post.lookup(k, ix.opts.MaxPostings, func(d uint32) {
			cands = append(cands, uint64(d)<<8|uint64(b))
			n++
		})
		full[b] = n >= ix.opts.MaxPostings
	}
	slices.Sort(cands)
	ix.scratch = cands

	type match struct {
		doc  uint32
		kind uint8
		sim  float64
	}
	var matches []match
	nv := sig.view()
	for i := 0; i < len(cands); {
		d, hits := uint32(cands[i]>>8), 0
		for ; i < len(cands) && uint32(cands[i]>>8) == d; i++ {
			if !full[cands[i]&0xff] {
				hits++
			}
		}
		if kind, sim := ix.relate(nv, ix.view(d), hits); kind != kindNone {
			matches = append(matches, match{d, kind, sim})
		}
	}
	slices.SortFunc(matches, func(a, b match) int {
		if c := cmp.Compare(a.kind, b.kind); c != 0 {
			return c
		}
		if c := cmp.Compare(b.sim, a.sim); c != 0 {
			return c
		}
		return cmp.Compare(a.doc, b.doc)
	})

	d := ix.insert(m, sig)
	for b, k := range sig.keys[:ix.bands()] {
		if k != 0 && !full[b] {
			ix.post.insert(k, d)
		}
	}
	for _, mt := range matches {
		ix.join(d, mt.doc, mt.kind, mt.sim)
	}
	ix.resolvePending(d, m.ID)

	var links []news.CopyLink
	for _, mt := range matches[:min(len(matches), ix.opts.MaxLinks)] {
		copyDoc, orig := d, mt.doc
		if ix.original([]uint32{d, mt.doc}) == d {
			copyDoc, orig = mt.doc, d
		}
		links = append(links, news.CopyLink{
			Article:    ix.ids.id(copyDoc),
			Original:   ix.ids.id(orig),
			Kind:       kindNames[mt.kind],
			Similarity: quantize(mt.sim),
		})
	}
	return links, nil
}

// Keys returns the LSH keys under which the Index files sig, without
// zeros. A store that keeps them finds a document's copy candidates
// without an Index that holds every document; restoring those candidates
// into a fresh Index and adding the document relates it to the candidates
// as the full Index would (the full one may also count a key as full). A
// store may leave out the documents of keys filed under more than
// Options.MaxPostings: the full Index checks the first of them for near
// copies, which in a growing collection are its oldest documents.
func (ix *Index) Keys(sig Signature) []uint32 {
	var out []uint32
	for _, k := range sig.keys[:ix.bands()] {
		if k != 0 && !slices.Contains(out, k) {
			out = append(out, k)
		}
	}
	return out
}

// MaxPostings returns the documents kept under one key (see
// Options.MaxPostings).
func (ix *Index) MaxPostings() int { return ix.opts.MaxPostings }

// bands returns the number of LSH keys indexed per document.
func (ix *Index) bands() int {
	if ix.opts.NoRewrites {
		return numBands / 2
	}
	return numBands
}

// quantize rounds a similarity to the precision an Index keeps.
func quantize(s float64) float64 {
	return float64(uint8(math.Round(max(0, min(1, s))*255))) / 255
}

// Restore adds a document with the links stored for it, without looking for
// matches: the way to rebuild an Index on restart from stored signatures.
// Links may name documents not yet restored; they take effect when those are.
// Restoring an ID the Index already has is an error (wrapping
// news.ErrInvalid).
func (ix *Index) Restore(m Meta, sig Signature, links ...news.CopyLink) error {
	if m.ID == "" {
		return fmt.Errorf("restore to copy index: %w: %w", errNoID, news.ErrInvalid)
	}
	if ix.opts.NoRewrites {
		sig.sents, sig.topic = nil, sent{}
	}
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if _, ok := ix.ids.get(m.ID); ok {
		return fmt.Errorf("restore %s to copy index: already added: %w", m.ID, news.ErrInvalid)
	}
	d := ix.insert(m, sig)
	for _, k := range sig.keys[:ix.bands()] {
		if k != 0 {
			ix.post.add(k, d, ix.opts.MaxPostings)
		}
	}
	for _, l := range links {
		other := l.Original
		if other == m.ID {
			other = l.Article
		}
		if o, ok := ix.ids.get(other); ok {
			ix.join(d, o, kindOf(l.Kind), l.Similarity)
		} else if other != m.ID {
			ix.pending[other] = append(ix.pending[other], l)
		}
	}
	ix.resolvePending(d, m.ID)
	return nil
}

func (ix *Index) resolvePending(d uint32, id news.ArticleID) {
	links, ok := ix.pending[id]
	if !ok {
		return
	}
	delete(ix.pending, id)
	for _, l := range links {
		other := l.Original
		if other == id {
			other = l.Article
		}
		if o, ok := ix.ids.get(other); ok {
			ix.join(d, o, kindOf(l.Kind), l.Similarity)
		}
	}
}

func kindOf(k news.CopyKind) uint8 {
	switch k {
	case news.CopyExact:
		return kindExact
	case news.CopyNear:
		return kindNear
	default:
		return kindRewrite
	}
}

// insert appends the document's data and returns its number.
func (ix *Index) insert(m Meta, sig Signature) uint32 {
	d := uint32(len(ix.core))
	ix.ids.put(m.ID, d)
	ix.core = append(ix.core, sig.core)
	ix.words = append(ix.words, sig.words)
	ix.near = append(ix.near, sig.near[:]...)
	if !ix.opts.NoRewrites {
		ix.names = append(ix.names, sig.names[0], sig.names[1])
		ix.sents = append(ix.sents, sig.sents...)
		ix.topic = append(ix.topic, sig.topic[:]...)
		ix.sentOff = append(ix.sentOff, uint32(len(ix.sents)))
	}
	ix.published = append(ix.published, unixOrNone(m.Published))
	ix.notBefore = append(ix.notBefore, unixOrNone(m.NotBefore))
	ix.parent = append(ix.parent, d)
	ix.ring = append(ix.ring, d)
	ix.link = append(ix.link, edge{})
	return d
}

func unixOrNone(t time.Time) int64 {
	if t.IsZero() {
		return noDate
	}
	return t.Unix()
}

func timeOrZero(s int64) time.Time {
	if s == noDate {
		return time.Time{}
	}
	return time.Unix(s, 0).UTC()
}

// Len returns the number of documents in the index.
func (ix *Index) Len() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return len(ix.core)
}

// SizeBytes returns the memory the index holds, counting the capacity of
// its arrays (which grow by doubling) but not Go's map overhead for links.
func (ix *Index) SizeBytes() int {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	return 8*cap(ix.core) + 4*cap(ix.words) + cap(ix.near) +
		8*cap(ix.names) + 4*cap(ix.sentOff) + 8*sentWords*cap(ix.sents) + 8*cap(ix.topic) + 8*cap(ix.published) +
		8*cap(ix.notBefore) + 4*cap(ix.parent) + 4*cap(ix.ring) + 8*cap(ix.link) +
		ix.ids.bytes() + ix.post.bytes()
}

// idTable maps article IDs to document numbers: the IDs live end to end in
// one byte slice, and an open-addressing table of document numbers is
// probed by the ID's hash, about 26 bytes a document for 12-byte IDs.
type idTable struct {
	arena []byte
	off   []uint32 // document d's ID is arena[off[d]:off[d+1]]
	slots []uint32 // document number + 1; 0 is empty
	n     int
}

func (t *idTable) init() {
	t.off = []uint32{0}
	t.slots = make([]uint32, 1024)
}

func (t *idTable) id(d uint32) news.ArticleID {
	return news.ArticleID(t.arena[t.off[d]:t.off[d+1]])
}

func (t *idTable) get(id news.ArticleID) (uint32, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := xxhash.Sum64String(string(id)) & mask; ; i = (i + 1) & mask {
		s := t.slots[i]
		if s == 0 {
			return 0, false
		}
		if string(t.arena[t.off[s-1]:t.off[s]]) == string(id) {
			return s - 1, true
		}
	}
}

func (t *idTable) put(id news.ArticleID, d uint32) {
	t.arena = append(t.arena, id...)
	t.off = append(t.off, uint32(len(t.arena)))
	if 2*(t.n+1) > len(t.slots) {
		old := t.slots
		t.slots = make([]uint32, 2*len(old))
		for _, s := range old {
			if s != 0 {
				t.place(s)
			}
		}
	}
	t.place(d + 1)
	t.n++
}

func (t *idTable) place(s uint32) {
	mask := uint64(len(t.slots) - 1)
	id := t.arena[t.off[s-1]:t.off[s]]
	for i := xxhash.Sum64(id) & mask; ; i = (i + 1) & mask {
		if t.slots[i] == 0 {
			t.slots[i] = s
			return
		}
	}
}

func (t *idTable) bytes() int { return cap(t.arena) + 4*cap(t.off) + 4*cap(t.slots) }
