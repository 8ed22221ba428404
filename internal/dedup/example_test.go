package dedup_test

import (
	"fmt"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/dedup"
)

func Example() {
	report := `The harbour authority of Port Selwyn closed the northern pier on Friday after divers found cracks in two of its supporting pillars.
Harbour master Elena Ruiz said the pier would stay closed for at least three weeks while engineers assess the damage.
Fishing boats that normally unload at the pier have been moved to the southern basin, where space is limited.
"Nobody will be allowed on the structure until we know it is safe," Ruiz said.
The pier was last repaired in 2011, when a storm tore away part of its deck.
The authority has set aside 1.2 million for urgent repairs and will ask the town council for more.`

	// Another outlet runs the same text with its own boilerplate and a
	// different last sentence.
	reuse := "Port Selwyn Gazette | Local\n\n" +
		strings.Replace(report, "and will ask the town council for more.", "and may ask the council for further funds.", 1) +
		"\n\nFollow us on Twitter for updates"

	ix := dedup.NewIndex(dedup.Options{})
	ix.Add(dedup.Doc{ID: "gazette", Text: reuse, Published: time.Date(2024, 6, 8, 9, 0, 0, 0, time.UTC)})
	links, _ := ix.Add(dedup.Doc{ID: "agency", Text: report, Published: time.Date(2024, 6, 7, 18, 0, 0, 0, time.UTC)})
	for _, l := range links {
		fmt.Printf("%s copies %s: %s, similarity %.2f\n", l.Article, l.Original, l.Kind, l.Similarity)
	}
	g, _ := ix.Group("gazette")
	fmt.Println("original:", g.Original)
	// Output:
	// gazette copies agency: near, similarity 0.85
	// original: agency
}
