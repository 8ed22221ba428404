package genre_test

import (
	"fmt"
	"strings"

	"github.com/storyline-news/storyline/internal/genre"
	"github.com/storyline-news/storyline/internal/news"
)

func ExampleClassifier_Classify() {
	c := genre.New()
	r := c.Classify(news.Article{
		URL:  "https://www.theguardian.com/commentisfree/2024/may/28/rivers",
		Text: "The river authority said on Tuesday that water levels had fallen.",
	})
	fmt.Println(r.Kind, r.Reasons)

	r = c.Classify(news.Article{Text: `We have waited long enough. The council should stop pretending the river will clean itself.
It is shameful that our leaders still refuse to act. Why do we keep electing people who ignore us?`})
	voice, _, _ := strings.Cut(r.Reasons[0], ",") // then the score and the signs counted
	fmt.Println(r.Kind, voice)
	// Output:
	// opinion [publisher: URL path /commentisfree/]
	// opinion text: author's own voice
}
