package ner_test

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/ner"
)

func ExampleTagger_Tag() {
	tagger, err := ner.Load()
	if err != nil {
		panic(err)
	}
	text := "Foreign Minister Anna Kowalski met officials of the World Bank in Geneva on Monday."
	for _, m := range tagger.Tag(text) {
		fmt.Printf("%-4s %-14q %d-%d role=%q\n", m.Type, m.Text, m.Start, m.End, m.Role)
	}
	// Output:
	// PER  "Anna Kowalski" 17-30 role="Foreign Minister"
	// ORG  "World Bank"   52-62 role=""
	// LOC  "Geneva"       66-72 role=""
}
