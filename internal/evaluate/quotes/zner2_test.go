package quotes

import (
	"fmt"
	"os"
	"testing"

	"github.com/storyline-news/storyline/internal/ner"
	"github.com/storyline-news/storyline/internal/quote"
)

func TestZNER2(t *testing.T) {
	if os.Getenv("QNER") == "" {
		t.Skip()
	}
	tg, _ := ner.Load()
	arts, _ := Read(devDir)
	f := quote.NewFinder()
	for _, a := range arts {
		x := f.Find(a.Text, nil)
		y := f.Find(a.Text, tg.Tag(a.Text))
		if len(x) != len(y) {
			fmt.Println(a.Name, len(x), len(y))
			m := map[string]bool{}
			for _, q := range y {
				m[q.Text] = true
			}
			for _, q := range x {
				if !m[q.Text] {
					fmt.Printf("  only nil: %q\n", q.Text)
				}
			}
		}
	}
}
