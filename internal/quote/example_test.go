package quote_test

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/quote"
)

func ExampleFinder_Find() {
	text := `Harbour Minister Clara Voss visited the docks on Friday.
"We will keep the port open all winter," Voss told reporters. "The boats are ready."
She said the government would pay for two new icebreakers.`

	f := quote.NewFinder()
	for _, q := range f.Find(text, nil) {
		fmt.Printf("%s (%s, direct %v): %s\n", q.Speaker, q.Cue, q.Direct, q.Text)
	}
	// Output:
	// Clara Voss (told, direct true): "We will keep the port open all winter," "The boats are ready."
	// Clara Voss (said, direct false): the government would pay for two new icebreakers
}

func ExampleSame() {
	same, score := quote.Same(
		`"We seek a strong partnership on trade and we expect action,"`,
		`‘we are seeking a strong partnership in trade and expect action’`)
	fmt.Printf("%v %.2f\n", same, score)
	// Output: true 1.00
}
