package storedrows

import (
	"encoding/json"

	"github.com/storyline-news/storyline/internal/news"
)

// Quote receives the columns of a stored quote, in the order Dest gives
// them: start, end, text, speaker, entity, cue, direct, sentence start and
// end, group, kind, speaker start and end, and parts (see partsJSON).
type Quote struct {
	q     news.Quote
	parts string
}

// Dest returns the destinations of a stored quote's columns.
func (r *Quote) Dest() []any {
	q := &r.q
	return []any{&q.Start, &q.End, &q.Text, &q.Speaker, &q.Entity, &q.Cue, &q.Direct, &q.Sentence.Start, &q.Sentence.End,
		&q.Group, &q.Kind, &q.SpeakerSpan.Start, &q.SpeakerSpan.End, &r.parts}
}

// Quote returns the quote received. Pieces that no longer decode are
// left out: the quote is then read in one piece, as quotes stored before
// pieces were kept are.
func (r *Quote) Quote() news.Quote {
	q := r.q
	if r.parts != "" {
		json.Unmarshal([]byte(r.parts), &q.Parts)
	}
	return q
}

// partsJSON is how a quote's Parts are stored: "" for a quote in one
// piece.
func partsJSON(parts []news.Span) string {
	if len(parts) == 0 {
		return ""
	}
	b, _ := json.Marshal(parts) // spans always encode
	return string(b)
}
