package quote

import (
	"slices"
	"strings"
	"unicode"
)

// isStop reports whether w (lower case) is a function word that says
// nothing about which quote a text is.
func isStop(w string) bool {
	switch w {
	case "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
		"from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this", "that",
		"these", "those", "we", "i", "you", "he", "she", "they", "our", "their", "his", "her", "my",
		"your", "us", "them", "me", "him", "will", "would", "can", "could", "should", "shall", "may",
		"might", "must", "has", "have", "had", "do", "does", "did", "not", "no", "so", "if", "than",
		"then", "there", "here", "which", "who", "whom", "what", "when", "where", "while", "about",
		"into", "over", "also", "just", "very", "more", "most", "all", "some", "any", "each", "both",
		"such", "only", "own", "same", "too", "am", "s", "t", "re", "ve", "ll", "d", "m", "said", "says":
		return true
	}
	return false
}

// stem strips common English endings so that reworded quotes share words:
// "seeking" and "seek", "countries" and "country".
func stem(w string) string {
	n := len(w)
	switch {
	case n > 5 && strings.HasSuffix(w, "ing"):
		w = w[:n-3]
	case n > 4 && strings.HasSuffix(w, "ies"):
		w = w[:n-3] + "y"
	case n > 4 && strings.HasSuffix(w, "ed"):
		w = w[:n-2]
	case n > 4 && strings.HasSuffix(w, "ly"):
		w = w[:n-2]
	case n > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss"):
		w = w[:n-1]
	}
	if n := len(w); n > 3 && strings.HasSuffix(w, "e") {
		w = w[:n-1]
	}
	return w
}

// Words returns the normalised content words of a quote: lower case,
// stemmed, without punctuation, quote marks or function words, each once,
// sorted.
func Words(text string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isStop(f) {
			continue
		}
		out = append(out, stem(f))
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Same reports whether two quote texts are the same quote, perhaps reworded
// or cut, and how alike they are (0..1). The score is the Dice coefficient
// of their normalised content words (see Words). They are the same when the
// score is at least 0.5, or when the shorter quote's words are mostly in
// the longer one: five shared words making 70% of it, or eight making half
// (one article quoting part of what another quotes at length); and, when
// both have four content words or more, they share two pairs of words
// written next to each other ("strong partnership", "Pakistani Taliban"):
// two statements on one topic share its words, not its phrasing ("his
// government had opened peace talks with the Pakistani Taliban" is not
// "some of the Pakistani Taliban groups want to talk to our government for
// peace").
// Quotes of fewer than three content words are the same only when their
// words are.
func Same(a, b string) (bool, float64) {
	same, score := sameWords(Words(a), Words(b))
	return same && samePhrasing(Pairs(a), Pairs(b)), score
}

// Pairs returns the pairs of neighbouring content words of a quote, in
// the form of Words, each once, sorted.
func Pairs(text string) []string {
	var prev string
	var out []string
	for _, f := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if isStop(f) {
			continue
		}
		w := stem(f)
		if prev != "" {
			out = append(out, prev+" "+w)
		}
		prev = w
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// samePhrasing reports whether two quotes' pairs of words (see Pairs)
// allow them to be one quote: two shared, or either too short to tell.
func samePhrasing(x, y []string) bool {
	if len(x) < 3 || len(y) < 3 {
		return true
	}
	return countShared(x, y) >= 2
}

// countShared counts the strings two sorted lists share.
func countShared(x, y []string) int {
	shared := 0
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] == y[j]:
			shared++
			i++
			j++
		case x[i] < y[j]:
			i++
		default:
			j++
		}
	}
	return shared
}

func sameWords(x, y []string) (bool, float64) {
	if len(x) == 0 || len(y) == 0 {
		return false, 0
	}
	shared := countShared(x, y)
	dice := 2 * float64(shared) / float64(len(x)+len(y))
	short := min(len(x), len(y))
	if short < 3 {
		return shared == len(x) && shared == len(y), dice
	}
	contained := float64(shared) / float64(short)
	return dice >= 0.5 || shared >= 5 && contained >= 0.7 || shared >= 8 && contained >= 0.5, dice
}

// maxPosting is how many quotes a word may appear in and still be used to
// find candidate pairs in Group; it keeps Group near linear on large inputs.
const maxPosting = 2000

// Group clusters quote texts that are the same quote (see Same), linking a
// quote to its group when it is the same as any member. It returns groups
// of indices into texts, each in ascending order, ordered by their first
// index; every text is in exactly one group. Candidate pairs are those that
// share a content word used by at most maxPosting of the texts.
func Group(texts []string) [][]int {
	words := make([][]string, len(texts))
	pairs := make([][]string, len(texts))
	index := map[string][]int{}
	for i, t := range texts {
		words[i] = Words(t)
		pairs[i] = Pairs(t)
		for _, w := range words[i] {
			index[w] = append(index[w], i)
		}
	}
	parent := make([]int, len(texts))
	for i := range parent {
		parent[i] = i
	}
	var find func(int) int
	find = func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	seen := make([]int, len(texts)) // last i for which j was compared
	for i := range seen {
		seen[i] = -1
	}
	for i := range texts {
		for _, w := range words[i] {
			list := index[w]
			if len(list) > maxPosting {
				continue // too common to tell quotes apart; rarer shared words will
			}
			for _, j := range list {
				if j >= i || seen[j] == i {
					continue
				}
				seen[j] = i
				ri, rj := find(i), find(j)
				if ri == rj {
					continue // already linked
				}
				if ok, _ := sameWords(words[i], words[j]); ok && samePhrasing(pairs[i], pairs[j]) {
					parent[max(ri, rj)] = min(ri, rj)
				}
			}
		}
	}
	byRoot := map[int]int{}
	var groups [][]int
	for i := range texts {
		r := find(i)
		g, ok := byRoot[r]
		if !ok {
			g = len(groups)
			byRoot[r] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}
