// Package summary tells a story in a few words: a headline that reads as
// one (Headline) and a short extractive summary of its reports (Story):
// a few of their sentences, central, none repeating another, in time
// order, each with the articles that carry it.
package summary

import (
	"cmp"
	"math"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// Doc is an article as the summary reads it.
type Doc struct {
	ID        news.ArticleID
	Text      string
	Published time.Time // zero when unknown
	// Opinion marks an opinion piece: it counts towards what the story is
	// about, but its sentences are never the summary's.
	Opinion bool
	// CopyOf is the original this article copies, when it does: its
	// sentences count with the original's, and it carries the original's
	// sentences it repeats.
	CopyOf news.ArticleID
}

// Limits of a summary.
const (
	MinSentences = 3
	MaxSentences = 5
)

// Tuning, set on the seeds and the demo corpus.
const (
	maxDocSentences = 40   // sentences read per article, for what the story is about
	maxCandidates   = 20   // sentences of each that may be picked: leads hold the story
	minWords        = 8    // shorter lines are kickers, credits, captions
	maxWords        = 40   // longer ones are run-ons a summary cannot use
	easyWords       = 28   // a sentence longer than this scores less: summaries are read in seconds
	sameSentence    = 0.6  // cosine of two sentences that say the same
	sameInCopy      = 0.35 // the same, between a copy and its original (rewrites paraphrase)
	redundant       = 0.45 // cosine above which a sentence repeats a picked one
	mmrLambda       = 0.7  // weight of centrality against novelty
	leadBonus       = 1.15 // a lead sentence's centrality is worth this much more
	tailShare       = 0.6  // past MinSentences, a sentence must score this share of the best
	pronounQuote    = 0.6  // a quote "he said" scores this share: who said it is not shown
)

// unit is a candidate sentence with the articles that carry it.
type unit struct {
	doc      int // index of the document it is read from
	nth      int // its place among the document's sentences
	pos      int // its byte offset there
	text     string
	vec      vec
	carriers []int // documents that carry it (or a sentence nearly the same)
	score    float64
}

// Story returns a summary of a story's articles: up to MaxSentences
// sentences of its news reports (MinSentences when the reports have that
// many fit to use), each central to what the articles say, none nearly
// the same as another, in time order (its article's date, then place in
// the text; undated last), each with the IDs of every report that
// carries it or a sentence nearly the same, copies included. Of two
// reports' sentences nearly the same, the earlier stands for both. It returns nil when no report has a usable sentence.
func Story(docs []Doc) []news.SummarySentence {
	idx := make(map[news.ArticleID]int, len(docs))
	for i, d := range docs {
		idx[d.ID] = i
	}
	orig := make([]int, len(docs)) // the document each one's sentences count with
	for i, d := range docs {
		orig[i] = i
		if o, ok := idx[d.CopyOf]; ok && d.CopyOf != d.ID {
			orig[i] = o
		}
	}
	// Every sentence read, with the sentences each term is in.
	vocab := map[string]int32{}
	var all []unit
	centroid := vec{}
	var ids []int32
	var buf []byte
	for i, d := range docs {
		first := len(all)
		for k, s := range sentences(d.Text, maxDocSentences) {
			ids, buf = terms(ids[:0], s.text, vocab, buf)
			v := newVec(ids)
			if len(v) == 0 {
				continue
			}
			score := 1.0
			if k < 3 {
				score = leadBonus
			}
			all = append(all, unit{doc: i, nth: k, pos: s.pos, text: s.text, vec: v, score: score})
		}
		if orig[i] == i {
			// A copy says again what its original does: counting it
			// would weigh the original twice.
			centroid = centroid.add(sumVecs(all[first:]).unit())
		}
	}
	centroid = centroid.unit()
	postings := make([][]int32, len(vocab))
	for si, u := range all {
		for _, f := range u.vec {
			postings[f.id] = append(postings[f.id], int32(si))
		}
	}

	// Candidates: usable sentences of the leads of originals that are
	// reports.
	var cands []int32
	isCand := make([]bool, len(all))
	for si := range all {
		u := &all[si]
		if docs[u.doc].Opinion || orig[u.doc] != u.doc || u.nth >= maxCandidates || !usable(u.text) {
			continue
		}
		u.score *= u.vec.dot(centroid)
		if n := len(strings.Fields(u.text)); n > easyWords {
			u.score *= math.Sqrt(easyWords / float64(n))
		}
		if pronounSpeaker.MatchString(u.text) {
			u.score *= pronounQuote
		}
		cands = append(cands, int32(si))
		isCand[si] = true
	}
	// Carriers: every other report with a sentence nearly the same (a
	// copy's paraphrases of its original count too), found through the
	// terms a candidate shares with each sentence. Sentence vectors are
	// binary, so their cosine is the shared terms over the root of the
	// product of their sizes.
	shared := make([]int32, len(all))
	var touched []int32
	similar := map[int32][]int32{}      // candidates nearly the same as a candidate
	carries := make([]int32, len(docs)) // the candidate (+1) a document was last found to carry
	for _, ci := range cands {
		u := &all[ci]
		touched = touched[:0]
		for _, f := range u.vec {
			for _, sj := range postings[f.id] {
				if shared[sj] == 0 {
					touched = append(touched, sj)
				}
				shared[sj]++
			}
		}
		u.carriers = []int{u.doc}
		carries[u.doc] = ci + 1
		for _, sj := range touched {
			x := &all[sj]
			sim := float64(shared[sj]) / math.Sqrt(float64(len(u.vec)*len(x.vec)))
			shared[sj] = 0
			if x.doc == u.doc || docs[x.doc].Opinion {
				continue // an opinion piece that repeats a report does not report it
			}
			min := sameSentence
			if orig[x.doc] == u.doc {
				min = sameInCopy
			}
			if sim >= min && carries[x.doc] != ci+1 {
				carries[x.doc] = ci + 1
				u.carriers = append(u.carriers, x.doc)
			}
			if isCand[sj] && sim >= sameSentence {
				similar[ci] = append(similar[ci], sj)
			}
		}
		// Said by many is said centrally.
		u.score *= 1 + 0.25*math.Log2(float64(len(u.carriers)))
	}
	// Two candidates nearly the same (two outlets' own words for one
	// fact) are one: the better scored, carried by both's carriers, in
	// the earlier wording.
	slices.SortStableFunc(cands, func(a, b int32) int { return cmp.Compare(all[b].score, all[a].score) })
	keptAs := make(map[int32]int32, len(cands))
	var kept []*unit
	for _, ci := range cands {
		into := int32(-1)
		for _, sj := range similar[ci] {
			if k, ok := keptAs[sj]; ok && (into < 0 || k < into) {
				into = k
			}
		}
		if into < 0 {
			keptAs[ci] = int32(len(kept))
			kept = append(kept, &all[ci])
			continue
		}
		b, u := kept[into], &all[ci]
		if earlier(docs, u, b) {
			b.doc, b.pos, b.text, b.vec = u.doc, u.pos, u.text, u.vec
		}
		for _, c := range u.carriers {
			if !slices.Contains(b.carriers, c) {
				b.carriers = append(b.carriers, c)
			}
		}
	}

	picked := pick(kept)
	slices.SortFunc(picked, func(a, b *unit) int {
		if earlier(docs, a, b) {
			return -1
		}
		return 1
	})
	out := make([]news.SummarySentence, len(picked))
	for i, u := range picked {
		ids := make([]news.ArticleID, len(u.carriers))
		for k, c := range u.carriers {
			ids[k] = docs[c].ID
		}
		slices.Sort(ids)
		out[i] = news.SummarySentence{Text: strings.Join(strings.Fields(u.text), " "), Articles: slices.Compact(ids), Published: docs[u.doc].Published}
	}
	return out
}

// pick chooses sentences by maximal marginal relevance from cands, best
// scored first: each next one the most central less its likeness to
// those picked, none repeating one (redundant), up to MaxSentences, and
// past MinSentences only while they score near the best.
func pick(cands []*unit) []*unit {
	var picked []*unit
	used := make([]bool, len(cands))
	for len(picked) < MaxSentences {
		best, bestScore := -1, math.Inf(-1)
		for i, u := range cands {
			if used[i] {
				continue
			}
			sim := 0.0
			for _, p := range picked {
				sim = max(sim, u.vec.dot(p.vec))
			}
			if sim >= redundant {
				used[i] = true
				continue
			}
			if s := mmrLambda*u.score - (1-mmrLambda)*sim; s > bestScore {
				best, bestScore = i, s
			}
		}
		if best < 0 {
			break
		}
		if len(picked) >= MinSentences && cands[best].score < tailShare*picked[0].score {
			break
		}
		used[best] = true
		picked = append(picked, cands[best])
	}
	return picked
}

// usable reports whether a sentence can stand in a summary: a whole
// sentence of a reasonable length, not a fragment, caption, banner or
// link.
func usable(s string) bool {
	n := len(strings.Fields(s))
	if n < minWords || n > maxWords || isBanner(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) && !unicode.IsDigit(r) && !strings.ContainsRune(`"'“‘`, r) {
		return false // "which has been accused ...": a fragment
	}
	first, _, _ := strings.Cut(s, " ")
	if leaning[strings.ToLower(strings.TrimRight(first, ","))] {
		return false // "He said ...", "But ...": it leans on a sentence not shown
	}
	last, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s, `"'”’)`))
	if !strings.ContainsRune(".!", last) {
		return false // a heading, a list item, a question
	}
	low := strings.ToLower(s)
	for _, bad := range []string{"http", "www.", "@", "photo credit", "click here", "subscribe", "also read", "read more"} {
		if strings.Contains(low, bad) {
			return false
		}
	}
	return true
}

// leaning are the first words of a sentence that needs the one before.
var leaning = map[string]bool{
	"he": true, "she": true, "they": true, "it": true, "this": true, "these": true, "those": true,
	"that": true, "his": true, "her": true, "their": true, "its": true, "but": true, "and": true,
	"also": true, "however": true, "meanwhile": true, "still": true, "yet": true, "so": true,
}

// pronounSpeaker matches a quote said by "he" or "she": who is not
// shown.
var pronounSpeaker = regexp.MustCompile(`[,”"’']\s+(?:he|she|they)\s+(?:said|says|told|added)\b`)

// earlier reports whether sentence a comes before b: by its article's
// date (undated last), then article ID, then place in the text.
func earlier(docs []Doc, a, b *unit) bool {
	da, db := docs[a.doc].Published, docs[b.doc].Published
	switch {
	case da.IsZero() != db.IsZero():
		return db.IsZero()
	case !da.Equal(db):
		return da.Before(db)
	case a.doc != b.doc:
		return docs[a.doc].ID < docs[b.doc].ID
	}
	return a.pos < b.pos
}

// vec is a sparse vector of term weights sorted by term id.
type vec []feat

type feat struct {
	id int32
	w  float64
}

// newVec is the unit vector of a sentence's distinct terms.
func newVec(ids []int32) vec {
	slices.Sort(ids)
	ids = slices.Compact(ids)
	v := make(vec, len(ids))
	w := 1 / math.Sqrt(float64(len(ids)))
	for i, id := range ids {
		v[i] = feat{id, w}
	}
	return v
}

func (v vec) unit() vec {
	var n float64
	for _, f := range v {
		n += f.w * f.w
	}
	if n == 0 {
		return v
	}
	n = math.Sqrt(n)
	out := make(vec, len(v))
	for i, f := range v {
		out[i] = feat{f.id, f.w / n}
	}
	return out
}

func (v vec) dot(o vec) float64 {
	var d float64
	for i, j := 0, 0; i < len(v) && j < len(o); {
		switch {
		case v[i].id < o[j].id:
			i++
		case v[i].id > o[j].id:
			j++
		default:
			d += v[i].w * o[j].w
			i++
			j++
		}
	}
	return d
}

// add returns v+o.
func (v vec) add(o vec) vec {
	out := make(vec, 0, len(v)+len(o))
	i, j := 0, 0
	for i < len(v) || j < len(o) {
		switch {
		case j == len(o) || i < len(v) && v[i].id < o[j].id:
			out = append(out, v[i])
			i++
		case i == len(v) || v[i].id > o[j].id:
			out = append(out, o[j])
			j++
		default:
			out = append(out, feat{v[i].id, v[i].w + o[j].w})
			i++
			j++
		}
	}
	return out
}

// sumVecs is the sum of the sentences' vectors, each term's weight the
// square root of its count (sublinear, so one repeated name does not
// make a text).
func sumVecs(us []unit) vec {
	var s vec
	for _, u := range us {
		b := make(vec, len(u.vec))
		for i, f := range u.vec {
			b[i] = feat{f.id, 1}
		}
		s = s.add(b)
	}
	for i := range s {
		s[i].w = math.Sqrt(s[i].w)
	}
	return s
}
