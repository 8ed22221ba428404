package quotes

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/quote"
)

func TestZPub(t *testing.T) {
	if os.Getenv("QPUB") == "" {
		t.Skip()
	}
	arts, _ := Read(devDir)
	f := quote.NewFinder()
	by := map[string]*Scorer{}
	for _, a := range arts {
		p, _, _ := strings.Cut(a.Name, "_")
		if by[p] == nil {
			by[p] = &Scorer{}
		}
		by[p].Add(a, f.Find(a.Text, nil))
	}
	for p, s := range by {
		r := s.Result()
		fmt.Printf("%-14s n=%2d gold=%4d P=%.3f R=%.3f F1=%.3f spk=%.3f\n", p, r.Articles, r.Gold, r.Precision, r.Recall, r.F1, r.SpeakerAccuracy)
	}
}
