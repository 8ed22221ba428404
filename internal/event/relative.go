package event

import (
	"strconv"
	"strings"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// relativeWords is how far back from a trigger "after" or "before" may
// stand: "ten days after [a border clash]", "a week before [the planned
// vote]".
const relativeWords = 4

// relative dates an event that the sentence places by its distance from
// the sentence's own date: in "The two sides agreed on Thursday to talk, two
// days after a clash on the border", the clash is two days before Thursday.
// It returns the date, and whether the trigger stands in such a phrase at
// all: then the sentence's date is not the event's, and an event whose
// distance cannot be resolved is better left undated.
func (d *doc) relative(sent span, h *hit) (news.Timex, bool) {
	k, rel := h.i-1, ""
	for n := 0; k > sent.a && n < relativeWords; n++ {
		if w := strings.ToLower(d.tokText(k)); w == "after" || w == "before" {
			rel = w
			break
		}
		if d.toks[k].kind != kWord {
			return news.Timex{}, false
		}
		k--
	}
	if rel == "" {
		return news.Timex{}, false
	}
	// The duration must end right before "after".
	var dur *news.Timex
	for _, x := range d.s.times {
		t := &d.times[x]
		if t.Type == "DURATION" && t.Span.End <= int(d.toks[k].start) && t.Span.End >= int(d.toks[k-1].start) {
			dur = t
		}
	}
	if dur == nil {
		return news.Timex{}, false
	}
	// A date after the trigger in the same clause is the event's own:
	// "two days before the vote on Sunday".
	trigEnd := int(d.toks[h.j-1].end)
	for _, x := range d.s.times {
		t := &d.times[x]
		if t.Span.Start >= trigEnd && t.Span.End <= int(d.toks[sent.b-1].end) && t.Type == "DATE" &&
			!d.barrierBytes(trigEnd, t.Span.Start) && !d.commaBetween(trigEnd, t.Span.Start) {
			return news.Timex{}, false
		}
	}
	days, ok := durationDays(dur.Value)
	if !ok {
		return news.Timex{}, true
	}
	// The sentence's date: the last day named before the phrase, in the
	// clause it hangs from ("agreed on Thursday, two days after").
	var anchor *news.Timex
	for _, x := range d.s.times {
		t := &d.times[x]
		if t.Span.Start < int(d.toks[sent.a].start) || t.Span.End > dur.Start {
			continue
		}
		if t.Type == "DATE" && t.Precision == news.Day && !t.Begin.IsZero() {
			anchor = t // the last one before the phrase
		}
	}
	if anchor == nil {
		return news.Timex{}, true
	}
	if rel == "after" {
		days = -days
	}
	day := anchor.Begin.AddDate(0, 0, days)
	end := int(d.toks[k].end)
	return news.Timex{
		Span:      news.Span{Start: dur.Start, End: end},
		Text:      d.text[dur.Start:end] + " " + anchor.Text,
		Type:      "DATE",
		Value:     day.Format("2006-01-02"),
		Precision: news.Day,
		Begin:     day,
		End:       day.Add(24 * time.Hour),
	}, true
}

// durationDays reads a duration in days or weeks ("P10D", "P2W"); false for
// other units, whose distance in days is not exact.
func durationDays(v string) (int, bool) {
	if len(v) < 3 || v[0] != 'P' {
		return 0, false
	}
	n, err := strconv.Atoi(v[1 : len(v)-1])
	if err != nil || n <= 0 {
		return 0, false
	}
	switch v[len(v)-1] {
	case 'D':
		return n, true
	case 'W':
		return 7 * n, true
	}
	return 0, false
}

// commaBetween reports whether a comma stands between byte offsets a and b.
func (d *doc) commaBetween(a, b int) bool {
	return strings.Contains(d.text[a:b], ",")
}
