package cluster_test

import (
	"fmt"
	"time"

	"github.com/storyline-news/storyline/internal/cluster"
)

func Example() {
	day := func(d int) time.Time { return time.Date(2025, 3, d, 0, 0, 0, 0, time.UTC) }
	c := cluster.New(cluster.Options{GuessNames: true})
	for _, d := range []cluster.Doc{
		{ID: "a1", Published: day(2), Title: "Fire destroys warehouses in Port Keldra harbour",
			Text: "A fire destroyed three warehouses in Port Keldra on Sunday, fire chief Mira Osei said."},
		{ID: "a2", Published: day(3), Title: "Drovania votes in snap election",
			Text: "Voters in Drovania chose a new parliament in a snap election called by Anika Lorr."},
		{ID: "a3", Published: day(3), Title: "Port Keldra harbour fire: wiring blamed",
			Text: "Faulty wiring may have started the fire in Port Keldra harbour, fire chief Mira Osei said."},
		{ID: "a3-copy", CopyOf: "a3", Published: day(3), Title: "Wiring blamed for Port Keldra fire"},
	} {
		a := c.Add(d)
		fmt.Printf("%s -> story %s (new %v)\n", a.Article, a.Story, a.New)
	}
	c.Refine()
	for _, s := range c.Stories() {
		fmt.Printf("%s: %q %v\n", s.ID, s.Title, s.Articles)
	}
	// Output:
	// a1 -> story a1 (new true)
	// a2 -> story a2 (new true)
	// a3 -> story a1 (new false)
	// a3-copy -> story a1 (new false)
	// a1: "Port Keldra harbour fire: wiring blamed" [a3 a1 a3-copy]
	// a2: "Drovania votes in snap election" [a2]
}
