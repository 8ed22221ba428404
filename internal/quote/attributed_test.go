package quote

import (
	"strings"
	"testing"

	"github.com/storyline-news/storyline/internal/news"
)

// TestAttributed checks which quotes of an opinion piece give others'
// words: those in quotation marks, and those a named person or
// organisation says; not the author's argument put in a country's mouth.
func TestAttributed(t *testing.T) {
	text := `Pakistan ought to require that the fighters be moved far from the border. ` +
		`The US expects Islamabad to do more. ` +
		`Interior Minister Mohsin Naqvi demanded that Kabul hand them over. ` +
		`The Nacta chief stated that a number of suspects had fled. ` +
		`The government claims that the camps are in Afghanistan. ` +
		`"We will not wait," the minister said.`
	mention := func(name string, typ news.EntityType) news.Mention {
		i := strings.Index(text, name)
		return news.Mention{Span: news.Span{Start: i, End: i + len(name)}, Text: name, Type: typ}
	}
	mentions := []news.Mention{mention("Pakistan", news.Place), mention("US", news.Place), mention("Islamabad", news.Place),
		mention("Mohsin Naqvi", news.Person), mention("Kabul", news.Place), mention("Nacta", news.Organisation)}
	f := NewFinder()
	qs := f.Find(text, mentions)
	want := map[string]bool{
		"the fighters be moved": false, // Pakistan, a place, "ought to require"
		"Islamabad to do more":  false, // the US, a place, a verb of thinking
		"Kabul hand them over":  true,  // a named person demanded
		"a number of suspects":  true,  // a named organisation stated
		"the camps are in":      false, // no one named
		"We will not wait":      true,  // in quotation marks
	}
	for text, attributed := range want {
		q, ok := findQuote(qs, text)
		if !ok {
			if attributed {
				t.Errorf("no quote %q among %+v", text, qs)
			}
			continue // the finder leaves it out already (a modal cue)
		}
		if got := f.Attributed(q, mentions); got != attributed {
			t.Errorf("Attributed(%q by %q, %s) = %v, want %v", q.Text, q.Speaker, q.Cue, got, attributed)
		}
	}
}
