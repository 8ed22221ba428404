// Package textnorm normalises article text for comparison: two texts that
// differ only in case, Unicode form, quote and dash styles, punctuation or
// white space normalise to the same string and hash to the same value.
//
// Ingest uses Hash to tell an article it already has; copy detection uses
// it for exact copies.
package textnorm

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Normalize returns text in NFKC, lower case, with every run of characters
// that are neither letters nor digits (punctuation, quotes, dashes, white
// space) replaced by one space, and no leading or trailing space.
func Normalize(text string) string {
	text = norm.NFKC.String(text)
	var b strings.Builder
	b.Grow(len(text))
	gap := false
	for _, r := range text {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) {
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		gap = true
	}
	return b.String()
}

// Hash returns the hex SHA-256 of Normalize(text).
func Hash(text string) string {
	sum := sha256.Sum256([]byte(Normalize(text)))
	return hex.EncodeToString(sum[:])
}
