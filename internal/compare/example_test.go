package compare_test

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/compare"
)

func ExampleTexts() {
	original := compare.Text{Text: `"Some of the Pakistani Taliban groups actually want to talk to our government," he told Turkey's TRT World television.`}
	copy := compare.Text{Text: `According to TRT World television, some of the Pakistani Taliban groups want to talk to Turkey's government.`}
	r := compare.Texts(original, copy)
	fmt.Println("same facts:", r.SameFacts)
	for _, c := range r.Facts() {
		fmt.Printf("%s: %q -> %q\n", c.Type, c.Original, c.Copy)
	}
	// Output:
	// same facts: false
	// entity: "our" -> "Turkey's"
}
