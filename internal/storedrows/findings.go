package storedrows

import (
	"encoding/json"
	"time"

	"github.com/storyline-news/storyline/internal/news"
)

// A Table is rows to insert into one table, each holding the values of
// Cols in order.
type Table struct {
	Name string
	Cols []string
	Rows [][]any
}

// FindingTables returns the rows that store the findings of list, table
// by table: mentions, timexes, quotes, events and signatures. end names
// the column of a span's end ("end" in SQLite; PostgreSQL reserves the
// word). Times are as TimeValue makes them, an event's date as WhenJSON.
func FindingTables(list []news.Analysis, end string) []Table {
	var ments, times, quotes, events, sigs [][]any
	for _, an := range list {
		id := string(an.Article)
		for _, m := range an.Mentions {
			ments = append(ments, []any{id, m.Start, m.End, m.Text, string(m.Type), m.Role, string(m.Entity)})
		}
		for _, t := range an.Timexes {
			times = append(times, []any{id, t.Span.Start, t.Span.End, t.Text, t.Type, t.Value, string(t.Precision), TimeValue(t.Begin), TimeValue(t.End)})
		}
		for _, q := range an.Quotes {
			quotes = append(quotes, []any{id, q.Start, q.End, q.Text, q.Speaker, string(q.Entity), q.Cue, q.Direct, q.Sentence.Start, q.Sentence.End, q.Group, string(q.Kind),
				q.SpeakerSpan.Start, q.SpeakerSpan.End, partsJSON(q.Parts)})
		}
		for _, e := range an.Events {
			events = append(events, []any{id, string(e.Type), e.Trigger, e.Actor, e.Target, e.Place, WhenJSON(e.When), e.Killed, e.Injured, e.Arrested, e.Sentence.Start, e.Sentence.End, e.Group, string(e.Modality)})
		}
		if len(an.Signature) > 0 {
			sigs = append(sigs, []any{id, an.Signature})
		}
	}
	return []Table{
		{"mentions", []string{"article", "start", end, "text", "type", "role", "entity"}, ments},
		{"timexes", []string{"article", "start", end, "text", "type", "value", "precision", "begin_at", "end_at"}, times},
		{"quotes", []string{"article", "start", end, "text", "speaker", "entity", "cue", "direct", "sent_start", "sent_end", "grp", "kind", "speaker_start", "speaker_end", "parts"}, quotes},
		{"events", []string{"article", "type", "trigger", "actor", "target", "place", "when_json", "killed", "injured", "arrested", "sent_start", "sent_end", "grp", "modality"}, events},
		{"signatures", []string{"article", "sig"}, sigs},
	}
}

// TimeValue is how a time is stored: UTC RFC 3339 text, which sorts in
// time order; the zero time is NULL (nil).
func TimeValue(t time.Time) *string {
	if t.IsZero() {
		return nil
	}
	v := t.UTC().Format(time.RFC3339)
	return &v
}

// WhenJSON is how an event's date is stored: JSON, NULL (nil) when it has
// none.
func WhenJSON(t *news.Timex) *string {
	if t == nil {
		return nil
	}
	b, _ := json.Marshal(t)
	v := string(b)
	return &v
}
