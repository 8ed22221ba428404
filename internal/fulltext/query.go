// Package fulltext holds what the stores' full-text search shares: the
// query syntax users write (words, "phrases", prefix*, -not, OR) and the
// highlighter that marks, in a matched text, the words the index matched
// and cuts a snippet around them. Each store turns the terms into its
// index's own query language (FTS5 MATCH, tsquery) and gives the
// highlighter its index's stemmer.
package fulltext

import (
	"strings"
	"unicode"
)

// A Term is one unit of a user's query.
type Term struct {
	Word   string // letters, digits and single inner spaces (a phrase)
	Prefix bool   // the word ended in *
	Neg    bool   // the word started with -
	Or     bool   // the bare word OR between two terms
}

// Terms splits a user's query into terms. No query is an error: what is
// not a letter or a digit is dropped.
func Terms(q string) []Term {
	var terms []Term
	for len(q) > 0 {
		q = strings.TrimLeftFunc(q, unicode.IsSpace)
		if q == "" {
			break
		}
		var t Term
		if q[0] == '-' && len(q) > 1 {
			t.Neg = true
			q = q[1:]
		}
		var word string
		if q[0] == '"' {
			end := strings.IndexByte(q[1:], '"')
			if end < 0 {
				word, q = q[1:], ""
			} else {
				word, q = q[1:1+end], q[2+end:]
			}
		} else {
			end := strings.IndexFunc(q, unicode.IsSpace)
			if end < 0 {
				end = len(q)
			}
			word, q = q[:end], q[end:]
			if word == "OR" && !t.Neg {
				terms = append(terms, Term{Or: true})
				continue
			}
			t.Prefix = strings.HasSuffix(word, "*")
		}
		if t.Word = clean(word); t.Word != "" {
			terms = append(terms, t)
		}
	}
	return terms
}

// clean keeps letters, digits and inner spaces of a term: the indexes'
// tokenizers drop everything else anyway, and quotes would end a quoted
// term in either query language.
func clean(w string) string {
	w = strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			return r
		}
		return ' '
	}, w)
	return strings.Join(strings.Fields(w), " ")
}
