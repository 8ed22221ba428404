package cluster

import (
	"fmt"
	"os"
	"testing"
)

func TestDbg(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	docs := seedDocs()
	c := New(Options{GuessNames: true, NameWeight: 0.4, Threshold: 0.25, Linkage: 0.1, Cohesion: 0.7})
	for _, i := range []int{3, 4, 0, 1, 2} {
		fmt.Println(c.Add(docs[i]).Reason)
	}
	u := make([]vec, len(docs))
	for i := range docs {
		u[i] = c.unit(c.byID[docs[i].ID])
	}
	for i := range docs {
		for j := i + 1; j < len(docs); j++ {
			fmt.Printf("%s-%s terms %.3f names %.3f mix %.3f\n", docs[i].ID, docs[j].ID, dotSorted(u[i].terms, u[j].terms), dotSorted(u[i].names, u[j].names), 0.6*dotSorted(u[i].terms, u[j].terms)+0.4*dotSorted(u[i].names, u[j].names))
		}
	}
	for _, a := range c.Refine() {
		fmt.Println(a.Article, a.Story, a.Reason)
	}
}
