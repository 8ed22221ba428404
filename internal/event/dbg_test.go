package event

import (
	"fmt"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func TestDbgGroups(t *testing.T) {
	tagger := loadTagger(t)
	f := NewFinder()
	var refs []Ref
	for _, seed := range []string{"000", "001", "002", "003", "004"} {
		_, evs := seedEvents(t, tagger, f, seed)
		for _, e := range evs {
			refs = append(refs, Ref{Event: e, Article: news.ArticleID(seed), Published: seedDates[seed]})
		}
	}
	for _, g := range Group(refs) {
		fmt.Println("group", GroupKey(refs, g))
		for _, m := range g {
			fmt.Printf("   %s%s\n", refs[m].Article, describe([]news.Event{refs[m].Event}))
		}
	}
}
