package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/abadojack/whatlanggo"
)

// Language detection limits. whatlanggo is reliable on a few sentences and
// poor on a headline, so short texts get no answer rather than a guess; on
// long texts its confidence score breaks down (it goes negative), so it
// reads a sample of sentence-like paragraphs instead of the whole text.
const (
	minLanguageRunes = 60   // below this Language returns ""
	minConfidence    = 0.5  // whatlanggo confidence needed for an answer
	minSampleWords   = 8    // paragraphs shorter than this are left out of the sample
	languageSample   = 400  // bytes of text read first (detection costs about 1 µs a byte)
	languageRetry    = 1200 // bytes read when the first sample is unsure
)

// Language returns the ISO 639-1 code of the language text is written in,
// or "" when the text is too short to tell or the guess is unreliable.
func Language(text string) string {
	if utf8.RuneCountInString(strings.TrimSpace(text)) < minLanguageRunes {
		return ""
	}
	if looksEnglish(text) {
		return "en"
	}
	for _, budget := range []int{languageSample, languageRetry} {
		info := whatlanggo.Detect(languageSampleOf(text, budget))
		if info.Lang >= 0 && info.Confidence >= minConfidence {
			return info.Lang.Iso6391()
		}
	}
	return ""
}

// languageSampleOf returns up to budget bytes of text: its paragraphs (or
// lines) of at least minSampleWords words, in order, or the start of the
// text when it has none.
func languageSampleOf(text string, budget int) string {
	var b strings.Builder
	for _, p := range strings.Split(text, "\n") {
		if wordCount(p) < minSampleWords {
			continue
		}
		if b.Len()+len(p) > budget && b.Len() > 0 {
			break
		}
		b.WriteString(p)
		b.WriteByte('\n')
	}
	if b.Len() > 0 {
		text = b.String()
	}
	if len(text) > budget {
		cut := budget
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return text
}

// languageTag returns the primary subtag of an HTML lang attribute ("en" for
// "en-GB"), lower case, or "" when it is not a two-letter code.
func languageTag(tag string) string {
	tag = strings.TrimSpace(tag)
	if i := strings.IndexAny(tag, "-_"); i >= 0 {
		tag = tag[:i]
	}
	tag = strings.ToLower(tag)
	if len(tag) != 2 || tag[0] < 'a' || tag[0] > 'z' || tag[1] < 'a' || tag[1] > 'z' {
		return ""
	}
	return tag
}

// englishWords are the commonest English function words; a running text
// in which they make up a large share of the words is English. The test
// costs a fraction of a trigram model's, and most news Storyline reads is
// English.
var englishWords = map[string]bool{
	"the": true, "of": true, "and": true, "to": true, "in": true, "a": true, "is": true, "that": true,
	"for": true, "on": true, "was": true, "with": true, "he": true, "it": true, "as": true, "at": true,
	"by": true, "from": true, "his": true, "said": true, "have": true, "has": true, "are": true, "be": true,
	"were": true, "this": true, "they": true, "but": true, "not": true, "had": true, "their": true, "which": true,
	"an": true, "will": true, "would": true, "its": true, "been": true, "who": true, "after": true, "she": true,
}

// looksEnglish reports whether at least a quarter of the first 200 words of
// text are English function words (running English text has about 40%;
// other languages that share a few, like "a" or "in", stay far below).
func looksEnglish(text string) bool {
	words, hits := 0, 0
	start := -1
	for i, r := range text {
		letter := unicode.IsLetter(r) || r == '\''
		switch {
		case letter && start < 0:
			start = i
		case !letter && start >= 0:
			words++
			if englishWords[strings.ToLower(text[start:i])] {
				hits++
			}
			start = -1
			if words == 200 {
				return hits*4 >= words
			}
		}
	}
	return words >= 20 && hits*4 >= words
}
