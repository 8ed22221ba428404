package cluster

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// genCorpus makes n fictional articles in stories of a few articles each,
// in date order: every story has its own rare words and names on top of a
// Zipf-distributed background vocabulary shared by all. It returns the
// articles and each article's story.
func genCorpus(n int, seed uint64) ([]Doc, map[news.ArticleID]string) {
	rng := rand.New(rand.NewPCG(seed, 42))
	syllables := strings.Fields("ka to ri ne sa mo lu pe di ga vo ben tar sel min dor fa qui lo ze ha ru ny ost")
	word := func(k int) string {
		var b strings.Builder
		x := k
		for i := 0; i < 2+k%3; i++ {
			b.WriteString(syllables[x%len(syllables)])
			x /= len(syllables)
			x += i * 7
		}
		return b.String()
	}
	const background = 20000
	zipf := rand.NewZipf(rng, 1.1, 2, background-1)
	gold := make(map[news.ArticleID]string, n)
	docs := make([]Doc, 0, n)
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	story := 0
	for len(docs) < n {
		story++
		size := 1 + rng.IntN(8)
		var own []string
		for range 8 {
			own = append(own, word(background+rng.IntN(400000)))
		}
		var names []Entity
		for i := range 3 {
			nm := strings.ToUpper(own[i][:1]) + own[i][1:] + " " + word(rng.IntN(5000))
			names = append(names, Entity{Key: "PER:" + strings.ToLower(nm), Name: nm, Type: news.Person})
		}
		day := time.Duration(len(docs)) * 365 * 24 * time.Hour / time.Duration(n)
		for k := 0; k < size && len(docs) < n; k++ {
			var text strings.Builder
			for w := 0; w < 250; w++ {
				if rng.IntN(10) < 2 {
					text.WriteString(own[rng.IntN(len(own))])
				} else {
					text.WriteString(word(int(zipf.Uint64())))
				}
				if w%15 == 14 {
					text.WriteString(". ")
				} else {
					text.WriteByte(' ')
				}
			}
			ents := make([]Entity, len(names))
			for i, e := range names {
				e.Count = 1 + rng.IntN(3)
				ents[i] = e
			}
			id := news.ArticleID(fmt.Sprintf("a%07d", len(docs)))
			docs = append(docs, Doc{
				ID:        id,
				Title:     own[0] + " " + own[1] + " " + word(int(zipf.Uint64())),
				Text:      text.String(),
				Published: start.Add(day + time.Duration(rng.IntN(72))*time.Hour),
				Entities:  ents,
			})
			gold[id] = fmt.Sprint(story)
		}
	}
	return docs, gold
}
