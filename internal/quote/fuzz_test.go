package quote

import (
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

func FuzzFind(f *testing.F) {
	f.Add(`"We seek a fair deal," Ines Moreau told reporters. "Both sides must give something."`)
	f.Add(`According to Marta Silva, the factory will close. ‘No,’ she said.`)
	f.Add("\"unclosed\n\n\"still open\n'")
	f.Add("WALLACE: Hello.\nPENCE: Well, look.\nWALLACE: Thanks.")
	f.Add(`“A” ― Name` + "\n" + `Mr. X. said: '' '' « »`)
	f.Add("said said said, according to to to")
	f.Add("He’s claiming it's “fine” — she said, adding")
	finder := NewFinder()
	f.Fuzz(func(t *testing.T, text string) {
		qs := finder.Find(text, nil)
		checkSpans(t, text, qs)
		// Mentions at arbitrary places, even out of range, must not break it.
		n := len(text)
		ms := []news.Mention{
			{Span: news.Span{Start: 0, End: n / 2}, Type: news.Person, Text: "X", Entity: "e1"},
			{Span: news.Span{Start: n / 3, End: n + 5}, Type: news.Person},
			{Span: news.Span{Start: n / 4, End: n / 4}, Type: news.Organisation},
			{Span: news.Span{Start: max(n-1, 0), End: n}, Type: news.Person, Entity: "e1"},
			{Span: news.Span{Start: n / 5, End: n / 2}, Type: news.Organisation, Entity: "e2"},
			{Span: news.Span{Start: -3, End: 2}, Type: news.Person},
		}
		checkSpans(t, text, finder.Find(text, ms))
	})
}
