package fulltext

import (
	"strings"
	"testing"
)

// BenchmarkSnippet makes the snippets of a page of 20 news-length texts
// (about 4 KB each) for a two-word query, as Search does for a page of
// hits.
func BenchmarkSnippet(b *testing.B) {
	para := "Officials in Port Avel said on Tuesday that the talks over the Kessel dam would resume next week, " +
		"after negotiators from both sides failed to agree on how much water the reservoir should release " +
		"during the dry season. Farmers downstream have protested for months. "
	text := strings.Repeat(para, 12) + "The ministry said the negotiators would meet again in Dunmere."
	const page = 20
	b.SetBytes(page * int64(len(text)))
	for b.Loop() {
		h := newTestHighlighter("negotiators dunmere")
		for range page {
			h.Snippet(text)
		}
	}
}
