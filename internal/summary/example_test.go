package summary_test

import (
	"fmt"

	"github.com/storyline-news/storyline/internal/summary"
)

func ExampleHeadline() {
	// An article stored without a headline: ingest titled it with the
	// start of its text.
	text := "PORT AVEL (Norpress) - Prior to a visit to Dunmere, a senior Estavian envoy urged Norland to free the fishermen detained since March, officials said. The envoy will meet the foreign minister on Friday."
	h, from := summary.Headline("PORT AVEL (Norpress) - Prior to a visit to Dunmere, a senior Estavian envoy urged …", text)
	fmt.Println(h, from == summary.Lead)

	// An editorial's banner, in sentence case, names spelled as the text does.
	h, from = summary.Headline("THE FVF MUST ANSWER FOR DUNMERE", "The FVF has not denied the attack on the Dunmere depot.")
	fmt.Println(h, from == summary.Banner)
	// Output:
	// Senior Estavian envoy urged Norland to free the fishermen detained true
	// The FVF must answer for Dunmere true
}
