package server

import (
	"cmp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/storyline-news/storyline/internal/news"
)

// TimelineEntry is one dated line of a story's timeline.
type TimelineEntry struct {
	// Date is when it happened (for a report: when it was published), to
	// Precision.
	Date      time.Time      `json:"date"`
	Precision news.Precision `json:"precision"`
	// Kind is "event" (an event the analysis found), "date" (a sentence
	// that names a date) or "report" (an article's publication).
	Kind string `json:"kind"`
	// Text is the sentence, or for a report the article's title.
	Text string `json:"text"`
	// When is the date as the sentence writes it ("on Thursday").
	When      string         `json:"when,omitzero"`
	EventType news.EventType `json:"event_type,omitzero"`
	Article   news.ArticleID `json:"article"`
	Outlet    string         `json:"outlet,omitzero"`
	Title     string         `json:"title,omitzero"`
}

// Timeline entry kinds.
const (
	kindEvent  = "event"
	kindDate   = "date"
	kindReport = "report"
)

// timelineDoc is an article with its findings.
type timelineDoc struct {
	a  news.Article
	an news.Analysis
}

// Bounds on a timeline, so that a story of hundreds of articles still
// reads as a page.
const (
	maxDateSentencesPerArticle = 12
	maxTimeline                = 120
	maxSentence                = 600 // bytes shown of one sentence
)

// buildTimeline makes a story's timeline from its original articles: when
// each was published, the events found in them, and the sentences that
// name a day or a month, each dated by what it names. A sentence repeated
// by several articles is shown once.
func buildTimeline(docs []timelineDoc) []TimelineEntry {
	out := []TimelineEntry{}
	seen := make(map[string]bool) // sentences already shown, normalised
	for _, d := range docs {
		pub := cmp.Or(d.a.Published, d.an.Published)
		base := TimelineEntry{Article: d.a.ID, Outlet: d.a.Outlet, Title: d.a.Title}
		if !pub.IsZero() {
			e := base
			e.Date, e.Precision, e.Kind, e.Text = pub, news.Day, kindReport, d.a.Title
			out = append(out, e)
		}
		used := make(map[news.Span]bool)
		for _, ev := range d.an.Events {
			sent, ok := clipSpan(d.a.Text, ev.Sentence)
			if !ok {
				continue
			}
			e := base
			e.Kind, e.EventType = kindEvent, ev.Type
			switch {
			case ev.When != nil && !ev.When.Begin.IsZero():
				e.Date, e.Precision, e.When = ev.When.Begin, ev.When.Precision, ev.When.Text
			default:
				// An event is placed by the date its text gives, never
				// by its report's: the report has its own entry.
				continue
			}
			e.Text = sentenceText(d.a.Text, sent)
			used[sent] = true
			seen[normSentence(e.Text)] = true
			out = append(out, e)
		}
		n := 0
		for _, tx := range d.an.Timexes {
			if n == maxDateSentencesPerArticle {
				break
			}
			if tx.Type != "DATE" || tx.Begin.IsZero() || (tx.Precision != news.Day && tx.Precision != news.Month) {
				continue
			}
			sp, ok := clipSpan(d.a.Text, tx.Span)
			if !ok {
				continue
			}
			sent := sentenceAround(d.a.Text, sp)
			if used[sent] {
				continue
			}
			text := sentenceText(d.a.Text, sent)
			key := normSentence(text)
			if seen[key] {
				continue
			}
			used[sent], seen[key] = true, true
			e := base
			e.Date, e.Precision, e.Kind, e.Text, e.When = tx.Begin, tx.Precision, kindDate, text, tx.Text
			out = append(out, e)
			n++
		}
	}
	order := map[string]int{kindEvent: 0, kindDate: 1, kindReport: 2}
	slices.SortStableFunc(out, func(a, b TimelineEntry) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return cmp.Compare(order[a.Kind], order[b.Kind])
	})
	if len(out) > maxTimeline {
		out = out[:maxTimeline]
	}
	return out
}

// clipSpan reports whether sp is a usable span of text: inside it, not
// empty, and on character boundaries. Spans come from the store and are
// checked before use.
func clipSpan(text string, sp news.Span) (news.Span, bool) {
	if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
		return sp, false
	}
	if !utf8.RuneStart(text[sp.Start]) || (sp.End < len(text) && !utf8.RuneStart(text[sp.End])) {
		return sp, false
	}
	return sp, true
}

// abbreviations end with a period that does not end a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "st": true, "gen": true, "sen": true, "rep": true,
	"gov": true, "lt": true, "col": true, "capt": true, "sgt": true, "prof": true, "no": true, "vs": true,
	"jan": true, "feb": true, "mar": true, "apr": true, "jun": true, "jul": true, "aug": true,
	"sep": true, "sept": true, "oct": true, "nov": true, "dec": true, "u.s": true, "u.k": true, "e.g": true, "i.e": true,
}

// sentenceAround widens sp to the sentence that holds it: from after the
// previous sentence end or line break to the next one.
func sentenceAround(text string, sp news.Span) news.Span {
	start := sp.Start
	for start > 0 {
		if text[start-1] == '\n' {
			break
		}
		if start >= 2 && isSpace(text[start-1]) && endsSentence(text, start-1) {
			break
		}
		start--
	}
	end := sp.End
	for end < len(text) && text[end] != '\n' {
		if isSpace(text[end]) && endsSentence(text, end) {
			break
		}
		end++
	}
	for start < end && isSpace(text[start]) {
		start++
	}
	return news.Span{Start: start, End: end}
}

// endsSentence reports whether the text before position i (a space) ends
// a sentence: a period, question or exclamation mark, perhaps inside
// closing quotes, that does not end an abbreviation or an initial.
func endsSentence(text string, i int) bool {
	j := i
	for j > 0 && strings.ContainsRune(`"')]”’`, rune(text[j-1])) {
		j--
	}
	if j == 0 || !strings.ContainsRune(".!?", rune(text[j-1])) {
		// Closing curly quotes are multi-byte: look through them.
		if j >= 3 && (strings.HasSuffix(text[:j], "”") || strings.HasSuffix(text[:j], "’")) {
			return endsSentence(text, j-2)
		}
		return false
	}
	if text[j-1] != '.' {
		return true
	}
	w := j - 1
	for w > 0 && !isSpace(text[w-1]) && text[w-1] != '(' {
		w--
	}
	word := strings.ToLower(strings.Trim(text[w:j-1], `"'(`))
	if len(word) == 1 || abbreviations[word] {
		return false
	}
	return true
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// sentenceText returns the text of sp, clipped to maxSentence bytes on a
// character boundary.
func sentenceText(text string, sp news.Span) string {
	s := strings.TrimSpace(text[sp.Start:sp.End])
	if len(s) <= maxSentence {
		return s
	}
	cut := maxSentence
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	if i := strings.LastIndexByte(s[:cut], ' '); i > maxSentence/2 {
		cut = i
	}
	return s[:cut] + " …"
}

// normSentence is the key under which repeated sentences are shown once.
func normSentence(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}
