package event

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/storyline-news/storyline/internal/news"
	"github.com/storyline-news/storyline/internal/timex"
)

// names returns a mention for every occurrence in text of each name, given
// as "TYPE:Name" ("LOC:Port Elsen"), as a tagger would.
func names(text string, specs ...string) []news.Mention {
	var out []news.Mention
	for _, spec := range specs {
		typ, name, _ := strings.Cut(spec, ":")
		for off := 0; ; {
			i := strings.Index(text[off:], name)
			if i < 0 {
				break
			}
			s := off + i
			out = append(out, news.Mention{Span: news.Span{Start: s, End: s + len(name)}, Text: name, Type: news.EntityType(typ)})
			off = s + len(name)
		}
	}
	return out
}

// refDate is the publication date of the fictional test articles.
var refDate = time.Date(2023, 5, 10, 0, 0, 0, 0, time.UTC)

// times returns the temporal expressions of text, as of published.
func times(text string, published time.Time) []news.Timex {
	return timex.New().Find(text, published)
}

// describe prints events for failure messages.
func describe(evs []news.Event) string {
	var b strings.Builder
	for _, e := range evs {
		when := ""
		if e.When != nil {
			when = e.When.Value
		}
		fmt.Fprintf(&b, "\n  %s %q actor=%q target=%q place=%q when=%q killed=%d injured=%d arrested=%d modality=%q",
			e.Type, e.Trigger, e.Actor, e.Target, e.Place, when, e.Killed, e.Injured, e.Arrested, e.Modality)
	}
	if b.Len() == 0 {
		return " none"
	}
	return b.String()
}

// checkSpans fails when an event's sentence does not fit text or does not
// hold its trigger.
func checkSpans(t *testing.T, text string, evs []news.Event) {
	t.Helper()
	for _, e := range evs {
		s := e.Sentence
		if s.Start < 0 || s.Start >= s.End || s.End > len(text) {
			t.Errorf("event %q: sentence span %v outside text of %d bytes", e.Trigger, s, len(text))
			continue
		}
		if !strings.Contains(text[s.Start:s.End], e.Trigger) {
			t.Errorf("event %q: trigger not in its sentence %q", e.Trigger, text[s.Start:s.End])
		}
		// Arguments come from the sentence, or from the one before for a
		// pronoun: they are text of the article.
		for _, a := range []string{e.Actor, e.Target, e.Place} {
			if a != "" && !strings.Contains(text, a) {
				t.Errorf("event %q: argument %q not in the text", e.Trigger, a)
			}
		}
	}
}

// seedsDir holds the five seed articles, beside the checkout.
const seedsDir = "../../../shared/seeds"

// readSeed returns the seed article whose name starts with prefix, or skips.
func readSeed(t testing.TB, prefix string) string {
	t.Helper()
	matches, _ := filepath.Glob(filepath.Join(seedsDir, prefix+"_*.txt"))
	if len(matches) == 0 {
		t.Skipf("seed %s not found under %s", prefix, seedsDir)
	}
	b, err := os.ReadFile(matches[0])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
