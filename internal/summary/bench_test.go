package summary

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// benchStory makes a story as ForStory reads one at most: originals
// copy groups of 30 sentences of about 20 words, each with copies copies,
// the reports sharing many of their facts, one article in five an opinion
// piece.
func benchStory(originals, copies int) []Doc {
	r := rand.New(rand.NewPCG(1, 2))
	subj := []string{"Norland's coast guard", "The transport minister", "Estavia Lines", "Investigators", "The ferry's captain", "Rescuers", "The port authority", "Passengers"}
	verb := []string{"said on Tuesday that", "told reporters that", "confirmed that", "denied that", "warned that", "announced that"}
	fact := []string{"the ferry ran aground near Port Avel in heavy fog", "its radar had been switched off for forty minutes", "all 300 passengers were taken ashore before dawn",
		"eleven vessels would be inspected by the end of the week", "the captain and two officers were suspended", "two chartered ships would sail from Dunmere on Thursday",
		"the voyage recorder was recovered from the bridge", "refunds would be offered to every passenger", "the inquiry would report within a month"}
	var docs []Doc
	for i := range originals {
		var b strings.Builder
		for k := range 30 {
			fmt.Fprintf(&b, "%s %s %s, and %s %d.\n", subj[r.IntN(len(subj))], verb[r.IntN(len(verb))], fact[r.IntN(len(fact))], fact[r.IntN(len(fact))], k)
		}
		id := news.ArticleID(fmt.Sprintf("a%03d", i))
		docs = append(docs, Doc{ID: id, Text: b.String(), Published: day(1 + i%20), Opinion: i%5 == 4})
		for c := range copies {
			docs = append(docs, Doc{ID: news.ArticleID(fmt.Sprintf("a%03d-%d", i, c)), Text: strings.Replace(b.String(), "ferry", "vessel", 2), Published: day(2 + i%20), CopyOf: id})
		}
	}
	return docs
}

// BenchmarkStory measures one story's summary, as a story page or
// `storyline story` makes it, at the most ForStory reads (24 groups
// of an original and 3 copies) and at a small story.
func BenchmarkStory(b *testing.B) {
	for _, c := range []struct{ originals, copies int }{{3, 1}, {readGroups, readCopies}} {
		docs := benchStory(c.originals, c.copies)
		b.Run(fmt.Sprintf("articles=%d", len(docs)), func(b *testing.B) {
			for b.Loop() {
				if len(Story(docs)) == 0 {
					b.Fatal("no summary")
				}
			}
		})
	}
}

func BenchmarkHeadline(b *testing.B) {
	title := "Norland's coast guard has stopped a ferry carrying 300 passengers after …"
	for b.Loop() {
		Headline(title, report1)
	}
}
